"""A long episode's lines as cut into cues, held as columns, each line's chunks made when read.

A chunk object with its tuple and display string costs about 150 bytes for 20 characters of text: the
two cuts a long episode's subtitles are made from (the Chinese cues', the bilingual file's one-line
cues') were the largest thing held while its cues were made, about 5x its input (docs/benchmarks.md).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from ..columns import Columns, grown, is_count
from .shape import Chunk

# Chunk texts joined into one string at a time while a table is filled.
_TEXT_RUN = 1024


class ShapedTable(Columns[list[Chunk]]):
    """Each line's chunks (row i: line i's, a new list of new chunks each time it is read), as columns:
    every chunk's offsets and the end of its text in one string of all chunks' display lines (a
    chunk's lines joined by line breaks). Filled a line at a time (`add`); a line holding a chunk the
    columns could not give back the same is refused (`add` is False): a display line with a line break
    (the shaper never makes one) or an offset that is not a non-negative Python int."""

    __slots__ = ("_line_ends", "_starts", "_ends", "_text", "_texts", "_run", "_text_ends", "_without_text",
                 "_filled")

    def __init__(self) -> None:
        # Where each line's chunks end, counted in chunks; each chunk's offsets and where its text ends.
        # Filled in 2 bytes a value, each column wider only where its values need it (`grown`).
        self._line_ends = array("h")
        self._starts, self._ends, self._text_ends = array("h"), array("h"), array("h")
        # A chunk showing no line at all joins to "" as one showing one empty line does: told apart here.
        self._without_text: set[int] = set()
        self._text = ""
        self._texts: list[str] = []  # joined runs, while filling
        self._run: list[str] = []
        self._filled = False

    def add(self, chunks: Iterable[Chunk]) -> bool:
        """Line `len(self)`'s chunks appended, unless one of them cannot be held (False; nothing added).
        A table is filled before `done`, never after (ValueError)."""
        if self._filled:
            raise ValueError("a ShapedTable is filled before done(), not after")
        chunks = list(chunks)
        if not all(map(_packable, chunks)):
            return False
        end = self._text_ends[-1] if self._text_ends else 0
        for chunk in chunks:
            number = len(self._starts)
            self._starts = grown(self._starts, chunk.start)
            self._ends = grown(self._ends, chunk.end)
            if not chunk.text_lines:
                self._without_text.add(number)
            text = "\n".join(chunk.text_lines)
            end += len(text)
            self._text_ends = grown(self._text_ends, end)
            self._run.append(text)
            if len(self._run) == _TEXT_RUN:
                self._texts.append("".join(self._run))
                self._run.clear()
        self._line_ends = grown(self._line_ends, len(self._starts))
        return True

    def done(self) -> "ShapedTable":
        """The table, filled: its text joined."""
        if self._filled:
            return self
        self._filled = True
        self._texts.append("".join(self._run))
        self._text = "".join(self._texts)
        self._texts, self._run = [], []
        return self

    def chunk_count(self) -> int:
        return len(self._starts)

    def __len__(self) -> int:
        return len(self._line_ends)

    def _row(self, line: int) -> list[Chunk]:
        first = self._line_ends[line - 1] if line else 0
        return [self._chunk(n) for n in range(first, self._line_ends[line])]

    def _chunk(self, n: int) -> Chunk:
        start = self._text_ends[n - 1] if n else 0
        text = self._text[start : self._text_ends[n]]
        return Chunk(self._starts[n], self._ends[n], tuple(text.split("\n")) if n not in self._without_text else ())

    def __repr__(self) -> str:
        return f"ShapedTable({len(self)} lines, {self.chunk_count()} chunks)"


def chunk_count(shaped: Sequence[Sequence[Chunk]]) -> int:
    """How many chunks the lines are cut into, without making a table's chunks."""
    return shaped.chunk_count() if isinstance(shaped, ShapedTable) else sum(map(len, shaped))


def _packable(chunk: Chunk) -> bool:
    return (
        is_count(chunk.start) and is_count(chunk.end)
        and not any("\n" in line for line in chunk.text_lines)
    )
