"""Summaries in the transcript's own words: per speaker, per episode, with keywords and names.

A summary is extractive: its sentences are the most central sentences of what was said, ranked by
TextRank (a PageRank over sentences, linked by the content words they share) and shown in their
original order. Nothing is rewritten, so every sentence is a piece of one source line and keeps its
line number; the only addition is the English name beside a Chinese one (郑亨元（Hyung Won Chung）),
kept apart in `annotated`. Keywords are jieba's TF-IDF over the episode's own words.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from ..text.keywords import stop_words, tfidf_of_counts
from ..text.lexicon import CONTINUATIONS, SCENE_ENDINGS, SENTENCE_OPENERS
from ..model import (
    AnalyzedLine,
    Cue,
    Keyword,
    Mention,
    NamedInEpisode,
    Speaker,
    SpeakerSummary,
    Summaries,
    SummaryPart,
    SummarySentence,
)
from ..text.segment import topic_word_tag
from ..settings import SummarySettings

# Kinds of names listed with the episode and shown in English beside the Chinese in summaries; terms
# (强化学习) are ordinary vocabulary and would only clutter a sentence.
NAME_KINDS = ("person", "org", "product", "place")
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”」』\"']?")
_PAUSED = re.compile(r"[，,、：:；;。！？!?…—]$")
_EDGE = " \u3000，,、"
_REPEAT = 0.6  # share of a sentence's words another already holds for it to add nothing
_LATIN_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+\-_]*$")
_TEXT_CHARACTERS = re.compile(r"[\w]")
_NOT_TEXT = re.compile(r"\W+")  # what is left without it is the text characters, counted faster than found
_DAMPING = 0.85
_ITERATIONS = 100
_TOLERANCE = 1e-9


class _Span(NamedTuple):
    """Words of one source line, `text` being the line's text[start:end]: a SummaryPart once chosen.
    (A named tuple: every sentence of the episode has its spans, and few are chosen; quicker to make
    than the frozen dataclass.)"""

    line: int
    start: int
    end: int
    text: str


class _Candidate(NamedTuple):
    """A sentence that may enter a summary: spans of consecutive lines of one speaker, and its words."""

    speaker: str | None
    parts: tuple[_Span, ...]
    words: frozenset[str]

    @property
    def chars(self) -> int:
        return sum(len(part.text) for part in self.parts)

    @property
    def text(self) -> str:
        return _joined([part.text for part in self.parts])


def summarize(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    speakers: Sequence[Speaker],
    mentions: Sequence[Mention],
    cues: Sequence[Cue] = (),
    settings: SummarySettings = SummarySettings(),
    part_starts: Sequence[int] = (),
) -> Summaries:
    """Per-speaker and episode summaries, keywords, and the people and organisations named.

    `part_starts` are the first line numbers of the episode's parts (its chapters): the episode summary
    then takes at most one sentence from each part, so it covers the episode rather than its busiest part.
    """
    english = _EnglishNames(analyzed, mentions)
    candidates = sentences(analyzed, speaker_of_line, mentions, settings)
    weight = _rarity([c.words for c in candidates])
    by_speaker: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        if candidate.speaker is not None:
            by_speaker.setdefault(candidate.speaker, []).append(candidate)

    speaker_summaries = []
    for speaker in speakers:
        own = by_speaker.get(speaker.id, [])
        if own:
            chosen = _summary(own, weight, settings.speaker_max_sentences, settings.max_chars)
            speaker_summaries.append(SpeakerSummary(speaker.id, tuple(english.sentence(c) for c in chosen)))
    part_of = _part_finder(part_starts)
    episode = _summary(candidates, weight, settings.episode_max_sentences, settings.max_chars, part_of)
    return Summaries(
        episode=tuple(english.sentence(c) for c in episode),
        speakers=tuple(speaker_summaries),
        keywords=keywords(analyzed, mentions, settings.keywords),
        names=named_in_episode(analyzed, mentions, cues, speakers),
    )


def _summary(candidates, weight, most: int, max_chars: int, part_of=None) -> list[_Candidate]:
    # A summary grows with the square root of what was said: one sentence for a few, `most` at length.
    count = max(1, min(most, round(math.sqrt(len(candidates)))))
    return select(candidates, textrank([c.words for c in candidates], weight), count, max_chars, part_of)


def _part_finder(part_starts: Sequence[int]):
    starts = sorted(set(part_starts))
    if len(starts) < 2:
        return None
    return lambda line: bisect.bisect_right(starts, line)


# ---------------------------------------------------------------------------------------------------
# Sentences and their words.


class _Piece(NamedTuple):
    """A sentence piece of a line, and how the text may be cut before it. (A named tuple: built for
    every piece of every line, and quicker to make than a frozen dataclass.)"""

    item: AnalyzedLine
    start: int
    end: int
    speaker: str | None
    cut: int  # _MUST, _GOOD, _NEUTRAL or _BAD: how good a place the start of this piece is to cut


# Where a sentence may be cut, best first: a full stop or a new speaker; a word that opens a sentence;
# anywhere else; before a word that goes on with the sentence (并且, 还) or after a scene (…的时候).
_MUST, _GOOD, _NEUTRAL, _BAD = 3, 2, 1, 0


def sentences(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    mentions: Sequence[Mention],
    settings: SummarySettings = SummarySettings(),
) -> list[_Candidate]:
    """The transcript cut into sentences. A line may hold several (cut at 。！？); a transcript with one
    phrase a line spreads one over several lines, so consecutive phrases of one speaker are joined:
    cut always at a full stop, a new speaker or a word that opens a sentence (但是, 因为, 在…); a run too
    long for the limits is cut at its last ordinary place, never before 并且 or after …的时候."""
    names_of: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.entity:
            names_of.setdefault(mention.line, []).append(mention)
    pieces = _cut_places(analyzed, speaker_of_line, names_of)
    found: list[_Candidate] = []
    run: list[_Piece] = []
    for piece in pieces + [None]:
        if piece is None or (run and piece.cut >= _GOOD):
            for sentence in _within_limits(run, settings):
                candidate = _candidate(sentence, names_of, settings)
                if candidate is not None:
                    found.append(candidate)
            run = []
        if piece is not None:
            run.append(piece)
    return found


def _cut_places(analyzed, speaker_of_line, names_of) -> list[_Piece]:
    pieces: list[_Piece] = []
    closed, scene, owner = True, False, None
    for position, item in enumerate(analyzed):
        speaker = speaker_of_line.get(item.line.number)
        names = names_of.get(item.line.number, ())
        for index, (start, end, final) in enumerate(_pieces(item.analysis)):
            if closed or index > 0 or speaker != owner:
                cut = _MUST
            elif scene:
                cut = _BAD
            else:
                cut = _cut_within(analyzed, position, start, speaker_of_line, names)
            pieces.append(_Piece(item, start, end, speaker, cut))
            closed, owner = final, speaker
            scene = item.analysis.endswith(SCENE_ENDINGS, start, end)
    return pieces


def _cut_within(
    analyzed: Sequence[AnalyzedLine],
    position: int,
    start: int,
    speaker_of_line: Mapping[int, str | None],
    names: Sequence[Mention],
) -> int:
    """How good a place to cut is a line's first piece that may go on with its speaker's open sentence."""
    item = analyzed[position]
    first_word = _first_word(item, start)
    if first_word in CONTINUATIONS:
        return _BAD
    if _introduces(analyzed, position, speaker_of_line, names) or _opens_sentence(first_word, start, names):
        return _GOOD
    return _NEUTRAL


def _introduces(
    analyzed: Sequence[AnalyzedLine],
    position: int,
    speaker_of_line: Mapping[int, str | None],
    names: Sequence[Mention],
) -> bool:
    """团队成员郑亨元解释道 right before his words: it opens what follows, not the host's sentence."""
    if not names or not any(m.kind == "person" for m in names):
        return False
    following = analyzed[position + 1].line.number if position + 1 < len(analyzed) else None
    return speaker_of_line.get(following) != speaker_of_line.get(analyzed[position].line.number)


