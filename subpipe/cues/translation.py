"""An English translation beside the transcript (`--english`): which English goes with which line.

A translation is one English line per transcript line (blank lines do not count), or a timed English
SRT/VTT. Lines of text go with the transcript's lines in order; a translation with fewer lines covers
the first ones. Timed English is placed by time and text: each English cue goes to the transcript
line it overlaps most, and where two lines share a cue nearly evenly, to the one whose text shares
its numbers and Latin words. Lines without English stay Chinese only, and one warning says how many.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import SubpipeError
from ..model import EpisodeWarning, Line, Transcript

# Numbers and Latin words written the same in both languages: GPT-4, 2019, OpenAI.
_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+]*[A-Za-z0-9+]|[0-9]")
# A cue that overlaps two lines nearly evenly goes by text: this much of its time per shared anchor.
_ANCHOR_WEIGHT = 0.25
# English that overlaps no line goes to the nearest one if it is at most this far away.
_NEAREST_MS = 2000


def english_by_line(transcript: Transcript, english: Transcript) -> tuple[dict[int, str], list[EpisodeWarning]]:
    """The English of each translated transcript line (lines without English are left out), and a
    warning when some lines have none."""
    if english.is_timed and transcript.is_timed and all(line.end_ms is not None for line in transcript.lines):
        by_line = _by_time(transcript.lines, english.lines)
    else:
        if len(english.lines) > len(transcript.lines):
            raise SubpipeError(
                f"the translation has {len(english.lines)} lines and the transcript {len(transcript.lines)}; give "
                "one English line per transcript line (a shorter translation covers the first lines), or a timed "
                "English SRT/VTT for a timed transcript",
                english.path,
            )
        by_line = {zh.number: en.text for zh, en in zip(transcript.lines, english.lines)}
    by_line = {number: text.strip() for number, text in by_line.items() if text.strip()}
    return by_line, _untranslated_warning(transcript.lines, by_line)


def _by_time(lines: Sequence[Line], cues: Sequence[Line]) -> dict[int, str]:
    parts: dict[int, list[tuple[int, str]]] = {}
    for cue in cues:
        if cue.start_ms is None:
            continue
        end = cue.end_ms if cue.end_ms is not None else cue.start_ms
        number = _best_line(lines, cue, cue.start_ms, end)
        if number is not None:
            parts.setdefault(number, []).append((cue.start_ms, cue.text))
    return {number: " ".join(text for _, text in sorted(texts)) for number, texts in parts.items()}


def _best_line(lines: Sequence[Line], cue: Line, start: int, end: int) -> int | None:
    duration = max(1, end - start)
    anchors = _anchors(cue.text)
    best: tuple[float, int] | None = None
    for line in lines:
        overlap = min(end, line.end_ms) - max(start, line.start_ms)
        if overlap <= 0:
            continue
        shared = len(anchors & _anchors(line.text))
        score = overlap / duration + _ANCHOR_WEIGHT * shared
        if best is None or score > best[0]:
            best = (score, line.number)
    if best is not None:
        return best[1]
    # Between lines: the nearest one, so that no English is lost to a small timing difference.
    distance, number = min(
        (min(abs(start - line.end_ms), abs(line.start_ms - end)), line.number) for line in lines
    )
    return number if distance <= _NEAREST_MS else None


def _anchors(text: str) -> set[str]:
    return {match.group().casefold() for match in _ANCHOR.finditer(text)}


def _untranslated_warning(lines: Sequence[Line], english: dict[int, str]) -> list[EpisodeWarning]:
    missing = [line.number for line in lines if line.number not in english]
    if not missing:
        return []
    shown = _ranges(missing)
    return [
        EpisodeWarning(
            f"{len(missing)} of {len(lines)} lines have no English translation and show in Chinese only "
            f"(lines {shown})",
            missing[0],
        )
    ]


def _ranges(numbers: Sequence[int], most: int = 8) -> str:
    """1, 2, 3, 7, 9, 10 -> '1-3, 7, 9-10'; at most `most` ranges, then an ellipsis."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    text = [f"{a}" if a == b else f"{a}-{b}" for a, b in ranges[:most]]
    return ", ".join(text) + (", …" if len(ranges) > most else "")
