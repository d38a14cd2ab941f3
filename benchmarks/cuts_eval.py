"""Where subpipe cuts lines, judged on real transcripts by rules and segmenters it does not use itself.

    python benchmarks/cuts_eval.py [--files N] [--json OUT]

Inputs: the shared transcript and every file of ../shared/corpus/dev/ (the Markdown dialogues and
speeches are read as plain text today, as subpipe reads them). Each is converted with the defaults
(shipped glossary); a *cut* is a place where a source line is split: between two cues of one line,
or between the two lines of one cue. Both files are judged: the Chinese subtitles (`zh.srt`, two
lines a cue) and the Chinese line of the bilingual file (`zh-en.srt`, one line a cue).

A cut is bad when it falls

- `span`: inside a bracketed, quoted or 《》 span (brackets included) that would fit on one line,
- `opening`: so that a line opens with closing punctuation, or with a closing particle (的 了 吗 呢 吧
  啊 着 …) that THULAC reads as a word of its own (so 的确 or 了解 opening a line is no fault) and that
  does not follow a comma, full stop or other pause mark (there it opens a clause: ，喔，),
- `orphan`: so that a cue of one or two characters is cut from a longer line while a neighbouring cue
  of the same line has room for it (the cut before it, or after it when it is the line's first cue),
- `thulac` / `jieba`: inside a word, by THULAC's bundled model (`thulac` package, segmentation only)
  or by jieba's plain dictionary without subpipe's glossary (a fresh `jieba.Tokenizer`, HMM on), both
  run on the Simplified analysis text of the line. THULAC glues Latin letters and punctuation to the
  Chinese beside them (班萨尔Trapit, 」然后); its words are split where the kind of character changes,
  unless jieba's dictionary knows the whole (B站).

`bad` counts a cut once whatever kinds it has. THULAC's answers are cached in the temp folder.

To measure another checkout (the figures before a change), point `SUBPIPE_TREE` at it:
`SUBPIPE_TREE=../main python benchmarks/cuts_eval.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import logging
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The subpipe measured: this checkout, or another one named by SUBPIPE_TREE.
sys.path.insert(0, os.environ.get("SUBPIPE_TREE", str(ROOT)))

from subpipe import Converter  # noqa: E402
from subpipe.formats import read_transcript  # noqa: E402
from subpipe.model import Cue, Episode  # noqa: E402
from subpipe.text.script import to_analysis  # noqa: E402
from subpipe.text.width import display_width  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
DEV = SHARED / "dev"
KINDS = ("span", "opening", "orphan", "thulac", "jieba")

_CLOSING_MARKS = set("，。、；：？！）》〉」』】”’…—%,.;:?!)]}～~")
# Closing particles, in both scripts (the opening check reads the source line).
_PARTICLES = set("的了吗呢吧啊着呀啦嘛么哦喔呗过地得们之嗎們麼")
_PAIRS = ("（）", "()", "《》", "〈〉", "“”", "‘’", "「」", "『』", "【】", '""')
_SKIPPED = set(" \t，。､｡,.")
_PAUSES = set("，。、；：？！,;:?!")


def inputs() -> list[Path]:
    dev = sorted(p for p in DEV.rglob("*") if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    return [SHARED / "o1-team-interview.txt", *dev]


@dataclass
class Tally:
    cuts: int = 0
    kinds: Counter = field(default_factory=Counter)
    bad: int = 0
    examples: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.cuts += other.cuts
        self.kinds.update(other.kinds)
        self.bad += other.bad

    def rate(self) -> float:
        return self.bad / self.cuts if self.cuts else 0.0


class Judges:
    """THULAC and plain jieba word boundaries of a text (Simplified), THULAC's kept on disk."""

    def __init__(self):
        import jieba
        import thulac

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self._thulac = thulac.thulac(seg_only=True)
        self._cache_path = Path(tempfile.gettempdir()) / "subpipe-cuts-eval-thulac.json"
        try:
            self._cache = json.loads(self._cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._cache = {}

    def save(self) -> None:
        self._cache_path.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")

    def thulac_words(self, text: str) -> list[tuple[int, int]]:
        key = hashlib.sha1(text.encode()).hexdigest()
        if key not in self._cache:
            words = [w for w, _ in self._thulac.cut(text)]
            self._cache[key] = words
        return [part for span in _spans(text, self._cache[key]) for part in self._one_script(text, *span)]

    def _one_script(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """THULAC glues Latin and punctuation to the Chinese beside it (班萨尔Trapit, B或者, 」然后); such a
        word is split where the kind of character changes, unless jieba's dictionary knows it whole (B站)."""
        word = text[start:end]
        if word in self._jieba.FREQ or len({_kind(c) for c in word}) == 1:
            return [(start, end)]
        parts, at = [], start
        for index in range(start + 1, end):
            if _kind(text[index]) != _kind(text[index - 1]):
                parts.append((at, index))
                at = index
        return parts + [(at, end)]

    def jieba_words(self, text: str) -> list[tuple[int, int]]:
        return [(start, end) for _, start, end in self._jieba.tokenize(text)]


def _kind(char: str) -> str:
    """Latin letter or digit, punctuation or symbol, or anything else (Chinese)."""
    if char.isascii() and char.isalnum():
        return "latin"
    return "mark" if unicodedata.category(char)[0] in "PSZ" else "word"


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Offsets of `words` in `text` (THULAC drops spaces, so each word is looked for from the last end)."""
    spans, at = [], 0
    for word in words:
        found = text.find(word, at)
        if found < 0:
            continue
        spans.append((found, found + len(word)))
        at = found + len(word)
    return spans


def line_starts(text: str, cue: Cue) -> list[int] | None:
    """Source offsets where each shown Chinese line of `cue` starts (None if the text does not match)."""
    start, end = cue.span
    at = start
    starts = []
    for shown in cue.text_lines:
        starts.append(None)
        for char in shown:
            if char == " ":
                continue
            while at < end and text[at] in _SKIPPED and text[at] != char:
                at += 1
            if at >= end or text[at] != char:
                return None
            if starts[-1] is None:
                starts[-1] = at
            at += 1
    return starts


def fitting_spans(text: str, width: float) -> list[tuple[int, int]]:
    """Bracketed, quoted and titled spans that fit a line. Found here, not with the shaper's code: each
    kind of mark is paired on its own (straight quotes in order of appearance)."""
    spans = []
    for opening, closing in _PAIRS:
        opened: list[int] = []
        for index, char in enumerate(text):
            if char == opening and (opening != closing or not opened):
                opened.append(index)
            elif char == closing and opened:
                spans.append((opened.pop(), index + 1))
    return [(a, b) for a, b in spans if display_width(text[a:b].replace("，", " ").replace("。", " ")) <= width]


def judge_episode(episode: Episode, chinese_lines: int, judges: Judges, width: float) -> Tally:
    tally = Tally()
    by_line: dict[int, list[Cue]] = {}
    for cue in episode.bilingual_cues if chinese_lines == 1 else episode.cues:
        by_line.setdefault(cue.source_lines[0], []).append(cue)
    lines = {line.number: line for line in episode.transcript.lines}
    for number, cues in by_line.items():
        text = lines[number].text
        analysis = to_analysis(text, episode.transcript.script)
        # Each cut: its source offset, and the shown text after it (the line it opens).
        cuts: list[tuple[int, str]] = []
        for index, cue in enumerate(cues):
            shown = cue.text_lines[:chinese_lines]
            starts = line_starts(text, Cue(cue.index, cue.start_ms, cue.end_ms, shown, cue.source_lines, cue.span))
            if starts is None:
                raise SystemExit(f"{episode.name}:{number}: cue text does not match its source: {shown}")
            for line_index, offset in enumerate(starts):
                if index == 0 and line_index == 0:
                    continue
                cuts.append((offset, shown[line_index]))
        if not cuts:
            continue
        spans = fitting_spans(text, width)
        thulac_words = judges.thulac_words(analysis)
        jieba_words = judges.jieba_words(analysis)
        orphans = set()
        widths = [display_width("".join(cue.text_lines[:chinese_lines])) for cue in cues]
        for index, cue in enumerate(cues):
            content = "".join(c for c in "".join(cue.text_lines[:chinese_lines]) if c not in _SKIPPED)
            neighbours = [widths[i] for i in (index - 1, index + 1) if 0 <= i < len(cues)]
            # Only when a neighbour has room for it (one line, or two, of the line width).
            if display_width(content) <= 2 and any(w + display_width(content) <= width * chinese_lines for w in neighbours):
                orphans.add(cue.span[0] if index > 0 else cues[1].span[0])
        for offset, opened in cuts:
            kinds = set()
            if any(a < offset < b for a, b in spans):
                kinds.add("span")
            first = opened[:1]
            before = text[:offset].rstrip()[-1:]
            # After a comma or full stop a particle opens a clause (，喔，; ，的确): no closing particle.
            if first in _CLOSING_MARKS or (
                first in _PARTICLES
                and before not in _PAUSES
                and any(a == offset and b == offset + 1 for a, b in thulac_words)
            ):
                kinds.add("opening")
            if offset in orphans:
                kinds.add("orphan")
            if any(a < offset < b for a, b in thulac_words):
                kinds.add("thulac")
            if any(a < offset < b for a, b in jieba_words):
                kinds.add("jieba")
            tally.cuts += 1
            tally.kinds.update(kinds)
            if kinds:
                tally.bad += 1
                tally.examples.append((number, sorted(kinds), text[max(0, offset - 8) : offset] + "|" + text[offset : offset + 8]))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="only the first N inputs (0: all)")
    parser.add_argument("--json", type=Path, help="write the figures and every bad cut here")
    parser.add_argument("--examples", type=int, default=0, help="print up to N bad cuts of each file")
    args = parser.parse_args()
    paths = inputs()[: args.files or None]
    converter = Converter()
    judges = Judges()
    width = converter.settings.shape.max_line_width
    totals = {"zh": Tally(), "bilingual": Tally()}
    report = []
    started = time.perf_counter()
    print("| file | cuts (zh) | bad (zh) | cuts (bilingual) | bad (bilingual) |")
    print("| --- | --- | --- | --- | --- |")
    for path in paths:
        episode = converter(read_transcript(path))
        row = {"file": str(path.relative_to(SHARED))}
        cells = []
        for name, chinese_lines in (("zh", 2), ("bilingual", 1)):
            tally = judge_episode(episode, chinese_lines, judges, width)
            totals[name].add(tally)
            row[name] = {"cuts": tally.cuts, "bad": tally.bad, "kinds": dict(tally.kinds), "examples": tally.examples}
            cells += [tally.cuts, f"{tally.bad} ({100 * tally.rate():.2f}%)"]
            for example in tally.examples[: args.examples]:
                print(f"    {name} {example}", file=sys.stderr)
        report.append(row)
        print(f"| {row['file']} | " + " | ".join(str(c) for c in cells) + " |", flush=True)
    judges.save()
    print()
    print("| file | cuts | " + " | ".join(KINDS) + " | bad | rate |")
    print("| --- | --- | " + " | ".join("---" for _ in KINDS) + " | --- | --- |")
    for name, tally in totals.items():
        print(
            f"| all ({name}) | {tally.cuts} | "
            + " | ".join(str(tally.kinds[k]) for k in KINDS)
            + f" | {tally.bad} | {100 * tally.rate():.2f}% |"
        )
    print(f"\n{len(paths)} files in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(
            json.dumps({"files": report, "totals": {k: {"cuts": t.cuts, "bad": t.bad, "kinds": dict(t.kinds)} for k, t in totals.items()}}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
