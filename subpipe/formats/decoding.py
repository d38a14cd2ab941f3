"""Bytes to text: find the encoding of a transcript, and refuse what is not text."""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import Path

from ..errors import SubpipeError

# A transcript of a ten-hour day is a few MB; anything far larger is the wrong file.
MAX_FILE_BYTES = 50 * 1024 * 1024

# UTF-32 LE first: its byte order mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Tried in this order, so on a tie the more common encoding wins. GB18030 is a superset of GBK and
# GB2312, so GBK files decode as GB18030; Big5-HKSCS only matters when plain Big5 fails.
_CHINESE_ENCODINGS = ("gb18030", "big5", "big5hkscs")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HAS_ASCII = re.compile(r"[\x01-\x7f]")

_WHITESPACE_CONTROLS = frozenset("\t\n\v\f\r")

# Judging the first 100,000 characters is evidence enough, and keeps a 50 MB file quick to check.
_SAMPLE_CHARS = 100_000

_NOT_TEXT = "does not look like text (binary data?); subpipe reads UTF-8, UTF-16, GB18030 and Big5 text"


def read_file(path: str | Path, limit: int = MAX_FILE_BYTES, what: str = "a transcript") -> tuple[str, str]:
    """The text of the file at `path` and the encoding it was in."""
    return decode(read_bytes(path, limit, what), str(path))


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES, what: str = "a transcript") -> bytes:
    """The bytes of the file at `path`, refusing what is not a readable file of at most `limit` bytes
    (`what` the file should be, for the message).

    Batches read each input once: its bytes are hashed for resuming and then decoded from memory.
    """
    try:
        # Opened without blocking: opening a FIFO waits for a writer, for ever if none comes. Only a
        # regular file is read; a FIFO, socket or device (an endless /dev/zero) is refused at once.
        with open(path, "rb", opener=_open_without_blocking) as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise SubpipeError(f"is not a regular file (a FIFO, socket or device?): subpipe reads {what} file", path)
            # Read one byte past the limit, so a huge file is refused without reading all of it. As much
            # as the file holds is asked for first: a read of the whole limit takes a buffer of that size
            # (50 MB for a 1 MB transcript); the rest only if the file grew since its size was taken.
            data = file.read(min(status.st_size, limit) + 1)
            if len(data) > status.st_size:
                data += file.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise SubpipeError("file not found", path) from None
    except IsADirectoryError:
        raise SubpipeError("is a directory, not a transcript file", path) from None
    except PermissionError:
        raise SubpipeError("permission denied: cannot read this file", path) from None
    except OSError as error:
        raise SubpipeError(f"cannot read this file: {error.strerror or error}", path) from None
    if len(data) > limit:
        raise SubpipeError(f"file is larger than the {_size(limit)} limit for {what}; is it the right file?", path)
    return data


def _open_without_blocking(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)


def decode(data: bytes, path: str | None) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a transcript; newlines become LF, a leading BOM goes."""
    text, encoding = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _looks_like_text(text):
        raise SubpipeError(_NOT_TEXT, path)
    return text, encoding


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise SubpipeError(
                    f"starts with a {codec.upper()} byte order mark but is not valid {codec.upper()}", path
                ) from None
    if b"\x00" in data:
        # No 8-bit text encoding uses NUL; UTF-16 without a BOM is the only text that has them.
        return _decode_utf16(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(data, error, path)
    _refuse_mixed_utf8(data, path)
    return _decode_chinese(data, path)


def _refuse_damaged_utf8(data: bytes, error: UnicodeDecodeError, path: str | None) -> None:
    """Refuse UTF-8 with a few broken bytes: read as GB18030 it would become nonsense, not an error."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    # Other encodings read as UTF-8 give few valid characters per broken one (GBK: about 1 in 4).
    readable = len(_NON_ASCII.findall(text)) - damaged
    if readable >= 20 * damaged:
        line = data[: error.start].count(b"\n") + 1
        raise SubpipeError(
            f"is not valid UTF-8 at line {line} (byte {error.start:,}): is the file damaged or cut short? "
            "Fix that line or save the file again as UTF-8",
            path,
            line,
        )


