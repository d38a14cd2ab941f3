"""Word segmentation with jieba, on a tokenizer of our own for each run.

jieba's module-level functions share one global dictionary; adding a glossary there would leak one
run's names into the next. A `Segmenter` owns its own `jieba.Tokenizer`, so runs stay independent.
"""

from __future__ import annotations

import sys
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from sys import intern
from types import ModuleType

from ..model import Token
from .word_table import WordTable

# A user word must win over jieba's own split of it, and no more: it gets the frequency jieba's
# `suggest_freq` would give (just above the product of its parts'), at least this floor, so that it
# does not also swallow the start of a longer dictionary word (新思 must not break 新思路).
_USER_WORD_FLOOR = 5



class Segmenter:
    """Splits analysis (Simplified) text into words; `extra_words` are never split."""

    def __init__(self, extra_words: Iterable[str] = ()):
        self._tokenizer = import_jieba().Tokenizer()
        frequencies, total = _base_dictionary()
        # Our own copy of the dictionary: add_word below must not reach any other Segmenter.
        self._tokenizer.FREQ = dict(frequencies)
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self.extra_words: frozenset[str] = frozenset(w for w in extra_words if w.strip())
        _add_words(self._tokenizer, self.extra_words, over_default_dictionary=True)

    def with_words(self, words: Iterable[str], *, layered: bool = False) -> "Segmenter":
        """A new Segmenter that also keeps `words` whole; this one is left as it is.

        `layered` puts the words in a layer over this Segmenter's dictionary instead of copying its
        350 000 entries: for a few words and a few lines to segment with them (an episode's learned
        names), since a lookup through the layer costs about twice a plain one."""
        words = words if isinstance(words, (set, frozenset)) else set(words)
        if words <= self.extra_words:  # an episode's glossary words, already held by a worker's Segmenter
            return self
        new_words = {w for w in words if w.strip()} - self.extra_words
        if not new_words:
            return self
        other = object.__new__(Segmenter)
        other._tokenizer = type(self._tokenizer)()
        # jieba writes added words to the first map of a ChainMap only: this dictionary stays as it is.
        other._tokenizer.FREQ = ChainMap({}, self._tokenizer.FREQ) if layered else dict(self._tokenizer.FREQ)
        other._tokenizer.total = self._tokenizer.total
        other._tokenizer.initialized = True
        other.extra_words = self.extra_words | new_words
        _add_words(other._tokenizer, new_words)
        return other

    def tokens(self, text: str, made: dict[tuple[str, int], Token] | None = None) -> list[Token]:
        """The words of `text`. Interned: an episode says the same few thousand words over and over, and
        each word's text is then held once, not once per time it is said. `made`, given, holds the tokens
        made so far (word and start -> token; tokens are immutable) and equal ones are shared: a long
        episode says the same word at the same place in a line often (about half its tokens, over the
        dev corpus), and tokens are most of an episode's memory."""
        if made is None:
            return [Token(intern(word), start, end) for word, start, end in self._tokenizer.tokenize(text)]
        tokens = []
        for word, start, end in self._tokenizer.tokenize(text):
            word = intern(word)  # the key holds the word too: once
            token = made.get((word, start))
            if token is None:
                token = made[word, start] = Token(word, start, end)
            tokens.append(token)
        return tokens

    def words(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text)


def with_words_joined(text: str, tokens: Iterable[Token], spans: Iterable[tuple[int, int]]) -> list[Token]:
    """`tokens` with each span of `text` made one word: a name found after segmenting (a dictionary
    name, a romanised Chinese name) joins the line's words only as itself. A word the span cuts into
    (比特 of 比特朗普) keeps its part outside the span as a word of its own; no other cut changes."""
    spans = sorted(spans)
    result: list[Token] = []
    emitted: set[tuple[int, int]] = set()
    for token in tokens:
        inside = [(s, e) for s, e in spans if s < token.end and token.start < e]
        if not inside:
            result.append(token)
            continue
        position = token.start
        for start, end in inside:
            if position < start:
                result.append(Token(text[position:start], position, start))
            if (start, end) not in emitted:
                emitted.add((start, end))
                result.append(Token(text[start:end], start, end))
            position = max(position, end)
        if position < token.end:
            result.append(Token(text[position : token.end], position, token.end))
    return result


