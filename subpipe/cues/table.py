"""A long episode's cues held as columns, each made into a `Cue` when read.

A cue object with its tuples and integers costs 200-400 bytes, ten times the text it shows: an episode
of tens of thousands of cues held its two cue sets at about 12x its input (docs/benchmarks.md). Made
into objects as they are read, they cost about 13% more warm time, since every output and several
stages read every cue; so only a cue set no ordinary episode reaches is packed (a three-hour podcast
makes about 4,000 cues).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from ..model import Cue

# A cue set of at least this many cues is packed; fewer stay a tuple of cues.
PACK_AT = 10_000

# In the span and line columns: no span, or not exactly one source line (offsets and line numbers are
# never negative).
_NONE = -1


def pack(cues: Sequence[Cue], at: int | None = None) -> Sequence[Cue]:
    """`cues` as a `CueTable` when there are at least `at` (default `PACK_AT`) of them and every one can
    be packed; else as they are."""
    if len(cues) < (PACK_AT if at is None else at) or isinstance(cues, CueTable):
        return cues
    # A display line never holds a line break (shape.tidy makes each one line); one that did could not
    # be told from two, so such a set stays as it is rather than coming back different.
    if any("\n" in text for cue in cues for text in cue.text_lines):
        return cues
    return CueTable(cues)


class CueTable(Sequence[Cue]):
    """Cues as columns: index, times, first source line, span and confidence as arrays; the shown text
    as one string, a cue's lines joined by line breaks. Reads back equal to the cues it was made of."""

    __slots__ = ("_index", "_start_ms", "_end_ms", "_line", "_other_lines", "_span_start", "_span_end",
                 "_confidence", "_without_text", "_text", "_text_ends")

    def __init__(self, cues: Sequence[Cue]):
        self._index = array("q", (cue.index for cue in cues))
        self._start_ms = array("q", (cue.start_ms for cue in cues))
        self._end_ms = array("q", (cue.end_ms for cue in cues))
        self._line = array("q", (cue.source_lines[0] if len(cue.source_lines) == 1 else _NONE for cue in cues))
        # A cue of any other number of source lines (none, or several joined) keeps its tuple.
        self._other_lines = {n: cue.source_lines for n, cue in enumerate(cues) if len(cue.source_lines) != 1}
        self._span_start = array("q", (cue.span[0] if cue.span is not None else _NONE for cue in cues))
        self._span_end = array("q", (cue.span[1] if cue.span is not None else 0 for cue in cues))
        # NaN for a cue without a confidence: a confidence is a number from 0 to 1.
        self._confidence = array("d", (cue.confidence if cue.confidence is not None else float("nan") for cue in cues))
        # A cue showing no line at all joins to "" as one showing one empty line does: told apart here.
        self._without_text = frozenset(n for n, cue in enumerate(cues) if not cue.text_lines)
        texts = ["\n".join(cue.text_lines) for cue in cues]
        self._text = "".join(texts)
        ends = array("q")
        end = 0
        for text in texts:
            end += len(text)
            ends.append(end)
        self._text_ends = ends

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, position: int) -> Cue: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[Cue, ...]: ...

    def __getitem__(self, position: int | slice) -> Cue | tuple[Cue, ...]:
        if isinstance(position, slice):
            return tuple(self._cue(n) for n in range(*position.indices(len(self))))
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError("cue index out of range")
        return self._cue(position)

    def __iter__(self) -> Iterator[Cue]:
        return map(self._cue, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (CueTable, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    # Equal to the tuple of its cues, but not hashed as one (that would make every cue): unhashable, as a list is.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CueTable({len(self)} cues)"

    def _cue(self, n: int) -> Cue:
        start = self._text_ends[n - 1] if n else 0
        text = self._text[start : self._text_ends[n]]
        lines = tuple(text.split("\n")) if n not in self._without_text else ()
        line = self._line[n]
        span_start = self._span_start[n]
        confidence = self._confidence[n]
        return Cue(
            self._index[n],
            self._start_ms[n],
            self._end_ms[n],
            lines,
            (line,) if line != _NONE else self._other_lines[n],
            (span_start, self._span_end[n]) if span_start != _NONE else None,
            confidence if confidence == confidence else None,  # NaN is the only value not equal to itself
        )
