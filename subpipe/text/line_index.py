"""An episode's lines (analysed, or their texts) found by their line numbers, without a dict of them."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from ..columns import narrowed
from ..model import AnalyzedLine, Line

Value = TypeVar("Value")


class _ByNumber(Mapping[int, Value], Generic[Value]):
    """Line number -> what a subclass reads of the line (`_value`). The numbers are held as one array,
    bisected, beside the lines' own sequence: a dict of a long episode's lines cost about a third of its
    input each time a stage made one (docs/benchmarks.md), the array 4 bytes a line. Lines whose
    numbers do not strictly rise (no stage makes such) are found through a dict instead."""

    __slots__ = ("_lines", "_numbers", "_dict")

    def __init__(self, lines: Sequence[Any]):
        numbers = narrowed(array("q", (self._number(item) for item in lines)))
        rising = all(a < b for a, b in zip(numbers, numbers[1:]))
        self._lines = lines
        self._numbers = numbers if rising else None
        self._dict = None if rising else {self._number(item): self._value(item) for item in lines}

    @staticmethod
    def _number(item: Any) -> int:
        raise NotImplementedError

    @staticmethod
    def _value(item: Any) -> Value:
        raise NotImplementedError

    def __getitem__(self, number: int) -> Value:
        if self._dict is not None:
            return self._dict[number]
        numbers = self._numbers
        try:
            position = bisect_left(numbers, number)  # type: ignore[arg-type]
        except TypeError:
            raise KeyError(number) from None  # not a line number: missing, as a dict would say
        if position == len(numbers) or numbers[position] != number:  # type: ignore[arg-type, index]
            raise KeyError(number)
        return self._value(self._lines[position])

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


class LinesByNumber(_ByNumber[AnalyzedLine]):
    """Line number -> analysed line."""

    __slots__ = ()

    @staticmethod
    def _number(item: AnalyzedLine) -> int:
        return item.line.number

    @staticmethod
    def _value(item: AnalyzedLine) -> AnalyzedLine:
        return item


class TextsByNumber(_ByNumber[str]):
    """Line number -> the line's text, over the transcript's lines."""

    __slots__ = ()

    @staticmethod
    def _number(item: Line) -> int:
        return item.number

    @staticmethod
    def _value(item: Line) -> str:
        return item.text
