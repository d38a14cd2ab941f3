"""The episode's sentences, for transcripts with and without punctuation.

Most transcripts put one caption a line and no final punctuation: a line ends where the caption did, not
where the sentence does. The sentence model reads every place a sentence may end (a final mark, a
semicolon, a comma, a line end) and weighs the evidence there (`sentence_evidence`): the mark; the last
word before and the first word after (a preposition cannot end a sentence, 而 or 并且 goes on with one,
但是 or a date opens a new one, a verb without a subject goes on with the subject before it); whether
the sentence so far has a predicate and how long it is; an open quotation; a paragraph break; a pause in
the timing or the audio. Each kind of evidence has a weight (`sentence_weights`, fitted by logistic
regression on the hand-made sentence-end gold: benchmarks/sentences_fit.py); their sum is the log-odds
that a sentence ends there. Reading left to right, the text is cut where the odds favour an end. A change of
speaker and a line that is not speech always cut.

Each sentence points back at its lines: its parts are (line, start, end) offsets into the source lines.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import zip_longest
from typing import NamedTuple

from ..columns import Columns
from ..model import AnalyzedLine, Cue, Mention, Sentence, SentencePart, Token
from . import token_rows
from .line_table import rows_of
from .lexicon import AUDIENCE_WORDS, SHOW_INTRODUCTIONS
from .sentence_evidence import (
    CLOSING,
    COMMAS,
    CONTINUING,
    ELLIPSES,
    FINAL_MARKS,
    OPENING_CONNECTIVES,
    PAIRED_CLAUSES,
    QUESTION_WORDS,
    QUOTATION_CLOSERS,
    QUOTATION_OPENERS,
    SCENE_ENDINGS,
    SEMICOLONS,
    SUBJECTS,
    SUBORDINATING,
    UNFINISHED,
    is_date,
    is_numbered_item,
    text_length,
    word_class,
    words_in,
)
from .sentence_table import SentenceTable
from .sentence_weights import BIAS, WEIGHTS

_MARKS = FINAL_MARKS + SEMICOLONS + COMMAS + ELLIPSES
_EDGE = " \u3000"
# Lengths of the sentence so far, in text characters, as evidence: a sentence of a few characters rarely
# ends, one of sixty rarely goes on.
_LENGTH_BUCKETS = (6, 12, 20, 30, 45, 65)
# Pauses between lines, from timed input or audio. No timed transcript has gold, so these are set by hand
# (docs/sentences.md): each second of silence beyond the floor adds this much to the log-odds of an end, up
# to a cap, so that a long pause weighs about as much as the strongest word evidence.
_PAUSE_FLOOR_MS = 250  # shorter gaps are how cues are laid out, not pauses
_PAUSE_WEIGHT_PER_SECOND = 2.0
_PAUSE_MOST_SECONDS = 1.5


class _Piece(NamedTuple):
    """A stretch of one line up to a place a sentence may end (its mark included)."""

    position: int  # index of the line in the analysed lines
    start: int
    end: int
    mark: str  # the kind of place it ends at: final, semicolon, comma, ellipsis, or none (a line end)
    quoted: bool  # it ends inside an open quotation


# The pieces and their boundaries are columns: an episode has tens of thousands of pieces, and a named
# tuple each for the piece, its boundary and its reading was more memory than the episode's words while
# the sentences were read.
class _PieceTable(Columns):
    """The episode's pieces; a row is a `_Piece`."""

    def __init__(self) -> None:
        self.position, self.start, self.end = array("l"), array("l"), array("l")
        self.mark: list[str] = []  # one of a few constant strings, so 8 bytes an entry
        self.quoted = bytearray()

    def append(self, piece: _Piece) -> None:
        self.position.append(piece.position)
        self.start.append(piece.start)
        self.end.append(piece.end)
        self.mark.append(piece.mark)
        self.quoted.append(piece.quoted)

    def __len__(self) -> int:
        return len(self.mark)

    def _row(self, index: int) -> _Piece:
        return _Piece(self.position[index], self.start[index], self.end[index], self.mark[index], bool(self.quoted[index]))

    def __iter__(self) -> Iterator[_Piece]:
        return map(_Piece, self.position, self.start, self.end, self.mark, map(bool, self.quoted))


