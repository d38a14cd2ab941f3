"""Give every cue a start and an end.

Times the input has are kept. Lines without times get them from a speaking rate: between two
timed lines the gap is shared out by how much each line has to say; after the last one (or in a
wholly untimed transcript) each cue lasts as long as its text takes to say, within the duration
limits. Audio-based timing plugs in here as another way to produce line spans.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..columns import Columns
from ..model import Cue, Line, TimingMethod, EpisodeWarning
from ..settings import TimingSettings
from .rows import SpanColumns


@dataclass(frozen=True, slots=True)
class Span:
    start_ms: int
    end_ms: int


def input_order_warnings(lines: Sequence[Line]) -> list[EpisodeWarning]:
    """One warning when timed lines start before the line timed before them: the times are kept as
    the input gives them (overlapping speakers are real), but out of order they often mean a file
    joined from pieces or a mistyped hour, which the user should look at."""
    earlier: Line | None = None
    first: tuple[Line, Line] | None = None
    count = 0
    for line in lines:
        if line.start_ms is None:
            continue
        if earlier is not None and line.start_ms < earlier.start_ms:
            count += 1
            first = first or (line, earlier)
        earlier = line
    if first is None:
        return []
    line, before = first
    more = count - 1
    others = ""
    if more:
        others = f"; {more} more {'lines start' if more > 1 else 'line starts'} before the line timed before {'them' if more > 1 else 'it'}"
    return [
        EpisodeWarning(
            f"line {line.number} starts at {_seconds(line.start_ms)}, before line {before.number} "
            f"({_seconds(before.start_ms)}){others}; the input's times are kept as they are",
            line.number,
        )
    ]


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


def speaking_ms(width: float, settings: TimingSettings) -> int:
    """How long a cue of this width stays up when we only know how much text it holds."""
    natural = round(width / settings.chars_per_second * 1000)
    return max(settings.min_duration_ms, min(settings.max_duration_ms, natural))


def max_chunk_width(settings: TimingSettings) -> float:
    """The widest cue that can still be said within the longest cue duration."""
    return settings.max_duration_ms / 1000 * settings.chars_per_second


def time_lines(
    lines: Sequence[Line],
    chunk_widths: Sequence[Sequence[float]],
    settings: TimingSettings,
    room_widths: Iterable[Sequence[float]] | None = None,
) -> tuple[Sequence[list[Span]], TimingMethod]:
    """Spans for each chunk of each line (`chunk_widths[i]` are line i's cue widths), each line's made
    when it is read.

    `room_widths[i]`, when given, are the widths of line i's cues in another file that shows the line
    at the same moment (the one-line cues of the bilingual subtitles): an estimated line lasts long
    enough for those cues to keep the minimum duration too, as far as its own cues stay within the
    maximum. They are read once, in order."""
    natural = array("q", (_natural_ms(widths, settings) for widths in chunk_widths))
    if room_widths is not None:
        natural = array(
            "q",
            (
                max(own, min(_natural_ms(room, settings), _longest_share(widths, settings)))
                for own, widths, room in zip(natural, chunk_widths, room_widths)
            ),
        )
    laid = _line_spans(lines, natural, settings)
    method = TimingMethod.INPUT if all(line.start_ms is not None for line in lines) else TimingMethod.ESTIMATED
    return LineShares(laid, chunk_widths, settings), method


class LineShares(Columns[list[Span]]):
    """Each line's span shared among its cues (`split_span`), made when the line is read: the spans of
    every cue of an episode are never all objects at once."""

    __slots__ = ("_laid", "_widths", "_settings")

    def __init__(self, laid: SpanColumns, widths: Sequence[Sequence[float]], settings: TimingSettings):
        self._laid, self._widths, self._settings = laid, widths, settings

    def __len__(self) -> int:
        return len(self._laid)

    def _row(self, index: int) -> list[Span]:
        return split_span(Span(*self._laid[index]), self._widths[index], self._settings)


def _natural_ms(widths: Sequence[float], settings: TimingSettings) -> int:
    if not widths:
        return 0
    return sum(speaking_ms(w, settings) for w in widths) + settings.min_gap_ms * (len(widths) - 1)


def _longest_share(widths: Sequence[float], settings: TimingSettings) -> int:
    """The longest span these cues can share (as `split_span` shares it) without one of them passing the
    maximum duration."""
    if not widths:
        return 0
    speaking = [speaking_ms(width, settings) for width in widths]
    # Less a millisecond a cue: `split_span` rounds each share, and the last cue takes what is left.
    longest = sum(speaking) * settings.max_duration_ms // max(speaking) - len(widths)
    return longest + settings.min_gap_ms * (len(widths) - 1)


def duration_warnings(cue_sets: Sequence[tuple[str, Sequence[Cue]]], settings: TimingSettings) -> list[EpisodeWarning]:
    """One warning per file (`cue_sets`: a name for each file's cues) holding cues shorter than the
    minimum duration or longer than the maximum: where a line's time leaves no room for the limits
    (its text needs more cues at the minimum duration than the input's own times hold), the times are
    kept and the user is told."""
    warnings = []
    for name, cues in cue_sets:
        short = [cue for cue in cues if cue.end_ms - cue.start_ms < settings.min_duration_ms]
        long = [cue for cue in cues if cue.end_ms - cue.start_ms > settings.max_duration_ms]
        if not short and not long:
            continue
        parts = []
        limits = (
            (short, f"shorter than the {settings.min_duration_ms} ms minimum"),
            (long, f"longer than the {settings.max_duration_ms} ms maximum"),
        )
        for found, what in limits:
            if found:
                first = found[0]
                parts.append(
                    f"{len(found)} {'cue is' if len(found) == 1 else 'cues are'} {what} "
                    f"(the first, cue {first.index}, lasts {first.end_ms - first.start_ms} ms)"
                )
        first = min((found[0] for found in (short, long) if found), key=lambda cue: cue.index)
        warnings.append(
            EpisodeWarning(
                f"in the {name}, {' and '.join(parts)}: the time their lines have (the input's own times, or "
                "the audio's) leaves no room for the limits",
                first.source_lines[0] if first.source_lines else None,
            )
        )
    return warnings


def _line_spans(lines: Sequence[Line], natural: Sequence[int], settings: TimingSettings) -> SpanColumns:
    gap = settings.min_gap_ms
    spans = SpanColumns(len(lines))
    anchors = [i for i, line in enumerate(lines) if line.start_ms is not None]

    # Lines before the first timed line share the time before it (all of them, if none is timed).
    first = anchors[0] if anchors else len(lines)
    if anchors:
        _share_out(spans, range(0, first), 0, lines[first].start_ms, natural, gap)
    else:
        _run_on(spans, range(0, first), 0, natural, gap)

    for position, index in enumerate(anchors):
        line = lines[index]
        following = anchors[position + 1] if position + 1 < len(anchors) else None
        untimed = range(index + 1, following if following is not None else len(lines))
        if line.end_ms is not None:
            spans[index] = Span(line.start_ms, line.end_ms)
            cursor = line.end_ms + gap
            if following is None:
                _run_on(spans, untimed, cursor, natural, gap)
            else:
                _share_out(spans, untimed, cursor, lines[following].start_ms, natural, gap)
        elif following is None:
            _run_on(spans, range(index, len(lines)), line.start_ms, natural, gap)
        else:
            # A start-only line and the untimed lines after it share the time up to the next start.
            _share_out(spans, range(index, following), line.start_ms, lines[following].start_ms, natural, gap)
    assert spans.laid(), "every line lies before, at or after an anchor"
    return spans


def _run_on(spans, indices, cursor: int, natural, gap: int) -> None:
    """Lay lines end to end from `cursor`, each as long as it takes to say."""
    for index in indices:
        spans[index] = Span(cursor, cursor + natural[index])
        cursor += natural[index] + gap


def _share_out(spans, indices, start: int, end: int, natural, gap: int) -> None:
    """Fit lines into [start, end): no longer than they take to say, squeezed if the time is short."""
    indices = list(indices)
    if not indices:
        return
    if end - start < len(indices) * (gap + 1):
        # Times that overlap or run backwards leave no room: lay the lines on as if untimed rather
        # than squeeze them into nothing (the input's own times stay as they are).
        _run_on(spans, indices, start, natural, gap)
        return
    available = max(0, end - start - gap * len(indices))
    needed = sum(natural[i] for i in indices) or 1
    scale = min(1.0, available / needed)
    cursor = start
    for index in indices:
        length = max(1, round(natural[index] * scale))
        spans[index] = Span(cursor, cursor + length)
        cursor += length + gap


def split_span(span: Span, widths: Sequence[float], settings: TimingSettings) -> list[Span]:
    """Share a line's span among its cues as their texts need, keeping the minimum gap if there is room.

    Weighting by the clamped speaking time (not raw width) keeps a short tail cue readable and
    keeps cues of an estimated line exactly as long as they were estimated.
    """
    if not widths:
        return []
    if len(widths) == 1:
        return [span]
    total_ms = span.end_ms - span.start_ms
    gap = settings.min_gap_ms if total_ms > settings.min_gap_ms * len(widths) * 2 else 0
    speaking = total_ms - gap * (len(widths) - 1)
    weights = [speaking_ms(width, settings) for width in widths]
    total_weight = sum(weights)
    lengths = _at_least_minimum([max(1, round(speaking * weight / total_weight)) for weight in weights], speaking, settings)
    spans, cursor = [], span.start_ms
    for position, length in enumerate(lengths):
        if position == len(lengths) - 1:
            end = max(span.end_ms, cursor + 1)  # a cue always ends after it starts
        else:
            end = cursor + length
        spans.append(Span(cursor, end))
        cursor = end + gap
    return spans


def _at_least_minimum(lengths: list[int], total: int, settings: TimingSettings) -> list[int]:
    """Shares of `total` with the short ones lifted to the minimum duration, taken from the longer
    ones in proportion to what they have above it, when `total` holds that much (else as they were:
    the episode then warns, see `duration_warnings`)."""
    minimum = settings.min_duration_ms
    missing = sum(minimum - length for length in lengths if length < minimum)
    spare = [max(0, length - minimum) for length in lengths]
    if not missing or sum(spare) < missing:
        return lengths
    lifted = [max(length, minimum) for length in lengths]
    taken = 0
    for index, extra in enumerate(spare):
        share = -(-missing * extra // sum(spare))  # rounded up: never less than is missing in all
        share = min(share, extra, missing - taken)
        lifted[index] -= share
        taken += share
    return lifted
