"""Bilingual cues: the Chinese line, and under it the English names of the people and things it names.

Layout (what players show well): one cue, two lines, Chinese above, English below. The Chinese is
shaped to one line for this file, so a cue never needs more than the two lines players expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .model import Cue, Mention

# Entities worth an English name on screen; terms (强化学习) are the translator's job, not ours.
NAMED_KINDS = frozenset({"person", "org", "product", "place"})


def with_english_names(cues: Sequence[Cue], mentions: Sequence[Mention], mode: str, width: int) -> tuple[Cue, ...]:
    """Each cue with a second line listing the English names it mentions (`mode`: first, every, none).

    Names that do not fit the English line wait for the next cue rather than overflow the line.
    """
    if mode == "none":
        return tuple(cues)
    by_line: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.english and mention.kind in NAMED_KINDS:
            by_line.setdefault(mention.line, []).append(mention)

    shown: set[str] = set()
    waiting: list[str] = []
    result = []
    for cue in cues:
        shown_text = "".join(cue.text_lines).casefold()
        for mention in _mentions_in(cue, by_line):
            if mode == "first" and mention.entity in shown:
                continue
            if mention.english.casefold() in shown_text:
                # Written out in the line itself (鲍勃·麦格鲁（Bob McGrew）): no need to say it twice.
                shown.add(mention.entity or mention.english)
                continue
            shown.add(mention.entity or mention.english)
            if mention.english not in waiting:
                waiting.append(mention.english)
        line, waiting = _fill_line(waiting, width)
        result.append(replace(cue, text_lines=(*cue.text_lines, line)) if line else cue)
    return tuple(result)


def _mentions_in(cue: Cue, by_line: dict[int, list[Mention]]) -> list[Mention]:
    found = []
    for number in cue.source_lines:
        for mention in by_line.get(number, ()):
            if cue.span is None or (mention.start < cue.span[1] and cue.span[0] < mention.end):
                found.append(mention)
    return sorted(found, key=lambda m: (m.line, m.start))


def _fill_line(names: list[str], width: int) -> tuple[str, list[str]]:
    """As many names as fit one English line, the rest for later. A name longer than the line is cut."""
    line = ""
    for index, name in enumerate(names):
        candidate = f"{line}, {name}" if line else name
        if len(candidate) > width:
            if not line:
                return name[: width - 1] + "…", names[index + 1 :]
            return line, names[index:]
        line = candidate
    return line, []