class Boundary(NamedTuple):
    """A place a sentence may end: after piece `before`, with the evidence there. `forced` places always
    cut (a full stop, a new speaker, the end of the transcript); `joined` places never do (a caption broke
    one Latin word there). `following` is the first word after it."""

    before: int
    evidence: tuple[str, ...]
    pause_ms: int | None
    forced: bool
    following: str = ""
    joined: bool = False


class _BoundaryTable(Columns):
    """The boundaries (boundary i comes after piece i); a row is a `Boundary`."""

    def __init__(self) -> None:
        self.evidence: list[tuple[str, ...]] = []
        self.pause_ms: list[int | None] = []
        self.forced, self.joined = bytearray(), bytearray()
        self.following: list[str] = []
        self.shared = _SharedEvidence()  # what makes the evidence tuples, shared across the boundaries

    def append(self, evidence: tuple[str, ...], pause_ms: int | None, forced: bool, following: str = "", joined: bool = False) -> None:
        self.evidence.append(evidence)
        self.pause_ms.append(pause_ms)
        self.forced.append(forced)
        self.following.append(following)
        self.joined.append(joined)

    def __len__(self) -> int:
        return len(self.evidence)

    def _row(self, index: int) -> Boundary:
        return Boundary(
            index, self.evidence[index], self.pause_ms[index], bool(self.forced[index]), self.following[index], bool(self.joined[index])
        )

    def __iter__(self) -> Iterator[Boundary]:
        return map(
            Boundary, range(len(self)), self.evidence, self.pause_ms, map(bool, self.forced), self.following, map(bool, self.joined)
        )


class _SoFar(NamedTuple):
    """The sentence read so far, at a boundary: what the evidence about its length and clauses needs."""

    chars: int
    pieces: int
    predicate: bool
    opening: str  # class of its first word
    first_word: str


def find_sentences(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention] = (),
    pauses: Mapping[int, int] | None = None,
) -> Sequence[Sentence]:
    """The sentences of the analysed lines, in order.

    `mentions` are the names the names stage found (a name opening a line is a subject); `pauses` maps a
    line number to the silence in milliseconds after it (from timed input or audio; None when the times
    are estimated, which says nothing). A speaker label that changes, and a line that is not speech,
    always start a new sentence."""
    return SentenceReading(analyzed, mentions, pauses).found()


# A chapter may start where a sentence may: where the model gives a sentence end at least this chance.
# Lower than the 0.5 that cuts the sentences shown: a chapter start that the model reads as a sentence
# going on is rarer than a missed end (measured on the chapter gold, docs/chapters.md).
MAY_START_CHANCE = 0.15


def may_start_sentence(
    analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention] = (), pauses: Mapping[int, int] | None = None
) -> list[tuple[int, int]]:
    """(line, offset) of every place a sentence may start: the sentence model read with a lower bar."""
    return SentenceReading(analyzed, mentions, pauses).may_start()


