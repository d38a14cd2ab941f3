"""What a long episode's compact forms cost in time: one conversion with every output written, with the
forms a long episode gets (words as rows, the lines as cut and the sentences as columns, cues packed as
made, chapter units made part by part), with its cues packed only (as the fourth round packed them;
the changes that apply to every episode are in every mode), and with none, alternated in one process.

    python benchmarks/long_episode_cost.py [--runs 3] [--corpus FILE]

By default the input is the dev corpus's 51 transcripts concatenated (`memory_at_size.py`), 11,409
lines: a long episode, so the forms are on as shipped; "without" raises the thresholds past it. The
memory they save is `memory_at_size.py`'s and `memory_by_stage.py`'s to measure (a process's peak
cannot be taken apart in one process).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchlib import REPO, machine, median, option, row

sys.path.insert(0, str(REPO))


def main() -> None:
    from memory_at_size import dev_corpus_text

    from subpipe import Converter
    from subpipe.cues import table
    from subpipe.formats import parse
    from subpipe.outputs.registry import write_outputs
    from subpipe.text import token_rows

    print(machine())
    corpus = option("--corpus", "")
    runs = int(option("--runs", "3"))
    text = Path(corpus).read_text(encoding="utf-8") if corpus else dev_corpus_text()
    transcript = parse(text, "long", format="text")
    converter = Converter()
    shipped = (token_rows.PACK_LINES, table.PACK_AT)

    beyond = len(transcript.lines) + 1
    modes = {
        "objects (as an ordinary episode)": (beyond, 10**9),
        "cues packed only": (beyond, shipped[1]),
        "compact (as shipped for a long one)": shipped,
    }

    def convert(thresholds: tuple[int, int]) -> float:
        token_rows.PACK_LINES, table.PACK_AT = thresholds
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as outdir:
            write_outputs(converter.convert(transcript), outdir)
        return time.perf_counter() - started

    convert(shipped)  # the fixed tables loaded, the writers' too
    times: dict[str, list[float]] = {label: [] for label in modes}
    for _ in range(runs):
        for label, thresholds in modes.items():
            times[label].append(convert(thresholds))
    token_rows.PACK_LINES, table.PACK_AT = shipped
    print(f"input: {len(text.encode('utf-8')) / 1e6:.2f} MB, {len(transcript.lines)} lines, {runs} alternations")
    print(row("forms", "median s", "against objects", "runs"))
    objects = median(next(iter(times.values())))
    for label, measured in times.items():
        print(row(label, f"{median(measured):.1f}", f"{median(measured) / objects:.2f}x", ", ".join(f"{t:.1f}" for t in measured)))


if __name__ == "__main__":
    main()
