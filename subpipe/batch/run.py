"""A batch: every input converted into OUTDIR, resumable, one bad input never stopping the others.

The parent process finds the inputs, reads each file once (its bytes are both the resume key and what
gets converted), and writes every output; workers only turn bytes into composed text. So a Dask
worker needs neither the input files nor OUTDIR, and every file is written atomically by one process.
See docs/batch.md for the command, the report, the resume key and how outputs are named.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SubpipeError
from ..outputs import write_atomic, write_composed
from ..outputs.files import check_writable_folder
from .executors import Executor
from .inputs import BatchInput, collect_inputs
from .manifest import MANIFEST_NAME, Manifest, input_key
from .report import INDEX_NAME, REPORT_NAME, BatchResult, FileReport, write_index, write_report
from .work import ComposedOutputs, Converted, Failed, Job, compose_task, sightings_task

if TYPE_CHECKING:
    from ..converter import Converter
    from ..names.series import SeriesGlossary


class Progress:
    """Where a batch tells how it is going; this one says nothing."""

    def start(self, total: int) -> None: ...

    def file_done(self, report: FileReport) -> None: ...

    def close(self) -> None: ...

    def batch_error(self, error: SubpipeError) -> None:
        """One of the batch's own files (report, index, manifest) could not be written."""


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
    # What concerns every input stops the batch before it starts: an output folder that cannot be
    # written, or a folder where the batch's own files go.
    check_writable_folder(outdir)
    for name in (REPORT_NAME, INDEX_NAME, MANIFEST_NAME):
        if (outdir / name).is_dir():
            raise SubpipeError("is a folder, where the batch writes its own file: move it away", outdir / name)
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

    interrupted = True  # until the last input is done: Ctrl-C, or a bug in the batch itself
    try:
        for outcome in converter.pipe(jobs(), executor=executor, task=compose_task, ordered=False):
            item = inputs[outcome.index]
            if isinstance(outcome, Converted):
                composed: ComposedOutputs = outcome.value
                try:
                    written = write_composed(composed.outputs, output_folder(outdir, item))
                except SubpipeError as error:
                    outcome = Failed(outcome.index, str(error))
                except Exception as error:  # one input's bug must not stop the others (as in workers)
                    reason = f"internal error, please report it: {type(error).__name__}: {error}"
                    outcome = Failed(outcome.index, reason, detail=traceback.format_exc())
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
        interrupted = False
    finally:
        progress.close()
        files = tuple(reports[i] for i in sorted(reports))
        given = len(inputs) + len(problems)
        errors: list[SubpipeError] = []

        def attempt(write: Callable[[], Path | None]) -> Path | None:
            # Each of the batch's own files is tried whatever happened to the others (a full disk):
            # one line each, never a traceback, and the report still tells what was done.
            try:
                return write()
            except SubpipeError as error:
                errors.append(error)
                progress.batch_error(error)
                return None

        attempt(manifest.save)
        report_path = attempt(lambda: write_report(outdir, files, given, started, time.perf_counter() - clock, interrupted, force))
    index_path = attempt(lambda: write_index(outdir, files))
    return BatchResult(files, report_path, interrupted, index_path, given, tuple(errors))


def output_folder(outdir: Path, item: BatchInput) -> Path:
    """Where `item`'s outputs go, refusing a folder that leads outside OUTDIR: a symbolic link already
    in OUTDIR (OUTDIR/s1 -> /elsewhere) would have the batch write through it."""
    folder = outdir / item.folder
    if not folder.resolve().is_relative_to(outdir.resolve()):
        raise SubpipeError("leads outside the output folder (a symbolic link?): nothing written through it", folder)
    return folder


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
    check_writable_folder(outdir)
    path = write_atomic(outdir / SERIES_GLOSSARY_NAME, text)
    if converter.glossary_files is None:
        raise ValueError("learn_series needs a converter made from glossary files (it adds one to them)")
    files = converter.glossary_files
    learned = Converter.from_glossary_files(converter.settings, ((str(path), text.encode("utf-8")), *files))
    return series, learned