class SentenceReading:
    """The pieces of an episode's lines and the evidence at each boundary, decoded into sentences."""

    def __init__(
        self,
        analyzed: Sequence[AnalyzedLine],
        mentions: Sequence[Mention] = (),
        pauses: Mapping[int, int] | None = None,
    ):
        # A long episode's lines are a table, each made when read: a view of it, not a list of them all.
        self.lines = rows_of(analyzed, [position for position, item in enumerate(analyzed) if item.line.speech])
        # A long episode's sentences are held as columns (`SentenceTable`).
        self._long = len(analyzed) >= token_rows.PACK_LINES
        not_speech = frozenset(item.line.number for item in analyzed if not item.line.speech)
        name_starts: dict[int, set[int]] = {}
        for mention in mentions:
            if mention.entity:
                name_starts.setdefault(mention.line, set()).add(mention.start)
        self.pieces = _pieces(self.lines)
        # What each piece's words say, read once as the boundaries are: of it, the decodings need only
        # what `_Readings` keeps.
        self._read = _Readings()
        readings = self._read.keeping(_read_pieces(self.lines, self.pieces, name_starts))
        self.boundaries = _boundaries(self.lines, self.pieces, readings, pauses or {}, not_speech)
        # Each piece's length is known once every reading is made: the boundaries' evidence of what
        # follows them is added last.
        _add_rest(self.boundaries, self._read.chars)

    # --- decoding ---------------------------------------------------------------------------------

    def decode(self, weights: Weights | None = None, threshold: float = 0.5) -> list[tuple[int, float]]:
        """(boundary index, probability of an end) of every place the text is cut (where an end is at
        least `threshold` likely), reading left to right; the last boundary (the transcript's end) is
        always among them."""
        return list(self.cuts(weights, threshold))

    def cuts(self, weights: Weights | None = None, threshold: float = 0.5) -> Iterator[tuple[int, float]]:
        """`decode`'s cuts one at a time, as the reading finds them: the stages that read them once
        never hold them all (a pair of objects a cut, tens of thousands in a long episode)."""
        read, boundaries = self._read, self.boundaries
        # The sentence so far, kept as the reading goes on (what `so_far` gives, piece by piece).
        start, chars, predicate = 0, 0, False
        for index in range(len(boundaries)):  # boundary `index` comes after piece `index`
            chars += read.chars[index]
            predicate = predicate or bool(read.predicate[index])
            if boundaries.forced[index]:
                probability = 1.0
            elif boundaries.joined[index]:
                probability = 0.0
            else:
                so_far = _SoFar(chars, index - start + 1, predicate, read.opening[start], read.first_word[start])
                probability = end_probability(boundaries[index], so_far, weights)
            if probability >= threshold:
                yield index, probability
                start, chars, predicate = index + 1, 0, False

    def so_far(self, first_piece: int, last_piece: int) -> _SoFar:
        """The sentence made of pieces first_piece..last_piece."""
        read, pieces = self._read, slice(first_piece, last_piece + 1)
        chars = sum(read.chars[pieces])
        predicate = any(read.predicate[pieces])
        return _SoFar(chars, last_piece - first_piece + 1, predicate, read.opening[first_piece], read.first_word[first_piece])

    # --- sentences --------------------------------------------------------------------------------

    def found(self) -> Sequence[Sentence]:
        """The sentences, cut where an end is more likely than not (`find_sentences`)."""
        return self.sentences(self.cuts())

    def may_start(self) -> list[tuple[int, int]]:
        """(line, offset) of every place a sentence may start (`may_start_sentence`)."""
        return list(self.may_start_places())

    def may_start_places(self) -> Iterator[tuple[int, int]]:
        """`may_start`'s places one at a time."""
        first_piece = 0
        for index, _ in self.cuts(threshold=MAY_START_CHANCE):
            last_piece = self.boundaries[index].before
            # Where the sentence would start (`sentences`), without making it.
            start = _first_start(self.lines, self.pieces[first_piece : last_piece + 1])
            if start is not None:
                yield start
            first_piece = last_piece + 1

    def sentences(self, cuts: Iterable[tuple[int, float]]) -> Sequence[Sentence]:
        """The sentences the cuts make: a tuple, or a long episode's `SentenceTable`, filled as they are
        made (a sentence it cannot hold leaves them all a tuple)."""
        found: list[Sentence] | SentenceTable = SentenceTable() if self._long else []
        start_piece, start_confidence = 0, 1.0
        for index, probability in cuts:
            last_piece = self.boundaries[index].before
            pieces = self.pieces[start_piece : last_piece + 1]
            parts = _parts(self.lines, pieces)
            if parts:
                item = self.lines[pieces[0].position]
                opening = self._read.opening[start_piece]
                sentence = Sentence(
                    index=len(found),
                    parts=parts,
                    end_mark=end_mark(self.lines, pieces),
                    start_confidence=round(start_confidence, 3),
                    end_confidence=round(probability, 3),
                    leans_on_previous=leans_on_previous(item, pieces[0], opening) and bool(found),
                )
                if isinstance(found, SentenceTable):
                    if not found.add(sentence):
                        found = [*found.done(), sentence]
                else:
                    found.append(sentence)
            start_piece, start_confidence = last_piece + 1, probability
        return found.done() if isinstance(found, SentenceTable) else tuple(found)


class Weights(NamedTuple):
    """The log-odds of an end with no evidence, and what each piece of evidence adds."""

    bias: float
    evidence: Mapping[str, float]


FITTED = Weights(BIAS, WEIGHTS)


