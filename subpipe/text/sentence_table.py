"""A long episode's sentences held as columns, each made into a `Sentence` when read.

A sentence object with its parts, their integers and its two confidences costs about 300 bytes: a long
episode's sentences held about 2.5x its input from the moment they were found to the end
(docs/benchmarks.md). Read back as objects where they are read, they cost little time: the stages
after them read each sentence a few times.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from ..columns import Columns, Places, grown, is_count
from ..model import Sentence, SentencePart

class SentenceTable(Columns[Sentence]):
    """Sentences as columns: index, edge confidences and whether it leans on the one before as arrays,
    its final mark as a number into the marks seen, and its parts' lines and offsets as arrays (with
    where each sentence's parts end). Reads back equal to the sentences it was filled with, each field
    of the same type; a sentence it could not give back so is refused (`add` is False). A confidence
    that is NaN reads back as NaN, a new float each time: such a sentence is then unequal to the one it
    was made from, as NaN is to any other NaN (the sentence model never gives one)."""

    __slots__ = ("_index", "_part_ends", "_line", "_start", "_end", "_mark", "_marks", "_start_confidence",
                 "_end_confidence", "_leans", "_filled")

    def __init__(self, sentences: Iterable[Sentence] = ()):
        # Filled in 2 bytes a value, each column wider only where its values need it (`grown`).
        self._index, self._part_ends = array("h"), array("h")
        self._line, self._start, self._end = array("h"), array("h"), array("h")
        self._mark = array("h")
        self._marks = Places()  # each final mark seen, once
        self._start_confidence, self._end_confidence = array("d"), array("d")
        self._leans = array("b")
        self._filled = False
        for sentence in sentences:
            if not self.add(sentence):
                raise ValueError(f"sentence {sentence.index} cannot be held as columns and read back the same")

    def add(self, sentence: Sentence) -> bool:
        """`sentence` appended, unless the columns could not give it back the same (False; nothing added).
        A table is filled before `done`, never after (ValueError)."""
        if self._filled:
            raise ValueError("a SentenceTable is filled before done(), not after")
        if not _packable(sentence):
            return False
        self._index = grown(self._index, sentence.index)
        for part in sentence.parts:
            self._line = grown(self._line, part.line)
            self._start = grown(self._start, part.start)
            self._end = grown(self._end, part.end)
        self._part_ends = grown(self._part_ends, len(self._line))
        self._mark = grown(self._mark, self._marks.place(sentence.end_mark))
        self._start_confidence.append(sentence.start_confidence)
        self._end_confidence.append(sentence.end_confidence)
        self._leans.append(sentence.leans_on_previous)
        return True

    def done(self) -> "SentenceTable":
        """The table, filled."""
        self._filled = True
        return self

    def __len__(self) -> int:
        return len(self._index)

    def _rows(self, indexes: range) -> tuple[Sentence, ...]:
        return tuple(map(self._row, indexes))  # a slice is a tuple, as an ordinary episode's sentences are

    def _row(self, n: int) -> Sentence:
        first = self._part_ends[n - 1] if n else 0
        return Sentence(
            self._index[n],
            tuple(SentencePart(self._line[p], self._start[p], self._end[p]) for p in range(first, self._part_ends[n])),
            self._marks[self._mark[n]],
            self._start_confidence[n],
            self._end_confidence[n],
            bool(self._leans[n]),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (SentenceTable, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, not hashed as one (as a list is not)

    def __repr__(self) -> str:
        return f"SentenceTable({len(self)} sentences)"


def _packable(sentence: Sentence) -> bool:
    """Whether the columns give `sentence` back the same, field by field and type by type."""
    return (
        is_count(sentence.index)
        and all(is_count(part.line) and is_count(part.start) and is_count(part.end) for part in sentence.parts)
        and type(sentence.end_mark) is str
        and type(sentence.start_confidence) is float
        and type(sentence.end_confidence) is float
        and type(sentence.leans_on_previous) is bool
    )

