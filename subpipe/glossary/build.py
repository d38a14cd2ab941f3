"""Merging entries in order and deriving the aliases that let users list a name once.

Merge rules: an entry with an id already seen adds its forms to that entry (its English spelling, stated
kind and note win when it comes later). A form written for two different names stays with the winner
(the later entry, or the existing one under `existing_wins`) and the clash becomes a Conflict naming both
places. Derived aliases (the parts of a dotted name, the name without dots) never take a form that some
entry writes; a derived form shared by two entries stays ambiguous (two aliases), not a conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType

from .forms import alias_keys, dotless, dotted_parts, has_cjk, simplified
from .model import VIA_DOTLESS, VIA_GIVEN, VIA_GLOSSARY, VIA_PART, VIA_SHORT, Alias, Conflict, Entry, Glossary

OrdinaryWordTest = Callable[[str], bool]


def build_glossary(entries: Iterable[Entry], is_ordinary_word: OrdinaryWordTest | None = None) -> Glossary:
    """Merge `entries` in order (later ones winning) and derive their aliases.

    `is_ordinary_word` decides which parts of dotted names are too common to stand for the name; None
    uses `subpipe.segment.is_ordinary_word` (jieba's dictionary).
    """
    merge = _Merge({}, {}, [])
    for entry in entries:
        merge.add(entry, later_wins=True)
    return merge.glossary(_ordinary_word_test(is_ordinary_word))


def extended_glossary(glossary: Glossary, entries: Iterable[Entry], *, existing_wins: bool = True) -> Glossary:
    """A new Glossary with `entries` merged in after those of `glossary` (which is unchanged).

    With `existing_wins`, a form already written for another name stays with it (the clash is
    recorded as a Conflict), and an entry with an existing id keeps its English spelling, kind and
    note, gaining only new forms. Without it, the new entries win as a later glossary file would.
    With no entries, `glossary` itself (it never changes), so what is kept per glossary serves it.
    """
    entries = list(entries)
    if not entries:
        return glossary
    merge = _Merge(dict(glossary.entries), dict(glossary.written_by), list(glossary.conflicts))
    for entry in entries:
        merge.add(entry, later_wins=not existing_wins)
    return merge.glossary(_ordinary_word_test(glossary.is_ordinary_word), extending=glossary)


def _ordinary_word_test(is_ordinary_word: OrdinaryWordTest | None) -> OrdinaryWordTest:
    if is_ordinary_word is not None:
        return is_ordinary_word
    from ..text.segment import is_ordinary_word as in_jieba_dictionary

    return in_jieba_dictionary


class _Merge:
    """The merge in progress: lives for one build only, so nothing is shared between glossaries."""

    def __init__(self, merged: dict[str, Entry], written_by: dict[str, Entry], conflicts: list[Conflict]):
        self.merged = merged  # id -> merged entry (insertion order = order first seen)
        self.written_by = written_by  # Simplified key -> the entry, as written, that owns the form
        self.conflicts = conflicts
        self.given = frozenset(merged)  # the ids the merge started with
        self.changed_given = False  # whether an entry it started with gained or lost a form

    def add(self, entry: Entry, *, later_wins: bool) -> None:
        existing = self.merged.get(entry.id)
        if entry.id in self.given:
            self.changed_given = True
        if existing is None:
            self.merged[entry.id] = replace(entry, chinese=())
        else:
            self.merged[entry.id] = _combine(existing, entry, later_wins=later_wins)
        for form in entry.chinese:
            key = simplified(form)
            if not key:
                continue
            owner = self.written_by.get(key)
            if owner is None:
                self.written_by[key] = entry
                self._give(entry.id, form)
            elif owner.id == entry.id:
                continue  # the same form (or its other script) again for the same name
            elif later_wins:
                self.conflicts.append(Conflict(key, kept=entry, dropped=owner))
                self._take_away(owner.id, key)
                self.written_by[key] = entry
                self._give(entry.id, form)
            else:
                self.conflicts.append(Conflict(key, kept=owner, dropped=entry))

    def _give(self, entry_id: str, form: str) -> None:
        entry = self.merged[entry_id]
        self.merged[entry_id] = replace(entry, chinese=entry.chinese + (form.strip(),))

    def _take_away(self, entry_id: str, key: str) -> None:
        # The losing entry stays (its English name and other forms are still good), without this form.
        self.changed_given = self.changed_given or entry_id in self.given
        entry = self.merged[entry_id]
        kept = tuple(form for form in entry.chinese if simplified(form) != key)
        self.merged[entry_id] = replace(entry, chinese=kept)

    def glossary(self, is_ordinary_word: OrdinaryWordTest, extending: Glossary | None = None) -> Glossary:
        """The merged glossary. `extending` is the glossary the merge started from: when none of its
        entries changed, only the new entries' aliases are derived (an episode extends a glossary of
        thousands of names with a few it learned, twice: deriving all again took a fifth of the time
        of converting an episode)."""
        if extending is not None and not self.changed_given:
            added = [entry for entry_id, entry in self.merged.items() if entry_id not in self.given]
            aliases = extended_aliases(extending.aliases, added, is_ordinary_word)
        else:
            aliases = derive_aliases(self.merged.values(), is_ordinary_word)
        return Glossary(
            entries=MappingProxyType(dict(self.merged)),
            aliases=MappingProxyType(aliases),
            conflicts=tuple(self.conflicts),
            written_by=MappingProxyType(dict(self.written_by)),
            is_ordinary_word=is_ordinary_word,
        )


def _combine(existing: Entry, entry: Entry, *, later_wins: bool) -> Entry:
    """One entry from two with the same id; forms are added by the caller."""
    winner, loser = (entry, existing) if later_wins else (existing, entry)
    # A kind that a glossary states beats the default of a glossary that had no type column.
    kind = winner.kind if winner.kind_given or not loser.kind_given else loser.kind
    return replace(
        existing,
        english=winner.english,
        kind=kind,
        kind_given=winner.kind_given or loser.kind_given,
        note=winner.note or loser.note,
        origin=existing.origin or entry.origin,
        short=winner.short or loser.short,
    )


def derive_aliases(entries: Iterable[Entry], is_ordinary_word: OrdinaryWordTest) -> dict[str, tuple[Alias, ...]]:
    """Every written form of every entry, and the forms derived from them (parts and dotless forms of
    dotted names, short forms); a written form always beats a derived one."""
    entries = list(entries)
    aliases: dict[str, list[Alias]] = {}
    seen: set[tuple[str, str]] = set()

    def add(form: str, entry_id: str, via: str) -> None:
        if (form, entry_id) not in seen:
            seen.add((form, entry_id))
            aliases.setdefault(form, []).append(alias(form, entry_id, via))

    forms_of = {entry.id: derived_forms(entry.chinese, entry.kind, is_ordinary_word) for entry in entries}
    for entry in entries:
        for key in forms_of[entry.id][0]:
            add(key, entry.id, VIA_GLOSSARY)
    written = set(aliases)
    for entry in entries:
        for form, via in forms_of[entry.id][1]:
            if form not in written:
                add(form, entry.id, via)
    return {form: tuple(found) for form, found in aliases.items()}


def extended_aliases(
    aliases: Mapping[str, tuple[Alias, ...]], added: Sequence[Entry], is_ordinary_word: OrdinaryWordTest
) -> dict[str, tuple[Alias, ...]]:
    """What `derive_aliases` gives for some entries followed by `added`, from the first entries'
    aliases (which it gave): in the same order, form by form and alias by alias. The added entries come
    last, so each form keeps its aliases and gains theirs, except that a form an added entry writes
    loses the forms other entries only derived for it (a written form always beats a derived one)."""
    forms_of = {entry.id: derived_forms(entry.chinese, entry.kind, is_ordinary_word) for entry in added}
    seen: set[tuple[str, str]] = set()
    written: dict[str, list[Alias]] = {}
    for entry in added:
        for key in forms_of[entry.id][0]:
            if (key, entry.id) not in seen:
                seen.add((key, entry.id))
                written.setdefault(key, []).append(alias(key, entry.id, VIA_GLOSSARY))
    derived: dict[str, list[Alias]] = {}
    for entry in added:
        for form, via in forms_of[entry.id][1]:
            before = aliases.get(form)
            if form in written or (before is not None and before[0].via == VIA_GLOSSARY):
                continue
            if (form, entry.id) not in seen:
                seen.add((form, entry.id))
                derived.setdefault(form, []).append(alias(form, entry.id, via))
    # The order `derive_aliases` adds forms in: every written form (the first entries', then the added
    # ones'), then every derived one (likewise).
    result: dict[str, tuple[Alias, ...]] = {}
    derived_before: list[tuple[str, tuple[Alias, ...]]] = []
    for form, found in aliases.items():
        if found[0].via == VIA_GLOSSARY:
            result[form] = found + tuple(written.pop(form, ()))
        elif form not in written:
            derived_before.append((form, found))
    result.update((form, tuple(found)) for form, found in written.items())
    for form, found in derived_before:
        result[form] = found + tuple(derived.pop(form, ()))
    result.update((form, tuple(found)) for form, found in derived.items())
    return result


@lru_cache(maxsize=65536)
def alias(form: str, entry_id: str, via: str) -> Alias:
    # Aliases are frozen values: an episode's glossary reuses the shipped glossary's objects instead
    # of building its few thousand aliases again.
    return Alias(form, entry_id, via)


DerivedForms = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]
# (forms, kind, ordinary-word test) -> the entry's derived forms: results of a pure function, kept
# because every episode that learns a name extends the glossary, which derives the forms of every entry
# again. Bounded like an lru_cache; filled by `derived_forms` and by a glossary read from the cache.
_DERIVED: dict[tuple[tuple[str, ...], str, OrdinaryWordTest], DerivedForms] = {}
_DERIVED_KEPT = 65536


def derived_forms(chinese: tuple[str, ...], kind: str, is_ordinary_word: OrdinaryWordTest) -> DerivedForms:
    """An entry's written keys and its derived (form, via) pairs, in the order they are added."""
    found = _DERIVED.get((chinese, kind, is_ordinary_word))
    if found is None:
        found = _derive_forms(chinese, kind, is_ordinary_word)
        remember_derived_forms(chinese, kind, is_ordinary_word, found)
    return found