def _within_limits(run: list[_Piece], settings: SummarySettings) -> list[list[_Piece]]:
    """A run without good cuts, split where needed to keep each sentence within the limits."""
    sentences: list[list[_Piece]] = []
    while run:
        size, chars = 0, 0
        while size < len(run) and (
            size == 0
            or (
                size < settings.sentence_max_lines
                and chars + run[size].end - run[size].start <= settings.sentence_max_chars
            )
        ):
            chars += run[size].end - run[size].start
            size += 1
        if size < len(run):
            # Cut at the last neutral place that fits, rather than before a word that goes on.
            neutral = [i for i in range(1, size + 1) if run[i].cut >= _NEUTRAL]
            size = neutral[-1] if neutral else size
        sentences.append(run[:size])
        run = run[size:]
    return sentences


def _candidate(sentence: list[_Piece], names_of, settings: SummarySettings) -> _Candidate | None:
    texts = [p.item.line.text[p.start : p.end] for p in sentence]
    if len(_NOT_TEXT.sub("", "".join(texts))) < settings.min_sentence_chars:
        return None
    words: list[str] = []
    for p in sentence:
        words += _content_words(p.item, p.start, p.end, names_of.get(p.item.line.number, ()))
    if not words:
        return None
    parts = tuple(_Span(p.item.line.number, p.start, p.end, text) for p, text in zip(sentence, texts))
    return _Candidate(sentence[0].speaker, parts, frozenset(words))


