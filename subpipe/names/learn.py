"""Names a transcript teaches itself: 鲍勃·麦格鲁（Bob McGrew）, 杰瑞·特沃里克Jerry Tworek.

A Chinese name written next to its English one makes an episode-local glossary entry. Where the
Chinese name begins is not marked, so we walk back from the English over the line's words while
they still look like a name: parts of a dotted transliteration, words that are not ordinary
dictionary words, surnames and transliteration characters, never a function word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text.lexicon import CJK_RANGE, COMMON_SURNAMES, FUNCTION_CHARS, MIDDLE_DOTS, TRANSLITERATION_CHARS
from ..model import AnalyzedLine, LearnedEntry, Token
from ..text.segment import is_ordinary_word, is_person_name_word
from .dictionary import is_everyday_word

if TYPE_CHECKING:
    from ..glossary import Glossary

# English in brackets right after the Chinese: anything Latin, a person or a product.
_BRACKETED = re.compile(r"\s?[（(]\s*([A-Za-z][A-Za-z0-9 .'’&\-]{0,60}?)\s*[）)]")
# English run on without brackets: only a personal name (two to four capitalised words), because
# a product glued to Chinese (谷歌DeepMind, 见证了Scaling Law) is not a translation of it.
_NAME_PARTICLES = "de|da|di|du|van|von|der|den|la|le|bin|al"
_RUN_ON = re.compile(
    rf"\s?([A-Z][a-z'’\-]+(?:\s(?:(?:{_NAME_PARTICLES})\s)?[A-Z][A-Za-z'’\-]+){{1,3}})(?![A-Za-z])"
)
_PERSONAL_NAME = re.compile(r"[A-Z][a-z'’\-]+(?:\s[A-Za-z'’\-]+){1,3}")
_LONGEST_PART = 6  # characters in one part of a transliteration
_LONGEST_UNDOTTED = 8


@dataclass(frozen=True)
class InlineName:
    """A Chinese name written with its English in the transcript."""

    line: int
    start: int  # offsets of the Chinese name in the line
    end: int
    chinese: str  # as in the source
    analysis: str  # its Simplified form
    english: str
    bracketed: bool

    @property
    def kind(self) -> str:
        """A learned name's glossary kind: a person when it looks like one, else a term."""
        return "person" if self.looks_like_person else "term"

    @property
    def looks_like_person(self) -> bool:
        if any(dot in self.analysis for dot in MIDDLE_DOTS) or not self.bracketed:
            return True
        return bool(_PERSONAL_NAME.fullmatch(self.english)) and (
            self.analysis[0] in COMMON_SURNAMES or all(c in TRANSLITERATION_CHARS for c in self.analysis)
        )


def find_inline_names(
    analyzed: Sequence[AnalyzedLine]
) -> list[InlineName]:
    """Every `中文名（English）` and `中文名English Name` in the transcript, in order."""
    found = []
    for item in analyzed:
        for pattern, bracketed in ((_BRACKETED, True), (_RUN_ON, False)):
            for match in pattern.finditer(item.analysis):
                start = _name_start(item, match.start())
                if start is None:
                    continue
                english = " ".join(match.group(1).split())
                found.append(
                    InlineName(
                        line=item.line.number,
                        start=start,
                        end=match.start(),
                        chinese=item.line.text[start : match.start()],
                        analysis=item.analysis[start : match.start()],
                        english=english,
                        bracketed=bracketed,
                    )
                )
    found.sort(key=lambda name: (name.line, name.start))
    return found


def _name_start(item: AnalyzedLine, end: int) -> int | None:
    """Where the Chinese name that ends at `end` begins, or None if no name ends there."""
    text = item.analysis
    if end == 0 or not re.match(rf"[{CJK_RANGE}]", text[end - 1]):
        return None
    # The part after the last dot runs up to the English; earlier parts are whole between dots.
    start = end
    while start > 0 and re.match(rf"[{CJK_RANGE}]", text[start - 1]):
        start -= 1
    if start > 0 and text[start - 1] in MIDDLE_DOTS:
        if end - start > _LONGEST_PART:
            return None
        while start > 1 and text[start - 1] in MIDDLE_DOTS and re.match(rf"[{CJK_RANGE}]", text[start - 2]):
            part_end = start - 1
            part_start = _first_part_start(item, part_end)
            if part_start is None:
                return None
            start = part_start
            if not (start > 1 and text[start - 1] in MIDDLE_DOTS):
                break
        return start
    return _undotted_start(item, start, end)


def _tokens_before(item: AnalyzedLine, end: int, floor: int) -> list[Token]:
    """The words of the line that end at or before `end` and start at or after `floor`, last first."""
    return list(reversed(item.tokens_within(floor, end)))


def _first_part_start(item: AnalyzedLine, end: int) -> int | None:
    """The start of the leftmost part of a dotted name: name-like words back from the dot."""
    floor = max(0, end - _LONGEST_PART)
    start = end
    for token in _tokens_before(item, end, floor):
        if token.end != start:
            break
        if not looks_like_name_part(token.text):
            if start == end:
                start = _name_start_inside(item.analysis, token, looks_like_name_part)
            break
        start = token.start
    return start if start < end else None


