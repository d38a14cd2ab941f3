"""Names no glossary gives, found for one episode: CC-CEDICT's people, places and organisations
(`via: dictionary`), Chinese people's names romanised (`via: romanised`), dotted foreign names guessed
from known parts (`via: guessed`).

Each becomes an episode-local glossary entry under the curated and user glossaries (they win every
clash, and a dictionary name whose English a glossary already lists joins that entry), so its parts,
dotless form and given name are derived as for any entry. Every one is listed for review in the
glossary suggestions. A speaker label that is a name is a person the same way (`labels.py`): its
mentions in the text, and a surname before a title, then mean them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ..glossary import (
    Entry,
    Glossary,
    Origin,
    dotted_parts,
    extended_glossary,
    make_entry_id,
    simplified,
)
from ..model import AnalyzedLine, LabelDefinition, Mention, Script, UnresolvedName
from ..text.line_index import LinesByNumber
from ..text.line_table import texts_of
from ..text.lexicon import CJK_RANGE, COMMON_SURNAMES, DOTTED_SEPARATOR, TRANSLITERATION_CHARS
from .align import LineNames, NameAlignment, longer_dotted_name, normal_dots
from .dictionary import NameDictionary
from .labels import LabelName, label_names, labels_in_force
from .people import find_chinese_names, is_chinese_name_at, looks_like_chinese_name
from .romanise import Region, region_of, romanise_name

VIA_DICTIONARY, VIA_ROMANISED, VIA_GUESSED, VIA_SHORT = "dictionary", "romanised", "guessed", "short"
# A short form is taken from an organisation's name only when it is no common word: jieba counts 字节
# ("byte") 87 times and 蚂蚁 324, but 深度 ("depth", of 深度求索) 1930 and 理想 3988.
_SHORT_FORM_MAX_FREQUENCY = 500
DICTIONARY_ORIGIN = "CC-CEDICT"
HONG_KONG_REASON = "Chinese name (no Cantonese reading at hand)"


@dataclass(frozen=True)
class Discovery:
    """What an episode adds to its glossary, and how each added form came to be."""

    glossary: Glossary
    via_of_form: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Chinese names seen in a person context that could not be romanised (Hong Kong names).
    unresolved: tuple[UnresolvedName, ...] = ()
    region: Region = Region.MAINLAND
    # Who speaks each labelled line, where the label names a person (a glossary's, or found here):
    # line -> entity.
    speakers: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    # How each entity found here was found (dictionary, romanised, guessed, short), by entity id.
    via_of_entity: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def found(self) -> bool:
        return bool(self.via_of_form)


def discover_names(
    analyzed: Sequence[AnalyzedLine],
    glossary: Glossary,
    alignment: NameAlignment,
    dictionary: NameDictionary | None,
    script: Script,
    region: Region | None = None,
    romanise: bool = True,
    legend: Sequence[LabelDefinition] = (),
    *,
    lines: LineNames | None = None,
) -> Discovery:
    """The names `glossary` left unnamed in the episode, as entries of a glossary extended with them;
    the speaker labels of the lines and the `legend`'s names are people's names where they are names.
    `lines`, when given, is `LineNames(analyzed)` read already."""
    if lines is None:
        lines = LineNames(analyzed)
    labels = label_names(analyzed, legend)
    covered: dict[int, list[tuple[int, int]]] = {}
    for mention in alignment.mentions + alignment.ambiguous:
        covered.setdefault(mention.line, []).append((mention.start, mention.end))
    if region is None:
        region = region_of(script, "".join(analysis for analysis, _ in texts_of(analyzed)))
    entries: list[tuple[Entry, str]] = []
    if dictionary is not None:
        entries += [(entry, VIA_DICTIONARY) for entry in _dictionary_entries(lines, covered, dictionary)]
        entries += [(entry, VIA_GUESSED) for entry in _guessed_entries(alignment.unresolved, dictionary)]
    entries += [(entry, VIA_SHORT) for entry in _short_org_entries(alignment, glossary)]
    unresolved: list[UnresolvedName] = []
    if romanise:
        said_by = [name for name in alignment.unresolved if name.reason == "named as a speaker"]
        people, unresolved = _romanised_entries(analyzed, covered, dictionary, region, said_by)
        entries += [(entry, VIA_ROMANISED) for entry in people]
    taken = {simplified(form) for entry, _ in entries for form in entry.chinese}
    speaking, unnamed = _label_entries(labels, glossary, taken, analyzed, dictionary, region if romanise else None)
    entries += speaking
    unresolved += unnamed
    if not entries:
        speakers = _speakers(analyzed, legend, labels, glossary)
        return Discovery(glossary, unresolved=tuple(unresolved), region=region, speakers=speakers)
    extended = extended_glossary(glossary, [entry for entry, _ in entries], existing_wins=True)
    via_of_id = {entry.id: via for entry, via in entries}
    via_of_form = {}
    for form, aliases in extended.aliases.items():
        if form in glossary.aliases:
            continue  # a form some glossary already gives keeps its own story
        via = next((via_of_id[a.entry_id] for a in aliases if a.entry_id in via_of_id), None)
        if via is not None:
            via_of_form[normal_dots(form)] = via
    speakers = _speakers(analyzed, legend, labels, extended)
    # An entry that joined one a glossary already had (the same English) is the glossary's.
    via_of_entity = {id: via for id, via in via_of_id.items() if id not in glossary.entries}
    return Discovery(
        extended, MappingProxyType(via_of_form), tuple(unresolved), region, speakers, MappingProxyType(via_of_entity)
    )


def _label_entries(
    labels: Sequence[LabelName],
    glossary: Glossary,
    taken: set[str],
    analyzed: Sequence[AnalyzedLine],
    dictionary: NameDictionary | None,
    region: Region | None,
) -> tuple[list[tuple[Entry, str]], list[UnresolvedName]]:
    """The people the speaker labels name that no glossary and no name found in the text gives: the
    dictionary's person, a dotted name guessed from its parts, or a Chinese name romanised by place
    (`region` None: not romanised). A label that is a word, a place or an organisation names nobody here.
    A label may hold a name after a body or a role (数通产品部朱宝红): its first part that names someone
    is taken (`LabelName.forms`). The entries keep the name as the file writes it."""
    is_known_word = _word_test(dictionary)
    surnames = dictionary.surnames if dictionary is not None else {}
    entries: list[tuple[Entry, str]] = []
    unresolved: list[UnresolvedName] = []
    for label in labels:
        for written in label.forms:
            form = normal_dots(simplified(written))
            if form in glossary.aliases or form in taken:
                break  # a glossary's, or found in the text already
            found = _label_person(written, form, label.line, dictionary, region, is_known_word, surnames)
            if found is None:
                continue
            taken.add(form)
            if isinstance(found, UnresolvedName):
                holding = tuple(item.line.number for item in analyzed if form in item.analysis)
                unresolved.append(replace(found, lines=holding or found.lines))
            else:
                entries.append(found)
            break
    return entries, unresolved


def _label_person(
    written: str,
    form: str,
    line: int,
    dictionary: NameDictionary | None,
    region: Region | None,
    is_known_word,
    surnames,
) -> tuple[Entry, str] | UnresolvedName | None:
    """The person a label's part names (an entry and how it was found), a Chinese name that cannot be
    romanised here (Hong Kong), or None when the part names no one (a word, a place, a body)."""
    if dictionary is not None:
        person = dictionary.lookup(form)
        if person is not None:
            return (_dictionary_entry(person.english, written, dictionary), VIA_DICTIONARY) if person.kind == "person" else None
        if "·" in form:
            english = _guessed_english(form, dictionary)
            return (_guessed_entry(english, written), VIA_GUESSED) if english is not None else None
    if region is None or not looks_like_chinese_name(form, is_known_word, whole=True):
        return None
    english = romanise_name(form[0], form[1:], region, surnames)
    if english is None:
        return UnresolvedName(written, form, (line,), HONG_KONG_REASON)
    return _romanised_entry(english, written, form, region, line), VIA_ROMANISED


def _speakers(
    analyzed: Sequence[AnalyzedLine], legend: Sequence[LabelDefinition], labels: Sequence[LabelName], glossary: Glossary
) -> Mapping[int, str]:
    """Line -> the person its label names in `glossary` (by the label's first part that names exactly
    one person)."""
    person_of: dict[str, str] = {}
    for label in labels:
        for written in label.forms:
            ids = {alias.entry_id for alias in glossary.aliases.get(normal_dots(simplified(written)), ())}
            if len(ids) == 1 and glossary.entry(next(iter(ids))).kind == "person":
                person_of[label.written] = ids.pop()
                break
    in_force = labels_in_force(analyzed, legend)
    return MappingProxyType({line: person_of[label] for line, label in in_force.items() if label in person_of})


def _dictionary_entries(
    lines: LineNames, covered: Mapping[int, list[tuple[int, int]]], dictionary: NameDictionary
) -> list[Entry]:
    """CC-CEDICT names the episode writes where nothing else named them."""
    carried = _surnames_carried_by_others(lines.dotted_written, lines.texts, dictionary)
    found: dict[str, Entry] = {}
    for item, text in zip(lines.analyzed, lines.texts):
        spans = covered.get(item.line.number, [])
        for start, end, name in dictionary.matches(item, text):
            if any(s < end and start < e for s, e in spans) or name.form in found or name.form in carried:
                continue
            whole = longer_dotted_name(item, start, end)
            if whole is not None and "·" not in name.form:
                continue  # 基辛格 inside 帕特·基辛格 is part of someone else's name
            found[name.form] = _dictionary_entry(name.english, name.form, dictionary, name.kind)
    return list(found.values())


def _dictionary_entry(english: str, written: str, dictionary: NameDictionary, kind: str = "person") -> Entry:
    return Entry(
        id=make_entry_id(english),
        english=english,
        kind=kind,
        chinese=(written,),
        note=f"CC-CEDICT {dictionary.date}",
        origin=Origin(DICTIONARY_ORIGIN),
    )


def _surnames_carried_by_others(
    dotted_written: frozenset[str], texts: Sequence[str], dictionary: NameDictionary
) -> set[str]:
    """Forms that stand for a dictionary person alone but that the episode gives someone else as a
    surname: the last part of another dotted name (帕特·基辛格, so 基辛格 is not Henry Kissinger), or a
    name part CC-CEDICT lists as any family's (布朗, "Brown (name)") written after another given name
    (诺姆布朗, so 布朗 is not Gordon Brown)."""
    carried = set()
    for name in dotted_written:
        last = name.rsplit("·", 1)[1]
        person = dictionary.lookup(last)
        if person is not None and person.kind == "person" and dictionary.lookup(name) != person:
            carried.add(last)
    # Each text read once, its name parts found by their first character, rather than each part looked
    # for in each text. As the search this replaces did, a part whose first place in a text is one of
    # its first two characters is not looked at further in that text.
    part_lengths: dict[str, set[int]] = defaultdict(set)
    for form in dictionary.name_parts:
        part_lengths[form[0]].add(len(form))
    for text in texts:
        passed: set[str] = set()  # parts found at the text's start
        for position, char in enumerate(text):
            for length in part_lengths.get(char, ()):
                form = text[position : position + length]
                if form in carried or form in passed or form not in dictionary.name_parts:
                    continue
                if position < 2:
                    passed.add(form)
                    continue
                before = text[position - 2 : position]
                if all(char in TRANSLITERATION_CHARS for char in before) and dictionary.lookup(before + form) is None:
                    carried.add(form)
    return carried


def _short_org_entries(alignment: NameAlignment, glossary: Glossary) -> list[Entry]:
    """字节 for 字节跳动: the first two characters of an organisation's name of four or more, once the
    episode has named it in full, unless they are a name of their own or a common word."""
    from ..glossary import simplified
    from ..text.segment import dictionary_frequency

    entries: dict[str, Entry] = {}
    for mention in alignment.mentions:
        if mention.kind != "org" or mention.entity is None:
            continue
        full = simplified(mention.text)
        short = full[:2]
        if len(full) < 4 or not re.fullmatch(rf"[{CJK_RANGE}]+", full) or short in glossary.aliases:
            continue
        if short in entries or dictionary_frequency(short) >= _SHORT_FORM_MAX_FREQUENCY:
            continue
        entry = glossary.entry(mention.entity)
        entries[short] = Entry(id=entry.id, english=entry.english, kind=entry.kind, chinese=(short,),
                               origin=Origin("short form", mention.line))
    return list(entries.values())


def _guessed_entries(unresolved: Sequence[UnresolvedName], dictionary: NameDictionary) -> list[Entry]:
    """A dotted name whose every part has a standard English form (查尔斯 Charles, 桑顿 Thornton): the
    parts in order. Precision first: one unknown part and there is no guess."""
    entries = []
    for name in unresolved:
        if name.reason != "dotted name":
            continue
        english = _guessed_english(normal_dots(name.form), dictionary)
        if english is not None:
            entries.append(_guessed_entry(english, name.form))
    return entries


def _guessed_english(form: str, dictionary: NameDictionary) -> str | None:
    """The English of a dotted name (·-dotted) from its parts, or None when a part is unknown."""
    parts = dotted_parts(DOTTED_SEPARATOR.sub("·", form)) or []
    if len(parts) < 2:
        return None
    english = []
    for index, part in enumerate(parts):
        known = dictionary.name_parts.get(part)
        if known is None and index == len(parts) - 1:
            person = dictionary.lookup(part)
            known = person.english.split()[-1] if person is not None and person.kind == "person" else None
        if known is None:
            return None
        english.append(known)
    return " ".join(english)


def _guessed_entry(english: str, written: str) -> Entry:
    return Entry(
        id=make_entry_id(english),
        english=english,
        kind="person",
        chinese=(written,),
        note="guessed from the standard English of each part",
        origin=Origin("guessed"),
    )


def _romanised_entries(
    analyzed: Sequence[AnalyzedLine],
    covered: Mapping[int, list[tuple[int, int]]],
    dictionary: NameDictionary | None,
    region: Region,
    said_by: Sequence[UnresolvedName] = (),
) -> tuple[list[Entry], list[UnresolvedName]]:
    is_known_word = _word_test(dictionary)
    surnames = dictionary.surnames if dictionary is not None else {}
    entries, unresolved = [], []
    names = find_chinese_names(analyzed, covered, is_known_word)
    line_of = LinesByNumber(analyzed)
    for speaker in said_by:  # 根据郑亨元的说法, 郑亨元解释道: found by the unresolved report
        item = line_of[speaker.lines[0]]
        start = item.analysis.find(speaker.form)
        if start >= 0 and is_chinese_name_at(item, start, start + len(speaker.form), is_known_word):
            names.setdefault(speaker.form, speaker.lines[0])
    for form, line in names.items():
        english = romanise_name(form[0], form[1:], region, surnames) if form[0] in COMMON_SURNAMES else None
        if english is None:
            holding = [item for item in analyzed if form in item.analysis]
            first = line_of[line]
            start = first.analysis.find(form)
            unresolved.append(
                UnresolvedName(
                    first.line.text[start : start + len(form)],  # as the source writes it
                    form,
                    tuple(item.line.number for item in holding),
                    HONG_KONG_REASON,
                )
            )
            continue
        entries.append(_romanised_entry(english, form, form, region, line))
    return entries, unresolved


def _romanised_entry(english: str, written: str, form: str, region: Region, line: int) -> Entry:
    return Entry(
        id=make_entry_id(english) + "-" + form,
        english=english,
        kind="person",
        chinese=(written,),
        note=f"romanised ({region.value})",
        origin=Origin("romanised", line),
    )


def _word_test(dictionary: NameDictionary | None):
    """`is_known_word(form)`: the form is a word of the language (jieba's or CC-CEDICT's), or a name
    CC-CEDICT gives someone or something, so no Chinese name of someone else."""
    from ..text.segment import is_dictionary_word, is_ordinary_word, is_person_name_word

    def is_known_word(form: str) -> bool:
        # jieba tags many names of three characters as names (nr), and a few words of two too (荣誉).
        if len(form) == 3 and is_person_name_word(form):
            return False
        if is_ordinary_word(form) or is_dictionary_word(form):
            return True
        return dictionary is not None and (dictionary.is_ordinary(form) or dictionary.lookup(form) is not None)

    return is_known_word


# What follows a person's name when it names a thing after them (笛卡尔式, 牛顿力学, 图灵奖, 马克斯·普朗克
# 学会): an eponym or an institution, not a mention of the person.
EPONYM_SUFFIXES = (
    "式", "主义", "定律", "力学", "奖", "效应", "方程", "学派", "理论", "测试", "常数", "猜想", "定理",
    "学会", "研究所", "研究院", "基金会", "大学", "学院", "实验室", "医院",
)
# A place's own suffix written after it (图林根州): part of the place's name.
_PLACE_SUFFIXES = frozenset("州省市县区岛")


def in_context(
    analyzed: Sequence[AnalyzedLine], alignment: NameAlignment, vias: set[str]
) -> NameAlignment:
    """The alignment without the names the text around them says are not that thing: a person's name in
    an eponym or an institution named after them (笛卡尔式, 罗伯特·诺伊斯奖, 马克斯·普朗克学会), and, among
    the names found by `vias`, a place or organisation before a speech verb (a place does not speak:
    it is someone who sounds the same). A place found by `vias` takes its written suffix (图林根州)."""
    from ..text.lexicon import SPEECH_VERBS

    line_of = LinesByNumber(analyzed)
    kept = []
    for mention in alignment.mentions:
        item = line_of[mention.line]
        following = item.analysis[mention.end : mention.end + 3]
        if mention.kind == "person" and following.startswith(EPONYM_SUFFIXES):
            continue
        if mention.via in vias:
            if mention.kind in ("place", "org") and following.startswith(SPEECH_VERBS):
                continue
            if mention.kind == "place" and any(
                t.start == mention.end and t.text in _PLACE_SUFFIXES for t in item.tokens
            ):
                end = mention.end + 1
                mention = replace(mention, end=end, text=item.line.text[mention.start : end])
        kept.append(mention)
    return replace(alignment, mentions=tuple(kept))


def with_surname_mentions(
    analyzed: Sequence[AnalyzedLine],
    alignment: NameAlignment,
    glossary: Glossary,
    unresolved: Sequence[UnresolvedName] = (),
    speakers: Mapping[int, str] = MappingProxyType({}),
    address_titles: frozenset[str] = frozenset(),
) -> NameAlignment:
    """The alignment with surnames before a title (刘老师) given to the one person of that surname the
    episode names (in the text, or as a speaker: `speakers` gives the person whose label each line is
    said under; the labels' forms of address add their titles, `address_titles`), and with the Chinese
    names that could not be romanised added to the unresolved."""
    from .people import surname_mentions

    named = dict.fromkeys(m.entity for m in alignment.mentions if m.kind == "person" and m.entity)
    named.update(dict.fromkeys(speakers.values()))
    people = {
        entity: (simplified(entry.chinese[0]), entry.english)
        for entity in named
        if (entry := glossary.entry(entity)).chinese and entry.kind == "person"
    }
    found = surname_mentions(analyzed, alignment.mentions, people, address_titles, speakers)
    if not found and not unresolved:
        return alignment
    mentions = tuple(sorted(alignment.mentions + tuple(found), key=lambda m: (m.line, m.start)))
    known = {name.form for name in alignment.unresolved}
    extra = tuple(name for name in unresolved if name.form not in known)
    return NameAlignment(mentions, alignment.ambiguous, alignment.unresolved + extra)


def join_names(
    analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], vias: set[str]
) -> Sequence[AnalyzedLine]:
    """The lines with each name found by `vias` made one word; every other cut stays as it was."""
    from ..text.line_table import analyzed_like
    from ..text.segment import with_words_joined

    spans: dict[int, list[tuple[int, int]]] = {}
    for mention in mentions:
        if mention.via in vias:
            spans.setdefault(mention.line, []).append((mention.start, mention.end))
    if not spans:
        return analyzed
    return analyzed_like(
        analyzed,
        (
            replace(item, tokens=tuple(with_words_joined(item.analysis, item.tokens, spans[item.line.number])))
            if item.line.number in spans
            else item
            for item in analyzed
        ),
        same_lines=True,
    )
