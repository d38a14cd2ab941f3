"""Time rendering the episode page and the two ASS files, and how they grow with the transcript.

    python benchmarks/page_render.py [--corpus TRANSCRIPT] [--runs 5]

The pipeline runs once per size (not timed); then each renderer runs `--runs` times and the median is
reported. Sizes are the transcript itself and the transcript repeated 4 and 16 times. The first page of
a process also pays for importing Jinja2 and compiling the template: reported on its own line.
"""

from __future__ import annotations

import time

from benchlib import arguments, machine, median, row

from subpipe import process_text
from subpipe.formats.ass import write_ass, write_bilingual_ass
from subpipe.segment import Segmenter


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return median(times), result


def main() -> None:
    args = arguments(__doc__.splitlines()[0], runs=5)
    text = args.corpus.read_text(encoding="utf-8")
    segmenter = Segmenter()
    print(machine())
    print()
    started = time.perf_counter()
    from subpipe.page import render_page

    episode = process_text(text, name="bench", segmenter=segmenter)
    render_page(episode)
    print(f"first page of a process (import Jinja2, compile the template, render): "
          f"{1000 * (time.perf_counter() - started):.0f} ms including the pipeline")
    print()
    print(row("transcript", "lines", "cues", "page ms", "page KB", "zh.ass ms", "zh-en.ass ms"))
    print(row(*["---"] * 7))
    for times in (1, 4, 16):
        episode = process_text("\n".join([text.rstrip("\n")] * times), name="bench", segmenter=segmenter)
        page_s, page = timed(lambda: render_page(episode), args.runs)
        ass_s, _ = timed(lambda: write_ass(episode.cues), args.runs)
        bilingual_s, _ = timed(lambda: write_bilingual_ass(episode.bilingual_cues), args.runs)
        print(row(f"x{times}", len(episode.transcript.lines), len(episode.cues), f"{1000 * page_s:.0f}",
                  f"{len(page.encode('utf-8')) // 1024}", f"{1000 * ass_s:.0f}", f"{1000 * bilingual_s:.0f}"))


if __name__ == "__main__":
    main()
