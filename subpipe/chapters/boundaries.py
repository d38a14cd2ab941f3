"""Chapters: where the topic changes, as many as the evidence asks for, each with a short title.

A chapter is a stretch of the episode that keeps to its own words. Each way of cutting the episode is
scored by how well the chapters explain their words, plus what the lines themselves say (`evidence`:
markers, questions, speaker turns, headings, new people), minus a fixed cost per chapter:

- the words: each chapter's content words are scored by the probability that one word distribution of
  its own produced them (a Dirichlet-multinomial, as in Eisenstein and Barzilay's Bayesian topic
  segmentation, 2008). Cutting where the vocabulary changes raises it; cutting inside a topic hardly
  does, since both halves must then learn the same words on less evidence;
- the evidence at the line where each chapter starts, as log-odds;
- `chapter_cost` per chapter: a boundary the words and the lines only weakly support is not worth a
  chapter. The number of chapters therefore follows from the evidence, not from the duration: a long
  chapter is fine when its topic holds.

The best cut is found exactly (dynamic programming over the lines where a sentence starts), with every
chapter at least `min_chapter_seconds` long and at least `min_chapters` of them when the episode is long
enough (YouTube shows chapters from 3, each at least 10 s). Titles and keywords are made in `titles`.
How well this works on real transcripts is measured by benchmarks/chapters_eval.py (docs/chapters.md).
"""

from __future__ import annotations

import math
import re
from array import array
from itertools import chain
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from ..columns import grown
from ..model import AnalyzedLine, Chapter, Cue, Mention, Section
from ..settings import ChapterSettings
from ..text.keywords import idf_table, stop_words
from ..text.line_table import rows_of
from .evidence import Evidence, gather_evidence

# A chapter holds at most this many (weighted) content words, about four times the longest chapter of
# the dev gold, before it must be cut somewhere; it keeps the search linear in the episode's length.
# Lifted when nothing else fits.
LONGEST_CHAPTER_WORDS = 1200
# How much a word counts grows with its IDF in jieba's table (2 to 14; the median word 12): nothing up to
# COMMON_IDF, fully from RARE_IDF (tuned on the dev gold, see docs/chapters.md). Counts are kept in
# quarters of an occurrence, so that the Γ values come from tables.
COMMON_IDF = 5.0
RARE_IDF = 8.0
QUARTERS = 4


def find_chapters(
    analyzed: Sequence[AnalyzedLine],
    cues: Sequence[Cue],
    mentions: Sequence[Mention] = (),
    settings: ChapterSettings = ChapterSettings(),
    *,
    sections: Sequence[Section] = (),
    sentence_starts: Collection[int | tuple[int, int]] | None = None,
) -> tuple[Chapter, ...]:
    """The episode's chapters, in order; the first starts at 0 so the chapters cover the whole episode.

    `sections`: the transcript's own headings (`Transcript.sections`): a chapter starts at each, titled
    with it, unless it would be too short. `sentence_starts`: where sentences start (from the sentence
    model), as source line numbers or (line, offset) places; chapters start only at a line that starts
    one. Without it, sentence starts are guessed from punctuation and speaker turns."""
    if not analyzed or not cues:
        return ()
    starts = line_start_times(analyzed, cues)
    end_ms = max(cue.end_ms for cue in cues)
    evidence = gather_evidence(analyzed, mentions, sections, sentence_starts)
    first_lines = best_cut(LineWords.of(analyzed, evidence.spoken), evidence, starts, end_ms, settings)

    from .titles import title_parts  # keyword tables load only when chapters are made

    while True:
        # A long episode's lines are a table, made when read: each part a view of it, not lists of them all.
        bounds = list(zip(first_lines, [*first_lines[1:], len(analyzed)]))
        parts = [rows_of(analyzed, range(start, end)) for start, end in bounds]
        # Titles come from what is said: a bare label line or a stage direction names no topic.
        spoken = [rows_of(analyzed, [i for i in range(start, end) if evidence.spoken[i]]) for start, end in bounds]
        titles = title_parts(spoken, mentions, settings.keywords, [evidence.headings.get(first) for first in first_lines])
        untitled = next((index for index, title in enumerate(titles) if not title.title), None)
        if untitled is None or len(first_lines) == 1:
            break
        # A chapter nothing in it can title (a list of links, a run of numbers) is no chapter a viewer
        # could use: it joins the one before it (the first, the one after), and the titles are found again.
        del first_lines[max(untitled, 1)]
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