def _add_words(tokenizer, words, *, over_default_dictionary: bool = False) -> None:
    """Add `words` so jieba keeps each whole: longest first, each with the frequency that makes it
    beat its own split under the words added before it.

    jieba's total count is put back afterwards: every word's probability is its count over that total,
    so leaving it grown would shift the scores of all cuts, and a line holding none of the new words
    could come out cut differently.

    Each frequency takes a segmentation of its word to find (a glossary's two thousand words, about
    0.03 s a process); `over_default_dictionary` says the tokenizer holds jieba's default dictionary
    alone, so that the frequencies are the same in every process and are kept in the per-user cache."""
    total = tokenizer.total
    # Words of one length in a fixed order: each word's frequency depends on the words added before
    # it, so a set's iteration order (which changes with Python's hash seed) would change the cuts.
    ordered = sorted(words, key=lambda word: (-len(word), word))
    added = False

    def add_each() -> list[int]:
        nonlocal added
        frequencies = []
        for word in ordered:
            frequency = max(_USER_WORD_FLOOR, tokenizer.suggest_freq(word, tune=False))
            tokenizer.add_word(word, freq=frequency)
            frequencies.append(frequency)
        added = True
        return frequencies

    if not over_default_dictionary or not ordered:
        add_each()
    else:
        from hashlib import sha256

        from ..cache import cached

        def frequencies_of(payload: object) -> list[int]:
            if not (isinstance(payload, list) and len(payload) == len(ordered) and all(type(f) is int for f in payload)):
                raise ValueError("not the frequencies of these words")
            return payload

        words_hash = sha256("\n".join(ordered).encode()).hexdigest()
        key = f"{_USER_WORD_FLOOR} {dictionary_key()} {len(ordered)} {words_hash}"
        frequencies = cached("jieba-user-words", key, add_each, frequencies_of)
        if not added:  # read from the cache: the same additions, without working the frequencies out
            for word, frequency in zip(ordered, frequencies):
                tokenizer.add_word(word, freq=frequency)
    tokenizer.total = total


@cache
def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary, loaded once per process and only ever copied, never changed.

    Read from subpipe's per-user cache (`subpipe.cache`): jieba's own cache is read with
    `marshal.load` on a file object, which reads in small pieces and takes about four times as long
    as reading the bytes first; built with jieba's own `gen_pfdict` when the cache lacks it."""
    from ..cache import cached

    path = _dictionary_path()
    return cached("jieba-dictionary", dictionary_key(), lambda: _parse_dictionary(path), _frequencies)


# Bump when a table derived from jieba's dictionary changes what it holds: cached ones are then rebuilt.
_TABLES_VERSION = "2"  # 2: tag tables as word tables (`text.word_table`)


def dictionary_key() -> str:
    """What the tables derived from jieba's dictionary are keyed by in the cache: the file and the
    version of what derives them."""
    from ..cache import file_key

    return f"{_TABLES_VERSION} {file_key(_dictionary_path())}"


def _dictionary_path() -> Path:
    return jieba_folder() / "dict.txt"


@cache
def jieba_folder() -> Path:
    """jieba's package folder, found without importing jieba (a cached table may be all a process needs)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed")
    return Path(spec.submodule_search_locations[0])


def _parse_dictionary(path: Path) -> tuple[dict[str, int], int]:
    with path.open("rb") as lines:
        return import_jieba().Tokenizer.gen_pfdict(lines)


def import_jieba() -> ModuleType:
    """jieba, imported without setuptools' `pkg_resources`, which importing jieba imports only to open
    jieba's own data files and does without (opening them by path) when it is missing; importing it
    reads the metadata of every installed distribution, about 0.04 s of a cold run."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` fails
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    return jieba


def _frequencies(payload: object) -> tuple[dict[str, int], int]:
    frequencies, total = payload  # type: ignore[misc]
    if not (isinstance(frequencies, dict) and isinstance(total, int) and frequencies):
        raise ValueError("not jieba's frequency table")
    return frequencies, total


# jieba's tags for names of people, places, organisations and other proper nouns: a word it knows only
# with one of these is a name, not an ordinary word.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
# Below this frequency jieba's dictionary holds many rare or odd entries; they do not make a word common.
_ORDINARY_MIN_FREQUENCY = 50


def is_ordinary_word(word: str) -> bool:
    """True for a single character, or a word jieba's dictionary lists at least 50 times with a tag that
    is not a name's: 苹果 and 小米 are ordinary, 麦格鲁 and 布朗 are not. jieba tags a few given names
    as common nouns (大卫), and those count as ordinary too. Keeps the parts of dotted names that are
    everyday words from standing for the name."""
    return len(word) == 1 or word in _ordinary_words()


# jieba lists many rare or odd strings with tiny counts; from this count on a word is a known word.
_KNOWN_MIN_FREQUENCY = 20


