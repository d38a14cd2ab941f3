"""A labelled transcript: each label is a speaker, aligned to the glossary like any name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import AnalyzedLine, Mention
from ..text.lexicon import HOST_LABELS
from .narration import Narration
from .people import HOST, Person

if TYPE_CHECKING:
    from ..glossary import Glossary


def from_labels(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    glossary: Glossary | None,
    people: dict[str, Person],
    attribution: Narration,
) -> tuple[dict[int, str], dict[str, Person], str | None]:
    """Each label is a speaker; an unlabelled line goes on with the label before it (before the first
    label, the host's). The host is the label of a host role (主持人), else whoever introduces the show
    or themselves first (这里是…, 我是…)."""
    from ..text.script import convert

    by_form: dict[str, str] = {}
    for mention in mentions:
        if mention.kind == "person" and mention.entity:
            by_form.setdefault(convert(mention.text, "t2s"), mention.entity)
    found: dict[str, Person] = {}
    speaker_of_line: dict[int, str] = {}
    current, introducer = HOST, None
    for item in analyzed:
        label = item.line.label
        if label:
            current = _label_speaker(label.strip(), by_form, glossary, people, found, convert)
        speaker_of_line[item.line.number] = current
        if attribution.introduces(item) and introducer is None:
            introducer = current
    if HOST in speaker_of_line.values():
        found.setdefault(HOST, Person(HOST, None, None))
    host = HOST if HOST in found else introducer
    return speaker_of_line, found, host


def _label_speaker(label, by_form, glossary, people, found, convert) -> str:
    simplified = convert(label, "t2s")
    if simplified.lower() in HOST_LABELS:
        found.setdefault(HOST, Person(HOST, None, None))
        return HOST
    entity = by_form.get(simplified)
    if entity is not None and entity in people:
        return entity
    entry = _glossary_entry(glossary, simplified, label)
    if entry is not None:
        found.setdefault(entry.id, Person(entry.id, entry.english, entry.chinese[0] if entry.chinese else None))
        return entry.id
    speaker = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") if label.isascii() else simplified
    latin = label.isascii()
    found.setdefault(speaker, Person(speaker, label if latin else None, None if latin else label))
    return speaker


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
