"""Chapter files: YouTube description lines, Podcasting 2.0 JSON, FFmpeg metadata, WebVTT chapters.

Each writer takes the Episode and returns the file's text; they are registered in `outputs.OUTPUTS`.
Chapters cover the media: each ends where the next begins and the last ends with the last cue.
"""

from __future__ import annotations

import json

from ..formats.vtt import compose_vtt
from ..chapters.spans import HOUR_MS, chapter_spans, clock_time
from ..model import Cue, Episode

PODCAST_CHAPTERS_VERSION = "1.2.0"


def compose_youtube_chapters(episode: Episode) -> str:
    """`<stem>.chapters.txt`: lines to paste into a YouTube description, the first at 00:00."""
    end_ms = episode.end_ms
    return "".join(
        f"{clock_time(start, end_ms >= HOUR_MS)} {_one_line(chapter.title)}\n"
        for chapter, start, _ in chapter_spans(episode.chapters, end_ms)
    )


def compose_podcast_chapters(episode: Episode) -> str:
    """`<stem>.chapters.json`: Podcasting 2.0 JSON chapters (startTime in seconds)."""
    spans = chapter_spans(episode.chapters, episode.end_ms)
    document = {
        "version": PODCAST_CHAPTERS_VERSION,
        "chapters": [{"startTime": start / 1000, "title": chapter.title} for chapter, start, _ in spans],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def compose_ffmetadata(episode: Episode) -> str:
    """`<stem>.ffmetadata`: FFmpeg's metadata file with one [CHAPTER] section per chapter, in milliseconds.

    Apply it with `ffmpeg -i media -i x.ffmetadata -map_metadata 1 -codec copy out.mp4`.
    """
    sections = [";FFMETADATA1\n"]
    for chapter, start, end in chapter_spans(episode.chapters, episode.end_ms):
        sections.append(f"[CHAPTER]\nTIMEBASE=1/1000\nSTART={start}\nEND={end}\ntitle={ffmetadata_escape(chapter.title)}\n")
    return "\n".join(sections)


def ffmetadata_escape(value: str) -> str:
    """FFmpeg's rule: `=`, `;`, `#`, `\\` and newlines in a value are preceded by a backslash."""
    return "".join("\\" + char if char in "=;#\\\n" else char for char in value)


def compose_vtt_chapters(episode: Episode) -> str:
    """`<stem>.chapters.vtt`: a WebVTT chapters track (`<track kind="chapters">`), one cue per chapter."""
    spans = chapter_spans(episode.chapters, episode.end_ms)
    cues = [
        Cue(index, start, end, (_one_line(chapter.title),), (chapter.line,))
        for index, (chapter, start, end) in enumerate(spans, 1)
    ]
    return compose_vtt(cues)


def _one_line(title: str) -> str:
    return " ".join(title.split())
