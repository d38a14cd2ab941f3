"""Markdown transcripts: the spoken text only, each line at its own source line; front matter, headings,
markup, embeds and URLs out of the cues; broken files still read, with a warning naming the line."""

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from subpipe import process_text
from subpipe.formats import detect_format, parse
from subpipe.formats.markdown import looks_like_markdown, read_markdown


def read(text: str):
    return parse(text, "t", path="t.md")


def texts(transcript) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in transcript.lines]


def test_front_matter_gives_title_and_date_and_is_no_line():
    transcript = read("---\ntitle: 第一期 访谈\ndate: 2024-03-05\ntags: [a, b]\n---\n\n主持人：大家好\n\n嘉宾：你好\n")
    assert (transcript.title, transcript.date) == ("第一期 访谈", "2024-03-05")
    assert texts(transcript) == [(7, "大家好"), (9, "你好")]
    assert [line.label for line in transcript.lines] == ["主持人", "嘉宾"]


def test_headings_are_sections_not_lines_and_the_opening_heading_is_the_title():
    transcript = read("# 2024-05-01 科技访谈\n\n## 第一部分\n\n今天聊芯片\n\n## 第二部分 模型\n\n再聊模型\n")
    assert transcript.title == "2024-05-01 科技访谈"
    assert transcript.date == "2024-05-01"
    assert [(s.line, s.title, s.level) for s in transcript.sections] == [(3, "第一部分", 2), (7, "第二部分 模型", 2)]
    assert texts(transcript) == [(5, "今天聊芯片"), (9, "再聊模型")]


def test_a_heading_label_labels_the_paragraphs_after_it():
    transcript = read("# 会议\n\n### 唐鳳：\n第一段話\n\n第二段話\n\n### 顏理謙：\n問題嗎？\n")
    assert [(line.number, line.label) for line in transcript.lines] == [(4, "唐鳳"), (6, None), (9, "顏理謙")]
    assert transcript.sections == ()


def test_emphasis_links_and_html_tags_go_their_text_stays():
    source = (
        "**主持人：**欢迎收听，今天*重点*聊[开源模型](https://example.com/a)\n\n"
        '嘉宾：我用<font color="red">红色</font>标了出来，见 https://example.com/x然后再说\n'
    )
    transcript = read(source)
    assert texts(transcript) == [(1, "欢迎收听，今天重点聊开源模型"), (3, "我用红色标了出来，见 然后再说")]
    assert [line.label for line in transcript.lines] == ["主持人", "嘉宾"]


def test_images_embeds_comments_and_bare_links_leave_no_line():
    source = (
        "# 标题\n\n![封面](cover.png)\n\n<iframe src=\"https://player.example/1\">不支持</iframe>\n\n"
        "<!-- 备注 -->\n\n（[https://example.com](https://example.com)）\n\n<https://example.com/b>\n\n正文一句\n"
    )
    assert texts(read(source)) == [(13, "正文一句")]


def test_an_embed_never_closed_keeps_its_text():
    assert texts(read("# 标题\n\n<video>\n还在说话\n")) == [(4, "还在说话")]
    assert texts(read("# 标题\n\n说到这里<iframe src=x>还在说话\n")) == [(3, "说到这里还在说话")]
    assert texts(read("# 标题\n\n说到这里<iframe src=x>后备文字</iframe>我们继续\n")) == [(3, "说到这里我们继续")]


def test_bold_labels_in_every_shape():
    source = "**主持人**：你好\n\n**主持人：**请讲\n\n**記：這是問題嗎？**\n\n受訪者：是的\n\n**記：**還有嗎？\n"
    transcript = read(source)
    assert [(line.label, line.text) for line in transcript.lines] == [
        ("主持人", "你好"),
        ("主持人", "请讲"),
        ("記", "這是問題嗎？"),
        ("受訪者", "是的"),
        ("記", "還有嗎？"),
    ]


def test_stage_directions_are_kept_as_written_and_are_not_speech():
    transcript = read("# 标题\n\n主持人：开始吧\n\n> （鈴響）\n\n[大笑]\n\n【背景音乐】\n\n嘉宾：好（笑）\n")
    assert [(line.text, line.speech) for line in transcript.lines] == [
        ("开始吧", True),
        ("（鈴響）", False),
        ("[大笑]", False),
        ("【背景音乐】", False),
        ("好（笑）", True),
    ]


def test_lists_quotes_tables_and_code_keep_their_text_without_markers():
    source = "# 标题\n\n- 第一点\n- 第二点\n\n1. 第三点\n\n> 引用的话\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n```\n代码里的字\n```\n"
    assert texts(read(source)) == [
        (3, "第一点"), (4, "第二点"), (6, "第三点"), (8, "引用的话"), (10, "甲 乙"), (12, "丙 丁"), (15, "代码里的字"),
    ]


