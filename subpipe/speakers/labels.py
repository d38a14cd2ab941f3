"""A labelled transcript: each label is a speaker, aligned to the glossary like any name (the names
stage has put the people the labels name into the episode's glossary: `names/labels.py`).

The same person may be written under two labels: settled by the file's legend (`記者：張三（張）` makes
張 and 記者 stand for 張三), by the glossary (both labels forms of one entry: a user's glossary row is
how to say so), or by the text itself: a surname and a title (胡总) is the one full name among the labels
with that surname (胡赛雄), and a label that a longer one ends with is that one's person (郭健 and
无线产品部郭健). A form of address with no such label is the one person of that surname the episode
names (任总 and 任正非 in the text), and a label that holds a name after a body or a role is the person
the name is (数通产品部朱宝红); both are shown as labelled, under the person's English name.

A speaker the labels name only by a role (主持人, 嘉宾, 说话人 2, as transcription apps label voices) is
named by their own words where they introduce themselves (我是小林, 我叫王某): the name they give is how
the notes and the page show them, under its English name where the episode gives one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..glossary.forms import has_cjk
from ..model import AnalyzedLine, LabelDefinition, Mention
from ..names.labels import name_forms
from ..formats.labels import address_surname, is_role
from ..text.lexicon import HOST_LABELS, TRANSLITERATION_CHARS
from .markers import SpeechMarker
from .narration import Narration
from .people import HOST, PERSON, UNKNOWN, Person

if TYPE_CHECKING:
    from ..glossary import Glossary

# A turn that ends with a question asks; whoever asks most, clearly, is the interviewer: the host.
_QUESTION_END = re.compile(r"[？?][”」』\"'）)]*\s*$")
_MIN_ASKING_TURNS = 3
_ASKER_SHARE = 0.5  # of the asker's own turns
_ASKER_MARGIN = 2.0  # times anyone else's share


def from_labels(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    glossary: Glossary | None,
    people: dict[str, Person],
    attribution: Narration,
    legend: Sequence[LabelDefinition] = (),
) -> tuple[dict[int, str | None], dict[str, Person], str | None]:
    """Each label is a speaker; an unlabelled line goes on with the label before it. Lines before the
    first label are `unknown` (nothing says who speaks them); stage directions are no one's (None).
    The host is the label of a host role (主持人), else whoever clearly asks the questions, else
    whoever introduces the show or themselves first (这里是…, 我是…)."""
    from ..text.script import convert

    by_form: dict[str, str] = {}
    for mention in mentions:
        if mention.kind == "person" and mention.entity:
            by_form.setdefault(convert(mention.text, "t2s"), mention.entity)
    settled = settle_labels((item.line.label for item in analyzed if item.line.label), legend)
    found: dict[str, Person] = {}
    speaker_of_line: dict[int, str | None] = {}
    current, introducer = UNKNOWN, None
    introduced: dict[str, SpeechMarker] = {}  # speaker -> how they first introduced themselves
    turns: list[tuple[str, str]] = []  # (speaker, last spoken text) of each turn
    for item in analyzed:
        label = item.line.label
        if label:
            current = _label_speaker(settled.get(label, label).strip(), by_form, glossary, people, found, convert)
            turns.append((current, ""))
        if not item.line.speech:
            speaker_of_line[item.line.number] = None
            continue
        speaker_of_line[item.line.number] = current
        if turns and turns[-1][0] == current:
            turns[-1] = (current, item.line.text)
        introductions = attribution.introduces(item) if current != UNKNOWN else []
        if introductions and introducer is None:
            introducer = current
        for marker in introductions:
            if marker.kind == "self" and marker.written:
                introduced.setdefault(current, marker)
    if UNKNOWN in speaker_of_line.values():
        found.setdefault(UNKNOWN, Person(UNKNOWN, None, None))
    _name_the_roles(found, introduced, people)
    host = HOST if HOST in found else (_asker(turns) or introducer)
    return speaker_of_line, found, host


def _name_the_roles(found: dict[str, Person], introduced: dict[str, SpeechMarker], people: dict[str, Person]) -> None:
    """A speaker labelled only by a role takes the name they introduced themselves with (see the module);
    not a name another speaker already goes by."""
    taken = {person.chinese for person in found.values() if person.chinese}
    for speaker, marker in introduced.items():
        person = found.get(speaker)
        if person is None or person.english or (person.chinese and not is_role(person.chinese)):
            continue
        if marker.written in taken:
            continue
        known = people.get(marker.speaker or "")
        found[speaker] = Person(speaker, known.english if known else None, marker.written, person.kind)
        taken.add(marker.written)


def settle_labels(labels: Iterable[str], legend: Sequence[LabelDefinition] = ()) -> dict[str, str]:
    """Label -> the label of the same person, for labels the file writes two ways (see the module)."""
    from ..text.script import convert

    written = list(dict.fromkeys(label.strip() for label in labels))
    settled: dict[str, str] = {}
    for definition in legend:
        for alias in (definition.label, definition.role):
            if alias and alias != definition.name:
                settled[alias] = definition.name
    simplified = {label: convert(label, "t2s") for label in written}
    full_names = [label for label in written if 2 <= len(label) <= 4 and not address_surname(label)]
    for label in written:
        if label in settled:
            continue
        surname = address_surname(label)
        if surname:
            named = [name for name in full_names if simplified[name][0] == surname and name != label]
            if len(named) == 1:
                settled[label] = named[0]
                continue
        # 无线产品部郭健 is 郭健: a longer label ending with another names the same person.
        shorter = [
            other
            for other in written
            if other != label and len(other) >= 2 and simplified[label].endswith(simplified[other])
            and simplified[other].lower() not in HOST_LABELS
        ]
        if len(shorter) == 1 and not is_role(shorter[0]):
            settled[label] = shorter[0]
    return settled


def _asker(turns: list[tuple[str, str]]) -> str | None:
    """The speaker whose turns end with a question far more often than anyone else's."""
    asked: dict[str, list[bool]] = {}
    for speaker, text in turns:
        if speaker != UNKNOWN and text:
            asked.setdefault(speaker, []).append(_QUESTION_END.search(text) is not None)
    if len(asked) < 2:
        return None
    share = {speaker: sum(flags) / len(flags) for speaker, flags in asked.items()}
    best = max(share, key=lambda speaker: (share[speaker], speaker))
    others = max(value for speaker, value in share.items() if speaker != best)
    if sum(asked[best]) >= _MIN_ASKING_TURNS and share[best] >= _ASKER_SHARE and share[best] >= _ASKER_MARGIN * others:
        return best
    return None


