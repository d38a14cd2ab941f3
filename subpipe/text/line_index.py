"""Line number -> what an episode keeps of each line, without a dict of every line.

A dict of a long episode's lines cost about a third of its input each time a stage made one
(docs/benchmarks.md). Here the numbers are one array, bisected (2 or 4 bytes a line where they fit), and
each mapping reads its values from a sequence it already has, by the line's position."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from ..columns import grown, narrowed
from ..model import AnalyzedLine, Line
from .line_table import AnalyzedTable, line_numbers, numbers_of, text_at

Value = TypeVar("Value")


class LinePositions:
    """Line number -> its position among `numbers`. Numbers that do not strictly rise (no stage gives
    such) are found through a dict instead, the last position of a number winning, as in a dict."""

    __slots__ = ("_numbers", "_dict")

    def __init__(self, numbers: Iterable[int]):
        column = array("q", numbers)
        rising = all(a < b for a, b in zip(column, column[1:]))
        self._numbers = narrowed(column) if rising else None
        self._dict = None if rising else {number: position for position, number in enumerate(column)}

    def position(self, number: object) -> int:
        """KeyError for a number not among them (or not a number), as a dict would say."""
        if self._dict is not None:
            return self._dict[number]
        numbers = self._numbers
        try:
            position = bisect_left(numbers, number)  # type: ignore[arg-type]
        except TypeError:
            raise KeyError(number) from None
        if position == len(numbers) or numbers[position] != number:  # type: ignore[arg-type, index]
            raise KeyError(number)
        return position

    def __iter__(self) -> Iterator[int]:
        return iter(self._dict if self._dict is not None else self._numbers)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._dict if self._dict is not None else self._numbers)  # type: ignore[arg-type]


class ByLineNumber(Mapping[int, Value], Generic[Value]):
    """A read-only mapping of line numbers: a subclass gives the value at a position (`_at`)."""

    __slots__ = ("_positions",)

    def __init__(self, numbers: Iterable[int]):
        self._positions = LinePositions(numbers)

    def _at(self, position: int) -> Value:
        raise NotImplementedError

    def __getitem__(self, number: int) -> Value:
        return self._at(self._positions.position(number))

    def position(self, number: int) -> int:
        """`number`'s place among the numbers given (KeyError when it is not among them)."""
        return self._positions.position(number)

    def __contains__(self, number: object) -> bool:
        try:
            self._positions.position(number)
        except (KeyError, TypeError):  # TypeError: an unhashable key, as a dict says
            return False
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


class LinesByNumber(ByLineNumber[AnalyzedLine]):
    """Line number -> analysed line."""

    __slots__ = ("_lines",)

    def __init__(self, analyzed: Sequence[AnalyzedLine]):
        super().__init__(line_numbers(analyzed))
        self._lines = analyzed

    def _at(self, position: int) -> AnalyzedLine:
        return self._lines[position]

    def text(self, number: int) -> str:
        """The line's source text (KeyError for a number not among them), without making the line where
        the lines are a table."""
        position, lines = self._positions.position(number), self._lines
        return lines.text(position) if isinstance(lines, AnalyzedTable) else lines[position].line.text


class TextsByNumber(ByLineNumber[str]):
    """Line number -> the line's text, over the transcript's lines."""

    __slots__ = ("_lines",)

    def __init__(self, lines: Sequence[Line]):
        super().__init__(numbers_of(lines))
        self._lines = lines

    def _at(self, position: int) -> str:
        return text_at(self._lines, position)


class SpansByNumber(ByLineNumber[tuple[tuple[int, int], ...]]):
    """Line number -> the (start, end) spans given for it, in the order given, as columns: a dict of
    every named line's list of pairs was about 0.8x the input of a long episode of short lines, held
    while its cues were made."""

    __slots__ = ("_firsts", "_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int, int]]):
        """`spans`: (line, start, end), in any order of lines."""
        lines, firsts, starts, ends = array("q"), array("h"), array("h"), array("h")
        # Sorted by line only, and stably: a line's spans keep the order they were given in.
        for line, start, end in sorted(spans, key=lambda span: span[0]):
            if not lines or line != lines[-1]:
                lines.append(line)
                firsts = grown(firsts, len(starts))
            starts = grown(starts, start)
            ends = grown(ends, end)
        firsts = grown(firsts, len(starts))
        super().__init__(lines)  # narrowed there
        self._firsts, self._starts, self._ends = firsts, starts, ends

    def _at(self, position: int) -> tuple[tuple[int, int], ...]:
        first, last = self._firsts[position], self._firsts[position + 1]
        return tuple(zip(self._starts[first:last], self._ends[first:last]))
