"""What the subtitle readers (SRT, WebVTT, ASS) share: a cue's display lines made into one transcript
line, roll-up captions read once, and bilingual files (an English line beside the Chinese in each cue).

Bilingual subtitles are how translators and fan-subbers hand files around: each cue holds the Chinese and
its English (either order), or each language is a cue of its own with the same times (as ASS files often
give them, each in its style). Read as one text, the English would become transcript words: spoken
Chinese to segment, shape and summarise, and Chinese subtitles half in English. So where most cues that
hold Chinese also hold a sentence of English (English words, not only a name: `machine learning` or
`PyTorch Lightning` on a line of their own is how a Chinese speaker's terms are broken onto lines), the
file is bilingual: its Chinese lines are the transcript and its English lines the file's own translation,
timed as their cues (the bilingual outputs show it, as with `--english`). The decision is for the whole
file, never per cue: a Chinese cue quoting a line of English in a monolingual file stays as written.

Roll-up captions (YouTube's automatic captions, as yt-dlp saves them) show each line twice: a cue holds the
line before it and the new one, and a cue of a few milliseconds holds the old line alone while it scrolls
up. Read as they stand, every line of the transcript would be said twice. Where most cues open with the
line the cue before them ended on, the file is roll-up: that repeated first line is left out of each cue,
and a cue holding nothing else is dropped. Again the whole file decides, so that a speaker who says the
same thing twice in an ordinary file is kept twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import EpisodeWarning, Line
from ..text.lexicon import CJK_RANGE
from .base import Reading
from .markup import is_stage_direction, join_lines

_HAN = re.compile(rf"[{CJK_RANGE}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# English's commonest words: a line holding one is a sentence of English, not a term or a name alone.
_ENGLISH_WORDS = frozenset(
    "the a an to of and or but in on at for with from by is are was were be been it this that these those "
    "we you i he she they my your our their what how why who do does did not no so if as can will would "
    "have has had there here all just about".split()
)
# A file is roll-up when at least this share of its cues (after the first) open with the line the cue
# before ended on and go on with a new one, and at least two do. (YouTube's files alternate such a cue
# with one holding the finished line alone: about half their cues; without those, nearly all.)
_ROLL_UP_SHARE = 0.4
_ROLL_UP_MIN_CUES = 2
# A file is bilingual when at least this share of its cues that hold Chinese also hold a line of English
# (and at least two do): translated files pair nearly every cue; a monolingual one quotes English rarely.
_BILINGUAL_SHARE = 0.5
_BILINGUAL_MIN_CUES = 2


@dataclass(frozen=True)
class CueText:
    """One cue as a subtitle reader found it, before its display lines are joined: `parts` are
    (source line, display line without markup), blank ones left out."""

    parts: tuple[tuple[int, str], ...]
    start_ms: int
    end_ms: int
    label: str | None = None


def transcript_lines(cues: Sequence[CueText]) -> Reading:
    """One transcript line per cue with text; for a bilingual file, the Chinese lines only, with the
    English lines as `Reading.english` and a warning saying so. Roll-up captions are read once."""
    cues, rolled = _without_roll_up(cues)
    warnings = (rolled,) if rolled is not None else ()
    paired = _with_partners(cues)
    if not _is_bilingual(paired):
        return Reading([line for cue in cues if (line := _line(cue, cue.parts)) is not None], warnings=warnings)
    cues = paired
    lines: list[Line] = []
    english: list[Line] = []
    for cue in cues:
        chinese = tuple(part for part in cue.parts if not _is_english(part[1]))
        translation = tuple(part for part in cue.parts if _is_english(part[1]))
        if not chinese:
            # A cue with English only (a song, a name card) is what the file shows there: kept as text.
            chinese, translation = cue.parts, ()
        line = _line(cue, chinese)
        if line is not None:
            lines.append(line)
        if translation:
            english.append(Line(translation[0][0], join_lines(text for _, text in translation), cue.start_ms, cue.end_ms))
    with_english = len(english)
    message = (
        f"{with_english} of {len(lines)} cues hold an English line beside the Chinese: read as the file's own "
        "translation, not as transcript text"
    )
    return Reading(lines, english=tuple(english), warnings=(*warnings, EpisodeWarning(message, english[0].number)))


def _line(cue: CueText, parts: Sequence[tuple[int, str]]) -> Line | None:
    if not parts:
        return None
    text = join_lines(text for _, text in parts)
    if not text:
        return None
    return Line(parts[0][0], text, cue.start_ms, cue.end_ms, cue.label, speech=not is_stage_direction(text))


def _without_roll_up(cues: Sequence[CueText]) -> tuple[Sequence[CueText], EpisodeWarning | None]:
    """The cues without the line each repeats from the cue before (roll-up captions), and a warning
    saying so; the cues unchanged when the file is not roll-up."""
    with_text = [cue for cue in cues if cue.parts]
    rolling = [
        cue
        for before, cue in zip(with_text, with_text[1:])
        if len(cue.parts) > 1 and cue.parts[0][1] == before.parts[-1][1] != cue.parts[-1][1]
    ]
    if len(rolling) < _ROLL_UP_MIN_CUES or len(rolling) < _ROLL_UP_SHARE * (len(with_text) - 1):
        return cues, None
    repeats = 0
    kept: list[CueText] = []
    last_line: str | None = None
    for cue in cues:
        if not cue.parts:
            continue
        repeated = cue.parts[0][1] == last_line
        repeats += repeated
        parts = cue.parts[1:] if repeated else cue.parts
        last_line = cue.parts[-1][1]
        if parts:
            kept.append(replace(cue, parts=parts))
    message = (
        f"{repeats} cues repeat the line the cue before them ended on (roll-up captions, as YouTube writes "
        "them): each line is read once, from the cue it first appears in"
    )
    return kept, EpisodeWarning(message, rolling[0].parts[0][0])


def _with_partners(cues: Sequence[CueText]) -> Sequence[CueText]:
    """The cues with each English-only cue joined to a Chinese cue of exactly the same times (how ASS
    files give each language its own event and style), in the Chinese cue's place."""
    chinese_at: dict[tuple[int, int], int] = {}
    for index, cue in enumerate(cues):
        if any(_is_chinese(text) for _, text in cue.parts):
            chinese_at.setdefault((cue.start_ms, cue.end_ms), index)
    partner: dict[int, tuple[tuple[int, str], ...]] = {}
    joined: set[int] = set()
    for index, cue in enumerate(cues):
        if cue.parts and all(_is_english(text) for _, text in cue.parts):
            chinese = chinese_at.get((cue.start_ms, cue.end_ms))
            if chinese is not None and chinese not in partner:
                partner[chinese] = cue.parts
                joined.add(index)
    if not joined:
        return cues
    return [replace(cue, parts=cue.parts + partner.get(i, ())) for i, cue in enumerate(cues) if i not in joined]


def _is_bilingual(cues: Sequence[CueText]) -> bool:
    chinese = 0
    paired = 0
    for cue in cues:
        if any(_is_chinese(text) for _, text in cue.parts):
            chinese += 1
            paired += any(_is_english(text) and _is_sentence(text) for _, text in cue.parts)
    return paired >= _BILINGUAL_MIN_CUES and paired >= _BILINGUAL_SHARE * chinese


def _is_english(text: str) -> bool:
    """A display line of English: a word of Latin letters, mostly letters, and Latin letters at least
    twice the Chinese characters (a name left in Chinese, `This is 张三's book`, stays English)."""
    if not _LATIN_WORD.search(text):
        return False
    letters = len(_LATIN_LETTER.findall(text))
    visible = sum(1 for char in text if not char.isspace())
    return letters >= visible / 2 and letters >= 2 * len(_HAN.findall(text))


def _is_chinese(text: str) -> bool:
    return bool(_HAN.search(text)) and not _is_english(text)


def _is_sentence(text: str) -> bool:
    """English words, not terms alone: the line holds one of English's commonest words."""
    return any(word.lower() in _ENGLISH_WORDS for word in re.findall(r"[A-Za-z']+", text))
