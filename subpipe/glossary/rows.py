"""One glossary row (from any format) checked and turned into an Entry, or a SubpipeError at its line."""

from __future__ import annotations

from ..errors import SubpipeError
from .forms import has_cjk, make_entry_id
from .model import DEFAULT_KIND, KINDS, Entry, Origin

# Longer than any real name with its titles; a longer "form" is a misplaced sentence or a broken file.
MAX_FORM_CHARS = 60

# Spellings of the kinds that glossaries from other tools use.
_KIND_SYNONYMS = {
    "organization": "org",
    "organisation": "org",
    "company": "org",
    "location": "place",
}

# Between aliases in one field; the full-width bar is what a Chinese keyboard types.
ALIAS_SEPARATORS = ("|", "｜")


def parse_kind(value: str, path: str, line: int | None) -> str:
    kind = value.strip().lower()
    kind = _KIND_SYNONYMS.get(kind, kind)
    if kind not in KINDS:
        shown = f"unknown type {value.strip()!r}" if value.strip() else "empty type"
        raise SubpipeError(f"{shown}; use one of {', '.join(KINDS)}", path, line)
    return kind


def split_forms(value: str) -> list[str]:
    """`a|b|c` -> [a, b, c], blanks dropped."""
    for separator in ALIAS_SEPARATORS[1:]:
        value = value.replace(separator, ALIAS_SEPARATORS[0])
    return [form.strip() for form in value.split(ALIAS_SEPARATORS[0]) if form.strip()]


def make_entry(
    *,
    english: str | None,
    forms: list[str],
    kind: str | None,
    note: str | None,
    path: str,
    line: int | None,
    short: list[str] | None = None,
) -> Entry:
    """An Entry from the fields of one row; `kind` None means the glossary states no kind; `short` the
    English short forms (USTC, Ilya)."""
    english = " ".join((english or "").split())
    if not english:
        raise SubpipeError("the row has no English name (column or key `english`)", path, line)
    if not forms:
        raise SubpipeError(f"{english}: the row has no Chinese form (column or key `chinese`)", path, line)
    for form in forms:
        if not has_cjk(form):
            hint = " (are the chinese and english columns swapped?)" if has_cjk(english) else ""
            raise SubpipeError(f"{english}: Chinese form {form!r} has no Chinese character{hint}", path, line)
        if len(form) > MAX_FORM_CHARS:
            raise SubpipeError(
                f"{english}: Chinese form {form[:20]!r}... is longer than {MAX_FORM_CHARS} characters", path, line
            )
    return Entry(
        id=make_entry_id(english),
        english=english,
        kind=DEFAULT_KIND if kind is None else parse_kind(kind, path, line),
        chinese=tuple(dict.fromkeys(forms)),
        note=" ".join((note or "").split()),
        origin=Origin(path, line),
        kind_given=kind is not None,
        short=_short_forms(short or [], english, path, line),
    )


def _short_forms(forms: list[str], english: str, path: str, line: int | None) -> tuple[str, ...]:
    """English short forms, spaces tidied, the English name itself left out."""
    tidied = [" ".join(form.split()) for form in forms]
    for form in tidied:
        if has_cjk(form):
            raise SubpipeError(f"{english}: short form {form!r} must be English, not Chinese", path, line)
    return tuple(dict.fromkeys(form for form in tidied if form and form != english))
