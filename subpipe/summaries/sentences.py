"""The episode's sentences (subpipe/text/sentences.py) as a summary shows them, and excerpts of them.

A summary takes whole sentences only, never a piece of one: a sentence is shown from its first word to its
last, without fillers and stutters (嗯, 那种那种: `fillers`), a comma where a line break stood and its
final mark restored (。 or ？). Each shown stretch is exactly `text[start:end]` of its source line.

An excerpt is one sentence, or a few in a row when the sentence model is unsure where the first starts or
the last ends: it grows over the neighbouring sentences until both its edges are sure ones, so that what a
summary shows starts and ends where the transcript's sentences do even when one cut inside it is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..model import AnalyzedLine, Mention, Sentence
from ..settings import SummarySettings
from ..text import token_rows
from ..text.keywords import stop_words
from ..text.line_index import LinesByNumber
from ..text.sentence_evidence import text_length
from ..text.sentences import addresses_audience
from .fillers import kept_spans, says_nothing
from ..text.spans import overlapping

_PAUSED = re.compile(r"[，,、：:；;。！？!?…—]$")
# What a sentence's last stretch may end with that its restored mark replaces.
_TRAILING = "，,、：:；; \u3000"
# Phrases that close a show (以上就是本期节目的全部内容): said to the audience, not summary matter.
_SIGN_OFFS = ("以上就是", "以上是", "本期节目", "本期视频", "本期的视频", "这期视频", "今天的视频")
# A question put to the audience (大家可以猜猜…呢？, 各位觉得…吗？): an invitation, not what the episode says.
_ASKS_THE_AUDIENCE = re.compile(r"^(?:那么?|所以|好|最后)?[，,\s]*(?:大家|各位|你们|小伙伴们|觀眾|观众)[^。！!]*[？?]$")
_LATIN_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+\-_]*$")
_TEXT_CHARACTERS = re.compile(r"[\w]")


class ShownPart(NamedTuple):
    """Words of one source line as shown, `text` being the line's text[start:end]: a SummaryPart once
    chosen. (A named tuple: every sentence of the episode has its parts, and few are chosen.)"""

    line: int
    start: int
    end: int
    text: str


class Shown(NamedTuple):
    """A sentence of the episode as a summary would show it, with its content words. What the summaries
    read of the `Sentence` is copied in (its index, final mark, edge confidences, whether it leans on
    the one before, its number of lines), not the sentence: a long episode's sentences are columns,
    made into objects only when read."""

    index: int  # in `Episode.sentences`
    end_mark: str
    start_confidence: float
    end_confidence: float
    leans_on_previous: bool
    line_count: int  # source lines it spans (one part a line)
    speaker: str | None  # who says it (`_speaker_of`); None when its lines have different speakers
    parts: tuple[ShownPart, ...]
    # Its distinct content words in the order first said: a tuple, not a set (a small frozenset takes
    # 200 to 700 bytes, and every sentence of the episode has one while the summaries are made).
    words: tuple[str, ...]
    wholly_theirs: bool  # every line is the speaker's (none only introduces them)
    to_audience: bool  # a greeting or sign-off (大家好…, 下期再见): no summary's matter
    chars: int  # text characters shown


class WordsOf(Sequence[tuple[str, ...]]):
    """The content words of the shown sentences at `positions`, read from their rows when asked for: a
    long episode's rows are columns (`ShownTable`), and the ranking reads a block of them at a time."""

    def __init__(self, shown: Sequence[Shown], positions: Sequence[int]):
        self._positions = positions
        # A table gives a row's words without making the row.
        self._words_at = getattr(shown, "words_at", None) or (lambda position: shown[position].words)

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._words_at(position) for position in self._positions[index]]
        return self._words_at(self._positions[index])


# Quotation marks that come in pairs (straight quotes open and close alike, so they are not counted).
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》"))


