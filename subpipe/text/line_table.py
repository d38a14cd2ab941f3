"""A long episode's lines, and their analysis, held as columns: each `Line` and `AnalyzedLine` is made
when a stage reads it.

A line of a transcript is short (13 characters on average in the shared transcript), and what an episode
kept a line at a time weighed more than the line: the `Line` object (80 bytes), its `AnalyzedLine`
(56) and the word row (112), about 6x the input in all (docs/benchmarks.md). Here the texts are the
same str objects as before (so every stage's tables of texts still share them), and the rest is
columns: numbers, times, labels, speech flags, and every line's word ends in one byte string.

A stage reads a line several times in a pass (the line before, the line after), so the table keeps the
items it made last, one slot a position modulo `_KEEP`: a stage reading around a place gets the same
object back and its words made once. Made again on each of the stages' 60 or so passes they cost time
(7% more on the dev corpus, 18% on the shared transcript's short lines; docs/benchmarks.md), which is
why only an episode of `PACK_LINES` lines or more is held so. A stage that only searches the texts reads
them without making lines (`texts_of`, `line_numbers`). Both tables read, compare and pickle as the
tuples they hold.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from typing import TypeVar, overload

from ..columns import grown
from ..model import AnalyzedLine, Line, Token
from . import token_rows
from .token_rows import TokenRow, TokenShelf

Item = TypeVar("Item")

# A time the line does not have (None), in a column of milliseconds.
_NO_TIME = -(2**63)
# How many items a table keeps made, each in the slot of its position modulo this: enough for a stage
# looking around a line. A line's words are made again with each item made for it; the episode's shelf
# (shared by its tables) keeps the words of the last `_SHELF` rows that made theirs, which bounds the
# words held made by the items the stages keep; a kept item whose words left the shelf makes them again.
_KEEP = 64
_SHELF = 128


def _maker(cls):
    """A function making a frozen slotted dataclass `cls` (of 6 or 3 fields) from its fields in order,
    without its `__init__`: a frozen dataclass sets each field through `object.__setattr__`, which the
    tables, making a line each time one is read, would pay millions of times on a long episode."""
    new = object.__new__
    setters = tuple(getattr(cls, field.name).__set__ for field in fields(cls))
    if len(setters) == 6:
        s0, s1, s2, s3, s4, s5 = setters

        def make6(a, b, c, d, e, f):
            made = new(cls)
            s0(made, a), s1(made, b), s2(made, c), s3(made, d), s4(made, e), s5(made, f)
            return made

        return make6
    if len(setters) != 3:
        raise TypeError(f"no maker for {cls.__name__} of {len(setters)} fields")
    s0, s1, s2 = setters

    def make3(a, b, c):
        made = new(cls)
        s0(made, a), s1(made, b), s2(made, c)
        return made

    return make3


_line = _maker(Line)
_analyzed_line = _maker(AnalyzedLine)


class _Rows(Sequence[Item]):
    """What the tables and views share: reading by position, a slice as a tuple, equality with any
    sequence of the same items, and pickling as a tuple (a `LineTable` pickles as its columns)."""

    __slots__ = ()

    def _item(self, index: int) -> Item:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self._item(position) for position in range(*index.indices(len(self))))
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line table index out of range")
        return self._item(index)

    def __iter__(self) -> Iterator[Item]:
        item = self._item
        return (item(position) for position in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} lines)"

    def __reduce__(self):
        # As the tuple it reads as: an analysed table's rows share its episode's shelf, which belongs to
        # one process.
        return (tuple, (tuple(self),))


class LineTable(_Rows[Line]):
    """Lines as columns, each made a `Line` when read. Fill with `add`, then read."""

    __slots__ = ("_numbers", "_texts", "_starts", "_ends", "_labels", "_speech")

    def __init__(self) -> None:
        # The numbers' int objects, not an array of them: every stage's tables of line numbers (a
        # speaker's lines, a keyword's, a set of sentence starts) then share one int a line, as they
        # shared the Line's, where numbers made afresh at each read would each be an int of their own.
        self._numbers: list[int] = []
        self._texts: list[str] = []
        # None until a line has a time (or a label): a plain transcript's lines have neither.
        self._starts: array | None = None
        self._ends: array | None = None
        self._labels: list[str | None] | None = None
        self._speech = bytearray()

    @classmethod
    def of(cls, lines: Iterable[Line]) -> "LineTable":
        table = cls()
        for line in lines:
            table.add(line)
        return table

    def add(self, line: Line) -> None:
        count = len(self._texts)
        self._numbers.append(line.number)
        self._texts.append(line.text)
        if self._starts is None and (line.start_ms is not None or line.end_ms is not None):
            self._starts, self._ends = array("q", [_NO_TIME] * count), array("q", [_NO_TIME] * count)
        if self._starts is not None and self._ends is not None:
            self._starts.append(_NO_TIME if line.start_ms is None else line.start_ms)
            self._ends.append(_NO_TIME if line.end_ms is None else line.end_ms)
        if self._labels is None and line.label is not None:
            self._labels = [None] * count
        if self._labels is not None:
            self._labels.append(line.label)
        self._speech.append(line.speech)

    def __len__(self) -> int:
        return len(self._texts)

    def _item(self, index: int) -> Line:
        start = end = None
        if self._starts is not None and self._ends is not None:
            start, end = self._starts[index], self._ends[index]
            start, end = (None if start == _NO_TIME else start), (None if end == _NO_TIME else end)
        label = self._labels[index] if self._labels is not None else None
        return _line(self._numbers[index], self._texts[index], start, end, label, self._speech[index] == 1)

    def text(self, index: int) -> str:
        """The line's text, without making the line."""
        return self._texts[index]

    def __reduce__(self):
        # Pickled as its columns (a batch sends a worker its transcript): a long transcript stays one.
        return (_restored, (self._numbers, self._texts, self._starts, self._ends, self._labels, self._speech))

    def numbers(self) -> Sequence[int]:
        """The lines' numbers, in order, without making the lines."""
        return self._numbers


