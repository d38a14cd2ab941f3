"""Precision and recall of person mentions on the shared transcript (Simplified and Traditional).

    python benchmarks/names_eval.py [path/to/o1-team-interview.txt]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from subpipe import process_text
from scoring import glossary_with_user_rows, score_person_mentions
from subpipe.glossary import load_glossaries
from subpipe.text.script import convert

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "data" / "o1_person_mentions_gold.json").read_text(encoding="utf-8"))


def main() -> None:
    transcript = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"
    text = transcript.read_text(encoding="utf-8")
    with_user = glossary_with_user_rows(GOLD["user_glossary"])
    shipped_only = load_glossaries([])
    print(f"{'case':<44} {'precision':>9} {'recall':>7}  found/gold")
    for label, config, glossary in (
        ("Simplified, shipped + user glossary", None, with_user),
        ("Traditional (s2t), shipped + user glossary", "s2t", with_user),
        ("Simplified, shipped glossary only", None, shipped_only),
    ):
        source = convert(text, config) if config else text
        gold = [(line, convert(t, config) if config else t, english) for line, t, english in GOLD["mentions"]]
        episode = process_text(source, name="o1", glossary=glossary)
        score = score_person_mentions(episode.mentions, gold)
        print(f"{label:<44} {score.precision:>9.3f} {score.recall:>7.3f}  {score.true_positives}/{len(gold)}")
        for item in score.missed:
            print(f"    missed: {item}")
        for item in score.false_positives:
            print(f"    wrong:  {item}")


if __name__ == "__main__":
    main()
