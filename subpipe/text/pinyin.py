"""The toneless pinyin of names (pypinyin), by which unlisted transliterations are matched with glossary
names that sound alike (`names.align`).

Every episode compares its unresolved names with the same few thousand glossary forms: their syllables
are kept per process, and a glossary read from the per-user cache brings them along (`glossary.cached`),
so that a process works out only those of its episodes' own names.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import DOTTED_SEPARATOR

# A form's syllables, as `name_syllables` gives them; bounded as an lru_cache would be.
_SYLLABLES: dict[str, tuple[str, ...]] = {}
_SYLLABLES_KEPT = 65536


def name_syllables(form: str) -> tuple[str, ...]:
    """The toneless pinyin of each character of a name, its dots left out (埃隆·马斯克: ai long ma si ke)."""
    found = _SYLLABLES.get(form)
    if found is None:
        found = toneless_pinyin("".join(DOTTED_SEPARATOR.split(form)))
        remember_syllables(form, found)
    return found


def remember_syllables(form: str, syllables: tuple[str, ...]) -> None:
    """Keep what `name_syllables` gives for `form` (worked out here, or read from a cache)."""
    if len(_SYLLABLES) >= _SYLLABLES_KEPT:
        _SYLLABLES.clear()
    _SYLLABLES[form] = syllables


@lru_cache(maxsize=65536)
def toneless_pinyin(text: str) -> tuple[str, ...]:
    """pypinyin's toneless reading of `text`, one item a syllable (or a run of what is not Chinese)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))
