"""`<stem>.glossary-suggestions.csv`: rows a user can review and add to a glossary.

Names the transcript spelled out in English come with their English; names nothing resolved come
with an empty `english` for the user to fill in (a glossary with an empty `english` is refused until
then, so an unfinished row is never used by accident).
"""

from __future__ import annotations

import csv
import io

from .model import Episode

COLUMNS = ("chinese", "english", "type", "aliases", "note")


def render_suggestions(episode: Episode) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in episode.learned:
        if entry.kept:
            writer.writerow((entry.chinese, entry.english, entry.kind, "", f"written in the transcript, line {entry.line}"))
    for name in episode.unresolved:
        lines = ", ".join(str(n) for n in name.lines[:10]) + (" …" if len(name.lines) > 10 else "")
        note = f"unresolved {name.reason}; lines {lines}"
        if name.likely:
            note += f"; sounds like {name.likely[1]} ({name.likely[0]}): add it as an alias there if it is"
        writer.writerow((name.text, "", "person" if name.reason != "transliteration" else "", "", note))
    return out.getvalue()
