"""`subpipe glossary ...` commands. Only argparse is imported here, so `subpipe --help` stays instant."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_USER_ERROR = 0, 2


def add_glossary_commands(subparsers) -> argparse.ArgumentParser:
    """Add `glossary` and its `check` command to the `subpipe` subparsers; returns the `glossary` parser,
    whose own subparsers other commands can be added to (`glossary_parser.commands`)."""
    glossary = subparsers.add_parser(
        "glossary",
        help="check glossaries",
        description="Work with glossaries (CSV/TSV, YAML or TBX files of English names and their Chinese forms).",
    )
    commands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND", required=True)
    glossary.commands = commands  # for commands added elsewhere (subpipe glossary suggest)
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
    return glossary


def _check(args: argparse.Namespace) -> int:
    from ..errors import SubpipeError
    from ..glossary import build_glossary, read_glossary_file, shipped_glossary_paths

    shipped = [] if args.no_shipped else shipped_glossary_paths()
    entries = []
    failed = 0
    for path in [*shipped, *args.files]:
        label = f"{path} (shipped)" if path in shipped else str(path)
        try:
            found = read_glossary_file(path)
        except SubpipeError as error:
            print(f"subpipe: error: {error.located(path)}", file=sys.stderr)
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
