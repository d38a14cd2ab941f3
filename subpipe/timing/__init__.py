"""Timing: when each cue shows, from the input's own times, the episode's audio, or a reading rate.

`time_chunks` is the one place that decides which: the cue shaper hands it each line's pieces and
gets their spans back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model import Line, TimingMethod
from ..settings import TimingSettings
from .audio import Speech
from .estimate import Span, split_span, time_lines
from .rows import WidthRows


def time_chunks(
    lines: Sequence[Line],
    widths: Iterable[Sequence[float]],
    texts: Sequence[Sequence[str]] | None,
    settings: TimingSettings,
    speech: Speech | None = None,
    follow: tuple[Mapping[int, Span], TimingMethod] | None = None,
    room_widths: Iterable[Sequence[float]] | None = None,
) -> tuple[Iterable[Sequence[Span]], list[list[float | None]] | None, TimingMethod]:
    """Spans and audio confidences (None when not timed from audio) for the pieces of every line, in
    line order (the spans to be read once: they may be made as they are read), and where their times
    came from. The i-th of `widths` and of `texts` are the display widths and source texts of line i's
    pieces (the texts are read only with `speech`; with `follow` and no `speech`, the widths are read
    once, a line at a time as the spans are made). `speech` times them from the audio; `follow` (each line's
    span, and how it was timed) shares each line's span among its pieces, so that two files show a
    line at one moment; `room_widths` are the widths of each line's pieces in such a second file (see
    `time_lines`)."""
    if (speech is not None or follow is None) and not isinstance(widths, Sequence):
        widths = WidthRows(widths)  # audio and a reading rate read every line's widths at once
    if speech is not None:
        from .from_audio import time_pieces

        if texts is None:
            raise ValueError("timing from audio needs each piece's text")
        spans, confidences = time_pieces(lines, widths, texts, speech, settings)
        return spans, confidences, TimingMethod.AUDIO
    if follow is not None:
        line_spans, method = follow
        # Each line's share made as the caller reaches it: a long episode's cues are packed as they are
        # made, and then never exist all at once as objects, nor do their spans.
        spans: Iterable[Sequence[Span]] = (
            split_span(line_spans[line.number], line_widths, settings) if line_widths else []
            for line, line_widths in zip(lines, widths)
        )
    else:
        spans, method = time_lines(lines, widths, settings, room_widths)
    return spans, None, method
