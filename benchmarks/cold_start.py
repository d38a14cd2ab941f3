"""One episode cold: `subpipe run` on the shared transcript, from command start to files written.

Also times `subpipe --help` and lists the heavy modules it imports (there should be none).

    python benchmarks/cold_start.py [--runs 5]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

from benchlib import REPO, arguments, machine, median, row, timed_command

HEAVY = ("jieba", "opencc", "spacy", "numpy", "pydub", "dask", "distributed", "tqdm", "pypinyin", "yaml")


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=5)
    print(machine())
    probe = (
        "import sys, subpipe.cli.main; subpipe.cli.main.build_parser();"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    heavy = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True).stdout.strip()
    help_times = timed_command(["--help"], args.runs)
    with tempfile.TemporaryDirectory() as outdir:
        run_times = timed_command(["run", str(args.corpus), "-o", outdir, "-q"], args.runs)
    print(row("what", "median s", "runs (s)"))
    print(row("`subpipe --help`", f"{median(help_times):.3f}", ", ".join(f"{t:.2f}" for t in help_times)))
    print(row("`subpipe run` one episode, cold", f"{median(run_times):.3f}", ", ".join(f"{t:.2f}" for t in run_times)))
    print(f"heavy modules imported by --help: {heavy}")


if __name__ == "__main__":
    main()
