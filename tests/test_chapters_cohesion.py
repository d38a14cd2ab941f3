"""Lexical cohesion: the sliding windows' running sums agree with the similarity computed from scratch.

`cohesion` keeps the dot product and norms up to date as lines join and leave the two windows (fast, but
easy to get subtly wrong); this test builds each gap's windows from their definition and compares.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from subpipe.chapters.boundaries import _WindowLines, cohesion, content_word
from subpipe.text.keywords import idf_table
from subpipe.model import AnalyzedLine, Line, Token

# Content words (two characters or more, not stop words), Latin ones in two spellings that count as one.
WORDS = ["足球", "球员", "教练", "厨房", "菜谱", "酱油", "股票", "银行", "基金", "模型", "GPT", "gpt", "推理"]
FILLER = ["的", "我们", "，", " "]  # never content words


def random_lines(seed: int, count: int) -> list[AnalyzedLine]:
    chooser = random.Random(seed)
    lines = []
    for number in range(1, count + 1):
        here = chooser.sample(WORDS, 3) + FILLER  # few words a line, so that some come more than once
        texts = [chooser.choice(here) for _ in range(chooser.randint(0, 10))]
        tokens, offset = [], 0
        for text in texts:
            tokens.append(Token(text, offset, offset + len(text)))
            offset += len(text)
        lines.append(AnalyzedLine(Line(number, "".join(texts)), "".join(texts), tuple(tokens)))
    return lines


def from_scratch(left: Counter[str], right: Counter[str]) -> float:
    weight, default = idf_table()

    def w(word: str) -> float:
        return weight.get(word, default)

    dot = sum(left[word] * right[word] * w(word) ** 2 for word in left)
    norms = math.sqrt(sum((c * w(word)) ** 2 for word, c in left.items())) * math.sqrt(
        sum((c * w(word)) ** 2 for word, c in right.items())
    )
    return dot / norms if norms > 1e-12 else 0.0


def windows(sizes: list[int], gap: int, window_words: int) -> tuple[range, range]:
    """The lines on each side of a gap, by definition: the fewest next to it that hold `window_words`
    content words (all there are, when they hold fewer)."""
    first = next((f for f in range(gap - 1, -1, -1) if sum(sizes[f:gap]) >= window_words), 0)
    last = next((l for l in range(gap, len(sizes)) if sum(sizes[gap : l + 1]) >= window_words), len(sizes) - 1)
    return range(first, gap), range(gap, last + 1)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("window_words", [1, 5, 20])
def test_cohesion_is_the_cosine_of_the_two_windows(seed, window_words):
    analyzed = random_lines(seed, 40)
    bags = [Counter(w for w in map(content_word, (t.text for t in item.tokens)) if w) for item in analyzed]
    lines = _WindowLines.of(analyzed)
    assert list(lines.sizes) == [sum(bag.values()) for bag in bags]
    expected = []
    for gap in range(1, len(analyzed)):
        left, right = windows(list(lines.sizes), gap, window_words)
        expected.append(from_scratch(sum((bags[i] for i in left), Counter()), sum((bags[i] for i in right), Counter())))
    assert cohesion(lines, window_words) == pytest.approx(expected, rel=1e-9, abs=1e-12)
