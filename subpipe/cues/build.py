"""An episode's lines as timed cues: each line shaped into cue-sized pieces, then timed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import AnalyzedLine, Cue, Line, TimingMethod
from ..settings import ShapeSettings, TimingSettings
from ..text.width import display_width
from ..timing import time_chunks
from ..timing.audio import Speech
from ..timing.estimate import Span, max_chunk_width
from .shape import Chunk, LineShaper


@dataclass
class CueMaker:
    """Makes the cues of one episode's lines, as often as the episode needs them (the Chinese cues;
    the one-line cues of the bilingual file; narrower ones to make room for a translation).

    `protected` maps a line number to the spans kept whole (names); `speech`, the episode's audio,
    times the cues from it; `shaper` keeps what shaping found out about each line, so the second call
    on the same lines reuses the first one's cut search."""

    analyzed: Sequence[AnalyzedLine]
    shape: ShapeSettings
    timing: TimingSettings
    shaper: LineShaper
    protected: Mapping[int, Sequence[tuple[int, int]]]
    speech: Speech | None = None

    def cues(
        self,
        shape: ShapeSettings | None = None,
        chunk_caps: Mapping[int, float] | None = None,
        follow: tuple[Sequence[Cue], TimingMethod] | None = None,
        room_for: ShapeSettings | None = None,
    ) -> tuple[tuple[Cue, ...], TimingMethod]:
        """Every line shaped (by `shape`, else the maker's own settings) and timed. `chunk_caps` narrows
        the cues of some lines (line number -> widest cue); `follow` (other cues of the same lines and
        their timing) makes each line keep those cues' time, shared among its new cues, so that every
        file shows a line at the same moment; `room_for`, the shape of the cues that will follow these
        (one line a cue, for the bilingual file), gives each estimated line time enough for those too."""
        chunks_per_line = self._chunks(shape or self.shape, chunk_caps or {})
        room = self._chunks(room_for, chunk_caps or {}) if room_for is not None else None
        lines = [item.line for item in self.analyzed]
        spans, confidences, method = time_chunks(
            lines,
            _widths(chunks_per_line),
            [[line.text[chunk.start : chunk.end] for chunk in chunks] for line, chunks in zip(lines, chunks_per_line)],
            self.timing,
            speech=self.speech,
            follow=(_line_spans(follow[0]), follow[1]) if follow is not None else None,
            room_widths=_widths(room) if room is not None else None,
        )
        cues: list[Cue] = []
        for line, chunks, line_spans, line_confidences in zip(lines, chunks_per_line, spans, confidences):
            for chunk, span, confidence in zip(chunks, line_spans, line_confidences):
                cues.append(
                    Cue(
                        len(cues) + 1,
                        span.start_ms,
                        span.end_ms,
                        chunk.text_lines,
                        (line.number,),
                        (chunk.start, chunk.end),
                        confidence=confidence,
                    )
                )
        return tuple(cues), method

    def _chunks(self, shape: ShapeSettings, caps: Mapping[int, float]) -> list[list[Chunk]]:
        return [
            self.shaper.shape(
                item.line.text,
                item.tokens,
                shape,
                protected=self.protected.get(item.line.number, ()),
                max_chunk_width=min(_chunk_cap(item.line, self.timing), caps.get(item.line.number, float("inf"))),
            )
            for item in self.analyzed
        ]

    def one_line(self) -> ShapeSettings:
        """The maker's shape with one line a cue: the Chinese line of a bilingual cue."""
        return replace(self.shape, max_lines=1)


def _widths(chunks_per_line: list[list[Chunk]]) -> list[list[float]]:
    return [[chunk.width for chunk in chunks] for chunks in chunks_per_line]


def _line_spans(cues: Sequence[Cue]) -> dict[int, Span]:
    """Each source line's time: from the start of its first cue to the end of its last."""
    spans: dict[int, Span] = {}
    for cue in cues:
        line = cue.source_lines[0]
        known = spans.get(line)
        spans[line] = Span(cue.start_ms, cue.end_ms) if known is None else Span(known.start_ms, max(known.end_ms, cue.end_ms))
    return spans


def _chunk_cap(line: Line, timing: TimingSettings) -> float:
    """Widest cue for this line: what can be said within the longest cue, or, for a timed line,
    the share of its text that fits the longest cue duration."""
    if line.start_ms is None or line.end_ms is None:
        return max_chunk_width(timing)
    duration = line.end_ms - line.start_ms
    if duration <= timing.max_duration_ms:
        return float("inf")
    return display_width(line.text) * timing.max_duration_ms / duration