def end_probability(boundary: Boundary, so_far: _SoFar, weights: Weights | None = None) -> float:
    """The probability that a sentence ends at `boundary`, given the sentence read so far."""
    weights = weights or FITTED
    score = weights.bias + sum(weights.evidence.get(name, 0.0) for name in evidence_of(boundary, so_far))
    if boundary.pause_ms is not None:
        seconds = min(_PAUSE_MOST_SECONDS, max(0, boundary.pause_ms - _PAUSE_FLOOR_MS) / 1000)
        score += _PAUSE_WEIGHT_PER_SECOND * seconds
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


def evidence_of(boundary: Boundary, so_far: _SoFar) -> tuple[str, ...]:
    """Every piece of evidence at a boundary: what the text says there, and what the sentence so far says."""
    length = _bucket("length", so_far.chars)
    dynamic = [length]
    if not so_far.predicate:
        dynamic.append("no predicate yet")
    if so_far.pieces == 1 and so_far.opening == "subordinating":
        dynamic.append("only a frame so far")
    if so_far.predicate and so_far.opening in ("subject", "name"):
        dynamic.append("a subject and a predicate so far")
    if "comma inside a line" in boundary.evidence:
        dynamic.append(f"comma inside a line, {length}")
    if boundary.following in PAIRED_CLAUSES.get(so_far.first_word, ()):
        dynamic.append("the second half of a paired clause follows")
    return boundary.evidence + tuple(dynamic)


def pauses_after_lines(cues: Sequence[Cue]) -> dict[int, int]:
    """Line number -> the silence in milliseconds between its last cue and the next line's first cue."""
    first_start: dict[int, int] = {}
    last_end: dict[int, int] = {}
    for cue in cues:
        for line in cue.source_lines:
            first_start[line] = min(first_start.get(line, cue.start_ms), cue.start_ms)
            last_end[line] = max(last_end.get(line, cue.end_ms), cue.end_ms)
    lines = sorted(first_start)
    return {a: max(0, first_start[b] - last_end[a]) for a, b in zip(lines, lines[1:])}


# --- pieces and boundaries -----------------------------------------------------------------------------


def _pieces(lines: Sequence[AnalyzedLine]) -> _PieceTable:
    """Each line cut after every mark a sentence may end at (outside quotations), and at its end."""
    pieces = _PieceTable()
    for position, item in enumerate(lines):
        text = item.line.text
        depth, start, index = 0, 0, 0
        while index < len(text):
            char = text[index]
            if char in QUOTATION_OPENERS and not (char in QUOTATION_CLOSERS and depth > 0):
                depth += 1
            elif char in QUOTATION_CLOSERS and depth > 0:
                depth -= 1
            elif char in _MARKS and depth == 0 and not _inside_latin(text, index):
                end = index + 1
                # A run of marks and the closing quotes after them belong to the piece they end.
                while end < len(text) and (text[end] in _MARKS or text[end] in QUOTATION_CLOSERS or text[end] in _EDGE):
                    end += 1
                if text_length(text[end:]) and text_length(text[start:index]):
                    pieces.append(_Piece(position, start, end, _mark_kind(text[index:end]), False))
                    start = end
                index = end
                continue
            index += 1
        if text_length(text[start:]) or not pieces or pieces.position[-1] != position:
            tail = text[start:].rstrip(_EDGE)
            mark = _mark_kind(tail[-1:]) if tail and tail[-1] in _MARKS + QUOTATION_CLOSERS else "none"
            pieces.append(_Piece(position, start, len(text), mark, depth > 0))
    return pieces


def _inside_latin(text: str, index: int) -> bool:
    """An ASCII comma or full stop within Latin text (everything, everywhere; 1,500) is that text's own."""
    if text[index] not in ",.":
        return False
    before = text[:index].rstrip()
    after = text[index + 1 :].lstrip()
    return bool(before) and bool(after) and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum()


# A word wholly in lower case (ai, js, com, all): not iPhone, iOS or macOS, which open sentences.
_LOWER_WORD = re.compile(r"[a-z]+(?![A-Za-z0-9])")


def _broken_latin_word(before: str, after: str) -> bool:
    """Captions cut inside Latin text put the rest on the next line: where a dot was inside a name or an
    address (meta / ai, p5 / js, github / com), or inside an English phrase (everywhere / all at once). A
    line ending in a Latin letter or digit, the next opening with a word wholly in lower case: the two
    lines are one phrase, never a sentence end. (A line opening with iPhone or macOS may start anew.)"""
    before, after = before.rstrip(), after.lstrip()
    return bool(before) and before[-1].isascii() and before[-1].isalnum() and _LOWER_WORD.match(after) is not None


