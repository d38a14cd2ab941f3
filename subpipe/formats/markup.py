"""Text helpers the readers share: numbered source lines, whitespace tidying, joining cue lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..errors import SubpipeError

# Far longer than any spoken sentence; a longer line is a wrong file or a missing line-break, and
# refusing it early keeps every later stage (regexes, segmentation) fast.
MAX_LINE_CHARS = 10_000


def source_lines(text: str, path: str | None) -> list[tuple[int, str]]:
    """The lines of `text` with their 1-based numbers, refusing any line over MAX_LINE_CHARS."""
    # decode() already gives LF-only text; readers may also be handed text directly.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    numbered = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SubpipeError(
                f"line is {len(line):,} characters long; the limit is {MAX_LINE_CHARS:,} "
                "(is the file missing its line breaks?)",
                path,
                number,
            )
        numbered.append((number, line))
    return numbered


def clock_ms(clock: str, number: int, path: str | None) -> int:
    """Milliseconds of a `[h:]m:ss[.fff]` clock (`,` also before the fraction; `.5` is 500 ms)."""
    main, _, fraction = clock.replace(",", ".").partition(".")
    fields = [int(field) for field in main.split(":")]
    if any(field >= 60 for field in fields[1:]):
        # `00:75` may be a typo for 01:15 or for 00:07.5: say so rather than guess.
        message = f"cannot read the time {clock}: minutes and seconds must be below 60"
        raise SubpipeError(message, path, number)
    hours, minutes, seconds = fields if len(fields) == 3 else [0, *fields]
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(fraction.ljust(3, "0"))


def tidy(text: str) -> str:
    """Strip, and collapse every run of whitespace (tabs, U+3000, NBSP...) to one ASCII space."""
    return " ".join(text.split())


def is_wide(char: str) -> bool:
    """A full-width character: CJK ideographs, CJK punctuation, full-width forms, kana."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_lines(parts: Iterable[str]) -> str:
    """Join the display lines of one cue into one line of text.

    Chinese does not put spaces between words, so two lines meeting between full-width characters
    join directly; anywhere else a line break stood for a space.
    """
    joined = ""
    for part in parts:
        if not part:
            continue
        if joined and not (is_wide(joined[-1]) and is_wide(part[0])):
            joined += " "
        joined += part
    return joined


# Brackets that set text apart from what is said: stage directions and sound tags ((笑), [大笑],
# 【背景音乐】, （鈴響）). 《》 name a work and 「」 quote words: those are said.
_BRACKETS = {"（": "）", "(": ")", "[": "]", "【": "】", "［": "］", "〔": "〕", "〖": "〗"}
_BETWEEN_BRACKETS = " \u3000，,。.、"


def is_stage_direction(text: str) -> bool:
    """True for a line made only of bracketed text (`（笑）`, `[音乐] [掌声]`, `（與會者皆無意見）`): a stage
    direction or sound tag, not speech."""
    position, found = 0, False
    text = text.strip()
    while position < len(text):
        close = _BRACKETS.get(text[position])
        if close is None:
            return False
        end = _closing(text, position, close)
        if end is None or end == position + 1:
            return False
        found = True
        position = end + 1
        while position < len(text) and text[position] in _BETWEEN_BRACKETS:
            position += 1
    return found


def _closing(text: str, start: int, close: str) -> int | None:
    """Where the bracket opened at `start` closes (brackets of its kind may nest inside it)."""
    opening, depth = text[start], 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == close:
            depth -= 1
            if depth == 0:
                return index
    return None
