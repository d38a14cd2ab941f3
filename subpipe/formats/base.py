"""What a transcript or subtitle format is to subpipe: one object per format, each in its own module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Cue, Line

# A reader takes (text, path for error messages) and returns one Line per utterance or cue.
Reader = Callable[[str, str | None], list[Line]]
# A composer returns the text of a subtitle file holding `cues`.
Composer = Callable[[Sequence[Cue]], str]
# A sniffer tells from the first two non-blank lines of a text whether it is in this format.
Sniffer = Callable[[Sequence[str]], bool]


@dataclass(frozen=True)
class Format:
    """A format subpipe reads (and, for subtitle formats, writes).

    `extensions` are lower-case with their dot; a folder's files are collected by them and a file
    whose content `sniff` does not claim is read by its extension. A format without `sniff` is known
    by its extension only; one without `compose` is read only."""

    name: str
    extensions: tuple[str, ...]
    read: Reader
    compose: Composer | None = None
    sniff: Sniffer | None = None
