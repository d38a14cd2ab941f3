"""Names on the independent evaluation corpus (tests/data/corpus): precision and recall per file.

The corpus was written for this project by someone who had not seen the rules, with hand-made gold
lists of every person, organisation, product and place mention. Names written only in Latin letters
are left out of the score: subpipe aligns Chinese forms.

    python benchmarks/corpus_eval.py [--kinds person,org,product,place] [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import tempfile
from pathlib import Path

from subpipe import process_file
from subpipe.glossary import load_glossaries
from subpipe.segment import is_ordinary_word

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
_CJK = re.compile(r"[\u3400-\u9fff]")


def gold_for(path: Path) -> dict:
    own = path.with_name(path.name.split(".")[0] + (".gbk" if ".gbk." in path.name else "") + ".gold.json")
    return json.loads(own.read_text(encoding="utf-8"))


def evaluate(path: Path, kinds: set[str]) -> tuple[int, list, list]:
    gold = gold_for(path)
    with tempfile.TemporaryDirectory() as folder:
        glossary_path = Path(folder) / "user.csv"
        with glossary_path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, ["chinese", "english", "type"])
            writer.writeheader()
            writer.writerows(gold["user_glossary"])
        glossary = load_glossaries([glossary_path], is_ordinary_word=is_ordinary_word)
    episode = process_file(path, glossary=glossary)
    # English spellings that differ only in case (NVIDIA, Nvidia) name the same thing.
    expected = [
        (line, text, english.casefold())
        for line, text, english, kind in gold["mentions"]
        if kind in kinds and _CJK.search(text)
    ]
    found = [(m.line, m.text, m.english.casefold()) for m in episode.mentions if m.kind in kinds]
    remaining, hits, wrong = list(expected), 0, []
    for item in found:
        if item in remaining:
            remaining.remove(item)
            hits += 1
        else:
            wrong.append(item)
    return hits, wrong, remaining


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", default="person,org,product,place")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    total_hits = total_wrong = total_missed = 0
    print(f"{'file':<28} {'precision':>9} {'recall':>7}  hits wrong missed")
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in (".txt", ".srt", ".vtt") or path.name == "README.md":
            continue
        hits, wrong, missed = evaluate(path, kinds)
        total_hits, total_wrong, total_missed = total_hits + hits, total_wrong + len(wrong), total_missed + len(missed)
        precision = hits / (hits + len(wrong)) if hits + len(wrong) else 1.0
        recall = hits / (hits + len(missed)) if hits + len(missed) else 1.0
        print(f"{path.name:<28} {precision:>9.3f} {recall:>7.3f}  {hits:>4} {len(wrong):>5} {len(missed):>6}")
        if args.verbose:
            for item in wrong:
                print(f"    wrong:  {item}")
            for item in missed:
                print(f"    missed: {item}")
    precision = total_hits / (total_hits + total_wrong)
    recall = total_hits / (total_hits + total_missed)
    print(f"{'all':<28} {precision:>9.3f} {recall:>7.3f}  {total_hits:>4} {total_wrong:>5} {total_missed:>6}")


if __name__ == "__main__":
    main()
