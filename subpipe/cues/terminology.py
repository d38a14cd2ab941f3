"""The terminology check of a translation: does each line's English name whom and what its Chinese names?

English usage decides what counts as naming someone. The full name (Sam Altman) always does, and so do
the glossary's short forms (`short` column: USTC for a university, Ilya for someone people call Ilya).
After the first mention in the translation a person's surname is enough (Altman), and a Chinese line
that itself uses only part of a name (麦格鲁, 奥特曼) may be matched by that part in English. An
organisation may lose its corporate suffix (Alibaba for Alibaba Group).

What is flagged, and said so: a wrong person or thing (the English names someone else from the
glossary), a misspelling (Altmann, Mask, Ilia: one or two letters from a right form), a name left in
pinyin (Zheng Hengyuan for Hyung Won Chung), a surname alone where the reader meets the person for the
first time, and a name that is missing. Each line is checked as a whole, not cue by cue: word order
differs between the languages, so a name may fairly sit in the English of a neighbouring cue.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..glossary import Entry, Glossary, dotted_parts, simplified
from ..model import Mention, TermMiss

# Entities a translation must name the same way; terms may fairly be paraphrased.
CHECKED_KINDS = frozenset({"person", "org", "product", "place"})
# A Chinese mention written as only part of the name: its English may be only that part too.
_PARTIAL_VIAS = frozenset({"partial", "given", "short"})
# Corporate words an organisation's name may drop in running English (Alibaba Group -> Alibaba).
_CORPORATE = frozenset(
    "inc inc. corp corp. corporation group ltd ltd. limited co co. company holdings llc plc ag sa gmbh".split()
)
# Words too common in English to stand for anyone as a surname or to be taken for a misspelling.
_COMMON = frozenset(
    "the and for with from that this they them then than will just more most much many also very what when "
    "where which who why how here there mark may long young king hope rose bill will grant gates price case "
    "brown green white black wood hill chase cook page ward".split()
)
# Name words shorter than this (Sam, Koo, Li) are too close to too many English words to call a near one a misspelling.
_SHORTEST_MISSPELT = 4
MISSING, MISSPELT, WRONG, PINYIN, FIRST_MENTION = "missing", "misspelt", "wrong name", "pinyin", "first mention"


def check_terminology(
    mentions: Sequence[Mention], translation: Mapping[int, str], glossary: Glossary
) -> tuple[TermMiss, ...]:
    """The translated lines whose English does not name what their Chinese names, one finding per line
    and name, in line order."""
    check = _Check(translation, glossary)
    checked = sorted(
        (m for m in mentions if m.kind in CHECKED_KINDS and m.english and translation.get(m.line)),
        key=lambda m: (m.line, m.start),
    )
    entities_of_line: dict[int, set[str]] = {}
    for mention in checked:
        entities_of_line.setdefault(mention.line, set()).add(_entity(mention))
    misses: list[TermMiss] = []
    done: set[tuple[int, str]] = set()
    for mention in checked:
        key = (mention.line, _entity(mention))
        if key in done:
            continue
        done.add(key)
        miss = check.mention(mention, entities_of_line[mention.line])
        if miss is not None:
            misses.append(miss)
    return tuple(misses)


def _entity(mention: Mention) -> str:
    return mention.entity or mention.english or mention.text


@dataclass(frozen=True)
class _Forms:
    """The English forms of one name: the full name, the short forms, and the name's parts."""

    full: str
    short: tuple[str, ...]
    surnames: tuple[str, ...]
    words: tuple[str, ...]

    def anywhere(self) -> tuple[str, ...]:
        return (self.full, *self.short)


