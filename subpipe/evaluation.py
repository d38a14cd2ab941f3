"""Scoring found mentions against a hand-made gold list (used by tests and benchmarks/names_eval.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Mention


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: tuple[tuple[int, str, str | None], ...]
    missed: tuple[tuple[int, str, str], ...]

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + len(self.missed)
        return self.true_positives / gold if gold else 1.0


def score_person_mentions(mentions: Iterable[Mention], gold: Sequence[tuple[int, str, str]]) -> Score:
    """A found person mention counts when its line, text and English name all match a gold one."""
    found = [(m.line, m.text, m.english) for m in mentions if m.kind == "person"]
    remaining = list(gold)
    hits, wrong = 0, []
    for item in found:
        if item in remaining:
            remaining.remove(item)
            hits += 1
        else:
            wrong.append(item)
    return Score(hits, tuple(wrong), tuple(remaining))
