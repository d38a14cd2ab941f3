"""Every file an episode is written as: each composed (in pieces, for the large ones) and written through a
temporary file, the set whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import formats
from ..formats.ass import ass_can_hold, ass_pieces, bilingual_ass_pieces
from ..model import Episode
from ..settings import OutputSettings
from . import chapter_files, notes
from .document import compose_episode_json
from .files import safe_stem, write_composed
from .qa import compose_qa
from .suggestions import compose_suggestions

# A composer gets the episode, the output settings (ASS styles; whether the page is wanted) and the
# folder its file goes to (None when only composing: the page refers to the audio relative to itself).
# It returns the file's text (or its pieces, for a large file written as it is made: the subtitles, the
# page, the episode document), or None when the episode has no such file (the QA report without a translation).
Composer = Callable[[Episode, OutputSettings, "Path | None"], "str | Iterable[str] | None"]


def _of_episode(compose: Callable[[Episode], str | Iterable[str] | None]) -> Composer:
    return lambda episode, settings, outdir: compose(episode)


def _subtitles(format_name: str, bilingual: bool = False) -> Composer:
    def compose(episode: Episode, settings: OutputSettings, outdir: Path | None) -> Iterable[str]:
        return formats.subtitle_format(format_name).pieces(episode.bilingual_cues if bilingual else episode.cues)

    return compose


def _page(episode: Episode, settings: OutputSettings, outdir: Path | None) -> str | None:
    from .page import compose_page_output  # Jinja2 and the page's helpers load only when a page is made

    return compose_page_output(episode, settings, outdir)


# Output suffix -> composer, in the order files are written. A new output is one line here.
OUTPUTS: dict[str, Composer] = {
    "zh.srt": _subtitles("srt"),
    "zh.vtt": _subtitles("vtt"),
    "zh-en.srt": _subtitles("srt", bilingual=True),
    "episode.json": _of_episode(compose_episode_json),
    "glossary-suggestions.csv": _of_episode(compose_suggestions),
    "qa.txt": _of_episode(lambda episode: compose_qa(episode.term_misses, episode.translated)),
    "chapters.txt": _of_episode(chapter_files.compose_youtube_chapters),
    "chapters.json": _of_episode(chapter_files.compose_podcast_chapters),
    "ffmetadata": _of_episode(chapter_files.compose_ffmetadata),
    "chapters.vtt": _of_episode(chapter_files.compose_vtt_chapters),
    "notes.md": _of_episode(notes.compose_notes_markdown),
    "notes.txt": _of_episode(notes.compose_notes_text),
    "html": _page,
    # None past 9:59:59.99, which ASS cannot hold (the episode warns).
    "zh.ass": lambda episode, settings, _: (
        ass_pieces(episode.cues, settings.ass, episode.output_script) if ass_can_hold(episode.cues) else None
    ),
    "zh-en.ass": lambda episode, settings, _: (
        bilingual_ass_pieces(episode.bilingual_cues, settings.ass, episode.output_script)
        if ass_can_hold(episode.bilingual_cues)
        else None
    ),
}


def compose_outputs(
    episode: Episode,
    stem: str | None = None,
    settings: OutputSettings | None = None,
    outdir: str | Path | None = None,
) -> dict[str, str]:
    """File name -> text of every output, composed in memory (batch workers compose, the parent writes).

    `outdir`, when known, is where the files will go: the page refers to the audio from there."""
    return {name: text if isinstance(text, str) else "".join(text) for name, text in iter_outputs(episode, stem, settings, outdir)}


def iter_outputs(
    episode: Episode,
    stem: str | None = None,
    settings: OutputSettings | None = None,
    outdir: str | Path | None = None,
) -> Iterator[tuple[str, str | Iterable[str]]]:
    """(file name, text or its pieces) of each output, composed when asked for: `compose_outputs` one
    at a time."""
    stem = safe_stem(stem or episode.name)
    settings = settings or OutputSettings()
    folder = Path(outdir) if outdir is not None else None
    for suffix, compose in OUTPUTS.items():
        text = compose(episode, settings, folder)
        if text is not None:
            yield f"{stem}.{suffix}", text
        text = None  # not held while the next output is composed


def write_outputs(
    episode: Episode, outdir: str | Path, stem: str | None = None, settings: OutputSettings | None = None
) -> list[Path]:
    """Write every output as one set (each to a temporary file as it is composed, so that only one
    output's text is in memory at a time; all renamed into place once all are written); returns the
    paths written."""
    return write_composed(iter_outputs(episode, stem, settings, outdir), outdir)
