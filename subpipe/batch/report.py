"""What a batch reports: a line per input in OUTDIR/batch-report.json, and OUTDIR/index.html linking
every episode page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import SubpipeError
from ..outputs import write_atomic
from ..version import __version__

REPORT_NAME = "batch-report.json"
INDEX_NAME = "index.html"


@dataclass(frozen=True)
class FileReport:
    """One line of batch-report.json."""

    input: str
    status: str  # "converted", "skipped" (outputs up to date) or "failed"
    outputs: tuple[str, ...] = ()  # relative to OUTDIR
    cues: int | None = None
    timing: str | None = None
    seconds: float | None = None
    line: int | None = None
    reason: str | None = None
    detail: str | None = None

    @property
    def message(self) -> str:
        """The one-line error, as the CLI prints it."""
        return str(SubpipeError(self.reason or "failed", self.input, self.line))

    def as_json(self) -> dict[str, object]:
        item: dict[str, object] = {"input": self.input, "status": self.status}
        if self.status == "failed":
            item.update(line=self.line, reason=self.reason)
            if self.detail:
                item["detail"] = self.detail
        else:
            item["outputs"] = list(self.outputs)
        if self.status == "converted":
            item.update(cues=self.cues, timing=self.timing, seconds=round(self.seconds or 0.0, 3))
        return item


@dataclass(frozen=True)
class BatchResult:
    files: tuple[FileReport, ...]
    report_path: Path
    interrupted: bool = False
    index_path: Path | None = None  # OUTDIR/index.html, linking every episode page

    def count(self, status: str) -> int:
        return sum(1 for item in self.files if item.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def summary(self) -> str:
        return (
            f"{self.count('converted')} converted, {self.count('skipped')} skipped (up to date), "
            f"{self.failed} failed of {len(self.files)} inputs; report: {self.report_path}"
        )


def write_index(outdir: Path, files: Sequence[FileReport]) -> Path | None:
    """OUTDIR/index.html linking the episode page of every converted or up-to-date input (None when
    no input has a page, as with --no-html). An episode whose own page is index.html keeps it: the
    index is then batch-index.html."""
    from ..outputs.page import compose_index

    pages = [
        (name, item.input)
        for item in files
        if item.status != "failed"
        for name in item.outputs
        if name.endswith(".html")
    ]
    if not pages:
        return None
    name = INDEX_NAME if INDEX_NAME not in {page for page, _ in pages} else "batch-index.html"
    return write_atomic(outdir / name, compose_index(pages, title=f"subpipe: {len(pages)} episodes"))


def write_report(
    outdir: Path, files: tuple[FileReport, ...], started: datetime, seconds: float, interrupted: bool, force: bool
) -> Path:
    counts = {status: sum(1 for f in files if f.status == status) for status in ("converted", "skipped", "failed")}
    document = {
        "subpipe": __version__,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "interrupted": interrupted,
        "force": force,
        "inputs": len(files),
        **counts,
        "files": [item.as_json() for item in files],
    }
    return write_atomic(outdir / REPORT_NAME, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
