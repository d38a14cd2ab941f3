"""A table held as columns whose rows are made when asked for: where an episode has tens of thousands of
something (the sentence model's pieces and boundaries, a long episode's cues), an object each costs more
memory than the episode's words."""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

Row = TypeVar("Row")

# An integer column holds Python ints below this: a time (146 million years in ms), index, line or offset
# beyond it is not an episode's.
LARGEST = 2**62


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


# A column starts in 2 bytes a value and is copied into a wider size the first time a value does not fit.
_WIDER = {"h": ("i", "q"), "i": ("q",), "q": ()}


def grown(column: array, value: int) -> array:
    """`column` with `value` appended: the column itself, or where the value does not fit its size, a
    copy in the narrowest wider size that holds it. Filled so, a column takes no more than its values
    need and is never held at 8 bytes a value to be narrowed afterwards (both copies at once, at a
    stage's peak). A value beyond 8 bytes raises OverflowError, as an array does."""
    try:
        column.append(value)
        return column
    except OverflowError:
        pass
    for typecode in _WIDER[column.typecode]:
        wider = array(typecode, column)
        try:
            wider.append(value)
        except OverflowError:
            continue
        return wider
    raise OverflowError(f"{value} does not fit in an integer column")


def narrowed(column: array) -> array:
    """`column` in 2 bytes a value where every value fits (an offset within a line, a speaker's or final
    mark's place, an index below 32,768), else in 4 where every value fits (every index, line and offset
    an episode has, and times up to 596 hours), else as it is."""
    lowest, highest = (min(column), max(column)) if column else (0, 0)
    for typecode, bits in (("h", 16), ("i", 32)):
        if -(2 ** (bits - 1)) <= lowest and highest < 2 ** (bits - 1):
            return array(typecode, column)
    return column


def is_count(value: object) -> bool:
    """A value an integer column gives back the same: a Python int (not a bool, nor numpy's integers,
    which would come back as Python ints), not negative, below `LARGEST`."""
    return type(value) is int and 0 <= value < LARGEST


class Places:
    """Each distinct value of a column of few (final marks, speakers), numbered as first seen: the column
    holds each row's place, `places[place]` gives the value back. Found through a dict (a labelled
    transcript may have hundreds of speakers); equal only when of the same type, so it reads back as
    given."""

    __slots__ = ("_values", "_place")

    def __init__(self, values: Iterable[Hashable] = ()):
        self._values: list = []
        self._place: dict[tuple[type, Hashable], int] = {}
        for value in values:
            self.place(value)

    def place(self, value: Hashable) -> int:
        """`value`'s place, added when new."""
        key = (type(value), value)
        place = self._place.get(key)
        if place is None:
            place = self._place[key] = len(self._values)
            self._values.append(value)
        return place

    def __getitem__(self, place: int):
        return self._values[place]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator:
        return iter(self._values)

    def __reduce__(self):
        return Places, (self._values,)  # the dict is made again from them