def _mark_kind(marks: str) -> str:
    marks = marks.strip(QUOTATION_CLOSERS + _EDGE)
    if any(m in FINAL_MARKS for m in marks):
        return "final"
    if any(m in SEMICOLONS for m in marks):
        return "semicolon"
    if any(m in ELLIPSES for m in marks):
        return "ellipsis"
    if any(m in COMMAS for m in marks):
        return "comma"
    return "none"


class _PieceReading(NamedTuple):
    """What a piece's words say, read once for every boundary and decoding that needs it."""

    first_word: str  # its first word that holds text ("" for none)
    last_word: str  # its last one
    asks: bool  # it ends on a question particle that asks (`_question`)
    chars: int  # its text's length (text_length)
    predicate: bool  # some word of it is a predicate
    opening: str  # the class of how it opens
    closing: str  # the class of how it closes
    to_audience: bool  # it holds words to the audience
    to_audience_so_far: bool  # its line up to its end does
    numbered: bool  # its line is an item of a numbered list


class _Readings:
    """Of each piece's reading, what the decodings need, as columns (piece i's at index i)."""

    def __init__(self) -> None:
        self.chars = array("l")
        self.predicate = bytearray()
        self.opening: list[str] = []  # one of a few classes
        self.first_word: list[str] = []  # interned token texts

    def keeping(self, readings: Iterable[_PieceReading]) -> Iterator[_PieceReading]:
        """`readings` as they are made, each kept here on its way."""
        for reading in readings:
            self.chars.append(reading.chars)
            self.predicate.append(reading.predicate)
            self.opening.append(reading.opening)
            self.first_word.append(reading.first_word)
            yield reading


def _read_pieces(
    lines: Sequence[AnalyzedLine], pieces: Sequence[_Piece], name_starts: Mapping[int, set[int]]
) -> Iterator[_PieceReading]:
    # Of the line being read: where its first words to the audience end, whether it is a numbered item.
    position, audience_end, numbered = -1, math.inf, False
    for piece in pieces:
        item = lines[piece.position]
        if position != piece.position:
            position, audience_end = piece.position, _audience_end(item.analysis)
            numbered = is_numbered_item(item.analysis.lstrip())
        tokens = words_in(item.tokens, piece.start, piece.end)
        words = tuple(t.text for t in tokens)
        text = item.analysis[piece.start : piece.end]
        # Not its words: what the boundaries and the decodings need is read here.
        yield _PieceReading(
            words[0] if words else "",
            words[-1] if words else "",
            _question(words),
            text_length(text),
            any(_is_predicate(word) for word in words),
            _opening_class(text, tokens, name_starts.get(item.line.number, ())),
            _closing_class(words),
            addresses_audience(text),
            audience_end <= piece.end,
            numbered,
        )


