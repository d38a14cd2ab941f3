"""A merged glossary kept in the per-user cache (`subpipe.cache`), with every entry's derived forms.

Merging the shipped glossary's two thousand rows and deriving their aliases (OpenCC keys, dotted parts,
short forms checked against jieba's dictionary) took about a third of a second in every process, for
the same files every time. The cache entry is keyed by the files' paths and bytes, by the code that
reads and derives them (the files of this package, of the decoder and of the text modules it calls, by
path, size and modification time, so that a changed reader is never served an old glossary), by
OpenCC's and pypinyin's modules and by jieba's dictionary (which decides what counts as an ordinary
word). It holds the toneless pinyin of the glossary's forms too (`text.pinyin`), which matching
unresolved names by sound reads.

Only glossaries derived with the default ordinary-word test (jieba's dictionary) are cached: another
test is a function the key cannot name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from types import MappingProxyType

from ..text.pinyin import name_syllables, remember_syllables
from .build import derived_forms, remember_derived_forms
from .model import Conflict, Entry, Glossary, Origin

# Bump when what the entry holds changes.
_LAYOUT = "2"  # 2: with the syllables of its forms


def cached_glossary(files: Sequence[tuple[str, bytes]], build: Callable[[], Glossary]) -> Glossary:
    """The glossary `build` makes of `files` ((path, bytes) in merge order), from the cache when current."""
    from ..cache import cached

    return cached("glossary", _key(files), lambda: _payload(build()), _glossary)


def _key(files: Sequence[tuple[str, bytes]]) -> str:
    from importlib.util import find_spec

    from ..cache import file_key
    from ..formats import decoding
    from ..text import lexicon, pinyin, script, segment
    from ..version import __version__

    hasher = hashlib.sha256()
    for path, data in files:
        hasher.update(f"{path!r} {len(data)}\n".encode())
        hasher.update(data)
    package = Path(__file__).parent
    code = [file_key(path) for path in sorted(package.glob("*.py"))]
    code += [file_key(module.__file__) for module in (decoding, lexicon, pinyin, script, segment)]
    # OpenCC's tables make the Simplified keys, pypinyin's the syllables: each package's module, by path,
    # size and time (installing another version writes it anew; reading the packages' metadata would
    # cost more than the rest of the key).
    for package in ("opencc", "pypinyin"):
        spec = find_spec(package)
        code.append(file_key(spec.origin) if spec is not None and spec.origin else f"no {package}")
    return " ".join([_LAYOUT, __version__, hasher.hexdigest(), segment.dictionary_key(), *code])


def _payload(glossary: Glossary) -> tuple:
    """The glossary as plain values: each distinct Entry once (as a tuple), referred to by number."""
    numbers: dict[Entry, int] = {}
    table: list[tuple] = []

    def number(entry: Entry) -> int:
        found = numbers.get(entry)
        if found is None:
            found = numbers[entry] = len(table)
            origin = entry.origin
            table.append((
                entry.id, entry.english, entry.kind, entry.chinese, entry.note,
                origin.path if origin else None, origin.line if origin else None, entry.kind_given, entry.short,
            ))
        return found

    merged = [number(entry) for entry in glossary.entries.values()]
    written_by = [(key, number(entry)) for key, entry in glossary.written_by.items()]
    conflicts = [(c.form, number(c.kept), number(c.dropped)) for c in glossary.conflicts]
    aliases = [(form, tuple((a.entry_id, a.via) for a in found)) for form, found in glossary.aliases.items()]
    test = glossary.is_ordinary_word
    forms = [derived_forms(entry.chinese, entry.kind, test) for entry in glossary.entries.values()]
    # What matching an unresolved name with the glossary's names by sound reads of every form (`names.align`).
    syllables = [(form, name_syllables(form)) for form in glossary.aliases if len(form) >= 2]
    return table, merged, written_by, conflicts, aliases, forms, syllables


def _glossary(payload: object) -> Glossary:
    from .build import alias
    from ..text.segment import is_ordinary_word

    table, merged, written_by, conflicts, aliases, forms, syllables = payload  # type: ignore[misc]
    entries = [
        Entry(id_, english, kind, chinese, note, Origin(path, line) if path is not None else None, kind_given, short)
        for id_, english, kind, chinese, note, path, line, kind_given, short in table
    ]
    merged_entries = [entries[number] for number in merged]
    if len(forms) != len(merged_entries):
        raise ValueError("not a glossary")
    for entry, (keys, derived) in zip(merged_entries, forms):
        # What extending this glossary with an episode's names would derive again for every entry.
        remember_derived_forms(entry.chinese, entry.kind, is_ordinary_word, (tuple(keys), tuple(map(tuple, derived))))
    for form, readings in syllables:
        remember_syllables(form, tuple(readings))
    return Glossary(
        entries=MappingProxyType({entry.id: entry for entry in merged_entries}),
        aliases=MappingProxyType(
            {form: tuple(alias(form, entry_id, via) for entry_id, via in found) for form, found in aliases}
        ),
        conflicts=tuple(Conflict(form, entries[kept], entries[dropped]) for form, kept, dropped in conflicts),
        written_by=MappingProxyType({key: entries[number] for key, number in written_by}),
        is_ordinary_word=is_ordinary_word,
    )
