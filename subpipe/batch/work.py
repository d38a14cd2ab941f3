"""What runs in a worker: one job through a converter, and the outcome that comes back.

A job is one input with its index; a task turns a job into an outcome with the worker's converter
(`Converted` with what the caller asked for, or `Failed` with a one-line reason). One input's bug
never stops the others: an unexpected error is a `Failed` with its traceback.

A worker process or Dask worker gets the converter's `Profile` (settings and glossary files: small
and picklable) and builds its own converter from it once (`worker_converter`); in the caller's own
process the converter itself is used.
"""

from __future__ import annotations

import gc
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import SubpipeError
from ..model import Transcript
from ..version import __version__

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Episode
    from ..names.series import Sighting
    from ..settings import Settings
    from ..text.segment import Segmenter


class Converter(Protocol):
    """What the work needs of a converter (a `subpipe.Converter`): this layer runs jobs with one and
    never builds one itself, so it does not depend on the class."""

    settings: "Settings"
    glossary: "Glossary"
    segmenter: "Segmenter"

    @property
    def profile(self) -> "Profile": ...

    def convert(self, transcript: Transcript) -> "Episode": ...


class Profile(Protocol):
    """What builds a converter again in another process (`subpipe.converter.Profile`): picklable, and
    hashed by what decides the outputs."""

    def converter(self) -> Converter: ...

    def __hash__(self) -> int: ...


@dataclass(frozen=True)
class Job:
    """One input to convert: `data` (a file's bytes, read by the parent) or `source` (a path, transcript
    text, or a Transcript, as `Converter` reads them). `shown` names it in messages; `stem` names its
    outputs (None: its own name)."""

    index: int
    shown: str
    stem: str | None = None
    data: bytes | None = None
    source: Any = None

    def transcript(self) -> Transcript:
        from .. import formats

        if self.data is not None:
            return formats.parse_bytes(self.data, self.shown)
        return formats.read_source(self.source)


def jobs_of(sources: Iterable[Any]) -> Iterator[Job]:
    """A job per source, as `Converter.pipe` takes them."""
    for index, source in enumerate(sources):
        shown = source.name if isinstance(source, Transcript) else "<text>" if isinstance(source, str) else str(source)
        yield Job(index, shown, source=source)


@dataclass(frozen=True)
class Converted:
    index: int
    value: Any  # what the task made: an Episode, composed outputs, sightings
    seconds: float = 0.0


@dataclass(frozen=True)
class Failed:
    index: int
    reason: str
    line: int | None = None
    detail: str | None = None  # the traceback of an unexpected error (a bug to report), else None
    path: str | None = None  # the file the problem is in, when it is not the input itself (the audio)
    shown: str | None = None  # the input, as its job names it

    def error(self, shown: str | None = None) -> SubpipeError:
        """The failure as the error the command line prints (naming the input as `shown`, if given)."""
        return SubpipeError(self.reason, self.path or shown or self.shown, self.line)


Outcome = Converted | Failed
# A task runs in a worker: the converter and a job in, an outcome out (module-level, so picklable).
Task = Callable[[Converter, Job], Outcome]


@dataclass(frozen=True)
class ComposedOutputs:
    """A batch's converted input: every output composed by the worker, to be written by the parent."""

    outputs: dict[str, str]  # file name -> text
    cues: int
    timing: str


def _guarded(make: Callable[[Converter, Job], Any], converter: Converter, job: Job) -> Outcome:
    """`make`'s value for one job, or the failure it raised, timed."""
    started = time.perf_counter()
    try:
        value = make(converter, job)
    except SubpipeError as error:
        path = error.path if error.path != job.shown else None
        return Failed(job.index, error.message, error.line, path=path, shown=job.shown)
    except Exception as error:  # one file's bug must not stop the others: report it and go on
        reason = f"internal error, please report it: {type(error).__name__}: {error}"
        return Failed(job.index, reason, detail=traceback.format_exc(), shown=job.shown)
    return Converted(job.index, value, time.perf_counter() - started)


