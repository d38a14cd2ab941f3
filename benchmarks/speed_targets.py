"""Issue 19's figures in one run, each as a ratio to its baseline or against its target.

- cold: `subpipe run` on the shared transcript in a fresh process, against a fresh process that imports
  jieba, initialises it and segments the same lines, the two alternated (--runs pairs): medians and
  their ratio (target: under 1.5x). Both run as installed code does, with compiled bytecode
  (`benchlib.installed_environment`); subpipe with its per-user cache filled, in a folder of this run
  (the first run of a user, with the cache still empty, is timed once and reported beside it).
- warm: the whole pipeline, every output rendered, in a process whose converter is built (a batch
  worker), against bare `jieba.lcut` of the same lines, alternated (target: under 3x).
- batch: --files transcripts (made as batch500.py makes them: samples of the shared transcript's
  lines) through `subpipe batch --jobs 2`: wall time (target: under 20 s for 300), the CPU seconds
  of all its processes, and the peak resident size of each worker and of the parent.
- growth: a batch of --long transcripts at --jobs 2: each worker's resident size early on (10-20% of
  its working time) and at the end (the last 10%) (target: no growth).

    python benchmarks/speed_targets.py [--runs 7] [--files 300] [--long 1000] [--skip-long]

The machine may be shared: compare ratios measured in the same run, and read the CPU seconds beside
the batch's wall time (another process's load slows the wall time, not the CPU time).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch500 import make_transcripts
from benchlib import REPO, arguments, installed_environment, machine, median, option, row, run_child

_BARE_JIEBA = """
import logging, sys
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines.read().splitlines():
        jieba.lcut(line)
