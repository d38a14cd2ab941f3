from pathlib import Path

import pytest

SHARED_TRANSCRIPT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "o1-team-interview.txt"


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    assert SHARED_TRANSCRIPT.is_file(), f"the shared transcript is expected at {SHARED_TRANSCRIPT}"
    return SHARED_TRANSCRIPT


@pytest.fixture(scope="session")
def segmenter():
    from subpipe.segment import Segmenter

    return Segmenter()