def _first_word(item: AnalyzedLine, start: int) -> str:
    for token in item.tokens:
        if token.start >= start and token.text.strip():
            return token.text
    return ""


def _pieces(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends a sentence) of each sentence piece of a line, without edge spaces and commas."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # Trimming keeps the stop (it is no edge character), so this piece ends a sentence.
        left, right = _trimmed(text, start, match.end())
        pieces.append((left, right, True))
        start = match.end()
    # What follows the last stop holds none (finditer would have found it).
    left, right = _trimmed(text, start, len(text))
    if left < right:
        pieces.append((left, right, False))
    return pieces


def _opens_sentence(first_word: str, start: int, names: Sequence[Mention]) -> bool:
    """A phrase opens a sentence with an opening word or a subject: a pronoun or a name."""
    if first_word in SENTENCE_OPENERS:
        return True
    return any(m.start == start and m.kind == "person" for m in names)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _content_words(item: AnalyzedLine, start: int, end: int, names: Sequence[Mention]) -> list[str]:
    """The words that carry meaning: a name counts as its entity, whatever form it is written in."""
    words = [f"@{m.entity}" for m in names if start <= m.start and m.end <= end] if names else []
    for token in item.tokens:
        if token.start < start or token.end > end:
            continue
        word = _content_form(token.text)
        if word is None:
            continue
        if names and any(m.start < token.end and token.start < m.end for m in names):
            continue
        words.append(word)
    return words


@lru_cache(maxsize=1 << 16)
def _content_form(text: str) -> str | None:
    """A token's text as a content word (lower case, trimmed), or None for a stop word, punctuation or
    a lone Chinese character. Cached: a pure function of the text (the stop words never change), and an
    episode repeats most of its words many times."""
    word = text.strip().lower()
    if not word or word in stop_words() or not _TEXT_CHARACTERS.search(word):
        return None
    if len(word) >= 2 or _LATIN_WORD.match(word):
        return word
    return None


# ---------------------------------------------------------------------------------------------------
# Ranking.


# Sentences ranked together at most: every pair that shares a word is a link, so one graph over a
# very long speaker's thousands of sentences would grow with the square of their number. Longer runs
# are ranked in consecutive blocks of this many (each block being a stretch of the episode).
_BLOCK = 400


