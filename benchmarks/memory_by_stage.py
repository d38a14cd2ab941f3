"""Where an episode's memory goes: Python's allocations at each stage, and what the finished episode holds.

    python benchmarks/memory_by_stage.py [--corpus FILE]

By default the input is the dev corpus's 51 transcripts concatenated as one plain transcript (as
`memory_at_size.py` makes it). A converter is built and warmed on the input's first 300 lines, so its
fixed tables (the writers' too) are loaded before tracing starts; then tracemalloc follows one
conversion and the writing of its outputs, and every figure is bytes above what was allocated before
it, per byte of input:

- per stage: allocated when it starts, when it returns, and the highest point while it ran;
- the finished `Episode`, field by field: the objects each field reaches that no earlier field (nor the
  converter's glossary and dictionary) reaches, by `sys.getsizeof`.

Issue 20 asks for an episode's peak at most 20x its input above the fixed tables; the second table is
the part of that any design which keeps a whole `Episode` (what every output is rendered from) holds
at the end, before a stage's working structures come on top.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import tempfile
import tracemalloc
from pathlib import Path

from benchlib import REPO, machine, option, row

sys.path.insert(0, str(REPO))

# Stages of `converter._Episode` (methods) and functions the converter module calls, in the order they run.
_METHODS = ("names", "subtitles", "sentences", "bilingual")
_FUNCTIONS = ("analyze", "find_chapters", "attribute_speakers", "summarize")


def main() -> None:
    from memory_at_size import dev_corpus_text

    from subpipe import converter as pipeline

    print(machine())
    corpus = option("--corpus", "")
    text = Path(corpus).read_text(encoding="utf-8") if corpus else dev_corpus_text()
    size = len(text.encode("utf-8"))
    from subpipe.outputs.registry import write_outputs

    converter = pipeline.Converter()
    with tempfile.TemporaryDirectory() as outdir:  # the fixed tables, loaded (the writers' too)
        write_outputs(converter.convert(_transcript("\n".join(text.splitlines()[:300]) + "\n")), outdir)
    transcript = _transcript(text)

    log: list[tuple[str, int, int, int]] = []
    for name in _METHODS:
        setattr(pipeline._Episode, name, _traced(name, getattr(pipeline._Episode, name), log))
    for name in _FUNCTIONS:
        setattr(pipeline, name, _traced(name, getattr(pipeline, name), log))

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    episode = converter.convert(transcript)
    converting_peak = tracemalloc.get_traced_memory()[1]  # since the last stage returned
    with tempfile.TemporaryDirectory() as outdir:
        writing_start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        write_outputs(episode, outdir)
        writing_end, writing_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def per_byte(allocated: int) -> str:
        return f"{(allocated - before) / size:.1f}x"

    print(f"input: {size / 1e6:.2f} MB, {len(transcript.lines)} lines")
    print(row("stage", "at start", "at return", "peak while running"))
    for name, start, end, stage_peak in log:
        print(row(name, per_byte(start), per_byte(end), per_byte(stage_peak)))
    print(row("writing every output", per_byte(writing_start), per_byte(writing_end), per_byte(writing_peak)))
    # Each stage's wrapper restarts tracemalloc's peak: the whole run's is the highest of theirs and the rest.
    peak = max([converting_peak, writing_peak] + [stage_peak for *_, stage_peak in log])
    print(f"peak: {per_byte(peak)} the input above what was loaded before it")

    seen: set[int] = set()
    _size_of((converter.glossary, converter.segmenter), seen)
    print(row("episode field", "held, x input"))
    held = 0
    for field in dataclasses.fields(episode):
        field_size = _size_of(getattr(episode, field.name), seen)
        held += field_size
        if field_size / size >= 0.01:
            print(row(field.name, f"{field_size / size:.2f}x"))
    counts = f"{len(episode.cues)} cues, {len(episode.bilingual_cues)} bilingual, {len(episode.sentences)} sentences"
    print(f"the finished episode holds {held / size:.1f}x its input ({counts})")


def _transcript(text: str):
    from subpipe import formats

    return formats.parse(text, "corpus", format="text")


def _traced(name: str, function, log: list[tuple[str, int, int, int]]):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = tracemalloc.get_traced_memory()[0]
        _restart_peak()
        _open_peaks.append(start)
        try:
            return function(*args, **kwargs)
        finally:
            _restart_peak()
            peak = _open_peaks.pop()
            log.append((name, start, tracemalloc.get_traced_memory()[0], peak))
            if _open_peaks:  # the stage that called this one peaked at least as high
                _open_peaks[-1] = max(_open_peaks[-1], peak)

    return wrapper


# The highest allocation seen so far by each stage running now, innermost last: tracemalloc keeps one
# peak, which a stage called by another restarts, so the peak up to that moment is handed to every
# stage open around it first.
_open_peaks: list[int] = []


def _restart_peak() -> None:
    peak = tracemalloc.get_traced_memory()[1]
    for index, open_peak in enumerate(_open_peaks):
        _open_peaks[index] = max(open_peak, peak)
    tracemalloc.reset_peak()


def _size_of(root: object, seen: set[int]) -> int:
    """Bytes of the objects `root` reaches that are not in `seen` (which they then join): containers,
    slotted and plain objects, followed; classes, functions and modules not."""
    total = 0
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, (type, type(sys), type(_size_of))):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, (str, bytes, int, float, bool, type(None))):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        else:
            for klass in type(item).__mro__:
                for slot in klass.__dict__.get("__slots__", ()):
                    if hasattr(item, slot):
                        stack.append(getattr(item, slot))
            if hasattr(item, "__dict__"):
                stack.append(vars(item))
    return total


if __name__ == "__main__":
    main()
