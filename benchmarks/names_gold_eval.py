"""Person mentions on the dev corpus's name gold (benchmarks/gold/names/): recall and precision per
file and over the set, with no user glossary and with each file's `user_glossary`.

A found mention counts when its line, text and English name match a gold row (any of the row's
accepted English forms, compared without case). Names the gold lists in Latin letters alone (Yann
LeCun) are left out of the score, as in corpus_eval.py: subpipe aligns Chinese forms. A speaker label
(`### 唐鳳：`) is no mention (the gold lists none): the `on-labels` column counts wrong mentions on
speaker-label lines, a guard that stays at 0 now that the Markdown reader takes labels off the text
(they are inside the precision shown; the last column is the precision without them). `--verbose`
lists each file's wrong and missed mentions.

    python benchmarks/names_gold_eval.py [--verbose] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from scoring import Score, glossary_with_user_rows, score_person_mentions

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "names"
CORPUS = ROOT.parent / "shared" / "corpus"
_CJK = re.compile(r"[\u3400-\u9fff]")
# A speaker label alone on its line, as the Markdown dialogues write them: `### 唐鳳：`, `問：`.
_LABEL_LINE = re.compile(r"^\s*#{0,6}\s*[^\s：:]{1,24}\s*[：:]\s*$")


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def chinese_rows(gold: dict) -> list[list]:
    return [row for row in gold["mentions"] if _CJK.search(row[1])]


def score_file(gold: dict, corpus: Path, user_glossary: bool, converters: dict) -> tuple[Score, list]:
    """The file's score, and its wrong mentions that sit on speaker-label lines."""
    from subpipe import Converter

    source = corpus / gold["source"]
    if user_glossary:
        converter = Converter(glossaries=glossary_with_user_rows(gold["user_glossary"]))
    else:
        converter = converters.setdefault("shipped", Converter())
    episode = converter(source)
    score = score_person_mentions(episode.mentions, chinese_rows(gold))
    lines = source.read_text(encoding="utf-8").split("\n")
    on_labels = [item for item in score.false_positives if _LABEL_LINE.match(lines[item[0] - 1])]
    return score, on_labels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    converters: dict = {}
    for user_glossary in (False, True):
        print("with each file's user glossary" if user_glossary else "no user glossary (shipped glossary only)")
        print(f"{'file':<44} {'recall':>7} {'precision':>9}  hits wrong missed  on-labels  precision-without-them")
        total, total_labels = Score(0, (), ()), 0
        for path in gold_files():
            gold = json.loads(path.read_text(encoding="utf-8"))
            score, on_labels = score_file(gold, args.corpus, user_glossary, converters)
            total += score
            total_labels += len(on_labels)
            print(
                f"{path.stem[:44]:<44} {score.recall:>7.3f} {score.precision:>9.3f}  {score.true_positives:>4} "
                f"{len(score.false_positives):>5} {len(score.missed):>6}  {len(on_labels):>9}  "
                f"{_precision(score.true_positives, len(score.false_positives) - len(on_labels)):>22.3f}"
            )
            if args.verbose:
                for item in score.false_positives:
                    if item not in on_labels:
                        print(f"    wrong:  {item}")
                for item in score.missed:
                    print(f"    missed: {item}")
        print(
            f"{'all':<44} {total.recall:>7.3f} {total.precision:>9.3f}  {total.true_positives:>4} "
            f"{len(total.false_positives):>5} {len(total.missed):>6}  {total_labels:>9}  "
            f"{_precision(total.true_positives, len(total.false_positives) - total_labels):>22.3f}\n"
        )


def _precision(hits: int, wrong: int) -> float:
    return hits / (hits + wrong) if hits + wrong else 1.0


if __name__ == "__main__":
    main()