def _refuse_mixed_utf8(data: bytes, path: str | None) -> None:
    """Text that is partly UTF-8 and partly another encoding has no one right reading: GB18030 decodes
    nearly any bytes, so the UTF-8 lines would come out as nonsense, silently. Such a file is refused,
    naming its first line that is not UTF-8.

    Decided line by line: a line is UTF-8 when it decodes as UTF-8 and reads as more common Chinese
    text that way than in GB18030 or Big5 (a short GB line may be valid UTF-8 by chance, but it then
    reads as rare characters)."""
    first_other: tuple[int, int] | None = None  # (line, byte) of the first line that is not UTF-8
    has_utf8_line = False
    offset = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as error:
                first_other = first_other or (number, offset + error.start)
            else:
                has_utf8_line = has_utf8_line or _reads_better_as_utf8(line, text)
        if has_utf8_line and first_other is not None:
            line_number, byte = first_other
            raise SubpipeError(
                f"mixes encodings: it has UTF-8 text, but line {line_number} (byte {byte:,}) is in another "
                "encoding. Save the whole file in one encoding, preferably UTF-8",
                path,
                line_number,
            )
        offset += len(line) + 1


def _reads_better_as_utf8(line: bytes, text: str) -> bool:
    """Whether a line that decodes as UTF-8 (`text`) reads as more common text so than in a legacy encoding."""
    as_utf8 = max(_common_share(text, codec) for codec in ("gb18030", "big5"))
    as_legacy = 0.0
    for codec in ("gb18030", "big5"):
        try:
            as_legacy = max(as_legacy, _common_share(line.decode(codec), codec))
        except UnicodeDecodeError:
            continue
    return as_utf8 > as_legacy


def _decode_utf16(data: bytes, path: str | None) -> tuple[str, str]:
    """UTF-16 without a BOM: the zero bytes of ASCII characters (newlines, digits) give the order."""
    if len(data) % 2 == 0:
        zeros_at_even = data[0::2].count(0)
        zeros_at_odd = data[1::2].count(0)
        orders = ("utf-16-le", "utf-16-be") if zeros_at_odd >= zeros_at_even else ("utf-16-be", "utf-16-le")
        for codec in orders:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            # The file's NUL bytes are the high bytes of ASCII characters (newlines, digits, spaces) in
            # the right byte order: a reading with no ASCII at all put them somewhere no text does.
            if _HAS_ASCII.search(text) and _looks_like_text(text):
                return text, codec
    raise SubpipeError(_NOT_TEXT, path)


def _decode_chinese(data: bytes, path: str | None) -> tuple[str, str]:
    """The reading of `data` in a Chinese legacy encoding that gives the most common characters.

    GB and Big5 share their byte ranges, so most files decode both ways. charset_normalizer was tried
    here first and dropped: on short texts (one line of the corpus) it chose Big5 or UTF-16-BE for
    a third of the GBK lines and gave no answer for some. The reading in the wrong encoding is
    full of rare characters and symbols, which the encodings' own "frequent characters" areas show.
    """
    readings: list[tuple[str, str]] = []
    for codec in _CHINESE_ENCODINGS:
        if codec == "big5hkscs" and any(name == "big5" for name, _ in readings):
            continue
        try:
            readings.append((codec, data.decode(codec)))
        except UnicodeDecodeError:
            continue
    if not readings:
        raise SubpipeError(_NOT_TEXT, path)
    codec, text = max(readings, key=lambda reading: _common_share(reading[1], reading[0]))
    return text, codec


def _common_share(text: str, codec: str) -> float:
    """The share of non-ASCII characters of `text` in the frequent-use area of `codec`."""
    wide = [char for char in text[:_SAMPLE_CHARS] if not char.isascii()]
    if not wide:
        return 1.0
    is_common = _is_common_gb if codec == "gb18030" else _is_common_big5
    return sum(1 for char in wide if is_common(char)) / len(wide)


def _is_common_gb(char: str) -> bool:
    # GB2312 rows A1-A3 (punctuation, full-width forms) and B0-D7 (the 3,755 level-1 hanzi).
    try:
        encoded = char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and (0xA1 <= encoded[0] <= 0xA3 or 0xB0 <= encoded[0] <= 0xD7)


def _is_common_big5(char: str) -> bool:
    # Big5 A140-A3BF (punctuation, symbols) and A440-C67E (the 5,401 frequently used hanzi).
    try:
        encoded = char.encode("big5")
    except UnicodeEncodeError:
        return False
    if len(encoded) != 2:
        return False
    code = encoded[0] << 8 | encoded[1]
    return 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E


def _looks_like_text(text: str) -> bool:
    """No NUL, and at most 1% control, surrogate or unassigned characters."""
    if "\x00" in text:
        return False
    sample = text[:_SAMPLE_CHARS]
    odd = 0
    for char in sample:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _WHITESPACE_CONTROLS) or category in ("Cs", "Cn"):
            odd += 1
    return odd * 100 <= len(sample)


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit:,} bytes"
