"""Each line's Simplified analysis text and its words: what every later stage reads."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence

from ..glossary import Glossary
from ..model import AnalyzedLine, Token, Transcript
from .lexicon import MIDDLE_DOTS
from .script import to_analysis
from .segment import Segmenter
from . import token_rows
from .token_rows import TokenShelf, shelf_of, token_row


def analyze(transcript: Transcript, segmenter: Segmenter) -> tuple[AnalyzedLine, ...]:
    """Each line's Simplified analysis text and its words (offsets valid in the source text too). An
    episode of `token_rows.PACK_LINES` lines or more holds its words as rows."""
    analyzed = []
    shelf = TokenShelf() if len(transcript.lines) >= token_rows.PACK_LINES else None
    made: dict[tuple[str, int], Token] = {}  # equal tokens shared within the episode (`Segmenter.tokens`)
    for line in transcript.lines:
        analysis = to_analysis(line.text, transcript.script)
        if shelf is None:
            tokens: Sequence[Token] = tuple(segmenter.tokens(analysis, made))
        else:
            tokens = token_row(analysis, segmenter.tokens(analysis), shelf)
        analyzed.append(AnalyzedLine(line, analysis, tokens))
    return tuple(analyzed)


def reanalyze(analyzed: tuple[AnalyzedLine, ...], segmenter: Segmenter, new_words: set[str]) -> tuple[AnalyzedLine, ...]:
    """`analyzed` again with a segmenter that knows `new_words`: only lines holding one of them can be
    cut differently (jieba's choice for a stretch of text depends only on the words inside it)."""
    return tuple(
        AnalyzedLine(item.line, item.analysis, token_row(item.analysis, segmenter.tokens(item.analysis), shelf_of(item.tokens)))
        if any(word in item.analysis for word in new_words)
        else item
        for item in analyzed
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
