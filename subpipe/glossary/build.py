"""Merging entries in order and deriving the aliases that let users list a name once.

Merge rules: an entry with an id already seen adds its forms to that entry (its English spelling, stated
kind and note win when it comes later). A form written for two different names stays with the winner
(the later entry, or the existing one under `existing_wins`) and the clash becomes a Conflict naming both
places. Derived aliases (the parts of a dotted name, the name without dots) never take a form that some
entry writes; a derived form shared by two entries stays ambiguous (two aliases), not a conflict.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
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

    def add(self, entry: Entry, *, later_wins: bool) -> None:
        existing = self.merged.get(entry.id)
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
        entry = self.merged[entry_id]
        kept = tuple(form for form in entry.chinese if simplified(form) != key)
        self.merged[entry_id] = replace(entry, chinese=kept)

    def glossary(self, is_ordinary_word: OrdinaryWordTest, extending: Glossary | None = None) -> Glossary:
        """The merged glossary. `extending` is the glossary the merge started from: only the forms of
        the entries the merge added or changed are derived again (`updated_aliases`: an episode extends
        a glossary of thousands of names with a few it learned, twice, and deriving all again took a
        few milliseconds an episode)."""
        updated = None
        if extending is not None:
            updated = updated_aliases(extending.aliases, extending.entries, self.merged, is_ordinary_word)
        if updated is None:
            aliases, extends = derive_aliases(self.merged.values(), is_ordinary_word), None
        else:
            aliases, extends = updated[0], (extending, updated[1])
        return Glossary(
            entries=MappingProxyType(dict(self.merged)),
            aliases=MappingProxyType(aliases),
            conflicts=tuple(self.conflicts),
            written_by=MappingProxyType(dict(self.written_by)),
            is_ordinary_word=is_ordinary_word,
            extends=extends,
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


def updated_aliases(
    aliases: Mapping[str, tuple[Alias, ...]],
    before: Mapping[str, Entry],
    merged: Mapping[str, Entry],
    is_ordinary_word: OrdinaryWordTest,
) -> tuple[dict[str, tuple[Alias, ...]], frozenset[str]] | None:
    """What `derive_aliases(merged.values())` gives, and the forms worked out again (every form whose
    aliases may differ), from `aliases` = `derive_aliases(before.values())`:
    form by form, alias by alias, in the same order. `merged` holds `before`'s ids first, in the same
    order, some of them with a changed entry (an episode taught another form of a known name), then
    added entries. None when a changed entry no longer writes a form it wrote: the forms that form
    kept from being derived are not in `aliases`, so everything must be derived again.

    Only the forms the changed and added entries write or derive are worked out again; every other
    form keeps its aliases and its place. `derive_aliases` adds every written form (entry by entry, in
    each entry's order), then every derived one, so a form's place is (written or derived, the position
    of the first entry that gives it, where in that entry's forms it comes), and the forms kept are
    already in that order: each form worked out again goes in by bisection. `aliases` must be what
    `derive_aliases` gave with the same ordinary-word test (as for every Glossary built here or read
    from the cache)."""
    changed = {entry_id for entry_id, entry in before.items() if merged[entry_id] is not entry}
    position = {entry_id: index for index, entry_id in enumerate(merged)}
    renewed = [entry_id for entry_id in merged if entry_id in changed or entry_id not in before]

    def forms_of(entry: Entry) -> DerivedForms:
        return derived_forms(entry.chinese, entry.kind, is_ordinary_word)

    new_forms = {entry_id: forms_of(merged[entry_id]) for entry_id in renewed}
    affected: set[str] = set()
    for entry_id in renewed:
        keys, derived = new_forms[entry_id]
        affected.update(keys)
        affected.update(form for form, _ in derived)
    for entry_id in changed:
        keys, derived = forms_of(before[entry_id])
        if not set(keys) <= set(new_forms[entry_id][0]):
            return None
        affected.update(keys)
        affected.update(form for form, _ in derived)

    def place(form: str, entry_id: str, written: bool) -> tuple[bool, int, int]:
        keys, derived = new_forms.get(entry_id) or forms_of(merged[entry_id])
        index = keys.index(form) if written else next(i for i, (f, _) in enumerate(derived) if f == form)
        return (not written, position[entry_id], index)

    worked_out: list[tuple[tuple[bool, int, int], str, tuple[Alias, ...]]] = []
    for form in affected:
        old = aliases.get(form, ())
        old_written = bool(old) and old[0].via == VIA_GLOSSARY
        writers = [entry_id for entry_id in renewed if form in new_forms[entry_id][0]]
        kept = [a for a in old if a.entry_id not in changed]  # the unchanged entries' aliases
        if writers or old_written:
            # Written: the unchanged entries' written aliases stay, their derived ones (if the form
            # was only derived before) give way.
            found = (kept if old_written else []) + [alias(form, entry_id, VIA_GLOSSARY) for entry_id in writers]
        else:
            found = kept + [
                alias(form, entry_id, next(via for f, via in new_forms[entry_id][1] if f == form))
                for entry_id in renewed
                if any(f == form for f, _ in new_forms[entry_id][1])
            ]
        if found:
            found.sort(key=lambda a: position[a.entry_id])
            written = found[0].via == VIA_GLOSSARY
            worked_out.append((place(form, found[0].entry_id, written), form, tuple(found)))

    kept_forms = [form for form in aliases if form not in affected]

    def kept_place(form: str) -> tuple[bool, int, int]:
        first = aliases[form][0]
        return place(form, first.entry_id, first.via == VIA_GLOSSARY)

    worked_out.sort()
    result: dict[str, tuple[Alias, ...]] = {}
    taken = 0
    for form_place, form, found in worked_out:
        until = bisect_left(kept_forms, form_place, lo=taken, key=kept_place)
        result.update((kept, aliases[kept]) for kept in kept_forms[taken:until])
        result[form] = found
        taken = until
    result.update((kept, aliases[kept]) for kept in kept_forms[taken:])
    return result, frozenset(affected)


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
