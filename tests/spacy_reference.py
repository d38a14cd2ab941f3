"""spaCy itself, for tests that check subpipe's own implementations of its parts against it (subpipe
imports no spaCy when it runs: see subpipe/speakers/token_patterns.py)."""

from __future__ import annotations

from functools import cache


@cache
def blank_chinese_vocab():
    """spaCy's blank Chinese vocabulary (no model, no jieba: the character segmenter is never asked)."""
    from spacy.lang.zh import Chinese

    return Chinese.from_config({"nlp": {"tokenizer": {"segmenter": "char"}}}).vocab


def spacy_doc(tokens):
    """A spaCy Doc over subpipe's own tokens, written without spaces between them."""
    from spacy.tokens import Doc

    return Doc(blank_chinese_vocab(), words=[t.text for t in tokens], spaces=[False] * len(tokens))


def spacy_matcher(patterns: dict):
    """spaCy's Matcher holding `patterns` (key -> list of patterns)."""
    from spacy.matcher import Matcher

    matcher = Matcher(blank_chinese_vocab())
    for key, alternatives in patterns.items():
        matcher.add(key, alternatives)
    return matcher


def spacy_matches(matcher, doc) -> list[tuple[str, int, int]]:
    """(key, start, end) of every match, sorted."""
    return sorted((doc.vocab.strings[key], start, end) for key, start, end in matcher(doc))
