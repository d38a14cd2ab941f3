"""Names on the independent evaluation corpus (tests/data/corpus): precision and recall per file.

The corpus was written for this project by someone who had not seen the rules, with hand-made gold
lists of every person, organisation, product and place mention. Names written only in Latin letters
are left out of the score: subpipe aligns Chinese forms.

    python benchmarks/corpus_eval.py [--kinds person,org,product,place] [--verbose]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scoring import Score, evaluate_gold_file

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".srt", ".vtt") and p.name != "README.md")


def gold_for(path: Path) -> dict:
    """A file's gold; the GBK copy has its own (GBK cannot hold every dot variant), the Big5 one shares."""
    stem = path.name.split(".")[0]
    own = CORPUS / f"{stem}.gbk.gold.json" if ".gbk." in path.name else CORPUS / f"{stem}.gold.json"
    return json.loads(own.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", default="person,org,product,place")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    total = Score(0, (), ())
    print(f"{'file':<28} {'precision':>9} {'recall':>7}  hits wrong missed")
    for path in corpus_files():
        score = evaluate_gold_file(path, gold_for(path), kinds)
        total += score
        print(f"{path.name:<28} {score.precision:>9.3f} {score.recall:>7.3f}  {score.true_positives:>4} {len(score.false_positives):>5} {len(score.missed):>6}")
        if args.verbose:
            for item in score.false_positives:
                print(f"    wrong:  {item}")
            for item in score.missed:
                print(f"    missed: {item}")
    print(f"{'all':<28} {total.precision:>9.3f} {total.recall:>7.3f}  {total.true_positives:>4} {len(total.false_positives):>5} {len(total.missed):>6}")


if __name__ == "__main__":
    main()
