"""Bring already-timed subtitles back onto the speech: one global offset and one drift.

Subtitles made for another cut or another frame rate are late, early, or run ever later (a 25 fps
file on a 23.976 fps video drifts by 4%). The fix is `audio time = drift × input time + offset`,
found as ffsubsync finds it: for each drift on a grid of the frame-rate ratios people actually meet,
the offset that best lays the cues over the detected speech (a cross-correlation at 10 ms steps);
then the offset to the millisecond around the winner, by the cue edges. A cue earns its time over speech and loses its time over
silence, so stretching the cues over the whole file does not pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .audio import Speech

if TYPE_CHECKING:
    import numpy as np

_STEP_MS = 10
_FILM, _PAL, _FILM_EXACT, _NTSC_VIDEO, _VIDEO = 23.976, 25.0, 24.0, 29.97, 30.0
_RATE_PAIRS = ((_PAL, _FILM), (_FILM_EXACT, _FILM), (_PAL, _FILM_EXACT), (_VIDEO, _NTSC_VIDEO))
DRIFTS: tuple[float, ...] = (1.0,) + tuple(r for a, b in _RATE_PAIRS for r in (a / b, b / a))
_FINE_OFFSET_MS = 50  # ± around the best coarse offset, in 1 ms steps
# A fit must gain this share of the cue time in score (speech covered minus silence covered) over
# the times as given, and a drift over no drift, to be taken.
_CLEAR_MARGIN = 0.02
_EDGE_CAP_MS = 200.0  # an edge farther than this from any run edge has no run edge of its own
# A fit that puts less of the cue time over speech than this is no fit: the audio is another one.
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Resync:
    """`audio_ms = drift * input_ms + offset_ms`; `coverage` is the share of cue time over speech
    after the fix, `coverage_before` the same for the times as given."""

    offset_ms: int
    drift: float
    coverage: float
    coverage_before: float

    def apply(self, ms: int) -> int:
        return round(self.drift * ms + self.offset_ms)

    @property
    def trusted(self) -> bool:
        return self.coverage >= MIN_COVERAGE and self.coverage >= self.coverage_before

    def describe(self) -> str:
        frames = _nearest_rate_pair(self.drift)
        drift = f"drift ×{self.drift:.5f}" + (f" (a {frames[0]:g} vs {frames[1]:g} fps mismatch)" if frames else "")
        return (
            f"re-synchronised to the audio: offset {self.offset_ms / 1000:+.3f} s, {drift}; "
            f"{self.coverage:.0%} of cue time over speech (was {self.coverage_before:.0%})"
        )


def find_resync(intervals: Sequence[tuple[int, int]], speech: Speech) -> Resync:
    """The offset and drift that best lay these (start_ms, end_ms) intervals over the speech."""
    import numpy as np

    cues = np.array([(a, b) for a, b in intervals if b > a], dtype=np.float64)
    runs = np.array([(r.start_ms, r.end_ms) for r in speech.runs], dtype=np.float64)
    if cues.size == 0 or runs.size == 0:
        return Resync(0, 1.0, 0.0, 0.0)
    activity = _activity(runs, speech.duration_ms)

    # Each grid drift with its best coarse offset, scored exactly. Another drift must beat no drift,
    # and any fix must beat the times as given, by a clear margin: a fit a hair better is chance
    # (subtitles timed by a person lead and linger), and moving good times would only harm them.
    margin = _CLEAR_MARGIN * float((cues[:, 1] - cues[:, 0]).sum())
    fits = []
    for drift in DRIFTS:
        _, offset = _best_offset(cues * drift, activity)
        fits.append((float(_score(cues * drift + offset, runs)), drift, offset))
    unchanged = float(_score(cues, runs))
    no_drift = fits[0]
    score, drift, offset = max(fits)
    if score < no_drift[0] + margin:
        score, drift, offset = no_drift
    if score < unchanged + margin:
        coverage = _coverage(cues, runs)
        return Resync(0, 1.0, coverage, coverage)

    # Then to the millisecond, by the cue edges: each cue start should fall on a run start and each
    # end on a run end. The drift stays on the grid: the drifts people meet are frame-rate ratios.
    offsets = offset + np.arange(-_FINE_OFFSET_MS, _FINE_OFFSET_MS + 1, dtype=np.float64)
    scaled = cues * drift
    costs = _edge_cost(scaled[None, :, 0] + offsets[:, None], runs[:, 0]) + _edge_cost(
        scaled[None, :, 1] + offsets[:, None], runs[:, 1]
    )
    best_drift, best_offset = drift, float(offsets[int(np.argmin(costs))])
    return Resync(
        round(best_offset),
        best_drift,
        _coverage(cues * best_drift + best_offset, runs),
        _coverage(cues, runs),
    )


def _edge_cost(edges: "np.ndarray", run_edges: "np.ndarray") -> "np.ndarray":
    """For each row of cue edges, the summed distance (capped) from each to the nearest run edge."""
    import numpy as np

    after = np.clip(np.searchsorted(run_edges, edges), 0, len(run_edges) - 1)
    before = np.clip(after - 1, 0, len(run_edges) - 1)
    distance = np.minimum(np.abs(edges - run_edges[after]), np.abs(edges - run_edges[before]))
    return np.minimum(distance, _EDGE_CAP_MS).sum(axis=-1)


def _activity(runs: "np.ndarray", duration_ms: int) -> "np.ndarray":
    """+1 for each 10 ms step with speech, -1 for each without."""
    import numpy as np

    steps = duration_ms // _STEP_MS + 1
    activity = -np.ones(steps, dtype=np.float64)
    for start, end in runs:
        activity[int(start // _STEP_MS) : int(end // _STEP_MS) + 1] = 1.0
    return activity


def _best_offset(cues: "np.ndarray", activity: "np.ndarray") -> tuple[float, float]:
    """The best score and offset (ms) for cues already scaled by a drift, by FFT cross-correlation."""
    import numpy as np

    first = cues[:, 0].min()
    shifted = cues - first
    length = int(shifted[:, 1].max() // _STEP_MS) + 1
    signal = np.zeros(length, dtype=np.float64)
    for start, end in shifted:
        signal[int(start // _STEP_MS) : int(end // _STEP_MS) + 1] = 1.0
    size = 1 << int(np.ceil(np.log2(len(activity) + length)))
    correlation = np.fft.irfft(np.fft.rfft(activity, size) * np.conj(np.fft.rfft(signal, size)), size)
    # correlation[k] scores the cues starting k steps into the audio (negative k wraps around).
    lags = np.arange(size)
    lags[lags > len(activity)] -= size
    best = int(np.argmax(correlation))
    return float(correlation[best]), float(lags[best] * _STEP_MS - first)


def _speech_before(times: "np.ndarray", runs: "np.ndarray") -> "np.ndarray":
    """Speech time (ms) from the start of the audio up to each time; runs are sorted and disjoint."""
    import numpy as np

    lengths = runs[:, 1] - runs[:, 0]
    before = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])
    index = np.searchsorted(runs[:, 0], times, side="right") - 1
    safe = np.clip(index, 0, len(runs) - 1)
    within = np.clip(times - runs[safe, 0], 0, lengths[safe])
    return np.where(index >= 0, before[safe] + within, 0.0)


def _overlap(cues: "np.ndarray", runs: "np.ndarray") -> "np.ndarray":
    """Speech time inside the cues; `cues` may hold several candidate fits in its leading axes."""
    return (_speech_before(cues[..., 1], runs) - _speech_before(cues[..., 0], runs)).sum(axis=-1)


def _score(cues: "np.ndarray", runs: "np.ndarray") -> "np.ndarray":
    return 2 * _overlap(cues, runs) - (cues[..., 1] - cues[..., 0]).sum(axis=-1)


def _coverage(cues: "np.ndarray", runs: "np.ndarray") -> float:
    total = float((cues[:, 1] - cues[:, 0]).sum())
    return round(float(_overlap(cues, runs)) / total, 3) if total > 0 else 0.0


def _nearest_rate_pair(drift: float) -> tuple[float, float] | None:
    for a, b in _RATE_PAIRS:
        for first, second in ((a, b), (b, a)):
            if abs(drift - first / second) < 2e-4:
                return first, second
    return None
