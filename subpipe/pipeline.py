"""One episode through the stages: read, segment, shape and time cues."""

from __future__ import annotations

from pathlib import Path

from . import formats
from .model import AnalyzedLine, Cue, Episode, Line, Transcript, TimingMethod
from .script import convert, output_config, to_analysis
from .segment import Segmenter
from .settings import Settings
from .shape import Chunk, display_width, shape_line
from .timing import max_chunk_width, time_lines


def process_file(path: str | Path, settings: Settings | None = None, segmenter: Segmenter | None = None) -> Episode:
    """Read a transcript or subtitle file and run every stage on it."""
    return process_transcript(formats.read_transcript(path), settings, segmenter)


def process_text(
    text: str,
    name: str = "transcript",
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    format: str | None = None,
) -> Episode:
    """Run every stage on transcript text held in memory (`format` as for files, detected if None)."""
    return process_transcript(formats.parse(text, name, format=format), settings, segmenter)


def process_transcript(
    transcript: Transcript, settings: Settings | None = None, segmenter: Segmenter | None = None
) -> Episode:
    """The stages after reading. Pass a `segmenter` to reuse its dictionary across episodes."""
    settings = settings or Settings()
    analyzed = analyze(transcript, segmenter or Segmenter())
    target = settings.output_script or transcript.script
    cues, timing = make_cues(analyzed, settings, output_config(transcript.script, target))
    return Episode(
        transcript=transcript,
        output_script=target,
        timing=timing,
        cues=cues,
        speaker_of_line={line.number: None for line in transcript.lines},
    )


def analyze(transcript: Transcript, segmenter: Segmenter) -> tuple[AnalyzedLine, ...]:
    """Each line's Simplified analysis text and its words (offsets valid in the source text too)."""
    analyzed = []
    for line in transcript.lines:
        analysis = to_analysis(line.text, transcript.script)
        analyzed.append(AnalyzedLine(line, analysis, tuple(segmenter.tokens(analysis))))
    return tuple(analyzed)


def make_cues(
    analyzed: tuple[AnalyzedLine, ...],
    settings: Settings,
    opencc_config: str | None,
    protected: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[tuple[Cue, ...], TimingMethod]:
    """Shape every line into cues and time them. `protected` maps a line number to spans kept whole."""

    def render(text: str) -> str:
        return convert(text, opencc_config) if opencc_config else text

    protected = protected or {}
    chunks_per_line: list[list[Chunk]] = [
        shape_line(
            item.line.text,
            item.tokens,
            settings.shape,
            protected=protected.get(item.line.number, ()),
            render=render,
            max_chunk_width=_chunk_cap(item.line, settings),
        )
        for item in analyzed
    ]
    lines = [item.line for item in analyzed]
    spans, timing = time_lines(lines, [[c.width for c in chunks] for chunks in chunks_per_line], settings.timing)
    cues: list[Cue] = []
    for line, chunks, line_spans in zip(lines, chunks_per_line, spans):
        for chunk, span in zip(chunks, line_spans):
            cues.append(Cue(len(cues) + 1, span.start_ms, span.end_ms, chunk.text_lines, (line.number,)))
    return tuple(cues), timing


def _chunk_cap(line: Line, settings: Settings) -> float:
    """Widest cue for this line: what can be said within the longest cue, or, for a timed line,
    the share of its text that fits the longest cue duration."""
    timing = settings.timing
    if line.start_ms is None or line.end_ms is None:
        return max_chunk_width(timing)
    duration = line.end_ms - line.start_ms
    if duration <= timing.max_duration_ms:
        return float("inf")
    return display_width(line.text) * timing.max_duration_ms / duration
