"""How well subpipe finds who says each line, against a hand-made gold list, and how fast.

    python benchmarks/speakers_eval.py [TRANSCRIPT] [GOLD.json] [GLOSSARY.csv]

Defaults: the shared o1 interview transcript, tests/data/o1_speakers_gold.json and the small user
glossary tests/data/o1_team_glossary.csv (the team members the transcript never spells in English).
Prints line accuracy for subpipe and for the "everything is the host" baseline, each speaker's
precision and recall, the lines it gets wrong, what the chapter boundaries add, and the time the
speakers and summaries stages take (median of repeated runs on the already analysed episode).
Results are reported in docs/speakers.md.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from subpipe import formats  # noqa: E402
from subpipe.glossary import load_glossaries  # noqa: E402
from subpipe.converter import process_transcript  # noqa: E402
from subpipe.text.analysis import analyze, jieba_words  # noqa: E402
from subpipe.text.segment import Segmenter  # noqa: E402
from subpipe.speakers import attribute_speakers  # noqa: E402
from subpipe.summaries import summarize  # noqa: E402

DEFAULT_TRANSCRIPT = ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"
DEFAULT_GOLD = ROOT / "tests" / "data" / "o1_speakers_gold.json"
DEFAULT_GLOSSARY = ROOT / "tests" / "data" / "o1_team_glossary.csv"
RUNS = 20


def named(speaker_of_line: dict[int, str], speakers) -> dict[int, str]:
    english = {s.id: s.english or s.id for s in speakers}
    return {n: "host" if s == "host" else english[s] for n, s in speaker_of_line.items()}


def accuracy(found: dict[int, str], gold: dict[int, str]) -> float:
    return sum(found.get(n) == who for n, who in gold.items()) / len(gold)


def main() -> None:
    transcript_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TRANSCRIPT
    gold_path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_GOLD
    glossary_path = Path(sys.argv[3]) if len(sys.argv) > 3 else DEFAULT_GLOSSARY
    gold = {int(n): who for n, who in json.loads(gold_path.read_text(encoding="utf-8"))["speakers"].items()}

    glossary = load_glossaries([glossary_path])
    transcript = formats.read_transcript(transcript_path)
    episode = process_transcript(transcript, glossary=glossary)
    found = named(episode.speaker_of_line, episode.speakers)

    print(f"lines: {len(gold)}")
    print(f"line accuracy, subpipe:               {accuracy(found, gold):.3f}")
    print(f"line accuracy, everything is the host: {accuracy({n: 'host' for n in gold}, gold):.3f}")

    print("\nper speaker (gold lines, precision, recall):")
    for who, count in Counter(gold.values()).most_common():
        said = [n for n, w in found.items() if w == who]
        right = sum(1 for n in said if gold[n] == who)
        precision = right / len(said) if said else 0.0
        print(f"  {who:28} {count:4}  {precision:.2f}  {right / count:.2f}")

    wrong = [n for n in gold if found.get(n) != gold[n]]
    print(f"\nwrong lines ({len(wrong)}): " + ", ".join(f"{n} ({found.get(n)} for {gold[n]})" for n in wrong))

    # The same stage without chapter boundaries as topic starts, on the same analysed lines.
    segmenter = Segmenter().with_words(jieba_words(glossary)).with_words(m.text for m in episode.mentions)
    analyzed = analyze(transcript, segmenter)
    plain = attribute_speakers(analyzed, episode.mentions, episode.unresolved, glossary=glossary)
    without = accuracy(named(plain.speaker_of_line, plain.speakers), gold)
    print(f"\nwithout chapter starts as topic changes: {without:.3f}")

    topic_starts = [c.line for c in episode.chapters[1:]]
    speaker_times, summary_times = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        voices = attribute_speakers(
            analyzed, episode.mentions, episode.unresolved, glossary=glossary, topic_starts=topic_starts
        )
        speaker_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        summarize(analyzed, voices.speaker_of_line, voices.speakers, episode.mentions, episode.cues,
                  sentences=episode.sentences)
        summary_times.append(time.perf_counter() - start)
    print(
        f"\nspeakers stage: {statistics.median(speaker_times) * 1000:.0f} ms, "
        f"summaries stage: {statistics.median(summary_times) * 1000:.0f} ms "
        f"(median of {RUNS} runs, {len(gold)} lines, after the first run has loaded spaCy and jieba's tables)"
    )


if __name__ == "__main__":
    main()