def in_script(chapters: Sequence[Chapter], shown: Callable[[str], str] | str | None) -> tuple[Chapter, ...]:
    """Titles and keywords are made from the Simplified analysis text; show them in the output script:
    `shown` turns Simplified text into it (`text.written.WrittenForms`, the transcript's own forms), or
    is an OpenCC configuration (None: Simplified)."""
    if shown is None or isinstance(shown, str):
        from ..text.script import script_converter

        shown = script_converter(shown)
    return tuple(replace(c, title=shown(c.title), keywords=tuple(shown(k) for k in c.keywords)) for c in chapters)


def line_start_times(analyzed: Sequence[AnalyzedLine], cues: Sequence[Cue]) -> array:
    """Each line's start: its first cue's start; a line without cues starts with the next cue."""
    first_cue_start: dict[int, int] = {}
    for cue in cues:
        for number in cue.source_lines:
            first_cue_start.setdefault(number, cue.start_ms)
    end_ms = max(cue.end_ms for cue in cues)
    # 8 bytes a line, not an int object each: alive while the best cut is searched for.
    starts = array("q", [0]) * len(analyzed)
    following = end_ms
    for index in range(len(analyzed) - 1, -1, -1):
        following = first_cue_start.get(analyzed[index].line.number, following)
        starts[index] = following
    # Cues are in time order, but keep the times monotonic whatever the input did.
    for index in range(1, len(starts)):
        starts[index] = max(starts[index], starts[index - 1])
    return starts


# ---------------------------------------------------------------------------------------------------
# The words of each line


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


def word_weight(word: str) -> int:
    """How much a content word counts towards telling topics apart, in quarters of an occurrence: words
    as common as 公司, 问题, 市场 (IDF in jieba's table up to `COMMON_IDF`) not at all, words as rare as
    `RARE_IDF` or rarer (and words the table lacks: names, Latin terms, new words) fully, the rest in
    between. A word said in every part of any episode tells no part from another."""
    idf, unknown = idf_table()
    share = (idf.get(word, unknown) - COMMON_IDF) / (RARE_IDF - COMMON_IDF)
    return round(min(1.0, max(0.0, share)) * QUARTERS)


_WORDLIKE = re.compile(r"[a-z\u3400-\u9fff]")


@dataclass(frozen=True)
class LineWords:
    """Each line's content words as numbers (the episode's vocabulary numbered in order of first use)
    with how often the line has each: the form the chapter scores are updated fastest in. Flat arrays,
    line after line (`first[l]` is where line l's words start), not a tuple of pairs a line: an episode
    has a pair for every distinct word of every line."""

    word: array  # word numbers
    weight: array  # each one's weighted count in its line, in quarters
    first: array  # len(lines) + 1 offsets into `word` and `weight`
    vocabulary: int  # distinct content words in the episode

    @property
    def lines(self) -> int:
        return len(self.first) - 1

    @classmethod
    def of(cls, analyzed: Sequence[AnalyzedLine], spoken: Sequence[bool]) -> LineWords:
        number: dict[str, int] = {}
        weights: dict[int | None, int] = {}  # word number -> its weight in quarters
        # A token's text -> its content word's number (None: not a content word); each text looked at once.
        number_of_token: dict[str, int | None] = {}
        # Each column as narrow as its values let it be (`grown`): read as numpy views of the same width.
        word, weight, first = array("h"), array("h"), array("h", [0])
        for item, is_spoken in zip(analyzed, spoken):
            counts: dict[int, int] = {}
            if is_spoken:  # a bare label line or a stage direction says nothing about the topic
                for token in item.tokens:
                    known = number_of_token.get(token.text, -1)
                    if known == -1:
                        word_text = content_word(token.text)
                        value = word_weight(word_text) if word_text is not None else 0
                        known = number.setdefault(word_text, len(number)) if value else None
                        number_of_token[token.text] = known
                        weights[known] = value
                    if known is not None:
                        counts[known] = counts.get(known, 0) + weights[known]
            for known, count in counts.items():
                word = grown(word, known)
                weight = grown(weight, count)
            first = grown(first, len(word))
        return cls(word, weight, first, len(number))


# ---------------------------------------------------------------------------------------------------
# Choosing the boundaries together


