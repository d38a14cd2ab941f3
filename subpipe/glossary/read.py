"""Glossary files of any supported format: the extension decides, else the content does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..formats.decoding import read_file
from ..errors import SubpipeError
from .model import Entry
from .table import looks_like_table, parse_table
from .tbx import looks_like_xml, parse_tbx
from .yaml_file import parse_yaml

# A glossary of every name in a large encyclopedia would still be far smaller.
MAX_GLOSSARY_BYTES = 20 * 1024 * 1024

PARSERS: dict[str, Callable[[str, str], list[Entry]]] = {
    "table": parse_table,
    "yaml": parse_yaml,
    "tbx": parse_tbx,
}

_EXTENSIONS = {
    ".csv": "table",
    ".tsv": "table",
    ".tab": "table",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".tbx": "tbx",
    ".xml": "tbx",
}


def read_glossary_file(path: str | Path) -> list[Entry]:
    """The entries of a CSV/TSV, YAML or TBX glossary, in file order; SubpipeError (file, line) if malformed."""
    text, _encoding = read_file(path, limit=MAX_GLOSSARY_BYTES, what="a glossary")
    return parse_glossary_text(text, str(path), glossary_format(path, text))


def parse_glossary_text(text: str, path: str, format: str) -> list[Entry]:
    try:
        return PARSERS[format](text, path)
    except SubpipeError as error:
        raise error.located(path) from None


def glossary_format(path: str | Path, text: str) -> str:
    """`table`, `yaml` or `tbx`: by extension, else by content (XML, a CSV/TSV header, or YAML)."""
    known = _EXTENSIONS.get(Path(path).suffix.lower())
    if known:
        return known
    if looks_like_xml(text):
        return "tbx"
    if looks_like_table(text):
        return "table"
    return "yaml"