def _boundaries(
    lines: Sequence[AnalyzedLine],
    pieces: Sequence[_Piece],
    read: Iterable[_PieceReading],
    pauses: Mapping[int, int],
    not_speech: frozenset[int] = frozenset(),
) -> _BoundaryTable:
    """The boundary after each piece, with its evidence (but the length of what follows it, which
    `_add_rest` adds). `read` gives each piece's reading in turn."""
    numbers = [item.line.number for item in lines]  # not `lines[1:]`: a long episode's would make every line
    gaps = sum(1 for a, b in zip(numbers, numbers[1:]) if b - a > 1)
    # Blank lines mark paragraphs only where some lines are apart and most are not (a transcript with a
    # blank line after every line has no paragraphs).
    paragraphs = 0 < gaps <= len(lines) // 2
    found = _BoundaryTable()
    shared = found.shared
    speaker = None
    readings = iter(read)
    after_read = next(readings, None)
    next_pieces = iter(pieces)
    next(next_pieces, None)
    for index, (piece, following) in enumerate(zip_longest(pieces, next_pieces)):
        item = lines[piece.position]
        speaker = item.line.label if item.line.label is not None else speaker
        # The readings of this piece and the next (every reading is drawn by the last piece).
        before, after_read = after_read, next(readings, None)
        if following is None:  # the last piece
            found.append((), None, True)
            break
        after = lines[following.position]
        line_end = following.position != piece.position
        new_speaker = line_end and after.line.label is not None and after.line.label != speaker
        apart = line_end and after.line.number - item.line.number > 1
        # A stage direction or sound tag between two lines ends what was said before it.
        interrupted = apart and any(n in not_speech for n in range(item.line.number + 1, after.line.number))
        evidence = [f"{piece.mark} at line end" if line_end else f"{piece.mark} inside a line"]
        if apart and paragraphs:
            evidence.append("paragraph break")
        if piece.quoted:
            evidence.append("inside a quotation")
        opening = after_read.opening
        evidence.append(f"closes on {before.closing}")
        evidence.append(f"opens with {opening}")
        if piece.mark == "comma":
            evidence.append(f"opens with {opening} after a comma")
        if line_end and piece.mark == "none":
            evidence.append(f"opens with {opening} on a new line")
        if line_end and before.to_audience_so_far:
            evidence.append("a line of words to the audience ends")
        if after_read.to_audience:
            evidence.append("words to the audience follow")
        if before.numbered:
            evidence.append("in a numbered item")
        # A line that ends on 吗 (or 呢 after a question word) has asked its question.
        question = line_end and before.asks
        if after_read.chars <= 4:
            evidence.append("a short phrase follows")
        # The listed words one by one, each with its own weight besides its class's.
        last, first = before.last_word, after_read.first_word
        if last in _LISTED:
            evidence.append(f"closes on {last}")
        if first in _LISTED:
            evidence.append(f"opens with {first}")
        if not after_read.predicate:
            evidence.append("no predicate follows")
        pause = pauses.get(item.line.number) if line_end else None
        # A full stop, question or exclamation mark outside a quotation is the writer's own end.
        forced = new_speaker or interrupted or piece.mark == "final" or question
        joined = line_end and not apart and _broken_latin_word(item.line.text[: piece.end], after.line.text[following.start :])
        found.append(shared(evidence), pause, forced, first, joined and not forced)
    return found


class _SharedEvidence:
    """One tuple for each distinct evidence list, and one string for each distinct piece of evidence:
    boundaries draw on a few hundred phrasings, and an episode of a hundred thousand boundaries would
    otherwise hold a million copies of them (more memory than its words)."""

    def __init__(self) -> None:
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._strings: dict[str, str] = {}

    def __call__(self, evidence: Sequence[str]) -> tuple[str, ...]:
        strings = self._strings
        key = tuple(strings.setdefault(item, item) for item in evidence)
        return self._tuples.setdefault(key, key)


def _add_rest(boundaries: _BoundaryTable, piece_chars: Sequence[int]) -> None:
    """To each boundary's evidence, the length of what follows it up to the next sure end (a full stop,
    a new speaker, a paragraph): a cut that would leave a few characters on their own is unlikely."""
    rest = 0
    for index in range(len(boundaries) - 1, -1, -1):
        evidence = boundaries.evidence[index]
        forced = boundaries.forced[index]
        if not forced:
            bucket = _bucket("rest", rest)
            added = (bucket, f"comma inside a line, {bucket}") if "comma inside a line" in evidence else (bucket,)
            evidence = boundaries.evidence[index] = boundaries.shared(evidence + added)
        sure = forced or "paragraph break" in evidence
        rest = piece_chars[index] + (0 if sure else rest)


def _bucket(name: str, chars: int) -> str:
    return next((f"{name}<{b}" for b in _LENGTH_BUCKETS if chars < b), f"{name}>={_LENGTH_BUCKETS[-1]}")


def _closing_class(words: Sequence[str]) -> str:
    if not words:
        return "nothing"
    last = words[-1]
    if last == "的":
        return "的"
    if last in CLOSING:
        return "a closing particle"
    if last in UNFINISHED:
        return "an unfinished word"
    if last in SCENE_ENDINGS:
        return "a scene"
    return word_class(last)


def _opening_class(text: str, words: Sequence[Token], name_starts=()) -> str:
    """How a piece (its analysis text and its words that hold text) opens."""
    text = text.lstrip(_EDGE + "“「『\"")
    if is_numbered_item(text):
        return "a numbered item"
    if is_date(text):
        return "a date"
    if not words:
        return "nothing"
    first = words[0]
    return word_class(first.text, name=first.start in name_starts)


_TO_AUDIENCE = AUDIENCE_WORDS + SHOW_INTRODUCTIONS