def best_cut(
    words: LineWords, evidence: Evidence, starts: Sequence[int], end_ms: int, settings: ChapterSettings
) -> list[int]:
    """The first line index of each chapter (the first is 0) of the best-scoring cut.

    A cut's score: the sum, over its chapters, of how well one word distribution of the chapter's own
    explains its words (`_ChapterWords`) plus the evidence at its first line, minus `chapter_cost`.
    Chapters last at least `min_chapter_seconds` and there are at least `min_chapters` of them when
    that can be done; else as many as fit."""
    chapter_words = _ChapterWords(words, settings.word_prior)
    least = max(1, settings.min_chapters)
    for longest in (LONGEST_CHAPTER_WORDS, math.inf):
        # The best cut with no floor on the count usually has enough chapters already; only when it
        # has too few is the (slower) search that counts them needed.
        for floor in sorted({1, least}):
            found = _best_cut(chapter_words, evidence, starts, end_ms, settings, longest, floor)
            if found is not None and (len(found) >= least or floor == least):
                return found
    return [0]


def _best_cut(
    chapter_words: _ChapterWords,
    evidence: Evidence,
    starts: Sequence[int],
    end_ms: int,
    settings: ChapterSettings,
    longest_words: float,
    least: int,
) -> list[int] | None:
    """The best cut into at least `least` chapters (as many as fit when fewer do), each at most
    `longest_words` long; None when no cut keeps to that length."""
    import numpy as np

    n = len(starts)
    times = np.fromiter(chain(starts, (end_ms,)), dtype=np.int64, count=n + 1)
    min_ms = settings.min_chapter_seconds * 1000
    inner = (bool(evidence.starts[index]) for index in range(1, n))
    may_start = np.fromiter(chain((True,), inner, (True,)), dtype=bool, count=n + 1)
    # best[c][i]: the best score of cutting lines [0, i) into c chapters (c counted up to `least`, the
    # last count meaning "that many or more"), with a chapter starting at line i; came_from: its start
    # and the count before it, as start * (least + 1) + count.
    best = np.full((least + 1, n + 1), -np.inf)
    # In 4 bytes where every start * (least + 1) + count fits: (least + 1) x lines of them.
    came_from = np.full((least + 1, n + 1), -1, dtype=np.int32 if (n + 1) * (least + 1) < 2**31 else np.int64)
    best[0, 0] = 0.0
    fits = chapter_words.fits(longest_words)
    for i in range(n):
        counts = [c for c in range(least + 1) if best[c, i] != -np.inf]
        if not counts or not may_start[i]:
            continue
        last, fit = fits.at(i)
        # A chapter [i, j) lasts at least min_ms, unless it is the whole episode (too short to cut).
        shortest = n if i == 0 and times[n] - times[0] < min_ms else int(np.searchsorted(times, times[i] + min_ms))
        ends = np.arange(i + 1, last + 1)
        usable = may_start[i + 1 : last + 1] & (ends >= max(shortest, i + 1))
        if not usable.any():
            continue
        ends, value = ends[usable], fit[usable] + (evidence.pull[i] if i else 0.0) - settings.chapter_cost
        for c in counts:
            after = min(c + 1, least)
            total = best[c, i] + value
            better = total > best[after, ends]
            best[after, ends[better]] = total[better]
            came_from[after, ends[better]] = i * (least + 1) + c
    for c in range(least, 0, -1):
        if best[c, n] != -np.inf:
            firsts = []
            at, count = n, c
            while at > 0:
                at, count = divmod(int(came_from[count, at]), least + 1)
                firsts.append(at)
            return sorted(firsts)
    return None


