"""`subpipe batch`: a whole catalogue, in parallel processes or on a Dask cluster, with progress."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..batch.report import FileReport
from ..batch.run import Progress
from ..errors import SubpipeError
from ..settings import Settings
from .options import add_output_options, positive_int, settings_of
from .report import EXIT_OK, EXIT_USER_ERROR, report_error, warn_conflicts


def add_command(commands) -> None:
    batch = commands.add_parser(
        "batch",
        help="convert many transcripts in parallel, resumable",
        description="Convert every INPUT (a file, a folder searched recursively for transcript and subtitle "
        "files, or a glob pattern) into OUTDIR, in parallel. A bad file is reported and the others are still "
        "converted; OUTDIR/batch-report.json lists every input. A second run skips inputs whose outputs are "
        "up to date. A file name starting with '-' goes after '--'. See docs/batch.md.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob pattern (quote it)")
    batch.add_argument("-o", "--outdir", required=True, type=Path, help="folder for the outputs (created if missing)")
    batch.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                       help="worker processes (default: the cores this machine gives subpipe)")
    batch.add_argument("--force", action="store_true", help="convert every input again, even if up to date")
    batch.add_argument("--learn", action="store_true",
                       help="first gather the names every input spells out in English (中文名（English）) into "
                       "OUTDIR/series-glossary.csv, then convert every input with it; your -g glossaries and the "
                       "shipped one still win")
    batch.add_argument("--dask", metavar="ADDRESS",
                       help="run on the Dask distributed cluster whose scheduler is at ADDRESS (tcp://host:8786) "
                       "instead of local processes; --jobs is then ignored")
    add_output_options(batch)
    batch.add_argument("-q", "--quiet", action="store_true", help="print errors and nothing else")
    batch.set_defaults(handler=_batch)


def _batch(args: argparse.Namespace) -> int:
    return batch_command(
        args.inputs,
        args.outdir,
        settings_of(args),
        jobs=args.jobs,
        force=args.force,
        dask_address=args.dask,
        glossaries=args.glossaries,
        quiet=args.quiet,
        learn=args.learn,
    )


class _LineProgress(Progress):
    """Plain lines, for logs and pipes: one per finished input on stdout, errors on stderr."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def file_done(self, report: FileReport) -> None:
        self.done += 1
        if report.status == "failed":
            print(f"subpipe: error: {report.message}", file=sys.stderr, flush=True)
        elif not self.quiet:
            what = f"{report.cues} cues" if report.status == "converted" else "up to date"
            print(f"[{self.done}/{self.total}] {report.status} {report.input} ({what})", flush=True)

    def batch_error(self, error: SubpipeError) -> None:
        report_error(error)


class _BarProgress(Progress):
    """A tqdm progress bar on the terminal; errors are printed above it."""

    def start(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
        self.failed = 0
        self.skipped = 0

    def file_done(self, report: FileReport) -> None:
        if report.status == "failed":
            self.failed += 1
            self.bar.write(f"subpipe: error: {report.message}", file=sys.stderr)
        elif report.status == "skipped":
            self.skipped += 1
        self.bar.set_postfix(skipped=self.skipped, failed=self.failed, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        if hasattr(self, "bar"):
            self.bar.close()

    def batch_error(self, error: SubpipeError) -> None:
        report_error(error)  # after close(): the bar is gone


def default_jobs() -> int:
    """The cores this process may use (a container's limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def batch_command(
    specs: Sequence[str],
    outdir: Path,
    settings: Settings,
    jobs: int | None = None,
    force: bool = False,
    dask_address: str | None = None,
    glossaries: Sequence[Path] = (),
    quiet: bool = False,
    learn: bool = False,
) -> int:
    """`subpipe batch`: returns the exit code (2 when any input failed)."""
    from ..batch import learn_series, run_batch
    from ..batch.executors import dask_cluster, process_pool, run_here
    from ..batch.work import freeze_after_first_file
    from ..converter import Converter

    converter = Converter(settings, glossaries)
    if glossaries:
        # A malformed glossary stops the batch before it starts, as it would every file; conflicts
        # between glossaries are told once here rather than by every worker.
        warn_conflicts(converter.glossary, quiet)
    workers = jobs or default_jobs()

    executor = dask_cluster(dask_address) if dask_address else run_here if workers == 1 else process_pool(workers)
    if learn:
        series, converter = learn_series(specs, outdir, converter, executor)
        if not quiet:
            for conflict in series.conflicts:
                print(f"subpipe: warning: series glossary: {conflict}", file=sys.stderr)
            print(f"subpipe: learned {len(series.entries)} names across the inputs -> {converter.glossary_files[0][0]}")
    progress: Progress = _BarProgress() if not quiet and sys.stderr.isatty() else _LineProgress(quiet)
    if workers == 1 and not dask_address:
        freeze_after_first_file()  # converting in this process, which ends with the batch
    result = run_batch(specs, outdir, converter, executor, force, progress)
    failed = result.failed or result.errors
    if not quiet or failed:
        print(f"subpipe: {result.summary}", file=sys.stderr if failed else sys.stdout)
    return EXIT_USER_ERROR if failed else EXIT_OK
