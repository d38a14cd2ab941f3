"""Sentence-final punctuation restored where the transcript has none: in subtitles, only when asked.

What people read (summaries, show notes, the page's summary, episode.json's summary text) always ends
each sentence with its mark (`Sentence.end_mark`). Subtitles keep the transcript's own words unless the
user asks for `--punctuate`: then each sentence end gets its mark in the lines the cues are made from.
Offsets stay true: a mark is added at the end of a line, or takes the place of the comma that ends a
sentence inside one; a sentence that ends inside a line with no mark at all is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import AnalyzedLine, Sentence, Token
from .line_table import analyzed_like

_REPLACEABLE = "，,、"


def punctuated(analyzed: Sequence[AnalyzedLine], sentences: Sequence[Sentence]) -> Sequence[AnalyzedLine]:
    """The lines with each sentence's restored final mark written in (source and analysis text alike)."""
    marks: dict[int, list[tuple[int, str]]] = {}
    for sentence in sentences:
        if sentence.end_mark and sentence.parts:
            last = sentence.parts[-1]
            marks.setdefault(last.line, []).append((last.end, sentence.end_mark))
    if not marks:
        return analyzed
    return analyzed_like(
        analyzed, (_with_marks(item, marks[item.line.number]) if item.line.number in marks else item for item in analyzed)
    )


def _with_marks(item: AnalyzedLine, marks: list[tuple[int, str]]) -> AnalyzedLine:
    text, analysis, tokens = item.line.text, item.analysis, list(item.tokens)
    for end, mark in marks:
        if not text[end:].strip():
            end = len(text.rstrip())  # the line's end: spaces after it are dropped with the line's edge
            if not (end > 0 and text[end - 1] in _REPLACEABLE):
                text, analysis = text[:end] + mark, analysis[:end] + mark
                tokens = [t for t in tokens if t.end <= end] + [Token(mark, end, end + 1)]
                continue
        if end > 0 and text[end - 1] in _REPLACEABLE:
            text = text[: end - 1] + mark + text[end:]
            analysis = analysis[: end - 1] + mark + analysis[end:]
            tokens = [Token(mark, t.start, t.end) if t.start == end - 1 and t.end == end else t for t in tokens]
    return AnalyzedLine(replace(item.line, text=text), analysis, tuple(tokens))
