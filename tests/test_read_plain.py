"""Plain-text transcripts: line numbers, whitespace, timestamps and speaker labels."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe.errors import SubpipeError
from subpipe.formats import FORMATS, detect_format, parse, read_transcript
from subpipe.formats.markup import MAX_LINE_CHARS
from subpipe.model import Line, Script

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/o1-team-interview.txt"



def read_plain(source: str, path: str) -> list[Line]:
    return FORMATS["text"].read(source, path).lines


def texts(source: str) -> list[str]:
    return [line.text for line in read_plain(source, "t.txt")]


def test_corpus_gives_one_line_per_source_line() -> None:
    source = CORPUS.read_text(encoding="utf-8")
    line_count = len(source.splitlines())
    assert line_count == 287
    transcript = read_transcript(CORPUS)
    assert transcript.format == "text"
    assert transcript.name == "o1-team-interview"
    assert transcript.script is Script.SIMPLIFIED
    assert [line.number for line in transcript.lines] == list(range(1, line_count + 1))
    assert transcript.lines[0] == Line(1, source.splitlines()[0])
    assert [line.text for line in transcript.lines] == source.splitlines()
    assert not transcript.is_timed


def test_blank_lines_are_skipped_but_counted() -> None:
    lines = read_plain("第一行\n\n  \n\u3000\n第五行\n", "t.txt")
    assert [(line.number, line.text) for line in lines] == [(1, "第一行"), (5, "第五行")]


def test_whitespace_is_tidied_and_nothing_else_changes() -> None:
    assert texts("  自从\u3000\u3000OpenAI的o1 \t 问世以来，  &amp; <i>  \n") == [
        "自从 OpenAI的o1 问世以来， &amp; <i>"
    ]


@pytest.mark.parametrize(
    ("source", "start_ms", "text"),
    [
        ("[00:01:23] 大家好", 83_000, "大家好"),
        ("[01:23] 大家好", 83_000, "大家好"),
        ("[01:23]大家好", 83_000, "大家好"),
        ("(00:01:23) 大家好", 83_000, "大家好"),
        ("【00:01:23】大家好", 83_000, "大家好"),
        ("00:01:23.450 大家好", 83_450, "大家好"),
        ("00:01:23,45 大家好", 83_450, "大家好"),
        ("01:23 大家好", 83_000, "大家好"),
        ("1:02:03 大家好", 3_723_000, "大家好"),
        ("1:02:03 - 大家好", 3_723_000, "大家好"),
        ("00:01:23-大家好", 83_000, "大家好"),
        ("[00:01:23] - 大家好", 83_000, "大家好"),
        ("[125:00] 两个小时之后", 7_500_000, "两个小时之后"),
    ],
)
def test_leading_timestamps(source: str, start_ms: int, text: str) -> None:
    assert read_plain(source, "t.txt") == [Line(1, text, start_ms, None)]


def test_whisper_ranges_give_start_and_end() -> None:
    lines = read_plain("[00:00.000 --> 00:05.200]  大家好\n[00:05.200 --> 00:09.000]  我是大飞\n", "t.txt")
    assert [(line.start_ms, line.end_ms, line.text) for line in lines] == [
        (0, 5200, "大家好"),
        (5200, 9000, "我是大飞"),
    ]


@pytest.mark.parametrize(
    "source",
    ["12:30开会", "01:23-大家好", "3:4 比分", "比赛在 12:30 开始", "[音乐] 大家好", "12:75 不是时间", "2024年"],
)
def test_things_that_are_not_timestamps_stay_text(source: str) -> None:
    assert read_plain(source, "t.txt") == [Line(1, source)]


def test_timestamp_alone_on_a_line_times_the_next_line() -> None:
    # How YouTube transcripts come out when copied.
    lines = read_plain("0:00\n大家好\n0:05\n我是大飞\n", "t.txt")
    assert lines == [Line(2, "大家好", 0), Line(4, "我是大飞", 5000)]


def test_backwards_timestamps_name_the_line() -> None:
    source = "[00:01:00] 一\n[00:02:00] 二\n\n[00:01:30] 三\n"
    with pytest.raises(SubpipeError, match="line 2") as error:
        read_plain(source, "t.txt")
    assert (error.value.path, error.value.line) == ("t.txt", 4)


def test_equal_timestamps_are_fine() -> None:
    assert len(read_plain("[00:01] 一\n[00:01] 二\n", "t.txt")) == 2


def test_impossible_bracketed_timestamp_is_an_error() -> None:
    with pytest.raises(SubpipeError, match="below 60") as error:
        read_plain("[00:00:01] 一\n[00:75] 二\n", "t.txt")
    assert error.value.line == 2


def test_range_ending_before_it_starts_is_an_error() -> None:
    with pytest.raises(SubpipeError, match="ends before") as error:
        read_plain("[00:05.000 --> 00:01.000] 一\n", "t.txt")
    assert error.value.line == 1


@pytest.mark.parametrize(
    ("source", "label", "text"),
    [
        ("主持人：欢迎大家", "主持人", "欢迎大家"),
        ("主持人: 欢迎大家", "主持人", "欢迎大家"),
        ("嘉宾A：谢谢", "嘉宾A", "谢谢"),
        ("嘉宾 2：谢谢", "嘉宾 2", "谢谢"),
        ("Host: welcome", "Host", "welcome"),
        ("Speaker 1: hello there", "Speaker 1", "hello there"),
        ("Q: 为什么？", "Q", "为什么？"),
        ("问：为什么？", "问", "为什么？"),
        ("記者：請問", "記者", "請問"),
        ("[00:01:23] 主持人：欢迎大家", "主持人", "欢迎大家"),
    ],
)
def test_role_labels_count_even_once(source: str, label: str, text: str) -> None:
    [line] = read_plain(source, "t.txt")
    assert (line.label, line.text) == (label, text)


def test_names_count_as_labels_when_the_file_repeats_them() -> None:
    source = "大飞：大家好\n鲍勃·麦格鲁：谢谢\n大飞：我们开始吧\nBob McGrew: thanks\nBob McGrew: again\n"
    lines = read_plain(source, "t.txt")
    assert [(line.label, line.text) for line in lines] == [
        ("大飞", "大家好"),
        (None, "鲍勃·麦格鲁：谢谢"),
        ("大飞", "我们开始吧"),
        ("Bob McGrew", "thanks"),
        ("Bob McGrew", "again"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "他说：我们要做推理模型\n他说：对",
        "比如说：数学题\n比如说：物理题",
        "注意：这是重点\n注意：这也是",
        "有人问：为什么\n有人问：怎么办",
        "He said: yes\nHe said: no",
        "Note: one\nNote: two",
        "上午10:30出发\n上午10:30到达",
        "https://openai.com\nhttps://openai.com",
        "这是一个非常长的句子它远远超过二十个字符所以不能是标签：后面的内容",
    ],
)
def test_ordinary_sentences_are_not_labels(source: str) -> None:
    lines = read_plain(source, "t.txt")
    assert [line.text for line in lines] == source.split("\n")
    assert all(line.label is None for line in lines)


def test_label_alone_on_a_line_labels_the_next_line() -> None:
    lines = read_plain("主持人：\n欢迎大家\n今天聊o1\n", "t.txt")
    assert lines == [Line(2, "欢迎大家", label="主持人"), Line(3, "今天聊o1")]


def test_too_long_line_is_a_clear_error_not_a_hang() -> None:
    source = "第一行\n" + "长" * (MAX_LINE_CHARS + 1) + "\n"
    started = time.perf_counter()
    with pytest.raises(SubpipeError, match="10,000") as error:
        read_plain(source, "t.txt")
    assert error.value.line == 2
    assert time.perf_counter() - started < 1


def test_line_at_the_limit_is_read_quickly() -> None:
    # Worst cases for the timestamp and label patterns: long runs of what they look for.
    for filler in ["主持人", "1:", "Bob ", "[00:", "。"]:
        source = (filler * MAX_LINE_CHARS)[:MAX_LINE_CHARS]
        started = time.perf_counter()
        read_plain(source, "t.txt")
        assert time.perf_counter() - started < 1, filler


def test_parse_detects_text_and_names_the_transcript() -> None:
    transcript = parse("你好\n世界\n", "episode")
    assert (transcript.name, transcript.format, len(transcript.lines)) == ("episode", "text", 2)
    assert detect_format("notes.rst", "你好") == "text"
    assert detect_format("x.txt", "你好") == "text"
    assert detect_format("notes.md", "你好") == "markdown"  # by its extension; tests/test_read_markdown.py


def test_parse_detects_traditional_script() -> None:
    assert parse("這是繁體中文的逐字稿，我們來看看吧", "x").script is Script.TRADITIONAL


def test_characters_both_scripts_write_do_not_count_for_simplified() -> None:
    # 布 and 台 are written in Traditional text too (布局, 平台): only 說 and 檢 tell the script here.
    assert parse("說回海外布局。", "x").script is Script.TRADITIONAL
    assert parse("把它用在北海的海上平台做巡檢了。", "x").script is Script.TRADITIONAL
    assert parse("说回海外布局。", "x").script is Script.SIMPLIFIED


def test_script_is_detected_by_conversion_where_opencc_has_no_plain_text_tables(monkeypatch) -> None:
    from subpipe.text import script

    def no_tables():
        raise FileNotFoundError("TSCharacters.txt")

    monkeypatch.setattr(script, "_script_characters", no_tables)
    assert parse("這是繁體中文的逐字稿，我們來看看吧", "x").script is Script.TRADITIONAL
    assert parse("这是简体中文的逐字稿，我们来看看吧", "x").script is Script.SIMPLIFIED


def test_parse_refuses_unknown_format_and_empty_text() -> None:
    with pytest.raises(SubpipeError, match="unknown input format"):
        parse("你好", "x", format="docx")
    with pytest.raises(SubpipeError, match="no transcript text found"):
        parse("\n \n", "x", path="x.txt")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_reads_or_fails_cleanly(source: str) -> None:
    try:
        lines = read_plain(source, "t.txt")
    except SubpipeError:
        return
    for line in lines:
        assert line.text and line.text == line.text.strip()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("主持人嘉宾说问：:[]()0123456789 .,-\tBob\n大家好"), max_size=40),
        max_size=12,
    )
)
def test_timestamp_and_label_lookalikes_read_or_fail_cleanly(parts: list[str]) -> None:
    source = "\n".join(parts)
    try:
        lines = read_plain(source, "t.txt")
    except SubpipeError as error:
        assert error.line is not None
        return
    numbers = [line.number for line in lines]
    assert numbers == sorted(set(numbers))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("大家好推理模型 \t\u3000OpenAIo1，。？"), max_size=30), max_size=15))
def test_no_text_is_lost(parts: list[str]) -> None:
    # Without timestamps or labels, the Lines are exactly the tidied non-blank source lines.
    lines = read_plain("\n".join(parts), "t.txt")
    expected = [(number, " ".join(part.split())) for number, part in enumerate(parts, 1) if part.strip()]
    assert [(line.number, line.text) for line in lines] == expected
