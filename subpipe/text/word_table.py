"""A read-only table of words and their values (jieba's tags, IDF values) in the compact form the per-user
cache holds: the words sorted in one string, the values packed.

Building a dict of jieba's 230,000 nouns or 270,000 IDF words costs 60-100 ms in every process; splitting
the sorted words costs about 15. A word is looked up by bisection the first time it is asked for and
remembered (up to `_SEEN_KEPT` words, then forgotten all at once), so the words an episode says most
cost what a dict lookup does. The bound is small because what is remembered outlives the episode: on
the dev corpus (1.2 MB, 274,000 lookups) 4,096 words cost 0.05 s more than 65,536 did and hold 0.4 MB
per table instead of up to 1.6 (issue 20).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence

_ABSENT = object()
_SEEN_KEPT = 4096


class WordTable:
    """Word -> value, read-only."""

    __slots__ = ("_words", "_values", "_names", "_seen")

    def __init__(self, words: list[str], values: Sequence, names: Sequence | None = None):
        """`values[i]` is the value of `words[i]` (sorted), or with `names` the number of its value there."""
        if len(words) != len(values):
            raise ValueError("a word table needs one value per word")
        self._words = words
        self._values = values
        self._names = names
        self._seen: dict[str, object] = {}

    def get(self, word: str, default=None):
        value = self._seen.get(word, _ABSENT)
        if value is _ABSENT:
            index = bisect_left(self._words, word)
            found = index < len(self._words) and self._words[index] == word
            value = None
            if found:
                value = self._values[index] if self._names is None else self._names[self._values[index]]
            if len(self._seen) >= _SEEN_KEPT:
                self._seen.clear()
            self._seen[word] = value
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __len__(self) -> int:
        return len(self._words)

    # --- as the cache holds them -------------------------------------------------------------------

    @staticmethod
    def tags_payload(tags: Mapping[str, str]) -> tuple[str, tuple[str, ...], bytes]:
        """Word -> tag as plain values: the sorted words, the distinct tags, each word's tag number."""
        words = sorted(tags)
        names = tuple(sorted(set(tags.values())))
        number = {name: index for index, name in enumerate(names)}
        return "\n".join(words), names, bytes(number[tags[word]] for word in words)

    @classmethod
    def of_tags(cls, payload: object) -> "WordTable":
        text, names, numbers = payload  # type: ignore[misc]
        if not (isinstance(names, tuple) and isinstance(numbers, bytes) and len(names) <= 256):
            raise ValueError("not a tag table")
        return cls(text.split("\n") if text else [], numbers, names)

    @staticmethod
    def numbers_payload(values: Mapping[str, float]) -> tuple[str, bytes]:
        """Word -> float as plain values: the sorted words and their values packed as doubles."""
        words = sorted(values)
        return "\n".join(words), array("d", (values[word] for word in words)).tobytes()

    @classmethod
    def of_numbers(cls, payload: object) -> "WordTable":
        text, packed = payload  # type: ignore[misc]
        values = array("d")
        values.frombytes(packed)
        return cls(text.split("\n") if text else [], values)
