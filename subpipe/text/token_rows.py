"""A long episode's words held as the offsets where they end, each line's made into tokens when read.

An episode's words are the largest thing it holds while its subtitles are made: a token object for each
word where it is said (shared by equal words at equal offsets), about 7x the input (docs/benchmarks.md).
A long episode's analysed lines (`AnalyzedTable`, text/line_table.py) hold every line's word ends in one
byte string and give each line it makes a `TokenRow` over its own; the row makes its tokens when they
are first read and keeps them until `TokenShelf.size` other rows have made theirs, so memory holds the
words of a few lines, not of the episode. Made again so often they cost time (docs/benchmarks.md),
which is why only an episode of `PACK_LINES` lines or more is held so.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from sys import intern

from ..model import Token

# An episode of at least this many lines holds its lines and their words as tables (text/line_table.py),
# its words as rows, its lines as cut into cues, its
# sentences and the summaries' rows for them as columns (cues/shaped_table.py, text/sentence_table.py,
# summaries/shown_table.py), and makes its chapter titles part by part: ten to twenty hours of speech
# (the dev corpus's 51 transcripts, 11,409 lines, run 24 hours).
PACK_LINES = 10_000


class TokenShelf:
    """The rows of one episode whose tokens are made: at most `size`, the one made longest ago giving its
    tokens up first. One shelf an episode, shared by its rows; none outlives the episode's lines."""

    __slots__ = ("_rows", "size")

    def __init__(self, size: int = 512):
        self._rows: deque[TokenRow] = deque()
        self.size = size

    def keep(self, row: "TokenRow") -> None:
        rows = self._rows
        rows.append(row)
        if len(rows) > self.size:
            rows.popleft()._made = None


class TokenRow(Sequence[Token]):
    """A line's words, tiling its analysis text, as the offsets where they end: reads as the tuple of
    `Token`s it was made from (equal to it, hashed as it). A sequence of tokens that does not tile the
    text from its start to its end, each token's text the text between its offsets, is refused
    (ValueError); an `AnalyzedTable` then keeps the tuple."""

    __slots__ = ("_text", "_ends", "_made", "_shelf")

    def __init__(self, text: str, ends: bytes, shelf: TokenShelf):
        self._text = text
        self._ends = ends
        self._made: tuple[Token, ...] | None = None
        self._shelf = shelf

    @classmethod
    def of(cls, text: str, tokens: Iterable[Token], shelf: TokenShelf) -> "TokenRow":
        ends = []
        position = 0
        for token in tokens:
            if token.start != position or token.end <= position or text[position : token.end] != token.text:
                raise ValueError(f"the words do not tile the text at offset {position}")
            ends.append(token.end)
            position = token.end
        if position != len(text):
            raise ValueError("the words end before the text does")
        # Held as bytes, not as an array: an array is an object of 64 bytes and its values in a block of
        # their own, bytes one block (a row of 7 words: 111 bytes in all, not 158).
        return cls(text, array(_typecode(text), ends).tobytes(), shelf)

    @property
    def text(self) -> str:
        """The analysis text the words tile."""
        return self._text

    @property
    def ends(self) -> bytes:
        """The offsets where the words end, as held (2 bytes each, or 4 for a line of 65,536 characters
        or more)."""
        return self._ends

    def tokens(self) -> tuple[Token, ...]:
        """The line's tokens, made now unless they are still kept."""
        made = self._made
        if made is None:
            text, start, made_list = self._text, 0, []
            for end in array(_typecode(text), self._ends):
                # Interned, as the segmenter's words are: the stages keep words in tables of their own
                # (the sentences', the chapters', caches), which then share one string for each word.
                made_list.append(Token(intern(text[start:end]), start, end))
                start = end
            made = self._made = tuple(made_list)
            self._shelf.keep(self)
        return made

    def __len__(self) -> int:
        return len(self._ends) // _WIDTH[_typecode(self._text)]

    def __getitem__(self, index):  # type: ignore[override]
        return self.tokens()[index]  # a slice is a tuple, as a short episode's words are

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenRow):
            return self._text == other._text and self._ends == other._ends
        if isinstance(other, tuple):
            return self.tokens() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.tokens())

    def __repr__(self) -> str:
        return f"TokenRow({len(self)} words)"

    def __reduce__(self):
        # Pickled (or copied) as the tuple it reads as: a shelf belongs to one episode's lines in one
        # process, and rows made again elsewhere would each need one.
        return (tuple, (self.tokens(),))


# A line's end offsets in 2 bytes each, or 4 where the line is longer than 2 bytes can count.
_WIDTH = {code: array(code).itemsize for code in "HI"}


def _typecode(text: str) -> str:
    return "H" if len(text) < 2**16 else "I"
