"""A batch of 500 transcripts at --jobs 1 and 2: `subpipe batch` wall time, command start to exit.

The transcripts are made from the shared transcript's lines, each a different sample (20 lines to
all of them, in shuffled order), in a temporary folder. Each run writes into a fresh OUTDIR; one more
run over a finished OUTDIR measures a batch where every input is up to date (resume).

    python benchmarks/batch500.py [--runs 3] [--files 500] [--jobs 1,2]
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from benchlib import arguments, machine, median, option, row, timed_command


def make_transcripts(corpus: Path, folder: Path, count: int) -> int:
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    for number in range(count):
        rng = random.Random(number)
        sample = rng.sample(lines, rng.randint(min(20, len(lines)), len(lines)))
        total += len(sample)
        (folder / f"episode-{number:03}.txt").write_text("\n".join(sample) + "\n", encoding="utf-8")
    return total


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=3)
    files = int(option("--files", "500"))
    jobs_list = [int(j) for j in option("--jobs", "1,2").split(",")]
    print(machine())
    with tempfile.TemporaryDirectory() as work:
        inputs, outdir = Path(work) / "in", Path(work) / "out"
        inputs.mkdir()
        lines = make_transcripts(args.corpus, inputs, files)
        print(f"{files} transcripts, {lines} lines in all ({lines / files:.0f} a file)")
        print(row("jobs", "median s", "files/s", "speed-up", "runs (s)"))
        first = None
        for jobs in jobs_list:
            times = timed_command(["batch", str(inputs), "-o", str(outdir), "-q", "--jobs", str(jobs)], args.runs,
                                  before=lambda: shutil.rmtree(outdir, ignore_errors=True))
            first = first or median(times)
            print(row(jobs, f"{median(times):.1f}", f"{files / median(times):.1f}", f"{first / median(times):.2f}x",
                      ", ".join(f"{t:.1f}" for t in times)), flush=True)
        resume = timed_command(["batch", str(inputs), "-o", str(outdir), "-q"], args.runs)
        print(row("resume, all up to date", f"{median(resume):.2f}", f"{files / median(resume):.0f}", "", 
                  ", ".join(f"{t:.2f}" for t in resume)))


if __name__ == "__main__":
    main()
