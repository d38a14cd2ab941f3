"""An episode's analysed lines found by their line numbers, without a dict of them."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

from ..model import AnalyzedLine


class LinesByNumber(Mapping[int, AnalyzedLine]):
    """Line number -> analysed line. The numbers are held as one array, bisected, beside the lines'
    own sequence: a dict of a long episode's lines cost about a third of its input each time a stage
    made one (docs/benchmarks.md), the array 8 bytes a line. Lines whose numbers do not strictly rise
    (no stage makes such) are found through a dict instead."""

    __slots__ = ("_lines", "_numbers", "_dict")

    def __init__(self, analyzed: Sequence[AnalyzedLine]):
        numbers = array("q", (item.line.number for item in analyzed))
        rising = all(a < b for a, b in zip(numbers, numbers[1:]))
        self._lines = analyzed
        self._numbers = numbers if rising else None
        self._dict = None if rising else {item.line.number: item for item in analyzed}

    def __getitem__(self, number: int) -> AnalyzedLine:
        if self._dict is not None:
            return self._dict[number]
        numbers = self._numbers
        try:
            position = bisect_left(numbers, number)  # type: ignore[arg-type]
        except TypeError:
            raise KeyError(number) from None  # not a line number: missing, as a dict would say
        if position == len(numbers) or numbers[position] != number:  # type: ignore[arg-type, index]
            raise KeyError(number)
        return self._lines[position]

    def __contains__(self, number: object) -> bool:
        try:
            self[number]  # type: ignore[index]
        except (KeyError, TypeError):
            return False
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(self._dict if self._dict is not None else self._numbers)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._dict if self._dict is not None else self._lines)
