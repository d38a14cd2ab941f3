"""Warm throughput: one episode through the whole pipeline in a process that has its converter
(glossary, jieba dictionary) built, as a batch worker does, against bare `jieba.lcut` of the same lines.

    python benchmarks/warm_throughput.py [--runs 7] [--stages] [--profile]

--stages times each stage of `process_transcript` and each output's renderer with a wrapper around it
(mean per episode over the runs); --profile prints cProfile's view, whose overhead inflates small calls.
"""

from __future__ import annotations

import cProfile
import logging
import pstats
import sys
import time

from collections import defaultdict
from collections.abc import Callable

from benchlib import REPO, arguments, machine, median, row

sys.path.insert(0, str(REPO))


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=7)
    import jieba

    from subpipe.batch import run as batch

    print(machine())
    data = args.corpus.read_bytes()
    profile = batch.Profile(glossaries=batch.read_glossaries([], shipped=True))
    batch._freeze_when_warm(profile)  # as in a batch worker process
    converter = batch._converter(profile)
    job = batch.Job(0, str(args.corpus), data, "episode")
    converter(job)  # first run loads lazily imported modules and caches
    pipeline = []
    for _ in range(args.runs):
        started = time.perf_counter()
        outcome = converter(job)
        pipeline.append(time.perf_counter() - started)
    assert isinstance(outcome, batch.Converted), outcome

    from subpipe.formats import parse_bytes

    lines = [line.text for line in parse_bytes(data, str(args.corpus)).lines]
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    bare = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for line in lines:
            jieba.lcut(line)
        bare.append(time.perf_counter() - started)

    print(row("what", "median s", "episodes/s"))
    print(row("whole pipeline, read to rendered outputs", f"{median(pipeline):.3f}", f"{1 / median(pipeline):.1f}"))
    print(row("bare `jieba.lcut` of the same lines", f"{median(bare):.4f}", f"{1 / median(bare):.1f}"))
    print(f"ratio pipeline / bare jieba: {median(pipeline) / median(bare):.1f}x ({len(lines)} lines)")

    if "--stages" in sys.argv:
        # Timed apart from the figures above, so that the wrappers do not weigh on them.
        spent: dict[str, list[float]] = defaultdict(list)
        _time_stages(spent)
        for _ in range(args.runs):
            converter(job)
        print(row("stage or output", "mean ms per episode"))
        for name, seconds in sorted(spent.items(), key=lambda item: -sum(item[1])):
            if sum(seconds) / args.runs >= 0.0005:
                print(row(name, f"{sum(seconds) / args.runs * 1000:.1f}"))

    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.runcall(converter, job)
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(25)
        # Where the time goes, stage by stage: what process_transcript calls, with cumulative times.
        stats.print_callees("process_transcript")


_STAGES = (
    "analyze", "learn_from_transcript", "reanalyze", "align", "make_cues", "find_chapters",
    "attribute_speakers", "summarize", "with_english_names",
)


def _time_stages(spent: dict[str, list[float]]) -> None:
    """Wrap the stages process_transcript calls, reading and every renderer, adding their times to `spent`."""
    # The converter looks these names up when it runs, so it calls the wrappers.
    from subpipe import converter as pipeline, formats
    from subpipe.outputs import registry as output

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - started)

        return wrapper

    for name in _STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    formats.parse_bytes = timed("read (parse_bytes)", formats.parse_bytes)
    for suffix, render in list(output.OUTPUTS.items()):
        if isinstance(render, output.WithSettings):
            output.OUTPUTS[suffix] = output.WithSettings(timed(f"render {suffix}", render.render))
        else:
            output.OUTPUTS[suffix] = timed(f"render {suffix}", render)


if __name__ == "__main__":
    main()