def textrank(bags: Sequence[Iterable[str]], weight: Mapping[str, float] | None = None) -> list[float]:
    """TextRank scores of sentences given their content words (Mihalcea & Tarau 2004): a sentence that
    shares words with many others ranks high. Two sentences are linked by the words they share over
    their log lengths; each shared word counts by `weight` (1 if not given), so that a word every
    sentence uses (the episode's subject) does not link everything to everything.

    Beyond `_BLOCK` sentences, each block is ranked on its own and its scores scaled by its share of
    the sentences, so scores from different blocks compare (each block's scores sum to its share)."""
    bags = list(bags)
    if len(bags) <= _BLOCK:
        return _textrank(bags, weight)
    blocks = -(-len(bags) // _BLOCK)
    size = -(-len(bags) // blocks)
    scores: list[float] = []
    for start in range(0, len(bags), size):
        block = bags[start : start + size]
        scores.extend(score * len(block) / len(bags) for score in _textrank(block, weight))
    return scores


def _textrank(bags: Sequence[Iterable[str]], weight: Mapping[str, float] | None = None) -> list[float]:
    import numpy as np

    sets = [frozenset(bag) for bag in bags]
    count = len(sets)
    if count == 0:
        return []
    # np.log1p, not math.log1p: the two may differ in the last bit (numpy has its own SIMD loops).
    log_length = np.log1p(np.array([len(words) for words in sets], dtype=float))
    groups, values = _shared_words(sets, weight)
    if count > _FEW:
        first, second, common = _pair_sums(count, groups, values)
        return _pagerank(count, first, second, common / (log_length[first] + log_length[second]))
    firsts, seconds, sums = _pair_sums_in_lists(groups, values)
    lengths = log_length.tolist()
    strengths = [total / (lengths[a] + lengths[b]) for a, b, total in zip(firsts, seconds, sums)]
    if count - len({*firsts, *seconds}) < _SEQUENTIAL_SUM:
        return _pagerank_in_lists(count, firsts, seconds, strengths)
    return _pagerank(count, np.array(firsts, dtype=int), np.array(seconds, dtype=int), np.array(strengths))


def _shared_words(
    sets: Sequence[frozenset[str]], weight: Mapping[str, float] | None
) -> tuple[list[list[int]], list[float]]:
    """The sentences of each word that links sentences (two or more use it, its weight is positive),
    and its weight, in the order words first occur: an inverted index word -> sentences, so that only
    pairs that share a word are ever visited."""
    postings: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in words:
            postings.setdefault(word, []).append(index)
    groups: list[list[int]] = []
    values: list[float] = []
    for word, indices in postings.items():
        if len(indices) < 2:
            continue
        value = 1.0 if weight is None else weight.get(word, 1.0)
        if value > 0:
            groups.append(indices)
            values.append(value)
    return groups, values


def _pair_sums(count: int, groups: list[list[int]], values: list[float]):
    """Every pair of sentences (first < second, in order) that shares a word, and the summed weights of
    the words they share, as numpy arrays.

    All words' pairs are generated at once, one word after another and each word's pairs row by row
    ((s0, s1), (s0, s2), ..., (s1, s2), ...): a member of a word is the first of a pair with each later
    member. np.bincount then adds each pair's weights one by one in that order, the order the scores'
    last bits depend on."""
    import numpy as np

    if not groups:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    sizes = np.array([len(indices) for indices in groups])
    members = np.fromiter(chain.from_iterable(groups), dtype=int, count=int(sizes.sum()))
    position = np.arange(len(members))
    later = np.repeat(np.cumsum(sizes), sizes) - position - 1
    first = np.repeat(members, later)
    pair_starts = np.cumsum(later) - later
    second = members[np.arange(len(first)) + np.repeat(position + 1 - pair_starts, later)]
    pair_values = np.repeat(np.array(values), sizes * (sizes - 1) // 2)
    # Every weight is positive, so the pairs that share a word are exactly those with a nonzero sum.
    sums = np.bincount(first * count + second, weights=pair_values)
    pairs = np.flatnonzero(sums)
    return pairs // count, pairs % count, sums[pairs]


def _rarity(bags: Sequence[Iterable[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each word in the episode: log(N / sentences that use it)."""
    bags = [frozenset(bag) for bag in bags]
    used: Counter[str] = Counter(chain.from_iterable(bags))
    return {word: math.log(len(bags) / count) for word, count in used.items()}


def pagerank(links: Sequence[Mapping[int, float]], damping: float = _DAMPING) -> list[float]:
    """Weighted PageRank of an undirected graph given as node -> {neighbour: weight} maps."""
    import numpy as np

    edges = [(a, b, w) for a, neighbours in enumerate(links) for b, w in neighbours.items() if a < b]
    first = np.array([a for a, _, _ in edges], dtype=int)
    second = np.array([b for _, b, _ in edges], dtype=int)
    return _pagerank(len(links), first, second, np.array([w for _, _, w in edges], dtype=float), damping)


def _pagerank(count: int, first, second, weight, damping: float = _DAMPING) -> list[float]:
    """Power iteration over undirected weighted edges (first[i], second[i], weight[i]). A node with no
    edges shares its rank with all (as if linked to every node), so the scores sum to 1."""
    import numpy as np

    source = np.concatenate([first, second])
    target = np.concatenate([second, first])
    both = np.concatenate([weight, weight])
    out = np.bincount(source, weights=both, minlength=count)
    share = both / np.where(out[source] > 0, out[source], 1.0)
    isolated = out == 0
    scores = np.full(count, 1.0 / count)
    for _ in range(_ITERATIONS):
        dangling = scores[isolated].sum() / count
        received = np.bincount(target, weights=scores[source] * share, minlength=count)
        new = (1 - damping) / count + damping * (dangling + received)
        done = np.abs(new - scores).max() < _TOLERANCE
        scores = new
        if done:
            break
    return scores.tolist()


# Up to this many sentences are ranked in plain lists: numpy's cost of about a microsecond a call
# outweighs such small work.
_FEW = 16
# numpy adds fewer than 8 numbers one after another (more, pairwise): the lists add the ranks of the
# isolated sentences (linked to none) the same way only when there are fewer.
_SEQUENTIAL_SUM = 8


def _pair_sums_in_lists(groups: list[list[int]], values: list[float]) -> tuple[list[int], list[int], list[float]]:
    """_pair_sums in plain lists: each pair's weights added in the same order, so the same sums."""
    sums: dict[tuple[int, int], float] = {}
    for indices, value in zip(groups, values):
        for at, first in enumerate(indices):
            for second in indices[at + 1 :]:
                sums[first, second] = sums.get((first, second), 0.0) + value
    pairs = sorted(sums)
    return [a for a, _ in pairs], [b for _, b in pairs], [sums[pair] for pair in pairs]


def _pagerank_in_lists(count: int, first: list[int], second: list[int], weight: list[float]) -> list[float]:
    """_pagerank in plain lists, with the same operations on the same numbers in the same order
    (np.bincount adds one by one in array order), so the same scores to the last bit. Only for fewer
    than _SEQUENTIAL_SUM isolated nodes, whose ranks numpy then adds one after another too."""
    source, target, both = first + second, second + first, weight + weight
    out = [0.0] * count
    for node, value in zip(source, both):
        out[node] += value
    links = [(a, b, value / (out[a] if out[a] > 0 else 1.0)) for a, b, value in zip(source, target, both)]
    isolated = [node for node in range(count) if out[node] == 0]
    damping = _DAMPING
    base = (1 - damping) / count
    scores = [1.0 / count] * count
    for _ in range(_ITERATIONS):
        dangling = 0.0
        for node in isolated:
            dangling += scores[node]
        dangling /= count
        received = [0.0] * count
        for a, b, share in links:
            received[b] += scores[a] * share
        new = [base + damping * (dangling + value) for value in received]
        done = max(map(abs, map(operator.sub, new, scores))) < _TOLERANCE
        scores = new
        if done:
            break
    return scores


def select(
    candidates: Sequence[_Candidate],
    scores: Sequence[float],
    count: int,
    max_chars: int,
    part_of: Callable[[int], int] | None = None,
) -> list[_Candidate]:
    """The best-ranked sentences, at most `count` and `max_chars` (at least one), skipping any that repeat
    one already taken (or, with `part_of`, come from a part already used); in transcript order."""
    def position(candidate: _Candidate) -> tuple[int, int]:
        return candidate.parts[0].line, candidate.parts[0].start

    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], position(candidates[i])))
    chosen: list[_Candidate] = []
    length = 0
    for index in order:
        if len(chosen) >= count:
            break
        candidate = candidates[index]
        if chosen and length + candidate.chars > max_chars:
            continue
        if any(_overlap(candidate.words, other.words) > _REPEAT for other in chosen):
            continue
        if part_of and any(part_of(candidate.parts[0].line) == part_of(other.parts[0].line) for other in chosen):
            continue
        chosen.append(candidate)
        length += candidate.chars
    return sorted(chosen, key=position)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


# ---------------------------------------------------------------------------------------------------
# English names beside Chinese ones.


class _EnglishNames:
    """Adds the English name after the first Chinese form of each name in a summary sentence."""

    def __init__(self, analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention]):
        self.text_of = {item.line.number: item.line.text for item in analyzed}
        self.by_line: dict[int, list[Mention]] = {}
        for mention in mentions:
            if mention.english and mention.kind in NAME_KINDS:
                self.by_line.setdefault(mention.line, []).append(mention)

    def sentence(self, candidate: _Candidate) -> SummarySentence:
        shown: set[str] = set()
        annotated = [self._annotated(part, shown) for part in candidate.parts]
        parts = tuple(SummaryPart(*part) for part in candidate.parts)
        return SummarySentence(parts, _joined([p.text for p in parts]), _joined(annotated))

    def _annotated(self, part: _Span, shown: set[str]) -> str:
        """The part with an English name after the first form of each name in the sentence."""
        line_text = self.text_of[part.line]
        pieces, position = [], part.start
        for mention in sorted(self.by_line.get(part.line, ()), key=lambda m: m.start):
            if mention.start < part.start or mention.end > part.end or mention.entity in shown:
                continue
            shown.add(mention.entity or "")
            if _english_follows(line_text, mention.end, mention.english or ""):
                continue  # 鲍勃·麦格鲁（Bob McGrew）: the transcript already says it
            pieces.append(line_text[position : mention.end])
            pieces.append(f"（{mention.english}）")
            position = mention.end
        pieces.append(line_text[position : part.end])
        return "".join(pieces)


def _joined(texts: Sequence[str]) -> str:
    """Phrases of consecutive lines as one sentence: a comma where a line break stood for a pause."""
    joined = ""
    for text in texts:
        if joined and not _PAUSED.search(joined):
            joined += "，"
        joined += text
    return joined


def _english_follows(text: str, end: int, english: str) -> bool:
    following = text[end : end + len(english) + 3].lstrip(" （(")
    return following.lower().startswith(english.lower())


# ---------------------------------------------------------------------------------------------------
# Keywords and names.


_KEYWORD_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "ng"})


