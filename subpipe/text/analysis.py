"""Each line's Simplified analysis text and its words: what every later stage reads."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence

from ..glossary import Glossary
from ..model import AnalyzedLine, Line, Script, Token, Transcript
from . import token_rows
from .lexicon import MIDDLE_DOTS
from .line_table import AnalyzedTable, analyzed_like
from .script import to_analysis
from .segment import Segmenter


def analyze(transcript: Transcript, segmenter: Segmenter) -> Sequence[AnalyzedLine]:
    """Each line's Simplified analysis text and its words (offsets valid in the source text too). An
    episode of `token_rows.PACK_LINES` lines or more holds them as an `AnalyzedTable`."""
    if len(transcript.lines) >= token_rows.PACK_LINES:
        return AnalyzedTable.of(
            (_analyzed(line, transcript.script, segmenter, None) for line in transcript.lines), transcript.lines
        )
    made: dict[tuple[str, int], Token] = {}  # equal tokens shared within the episode (`Segmenter.tokens`)
    return tuple(_analyzed(line, transcript.script, segmenter, made) for line in transcript.lines)


def _analyzed(line: Line, script: Script, segmenter: Segmenter, made: dict[tuple[str, int], Token] | None) -> AnalyzedLine:
    analysis = to_analysis(line.text, script)
    return AnalyzedLine(line, analysis, tuple(segmenter.tokens(analysis, made)))


def reanalyze(analyzed: Sequence[AnalyzedLine], segmenter: Segmenter, new_words: set[str]) -> Sequence[AnalyzedLine]:
    """`analyzed` again with a segmenter that knows `new_words`: only lines holding one of them can be
    cut differently (jieba's choice for a stretch of text depends only on the words inside it)."""
    return analyzed_like(
        analyzed,
        (
            AnalyzedLine(item.line, item.analysis, tuple(segmenter.tokens(item.analysis)))
            if any(word in item.analysis for word in new_words)
            else item
            for item in analyzed
        ),
        same_lines=True,
    )


def jieba_words(glossary: Glossary) -> frozenset[str]:
    """The glossary forms jieba can hold as words: jieba always splits at a middle dot, so the parts
    of dotted names (derived aliases) stand in for them.

    Kept for as long as the glossary lives (a Glossary never changes): a converter asks for the words
    of its one glossary for every episode."""
    words = _JIEBA_WORDS.get(glossary)
    if words is None:
        words = _JIEBA_WORDS[glossary] = frozenset(jieba_forms(glossary.aliases))
    return words


# Glossary -> its jieba words; weak, so that a glossary nobody holds any more takes its words with it.
_JIEBA_WORDS: "weakref.WeakKeyDictionary[Glossary, frozenset[str]]" = weakref.WeakKeyDictionary()


def jieba_forms(forms: Iterable[str]) -> Iterator[str]:
    """The forms jieba can keep whole: those without a middle dot."""
    return (form for form in forms if _DOTS.isdisjoint(form))


_DOTS = frozenset(MIDDLE_DOTS)
