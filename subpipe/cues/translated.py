"""Bilingual cues carrying a translation (`--english`): both languages within their limits.

Each translated line's Chinese is shaped to one-line cues and its English shared among them, cut
between words at the best places (`english.split_english`; the line's English names are never cut), one
or two English lines a cue. A line whose English does not fit its cues gets more, narrower ones, as
many as its time allows. The fit is made before the cues are timed (`fit_translation`): a line timed
from the speaking rate then lasts as long as its cues need for the slower reader (`Fit.reading_ms`),
and the Chinese file shows it for that long too. Within the line's time each cue gets at least what
its English takes to read at `english_chars_per_second` and the shortest cue, the rest going by the
Chinese (`Fit.cues`). A timed line (SRT, VTT) keeps its start and runs on into the pause after it when
its English needs more time. What still breaks a limit (a timed line too short for its English) is
counted in one warning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Cue, EpisodeWarning, Line, TimingMethod
from ..settings import NameSettings, TimingSettings
from ..text.line_table import lines_of
from ..timing.estimate import Span, speaking_ms
from .build import CueMaker, Shaped, line_spans
from .english import split_english

_MAX_RESHAPES = 5
# A bracketed gloss in the Chinese line: （Bob McGrew）, (The bitter lesson).
_GLOSS = re.compile(r"\s?[（(]([^（）()\u3400-\u9fff]*[A-Za-z][^（）()\u3400-\u9fff]*)[）)]")


@dataclass(frozen=True)
class Limits:
    """What a bilingual cue with a translation keeps to: both languages' limits."""

    width: int  # characters of an English line
    lines: int  # English lines a cue
    english_cps: float  # English characters a second
    min_ms: int
    max_ms: int
    gap_ms: int

    @staticmethod
    def of(names: NameSettings, timing: TimingSettings) -> "Limits":
        return Limits(
            names.english_line_width,
            names.english_max_lines,
            names.english_chars_per_second,
            timing.min_duration_ms,
            timing.max_duration_ms,
            timing.min_gap_ms,
        )

    def reading_ms(self, share: Sequence[str]) -> int:
        """How long a cue with these English lines must stay up: their characters at the English rate,
        and never less than the shortest cue."""
        return max(self.min_ms, math.ceil(sum(map(len, share)) / self.english_cps * 1000))


