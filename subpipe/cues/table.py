"""A long episode's cues held as columns, each made into a `Cue` when read.

A cue object with its tuples and integers costs 200-400 bytes, ten times the text it shows: an episode
of tens of thousands of cues held its two cue sets at about 12x its input (docs/benchmarks.md). Made
into objects as they are read, they cost about 13% more warm time, since every output and several
stages read every cue; so only a cue set no ordinary episode reaches is packed (a three-hour podcast
makes about 4,000 cues).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence

from ..columns import LARGEST, Columns, grown, is_count
from ..model import Cue

# A cue set of at least this many cues is packed; fewer stay a tuple of cues.
PACK_AT = 10_000

# Cue texts joined into one string at a time while a table is filled.
_TEXT_RUN = 1024

# In the span and line columns: no span, or not exactly one source line (a table holds only cues whose
# offsets and line numbers are not negative).
_NONE = -1


def pack(cues: Sequence[Cue], at: int | None = None) -> Sequence[Cue]:
    """`cues` as a `CueTable` when there are at least `at` (default `PACK_AT`) of them and every one can
    be packed (`CueTable` says which can); else as they are."""
    if len(cues) < (PACK_AT if at is None else at) or isinstance(cues, CueTable):
        return cues
    try:
        return CueTable(cues)
    except ValueError:
        return cues


def pack_as_made(cues: Iterable[Cue], count: int, at: int | None = None) -> Sequence[Cue]:
    """The `count` cues that `cues` makes, packed as each is made when there are at least `at` (default
    `PACK_AT`) of them, so that no more than one of them is ever an object; else a tuple. A set holding
    a cue that cannot be packed (`CueTable`) is a tuple too, the whole of it, in order."""
    if count < (PACK_AT if at is None else at):
        return tuple(cues)
    made = iter(cues)
    table, refused = CueTable._filled(made)
    if refused is None:
        return table
    return (*table, refused, *made)


class CueTable(Columns[Cue]):
    """Cues as columns: index, times, first source line, span and confidence as arrays; the shown text
    as one string, a cue's lines joined by line breaks. Reads back equal to the cues it was made of, each
    field of the same type; a cue it could not give back so is refused (ValueError): a display line
    holding a line break (the shaper never makes one: it could not be told from two lines), a negative
    line number or span offset, a NaN or non-float confidence, a time or index that is not a Python int
    or beyond about 2**62."""

    __slots__ = ("_index", "_start_ms", "_end_ms", "_line", "_other_lines", "_span_start", "_span_end",
                 "_confidence", "_without_text", "_text", "_text_ends")

    def __init__(self, cues: Iterable[Cue]):
        refused = self._fill(iter(cues))
        if refused is not None:
            number = len(self._index)
            raise ValueError(f"cue {number} ({refused.index}) cannot be held as columns and read back the same")

    @classmethod
    def _filled(cls, cues: Iterator[Cue]) -> tuple["CueTable", Cue | None]:
        """A table of the cues `cues` gives, up to the first that cannot be packed (returned too; the
        iterator is left after it)."""
        table = cls.__new__(cls)
        return table, table._fill(cues)

    def _fill(self, cues: Iterator[Cue]) -> Cue | None:
        """The columns filled from `cues` up to the first that cannot be packed, which is returned."""
        # Filled in 2 bytes a value, each column wider only where its values need it (`grown`).
        index, start_ms, end_ms, first_line = array("h"), array("h"), array("h"), array("h")
        span_start, span_end, text_ends = array("h"), array("h"), array("h")
        self._confidence = array("d")
        # A cue of any other number of source lines (none, or several joined) keeps its tuple.
        self._other_lines: dict[int, tuple[int, ...]] = {}
        # A cue showing no line at all joins to "" as one showing one empty line does: told apart here.
        without_text: set[int] = set()
        # The shown texts, joined a run at a time: one string for many cues, not an object each.
        texts: list[str] = []
        run: list[str] = []
        end = 0
        refused = None
        for number, cue in enumerate(cues):
            if not _packable(cue):
                refused = cue
                break
            index = grown(index, cue.index)
            start_ms = grown(start_ms, cue.start_ms)
            end_ms = grown(end_ms, cue.end_ms)
            if len(cue.source_lines) == 1:
                first_line = grown(first_line, cue.source_lines[0])
            else:
                first_line = grown(first_line, _NONE)
                self._other_lines[number] = cue.source_lines
            span_start = grown(span_start, cue.span[0] if cue.span is not None else _NONE)
            span_end = grown(span_end, cue.span[1] if cue.span is not None else 0)
            # NaN for a cue without a confidence (a cue's own confidence is never NaN: `_packable`).
            self._confidence.append(cue.confidence if cue.confidence is not None else math.nan)
            if not cue.text_lines:
                without_text.add(number)
            text = "\n".join(cue.text_lines)
            end += len(text)
            text_ends = grown(text_ends, end)
            run.append(text)
            if len(run) == _TEXT_RUN:
                texts.append("".join(run))
                run.clear()
        texts.append("".join(run))
        self._without_text = frozenset(without_text)
        self._text = "".join(texts)
        self._index, self._start_ms, self._end_ms, self._line = index, start_ms, end_ms, first_line
        self._span_start, self._span_end, self._text_ends = span_start, span_end, text_ends
        if all(map(math.isnan, self._confidence)):  # no cue timed from audio
            self._confidence = None
        return refused

    def __len__(self) -> int:
        return len(self._index)

    def _rows(self, indexes: range) -> tuple[Cue, ...]:
        return tuple(map(self._row, indexes))  # a slice of cues is a tuple, as the cues of a short episode are

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (CueTable, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    # Equal to the tuple of its cues, but not hashed as one (that would make every cue): unhashable, as a list is.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CueTable({len(self)} cues)"

    def _row(self, n: int) -> Cue:
        start = self._text_ends[n - 1] if n else 0
        text = self._text[start : self._text_ends[n]]
        lines = tuple(text.split("\n")) if n not in self._without_text else ()
        line = self._line[n]
        span_start = self._span_start[n]
        confidence = self._confidence[n] if self._confidence is not None else math.nan
        return Cue(
            self._index[n],
            self._start_ms[n],
            self._end_ms[n],
            lines,
            (line,) if line != _NONE else self._other_lines[n],
            (span_start, self._span_end[n]) if span_start != _NONE else None,
            None if math.isnan(confidence) else confidence,
        )


def _packable(cue: Cue) -> bool:
    """Whether the columns give `cue` back the same, field by field and type by type."""
    return (
        # A time or index may be negative (a cue before the file's start), within the same bound.
        all(type(value) is int and abs(value) < LARGEST for value in (cue.index, cue.start_ms, cue.end_ms))
        and all(map(is_count, cue.source_lines))
        and (cue.span is None or all(map(is_count, cue.span)))
        and (cue.confidence is None or (type(cue.confidence) is float and not math.isnan(cue.confidence)))
        and not any("\n" in text for text in cue.text_lines)
    )
