"""Chapter files: YouTube description lines, Podcasting 2.0 JSON, FFmpeg metadata, WebVTT chapters.

Each writer takes the Episode and returns the file's text; they are registered in `output.OUTPUTS`.
Chapters cover the media: each ends where the next begins and the last ends with the last cue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..formats.vtt import write_vtt
from ..model import Chapter, Cue, Episode, Warning

# YouTube turns description timestamps into chapters only when these hold.
YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10

PODCAST_CHAPTERS_VERSION = "1.2.0"


def episode_end_ms(cues: Sequence[Cue]) -> int:
    return max((cue.end_ms for cue in cues), default=0)


def chapter_spans(chapters: Sequence[Chapter], end_ms: int) -> list[tuple[Chapter, int, int]]:
    """Each chapter with its start and end in milliseconds; the first starts at 0."""
    starts = [0 if index == 0 else chapter.start_ms for index, chapter in enumerate(chapters)]
    ends = [*starts[1:], max(end_ms, starts[-1])] if chapters else []
    return list(zip(chapters, starts, ends))


def youtube_warnings(chapters: Sequence[Chapter], cues: Sequence[Cue]) -> list[Warning]:
    """What keeps YouTube from showing these chapters, one warning per problem."""
    if not chapters:
        return []
    warnings = []
    if len(chapters) < YOUTUBE_MIN_CHAPTERS:
        warnings.append(
            Warning(
                f"YouTube shows chapters only when there are at least {YOUTUBE_MIN_CHAPTERS}; this episode has "
                f"{len(chapters)} (lower the chapter length setting, or leave the chapters out of the description)"
            )
        )
    end_ms = episode_end_ms(cues)
    for chapter, start, end in chapter_spans(chapters, end_ms):
        # YouTube sees whole seconds: the timestamps written, and the video's length.
        if end // 1000 - start // 1000 < YOUTUBE_MIN_SECONDS:
            warnings.append(
                Warning(
                    f"chapter {_clock(start, end_ms)} \"{chapter.title}\" lasts under {YOUTUBE_MIN_SECONDS} s, "
                    "too short for YouTube, which then shows no chapters",
                    chapter.line,
                )
            )
    return warnings


def write_youtube(episode: Episode) -> str:
    """`<stem>.chapters.txt`: lines to paste into a YouTube description, the first at 00:00."""
    end_ms = episode_end_ms(episode.cues)
    return "".join(
        f"{_clock(start, end_ms)} {_one_line(chapter.title)}\n"
        for chapter, start, _ in chapter_spans(episode.chapters, end_ms)
    )


def write_podcast_json(episode: Episode) -> str:
    """`<stem>.chapters.json`: Podcasting 2.0 JSON chapters (startTime in seconds)."""
    spans = chapter_spans(episode.chapters, episode_end_ms(episode.cues))
    document = {
        "version": PODCAST_CHAPTERS_VERSION,
        "chapters": [{"startTime": start / 1000, "title": chapter.title} for chapter, start, _ in spans],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_ffmetadata(episode: Episode) -> str:
    """`<stem>.ffmetadata`: FFmpeg's metadata file with one [CHAPTER] section per chapter, in milliseconds.

    Apply it with `ffmpeg -i media -i x.ffmetadata -map_metadata 1 -codec copy out.mp4`.
    """
    sections = [";FFMETADATA1\n"]
    for chapter, start, end in chapter_spans(episode.chapters, episode_end_ms(episode.cues)):
        sections.append(f"[CHAPTER]\nTIMEBASE=1/1000\nSTART={start}\nEND={end}\ntitle={ffmetadata_escape(chapter.title)}\n")
    return "\n".join(sections)


def ffmetadata_escape(value: str) -> str:
    """FFmpeg's rule: `=`, `;`, `#`, `\\` and newlines in a value are preceded by a backslash."""
    return "".join("\\" + char if char in "=;#\\\n" else char for char in value)


def write_vtt_chapters(episode: Episode) -> str:
    """`<stem>.chapters.vtt`: a WebVTT chapters track (`<track kind="chapters">`), one cue per chapter."""
    spans = chapter_spans(episode.chapters, episode_end_ms(episode.cues))
    cues = [
        Cue(index, start, end, (_one_line(chapter.title),), (chapter.line,))
        for index, (chapter, start, end) in enumerate(spans, 1)
    ]
    return write_vtt(cues)


def _clock(start_ms: int, end_ms: int) -> str:
    """YouTube's timestamps: MM:SS, or H:MM:SS when the episode reaches an hour; seconds cut, not rounded,
    so a chapter never starts after its first words."""
    seconds = start_ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if end_ms >= 3600 * 1000:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes:02d}:{seconds:02d}"


def _one_line(title: str) -> str:
    return " ".join(title.split())
