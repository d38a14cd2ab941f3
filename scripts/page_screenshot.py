"""Screenshot of an episode page for docs/page.md, taken in Debian's headless Chromium.

    python scripts/page_screenshot.py TRANSCRIPT docs/page-desktop.png [--width 1200 --height 860]

Runs subpipe on TRANSCRIPT, writes its page to a temporary folder, opens it and shows the chapter with
the most marked names (the part of the page a reviewer spends time in). CJK text needs a CJK font on
the machine (Debian: fonts-noto-cjk), or the screenshot shows boxes.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from subpipe import process_file
from subpipe.outputs import write_outputs

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("transcript", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    episode = process_file(args.transcript)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        write_outputs(episode, folder)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto((Path(folder) / f"{episode.name}.html").as_uri())
        busiest = page.evaluate(
            """() => {
                const chapters = Array.from(document.querySelectorAll("section.chapter"));
                const counts = chapters.map((c) => c.querySelectorAll(".name, .unresolved").length);
                return chapters[counts.indexOf(Math.max(...counts))].id;
            }"""
        )
        page.evaluate("(id) => document.getElementById(id).scrollIntoView()", busiest)
        page.screenshot(path=str(args.png))
        browser.close()
    print(f"{args.png}: {args.png.stat().st_size // 1024} KB, chapter {busiest}")


if __name__ == "__main__":
    main()
