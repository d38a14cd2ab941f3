"""Write an episode's files: names kept inside the output folder, each file whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import formats
from . import chapter_files as chapter_formats, notes
from .document import render_episode_json
from .suggestions import render_suggestions
from ..cues.translation import render_qa
from ..errors import SubpipeError
from ..formats.ass import write_ass, write_bilingual_ass
from ..model import Episode
from ..settings import OutputSettings


def _subtitles(format_name: str) -> Callable[[Episode], str]:
    return lambda episode: formats.WRITERS[format_name](episode.cues)


def _page(episode: Episode, settings: OutputSettings, outdir: Path | None) -> str | None:
    from .page import render_page_output  # Jinja2 and the page's helpers load only when a page is made

    return render_page_output(episode, settings, outdir)


@dataclass(frozen=True)
class WithSettings:
    """A renderer that also needs the output settings (ASS styles; whether the page is wanted) and the
    folder its file goes to (None when only rendering): the page refers to the audio relative to itself."""

    render: Callable[[Episode, OutputSettings, Path | None], str | None]


# Output suffix -> renderer. A new output is one line here. A renderer returns None when the episode
# has no such file (the QA report without a translation).
OUTPUTS: dict[str, Callable[[Episode], str | None] | WithSettings] = {
    "zh.srt": _subtitles("srt"),
    "zh.vtt": _subtitles("vtt"),
    "zh-en.srt": lambda episode: formats.WRITERS["srt"](episode.bilingual_cues),
    "episode.json": render_episode_json,
    "glossary-suggestions.csv": render_suggestions,
    "qa.txt": lambda episode: render_qa(episode.term_misses, episode.translated),
    "chapters.txt": chapter_formats.write_youtube,
    "chapters.json": chapter_formats.write_podcast_json,
    "ffmetadata": chapter_formats.write_ffmetadata,
    "chapters.vtt": chapter_formats.write_vtt_chapters,
    "notes.md": notes.render_notes_markdown,
    "notes.txt": notes.render_notes_text,
    "html": WithSettings(_page),
    "zh.ass": WithSettings(lambda episode, settings, _: write_ass(episode.cues, settings.ass, episode.output_script)),
    "zh-en.ass": WithSettings(
        lambda episode, settings, _: write_bilingual_ass(episode.bilingual_cues, settings.ass, episode.output_script)
    ),
}


def safe_stem(name: str) -> str:
    """A file name stem that cannot leave the output folder or hide itself."""
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", name)
    name = name.strip(" .")
    return name[:120] or "transcript"


def render_outputs(
    episode: Episode,
    stem: str | None = None,
    settings: OutputSettings | None = None,
    outdir: str | Path | None = None,
) -> dict[str, str]:
    """File name -> text of every output, rendered in memory (batch workers render, the parent writes).

    `outdir`, when known, is where the files will go: the page refers to the audio from there."""
    stem = safe_stem(stem or episode.name)
    settings = settings or OutputSettings()
    folder = Path(outdir) if outdir is not None else None
    rendered = {
        f"{stem}.{suffix}": render.render(episode, settings, folder) if isinstance(render, WithSettings) else render(episode)
        for suffix, render in OUTPUTS.items()
    }
    return {name: text for name, text in rendered.items() if text is not None}


def write_outputs(
    episode: Episode, outdir: str | Path, stem: str | None = None, settings: OutputSettings | None = None
) -> list[Path]:
    """Render every output in memory first, then write each atomically; returns the paths written."""
    return write_rendered(render_outputs(episode, stem, settings, outdir), outdir)


def write_rendered(rendered: dict[str, str], outdir: str | Path) -> list[Path]:
    """Write outputs from `render_outputs` into `outdir`, each atomically; returns the paths written."""
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        return [write_atomic(outdir / filename, text) for filename, text in rendered.items()]
    except OSError as error:
        raise SubpipeError(f"cannot write output: {error.strerror or error}", error.filename or outdir) from None


def write_atomic(path: Path, text: str) -> Path:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes private files; outputs are ordinary files others may read.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
