"""Glossary suggestions: rows a user can review and add to a glossary.

Written per episode as `<stem>.glossary-suggestions.csv` and, for many transcripts at once, by
`subpipe glossary suggest`. Names the transcript spelled out in English come with their English;
names nothing resolved come with an empty `english` for the user to fill in (a glossary with an
empty `english` is refused until then, so an unfinished row is never used by accident).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model import Episode

COLUMNS = ("chinese", "english", "type", "aliases", "note")
_MAX_LINES_NOTED = 10


def render_suggestions(episode: Episode) -> str:
    return render_suggestions_for([episode], name_episodes=False)


def render_suggestions_for(episodes: Sequence[Episode], name_episodes: bool = True) -> str:
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


def add_suggest_command(glossary_commands) -> None:
    """`subpipe glossary suggest INPUT...`, under the `glossary` command."""
    suggest = glossary_commands.add_parser(
        "suggest",
        help="suggest glossary rows from transcripts",
        description="Read each INPUT and write one CSV of glossary rows: the names the transcripts spell out in "
        "English themselves, and the name-like text no glossary resolved (with an empty english column to "
        "fill in). Review it, fill it in, and pass it back with -g.",
    )
    suggest.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="transcript or subtitle file")
    suggest.add_argument("-g", "--glossary", dest="glossaries", action="append", type=Path, default=[],
                         metavar="GLOSSARY", help="glossary file whose names need no suggestion (repeatable)")
    suggest.add_argument("--no-shipped-glossary", action="store_true", help="do not use the shipped glossary")
    suggest.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the CSV here (default: stdout)")
    suggest.set_defaults(handler=_suggest)


def _suggest(args: argparse.Namespace) -> int:
    from ..errors import SubpipeError
    from ..glossary import load_glossaries
    from .registry import write_atomic
    from ..converter import glossary_segmenter, process_file
    from ..text.segment import is_ordinary_word
    from ..settings import NameSettings, Settings

    settings = Settings(names=NameSettings(shipped_glossary=not args.no_shipped_glossary))
    glossary = load_glossaries(args.glossaries, shipped=settings.names.shipped_glossary, is_ordinary_word=is_ordinary_word)
    segmenter = glossary_segmenter(glossary)
    episodes, failed = [], 0
    for path in args.inputs:
        try:
            episodes.append(process_file(path, settings, segmenter, glossary))
        except SubpipeError as error:
            print(f"subpipe: error: {error.located(path)}", file=sys.stderr)
            failed += 1
    text = render_suggestions_for(episodes)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 2 if failed else 0
