"""Shared helpers of the speed benchmarks: the machine, medians, the shared transcript, timed commands."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_TRANSCRIPT = REPO.parent / "shared" / "corpus" / "o1-team-interview.txt"


def arguments(description: str, runs: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=SHARED_TRANSCRIPT, help="transcript to measure on")
    parser.add_argument("--runs", type=int, default=runs, help="repetitions; medians are reported")
    return parser.parse_known_args()[0]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{date.today()} · {cores} cores ({model}) · Python {platform.python_version()} · {platform.system()}"


def option(name: str, default: str) -> str:
    """The value given after `name` on the command line, else `default` (for options `arguments` lacks)."""
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def median(values: list[float]) -> float:
    return statistics.median(values)


def installed_environment() -> dict[str, str]:
    """The environment of a command timed as a user's installed subpipe runs: with its modules' bytecode
    compiled once and kept (pip compiles it on install; a shell with PYTHONDONTWRITEBYTECODE set would
    otherwise compile every module from source in every process, about 0.1 s), in a folder of the
    benchmarks' own rather than beside the sources."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / f"subpipe-bench-pycache-{os.getuid()}"))
    return env


def timed_command(args: list[str], runs: int, before=None, env: dict[str, str] | None = None) -> list[float]:
    """Wall-clock seconds of `python -m subpipe ARGS` from process start to exit, `runs` times."""
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "subpipe", *args], cwd=REPO, env=env or installed_environment(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"subpipe {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return times


def run_child(code: str, what: str) -> dict:
    """Run `python -c code` in a fresh process and return the JSON object its last line prints; `what`
    names the measurement if it fails."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{what} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"
