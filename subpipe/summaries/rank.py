"""TextRank: sentences ranked by how central they are (a PageRank over sentences linked by the
content words they share, rarer words weighing more)."""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

_DAMPING = 0.85
_ITERATIONS = 100
_TOLERANCE = 1e-9

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
    the sentences, so scores from different blocks compare (each block's scores sum to its share).
    `bags` are read a block at a time (a slice each), so a sequence may make them as they are read."""
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
    and its weight, in the order words first occur (sentence by sentence, each sentence's words in
    sorted order): an inverted index word -> sentences, so that only pairs that share a word are ever
    visited.

    A sentence's own words are taken in sorted order, not a set's: a set's order follows the strings'
    hashes, which differ from one process to the next, and the order of the words is the order their
    weights are summed in, whose last bits break ties between sentences said the same way twice."""
    postings: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in sorted(words):
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
    index = np.int32 if count < 2**31 else np.int64  # 4 bytes a pair's sentence, not 8
    return (pairs // count).astype(index), (pairs % count).astype(index), sums[pairs]


def rarity(bags: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each word in the episode: log(N / sentences that use it)."""
    used: Counter[str] = Counter()
    sentences = 0
    for bag in bags:  # one bag's set at a time: an episode has tens of thousands of sentences
        used.update(frozenset(bag))
        sentences += 1
    return {word: math.log(sentences / count) for word, count in used.items()}


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

    # The edges are an episode's largest arrays while it is summarised (issue 20): indexes in 4 bytes, and
    # each step's products written into one array made once. The arithmetic is the same, operation for
    # operation, so the scores are too.
    index = np.int32 if count < 2**31 else np.int64
    source = np.concatenate([first, second]).astype(index, copy=False)
    target = np.concatenate([second, first]).astype(index, copy=False)
    both = np.concatenate([weight, weight])
    # Floats even with no edge at all (numpy then counts in integers).
    out = np.bincount(source, weights=both, minlength=count).astype(float, copy=False)
    share = out[source]
    share[~(share > 0)] = 1.0
    np.divide(both, share, out=share)
    del both
    isolated = out == 0
    scores = np.full(count, 1.0 / count)
    moved = np.empty_like(share)
    for _ in range(_ITERATIONS):
        dangling = scores[isolated].sum() / count
        np.take(scores, source, out=moved)
        np.multiply(moved, share, out=moved)
        received = np.bincount(target, weights=moved, minlength=count)
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
