"""How many more mentions get an English name with `subpipe batch --learn` than without.

The batch is made of real text: the shared transcript cut into consecutive episodes (a long interview
published in parts), plus the six transcripts of tests/data/corpus. Each run converts the batch into
a temporary folder; mentions with an English name are counted from the episode documents.

    python benchmarks/series_learn.py [--parts 4]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from subpipe.cli.main import main as subpipe

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"


def build_batch(folder: Path, parts: int) -> None:
    lines = SHARED.read_text(encoding="utf-8").splitlines()
    size = -(-len(lines) // parts)
    for index in range(parts):
        chunk = lines[index * size : (index + 1) * size]
        (folder / f"o1-part{index + 1}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    for path in CORPUS.iterdir():
        if path.suffix in (".txt", ".srt", ".vtt") and ".gbk." not in path.name and ".big5." not in path.name:
            shutil.copy(path, folder / path.name)


def named(outdir: Path) -> dict[str, int]:
    counts = {}
    for document in sorted(outdir.rglob("*.episode.json")):
        mentions = json.loads(document.read_text(encoding="utf-8"))["mentions"]
        counts[document.name.removesuffix(".episode.json")] = sum(1 for m in mentions if m["english"])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parts", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "in"
        folder.mkdir()
        build_batch(folder, args.parts)
        results = {}
        for label, extra in (("without --learn", []), ("with --learn", ["--learn"])):
            outdir = Path(temporary) / label.replace(" ", "")
            subpipe(["batch", str(folder), "-o", str(outdir), "-q", *extra])
            results[label] = named(outdir)
        series = (Path(temporary) / "with--learn" / "series-glossary.csv").read_text(encoding="utf-8")
    before, after = results["without --learn"], results["with --learn"]
    print(f"{'episode':<28} {'without':>8} {'with':>6}")
    for episode in before:
        print(f"{episode:<28} {before[episode]:>8} {after[episode]:>6}")
    total_before, total_after = sum(before.values()), sum(after.values())
    print(f"{'all':<28} {total_before:>8} {total_after:>6}  (+{total_after - total_before})")
    print(f"series glossary: {len(series.splitlines()) - 1} rows")


if __name__ == "__main__":
    main()