def test_a_paragraph_over_several_lines_keeps_each_line_number():
    assert texts(read("# 标题\n\n第一行\n第二行 **加粗**\n第三行\n")) == [(3, "第一行"), (4, "第二行 加粗"), (5, "第三行")]


def test_broken_front_matter_is_warned_about_at_its_line_and_the_file_still_reads():
    transcript = read("---\ntitle: 访谈: 第一集\nauthor: [x\n---\n\n主持人：你好\n")
    assert transcript.title == "访谈: 第一集"
    assert texts(transcript) == [(6, "你好")]
    [warning] = transcript.warnings
    assert warning.line in (2, 3) and "front matter" in warning.message


def test_front_matter_never_closed_is_read_as_text_with_a_warning():
    transcript = read("---\ntitle: 访谈\n\n正文\n")
    assert texts(transcript) == [(2, "title: 访谈"), (4, "正文")]
    assert [(w.line, "never closed" in w.message) for w in transcript.warnings] == [(1, True)]


def test_front_matter_that_is_not_a_mapping_is_read_as_text():
    transcript = read("---\n只是一句话\n---\n\n正文\n")
    assert texts(transcript) == [(2, "只是一句话"), (5, "正文")]
    assert transcript.warnings[0].line == 1


def test_a_md_file_that_is_plain_text_reads_as_plain_text_with_a_warning():
    transcript = read("[00:00:05] 主持人：一加一等于二\n嘉宾：对\n")
    assert [(line.number, line.text, line.start_ms, line.label) for line in transcript.lines] == [
        (1, "一加一等于二", 5000, "主持人"),
        (2, "对", None, "嘉宾"),
    ]
    assert [(w.line, "plain text" in w.message) for w in transcript.warnings] == [(1, True)]


def test_markdown_is_sniffed_from_content_and_plain_transcripts_stay_plain():
    assert detect_format("x.txt", "# 标题\n\n### 主持人：\n你好\n") == "markdown"
    assert detect_format("x.txt", "---\ntitle: 访谈\n---\n正文\n") == "markdown"
    assert detect_format("x.txt", "# 标题\n<img src=a.png>\n正文\n") == "markdown"
    # A plain transcript may start with a `#` line, dialogue dashes or numbered lines.
    assert detect_format("x.txt", "# 第一期\n今天聊芯片\n我们开始\n") == "text"
    assert detect_format("x.txt", "- 回家吗\n- 这么早\n") == "text"
    assert detect_format("x.txt", "1. 首先\n2. 其次\n") == "text"
    assert detect_format("x.txt", "#AI 新闻\n#OpenAI 发布\n") == "text"
    assert not looks_like_markdown(["今天聊芯片", "我们开始"])


def test_every_markdown_item_points_at_its_own_source_line():
    source = "---\ntitle: 访谈\n---\n# 访谈\n\n**主持人：**欢迎收听节目\n\n嘉宾：谢谢邀请\n我做芯片十年了\n"
    episode = process_text(source, name="t", format="markdown")
    lines = dict(texts(episode.transcript))
    assert lines == {6: "欢迎收听节目", 8: "谢谢邀请", 9: "我做芯片十年了"}
    for cue in episode.cues:
        assert cue.text.replace(" ", "") in lines[cue.source_lines[0]].replace("，", "")
    assert {number for number in episode.speaker_of_line} == set(lines)


def test_the_episode_document_carries_title_date_sections_and_speech():
    from subpipe.outputs.document import episode_to_dict

    source = "---\ntitle: 访谈\ndate: 2024-01-02\n---\n\n## 开场\n\n主持人：欢迎\n\n> （掌声）\n\n嘉宾：谢谢\n"
    document = episode_to_dict(process_text(source, name="t", format="markdown"))
    assert (document["source"]["title"], document["source"]["date"]) == ("访谈", "2024-01-02")
    assert document["sections"] == [{"line": 6, "title": "开场", "level": 2}]
    assert [(l["number"], l["speaker"], l["speech"]) for l in document["lines"]] == [
        (8, "host", True), (10, None, False), (12, "嘉宾", True),
    ]
    assert all("访谈" not in cue["text"] and "开场" not in cue["text"] for cue in document["cues"])


def test_title_and_date_are_in_the_notes_and_page_never_a_cue():
    from subpipe.outputs.notes import compose_notes_markdown
    from subpipe.outputs.page import compose_page

    source = "---\ntitle: 芯片访谈\ndate: 2024-01-02\n---\n\n主持人：欢迎收听节目今天聊芯片\n\n嘉宾：谢谢邀请我做芯片十年了\n"
    episode = process_text(source, name="t", format="markdown")
    notes = compose_notes_markdown(episode)
    assert notes.startswith("# 芯片访谈\n") and "2024-01-02" in notes
    page = compose_page(episode)
    assert "<title>芯片访谈</title>" in page and "2024-01-02" in page
    assert not any("芯片访谈" in cue.text or "2024" in cue.text for cue in episode.cues)


