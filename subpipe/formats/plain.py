"""Plain-text transcripts: one utterance a line, with optional leading timestamps and speaker labels."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..errors import SubpipeError
from ..model import Line
from .base import Format
from ..text.script import convert
from .markup import clock_ms, source_lines, tidy

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

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese name or role without spaces (`主持人`, `嘉宾A`, `鲍勃·麦格鲁`, `嘉宾 2`), or up to three
# Latin words (`Bob`, `Speaker 1`, `Bob McGrew`), then a full-width or ASCII colon.
_LABEL = re.compile(
    rf"^(?P<label>[{_HAN}][{_HAN}A-Za-z0-9·・]{{0,19}}(?: ?[A-Za-z0-9]{{1,3}})?"
    r"|[A-Za-z][A-Za-z0-9.'’-]*(?: [A-Za-z0-9.'’-]+){0,2}) ?[:：] ?(?P<rest>.*)$"
)
_MAX_LABEL_CHARS = 20

# Roles that are labels even when they appear once (`问：` and `答：` are how Chinese writes Q/A),
# optionally numbered or lettered: `嘉宾A`, `主持人 2`, `Speaker 1`, `男嘉宾`.
_ROLES_ZH = (
    "主持人 主持 嘉宾 来宾 记者 采访者 受访者 访谈者 被访者 观众 听众 旁白 解说 问 答 提问 提问者 回答 "
    "发言人 主讲 主讲人 讲者 翻译 男 女 甲 乙 丙 丁"
).split()
_ROLES_EN = (
    "host co-host cohost guest speaker interviewer interviewee moderator narrator reporter audience "
    "q a question answer"
).split()
_ROLE = re.compile(
    rf"^(?:男|女)?(?:{'|'.join(_ROLES_ZH)})(?: ?[a-z0-9甲乙丙丁一二三四五六七八九十]{{1,3}})?$"
    rf"|^(?:{'|'.join(_ROLES_EN)})(?: ?[a-z0-9]{{1,3}})?$"
)
# `他说：`, `有人问：`, `He said:` introduce a quote, not a speaker.
_SPEECH_VERBS = "说 道 问 讲 表示 称 写 提到 指出 认为 强调 解释 介绍 回应 补充 透露".split()
_SPEECH_VERB = re.compile(rf"(?:{'|'.join(_SPEECH_VERBS)})$|\b(?:said|says|asked|asks|wrote|writes)$")
# Discourse words that end in a colon in ordinary prose.
_NOT_LABELS = frozenset(
    (
        "比如 比如说 例如 譬如 举例 举个例子 注意 注 注意事项 提示 备注 说明 总之 总结 总而言之 结论 结果 原因 "
        "问题 答案 重点 要点 首先 其次 然后 最后 另外 此外 同时 也就是说 换句话说 换言之 定义 公式 题目 目标 "
        "原文 译文 链接 网址 地址 时间 地点 日期 标题 主题 关键词 "
        "note notes e.g example tip warning update ps p.s summary step"
    ).split()
)


@dataclass(frozen=True)
class _Parsed:
    """One non-blank line split into its leading timestamp, label candidate and text."""

    number: int
    text: str
    start_ms: int | None
    end_ms: int | None
    timestamp: str | None
    label: str | None
    rest: str
    bare: bool = False  # the timestamp was not bracketed: timing only if such timestamps recur (below)


def read_plain(text: str, path: str | None) -> list[Line]:
    """One Line per non-blank line of a plain-text transcript."""
    numbered = source_lines(text, path)
    parsed = [_parse_line(number, raw, path) for number, raw in numbered]
    present = [item for item in parsed if item is not None]
    if not _bare_timestamps_are_timing(present):
        # `7:25` alone on a caption line is a time someone said, not when the line is said: text.
        raws = dict(numbered)
        present = [_parse_line(item.number, raws[item.number], path, bare=False) if item.bare else item for item in present]
    label_counts = Counter(item.label for item in present if item.label is not None)
    speakers = {label for label, count in label_counts.items() if _is_label(label, count)}
    _check_order(present, path)

    lines: list[Line] = []
    # A line holding only a timestamp or only a label (`0:05` above the text, as YouTube transcripts
    # are copied; `主持人：` above a paragraph) belongs to the next line with text.
    pending_time: tuple[int, int | None] | None = None
    pending_label: str | None = None
    for item in present:
        label = item.label if item.label in speakers else None
        body = item.rest if label else item.text
        if item.start_ms is not None:
            pending_time = (item.start_ms, item.end_ms)
        if label:
            pending_label = label
        if not body:
            continue
        start_ms, end_ms = pending_time if pending_time else (None, None)
        lines.append(Line(item.number, body, start_ms, end_ms, pending_label))
        pending_time = None
        pending_label = None
    return lines


def _parse_line(number: int, raw: str, path: str | None, bare: bool = True) -> _Parsed | None:
    """The line's parts; `bare`: whether a timestamp without brackets may be one."""
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
    label = rest = None
    label_match = _LABEL.match(text)
    if label_match and _plausible_label(label_match["label"], label_match["rest"]):
        label, rest = label_match["label"], label_match["rest"].strip()
    is_bare = is_bare and timestamp is not None
    return _Parsed(number, text, start_ms, end_ms, timestamp, label, rest if rest is not None else text, is_bare)


def _bare_timestamps_are_timing(items: list[_Parsed]) -> bool:
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


def _check_order(items: list[_Parsed], path: str | None) -> None:
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


def _plausible_label(label: str, rest: str) -> bool:
    if len(label) > _MAX_LABEL_CHARS or rest.startswith("//"):  # `https://...`
        return False
    # `上午10:30` is a time, not a speaker `上午10`.
    return not (label[-1].isdigit() and rest[:1].isdigit())


def _is_label(label: str, count: int) -> bool:
    """A label candidate is a speaker when it is a known role, or the file uses it more than once."""
    key = convert(label, "t2s").lower().rstrip(".")
    if _ROLE.match(key):
        return True
    if key in _NOT_LABELS or _SPEECH_VERB.search(key):
        return False
    return count >= 2


# Known by its extension, and the format of any text no other format claims.
FORMAT = Format("text", (".txt",), read=read_plain)
