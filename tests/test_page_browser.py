"""The episode page in a real browser: Debian's headless Chromium driven by Playwright.

One browser for the module; each test opens its page in a new context (a fresh profile). The browser
is Debian's (`scripts/setup.sh` installs it); Playwright never downloads one here.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from subpipe import process_file, process_text
from subpipe.outputs import write_outputs

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

HOSTILE_LINES = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "</p></li></ol><h1 id=injected>标题</h1>",
    "{{ 7 * 7 }} {% raw %}模板{% endraw %}",
    "注意\u202e这段文字反过来\u202c了吗",
    "很长" * 2500,
    "javascript:window.__pwned=3",
]


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "scripts/setup.sh installs Debian's chromium"
    with sync_playwright() as playwright:
        # Playwright gives every launch a new, empty user data directory of its own.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class _Opened:
    """A page with everything the console and the page said, for the no-errors checks."""

    def __init__(self, browser, path: Path, viewport=DESKTOP):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened: list[_Opened] = []

    def open_(path: Path, viewport=DESKTOP) -> _Opened:
        opened.append(_Opened(browser, path, viewport))
        return opened[-1]

    yield open_
    for item in opened:
        item.close()


@pytest.fixture(scope="module")
def corpus_page(corpus_path, segmenter, tmp_path_factory):
    episode = process_file(corpus_path, segmenter=segmenter)
    outdir = tmp_path_factory.mktemp("corpus-page")
    write_outputs(episode, outdir)
    return episode, outdir / f"{episode.name}.html"


def test_the_shared_transcript_page_shows_chapters_speakers_and_english_names(corpus_page, open_page, tmp_path):
    episode, path = corpus_page
    opened = open_page(path)
    page = opened.page
    assert len(episode.chapters) >= 2
    assert page.locator("#chapters a").count() == len(episode.chapters)
    for chapter in episode.chapters:
        assert page.locator("#chapters").get_by_text(chapter.title, exact=False).first.is_visible()
    speakers = [s for s in episode.speakers if s.role != "mentioned" and s.lines]
    assert page.locator("#speakers li").count() == len(speakers)
    # Every cue of a speaker wears that speaker's colour class; each turn shows the name.
    turn_names = page.locator("li.cue.turn .who").all_inner_texts()
    assert {s.english or s.chinese for s in speakers if s.english or s.chinese} & {
        part for name in turn_names for part in name.replace("）", "（").split("（") if part
    }
    english = [m.english for m in episode.mentions if m.english and m.kind == "person"]
    assert english
    shown = page.locator(".name .en").all_inner_texts()
    assert set(english) & set(shown)
    for text in shown[:20]:
        assert text.strip()
    page.screenshot(path=str(tmp_path / "page-desktop.png"), full_page=False)
    assert opened.errors == []


def test_chapter_links_jump_to_their_chapter(corpus_page, open_page):
    episode, path = corpus_page
    page = open_page(path).page
    # A chapter in the middle: the last ones may sit too near the end of the page to reach the top.
    middle = len(episode.chapters) // 2
    link = page.locator("#chapters a").nth(middle)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("(hash) => location.hash === hash", arg=target)
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", target[1:])
    assert 0 <= top < 100, "the chapter heading is at the top of the window"
    assert page.evaluate("scrollY") > 1000
    # The chapter's heading is the chapter's title, and its first cue is the chapter's first line.
    chapter = episode.chapters[middle]
    assert chapter.title in page.locator(f"{target} h3").inner_text()
    assert f"L{chapter.line}" in page.locator(f"{target} li.cue").first.inner_text()


def test_search_hides_cues_that_do_not_match(corpus_page, open_page):
    episode, path = corpus_page
    opened = open_page(path)
    page = opened.page
    total = page.locator("li.cue").count()
    assert total == len(episode.cues)
    # A person's English name: found in cues that show it beside the Chinese, though the transcript
    # never wrote it in those lines.
    person = next(m for m in episode.mentions if m.kind == "person" and m.english and m.english not in m.text)
    page.fill("#search", person.english.lower())
    visible = page.locator("li.cue:visible")
    count = visible.count()
    assert 0 < count < total
    for text in visible.all_inner_texts():
        assert person.english.lower() in text.lower()
    assert page.locator("#search-count").inner_text() == f"{count} of {total} cues"
    page.fill("#search", "没有这样的词语")
    assert page.locator("li.cue:visible").count() == 0
    # Printed, the page gives the whole transcript, whatever the search, and no controls.
    page.emulate_media(media="print")
    assert page.locator("li.cue:visible").count() == total
    assert not page.locator("#search").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("li.cue:visible").count() == 0
    page.fill("#search", "")
    assert page.locator("li.cue:visible").count() == total
    assert opened.errors == []


def test_phone_width_reads_without_sideways_scrolling(corpus_page, open_page, tmp_path):
    _, path = corpus_page
    opened = open_page(path, PHONE)
    page = opened.page
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "page-phone.png"))
    page.locator("#chapters a").nth(1).click()
    page.screenshot(path=str(tmp_path / "page-phone-chapter.png"))
    assert (tmp_path / "page-phone.png").stat().st_size > 0
    assert opened.errors == []


def test_injected_markup_stays_text(segmenter, open_page, tmp_path):
    episode = process_text("\n".join(["大家好", *HOSTILE_LINES, "再见"]), name="hostile", segmenter=segmenter)
    write_outputs(episode, tmp_path)
    for viewport in (DESKTOP, PHONE):
        opened = open_page(tmp_path / "hostile.html", viewport)
        page = opened.page
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img").count() == 0
        assert page.locator("#injected").count() == 0
        assert page.locator("script").count() == 1
        texts = " ".join(page.locator("li.cue .text").all_text_contents())
        for line in HOSTILE_LINES[:5] + HOSTILE_LINES[6:]:
            # The cue text is the line itself (a long line spread over several cues).
            assert line.replace(" ", "") in texts.replace(" ", "")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
        # The right-to-left mark stays inside its cue: the next cue still reads left to right.
        page.screenshot(path=str(tmp_path / f"hostile-{viewport['width']}.png"), full_page=False)
        assert opened.errors == []


def test_audio_player_highlights_the_playing_cue_and_a_click_seeks(segmenter, open_page, tmp_path):
    text = "\n".join(f"[00:00:{second:02d}] 第{second}句话在这里" for second in range(0, 20, 2))
    episode = process_text(text, name="timed", segmenter=segmenter)
    media = tmp_path / "media"
    media.mkdir()
    audio = media / "timed audio.wav"
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "sine=frequency=440:duration=20", str(audio)],
        check=True,
        timeout=60,
    )
    outdir = tmp_path / "out"
    write_outputs(replace(episode, audio_path=str(audio)), outdir)
    opened = open_page(outdir / "timed.html")
    page = opened.page
    assert page.locator("audio#player").get_attribute("src") == "../media/timed%20audio.wav"
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    assert page.evaluate("document.getElementById('player').duration") == pytest.approx(20, abs=0.1)
    third = episode.cues[2]
    page.evaluate("(t) => { document.getElementById('player').currentTime = t; }", (third.start_ms + 300) / 1000)
    page.wait_for_selector(f"#cue-{third.index}.playing")
    assert page.locator("li.cue.playing").count() == 1
    fifth = episode.cues[4]
    page.locator(f"#cue-{fifth.index} .text").click()
    page.wait_for_function(
        "(t) => Math.abs(document.getElementById('player').currentTime - t) < 0.5", arg=fifth.start_ms / 1000
    )
    page.wait_for_selector(f"#cue-{fifth.index}.playing")
    assert opened.errors == []