# The tasks, at module level so that process pools and Dask can send them by name.


def episode_task(converter: Converter, job: Job) -> Outcome:
    """The Episode of one input."""
    return _guarded(lambda converter, job: converter.convert(job.transcript()), converter, job)


def compose_task(converter: Converter, job: Job) -> Outcome:
    """Every output of one input, composed (a batch: the parent writes them)."""
    return _guarded(_composed, converter, job)


def sightings_task(converter: Converter, job: Job) -> Outcome:
    """The inline names of one input (read and segmented only: the cheap part of a conversion)."""
    return _guarded(_sightings, converter, job)


def _composed(converter: Converter, job: Job) -> ComposedOutputs:
    from ..outputs import compose_outputs

    episode = converter.convert(job.transcript())
    outputs = compose_outputs(episode, job.stem, converter.settings.outputs)
    return ComposedOutputs(outputs, len(episode.cues), episode.timing.value)


def _sightings(converter: Converter, job: Job) -> "tuple[Sighting, ...]":
    from ..names.series import sightings

    return sightings(job.shown, job.transcript(), converter.glossary, converter.segmenter)


# --- converters in workers --------------------------------------------------------------------------


# Each converter holds a copy of jieba's dictionary (tens of MB): keep only the latest few. Keyed on
# the profile's key, so batches with different settings or glossaries in one process (a Dask worker
# serves many clients) never share a converter.
@lru_cache(maxsize=2)
def worker_converter(profile: Profile) -> Converter:
    converter = profile.converter()
    converter.segmenter  # built now (a worker's converter converts): a glossary that does not parse fails here
    return converter


def worker_task(task: Task, profile: Profile, job: Job) -> Outcome:
    """What a worker process or Dask worker runs for each job: `task` with this worker's converter."""
    try:
        converter = worker_converter(profile)
    except SubpipeError as error:  # a glossary that does not parse: every file reports it
        return Failed(job.index, f"cannot use the glossary {error}")
    outcome = task(converter, job)
    job_done()
    return outcome


class _Freeze:
    # Set in a process that exists for the batch alone, until its first file is done: how this process
    # is used, not run data (no result depends on it).
    pending = False


_freeze = _Freeze()


def freeze_after_first_file() -> None:
    """This process exists for the batch alone (a pool worker; the command line with --jobs 1): after
    its first file, hide what it keeps for its whole life from the garbage collector
    (see `freeze_long_lived_objects`). Never for a process that serves others too (a Dask worker, a
    program using the API)."""
    _freeze.pending = True


def job_done() -> None:
    """Called after each job an executor runs in this process."""
    if _freeze.pending:
        _freeze.pending = False
        freeze_long_lived_objects()


def freeze_long_lived_objects() -> None:
    """Hide what a batch process keeps for its whole life from the garbage collector.

    After the first file the process holds everything it loads once: jieba's dictionary, the glossary,
    spaCy's vocabulary and matcher, the word tables. That is about 300 000 objects that never become
    garbage, yet every full collection (which the allocations of converting a file trigger) walks them
    all: about 15 ms per file on average, measured. `gc.freeze` moves every object of the process out
    of the collector's sight, for good: right for a process that only converts (collecting first keeps
    the first file's garbage out of the frozen set), wrong for one that runs other work besides."""
    gc.collect()
    gc.freeze()


def start_worker(profile: Profile, parent: int) -> None:
    """Process-pool initializer: ready the worker before its first file.

    Ctrl-C reaches every process of the terminal's group: the parent alone handles it (it stops the
    pool and writes the report), so workers ignore it rather than print tracebacks. A worker whose
    parent was killed outright (SIGKILL, a CI time-out) would wait forever for work: it exits instead.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    freeze_after_first_file()
    # Building the converter here readies it; an initializer that raises would break the pool, so a
    # glossary that does not parse is left for `worker_task` to report per file.
    try:
        worker_converter(profile)
    except SubpipeError:
        pass


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # exists, owned by someone else: cannot be ours, but do not guess


def worker_version() -> str:
    return __version__