def keywords(analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], count: int) -> tuple[Keyword, ...]:
    """The episode's keywords by TF-IDF over its own words (names whole, as the segmenter cut them),
    with the English of a glossary term and the lines each occurs on."""
    if count <= 0:
        return ()
    # Nouns, verbal nouns and the glossary's names and terms make keywords; 聊聊 or 想一想 do not.
    analysis_of = {item.line.number: item.analysis for item in analyzed}
    named = {analysis_of[m.line][m.start : m.end] for m in mentions if m.line in analysis_of}
    # A word's tag depends on the word alone: count the words, then tag each distinct word once.
    occurrences = Counter(token.text for item in analyzed for token in item.tokens)
    tagged = {(text, _keyword_tag(text, named)): times for text, times in occurrences.items()}
    weights = tfidf_of_counts(tagged, _KEYWORD_TAGS)
    weighted = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:count]
    english: dict[str, str] = {}
    for mention in mentions:
        if mention.english and mention.line in analysis_of:
            english.setdefault(analysis_of[mention.line][mention.start : mention.end], mention.english)
    # The lines of every keyword in one pass over the transcript (not one pass per keyword).
    lines_of: dict[str, list[int]] = {word: [] for word, _ in weighted}
    for item in analyzed:
        for word in {token.text for token in item.tokens if token.text in lines_of}:
            lines_of[word].append(item.line.number)
    found = []
    for word, weight in weighted:
        found.append(Keyword(word, english.get(word), round(weight, 4), tuple(lines_of[word])))
    return tuple(found)


