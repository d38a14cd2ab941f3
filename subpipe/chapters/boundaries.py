"""Chapters: where the topic changes, and a short bilingual title for each part.

Boundaries come from three kinds of evidence, scored at every gap between two lines:

- lexical cohesion (TextTiling): the content words of the lines before a gap are compared with those
  after it; a valley in that similarity, deeper than its neighbours, is a likely topic change;
- discourse markers that open or close a topic (首先, 接下来, 说回…的话题, 好了, 以上就是), questions that
  open one, and a person named for the first time;
- the episode's length: the number of chapters grows with the duration, and each chapter keeps within a
  minimum and maximum length. The boundaries are chosen together (dynamic programming), so one strong
  gap does not crowd out a better set of them.

Titles and keywords are made in `chapter_titles`. How well this works on a real transcript is measured
by benchmarks/chapters_eval.py and reported in docs/chapters.md.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..text.keywords import idf_table, stop_words
from ..model import AnalyzedLine, Chapter, Cue, Mention
from ..settings import ChapterSettings

# Marker words a sentence begins with; they count only standing alone (followed by a pause or nothing),
# because the same words also start ordinary sentences: 最后得到的结果 is not "finally".
_PAUSE = r"\s*(?:[，,、：:。.！!…]|$)"


@dataclass(frozen=True)
class Marker:
    """A way a line shows that a topic starts or ends at it.

    `opens`: the line starts a new part (boundary before it); else it closes one (boundary after it).
    `reach`: how many lines away the boundary may still be. A question or an introduction is often
    the end of the sentence that opens a topic, and lines are phrases, so the topic may have begun a
    line or two before it; a closing sentence may run on for a line or two after its first words.
    """

    name: str
    pattern: re.Pattern[str]
    strength: float
    opens: bool
    reach: int = 0


MARKERS: tuple[Marker, ...] = (
    # 接下来 / 下面我们 / 说回…的话题 / 回到…这个问题: the speaker announces the next topic.
    Marker(
        "next topic",
        re.compile(r"^(?:接下来|下面(?:我们|再)|我们(?:再)?来看|再来看|言归正传|话说回来|说回|回到.{0,12}(?:话题|问题))"),
        1.0,
        opens=True,
    ),
    # 首先， 其次， 最后， 第二， 另外， : an enumeration of parts.
    Marker(
        "enumeration",
        re.compile(rf"^(?:首先|其次|再次|然后|最后|另外|此外|第[一二三四五六七八九十]+(?:点|个|部分)?){_PAUSE}"),
        0.8,
        opens=True,
    ),
    # 好了， / 那么， / OK， standing alone: the speaker wraps up and turns to something else.
    Marker("turn", re.compile(rf"^(?:好了|好啦|好的|那么|ok|okay){_PAUSE}", re.IGNORECASE), 0.8, opens=True),
    # 以上就是… / 总的来说… / 总之…: a summary that closes the current topic.
    Marker(
        "summary",
        re.compile(r"^(?:以上就是|以上是|以上便是|这就是.{0,8}(?:全部|内容)|总的来说|总体来说|总而言之|总之|综上)"),
        0.8,
        opens=False,
        reach=3,
    ),
    # 今天就带大家一起来看看吧 / 话不多说: the introduction of a video or show ends here.
    Marker(
        "lets begin",
        re.compile(r"(?:一起|带大家|我们)来?看一?看吧|(?:废)?话不多说|我们(?:这就|现在)?开始吧|进入正题"),
        0.8,
        opens=False,
    ),
    # A question often opens the topic that its answer fills (那推理模型有什么不同呢？).
    Marker("question", re.compile(r"[？?][”」』\"']?\s*$"), 0.5, opens=True, reach=3),
)

# Fewer content words than this on a side of a gap leave too few to share for a similarity to mean much.
MIN_WINDOW_WORDS = 10

# The same pull for a person named for the first time: interviews move from one speaker to the next.
NEW_PERSON_STRENGTH = 0.5
NEW_PERSON_REACH = 3


def find_chapters(
    analyzed: Sequence[AnalyzedLine],
    cues: Sequence[Cue],
    mentions: Sequence[Mention] = (),
    settings: ChapterSettings = ChapterSettings(),
) -> tuple[Chapter, ...]:
    """The episode's chapters, in order; the first starts at 0 so the chapters cover the whole episode."""
    if not analyzed or not cues:
        return ()
    starts = line_start_times(analyzed, cues)
    end_ms = max(cue.end_ms for cue in cues)
    count = chapter_count(end_ms, len(analyzed), settings)
    average_ms = end_ms / count
    # Cohesion is measured at the scale of the chapters sought: each side of a gap holds a share of
    # an average chapter's words. Several shares, averaged, keep one window size from deciding alone.
    lines = _WindowLines.of(analyzed)
    average_words = sum(lines.sizes) / count
    windows = [max(MIN_WINDOW_WORDS, round(share * average_words)) for share in settings.window_shares]
    scores = gap_scores(analyzed, lines, mentions, windows)
    first_lines = best_boundaries(
        scores,
        starts,
        end_ms,
        count,
        min_ms=settings.min_chapter_seconds * 1000,
        max_ms=settings.max_length_ratio * average_ms,
    )
    parts = [analyzed[start:end] for start, end in zip(first_lines, [*first_lines[1:], len(analyzed)])]

    from .titles import title_parts  # keyword tables load only when chapters are made

    titles = title_parts(parts, mentions, settings.keywords)
    return tuple(
        Chapter(
            line=part[0].line.number,
            # Chapters cover the media from its first millisecond: players and YouTube expect 0:00.
            start_ms=0 if index == 0 else starts[first],
            title=title.title,
            title_en=title.title_en,
            keywords=title.keywords,
        )
        for index, (first, part, title) in enumerate(zip(first_lines, parts, titles))
    )


