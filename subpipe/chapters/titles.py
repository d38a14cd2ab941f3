"""Keywords and short bilingual titles for chapters.

A chapter's keywords are ranked by TF-IDF over that chapter's own words, with the IDF table jieba ships
(jieba.analyse's own weighting, computed here so that jieba's global extractors are never built). The words are the
ones the segmenter found, with each name found in the text taken whole (杰瑞·特沃里克, not 杰瑞 · 特沃里克)
and runs of Latin words kept together (o1 Mini). A word found in every chapter says nothing about any
one of them, so weights are scaled by how few chapters use the word, as IDF does across documents.

The title is the chapter's main person or product, when names were found, and its key phrase. English
names stand beside the Chinese ones; the English title exists only when every term has an English name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..text.keywords import stop_words, tfidf_weights
from ..model import AnalyzedLine, Mention
from ..text.segment import topic_word_tag

# jieba's part-of-speech tags for words that can name a topic: nouns, verbal nouns, and the names and
# Latin words we add ourselves. Words jieba does not know are left out: outside the names found, they
# are mostly pieces its word-guessing glued together.
_NAME, _LATIN_TAG = "nz", "eng"
_TOPIC_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "vn", "eng"})
_MAIN_KINDS = ("person", "product")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-_]*")
_HAS_LETTER = re.compile(r"[A-Za-z]")


# A word and its part-of-speech tag, as jieba.posseg pairs them.
Tagged = tuple[str, str]


@dataclass(frozen=True)
class Title:
    title: str
    title_en: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class _Names:
    """What the episode's mentions tell: each name's fullest form and its English name."""

    fullest: dict[str, str]  # entity -> longest surface seen (Simplified)
    english: dict[str, str]  # surface (Simplified) -> English name
    english_words: frozenset[str]  # lower-cased words of English names, not keywords on their own


def title_parts(
    parts: Sequence[Sequence[AnalyzedLine]], mentions: Sequence[Mention], keyword_count: int
) -> list[Title]:
    """One title per part (a run of consecutive lines), in order."""
    analysis_of = {item.line.number: item.analysis for part in parts for item in part}
    names = _names(mentions, analysis_of)
    in_order = sorted(mentions, key=lambda m: (m.line, m.start))
    mentions_of: dict[int, list[Mention]] = {}  # line number -> its mentions, in order of place
    for mention in in_order:
        mentions_of.setdefault(mention.line, []).append(mention)
    latin_forms: dict[str, str] = {}  # this call's own: "o1 mini" and "o1 Mini" count as one word
    kinds: dict[str, str | None] = {}  # this call's own: each token text is classified once
    weighted = [_tfidf(list(_topic_words(part, mentions_of, names, latin_forms, kinds))) for part in parts]
    spread = Counter(word for weights in weighted for word in weights)
    # The IDF across chapters depends only on how many chapters use a word: one logarithm per count.
    rarity = {used: math.log((1 + len(parts)) / used) for used in set(spread.values())}
    titles = []
    for part, weights in zip(parts, weighted):
        ranked = sorted(weights, key=lambda w: (-weights[w] * rarity[spread[w]], w))
        keywords = tuple(ranked[:keyword_count])
        titles.append(_compose(_main_name(part, in_order, names), keywords, names))
    return titles


def _topic_words(
    part: Sequence[AnalyzedLine],
    mentions_of: dict[int, list[Mention]],
    names: _Names,
    latin_forms: dict[str, str],
    kinds: dict[str, str | None],
) -> Iterator[Tagged]:
    """The chapter's words that can name a topic, with their tags: names whole, Latin runs joined (each
    spelled as it was first in the episode, whatever its case), the rest tagged by jieba's dictionary.
    Words of other tags are left out here: the keyword weights would not count them."""
    for item in part:
        here = mentions_of.get(item.line.number, ())
        for mention in here:
            if mention.entity:
                yield names.fullest.get(mention.entity, item.analysis[mention.start : mention.end]), _NAME
        inside = {offset for m in here for offset in range(m.start, m.end)}  # the names' characters
        latin: list[str] = []
        for token in item.tokens:
            text = token.text
            if inside and token.start in inside:
                continue
            kind = kinds[text] if text in kinds else kinds.setdefault(text, _kind(text))
            if kind == _LATIN_WORD:
                latin.append(text)
                continue
            if latin:
                if not text.strip():
                    continue  # a space inside a run of Latin words
                yield from _latin_run(latin, names, latin_forms)
                latin = []
            if kind is not None:
                yield text, kind
        if latin:
            yield from _latin_run(latin, names, latin_forms)


# What a token is to `_topic_words`: a word of a Latin run, a topic word (its tag), or neither (None).
_LATIN_WORD = "latin word"  # not one of jieba's tags


def _kind(text: str) -> str | None:
    if text.isascii() and _LATIN.fullmatch(text):  # isascii first: most words are Chinese
        return _LATIN_WORD
    if len(text.strip()) < 2 or text.lower() in stop_words():
        # The keyword weights pass over these whatever their tag (`tfidf_weights`' own test): not
        # worth a look-up in jieba's large dictionary.
        return None
    tag = topic_word_tag(text)
    return tag if tag in _TOPIC_TAGS else None


def _latin_run(words: list[str], names: _Names, latin_forms: dict[str, str]) -> Iterator[Tagged]:
    # The Latin half of a name written twice (鲍勃·麦格鲁（Bob McGrew）) is the name again, not a topic.
    words = [w for w in words if w.lower() not in names.english_words]
    if words and any(_HAS_LETTER.search(w) for w in words):
        phrase = " ".join(words)
        yield latin_forms.setdefault(phrase.lower(), phrase), _LATIN_TAG


def _tfidf(words: list[Tagged]) -> dict[str, float]:
    """TF-IDF weights of the topic words of one chapter."""
    return tfidf_weights(words, _TOPIC_TAGS)


def _names(mentions: Sequence[Mention], analysis_of: dict[int, str]) -> _Names:
    fullest: dict[str, str] = {}
    english: dict[str, str] = {}
    english_words: set[str] = set()
    for mention in mentions:
        if mention.line not in analysis_of:
            continue
        surface = analysis_of[mention.line][mention.start : mention.end]
        if mention.entity and len(surface) > len(fullest.get(mention.entity, "")):
            fullest[mention.entity] = surface
        if mention.english:
            english[surface] = mention.english
            english_words.update(word.lower() for word in mention.english.split())
    return _Names(fullest, english, frozenset(english_words))


def _main_name(part: Sequence[AnalyzedLine], in_order: Sequence[Mention], names: _Names) -> str | None:
    """The person or product named most often in the chapter (the first named, on a tie); `in_order`:
    the episode's mentions in order of line and place."""
    numbers = {item.line.number for item in part}
    counts: Counter[str] = Counter()
    for mention in in_order:
        if mention.line in numbers and mention.kind in _MAIN_KINDS and mention.entity in names.fullest:
            counts[mention.entity] += 1
    if not counts:
        return None
    return names.fullest[max(counts, key=lambda entity: counts[entity])]  # max keeps the first of equals


def _compose(main: str | None, keywords: Sequence[str], names: _Names) -> Title:
    # One key phrase beside a name, two without: short enough for a player's chapter menu.
    phrases = [k for k in keywords if not main or (k not in main and main not in k)][: 1 if main else 2]
    if not main and not phrases:
        return Title("", None, tuple(keywords))
    terms = ([main] if main else []) + phrases
    english_of = {term: names.english.get(term) or (term if _LATIN.fullmatch(term.replace(" ", "")) else None) for term in terms}

    def shown(term: str) -> str:
        name = english_of[term]
        return f"{term}（{name}）" if name and name != term else term

    title = "、".join(shown(p) for p in phrases)
    if main:
        title = f"{shown(main)}：{title}" if phrases else shown(main)
    title_en = None
    if all(english_of.values()):
        title_en = ", ".join(english_of[p] for p in phrases)
        if main:
            title_en = f"{english_of[main]}: {title_en}" if phrases else english_of[main]
    return Title(title, title_en, tuple(keywords))
