"""Many transcripts at once: in parallel processes or on a Dask cluster, resumable, and one bad file
never stops the others.

The parent process finds the inputs, reads each file once (its bytes are both the resume key and what
gets converted), and writes every output; workers only turn bytes into rendered text. So a Dask worker
needs neither the input files nor OUTDIR, and every file is written atomically by one process.
See docs/batch.md for the command, the report, the resume key and how outputs are named.
"""

from __future__ import annotations

import gc
import glob
import hashlib
import itertools
import json
import os
import re
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..version import __version__
from ..errors import SubpipeError
from ..outputs.registry import OUTPUTS, safe_stem, write_atomic, write_rendered
from ..settings import Settings

if TYPE_CHECKING:
    from ..names.series import SeriesGlossary, Sighting

REPORT_NAME = "batch-report.json"
MANIFEST_NAME = ".subpipe-batch.json"
MANIFEST_FORMAT = 1

# Tasks queued per worker beyond the one it runs: keeps workers busy without reading every input
# into memory at once (a catalogue can be thousands of files).
_QUEUED_PER_WORKER = 2
# The manifest is saved at most this often during a run (and always at its end or interruption),
# so an interrupted batch resumes where it stopped without rewriting the manifest after every file.
_MANIFEST_SAVE_SECONDS = 2.0


# --- what goes in and out -------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchInput:
    """One file to convert, and where its outputs go: OUTDIR / `folder` / `stem`.<suffix>."""

    path: Path
    shown: str  # the path as the user's arguments name it: used in messages and the report
    folder: PurePosixPath  # relative to OUTDIR, every part sanitised; "." for OUTDIR itself
    stem: str

    @property
    def output_key(self) -> str:
        """The outputs' common name relative to OUTDIR: the manifest's key for this input."""
        return str(self.folder / self.stem)


@dataclass(frozen=True)
class InputProblem:
    """An argument that gave no file to convert (missing path, glob matching nothing, empty folder)."""

    shown: str
    reason: str


@dataclass(frozen=True)
class Profile:
    """Everything besides the input's bytes that decides the outputs.

    Hashable: each worker process keeps one converter (with its jieba dictionary) per profile.
    `glossaries` are the (path, bytes) of every glossary file in the order they merge: the shipped
    glossary's files (unless settings turn it off), then the user's `-g` files. Workers build the
    glossary from these bytes, so they need no access to the files, and the key covers exactly them.
    """

    settings: Settings = field(default_factory=Settings)
    glossaries: tuple[tuple[str, bytes], ...] = ()

    @property
    def digest(self) -> str:
        """Hash of the subpipe version, the output kinds, the settings and the glossaries' bytes."""
        hasher = hashlib.sha256()
        hasher.update(f"subpipe {__version__}\noutputs {sorted(OUTPUTS)}\n{self.settings!r}\n".encode())
        for _, data in self.glossaries:
            hasher.update(f"glossary {hashlib.sha256(data).hexdigest()}\n".encode())
        return hasher.hexdigest()


@dataclass(frozen=True)
class Job:
    """What a worker needs to convert one input: its bytes, its name for messages, its output stem."""

    index: int
    shown: str
    data: bytes
    stem: str


@dataclass(frozen=True)
class Converted:
    index: int
    outputs: dict[str, str]  # file name -> text, rendered by the worker, written by the parent
    cues: int
    timing: str
    seconds: float


@dataclass(frozen=True)
class Failed:
    index: int
    reason: str
    line: int | None = None
    detail: str | None = None  # the traceback of an unexpected error (a bug to report), else None


Outcome = Converted | Failed


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


# --- finding the inputs and naming their outputs --------------------------------------------------


def transcript_extensions() -> frozenset[str]:
    """The extensions collected from folders: every extension with a registered reader."""
    from .. import formats

    return frozenset(ext for ext, name in formats.EXTENSIONS.items() if name in formats.READERS)


