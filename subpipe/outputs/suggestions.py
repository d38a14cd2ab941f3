"""Glossary suggestions: rows a user can review and add to a glossary.

Written per episode as `<stem>.glossary-suggestions.csv` and, for many transcripts at once, by
`subpipe glossary suggest`. Names the transcript spelled out in English come with their English;
names no glossary gave but subpipe named anyway (from CC-CEDICT, romanised, guessed from their parts)
come with that English to check; names nothing resolved come with an empty `english` for the user to
fill in (a glossary with an empty `english` is refused until then, so an unfinished row is never used
by accident). Every row has a type: the kind subpipe detected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..model import Episode, UnresolvedName

COLUMNS = ("chinese", "english", "type", "aliases", "note")
_MAX_LINES_NOTED = 10
# Names subpipe gave an English name that no glossary and no transcript wrote: each to be checked.
_TO_REVIEW = {
    "dictionary": "from CC-CEDICT",
    "romanised": "romanised from the Chinese; check the person's own spelling",
    "guessed": "guessed from the English of each part",
}
# How a name ends when it is a place (斯坦, 堡) rather than a person.
_PLACE_ENDINGS = ("斯坦", "尼亚", "利亚", "堡", "州", "岛", "湾", "港", "城", "山", "河", "湖")


def compose_suggestions(episode: Episode) -> str:
    return compose_suggestions_for([episode], name_episodes=False)


def compose_suggestions_for(episodes: Sequence[Episode], name_episodes: bool = True) -> str:
    """One CSV for several episodes: each Chinese form once, noting where it was seen."""
    learned: dict[str, tuple[str, str, list[str]]] = {}
    named: dict[str, tuple[str, str, str, list[str]]] = {}
    unresolved: dict[str, tuple[str, str, str, list[str]]] = {}
    from_labels: set[str] = set()  # rows that only speaker labels gave
    for episode in episodes:
        prefix = f"{episode.name}:" if name_episodes else "line "
        for entry in episode.learned:
            if entry.kept:
                row = learned.setdefault(entry.chinese, (entry.english, entry.kind, []))
                row[2].append(f"{prefix}{entry.line}")
        for mention in episode.mentions:
            if mention.via in _TO_REVIEW and mention.text not in learned:
                row = named.setdefault(mention.text, (mention.english or "", mention.kind or "", mention.via, []))
                place = f"{prefix}{mention.line}"
                if place not in row[3]:
                    row[3].append(place)
        # People a speaker label names (蒋念祖：; the label is no mention), as the label writes them, at
        # the first line it labels.
        labelled = {line.number for line in episode.transcript.lines if line.label}
        for speaker in episode.speakers:
            if speaker.via not in _TO_REVIEW or not speaker.lines or speaker.lines[0] not in labelled:
                continue
            chinese = speaker.chinese
            if chinese and chinese not in learned and (chinese not in named or chinese in from_labels):
                from_labels.add(chinese)
                row = named.setdefault(chinese, (speaker.english or "", "person", speaker.via, []))
                row[3].append(f"{prefix}{speaker.lines[0]} (speaker label)")
        for name in episode.unresolved:
            if name.text in learned or name.text in named:
                continue
            likely = f"; sounds like {name.likely[1]} ({name.likely[0]}): add it as an alias there if it is" if name.likely else ""
            row = unresolved.setdefault(name.text, (name.reason, detected_kind(name), likely, []))
            row[3].extend(f"{prefix}{line}" for line in name.lines)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for chinese, (english, kind, places) in learned.items():
        writer.writerow((chinese, english, kind, "", f"written in the transcript, {_places(places)}"))
    for chinese, (english, kind, via, places) in named.items():
        writer.writerow((chinese, english, kind, "", f"{_TO_REVIEW[via]}, {_places(places)}"))
    for text, (reason, kind, likely, places) in unresolved.items():
        writer.writerow((text, "", kind, "", f"unresolved {reason}; {_places(places)}{likely}"))
    return out.getvalue()


def detected_kind(name: UnresolvedName) -> str:
    """The kind an unresolved name most likely has, so a row filled in without a type gets one: a
    dotted name or a name someone says something under is a person; a transliteration that ends the
    way place names do (斯坦, 堡, 州) a place; any other transliteration (a person's, a dish's: 提拉米苏)
    a term, the neutral kind a glossary gives a row without a type."""
    if name.reason != "transliteration":
        return "person"
    return "place" if name.form.endswith(_PLACE_ENDINGS) else "term"


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:_MAX_LINES_NOTED])
    return shown + (f" and {len(places) - _MAX_LINES_NOTED} more" if len(places) > _MAX_LINES_NOTED else "")
