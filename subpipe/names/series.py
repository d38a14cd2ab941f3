"""A series glossary: what every episode of a catalogue teaches, applied to all of them.

A name written once with its English (鲍勃·麦格鲁（Bob McGrew）) in episode 3 is the same person when
episode 17 says 麦格鲁 with no English. `subpipe batch --learn` gathers every episode's inline names in a
first pass (`sightings`), settles spellings by evidence (`resolve`: the English most episodes write, the
earliest on a tie; every disagreement reported), writes `series-glossary.csv` and converts every episode
with it. It is loaded before the shipped and the user's glossaries, so both still win over it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..glossary import Glossary, dotless, dotted_parts
from .learn import find_inline_names
from ..model import Transcript
from ..text.analysis import analyze, jieba_words
from ..text.segment import Segmenter

SERIES_GLOSSARY_NAME = "series-glossary.csv"
COLUMNS = ("chinese", "english", "type", "aliases", "note", "episodes")


@dataclass(frozen=True)
class Sighting:
    """One inline name in one episode."""

    episode: str
    line: int
    chinese: str  # as written
    form: str  # Simplified
    english: str
    kind: str


@dataclass(frozen=True)
class SeriesEntry:
    english: str
    kind: str
    forms: tuple[str, ...]  # Simplified Chinese forms, the most used first
    episodes: tuple[str, ...]  # where it was written, in batch order


@dataclass(frozen=True)
class SeriesGlossary:
    entries: tuple[SeriesEntry, ...]
    conflicts: tuple[str, ...]  # one line each: which spellings disagreed, where, which won


def sightings(episode: str, transcript: Transcript, glossary: Glossary, segmenter: Segmenter) -> tuple[Sighting, ...]:
    """The inline names of one episode (the first pass; cheap: segmentation and patterns only)."""
    analyzed = analyze(transcript, segmenter.with_words(jieba_words(glossary)))
    return tuple(
        Sighting(
            episode=episode,
            line=name.line,
            chinese=name.chinese,
            form=name.analysis,
            english=name.english,
            kind=name.kind,
        )
        for name in find_inline_names(analyzed)
    )


def resolve(found: Iterable[Sighting], episode_order: Sequence[str]) -> SeriesGlossary:
    """One English name per Chinese form, by how many episodes back it (the earliest wins a tie).

    A dotted name backs its own parts too: 鲍勃·麦格鲁（Bob McGrew） in one episode is evidence that a
    麦格鲁 written with another English elsewhere is Bob McGrew.
    """
    rank = {episode: index for index, episode in enumerate(episode_order)}
    found = sorted(found, key=lambda s: (rank.get(s.episode, len(rank)), s.line))
    written = dict.fromkeys(s.form for s in found)
    backing: dict[str, dict[str, list[Sighting]]] = {form: defaultdict(list) for form in written}
    for sighting in found:
        for form in (sighting.form, *dotted_parts(sighting.form), dotless(sighting.form)):
            if form in backing:
                backing[form][_spelling_key(sighting.english)].append(sighting)

    chosen: dict[str, list[tuple[str, list[Sighting]]]] = {}  # english key -> (form, its backing)
    conflicts = []
    for form in written:
        ordered = sorted(
            backing[form].values(),
            key=lambda group: (-len({s.episode for s in group}), rank.get(group[0].episode, len(rank))),
        )
        winner = ordered[0]
        chosen.setdefault(_spelling_key(winner[0].english), []).append((form, winner))
        if len(ordered) > 1:
            others = "; ".join(
                f"{group[0].english!r} in {_count(group)} ({group[0].episode}:{group[0].line})" for group in ordered[1:]
            )
            conflicts.append(
                f"{form}: {winner[0].english!r} in {_count(winner)} ({winner[0].episode}:{winner[0].line}) "
                f"against {others}; using {winner[0].english!r}"
            )

    entries = []
    for won in chosen.values():
        group = [sighting for _, backers in won for sighting in backers]
        forms = tuple(sorted((form for form, _ in won), key=lambda f: -sum(s.form == f for s in group)))
        episodes = tuple(sorted(dict.fromkeys(s.episode for s in group), key=lambda e: rank.get(e, len(rank))))
        kind = "person" if any(s.kind == "person" for s in group) else group[0].kind
        english = next(s.english for s in found if _spelling_key(s.english) == _spelling_key(group[0].english))
        entries.append(SeriesEntry(english, kind, forms, episodes))
    entries.sort(key=lambda e: (rank.get(e.episodes[0], len(rank)), e.english))
    return SeriesGlossary(tuple(entries), tuple(conflicts))


def defer_to(series: SeriesGlossary, glossary: Glossary) -> SeriesGlossary:
    """Leave to a glossary what it already writes. A form it gives the same English is dropped from
    the learned entry (the glossary has it; the entry keeps its other forms). A form it gives another
    English means the glossary spells this person its own way: the whole learned entry goes, so none
    of its forms can outvote the glossary, and the difference is reported."""
    kept, conflicts = [], list(series.conflicts)
    for entry in series.entries:
        forms, overruled = [], False
        for form in entry.forms:
            owners = [glossary.entry(a.entry_id) for a in glossary.aliases.get(form, ()) if a.via == "glossary"]
            if not owners:
                forms.append(form)
            for known in owners:
                if _spelling_key(known.english) != _spelling_key(entry.english):
                    overruled = True
                    conflicts.append(
                        f"{form}: the episodes write {entry.english!r}, the glossary ({known.where()}) "
                        f"{known.english!r}; the glossary wins"
                    )
        if forms and not overruled:
            kept.append(replace(entry, forms=tuple(forms)))
    return SeriesGlossary(tuple(kept), tuple(conflicts))


def _spelling_key(english: str) -> str:
    return " ".join(english.casefold().split())


def _count(group: Sequence[Sighting]) -> str:
    episodes = len({s.episode for s in group})
    return f"{episodes} episode" + ("" if episodes == 1 else "s")


def compose_series_csv(series: SeriesGlossary) -> str:
    """`series-glossary.csv`: a normal glossary (usable with -g) with the episodes each row came from."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in series.entries:
        note = f"learned from {len(entry.episodes)} episode" + ("" if len(entry.episodes) == 1 else "s")
        writer.writerow((entry.forms[0], entry.english, entry.kind, "|".join(entry.forms[1:]), note, "|".join(entry.episodes)))
    return out.getvalue()