def collect_inputs(specs: Sequence[str], outdir: str | Path) -> tuple[list[BatchInput], list[InputProblem]]:
    """The files named by `specs` (files, folders searched recursively, or glob patterns), in order.

    A file named twice is converted once; nothing inside `outdir` is an input (a second run must not
    convert the first run's outputs); hidden files and folders inside a folder are left out.
    Outputs mirror each file's folder below the folder argument that found it; files named directly
    or by a glob go to OUTDIR itself. Inputs that would still share an output name get a short hash
    of their path added to the stem.
    """
    outdir = Path(outdir).resolve()
    extensions = transcript_extensions()
    found: list[tuple[Path, str, PurePosixPath]] = []
    problems: list[InputProblem] = []
    seen: set[Path] = set()

    def add(path: Path, shown: str, folder: PurePosixPath) -> None:
        resolved = path.resolve()
        if resolved in seen or resolved.is_relative_to(outdir):
            return
        seen.add(resolved)
        found.append((path, shown, folder))

    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            files = list(_walk(path, outdir, extensions))
            if not files:
                listed = ", ".join(sorted(extensions))
                problems.append(InputProblem(spec, f"no transcript files ({listed}) in this folder"))
            for file in files:
                relative = file.relative_to(path)
                add(file, str(file), _safe_folder(relative.parent))
        elif path.exists() or path.is_symlink() or not _GLOB_CHARACTERS.search(spec):
            # A missing file is reported when it is read, like any other unreadable input.
            if path.resolve().is_relative_to(outdir):
                problems.append(InputProblem(spec, "is inside the output folder, where outputs go: not converted"))
            add(path, spec, PurePosixPath("."))
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                problems.append(InputProblem(spec, "no files match this pattern"))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    for file in _walk(match_path, outdir, extensions):
                        add(file, str(file), _safe_folder(file.relative_to(match_path).parent))
                else:
                    add(match_path, match, PurePosixPath("."))
    return _name_outputs(found), problems


_GLOB_CHARACTERS = re.compile(r"[*?[]")


def _walk(folder: Path, outdir: Path, extensions: frozenset[str]) -> Iterator[Path]:
    """Transcript files below `folder` in a stable order, skipping hidden entries and OUTDIR."""
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not (root_path / d).resolve().is_relative_to(outdir)
        )
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in extensions:
                yield root_path / name


def _safe_folder(relative: Path) -> PurePosixPath:
    return PurePosixPath(*(safe_stem(part) for part in relative.parts)) if relative.parts else PurePosixPath(".")


def _name_outputs(found: list[tuple[Path, str, PurePosixPath]]) -> list[BatchInput]:
    """Sanitised output stems; every input of a group that would share one gets its path's hash added.

    Names are compared case-insensitively, since OUTDIR may be on a case-insensitive file system.
    """
    stems = [safe_stem(path.stem) for path, _, _ in found]
    groups: dict[str, int] = {}
    for (_, _, folder), stem in zip(found, stems):
        key = str(folder / stem).casefold()
        groups[key] = groups.get(key, 0) + 1
    inputs = []
    for (path, shown, folder), stem in zip(found, stems):
        if groups[str(folder / stem).casefold()] > 1:
            tag = hashlib.sha256(PurePosixPath(Path(shown).as_posix()).as_posix().encode()).hexdigest()[:8]
            stem = safe_stem(f"{stem[:110]}-{tag}")
        inputs.append(BatchInput(path, shown, folder, stem))
    return inputs


# --- converting: the part that runs in workers ----------------------------------------------------


