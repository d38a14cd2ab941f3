"""Transcript and subtitle formats, and reading a transcript file.

Each format is one module with a `FORMAT` (see `base.Format`): how to sniff, read and, for subtitles,
compose it. A new format is one module and its name in `FORMATS`; which format a text is in is
decided in `detect_format` only.
"""

from __future__ import annotations

import os
from dataclasses import fields, replace
from pathlib import Path

from ..errors import SubpipeError, printable
from ..model import Transcript
from ..text.line_table import packed_lines
from ..text.script import detect_script
from . import ass, markdown, plain, srt, vtt
from .base import Format, Reading
from .decoding import decode, read_bytes

# Every format by name, in the order their sniffers are asked; plain text last, as the fallback.
FORMATS: dict[str, Format] = {
    format.name: format for format in (vtt.FORMAT, ass.FORMAT, srt.FORMAT, markdown.FORMAT, plain.FORMAT)
}
FALLBACK = plain.FORMAT.name



def extensions() -> dict[str, str]:
    """File extension -> format name: `detect_format` falls back on it, and `subpipe batch` collects
    the files of a folder by it."""
    return {extension: format.name for format in FORMATS.values() for extension in format.extensions}


def subtitle_format(name: str) -> Format:
    """A format subpipe writes subtitles in (srt, vtt, ass)."""
    format = FORMATS.get(name)
    if format is None or format.pieces is None:
        raise ValueError(f"subpipe does not write {name!r} subtitles")
    return format


def detect_format(name: str, text: str) -> str:
    """The format of `text`: by its content first, then by the extension of `name`, else plain text."""
    head = [line for line in text.lstrip("\ufeff").split("\n", 40)[:40] if line.strip()][:20]
    if head:
        for format in FORMATS.values():
            if format.sniff is not None and format.sniff(head):
                return format.name
    return extensions().get(Path(name).suffix.lower(), FALLBACK)


def parse(text: str, name: str, path: str | None = None, format: str | None = None) -> Transcript:
    """A Transcript from decoded text; `name` is the stem that output files are named after."""
    if format is None:
        format = detect_format(path or name, text)
    known = FORMATS.get(format)
    if known is None:
        raise SubpipeError(f"unknown input format {format!r}; choose one of {', '.join(FORMATS)}", path)
    reading = known.read(text, path)
    lines = packed_lines(reading.lines)
    if not any(line.text for line in lines):
        raise SubpipeError("no transcript text found", path)
    script = detect_script("\n".join(line.text for line in lines))
    # Everything else the reader found about the file is the Transcript's field of the same name.
    found = {field.name: getattr(reading, field.name) for field in fields(Reading) if field.name != "lines"}
    return Transcript(name=name, format=format, lines=lines, script=script, path=path, **found)


def read_transcript(path: str | Path) -> Transcript:
    """Read, decode and parse the transcript or subtitle file at `path`."""
    return parse_bytes(read_bytes(path), path)


def parse_bytes(data: bytes, path: str | Path) -> Transcript:
    """Decode and parse the bytes of the file at `path` (named after its stem) that were read already."""
    text, encoding = decode(data, str(path))
    # The name and path as text: a file name's bytes that are not UTF-8 shown as U+FFFD.
    return replace(parse(text, printable(Path(path).stem), path=printable(str(path))), encoding=encoding)


def read_source(source: str | os.PathLike[str] | Transcript, name: str | None = None) -> Transcript:
    """A Transcript from a path (read and decoded), a str of transcript text (`name`: the stem its
    outputs are named after), or a Transcript as it is."""
    if isinstance(source, Transcript):
        return source
    if isinstance(source, str):
        return parse(source, name or "transcript")
    return read_transcript(source)
