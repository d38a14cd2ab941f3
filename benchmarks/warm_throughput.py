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
    print(machine())
    pipeline, bare, lines, convert_one = measure(args.corpus, args.runs)
    print(row("what", "median s", "episodes/s"))
    print(row("whole pipeline, read to rendered outputs", f"{median(pipeline):.3f}", f"{1 / median(pipeline):.1f}"))
    print(row("bare `jieba.lcut` of the same lines", f"{median(bare):.4f}", f"{1 / median(bare):.1f}"))
    print(f"ratio pipeline / bare jieba: {median(pipeline) / median(bare):.1f}x ({lines} lines)")

    if "--stages" in sys.argv:
        # Timed apart from the figures above, so that the wrappers do not weigh on them.
        spent: dict[str, list[float]] = defaultdict(list)
        _time_stages(spent)
        for _ in range(args.runs):
            convert_one()
        print(row("stage or output", "mean ms per episode"))
        for name, seconds in sorted(spent.items(), key=lambda item: -sum(item[1])):
            if sum(seconds) / args.runs >= 0.0005:
                print(row(name, f"{sum(seconds) / args.runs * 1000:.1f}"))

    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.runcall(convert_one)
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(25)
        # Where the time goes, stage by stage: what one conversion calls, with cumulative times.
        stats.print_callees("run")


def measure(corpus, runs: int) -> tuple[list[float], list[float], int, Callable]:
    """Seconds of each of `runs` warm conversions of `corpus` and of `runs` bare segmentations of its
    lines, alternated run by run so that both meet a shared machine in the same state; the number of
    lines; and the conversion, to time again."""
    import jieba

    from subpipe.batch.work import Converted, Job, compose_task, freeze_after_first_file, worker_converter
    from subpipe.converter import Converter

    data = corpus.read_bytes()
    # As in a batch worker process: its converter, built once, composing every output of each input.
    converter = worker_converter(Converter().profile)
    freeze_after_first_file()
    job = Job(0, str(corpus), "episode", data=data)

    def convert_one():
        outcome = compose_task(converter, job)
        assert isinstance(outcome, Converted), outcome
        return outcome

    from subpipe.batch.work import job_done
    from subpipe.formats import parse_bytes

    convert_one()  # first run loads lazily imported modules and caches
    job_done()  # freezes what the process keeps for its whole life, as a worker does after its first file
    lines = [line.text for line in parse_bytes(data, str(corpus)).lines]
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    pipeline, bare = [], []
    for _ in range(runs):
        started = time.perf_counter()
        convert_one()
        pipeline.append(time.perf_counter() - started)
        # jieba's pass is timed second of two: the first brings its dictionary back into the CPU's caches
        # after the pipeline's run, as running it over and over would (how it was measured before).
        for timed in (False, True):
            started = time.perf_counter()
            for line in lines:
                jieba.lcut(line)
            if timed:
                bare.append(time.perf_counter() - started)
    return pipeline, bare, len(lines), convert_one


_STAGES = (
    "analyze", "learn_from_transcript", "reanalyze", "align_names", "discover_names", "in_context",
    "with_surname_mentions", "join_names", "find_chapters",
    "attribute_speakers", "summarize", "with_english_names", "input_order_warnings", "youtube_warnings",
    "ass_warnings", "duration_warnings",
)


def _time_stages(spent: dict[str, list[float]]) -> None:
    """Wrap the stages a conversion calls, reading, cue making and every output, adding their times to `spent`."""
    # The converter module looks these names up when it runs, so it calls the wrappers.
    from subpipe import converter as pipeline, formats
    from subpipe.cues.build import CueMaker
    from subpipe.outputs import registry as output
    from subpipe.text.sentences import SentenceReading

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
    CueMaker.cues = timed("make cues (shape and time)", CueMaker.cues)
    SentenceReading.__init__ = timed("sentences: the evidence", SentenceReading.__init__)
    SentenceReading.decode = timed("sentences: decoding (twice)", SentenceReading.decode)
    formats.parse_bytes = timed("read (parse_bytes)", formats.parse_bytes)
    for suffix, compose in list(output.OUTPUTS.items()):
        output.OUTPUTS[suffix] = timed(f"compose {suffix}", compose)


if __name__ == "__main__":
    main()
