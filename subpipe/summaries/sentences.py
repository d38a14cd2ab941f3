"""Sentences that may enter a summary: the transcript cut into sentences, each with its content words.

A line may hold several sentences (cut at 。！？); a transcript with one phrase a line spreads one over
several lines, so consecutive phrases of one speaker are joined.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..model import AnalyzedLine, Mention
from ..settings import SummarySettings
from ..text.keywords import stop_words
from ..text.lexicon import CONTINUATIONS, SCENE_ENDINGS, SENTENCE_OPENERS
from ..text.spans import overlapping

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”」』\"']?")
_PAUSED = re.compile(r"[，,、：:；;。！？!?…—]$")
_EDGE = " \u3000，,、"
_LATIN_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+\-_]*$")
_TEXT_CHARACTERS = re.compile(r"[\w]")
_NOT_TEXT = re.compile(r"\W+")  # what is left without it is the text characters, counted faster than found


class SentencePart(NamedTuple):
    """Words of one source line, `text` being the line's text[start:end]: a SummaryPart once chosen.
    (A named tuple: every sentence of the episode has its spans, and few are chosen; quicker to make
    than the frozen dataclass.)"""

    line: int
    start: int
    end: int
    text: str


class Sentence(NamedTuple):
    """A sentence that may enter a summary: spans of consecutive lines of one speaker, and its words."""

    speaker: str | None
    parts: tuple[SentencePart, ...]
    words: frozenset[str]

    @property
    def chars(self) -> int:
        return sum(len(part.text) for part in self.parts)

    @property
    def text(self) -> str:
        return joined([part.text for part in self.parts])


class _Piece(NamedTuple):
    """A sentence piece of a line, and how the text may be cut before it. (A named tuple: built for
    every piece of every line, and quicker to make than a frozen dataclass.)"""

    item: AnalyzedLine
    start: int
    end: int
    speaker: str | None
    cut: int  # _MUST, _GOOD, _NEUTRAL or _BAD: how good a place the start of this piece is to cut


# Where a sentence may be cut, best first: a full stop or a new speaker; a word that opens a sentence;
# anywhere else; before a word that goes on with the sentence (并且, 还) or after a scene (…的时候).
_MUST, _GOOD, _NEUTRAL, _BAD = 3, 2, 1, 0


def sentences(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: Mapping[int, str | None],
    mentions: Sequence[Mention],
    settings: SummarySettings = SummarySettings(),
) -> list[Sentence]:
    """The transcript cut into sentences. A line may hold several (cut at 。！？); a transcript with one
    phrase a line spreads one over several lines, so consecutive phrases of one speaker are joined:
    cut always at a full stop, a new speaker or a word that opens a sentence (但是, 因为, 在…); a run too
    long for the limits is cut at its last ordinary place, never before 并且 or after …的时候."""
    names_of: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.entity:
            names_of.setdefault(mention.line, []).append(mention)
    for names in names_of.values():
        names.sort(key=lambda mention: mention.start)  # for `_content_words` to find a piece's names by bisection
    pieces = _cut_places(analyzed, speaker_of_line, names_of)
    found: list[Sentence] = []
    run: list[_Piece] = []
    for piece in pieces + [None]:
        if piece is None or (run and piece.cut >= _GOOD):
            for sentence in _within_limits(run, settings):
                candidate = _candidate(sentence, names_of, settings)
                if candidate is not None:
                    found.append(candidate)
            run = []
        if piece is not None:
            run.append(piece)
    return found


def _cut_places(analyzed, speaker_of_line, names_of) -> list[_Piece]:
    pieces: list[_Piece] = []
    closed, scene, owner = True, False, None
    for position, item in enumerate(analyzed):
        speaker = speaker_of_line.get(item.line.number)
        names = names_of.get(item.line.number, ())
        for index, (start, end, final) in enumerate(_pieces(item.analysis)):
            if closed or index > 0 or speaker != owner:
                cut = _MUST
            elif scene:
                cut = _BAD
            else:
                cut = _cut_within(analyzed, position, start, speaker_of_line, names)
            pieces.append(_Piece(item, start, end, speaker, cut))
            closed, owner = final, speaker
            scene = item.analysis.endswith(SCENE_ENDINGS, start, end)
    return pieces


def _cut_within(
    analyzed: Sequence[AnalyzedLine],
    position: int,
    start: int,
    speaker_of_line: Mapping[int, str | None],
    names: Sequence[Mention],
) -> int:
    """How good a place to cut is a line's first piece that may go on with its speaker's open sentence."""
    item = analyzed[position]
    first_word = _first_word(item, start)
    if first_word in CONTINUATIONS:
        return _BAD
    if _introduces(analyzed, position, speaker_of_line, names) or _opens_sentence(first_word, start, names):
        return _GOOD
    return _NEUTRAL


def _introduces(
    analyzed: Sequence[AnalyzedLine],
    position: int,
    speaker_of_line: Mapping[int, str | None],
    names: Sequence[Mention],
) -> bool:
    """团队成员郑亨元解释道 right before his words: it opens what follows, not the host's sentence."""
    if not names or not any(m.kind == "person" for m in names):
        return False
    following = analyzed[position + 1].line.number if position + 1 < len(analyzed) else None
    return speaker_of_line.get(following) != speaker_of_line.get(analyzed[position].line.number)


