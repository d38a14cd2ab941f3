"""Resume: OUTDIR/.subpipe-batch.json records, for each output name, the key its files were made with."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import SubpipeError
from ..outputs import write_atomic
from ..version import __version__
from .inputs import BatchInput

MANIFEST_NAME = ".subpipe-batch.json"
MANIFEST_FORMAT = 1
# The manifest is saved at most this often during a run (and always at its end or interruption),
# so an interrupted batch resumes where it stopped without rewriting the manifest after every file.
_MANIFEST_SAVE_SECONDS = 2.0


class Manifest:
    """OUTDIR/.subpipe-batch.json: for each output name, the key its files were made with."""

    def __init__(self, outdir: Path):
        self.path = outdir / MANIFEST_NAME
        self.entries: dict[str, dict[str, object]] = {}
        self._saved_at = time.monotonic()
        self._dirty = False
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no manifest yet, or a damaged one: everything is converted again
        if isinstance(stored, dict) and stored.get("format") == MANIFEST_FORMAT and isinstance(stored.get("files"), dict):
            self.entries = {k: v for k, v in stored["files"].items() if isinstance(v, dict)}

    def is_current(self, item: BatchInput, key: str, outdir: Path) -> tuple[str, ...] | None:
        """The recorded outputs of `item` when they were made with `key` and all still exist."""
        entry = self.entries.get(item.output_key)
        if not entry or entry.get("key") != key:
            return None
        outputs = entry.get("outputs")
        if not isinstance(outputs, list) or not outputs:
            return None
        if not all(isinstance(name, str) and (outdir / name).is_file() for name in outputs):
            return None
        return tuple(outputs)

    def record(self, item: BatchInput, key: str, outputs: Sequence[str]) -> None:
        self.entries[item.output_key] = {"input": item.shown, "key": key, "outputs": list(outputs)}
        self._changed()

    def forget(self, item: BatchInput) -> None:
        if self.entries.pop(item.output_key, None) is not None:
            self._changed()

    def _changed(self) -> None:
        self._dirty = True
        if time.monotonic() - self._saved_at > _MANIFEST_SAVE_SECONDS:
            try:
                self.save()
            except SubpipeError:
                self._saved_at = time.monotonic()  # tried again later, and at the end, where it is reported

    def save(self) -> None:
        """Write the manifest if it changed. A failure is left for the end of the batch (`run_batch`
        saves it last and reports it), never stopping the conversions while they run."""
        if not self._dirty:
            return
        document = {"format": MANIFEST_FORMAT, "subpipe": __version__, "files": self.entries}
        write_atomic(self.path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        self._dirty = False
        self._saved_at = time.monotonic()


def input_key(data: bytes, profile_digest: str) -> str:
    """The resume key of one input: its bytes and everything else that decides its outputs."""
    return hashlib.sha256(f"{profile_digest}\n{hashlib.sha256(data).hexdigest()}".encode()).hexdigest()
