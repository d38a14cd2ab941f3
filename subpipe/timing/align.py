"""Align transcript pieces (lines or cues) to the speech found in the audio, all at once.

The speech is a row of runs separated by pauses. Every piece of text has an expected speaking time
(its syllables at the episode's own rate, measured as all the text over all the speech). A dynamic
programme chooses where each piece starts and ends among the candidate boundaries — the pauses,
and the quiet dips between syllables inside a run — so that

- each piece's speech (pauses inside it not counted) is close to its expected time,
- pieces end at pauses rather than inside speech, at long pauses rather than short ones, and a
  transcript line's end inside speech costs more than a cue's end inside its line.

Because pauses inside a piece do not count as its speech and the choice is made for the whole
episode at once, a long pause inside a line (at a comma) is simply a pause inside that piece: it
cannot push every later line out of place. A piece may cover several runs, and several pieces may
share a run (cut at a dip).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .audio import Speech

if TYPE_CHECKING:
    import numpy as np

# How far a piece's speech may stray from its expected time before it costs a unit: a share of the
# expected time plus a constant (short pieces vary more, relatively, than long ones).
_DURATION_SHARE = 0.25
_DURATION_SLACK_MS = 250.0
_PAUSE_BONUS = 2.0  # for a boundary at a pause of _FULL_PAUSE_MS or longer
_FULL_PAUSE_MS = 300.0
_SHORTEST_PAUSE_MS = 60.0  # a pause this short is no more than a dip: a stop consonant's closure
_DIP_COST_IN_LINE = 0.5  # a cue boundary between syllables inside a line: often how it is spoken
_DIP_COST_AT_LINE_END = 1.5  # a line boundary without a pause: possible, but speakers usually pause
_SKIP_COST_PER_S = 1.0  # speech before the first piece or after the last (an intro, an outro)
_MIN_PIECE_MS = 80
# How far (speech time) a piece's end may stray from where the text before it puts it.
_BAND_MIN_MS = 120_000.0
_BAND_SHARE = 0.15
# Outside these rates (syllables a second of speech) the pieces cannot be the speech heard.
PLAUSIBLE_RATE = (1.5, 9.0)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)


@dataclass(frozen=True)
class AlignedSpan:
    """Where one piece is spoken, and how sure the alignment is of it (0..1)."""

    start_ms: int
    end_ms: int
    confidence: float


@dataclass(frozen=True)
class AudioAlignment:
    spans: tuple[AlignedSpan, ...]
    syllables_per_second: float  # the speaking rate the expected times were set from
    skipped_ms: int  # speech before the first piece and after the last


def spoken_syllables(text: str) -> float:
    """About how many syllables saying `text` takes: a Chinese character is one, a Latin word its
    vowel groups (a capitalised acronym its letters), a digit one; punctuation and spaces nothing."""
    count = float(len(_CJK.findall(text)))
    for word in _LATIN_WORD.findall(text):
        if word.isupper() and len(word) <= 5:
            count += len(word)  # AI, GPT: said letter by letter
        else:
            count += max(1, len(_VOWELS.findall(word)))
    count += sum(1 for c in text if c.isdigit())
    return count


@dataclass(frozen=True)
class _Candidates:
    """Places a piece may begin or end: `left` is where the piece before ends, `right` where the next
    begins (they differ at a pause), `speech` the speech time before the place, `cost` the price of
    a boundary there for a cue inside a line and for a line's end."""

    left: "np.ndarray"
    right: "np.ndarray"
    speech: "np.ndarray"
    cost_in_line: "np.ndarray"
    cost_line_end: "np.ndarray"
    strength: "np.ndarray"  # 0..1: how clearly a boundary here is a boundary
    inside_speech: "np.ndarray"  # a dip: a piece may end here only if the next begins here


def _candidates(speech: Speech) -> _Candidates:
    import numpy as np

    places: list[tuple[int, int, float, float, float, float, bool]] = []
    spoken = 0.0
    runs = speech.runs
    dips = iter(sorted(speech.dips))
    dip = next(dips, None)
    for index, run in enumerate(runs):
        if index == 0:
            places.append((run.start_ms, run.start_ms, 0.0, 0.0, 0.0, 1.0, False))
        while dip is not None and dip < run.start_ms:
            dip = next(dips, None)
        while dip is not None and dip < run.end_ms:
            at = spoken + dip - run.start_ms
            places.append((dip, dip, at, _DIP_COST_IN_LINE, _DIP_COST_AT_LINE_END, 0.3, True))
            dip = next(dips, None)
        spoken += run.duration_ms
        if index + 1 < len(runs):
            gap = runs[index + 1].start_ms - run.end_ms
            # From a dip's cost for the shortest pause (a closure is no more a boundary than a dip)
            # to the full bonus for a clear pause.
            clarity = min(1.0, max(0.0, gap - _SHORTEST_PAUSE_MS) / (_FULL_PAUSE_MS - _SHORTEST_PAUSE_MS))
            in_line = _DIP_COST_IN_LINE - clarity * (_DIP_COST_IN_LINE + _PAUSE_BONUS)
            line_end = _DIP_COST_AT_LINE_END - clarity * (_DIP_COST_AT_LINE_END + _PAUSE_BONUS)
            strength = 0.3 + 0.7 * clarity
            places.append((run.end_ms, runs[index + 1].start_ms, spoken, in_line, line_end, strength, False))
        else:
            places.append((run.end_ms, run.end_ms, spoken, 0.0, 0.0, 1.0, False))
    columns = list(zip(*places))
    return _Candidates(
        left=np.array(columns[0], dtype=np.int64),
        right=np.array(columns[1], dtype=np.int64),
        speech=np.array(columns[2], dtype=np.float64),
        cost_in_line=np.array(columns[3]),
        cost_line_end=np.array(columns[4]),
        strength=np.array(columns[5]),
        inside_speech=np.array(columns[6], dtype=bool),
    )


