"""The glossary as data: entries (an English name and its Chinese forms) and the aliases derived from them.

Everything here is frozen. A `Glossary` is built once per run (or per episode, with `extended`) and never
changed, so two runs with different glossaries in one process cannot see each other's names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KINDS = ("person", "org", "product", "place", "term")

# The kind of an entry read from a glossary that has no `type` column (or YAML key). Names would be a
# better guess for most user glossaries, but a wrong "person" is worse than a neutral "term"; such an
# entry carries `kind_given=False`, so it never overrides a kind that another glossary states.
DEFAULT_KIND = "term"

# How an alias came to be: written in a glossary, a part of a dotted name, or a dotted name without dots.
VIA_GLOSSARY, VIA_PART, VIA_DOTLESS = "glossary", "part", "dotless"
# And two more derived forms: an organisation without its corporate suffix (巴尔克曼集团 -> 巴尔克曼), a
# Chinese person by the given name colleagues use (陈以宁 -> 以宁).
VIA_SHORT, VIA_GIVEN = "short", "given"


@dataclass(frozen=True)
class Origin:
    """Where an entry or form was written: a file and its 1-based line (None when the format has none)."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Entry:
    """One name: its English form, its kind and the Chinese forms written for it.

    `id` is `make_entry_id(english)`, unique within a Glossary. `chinese` holds the forms as written
    (main form first, then aliases), in any script. `kind_given` is False when the glossary stated no
    kind and `kind` is the default. `short` holds English short forms that stand for the name on their
    own: an abbreviation (USTC) or the name a person goes by (Ilya); the first is shown in a subtitle
    line the full name does not fit, and a translation may use any of them.
    """

    id: str
    english: str
    kind: str
    chinese: tuple[str, ...]
    note: str = ""
    origin: Origin | None = None
    kind_given: bool = True
    short: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Lists are welcome from callers; the stored value stays hashable and unchangeable.
        if not isinstance(self.chinese, tuple):
            object.__setattr__(self, "chinese", tuple(self.chinese))
        if not isinstance(self.short, tuple):
            object.__setattr__(self, "short", tuple(self.short))
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.id:
            raise ValueError("an entry needs a non-empty id")

    def where(self) -> str:
        return str(self.origin) if self.origin is not None else "(no file)"


@dataclass(frozen=True)
class Alias:
    """A Simplified Chinese form that names an entry, and how it was found (`VIA_*`)."""

    form: str
    entry_id: str
    via: str


@dataclass(frozen=True)
class Conflict:
    """One Chinese form written for two English names. `kept` and `dropped` are the entries as written
    in their files, so their origins say where each side wrote the form."""

    form: str
    kept: Entry
    dropped: Entry

    def message(self) -> str:
        return (
            f"Chinese form {self.form} is given to {self.dropped.english} ({self.dropped.where()}) "
            f"and to {self.kept.english} ({self.kept.where()}); keeping {self.kept.english}"
        )


@dataclass(frozen=True, eq=False)
class Glossary:
    """Entries by id, aliases by Simplified form, and the conflicts met while merging.

    Several aliases under one form name different entries: the form is ambiguous, and which one is
    meant is decided per episode. Built by `build_glossary`; compared by identity, so it can key a cache.
    """

    entries: Mapping[str, Entry]
    aliases: Mapping[str, tuple[Alias, ...]]
    conflicts: tuple[Conflict, ...] = ()
    # Who wrote each form (Simplified key -> the entry as written), so `extended` can report new
    # conflicts with both origins; and the ordinary-word test the aliases were derived with.
    written_by: Mapping[str, Entry] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    is_ordinary_word: Callable[[str], bool] | None = field(default=None, repr=False)
    # The glossary this one extends and the forms whose aliases may differ from its (an episode's
    # glossary is the converter's with a few names learned): what is built per glossary can then be
    # updated instead of built again. None for a glossary built whole (or unpickled).
    extends: tuple[Glossary, frozenset[str]] | None = field(default=None, repr=False)

    def entry(self, entry_id: str) -> Entry:
        try:
            return self.entries[entry_id]
        except KeyError:
            raise KeyError(f"no glossary entry with id {entry_id!r}") from None

    def __reduce__(self):
        # Read-only mapping proxies do not pickle; plain dicts do, and are wrapped again on the way in
        # (worker processes of a batch may receive a Glossary).
        return (
            _unpickle_glossary,
            (dict(self.entries), dict(self.aliases), self.conflicts, dict(self.written_by), self.is_ordinary_word),
        )


def _unpickle_glossary(entries, aliases, conflicts, written_by, is_ordinary_word) -> Glossary:
    return Glossary(
        MappingProxyType(entries),
        MappingProxyType(aliases),
        conflicts,
        MappingProxyType(written_by),
        is_ordinary_word,
    )