def in_script(chapters: Sequence[Chapter], opencc_config: str | None) -> tuple[Chapter, ...]:
    """Titles and keywords are made from the Simplified analysis text; show them in the output script."""
    if not opencc_config:
        return tuple(chapters)
    from ..text.script import convert

    return tuple(
        replace(c, title=convert(c.title, opencc_config), keywords=tuple(convert(k, opencc_config) for k in c.keywords))
        for c in chapters
    )


def line_start_times(analyzed: Sequence[AnalyzedLine], cues: Sequence[Cue]) -> list[int]:
    """Each line's start: its first cue's start; a line without cues starts with the next cue."""
    first_cue_start: dict[int, int] = {}
    for cue in cues:
        for number in cue.source_lines:
            first_cue_start.setdefault(number, cue.start_ms)
    end_ms = max(cue.end_ms for cue in cues)
    starts = [0] * len(analyzed)
    following = end_ms
    for index in range(len(analyzed) - 1, -1, -1):
        following = first_cue_start.get(analyzed[index].line.number, following)
        starts[index] = following
    # Cues are in time order, but keep the times monotonic whatever the input did.
    for index in range(1, len(starts)):
        starts[index] = max(starts[index], starts[index - 1])
    return starts


def chapter_count(end_ms: int, line_count: int, settings: ChapterSettings) -> int:
    """How many chapters an episode of this length gets: one per `seconds_per_chapter`, within limits."""
    wanted = round(end_ms / 1000 / settings.seconds_per_chapter)
    fits = int(end_ms / 1000 // settings.min_chapter_seconds) if settings.min_chapter_seconds > 0 else line_count
    return max(1, min(wanted, settings.max_chapters, fits, line_count))


# ---------------------------------------------------------------------------------------------------
# Evidence at each gap. scores[i] is how strongly a chapter should start at line index i (i >= 1).


def gap_scores(
    analyzed: Sequence[AnalyzedLine],
    lines: _WindowLines,
    mentions: Sequence[Mention],
    window_words: Sequence[int],
) -> list[float]:
    """Depth of the cohesion valley at each gap (averaged over the window sizes) plus the pull of
    markers and new people; `lines` are each line's content words. scores[i] is for a chapter starting
    at line index i; scores[0] is unused."""
    depths = [depth_scores(smooth(cohesion(lines, words))) for words in window_words]
    pull = marker_pull(analyzed)
    for index, value in new_person_pull(analyzed, mentions).items():
        pull[index] += value
    return [0.0] + [sum(d[gap] for d in depths) / len(depths) + pull[gap + 1] for gap in range(len(analyzed) - 1)]


def content_word(text: str) -> str | None:
    """The word a token's text is, when it carries its line's topic (lower-cased); None for function
    words, single characters and punctuation.

    Single characters are mostly particles, pronouns and measure words in jieba's output; the stop
    words are spaCy's Chinese list (shipped with spaCy, which we already use).
    """
    word = text.strip().lower()
    if len(word) >= 2 and word not in stop_words() and _WORDLIKE.search(word):
        return word
    return None


_WORDLIKE = re.compile(r"[a-z\u3400-\u9fff]")

# One distinct content word of a line, as the sliding windows use it: the word's number in the
# episode's vocabulary, how often the line has it, and its squared IDF weight.
_Entry = tuple[int, int, float]


@dataclass(frozen=True)
class _WindowLines:
    """Each line's content words in the form the sliding windows update fastest: numbered words (so a
    window's counts are a list, not a dict) with their squared weights, looked up once per episode and
    shared by every window size."""

    entries: tuple[tuple[_Entry, ...], ...]  # per line, its distinct content words in order of first use
    sizes: tuple[int, ...]  # per line, how many content words it has
    vocabulary: int  # how many distinct content words the episode has

    @classmethod
    def of(cls, analyzed: Sequence[AnalyzedLine]) -> _WindowLines:
        weight, default_weight = idf_table()
        number: dict[str, int] = {}  # content word -> its number
        squared: list[float] = []  # by number
        # A token's text -> its content word's number (None: not a content word). Tokens repeat a lot
        # within an episode; each text is looked at once.
        number_of_token: dict[str, int | None] = {}
        entries = []
        sizes = []
        for item in analyzed:
            counts: dict[int, int] = {}  # word number -> count, in order of first use
            for token in item.tokens:
                text = token.text
                known = number_of_token.get(text, -1)
                if known == -1:  # a text not seen before in this episode
                    word = content_word(text)
                    if word is None:
                        known = None
                    else:
                        known = number.setdefault(word, len(squared))
                        if known == len(squared):
                            squared.append(weight.get(word, default_weight) ** 2)
                    number_of_token[text] = known
                if known is not None:
                    counts[known] = counts.get(known, 0) + 1
            entries.append(tuple([(known, count, squared[known]) for known, count in counts.items()]))
            sizes.append(sum(counts.values()))
        return cls(tuple(entries), tuple(sizes), len(squared))


def cohesion(lines: _WindowLines, window_words: int) -> list[float]:
    """For each gap, the cosine similarity of the IDF-weighted content words on either side of it.

    Each side takes whole lines until it holds `window_words` content words: counting words, not
    lines, keeps the window the same for subtitle-sized phrases and for paragraph-long lines. Both
    windows only ever move forward, so they slide: a line's words are added once and removed once,
    and the dot product and norms are kept up to date word by word (linear in the episode's length,
    however wide the window).

    When a word's count on one side goes from `before` to `after`, the dot product gains
    (after - before) * (its count on the other side) * weight², and that side's squared norm gains
    (after² - before²) * weight² (`_move`). The sums are floats, whose values depend on the order of
    the additions: they are made word by word, in each line's order, one move after another as the
    windows slide.
    """
    entries, sizes = lines.entries, lines.sizes
    left = [0] * lines.vocabulary  # each word's count on the left side, by word number
    right = [0] * lines.vocabulary
    dot = left_norm = right_norm = 0.0
    first = 0  # the left side holds lines first .. gap-1
    last = 0  # the right side holds lines gap .. last
    left_words = right_words = 0
    values = []
    if entries:  # line 0 joins the right side; the left one is empty
        dot, right_norm = _move(entries[0], +1, right, left, dot, right_norm)
        right_words = sizes[0]
    for gap in range(1, len(entries)):
        # Line gap-1 crosses from the right side to the left one.
        dot, right_norm = _move(entries[gap - 1], -1, right, left, dot, right_norm)
        right_words -= sizes[gap - 1]
        dot, left_norm = _move(entries[gap - 1], +1, left, right, dot, left_norm)
        left_words += sizes[gap - 1]
        # The left side's first lines leave while the rest still hold enough words.
        while first < gap - 1 and left_words - sizes[first] >= window_words:
            dot, left_norm = _move(entries[first], -1, left, right, dot, left_norm)
            left_words -= sizes[first]
            first += 1
        # Lines join the right side until it holds enough words (or the episode ends).
        last = max(last, gap - 1)
        while last < gap or (right_words < window_words and last + 1 < len(entries)):
            last += 1
            dot, right_norm = _move(entries[last], +1, right, left, dot, right_norm)
            right_words += sizes[last]
        norms = math.sqrt(max(left_norm, 0.0)) * math.sqrt(max(right_norm, 0.0))
        values.append(dot / norms if norms > 1e-12 else 0.0)
    return values


def _move(line, direction: int, side: list[int], other: list[int], dot: float, norm: float) -> tuple[float, float]:
    """A line's words join (`direction` +1) or leave (-1) one side: its counts change, and the dot
    product and that side's squared norm are brought up to date; returns the two sums."""
    for word, count, squared in line:
        before = side[word]
        after = before + direction * count
        shared = other[word]
        if shared:  # else the dot product would gain 0.0, which changes nothing
            dot += (after - before) * shared * squared
        norm += (after * after - before * before) * squared
        side[word] = after
    return dot, norm


def smooth(values: Sequence[float]) -> list[float]:
    """A moving average over three gaps, as TextTiling does, so one odd line makes no valley."""
    if len(values) < 3:
        return [sum(values[max(0, i - 1) : i + 2]) / len(values[max(0, i - 1) : i + 2]) for i in range(len(values))]
    # The same sums, element for element, without slicing the list at every gap.
    inner = [sum(three) / 3 for three in zip(values, values[1:], values[2:])]
    return [sum(values[:2]) / 2, *inner, sum(values[-2:]) / 2]


def depth_scores(values: Sequence[float]) -> list[float]:
    """How deep each gap lies below the highest similarity reached climbing left and right from it.

    Climbing stops where the values start to fall again, so the peak reached from a gap is the peak
    reached from its neighbour whenever the way there does not fall: one pass each way."""
    count = len(values)
    left_peak = [0.0] * count
    for i in range(count):
        left_peak[i] = left_peak[i - 1] if i > 0 and values[i - 1] >= values[i] else values[i]
    right_peak = [0.0] * count
    for i in reversed(range(count)):
        right_peak[i] = right_peak[i + 1] if i < count - 1 and values[i + 1] >= values[i] else values[i]
    return [(left_peak[i] - values[i]) + (right_peak[i] - values[i]) for i in range(count)]


def marker_pull(analyzed: Sequence[AnalyzedLine]) -> list[float]:
    """pull[i]: how much the markers ask for a chapter to start at line index i."""
    pull = [0.0] * (len(analyzed) + 1)
    for index, item in enumerate(analyzed):
        text = item.analysis.strip()
        for marker in MARKERS:
            if not marker.pattern.search(text):
                continue
            if marker.opens:
                _spread(pull, at=index, step=-1, strength=marker.strength, reach=marker.reach)
            else:
                _spread(pull, at=index + 1, step=1, strength=marker.strength, reach=marker.reach, fade=False)
    return pull


def new_person_pull(analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention]) -> dict[int, float]:
    """Pull towards the line where a person is named for the first time in the episode."""
    index_of = {item.line.number: index for index, item in enumerate(analyzed)}
    seen: set[str] = set()
    pull = [0.0] * (len(analyzed) + 1)
    for mention in sorted(mentions, key=lambda m: (m.line, m.start)):
        if mention.kind != "person" or mention.line not in index_of:
            continue
        who = mention.entity or mention.text
        if who in seen:
            continue
        seen.add(who)
        _spread(pull, at=index_of[mention.line], step=-1, strength=NEW_PERSON_STRENGTH, reach=NEW_PERSON_REACH)
    return {index: value for index, value in enumerate(pull) if value}


