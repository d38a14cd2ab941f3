"""A table held as columns whose rows are made when asked for: where an episode has tens of thousands of
something (the sentence model's pieces and boundaries, a long episode's cues), an object each costs more
memory than the episode's words."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

Row = TypeVar("Row")


class Columns(Sequence[Row]):
    """A read-only sequence of rows: a subclass keeps the columns and makes row `index` (`_row`)."""

    __slots__ = ()

    def _row(self, index: int) -> Row:
        raise NotImplementedError

    def _rows(self, indexes: range) -> Sequence[Row]:
        """The rows a slice asks for (a list; a subclass standing for a tuple gives a tuple)."""
        return [self._row(index) for index in indexes]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return self._rows(range(*index.indices(len(self))))
        # A negative index counts from the end, as a list's does; a range says what is out of range.
        return self._row(range(len(self))[index])

    def __iter__(self) -> Iterator[Row]:
        return map(self._row, range(len(self)))
