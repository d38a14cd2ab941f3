"""Bilingual cues with English names: the Chinese line, and under it the English names of the people and
things it names (`with_english_names`). With a translation (`--english`) the English of the line goes
there instead (`cues.translated`).

Layout (what players show well): one cue, Chinese above, English below. The Chinese is shaped to one
line for these files; the English takes one line, or two when it needs them (a name wider than a line
that has no short form), each at most `english_line_width` characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from ..model import Cue, Mention
from ..text.spans import overlapping
from .english import wrap_english
from .table import pack_as_made


# Entities worth an English name on screen; terms (强化学习) are the translator's job, not ours.
NAMED_KINDS = frozenset({"person", "org", "product", "place"})

# A name with its English short form (USTC), if the glossary gives one.
NameOnScreen = tuple[str, str | None]


def with_english_names(
    cues: Sequence[Cue],
    mentions: Sequence[Mention],
    mode: str,
    width: int,
    short_of: Callable[[str], str | None] = lambda entity: None,
    written: Mapping[int, str] | None = None,
) -> Sequence[Cue]:
    """Each cue with the English names it mentions under it (`mode`: first, every, none).

    Names that do not fit the English line wait for the next cue rather than overflow it. A name wider
    than a line is shown by its short form (`short_of(entity)`: USTC), or else on two lines; it is never
    cut off. A name whose English the line writes itself (`written`: line number -> text, as in
    鲍勃·麦格鲁（Bob McGrew）) is not shown again.
    """
    if mode == "none":
        return cues
    by_line: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.english and mention.kind in NAMED_KINDS:
            by_line.setdefault(mention.line, []).append(mention)
    for found in by_line.values():
        found.sort(key=lambda mention: mention.start)  # for `_mentions_in`

    def named() -> Iterator[Cue]:
        shown: set[str] = set()
        waiting: list[NameOnScreen] = []
        for cue in cues:
            for mention in _mentions_in(cue, by_line):
                entity = mention.entity or mention.english
                if mode == "first" and entity in shown:
                    continue
                shown.add(entity)
                if _writes(cue, written, mention.english):
                    # Written out in the line itself (鲍勃·麦格鲁（Bob McGrew）): no need to say it twice.
                    continue
                name = (mention.english, short_of(mention.entity) if mention.entity else None)
                if name not in waiting:
                    waiting.append(name)
            lines, waiting = _fill_lines(waiting, width)
            yield replace(cue, text_lines=(*cue.text_lines, *lines)) if lines else cue

    # A long episode's cues are packed as they are made (`cues/table.py`).
    return pack_as_made(named(), len(cues))


def _writes(cue: Cue, written: Mapping[int, str] | None, english: str) -> bool:
    texts = [written[n] for n in cue.source_lines if written and n in written] or ["".join(cue.text_lines)]
    return any(english.casefold() in text.casefold() for text in texts)


def _mentions_in(cue: Cue, by_line: dict[int, list[Mention]]) -> list[Mention]:
    """The mentions the cue shows, in order. A line's mentions (in order, not overlapping) are found by
    bisection: a line may be one long cue of the input, shown as hundreds of cues."""
    found = []
    for number in cue.source_lines:
        mentions = by_line.get(number, ())
        found += mentions if cue.span is None else overlapping(mentions, *cue.span)
    return sorted(found, key=lambda m: (m.line, m.start))


def _fill_lines(names: list[NameOnScreen], width: int) -> tuple[list[str], list[NameOnScreen]]:
    """As many names as fit one English line, the rest for later. A name wider than the line alone is
    shown by its short form, else on two lines (cut between its words)."""
    line = ""
    for index, (name, short) in enumerate(names):
        candidate = f"{line}, {name}" if line else name
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            return [line], names[index:]
        if short and len(short) <= width:
            return [short], names[index + 1 :]
        return (wrap_english(name, width, 2) or _forced_lines(name, width)), names[index + 1 :]
    return ([line] if line else []), []


def _forced_lines(name: str, width: int) -> list[str]:
    """A name wider than two lines (none in the shipped glossary is): every word kept, lines as full as
    the words allow."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
