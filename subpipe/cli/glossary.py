"""`subpipe glossary check` and `subpipe glossary suggest`. Only argparse is imported at first, so
`subpipe --help` stays instant."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SubpipeError
from .report import EXIT_OK, EXIT_USER_ERROR, report_error


def add_command(subparsers) -> None:
    """Add `glossary` with its `check` and `suggest` commands to the `subpipe` subparsers."""
    glossary = subparsers.add_parser(
        "glossary",
        help="check glossaries, suggest glossary rows",
        description="Work with glossaries (CSV/TSV, YAML or TBX files of English names and their Chinese forms).",
    )
    commands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check",
        help="validate glossary files and report conflicts",
        description="Read each FILE, print its entry count, and merge them after the shipped glossary in "
        "the order given (later files win), printing every conflict: one Chinese form given to two "
        "English names, with the file and line of both. Exits 2 on a malformed file or any conflict.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", type=Path, help="glossary file (.csv, .tsv, .yaml, .tbx)")
    check.add_argument("--no-shipped", action="store_true", help="check without the shipped glossary")
    check.set_defaults(handler=_check)

    suggest = commands.add_parser(
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


def _check(args: argparse.Namespace) -> int:
    from ..glossary import build_glossary, read_glossary_file, shipped_glossary_paths

    shipped = [] if args.no_shipped else shipped_glossary_paths()
    entries = []
    failed = 0
    for path in [*shipped, *args.files]:
        label = f"{path} (shipped)" if path in shipped else str(path)
        try:
            found = read_glossary_file(path)
        except SubpipeError as error:
            report_error(error.located(path))
            failed += 1
            continue
        print(f"{label}: {len(found)} {_plural(len(found), 'entry', 'entries')}")
        entries.extend(found)
    glossary = build_glossary(entries)
    for conflict in glossary.conflicts:
        print(f"conflict: {conflict.message()}")
    conflicts = len(glossary.conflicts)
    print(
        f"{len(glossary.entries)} {_plural(len(glossary.entries), 'name', 'names')}, "
        f"{len(glossary.aliases)} forms to match, {conflicts} {_plural(conflicts, 'conflict', 'conflicts')}"
        + (f", {failed} malformed {_plural(failed, 'file', 'files')}" if failed else "")
    )
    return EXIT_USER_ERROR if failed or conflicts else EXIT_OK


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _suggest(args: argparse.Namespace) -> int:
    from ..batch.work import Converted
    from ..converter import Converter
    from ..outputs import write_atomic
    from ..outputs.suggestions import compose_suggestions_for
    from ..settings import NameSettings, Settings

    converter = Converter(Settings(names=NameSettings(shipped_glossary=not args.no_shipped_glossary)), args.glossaries)
    episodes, failed = [], 0
    for outcome in converter.pipe(args.inputs):
        if isinstance(outcome, Converted):
            episodes.append(outcome.value)
        else:
            report_error(outcome.error())
            failed += 1
    text = compose_suggestions_for(episodes)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_USER_ERROR if failed else EXIT_OK
