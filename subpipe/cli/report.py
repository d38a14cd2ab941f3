"""How the command line speaks: one line per problem on stderr, and its exit codes."""

from __future__ import annotations

import sys

from ..errors import SubpipeError

EXIT_OK, EXIT_USER_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def report_error(error: SubpipeError) -> None:
    print(f"subpipe: error: {error}", file=sys.stderr)


def report_warning(warning, path) -> None:
    """An episode's warning (`model.EpisodeWarning`) on stderr, located in the input unless it locates itself."""
    shown = str(path)
    where = shown if warning.line is None else f"{shown}:{warning.line}"
    message = warning.message if warning.message.startswith(shown) else f"{where}: {warning.message}"
    print(f"subpipe: warning: {message}", file=sys.stderr)


def warn_conflicts(glossary, quiet: bool) -> None:
    """Glossary conflicts do not stop a run (the later glossary wins) but the user should know."""
    if not quiet:
        for conflict in glossary.conflicts:
            print(f"subpipe: warning: {conflict.message()}", file=sys.stderr)
