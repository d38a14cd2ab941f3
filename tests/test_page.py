"""The episode page's HTML, without a browser: escaping, names, speakers, options, the batch index.
What a browser does with it is in test_page_browser.py."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe import Script, Settings, process_text
from subpipe.batch.run import run_batch
from subpipe.cli.main import main
from subpipe.model import Chapter, Cue, Summaries
from subpipe.outputs import compose_outputs
from subpipe.outputs.page import _cue_markup, _Mark, audio_source, build_page, compose_page, speaker_name
from subpipe.settings import OutputSettings

TEXT = "\n".join(
    [
        "大家好，这里是科技周报，我是大飞",
        "今天我们聊聊萨姆·奥特曼和OpenAI的新模型",
        "埃隆·马斯克也说了几句话",
        "团队成员钱多多解释道",
        "钱多多：谢谢大飞，很高兴来到这里",
        "钱多多：我觉得这个模型很有意思",
    ]
)
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "{{ 7 * 7 }} {% if true %}模板{% endif %}",
    "注意\u202e这段文字反过来\u202c了吗",
    "很长" * 3000,
]


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def episode(segmenter):
    return process_text(TEXT, name="weekly", segmenter=segmenter)


@pytest.fixture(scope="module")
def hostile(segmenter):
    return process_text("\n".join(["大家好", *HOSTILE, "再见"]), name="hostile", segmenter=segmenter)


def test_hostile_lines_are_text_not_markup(hostile):
    html = compose_page(hostile)
    tags = _elements(html)
    assert [tag for tag, _ in tags].count("script") == 1  # ours, at the end
    assert not any(tag == "img" for tag, _ in tags)
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    # Template syntax in the transcript is not evaluated (that would give "49 模板").
    assert "{{ 7 * 7 }} {% if true %}模板{% endif %}" in html
    assert "\u202e" in html  # kept as the transcript wrote it; the CSS isolates it


def test_the_page_allows_only_its_own_style_and_script(episode):
    html = compose_page(episode)
    policy = next(attrs["content"] for tag, attrs in _elements(html) if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert "script-src 'sha256-" in policy and "style-src 'sha256-" in policy
    # Nothing refers outside the file: no src or href to another address (links are in-page anchors).
    for tag, attrs in _elements(html):
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)


def test_aligned_names_carry_their_english_and_unresolved_names_are_marked(episode):
    page = build_page(episode)
    markup = "".join(str(cue.markup) for chapter in page.chapters for cue in chapter.cues)
    named = [m for m in episode.mentions if m.english and m.english.casefold() not in m.text.casefold()]
    assert named, "the sample names people the shipped glossary knows"
    for mention in named:
        assert f'<span class="en">{mention.english}</span>' in markup
    assert episode.unresolved, "the guest is named by nobody's glossary"
    for name in episode.unresolved:
        assert 'class="unresolved" title="Not in any glossary' in markup and f">{name.text}</span>" in markup


def test_every_cue_appears_once_under_its_chapter_with_its_speaker(episode):
    page = build_page(episode)
    cues = [cue for chapter in page.chapters for cue in chapter.cues]
    assert [cue.index for cue in cues] == [cue.index for cue in episode.cues]
    previous = None
    for cue in cues:
        speaker_id = episode.speaker_of_line.get(cue.lines[0])
        assert (cue.speaker.id if cue.speaker else None) == speaker_id
        # The name shows where a speaker's turn starts, across chapter boundaries too.
        assert cue.turn_start == (speaker_id is not None and speaker_id != previous)
        previous = speaker_id
    assert any(not cue.turn_start for cue in cues) and sum(cue.turn_start for cue in cues) > 1
    # Chapters starting a third and two thirds of the way in (the first cues before any chapter):
    # each chapter holds the cues from its line to the next chapter's, in order.
    line_starts = [n for n, cue in enumerate(episode.cues) if n and cue.source_lines != episode.cues[n - 1].source_lines]
    third, two_thirds = (next(n for n in line_starts if n >= len(episode.cues) * k // 3) for k in (1, 2))
    starts = [episode.cues[third], episode.cues[two_thirds]]
    chaptered = replace(episode, chapters=tuple(Chapter(c.source_lines[0], c.start_ms, f"第{n}章", None, ()) for n, c in enumerate(starts, 1)))
    page = build_page(chaptered)
    assert [chapter.number for chapter in page.chapters] == [0, 1, 2]
    assert [[cue.index for cue in chapter.cues] for chapter in page.chapters] == [
        [cue.index for cue in episode.cues[a:b]] for a, b in ((0, third), (third, two_thirds), (two_thirds, None))
    ]
    assert page.chapters[1].cues[-1].index == episode.cues[two_thirds - 1].index
    host = next(s for s in episode.speakers if s.role == "host")
    assert speaker_name(host) in compose_page(episode)


def test_a_page_without_speakers_chapters_or_summaries_still_renders(episode):
    bare = replace(episode, speakers=(), speaker_of_line={}, chapters=(), summaries=Summaries(), unresolved=())
    html = compose_page(bare)
    assert 'id="speakers"' not in html and 'id="chapters"' not in html and 'id="summary"' not in html
    assert html.count("<li class=\"cue") == len(episode.cues)


def test_traditional_output_script_shows_traditional_text(segmenter):
    episode = process_text(TEXT, name="weekly", segmenter=segmenter, settings=Settings(output_script=Script.TAIWAN))
    html = compose_page(episode)
    assert "這裡是" in html and "这里是" not in html.split("<main>")[1]
    # The page's own headings follow the script: 簡介 and 章節, not 简介 and 章节.
    assert "Summary 簡介" in html and "简介" not in html


def test_audio_is_referred_to_relative_to_the_page(tmp_path):
    audio = tmp_path / "media" / "my show #1.ogg"
    assert audio_source(str(audio), tmp_path / "out") == "../media/my%20show%20%231.ogg"
    assert audio_source(str(audio), None) == "my%20show%20%231.ogg"
    assert audio_source(None, tmp_path) is None


def test_no_html_leaves_the_page_out(episode, tmp_path):
    assert "weekly.html" in compose_outputs(episode)
    assert "weekly.html" not in compose_outputs(episode, settings=OutputSettings(html=False))
    source = tmp_path / "weekly.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q", "--no-html"]) == 0
    written = {path.name for path in (tmp_path / "out").iterdir()}
    assert "weekly.zh.srt" in written and "weekly.html" not in written


def test_batch_writes_an_index_linking_every_page(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("大家好\n今天聊聊模型\n", encoding="utf-8")
    (tmp_path / "in" / "sub" / "b #1.txt").write_text("你好\n再见\n", encoding="utf-8")
    result = run_batch([str(tmp_path / "in")], tmp_path / "out")
    assert result.index_path == tmp_path / "out" / "index.html"
    links = [attrs["href"] for tag, attrs in _elements(result.index_path.read_text(encoding="utf-8")) if tag == "a"]
    assert links == ["a.html", "sub/b%20%231.html"]
    for link in ("a.html", "sub/b #1.html"):
        assert (tmp_path / "out" / link).is_file()


def test_the_index_keeps_skipped_pages_and_never_replaces_an_episode_page(tmp_path):
    # index.txt's page would be the index's name, batch-index.txt's the name the index once fell back
    # to: neither is ever overwritten, whatever the inputs are called.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "index.txt").write_text("大家好\n", encoding="utf-8")
    (tmp_path / "in" / "batch-index.txt").write_text("再见\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("你好\n", encoding="utf-8")
    run_batch([str(tmp_path / "in")], tmp_path / "out")
    again = run_batch([str(tmp_path / "in")], tmp_path / "out")
    assert again.count("skipped") == 3
    assert again.index_path == tmp_path / "out" / "index.html"
    links = [attrs["href"] for tag, attrs in _elements(again.index_path.read_text(encoding="utf-8")) if tag == "a"]
    index_page = next(p.name for p in (tmp_path / "out").glob("index-*.html"))
    assert len(index_page) == len("index-12345678.html")
    assert links == ["b.html", "batch-index.html", index_page]
    assert "大家好" in (tmp_path / "out" / index_page).read_text(encoding="utf-8")
    assert "再见" in (tmp_path / "out" / "batch-index.html").read_text(encoding="utf-8")


_ALPHABET = "大家好模型<>&\"'{}%#/\\ \u202e\u200f\u00a0aZ1"


@given(
    source=st.text(alphabet=_ALPHABET, min_size=1, max_size=40),
    data=st.data(),
)
@settings(max_examples=200, deadline=None)
def test_cue_markup_keeps_every_character_and_adds_only_our_tags(source, data):
    """Whatever the line holds and wherever the names are, the cue's text on the page is its stretch of
    the line, character for character, with nothing but our own spans around the names."""
    start = data.draw(st.integers(0, len(source) - 1))
    end = data.draw(st.integers(start + 1, len(source)))
    points = sorted(data.draw(st.sets(st.integers(0, len(source)), max_size=6)))
    marks = [
        _Mark(left, right, data.draw(st.sampled_from(["name", "ambiguous", "unresolved"])), None, source)
        for left, right in zip(points[::2], points[1::2])
        if right > left
    ]
    cue = Cue(1, 0, 1000, (source[start:end],), (1,), (start, end))
    markup = str(_cue_markup(cue, source, marks, lambda text: text))
    parser = _Text()
    parser.feed(markup)
    parser.close()
    assert "".join(parser.text) == source[start:end]
    assert {tag for tag, _ in parser.tags} <= {"span"}
    assert all(set(attrs) <= {"class", "title"} for _, attrs in parser.tags)


class _Text(_Elements):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data):
        self.text.append(data)
