"""An English translation beside the transcript, and the terminology check no subtitle tool does.

`--english FILE` gives a line-aligned translation (one English line per transcript line) or a timed
English SRT/VTT. The bilingual file then carries the translation, and every transcript line that
names a person, organisation, product or place is checked: its English must use the English name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import SubpipeError
from ..model import Mention, TermMiss, Transcript

# Entities a translation must name the same way; terms may fairly be paraphrased.
CHECKED_KINDS = frozenset({"person", "org", "product", "place"})
# A name word this short ("Li", "Wu") matches too much by accident to stand for the name alone.
_SHORTEST_NAME_WORD = 3


def english_by_line(transcript: Transcript, english: Transcript) -> dict[int, str]:
    """The English for each transcript line: by time when both are timed, else line for line."""
    if english.is_timed and transcript.is_timed and all(l.end_ms is not None for l in transcript.lines):
        return _by_time(transcript, english)
    if len(english.lines) != len(transcript.lines):
        raise SubpipeError(
            f"the translation has {len(english.lines)} lines and the transcript {len(transcript.lines)}; give one "
            "English line per transcript line, or a timed English SRT/VTT for a timed transcript",
            english.path,
        )
    return {zh.number: en.text for zh, en in zip(transcript.lines, english.lines)}


def _by_time(transcript: Transcript, english: Transcript) -> dict[int, str]:
    """Each English cue goes to the transcript line it overlaps most."""
    parts: dict[int, list[str]] = {line.number: [] for line in transcript.lines}
    for cue in english.lines:
        if cue.start_ms is None or cue.end_ms is None:
            continue
        overlaps = [
            (min(cue.end_ms, line.end_ms) - max(cue.start_ms, line.start_ms), line.number)
            for line in transcript.lines
        ]
        best, number = max(overlaps)
        if best > 0:
            parts[number].append(cue.text)
    return {number: " ".join(texts) for number, texts in parts.items()}


def check_terminology(mentions: Sequence[Mention], translation: dict[int, str]) -> tuple[TermMiss, ...]:
    """Lines whose English does not name what their Chinese names.

    A line is checked as a whole, not cue by cue: word order differs between the languages, so a name
    may fairly sit in the English of the neighbouring cue. A partial mention (麦格鲁) is satisfied by
    any word of the English name (McGrew), a full one only by the full name.
    """
    misses = []
    for mention in mentions:
        if mention.kind not in CHECKED_KINDS or not mention.english or mention.line not in translation:
            continue
        english = translation[mention.line]
        if not _names(english, mention):
            misses.append(TermMiss(mention.line, mention.text, mention.english, english))
    return tuple(misses)


def _names(translation: str, mention: Mention) -> bool:
    text = translation.casefold()
    if _contains_words(text, mention.english.casefold()):
        return True
    if mention.via != "partial":
        return False
    return any(
        _contains_words(text, word)
        for word in mention.english.casefold().split()
        if len(word) >= _SHORTEST_NAME_WORD
    )


def _contains_words(text: str, words: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])", text) is not None


def split_english(text: str, weights: Sequence[float], width: int) -> list[str] | None:
    """Cut `text` at spaces into len(weights) pieces sized by the weights, each at most `width`
    characters; None when some piece cannot fit (the caller then asks for more cues)."""
    words = text.split()
    pieces: list[str] = []
    total = sum(weights) or 1
    target, used = 0.0, 0
    for index, weight in enumerate(weights):
        target += weight / total * len(text)
        piece: list[str] = []
        last = index == len(weights) - 1
        while used < len(words) and (last or not piece or len(" ".join(pieces + piece + [words[used]])) <= target):
            piece.append(words[used])
            used += 1
        pieces.append(" ".join(piece))
    if any(len(piece) > width for piece in pieces):
        return None
    return pieces