# ---------------------------------------------------------------------------------------------------
# Generated Markdown: no markup reaches a cue, no spoken Chinese text is lost, lines stay true.

_HAN = "我们今天来聊一下芯片模型训练数据开源社区发布新版本性能提升很多大家觉得怎么样"
_spoken = st.text(alphabet=_HAN, min_size=1, max_size=10)
_ending = st.sampled_from(["", "。", "，", "？", "！"])
_URL = "https://example.com/a_b"


@st.composite
def _inline(draw):
    """Spoken text in some inline markup: (source, spoken words)."""
    words = draw(_spoken)
    shape = draw(st.sampled_from(["plain", "strong", "em", "link", "font", "code", "url", "image", "strike"]))
    marked = {
        "plain": words,
        "strong": f"**{words}**",
        "em": f"*{words}*",
        "link": f"[{words}](https://example.com/x)",
        "font": f'<font color="red">{words}</font>',
        "code": f"`{words}`",
        "url": f"{words} {_URL}",
        "image": f"{words}![cover](img/a.png)",
        "strike": f"~~{words}~~",
    }[shape]
    return marked + draw(_ending), words


@st.composite
def _document(draw):
    """A Markdown transcript: (source, [(line, spoken words)], title, heading titles)."""
    out: list[str] = []
    spoken: list[tuple[int, str]] = []
    title = None
    if draw(st.booleans()):
        title = draw(_spoken)
        out += ["---", f"title: {title}", "date: 2024-01-02", "---", ""]
    headings = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["paragraph", "label", "list", "quote", "heading", "table", "direction"]))
        if kind == "heading":
            heading = draw(_spoken)
            headings.append(heading)
            out += [f"{'#' * draw(st.integers(1, 4))} {heading}", ""]
            continue
        if kind == "direction":
            out += [f"> （{draw(_spoken)}）", ""]
            continue
        label = draw(st.sampled_from(["**主持人：** ", "主持人：", "**嘉宾**："]))
        prefix = {"paragraph": "", "label": label, "list": "- ", "quote": "> ", "table": ""}[kind]
        if kind == "table":
            out += ["| 甲 | 乙 |", "|---|---|"]
        for position in range(draw(st.integers(1, 3))):
            parts = draw(st.lists(_inline(), min_size=1, max_size=3))
            # Parts apart by a space: `**一****二**` is no emphasis in any Markdown, nor meant as such.
            text = " ".join(source for source, _ in parts)
            if kind == "table":
                text = f"| {text} | 好 |"
            out.append((prefix if position == 0 or kind in ("list", "quote") else "") + text)
            spoken += [(len(out), words) for _, words in parts]
        out.append("")
    return "\n".join(out) + "\n", spoken, title, headings


def _han(text: str) -> str:
    return "".join(char for char in text if char in _HAN)


@settings(max_examples=150, deadline=None)
@given(_document())
def test_generated_markdown_keeps_every_spoken_word_at_its_line_and_no_markup(document):
    source, spoken, title, _ = document
    transcript = read_markdown(source, "t.md")
    by_line = {line.number: line.text for line in transcript.lines}
    for number, words in spoken:
        assert words in _han(by_line.get(number, "")), (number, words, source)
    # A file with no Markdown markup at all is read as plain text (with a warning), where a bare URL is
    # text the writer wrote; in Markdown it is cut, as a link's address is.
    as_plain = any("read as plain text" in warning.message for warning in transcript.warnings)
    markup = r"[*#>\[\]`|~]|\(|\)|<|cover|img/" if as_plain else r"[*#>\[\]`|~]|\(|\)|<|https?:|cover|img/"
    for line in transcript.lines:
        assert not re.search(markup, line.text), (line.text, source)
    if title is not None:
        assert transcript.title == title


_CONVERTER = {}


@settings(max_examples=25, deadline=None)
@given(_document())
def test_generated_markdown_reaches_the_cues_whole_and_clean(document):
    from subpipe import Converter

    converter = _CONVERTER.setdefault("converter", Converter())
    source, spoken, title, headings = document
    assume(spoken)  # a file of headings alone holds no transcript (an error of its own)
    episode = converter(parse(source, "generated", path="generated.md"))
    shown = _han("".join(cue.text for cue in episode.cues))
    position = 0
    for _, words in spoken:  # in order, each whole
        found = shown.find(words, position)
        assert found >= 0, (words, shown, source)
        position = found + len(words)
    for cue in episode.cues:
        assert not re.search(r"[*#>\[\]`|~]|\(|\)|<|https?:|cover|img/|title:", cue.text), (cue.text, source)
    for line in episode.transcript.lines:
        assert episode.speaker_of_line.get(line.number) is None or line.speech
    # The title is no cue: unless some line (spoken, or a stage direction) says the same characters.
    if title is not None and all(title not in _han(line.text) for line in episode.transcript.lines):
        assert title not in shown
