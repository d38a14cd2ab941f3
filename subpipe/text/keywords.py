"""Word weights for keywords: TF-IDF with the IDF table jieba ships, and Chinese stop words.

Used by chapter titles and the episode's keywords. Computed here rather than with `jieba.analyse`,
whose import builds jieba's global extractors (reading its IDF file twice and its whole dictionary
again); the weighting is the same as jieba's extractor: frequency in the text times the word's IDF,
the median IDF for words the table lacks. Tables are read once per process and never changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from pathlib import Path

from .word_table import WordTable



@cache
def stop_words() -> frozenset[str]:
    """spaCy's Chinese stop words, read from spaCy's own file without importing spaCy (which takes
    seconds): the list is data, and this stage needs nothing else of spaCy."""
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("spaCy is not installed")
    path = Path(spec.submodule_search_locations[0]) / "lang" / "zh" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_subpipe_zh_stop_words", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@cache
def idf_table() -> tuple[WordTable, float]:
    """jieba's inverse document frequencies (the idf.txt jieba ships) and the median for unknown words.

    Read directly (importing jieba.analyse would build its global extractors, reading this file twice
    more and jieba's whole dictionary once more), and kept in the per-user cache as a compact table."""
    from ..cache import cached, file_key
    from .segment import jieba_folder

    path = jieba_folder() / "analyse" / "idf.txt"
    return cached("jieba-idf", f"{_IDF_VERSION} {file_key(path)}", lambda: _read_idf(path), _idf_of)


_IDF_VERSION = "2"  # 2: a word table (`text.word_table`)


def _read_idf(path: Path) -> tuple[tuple[str, bytes], float]:
    """idf.txt as the cache holds it: a word table of its values, and the median value."""
    idf: dict[str, float] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.strip().partition(" ")
            if value:
                idf[word] = float(value)
    values = sorted(idf.values())
    return WordTable.numbers_payload(idf), values[len(values) // 2]


def _idf_of(payload: object) -> tuple[WordTable, float]:
    table, median = payload  # type: ignore[misc]
    if not isinstance(median, float):
        raise ValueError("not an IDF table")
    return WordTable.of_numbers(table), median


def tfidf_weights(words: Iterable[tuple[str, str]], allowed_tags: Collection[str] | None = None) -> dict[str, float]:
    """TF-IDF weight of each (word, tag) in `words`: words of one character, stop words and words whose
    tag is not in `allowed_tags` (when given) do not count."""
    return tfidf_of_counts(Counter(words), allowed_tags)


def tfidf_of_counts(
    occurrences: Mapping[tuple[str, str], int], allowed_tags: Collection[str] | None = None
) -> dict[str, float]:
    """tfidf_weights given how often each (word, tag) occurs, in the order of their first occurrence
    (a Counter over the words): for a caller that has counted its words already."""
    idf, median = idf_table()
    stops = stop_words()
    # Each distinct (word, tag) is checked once, then counted with its occurrences. The words keep the
    # order of their first counted occurrence, as one Counter over the filtered words would give.
    counts: dict[str, int] = {}
    for (word, tag), times in occurrences.items():
        if (allowed_tags is None or tag in allowed_tags) and len(word.strip()) >= 2 and word.lower() not in stops:
            counts[word] = counts.get(word, 0) + times
    total = sum(counts.values()) or 1
    return {word: count / total * idf.get(word, median) for word, count in counts.items()}