def _spread(pull: list[float], at: int, step: int, strength: float, reach: int, fade: bool = True) -> None:
    """Raise the pull at gap `at` and `reach` more gaps in direction `step` to `strength`, fading if `fade`."""
    for distance in range(reach + 1):
        gap = at + step * distance
        if 0 < gap < len(pull) - 1:
            # The strongest cue counts, not their sum: three teaser questions in a row are one cue.
            pull[gap] = max(pull[gap], strength * (1 - distance / (reach + 1) if fade else 1))


# ---------------------------------------------------------------------------------------------------
# Choosing the boundaries together.


def best_boundaries(
    scores: Sequence[float],
    starts: Sequence[int],
    end_ms: int,
    count: int,
    min_ms: float,
    max_ms: float,
) -> list[int]:
    """The first line index of each of `count` chapters, maximising the summed gap scores.

    Every chapter lasts from `min_ms` to `max_ms`. When no choice meets that, the longest-chapter limit
    goes first, then chapters are dropped one at a time until the episode can be cut.
    """
    for wanted in range(min(count, len(starts)), 0, -1):
        for longest in (max_ms, math.inf):
            chosen = _best_cut(scores, starts, end_ms, wanted, min_ms, longest)
            if chosen is not None:
                return chosen
    return [0]


def _best_cut(
    scores: Sequence[float], starts: Sequence[int], end_ms: int, count: int, min_ms: float, max_ms: float
) -> list[int] | None:
    if count == 1:
        return [0]
    times = [*starts, end_ms]  # times[i]: when a chapter starting at line i starts; times[n]: the end
    n = len(starts)
    gains = [scores[i] for i in range(n)] + [0.0]  # gains[i]: the score of a chapter starting at line i
    # best[i]: the best score of cutting lines [0, i) into k chapters, i being the start of the next one.
    best = [-math.inf] * (n + 1)
    for i in range(1, n + 1):
        if min_ms <= times[i] - times[0] <= max_ms:
            best[i] = gains[i]
    # Chapter [j, i) must last from min_ms to max_ms, so j lies in lows[i] .. highs[i]-1, the same for
    # every chapter count: found once, not once per count.
    lows = [max(1, bisect.bisect_left(times, times[i] - max_ms, 0, i)) for i in range(n + 1)]
    highs = [bisect.bisect_right(times, times[i] - min_ms, 0, i) for i in range(n + 1)]
    back: list[list[int]] = []
    for _ in range(2, count + 1):
        best, came_from = _one_more_chapter(best, gains, lows, highs)
        back.append(came_from)
    if best[n] == -math.inf:
        return None
    firsts = [n]
    for came_from in reversed(back):
        firsts.append(came_from[firsts[-1]])
    return [0, *reversed(firsts[1:])]


def _one_more_chapter(
    previous: Sequence[float], gains: Sequence[float], lows: Sequence[int], highs: Sequence[int]
) -> tuple[list[float], list[int]]:
    """From the best cuts into k chapters (previous[j]: a cut whose next chapter starts at j), the best
    into k + 1 (best[i]) and where their last chapter starts (came_from[i], -1 for none)."""
    minus_inf = -math.inf
    best = [minus_inf] * len(previous)
    came_from = [-1] * len(previous)
    # j's window only moves forward as i grows: a sliding-window maximum (a deque of candidates, best
    # first, the earliest kept on a tie) finds the best j in constant time per i. A j that cannot end a
    # cut (-inf) is never the best of a window holding a finite one, so it is left out.
    candidates: deque[int] = deque()
    added = 1
    for i in range(2, len(previous)):
        high = highs[i]
        while added < high:
            value = previous[added]
            if value != minus_inf:
                while candidates and previous[candidates[-1]] < value:
                    candidates.pop()
                candidates.append(added)
            added += 1
        low = lows[i]
        while candidates and candidates[0] < low:
            candidates.popleft()
        if candidates:
            j = candidates[0]
            best[i] = previous[j] + gains[i]
            came_from[i] = j
    return best, came_from

