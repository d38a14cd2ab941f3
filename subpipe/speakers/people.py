"""Who can speak: the people and organisations the names stage found, the names the transcript writes in
Latin letters, where each is named, and the speaker list."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..glossary.forms import make_entry_id
from ..model import AnalyzedLine, Mention, Speaker, UnresolvedName
from ..text.line_table import analyses_by_number
from ..text.spans import SpanSet
from .words import ORG_AFTER, ORG_BEFORE, PERSON_ROLES

if TYPE_CHECKING:
    from ..glossary import Glossary

HOST = "host"
# Someone speaks but nothing in the text says who: said so rather than guessed.
UNKNOWN = "unknown"
ROLE_HOST, ROLE_GUEST, ROLE_MENTIONED, ROLE_UNKNOWN = "host", "guest", "mentioned", "unknown"
# What a voice is: a person, an organisation (a company's statement speaks for it), or a name written in
# Latin letters whose kind neither the glossary nor the episode shows (it may speak, but a pronoun never
# means it).
PERSON, ORG, NAME, PLACE = "person", "org", "name", "place"
# Span labels of names that can speak (as spaCy entity labels), and of the host's own name. A place
# speaks only in 在X看来 (在五角大楼看来: those who govern there).
PERSON_LABEL, ORG_LABEL, NAME_LABEL, HOST_LABEL, PLACE_LABEL = "PERSON", "ORG", "NAME", "HOST", "PLACE"
SPEAKING_LABELS = (PERSON_LABEL, ORG_LABEL, NAME_LABEL)
_LABEL_OF_KIND = {PERSON: PERSON_LABEL, ORG: ORG_LABEL, NAME: NAME_LABEL}

# The English a transcript writes right after a Chinese name belongs to the name: 利亚姆·费思（Liam Fedus）.
_ENGLISH_AFTER_NAME = re.compile(
    r"\s?(?:[（(]\s*[A-Za-z][A-Za-z .'’\-]{0,60}[）)]|[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+){0,3})"
)
PUNCTUATION = re.compile(r"[\s，,、：:；;。.！!？?…“”「」『』\"'（）()—\-]+")
# A name written in Latin letters: up to four capitalised words with a lower-case letter each (Jonathan
# Ross, Meta, The Verge, LeCun). All-capital words (CEO, GPU, AI) are roles and acronyms, and a word
# glued to letters or digits (GPT-5, 20VC) is a model or a product, not a name.
_LATIN_WORD = r"[A-Z][A-Za-z'’]*[a-z][A-Za-z'’]*"
_LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9\-_.])(?:{_LATIN_WORD})(?: (?:{_LATIN_WORD})){{0,3}}(?![A-Za-z0-9\-_])")
_LATIN_GLUED = re.compile(r"\s?[\-_.]?\d")  # Llama 3, GPT-4: a version number makes it a product


@dataclass(frozen=True)
class Person:
    """Someone or something that can speak: a person, or an organisation (a company's statement)."""

    id: str
    english: str | None
    chinese: str | None
    kind: str = PERSON


@dataclass(frozen=True)
class NameSpan:
    """A name in a line: character offsets, its label (PERSON, ORG, NAME, or another kind's) and id."""

    start: int
    end: int
    label: str
    id: str


def people_of(
    mentions: Sequence[Mention], unresolved: Sequence[UnresolvedName], latin: Sequence[tuple[int, NameSpan, Person]] = ()
) -> dict[str, Person]:
    """Voice id -> who it is: glossary people and organisations by entity id, unresolved names by their
    Simplified form, names written in Latin letters by a slug of the name."""
    people: dict[str, Person] = {}
    for mention in mentions:
        if mention.kind not in (PERSON, ORG, PLACE) or not mention.entity:
            continue
        known = people.get(mention.entity)
        # The fullest form written stands for the person (鲍勃·麦格鲁 rather than 麦格鲁).
        if known is None or len(mention.text) > len(known.chinese or ""):
            people[mention.entity] = Person(mention.entity, mention.english, mention.text, mention.kind)
    for name in unresolved:
        people.setdefault(name.form, Person(name.form, None, name.text))
    for _, _, person in latin:
        people.setdefault(person.id, person)
    return people


def name_spans(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    unresolved: Sequence[UnresolvedName],
    latin: Sequence[tuple[int, NameSpan, Person]] = (),
) -> dict[int, list[NameSpan]]:
    """Line number -> every name in it: people, organisations, other names, unresolved and Latin names."""
    spans: dict[int, list[NameSpan]] = {}
    text_of = analyses_by_number(analyzed)
    for mention in mentions:
        if mention.line not in text_of:
            continue
        if mention.kind == PERSON and mention.entity:
            end = _with_english(text_of[mention.line], mention.end)
            spans.setdefault(mention.line, []).append(NameSpan(mention.start, end, PERSON_LABEL, mention.entity))
        else:
            label = (mention.kind or "name").upper()
            spans.setdefault(mention.line, []).append(NameSpan(mention.start, mention.end, label, mention.entity or ""))
    # What each line's names take, looked up by bisection: a line may be one long subtitle cue holding
    # hundreds of names, each written many times.
    taken = {number: SpanSet([(span.start, span.end) for span in found]) for number, found in spans.items()}
    for name in unresolved:
        for number in name.lines:
            text = text_of.get(number, "")
            line_taken = taken.setdefault(number, SpanSet())
            for match in re.finditer(re.escape(name.form), text):
                if not line_taken.overlaps(match.start(), match.end()):
                    end = _with_english(text, match.end())
                    spans.setdefault(number, []).append(NameSpan(match.start(), end, PERSON_LABEL, name.form))
                    line_taken.add(match.start(), end)
    for number, span, _ in latin:
        line_taken = taken.setdefault(number, SpanSet())
        if not line_taken.overlaps(span.start, span.end):
            spans.setdefault(number, []).append(span)
            line_taken.add(span.start, span.end)
    for line_spans in spans.values():
        line_spans.sort(key=lambda span: span.start)
    return spans


def _with_english(text: str, end: int) -> int:
    match = _ENGLISH_AFTER_NAME.match(text, end)
    return match.end() if match else end


def latin_names(
    analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], glossary: Glossary | None
) -> list[tuple[int, NameSpan, Person]]:
    """Names the transcript writes in Latin letters (Jonathan Ross, Meta, The Verge) that no mention
    covers, each as (line, span, voice).

    A name the glossary knows by its English is that entry (Sam Altman, Google). A one-word name that is
    the last word of one longer name of the episode is that name (Ross for Jonathan Ross); of two, it
    is neither. Otherwise the episode tells its kind: a person's role right before it (CEO Alex Davis,
    主持人Harry), a company's words around it (初创公司Groq, Groq的创始人); with no such evidence it is a
    name of unknown kind.
    """
    covered: dict[int, list[tuple[int, int]]] = {}
    for mention in mentions:
        covered.setdefault(mention.line, []).append((mention.start, mention.end))
    found: list[tuple[int, int, int, str]] = []  # line, start, end, text
    for item in analyzed:
        text = item.analysis
        for match in _LATIN_NAME.finditer(text):
            if _LATIN_GLUED.match(text, match.end()):
                continue
            if any(s < match.end() and match.start() < e for s, e in covered.get(item.line.number, ())):
                continue
            found.append((item.line.number, match.start(), match.end(), match.group()))
    if not found:
        return []

    by_english = _glossary_voices(glossary)
    known_people = {m.english for m in mentions if m.kind == PERSON and m.english}
    longer = {text for *_, text in found if " " in text} | known_people
    # A one-word name standing for a longer one: its last word (a surname), the longer one named anywhere.
    # A surname two longer names share (Alex Davis, Aria Davis) stands for neither: which of them a bare
    # Davis is, nothing here says.
    fulls_of: dict[str, set[str]] = {}
    for full in longer:
        fulls_of.setdefault(full.rsplit(" ", 1)[-1], set()).add(full)
    short_for = {last: next(iter(fulls)) for last, fulls in fulls_of.items() if len(fulls) == 1}

    text_of = analyses_by_number(analyzed)
    evidence: dict[str, Counter] = {}
    for number, start, end, text in found:
        name = short_for.get(text, text) if " " not in text else text
        votes = evidence.setdefault(name, Counter())
        kind = _kind_around(text_of[number], start, end)
        if kind:
            votes[kind] += 1

    voices: dict[str, Person] = {}
    spans = []
    for number, start, end, text in found:
        name = short_for.get(text, text) if " " not in text else text
        voice = voices.get(name)
        if voice is None:
            entry = by_english.get(name.casefold())
            if entry is not None:
                voice = Person(entry.id, entry.english, None, entry.kind)
            else:
                votes = evidence.get(name, Counter())
                kind = NAME
                if votes[PERSON] > votes[ORG]:
                    kind = PERSON
                elif votes[ORG] > votes[PERSON]:
                    kind = ORG
                voice = Person(make_entry_id(name), name, None, kind)
            voices[name] = voice
        spans.append((number, NameSpan(start, end, _LABEL_OF_KIND.get(voice.kind, NAME_LABEL), voice.id), voice))
    return spans


