"""Time rendering the episode page and the two ASS files, and how they grow with the transcript.

    python benchmarks/page_render.py [--corpus TRANSCRIPT] [--runs 5]

The pipeline runs once per size (not timed); then each renderer runs `--runs` times and the median is
reported. Sizes are the transcript itself and the transcript repeated 4 and 16 times. The first page of
a process also pays for importing Jinja2 and compiling the template: reported on its own line.
With Debian's chromium and Playwright installed, the page of each size is also opened in headless
Chromium: the time to its load event, and the time a search (and clearing it) takes with the layout.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchlib import arguments, machine, median, row

from subpipe import process_text
from subpipe.formats.ass import compose_ass, compose_bilingual_ass
from subpipe.text.segment import Segmenter


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
    small = process_text(text.split("\n", 1)[0], name="bench", segmenter=segmenter)
    started = time.perf_counter()
    from subpipe.outputs.page import compose_page

    compose_page(small)
    print(f"first page of a process (import the page module, compile the template, render one line): "
          f"{1000 * (time.perf_counter() - started):.0f} ms")
    print()
    browser = _browser()
    print(row("transcript", "lines", "cues", "page ms", "page KB", "zh.ass ms", "zh-en.ass ms",
              "Chromium load ms", "search ms", "clear ms"))
    print(row(*["---"] * 10))
    for times in (1, 4, 16):
        episode = process_text("\n".join([text.rstrip("\n")] * times), name="bench", segmenter=segmenter)
        page_s, page = timed(lambda: compose_page(episode), args.runs)
        ass_s, _ = timed(lambda: compose_ass(episode.cues), args.runs)
        bilingual_s, _ = timed(lambda: compose_bilingual_ass(episode.bilingual_cues), args.runs)
        in_browser = _in_browser(browser, page, args.runs) if browser else ("-", "-", "-")
        print(row(f"x{times}", len(episode.transcript.lines), len(episode.cues), f"{1000 * page_s:.0f}",
                  f"{len(page.encode('utf-8')) // 1024}", f"{1000 * ass_s:.0f}", f"{1000 * bilingual_s:.0f}",
                  *in_browser))
    if browser:
        browser.close()


_SEARCH = """() => {
    const box = document.getElementById("search");
    const started = performance.now();
    box.value = "模型"; box.dispatchEvent(new Event("input")); document.body.offsetHeight;
    const searched = performance.now();
    box.value = ""; box.dispatchEvent(new Event("input")); document.body.offsetHeight;
    return [performance.getEntriesByType("navigation")[0].loadEventEnd, searched - started, performance.now() - searched];
}"""


def _browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    if not Path("/usr/bin/chromium").exists():
        return None
    return sync_playwright().start().chromium.launch(executable_path="/usr/bin/chromium", args=flags)


def _in_browser(browser, html: str, runs: int) -> tuple[str, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page()
        measured = []
        for _ in range(runs):
            page.goto(path.as_uri())
            measured.append(page.evaluate(_SEARCH))
        page.close()
    return tuple(f"{median([m[i] for m in measured]):.0f}" for i in range(3))


if __name__ == "__main__":
    main()
