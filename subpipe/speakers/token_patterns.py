"""Token patterns written as spaCy's `Matcher` takes them, matched the way it matches them, without spaCy.

Importing spaCy's `Doc` and `Matcher` costs about 0.3 s even without spaCy's package `__init__` (they
import thinc, numpy, srsly and pydantic; the package itself imports its command line too, 0.4-0.7 s in
all), more than the whole rest of a cold `subpipe run` after jieba's dictionary. The speech-marker
patterns need a small part of the Matcher, implemented here with its semantics:

- a pattern is a list of token specs; a spec's conditions all hold for a token: `TEXT` (a string, or
  `{"IN": [...]}` / `{"NOT_IN": [...]}`), `ENT_TYPE` (the label of the entity the token is in, "" outside
  any; the same forms), and the flags `IS_PUNCT` (every character is Unicode punctuation), `IS_SPACE`
  (`str.isspace`) and `IS_UPPER` (`str.isupper`), as spaCy's lexical attributes define them;
- `OP` is `?`, `*`, `+`, `{n}`, `{n,m}`, `{,m}` or `{n,}`, expanded as spaCy expands them (`+` is one
  token then `*`, `{,m}` is m optional tokens);
- the matches are every (key, start, end) for which some pattern of the key matches the tokens from
  start to end exactly, each once, none empty: spaCy's `Matcher.__call__` with no `greedy` filter.

`tests/test_speakers_token_patterns.py` checks all of it against spaCy's own Matcher on random lines.
A spec with any other key or operator is refused when the matcher is built, rather than matched wrongly.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

_ONE, _ZERO_ONE, _ZERO_PLUS = 0, 1, 2
_OPERATORS = {None: (_ONE,), "1": (_ONE,), "?": (_ZERO_ONE,), "*": (_ZERO_PLUS,), "+": (_ONE, _ZERO_PLUS)}
_FLAGS = ("IS_PUNCT", "IS_SPACE", "IS_UPPER")


class TokenMatcher:
    """Patterns by key, as `spacy.matcher.Matcher.add(key, patterns)` takes them."""

    def __init__(self, patterns: Mapping[str, Sequence[Sequence[Mapping]]]):
        self._patterns: list[tuple[str, tuple[tuple[Callable[[_Line, int], bool], int], ...]]] = []
        # Patterns by the words one may start with; the rest (a name first, or any word) are tried everywhere.
        self._by_first_word: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        for key, alternatives in patterns.items():
            for pattern in alternatives:
                number = len(self._patterns)
                steps = tuple(step for spec in pattern for step in _steps(spec))
                if not steps:
                    raise ValueError(f"an empty pattern for {key!r}")
                self._patterns.append((key, steps))
                first = _first_words(pattern)
                if first is None:
                    self._anywhere.append(number)
                else:
                    for word in first:
                        self._by_first_word.setdefault(word, []).append(number)

    def __call__(self, words: Sequence[str], labels: Sequence[str]) -> list[tuple[str, int, int]]:
        """Every (key, start, end) a pattern matches, in the order of start, end and pattern: `words` are
        a line's tokens, `labels` the entity label of each ("" outside any entity)."""
        line = _Line(words, labels)
        found: set[tuple[str, int, int]] = set()
        ordered: list[tuple[int, int, int, str]] = []
        for start, word in enumerate(words):
            for number in (*self._by_first_word.get(word, ()), *self._anywhere):
                key, steps = self._patterns[number]
                for end in _ends(steps, line, start):
                    if (key, start, end) not in found:
                        found.add((key, start, end))
                        ordered.append((start, end, number, key))
        return [(key, start, end) for start, end, _, key in sorted(ordered)]


class _Line:
    """A line's tokens with the attributes patterns test, each computed when first asked for."""

    __slots__ = ("words", "labels", "_flags")

    def __init__(self, words: Sequence[str], labels: Sequence[str]):
        self.words = words
        self.labels = labels
        self._flags: dict[tuple[str, int], bool] = {}

    def flag(self, name: str, index: int) -> bool:
        value = self._flags.get((name, index))
        if value is None:
            word = self.words[index]
            if name == "IS_PUNCT":  # spaCy's lex_attrs.is_punct
                value = all(unicodedata.category(char).startswith("P") for char in word)
            elif name == "IS_SPACE":
                value = word.isspace()
            else:
                value = word.isupper()
            self._flags[(name, index)] = value
        return value


