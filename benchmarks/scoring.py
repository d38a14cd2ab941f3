"""Scoring found mentions against a hand-made gold list (used by the benchmarks' eval scripts and the tests)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from subpipe.model import Mention

NAMED_KINDS = frozenset({"person", "org", "product", "place"})

# A gold row: [line, text, english] or [line, text, english, kind]; `english` is one name or a list of
# the accepted forms (a Taiwanese name in its passport form and in the order its bearer publishes it).
GoldRow = Sequence[object]


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

    def __add__(self, other: "Score") -> "Score":
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.missed + other.missed,
        )


def accepted_forms(english: str | Sequence[str]) -> tuple[str, ...]:
    """A gold row's English as a tuple of accepted forms (one name or a list of them)."""
    return (english,) if isinstance(english, str) else tuple(english)


def score_mentions(
    mentions: Iterable[Mention], gold: Sequence[GoldRow], kinds: Collection[str] = NAMED_KINDS
) -> Score:
    """A found mention of one of `kinds` counts when its line and text match a gold row and its English
    name is one that row accepts (compared without case: NVIDIA and Nvidia are one spelling). Gold rows
    are [line, text, english] or [line, text, english, kind]; only their first three fields are read."""
    found = [(m.line, m.text, (m.english or "").casefold()) for m in mentions if m.kind in kinds]
    remaining = [
        (row[0], row[1], tuple(form.casefold() for form in accepted_forms(row[2]))) for row in gold
    ]
    hits, wrong = 0, []
    for line, text, english in found:
        match = next(
            (row for row in remaining if row[0] == line and row[1] == text and english in row[2]), None
        )
        if match is not None:
            remaining.remove(match)
            hits += 1
        else:
            wrong.append((line, text, english))
    missed = tuple((line, text, " | ".join(forms)) for line, text, forms in remaining)
    return Score(hits, tuple(wrong), missed)


def score_person_mentions(mentions: Iterable[Mention], gold: Sequence[GoldRow]) -> Score:
    return score_mentions(mentions, gold, kinds=("person",))


_CJK = re.compile(r"[\u3400-\u9fff]")


def glossary_with_user_rows(rows: Sequence[dict]):
    """The shipped glossary and, after it, a gold file's `user_glossary` rows (chinese, english, type),
    written to a CSV file and read as a user's glossary is."""
    import csv
    import tempfile

    from subpipe.glossary import load_glossaries

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, ["chinese", "english", "type"])
            writer.writeheader()
            writer.writerows(rows)
        return load_glossaries([path])


def evaluate_gold_file(path: str | Path, gold: dict, kinds: Collection[str] = NAMED_KINDS) -> Score:
    """Run subpipe on a transcript with the shipped glossary plus the gold's `user_glossary`, and score
    its mentions against the gold's `mentions` ([line, text, english, kind] rows). Names written only
    in Latin letters are left out: subpipe aligns Chinese forms."""
    from subpipe.converter import process_file
    from subpipe.glossary import Entry, build_glossary, make_entry_id, read_glossary_file, shipped_glossary_paths

    user = [
        Entry(id=make_entry_id(row["english"]), english=row["english"], kind=row["type"], chinese=(row["chinese"],))
        for row in gold["user_glossary"]
    ]
    shipped = [entry for shipped_path in shipped_glossary_paths() for entry in read_glossary_file(shipped_path)]
    episode = process_file(path, glossary=build_glossary(shipped + user))
    expected = [
        (line, text, english) for line, text, english, kind in gold["mentions"] if kind in kinds and _CJK.search(text)
    ]
    return score_mentions(episode.mentions, expected, kinds)