def text_at(lines: Sequence[Line], position: int) -> str:
    """The text of `lines[position]`, read without making the line where `lines` is a table."""
    return lines.text(position) if isinstance(lines, LineTable) else lines[position].text


def _is_line(lines: Sequence[Line], position: int, line: Line) -> bool:
    """`lines[position]` has `line`'s number and text, read without making it where `lines` is a table."""
    if isinstance(lines, LineTable):
        return lines.numbers()[position] == line.number and lines.text(position) == line.text
    return lines[position] == line


def numbers_of(lines: Sequence[Line]) -> Iterable[int]:
    """The numbers of `lines`, in order, read without making the lines where `lines` is a table."""
    return lines.numbers() if isinstance(lines, LineTable) else (line.number for line in lines)


def _restored(numbers, texts, starts, ends, labels, speech) -> LineTable:
    table = LineTable()
    table._numbers, table._texts, table._starts, table._ends, table._labels, table._speech = (
        numbers, texts, starts, ends, labels, speech
    )
    return table


class AnalyzedTable(_Rows[AnalyzedLine]):
    """Analysed lines as columns over their lines (a `LineTable`, shared with the transcript where the
    lines are the transcript's own), each made an `AnalyzedLine`, its words a `TokenRow`, when read."""

    __slots__ = ("lines", "_line", "_analyses", "_word_ends", "_word_ends_at", "_tuples", "_shelf", "_kept_at", "_kept")

    def __init__(self, lines: Sequence[Line], shelf: TokenShelf | None = None):
        # The analysed lines' lines, position for position.
        self.lines = lines
        self._line = lines._item if isinstance(lines, _Rows) else lines.__getitem__
        # None where the analysis is the line's text itself (a Simplified transcript's every line).
        self._analyses: list[str | None] = []
        # Each line's word ends as `TokenRow` holds them, one after another; line i's are bytes
        # [_word_ends_at[i], _word_ends_at[i + 1]).
        self._word_ends: bytes | bytearray = bytearray()
        self._word_ends_at = array("h", [0])
        # The words of a line that do not tile its text (no stage gives such), as they were given.
        self._tuples: dict[int, tuple[Token, ...]] = {}
        # The episode's one shelf, shared by every table made from this one: the words made and kept
        # are a few hundred lines' in all, however many tables the stages make.
        self._shelf = shelf if shelf is not None else TokenShelf(_SHELF)
        self._kept_at = array("q", [-1] * _KEEP)
        self._kept: list[AnalyzedLine | None] = [None] * _KEEP

    @classmethod
    def of(
        cls, items: Iterable[AnalyzedLine], lines: Sequence[Line] | None = None, shelf: TokenShelf | None = None
    ) -> "AnalyzedTable":
        """A table of `items`. `lines`: their lines, position for position, already held (the
        transcript's, or the table's the items were made from), which the table then shares. `shelf`:
        the episode's, where the items come from a table of it."""
        own = LineTable() if lines is None else None
        table = cls(own if own is not None else lines, shelf)  # type: ignore[arg-type]
        for position, item in enumerate(items):
            if own is not None:
                own.add(item.line)
            elif position < len(table.lines) and not _is_line(table.lines, position, item.line):
                raise ValueError(f"the lines given are not the items' lines (line {item.line.number})")
            table._add(item)
        if len(table._analyses) != len(table.lines):
            raise ValueError("the lines given are not the items' lines")
        table._word_ends = bytes(table._word_ends)  # read as bytes: a slice of it is a row's ends
        return table

    def _add(self, item: AnalyzedLine) -> None:
        analysis, tokens = item.analysis, item.tokens
        self._analyses.append(None if analysis == item.line.text else analysis)
        if isinstance(tokens, TokenRow) and tokens.text is analysis:
            ends = tokens.ends
        else:
            try:
                ends = TokenRow.of(analysis, tokens, self._shelf).ends
            except ValueError:
                self._tuples[len(self._analyses) - 1] = tuple(tokens)
                ends = b""
        self._word_ends += ends
        self._word_ends_at = grown(self._word_ends_at, len(self._word_ends))

    def __len__(self) -> int:
        return len(self._analyses)

    def text(self, index: int) -> str:
        """Line `index`'s source text, without making the line."""
        return text_at(self.lines, index)

    def numbers(self) -> Iterator[int]:
        """The lines' numbers, in order, without making the lines."""
        return iter(numbers_of(self.lines))

    def texts(self) -> Iterator[tuple[str, str]]:
        """Each line's (analysis, text), in order, without making the lines."""
        for index, analysis in enumerate(self._analyses):
            written = text_at(self.lines, index)
            yield (written if analysis is None else analysis), written

    def _item(self, index: int) -> AnalyzedLine:
        slot = index % _KEEP
        if self._kept_at[slot] == index:
            return self._kept[slot]  # type: ignore[return-value]
        line = self._line(index)
        analysis = self._analyses[index]
        if analysis is None:
            analysis = line.text
        words = self._tuples.get(index)
        if words is None:
            at = self._word_ends_at
            words = TokenRow(analysis, self._word_ends[at[index] : at[index + 1]], self._shelf)
        item = _analyzed_line(line, analysis, words)
        self._kept_at[slot], self._kept[slot] = index, item
        return item


