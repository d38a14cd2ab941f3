"""`<stem>.qa.txt`: the terminology check of a translation (`--english`), one line per finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import TermMiss

# What each kind of finding says, and the order they are counted in the header.
_PROBLEMS = {
    "wrong name": "names someone or something else",
    "misspelt": "misspells the name",
    "pinyin": "leaves the name in pinyin",
    "first mention": "gives only the surname where the name first appears",
    "missing": "does not give the name",
}


def compose_qa(misses: Sequence[TermMiss], translated: bool) -> str | None:
    """`<stem>.qa.txt`: a header counting the findings by kind, then one line per finding saying what
    the English writes and which forms would do; None when there was no translation to check."""
    if not translated:
        return None
    if not misses:
        return "terminology check: every named person, organisation, product and place is in the English\n"
    kinds = Counter(miss.problem for miss in misses)
    lines_count = len({miss.line for miss in misses})
    counted = ", ".join(f"{kinds[kind]} {kind}" for kind in (*_PROBLEMS, *sorted(set(kinds) - set(_PROBLEMS))) if kinds[kind])
    header = (
        f"terminology check: {len(misses)} {'finding' if len(misses) == 1 else 'findings'} on "
        f"{lines_count} {'line' if lines_count == 1 else 'lines'} ({counted})\n"
    )
    return header + "".join(_finding(miss) for miss in misses)


def _finding(miss: TermMiss) -> str:
    said = _PROBLEMS.get(miss.problem, miss.problem)
    found = f" ({miss.found!r})" if miss.found else ""
    expected = " or ".join(repr(form) for form in (miss.expected or (miss.english,)))
    return f"line {miss.line}: {miss.text}: the English {said}{found}; expected {expected}. English: {miss.translation}\n"