def _within_limits(run: list[_Piece], settings: SummarySettings) -> list[list[_Piece]]:
    """A run without good cuts, split where needed to keep each sentence within the limits."""
    sentences: list[list[_Piece]] = []
    while run:
        size, chars = 0, 0
        while size < len(run) and (
            size == 0
            or (
                size < settings.sentence_max_lines
                and chars + run[size].end - run[size].start <= settings.sentence_max_chars
            )
        ):
            chars += run[size].end - run[size].start
            size += 1
        if size < len(run):
            # Cut at the last neutral place that fits, rather than before a word that goes on.
            neutral = [i for i in range(1, size + 1) if run[i].cut >= _NEUTRAL]
            size = neutral[-1] if neutral else size
        sentences.append(run[:size])
        run = run[size:]
    return sentences


def _candidate(sentence: list[_Piece], names_of, settings: SummarySettings) -> Sentence | None:
    texts = [p.item.line.text[p.start : p.end] for p in sentence]
    if len(_NOT_TEXT.sub("", "".join(texts))) < settings.min_sentence_chars:
        return None
    words: list[str] = []
    for p in sentence:
        words += _content_words(p.item, p.start, p.end, names_of.get(p.item.line.number, ()))
    if not words:
        return None
    parts = tuple(SentencePart(p.item.line.number, p.start, p.end, text) for p, text in zip(sentence, texts))
    return Sentence(sentence[0].speaker, parts, frozenset(words))


def _first_word(item: AnalyzedLine, start: int) -> str:
    for token in item.tokens:
        if token.start >= start and token.text.strip():
            return token.text
    return ""


def _pieces(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends a sentence) of each sentence piece of a line, without edge spaces and commas."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # Trimming keeps the stop (it is no edge character), so this piece ends a sentence.
        left, right = _trimmed(text, start, match.end())
        pieces.append((left, right, True))
        start = match.end()
    # What follows the last stop holds none (finditer would have found it).
    left, right = _trimmed(text, start, len(text))
    if left < right:
        pieces.append((left, right, False))
    return pieces


def _opens_sentence(first_word: str, start: int, names: Sequence[Mention]) -> bool:
    """A phrase opens a sentence with an opening word or a subject: a pronoun or a name."""
    if first_word in SENTENCE_OPENERS:
        return True
    return any(m.start == start and m.kind == "person" for m in names)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


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


@lru_cache(maxsize=1 << 16)
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


def joined(texts: Sequence[str]) -> str:
    """Phrases of consecutive lines as one sentence: a comma where a line break stood for a pause."""
    joined = ""
    for text in texts:
        if joined and not _PAUSED.search(joined):
            joined += "，"
        joined += text
    return joined
