"""Glossary suggestions: rows a user can review and add to a glossary.

Written per episode as `<stem>.glossary-suggestions.csv` and, for many transcripts at once, by
`subpipe glossary suggest`. Names the transcript spelled out in English come with their English;
names nothing resolved come with an empty `english` for the user to fill in (a glossary with an
empty `english` is refused until then, so an unfinished row is never used by accident).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..model import Episode

COLUMNS = ("chinese", "english", "type", "aliases", "note")
_MAX_LINES_NOTED = 10


def compose_suggestions(episode: Episode) -> str:
    return compose_suggestions_for([episode], name_episodes=False)


def compose_suggestions_for(episodes: Sequence[Episode], name_episodes: bool = True) -> str:
    """One CSV for several episodes: each Chinese form once, noting where it was seen."""
    learned: dict[str, tuple[str, str, list[str]]] = {}
    unresolved: dict[str, tuple[str, str, str, list[str]]] = {}
    for episode in episodes:
        prefix = f"{episode.name}:" if name_episodes else "line "
        for entry in episode.learned:
            if entry.kept:
                row = learned.setdefault(entry.chinese, (entry.english, entry.kind, []))
                row[2].append(f"{prefix}{entry.line}")
        for name in episode.unresolved:
            if name.text in learned:
                continue
            likely = f"; sounds like {name.likely[1]} ({name.likely[0]}): add it as an alias there if it is" if name.likely else ""
            kind = "" if name.reason == "transliteration" else "person"
            row = unresolved.setdefault(name.text, (name.reason, kind, likely, []))
            row[3].extend(f"{prefix}{line}" for line in name.lines)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for chinese, (english, kind, places) in learned.items():
        writer.writerow((chinese, english, kind, "", f"written in the transcript, {_places(places)}"))
    for text, (reason, kind, likely, places) in unresolved.items():
        writer.writerow((text, "", kind, "", f"unresolved {reason}; {_places(places)}{likely}"))
    return out.getvalue()


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:_MAX_LINES_NOTED])
    return shown + (f" and {len(places) - _MAX_LINES_NOTED} more" if len(places) > _MAX_LINES_NOTED else "")
