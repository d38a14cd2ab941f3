"""Lexical cohesion: the sliding windows' running sums agree with the similarity computed from scratch.

`cohesion` keeps the dot product and norms up to date move by move (fast, but easy to get subtly wrong);
these tests rebuild each gap's two windows from `_window_moves` and compare with the plain definition.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from subpipe.chapters import _window_moves, _WindowLines, cohesion, content_word
from subpipe.keywords import idf_table
from subpipe.model import AnalyzedLine, Line, Token

# Content words (two characters or more, not stop words), Latin ones in two spellings that count as one.
WORDS = ["足球", "球员", "教练", "厨房", "菜谱", "酱油", "股票", "银行", "基金", "模型", "GPT", "gpt", "推理"]
FILLER = ["的", "我们", "，", " "]  # never content words


def random_lines(seed: int, count: int) -> list[AnalyzedLine]:
    chooser = random.Random(seed)
    lines = []
    for number in range(1, count + 1):
        texts = [chooser.choice(WORDS + FILLER) for _ in range(chooser.randint(0, 8))]
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


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("window_words", [1, 5, 20])
def test_cohesion_is_the_cosine_of_the_two_windows(seed, window_words):
    analyzed = random_lines(seed, 40)
    bags = [Counter(w for w in map(content_word, (t.text for t in item.tokens)) if w) for item in analyzed]
    lines = _WindowLines.of(analyzed)
    assert list(lines.sizes) == [sum(bag.values()) for bag in bags]
    # Replay the moves on plain counters: each measure is one gap's windows.
    sides = {True: Counter(), False: Counter()}
    expected = []
    for move in _window_moves(lines.sizes, window_words):
        if move is None:
            expected.append(from_scratch(sides[False], sides[True]))
            continue
        line, to_right, sign = move
        for word, count in bags[line].items():
            sides[to_right][word] += sign * count
    found = cohesion(lines, window_words)
    assert len(found) == len(analyzed) - 1
    assert found == pytest.approx(expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("window_words", [1, 7, 30])
def test_the_windows_hold_the_lines_next_to_each_gap(window_words):
    sizes = [random.Random(window_words).randint(0, 6) for _ in range(50)]
    held: dict[bool, Counter[int]] = {True: Counter(), False: Counter()}
    gap = 0
    for move in _window_moves(sizes, window_words):
        if move is None:
            gap += 1
            left = sorted(held[False].elements())
            right = sorted(held[True].elements())
            # Consecutive lines, the left ending just before the gap and the right starting at it.
            assert left == list(range(left[0], gap)) and right == list(range(gap, right[-1] + 1))
            # As few lines as hold the window's words: one line fewer on either side would not.
            assert sum(sizes[i] for i in left[1:]) < window_words
            assert len(right) == 1 or sum(sizes[i] for i in right[:-1]) < window_words
            continue
        line, to_right, sign = move
        held[to_right][line] += sign
        assert held[to_right][line] in (0, 1)
        held[to_right] = +held[to_right]
    assert gap == len(sizes) - 1
