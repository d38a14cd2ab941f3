"""Summaries in the transcript's own words: per speaker, per episode, with keywords and names.

A summary is extractive: its sentences are the most central sentences of what was said, ranked by
TextRank (a PageRank over sentences, linked by the content words they share) and shown in their
original order. Nothing is rewritten, so every sentence is a piece of one source line and keeps its
line number; the only addition is the English name beside a Chinese one (郑亨元（Hyung Won Chung）),
kept apart in `annotated`. Keywords are jieba's TF-IDF over the episode's own words.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence

from ..model import Cue, Mention, Speaker, SpeakerSummary, Summaries
from ..model import AnalyzedLine
from ..settings import SummarySettings
from .english import EnglishNames
from .index import keywords, named_in_episode
from .rank import rarity, textrank
from .sentences import Sentence, sentences

_REPEAT = 0.6  # share of a sentence's words another already holds for it to add nothing


def summarize(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    speakers: Sequence[Speaker],
    mentions: Sequence[Mention],
    cues: Sequence[Cue] = (),
    settings: SummarySettings = SummarySettings(),
    part_starts: Sequence[int] = (),
) -> Summaries:
    """Per-speaker and episode summaries, keywords, and the people and organisations named.

    `part_starts` are the first line numbers of the episode's parts (its chapters): the episode summary
    then takes at most one sentence from each part, so it covers the episode rather than its busiest part.
    """
    english = EnglishNames(analyzed, mentions)
    candidates = sentences(analyzed, speaker_of_line, mentions, settings)
    weight = rarity([c.words for c in candidates])
    by_speaker: dict[str, list[Sentence]] = {}
    for candidate in candidates:
        if candidate.speaker is not None:
            by_speaker.setdefault(candidate.speaker, []).append(candidate)

    speaker_summaries = []
    for speaker in speakers:
        own = by_speaker.get(speaker.id, [])
        if own:
            chosen = _summary(own, weight, settings.speaker_max_sentences, settings.max_chars)
            speaker_summaries.append(SpeakerSummary(speaker.id, tuple(english.sentence(c) for c in chosen)))
    part_of = _part_finder(part_starts)
    episode = _summary(candidates, weight, settings.episode_max_sentences, settings.max_chars, part_of)
    return Summaries(
        episode=tuple(english.sentence(c) for c in episode),
        speakers=tuple(speaker_summaries),
        keywords=keywords(analyzed, mentions, settings.keywords),
        names=named_in_episode(analyzed, mentions, cues, speakers),
    )


def _summary(candidates, weight, most: int, max_chars: int, part_of=None) -> list[Sentence]:
    # A summary grows with the square root of what was said: one sentence for a few, `most` at length.
    count = max(1, min(most, round(math.sqrt(len(candidates)))))
    return select(candidates, textrank([c.words for c in candidates], weight), count, max_chars, part_of)


def _part_finder(part_starts: Sequence[int]):
    starts = sorted(set(part_starts))
    if len(starts) < 2:
        return None
    return lambda line: bisect.bisect_right(starts, line)


def select(
    candidates: Sequence[Sentence],
    scores: Sequence[float],
    count: int,
    max_chars: int,
    part_of: Callable[[int], int] | None = None,
) -> list[Sentence]:
    """The best-ranked sentences, at most `count` and `max_chars` (at least one), skipping any that repeat
    one already taken (or, with `part_of`, come from a part already used); in transcript order."""
    def position(candidate: Sentence) -> tuple[int, int]:
        return candidate.parts[0].line, candidate.parts[0].start

    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], position(candidates[i])))
    chosen: list[Sentence] = []
    length = 0
    for index in order:
        if len(chosen) >= count:
            break
        candidate = candidates[index]
        if chosen and length + candidate.chars > max_chars:
            continue
        if any(_overlap(candidate.words, other.words) > _REPEAT for other in chosen):
            continue
        if part_of and any(part_of(candidate.parts[0].line) == part_of(other.parts[0].line) for other in chosen):
            continue
        chosen.append(candidate)
        length += candidate.chars
    return sorted(chosen, key=position)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0




__all__ = ["summarize"]
