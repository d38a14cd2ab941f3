"""What the reading-rate timing holds for every line at once, as columns: each line's cue widths, and
each line's span as it is laid.

Timing from a reading rate reads every line's widths twice (how long each line takes to say, then how
its span is shared among its cues) and lays every line's span before sharing any: as lists of floats
and `Span` objects these were about 8x the input of a transcript of short lines (subtitle files, the
shared transcript), all alive at the subtitles' peak (issue 20). Here they are a few arrays.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..columns import Columns

if TYPE_CHECKING:  # for the annotation only: estimate.py imports this module
    from .estimate import Span

_UNLAID = -(2**63)  # no time is this: a line whose span is not laid yet


class WidthRows(Columns[Sequence[float]]):
    """Each line's cue widths (display width units), one row a line, read back as arrays of floats
    (a width is a float, and a float round-trips through an array of doubles unchanged)."""

    __slots__ = ("_widths", "_ends")

    def __init__(self, rows: Iterable[Sequence[float]]):
        self._widths = array("d")
        ends = [0]
        for row in rows:
            self._widths.extend(row)
            ends.append(len(self._widths))
        self._ends = array("q", ends)

    def __len__(self) -> int:
        return len(self._ends) - 1

    def _row(self, index: int) -> Sequence[float]:
        return self._widths[self._ends[index] : self._ends[index + 1]]


class SpanColumns:
    """Each line's span, set once as the lines are laid (`spans[index] = Span(...)`) and read back as
    its start and end; `laid()` says whether every line has one."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, count: int):
        self._starts = array("q", [_UNLAID]) * count
        self._ends = array("q", [_UNLAID]) * count

    def __setitem__(self, index: int, span: Span) -> None:
        self._starts[index] = span.start_ms
        self._ends[index] = span.end_ms

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self._starts[index], self._ends[index]

    def __len__(self) -> int:
        return len(self._starts)

    def laid(self) -> bool:
        return _UNLAID not in self._starts
