"""Word segmentation with jieba, on a tokenizer of our own for each run.

jieba's module-level functions share one global dictionary; adding a glossary there would leak one
run's names into the next. A `Segmenter` owns its own `jieba.Tokenizer`, so runs stay independent.
"""

from __future__ import annotations

import logging
from functools import cache
from collections.abc import Iterable

from .model import Token

# A user word must win over jieba's own splits: its frequency needs to beat the product of the
# parts' frequencies, which jieba's own `suggest_freq` would compute; a large constant does it
# without a dictionary walk per word.
_USER_WORD_FREQUENCY = 10**7


class Segmenter:
    """Splits analysis (Simplified) text into words; `extra_words` are never split."""

    def __init__(self, extra_words: Iterable[str] = ()):
        import jieba

        self._tokenizer = jieba.Tokenizer()
        frequencies, total = _base_dictionary()
        # Our own copy of the dictionary: add_word below must not reach any other Segmenter.
        self._tokenizer.FREQ = dict(frequencies)
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self.extra_words: frozenset[str] = frozenset(w for w in extra_words if w.strip())
        for word in self.extra_words:
            self._tokenizer.add_word(word, freq=_USER_WORD_FREQUENCY)

    def tokens(self, text: str) -> list[Token]:
        return [Token(word, start, end) for word, start, end in self._tokenizer.tokenize(text)]

    def words(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text)


@cache
def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary, loaded once per process and only ever copied, never changed."""
    import jieba

    # jieba announces every dictionary load on stderr; the CLI reports what matters itself.
    jieba.setLogLevel(logging.WARNING)
    loader = jieba.Tokenizer()
    loader.initialize()
    return loader.FREQ, loader.total


def spacy_doc(tokens: list[Token], text: str):
    """A spaCy Doc over our own tokens (blank Chinese vocabulary, no model, no global jieba).

    Later stages match patterns (SpanRuler, Matcher) on it; character offsets of its spans are
    offsets into `text`, because the tokens tile the text without gaps.
    """
    from spacy.tokens import Doc

    return Doc(_blank_chinese_vocab(), words=[t.text for t in tokens], spaces=[False] * len(tokens))


@cache
def _blank_chinese_vocab():
    from spacy.lang.zh import Chinese

    # The character segmenter builds no jieba state; we never ask spaCy to tokenize anyway.
    return Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "char"}}}).vocab