def _glossary_voices(glossary: Glossary | None) -> dict:
    """The glossary's people and organisations by their English name, case aside."""
    if glossary is None:
        return {}
    return {entry.english.casefold(): entry for entry in glossary.entries.values() if entry.kind in (PERSON, ORG)}


def _kind_around(text: str, start: int, end: int) -> str | None:
    """What the words right around a name say it names: PERSON, ORG or None."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if after.startswith("的"):
        after = after[1:].lstrip()
    if before.endswith(_PERSON_ROLES):
        return PERSON
    if before.endswith(_ORG_BEFORE) or after.startswith(_ORG_AFTER):
        return ORG
    return None


# As tuples, for str.endswith / str.startswith.
_PERSON_ROLES, _ORG_BEFORE, _ORG_AFTER = tuple(PERSON_ROLES), tuple(ORG_BEFORE), tuple(ORG_AFTER)


def speaker_list(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: dict[int, str | None],
    found: dict[str, Person],
    people: dict[str, Person],
    named_in: dict[str, list[int]],
    host: str | None,
    found_by: Mapping[str, str] = MappingProxyType({}),
) -> tuple[Speaker, ...]:
    """Host first, then whoever speaks in order of their first line, then people only talked about;
    `found_by` says how the names stage found the English of those no glossary named."""
    weight = {item.line.number: len(PUNCTUATION.sub("", item.line.text)) or 1 for item in analyzed if item.line.speech}
    total = sum(weight.values()) or 1
    lines_of: dict[str, list[int]] = {}
    for number, speaker in speaker_of_line.items():
        if speaker is not None:
            lines_of.setdefault(speaker, []).append(number)

    speakers = []
    # The unknown voice last among those who speak: it is no one in particular.
    for speaker in sorted(lines_of, key=lambda s: (s != host, s == UNKNOWN, lines_of[s][0])):
        person = found.get(speaker) or people.get(speaker) or Person(speaker, None, None)
        lines = tuple(lines_of[speaker])
        speakers.append(
            Speaker(
                id=speaker,
                english=person.english,
                chinese=person.chinese,
                role=ROLE_HOST if speaker == host else ROLE_UNKNOWN if speaker == UNKNOWN else ROLE_GUEST,
                lines=lines,
                share=round(sum(weight[n] for n in lines) / total, 4),
                named_in=tuple(named_in.get(speaker, ())),
                via=found_by.get(speaker) if person.english else None,
            )
        )
    silent = [p for p in people.values() if p.id not in lines_of and p.id in named_in]
    silent.sort(key=lambda p: (named_in[p.id][0], p.id))
    for person in silent:
        speakers.append(
            Speaker(
                person.id,
                person.english,
                person.chinese,
                ROLE_MENTIONED,
                named_in=tuple(named_in[person.id]),
                via=found_by.get(person.id) if person.english else None,
            )
        )
    return tuple(speakers)
