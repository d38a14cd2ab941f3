"""Glossaries: English names and their Chinese forms, read from CSV/TSV, YAML or TBX, merged in order,
with the aliases derived that let a user list a name once. See docs/glossary.md."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .build import build_glossary
from .forms import DOTS, dotless, dotted_parts, make_entry_id, simplified
from .model import (
    DEFAULT_KIND,
    KINDS,
    VIA_DOTLESS,
    VIA_GLOSSARY,
    VIA_PART,
    Alias,
    Conflict,
    Entry,
    Glossary,
    Origin,
)
from .read import read_glossary_file
from .shipped import shipped_glossary_paths


def load_glossaries(
    paths: Sequence[str | Path],
    *,
    shipped: bool = True,
    is_ordinary_word: Callable[[str], bool] | None = None,
) -> Glossary:
    """The shipped glossary (unless `shipped` is False), then each of `paths` in order, later ones winning."""
    files = (shipped_glossary_paths() if shipped else []) + [Path(path) for path in paths]
    entries = [entry for path in files for entry in read_glossary_file(path)]
    return build_glossary(entries, is_ordinary_word)


__all__ = [
    "DEFAULT_KIND",
    "DOTS",
    "KINDS",
    "VIA_DOTLESS",
    "VIA_GLOSSARY",
    "VIA_PART",
    "Alias",
    "Conflict",
    "Entry",
    "Glossary",
    "Origin",
    "build_glossary",
    "dotless",
    "dotted_parts",
    "load_glossaries",
    "make_entry_id",
    "read_glossary_file",
    "shipped_glossary_paths",
    "simplified",
]
