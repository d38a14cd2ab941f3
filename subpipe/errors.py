"""The one exception type for mistakes in what the user gave us."""

from __future__ import annotations

from pathlib import Path


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
