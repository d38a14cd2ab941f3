"""Output files: names that stay inside the output folder, and each file written whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ..errors import SubpipeError


def safe_stem(name: str) -> str:
    """A file name stem that cannot leave the output folder or hide itself."""
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", name)
    name = name.strip(" .")
    return name[:120] or "transcript"


def write_composed(composed: dict[str, str], outdir: str | Path) -> list[Path]:
    """Write outputs from `compose_outputs` into `outdir`, each atomically; returns the paths written."""
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        return [write_atomic(outdir / filename, text) for filename, text in composed.items()]
    except OSError as error:
        raise SubpipeError(f"cannot write output: {error.strerror or error}", error.filename or outdir) from None


def write_atomic(path: Path, text: str) -> Path:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes private files; outputs are ordinary files others may read.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
