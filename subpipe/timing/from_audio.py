"""Timing from the episode's audio: the seam between the timing stage and the audio modules.

Two cases. A transcript whose lines all carry start and end times (SRT, WebVTT) is re-synchronised:
one offset and one drift for the whole file (`resync.py`), its cues keep their shape. Any other
transcript is aligned: every cue is placed on the speech (`align_audio.py`), and the shape limits
(shortest and longest cue, the gap between cues) are then kept by moving ends into the pauses.
Audio that cannot be this transcript's (far too little or too much speech for the text) is an
error; audio that fits badly is a warning in the episode.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .align import PLAUSIBLE_RATE, align_to_speech, spoken_syllables
from .audio import Speech
from ..errors import SubpipeError
from ..model import AnalyzedLine, Cue, Line, EpisodeWarning
from .resync import find_resync
from ..settings import TimingSettings
from ..text.line_table import analyzed_like, lines_of
from ..text.width import display_width
from .estimate import Span, time_lines

# Beyond this factor outside the plausible speaking rates, the audio is not this transcript's.
_IMPOSSIBLE_FACTOR = 2.0
_LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class AudioTiming:
    """What the pipeline needs after looking at the audio: the lines (times fixed by a resync),
    the speech to align cues to (None when the input's own times were kept), and warnings."""

    analyzed: Sequence[AnalyzedLine]
    speech: Speech | None
    warnings: tuple[EpisodeWarning, ...]


def prepare(analyzed: Sequence[AnalyzedLine], speech: Speech) -> AudioTiming:
    """Re-synchronise fully timed lines, or check that untimed ones can be this audio's speech."""
    lines = lines_of(analyzed)
    if lines and all(line.start_ms is not None and line.end_ms is not None for line in lines):
        return _resynchronise(analyzed, speech)
    warnings = list(_check_rate(lines, speech))
    if any(line.start_ms is not None for line in lines):
        warnings.append(EpisodeWarning("the transcript's own timestamps were replaced by times found in the audio"))
    return AudioTiming(analyzed, speech, tuple(warnings))


def _resynchronise(analyzed: Sequence[AnalyzedLine], speech: Speech) -> AudioTiming:
    fix = find_resync([(item.line.start_ms, item.line.end_ms) for item in analyzed], speech)  # type: ignore[misc]
    if not fix.trusted:
        return AudioTiming(
            analyzed,
            None,
            (
                EpisodeWarning(
                    f"the audio does not match the input's times (at best {fix.coverage:.0%} of cue time falls "
                    "on speech); the input's times were kept"
                ),
            ),
        )
    if fix.offset_ms == 0 and fix.drift == 1.0:
        return AudioTiming(
            analyzed,
            None,
            (
                EpisodeWarning(
                    f"the input's times already match the audio ({fix.coverage:.0%} of cue time falls on speech); "
                    "they were kept as they are"
                ),
            ),
        )
    moved = analyzed_like(
        analyzed,
        (
            replace(
            item,
            line=replace(item.line, start_ms=fix.apply(item.line.start_ms), end_ms=fix.apply(item.line.end_ms)),  # type: ignore[arg-type]
            )
            for item in analyzed
        ),
    )
    return AudioTiming(moved, speech, (EpisodeWarning(fix.describe()),))


def _check_rate(lines: Sequence[Line], speech: Speech) -> list[EpisodeWarning]:
    syllables = sum(spoken_syllables(line.text) for line in lines)
    seconds = speech.speech_ms / 1000
    if syllables == 0:
        return []
    rate = syllables / seconds
    low, high = PLAUSIBLE_RATE
    needed = f"the transcript's {syllables:.0f} syllables need about {syllables / 4.5 / 60:.1f} min of speech"
    heard = f"the audio has {seconds / 60:.1f} min"
    if rate > high * _IMPOSSIBLE_FACTOR or rate < low / _IMPOSSIBLE_FACTOR:
        raise SubpipeError(f"{needed} but {heard}: is this the episode's audio?", speech.source)
    if rate > high or rate < low:
        return [EpisodeWarning(f"{needed} but {heard}; cue times may be poor (check the audio is complete)")]
    return []


def cue_width_rate(lines: Sequence[Line], speech: Speech, settings: TimingSettings) -> TimingSettings:
    """Timing settings whose speaking rate is the audio's own (display characters per second of
    talk, pauses included), so that a cue is never given more text than is said in the longest cue."""
    if not speech.runs:
        return settings
    width = sum(display_width(line.text) for line in lines)
    seconds = (speech.runs[-1].end_ms - speech.runs[0].start_ms) / 1000
    if width <= 0 or seconds <= 0:
        return settings
    return replace(settings, chars_per_second=width / seconds)


def time_pieces(
    lines: Sequence[Line],
    widths: Sequence[Sequence[float]],
    texts: Sequence[Sequence[str]],
    speech: Speech,
    settings: TimingSettings,
) -> tuple[list[list[Span]], list[list[float]]]:
    """Spans and confidences for every piece of every line, from the speech (`widths[i]` and
    `texts[i]`: the display widths and texts of line i's pieces)."""
    if lines and all(line.start_ms is not None and line.end_ms is not None for line in lines):
        # Re-synchronised input: the input's spans, each cue scored by how much of it is speech.
        spans = list(time_lines(lines, widths, settings)[0])  # read twice: made once
        return spans, [[_coverage(span, speech) for span in line_spans] for line_spans in spans]

    pieces = [piece for line_texts in texts for piece in line_texts]
    line_ends = [position == len(line_texts) - 1 for line_texts in texts for position in range(len(line_texts))]
    if not pieces:
        return [[] for _ in lines], [[] for _ in lines]
    try:
        alignment = align_to_speech([spoken_syllables(piece) for piece in pieces], speech, line_ends)
    except ValueError:
        raise SubpipeError("the transcript cannot be laid on this audio's speech", speech.source) from None
    flat = fit_limits([Span(s.start_ms, s.end_ms) for s in alignment.spans], settings)
    confidences = [s.confidence for s in alignment.spans]
    spans_per_line: list[list[Span]] = []
    confidences_per_line: list[list[float]] = []
    position = 0
    for line_texts in texts:
        spans_per_line.append(flat[position : position + len(line_texts)])
        confidences_per_line.append(confidences[position : position + len(line_texts)])
        position += len(line_texts)
    return spans_per_line, confidences_per_line


def low_confidence_warnings(cues: Sequence[Cue]) -> list[EpisodeWarning]:
    """One warning when many cues sit uncertainly on the audio: a sign of missing or reordered text."""
    scored = [cue for cue in cues if cue.confidence is not None]
    low = [cue for cue in scored if cue.confidence < _LOW_CONFIDENCE]  # type: ignore[operator]
    if not scored or len(low) <= len(scored) // 4:
        return []
    return [
        EpisodeWarning(
            f"{len(low)} of {len(scored)} cues were placed on the audio with low confidence; check that the "
            "transcript is complete and in the order spoken (the first is at this line)",
            low[0].source_lines[0],
        )
    ]


def fit_limits(spans: Sequence[Span], settings: TimingSettings) -> list[Span]:
    """Keep speech-aligned spans within the shape limits, moving them as little as possible.

    A cue shorter than the minimum grows into the pause after it, then the pause before it; a cue
    longer than the maximum is cut at the maximum; cues closer than the minimum gap give up the
    difference half each where both can, otherwise the later one moves.
    """
    gap, shortest, longest = settings.min_gap_ms, settings.min_duration_ms, settings.max_duration_ms
    starts = [s.start_ms for s in spans]
    ends = [max(s.end_ms, s.start_ms + 1) for s in spans]
    count = len(spans)
    for index in range(count):
        missing = shortest - (ends[index] - starts[index])
        if missing > 0:
            room_after = (starts[index + 1] - gap - ends[index]) if index + 1 < count else missing
            grow = max(0, min(missing, room_after))
            ends[index] += grow
            missing -= grow
        if missing > 0:
            room_before = (starts[index] - ends[index - 1] - gap) if index > 0 else starts[index]
            grow = max(0, min(missing, room_before))
            starts[index] -= grow
            missing -= grow
        if missing > 0:
            ends[index] += missing  # no room either side: the gap rule below moves what follows
        if ends[index] - starts[index] > longest:
            ends[index] = starts[index] + longest
    for index in range(1, count):
        short = gap - (starts[index] - ends[index - 1])
        if short <= 0:
            continue
        # The earlier cue gives up what it can spare above the minimum, half the shortfall at most.
        spare = max(0, ends[index - 1] - starts[index - 1] - shortest)
        give = min(spare, short // 2 + short % 2)
        ends[index - 1] -= give
        short -= give
        if short > 0:
            starts[index] += short
            ends[index] = max(ends[index], starts[index] + shortest)
            ends[index] = min(ends[index], starts[index] + longest)
    return [Span(a, b) for a, b in zip(starts, ends)]


def _coverage(span: Span, speech: Speech) -> float:
    """The share of a span that is speech: a re-synchronised cue's confidence."""
    length = span.end_ms - span.start_ms
    if length <= 0:
        return 0.0
    inside = 0
    # Runs are in order: start from the last one that begins before the span.
    first = max(0, bisect_right(speech.runs, span.start_ms, key=lambda run: run.start_ms) - 1)
    for run in speech.runs[first:]:
        if run.start_ms >= span.end_ms:
            break
        inside += max(0, min(run.end_ms, span.end_ms) - max(run.start_ms, span.start_ms))
    return round(inside / length, 3)
