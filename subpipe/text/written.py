"""Words of the Simplified analysis text shown as the transcript writes them.

Chapter titles and keywords are made from the analysis text, which is Simplified. Shown in the script of a
Traditional transcript, OpenCC's standard forms (羣, 衆, 峯, 爲, 覈, 臺) are not the ones a Taiwan or Hong
Kong writer uses (群, 眾, 峰, 為, 核, 台); the transcript itself says how it writes each word. The analysis
keeps every character at its offset in the line, so a word found in it is read off the line as written.
"""

from __future__ import annotations

import re
from itertools import chain
from collections.abc import Callable, Iterable, Sequence

from ..model import AnalyzedLine
from .line_index import LinesByNumber
from .line_table import texts_of

# What titles put between the transcript's words (A与B, 人物：话题): converted, not looked up.
_JOINS = re.compile(r"(与|：)")


class WrittenForms:
    """Simplified text -> the same in the output script: as the transcript writes it when the output keeps
    the transcript's own script (`own`), else (and for what the transcript does not write) by `convert`."""

    def __init__(self, analyzed: Sequence[AnalyzedLine], convert: Callable[[str], str], own: bool):
        self._analyzed = analyzed
        self._by_number = LinesByNumber(analyzed)
        self._convert = convert
        self._own = own

    def __call__(self, simplified: str, lines: Iterable[int] = ()) -> str:
        """`simplified` shown; `lines` are where it was found, looked at first."""
        if not self._own or not simplified:
            return self._convert(simplified)
        near = [self._by_number[number] for number in lines if number in self._by_number]
        pieces = _JOINS.split(simplified)
        return "".join(
            self._as_written(piece, near) if index % 2 == 0 else self._convert(piece) for index, piece in enumerate(pieces)
        )

    def _as_written(self, piece: str, near: Sequence[AnalyzedLine]) -> str:
        if not piece:
            return piece
        for analysis, text in chain(((item.analysis, item.line.text) for item in near), texts_of(self._analyzed)):
            at = analysis.find(piece)
            if at >= 0:
                return text[at : at + len(piece)]
        return self._convert(piece)