def addresses_audience(text: str) -> bool:
    """A greeting or sign-off (大家好, 这里是…, 感谢大家的观看, 下期再见): a sentence of its own."""
    return any(word in text for word in _TO_AUDIENCE)


def _audience_end(text: str) -> float:
    """Where the first words to the audience in `text` end (text[:n] addresses the audience from there
    on), or infinity."""
    ends = [found + len(word) for word in _TO_AUDIENCE if (found := text.find(word)) >= 0]
    return min(ends, default=math.inf)


_LISTED = CONTINUING | OPENING_CONNECTIVES | SUBORDINATING | SUBJECTS | UNFINISHED | CLOSING


def _is_predicate(word: str) -> bool:
    return word in ("是", "有") or word_class(word) in ("verb", "adjective", "idiom")


def _question(words: Sequence[str]) -> bool:
    return bool(words) and (words[-1] == "吗" or (words[-1] == "呢" and any(w in QUESTION_WORDS for w in words)))


# --- what a sentence holds and how it is read --------------------------------------------------------


def _parts(lines: Sequence[AnalyzedLine], pieces: Sequence[_Piece]) -> tuple[SentencePart, ...]:
    """One part a line: the sentence's text in it, without the spaces at its edges."""
    parts: list[SentencePart] = []
    for piece in pieces:
        item = lines[piece.position]
        start, end = _trimmed(item.line.text, piece.start, piece.end)
        if start == end:
            continue
        if parts and parts[-1].line == item.line.number:
            parts[-1] = SentencePart(item.line.number, parts[-1].start, end)
        else:
            parts.append(SentencePart(item.line.number, start, end))
    return tuple(parts)


def _first_start(lines: Sequence[AnalyzedLine], pieces: Sequence[_Piece]) -> tuple[int, int] | None:
    """(line, offset) where the sentence made of `pieces` starts: its first part's start (`_parts`),
    None when it holds no text."""
    for piece in pieces:
        line = lines[piece.position].line
        start, end = _trimmed(line.text, piece.start, piece.end)
        if start < end:
            return line.number, start
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without the spaces at its edges, as offsets (start == end when nothing is left)."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def end_mark(lines: Sequence[AnalyzedLine], pieces: Sequence[_Piece]) -> str:
    """The mark a reader needs at the sentence's end: "" when the text ends with its own final mark,
    "？" for a question (吗, or 呢 after a question word), else "。"."""
    last = pieces[-1]
    if last.mark == "final" or last.mark == "ellipsis":
        return ""
    words = [t.text for p in pieces for t in words_in(lines[p.position].tokens, p.start, p.end)]
    if words and (words[-1] == "吗" or (words[-1] == "呢" and any(w in QUESTION_WORDS for w in words))):
        return "？"
    return "。"


# A sentence opening with one of these needs the one before it to make sense (而…, 所以…, 此外…).
_LEANING = frozenset(
    "而 并且 而且 并 也 则 还 所以 以及 或者 甚至 从而 即 又 却 再 就 才 都 而是 进而 因而 因此 于是 但是 但 不过 然而 可是"
    " 同时 与此同时 此外 另外 其次 然后 最后 接着 随后 此后 之后 总之 总而言之 那么 也就是说 换句话说 换言之 对此 其中 结果"
    " 比如 例如 不仅如此 除此之外 除此以外 另一方面 当然 更 更是".split()
)
# Pronouns that point back when they are the subject (这使得…, 它通常…, 他认为…), not when they
# determine a noun (这一段…, 这个芯片…).
_POINTING_BACK = frozenset("这 那 它 他 她 它们 他们 她们 这些 那些 此 其".split())
_NUMERALS = "一二两三四五六七八九十几每0123456789"


def leans_on_previous(item: AnalyzedLine, piece: _Piece, opening: str) -> bool:
    """Whether a sentence opening with this piece only makes sense after the one before it: a connective
    that links it back (而, 所以, 但是, 此外), or a pronoun subject that points back (这使得, 他认为)."""
    words = words_in(item.tokens, piece.start, piece.end)
    if not words:
        return False
    if words[0].text in _LEANING:
        return True
    if words[0].text in _POINTING_BACK and len(words) > 1:
        second = words[1].text
        # 这一期, 这两年: a determiner with its number, not a subject.
        return second[0] not in _NUMERALS and word_class(second) in ("verb", "adverb", "continuing", "idiom")
    return False
