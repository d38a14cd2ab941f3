"""Per-user caches of what every process would otherwise derive again from the same data: jieba's
dictionary and word tables, its IDF table, what subpipe keeps of CC-CEDICT, a merged glossary with its
derived forms.

Each entry is a file in this user's cache folder (`platformdirs.user_cache_dir("subpipe")`, e.g.
`~/.cache/subpipe`, or `$SUBPIPE_CACHE_DIR`; an empty `SUBPIPE_CACHE_DIR` turns caching off), named
after what it holds and a hash of its key. A key spells out the version of the code that derives the
entry and the content (or, for data files inside installed packages, the path, size and modification
time) of what it is derived from, so a changed source or reader is never served an old entry.

An entry is a header line and a `marshal` payload of plain values (dicts, lists, tuples, strings,
numbers). The header holds the entry's name, its whole key and a CRC of the payload: a missing, stale,
truncated or damaged entry is derived again and rewritten; a folder that cannot be created or written,
or that is not this user's own (owned by another user, or writable by others), is not used at all.
Nothing here is ever fatal: the worst a cache can do is cost the time it was meant to save.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Bump when the file layout changes: files of another layout are then never read.
FORMAT = "1"
_MAGIC = b"subpipe-cache"
# Entries of one name kept side by side (two glossaries used in turn, two installed versions of a
# package): older ones are removed when a new one is written.
_KEEP = 4
_DIGEST_CHARS = 20  # hex characters of the key's hash in a file name


def cache_folder() -> Path | None:
    """This user's cache folder for subpipe, or None when caching is off (`SUBPIPE_CACHE_DIR=""`)."""
    override = os.environ.get("SUBPIPE_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("subpipe", appauthor=False))


def file_key(path: str | os.PathLike[str]) -> str:
    """What identifies a data file of an installed package without reading it: its path, size and
    modification time (installing the package again writes it anew). A missing file keys as such."""
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def cached(name: str, key: str, build: Callable[[], object], decode: Callable[[object], T]) -> T:
    """The value of entry `name` for `key`: `decode` of the cached payload when a current entry exists,
    else `decode(build())`, whose payload is then written for the next process.

    `build` returns plain values `marshal` can write. `decode` turns them into what callers use and
    raises (any Exception) when they are not what it expects: a payload it refuses is built again.
    """
    payload = read_entry(name, key)
    if payload is not None:
        try:
            return decode(payload)
        except Exception:  # a damaged or foreign entry: derive it again below
            pass
    payload = build()
    value = decode(payload)
    write_entry(name, key, payload)
    return value


def read_entry(name: str, key: str) -> object | None:
    """The payload of entry `name` for `key`, or None when there is no current, whole one (or no cache)."""
    path = _entry_path(name, key)
    return _read(path, name, key) if path is not None else None


def write_entry(name: str, key: str, payload: object) -> None:
    """Write `payload` (plain values) as entry `name` for `key`, if the cache can take it."""
    path = _entry_path(name, key)
    if path is not None:
        _write(path, name, key, payload)


def _entry_path(name: str, key: str) -> Path | None:
    folder = _own_folder()
    if folder is None:
        return None
    digest = hashlib.blake2b(f"{FORMAT}\n{name}\n{key}".encode(), digest_size=_DIGEST_CHARS // 2).hexdigest()
    return folder / f"{name}-{digest}.bin"


def _own_folder() -> Path | None:
    """The cache folder, created if missing, when it is this user's alone; else None."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stat = folder.stat()
    except OSError:
        return None
    if hasattr(os, "geteuid") and (stat.st_uid != os.geteuid() or stat.st_mode & 0o022):
        return None  # someone else's folder, or one others may write into: never read or write there
    return folder


def _header(name: str, key: str, payload: bytes) -> bytes:
    # The key as a repr: one line, whatever a path in it holds.
    spelled = repr(key).encode("utf-8", "backslashreplace")
    return b" ".join((_MAGIC, FORMAT.encode(), name.encode(), spelled, b"%08x" % zlib.crc32(payload))) + b"\n"


def _read(path: Path, name: str, key: str) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    end = data.find(b"\n")
    payload = data[end + 1 :]
    if end < 0 or data[: end + 1] != _header(name, key, payload):
        return None  # another layout, another key (a hash collision of names), or damaged
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, name: str, key: str, value: object) -> None:
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return  # not plain values: nothing to cache
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_header(name, key, payload))
                out.write(payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return  # a full disk, a read-only folder: derive it again next time
    _remove_old(path, name)


def _remove_old(path: Path, name: str) -> None:
    """Keep the `_KEEP` newest entries of `name`."""
    try:
        entries = sorted(path.parent.glob(f"{name}-{'?' * _DIGEST_CHARS}.bin"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink()
    except OSError:
        pass  # removed meanwhile by another process
