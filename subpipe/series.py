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
from dataclasses import dataclass

from .glossary import Glossary
from .learn import find_inline_names
from .model import Transcript
from .pipeline import analyze, jieba_words
from .script import to_analysis
from .segment import Segmenter, is_ordinary_word

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
            form=to_analysis(name.chinese, transcript.script),
            english=name.english,
            kind="person" if name.looks_like_person else "term",
        )
        for name in find_inline_names(analyzed, is_ordinary_word)
    )


def resolve(found: Iterable[Sighting], episode_order: Sequence[str]) -> SeriesGlossary:
    """One English name per Chinese form, by how many episodes write it (the earliest wins a tie)."""
    rank = {episode: index for index, episode in enumerate(episode_order)}
    by_form: dict[str, dict[str, list[Sighting]]] = defaultdict(lambda: defaultdict(list))
    for sighting in sorted(found, key=lambda s: (rank.get(s.episode, len(rank)), s.line)):
        by_form[sighting.form][_spelling_key(sighting.english)].append(sighting)

    chosen: dict[str, list[Sighting]] = {}  # english key -> sightings of the winning spelling
    conflicts = []
    for form, spellings in by_form.items():
        ordered = sorted(
            spellings.values(),
            key=lambda group: (-len({s.episode for s in group}), rank.get(group[0].episode, len(rank))),
        )
        winner = ordered[0]
        chosen.setdefault(_spelling_key(winner[0].english), []).extend(winner)
        if len(ordered) > 1:
            others = "; ".join(
                f"{group[0].english!r} in {_count(group)} ({group[0].episode}:{group[0].line})" for group in ordered[1:]
            )
            conflicts.append(
                f"{form}: {winner[0].english!r} in {_count(winner)} ({winner[0].episode}:{winner[0].line}) "
                f"against {others}; using {winner[0].english!r}"
            )

    entries = []
    for group in chosen.values():
        form_counts: dict[str, int] = defaultdict(int)
        for sighting in group:
            form_counts[sighting.form] += 1
        forms = tuple(sorted(form_counts, key=lambda f: -form_counts[f]))
        episodes = tuple(dict.fromkeys(s.episode for s in group))
        kind = "person" if any(s.kind == "person" for s in group) else group[0].kind
        entries.append(SeriesEntry(group[0].english, kind, forms, episodes))
    entries.sort(key=lambda e: (rank.get(e.episodes[0], len(rank)), e.english))
    return SeriesGlossary(tuple(entries), tuple(conflicts))


def _spelling_key(english: str) -> str:
    return " ".join(english.casefold().split())


def _count(group: Sequence[Sighting]) -> str:
    episodes = len({s.episode for s in group})
    return f"{episodes} episode" + ("" if episodes == 1 else "s")


def render_series_csv(series: SeriesGlossary) -> str:
    """`series-glossary.csv`: a normal glossary (usable with -g) with the episodes each row came from."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in series.entries:
        note = f"learned from {len(entry.episodes)} episode" + ("" if len(entry.episodes) == 1 else "s")
        writer.writerow((entry.forms[0], entry.english, entry.kind, "|".join(entry.forms[1:]), note, "|".join(entry.episodes)))
    return out.getvalue()
