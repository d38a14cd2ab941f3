"""What the transcript itself says about where a chapter starts, line by line.

Each line gets a *pull*, in the same units as the lexical score of `boundaries` (nats: the log-odds that a
chapter starts there), from what a reader would notice:

- discourse markers that open a topic (接下来, 首先, 其次是, 好了, 说回…的话题, 一、…), that end a
  video's introduction (话不多说, 一起来看看吧), that open its conclusion (以上就是, 综上所述), and a
  question, which often opens the topic its answer fills;
- in a labelled dialogue, a speaker's turn, and above all a new question from the one who asks (問,
  主持人, 記者, or whoever asks most of the time): interviews move from question to question;
- a heading the transcript writes itself (`Transcript.sections`, from the Markdown reader);
- a person named for the first time: interviews and reports move from one person to the next.

And it says where a chapter *may* start: at the start of a sentence. The sentence model gives those lines
when it is wired in (`sentence_starts`); without it, a line starts a sentence when the line before it ends
one (。！？), ends with no punctuation at all (caption-style lines, one phrase each, end where a caption
did), or when a speaker's turn starts there.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..model import AnalyzedLine, Mention, Section

# Marker words a sentence begins with; some count only standing alone (followed by a pause or nothing),
# because the same words also start ordinary sentences: 最后得到的结果 is not "finally".
_PAUSE = r"\s*(?:[，,、：:。.！!…]|$)"
_NUMERAL = "一二三四五六七八九十"


@dataclass(frozen=True)
class Marker:
    """A way a line shows that a topic starts or ends at it.

    `opens`: the line starts a new part (the chapter starts at it, or up to `reach` lines before it);
    else it closes one (the chapter starts after it). A question or an introduction is often the end of
    the sentence that opens a topic, and lines are phrases, so the topic may have begun a line or two
    before it; the pull fades with the distance.
    """

    name: str
    pattern: re.Pattern[str]
    strength: float
    opens: bool
    reach: int = 0


MARKERS: tuple[Marker, ...] = (
    # 接下来 / 下面我们 / 说回…的话题 / 回到…这个问题 / 聊完了…: the speaker announces the next topic.
    Marker(
        "next topic",
        re.compile(
            r"^(?:接下来|下面(?:我们|再)|我们(?:再)?来看|再来看|言归正传|话说回来|说回|回到.{0,12}(?:话题|问题|正题|现实)"
            r"|(?:聊|说|讲|谈|介绍)完了?)"
        ),
        12.0,
        opens=True,
    ),
    # 首先， 其次是… 最后， 第二， 另外， 先说…: the parts of an enumeration.
    Marker(
        "enumeration",
        re.compile(
            rf"^(?:(?:首先|其次|再次|然后|最后|另外|此外|除此之外|第[{_NUMERAL}]+(?:点|个|部分)?){_PAUSE}"
            r"|(?:首先|其次|再次|最后)(?:是|就是|来看|来说)|先说|再说|再来说)"
        ),
        10.0,
        opens=True,
    ),
    # 一、… / 二、… / 【互动问答】: a numbered or bracketed heading written as a line of its own.
    Marker("heading", re.compile(rf"^(?:[{_NUMERAL}]+、|【[^】]{{1,20}}】\s*$)"), 12.0, opens=True),
    # 好了， / 那么， / OK， standing alone: the speaker wraps up and turns to something else.
    Marker("turn", re.compile(rf"^(?:好了|好啦|好的|那么|ok|okay){_PAUSE}", re.IGNORECASE), 10.0, opens=True),
    # 不过， / 当然， / 同时， standing alone: a turn within the talk, often to the next point.
    Marker("contrast", re.compile(rf"^(?:不过|当然|同时|事实上|与此同时){_PAUSE}"), 5.0, opens=True),
    # 以上就是… / 综上所述… / 总的来说…: the conclusion starts here (好了， just before often opens it).
    Marker(
        "conclusion",
        re.compile(r"^(?:以上就是|以上是|以上便是|这就是.{0,8}(?:全部|内容)|总的来说|总体来说|总而言之|总之|综上)"),
        10.0,
        opens=True,
        reach=1,
    ),
    # 今天就带大家一起来看看吧 / 话不多说: the introduction of a video or show ends here.
    Marker(
        "lets begin",
        re.compile(r"(?:一起|带大家|我们就?)来(?:看一?看|聊一?聊)|(?:废)?话不多说|我们(?:这就|现在)?开始吧|进入正题"),
        10.0,
        opens=False,
    ),
    # A question often opens the topic that its answer fills (那推理模型有什么不同呢？).
    Marker("question", re.compile(r"[？?][”」』\"']?\s*$"), 1.5, opens=True, reach=3),
)

# A speaker's turn is a place where a chapter may start; a new question from the one who asks is the way
# an interview moves on.
TURN_STRENGTH = 1.0
QUESTION_TURN_STRENGTH = 3.0
# Inside a speaker's turn (after the first label), a line needs more to start a chapter.
INSIDE_TURN_COST = 6.0
# A heading the transcript writes is the surest evidence there is.
HEADING_STRENGTH = 20.0
# A person named for the first time pulls a boundary to its line or up to three lines before it.
NEW_PERSON_STRENGTH = 3.0
NEW_PERSON_REACH = 3

# Labels of people whose turns are questions: the interviewer, the host, the press (Simplified, lower-case;
# Q1, 问2 and the like are numbered forms of the same).
_ASKING_ROLES = frozenset(
    "问 提问 提问者 主持人 主持 记者 采访者 访问者 访谈者 编辑 q question host interviewer moderator reporter".split()
)
# Someone who asks in at least this share of their turns is the one who asks, whatever their label.
_ASKER_SHARE = 0.5
_ASKER_MIN_TURNS = 3

# A line holding only a label (`### 問：`, `**主持人：**`): how a Markdown transcript read as plain text
# shows a turn, until the Markdown reader gives these labels to the lines after them.
_BARE_LABEL = re.compile(r"^[#>*\s]*(?P<label>[^\s#*：:]{1,20}?)\s*[:：]\s*\**\s*$")
_ENDS_CLAUSE = re.compile(r"[，,、；;：:]\s*$")
_QUESTION = re.compile(r"[？?]")


@dataclass(frozen=True)
class Evidence:
    """What the lines say, by line index: may a chapter start there, and how strongly they ask for one."""

    starts: tuple[bool, ...]  # a sentence starts at the line: a chapter may start there
    pull: Sequence[float]  # log-odds (nats) added when a chapter starts at the line
    headings: dict[int, str]  # line index -> the title of the section the transcript starts there
    spoken: tuple[bool, ...]  # the line is spoken text (not a bare label line or a stage direction)


def gather_evidence(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention] = (),
    sections: Sequence[Section] = (),
    sentence_starts: Collection[int | tuple[int, int]] | None = None,
) -> Evidence:
    """Everything the lines say about where chapters start (`sentence_starts`: source lines where a
    sentence starts, from the sentence model; None to find them here)."""
    count = len(analyzed)
    turns = speaker_turns(analyzed)
    # 8 bytes a line, where a list held a float object for nearly every line of a long episode.
    pull = array("d", bytes(8 * count))
    markers = marker_pull(analyzed, turns.starts)
    for index, value in enumerate(markers):
        pull[index] += value
    if turns.starts:
        # In a dialogue, chapters start with a turn: inside one, only strong evidence starts a chapter.
        first_turn = min(turns.starts)
        for index in range(first_turn, count):
            if index in turns.starts:
                pull[index] += QUESTION_TURN_STRENGTH if index in turns.questions else TURN_STRENGTH
            else:
                pull[index] -= INSIDE_TURN_COST
    for index, value in new_person_pull(analyzed, mentions).items():
        pull[index] += value
    headings = heading_lines(analyzed, sections)
    for index in headings:
        pull[index] += HEADING_STRENGTH
    starts = sentence_start_lines(analyzed, turns.starts, sentence_starts)
    for index in headings:
        starts[index] = True
    for index, value in enumerate(markers):
        # A topic marker (接下来, 首先, 好了) opens a statement, whatever the sentence model read around it.
        if value > 0:
            starts[index] = True
    spoken = tuple(item.line.speech and index not in turns.bare_labels for index, item in enumerate(analyzed))
    return Evidence(tuple(starts), pull, headings, spoken)


# ---------------------------------------------------------------------------------------------------
# Sentence starts


def sentence_start_lines(
    analyzed: Sequence[AnalyzedLine], turn_starts: Collection[int], given: Collection[int | tuple[int, int]] | None
) -> list[bool]:
    """Which lines start a sentence: the ones `given`, else the cheap evidence. `given` holds source line
    numbers, or (line, offset) places: a sentence that starts inside a line cannot start a chapter,
    whose time is its line's."""
    if given is not None:
        lines = {place if isinstance(place, int) else place[0] for place in given if isinstance(place, int) or not place[1]}
        return [index == 0 or index in turn_starts or item.line.number in lines for index, item in enumerate(analyzed)]
    starts = [True] * len(analyzed)
    for index in range(1, len(analyzed)):
        # A line that ends on a comma or a colon goes on in the next; any other end (。！？, or none at
        # all in caption-style lines, which end where a caption did) may be a sentence's.
        starts[index] = index in turn_starts or not _ENDS_CLAUSE.search(analyzed[index - 1].analysis)
    return starts


