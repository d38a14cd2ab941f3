"""Peak memory of `subpipe run` on large transcripts, per byte of input above the fixed tables.

Each input runs in a fresh process, as `subpipe run INPUT -o TMP -q` does (every output written). The
fixed part of each input (jieba's dictionary, the glossary, the word, name and script tables, loaded
as stages first need them) is the same command on the input's first 300 lines; what the whole input
adds above it, divided by the input's size in bytes, is the figure issue 20 sets at most 20x.

    python benchmarks/memory_at_size.py [--copies 100,300] [--dev-copies 1,3] [--tracemalloc]

Two kinds of input: the shared transcript repeated (comparable with earlier figures, but the same
words at the same places over and over, which flatters anything that shares equal objects), and the
dev corpus's 51 transcripts concatenated as one plain transcript (each line as `label：text` where it
has a label), which repeats nothing within a copy. Maximum resident size comes from the kernel
(`ru_maxrss`); with --tracemalloc a second run gives tracemalloc's peak (Python's own allocations,
without the allocator's fragmentation), which is slower.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchlib import REPO, SHARED_TRANSCRIPT, machine, option, row, run_child

sys.path.insert(0, str(REPO))

CHILD = r"""
import json, resource, sys, tempfile, time, tracemalloc
sys.path.insert(0, {repo!r})
if {trace}:
    tracemalloc.start()
from subpipe.cli.main import main
started = time.perf_counter()
with tempfile.TemporaryDirectory() as outdir:
    code = main(["run", {path!r}, "-o", outdir, "-q"])
seconds = time.perf_counter() - started
assert code == 0, code
peak = tracemalloc.get_traced_memory()[1] if {trace} else 0
print(json.dumps({{"seconds": seconds, "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "peak": peak}}))
"""


def measure(path: Path, trace: bool) -> dict:
    return run_child(CHILD.format(repo=str(REPO), path=str(path), trace=trace), f"subpipe run {path.name}")


def dev_corpus_text() -> str:
    """Every dev transcript's lines, one transcript after another, as one plain transcript."""
    from subpipe import formats

    texts = []
    for path in sorted((SHARED_TRANSCRIPT.parent / "dev").glob("*/*")):
        if path.suffix not in {".txt", ".md", ".srt", ".vtt"}:
            continue
        transcript = formats.read_transcript(path)
        texts.append("\n".join(f"{line.label}：{line.text}" if line.label else line.text for line in transcript.lines))
    return "\n\n".join(texts) + "\n"


def main() -> None:
    copies = [int(n) for n in option("--copies", "100,300").split(",") if n]
    dev_copies = [int(n) for n in option("--dev-copies", "1,3").split(",") if n]
    trace = "--tracemalloc" in sys.argv
    print(machine())
    shared = SHARED_TRANSCRIPT.read_text(encoding="utf-8").rstrip("\n") + "\n"
    dev = dev_corpus_text()
    with tempfile.TemporaryDirectory() as folder:
        inputs = [(f"shared transcript x{n}", shared * n) for n in copies]
        inputs += [(f"dev corpus concatenated x{n}", dev * n) for n in dev_copies]
        header = ["input", "MB", "s", "max RSS MB", "fixed part MB", "above it, x input"]
        if trace:
            header += ["tracemalloc peak MB", "fixed part MB", "above it, x input"]
        print(row(*header))
        for name, text in inputs:
            data = text.encode("utf-8")
            first_lines = "".join(text.splitlines(keepends=True)[:300]).encode("utf-8")
            whole, start = Path(folder) / "whole.txt", Path(folder) / "start.txt"
            whole.write_bytes(data)
            start.write_bytes(first_lines)
            result, fixed = measure(whole, trace=False), measure(start, trace=False)
            cells = [name, f"{len(data) / 1e6:.2f}", f"{result['seconds']:.1f}", f"{result['maxrss'] / 1e6:.0f}"]
            cells += [f"{fixed['maxrss'] / 1e6:.0f}", f"{(result['maxrss'] - fixed['maxrss']) / len(data):.0f}x"]
            if trace:
                peak, fixed_peak = measure(whole, trace=True)["peak"], measure(start, trace=True)["peak"]
                cells += [f"{peak / 1e6:.0f}", f"{fixed_peak / 1e6:.0f}", f"{(peak - fixed_peak) / len(data):.0f}x"]
            print(row(*cells), flush=True)


if __name__ == "__main__":
    main()