class Excerpt(NamedTuple):
    """Consecutive sentences shown as one item of a summary (most often a single sentence)."""

    members: tuple[Shown, ...]

    @property
    def parts(self) -> tuple[ShownPart, ...]:
        return tuple(part for member in self.members for part in member.parts)

    @property
    def chars(self) -> int:
        return sum(member.chars for member in self.members)

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(member.words for member in self.members))

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(member.index for member in self.members)

    @property
    def quotes_balance(self) -> bool:
        """Whether every quotation the excerpt opens it closes, and the other way round: one that opens
        a quotation it never closes (or closes one it never opened) is a piece of a longer quotation."""
        text = "".join(part.text for part in self.parts)
        return all(text.count(opening) == text.count(closing) for opening, closing in _QUOTE_PAIRS)


def shown_sentences(
    sentences: Sequence[Sentence],
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    mentions: Sequence[Mention],
) -> Sequence[Shown]:
    """Every sentence of the episode as shown, in order (the i-th is sentence i): a list, or a long
    episode's `ShownTable`, filled as they are made (a row it cannot hold leaves them all a list)."""
    from .shown_table import ShownTable  # it reads `Shown`, made here

    by_number = LinesByNumber(analyzed)
    names_of: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.entity:
            names_of.setdefault(mention.line, []).append(mention)
    for names in names_of.values():
        names.sort(key=lambda mention: mention.start)  # for `_content_words`
    shown: list[Shown] | ShownTable = ShownTable(by_number) if len(analyzed) >= token_rows.PACK_LINES else []
    for sentence in sentences:
        parts = _shown_parts(sentence, by_number)
        words: list[str] = []
        for part in parts:
            words += _content_words(by_number[part.line], part.start, part.end, names_of.get(part.line, ()))
        speaker = _speaker_of(sentence, speaker_of_line)
        wholly = all(speaker_of_line.get(line) == speaker for line in sentence.lines)
        text = "".join(part.text for part in parts)
        to_audience = (
            addresses_audience(text)
            or any(phrase in text for phrase in _SIGN_OFFS)
            or _ASKS_THE_AUDIENCE.match(text + sentence.end_mark) is not None
        )
        row = Shown(
            sentence.index,
            sentence.end_mark,
            sentence.start_confidence,
            sentence.end_confidence,
            sentence.leans_on_previous,
            len(sentence.parts),
            speaker,
            parts,
            tuple(dict.fromkeys(words)),
            wholly,
            to_audience,
            text_length(text),
        )
        if isinstance(shown, ShownTable):
            if not shown.add(row):
                shown = [*shown.done(), row]
        else:
            shown.append(row)
    return shown.done() if isinstance(shown, ShownTable) else shown


def _speaker_of(sentence: Sentence, speaker_of_line: Mapping[int, str | None]) -> str | None:
    """Who says the sentence: the speaker of all its lines, or of all but its first when that line only
    introduces them (团队成员郑亨元解释道，所谓的推理模型…: the narrator hands over mid-sentence); None
    when its lines are said by several."""
    speakers = [speaker_of_line.get(line) for line in sentence.lines]
    if len(set(speakers)) == 1:
        return speakers[0]
    if len(speakers) > 1 and len(set(speakers[1:])) == 1:
        return speakers[-1]
    return None


def may_stand(shown: Shown, settings: SummarySettings) -> bool:
    """A sentence long enough to say something, short enough to read in a summary (a longer one is left
    out, never cut), holding a word that carries meaning; not a greeting or sign-off (大家好…, 下期再见)."""
    return (
        bool(shown.words)
        and not shown.to_audience
        and shown.line_count <= settings.sentence_max_lines
        and settings.min_sentence_chars <= shown.chars <= settings.sentence_max_chars
    )


