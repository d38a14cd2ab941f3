"""Transcript and subtitle formats: readers and writers keyed by format name.

A new format is one module here and one line in READERS or WRITERS; which format a file is in is
decided in `detect_format` only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .decoding import decode, read_bytes
from ..errors import SubpipeError
from ..model import Cue, Line, Transcript
from ..text.script import detect_script
from .ass import read_ass, write_ass
from .plain import read_plain
from .srt import INDEX, TIMING_LIKE, read_srt, write_srt
from .vtt import HEADER, read_vtt, write_vtt

# A reader takes (text, path for error messages) and returns one Line per utterance or cue.
Reader = Callable[[str, str | None], list[Line]]
Writer = Callable[[Sequence[Cue]], str]

READERS: dict[str, Reader] = {
    "text": read_plain,
    "srt": read_srt,
    "vtt": read_vtt,
    "ass": read_ass,
}

WRITERS: dict[str, Writer] = {
    "srt": write_srt,
    "vtt": write_vtt,
    "ass": write_ass,
}

# File extension -> format. `detect_format` falls back on it, and `subpipe batch` collects the files of a
# folder by it: a new format adds its extension here next to its reader.
EXTENSIONS: dict[str, str] = {".txt": "text", ".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ass"}


def detect_format(name: str, text: str) -> str:
    """The reader for `text`: by its content first, then by the extension of `name`, else "text"."""
    head = [line for line in text.lstrip("\ufeff").split("\n", 20)[:20] if line.strip()][:2]
    if head:
        if HEADER.match(head[0].strip()):
            return "vtt"
        if head[0].strip().lower() == "[script info]":
            return "ass"
        timing_at = 1 if INDEX.match(head[0]) and len(head) > 1 else 0
        if TIMING_LIKE.match(head[timing_at]):
            return "srt"
    return EXTENSIONS.get(Path(name).suffix.lower(), "text")


def parse(text: str, name: str, path: str | None = None, format: str | None = None) -> Transcript:
    """A Transcript from decoded text; `name` is the stem that output files are named after."""
    if format is None:
        format = detect_format(path or name, text)
    reader = READERS.get(format)
    if reader is None:
        known = ", ".join(READERS)
        raise SubpipeError(f"unknown input format {format!r}; choose one of {known}", path)
    lines = tuple(reader(text, path))
    if not any(line.text for line in lines):
        raise SubpipeError("no transcript text found", path)
    script = detect_script("\n".join(line.text for line in lines))
    return Transcript(name=name, format=format, lines=lines, script=script, path=path)


def read_transcript(path: str | Path) -> Transcript:
    """Read, decode and parse the transcript or subtitle file at `path`."""
    return parse_bytes(read_bytes(path), path)


def parse_bytes(data: bytes, path: str | Path) -> Transcript:
    """Decode and parse the bytes of the file at `path` (named after its stem) that were read already."""
    text, encoding = decode(data, str(path))
    return replace(parse(text, Path(path).stem, path=str(path)), encoding=encoding)