class _Converter:
    """One per profile per worker process: the glossary, and a Segmenter holding jieba's dictionary
    with the glossary's words, are built here once and reused for every file.

    `freeze_when_warm` is set by whoever owns the process for the batch alone (a pool worker, the
    command line with --jobs 1), never in a process that serves others too (a Dask worker, a program
    calling the API): see `_freeze_long_lived_objects`."""

    def __init__(self, profile: Profile):
        from ..converter import glossary_segmenter

        self.settings = profile.settings
        self.glossary = build_glossary_from(profile.glossaries)
        self.segmenter = glossary_segmenter(self.glossary)
        self.freeze_when_warm = False
        self.converted_one = False

    def __call__(self, job: Job) -> Outcome:
        outcome = self._convert(job)
        if not self.converted_one:
            self.converted_one = True
            if self.freeze_when_warm:
                _freeze_long_lived_objects()
        return outcome

    def _convert(self, job: Job) -> Outcome:
        from .. import formats
        from ..outputs.registry import render_outputs
        from ..converter import process_transcript

        started = time.perf_counter()
        try:
            transcript = formats.parse_bytes(job.data, job.shown)
            episode = process_transcript(transcript, self.settings, self.segmenter, self.glossary)
            outputs = render_outputs(episode, job.stem, self.settings.outputs)
        except SubpipeError as error:
            return Failed(job.index, error.message, error.line)
        except Exception as error:  # one file's bug must not stop the batch: report it and go on
            reason = f"internal error, please report it: {type(error).__name__}: {error}"
            return Failed(job.index, reason, detail=traceback.format_exc())
        return Converted(job.index, outputs, len(episode.cues), episode.timing.value, time.perf_counter() - started)


def _freeze_long_lived_objects() -> None:
    """Hide what a batch process keeps for its whole life from the garbage collector.

    After the first file the process holds everything it loads once: jieba's dictionary, the glossary,
    spaCy's vocabulary and matcher, the word tables. That is about 300 000 objects that never become
    garbage, yet every full collection (which the allocations of converting a file trigger) walks them
    all: about 15 ms per file on average, measured. `gc.freeze` moves every object of the process out
    of the collector's sight, for good: right for a process that only converts (collecting first keeps
    the first file's garbage out of the frozen set), wrong for one that runs other work besides."""
    gc.collect()
    gc.freeze()


def _freeze_when_warm(profile: Profile) -> None:
    """Mark this process's converter for `profile`: the process exists for the batch alone."""
    try:
        _converter(profile).freeze_when_warm = True
    except SubpipeError:
        pass  # a glossary that does not parse: `convert` reports it for every file


# Each converter holds a copy of jieba's dictionary (tens of MB): keep only the latest few.
@lru_cache(maxsize=2)
def _converter(profile: Profile) -> _Converter:
    # Keyed on the whole profile, so batches with different settings or glossaries in one process
    # (a Dask worker serves many clients) never share a converter.
    return _Converter(profile)


def convert(profile: Profile, job: Job) -> Outcome:
    """Convert one input; what process-pool and Dask workers run."""
    try:
        converter = _converter(profile)
    except SubpipeError as error:  # a glossary that does not parse: every file reports it
        return Failed(job.index, f"cannot use the glossary {error}")
    return converter(job)


@dataclass(frozen=True)
class Sighted:
    """The first pass of `--learn`: the inline names one input teaches."""

    index: int
    sightings: tuple[Sighting, ...]


def sight(profile: Profile, job: Job) -> Sighted | Failed:
    """The inline names of one input (read and segmented only: the cheap part of a conversion)."""
    from .. import formats
    from ..names.series import sightings

    try:
        converter = _converter(profile)
        transcript = formats.parse_bytes(job.data, job.shown)
        return Sighted(job.index, sightings(job.shown, transcript, converter.glossary, converter.segmenter))
    except SubpipeError as error:
        return Failed(job.index, error.message, error.line)
    except Exception as error:  # as in convert: one file's bug must not stop the batch
        reason = f"internal error, please report it: {type(error).__name__}: {error}"
        return Failed(job.index, reason, detail=traceback.format_exc())


