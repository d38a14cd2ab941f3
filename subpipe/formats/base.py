"""What a transcript or subtitle format is to subpipe: one object per format, each in its own module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Cue, EpisodeWarning, LabelDefinition, Line, Section


@dataclass(frozen=True)
class Reading:
    """What a reader found besides the lines: the file's title and date (Markdown front matter), its
    section headings, the speaker labels it defines, the translation it carries (bilingual subtitles),
    and what the reader had to work around."""

    lines: list[Line]
    title: str | None = None
    title_line: int | None = None  # the heading the title is written on
    date: str | None = None
    sections: tuple[Section, ...] = ()
    legend: tuple[LabelDefinition, ...] = ()
    warnings: tuple[EpisodeWarning, ...] = ()
    # What comes before the transcript proper in a transcription app's export (`formats/plain.py`).
    preamble: tuple[Line, ...] = ()
    # The English lines of a bilingual subtitle file, each timed as its cue (`formats/timed.py`).
    english: tuple[Line, ...] = ()


# A reader takes (text, path for error messages) and returns what it found: one Line per utterance or
# cue, and what the file says about itself.
Reader = Callable[[str, str | None], Reading]
# A composer returns the text of a subtitle file holding `cues`.
Composer = Callable[[Sequence[Cue]], str]
# A sniffer tells from the first non-blank lines of a text (up to 20) whether it is in this format.
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
