"""Summaries in the transcript's own words: per speaker, per episode, with keywords and names.

A summary is extractive: its sentences are the most central whole sentences of what was said (the
episode's sentences, `subpipe/text/sentences.py`), ranked by TextRank (a PageRank over sentences, linked
by the content words they share) and shown in their original order. Nothing is rewritten: every
sentence is pieces of its source lines and keeps their numbers; fillers and stutters are left out, the
final mark is restored (。 or ？), and the English name stands beside a Chinese one
(郑亨元（Hyung Won Chung）), kept apart in `annotated`. A sentence the model is unsure of (where it starts
or ends) is taken only when too few sure ones are left; one that leans on the sentence before it (而…,
所以…, 这…) only together with that one. Keywords are jieba's TF-IDF over the episode's own words.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections.abc import Callable, Mapping, Sequence

from ..model import (
    AnalyzedLine,
    Cue,
    Mention,
    Sentence,
    Speaker,
    SpeakerSummary,
    Summaries,
    SummarySentence,
)
from ..settings import SummarySettings
from ..text.sentences import find_sentences
from .english import EnglishNames
from .index import keywords, named_in_episode
from .rank import rarity, textrank
from .sentences import Excerpt, Shown, WordsOf, excerpt_around, may_stand, shown_sentences

_REPEAT = 0.6  # share of a sentence's words another already holds for it to add nothing
# How sure the sentence model must be of an edge of what a summary shows (the probability of a sentence
# end there): an excerpt grows over its neighbours until both its edges are this sure. Tuned on the
# sentence gold (docs/sentences.md).
_SURE = 0.85


def summarize(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    speakers: Sequence[Speaker],
    mentions: Sequence[Mention],
    cues: Sequence[Cue] = (),
    settings: SummarySettings = SummarySettings(),
    part_starts: Sequence[int] = (),
    sentences: Sequence[Sentence] | None = None,
) -> Summaries:
    """Per-speaker and episode summaries, keywords, and the people and organisations named.

    `part_starts` are the first line numbers of the episode's parts (its chapters): the episode summary
    then takes at most one sentence from each part, so it covers the episode rather than its busiest part.
    `sentences` are the episode's sentences (read from the lines when not given).
    """
    # The keywords and the names first: what the sentences' summaries need (a reading of every
    # sentence) is then not alive at the same time as what these need.
    found_keywords = keywords(analyzed, mentions, settings.keywords)
    names = named_in_episode(analyzed, mentions, cues, speakers)
    english = EnglishNames(analyzed, mentions)
    if sentences is None:
        sentences = find_sentences(analyzed, mentions)
    shown = shown_sentences(sentences, analyzed, speaker_of_line, mentions)
    # The sentences that may stand in a summary, everyone's and each speaker's, as their places in
    # `shown` (a long episode's rows are columns: made into objects when read, not held as such).
    candidates = array("q")
    by_speaker: dict[str, array] = {}
    for position, row in enumerate(shown):
        if may_stand(row, settings):
            candidates.append(position)
            if row.speaker is not None:
                by_speaker.setdefault(row.speaker, array("q")).append(position)
    weight = rarity(WordsOf(shown, candidates))

    def summary(own: Sequence[int], most: int, speaker: str | None, part_of=None) -> tuple[SummarySentence, ...]:
        # A summary grows with the square root of what was said: one sentence for a few, `most` at length.
        count = max(1, min(most, round(math.sqrt(len(own)))))
        scores = textrank(WordsOf(shown, own), weight)
        chosen = select(shown, own, scores, count, settings, speaker, part_of)
        named: set[str] = set()  # each name with its English once in a summary, at its first mention
        return tuple(english.sentence(excerpt, _SURE, named) for excerpt in chosen)

    speaker_summaries = []
    for speaker in speakers:
        own = by_speaker.get(speaker.id, ())
        if own:
            speaker_summaries.append(SpeakerSummary(speaker.id, summary(own, settings.speaker_max_sentences, speaker.id)))
    episode = summary(candidates, settings.episode_max_sentences, None, _part_finder(part_starts))
    return Summaries(
        episode=episode,
        speakers=tuple(speaker_summaries),
        keywords=found_keywords,
        names=names,
    )


def _part_finder(part_starts: Sequence[int]):
    starts = sorted(set(part_starts))
    if len(starts) < 2:
        return None
    return lambda line: bisect.bisect_right(starts, line)


def select(
    shown: Sequence[Shown],
    candidates: Sequence[int],
    scores: Sequence[float],
    count: int,
    settings: SummarySettings,
    speaker: str | None = None,
    part_of: Callable[[int], int] | None = None,
) -> list[Excerpt]:
    """The best-ranked sentences as excerpts with sure edges (`excerpt_around`), at most `count` and
    `settings.max_chars` (at least one), in transcript order. `candidates` are places in `shown` (the
    sentences that may stand), `scores` their ranks. An excerpt is skipped when it shares a
    sentence with one already taken, repeats one (most of its words), or comes from a part already used
    (with `part_of`). When no excerpt has sure edges, the best sentence stands alone, so that everyone
    who speaks has a summary."""
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], candidates[i]))
    chosen: list[Excerpt] = []
    taken: set[int] = set()
    length = 0
    for index in order:
        if len(chosen) >= count:
            break
        excerpt = excerpt_around(shown, candidates[index], _SURE, settings, speaker)
        if excerpt is None or taken.intersection(excerpt.indices) or not excerpt.quotes_balance:
            continue
        if chosen and length + excerpt.chars > settings.max_chars:
            continue
        if any(_overlap(excerpt.words, other.words) > _REPEAT for other in chosen):
            continue
        if part_of and any(part_of(excerpt.parts[0].line) == part_of(other.parts[0].line) for other in chosen):
            continue
        chosen.append(excerpt)
        taken.update(excerpt.indices)
        length += excerpt.chars
    if not chosen and order:
        # None has sure edges: of the best-ranked half, the one whose edges are likeliest right stands
        # alone (a whole quotation before a piece of one; one that needs the sentence before it, 此外…,
        # only when every one does).
        def likely_whole(index: int) -> tuple[bool, bool, float, int]:
            candidate = shown[candidates[index]]
            return (
                Excerpt((candidate,)).quotes_balance,
                not candidate.leans_on_previous,
                min(candidate.start_confidence, candidate.end_confidence),
                -order.index(index),
            )

        chosen.append(Excerpt((shown[candidates[max(order[: max(1, len(order) // 2)], key=likely_whole)]],)))
    return sorted(chosen, key=lambda excerpt: excerpt.indices[0])


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0




__all__ = ["summarize"]
