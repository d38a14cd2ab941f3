import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Scoring against hand-made gold lives with the benchmarks (benchmarks/scoring.py); tests use it too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

SHARED_TRANSCRIPT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "o1-team-interview.txt"


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    assert SHARED_TRANSCRIPT.is_file(), f"the shared transcript is expected at {SHARED_TRANSCRIPT}"
    return SHARED_TRANSCRIPT


@pytest.fixture(scope="session")
def segmenter():
    from subpipe.text.segment import Segmenter

    return Segmenter()


@pytest.fixture(autouse=True)
def _nothing_stays_frozen():
    """`subpipe batch --jobs 1` run in-process freezes the test process's objects, as it would its own
    (batch.work.freeze_after_first_file): give them back to the collector after each test."""
    yield
    gc.unfreeze()


@pytest.fixture
def outputs_under_hash_seeds():
    """What a Python script prints (given `stdin`), run once under each of eight string hash seeds: a set
    of one output when nothing it prints follows the order the seed gives sets of strings."""

    def run(script: str, stdin: str = "") -> set[str]:
        return {
            subprocess.run(
                [sys.executable, "-c", script],
                input=stdin,
                env={**os.environ, "PYTHONHASHSEED": str(seed)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for seed in range(1, 9)
        }

    return run
