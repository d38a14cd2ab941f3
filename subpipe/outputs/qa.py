"""`<stem>.qa.txt`: the terminology check of a translation (`--english`), one line per miss."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import TermMiss


def compose_qa(misses: Sequence[TermMiss], translated: bool) -> str | None:
    """`<stem>.qa.txt`: one line per miss, or None when there was no translation to check."""
    if not translated:
        return None
    if not misses:
        return "terminology check: every named person, organisation, product and place is in the English\n"
    lines = [f"terminology check: {len(misses)} lines do not use the English name\n"]
    for miss in misses:
        lines.append(f"line {miss.line}: {miss.text} should be {miss.english!r} in: {miss.translation}\n")
    return "".join(lines)