def _label_speaker(label, by_form, glossary, people, found, convert) -> str:
    simplified = convert(label, "t2s")
    if simplified.lower() in HOST_LABELS:
        found.setdefault(HOST, Person(HOST, None, None))
        return HOST
    entity = by_form.get(simplified)
    if entity is not None and entity in people:
        return entity
    entry = _glossary_entry(glossary, simplified, label)
    entity = _addressed(label, people, convert) if entry is None else None
    if entity is None and entry is None:
        # A body or a role before a name (数通产品部朱宝红): the person the name is.
        for form in (convert(part, "t2s") for part in name_forms(label) if part != label):
            entity = by_form.get(form)
            if entity is not None and entity in people and people[entity].kind == PERSON:
                break
            entity, entry = None, _glossary_person(glossary, form)
            if entry is not None:
                break
    if entity is not None:
        # Shown as the transcript labels them (任总, 数通产品部朱宝红), under the person's English name.
        found.setdefault(entity, Person(entity, people[entity].english, label))
        return entity
    if entry is not None:
        # The speaker as the transcript writes them (蔣念祖, not a glossary's or the analysis' 蒋念祖).
        chinese = label if has_cjk(label) else entry.chinese[0] if entry.chinese else None
        found.setdefault(entry.id, Person(entry.id, entry.english, chinese))
        return entry.id
    speaker = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") if label.isascii() else simplified
    latin = label.isascii()
    found.setdefault(speaker, Person(speaker, label if latin else None, None if latin else label))
    return speaker


def _addressed(label: str, people: dict[str, Person], convert) -> str | None:
    """The person a form of address (任总, 王老师) is: the one person of that surname the episode names
    by a Chinese name, as the names stage reads 王老师 in the text; None when none or several are."""
    surname = address_surname(label)
    if surname is None:
        return None
    named = set()
    for person in people.values():
        form = convert(person.chinese, "t2s") if person.kind == PERSON and person.chinese else ""
        if 2 <= len(form) <= 3 and form[0] == surname and not all(char in TRANSLITERATION_CHARS for char in form):
            named.add(person.id)
    return named.pop() if len(named) == 1 else None


def _glossary_person(glossary, form: str):
    """The one person `glossary` gives the Chinese form, or None."""
    ids = {alias.entry_id for alias in glossary.aliases.get(form, ())} if glossary is not None else set()
    entry = glossary.entry(ids.pop()) if len(ids) == 1 else None
    return entry if entry is not None and entry.kind == PERSON else None


def _glossary_entry(glossary, simplified: str, label: str):
    if glossary is None:
        return None
    aliases = glossary.aliases.get(simplified, ())
    ids = {alias.entry_id for alias in aliases}
    if len(ids) == 1:
        return glossary.entry(ids.pop())
    for entry in glossary.entries.values():
        if entry.english.lower() == label.lower():
            return entry
    return None
