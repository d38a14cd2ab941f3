"""Warm throughput: one episode through the whole pipeline in a process that has its converter
(glossary, jieba dictionary) built, as a batch worker does, against bare `jieba.lcut` of the same lines.

    python benchmarks/warm_throughput.py [--runs 7] [--stages] [--sizes] [--dev] [--profile]

--stages times each stage of `process_transcript` and each output's renderer with a wrapper around it
(mean per episode over the runs) and sums them in three groups against bare jieba; --sizes measures
the ratio on the corpus's first 1 to all lines and on it repeated; --dev on every dev transcript;
--profile prints cProfile's view, whose overhead inflates small calls.
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
    bench = WarmBench()
    data = args.corpus.read_bytes()
    pipeline, bare, lines = bench.measure(data, str(args.corpus), args.runs)
    print(row("what", "median s", "episodes/s"))
    print(row("whole pipeline, read to rendered outputs", f"{median(pipeline):.3f}", f"{1 / median(pipeline):.1f}"))
    print(row("bare `jieba.lcut` of the same lines", f"{median(bare):.4f}", f"{1 / median(bare):.1f}"))
    print(f"ratio pipeline / bare jieba: {median(pipeline) / median(bare):.1f}x ({lines} lines)")

    if "--sizes" in sys.argv:
        _sizes(bench, data, args.runs)
    if "--dev" in sys.argv:
        _dev_corpus(bench, args.runs)
    if "--stages" in sys.argv:
        # Timed apart from the figures above, so that the wrappers do not weigh on them.
        spent: dict[str, list[float]] = defaultdict(list)
        _time_stages(spent)
        for _ in range(args.runs):
            bench.convert(data, str(args.corpus))
        print(row("stage or output", "mean ms per episode"))
        for name, seconds in sorted(spent.items(), key=lambda item: -sum(item[1])):
            if sum(seconds) / args.runs >= 0.0005:
                print(row(name, f"{sum(seconds) / args.runs * 1000:.1f}"))
        _groups(spent, args.runs, median(bare))

    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.runcall(bench.convert, data, str(args.corpus))
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(25)
        # Where the time goes, stage by stage: what one conversion calls, with cumulative times.
        stats.print_callees("run")


class WarmBench:
    """A process set up as a batch worker is (its converter built once, composing every output of each
    input), and bare jieba beside it."""

    def __init__(self) -> None:
        import jieba

        from subpipe.batch.work import freeze_after_first_file, worker_converter
        from subpipe.converter import Converter

        self.converter = worker_converter(Converter().profile)
        freeze_after_first_file()
        self.jieba = jieba
        self.first = True

    def convert(self, data: bytes, path: str) -> None:
        from subpipe.batch.work import Converted, Job, compose_task, job_done

        outcome = compose_task(self.converter, Job(0, path, "episode", data=data))
        assert isinstance(outcome, Converted), outcome
        if self.first:
            # The first run loads lazily imported modules and caches; then the process freezes what it
            # keeps for its whole life, as a worker does after its first file.
            job_done()
            self.jieba.setLogLevel(logging.WARNING)
            self.jieba.initialize()
            self.first = False

    def measure(self, data: bytes, path: str, runs: int) -> tuple[list[float], list[float], int]:
        """Seconds of each of `runs` warm conversions of `data` and of `runs` bare segmentations of its
        lines, alternated run by run so that both meet a shared machine in the same state; and the
        number of lines."""
        from subpipe.formats import parse_bytes

        self.convert(data, path)  # warm: the first conversion of an input builds what later ones reuse
        lines = [line.text for line in parse_bytes(data, path).lines]
        pipeline, bare = [], []
        for _ in range(runs):
            started = time.perf_counter()
            self.convert(data, path)
            pipeline.append(time.perf_counter() - started)
            # jieba's pass is timed second of two: the first brings its dictionary back into the CPU's
            # caches after the pipeline's run, as running it over and over would (how it was measured before).
            for timed in (False, True):
                started = time.perf_counter()
                for line in lines:
                    self.jieba.lcut(line)
                if timed:
                    bare.append(time.perf_counter() - started)
        return pipeline, bare, len(lines)


def _sizes(bench: WarmBench, data: bytes, runs: int) -> None:
    """The ratio on the corpus's first lines and on the corpus repeated: a cost fixed per episode would
    show as a higher ratio on few lines, and one growing faster than the lines as a higher one on many."""
    lines = data.decode("utf-8").splitlines()
    print(row("lines", "pipeline ms", "bare jieba ms", "pipeline per line µs", "ratio"))
    for count in (1, 10, 50, 150, len(lines), 4 * len(lines)):
        part = (lines * 4)[:count]
        pipeline, bare, _ = bench.measure(("\n".join(part) + "\n").encode(), "sizes.txt", runs)
        print(row(count, f"{median(pipeline) * 1000:.1f}", f"{median(bare) * 1000:.2f}",
                  f"{median(pipeline) / count * 1e6:.0f}", f"{median(pipeline) / median(bare):.1f}x"))


def _dev_corpus(bench: WarmBench, runs: int) -> None:
    """The ratio on every dev transcript, one row each, and over the set (total time / total time)."""
    from benchlib import SHARED_TRANSCRIPT

    transcripts = (SHARED_TRANSCRIPT.parent / "dev").glob("*/*")
    paths = sorted(path for path in transcripts if path.suffix in {".txt", ".md", ".srt", ".vtt"})
    print(row("dev transcript", "lines", "pipeline ms", "bare jieba ms", "ratio"))
    totals = [0.0, 0.0]
    ratios = []
    for path in paths:
        pipeline, bare, lines = bench.measure(path.read_bytes(), str(path), runs)
        totals[0] += median(pipeline)
        totals[1] += median(bare)
        ratios.append(median(pipeline) / median(bare))
        print(row(f"{path.parent.name}/{path.name}", lines, f"{median(pipeline) * 1000:.1f}",
                  f"{median(bare) * 1000:.2f}", f"{ratios[-1]:.1f}x"))
    print(f"over the {len(paths)} dev transcripts: {totals[0] / totals[1]:.1f}x (total over total); "
          f"per file: median {median(ratios):.1f}x, lowest {min(ratios):.1f}x, highest {max(ratios):.1f}x")


def _groups(spent: dict[str, list[float]], runs: int, bare: float) -> None:
    """The stages in three groups, each as a multiple of bare jieba: segmentation (jieba's own work and
    what a line's words are made into), rendering the outputs, and everything else (names, cues,
    sentences, chapters, speakers, summaries)."""

    def total(names) -> float:
        return sum(sum(spent[name]) for name in names) / runs

    segmenting = total(["analyze", "reanalyze"])
    rendering = total([name for name in spent if name.startswith("compose ")])
    everything = total([name for name in spent if name not in {"read (parse_bytes)"}]) - segmenting - rendering
    print(row("group", "mean ms per episode", "x bare jieba"))
    for name, ms in (("segmentation (analyze, reanalyze)", segmenting), ("rendering the outputs", rendering),
                     ("the other timed stages", everything)):
        print(row(name, f"{ms * 1000:.1f}", f"{ms / bare:.2f}x"))


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