class _Check:
    def __init__(self, translation: Mapping[int, str], glossary: Glossary):
        self.translation = translation
        self.glossary = glossary
        self._forms: dict[str, _Forms] = {}
        self._introduced: dict[str, int | None] = {}

    def mention(self, mention: Mention, named_here: set[str]) -> TermMiss | None:
        english = self.translation[mention.line]
        entity = _entity(mention)
        forms = self.forms(mention)
        if any(_contains(english, form) for form in forms.anywhere()):
            return None
        allowed = list(forms.anywhere())
        partial_here = self.partial(mention)
        introduced = self.introduced_at(entity, forms)
        after_first = introduced is not None and introduced < mention.line
        if mention.kind == "person" and (after_first or partial_here):
            allowed += forms.surnames
        if partial_here:
            allowed += self.part_forms(mention, forms)
        problem, found = self.diagnose(mention, forms, allowed, english, named_here)
        if problem is None:
            return None
        expected = tuple(dict.fromkeys(allowed))
        return TermMiss(mention.line, mention.text, mention.english or "", english, problem, found, expected)

    def diagnose(
        self, mention: Mention, forms: _Forms, allowed: list[str], english: str, named_here: set[str]
    ) -> tuple[str | None, str | None]:
        """What is wrong when the full name is not there (None when a part of it fairly stands for it):
        pinyin or a misspelling beside a right part (Tang Feng, Nancy Pelossi), else another name, a
        surname too early, or nothing."""
        pinyin = _pinyin_in(mention.text, english)
        if pinyin is not None:
            return PINYIN, pinyin
        close = _near_miss(english, [*allowed, *forms.surnames, *forms.words])
        if close is not None:
            return MISSPELT, close
        if any(_contains(english, form) for form in allowed):
            return None, None
        other = self.other_name(mention, english, named_here)
        if other is not None:
            return WRONG, other
        if mention.kind == "person":
            early = next((s for s in forms.surnames if _contains(english, s)), None)
            if early is not None:
                return FIRST_MENTION, early
        return MISSING, None

    def forms(self, mention: Mention) -> _Forms:
        entity = _entity(mention)
        if entity not in self._forms:
            entry = self.glossary.entries.get(mention.entity or "")
            self._forms[entity] = _forms_of(mention.english or "", mention.kind or "", entry)
        return self._forms[entity]

    def introduced_at(self, entity: str, forms: _Forms) -> int | None:
        """The first translated line whose English gives the full name or a short form."""
        if entity not in self._introduced:
            self._introduced[entity] = next(
                (n for n in sorted(self.translation) if any(_contains(self.translation[n], f) for f in forms.anywhere())),
                None,
            )
        return self._introduced[entity]

    def partial(self, mention: Mention) -> bool:
        """The Chinese names only part of the name: a dotted name's part (麦格鲁), a given name, an
        organisation's short form, or an alias inside another of the entry's forms (岸田 of 岸田文雄)."""
        if mention.via in _PARTIAL_VIAS:
            return True
        entry = self.glossary.entries.get(mention.entity or "")
        written = simplified(mention.text)
        return entry is not None and any(
            written != simplified(form) and written in simplified(form) for form in entry.chinese
        )

    def part_forms(self, mention: Mention, forms: _Forms) -> list[str]:
        """The English of the part of a name the Chinese wrote (麦格鲁 -> McGrew, by a dotted form whose
        parts line up with the English words), or every word of it when no form lines up."""
        entry = self.glossary.entries.get(mention.entity or "")
        written = simplified(mention.text)
        words = forms.full.split()
        for form in entry.chinese if entry is not None else ():
            parts = dotted_parts(simplified(form))
            if parts and len(parts) == len(words) and written in parts:
                return [words[parts.index(written)]]
        if entry is not None and any(simplified(form).startswith(written) for form in entry.chinese):
            return list(forms.surnames)  # a Chinese or Japanese name's first part is its family name (岸田)
        return [word for word in forms.words if len(word) >= 3]

    def other_name(self, mention: Mention, english: str, named_here: set[str]) -> str | None:
        """A name the glossary gives someone (or something) else of the same kind, written in the English
        instead: the wrong person."""
        for entity, form in self.index.get(mention.kind or "", ()):
            if entity != _entity(mention) and entity not in named_here and _contains(english, form):
                return form
        return None

    @cached_property
    def index(self) -> dict[str, list[tuple[str, str]]]:
        """Per kind, every (entity, English form) the glossary holds: full names, short forms and, for
        people, surnames no other person shares and no English word spells; longest forms first."""
        by_kind: dict[str, list[tuple[str, str]]] = {}
        surname_owners: dict[str, set[str]] = {}
        for entry in self.glossary.entries.values():
            if entry.kind not in CHECKED_KINDS:
                continue
            forms = _forms_of(entry.english, entry.kind, entry)
            listed = by_kind.setdefault(entry.kind, [])
            listed += [(entry.id, form) for form in forms.anywhere()]
            for surname in forms.surnames:
                surname_owners.setdefault(surname, set()).add(entry.id)
        people = by_kind.setdefault("person", [])
        people += [
            (next(iter(owners)), surname)
            for surname, owners in surname_owners.items()
            if len(owners) == 1 and len(surname) >= 4 and surname.casefold() not in _COMMON
        ]
        for listed in by_kind.values():
            listed.sort(key=lambda pair: -len(pair[1]))
        return by_kind