def excerpt_around(
    shown: Sequence[Shown], index: int, sure: float, settings: SummarySettings, speaker: str | None = None
) -> Excerpt | None:
    """Sentence `index` with the neighbours it needs: grown backwards while its start is unsure or it
    leans on the sentence before it (而…, 所以…), forwards while its end is unsure; within `speaker`'s
    sentences when given, and within the length limits (None when they do not allow it)."""
    first = last = index

    def fits(a: int, b: int) -> bool:
        members = shown[a : b + 1]
        return (
            not any(m.to_audience for m in members)
            and sum(m.chars for m in members) <= settings.sentence_max_chars
            and sum(m.line_count for m in members) <= settings.sentence_max_lines
            # Only the first may open with the line that introduces the speaker.
            and (speaker is None or all(m.speaker == speaker and (m is members[0] or m.wholly_theirs) for m in members))
        )

    while shown[first].start_confidence < sure or shown[first].leans_on_previous:
        if first == 0 or not fits(first - 1, last):
            return None
        first -= 1
    while shown[last].end_confidence < sure:
        if last + 1 == len(shown) or not fits(first, last + 1):
            return None
        last += 1
    return Excerpt(tuple(shown[first : last + 1]))


def _shown_parts(sentence: Sentence, by_number: Mapping[int, AnalyzedLine]) -> tuple[ShownPart, ...]:
    parts: list[ShownPart] = []
    for part in sentence.parts:
        item = by_number[part.line]
        for start, end in kept_spans(item, part.start, part.end):
            parts.append(ShownPart(part.line, start, end, item.line.text[start:end]))
    # Commas after the last word go: the restored mark stands there, or the transcript's own stands
    # before them (。，).
    if parts:
        last = parts[-1]
        text = last.text.rstrip(_TRAILING)
        parts[-1] = ShownPart(last.line, last.start, last.start + len(text), text)
        if not text:
            parts.pop()
    # A reply that only acknowledges (对。) shows nothing, though an excerpt may hold it.
    if says_nothing("".join(part.text for part in parts)):
        return ()
    return tuple(parts)


def shown_text(members: Sequence[tuple[Sequence[ShownPart], str]]) -> str:
    """Sentences as shown, each given as (parts, restored final mark): a comma where a line break stood,
    nothing where a filler was left out within a line, each sentence's final mark after it."""
    out = ""
    for parts, mark in members:
        if parts:  # a sentence that shows nothing (对。) leaves no mark either
            out += joined([part.text for part in parts], [part.line for part in parts]) + mark
    return out


def joined(texts: Sequence[str], lines: Sequence[int] | None = None) -> str:
    """Stretches of text as one sentence: a comma where a line break stood for a pause (between stretches
    of different lines); stretches of one line follow each other directly."""
    out = ""
    for index, text in enumerate(texts):
        same_line = lines is not None and index > 0 and lines[index] == lines[index - 1]
        if out and not same_line and not _PAUSED.search(out):
            out += "，"
        out += text
    return out


def _content_words(item: AnalyzedLine, start: int, end: int, names: Sequence[Mention]) -> list[str]:
    """The words that carry meaning: a name counts as its entity, whatever form it is written in.

    `names` are the line's, in order and not overlapping. A line may be a cue of thousands of words, one
    piece with hundreds of names: the piece's names are found by bisection, and its words and names are
    walked side by side rather than each word against every name."""
    names = overlapping(names, start, end) if names else ()
    words = [f"@{m.entity}" for m in names if start <= m.start and m.end <= end]
    following = 0  # the first name that ends after the current word starts
    for token in item.tokens_within(start, end):
        word = _content_form(token.text)
        if word is None:
            continue
        while following < len(names) and names[following].end <= token.start:
            following += 1
        if following < len(names) and names[following].start < token.end:
            continue  # inside a name: counted as its entity
        words.append(word)
    return words


# Bounded small: uncached, the dev corpus's 247,000 words take 0.06 s, and the few thousand an episode
# says most take half of that cached; 65,536 kept held 2.5 MB past the episode (issue 20).
@lru_cache(maxsize=4096)
def _content_form(text: str) -> str | None:
    """A token's text as a content word (lower case, trimmed), or None for a stop word, punctuation or
    a lone Chinese character. Cached: a pure function of the text (the stop words never change), and an
    episode repeats most of its words many times."""
    word = text.strip().lower()
    if not word or word in stop_words() or not _TEXT_CHARACTERS.search(word):
        return None
    if len(word) >= 2 or _LATIN_WORD.match(word):
        return word
    return None