# ---------------------------------------------------------------------------------------------------
# Markers


def marker_pull(analyzed: Sequence[AnalyzedLine], turn_starts: Collection[int] = ()) -> list[float]:
    """pull[i]: how much the markers ask for a chapter to start at line index i. The strongest marker at
    a line counts, not their sum: three teaser questions in a row are one cue. A marker's reach stops at
    the start of its speaker's turn: what one says does not move a boundary into another's words."""
    pull = [0.0] * len(analyzed)
    for index, item in enumerate(analyzed):
        text = item.analysis.strip()
        for marker in MARKERS:
            if not marker.pattern.search(text):
                continue
            if marker.opens:
                reach = marker.reach
                for back in range(1, reach + 1):
                    if index - back + 1 in turn_starts:
                        reach = back - 1
                        break
                _spread(pull, at=index, step=-1, strength=marker.strength, reach=reach, fade_over=marker.reach)
            elif index + 1 not in turn_starts:
                _spread(pull, at=index + 1, step=1, strength=marker.strength, reach=marker.reach, fade=False)
    return pull


def new_person_pull(analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention]) -> dict[int, float]:
    """Pull towards the line where a person is named for the first time in the episode."""
    index_of = {item.line.number: index for index, item in enumerate(analyzed)}
    seen: set[str] = set()
    pull = [0.0] * len(analyzed)
    for mention in sorted(mentions, key=lambda m: (m.line, m.start)):
        if mention.kind != "person" or mention.line not in index_of:
            continue
        who = mention.entity or mention.text
        if who in seen:
            continue
        seen.add(who)
        _spread(pull, at=index_of[mention.line], step=-1, strength=NEW_PERSON_STRENGTH, reach=NEW_PERSON_REACH)
    return {index: value for index, value in enumerate(pull) if value}