def _ends(steps: tuple[tuple[Callable[[_Line, int], bool], int], ...], line: _Line, start: int) -> list[int]:
    """Every end of a match of `steps` starting at token `start` (none empty), by walking the set of steps
    reached after each token."""
    last = len(steps)
    states = _closure({0}, steps)
    ends = []
    position = start
    while states:
        if last in states and position > start:
            ends.append(position)
        if position == len(line.words):
            break
        following = set()
        for state in states:
            if state == last:
                continue
            test, operator = steps[state]
            if test(line, position):
                following.add(state + 1)
                if operator == _ZERO_PLUS:
                    following.add(state)
        states = _closure(following, steps)
        position += 1
    return ends


def _closure(states: set[int], steps) -> set[int]:
    """`states` with every step reachable by skipping optional steps."""
    reached = set(states)
    for state in sorted(states):
        while state < len(steps) and steps[state][1] != _ONE:
            state += 1
            reached.add(state)
    return reached


def _steps(spec: Mapping) -> list[tuple[Callable[[_Line, int], bool], int]]:
    test = _test(spec)
    return [(test, operator) for operator in _operators(spec.get("OP"))]


def _operators(op: str | None) -> tuple[int, ...]:
    if op in _OPERATORS:
        return _OPERATORS[op]
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        low, _, high = op[1:-1].partition(",") if "," in op else (op[1:-1], ",", op[1:-1])
        if (low == "" or low.isdecimal()) and (high == "" or high.isdecimal()) and (low or high):
            least = int(low or 0)
            if high and int(high) < least:
                raise ValueError(f"operator {op!r}: fewer allowed than required")
            tail = (_ZERO_ONE,) * (int(high) - least) if high else (_ZERO_PLUS,)
            return (_ONE,) * least + tail
    raise ValueError(f"operator {op!r} is not one spaCy's Matcher has")


def _test(spec: Mapping) -> Callable[[_Line, int], bool]:
    """One function testing every condition of a token spec."""
    conditions: list[Callable[[_Line, int], bool]] = []
    for attribute, value in spec.items():
        if attribute == "OP":
            continue
        if attribute == "TEXT":
            conditions.append(_value_test(value, lambda line, index: line.words[index]))
        elif attribute == "ENT_TYPE":
            conditions.append(_value_test(value, lambda line, index: line.labels[index]))
        elif attribute in _FLAGS and isinstance(value, bool):
            conditions.append(lambda line, index, name=attribute, wanted=value: line.flag(name, index) is wanted)
        else:
            raise ValueError(f"token spec {attribute}={value!r} is not supported here")
    if len(conditions) == 1:
        return conditions[0]
    return lambda line, index: all(condition(line, index) for condition in conditions)


def _value_test(value, read: Callable[[_Line, int], str]) -> Callable[[_Line, int], bool]:
    if isinstance(value, str):
        return lambda line, index: read(line, index) == value
    if isinstance(value, dict) and len(value) == 1:
        (predicate, values), = value.items()
        if predicate in ("IN", "NOT_IN") and isinstance(values, (list, tuple, set, frozenset)):
            allowed = frozenset(values)
            if predicate == "IN":
                return lambda line, index: read(line, index) in allowed
            return lambda line, index: read(line, index) not in allowed
    raise ValueError(f"condition {value!r} is not supported here")


def _first_words(pattern: Sequence[Mapping]) -> frozenset[str] | None:
    """The words a match of `pattern` may start with, when its specs up to the first required one all
    name their words; else None (it may start anywhere)."""
    words: set[str] = set()
    for spec in pattern:
        value = spec.get("TEXT")
        if isinstance(value, str):
            words.add(value)
        elif isinstance(value, dict) and value.keys() == {"IN"}:
            words.update(value["IN"])
        else:
            return None
        if _operators(spec.get("OP"))[0] == _ONE:
            return frozenset(words)
    return None
