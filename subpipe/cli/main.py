"""The `subpipe` command. User mistakes become one line on stderr and exit code 2, never a traceback.

Each command is a module of this package with `add_command(commands)`; heavy imports wait until a
command runs, so `subpipe --help` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import SubpipeError
from ..version import __version__
from . import batch, glossary, run
from .report import EXIT_INTERRUPTED, EXIT_USER_ERROR, report_error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="subpipe",
        description="Chinese transcripts to subtitles (SRT, VTT) and an episode document.",
    )
    parser.add_argument("--version", action="version", version=f"subpipe {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in (run, batch, glossary):
        command.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return _main(argv)[0]


def program() -> None:
    """The `subpipe` program (`python -m subpipe`, the console script): `main`, then the process ends.

    After `subpipe run` everything is written, closed and flushed, and what is left is tearing down the
    tables the process loaded (jieba's dictionary and a copy of it, word tables: a million objects),
    about 0.2 s of a 1 s run: the process ends without it. Other commands may leave worker pools or
    clients to atexit handlers, and end as usual."""
    code, command = _main(None)
    if command == "run":
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: exit as usual, which reports it
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def _main(argv: Sequence[str] | None) -> tuple[int, str | None]:
    """The exit code, and the command that ran (None when the arguments named none)."""
    # A file name holding bytes that are not UTF-8 is printed with them escaped, as stderr does, rather
    # than stopping a run halfway with an encoding error.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args), args.command
    except SubpipeError as error:
        report_error(error)
        return EXIT_USER_ERROR, args.command
    except KeyboardInterrupt:
        print("subpipe: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED, args.command
