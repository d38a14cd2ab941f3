"""Scoring found mentions and speakers against hand-made gold lists (used by the benchmarks' eval scripts and the
tests)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from subpipe.glossary import Glossary, GlossaryFile, glossary_files, glossary_from_files
from subpipe.model import Episode, Mention, Speaker
from subpipe.speakers import HOST

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


# -- speakers --------------------------------------------------------------------------------------

_ROOT = Path(__file__).resolve().parents[1]
CORPUS = _ROOT.parent / "shared" / "corpus"
SHARED_TRANSCRIPT = CORPUS / "o1-team-interview.txt"
SHARED_SPEAKERS_GOLD = _ROOT / "tests" / "data" / "o1_speakers_gold.json"
SHARED_GLOSSARY = _ROOT / "tests" / "data" / "o1_team_glossary.csv"
DEV_SPEAKERS_GOLD = _ROOT / "benchmarks" / "gold" / "speakers"
UNNAMED_PREFIX = "unnamed-"


@dataclass(frozen=True)
class GoldFile:
    stem: str
    transcript: Path
    speakers: dict[int, str]  # line -> host | English name | unknown
    forms: dict[str, frozenset[str]]  # gold speaker -> the forms the gold lists for them
    user_glossary: GlossaryFile | None  # (name, CSV bytes): what a user of the show would give

    def glossary(self, *, with_user: bool) -> Glossary:
        """The shipped glossary, and this file's user glossary after it when `with_user`."""
        extra = (self.user_glossary,) if with_user and self.user_glossary else ()
        return glossary_from_files(glossary_files([]) + extra)


def gold_files() -> list[GoldFile]:
    """The shared transcript first, then the dev narrations."""
    shared = json.loads(SHARED_SPEAKERS_GOLD.read_text(encoding="utf-8"))
    team = (SHARED_GLOSSARY.name, SHARED_GLOSSARY.read_bytes())
    files = [GoldFile("o1-team-interview", SHARED_TRANSCRIPT, _lines(shared), {}, team)]
    for path in sorted(DEV_SPEAKERS_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        forms = {name: _listed_forms(name, written) for name, written in gold.get("people", {}).items()}
        files.append(GoldFile(path.stem, CORPUS / gold["source"], _lines(gold), forms, _user_glossary(path.stem, gold)))
    return files


def _lines(gold: dict) -> dict[int, str]:
    return {int(number): who for number, who in gold["speakers"].items()}


def _listed_forms(name: str, written: str) -> frozenset[str]:
    """`"达利奥·阿莫代伊; 达利奥 (first name)"` -> the forms, without the remarks in brackets."""
    forms = {re.sub(r"\s*\(.*?\)\s*", "", form).strip() for form in written.split(";")}
    return frozenset(form for form in forms | {name} if form)


def _user_glossary(stem: str, gold: dict) -> GlossaryFile | None:
    """A gold file's `user_glossary` rows as a CSV glossary file held in memory."""
    rows = gold.get("user_glossary")
    if not rows:
        return None
    out = io.StringIO()
    writer = csv.DictWriter(out, ["chinese", "english", "type"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: row[key] for key in ("chinese", "english", "type")} for row in rows)
    return f"{stem}-user-glossary.csv", out.getvalue().encode("utf-8")


def label_of(speaker: Speaker, gold: GoldFile) -> str:
    """The gold's label for one of subpipe's speakers (the rules in benchmarks/speakers_eval.py's docstring)."""
    if speaker.id == HOST:
        return "host"
    if speaker.id.startswith(UNNAMED_PREFIX):
        return "unknown"
    names = {name.casefold(): name for name in set(gold.speakers.values()) | set(gold.forms)}
    if speaker.english and speaker.english.casefold() in names:
        return names[speaker.english.casefold()]
    for name, forms in gold.forms.items():
        if {speaker.chinese, speaker.id} & forms:
            return name
    return speaker.english or speaker.chinese or speaker.id


def speaker_labels(episode: Episode, gold: GoldFile) -> dict[int, str]:
    """Line -> the gold's label for subpipe's speaker of that line."""
    label = {speaker.id: label_of(speaker, gold) for speaker in episode.speakers}
    return {number: label[speaker] for number, speaker in episode.speaker_of_line.items()}


def accuracy(found: dict[int, str], gold: dict[int, str]) -> float:
    return right(found, gold) / len(gold)


def right(found: dict[int, str], gold: dict[int, str]) -> int:
    return sum(found.get(number) == who for number, who in gold.items())
