"""WebVTT: header, NOTE/STYLE/REGION blocks, identifiers, voices, tags and entities."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe.errors import SubpipeError
from subpipe.formats import FORMATS, detect_format, parse
from subpipe.model import Line


def read_vtt(text: str, path: str) -> list[Line]:
    return FORMATS["vtt"].read(text, path).lines

FULL = """WEBVTT - 最佳拍档 第12期
Kind: captions
Language: zh-Hans

NOTE 这是一条注释
它有两行

STYLE
::cue(.yellow) { color: yellow; }

REGION
id:fred
width:40%

intro
00:01.000 --> 00:04.000 align:start position:10%
<v Bob McGrew>大家好，<c.yellow>欢迎</c></v>

00:00:05.000 --> 00:00:07.500
<v.loud 主持人>我们<i>今天</i><b>聊</b><u>o1</u>
<v 嘉宾>好的<00:00:06.000>谢谢

3
01:00:00.000 --> 01:00:01.000
<ruby>推<rt>tuī</rt>理</ruby> &amp; &lt;模型&gt;&nbsp;&lrm;完
"""


def test_full_file() -> None:
    assert read_vtt(FULL, "x.vtt") == [
        Line(17, "大家好，欢迎", 1000, 4000, "Bob McGrew"),
        Line(20, "我们今天聊o1 好的谢谢", 5000, 7500, "主持人"),
        Line(25, "推理 & <模型> 完", 3_600_000, 3_601_000),
    ]


def test_header_alone_and_crlf() -> None:
    source = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n你好\r\n"
    assert read_vtt(source, "x.vtt") == [Line(4, "你好", 1000, 2000)]


def test_cue_right_after_header_and_without_blank_line_between_cues() -> None:
    source = "WEBVTT\n00:01.000 --> 00:02.000\n一\n00:03.000 --> 00:04.000\n二\n"
    assert [(line.number, line.text) for line in read_vtt(source, "x.vtt")] == [(3, "一"), (5, "二")]


def test_empty_cue_is_skipped() -> None:
    source = "WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n\n00:03.000 --> 00:04.000\n二\n"
    assert read_vtt(source, "x.vtt") == [Line(7, "二", 3000, 4000)]


def test_unknown_tags_stay_literal() -> None:
    [line] = read_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<script>alert(1)</script>\n", "x.vtt")
    assert line.text == "<script>alert(1)</script>"


def test_voice_without_name_is_no_label() -> None:
    [line] = read_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v>你好</v>\n", "x.vtt")
    assert (line.label, line.text) == (None, "你好")


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("你好\n", 1, "WEBVTT"),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\n你好\n", 1, "WEBVTT"),
        ("WEBVTT\n\n00:01.000 --> 00:0x.000\n你好\n", 3, "cannot read the cue timing"),
        ("WEBVTT\n\nid\n00:01 --> 00:02\n你好\n", 4, "cannot read the cue timing"),
        ("WEBVTT\n\n00:05.000 --> 00:01.000\n你好\n", 3, "ends before it starts"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n你好\n\n这里多了一个空行\n世界\n", 7, "blank line inside a cue"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n你好\n\n00:75.000 --> 00:76.000\n你好\n", 6, "below 60"),
    ],
)
def test_malformed_vtt_names_the_line(source: str, line: int, message: str) -> None:
    with pytest.raises(SubpipeError, match=message) as error:
        read_vtt(source, "x.vtt")
    assert (error.value.path, error.value.line) == ("x.vtt", line)


def test_detect_and_parse_vtt() -> None:
    assert detect_format("x.txt", FULL) == "vtt"
    assert detect_format("x.vtt", "") == "vtt"
    transcript = parse(FULL, "x", path="x.txt")
    assert transcript.format == "vtt"
    assert [line.label for line in transcript.lines] == ["Bob McGrew", "主持人", None]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_or_fails_cleanly(source: str) -> None:
    for text in (source, "WEBVTT\n\n" + source):
        try:
            lines = read_vtt(text, "x.vtt")
        except SubpipeError as error:
            assert error.line is not None
            continue
        for line in lines:
            assert line.text and line.start_ms is not None and line.end_ms is not None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["", "NOTE", "STYLE", "00:01.000 --> 00:02.000", "<v Bob>", "&amp;", "-->"]),
            st.text(alphabet="0123456789:. ->你好<v.c/>&;amp", max_size=30),
        ),
        max_size=20,
    )
)
def test_vtt_lookalikes_read_or_fail_cleanly(parts: list[str]) -> None:
    try:
        read_vtt("\n".join(["WEBVTT", "", *parts]), "x.vtt")
    except SubpipeError as error:
        assert error.line is not None and 1 <= error.line <= len(parts) + 2


@pytest.mark.parametrize("filler", ["<v ", "<c.", "<rt>", "<v.", "<00:00:01.000", "&amp"])
def test_junk_lines_at_the_length_limit_are_read_quickly(filler: str) -> None:
    junk = (filler * 10_000)[:10_000]
    source = "WEBVTT\n\n00:01.000 --> 00:02.000\n" + (junk + "\n") * 20
    started = time.perf_counter()
    read_vtt(source, "x.vtt")
    assert time.perf_counter() - started < 1
