"""Where a batch's jobs run: in this process, in a pool of processes, or on a Dask cluster.

An executor takes the converter and the jobs (consumed lazily, so a catalogue is never all in memory)
and yields each job's outcome as it finishes, in any order. Worker processes and Dask workers build
their own converter from the converter's profile (`work.worker_converter`).
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator

from ..errors import SubpipeError
from ..version import __version__
from .work import Converter, Failed, Job, Outcome, Profile, Task, job_done, start_worker, worker_task, worker_version


# Tasks queued per worker beyond the one it runs: keeps workers busy without reading every input
# into memory at once (a catalogue can be thousands of files).
_QUEUED_PER_WORKER = 2

# An executor runs a task on every job (consumed lazily) with the converter, or with converters built
# from its profile in other processes, and yields each job's outcome as it finishes, in any order.
Executor = Callable[[Converter, Task, Iterator[Job]], Iterator[Outcome]]


def run_here(converter: Converter, task: Task, jobs: Iterator[Job]) -> Iterator[Outcome]:
    """No worker processes (--jobs 1, where a pool would only add start-up time): the converter itself
    runs `task` on each job."""
    for job in jobs:
        outcome = task(converter, job)
        job_done()
        yield outcome


def process_pool(workers: int, start: Callable[[Profile, int], None] = start_worker) -> Executor:
    """`workers` processes, each building its converter once (`start`, run in each new worker with the
    converter's profile and the parent's pid); tasks and `start` must be importable by name."""

    def run(converter: Converter, task: Task, jobs: Iterator[Job]) -> Iterator[Outcome]:
        return _run_pool(converter.profile, jobs, workers, task, start)

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
                running[pool.submit(worker_task, task, profile, job)] = job
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


def dask_cluster(address: str) -> Executor:
    """The Dask cluster whose scheduler is at `address`; tasks must be importable on its workers."""

    def run(converter: Converter, task: Task, jobs: Iterator[Job]) -> Iterator[Outcome]:
        return _run_dask(converter.profile, jobs, address, task)

    return run


def _run_dask(profile: Profile, jobs: Iterator[Job], address: str, task: Task) -> Iterator[Outcome]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SubpipeError("--dask needs the distributed package: pip install 'dask[distributed]'") from None
    _check_address(address)
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
            future = client.submit(worker_task, task, shared_profile, job, pure=False)
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


def _check_address(address: str) -> None:
    """Refuse an address that names no scheduler before making a Client of it: a Client whose address
    does not parse is left half made, and its clean-up waits 40 s at exit, then prints a traceback."""
    from distributed.comm import get_address_host_port, parse_address

    try:
        scheme, _ = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            get_address_host_port(address)
    except ValueError as error:
        raise SubpipeError(f"{address!r} is no Dask scheduler address (such as tcp://host:8786): {error}") from None


def _check_workers(client, address: str) -> None:
    """Every worker must run this subpipe version: the resume key promises outputs of this version."""
    try:
        versions = client.run(worker_version)
    except Exception as error:  # raised on the worker: typically subpipe not installed there
        message = f"the Dask workers at {address} cannot run subpipe (is it installed on every worker?): {error}"
        raise SubpipeError(message) from None
    if not versions:
        raise SubpipeError(f"the Dask cluster at {address} has no workers")
    wrong = {worker: version for worker, version in versions.items() if version != __version__}
    if wrong:
        listed = ", ".join(f"{worker} has {version}" for worker, version in sorted(wrong.items()))
        raise SubpipeError(f"the Dask workers must run subpipe {__version__} like this client: {listed}")
