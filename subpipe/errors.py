"""The one exception type for mistakes in what the user gave us."""

from __future__ import annotations

import re
from pathlib import Path

_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every lone surrogate as U+FFFD: a file name's bytes that are not UTF-8 reach Python as
    lone surrogates, which no UTF-8 file (an output, the report) and no terminal can hold."""
    if not _SURROGATES.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the file name's own bytes
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


class SubpipeError(Exception):
    """A problem with user input: turned into one line and exit code 2 at the CLI edge.

    `path` and `line` locate the problem so the message can say where to look.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def located(self, path: str | Path | None = None) -> "SubpipeError":
        """The same error, naming `path` if it did not name a file yet."""
        if self.path is None and path is not None:
            return SubpipeError(self.message, path, self.line)
        return self

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message
