"""CC-CEDICT's proper nouns as a name layer under the glossaries.

The curated and user glossaries are matched first; text they leave is looked up here. A dictionary
name counts only where it sits on the word edges of the line as cut without it, is no ordinary word
(CC-CEDICT or jieba know it as one: 老子 is also "father"), and is not a piece of a longer
transliteration (马里 in 马里欧). Its English comes from the definition ("Donald Trump (1946–), …").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..model import AnalyzedLine
from ..text.lexicon import (
    DOTTED_SEPARATOR,
    MIDDLE_DOTS,
    TRANSLITERATION_CHARS,
)
from .cedict import CedictData, DictionaryName, load_cedict
from .edges import NAME_FOLLOWERS, inside_transliteration, on_word_edges

# English words that make a "person" definition something else: 护国战争 (the National Protection War).
_NOT_PEOPLE = ("War", "State", "Dynasty", "Kingdom", "Revolution", "Uprising", "Rebellion", "Incident", "Era")


@dataclass(frozen=True)
class NameDictionary:
    """The dictionary's usable names by (Simplified, ·-dotted) form, with derived forms: the last part
    of a dotted person's name (乔姆斯基 of 诺姆·乔姆斯基) when no other person of the dictionary has it
    and the dictionary does not list it as a plain surname, and the name without its dots."""

    names: dict[str, DictionaryName]
    name_parts: dict[str, str]
    surnames: dict[str, str]
    ordinary: frozenset[str]
    date: str
    lengths: dict[str, tuple[int, ...]]

    def lookup(self, form: str) -> DictionaryName | None:
        return self.names.get(form)

    def is_ordinary(self, word: str) -> bool:
        """A word CC-CEDICT knows as an ordinary word (with a lower-case reading)."""
        return word in self.ordinary

    def matches(self, item: AnalyzedLine, text: str) -> Iterator[tuple[int, int, DictionaryName]]:
        """Every dictionary name in `text` (the line's analysis text, dots made ·), longest first at
        each position, that sits on the line's word edges."""
        starts = {t.start for t in item.tokens}
        ends = {t.end for t in item.tokens}
        position = 0
        while position < len(text):
            for length in self.lengths.get(text[position], ()):
                end = position + length
                name = self.names.get(text[position:end]) if end <= len(text) else None
                if name is not None and on_word_edges(text, position, end, starts, ends, item.tokens):
                    if (
                        not inside_transliteration(text, position, end, item.tokens)
                        and not _runs_on(item, end, name)
                    ):
                        yield position, end, name
                        position = end - 1
                        break
            position += 1


def is_everyday_word(word: str) -> bool:
    """True for a word CC-CEDICT reads only as an ordinary word (权威 "authority", 荣誉 "honour"), never
    as a name: jieba tags a few such words as people's names, which must not make them parts of one."""
    data = load_cedict()
    if len(word) < 2 or data is None or word not in data.ordinary:
        return False  # a single character is a word and a name part alike (夏: summer, and a surname)
    return word not in data.names and word not in data.name_parts


@cache
def name_dictionary() -> NameDictionary | None:
    """The dictionary as matched (once per process; it holds no run's data), or None when CC-CEDICT is
    not installed.

    Its usable forms are kept in the per-user cache (`subpipe.cache`): choosing them checks each of
    CC-CEDICT's 10,000 names against jieba's ordinary words, about 0.03 s of every cold run. The entry is
    keyed by CC-CEDICT's file, jieba's dictionary and the code that chooses them."""
    data = load_cedict()
    if data is None:
        return None
    from ..cache import cached, file_key
    from ..text import lexicon, segment
    from .cedict import READER_VERSION, dictionary_text_path

    code = " ".join(file_key(path) for path in (__file__, lexicon.__file__, segment.__file__))
    key = f"{READER_VERSION} {file_key(dictionary_text_path() or 'none')} {segment.dictionary_key()} {code}"
    return cached(
        "cedict-matcher",
        key,
        lambda: [(name.form, name.english, name.kind) for name in build_name_dictionary(data).names.values()],
        lambda payload: _name_dictionary(data, payload),
    )


def build_name_dictionary(data: CedictData) -> NameDictionary:
    from ..text.segment import is_ordinary_word

    names: dict[str, DictionaryName] = {}
    for form, name in data.names.items():
        form = DOTTED_SEPARATOR.sub("·", form)
        # Not a form CC-CEDICT also reads as an ordinary word (老子 "father", 张扬 "to make public"; 牛顿,
        # whose other sense is the unit named after him, is no such word).
        if _usable(form, name) and form not in data.ordinary and not is_ordinary_word(form):
            names[form] = DictionaryName(form, name.english, name.kind)
    # Derived forms: the dotless name, and the last part of a dotted person's name when it is theirs alone.
    last_parts: dict[str, list[DictionaryName]] = defaultdict(list)
    for form, name in list(names.items()):
        if "·" not in form:
            continue
        names.setdefault(form.replace("·", ""), DictionaryName(form.replace("·", ""), name.english, name.kind))
        if name.kind == "person":
            last_parts[form.rsplit("·", 1)[1]].append(name)
    for part, people in last_parts.items():
        if (
            len(people) == 1
            and len(part) >= 3
            and part not in names
            and part not in data.name_parts
            and part not in data.ordinary
            and not is_ordinary_word(part)
        ):
            names[part] = DictionaryName(part, people[0].english, "person")
    return _matcher(data, names)


def _name_dictionary(data: CedictData, payload: object) -> NameDictionary:
    """The NameDictionary of the usable names as the cache holds them: (form, English, kind) in order."""
    if not isinstance(payload, list):
        raise ValueError("not the dictionary's usable names")
    names: dict[str, DictionaryName] = {}
    for form, english, kind in payload:
        # CC-CEDICT's own (equal, frozen) name where there is one, rather than a copy of it.
        name = data.names.get(form)
        same = name is not None and (name.form, name.english, name.kind) == (form, english, kind)
        names[form] = name if same else DictionaryName(form, english, kind)
    return _matcher(data, names)


def _matcher(data: CedictData, names: dict[str, DictionaryName]) -> NameDictionary:
    lengths: dict[str, set[int]] = defaultdict(set)
    for form in names:
        lengths[form[0]].add(len(form))
    return NameDictionary(
        names,
        dict(data.name_parts),
        dict(data.surnames),
        data.ordinary,
        data.date,
        {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()},
    )


def _usable(form: str, name: DictionaryName) -> bool:
    if len(form.replace("·", "")) < 2:
        return False
    # Places and organisations of two characters are mostly Chinese counties and towns whose names are
    # also everyday words or other places' short names (德州 is Dezhou, and Texas): too many false friends.
    if name.kind != "person" and len(form) == 2:
        return False
    if any(dot in form for dot in MIDDLE_DOTS if dot != "·"):
        return False
    if name.kind == "person" and (name.english.split()[-1] in _NOT_PEOPLE or not name.english[:1].isupper()):
        return False
    return True




def _runs_on(item: AnalyzedLine, end: int, name: DictionaryName) -> bool:
    """A short person's name followed by a piece jieba could not make a word of is the start of a
    longer name: 朱德芳 is not 朱德, 福尔摩莎 not 福尔 (Félix Faure). A name is followed by a word
    (牛顿力学, 康德有讲过, 朱德说) or by nothing of the language."""
    from ..text.segment import is_dictionary_word

    if name.kind != "person" or len(name.form) > 3:
        return False
    following = next((t for t in item.tokens if t.start == end), None)
    if following is None or not re.match(r"[\u4e00-\u9fff]", following.text):
        return False
    if len(following.text) == 1:
        return following.text not in NAME_FOLLOWERS
    return not any(is_dictionary_word(following.text[:stop]) for stop in range(2, len(following.text) + 1))


def _transliterated(form: str) -> bool:
    return all(char in TRANSLITERATION_CHARS or char == "·" for char in form)
