"""An episode's lines as timed cues: each line shaped into cue-sized pieces, then timed."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat

from ..model import AnalyzedLine, Cue, Line, TimingMethod
from ..settings import ShapeSettings, TimingSettings
from ..text.width import display_width
from ..timing import time_chunks
from ..timing.audio import Speech
from ..timing.estimate import Span, max_chunk_width, speaking_ms
from ..text import token_rows
from ..text.line_index import ByLineNumber
from ..text.line_table import lines_of
from .shape import Chunk, LineShaper
from .shaped_table import ShapedTable, chunk_count
from . import table
from .table import pack_as_made

# Chunks of each line, in the order of the maker's lines. A line's list may be shared by several
# shapes (a line most often comes out the same in each): replace a line's list, never change one.
Shaped = list[list[Chunk]]
# The lines as one shape cut them, as a maker holds them: a long episode's in a table (`ShapedTable`).
Cut = Sequence[list[Chunk]]


@dataclass
class CueMaker:
    """Makes the cues of one episode's lines, as often as the episode needs them (the Chinese cues;
    the one-line cues of the bilingual file; narrower ones to make room for a translation).

    `protected` maps a line number to the spans kept whole (names); `speech`, the episode's audio,
    times the cues from it; `shaper` keeps what shaping found out about each line, so the second call
    on the same lines reuses the first one's cut search. `reading_ms` gives lines with a translation
    the time its English takes to read: a line timed from a speaking rate lasts at least that long, so
    that the slower of the two readers has time."""

    analyzed: Sequence[AnalyzedLine]
    shape: ShapeSettings
    timing: TimingSettings
    shaper: LineShaper
    protected: Mapping[int, Sequence[tuple[int, int]]]
    speech: Speech | None = None
    reading_ms: Mapping[int, int] = field(default_factory=dict)
    # The lines shaped by each (shape, caps) asked for: the one-line cues are asked for twice (room for
    # the bilingual file's cues, then those cues). Not carried over by `replace`.
    _shaped: dict[tuple, Cut] = field(default_factory=dict, init=False, repr=False, compare=False)
    # One tuple for each line's number and for each (start, end) of a cue's text, however many cues of
    # however many calls share it: an episode's cues are a large part of its memory. Cues packed as
    # they are made (`cues/table.py`) keep no tuple, and share none.
    _tuples: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def cues(
        self,
        shape: ShapeSettings | None = None,
        chunk_caps: Mapping[int, float] | None = None,
        follow: tuple[Sequence[Cue], TimingMethod] | None = None,
        room_for: ShapeSettings | None = None,
    ) -> tuple[Sequence[Cue], TimingMethod]:
        """Every line shaped (by `shape`, else the maker's own settings) and timed. `chunk_caps` narrows
        the cues of some lines (line number -> widest cue); `follow` (other cues of the same lines and
        their timing) makes each line keep those cues' time, shared among its new cues, so that every
        file shows a line at the same moment; `room_for`, the shape of the cues that will follow these
        (one line a cue, for the bilingual file), gives each estimated line time enough for those too."""
        shape = shape or self.shape
        caps = chunk_caps or {}
        self._shape_lines([shape] if room_for is None else [shape, room_for], caps)
        shaped = self._shaped[_shaped_key(shape, caps)]
        spans = (line_spans(follow[0]), follow[1]) if follow is not None else None
        room = self._shaped[_shaped_key(room_for, caps)] if room_for is not None else None
        return self.timed(shaped, spans, room=room)

    def shaped(self, shape: ShapeSettings | None = None, chunk_caps: Mapping[int, float] | None = None) -> Shaped:
        """Each line cut into chunks by `shape` (else the maker's settings), no wider than `chunk_caps`."""
        shape = shape or self.shape
        caps = chunk_caps or {}
        self._shape_lines([shape], caps)
        # A list of its own: a caller may put other chunks in a line's place (translated.fit_translation).
        return list(self._shaped[_shaped_key(shape, caps)])

    def forget(self, shape: ShapeSettings | None = None) -> None:
        """Let go of the lines as cut by `shape` (else the maker's own settings), however capped: cut
        lines are most of what making a long episode's subtitles holds, and a set of cues once made is
        not cut again."""
        shape = shape or self.shape
        self._shaped = {key: shaped for key, shaped in self._shaped.items() if key[0] != shape}

    def _shape_lines(self, shapes: Sequence[ShapeSettings], caps: Mapping[int, float]) -> None:
        """Each line cut by each of `shapes` it is not cut by yet, in one pass over the lines, so that a
        line's units are found once for all of them (`LineShaper.shape_each`). A line without a cap of
        its own is cut as it was without caps, where that is known."""
        wanted = list(dict.fromkeys(shape for shape in shapes if _shaped_key(shape, caps) not in self._shaped))
        if not wanted:
            return
        uncapped = [self._shaped.get(_shaped_key(shape, {})) for shape in wanted]
        # Most lines fit a cue of one line, and come out the same in every shape: held once.
        earlier = next(iter(self._shaped.values()), None)
        # A long episode's cuts are held as tables (`ShapedTable`), which share nothing and need not.
        packed = len(self.analyzed) >= token_rows.PACK_LINES
        made: list[ShapedTable | Shaped] = [ShapedTable() if packed else [] for _ in wanted]
        for index, item in enumerate(self.analyzed):
            cap = caps.get(item.line.number)
            known = [shaped[index] if shaped is not None and cap is None else None for shaped in uncapped]
            widest = min(_chunk_cap(item.line, self.timing), cap if cap is not None else float("inf"))
            todo = [shape for shape, chunks in zip(wanted, known) if chunks is None]
            fresh = iter(
                self.shaper.shape_each(
                    item.line.text,
                    item.tokens,
                    [(shape, widest) for shape in todo],
                    protected=self.protected.get(item.line.number, ()),
                )
                if todo
                else ()
            )
            first = earlier[index] if earlier is not None and not packed else None
            for position, (shaped, chunks) in enumerate(zip(made, known)):
                if chunks is None:
                    chunks = next(fresh)
                    # Held once with the line as first cut (a table holds its own copy of every line).
                    if not packed and first is None:
                        first = chunks
                    elif not packed and chunks == first:
                        chunks = first
                if isinstance(shaped, ShapedTable):
                    if not shaped.add(chunks):  # a chunk the table cannot hold: this cut stays lists
                        made[position] = [*shaped.done(), chunks]
                else:
                    shaped.append(chunks)
        for shape, shaped in zip(wanted, made):
            self._shaped[_shaped_key(shape, caps)] = shaped.done() if isinstance(shaped, ShapedTable) else shaped

    def timed(
        self,
        shaped: Cut,
        follow: tuple[Mapping[int, Span], TimingMethod] | None = None,
        weights: Mapping[int, Sequence[float]] | None = None,
        room: Cut | None = None,
    ) -> tuple[Sequence[Cue], TimingMethod]:
        """The chunks as cues, timed: each line in its span of `follow` if given. `weights` (line ->
        one per chunk, in width units) say how long each chunk needs when it needs more than its own
        width says (a translation to read); `room`, the chunks of the cues that will follow these."""
        lines = lines_of(self.analyzed)
        # Made as `time_chunks` reads them: following another set's spans, a line at a time.
        timing_widths = (
            self._timing_widths(line, chunks, (weights or {}).get(line.number)) for line, chunks in zip(lines, shaped)
        )
        spans, confidences, method = time_chunks(
            lines,
            timing_widths,
            # What each piece says matters to audio timing only, which listens for it.
            [[line.text[chunk.start : chunk.end] for chunk in chunks] for line, chunks in zip(lines, shaped)]
            if self.speech is not None
            else None,
            self.timing,
            speech=self.speech,
            follow=follow,
            room_widths=([chunk.width for chunk in chunks] for chunks in room) if room is not None else None,
        )
        del timing_widths

        count = chunk_count(shaped)
        packed = count >= table.PACK_AT  # then no cue outlives its packing: its tuples are not worth sharing

        def made() -> Iterator[Cue]:
            index = 0
            for line, chunks, line_spans_, line_confidences in zip(
                lines, shaped, spans, confidences if confidences is not None else repeat(repeat(None))
            ):
                for chunk, span, confidence in zip(chunks, line_spans_, line_confidences):
                    index += 1
                    yield self.cue(index, span, line, chunk, confidence, shared=not packed)

        # A long episode's cues are packed as they are made (`cues/table.py`).
        return pack_as_made(made(), count), method

    def cue(
        self, index: int, span: Span, line: Line, chunk: Chunk, confidence: float | None = None, shared: bool = True
    ) -> Cue:
        """Cue `index` showing `chunk` of `line` over `span`; its line number and text span are tuples
        shared with every other cue of the maker's that has them, unless not `shared` (a cue packed as
        it is made keeps no tuple)."""
        source, text_span = (line.number,), (chunk.start, chunk.end)
        if shared:
            share = self._tuples.setdefault
            source, text_span = share(source, source), share(text_span, text_span)
        return Cue(index, span.start_ms, span.end_ms, chunk.text_lines, source, text_span, confidence=confidence)

    def one_line(self) -> ShapeSettings:
        """The maker's shape with one line a cue: the Chinese line of a bilingual cue."""
        return replace(self.shape, max_lines=1)

    def _timing_widths(self, line: Line, chunks: Sequence[Chunk], weights: Sequence[float] | None) -> list[float]:
        widths = [chunk.width for chunk in chunks]
        if self.speech is not None:
            return widths  # audio times the cues from the speech: the widths say how much is said
        if weights:
            widths = [max(width, weight) for width, weight in zip(widths, weights)]
        need = self.reading_ms.get(line.number)
        if not need or not widths:
            return widths
        # Widen the cues until the line, said at the speaking rate, lasts as long as its English takes to
        # read: what is missing goes to the cues not yet at the longest duration, in proportion to their
        # widths (a millisecond a cue more, since each cue's time is rounded).
        need += len(widths)
        longest = self.timing.max_duration_ms
        for _ in range(len(widths) + 1):
            natural = sum(speaking_ms(w, self.timing) for w in widths) + self.timing.min_gap_ms * (len(widths) - 1)
            growing = [i for i, w in enumerate(widths) if speaking_ms(w, self.timing) < longest]
            if natural >= need or not growing:
                break
            room = sum(widths[i] for i in growing) or 1.0
            extra = (need - natural) / 1000 * self.timing.chars_per_second
            widths = [w + extra * w / room if i in growing else w for i, w in enumerate(widths)]
        return widths


def line_spans(cues: Sequence[Cue]) -> "LineSpans":
    """Each source line's time: from the start of its first cue to the end of its last."""
    return LineSpans(cues)


class LineSpans(ByLineNumber[Span]):
    """Line number -> span, as arrays sorted by line (`ByLineNumber`): a long episode's dict of spans held about
    1x its input while its bilingual cues were made, these arrays a tenth of that."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, cues: Sequence[Cue]):
        lines, starts, ends = array("q"), array("q"), array("q")
        # A maker's cues come in line order, each line's together; cues in any other order are read apart.
        for cue in cues:
            line = cue.source_lines[0]
            if lines and line == lines[-1]:
                ends[-1] = max(ends[-1], cue.end_ms)
            elif not lines or line > lines[-1]:
                lines.append(line)
                starts.append(cue.start_ms)
                ends.append(cue.end_ms)
            else:
                lines, starts, ends = _in_any_order(cues)
                break
        super().__init__(lines)
        self._starts, self._ends = starts, ends

    def _at(self, position: int) -> Span:
        return Span(self._starts[position], self._ends[position])


def _in_any_order(cues: Sequence[Cue]) -> tuple[array, array, array]:
    """The spans of cues whose lines come in no order: a line's span starts with its first cue as listed."""
    spans: dict[int, tuple[int, int]] = {}
    for cue in cues:
        line = cue.source_lines[0]
        known = spans.get(line)
        spans[line] = (cue.start_ms, cue.end_ms) if known is None else (known[0], max(known[1], cue.end_ms))
    lines = sorted(spans)
    return array("q", lines), array("q", (spans[line][0] for line in lines)), array("q", (spans[line][1] for line in lines))


def _shaped_key(shape: ShapeSettings, caps: Mapping[int, float]) -> tuple:
    return (shape, tuple(sorted(caps.items())))


def _chunk_cap(line: Line, timing: TimingSettings) -> float:
    """Widest cue for this line: what can be said within the longest cue, or, for a timed line,
    the share of its text that fits the longest cue duration."""
    if line.start_ms is None or line.end_ms is None:
        return max_chunk_width(timing)
    duration = line.end_ms - line.start_ms
    if duration <= timing.max_duration_ms:
        return float("inf")
    return display_width(line.text) * timing.max_duration_ms / duration