class _ChapterWords:
    """How well a chapter's own word distribution explains its words: the log Dirichlet-multinomial
    probability of its word counts,

        log Γ(Vα) − log Γ(N + Vα) + Σ_w [log Γ(n_w + α) − log Γ(α)]

    (V words in the episode's vocabulary, N in the chapter, n_w of word w, α = `word_prior`). Words a
    chapter uses again and again score high; words spread over the whole episode gain nothing from a
    cut. The Γ values come from tables built once (counts are in quarters of an occurrence).

    For a chapter starting at line i, word w's n-th use there is its (n + uses before line i)-th in the
    episode: with each use's place in the episode counted once, the gains of every chapter starting at i
    come from a few array operations over the words that follow."""

    def __init__(self, words: LineWords, prior: float):
        import numpy as np

        self.total = sum(words.weight)
        self.size = words.vocabulary * prior
        self._of_total: dict[int, object] = {}  # `of_total`'s tables by their reach
        self.vocabulary = words.vocabulary
        # Every (line, word) of the episode in order: the word, its weight, its line, and how much of the
        # same word came before it in the episode.
        self.word = _numbers(words.word)
        self.weight = _numbers(words.weight)
        self.first = _numbers(words.first)  # first[l]: where line l's words start
        self.lines = words.lines
        self.line_of = np.repeat(np.arange(self.lines, dtype=np.int32), np.diff(self.first))
        seen = [0] * words.vocabulary
        before = array("h")
        for number, count in zip(words.word, words.weight):
            before = grown(before, seen[number])
            seen[number] += count
        self.before = _numbers(before)
        # Counts are in quarters of an occurrence (`word_weight`): table index k is k / QUARTERS words. A
        # chapter holds at most all of a word's uses: the table goes as far as the most used word's.
        most = max(seen, default=0)
        self.of_count = np.fromiter((math.lgamma(k / QUARTERS + prior) for k in range(most + 1)), dtype=float, count=most + 1)
        # words_before[l]: the weighted words before line l.
        self.words_before = np.concatenate(([0], np.cumsum(self.weight))).astype(np.int64)[self.first]

    def fits(self, longest_words: float) -> _Fits:
        return _Fits(self, longest_words)

    def of_total(self, reach: int):
        """log Γ(Vα) − log Γ(N + Vα) for N = k / QUARTERS words, k = 0 .. `reach`: made once for each
        reach (the search runs up to twice for each chapter length)."""
        import numpy as np

        table = self._of_total.get(reach)
        if table is None:
            size = self.size
            # No content word at all (a greeting, a list of numbers): the words favour no cut. Filled value
            # by value: a list of Python floats first would take four times the array.
            table = self._of_total[reach] = np.fromiter(
                (math.lgamma(size) - math.lgamma(k / QUARTERS + size) if size else 0.0 for k in range(reach + 1)),
                dtype=float,
                count=reach + 1,
            )
        return table


def _numbers(values: array):
    """A numpy view of an integer array, of the same width (an empty one: zeros of 8 bytes). Whatever the
    width, the sums the scores need are made in 8 bytes: numpy widens a narrow array added to
    `_Fits.used` and summed cumulatively, but not one added to another narrow array, which no score does."""
    import numpy as np

    return np.frombuffer(values, dtype=np.dtype(values.typecode)) if values else np.zeros(0, np.int64)


class _Fits:
    """The scores of the chapters starting at each line, asked for in increasing order of line."""

    def __init__(self, words: _ChapterWords, longest_words: float):
        import numpy as np

        self.words = words
        self.used = np.zeros(words.vocabulary, dtype=np.int64)  # each word's weight in the lines before
        self.done = 0  # lines counted into `used`
        self.most = longest_words * QUARTERS
        # A chapter holds at most `most` words, or the one line it starts with when that line holds more:
        # the table goes that far, not to the whole episode's words (5x a long episode's input in floats).
        longest_line = int(np.diff(words.words_before).max()) if words.lines else 0
        reach = words.total if math.isinf(self.most) else min(words.total, max(int(self.most), longest_line))
        self.of_total = words.of_total(reach)

    def at(self, i: int):
        """(last, fit): fit[k] is the score of the chapter holding lines i .. i+k, for every chapter up
        to line `last` (exclusive end), the longest holding at most `longest_words` weighted words (one
        line at least, however long)."""
        import numpy as np

        w = self.words
        while self.done < i:  # the lines before i join `used` (a line holds each word once)
            a, b = w.first[self.done], w.first[self.done + 1]
            self.used[w.word[a:b]] += w.weight[a:b]
            self.done += 1
        base = w.words_before[i]
        last = max(i + 1, int(np.searchsorted(w.words_before, base + self.most, side="right")) - 1)
        last = min(last, w.lines)
        a, b = w.first[i], w.first[last]
        earlier = w.before[a:b] - self.used[w.word[a:b]]  # the word's weight earlier in the chapter
        gains = w.of_count[earlier + w.weight[a:b]] - w.of_count[earlier]
        per_line = np.bincount(w.line_of[a:b] - i, weights=gains, minlength=last - i)
        return last, self.of_total[w.words_before[i + 1 : last + 1] - base] + np.cumsum(per_line)
