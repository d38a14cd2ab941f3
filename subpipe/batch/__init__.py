"""Batch: many transcripts at once, in parallel processes or on a Dask cluster, resumable.

`inputs` finds them and names their outputs; `work` is what runs in a worker; `executors` run the
work here, in a process pool or on Dask; `manifest` remembers what is up to date; `report` writes
OUTDIR/batch-report.json and the index page; `run` is the batch itself (and `--learn`'s first pass).
"""

from .run import Progress, learn_series, run_batch

__all__ = ["Progress", "learn_series", "run_batch"]
