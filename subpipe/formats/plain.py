"""Plain-text transcripts: one utterance a line, with optional leading timestamps and speaker labels."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import SubpipeError
from ..model import EpisodeWarning, Line
from .base import Format, Reading
from .labels import MAX_LABEL_CHARS, Candidate, decide, find_candidate, find_legend, is_role, key, short_name
from .markup import clock_ms, is_stage_direction, source_lines, tidy

# h:mm:ss or m:ss with optional milliseconds; bounded digit counts keep int() away from huge numbers.
_CLOCK = r"[0-9]{1,4}:[0-9]{2}(?::[0-9]{2})?(?:[.,][0-9]{1,3})?"
_RANGE = r"\s*(?:-->|->|-|–|—|~|to)\s*"
_SEPARATOR = r"[-–—|]"

# `[00:01:23]`, `(01:23)`, `【00:01:23.450】`, Whisper's `[00:00.000 --> 00:05.000]`: always a timestamp.
_BRACKETED = re.compile(
    rf"^[\[(【（]\s*(?P<start>{_CLOCK})(?:{_RANGE}(?P<end>{_CLOCK}))?\s*[\])】）]"
    rf"\s*(?:{_SEPARATOR}\s*)?"
)
# `00:01:23.450 text`, `1:02:03 - text`, `01:23 text`: a timestamp only when something separates it.
_BARE = re.compile(
    rf"^(?P<start>{_CLOCK})(?:\s*(?:-->|->)\s*(?P<end>{_CLOCK}))?"
    rf"(?P<after>\s+(?:{_SEPARATOR}\s*)?|\s*{_SEPARATOR}\s*|$)"
)

# `说话人 1 00:15`, `发言人2 01:02:03`, `Speaker 1  0:03`: a speaker and when they start, alone on a line,
# the speech in the lines after it (meeting and transcription apps export this: 飞书妙记, 通义听悟, Otter).
_LABEL_THEN_TIME = re.compile(rf"^(?P<label>[^\s:：，。,.!?！？][^:：，。,.!?！？]*?)[\s:：]+(?P<start>{_CLOCK})$")


# `张三 (00:00:12)：text`, `Speaker 1 (01:23):` then text: a speaker, the bracketed time they start, a colon
# (Rev and Descript export this shape). Like a bare timestamp, the time is timing only where such recur.
_LABEL_TIME_COLON = re.compile(
    rf"^(?P<label>[^\s:：(（\[【][^:：(（\[【]*?)\s*[\[(【（]\s*(?P<start>{_CLOCK})\s*[\])】）]\s*[:：]\s*(?P<rest>.*)$"
)


@dataclass(frozen=True, slots=True)
class ParsedLine:
    """One non-blank line split into its leading timestamp, label candidate and text (after the timestamp)."""

    number: int
    text: str
    start_ms: int | None
    end_ms: int | None
    timestamp: str | None
    candidate: Candidate | None
    bare: bool = False  # the timestamp was not bracketed: timing only if such timestamps recur (below)
    # A speaker and their start time (`说话人 1 00:15`, `张三 (00:12)：…`): when the speaker is judged no
    # label, `text` is the line as written, time included, and the time does not time it.
    header: bool = False


def read_plain(text: str, path: str | None) -> Reading:
    """One Line per non-blank line of a plain-text transcript."""
    numbered = source_lines(text, path)
    parsed = [parse_line(number, raw, path, headers=True) for number, raw in numbered]
    # Each line as written, found by its number (line n at n - 1): a list, where the numbered pairs or a
    # dict of them would hold two or three times what the lines' text does while the file is read.
    raws = [raw for _, raw in numbered]
    del numbered
    present = _speaker_headers([item for item in parsed if item is not None])
    if not _bare_timestamps_are_timing([item for item in present if not item.header]):
        # `7:25` alone on a caption line is a time someone said, not when the line is said: text.
        present = [
            parse_line(item.number, raws[item.number - 1], path, bare=False) if item.bare and not item.header else item
            for item in present
        ]
    legend = find_legend((item.number, item.text) for item in present)
    defined = {definition.line for definition in legend}
    present = [item for item in present if item.number not in defined]
    labels = decide([item.candidate for item in present if item.candidate is not None], legend)
    present, preamble = _without_preamble(present, labels, raws)
    # A speaker-and-time line judged no label is text, and its time times nothing.
    _check_order([item for item in present if not item.header or item.number in labels], path)
    lines = labelled_lines(present, labels)
    warnings = ()
    if preamble:
        where = f"line {preamble[0].number}" if len(preamble) == 1 else f"lines {preamble[0].number}-{preamble[-1].number}"
        message = (
            f"{where} before the first speaker's timestamp: read as the export's heading (kept in episode.json "
            "as source.preamble), not as speech"
        )
        warnings = (EpisodeWarning(message, preamble[0].number),)
    return Reading(lines, legend=legend, preamble=preamble, warnings=warnings)


def _speaker_headers(present: list[ParsedLine]) -> list[ParsedLine]:
    """The speaker-and-time lines that are an export's speakers, the others made text again.

    An export heads every turn or paragraph with one, so they recur: they count only where one of their
    names is a role (说话人 1, Speaker 2) or comes back. Then those with a role's name or one that comes
    back do, and, where no name is a role, short names too (张三 once among 李四's turns); a name alone
    with its time needs speech under it. So lines that merely end on a time (a schedule read out:
    开幕式 09:00, 下班回家 18:30; section titles: 开场 00:00; a meeting's title over an export) stay text."""

    def alone(item: ParsedLine) -> bool:
        return item.header and item.candidate is not None and not item.candidate.rest

    def as_text(item: ParsedLine) -> ParsedLine:
        return ParsedLine(item.number, item.text, None, None, None, find_candidate(item.text, item.number))

    names = Counter(key(item.candidate.label or "") for item in present if item.header and item.candidate)
    if not any(is_role(name) or count >= 2 for name, count in names.items()):
        return [as_text(item) if item.header else item for item in present]
    roles = any(is_role(name) for name in names)

    def speaker(item: ParsedLine, following: ParsedLine | None) -> bool:
        name = key(item.candidate.label or "") if item.candidate else ""
        looks = is_role(name) or names[name] >= 2 or (not roles and short_name(name))
        return looks and not (alone(item) and (following is None or following.header))

    return [
        item if not item.header or speaker(item, following) else as_text(item)
        for item, following in zip(present, [*present[1:], None])
    ]


def _without_preamble(
    present: list[ParsedLine], labels: dict[int, str], raws: Sequence[str]
) -> tuple[list[ParsedLine], tuple[Line, ...]]:
    """Where an export's speakers are set apart by their start times, the lines before the first of them
    are the export's heading (title, date, keywords, an automatic summary), not speech: (the rest, those
    lines as written). Not where someone speaks first (`主持人：…`, a role's label): then the file is a
    dialogue throughout. The heading's own `关键词：` and `文字记录：` over what follows them are no one's."""
    first = next((item.number for item in present if item.header and item.number in labels), None)
    before = [item for item in present if first is not None and item.number < first]

    def speaks(item: ParsedLine) -> bool:
        return item.number in labels and item.candidate is not None and (
            bool(item.candidate.rest) or is_role(key(labels[item.number]))
        )

    if not before or any(speaks(item) for item in before):
        return present, ()
    preamble = tuple(Line(item.number, tidy(raws[item.number - 1]), speech=False) for item in before)
    return [item for item in present if item.number >= first], preamble


def labelled_lines(present: Iterable[ParsedLine], labels: dict[int, str]) -> list[Line]:
    """The Lines of parsed text lines, each label (line number -> label, from `labels.decide`) given to
    the line it opens or, when it stands alone, to the next line with text."""
    lines: list[Line] = []
    # A line holding only a timestamp or only a label (`0:05` above the text, as YouTube transcripts
    # are copied; `主持人：` above a paragraph) belongs to the next line with text.
    pending_time: tuple[int, int | None] | None = None
    pending_label: str | None = None
    for item in present:
        label = labels.get(item.number)
        body = item.candidate.rest if label is not None and item.candidate is not None else item.text
        if item.start_ms is not None and (label is not None or not item.header):
            pending_time = (item.start_ms, item.end_ms)
        if label:
            pending_label = label
        if not body:
            continue
        start_ms, end_ms = pending_time if pending_time else (None, None)
        lines.append(Line(item.number, body, start_ms, end_ms, pending_label, speech=not is_stage_direction(body)))
        pending_time = None
        pending_label = None
    return lines


def parse_line(
    number: int, raw: str, path: str | None, *, strong: bool = False, bare: bool = True, headers: bool = False
) -> ParsedLine | None:
    """A non-blank line split into its leading timestamp and label candidate (`strong`: the markup sets a
    label apart, as a Markdown heading or bold does; `bare`: whether a timestamp without brackets may be
    one; `headers`: whether a speaker with the time they start may be, as plain-text exports write them)."""
    text = tidy(raw)
    if not text:
        return None
    start_ms = end_ms = None
    timestamp = None
    match = _BRACKETED.match(text)
    is_bare = match is None
    if match:
        start_ms, end_ms = _times(match, number, path)
    else:
        match = _BARE.match(text) if bare else None
        if match and _bare_is_timestamp(match):
            try:
                start_ms, end_ms = _times(match, number, path)
            except SubpipeError:
                if match["end"]:
                    raise  # a range is a timestamp for sure: a broken one is an error
                match = None  # not a clock time (`12:75 ...`): ordinary text
        else:
            match = None
    if match:
        timestamp = match.group(0).rstrip("-–—| ")
        text = text[match.end() :].strip()
    elif headers:
        # Judged over the whole file (`_speaker_headers`): only an export's speakers recur.
        header = _speaker_with_time(number, text)
        if header is not None:
            return header
    is_bare = is_bare and timestamp is not None
    return ParsedLine(number, text, start_ms, end_ms, timestamp, find_candidate(text, number, strong=strong), is_bare)


def _speaker_with_time(number: int, text: str) -> ParsedLine | None:
    """A speaker and the time they start: `张三 (00:00:12)：text` (its text after the colon, none when the
    line stands alone) or `说话人 1 00:15` alone on its line, where the time sets the name apart as a
    heading's markup does (strong; which of them are speakers is `_speaker_headers`'s to say)."""
    for pattern, sets_apart in ((_LABEL_TIME_COLON, False), (_LABEL_THEN_TIME, True)):
        match = pattern.match(text)
        if match is None or len(match["label"]) > MAX_LABEL_CHARS:
            continue
        try:
            start_ms = clock_ms(match["start"], number, None)
        except SubpipeError:
            return None  # not a clock time (`12:75`): ordinary text
        rest = (match.groupdict().get("rest") or "").strip()
        candidate = Candidate(number, match["label"].strip(), rest, strong=sets_apart)
        return ParsedLine(number, text, start_ms, None, match["start"], candidate, True, True)
    return None


def _bare_timestamps_are_timing(items: list[ParsedLine]) -> bool:
    """Timestamps without brackets are the transcript's timing only when they recur and go forward
    through it: at least three (or fewer on at least half the lines of a short text), mostly increasing.
    A time said in the episode (`7:25` on a caption line of its own, `10:30 开会`) is rare and in no
    order. (Mostly: one timestamp going back among many is a typo, reported by `_check_order`.)"""
    times = [item.start_ms for item in items if item.bare]
    if not times:
        return True
    if len(times) < 3 and len(times) * 2 < len(items):
        return False
    steps = list(zip(times, times[1:]))
    forward = sum(1 for before, after in steps if after >= before)
    return forward * 4 >= len(steps) * 3


def _bare_is_timestamp(match: re.Match[str]) -> bool:
    # A bare `12:30` needs whitespace after it (or nothing at all): `12:30-15:00开会` stays text.
    after = match["after"]
    return match["start"].count(":") == 2 or match["end"] is not None or not after or after[0].isspace()


def _times(match: re.Match[str], number: int, path: str | None) -> tuple[int, int | None]:
    start_ms = clock_ms(match["start"], number, path)
    end_ms = clock_ms(match["end"], number, path) if match["end"] else None
    if end_ms is not None and end_ms < start_ms:
        raise SubpipeError(f"timestamp range {match.group(0).strip()} ends before it starts", path, number)
    return start_ms, end_ms


def _check_order(items: list[ParsedLine], path: str | None) -> None:
    previous: tuple[int, str | None, int] | None = None
    for item in items:
        if item.start_ms is None:
            continue
        if previous is not None and item.start_ms < previous[0]:
            raise SubpipeError(
                f"timestamp {item.timestamp} goes back before {previous[1]} on line {previous[2]}; "
                "timestamps must not decrease",
                path,
                item.number,
            )
        previous = (item.start_ms, item.timestamp, item.number)


# Known by its extension, and the format of any text no other format claims.
FORMAT = Format("text", (".txt",), read=read_plain)
