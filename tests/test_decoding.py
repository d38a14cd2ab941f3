"""Bytes to text: encodings a Chinese transcript really comes in, and inputs that are not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import opencc
import pytest

from subpipe.formats.decoding import decode, read_file
from subpipe.errors import SubpipeError
from subpipe.formats import read_transcript
from subpipe.model import Script

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/o1-team-interview.txt"


@pytest.fixture(scope="module")
def corpus_text() -> str:
    return CORPUS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def traditional_text(corpus_text: str) -> str:
    # Plain s2t gives forms such as 爲 and 裏 that Big5 cannot encode; s2tw is s2t followed by the
    # Taiwan variants (為, 裡), which is what a real Big5 file holds.
    converted = opencc.OpenCC("s2tw").convert(corpus_text)
    assert converted != corpus_text
    return converted


def test_utf8_is_read_as_is(corpus_text: str) -> None:
    assert decode(corpus_text.encode("utf-8"), "x.txt") == (corpus_text, "utf-8")


def test_utf8_with_bom_loses_the_bom(corpus_text: str) -> None:
    text, encoding = decode(codecs.BOM_UTF8 + corpus_text.encode("utf-8"), "x.txt")
    assert text == corpus_text
    assert encoding == "utf-8-sig"


def test_gbk_decodes_as_gb18030(corpus_text: str) -> None:
    assert decode(corpus_text.encode("gbk"), "x.txt") == (corpus_text, "gb18030")


def test_gb18030_four_byte_characters() -> None:
    text = "𠀀字和€符号，还有些常用的汉字\n"
    assert decode(text.encode("gb18030"), "x.txt") == (text, "gb18030")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(corpus_text: str, codec: str) -> None:
    data = corpus_text.encode(codec)
    if codec != "utf-16" and codec != "utf-32":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    text, encoding = decode(data, "x.txt")
    assert text == corpus_text
    assert encoding.startswith(codec[:6])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(corpus_text: str, codec: str) -> None:
    assert decode(corpus_text.encode(codec), "x.txt") == (corpus_text, codec)


def test_big5_traditional(traditional_text: str) -> None:
    assert decode(traditional_text.encode("big5"), "x.txt") == (traditional_text, "big5")


def test_big5_hkscs_characters() -> None:
    text = "香港嘅朋友，我哋今日講吓𨋢同埋啲嘢\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("big5")
    assert decode(text.encode("big5hkscs"), "x.txt") == (text, "big5hkscs")


def test_each_corpus_line_alone_decodes_right(corpus_text: str, traditional_text: str) -> None:
    # Short files are where GB and Big5 are hardest to tell apart: their byte ranges overlap.
    for simplified, traditional in zip(corpus_text.splitlines(), traditional_text.splitlines()):
        assert decode(simplified.encode("gbk"), "x.txt")[0] == simplified
        assert decode(traditional.encode("big5"), "x.txt")[0] == traditional


def test_corpus_in_every_encoding_reads_to_the_same_lines(
    tmp_path: Path, corpus_text: str, traditional_text: str
) -> None:
    expected = read_transcript(CORPUS).lines
    for codec in ["gbk", "utf-16", "utf-8-sig"]:
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(corpus_text.encode(codec))
        assert read_transcript(path).lines == expected, codec
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional_text.encode("big5"))
    transcript = read_transcript(path)
    assert [line.text for line in transcript.lines] == traditional_text.splitlines()
    assert transcript.encoding == "big5"
    assert transcript.script is Script.TRADITIONAL


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        ("一\r\n二\r三\n".encode("gbk"), "一\n二\n三\n"),
    ],
)
def test_line_endings_become_lf(data: bytes, text: str) -> None:
    assert decode(data, "x.txt")[0] == text


def test_gb18030_bom_is_removed() -> None:
    data = "\ufeff你好，世界".encode("gb18030")
    assert decode(data, "x.txt") == ("你好，世界", "gb18030")


def test_png_is_not_text() -> None:
    noise = random.Random(1).randbytes(4000)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise
    with pytest.raises(SubpipeError, match="does not look like text") as error:
        decode(data, "picture.txt")
    assert error.value.path == "picture.txt"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(1, 32)) * 20,  # control characters, valid UTF-8
        b"\x00" * 100,
        "text with a NUL\x00 in the middle of an otherwise plain ascii line".encode("utf-8"),
        b"caf\xe9 cr\xe8me",  # Latin-1: neither UTF-8 nor a Chinese encoding
        codecs.BOM_UTF8 + b"\xff\xfe\xfd",
    ],
)
def test_undecodable_or_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(SubpipeError, match="does not look like text|byte order mark"):
        decode(data, "x.txt")


def test_random_binary_without_nul_is_refused() -> None:
    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.randrange(1, 256) for _ in range(2000))
        with pytest.raises(SubpipeError):
            decode(data, "x.bin")


def test_read_file_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(SubpipeError, match="not found") as error:
        read_file(missing)
    assert error.value.path == str(missing)


def test_read_file_directory(tmp_path: Path) -> None:
    with pytest.raises(SubpipeError, match="directory") as error:
        read_file(tmp_path)
    assert error.value.path == str(tmp_path)


def test_read_file_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can read a chmod 000 file: make open() refuse instead.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("subpipe.formats.decoding.open", refuse, raising=False)
    path = tmp_path / "secret.txt"
    with pytest.raises(SubpipeError, match="permission") as error:
        read_file(path)
    assert error.value.path == str(path)


def test_read_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("你好\n".encode() * 100)
    assert read_file(path, limit=700)[0].startswith("你好")
    with pytest.raises(SubpipeError, match="larger than the 600 bytes limit") as error:
        read_file(path, limit=600)
    assert error.value.path == str(path)


def test_a_file_longer_than_its_recorded_size_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file still being written (or a /proc file, size 0) holds more than its size said when it was
    # opened: all of it is read, and the limit still holds.
    import os

    path = tmp_path / "growing.txt"
    path.write_bytes("你好\n".encode() * 100)
    real_fstat = os.fstat

    def stale_fstat(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[6] = 7  # st_size: the first line's bytes only
        return os.stat_result(status)

    monkeypatch.setattr("subpipe.formats.decoding.os.fstat", stale_fstat)
    assert read_file(path, limit=700)[0] == "你好\n" * 100
    with pytest.raises(SubpipeError, match="larger than the 600 bytes limit"):
        read_file(path, limit=600)


def test_default_size_limit_is_named_in_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as file:
        file.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written to disk
    with pytest.raises(SubpipeError, match="50 MB"):
        read_file(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n", "\u3000\n".encode(), codecs.BOM_UTF8])
def test_empty_or_blank_file_has_no_transcript(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(SubpipeError, match="no transcript text found") as error:
        read_transcript(path)
    assert error.value.path == str(path)


def test_read_transcript_records_name_path_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "episode.zh.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\n你好\n".encode("gbk"))
    transcript = read_transcript(path)
    assert (transcript.name, transcript.format, transcript.encoding, transcript.path) == (
        "episode.zh",
        "srt",
        "gb18030",
        str(path),
    )


def test_damaged_utf8_names_the_line_instead_of_turning_into_nonsense(corpus_text: str) -> None:
    data = corpus_text.encode("utf-8")
    cut = data.index("\n".encode()) + 1  # start of line 2
    with pytest.raises(SubpipeError, match="not valid UTF-8 at line 2") as error:
        decode(data[:cut] + b"\xe9" + data[cut:], "x.txt")
    assert (error.value.path, error.value.line) == ("x.txt", 2)


def test_utf8_cut_inside_the_last_character_is_refused(corpus_text: str) -> None:
    data = corpus_text.rstrip("\n").encode("utf-8")[:-1]
    with pytest.raises(SubpipeError, match="not valid UTF-8") as error:
        decode(data, "x.txt")
    assert error.value.line == 287


def test_nul_bytes_that_no_ascii_character_explains_are_not_utf16() -> None:
    # Without a BOM, UTF-16 is told by its NUL bytes: the high bytes of the ASCII characters every
    # transcript has (newlines, digits). A reading with no ASCII character put them elsewhere.
    with pytest.raises(SubpipeError, match="does not look like text"):
        decode(b"\x00\x01binary", "x.bin")
    assert decode("你好\n".encode("utf-16-le"), "x.txt") == ("你好\n", "utf-16-le")
    assert decode("一丁\n".encode("utf-16-be"), "x.txt") == ("一丁\n", "utf-16-be")
