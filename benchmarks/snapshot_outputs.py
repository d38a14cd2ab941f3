"""Every output of many transcripts under several option sets, into one folder: run it before and after
a change that must not change results, and compare the two folders (`diff -r BEFORE AFTER`).

    python benchmarks/snapshot_outputs.py OUTDIR [--quick]

Inputs: the shared transcript, every file of ../shared/corpus/dev/, the bundled sample and the
independent test corpus (tests/data/corpus). Option sets: the defaults; Taiwan script with
`--english-names every` and the ASS options; no shipped glossary with a user glossary; the sample
with its audio; the sample with a translation made up here (one English line per line, so the
translation's cue cutting is exercised); and `subpipe batch --learn` over the dev corpus (its
report, which holds times, is left out). `--quick` takes only the shared transcript, one file of
each dev folder and the sample.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import REPO, SHARED_TRANSCRIPT

DEV = SHARED_TRANSCRIPT.parent / "dev"
SAMPLE = REPO / "samples" / "ai-weekly.txt"
TEST_CORPUS = REPO / "tests" / "data" / "corpus"
USER_GLOSSARY = REPO / "tests" / "data" / "o1_team_glossary.csv"


def inputs(quick: bool) -> list[Path]:
    dev = sorted(p for p in DEV.rglob("*") if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    corpus = sorted(p for p in TEST_CORPUS.iterdir() if p.suffix in (".txt", ".srt", ".vtt"))
    if quick:
        firsts: dict[Path, Path] = {}
        for path in dev:
            firsts.setdefault(path.parent, path)
        dev, corpus = list(firsts.values()), corpus[:2]
    return [SHARED_TRANSCRIPT, SAMPLE, *dev, *corpus]


def run(args: list[str], outdir: Path) -> None:
    # One process per option set, as a user runs it; inputs that fail are part of the snapshot (stderr).
    result = subprocess.run(
        [sys.executable, "-m", "subpipe", "run", *args, "-o", str(outdir), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "_stderr.txt").write_text(f"exit {result.returncode}\n{result.stderr}", encoding="utf-8")


def run_batch(specs: list[str], outdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "subpipe", "batch", *specs, "-o", str(outdir), "-q", "--learn", "--jobs", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    (outdir / "batch-report.json").unlink(missing_ok=True)  # start time and seconds
    (outdir / "_stderr.txt").write_text(f"exit {result.returncode}\n{result.stderr}", encoding="utf-8")


def made_up_translation(transcript: Path, folder: Path) -> Path:
    lines = transcript.read_text(encoding="utf-8").splitlines()
    path = folder / "translation.txt"
    path.write_text(
        "".join(f"Line {n} says something about the topic at hand, Sam Altman and OpenAI\n" for n, _ in enumerate(lines, 1)),
        encoding="utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    files = [str(path) for path in inputs(args.quick)]
    # Each input once per option set; equal stems (none today) would overwrite each other.
    run(files, args.outdir / "default")
    run([*files, "--script", "zh-TW", "--english-names", "every", "--ass-resolution", "1280x720",
         "--max-line-width", "14"], args.outdir / "taiwan-every")
    run([*files, "--no-shipped-glossary", "-g", str(USER_GLOSSARY)], args.outdir / "user-glossary")
    run([str(SAMPLE), "--audio", str(SAMPLE.with_suffix(".ogg"))], args.outdir / "audio")
    with tempfile.TemporaryDirectory() as folder:
        translation = made_up_translation(SAMPLE, Path(folder))
        run([str(SAMPLE), "--english", str(translation)], args.outdir / "translation")
    run_batch([str(DEV)] if not args.quick else files[2:-2], args.outdir / "batch")
    print(f"{len(files)} inputs, 5 option sets and a batch -> {args.outdir}")


if __name__ == "__main__":
    main()
