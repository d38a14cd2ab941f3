"""Who can speak: the people the names stage found, where each is named, and the speaker list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import AnalyzedLine, Mention, Speaker, UnresolvedName
from ..text.spans import SpanSet

HOST = "host"
ROLE_HOST, ROLE_GUEST, ROLE_MENTIONED = "host", "guest", "mentioned"

# The English a transcript writes right after a Chinese name belongs to the name: 利亚姆·费思（Liam Fedus）.
_ENGLISH_AFTER_NAME = re.compile(
    r"\s?(?:[（(]\s*[A-Za-z][A-Za-z .'’\-]{0,60}[）)]|[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+){0,3})"
)
PUNCTUATION = re.compile(r"[\s，,、：:；;。.！!？?…“”「」『』\"'（）()—\-]+")


@dataclass(frozen=True)
class Person:
    id: str
    english: str | None
    chinese: str | None


def people_of(mentions: Sequence[Mention], unresolved: Sequence[UnresolvedName]) -> dict[str, Person]:
    """Person id -> person: glossary people by entity id, unresolved names by their Simplified form."""
    people: dict[str, Person] = {}
    for mention in mentions:
        if mention.kind != "person" or not mention.entity:
            continue
        known = people.get(mention.entity)
        # The fullest form written stands for the person (鲍勃·麦格鲁 rather than 麦格鲁).
        if known is None or len(mention.text) > len(known.chinese or ""):
            people[mention.entity] = Person(mention.entity, mention.english, mention.text)
    for name in unresolved:
        people.setdefault(name.form, Person(name.form, None, name.text))
    return people


def name_spans(
    analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], unresolved: Sequence[UnresolvedName]
) -> dict[int, list[tuple[int, int, str, str]]]:
    """Line number -> (start, end, label, id) of every name in it: people, other names, unresolved names."""
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    text_of = {item.line.number: item.analysis for item in analyzed}
    for mention in mentions:
        if mention.line not in text_of:
            continue
        if mention.kind == "person" and mention.entity:
            end = _with_english(text_of[mention.line], mention.end)
            spans.setdefault(mention.line, []).append((mention.start, end, "PERSON", mention.entity))
        else:
            label = (mention.kind or "name").upper()
            spans.setdefault(mention.line, []).append((mention.start, mention.end, label, mention.entity or ""))
    # What each line's names take, looked up by bisection: a line may be one long subtitle cue holding
    # hundreds of names, each written many times.
    taken = {number: SpanSet([(start, end) for start, end, _, _ in found]) for number, found in spans.items()}
    for name in unresolved:
        for number in name.lines:
            text = text_of.get(number, "")
            for match in re.finditer(re.escape(name.form), text):
                line_taken = taken.setdefault(number, SpanSet())
                if not line_taken.overlaps(match.start(), match.end()):
                    end = _with_english(text, match.end())
                    spans.setdefault(number, []).append((match.start(), end, "PERSON", name.form))
                    line_taken.add(match.start(), end)
    return spans


def _with_english(text: str, end: int) -> int:
    match = _ENGLISH_AFTER_NAME.match(text, end)
    return match.end() if match else end


def speaker_list(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: dict[int, str],
    found: dict[str, Person],
    people: dict[str, Person],
    named_in: dict[str, list[int]],
    host: str | None,
) -> tuple[Speaker, ...]:
    """Host first, then whoever speaks in order of their first line, then people only talked about."""
    weight = {item.line.number: len(PUNCTUATION.sub("", item.line.text)) or 1 for item in analyzed}
    total = sum(weight.values()) or 1
    lines_of: dict[str, list[int]] = {}
    for number, speaker in speaker_of_line.items():
        lines_of.setdefault(speaker, []).append(number)

    speakers = []
    for speaker in sorted(lines_of, key=lambda s: (s != host, lines_of[s][0])):
        person = found.get(speaker) or people.get(speaker) or Person(speaker, None, None)
        lines = tuple(lines_of[speaker])
        speakers.append(
            Speaker(
                id=speaker,
                english=person.english,
                chinese=person.chinese,
                role=ROLE_HOST if speaker == host else ROLE_GUEST,
                lines=lines,
                share=round(sum(weight[n] for n in lines) / total, 4),
                named_in=tuple(named_in.get(speaker, ())),
            )
        )
    silent = [p for p in people.values() if p.id not in lines_of and p.id in named_in]
    silent.sort(key=lambda p: (named_in[p.id][0], p.id))
    for person in silent:
        speakers.append(
            Speaker(person.id, person.english, person.chinese, ROLE_MENTIONED, named_in=tuple(named_in[person.id]))
        )
    return tuple(speakers)
