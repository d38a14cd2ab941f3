"""Character spans of a line found by bisection.

A line may be one subtitle cue of thousands of words, holding hundreds of names: a stage that looks,
for each piece of a line, at every name of the line costs the square of the line's length. These
lookups cost the logarithm instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
from typing import TypeVar

Item = TypeVar("Item")

_START, _END = attrgetter("start"), attrgetter("end")


def overlapping(
    items: Sequence[Item],
    start: int,
    end: int,
    start_of: Callable[[Item], int] = _START,
    end_of: Callable[[Item], int] = _END,
) -> Sequence[Item]:
    """The items that overlap [start, end), in order. `items` are spans in order that do not overlap
    one another (a line's names, its marks), so their ends are in order too."""
    return items[bisect_right(items, start, key=end_of) : bisect_left(items, end, key=start_of)]


def merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` in order with the overlapping ones joined: the same characters, ready for `overlapping`."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


class SpanSet:
    """Character spans of a line, joined where they overlap and kept in order: whether a new span
    overlaps any is found by bisection, however many the line holds."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()):
        self._spans = merged(spans)

    def overlaps(self, start: int, end: int) -> bool:
        return bool(overlapping(self._spans, start, end, _FIRST, _SECOND))

    def add(self, start: int, end: int) -> None:
        spans = self._spans
        first = bisect_right(spans, start, key=_SECOND)
        last = bisect_left(spans, end, key=_FIRST)
        if first < last:
            start, end = min(start, spans[first][0]), max(end, spans[last - 1][1])
        spans[first:last] = [(start, end)]


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
