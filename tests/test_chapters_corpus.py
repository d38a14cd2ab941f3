"""Chapters of the shared o1 transcript against a hand-made gold segmentation (tests/data/o1_chapters_gold.json).

Pk and WindowDiff (nltk) count how often a window of k lines is judged wrongly as holding a boundary or not;
lower is better. subpipe must beat a uniform split into the same number of chapters, clearly, on both.
benchmarks/chapters_eval.py prints the same numbers and more; docs/chapters.md reports them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nltk.metrics.segmentation import pk, windowdiff

from subpipe.converter import process_file

GOLD = Path(__file__).parent / "data" / "o1_chapters_gold.json"
CLEAR_MARGIN = 0.05  # "beats" means by at least this much on both metrics, not by noise


@pytest.fixture(scope="module")
def episode(corpus_path):
    return process_file(corpus_path)


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def boundaries(first_lines: list[int], numbers: list[int]) -> str:
    """nltk's form: a character per line, "1" where a chapter ends after that line."""
    starts = set(first_lines)
    return "".join("1" if number in starts else "0" for number in numbers[1:]) + "0"


def test_the_gold_segmentation_is_well_formed(gold, episode):
    numbers = [line.number for line in episode.transcript.lines]
    lines = [b["line"] for b in gold["boundaries"]]
    assert gold["lines"] == len(numbers) and lines == sorted(set(lines))
    assert all(line in numbers and line != numbers[0] for line in lines)
    assert all(b["reason"].strip() and "\n" not in b["reason"] for b in gold["boundaries"] + gold["considered"])


def test_chapters_beat_a_uniform_split_on_pk_and_windowdiff(gold, episode):
    numbers = [line.number for line in episode.transcript.lines]
    reference = boundaries([b["line"] for b in gold["boundaries"]], numbers)
    found = boundaries([c.line for c in episode.chapters[1:]], numbers)
    count = len(episode.chapters)
    uniform = boundaries([numbers[round(i * len(numbers) / count)] for i in range(1, count)], numbers)
    k = round(len(reference) / (2 * (reference.count("1") + 1)))
    ours = pk(reference, found, k), windowdiff(reference, found, k)
    baseline = pk(reference, uniform, k), windowdiff(reference, uniform, k)
    assert count >= 3
    assert ours[0] <= baseline[0] - CLEAR_MARGIN, (ours, baseline)
    assert ours[1] <= baseline[1] - CLEAR_MARGIN, (ours, baseline)


def test_every_chapter_points_at_its_line_and_has_a_title(episode):
    starts = {}
    for cue in episode.cues:
        for number in cue.source_lines:
            starts.setdefault(number, cue.start_ms)
    assert episode.chapters[0].line == 1 and episode.chapters[0].start_ms == 0
    for chapter in episode.chapters[1:]:
        assert chapter.start_ms == starts[chapter.line]
    assert all(chapter.title and chapter.keywords for chapter in episode.chapters)
    # The interview introduces its people by name: their English names stand beside the Chinese ones.
    assert sum("（" in c.title and any(ch.isascii() and ch.isalpha() for ch in c.title) for c in episode.chapters) >= 3
    lengths = [b.start_ms - a.start_ms for a, b in zip(episode.chapters, episode.chapters[1:])]
    assert min(lengths) >= 20_000