@dataclass(frozen=True)
class Fit:
    """Each translated line's one-line Chinese chunks (`shaped`, in the maker's line order) and the
    English lines of each chunk (`shares`: line number -> one list of lines per chunk)."""

    shaped: Shaped
    shares: Mapping[int, list[list[str]]]
    english: Mapping[int, str]
    limits: Limits

    def reading_ms(self) -> dict[int, int]:
        """The time each translated line needs: its cues' reading times and the gaps between them."""
        return {
            number: sum(self.limits.reading_ms(share) for share in shares) + self.limits.gap_ms * (len(shares) - 1)
            for number, shares in self.shares.items()
        }

    def cues(
        self, maker: CueMaker, chinese: tuple[Sequence[Cue], TimingMethod] | None
    ) -> tuple[tuple[Cue, ...], list[EpisodeWarning]]:
        """The bilingual cues, each line within its time in the Chinese file (`chinese`; None when the
        maker times from audio), and a warning counting the cues that still break a limit."""
        if chinese is None:
            weights = {n: [self._as_width(share, maker) for share in shares] for n, shares in self.shares.items()}
            timed, _ = maker.timed(self.shaped, None, weights)
        else:
            timed = self._timed(maker, line_spans(chinese[0]))
        result = []
        position: dict[int, int] = {}
        for cue in timed:
            number = cue.source_lines[0]
            index = position.get(number, 0)
            position[number] = index + 1
            shares = self.shares.get(number, [])
            english = shares[index] if index < len(shares) else []
            chinese_lines = tuple(_without_gloss(line, english) for line in cue.text_lines)
            result.append(replace(cue, text_lines=(*chinese_lines, *english)))
        return tuple(result), self._limit_warnings(result)

    def _as_width(self, share: Sequence[str], maker: CueMaker) -> float:
        """English characters as the Chinese width that takes as long to say (weights for audio timing)."""
        return sum(map(len, share)) / self.limits.english_cps * maker.timing.chars_per_second

    def _timed(self, maker: CueMaker, spans: Mapping[int, Span]) -> list[Cue]:
        lines = lines_of(maker.analyzed)
        latest = _latest_ends(lines, spans, self.limits.gap_ms)
        cues: list[Cue] = []
        for line, chunks in zip(lines, self.shaped):
            if not chunks or line.number not in spans:
                continue
            shares = self.shares.get(line.number) or [[] for _ in chunks]
            needs = [self.limits.reading_ms(share) for share in shares]
            span = _run_on(spans[line.number], needs, latest[line.number], self.limits)
            chinese = [speaking_ms(chunk.width, maker.timing) for chunk in chunks]
            for chunk, cue_span in zip(chunks, _share_time(span, needs, chinese, self.limits)):
                cues.append(maker.cue(len(cues) + 1, cue_span, line, chunk))
        return cues

    def _limit_warnings(self, cues: Sequence[Cue]) -> list[EpisodeWarning]:
        limits = self.limits
        short, long, wide, fast = [], [], [], []
        for cue in cues:
            number = cue.source_lines[0]
            if number not in self.shares:
                continue
            duration = cue.end_ms - cue.start_ms
            english = _english_lines(cue)
            if duration < limits.min_ms:
                short.append(number)
            if duration > limits.max_ms:
                long.append(number)
            if any(len(line) > limits.width for line in english) or len(english) > limits.lines:
                wide.append(number)
            if english and sum(map(len, english)) * 1000 > limits.english_cps * duration + 1e-6:
                fast.append(number)
        broken = [
            (found, what)
            for found, what in (
                (short, f"shorter than {limits.min_ms} ms"),
                (long, f"longer than {limits.max_ms} ms"),
                (wide, f"with English over {limits.lines} lines of {limits.width} characters"),
                (fast, f"with English faster than {limits.english_cps:g} characters a second"),
            )
            if found
        ]
        if not broken:
            return []
        lines = sorted({number for found, _ in broken for number in found})
        parts = ", ".join(f"{len(found)} {what}" for found, what in broken)
        shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
        return [
            EpisodeWarning(
                f"bilingual cues that break a limit: {parts} (lines {shown}): their lines have too little time "
                "for their English",
                lines[0],
            )
        ]


def fit_translation(
    english: Mapping[int, str], maker: CueMaker, limits: Limits, names: Mapping[int, Sequence[str]]
) -> Fit:
    """Chinese chunks and English shares for every line: more, narrower cues where the English needs
    them and the line's own time (if the input gives one) allows. A Chinese line that cannot be cut
    any more (one word, a name and its gloss) is shown again with the rest of its English. Every
    English word is kept: a line whose English will not fit as many cues as its time holds gets
    longer English lines (a warning counts them)."""
    caps: dict[int, float] = {}
    one_line = maker.one_line()
    lines = lines_of(maker.analyzed)
    counts: dict[int, int] = {}
    for attempt in range(_MAX_RESHAPES + 1):
        shaped = maker.shaped(one_line, caps)
        shares: dict[int, list[list[str]]] = {}
        changed = False
        for index, (line, chunks) in enumerate(zip(lines, shaped)):
            text = english.get(line.number)
            if not chunks or not text:
                continue
            line_names = names.get(line.number, ())
            split = split_english(text, [chunk.width for chunk in chunks], limits.width, limits.lines, line_names)
            most = _most_cues(line, limits)
            narrower = len(chunks) > counts.get(line.number, 0) and attempt < _MAX_RESHAPES
            counts[line.number] = len(chunks)
            if split is None and len(chunks) < most and narrower:
                needed = max(len(chunks) + 1, math.ceil(len(text) / (limits.width * limits.lines)))
                caps[line.number] = sum(chunk.width for chunk in chunks) / min(needed, most)
                changed = True
                continue
            if split is None:
                chunks, split = _repeated(chunks, text, limits, line_names, most)
                shaped[index] = chunks
            shares[line.number] = split
        if not changed:
            break
    return Fit(shaped, shares, english, limits)


