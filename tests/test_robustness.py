"""Whatever a user feeds `subpipe run`, it ends with outputs or one clear line, never a traceback.

A corpus of known-bad inputs, each with the error or the output it should give, and hypothesis fuzzing
of arbitrary text, SRT-looking and VTT-looking input through the command itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
import srt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subpipe.cli.main import main
from subpipe.formats.markup import MAX_LINE_CHARS


def run_cli(path: Path, outdir: Path) -> tuple[int, str]:
    """Exit code and stderr of `subpipe run PATH -o OUTDIR -q`."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", str(path), "-o", str(outdir), "-q", "--no-shipped-glossary"])
    return code, err.getvalue()


def srt_cues(outdir: Path, stem: str) -> list[srt.Subtitle]:
    return list(srt.parse((outdir / f"{stem}.zh.srt").read_text(encoding="utf-8")))


# --- a corpus of bad inputs --------------------------------------------------------------------------

# name, file content, (line, words of the message) of the expected error
BAD_INPUTS: list[tuple[str, bytes, int | None, str]] = [
    ("binary.txt", bytes(range(256)) * 16, None, "does not look like text"),
    ("png.srt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4, None, "does not look like text"),
    ("empty.txt", b"", None, "no transcript text found"),
    ("whitespace.txt", " \n\t\n\u3000\n\r\n  ".encode(), None, "no transcript text found"),
    ("empty-cues.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n\n", None,
     "no transcript text found"),
    ("no-end-time.srt", "1\n00:00:01,000 -->\n你好\n".encode(), 2, "cannot read the timing line"),
    ("arrow-only.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:0x --> 3\n再见\n".encode(), 6,
     "cannot read the timing line"),
    ("text-first.srt", "你好\n1\n00:00:01,000 --> 00:00:02,000\n再见\n".encode(), 1, "text before the first"),
    ("backwards.srt", "1\n00:00:05,000 --> 00:00:03,000\n你好\n".encode(), 2, "ends before it starts"),
    ("negative.srt", "1\n-00:00:01,000 --> 00:00:02,000\n你好\n".encode(), 2, "cannot read the timing line"),
    ("negative-end.srt", "1\n00:00:01,000 --> -00:00:02,000\n你好\n".encode(), 2, "cannot read the timing line"),
    ("negative.vtt", "WEBVTT\n\n-00:01.000 --> 00:02.000\n你好\n".encode(), 3, "cannot read the cue timing"),
    ("seconds-over-60.srt", "1\n00:00:75,000 --> 00:01:20,000\n你好\n".encode(), 2, "must be below 60"),
    ("long-line.txt", ("推理模型，" * 20_000).encode(), 1, "100,000 characters long"),
    ("mixed-utf8-then-gbk.txt",
     "第一行是UTF-8的中文\n".encode() * 3 + "第四行却是GBK编码的中文\n".encode("gbk"), 4, "mixes encodings"),
    ("mixed-gbk-then-utf8.txt",
     "大家好，这一行是GBK编码\n".encode("gbk") + "这一行是UTF-8编码的中文内容\n".encode() * 2, 1, "mixes encodings"),
    ("damaged-utf8.txt", "我们来聊聊推理模型\n".encode() * 30 + b"\xe6\x8e\n" + "再见\n".encode(), 31,
     "not valid UTF-8 at line 31"),
]


@pytest.mark.parametrize(("name", "content", "line", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_clear_line(tmp_path: Path, name: str, content: bytes, line: int | None, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, err = run_cli(path, tmp_path / "out")
    where = f"{path}:{line}: " if line else f"{path}: "
    assert code == 2
    assert err.startswith(f"subpipe: error: {where}") and err.count("\n") == 1, err
    assert words in err
    assert not (tmp_path / "out" / f"{path.stem}.zh.srt").exists()


def test_overlapping_and_unordered_srt_times_are_kept_as_given(tmp_path: Path) -> None:
    # Two speakers talking over each other: the input's times are facts, kept; no text is lost.
    path = tmp_path / "overlap.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:05,000\n你好世界\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n我们来聊聊推理模型\n\n"
        "3\n00:00:02,000 --> 00:00:06,000\n第三句\n",
        encoding="utf-8",
    )
    assert run_cli(path, tmp_path / "out") == (0, "")
    cues = srt_cues(tmp_path / "out", "overlap")
    assert [(c.start.total_seconds(), c.end.total_seconds()) for c in cues] == [(1, 5), (3, 4), (2, 6)]
    assert [c.content.replace("\n", "") for c in cues] == ["你好世界", "我们来聊聊推理模型", "第三句"]
    # Overlapping is kept silently (two speakers); starting before the line timed before is pointed out.
    document = json.loads((tmp_path / "out" / "overlap.episode.json").read_text(encoding="utf-8"))
    [warning] = [w for w in document["warnings"] if "before line" in w["message"]]
    # Lines are the file's own: the third cue's text is line 11, the second's line 7.
    assert warning["line"] == 11 and "line 11 starts at 2.000 s, before line 7 (3.000 s)" in warning["message"]


def test_text_paragraph_without_timing_joins_the_cue_before(tmp_path: Path) -> None:
    # An unbalanced SRT whose cue text has a blank line in it: the text stays with its cue.
    path = tmp_path / "unbalanced.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\n你好\n\n这是同一句话的后半\n\n2\n00:00:05,000 --> 00:00:06,000\n再见\n",
        encoding="utf-8",
    )
    assert run_cli(path, tmp_path / "out") == (0, "")
    cues = srt_cues(tmp_path / "out", "unbalanced")
    assert "".join(c.content.replace("\n", "") for c in cues) == "你好这是同一句话的后半再见"
    assert cues[-1].start.total_seconds() == 5


def test_a_line_at_the_length_limit_is_cut_into_cues_without_losing_text(tmp_path: Path) -> None:
    sentence = "我们今天讨论推理模型的训练方法"
    text = sentence * (MAX_LINE_CHARS // len(sentence))
    path = tmp_path / "long.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert run_cli(path, tmp_path / "out") == (0, "")
    cues = srt_cues(tmp_path / "out", "long")
    assert "".join(c.content.replace("\n", "") for c in cues) == text
    assert len(cues) > len(text) // 32
    assert all(c.start < c.end for c in cues)
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


def test_utf16_file_with_windows_line_ends_converts(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("大家好\r\n今天我们聊聊推理模型\r\n".encode("utf-16"))
    assert run_cli(path, tmp_path / "out") == (0, "")
    assert [c.content for c in srt_cues(tmp_path / "out", "utf16")] == ["大家好", "今天我们聊聊推理模型"]


# --- fuzzing the command -----------------------------------------------------------------------------

_CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_TEXT_CHARS = st.one_of(_CHINESE, st.sampled_from(list("，。？！：、 abcXYZ012<>&-{}\\/[]()【】：:")))
_TEXT_LINE = st.text(_TEXT_CHARS, min_size=0, max_size=30)


def _format_clock(ms: int, separator: str, short: bool) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    clock = f"{minutes:02}:{seconds:02}{separator}{millis:03}"
    return clock if short and hours == 0 else f"{hours:02}:{clock}"


@st.composite
def _timing(draw, separator: str) -> str:
    """Mostly a good timing line; sometimes backwards, out of range or garbled."""
    start = draw(st.integers(0, 4_000_000))
    end = start + draw(st.integers(-2000, 9000) if draw(st.integers(0, 4)) == 0 else st.integers(0, 9000))
    short = separator == "." and draw(st.booleans())
    line = f"{_format_clock(start, separator, short)} --> {_format_clock(max(end, 0), separator, short)}"
    damage = draw(st.integers(0, 11))
    if damage == 0:
        line = line.replace(":", ":7", 1)  # minutes or seconds over 59
    elif damage == 1:
        line = line[: draw(st.integers(0, len(line)))]
    elif damage == 2:
        line = "-" + line
    return line


@st.composite
def srt_like(draw) -> str:
    blocks = []
    for index in range(draw(st.integers(0, 6))):
        parts = []
        if draw(st.integers(0, 9)):
            parts.append(str(index + 1 + draw(st.sampled_from([0, 0, 0, 1, -1]))))
        if draw(st.integers(0, 19)):
            parts.append(draw(_timing(",")) + draw(st.sampled_from(["", "", "  X1:1 X2:2"])))
        parts.extend(draw(st.lists(_TEXT_LINE, min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=3)))
        blocks.append("\n".join(parts))
    return draw(st.sampled_from(["\n\n", "\n\n", "\n", "\r\n\r\n", "\n\n\n"])).join(blocks)


@st.composite
def vtt_like(draw) -> str:
    blocks = [draw(st.sampled_from(["WEBVTT", "WEBVTT", "WEBVTT - title", "\ufeffWEBVTT", "WEBVTTX", ""]))]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            blocks.append("NOTE " + draw(_TEXT_LINE))
        elif kind == 1:
            blocks.append("STYLE\n::cue { color: red }")
        else:
            parts = [draw(st.sampled_from(["", "cue-1", "2"]))]
            parts.append(draw(_timing(".")) + draw(st.sampled_from(["", "", " align:start line:0", " -->"])))
            voice = draw(st.sampled_from(["", "<v Bob>", "<v.loud 主持人>", "<c.yellow>", "<00:00:01.000>", "&amp;"]))
            parts.extend(voice + line for line in draw(st.lists(_TEXT_LINE, min_size=1, max_size=3)))
            blocks.append("\n".join(part for part in parts if part))
    return "\n\n".join(blocks)


_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _never_a_traceback(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        code, err = run_cli(path, Path(folder) / "out")
        if code == 0:
            assert err == ""
            # What subpipe writes is valid SRT, whatever it was given.
            srt_cues(Path(folder) / "out", "input")
        else:
            assert code == 2
            assert err.startswith("subpipe: error: ") and err.count("\n") == 1, err


@_FUZZ
@given(st.text(max_size=300), st.sampled_from([".txt", ".srt", ".vtt", ""]))
def test_fuzz_arbitrary_text(text: str, suffix: str) -> None:
    _never_a_traceback(text.encode("utf-8", errors="surrogatepass"), suffix)


@_FUZZ
@given(st.binary(max_size=300), st.sampled_from([".txt", ".srt"]))
def test_fuzz_arbitrary_bytes(data: bytes, suffix: str) -> None:
    _never_a_traceback(data, suffix)


@_FUZZ
@given(srt_like(), st.sampled_from([".srt", ".txt"]))
def test_fuzz_srt_looking_input(text: str, suffix: str) -> None:
    _never_a_traceback(text.encode("utf-8"), suffix)


@_FUZZ
@given(vtt_like(), st.sampled_from([".vtt", ".txt"]))
def test_fuzz_vtt_looking_input(text: str, suffix: str) -> None:
    _never_a_traceback(text.encode("utf-8"), suffix)
