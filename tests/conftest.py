import gc
from pathlib import Path

import pytest

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
    (batch._freeze_when_warm): give them back to the collector after each test."""
    yield
    gc.unfreeze()
