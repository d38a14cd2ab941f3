"""CSV and TSV glossaries: a header naming `chinese` and `english` (optional `type`, `aliases`, `note`,
`short`). A row may leave out trailing cells it has nothing for."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..errors import SubpipeError
from .model import Entry
from .rows import make_entry, split_forms

REQUIRED_COLUMNS = ("chinese", "english")
DELIMITERS = (",", "\t", ";")


def looks_like_table(text: str) -> bool:
    """True when the first line that is not a comment is a header naming both required columns."""
    for _, line in _content_lines(text):
        return _header_delimiter(line) is not None
    return False


def parse_table(text: str, path: str) -> list[Entry]:
    """Entries of a CSV/TSV glossary; the delimiter (comma, tab or semicolon) is the one the header uses."""
    header = next(_content_lines(text), None)
    if header is None:
        return []
    header_number, header_text = header
    delimiter = _header_delimiter(header_text)
    if delimiter is None:
        raise _header_error(header_text, path, header_number)
    lines = _NumberedLines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    columns: dict[str, int] | None = None
    entries: list[Entry] = []
    while True:
        start = lines.next_number
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise SubpipeError(f"not valid CSV: {error}", path, lines.row_start(start)) from None
        number = lines.row_start(start)
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns = _columns(cells)
            continue
        entries.append(_entry(cells, columns, path, number))
    return entries


def _entry(cells: list[str], columns: dict[str, int], path: str, line: int) -> Entry:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        if index is None:
            return None
        return cells[index].strip() if index < len(cells) else ""

    # The main form may itself hold several forms separated like aliases; the first is the main one.
    forms = split_forms(cell("chinese") or "") + split_forms(cell("aliases") or "")
    return make_entry(
        english=cell("english"),
        forms=forms,
        kind=cell("type"),
        note=cell("note"),
        path=path,
        line=line,
        short=split_forms(cell("short") or ""),
    )


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = cell.strip().lstrip("\ufeff").lower()
        if name and name not in columns:
            columns[name] = index
    return columns


def _header_error(header: str, path: str, line: int) -> SubpipeError:
    found = header.strip()[:80] or "nothing"
    return SubpipeError(
        f"the header must name the columns chinese and english, separated by commas, tabs or semicolons "
        f"(found: {found}); optional columns: type, aliases, note, short",
        path,
        line,
    )


def _header_delimiter(line: str) -> str | None:
    for delimiter in DELIMITERS:
        names = {cell.strip().strip('"').lstrip("\ufeff").lower() for cell in line.split(delimiter)}
        if all(name in names for name in REQUIRED_COLUMNS):
            return delimiter
    return None


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() and not _is_comment(line):
            yield number, line


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


class _NumberedLines:
    """The lines the csv reader sees (comment lines skipped), remembering each one's 1-based number."""

    def __init__(self, text: str):
        self._lines = iter(enumerate(text.split("\n"), start=1))
        self.numbers: list[int] = []

    @property
    def next_number(self) -> int:
        return len(self.numbers)

    def row_start(self, index: int) -> int:
        """The line number of the first line the reader took after `index` lines."""
        if index < len(self.numbers):
            return self.numbers[index]
        return self.numbers[-1] if self.numbers else 1

    def __iter__(self) -> "_NumberedLines":
        return self

    def __next__(self) -> str:
        for number, line in self._lines:
            # A comment is a whole line starting with #; inside a quoted field a line is data, but
            # glossary fields do not span lines in practice.
            if _is_comment(line):
                continue
            self.numbers.append(number)
            return line + "\n"
        raise StopIteration
