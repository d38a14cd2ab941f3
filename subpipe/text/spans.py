"""Character spans of a line found by bisection.

A line may be one subtitle cue of thousands of words, holding hundreds of names: a stage that looks,
for each piece of a line, at every name of the line costs the square of the line's length. These
lookups cost the logarithm instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter
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
