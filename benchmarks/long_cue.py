"""One subtitle cue holding N text lines against the same N lines as a plain-text transcript.

An SRT or WebVTT cue's text lines are joined into one line of the transcript, so a cue holding thousands
of lines (a transcript pasted into one cue) is one very long line for every stage. A stage that, for
each thing it finds in a line, looks at the whole line costs the square of the line's length there:
this measures that it costs what the same lines do as plain text (the ratio stays flat as N grows).

    python benchmarks/long_cue.py [--runs 3] [--sizes 1000,2000,4000,8000] [--corpus FILE]

The lines are the corpus transcript's, repeated to N. Each measurement runs in a fresh process whose
converter is built and warmed on a small episode first (not counted); the time is from the file's bytes
to every output composed, as in a batch worker.
"""

from __future__ import annotations

import sys

from benchlib import REPO, arguments, machine, median, row, run_child

CHILD = r"""
import json, sys, time
sys.path.insert(0, {repo!r})
from subpipe.batch.work import Converted, Job, compose_task, worker_converter
from subpipe.converter import Converter
lines = [line for line in open({corpus!r}, encoding="utf-8").read().splitlines() if line.strip()]
count, kind = {count}, {kind!r}
body = "\n".join((lines * (count // len(lines) + 1))[:count])
if kind == "cue":
    text, name = "1\n00:00:01,000 --> 02:00:00,000\n" + body + "\n", "cue.srt"
else:
    text, name = body + "\n", "plain.txt"
converter = worker_converter(Converter().profile)
warm = "\n".join(lines[:30]).encode()
assert isinstance(compose_task(converter, Job(0, "warm.txt", "warm", data=warm)), Converted)
started = time.perf_counter()
outcome = compose_task(converter, Job(0, name, "x", data=text.encode()))
seconds = time.perf_counter() - started
assert isinstance(outcome, Converted), outcome
print(json.dumps({{"seconds": seconds, "cues": outcome.value.cues}}))
"""


def measure(corpus: str, count: int, kind: str) -> dict:
    return run_child(CHILD.format(repo=str(REPO), corpus=corpus, count=count, kind=kind), f"{kind} of {count} lines")


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=3)
    sizes = [1000, 2000, 4000, 8000]
    if "--sizes" in sys.argv:
        sizes = [int(s) for s in sys.argv[sys.argv.index("--sizes") + 1].split(",")]
    print(machine())
    print(row("lines", "one cue: median s", "plain text: median s", "cue / plain", "cues (cue, plain)"))
    for count in sizes:
        cue = [measure(str(args.corpus), count, "cue") for _ in range(args.runs)]
        plain = [measure(str(args.corpus), count, "plain") for _ in range(args.runs)]
        cue_s, plain_s = median([m["seconds"] for m in cue]), median([m["seconds"] for m in plain])
        print(row(count, f"{cue_s:.2f}", f"{plain_s:.2f}", f"{cue_s / plain_s:.2f}", f"{cue[0]['cues']}, {plain[0]['cues']}"),
              flush=True)


if __name__ == "__main__":
    main()
