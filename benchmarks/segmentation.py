"""Scoring chapter boundaries against a hand-made gold segmentation (used by chapters_eval.py and the tests).

Everything is counted in source lines, 1 to the file's line count, whatever the reader kept of them: a
Markdown file read as plain text today keeps its `### 名字：` label lines, the Markdown reader will not, and
the figures must mean the same before and after. A gold boundary on a line the transcript does not hold (a
label line, a blank line) moves to the next line it holds, where a chapter found by subpipe would start.

- Pk and WindowDiff (nltk's): how often a window of k lines is judged wrongly as holding a boundary or
  not, k half the mean gold chapter; lower is better.
- Boundary F1: a found boundary matches a gold one within `TOLERANCE` lines, each used once.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nltk.metrics.segmentation import pk, windowdiff

TOLERANCE = 6  # lines either side within which a found boundary matches a gold one

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
DEV_GOLD = REPO / "benchmarks" / "gold" / "chapters"
SHARED_GOLD = REPO / "tests" / "data" / "o1_chapters_gold.json"


@dataclass(frozen=True)
class Gold:
    """A gold segmentation: the transcript, its source line count, and each chapter's first line and title."""

    name: str
    source: Path
    lines: int
    starts: tuple[int, ...]  # first line of every chapter but the first
    titles: tuple[str, ...]  # every chapter's title (empty where the gold gives none)


def dev_golds() -> list[Gold]:
    """The dev gold files (benchmarks/gold/chapters/), in name order."""
    golds = []
    for path in sorted(DEV_GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        chapters = data["chapters"]
        golds.append(
            Gold(
                path.stem,
                CORPUS / data["source"],
                data["lines"],
                tuple(c["line"] for c in chapters[1:]),
                tuple(c["title"] for c in chapters),
            )
        )
    return golds


def shared_gold() -> Gold:
    """The shared transcript's gold (tests/data/o1_chapters_gold.json: boundaries, no titles)."""
    data = json.loads(SHARED_GOLD.read_text(encoding="utf-8"))
    starts = tuple(b["line"] for b in data["boundaries"])
    return Gold("o1-team-interview", CORPUS / "o1-team-interview.txt", data["lines"], starts, ("",) * (len(starts) + 1))


@dataclass(frozen=True)
class Scores:
    pk: float
    windowdiff: float
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def snap(starts: Sequence[int], held: Sequence[int]) -> list[int]:
    """Each boundary moved to the first line at or after it that the transcript holds (`held`, sorted)."""
    snapped = []
    for line in starts:
        at = bisect.bisect_left(held, line)
        if at < len(held) and held[at] > held[0]:
            snapped.append(held[at])
    return sorted(set(snapped))


def window(gold: Gold) -> int:
    """k: half the mean gold chapter, in source lines."""
    return max(1, round(gold.lines / (2 * (len(gold.starts) + 1))))


def score(gold: Gold, found: Sequence[int], held: Sequence[int]) -> Scores:
    """Found chapter starts (every chapter's but the first) against the gold, on source lines."""
    reference = _boundary_string(snap(gold.starts, held), gold.lines)
    hypothesis = _boundary_string(sorted(set(found)), gold.lines)
    k = window(gold)
    matched = _matched(snap(gold.starts, held), sorted(set(found)))
    precision = matched / len(found) if found else 0.0
    recall = matched / len(gold.starts) if gold.starts else 1.0
    return Scores(pk(reference, hypothesis, k), windowdiff(reference, hypothesis, k), precision, recall)


def uniform_split(held: Sequence[int], chapters: int) -> list[int]:
    """First lines of `chapters` chapters holding the same number of transcript lines each (as near as can be)."""
    n = len(held)
    return [held[round(i * n / chapters)] for i in range(1, chapters)]


def _boundary_string(starts: Sequence[int], lines: int) -> str:
    """nltk's form: one character per source line, "1" where a chapter ends after that line."""
    first = set(starts)
    return "".join("1" if number + 1 in first else "0" for number in range(1, lines + 1))


def _matched(gold: Sequence[int], found: Sequence[int]) -> int:
    """How many found boundaries lie within TOLERANCE lines of a gold one, each gold one used once
    (both sorted, so matching in order is the largest matching)."""
    count = 0
    g = 0
    for line in found:
        while g < len(gold) and gold[g] < line - TOLERANCE:
            g += 1
        if g < len(gold) and abs(gold[g] - line) <= TOLERANCE:
            count += 1
            g += 1
    return count
