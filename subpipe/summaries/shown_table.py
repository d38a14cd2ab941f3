"""A long episode's sentences as the summaries show them, held as columns, each row made when read.

The summaries hold a row for every sentence of the episode (`Shown`: what it says, where, who says it,
its content words) while they rank and choose: as objects, with their parts, texts and tuples of
words, about 4x a long episode's input on top of what the episode holds, the largest thing alive at
its peak (docs/benchmarks.md). As columns, about a quarter of that; a part's text is not held at all,
being its source line's text between its offsets.
"""

from __future__ import annotations

from array import array
from ..columns import Columns, Places, grown, is_count
from ..text.line_index import LinesByNumber
from .sentences import Shown, ShownPart

class ShownTable(Columns[Shown]):
    """`Shown` rows as columns: numbers as arrays, the final mark and speaker as numbers into the ones
    seen, the parts' lines and offsets (their text read from `lines` when a row is made) and the words
    as one list, with where each row's parts and words end. Reads back equal to the rows it was filled
    with, each field of the same type; a row it could not give back so is refused (`add` is False).
    Filled before `done`, never after (ValueError)."""

    __slots__ = ("_lines", "_index", "_mark", "_marks", "_start_confidence", "_end_confidence", "_flags",
                 "_line_count", "_speaker", "_speakers", "_part_ends", "_part_line", "_part_start",
                 "_part_end", "_word_ends", "_words", "_chars", "_filled")

    def __init__(self, lines: LinesByNumber):
        self._lines = lines
        # Filled in 2 bytes a value, each column wider only where its values need it (`grown`).
        self._index, self._line_count, self._chars = array("h"), array("h"), array("h")
        self._mark, self._speaker = array("h"), array("h")
        self._marks = Places()
        self._speakers = Places()
        self._start_confidence, self._end_confidence = array("d"), array("d")
        self._flags = array("b")  # leans on the one before, wholly the speaker's, said to the audience: bits
        self._part_ends, self._part_line, self._part_start, self._part_end = array("h"), array("h"), array("h"), array("h")
        self._word_ends = array("h")
        self._words: list[str] = []
        self._filled = False

    def add(self, row: Shown) -> bool:
        """`row` appended, unless the columns could not give it back the same (False; nothing added)."""
        if self._filled:
            raise ValueError("a ShownTable is filled before done(), not after")
        if not self._packable(row):
            return False
        self._index = grown(self._index, row.index)
        self._mark = grown(self._mark, self._marks.place(row.end_mark))
        self._start_confidence.append(row.start_confidence)
        self._end_confidence.append(row.end_confidence)
        self._flags.append(row.leans_on_previous | row.wholly_theirs << 1 | row.to_audience << 2)
        self._line_count = grown(self._line_count, row.line_count)
        self._speaker = grown(self._speaker, self._speakers.place(row.speaker))
        for part in row.parts:
            self._part_line = grown(self._part_line, part.line)
            self._part_start = grown(self._part_start, part.start)
            self._part_end = grown(self._part_end, part.end)
        self._part_ends = grown(self._part_ends, len(self._part_line))
        self._words.extend(row.words)
        self._word_ends = grown(self._word_ends, len(self._words))
        self._chars = grown(self._chars, row.chars)
        return True

    def done(self) -> "ShownTable":
        """The table, filled."""
        self._filled = True
        return self

    def __len__(self) -> int:
        return len(self._index)

    def words_at(self, n: int) -> tuple[str, ...]:
        """Row `n`'s content words, without making the row (the ranking reads only these)."""
        first_word = self._word_ends[n - 1] if n else 0
        return tuple(self._words[first_word : self._word_ends[n]])

    def _row(self, n: int) -> Shown:
        first_part = self._part_ends[n - 1] if n else 0
        parts = []
        for p in range(first_part, self._part_ends[n]):
            line, start, end = self._part_line[p], self._part_start[p], self._part_end[p]
            parts.append(ShownPart(line, start, end, self._lines.text(line)[start:end]))
        flags = self._flags[n]
        return Shown(
            self._index[n],
            self._marks[self._mark[n]],
            self._start_confidence[n],
            self._end_confidence[n],
            bool(flags & 1),
            self._line_count[n],
            self._speakers[self._speaker[n]],
            tuple(parts),
            self.words_at(n),
            bool(flags & 2),
            bool(flags & 4),
            self._chars[n],
        )

    def __repr__(self) -> str:
        return f"ShownTable({len(self)} sentences)"

    def _packable(self, row: Shown) -> bool:
        """Whether the columns give `row` back the same, field by field and type by type: each part's
        text is its line's text between its offsets."""
        return (
            all(is_count(value) for value in (row.index, row.line_count, row.chars))
            and type(row.end_mark) is str
            and type(row.start_confidence) is float
            and type(row.end_confidence) is float
            and all(type(flag) is bool for flag in (row.leans_on_previous, row.wholly_theirs, row.to_audience))
            and (row.speaker is None or type(row.speaker) is str)
            and type(row.parts) is tuple
            and all(self._held(part) for part in row.parts)
            and type(row.words) is tuple
            and all(type(word) is str for word in row.words)
        )

    def _held(self, part: ShownPart) -> bool:
        if not (type(part) is ShownPart and all(is_count(value) for value in (part.line, part.start, part.end))):
            return False
        item = self._lines.get(part.line)
        return item is not None and item.line.text[part.start : part.end] == part.text and part.start <= part.end

