"""Chinese forms of a name: their Simplified keys, dotted transliterations, and entry ids.

A glossary form is matched against analysis text, which is always Simplified; so every form is keyed by
its OpenCC t2s conversion, and Traditional and Simplified glossaries and transcripts meet for free.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text.lexicon import DOTTED_SEPARATOR, MIDDLE_DOTS


# The separators Chinese writing puts between the parts of a transliterated name: middle dot, bullet,
# katakana middle dot, hyphenation point, half-width katakana middle dot, full stop, full-width full stop.
DOTS = MIDDLE_DOTS
_DOT_SPLIT = DOTTED_SEPARATOR

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def simplified(form: str) -> str:
    """The key a form is matched and compared by: OpenCC t2s of the form, surrounding space removed."""
    from ..text.script import convert

    return convert(form.strip(), "t2s")


@lru_cache(maxsize=65536)
def alias_keys(form: str) -> tuple[str, ...]:
    """The Simplified keys of a written form: its t2s conversion, and the form itself when that is not
    just the Traditional spelling of the conversion. 昇腾 is how Simplified Chinese writes Huawei's
    Ascend, yet t2s turns it into 升腾, which no Simplified transcript writes; 奧特曼 is plain
    Traditional (s2t of 奥特曼 gives it back) and needs no key of its own. Cached: a pure function of
    the text, asked again for every form each time an episode extends the glossary."""
    key = simplified(form)
    written = form.strip()
    if written != key and not is_traditional_spelling(written):
        return (key, written)
    return (key,)


def is_traditional_spelling(form: str) -> bool:
    """True when `form` is what OpenCC writes in Traditional for its own Simplified conversion."""
    from ..text.script import convert

    key = simplified(form)
    return key != form.strip() and convert(key, "s2t") == form.strip()


def dotted_parts(form: str) -> tuple[str, ...]:
    """The parts of a dotted transliteration (鲍勃·麦格鲁 -> 鲍勃, 麦格鲁), or () for any other form.

    A form is dotted when its dots split it into two or more parts that each hold a Chinese character,
    so version numbers and Latin names with a full stop (文心一言4.0, Node.js) are not split.
    """
    parts = _DOT_SPLIT.split(form.strip())
    if len(parts) < 2 or not all(part and has_cjk(part) for part in parts):
        return ()
    return tuple(parts)


def dotless(form: str) -> str | None:
    """The dotted transliteration without its dots (杰森·魏 -> 杰森魏), or None if `form` is not dotted."""
    parts = dotted_parts(form)
    return "".join(parts) if parts else None


def comparison_key(form: str) -> str:
    """A form as the shipped glossary's duplicate check compares it: Simplified, dots removed."""
    key = simplified(form)
    return dotless(key) or key


def make_entry_id(english: str) -> str:
    """A stable slug of an English name: "Sam Altman" -> "sam-altman", "C++" -> "c-plus-plus".

    Accents are dropped and case is ignored, so spellings that differ only there are one entry; the
    symbols that make names differ (C++, C#, AT&T) are spelled out rather than dropped.
    """
    text = english.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    return slug or "entry"