"""


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=7)
    files, long_files = int(option("--files", "300")), int(option("--long", "1000"))
    print(machine())
    with tempfile.TemporaryDirectory() as work:
        env = installed_environment()
        env["SUBPIPE_CACHE_DIR"] = str(Path(work) / "cache")
        cold, bare, first = cold_runs(args.corpus, args.runs, env, Path(work) / "out")
        warm = run_child(
            f"import json, sys; sys.path.insert(0, {str(REPO / 'benchmarks')!r})\n"
            "from warm_throughput import WarmBench\n"
            f"path = {str(args.corpus)!r}\n"
            f"pipeline, bare, lines = WarmBench().measure(open(path, 'rb').read(), path, {args.runs * 2})\n"
            "print(json.dumps([pipeline, bare, lines]))",
            "warm throughput",
        )
        batch = watched_batch(args.corpus, files, Path(work), env)
        long_batch = None if "--skip-long" in sys.argv else watched_batch(args.corpus, long_files, Path(work), env)

    print(row("figure", "subpipe", "baseline", "ratio or value", "target"))
    print(row("cold `subpipe run`, shared transcript (median)", f"{median(cold):.3f} s",
              f"{median(bare):.3f} s bare jieba", f"{median(cold) / median(bare):.2f}x", "< 1.5x"))
    print(row("cold, first run of a user (empty cache, once)", f"{first:.3f} s", "", f"{first / median(bare):.2f}x", ""))
    pipeline, segmenting, lines = warm
    print(row(f"warm pipeline, every output ({lines} lines, median)", f"{median(pipeline) * 1000:.1f} ms",
              f"{median(segmenting) * 1000:.1f} ms `jieba.lcut`", f"{median(pipeline) / median(segmenting):.1f}x", "< 3x"))
    print(row(f"batch of {files}, --jobs 2", f"{batch['wall']:.1f} s wall", f"{batch['cpu']:.1f} s CPU",
              f"{files / batch['wall']:.1f} files/s", "< 20 s for 300"))
    print(row("peak RSS per worker", ", ".join(f"{mb:.0f} MB" for mb in batch["worker_peaks"]),
              f"parent {batch['parent_peak']:.0f} MB", "", "report"))
    if long_batch is not None:
        for number, (early, late) in enumerate(long_batch["growth"], 1):
            print(row(f"worker {number} over a batch of {long_files} ({long_batch['wall']:.0f} s)", f"{early:.0f} MB early",
                      f"{late:.0f} MB at the end", f"{late - early:+.0f} MB", "no growth"))
    print(f"cold runs (s): {', '.join(f'{t:.2f}' for t in cold)}; bare jieba: {', '.join(f'{t:.2f}' for t in bare)}")
    print(f"warm runs (ms): {', '.join(f'{t * 1000:.0f}' for t in pipeline)}; "
          f"jieba: {', '.join(f'{t * 1000:.1f}' for t in segmenting)}")


def cold_runs(corpus: Path, runs: int, env: dict[str, str], outdir: Path) -> tuple[list[float], list[float], float]:
    """Wall seconds of `runs` cold `subpipe run`s and `runs` cold bare-jieba processes, alternated; and of
    the first run with the per-user cache empty."""
    run = [sys.executable, "-m", "subpipe", "run", str(corpus), "-o", str(outdir), "-q"]
    bare_jieba = [sys.executable, "-c", _BARE_JIEBA, str(corpus)]
    _timed(run, env)  # compiles the bytecode (if not yet done) and fills the per-user cache: not counted
    _timed(bare_jieba, env)  # jieba's own cache, made on its first run: not counted
    first = _timed(run, dict(env, SUBPIPE_CACHE_DIR=str(outdir.parent / "empty-cache")))
    cold, bare = [], []
    for _ in range(runs):
        cold.append(_timed(run, env))
        bare.append(_timed(bare_jieba, env))
    return cold, bare, first


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def watched_batch(corpus: Path, files: int, work: Path, env: dict[str, str]) -> dict:
    """`subpipe batch --jobs 2` over `files` made-up transcripts, its processes watched in /proc: wall
    time, CPU seconds of them all, peak RSS of the parent and of each worker, and each worker's RSS
    early on and at the end."""
    inputs, outdir = work / f"in-{files}", work / f"out-{files}"
    inputs.mkdir()
    make_transcripts(corpus, inputs, files)
    command = [sys.executable, "-m", "subpipe", "batch", str(inputs), "-o", str(outdir), "-q", "--jobs", "2"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env)
    seen: dict[int, dict] = {}
    while process.poll() is None:
        now = time.perf_counter() - started
        for pid in [process.pid, *_descendants(process.pid)]:
            state = _state(pid)
            if state is not None:
                record = seen.setdefault(pid, {"samples": [], "peak": 0.0, "cpu": 0.0})
                record["peak"], record["cpu"] = max(record["peak"], state[0]), state[2]
                record["samples"].append((now, state[1]))
        time.sleep(0.1)
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"subpipe batch failed ({process.returncode})")
    parent = seen.pop(process.pid, {"peak": 0.0, "cpu": 0.0})
    # Workers hold jieba's dictionary and the glossary: far above the forkserver and resource tracker.
    workers = [record for record in seen.values() if record["peak"] >= 150]
    return {
        "wall": wall,
        "cpu": parent["cpu"] + sum(record["cpu"] for record in seen.values()),
        "parent_peak": parent["peak"],
        "worker_peaks": sorted(record["peak"] for record in workers),
        "growth": [_early_and_late(record["samples"]) for record in workers],
    }


def _early_and_late(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Median RSS over 10-20% of the worker's working time, and over its last 10%."""
    begin, end = samples[0][0], samples[-1][0]
    span = end - begin or 1.0
    early = [rss for at, rss in samples if 0.1 <= (at - begin) / span <= 0.2] or [samples[0][1]]
    late = [rss for at, rss in samples if (at - begin) / span >= 0.9] or [samples[-1][1]]
    return statistics.median(early), statistics.median(late)


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _state(pid: int) -> tuple[float, float, float] | None:
    """Peak RSS (MB), RSS (MB) and CPU seconds so far of process `pid`, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        with open(f"/proc/{pid}/stat") as stat:
            ticks = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if "VmHWM" not in fields:
        return None  # a zombie
    megabytes = lambda name: int(fields[name].split()[0]) / 1024  # noqa: E731
    cpu = (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")
    return megabytes("VmHWM"), megabytes("VmRSS"), cpu


if __name__ == "__main__":
    main()