def align_to_speech(
    syllables: Sequence[float],
    speech: Speech,
    line_ends: Sequence[bool] | None = None,
) -> AudioAlignment:
    """Spans for pieces with these syllable counts, in order. `line_ends[i]` says piece i ends a
    transcript line (all True when aligning whole lines). Raises ValueError if there is no speech
    or there are no pieces."""
    import numpy as np

    if not speech.runs or not syllables:
        raise ValueError("nothing to align")
    line_ends = list(line_ends) if line_ends is not None else [True] * len(syllables)
    weights = np.maximum(np.asarray(syllables, dtype=np.float64), 0.5)  # a piece takes some time
    places = _candidates(speech)
    total_speech = float(places.speech[-1])

    rate = weights.sum() / total_speech  # syllables per ms of speech
    path, skipped = _best_path(weights, line_ends, places, rate)
    if skipped > 0:
        # Speech left out at the ends (an intro, an outro) must not slow the rate the pieces are
        # measured by: measure again on the speech the pieces cover, and align once more.
        covered = float(places.speech[path[-1]] - places.speech[path[0]])
        if covered > 0:
            rate = weights.sum() / covered
            path, skipped = _best_path(weights, line_ends, places, rate, float(places.speech[path[0]]))

    spans = []
    for index, (start, end) in enumerate(zip(path, path[1:])):
        expected = weights[index] / rate
        spoken = float(places.speech[end] - places.speech[start])
        spans.append(
            AlignedSpan(
                int(places.right[start]),
                int(places.left[end]),
                _confidence(spoken, expected, places.strength[start], places.strength[end]),
            )
        )
    return AudioAlignment(tuple(spans), rate * 1000, int(skipped))


def _confidence(spoken: float, expected: float, start_strength: float, end_strength: float) -> float:
    """1 when the piece takes its expected time between two clear pauses; less as either fails."""
    deviation = (spoken - expected) / (_DURATION_SHARE * expected + _DURATION_SLACK_MS)
    fit = math.exp(-0.5 * (deviation / 2) ** 2)
    return round(fit * math.sqrt(start_strength * end_strength), 3)


def _best_path(
    weights, line_ends, places: _Candidates, rate: float, origin: float = 0.0
) -> tuple[list[int], float]:
    """The cheapest boundaries: a list of len(weights)+1 candidate indices, and the speech skipped.
    `origin` is the speech time where the first piece is expected to start."""
    import numpy as np

    def boundary_cost(index: int):
        return places.cost_line_end if line_ends[index] else places.cost_in_line

    count, size = len(weights), len(places.speech)
    speech = places.speech
    total = float(speech[-1])
    expected = weights / rate
    inf = float("inf")
    # Starting later than the first run skips speech; each candidate's cost to start there.
    best = _SKIP_COST_PER_S * speech / 1000.0
    best[places.inside_speech] = inf  # a piece does not start at a dip: that needs a piece before it
    best[0] = 0.0
    # A piece ends within a band around where the text before it says it should (its expected
    # speech from `origin`): a long episode then costs time in proportion to its length, not its square.
    band = max(_BAND_MIN_MS, _BAND_SHARE * total)
    reach = origin + np.cumsum(expected)
    choices: list[tuple[int, "np.ndarray"]] = []
    for index in range(count):
        low_ms = max(_MIN_PIECE_MS, expected[index] * 0.25 - _DURATION_SLACK_MS)
        high_ms = expected[index] * 3.0 + 2 * _DURATION_SLACK_MS
        first_end = int(np.searchsorted(speech, reach[index] - band, side="left"))
        last_end = int(np.searchsorted(speech, reach[index] + band, side="right"))
        if index + 1 == count:
            last_end = size  # the last piece may end anywhere (what follows is skipped)
        ends = np.arange(first_end, last_end)
        # For each end q, the starts p whose speech up to q lies within [low, high].
        first_start = np.searchsorted(speech, speech[ends] - high_ms, side="left")
        last_start = np.searchsorted(speech, speech[ends] - low_ms, side="right") - 1
        width = int(max(1, (last_start - first_start + 1).max())) if ends.size else 1
        starts = first_start[:, None] + np.arange(width)[None, :]
        valid = (starts <= last_start[:, None]) & (starts >= 0)
        starts = np.clip(starts, 0, size - 1)
        spoken = speech[ends][:, None] - speech[starts]
        deviation = (spoken - expected[index]) / (_DURATION_SHARE * expected[index] + _DURATION_SLACK_MS)
        cost = best[starts] + deviation**2
        cost[~valid] = inf
        pick = np.argmin(cost, axis=1) if ends.size else np.zeros(0, dtype=np.int64)
        rows = np.arange(ends.size)
        new_best = np.full(size, inf)
        new_best[ends] = cost[rows, pick]
        if index + 1 < count:
            new_best[ends] += boundary_cost(index)[ends]
        else:
            new_best += _SKIP_COST_PER_S * (total - speech) / 1000.0
            new_best[places.inside_speech] = inf  # the last piece does not end inside speech
        choices.append((first_end, starts[rows, pick].astype(np.int32)))
        best = new_best
    end = int(np.argmin(best))
    if not math.isfinite(best[end]):
        raise ValueError("no alignment fits")
    path = [end]
    for index in range(count - 1, -1, -1):
        first_end, picked = choices[index]
        path.append(int(picked[path[-1] - first_end]))
    path.reverse()
    skipped = float(speech[path[0]] + total - speech[path[-1]])
    return path, skipped
