"""What CC-CEDICT's name layer costs: loading it cold (parsed, then cached) and warm (from the cache),
its memory, and its share of converting one episode.

Each load is timed in a fresh process, so nothing is warm that a user's first run would not have warm;
the cache goes to a temporary folder (XDG_CACHE_HOME), never the user's own.

    python benchmarks/dictionary_cost.py [--runs 5] [--corpus path/to/transcript.txt]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from benchlib import REPO, arguments, machine, median, row

# Run in a fresh process: the time and memory of loading the dictionary and building its matcher.
# With TRACE, tracemalloc follows every allocation (and slows everything several times over): the times
# are taken in runs without it, the memory in runs with it.
_LOAD = """
import json, sys, time, tracemalloc
import psutil
from subpipe.text.segment import is_ordinary_word, is_person_name_word
is_ordinary_word("的"), is_person_name_word("的")  # jieba's word lists: loaded by subpipe anyway
rss_before = psutil.Process().memory_info().rss
if sys.argv[1] == "TRACE":
    tracemalloc.start()
started = time.perf_counter()
from subpipe.names.cedict import load_cedict
data = load_cedict()
loaded = time.perf_counter()
from subpipe.names.dictionary import name_dictionary
dictionary = name_dictionary()
built = time.perf_counter()
current, peak = tracemalloc.get_traced_memory() if tracemalloc.is_tracing() else (0, 0)
rss_after = psutil.Process().memory_info().rss
print(json.dumps({"load": loaded - started, "build": built - loaded, "held": current, "peak": peak,
                  "rss": rss_after - rss_before, "names": len(dictionary.names), "date": data.date}))
"""


def _load_once(cache_home: str, trace: bool = False) -> dict:
    environment = dict(os.environ, XDG_CACHE_HOME=cache_home, PYTHONPATH=str(REPO))
    command = [sys.executable, "-c", _LOAD, "TRACE" if trace else "TIME"]
    result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout)


def _episode_times(corpus, runs: int) -> tuple[list[float], list[float]]:
    from subpipe import Converter
    from subpipe.formats import read_transcript
    from subpipe.settings import NameSettings, Settings

    transcript = read_transcript(corpus)
    with_layers = Converter()
    without = Converter(Settings(names=NameSettings(dictionary=False, romanise=False)))
    with_layers(transcript), without(transcript)  # set-up and first-call caches out of the timing
    on, off = [], []
    for _ in range(runs):
        for converter, times in ((with_layers, on), (without, off)):
            started = time.perf_counter()
            converter(transcript)
            times.append(time.perf_counter() - started)
    return on, off


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=5)
    print(machine())
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache_home:
            cold.append(_load_once(cache_home))  # no cache: parse, then write it
            warm.append(_load_once(cache_home))  # the cache the cold run wrote
    with tempfile.TemporaryDirectory() as cache_home:
        cold_memory = [_load_once(cache_home, trace=True)]
        warm_memory = [_load_once(cache_home, trace=True)]
    print(f"CC-CEDICT {cold[0]['date']}: {cold[0]['names']} names usable")
    print(row("what", "median", "runs"))
    for label, runs, key, unit, scale in (
        ("load, cold (parse 124,000 lines, write the cache)", cold, "load", "s", 1),
        ("load, warm (read the cache)", warm, "load", "s", 1),
        ("build the matcher (forms, ordinary-word checks)", warm, "build", "s", 1),
        ("memory held after loading (tracemalloc)", warm_memory, "held", "MB", 1e-6),
        ("memory peak while loading, cold (tracemalloc)", cold_memory, "peak", "MB", 1e-6),
        ("memory peak while loading, warm (tracemalloc)", warm_memory, "peak", "MB", 1e-6),
        ("resident memory added, warm (RSS)", warm, "rss", "MB", 1e-6),
    ):
        values = [run[key] * scale for run in runs]
        print(row(label, f"{median(values):.3f} {unit}", ", ".join(f"{v:.3f}" for v in values)))
    on, off = _episode_times(args.corpus, args.runs * 3)
    print(row("one episode, warm, with the dictionary and romanising", f"{median(on):.3f} s", ", ".join(f"{t:.3f}" for t in on)))
    print(row("one episode, warm, without them", f"{median(off):.3f} s", ", ".join(f"{t:.3f}" for t in off)))


if __name__ == "__main__":
    main()
