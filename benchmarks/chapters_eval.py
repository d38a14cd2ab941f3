"""How close subpipe's chapters come to chapters a careful reader marked, on every gold file.

    python benchmarks/chapters_eval.py [--titles] [--variants]

Reads the dev gold (benchmarks/gold/chapters/: narrations, Traditional Markdown dialogues, Simplified
speeches) and the shared transcript's (tests/data/o1_chapters_gold.json), converts each transcript from
../shared/corpus with the default settings, and prints per file and as a mean over the dev files: Pk,
WindowDiff (lower is better) and boundary F1 (a boundary within 6 lines counts), for subpipe and for two
baselines, no split at all and a uniform split into the gold's number of chapters. Everything is counted
in source lines (benchmarks/segmentation.py says how). `--titles` prints the chapters found with their
titles beside the gold's; `--variants` what each kind of evidence adds. docs/chapters.md reports the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import subpipe.converter as converter_module  # noqa: E402
from segmentation import Gold, Scores, dev_golds, score, shared_gold, uniform_split  # noqa: E402
from subpipe.chapters import boundaries as boundaries_module  # noqa: E402
from subpipe.chapters import evidence as evidence_module  # noqa: E402
from subpipe.model import Chapter  # noqa: E402
from subpipe.settings import ChapterSettings, Settings  # noqa: E402


@dataclass
class Run:
    """One gold file converted: what find_chapters was given, and the lines the transcript holds."""

    gold: Gold
    arguments: tuple
    keywords: dict
    held: list[int]
    chapters: tuple[Chapter, ...]

    def find(self, settings: ChapterSettings | None = None) -> tuple[Chapter, ...]:
        analyzed, cues, mentions, given = self.arguments  # as the converter passes them
        return boundaries_module.find_chapters(analyzed, cues, mentions, settings or given, **self.keywords)


def convert_all(golds: list[Gold]) -> list[Run]:
    """Convert every gold file's transcript once, keeping find_chapters' arguments to run it again."""
    converter = converter_module.Converter(Settings())
    original = converter_module.find_chapters
    runs = []
    for gold in golds:
        captured: dict = {}

        def recording(*args, captured=captured, **kwargs):
            captured["arguments"], captured["keywords"] = args, kwargs
            return original(*args, **kwargs)

        converter_module.find_chapters = recording  # this script only: to call it again with other settings
        try:
            episode = converter(gold.source)
        finally:
            converter_module.find_chapters = original
        held = [line.number for line in episode.transcript.lines]
        runs.append(Run(gold, captured["arguments"], captured["keywords"], held, episode.chapters))
    return runs


def starts_of(chapters) -> list[int]:
    return [c.line for c in chapters[1:]]


def table(runs: list[Run], found: Callable[[Run], list[int]], label: str) -> list[dict[str, Scores]]:
    """Per file: subpipe, no split, uniform split; printed, and returned for the means."""
    print(f"{label}")
    print(f"{'file':48} {'gold':>4} {'found':>5}   {'Pk':>5} {'WD':>5} {'F1':>5}   "
          f"{'none Pk':>7} {'WD':>5}   {'unif Pk':>7} {'WD':>5} {'F1':>5}")
    results = []
    for run in runs:
        ours = found(run)
        count = len(run.gold.starts) + 1
        row = {
            "subpipe": score(run.gold, ours, run.held),
            "none": score(run.gold, [], run.held),
            "uniform": score(run.gold, uniform_split(run.held, count), run.held),
        }
        results.append(row)
        s, n, u = row["subpipe"], row["none"], row["uniform"]
        print(f"{run.gold.name[:48]:48} {count:4d} {len(ours) + 1:5d}   {s.pk:5.3f} {s.windowdiff:5.3f} {s.f1:5.2f}   "
              f"{n.pk:7.3f} {n.windowdiff:5.3f}   {u.pk:7.3f} {u.windowdiff:5.3f} {u.f1:5.2f}")
    return results


def means(results: list[dict[str, Scores]], label: str) -> None:
    def mean(method: str, field: str) -> float:
        return statistics.mean(getattr(r[method], field) for r in results)

    print(f"{label:48} {'':4} {'':5}   {mean('subpipe', 'pk'):5.3f} {mean('subpipe', 'windowdiff'):5.3f} "
          f"{mean('subpipe', 'f1'):5.2f}   {mean('none', 'pk'):7.3f} {mean('none', 'windowdiff'):5.3f}   "
          f"{mean('uniform', 'pk'):7.3f} {mean('uniform', 'windowdiff'):5.3f} {mean('uniform', 'f1'):5.2f}")
    beaten = sum(
        r["subpipe"].windowdiff < min(r["none"].windowdiff, r["uniform"].windowdiff) for r in results
    )
    print(f"  WindowDiff below both baselines on {beaten} of {len(results)} files")


def print_titles(runs: list[Run]) -> None:
    for run in runs:
        print(f"\n{run.gold.name}")
        gold = dict(zip([1, *run.gold.starts], run.gold.titles))
        for chapter in run.chapters:
            print(f"  {chapter.line:4d} {chapter.start_ms / 1000:7.1f} s  {chapter.title}  |  {chapter.title_en}")
        print("  gold: " + "  ".join(f"{line} {title}" for line, title in gold.items()))


def variants(runs: list[Run]) -> None:
    """Mean figures over the dev files (and the shared transcript's) with parts of the method switched
    off or set differently; each variant runs find_chapters again on every file."""
    base = ChapterSettings()
    rows: list[tuple[str, dict, ChapterSettings]] = [("defaults", {}, base)]
    rows += [
        ("without markers", {"MARKERS": ()}, base),
        ("without speaker turns and questions",
         {"TURN_STRENGTH": 0.0, "QUESTION_TURN_STRENGTH": 0.0, "INSIDE_TURN_COST": 0.0}, base),
        ("questions no stronger than other turns", {"QUESTION_TURN_STRENGTH": evidence_module.TURN_STRENGTH}, base),
        ("without the new-person cue", {"NEW_PERSON_STRENGTH": 0.0}, base),
        ("words only (no evidence from the lines)",
         {"MARKERS": (), "TURN_STRENGTH": 0.0, "QUESTION_TURN_STRENGTH": 0.0, "INSIDE_TURN_COST": 0.0,
          "NEW_PERSON_STRENGTH": 0.0}, base),
        ("every content word counts fully", {"COMMON_IDF": 0.0, "RARE_IDF": 0.001}, base),
    ]
    rows += [(f"cost per chapter {cost:g}", {}, replace(base, chapter_cost=cost)) for cost in (8.0, 10.0, 14.0, 16.0)]
    rows += [(f"word prior {prior:g}", {}, replace(base, word_prior=prior)) for prior in (0.1, 0.3)]
    print("\nvariants (mean over the dev files; the shared transcript apart)")
    print(f"{'variant':42} {'Pk':>5} {'WD':>5} {'F1':>5} {'chapters':>8} {'beats both':>10}   {'o1 WD':>6} {'o1 F1':>5}")
    for name, patch, settings in rows:
        saved = {key: getattr(evidence_module if hasattr(evidence_module, key) else boundaries_module, key) for key in patch}
        try:
            for key, value in patch.items():  # this script only: the library never changes its tables
                setattr(evidence_module if hasattr(evidence_module, key) else boundaries_module, key, value)
            found = {id(r): starts_of(r.find(settings)) for r in runs}
        finally:
            for key, value in saved.items():
                setattr(evidence_module if hasattr(evidence_module, key) else boundaries_module, key, value)
        dev = [r for r in runs if r.gold.name != "o1-team-interview"]
        scores = [score(r.gold, found[id(r)], r.held) for r in dev]
        beaten = sum(
            s.windowdiff < min(score(r.gold, [], r.held).windowdiff,
                               score(r.gold, uniform_split(r.held, len(r.gold.starts) + 1), r.held).windowdiff)
            for r, s in zip(dev, scores)
        )
        shared = [r for r in runs if r.gold.name == "o1-team-interview"]
        o1 = score(shared[0].gold, found[id(shared[0])], shared[0].held)
        print(f"{name:42} {statistics.mean(s.pk for s in scores):5.3f} {statistics.mean(s.windowdiff for s in scores):5.3f} "
              f"{statistics.mean(s.f1 for s in scores):5.2f} {statistics.mean(len(found[id(r)]) + 1 for r in dev):8.1f} "
              f"{beaten:>7d}/{len(dev)}   {o1.windowdiff:6.3f} {o1.f1:5.2f}")


def long_episode_seconds(run: Run, times: int = 10) -> tuple[int, float]:
    """find_chapters on an episode made of `times` copies of a transcript, one after the other: lines
    and seconds (tables loaded)."""
    analyzed, cues, mentions, *rest = run.arguments
    lines, all_cues, all_mentions = [], [], []
    end = max(cue.end_ms for cue in cues)
    count = len(analyzed)
    last = max(item.line.number for item in analyzed)
    for copy in range(times):
        shift, move = copy * last, copy * end
        lines += [replace(item, line=replace(item.line, number=item.line.number + shift)) for item in analyzed]
        all_cues += [replace(c, start_ms=c.start_ms + move, end_ms=c.end_ms + move,
                             source_lines=tuple(n + shift for n in c.source_lines)) for c in cues]
        all_mentions += [replace(m, line=m.line + shift) for m in mentions]
    began = time.perf_counter()
    boundaries_module.find_chapters(lines, all_cues, all_mentions, *rest, **run.keywords)
    return count * times, time.perf_counter() - began


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", action="store_true", help="print the chapters found and the gold's titles")
    parser.add_argument("--variants", action="store_true", help="what each part of the method adds")
    options = parser.parse_args(argv)
    began = time.perf_counter()
    dev = convert_all(dev_golds())
    shared = convert_all([shared_gold()])
    converted = time.perf_counter() - began
    results = table(dev, lambda run: starts_of(run.chapters), "dev gold")
    means(results, "mean over the dev files")
    print()
    table(shared, lambda run: starts_of(run.chapters), "shared transcript")
    run = shared[0]
    began = time.perf_counter()
    repeats = 5
    for _ in range(repeats):
        run.find()
    print(f"\nconverting the {len(dev) + 1} transcripts: {converted:.1f} s; find_chapters on the shared "
          f"transcript: {(time.perf_counter() - began) / repeats:.3f} s")
    lines, seconds = long_episode_seconds(run)
    print(f"find_chapters on the shared transcript ten times over ({lines} lines, "
          f"{10 * run.arguments[1][-1].end_ms / 3_600_000:.1f} h): {seconds:.2f} s")
    if options.titles:
        print_titles(dev + shared)
    if options.variants:
        variants(dev + shared)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
