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
    files: tuple[FileReport, ...]  # the inputs the batch got to, in the order given
    report_path: Path | None  # None when it could not be written (see `errors`)
    interrupted: bool = False
    index_path: Path | None = None  # OUTDIR/index.html, linking every episode page
    inputs: int | None = None  # how many inputs were given (more than `files` when interrupted)
    errors: tuple[SubpipeError, ...] = ()  # the batch's own files (report, index, manifest) not written

    def count(self, status: str) -> int:
        return sum(1 for item in self.files if item.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def summary(self) -> str:
        given = self.inputs if self.inputs is not None else len(self.files)
        report = f"report: {self.report_path}" if self.report_path is not None else "no report written"
        return (
            f"{self.count('converted')} converted, {self.count('skipped')} skipped (up to date), "
            f"{self.failed} failed of {given} inputs; {report}"
        )


def write_index(outdir: Path, files: Sequence[FileReport]) -> Path | None:
    """OUTDIR/index.html linking the episode page of every converted or up-to-date input (None when
    no input has a page, as with --no-html). No episode's page has that name: inputs are named so
    (`inputs.collect_inputs`)."""
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
    return write_atomic(outdir / INDEX_NAME, compose_index(pages, title=f"subpipe: {len(pages)} episodes"))


def write_report(
    outdir: Path,
    files: tuple[FileReport, ...],
    given: int,
    started: datetime,
    seconds: float,
    interrupted: bool,
    force: bool,
) -> Path:
    """OUTDIR/batch-report.json: `given` inputs, of which `files` were done (all, unless interrupted)."""
    counts = {status: sum(1 for f in files if f.status == status) for status in ("converted", "skipped", "failed")}
    document = {
        "subpipe": __version__,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        "interrupted": interrupted,
        "force": force,
        "inputs": given,
        **counts,
        "files": [item.as_json() for item in files],
    }
    return write_atomic(outdir / REPORT_NAME, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