def texts_of(analyzed: Sequence[AnalyzedLine]) -> Iterator[tuple[str, str]]:
    """Each line's (analysis, text), in order: of a table, read from its columns without making the
    lines (a stage that only searches the texts, over and over, makes no objects)."""
    if isinstance(analyzed, AnalyzedTable):
        return analyzed.texts()
    return ((item.analysis, item.line.text) for item in analyzed)


def line_numbers(analyzed: Sequence[AnalyzedLine]) -> Iterator[int]:
    """Each line's number, in order: of a table, read from its column without making the lines."""
    if isinstance(analyzed, AnalyzedTable):
        return analyzed.numbers()
    return (item.line.number for item in analyzed)


def analyses_by_number(analyzed: Sequence[AnalyzedLine]) -> dict[int, str]:
    """Line number -> its analysis text, read from a table's columns without making the lines."""
    return {number: analysis for number, (analysis, _) in zip(line_numbers(analyzed), texts_of(analyzed))}


def lines_of(analyzed: Sequence[AnalyzedLine]) -> Sequence[Line]:
    """The analysed lines' lines, position for position: of a table, its own `LineTable` (each line
    made when read), not a list of every line made at once."""
    if isinstance(analyzed, AnalyzedTable):
        return analyzed.lines
    return [item.line for item in analyzed]


def joined(parts: Sequence[Sequence[Item]]) -> Sequence[Item]:
    """The items of `parts`, one after another: of views of one table, one view of it (no item made
    until read), else a list."""
    views = [part for part in parts if isinstance(part, Selected)]
    if views and len(views) == len(parts) and all(view.rows is views[0].rows for view in views):
        return Selected(views[0].rows, (position for view in views for position in view.positions))
    return [item for part in parts for item in part]


def rows_of(rows: Sequence[Item], positions: Iterable[int]) -> Sequence[Item]:
    """The items of `rows` at `positions`: of a table, a view (its items are made when read, not all at
    once), else a list."""
    if isinstance(rows, _Rows):
        return Selected(rows, positions)
    return [rows[position] for position in positions]


def packed_lines(lines: Iterable[Line]) -> Sequence[Line]:
    """`lines` as a tuple, or for an episode of `PACK_LINES` lines or more, as a `LineTable`."""
    lines = lines if isinstance(lines, (list, tuple)) else list(lines)
    return LineTable.of(lines) if len(lines) >= token_rows.PACK_LINES else tuple(lines)


def analyzed_like(
    source: Sequence[AnalyzedLine], items: Iterable[AnalyzedLine], same_lines: bool = False
) -> Sequence[AnalyzedLine]:
    """`items`, made from `source`, held as `source` is: a table when it is one (sharing its lines when
    `same_lines`: the items' lines are `source`'s, position for position), else a tuple."""
    if isinstance(source, AnalyzedTable):
        return AnalyzedTable.of(items, source.lines if same_lines else None, source._shelf)
    return tuple(items)


class Selected(_Rows[Item]):
    """The items of `rows` at `positions`, in order: a view, not a copy of them."""

    __slots__ = ("rows", "positions", "_read")

    def __init__(self, rows: Sequence[Item], positions: Iterable[int]):
        self.rows = rows
        self.positions = positions if isinstance(positions, range) else array("q", positions)
        # A table's items read straight from it: the positions are checked here, once.
        self._read = rows._item if isinstance(rows, _Rows) else rows.__getitem__
        if self.positions and not (0 <= min(self.positions) and max(self.positions) < len(rows)):
            raise IndexError("a position beyond the rows")

    def __len__(self) -> int:
        return len(self.positions)

    def _item(self, index: int) -> Item:
        return self._read(self.positions[index])
