"""Chapters in time: where each starts and ends, their clock times, and what YouTube asks of them."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Chapter, Cue, EpisodeWarning

# YouTube turns description timestamps into chapters only when these hold.
YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10

HOUR_MS = 3600 * 1000


def episode_end_ms(cues: Sequence[Cue]) -> int:
    return max((cue.end_ms for cue in cues), default=0)


def chapter_spans(chapters: Sequence[Chapter], end_ms: int) -> list[tuple[Chapter, int, int]]:
    """Each chapter with its start and end in milliseconds; the first starts at 0."""
    starts = [0 if index == 0 else chapter.start_ms for index, chapter in enumerate(chapters)]
    ends = [*starts[1:], max(end_ms, starts[-1])] if chapters else []
    return list(zip(chapters, starts, ends))


def youtube_warnings(chapters: Sequence[Chapter], cues: Sequence[Cue]) -> list[EpisodeWarning]:
    """What keeps YouTube from showing these chapters, one warning per problem."""
    if not chapters:
        return []
    warnings = []
    if len(chapters) < YOUTUBE_MIN_CHAPTERS:
        warnings.append(
            EpisodeWarning(
                f"YouTube shows chapters only when there are at least {YOUTUBE_MIN_CHAPTERS}; this episode has "
                f"{len(chapters)} (the episode is too short for more, or its topic holds: lower the cost per "
                "chapter, or leave the chapters out of the description)"
            )
        )
    end_ms = episode_end_ms(cues)
    for chapter, start, end in chapter_spans(chapters, end_ms):
        # YouTube sees whole seconds: the timestamps written, and the video's length.
        if end // 1000 - start // 1000 < YOUTUBE_MIN_SECONDS:
            warnings.append(
                EpisodeWarning(
                    f"chapter {clock_time(start, end_ms >= HOUR_MS)} \"{chapter.title}\" lasts under {YOUTUBE_MIN_SECONDS} s, "
                    "too short for YouTube, which then shows no chapters",
                    chapter.line,
                )
            )
    return warnings


def clock_time(ms: int, long: bool) -> str:
    """A chapter's time as YouTube writes it: MM:SS, or H:MM:SS (`long`: the episode reaches an hour).
    Seconds are cut, not rounded, so a chapter never starts after its first words."""
    seconds = max(ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if long else f"{minutes:02d}:{seconds:02d}"
