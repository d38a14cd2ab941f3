"""Time and peak memory of one episode at 1x, 10x and 100x the shared transcript (copies concatenated).

Each size runs in a fresh process: the converter (glossary, jieba dictionary) is built and run on a
small episode first (so per-process tables are loaded) and that is not counted; then the episode is read from bytes, run through every stage and rendered. Time is measured
without tracemalloc; peak memory is tracemalloc's peak over that step (Python allocations) in a
separate run, and the process's maximum resident size is reported too.

    python benchmarks/scaling.py [--runs 3] [--sizes 1,10,100] [--tracemalloc-max 100]

tracemalloc slows allocation-heavy code several times: sizes above --tracemalloc-max report the
maximum resident size only.
"""

from __future__ import annotations

import sys

from benchlib import REPO, arguments, machine, median, row, run_child

CHILD = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {repo!r})
from subpipe.batch.work import Converted, Job, compose_task, freeze_after_first_file, job_done, worker_converter
from subpipe.converter import Converter
copies, measure_memory = {copies}, {measure_memory}
text = open({corpus!r}, encoding="utf-8").read().rstrip("\n") + "\n"
data = (text * copies).encode()
converter = worker_converter(Converter().profile)  # as in a batch worker process
freeze_after_first_file()
# A small episode first: stages load their per-process tables (idf, word tags) on first use.
warm_up = "\n".join(text.splitlines()[:30]).encode()
assert isinstance(compose_task(converter, Job(0, "warm.txt", "warm", data=warm_up)), Converted)
job_done()
job = Job(0, "scaled.txt", "scaled", data=data)
if measure_memory:
    tracemalloc.start()
started = time.perf_counter()
outcome = compose_task(converter, job)
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1] if measure_memory else 0
assert isinstance(outcome, Converted), outcome
print(json.dumps({{"seconds": seconds, "peak": peak, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "lines": text.count("\n") * copies, "cues": outcome.value.cues}}))
"""


def measure(corpus: str, copies: int, memory: bool) -> dict:
    code = CHILD.format(repo=str(REPO), copies=copies, measure_memory=memory, corpus=corpus)
    return run_child(code, f"the {copies}x run")


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=3)
    sizes = [1, 10, 100]
    if "--sizes" in sys.argv:
        sizes = [int(s) for s in sys.argv[sys.argv.index("--sizes") + 1].split(",")]
    tracemalloc_max = int(sys.argv[sys.argv.index("--tracemalloc-max") + 1]) if "--tracemalloc-max" in sys.argv else 100
    print(machine())
    print(row("size", "lines", "cues", "median s", "s per 1x", "tracemalloc peak MB", "MB per 1x", "max RSS MB"))
    for copies in sizes:
        timings = [measure(str(args.corpus), copies, memory=False) for _ in range(args.runs)]
        seconds = median([t["seconds"] for t in timings])
        peak = "", ""
        if copies <= tracemalloc_max:
            peak_mb = measure(str(args.corpus), copies, memory=True)["peak"] / 2**20
            peak = f"{peak_mb:.1f}", f"{peak_mb / copies:.2f}"
        print(row(f"{copies}x", timings[0]["lines"], timings[0]["cues"], f"{seconds:.2f}", f"{seconds / copies:.3f}",
                  *peak, f"{max(t['maxrss_kb'] for t in timings) / 1024:.0f}"), flush=True)


if __name__ == "__main__":
    main()
