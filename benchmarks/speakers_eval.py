"""How well subpipe finds who says each line, against hand-made gold lists, and how fast.

    python benchmarks/speakers_eval.py                 # every gold file: the table of docs/speakers.md
    python benchmarks/speakers_eval.py --wrong [STEM]  # also each file's wrong lines (or one file's)
    python benchmarks/speakers_eval.py --speed         # also the speakers and summaries stages' time

Gold: the shared transcript (`../shared/corpus/o1-team-interview.txt`, `tests/data/o1_speakers_gold.json`)
and the dev narrations of `benchmarks/gold/speakers/*.json` (see `benchmarks/gold/README.md`). Each file
is scored twice: with the shipped glossary only, and with a user glossary for that file as well (the
names a user of the show would give: `tests/data/o1_team_glossary.csv` for the shared transcript, the
`user_glossary` rows of a dev gold file; a file without one scores the same both ways).

Scoring. The gold writes `host`, a speaker's English name, or `unknown` (someone speaks but the text does
not say who). subpipe's speaker ids are turned into those labels, in this order:

1. `host` is `host`;
2. an unnamed voice (`unnamed-1`, `unnamed-2`…: 有人说, 网友表示, 一位官员说) is `unknown`; which unnamed
   voice it is does not count, so every unnamed voice matches every `unknown` line;
3. a speaker with an English name (from the glossary, or a name the transcript writes in Latin letters)
   is that name, when it equals a gold speaker's name (case aside);
4. otherwise a speaker whose Chinese form (or id, the Simplified form of an unresolved name) is one of the
   forms the gold file lists for a gold speaker (its `people` field: `"Ben Mann": "本·曼恩; 曼恩"`) is
   that speaker;
5. any other speaker keeps its own English name or Chinese form, which matches no gold label: wrong.

A line is right when its label equals the gold's. Line accuracy is right lines over the gold's lines;
"dev narrations" pools the lines of every dev file. The baseline gives every line to the host.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring import SHARED_TRANSCRIPT, GoldFile, accuracy, gold_files, right, speaker_labels  # noqa: E402
from subpipe import formats  # noqa: E402
from subpipe.converter import process_transcript  # noqa: E402
from subpipe.glossary import Glossary  # noqa: E402
from subpipe.model import Episode  # noqa: E402
from subpipe.speakers import attribute_speakers  # noqa: E402
from subpipe.summaries import summarize  # noqa: E402
from subpipe.text.analysis import analyze, jieba_words  # noqa: E402
from subpipe.text.segment import Segmenter  # noqa: E402

RUNS = 20


def convert(gold: GoldFile, glossary: Glossary) -> Episode:
    return process_transcript(formats.read_transcript(gold.transcript), glossary=glossary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wrong", nargs="?", const="", metavar="STEM", help="list wrong lines (of one file)")
    parser.add_argument("--speed", action="store_true", help="time the speakers and summaries stages")
    options = parser.parse_args()

    print(f"{'file':<20} {'lines':>5} {'host baseline':>13} {'shipped glossary':>16} {'+ user glossary':>15}")
    totals = {"lines": 0, "host": 0, "shipped": 0, "user": 0}
    for gold in gold_files():
        found = speaker_labels(convert(gold, gold.glossary(with_user=False)), gold)
        with_user = found
        if gold.user_glossary is not None:
            with_user = speaker_labels(convert(gold, gold.glossary(with_user=True)), gold)
        host = {number: "host" for number in gold.speakers}
        print(
            f"{gold.stem:<20} {len(gold.speakers):>5} {accuracy(host, gold.speakers):>13.3f} "
            f"{accuracy(found, gold.speakers):>16.3f} {accuracy(with_user, gold.speakers):>15.3f}"
        )
        if gold.transcript != SHARED_TRANSCRIPT:
            totals["lines"] += len(gold.speakers)
            totals["host"] += right(host, gold.speakers)
            totals["shipped"] += right(found, gold.speakers)
            totals["user"] += right(with_user, gold.speakers)
        if options.wrong is not None and options.wrong in gold.stem:
            wrong = [n for n in sorted(gold.speakers) if with_user.get(n) != gold.speakers[n]]
            print(f"  wrong lines ({len(wrong)}), with the user glossary, as line: found (gold):")
            for number in wrong:
                print(f"    {number}: {with_user.get(number)} ({gold.speakers[number]})")
    lines = totals["lines"]
    print(
        f"{'dev narrations':<20} {lines:>5} {totals['host'] / lines:>13.3f} "
        f"{totals['shipped'] / lines:>16.3f} {totals['user'] / lines:>15.3f}"
    )
    if options.speed:
        speed(gold_files()[0])


def speed(gold: GoldFile) -> None:
    """The speakers and summaries stages alone, on the already analysed shared transcript."""
    glossary = gold.glossary(with_user=True)
    transcript = formats.read_transcript(gold.transcript)
    episode = process_transcript(transcript, glossary=glossary)
    segmenter = Segmenter().with_words(jieba_words(glossary)).with_words(m.text for m in episode.mentions)
    analyzed = analyze(transcript, segmenter)
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
        f"(median of {RUNS} runs, {len(gold.speakers)} lines, after the first run has loaded spaCy and jieba's tables)"
    )


if __name__ == "__main__":
    main()
