"""WebVTT (.vtt): read cues with their voices, write cues with escaped text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

import srt

from ..errors import SubpipeError
from ..model import Cue
from .base import Format, Reading, in_pieces
from .markup import clock_ms, source_lines, tidy
from .timed import CueText, transcript_lines

HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
# The spec wants mm:ss.ttt or hh:mm:ss.ttt; players also accept `,` and fewer digits.
_TIMESTAMP = r"(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{1,2}[.,][0-9]{1,3}"
_TIMING = re.compile(rf"^\s*(?P<start>{_TIMESTAMP})\s*-->\s*(?P<end>{_TIMESTAMP})(?:\s.*)?$")
_SKIPPED_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")

_INLINE_TIMESTAMP = r"(?:[0-9]+:)?[0-9]{2}:[0-9]{2}\.[0-9]{3}"
# `[^<>]`, not `[^>]`: a tag cannot hold another `<`, and the scan for `>` stays linear on junk lines.
_TAG = re.compile(rf"</?(?P<name>[A-Za-z]+|{_INLINE_TIMESTAMP})(?:\.[^\s<>]*)?(?:[ \t][^<>]*)?>")
# WebVTT's own tags, and the ruby tags of HTML that converters from TTML or HTML also write (<rb>, <rp>).
_KNOWN_TAGS = frozenset({"c", "i", "b", "u", "v", "lang", "ruby", "rt", "rb", "rp", "rtc"})
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+(?P<name>[^<>]*)>")
# Ruby text is a reading aid (pinyin over the characters), not more words of the transcript; so are
# the parentheses <rp> puts around it for players without ruby. The base text, in <rb> or bare, stays.
_RUBY_TEXT = re.compile(r"<(?P<tag>rt|rp)(?:\.[^\s<>]*)?>.*?(?:</(?P=tag)>|(?=</ruby>)|$)", re.IGNORECASE)
# Direction marks only steer display; as characters they would end up inside words.
_DIRECTION_MARKS = re.compile(r"&(?:lrm|rlm);|&#(?:8206|8207|x200[eEfF]);")


@dataclass
class _CueInProgress:
    start_ms: int
    end_ms: int
    text_lines: list[tuple[int, str]] = field(default_factory=list)


def read_vtt(text: str, path: str | None) -> Reading:
    """One Line per cue with text, with the cue's first voice as `label`."""
    numbered = source_lines(text, path)
    cues: list[CueText] = []
    cue: _CueInProgress | None = None
    state = "before header"
    identifier_at: int | None = None

    def finish() -> None:
        if cue is not None:
            cues.append(_cue_text(cue))

    for position, (number, raw) in enumerate(numbered):
        stripped = raw.strip()
        if state == "before header":
            if not stripped:
                continue
            if not HEADER.match(stripped):
                raise SubpipeError("not a WebVTT file: the first line must be WEBVTT", path, number)
            state = "header"
            continue
        if not stripped:
            if raw and state == "cue" and cue is not None and not _ends_cue(numbered, position):
                # Only an empty line ends a cue (the spec): YouTube writes a line of one space between the
                # timing line and the text. Hand-edited files leave spaces on the line between two cues,
                # so one followed by the next cue (a timing line, or an identifier and one) still ends it.
                continue
            finish()
            cue, identifier_at, state = None, None, "between"
            continue
        if state == "header" and "-->" not in stripped:
            continue  # header metadata such as `Kind: captions`
        if state == "skip":
            continue
        if state == "cue":
            assert cue is not None
            if _TIMING.match(raw):
                # A cue that starts without the blank line before it: players accept it, so do we.
                finish()
                cue = _start_cue(raw, number, path)
            else:
                cue.text_lines.append((number, raw))
            continue
        # At the start of a block (or a timing line right after the header).
        if identifier_at is None and _SKIPPED_BLOCK.match(stripped):
            state = "skip"
        elif "-->" in stripped:
            cue, state = _start_cue(raw, number, path), "cue"
        elif identifier_at is None:
            identifier_at = number
        else:
            raise SubpipeError(
                "expected a cue timing line (00:00:01.000 --> 00:00:04.000); "
                "is there a blank line inside a cue?",
                path,
                number,
            )
    finish()
    return transcript_lines(cues)


def compose_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT text of `cues`, with `&`, `<` and `>` escaped, ending with a single newline."""
    return "".join(vtt_pieces(cues))


def vtt_pieces(cues: Sequence[Cue]) -> Iterator[str]:
    """`compose_vtt`'s text in pieces of `PIECE_CUES` cues each."""
    yield "WEBVTT"
    for run in in_pieces(cues):
        blocks = []
        for cue in run:
            # A blank line would end the cue early in every player.
            text = "\n".join(_escape(line) for line in cue.text_lines if line.strip())
            blocks.append(f"\n\n{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}\n{text}")
        yield "".join(blocks)
    yield "\n"


def _start_cue(line: str, number: int, path: str | None) -> _CueInProgress:
    match = _TIMING.match(line)
    if match is None:
        expected = "00:00:01.000 --> 00:00:04.000"
        raise SubpipeError(f"cannot read the cue timing {line.strip()!r}; expected {expected}", path, number)
    start_ms = clock_ms(match["start"], number, path)
    end_ms = clock_ms(match["end"], number, path)
    if end_ms < start_ms:
        raise SubpipeError(f"the cue ends before it starts: {line.strip()}", path, number)
    return _CueInProgress(start_ms, end_ms)


def _ends_cue(numbered: list[tuple[int, str]], position: int) -> bool:
    """Whether the line of spaces at `position` stands between two cues: the next cue starts after it."""
    after = [raw for _, raw in numbered[position + 1 : position + 3]]
    if not after or not after[0].strip():
        return True
    return "-->" in after[0] or (len(after) > 1 and "-->" in after[1])


def _cue_text(cue: _CueInProgress) -> CueText:
    """The cue's text lines without tags and ruby readings, and its first voice as the label."""
    label = None
    parts = []
    for number, raw in cue.text_lines:
        voice = _VOICE.search(raw)
        if label is None and voice is not None:
            label = tidy(_unescape(voice["name"])) or None
        part = tidy(_unescape(_TAG.sub(_drop_known_tag, _RUBY_TEXT.sub("", raw))))
        if part:
            parts.append((number, part))
    return CueText(tuple(parts), cue.start_ms, cue.end_ms, label)


def _drop_known_tag(match: re.Match[str]) -> str:
    name = match["name"]
    # Unknown tags stay as written, as the SRT reader keeps them: no words go missing unseen.
    return "" if name.lower() in _KNOWN_TAGS or name[0].isdigit() else match.group(0)


def _unescape(text: str) -> str:
    return html.unescape(_DIRECTION_MARKS.sub("", text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _timestamp(ms: int) -> str:
    # The `srt` library formats the clock; WebVTT differs only in its decimal point.
    return srt.timedelta_to_srt_timestamp(timedelta(milliseconds=ms)).replace(",", ".")


def looks_like_vtt(head: Sequence[str]) -> bool:
    return bool(HEADER.match(head[0].strip()))


FORMAT = Format("vtt", (".vtt",), read=read_vtt, pieces=vtt_pieces, sniff=looks_like_vtt)