def _spread(
    pull: list[float], at: int, step: int, strength: float, reach: int, fade: bool = True, fade_over: int | None = None
) -> None:
    """Raise the pull at line `at` and `reach` more lines in direction `step` to `strength`, fading if
    `fade` (to nothing `fade_over` + 1 lines away, `reach` + 1 unless given). The first line never gets
    any: a chapter starts there anyway."""
    over = (reach if fade_over is None else fade_over) + 1
    for distance in range(reach + 1):
        index = at + step * distance
        if 0 < index < len(pull):
            pull[index] = max(pull[index], strength * (1 - distance / over if fade else 1))


# ---------------------------------------------------------------------------------------------------
# Speaker turns


@dataclass(frozen=True)
class Turns:
    starts: frozenset[int]  # line indexes where a speaker's turn starts (its label, or its first line)
    questions: frozenset[int]  # the turn starts that are a new question from the one who asks
    bare_labels: frozenset[int]  # lines holding nothing but a label


def speaker_turns(analyzed: Sequence[AnalyzedLine]) -> Turns:
    """Where each speaker's turn starts, from the labels the reader found (`Line.label`) or lines that
    hold only a label, and which turns are questions from the one who asks."""
    bare = _bare_label_lines(analyzed)
    current: str | None = None
    starts: list[int] = []
    speaker_at: list[str] = []
    for index, item in enumerate(analyzed):
        label = bare.get(index) or item.line.label
        if label is not None and _key(label) != current:
            current = _key(label)
            starts.append(index)
            speaker_at.append(current)
    ends = [*starts[1:], len(analyzed)]
    asks = [
        any(_QUESTION.search(analyzed[i].analysis) for i in range(start, end)) for start, end in zip(starts, ends)
    ]
    turns = Counter(speaker_at)
    questions = Counter(speaker for speaker, asked in zip(speaker_at, asks) if asked)
    # The interviewer's turns are questions by their role, even the ones said as statements (但是因為
    # 疫情導致很多電商的發展。); someone who asks in half their turns asks where their turn holds a question.
    by_role = {speaker for speaker in turns if _role(speaker) in _ASKING_ROLES}
    by_habit = {
        speaker
        for speaker in turns
        if turns[speaker] >= _ASKER_MIN_TURNS and questions[speaker] >= _ASKER_SHARE * turns[speaker]
    }
    question_starts = {
        start
        for start, speaker, asked in zip(starts, speaker_at, asks)
        if speaker in by_role or (speaker in by_habit and asked)
    }
    return Turns(frozenset(starts), frozenset(question_starts), frozenset(bare))


def _bare_label_lines(analyzed: Sequence[AnalyzedLine]) -> dict[int, str]:
    """Lines holding only a label, when the label comes back (a lone 比如： is not a speaker)."""
    found = {}
    for index, item in enumerate(analyzed):
        match = _BARE_LABEL.match(item.analysis)
        if match:
            found[index] = match["label"]
    recurring = Counter(_key(label) for label in found.values())
    return {index: label for index, label in found.items() if recurring[_key(label)] >= 2}


def _key(label: str) -> str:
    """One form of a label whatever the script and case: 問 and 问, Q and q are one speaker."""
    from ..text.script import convert

    return convert(label.strip(), "t2s").lower()


def _role(label: str) -> str:
    """A label without its number (Q1 -> q, 问2 -> 问)."""
    return re.sub(r"[\s\d]+$", "", label)


# ---------------------------------------------------------------------------------------------------
# Headings


def heading_lines(analyzed: Sequence[AnalyzedLine], sections: Sequence[Section]) -> dict[int, str]:
    """The line index each section starts at (its first line at or after the heading) and its title."""
    numbers = [item.line.number for item in analyzed]
    found: dict[int, str] = {}
    for section in sorted(sections, key=lambda s: s.line):
        index = bisect.bisect_left(numbers, section.line)
        if index < len(numbers) and section.title.strip():
            found[index] = section.title.strip()  # a later heading over the same lines wins: it is nearer
    return found