def is_dictionary_word(word: str) -> bool:
    """True when jieba's default dictionary knows `word` as a word of its own, whatever its tag
    (马拉松, 意大利, 巧克力): text that is a known word is not an unknown name."""
    frequencies, _ = _base_dictionary()
    return frequencies.get(word, 0) >= _KNOWN_MIN_FREQUENCY


def dictionary_frequency(word: str) -> int:
    """How often jieba's default dictionary counts `word` (0 when it does not list it)."""
    frequencies, _ = _base_dictionary()
    return frequencies.get(word, 0)


def is_person_name_word(word: str) -> bool:
    """True when jieba's dictionary tags `word` as a person's name (nr, nrt, nrfg: 杰瑞, 安德烈), so it
    can stand inside a transliterated name even though it is not made of transliteration characters."""
    return word in _person_name_words()


_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
# Tags of words that can name a topic: nouns of every kind and verbal nouns.
_TOPIC_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "ng"})


def topic_word_tag(word: str) -> str | None:
    """jieba's tag for a word that can name a topic (a noun or verbal noun), else None."""
    return _topic_words().get(word)


@cache
def dictionary_tags(tags: frozenset[str]) -> WordTable:
    """Word -> jieba's tag for every word of jieba's default dictionary tagged with one of `tags` (the
    sentence model's verbs, adverbs and function words); kept per process like the other word lists."""
    return _dictionary_tagged(f"tagged {sorted(tags)}", lambda frequency, tag: tag in tags)


@cache
def _topic_words() -> WordTable:
    return _dictionary_tagged(f"topic {sorted(_TOPIC_TAGS)}", lambda frequency, tag: tag in _TOPIC_TAGS)


@cache
def _ordinary_words() -> frozenset[str]:
    return _dictionary_words(
        f"ordinary {sorted(_NAME_TAGS)} {_ORDINARY_MIN_FREQUENCY}",
        lambda frequency, tag: tag not in _NAME_TAGS and frequency >= _ORDINARY_MIN_FREQUENCY,
    )


# Tags of nouns and names: what a speaker label can be (主持人, 记者, 唐凤). Any other known word
# (比如 v, 总之 c, 首先 d, 今天 t) opens or links a sentence and never names who speaks.
_NOUN_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng"})


def is_function_word(word: str) -> bool:
    """True for a word jieba's dictionary knows (20 times or more) with a tag that is not a noun's or a
    name's: a verb, conjunction, adverb, pronoun, time word… (比如, 注意, 总之, 首先)."""
    return word in _function_words()


@cache
def _function_words() -> frozenset[str]:
    return _dictionary_words(
        f"function {sorted(_NOUN_TAGS)} {_KNOWN_MIN_FREQUENCY}",
        lambda frequency, tag: tag not in _NOUN_TAGS and frequency >= _KNOWN_MIN_FREQUENCY,
    )


@cache
def _person_name_words() -> frozenset[str]:
    return _dictionary_words(f"person {sorted(_PERSON_TAGS)}", lambda frequency, tag: tag in _PERSON_TAGS)


def _dictionary_words(label: str, keep: Callable[[int, str], bool]) -> frozenset[str]:
    """The words of jieba's default dictionary (`word freq tag` lines) that `keep` accepts (`label`
    names the table and spells out its filter, so that a changed filter is not served an old table).

    Reading the 5 MB dictionary takes most of a second: each table is kept in the per-user cache."""
    from ..cache import cached

    path = _dictionary_path()
    name, _, _ = label.partition(" ")
    return cached(
        f"jieba-{name}",
        f"{label} {dictionary_key()}",
        lambda: sorted(word for word, frequency, tag in _entries(path) if keep(frequency, tag)),
        _words_of,
    )


def _dictionary_tagged(label: str, keep: Callable[[int, str], bool]) -> WordTable:
    """Word -> tag for the words of jieba's default dictionary that `keep` accepts (as `_dictionary_words`),
    as a compact table (a dict of the 230,000 nouns takes 60 ms to build from the cache, this 15)."""
    from ..cache import cached

    path = _dictionary_path()
    name, _, _ = label.partition(" ")
    return cached(
        f"jieba-{name}",
        f"{label} {dictionary_key()}",
        lambda: WordTable.tags_payload({word: tag for word, frequency, tag in _entries(path) if keep(frequency, tag)}),
        WordTable.of_tags,
    )


def _entries(path: Path) -> Iterator[tuple[str, int, str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if len(fields) == 3:
                yield fields[0], int(fields[1]), fields[2]


def _words_of(payload: object) -> frozenset[str]:
    if not (isinstance(payload, list) and all(isinstance(word, str) for word in payload[:10])):
        raise ValueError("not a word list")
    return frozenset(payload)