def _start_worker(profile: Profile, parent: int) -> None:
    """Process-pool initializer: ready the worker before its first file.

    Ctrl-C reaches every process of the terminal's group: the parent alone handles it (it stops the
    pool and writes the report), so workers ignore it rather than print tracebacks. A worker whose
    parent was killed outright (SIGKILL, a CI time-out) would wait forever for work: it exits instead.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    # Building the converter here readies it; an initializer that raises would break the pool, so a
    # glossary that does not parse is left for `convert` to report per file.
    _freeze_when_warm(profile)


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # exists, owned by someone else: cannot be ours, but do not guess


# --- running: in this process, a process pool, or a Dask cluster ---------------------------------

# An executor takes the profile and the jobs (consumed lazily) and yields each job's outcome as it
# finishes, in any order.
Executor = Callable[[Profile, Iterator[Job]], Iterator[Outcome]]


def run_here(profile: Profile, jobs: Iterator[Job]) -> Iterator[Outcome]:
    """No worker processes: for --jobs 1, where a pool would only add start-up time."""
    for job in jobs:
        yield convert(profile, job)


def here(task: Task) -> Executor:
    """`run_here` for any task."""
    return lambda profile, jobs: (task(profile, job) for job in jobs)


Task = Callable[[Profile, Job], Outcome]


def process_pool(workers: int, task: Task = convert, start: Callable[[Profile, int], None] | None = None) -> Executor:
    """`workers` processes, each building its converter once (`start`, run in each new worker with the
    profile and the parent's pid); `task` and `start` must be importable by name."""

    def run(profile: Profile, jobs: Iterator[Job]) -> Iterator[Outcome]:
        return _run_pool(profile, jobs, workers, task, start or _start_worker)

    return run


def _run_pool(
    profile: Profile, jobs: Iterator[Job], workers: int, task: Task, start: Callable[[Profile, int], None]
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # Start no processes for a batch whose inputs are all up to date.
    first = next(jobs, None)
    if first is None:
        return
    jobs = itertools.chain([first], jobs)
    # forkserver: workers start from a clean process, not a fork of one running a progress thread.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=start, initargs=(profile, os.getpid()))

    # When a worker dies (killed for memory, a crash in a C extension) the whole pool breaks and every
    # file in flight is lost with it. Those files are suspects: they run again one at a time, so the
    # file that kills a worker on its own is the one reported, and the others are converted.
    suspects: deque[Job] = deque()
    pool = new_pool()
    running: dict[Future[Outcome], Job] = {}
    try:
        while True:
            limit = 1 if suspects else workers * (1 + _QUEUED_PER_WORKER)
            while len(running) < limit:
                job = suspects.popleft() if suspects else next(jobs, None)
                if job is None:
                    break
                running[pool.submit(task, profile, job)] = job
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            lost: list[Job] = []
            for future in done:
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    lost.append(running.pop(future))
                    continue
                running.pop(future)
                yield outcome
            if lost:
                lost.extend(running.values())
                running.clear()
                if len(lost) == 1:
                    yield Failed(lost[0].index, "the worker process died converting this file (out of memory?)")
                else:
                    suspects.extend(sorted(lost, key=lambda job: job.index))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def dask_cluster(address: str, task: Task = convert) -> Executor:
    """The Dask cluster whose scheduler is at `address`; `task` must be importable on its workers."""

    def run(profile: Profile, jobs: Iterator[Job]) -> Iterator[Outcome]:
        return _run_dask(profile, jobs, address, task)

    return run


def _run_dask(profile: Profile, jobs: Iterator[Job], address: str, task: Task) -> Iterator[Outcome]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SubpipeError("--dask needs the distributed package: pip install 'dask[distributed]'") from None
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SubpipeError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        _check_workers(client, address)
        # Sent to every worker once, not with each task.
        shared_profile = client.scatter(profile, broadcast=True, hash=False)
        window = max(4, sum(client.nthreads().values()) * (1 + _QUEUED_PER_WORKER))
        running: dict[object, Job] = {}

        def submit(job: Job):
            future = client.submit(task, shared_profile, job, pure=False)
            running[future] = job
            return future

        first = [submit(job) for job in itertools.islice(jobs, window)]
        if not first:
            return
        finished = as_completed(first, loop=client.loop)
        for future in finished:
            job = running.pop(future)
            try:
                yield future.result()
            except Exception as error:  # a worker that died again and again (KilledWorker), a lost task
                yield Failed(job.index, f"the Dask cluster could not convert this file: {type(error).__name__}: {error}")
            following = next(jobs, None)
            if following is not None:
                finished.add(submit(following))
    finally:
        client.close()


def _check_workers(client, address: str) -> None:
    """Every worker must run this subpipe version: the resume key promises outputs of this version."""
    try:
        versions = client.run(_worker_version)
    except Exception as error:  # raised on the worker: typically subpipe not installed there
        message = f"the Dask workers at {address} cannot run subpipe (is it installed on every worker?): {error}"
        raise SubpipeError(message) from None
    if not versions:
        raise SubpipeError(f"the Dask cluster at {address} has no workers")
    wrong = {worker: version for worker, version in versions.items() if version != __version__}
    if wrong:
        listed = ", ".join(f"{worker} has {version}" for worker, version in sorted(wrong.items()))
        raise SubpipeError(f"the Dask workers must run subpipe {__version__} like this client: {listed}")


def _worker_version() -> str:
    return __version__


# --- resume ---------------------------------------------------------------------------------------


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
            self.save()

    def save(self) -> None:
        if not self._dirty:
            return
        document = {"format": MANIFEST_FORMAT, "subpipe": __version__, "files": self.entries}
        write_atomic(self.path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        self._dirty = False
        self._saved_at = time.monotonic()


def input_key(data: bytes, profile_digest: str) -> str:
    """The resume key of one input: its bytes and everything else that decides its outputs."""
    return hashlib.sha256(f"{profile_digest}\n{hashlib.sha256(data).hexdigest()}".encode()).hexdigest()


# --- the batch ------------------------------------------------------------------------------------


class Progress:
    """Where a batch tells how it is going; this one says nothing."""

    def start(self, total: int) -> None: ...

    def file_done(self, report: FileReport) -> None: ...

    def close(self) -> None: ...


def run_batch(
    specs: Sequence[str],
    outdir: str | Path,
    profile: Profile | None = None,
    executor: Executor = run_here,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Convert every input named by `specs` into `outdir`; never stops for one bad input.

    Inputs whose outputs are up to date (see `input_key`) are skipped unless `force`. The manifest and
    OUTDIR/batch-report.json are written at the end, and also when the batch is interrupted.
    """
    outdir = Path(outdir)
    profile = profile or Profile()
    progress = progress or Progress()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SubpipeError(f"cannot create the output folder: {error.strerror or error}", outdir) from None
    inputs, problems = collect_inputs(specs, outdir)
    if not inputs and not problems:
        raise SubpipeError("no inputs given")
    manifest = Manifest(outdir)
    digest = profile.digest
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
            yield Job(index, item.shown, data, item.stem)

    interrupted = False
    try:
        for outcome in executor(profile, jobs()):
            item = inputs[outcome.index]
            if isinstance(outcome, Converted):
                try:
                    written = write_rendered(outcome.outputs, outdir / item.folder)
                except SubpipeError as error:
                    outcome = Failed(outcome.index, error.message)
                else:
                    names = tuple(path.relative_to(outdir).as_posix() for path in written)
                    manifest.record(item, keys[outcome.index], names)
                    report = FileReport(
                        item.shown, "converted", names, outcome.cues, outcome.timing, outcome.seconds
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
        report_path = _write_report(outdir, files, started, time.perf_counter() - clock, interrupted, force)
    index_path = write_index(outdir, files)
    return BatchResult(files, report_path, interrupted, index_path)


INDEX_NAME = "index.html"


def write_index(outdir: Path, files: Sequence[FileReport]) -> Path | None:
    """OUTDIR/index.html linking the episode page of every converted or up-to-date input (None when
    no input has a page, as with --no-html). An episode whose own page is index.html keeps it: the
    index is then batch-index.html."""
    from ..outputs.page import render_index

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
    return write_atomic(outdir / name, render_index(pages, title=f"subpipe: {len(pages)} episodes"))


def _write_report(
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


# --- the command ----------------------------------------------------------------------------------


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


def default_jobs() -> int:
    """The cores this process may use (a container's limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def read_glossaries(paths: Iterable[str | Path], shipped: bool = True) -> tuple[tuple[str, bytes], ...]:
    """(path, bytes) of the shipped glossary's files (if `shipped`) and then of `paths`, in merge order."""
    from ..formats.decoding import read_bytes
    from ..glossary import shipped_glossary_paths
    from ..glossary.read import MAX_GLOSSARY_BYTES

    files = (shipped_glossary_paths() if shipped else []) + [Path(path) for path in paths]
    return tuple((str(path), read_bytes(path, MAX_GLOSSARY_BYTES)) for path in files)


def build_glossary_from(files: Sequence[tuple[str, bytes]]):
    """The merged Glossary of glossary files given as (path, bytes), as `load_glossaries` reads them."""
    from ..formats.decoding import decode
    from ..glossary import build_glossary
    from ..glossary.read import glossary_format, parse_glossary_text
    from ..text.segment import is_ordinary_word

    entries = []
    for path, data in files:
        text, _encoding = decode(data, path)
        entries.extend(parse_glossary_text(text, path, glossary_format(path, text)))
    return build_glossary(entries, is_ordinary_word)


def learn_series(specs: Sequence[str], outdir: str | Path, profile: Profile, executor: Executor) -> tuple["SeriesGlossary", Profile]:
    """The first pass of `--learn`: every input's inline names, settled into a series glossary written
    to OUTDIR/series-glossary.csv, and the profile that converts with it.

    The series glossary goes first in the profile's glossaries, so the shipped and the user's glossaries
    still win over it, and the resume key covers it. Inputs that cannot be read are left for the
    conversion pass to report.
    """
    from ..formats.decoding import read_bytes
    from ..names.series import SERIES_GLOSSARY_NAME, defer_to, render_series_csv, resolve

    outdir = Path(outdir)
    inputs, _problems = collect_inputs(specs, outdir)

    def jobs() -> Iterator[Job]:
        for index, item in enumerate(inputs):
            try:
                yield Job(index, item.shown, read_bytes(item.path), item.stem)
            except SubpipeError:
                continue

    found = [s for outcome in executor(profile, jobs()) if isinstance(outcome, Sighted) for s in outcome.sightings]
    series = defer_to(resolve(found, [item.shown for item in inputs]), build_glossary_from(profile.glossaries))
    text = render_series_csv(series)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        path = write_atomic(outdir / SERIES_GLOSSARY_NAME, text)
    except OSError as error:
        raise SubpipeError(f"cannot write the series glossary: {error.strerror or error}", outdir) from None
    learned = Profile(profile.settings, ((str(path), text.encode("utf-8")), *profile.glossaries))
    return series, learned


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
    profile = Profile(settings, read_glossaries(glossaries, shipped=settings.names.shipped_glossary))
    if glossaries:
        # A malformed glossary stops the batch before it starts, as it would every file; conflicts
        # between glossaries are told once here rather than by every worker.
        for conflict in build_glossary_from(profile.glossaries).conflicts:
            if not quiet:
                print(f"subpipe: warning: {conflict.message()}", file=sys.stderr)
    workers = jobs or default_jobs()

    def executor_for(task: Task) -> Executor:
        if dask_address:
            return dask_cluster(dask_address, task)
        return here(task) if workers == 1 else process_pool(workers, task)

    if learn:
        series, profile = learn_series(specs, outdir, profile, executor_for(sight))
        if not quiet:
            for conflict in series.conflicts:
                print(f"subpipe: warning: series glossary: {conflict}", file=sys.stderr)
            print(f"subpipe: learned {len(series.entries)} names across the inputs -> {profile.glossaries[0][0]}")
    progress: Progress = _BarProgress() if not quiet and sys.stderr.isatty() else _LineProgress(quiet)
    if workers == 1 and not dask_address:
        _freeze_when_warm(profile)  # converting in this process, which ends with the batch
    result = run_batch(specs, outdir, profile, executor_for(convert), force, progress)
    if not quiet or result.failed:
        print(f"subpipe: {result.summary}", file=sys.stderr if result.failed else sys.stdout)
    return 2 if result.failed else 0
