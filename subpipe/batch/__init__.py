"""Batch: many transcripts at once, in parallel processes or on a Dask cluster, resumable."""