def _keyword_tag(text: str, named: Collection[str]) -> str:
    """A word's tag for the keywords' TF-IDF: "nz" for a name, jieba's tag for a noun, else "x"."""
    if len(text.strip()) < 2 or text.lower() in stop_words():
        # tfidf_of_counts drops the word whatever its tag: spare the lookup in jieba's large dictionary.
        return "x"
    if text in named:
        return "nz"
    return topic_word_tag(text) or "x"


def named_in_episode(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    cues: Sequence[Cue],
    speakers: Sequence[Speaker] = (),
) -> tuple[NamedInEpisode, ...]:
    """People, organisations, products and places the episode names, in order of first appearance, with
    the time of the cue that first shows them. Speakers the glossary does not know (a Chinese name
    before a speech verb) are people too, without an English name."""
    lines_of: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.line, m.start)):
        if mention.entity and mention.kind in NAME_KINDS:
            lines_of.setdefault(mention.entity, []).append(mention)
    found = []
    for entity, named in lines_of.items():
        first = named[0]
        fullest = max(named, key=lambda m: len(m.text)).text
        found.append(
            NamedInEpisode(
                id=entity,
                english=first.english,
                chinese=fullest,
                kind=first.kind or "term",
                first_line=first.line,
                first_ms=_first_time(cues, first.line, first.start),
                lines=tuple(dict.fromkeys(m.line for m in named)),
            )
        )
    for speaker in speakers:
        if speaker.id in lines_of or not speaker.named_in or speaker.id == "host":
            continue
        # A person the names stage could only flag (no glossary entry): the speakers stage knows them.
        first_line = speaker.named_in[0]
        found.append(
            NamedInEpisode(
                id=speaker.id,
                english=speaker.english,
                chinese=speaker.chinese or speaker.id,
                kind="person",
                first_line=first_line,
                first_ms=_first_time(cues, first_line, _offset(analyzed, first_line, speaker.chinese)),
                lines=speaker.named_in,
            )
        )
    found.sort(key=lambda n: (n.first_line, n.id))
    return tuple(found)


def _offset(analyzed: Sequence[AnalyzedLine], line: int, text: str | None) -> int:
    for item in analyzed:
        if item.line.number == line and text:
            return max(0, item.line.text.find(text))
    return 0


def _first_time(cues: Sequence[Cue], line: int, offset: int) -> int | None:
    """Start of the cue that shows character `offset` of `line` (its first cue if spans are unknown)."""
    of_line = [cue for cue in cues if line in cue.source_lines]
    for cue in of_line:
        if cue.span is not None and cue.span[0] <= offset < cue.span[1]:
            return cue.start_ms
    if of_line:
        return of_line[0].start_ms
    later = [cue for cue in cues if cue.source_lines and cue.source_lines[0] > line]
    return later[0].start_ms if later else None