def _repeated(chunks: list, text: str, limits: Limits, names: Sequence[str], most: int):
    """Chunks the Chinese cannot be cut into any more, the widest shown again as often as its English
    needs (as the line's time allows), and the English shared among them; longer English lines when
    even that will not do."""
    widest = max(range(len(chunks)), key=lambda i: chunks[i].width)
    fits = all(len(word) <= limits.width for word in text.split())  # a longer word (a URL) fits no cue
    for times in range(2, max(2, most - len(chunks) + 2) if fits else 2):
        repeated = chunks[:widest] + [chunks[widest]] * times + chunks[widest + 1 :]
        split = split_english(text, [chunk.width for chunk in repeated], limits.width, limits.lines, names)
        if split is not None:
            return repeated, split
        if times > len(text):
            break
    return chunks, split_english(text, [chunk.width for chunk in chunks], limits.width, 10**3, names) or [
        [] for _ in chunks
    ]


def _most_cues(line: Line, limits: Limits) -> int:
    """As many cues as a timed line's own time holds at the shortest cue (any number for an untimed one;
    a timed line may run on into the pause after it, so this is a floor, not the last word)."""
    if line.start_ms is None or line.end_ms is None:
        return 10**6
    room = line.end_ms - line.start_ms
    return max(1, (room + limits.gap_ms) // (limits.min_ms + limits.gap_ms))


def _latest_ends(lines: Sequence[Line], spans: Mapping[int, Span], gap: int) -> dict[int, int]:
    """How far each line may run on: to the gap before the next line starts (the last one, freely)."""
    ordered = [line.number for line in lines if line.number in spans]
    ends = {}
    for number, following in zip(ordered, [*ordered[1:], None]):
        span = spans[number]
        ends[number] = (
            span.end_ms + 10**9 if following is None else max(span.end_ms, spans[following].start_ms - gap)
        )
    return ends


def _run_on(span: Span, needs: Sequence[int], latest_end: int, limits: Limits) -> Span:
    """The line's span, run on into the pause after it when its cues need more time to read."""
    need = sum(needs) + limits.gap_ms * (len(needs) - 1)
    longest = len(needs) * limits.max_ms + limits.gap_ms * (len(needs) - 1)
    end = min(latest_end, span.start_ms + min(need, longest))
    return Span(span.start_ms, max(span.end_ms, end))


def _share_time(span: Span, needs: Sequence[int], chinese: Sequence[int], limits: Limits) -> list[Span]:
    """The line's span shared among its cues: each at least what it `needs`, the rest as the Chinese
    (`chinese`: each cue's speaking time) would share it, none longer than the longest cue. When the
    span is too short for the needs, they are shrunk alike (the limit warning tells)."""
    count = len(needs)
    total = span.end_ms - span.start_ms
    gap = limits.gap_ms if total - limits.gap_ms * (count - 1) >= sum(needs) else 0
    available = total - gap * (count - 1)
    if available <= sum(needs):
        scale = available / max(1, sum(needs))
        lengths = [need * scale for need in needs]
    else:
        lengths = _water_fill(needs, chinese, available, limits.max_ms)
    spans, cursor = [], span.start_ms
    for length in lengths:
        end = cursor + max(1, math.floor(length))
        spans.append(Span(cursor, end))
        cursor = end + gap
    return spans


def _water_fill(needs: Sequence[int], weights: Sequence[int], available: int, most: int) -> list[float]:
    """Lengths max(need, level * weight), capped at `most`, adding up to `available` where the cap
    allows: the level found by bisection."""
    def lengths(level: float) -> list[float]:
        return [min(most, max(need, level * weight)) for need, weight in zip(needs, weights)]

    low, high = 0.0, 1.0
    while sum(lengths(high)) < available and high < 1e6:
        high *= 2
    for _ in range(50):
        middle = (low + high) / 2
        if sum(lengths(middle)) < available:
            low = middle
        else:
            high = middle
    return lengths(high) if sum(lengths(high)) <= available + 1 else lengths(low)


def _english_lines(cue: Cue) -> list[str]:
    return list(cue.text_lines[1:])


def _without_gloss(chinese: str, english_lines: Sequence[str]) -> str:
    """The Chinese line without a bracketed English gloss that the cue's English says already."""
    said = " ".join(english_lines).casefold()
    if not said:
        return chinese

    def drop(match: re.Match[str]) -> str:
        gloss = " ".join(match.group(1).split()).casefold()
        return "" if gloss and re.search(rf"(?<![a-z0-9]){re.escape(gloss)}(?![a-z0-9])", said) else match.group()

    return _GLOSS.sub(drop, chinese).strip() or chinese
