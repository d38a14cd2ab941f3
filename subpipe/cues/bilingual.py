"""Bilingual cues: the Chinese line, and under it the English names of the people and things it names
(`with_english_names`) or, given a translation (`--english`), the English of the line (`with_translation`).

Layout (what players show well): one cue, two lines, Chinese above, English below. The Chinese is
shaped to one line for these files, so a cue never needs more than the two lines players expect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Cue, Mention
from ..text.spans import overlapping
from .shape import display_width
from .translation import split_english

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
    for found in by_line.values():
        found.sort(key=lambda mention: mention.start)  # for `_mentions_in`

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
    """The mentions the cue shows, in order. A line's mentions (in order, not overlapping) are found by
    bisection: a line may be one long cue of the input, shown as hundreds of cues."""
    found = []
    for number in cue.source_lines:
        mentions = by_line.get(number, ())
        found += mentions if cue.span is None else overlapping(mentions, *cue.span)
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


def with_translation(
    english: dict[int, str], cues_for: Callable[[dict[int, float]], tuple[Cue, ...]], width: int
) -> tuple[Cue, ...]:
    """Bilingual cues carrying a translation: each line's English is cut at spaces among its cues.

    A line whose English will not fit its cues at `width` characters a line gets more, narrower cues
    (`cues_for` reshapes with a cap on cue width per line), a few times at most.
    """
    caps: dict[int, float] = {}
    for _attempt in range(_MAX_RESHAPES):
        cues = cues_for(caps)
        by_line: dict[int, list[Cue]] = {}
        for cue in cues:
            by_line.setdefault(cue.source_lines[0], []).append(cue)
        pieces: dict[int, list[str]] = {}
        crowded = []
        for number, line_cues in by_line.items():
            text = english.get(number, "")
            split = split_english(text, [_cue_width(c) for c in line_cues], width)
            if split is None:
                crowded.append((number, line_cues))
            else:
                pieces[number] = split
        if not crowded:
            break
        for number, line_cues in crowded:
            needed = max(len(line_cues) + 1, -(-len(english[number]) // width))
            caps[number] = sum(_cue_width(c) for c in line_cues) / needed
    else:
        # Still crowded: the last English piece is allowed to run long rather than lose words.
        for number, line_cues in crowded:
            pieces[number] = split_english(english[number], [_cue_width(c) for c in line_cues], 10**6) or []
    result = []
    for cue in cues:
        line_cues = by_line[cue.source_lines[0]]
        piece = pieces[cue.source_lines[0]][line_cues.index(cue)]
        result.append(replace(cue, text_lines=(*cue.text_lines, piece)) if piece else cue)
    return tuple(result)


_MAX_RESHAPES = 4


def _cue_width(cue: Cue) -> float:
    return sum(display_width(line) for line in cue.text_lines)
