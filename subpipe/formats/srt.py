"""SubRip (.srt): read subtitles as real tools write them, write them with the `srt` library."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import timedelta

import srt

from ..errors import SubpipeError
from ..model import Cue
from .base import Format, Reading, in_pieces
from .markup import source_lines, tidy
from .timed import CueText, transcript_lines

# HH:MM:SS,mmm; tools also write `.` before the milliseconds, fewer digits, or no hours.
_TIMESTAMP = r"(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{1,2}(?:[,.][0-9]{1,3})?"
# Anything after the end time (`X1:100 X2:200 Y1:...` position settings) is not text and is ignored.
_TIMING = re.compile(rf"^\s*(?P<start>{_TIMESTAMP})\s*-->\s*(?P<end>{_TIMESTAMP})(?:\s.*)?$")
# What a timing line was meant to be: a time and the arrow. Such a line is never cue text, so one
# that does not parse is an error rather than a line silently added to the cue before it.
# A leading minus is a (broken) negative time: still a timing line, reported as unreadable at its line.
# Also a mistyped arrow (`->`, `=>`, `→`, a dash between two full times): never text either.
TIMING_LIKE = re.compile(
    r"^\s*-?[0-9]+:[^>]*-->"
    r"|^\s*-?[0-9]+:[0-9]+[:,.0-9]*\s*(?:-+>|=+>|[—–]+>|→)"
    r"|^\s*[0-9]+:[0-9]+:[0-9]+[,.][0-9]+\s*\S{1,3}\s*[0-9]+:[0-9]+:[0-9]+[,.][0-9]+"
)
INDEX = re.compile(r"^\s*[0-9]+\s*$")

# Only the styling SRT players know; any other `<tag>` is shown literally by players, so it is text.
# A tag never holds another `<` (nor a `{...}` block a `{`): that keeps the scan linear on junk lines.
_STYLING = re.compile(r"</?\s*[ibus]\s*>|<\s*font\b[^<>]*>|</\s*font\s*>|\{\\[^{}]*\}", re.IGNORECASE)
# WebVTT voice tags, which some SRT files carry too (`<v Bob>`): the speaker's label, not text.
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+(?P<name>[^<>]*)>|</v>")


def read_srt(text: str, path: str | None) -> Reading:
    """One Line per cue with text; `number` is the source line of the cue's first text line."""
    numbered = source_lines(text, path)
    starts = [i for i, (_, raw) in enumerate(numbered) if TIMING_LIKE.match(raw)]
    # The index line above a timing line belongs to its cue, not to the text of the cue before.
    block_starts = [i - 1 if i > 0 and INDEX.match(numbered[i - 1][1]) else i for i in starts]
    first_block = block_starts[0] if block_starts else len(numbered)
    for number, raw in numbered[:first_block]:
        if raw.strip():
            message = "text before the first subtitle timing line: is this an SRT file?"
            raise SubpipeError(message, path, number)

    cues: list[CueText] = []
    for position, timing_at in enumerate(starts):
        end_at = block_starts[position + 1] if position + 1 < len(starts) else len(numbered)
        number, timing_line = numbered[timing_at]
        start_ms, end_ms = _timing(timing_line, number, path)
        cues.append(_cue_text(numbered[timing_at + 1 : end_at], start_ms, end_ms))
    return transcript_lines(cues)


def compose_srt(cues: Sequence[Cue]) -> str:
    """SRT text of `cues`, numbered by `cue.index`, ending with a single newline."""
    return "".join(srt_pieces(cues))


def srt_pieces(cues: Sequence[Cue]) -> Iterator[str]:
    """`compose_srt`'s text in pieces of `PIECE_CUES` cues each."""
    last = None  # held back: the file ends with one newline, not the blank line after each cue
    for run in in_pieces(cues):
        if last is not None:
            yield last
        last = srt.compose(
            (
                srt.Subtitle(
                    index=cue.index,
                    start=timedelta(milliseconds=cue.start_ms),
                    end=timedelta(milliseconds=cue.end_ms),
                    content=cue.text,
                )
                for cue in run
            ),
            reindex=False,
        )
    if last:
        yield last.rstrip("\n") + "\n"


def _timing(line: str, number: int, path: str | None) -> tuple[int, int]:
    match = _TIMING.match(line)
    if match is None:
        expected = "00:00:01,000 --> 00:00:04,000"
        raise SubpipeError(f"cannot read the timing line {line.strip()!r}; expected {expected}", path, number)
    start_ms = _timestamp_ms(match["start"], number, path)
    end_ms = _timestamp_ms(match["end"], number, path)
    if end_ms < start_ms:
        raise SubpipeError(f"the subtitle ends before it starts: {line.strip()}", path, number)
    return start_ms, end_ms


def _timestamp_ms(timestamp: str, number: int, path: str | None) -> int:
    clock, _, fraction = timestamp.replace(",", ".").partition(".")
    fields = clock.split(":")
    if any(int(field) >= 60 for field in fields[1:]):
        message = f"cannot read the time {timestamp}: minutes and seconds must be below 60"
        raise SubpipeError(message, path, number)
    if len(fields) == 2:
        fields.insert(0, "0")
    # `01,5` means half a second: pad the fraction to milliseconds before the `srt` library reads it.
    canonical = ":".join(fields) + "," + fraction.ljust(3, "0")
    return srt.srt_timestamp_to_timedelta(canonical) // timedelta(milliseconds=1)


def _cue_text(block: list[tuple[int, str]], start_ms: int, end_ms: int) -> CueText:
    """The cue's text lines without styling, and its first voice as the label."""
    voices = [match["name"] for _, raw in block for match in _VOICE.finditer(raw) if match["name"]]
    parts = [(number, tidy(_VOICE.sub("", _STYLING.sub("", raw)))) for number, raw in block]
    label = tidy(voices[0]) or None if voices else None
    return CueText(tuple((number, part) for number, part in parts if part), start_ms, end_ms, label)


def looks_like_srt(head: Sequence[str]) -> bool:
    """A timing line first, or after an index line."""
    timing_at = 1 if INDEX.match(head[0]) and len(head) > 1 else 0
    return bool(TIMING_LIKE.match(head[timing_at]))


FORMAT = Format("srt", (".srt",), read=read_srt, pieces=srt_pieces, sniff=looks_like_srt)
