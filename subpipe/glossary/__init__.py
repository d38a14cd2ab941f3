"""Glossaries: English names and their Chinese forms, read from CSV/TSV, YAML or TBX, merged in order,
with the aliases derived that let a user list a name once. See docs/glossary.md."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .build import build_glossary, extended_glossary
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
    return glossary_from_files(glossary_files(paths, shipped=shipped), is_ordinary_word)


# A glossary file as read: its path (for messages and conflicts) and its bytes.
GlossaryFile = tuple[str, bytes]


def glossary_files(paths: Sequence[str | Path], *, shipped: bool = True) -> tuple[GlossaryFile, ...]:
    """The (path, bytes) of the shipped glossary's files (if `shipped`) and then of `paths`, in merge
    order: what a glossary is built from, and what a batch sends its workers and keys its resume on."""
    from ..formats.decoding import read_bytes
    from .read import MAX_GLOSSARY_BYTES

    files = (shipped_glossary_paths() if shipped else []) + [Path(path) for path in paths]
    return tuple((str(path), read_bytes(path, MAX_GLOSSARY_BYTES, "a glossary")) for path in files)


def glossary_from_files(
    files: Sequence[GlossaryFile], is_ordinary_word: Callable[[str], bool] | None = None
) -> Glossary:
    """The merged Glossary of glossary files given as (path, bytes); from the per-user cache when it holds
    this one (`glossary.cached`), unless `is_ordinary_word` replaces jieba's dictionary."""
    from ..formats.decoding import decode
    from .read import glossary_format, parse_glossary_text

    def build() -> Glossary:
        entries = []
        for path, data in files:
            text, _encoding = decode(data, path)
            entries.extend(parse_glossary_text(text, path, glossary_format(path, text)))
        return build_glossary(entries, is_ordinary_word)

    if is_ordinary_word is not None:
        return build()
    from .cached import cached_glossary

    return cached_glossary(files, build)


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
    "GlossaryFile",
    "Origin",
    "build_glossary",
    "extended_glossary",
    "dotless",
    "dotted_parts",
    "glossary_files",
    "glossary_from_files",
    "load_glossaries",
    "make_entry_id",
    "read_glossary_file",
    "shipped_glossary_paths",
    "simplified",
]
