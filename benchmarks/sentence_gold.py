"""Sentence-end gold (benchmarks/gold/sentences, README there) read against subpipe's lines.

Gold columns are offsets into the lines as stored; subpipe's `Line.text` may be tidied (edge spaces), so
positions are mapped through each line's offset in the stored line. A position is compared after
skipping the marks and spaces that follow it: an end just before a comma and one just after it are the
same end, and an end at the last text of a line is the line's end.

Markdown dialogues: until subpipe reads Markdown structure, its lines include headings and speaker
labels; the gold holds no ends there. Lines the gold does not count as speech (headings, blockquotes,
blank lines, front matter) are left out of every score here, as are lines subpipe does not read as speech.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD_DIR = ROOT / "benchmarks" / "gold" / "sentences"
SHARED_GOLD = ROOT / "tests" / "data" / "o1_sentences_gold.json"

_SKIPPED = re.compile(r"[\s，,。．.！!？?；;：:、…—\-”」』’\"')）》]")
LINE_END = 10**9  # the column of a line's end, whatever its length


@dataclass
class GoldFile:
    name: str
    path: Path
    raw_lines: list[str]
    ends: set[tuple[int, int]]  # normalised (line, column), column LINE_END for a line's end
    speech_lines: set[int]  # lines the gold counts as speech

    def normalise(self, line: int, column: int) -> tuple[int, int]:
        return line, normalised_column(self.raw_lines[line - 1], column)

    def starts(self) -> set[tuple[int, int]]:
        """Where the gold's sentences start, as normalised positions (a line's end stands for the next
        speech line's start, written (next line, 0))."""
        ordered = sorted(self.speech_lines)
        following = {a: b for a, b in zip(ordered, ordered[1:])}
        found = {(ordered[0], normalised_column(self.raw_lines[ordered[0] - 1], 0, leading=True))} if ordered else set()
        for line, column in self.ends:
            if column == LINE_END:
                if line in following:
                    nxt = following[line]
                    found.add((nxt, normalised_column(self.raw_lines[nxt - 1], 0, leading=True)))
            else:
                found.add((line, column))
        return found


def normalised_column(raw: str, column: int, leading: bool = False) -> int:
    """`column` moved past the marks and spaces after it; LINE_END if only they follow. With `leading`
    (a start of line) the same, but a line of nothing else is still its start."""
    while column < len(raw) and _SKIPPED.match(raw[column]):
        column += 1
    return LINE_END if column >= len(raw) and not leading else column


def load_gold(path: Path) -> GoldFile:
    data = json.loads(path.read_text(encoding="utf-8"))
    source = CORPUS / data["source"]
    raw_lines = source.read_text(encoding="utf-8").split("\n")
    markdown = source.suffix == ".md"
    speech = {n for n, line in enumerate(raw_lines, 1) if _is_gold_speech(line, markdown)}
    if markdown and raw_lines and raw_lines[0].strip() == "---":  # front matter
        closing = next((n for n, line in enumerate(raw_lines[1:], 2) if line.strip() == "---"), 1)
        speech -= set(range(1, closing + 1))
    gold = GoldFile(source.stem, source, raw_lines, set(), speech)
    for end in data["ends"]:
        line = end[0]
        gold.ends.add((line, LINE_END) if len(end) == 1 else gold.normalise(line, end[1]))
    return gold


def all_gold(include_shared: bool = True) -> list[GoldFile]:
    files = [load_gold(path) for path in sorted(GOLD_DIR.glob("*.json"))]
    if include_shared and SHARED_GOLD.exists():
        files.append(load_gold(SHARED_GOLD))
    return files


def _is_gold_speech(line: str, markdown: bool) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if markdown and (stripped.startswith("#") or stripped.startswith(">") or stripped.startswith("![")):
        return False
    return True


def raw_offset(raw: str, text: str) -> int:
    """Where subpipe's tidied text of a line starts in the stored line."""
    at = raw.find(text)
    if at >= 0:
        return at
    at = raw.find(text[:8])
    return max(at, 0)
