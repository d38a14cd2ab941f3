"""What a transcript or subtitle format is to subpipe: one object per format, each in its own module."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

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
# A composer gives the text of a subtitle file holding `cues` in pieces, in order: a long episode's
# file is written as it is made, never held whole beside the episode (about ten times its input).
Composer = Callable[[Sequence[Cue]], Iterable[str]]
# A sniffer tells from the first non-blank lines of a text (up to 20) whether it is in this format.
Sniffer = Callable[[Sequence[str]], bool]


@dataclass(frozen=True)
class Format:
    """A format subpipe reads (and, for subtitle formats, writes).

    `extensions` are lower-case with their dot; a folder's files are collected by them and a file
    whose content `sniff` does not claim is read by its extension. A format without `sniff` is known
    by its extension only; one without `pieces` is read only."""

    name: str
    extensions: tuple[str, ...]
    read: Reader
    pieces: Composer | None = None
    sniff: Sniffer | None = None

    def compose(self, cues: Sequence[Cue]) -> str:
        """The whole text of a subtitle file holding `cues`."""
        if self.pieces is None:
            raise ValueError(f"subpipe does not write {self.name!r} subtitles")
        return "".join(self.pieces(cues))


# Cues composed into one piece: large enough that writing a piece costs nothing per cue, small enough
# that a piece is a few hundred kilobytes at most.
PIECE_CUES = 1000


def in_pieces(cues: Sequence[Cue]) -> Iterator[Sequence[Cue]]:
    """`cues` in runs of `PIECE_CUES`, each read from the set as it is composed (a packed set makes its
    cues as they are read)."""
    cue_iterator = iter(cues)
    while run := tuple(islice(cue_iterator, PIECE_CUES)):
        yield run
