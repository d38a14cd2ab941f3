"""How close subpipe's chapter boundaries come to a hand-made gold segmentation.

    python benchmarks/chapters_eval.py [TRANSCRIPT] [GOLD.json]

Defaults: the shared o1 interview transcript and tests/data/o1_chapters_gold.json. Prints Pk and
WindowDiff (lower is better; nltk's implementations, window k = half the mean gold segment length) for
subpipe's chapters, for a uniform split with the same number of chapters, and for a few variants of
the method (what each kind of evidence adds, and how much the window sizes matter). Results are
reported in docs/chapters.md.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nltk.metrics.segmentation import pk, windowdiff  # noqa: E402

from subpipe.chapters import boundaries as chapters_module  # noqa: E402
from subpipe.converter import process_file  # noqa: E402
from subpipe.text.segment import Segmenter  # noqa: E402
from subpipe.settings import ChapterSettings, Settings  # noqa: E402

DEFAULT_TRANSCRIPT = ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"
DEFAULT_GOLD = ROOT / "tests" / "data" / "o1_chapters_gold.json"


def boundary_string(first_lines: list[int], line_numbers: list[int]) -> str:
    """nltk's form: one character per line, "1" where a chapter ends after that line."""
    starts = set(first_lines)
    return "".join("1" if number in starts else "0" for number in line_numbers[1:]) + "0"


def uniform_split(line_numbers: list[int], chapters: int) -> list[int]:
    """First lines of `chapters` chapters with the same number of lines each (as near as can be)."""
    n = len(line_numbers)
    return [line_numbers[round(i * n / chapters)] for i in range(1, chapters)]


def scores(gold: list[int], found: list[int], line_numbers: list[int]) -> tuple[float, float]:
    reference = boundary_string(gold, line_numbers)
    hypothesis = boundary_string(found, line_numbers)
    k = max(1, round(len(reference) / (2 * (reference.count("1") + 1))))
    return pk(reference, hypothesis, k), windowdiff(reference, hypothesis, k)


def evaluate(transcript: Path = DEFAULT_TRANSCRIPT, gold_path: Path = DEFAULT_GOLD) -> dict:
    """subpipe's and a uniform split's Pk and WindowDiff against the gold, and the chapters found."""
    episode = process_file(transcript)
    gold = [b["line"] for b in json.loads(gold_path.read_text(encoding="utf-8"))["boundaries"]]
    numbers = [line.number for line in episode.transcript.lines]
    found = [chapter.line for chapter in episode.chapters[1:]]
    uniform = uniform_split(numbers, len(episode.chapters))
    return {
        "episode": episode,
        "gold": gold,
        "found": found,
        "subpipe": scores(gold, found, numbers),
        "uniform": scores(gold, uniform, numbers),
    }


def variants(transcript: Path) -> list[tuple[str, list[int]]]:
    """Boundaries found with parts of the method switched off or set differently (whole pipeline each)."""
    segmenter = Segmenter()
    base = Settings()
    runs: list[tuple[str, list[int]]] = []

    def run(name: str, chapters: ChapterSettings = base.chapters) -> None:
        episode = process_file(transcript, replace(base, chapters=chapters), segmenter)
        runs.append((name, [c.line for c in episode.chapters[1:]]))

    # This script only: the library itself never changes these tables.
    markers, person = chapters_module.MARKERS, chapters_module.NEW_PERSON_STRENGTH
    try:
        chapters_module.NEW_PERSON_STRENGTH = 0.0
        run("without the new-person cue")
        chapters_module.MARKERS = ()
        run("cohesion only")
        chapters_module.NEW_PERSON_STRENGTH = person
        run("without markers")
    finally:
        chapters_module.MARKERS, chapters_module.NEW_PERSON_STRENGTH = markers, person
    for shares in [(0.25,), (0.5,), (1.0,), (0.25, 0.5, 1.0)]:
        run(f"window shares {shares}", replace(base.chapters, window_shares=shares))
    for seconds in (60.0, 120.0):
        run(f"one chapter per {seconds:.0f} s", replace(base.chapters, seconds_per_chapter=seconds))
    return runs


def load_tables() -> None:
    from subpipe.chapters.boundaries import idf_table, stop_words
    from subpipe.text.segment import topic_word_tag

    idf_table(), stop_words(), topic_word_tag("模型")


def time_find_chapters(transcript: Path, repeats: int = 5) -> float:
    """Seconds for one find_chapters call on the episode's lines, cues and names (tables loaded)."""
    from subpipe.chapters.boundaries import find_chapters
    from subpipe.formats import read_transcript
    from subpipe.text.analysis import analyze

    episode = process_file(transcript)
    analyzed = analyze(read_transcript(transcript), Segmenter())
    cues = episode.cues
    began = time.perf_counter()
    for _ in range(repeats):
        find_chapters(analyzed, cues, episode.mentions)
    return (time.perf_counter() - began) / repeats


def main(argv: list[str]) -> int:
    transcript = Path(argv[0]) if argv else DEFAULT_TRANSCRIPT
    gold_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    loading = time.perf_counter()
    load_tables()
    loading = time.perf_counter() - loading
    began = time.perf_counter()
    result = evaluate(transcript, gold_path)
    seconds = time.perf_counter() - began
    episode = result["episode"]
    numbers = [line.number for line in episode.transcript.lines]
    print(f"{transcript.name}: {len(numbers)} lines, {episode.cues[-1].end_ms / 1000:.0f} s ({episode.timing.value} timing), "
          f"{len(episode.mentions)} name mentions; whole pipeline {seconds:.1f} s")
    print(f"chapter tables (IDF, part-of-speech tags, spaCy stop words), once per process: {loading:.2f} s; "
          f"find_chapters on this episode: {time_find_chapters(transcript):.3f} s")
    print(f"gold boundaries ({len(result['gold']) + 1} chapters): {result['gold']}")
    print(f"subpipe boundaries ({len(episode.chapters)} chapters): {result['found']}")
    print()
    print(f"{'method':44} {'Pk':>6} {'WindowDiff':>11}")
    for name in ("subpipe", "uniform"):
        p, w = result[name]
        label = "subpipe" if name == "subpipe" else f"uniform split, {len(episode.chapters)} chapters"
        print(f"{label:44} {p:6.3f} {w:11.3f}")
    print()
    print("variants:")
    for name, found in variants(transcript):
        p, w = scores(result["gold"], found, numbers)
        u = scores(result["gold"], uniform_split(numbers, len(found) + 1), numbers)
        print(f"  {name:42} {p:6.3f} {w:11.3f}   (uniform, {len(found) + 1} chapters: {u[0]:.3f} {u[1]:.3f})  {found}")
    print()
    print("chapters:")
    for chapter in episode.chapters:
        print(f"  {chapter.line:4d} {chapter.start_ms / 1000:7.1f} s  {chapter.title}  |  {chapter.title_en}  {list(chapter.keywords)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