def _name_start_inside(text: str, token: Token, name_like) -> int:
    """Where a name starts inside `token`, a word jieba glued it to, when the characters before belong
    to the word before the name (部长 of 美国商务部|长吉娜 → 吉娜); else the token's end (no name)."""
    from .edges import is_longer_word, trim_to_word_edges

    start, _ = trim_to_word_edges(text, token.start, token.end, is_longer_word)
    return start if start > token.start and name_like(text[start : token.end]) else token.end


def _undotted_start(item: AnalyzedLine, run_start: int, end: int) -> int | None:
    """A name without dots: a Chinese name (surname first) or a transliteration run."""
    start = end
    for token in _tokens_before(item, end, max(run_start, end - _LONGEST_UNDOTTED)):
        if token.end != start:
            break
        if not _name_like(token.text):
            if start == end:
                start = _name_start_inside(item.analysis, token, _name_like)
            break
        start = token.start
    name = item.analysis[start:end]
    if len(name) < 2:
        return None
    if name[0] in COMMON_SURNAMES and len(name) <= 4:
        return start
    if all(c in TRANSLITERATION_CHARS for c in name):
        return start
    # Not a surname name nor a transliteration: accept only a single non-dictionary word.
    words = item.tokens_within(start, end)
    return start if len(words) == 1 and not is_ordinary_word(name) else None


def looks_like_name_part(word: str) -> bool:
    """A word that can be part of a transliterated name: made of transliteration characters (罗德尼),
    or a person's name in jieba's dictionary (杰瑞). Not 读到 or 老同事."""
    if not re.fullmatch(rf"[{CJK_RANGE}]+", word):
        return False
    if all(c in TRANSLITERATION_CHARS for c in word):
        return word not in FUNCTION_CHARS
    return is_person_name_word(word) and not is_everyday_word(word) and not _made_of_words(word)


def _everyday(word: str) -> bool:
    # jieba tags some everyday words as names (顾问 nr); CC-CEDICT reads them as ordinary words.
    return is_ordinary_word(word) or is_everyday_word(word)


def _made_of_words(word: str) -> bool:
    """True when `word` is two or more ordinary words of two characters or more (法律顾问 is 法律 + 顾问),
    which no transliterated name is, whatever tag jieba gives it."""
    if len(word) < 4:
        return False
    ends = {0}
    for end in range(2, len(word) + 1):
        if any(start in ends and end - start >= 2 and _everyday(word[start:end]) for start in range(end - 1)):
            ends.add(end)
    return len(word) in ends


def _name_like(word: str) -> bool:
    if not re.fullmatch(rf"[{CJK_RANGE}]+", word):
        return False
    if len(word) == 1:
        return word not in FUNCTION_CHARS and (
            word in TRANSLITERATION_CHARS or word in COMMON_SURNAMES
        )
    return not is_ordinary_word(word) and not is_everyday_word(word)


@dataclass(frozen=True)
class Lesson:
    """What the transcript taught: the episode's glossary and a report of every inline name."""

    glossary: "Glossary"
    learned: tuple[LearnedEntry, ...]
    notes: tuple[str, ...]  # disagreements with the glossary, one line each
    forms: frozenset[str] = frozenset()  # the learned names' Simplified forms


def learn_from_transcript(names: Sequence[InlineName], glossary: "Glossary", source: str) -> Lesson:
    """Add inline names to `glossary` as episode-local entries; the glossary wins disagreements."""
    from ..glossary import Entry, Origin, extended_glossary

    entries: list[Entry] = []
    first_english: dict[str, InlineName] = {}
    notes: list[str] = []
    for name in names:
        earlier = first_english.get(name.analysis)
        if earlier is not None:
            if earlier.english.casefold() != name.english.casefold():
                notes.append(
                    f"line {name.line}: {name.chinese} is written as {name.english!r} here and as "
                    f"{earlier.english!r} on line {earlier.line}; the first is used"
                )
            continue
        first_english[name.analysis] = name
        entries.append(
            Entry(
                id=entry_id(name.english),
                english=name.english,
                kind=name.kind,
                chinese=(name.analysis,),
                origin=Origin(source, name.line),
            )
        )
    extended = extended_glossary(glossary, entries, existing_wins=True)
    new_conflicts = extended.conflicts[len(glossary.conflicts) :]
    overruled = {conflict.form for conflict in new_conflicts}
    for conflict in new_conflicts:
        notes.append(
            f"{conflict.dropped.origin}: the transcript writes {conflict.form} as {conflict.dropped.english!r}, "
            f"the glossary ({conflict.kept.origin}) as {conflict.kept.english!r}; the glossary is used"
        )
    learned = tuple(
        LearnedEntry(
            chinese=first_english[entry.chinese[0]].chinese,
            english=entry.english,
            kind=entry.kind,
            line=first_english[entry.chinese[0]].line,
            entity=entry.id,
            kept=entry.chinese[0] not in overruled,
        )
        for entry in entries
    )
    return Lesson(extended, learned, tuple(notes), frozenset(entry.chinese[0] for entry in entries))


def entry_id(english: str) -> str:
    """The id a glossary gives an English name (the glossary package's own rule)."""
    from ..glossary import make_entry_id

    return make_entry_id(english)
