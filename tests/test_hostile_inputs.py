"""Hostile inputs a tester found (issue 20), reading side: a cue of thousands of lines, a FIFO, mixed
encodings, a spoken time on a line of its own, ruby, TBX nested deep, a glossary over its limit.

Every input is generated here. Cost is measured by counting function calls (deterministic), never by time.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from subpipe import Converter, Settings
from subpipe.errors import SubpipeError
from subpipe.formats.decoding import decode
from subpipe.formats import plain, vtt
from subpipe.glossary import read_glossary_file
from subpipe.glossary.read import MAX_GLOSSARY_BYTES
from subpipe.outputs import compose_outputs
from subpipe.settings import NameSettings


def read_plain(source, path):
    return plain.read_plain(source, path).lines

# --- one cue of thousands of lines costs what its lines do ---------------------------------------------

_WORDS = "我们 今天 模型 推理 训练 数据 团队 研究 问题 方法 时候 觉得 非常 重要 能力 发展 未来 技术".split()


def _lines(count: int, seed: int = 7) -> list[str]:
    """Lines that exercise every per-line stage: speech markers, dotted names (one a glossary name's
    part), inline English, a self-introduction, a reported source, plain words."""
    rng = random.Random(seed)
    lines = []
    for index in range(count):
        tail = "".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5)))
        lines.append(
            (
                f"王{rng.choice('明华强伟芳军')}说{tail}",
                f"他说{tail}",
                f"提姆·库克{tail}",
                f"约翰·史密斯（John Smith）{tail}",
                f"我是大飞{tail}",
                f"据库克介绍{tail}",
                tail,
            )[index % 7]
        )
    return lines


def _cue(lines: list[str]) -> str:
    # Three seconds a line, so that each cue holds as much text whatever the count.
    seconds = len(lines) * 3
    end = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d},000"
    return f"1\n00:00:00,000 --> {end}\n" + "\n".join(lines) + "\n"


def _calls(converter: Converter, text: str) -> int:
    """Python and C function calls made converting `text` and composing every output."""
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        compose_outputs(converter(text, name="x"))
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture(scope="module")
def small_glossary_converter(tmp_path_factory) -> Converter:
    glossary = tmp_path_factory.mktemp("glossary") / "names.csv"
    glossary.write_text("chinese,english,type\n蒂姆·库克,Tim Cook,person\n", encoding="utf-8")
    converter = Converter(Settings(names=NameSettings(shipped_glossary=False)), glossaries=[glossary])
    compose_outputs(converter("大家好\n我是大飞\n", name="warm"))  # per-process tables loaded, not counted
    return converter


def test_a_cue_of_many_lines_grows_linearly_and_costs_about_what_its_lines_do(small_glossary_converter) -> None:
    # Before the fix the calls grew with the square of the lines in one cue: 2.9x from 300 to 600
    # lines, and 3.8x those of the same 300 lines as plain text.
    converter = small_glossary_converter
    # Once first, uncounted: what a process loads on first use (tables from the per-user cache, or
    # rebuilt when another checkout's run replaced them) is no part of how the work grows.
    _calls(converter, _cue(_lines(300)))
    _calls(converter, "\n".join(_lines(300)) + "\n")
    cue_300 = _calls(converter, _cue(_lines(300)))
    cue_600 = _calls(converter, _cue(_lines(600)))
    plain_300 = _calls(converter, "\n".join(_lines(300)) + "\n")
    assert cue_600 < 2.3 * cue_300
    assert cue_300 < 2.0 * plain_300


def test_a_cue_of_many_lines_keeps_every_word(small_glossary_converter) -> None:
    lines = _lines(400)
    episode = small_glossary_converter(_cue(lines), name="x")
    assert len(episode.transcript.lines) == 1
    shown = "".join("".join(cue.text_lines) for cue in episode.cues).replace(" ", "")
    assert shown == "".join(lines).replace("，", "").replace(" ", "")


# --- a FIFO is refused at once -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["run", "batch"])
def test_a_fifo_among_the_inputs_is_refused_in_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "in").mkdir()
    fifo = tmp_path / "in" / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "in" / "good.txt").write_text("大家好\n今天聊聊推理模型\n", encoding="utf-8")
    inputs = [str(fifo), str(tmp_path / "in" / "good.txt")] if command == "run" else [str(tmp_path / "in")]
    # The timeout only keeps a regression from hanging the suite; nothing here is a measure of speed.
    result = subprocess.run(
        [sys.executable, "-m", "subpipe", command, *inputs, "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{fifo}: is not a regular file" in result.stderr
    assert (tmp_path / "out" / "good.zh.srt").is_file()


# --- mixed encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        # A few UTF-8 lines, then GBK: small enough that GB18030 read the whole file as nonsense.
        ("你好世界\n今天天气很好\n".encode() + "我们来谈谈推理模型\n".encode("gbk"), 3),
        ("你好\n".encode() + "我们来谈谈推理模型的发展历程和未来\n".encode("gbk") * 50, 2),
        # Larger: once called binary.
        ("大家好，欢迎收听\n".encode() * 3 + "我们来谈谈推理模型的发展历程和未来\n".encode("gbk") * 500, 4),
        # GBK first, then UTF-8.
        ("这一行是GBK编码的中文\n".encode("gbk") * 3 + "这一行是UTF-8\n".encode(), 1),
        # Big5 then UTF-8.
        ("這一行是繁體中文的大五碼\n".encode("big5") + "這一行是UTF-8的繁體中文\n".encode() * 2, 1),
    ],
)
def test_mixed_encodings_are_refused_naming_the_line(data: bytes, line: int) -> None:
    with pytest.raises(SubpipeError, match="mixes encodings") as error:
        decode(data, "mixed.txt")
    assert error.value.line == line


def test_short_gbk_lines_that_happen_to_be_valid_utf8_are_still_gbk() -> None:
    # Find GBK lines of two characters whose bytes are also valid UTF-8: they read as rare characters.
    rng = random.Random(3)
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
    lucky = []
    while len(lucky) < 5:
        text = "".join(rng.choice(common) for _ in range(2)) + "a"
        try:
            text.encode("gbk").decode("utf-8")
        except UnicodeDecodeError:
            continue
        lucky.append(text)
    data = ("\n".join(["这是一个很普通的中文文件", *lucky, "最后一行"]) + "\n").encode("gbk")
    assert decode(data, "x.txt")[0].splitlines()[1:6] == lucky


# --- a time said in the episode --------------------------------------------------------------------------


def test_a_caption_line_that_is_only_a_spoken_time_stays_text() -> None:
    lines = ["大家好", "我们约在", "7:25", "见面", "然后", "10:30", "开会"] + [f"第{n}句" for n in range(20)]
    assert [line.text for line in read_plain("\n".join(lines), "t.txt")] == lines


def test_a_lone_spoken_time_with_text_after_it_stays_text() -> None:
    lines = ["大家好", "12:30 我们吃饭", "好的", "然后呢", "再见", "谢谢"]
    assert [line.text for line in read_plain("\n".join(lines), "t.txt")] == lines


def test_recurring_increasing_bare_timestamps_are_still_timing() -> None:
    source = "\n".join(f"{minute}:{second:02d} 第{minute}句" for minute in range(5) for second in (0, 30))
    lines = read_plain(source, "t.txt")
    assert [line.start_ms for line in lines] == [(minute * 60 + second) * 1000 for minute in range(5) for second in (0, 30)]


def test_a_typo_among_many_bare_timestamps_is_still_reported() -> None:
    stamps = ["0:00", "0:10", "0:20", "0:05", "0:40", "0:50"]
    with pytest.raises(SubpipeError, match="goes back") as error:
        read_plain("\n".join(f"{stamp} 第{n}句" for n, stamp in enumerate(stamps)), "t.txt")
    assert error.value.line == 4


# --- ruby ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cue",
    [
        "<ruby>推<rt>tuī</rt>理<rt>lǐ</rt></ruby>模型",
        "<ruby>推理<rp>(</rp><rt>tuī lǐ</rt><rp>)</rp></ruby>模型",
        "<ruby><rb>推</rb><rb>理</rb><rtc><rt>tuī</rt><rt>lǐ</rt></rtc></ruby>模型",
        "<RUBY>推理<RT>tuī lǐ</RT></RUBY>模型",
        "<ruby.a>推理<rt.b>tuī lǐ</ruby>模型",
        "<ruby>推理\n<rt>tuī lǐ</rt></ruby>模型",
    ],
)
def test_ruby_keeps_the_base_text_and_drops_the_reading(cue: str) -> None:
    [line] = vtt.read_vtt(f"WEBVTT\n\n00:01.000 --> 00:02.000\n{cue}\n", "x.vtt").lines
    assert line.text == "推理模型"


# --- glossaries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_tbx_nested_deep_is_read(tmp_path: Path, depth: int) -> None:
    entry = (
        '<termEntry><langSet xml:lang="zh"><tig><term>奥特曼</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Sam Altman</term></tig></langSet></termEntry>'
    )
    path = tmp_path / "deep.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif><text><body>' + "<note>" * depth + "</note>" * depth + entry + "</body></text></martif>",
        encoding="utf-8",
    )
    [read] = read_glossary_file(path)
    assert read.english == "Sam Altman"


def test_a_glossary_over_its_limit_is_called_a_glossary(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(MAX_GLOSSARY_BYTES + 1)  # sparse: nothing written to disk
    with pytest.raises(SubpipeError, match="limit for a glossary") as error:
        read_glossary_file(path)
    assert "transcript" not in error.value.message