def remember_derived_forms(
    chinese: tuple[str, ...], kind: str, is_ordinary_word: OrdinaryWordTest, forms: DerivedForms
) -> None:
    """Keep what `derived_forms` gives for these arguments (derived here, or read from a cache)."""
    if len(_DERIVED) >= _DERIVED_KEPT:
        _DERIVED.clear()
    _DERIVED[(chinese, kind, is_ordinary_word)] = forms


def _derive_forms(chinese: tuple[str, ...], kind: str, is_ordinary_word: OrdinaryWordTest) -> DerivedForms:
    keys = tuple(key for form in chinese for key in alias_keys(form))
    derived: list[tuple[str, str]] = []
    for key in keys:
        joined = dotless(key)
        if joined is None:
            continue
        derived.append((joined, VIA_DOTLESS))
        derived.extend(
            (part, VIA_PART) for part in dotted_parts(key) if len(part) > 1 and not is_ordinary_word(part)
        )
    for key in keys:
        derived.extend((form, via) for form, via in _short_forms(key, kind) if not is_ordinary_word(form))
    return keys, tuple(derived)


# Corporate suffixes people drop when they name a company again: 巴尔克曼集团 is then 巴尔克曼.
_ORG_SUFFIXES = ("股份有限公司", "有限公司", "集团公司", "集团", "公司", "科技", "资本", "控股")


def _short_forms(key: str, kind: str) -> list[tuple[str, str]]:
    """Shorter forms people use for a name: an organisation without its corporate suffix, a Chinese
    person's given name. Only when the short form is no word jieba knows (北京科技 does not make
    北京 a company; 王小川 does not make 小川 a person), because a known word means something else."""
    from ..text.lexicon import COMMON_SURNAMES, TRANSLITERATION_CHARS
    from ..text.segment import is_dictionary_word

    found = []
    if kind == "org":
        for suffix in _ORG_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 2:
                found.append((key[: -len(suffix)], VIA_SHORT))
                break
    elif (
        kind == "person"
        and len(key) == 3
        and all(has_cjk(c) for c in key)
        and key[0] in COMMON_SURNAMES
        # 马斯克 is a transliteration, not 马 + a given name.
        and not all(c in TRANSLITERATION_CHARS for c in key)
    ):
        found.append((key[1:], VIA_GIVEN))
    return [(form, via) for form, via in found if all(has_cjk(c) for c in form) and not is_dictionary_word(form)]