def _forms_of(english: str, kind: str, entry: Entry | None) -> _Forms:
    words = tuple(english.split())
    short = tuple(entry.short) if entry is not None else ()
    surnames: tuple[str, ...] = ()
    if kind == "person" and len(words) > 1:
        surnames = (_surname(words, entry),)
    elif kind == "org":
        trimmed = [w for w in words if w.casefold() != "the"] if words[:1] and words[0].casefold() == "the" else list(words)
        while len(trimmed) > 1 and trimmed[-1].casefold() in _CORPORATE:
            trimmed.pop()
        if trimmed and " ".join(trimmed) != english:
            short += (" ".join(trimmed),)
    return _Forms(english, short, surnames, words)


def _surname(words: tuple[str, ...], entry: Entry | None) -> str:
    """The family name: the word the Chinese surname sounds like when the name is written family name
    first (Yao Shunyu for 姚顺雨), else the last word (Sam Altman, Hyung Won Chung)."""
    if entry is not None and entry.chinese:
        main = simplified(entry.chinese[0])
        if not dotted_parts(main) and 2 <= len(main) <= 4:
            syllable = _pinyin(main[0])
            if syllable and words[0].casefold() == syllable and words[-1].casefold() != syllable:
                return words[0]
    return words[-1]


def _contains(text: str, form: str) -> bool:
    """`form` written in `text` as whole words; short forms (Li, US, AI) only with their case as given."""
    if not form:
        return False
    pattern = rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])"
    flags = 0 if len(form) <= 3 else re.IGNORECASE
    return re.search(pattern, text, flags) is not None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def _near_miss(english: str, forms: Sequence[str]) -> str | None:
    """A capitalised word one or two letters away from a word of a right form (Altmann for Altman)."""
    targets = {word for form in forms for word in form.split() if len(word) >= _SHORTEST_MISSPELT}
    for match in _WORD.finditer(english):
        word = re.sub(r"['’]s$", "", match.group())
        if not word[:1].isupper() or word.casefold() in _COMMON:
            continue
        for target in targets:
            if word != target and _close(word.casefold(), target.casefold()):
                return word
    return None


def _close(a: str, b: str) -> bool:
    if a == b:
        return False
    limit = 1 if max(len(a), len(b)) <= 6 else 2
    return abs(len(a) - len(b)) <= limit and _edit_distance(a, b, limit) <= limit


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent swaps counting one, stopping early past `limit`."""
    previous_row = list(range(len(b) + 1))
    before_previous: list[int] | None = None
    for i, char_a in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (char_a != char_b))
            if before_previous is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], before_previous[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before_previous, previous_row = previous_row, row
    return previous_row[-1]


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).casefold()


def _pinyin_in(chinese: str, english: str) -> str | None:
    """The words of `english` that spell the Chinese name in toneless pinyin (Zheng Hengyuan, Masike)."""
    name = "".join(c for c in simplified(chinese) if "\u3400" <= c <= "\u9fff")
    if len(name) < 2:
        return None
    target = _pinyin(name)
    words = [m for m in _WORD.finditer(english)]
    for start in range(len(words)):
        joined = ""
        for end in range(start, min(len(words), start + len(name))):
            joined += words[end].group().casefold().replace("-", "").replace("'", "")
            if joined == target:
                return english[words[start].start() : words[end].end()]
            if not target.startswith(joined):
                break
    return None
