"""SRT as real tools write it: tolerant of their habits, strict about what cannot be read."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe.errors import SubpipeError
from subpipe.formats import FORMATS, detect_format, parse
from subpipe.model import Line


def read_srt(text: str, path: str) -> list[Line]:
    return FORMATS["srt"].read(text, path).lines


def test_plain_srt() -> None:
    source = "1\n00:00:01,000 --> 00:00:02,500\n大家好\n\n2\n00:00:03,000 --> 00:00:04,000\n我是大飞\n\n"
    assert read_srt(source, "x.srt") == [
        Line(3, "大家好", 1000, 2500),
        Line(7, "我是大飞", 3000, 4000),
    ]


def test_hours_and_dot_before_milliseconds() -> None:
    [line] = read_srt("1\n01:02:03.004 --> 01:02:04.5\n你好\n", "x.srt")
    assert (line.start_ms, line.end_ms) == (3_723_004, 3_724_500)


def test_numbering_gaps_and_missing_numbers() -> None:
    source = (
        "5\n00:00:01,000 --> 00:00:02,000\n一\n\n"
        "00:00:03,000 --> 00:00:04,000\n二\n\n"
        "9\n00:00:05,000 --> 00:00:06,000\n三"
    )
    lines = read_srt(source, "x.srt")
    assert [(line.number, line.text, line.start_ms) for line in lines] == [
        (3, "一", 1000),
        (6, "二", 3000),
        (10, "三", 5000),
    ]


def test_position_settings_after_the_timing() -> None:
    [line] = read_srt("1\n00:00:01,000 --> 00:00:02,000  X1:100 X2:200 Y1:10 Y2:50\n你好\n", "x.srt")
    assert (line.text, line.end_ms) == ("你好", 2000)


def test_missing_final_blank_line_and_crlf() -> None:
    source = "1\r\n00:00:01,000 --> 00:00:02,000\r\n一\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n二"
    assert [line.text for line in read_srt(source, "x.srt")] == ["一", "二"]


def test_multi_line_cues_join_without_space_between_chinese() -> None:
    source = (
        "1\n00:00:01,000 --> 00:00:02,000\n强化学习和\n监督学习\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nOpenAI o1\nis here\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n我们用了\nGPT-4\n\n"
        "4\n00:00:07,000 --> 00:00:08,000\n  它的  推理\u3000能力  \n"
    )
    assert [line.text for line in read_srt(source, "x.srt")] == [
        "强化学习和监督学习",
        "OpenAI o1 is here",
        "我们用了 GPT-4",
        "它的 推理 能力",
    ]


def test_known_styling_is_removed() -> None:
    source = (
        "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>斜体</i><B>粗体</B><u>下划线</u><s>删除</s>\n"
        '<font color="#ff0000" face="黑体">红色</font>{\\i1}文字{\\i0}\n'
    )
    assert [line.text for line in read_srt(source, "x.srt")] == ["斜体粗体下划线删除红色文字"]


def test_unknown_tags_and_entities_stay_as_written() -> None:
    text = "<script>alert(1)</script> &amp; &lt;b&gt; {不是标签}"
    assert [line.text for line in read_srt(f"1\n00:00:01,000 --> 00:00:02,000\n{text}\n", "x.srt")] == [text]


def test_blank_lines_inside_a_cue_do_not_split_it() -> None:
    source = "1\n00:00:01,000 --> 00:00:02,000\n第一句\n\n第二句\n\n2\n00:00:03,000 --> 00:00:04,000\n第三句\n"
    lines = read_srt(source, "x.srt")
    assert [(line.number, line.text) for line in lines] == [(3, "第一句第二句"), (9, "第三句")]


def test_a_number_as_the_last_text_line_is_text() -> None:
    source = "1\n00:00:01,000 --> 00:00:02,000\n答案是\n\n42\n\n2\n00:00:03,000 --> 00:00:04,000\n对\n"
    assert [line.text for line in read_srt(source, "x.srt")] == ["答案是 42", "对"]


def test_empty_cues_are_skipped() -> None:
    source = (
        "1\n00:00:01,000 --> 00:00:02,000\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n<i></i>\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n有字\n"
    )
    assert read_srt(source, "x.srt") == [Line(10, "有字", 5000, 6000)]


def test_first_text_line_numbers_the_cue() -> None:
    source = "\n\n1\n00:00:01,000 --> 00:00:02,000\n{\\an8}\n你好\n"
    assert read_srt(source, "x.srt") == [Line(6, "你好", 1000, 2000)]


def test_dialogue_dashes_are_kept() -> None:
    [line] = read_srt("1\n00:00:01,000 --> 00:00:02,000\n- 你好吗？\n- 我很好\n", "x.srt")
    assert line.text == "- 你好吗？ - 我很好"


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("1\n00:00:05,000 --> 00:00:01,000\n倒了\n", 2, "ends before it starts"),
        ("1\n00:00:01,000 --> 00:00:02,000\n好\n\n2\n00:00:03,000 --> 00:0004,000\n坏\n", 6, "cannot read"),
        ("1\n00:00:01 --> 00:00:02,000,5\n坏\n", 2, "cannot read the timing"),
        ("1\n00:00:61,000 --> 00:01:02,000\n坏\n", 2, "below 60"),
        ("开头的字\n\n1\n00:00:01,000 --> 00:00:02,000\n好\n", 1, "before the first subtitle timing"),
        ("\n\n1\n2\n00:00:01,000 --> 00:00:02,000\n好\n", 3, "before the first subtitle timing"),
    ],
)
def test_malformed_srt_names_the_line(source: str, line: int, message: str) -> None:
    with pytest.raises(SubpipeError, match=message) as error:
        read_srt(source, "x.srt")
    assert (error.value.path, error.value.line) == ("x.srt", line)


def test_text_without_any_timing_is_an_error() -> None:
    with pytest.raises(SubpipeError) as error:
        read_srt("\n只是普通的文字\n", "x.srt")
    assert error.value.line == 2


def test_arrow_in_ordinary_text_is_text() -> None:
    [line] = read_srt("1\n00:00:01,000 --> 00:00:02,000\nA --> B\n", "x.srt")
    assert line.text == "A --> B"


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("x.txt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n", "srt"),
        ("x", "\n00:00:01,000 --> 00:00:02,000\n你好\n", "srt"),
        ("x.srt", "你好\n", "srt"),
        ("x.SRT", "", "srt"),
        ("x.srt", "WEBVTT\n\n00:01.000 --> 00:02.000\n你好\n", "vtt"),
        ("x.txt", "1\n你好\n", "text"),
    ],
)
def test_detect_format(name: str, source: str, expected: str) -> None:
    assert detect_format(name, source) == expected


def test_parse_srt_by_content() -> None:
    transcript = parse("1\n00:00:01,000 --> 00:00:02,000\n你好\n", "x", path="x.txt")
    assert transcript.format == "srt"
    assert transcript.is_timed


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_or_fails_cleanly(source: str) -> None:
    try:
        lines = read_srt(source, "x.srt")
    except SubpipeError as error:
        assert error.line is not None
        return
    for line in lines:
        assert line.text and line.start_ms is not None and line.end_ms is not None
        assert line.start_ms <= line.end_ms


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["", "1", "12", "00:00:01,000 --> 00:00:02,000", "00:03.5 --> 00:00:01", "-->"]),
            st.text(alphabet="0123456789:,. ->你好<i>{\\an8}", max_size=30),
        ),
        max_size=20,
    )
)
def test_srt_lookalikes_read_or_fail_cleanly(parts: list[str]) -> None:
    try:
        read_srt("\n".join(parts), "x.srt")
    except SubpipeError as error:
        assert error.line is not None and 1 <= error.line <= len(parts)


@pytest.mark.parametrize("filler", ["<font ", "{\\", "<i", "1:-", "00:00:01,000 -"])
def test_junk_lines_at_the_length_limit_are_read_quickly(filler: str) -> None:
    junk = (filler * 10_000)[:10_000]
    source = "1\n00:00:01,000 --> 00:00:02,000\n" + (junk + "\n") * 20
    started = time.perf_counter()
    try:
        read_srt(source, "x.srt")
    except SubpipeError:
        pass
    assert time.perf_counter() - started < 1


def test_a_mistyped_arrow_is_an_error_at_its_line_not_text_of_the_cue_before() -> None:
    for arrow in ("->", "=>", "→", "-"):
        text = f"1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:03,000 {arrow} 00:00:04,000\n再见\n"
        with pytest.raises(SubpipeError) as error:
            FORMATS["srt"].read(text, "bad.srt")
        assert error.value.line == 6, arrow
