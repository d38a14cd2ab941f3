"""Output files: names that stay inside the output folder, and each file written whole or not at all."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from ..errors import SubpipeError, printable

# A file name may have 255 bytes (ext4, XFS, APFS; NTFS 255 UTF-16 units). A stem leaves room for the
# longest suffix subpipe writes (`.glossary-suggestions.csv`): limited in bytes, since a Chinese
# character takes three, as well as in characters, for names a person can read.
MAX_STEM_CHARS = 120
MAX_STEM_BYTES = 255 - len(".glossary-suggestions.csv")

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\ud800-\udfff]+")


def safe_stem(name: str) -> str:
    """A file name stem that cannot leave the output folder or hide itself, and fits a file name.

    Path separators, control characters and `:*?"<>|` become `_`, and so do the bytes of a file name that
    are not UTF-8 (Python holds them as lone surrogates, which no text file can be written with)."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name)
    name = _cut(name.strip(" ."), MAX_STEM_CHARS, MAX_STEM_BYTES).strip(" .")
    return name or "transcript"


def tagged_stem(stem: str, tag: str) -> str:
    """`stem` with `-tag` added, cut so that the whole still fits `safe_stem`'s limits."""
    room = len(tag) + 1
    return safe_stem(f"{_cut(stem, MAX_STEM_CHARS - room, MAX_STEM_BYTES - room)}-{tag}")


def distinct_stems(inputs: Sequence[tuple[str, PurePosixPath]], reserved: Collection[str] = ()) -> list[str]:
    """The output stem of each input, given as (its path as the user gave it, the folder its outputs go
    to, relative to OUTDIR): the file's stem made safe, unless inputs would share one, or an input's
    outputs in OUTDIR itself would take one of the `reserved` names (a batch's index page).

    Such inputs all get the first 8 hex digits of the SHA-256 of their path as given added, so a name
    depends only on the input's own path and on whether it clashes. Names are compared
    case-insensitively, since OUTDIR may be on a case-insensitive file system."""
    from .registry import OUTPUTS

    taken = {name.casefold() for name in reserved}
    stems = [safe_stem(PurePosixPath(Path(shown).as_posix()).stem) for shown, _ in inputs]
    groups: dict[str, int] = {}
    for (_, folder), stem in zip(inputs, stems):
        key = str(folder / stem).casefold()
        groups[key] = groups.get(key, 0) + 1
    named = []
    for (shown, folder), stem in zip(inputs, stems):
        key = str(folder / stem).casefold()
        clashes = groups[key] > 1 or (
            folder == PurePosixPath(".") and any(f"{stem}.{suffix}".casefold() in taken for suffix in OUTPUTS)
        )
        if clashes:
            stem = tagged_stem(stem, hashlib.sha256(Path(shown).as_posix().encode("utf-8", "surrogateescape")).hexdigest()[:8])
        named.append(stem)
    return named


def _cut(text: str, chars: int, utf8_bytes: int) -> str:
    """The longest start of `text` within `chars` characters and `utf8_bytes` bytes of UTF-8."""
    text = text[:chars]
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= utf8_bytes:
        return text
    return encoded[:utf8_bytes].decode("utf-8", "ignore")


def check_writable_folder(outdir: Path) -> None:
    """Create `outdir` if needed and make sure files can be made in it (not read-only, not full of
    entries), or say so in one line before any work is done."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SubpipeError(f"cannot create the output folder: {error.strerror or error}", outdir) from None
    try:
        handle, probe = tempfile.mkstemp(dir=outdir, prefix=".subpipe-", suffix=".tmp")
    except OSError as error:
        raise SubpipeError(f"cannot write into the output folder: {error.strerror or error}", outdir) from None
    os.close(handle)
    os.unlink(probe)


def write_composed(
    composed: Mapping[str, str] | Iterable[tuple[str, str | Iterable[str]]], outdir: str | Path
) -> list[Path]:
    """Write outputs (file name -> text, as `compose_outputs` gives them, or such pairs one at a time,
    a text possibly in pieces, so that only one output is in memory at once) into `outdir` as one set: every file is
    written to a temporary file first, and only when all of them are written (a full disk fails here)
    are they renamed into place. So an episode's outputs are all new or all as they were. Returns the
    paths."""
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SubpipeError(f"cannot create the output folder: {error.strerror or error}", outdir) from None
    pairs = composed.items() if isinstance(composed, Mapping) else composed
    written: list[tuple[str, Path]] = []
    try:
        for filename, text in pairs:
            path = outdir / filename
            if path.is_dir() and not path.is_symlink():
                raise SubpipeError("cannot write this output: a folder has its name", path)
            written.append((_write_temporary(path, text), path))
            del text  # written: the next output is composed without this one in memory
        for temporary, path in written:
            _rename(temporary, path)
    finally:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)  # those not renamed: the set failed
    return [path for _, path in written]


def write_atomic(path: str | Path, text: str) -> Path:
    """Write one file through a temporary file beside it and a rename: readers never see half a file.
    A failure is a SubpipeError naming `path` (never the temporary file)."""
    path = Path(path)
    temporary = _write_temporary(path, text)
    try:
        _rename(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def _write_temporary(path: Path, text: str | Iterable[str]) -> str:
    """`text` (or its pieces, in order) in a new temporary file in `path`'s folder (named independently
    of `path`, so a long name still fits); returns its name."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".subpipe-", suffix=".tmp")
    except OSError as error:
        raise SubpipeError(f"cannot write this file: {error.strerror or error}", path) from None
    try:
        # mkstemp makes private files; outputs are ordinary files others may read.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for piece in (text,) if isinstance(text, str) else text:
                stream.write(printable(piece))  # a file name that is not UTF-8, quoted in the text
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise SubpipeError(f"cannot write this file: {error.strerror or error}", path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _rename(temporary: str, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as error:
        raise SubpipeError(f"cannot write this file: {error.strerror or error}", path) from None
