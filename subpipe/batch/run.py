"""A batch: every input converted into OUTDIR, resumable, one bad input never stopping the others.

The parent process finds the inputs, reads each file once (its bytes are both the resume key and what
gets converted), and writes every output; workers only turn bytes into composed text. So a Dask
worker needs neither the input files nor OUTDIR, and every file is written atomically by one process.
See docs/batch.md for the command, the report, the resume key and how outputs are named.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SubpipeError
from ..outputs import write_atomic, write_composed
from .executors import Executor
from .inputs import collect_inputs
from .manifest import Manifest, input_key
from .report import BatchResult, FileReport, write_index, write_report
from .work import ComposedOutputs, Converted, Failed, Job, compose_task, sightings_task

if TYPE_CHECKING:
    from ..converter import Converter
    from ..names.series import SeriesGlossary


class Progress:
    """Where a batch tells how it is going; this one says nothing."""

    def start(self, total: int) -> None: ...

    def file_done(self, report: FileReport) -> None: ...

    def close(self) -> None: ...


def run_batch(
    specs: Sequence[str],
    outdir: str | Path,
    converter: "Converter | None" = None,
    executor: Executor | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Convert every input named by `specs` into `outdir`; never stops for one bad input.

    `converter` decides the outputs (default: the default settings and the shipped glossary; its glossary
    files and settings are the resume key's, besides each input's bytes); `executor` runs the conversions (default: in this process; see `Converter.pipe`). Inputs whose outputs
    are up to date (see `input_key`) are skipped unless `force`. The manifest and
    OUTDIR/batch-report.json are written at the end, and also when the batch is interrupted.
    """
    from ..converter import Converter

    outdir = Path(outdir)
    converter = converter or Converter()
    progress = progress or Progress()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SubpipeError(f"cannot create the output folder: {error.strerror or error}", outdir) from None
    inputs, problems = collect_inputs(specs, outdir)
    if not inputs and not problems:
        raise SubpipeError("no inputs given")
    manifest = Manifest(outdir)
    digest = converter.profile.digest
    reports: dict[int, FileReport] = {}
    keys: dict[int, str] = {}
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    progress.start(len(inputs) + len(problems))

    def finish(index: int, report: FileReport) -> None:
        reports[index] = report
        progress.file_done(report)

    for offset, problem in enumerate(problems):
        finish(len(inputs) + offset, FileReport(problem.shown, "failed", reason=problem.reason))

    def jobs() -> Iterator[Job]:
        """Reads each input when a worker is ready for it; skipped and unreadable ones never leave."""
        from ..formats.decoding import read_bytes

        for index, item in enumerate(inputs):
            try:
                data = read_bytes(item.path)
            except SubpipeError as error:
                manifest.forget(item)
                finish(index, FileReport(item.shown, "failed", line=error.line, reason=error.message))
                continue
            keys[index] = input_key(data, digest)
            current = None if force else manifest.is_current(item, keys[index], outdir)
            if current is not None:
                finish(index, FileReport(item.shown, "skipped", outputs=current))
                continue
            yield Job(index, item.shown, item.stem, data=data)

    interrupted = False
    try:
        for outcome in converter.pipe(jobs(), executor=executor, task=compose_task, ordered=False):
            item = inputs[outcome.index]
            if isinstance(outcome, Converted):
                composed: ComposedOutputs = outcome.value
                try:
                    written = write_composed(composed.outputs, outdir / item.folder)
                except SubpipeError as error:
                    outcome = Failed(outcome.index, error.message)
                else:
                    names = tuple(path.relative_to(outdir).as_posix() for path in written)
                    manifest.record(item, keys[outcome.index], names)
                    report = FileReport(
                        item.shown, "converted", names, composed.cues, composed.timing, outcome.seconds
                    )
            if isinstance(outcome, Failed):
                # Its old outputs, if any, no longer match the input: never skip it next time.
                manifest.forget(item)
                report = FileReport(item.shown, "failed", line=outcome.line, reason=outcome.reason, detail=outcome.detail)
            finish(outcome.index, report)
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        progress.close()
        manifest.save()
        files = tuple(reports[i] for i in sorted(reports))
        report_path = write_report(outdir, files, started, time.perf_counter() - clock, interrupted, force)
    index_path = write_index(outdir, files)
    return BatchResult(files, report_path, interrupted, index_path)


def learn_series(
    specs: Sequence[str], outdir: str | Path, converter: "Converter", executor: Executor | None = None
) -> tuple["SeriesGlossary", "Converter"]:
    """The first pass of `--learn`: every input's inline names (found where `executor` runs),
    settled into a series glossary written to OUTDIR/series-glossary.csv, and the converter that
    converts with it.

    The series glossary goes first in the new converter's glossary files, so the shipped and the
    user's glossaries still win over it, and the resume key covers it. Inputs that cannot be read are
    left for the conversion pass to report.
    """
    from ..converter import Converter

    from ..formats.decoding import read_bytes
    from ..names.series import SERIES_GLOSSARY_NAME, defer_to, compose_series_csv, resolve

    outdir = Path(outdir)
    inputs, _problems = collect_inputs(specs, outdir)

    def jobs() -> Iterator[Job]:
        for index, item in enumerate(inputs):
            try:
                yield Job(index, item.shown, item.stem, data=read_bytes(item.path))
            except SubpipeError:
                continue

    outcomes = converter.pipe(jobs(), executor=executor, task=sightings_task, ordered=False)
    found = [s for outcome in outcomes if isinstance(outcome, Converted) for s in outcome.value]
    series = defer_to(resolve(found, [item.shown for item in inputs]), converter.glossary)
    text = compose_series_csv(series)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        path = write_atomic(outdir / SERIES_GLOSSARY_NAME, text)
    except OSError as error:
        raise SubpipeError(f"cannot write the series glossary: {error.strerror or error}", outdir) from None
    if converter.glossary_files is None:
        raise ValueError("learn_series needs a converter made from glossary files (it adds one to them)")
    files = converter.glossary_files
    learned = Converter.from_glossary_files(converter.settings, ((str(path), text.encode("utf-8")), *files))
    return series, learned


