"""Speech markers: where a line hands the word to someone (郑亨元解释道, 用X的话来说, 他说, 有人问,
我是大飞, 这里是…), found with spaCy's Matcher over a Doc of the line's own jieba words, the names as
entities. Most lines lack some word or name every pattern needs: they get neither Doc nor Matcher
(the test is read off the patterns themselves)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..text.lexicon import OPENING_QUOTES, REPORTING_VERBS, SHOW_INTRODUCTIONS, UNNAMED_VOICES

_MARKER_GAP = "{,6}"  # words between a name and its speech verb (就, 也, 非常有自信的)


@dataclass(frozen=True)
class SpeechMarker:
    """Where a line hands the word to someone: `speaker` is a person id, HOST, or None for a pronoun."""

    kind: str  # "says", "pronoun", "unnamed", "self", "host", "show"
    start: int  # character offsets of the marker in the line
    end: int
    speaker: str | None = None
    voice: str | None = None  # an unnamed voice's noun (主持人), a self-introduced name, a show (Simplified)
    written: str | None = None  # the same as the source writes it (Traditional input stays Traditional)


def _marker_patterns() -> dict[str, list[list[dict]]]:
    """spaCy Matcher patterns for every way a line hands the word to someone, by marker kind."""
    name = {"ENT_TYPE": {"IN": ["PERSON", "HOST"]}, "OP": "+"}
    verb = {"TEXT": {"IN": list(REPORTING_VERBS)}}
    dao = {"TEXT": "道", "OP": "?"}

    def gap(most: str = _MARKER_GAP) -> dict:
        return {"IS_PUNCT": False, "ENT_TYPE": {"NOT_IN": ["PERSON", "HOST"]}, "OP": most}

    # 郑亨元解释道; and X：“…” or X说“…”, which start a quotation.
    quote = [name, gap("{,3}"), {"TEXT": {"IN": ["：", ":"]}, "OP": "?"}, {"TEXT": {"IN": list(OPENING_QUOTES)}}]
    voice = {"TEXT": {"IN": list(UNNAMED_VOICES)}}
    some = {"TEXT": {"IN": ["有", "一位", "一名", "一个", "某位", "某个", "这位", "那位"]}, "OP": "?"}
    # 有人说, 主持人问道, 一位律师问; and 律师的问题是, 网友的说法.
    said = {"TEXT": {"IN": ["问题", "提问", "回答", "说法", "观点", "看法", "意见"]}}
    return {
        "says": [[name, gap(), verb, dao], quote],
        "pronoun": [[{"TEXT": {"IN": ["他", "她"]}}, gap("{,3}"), verb, dao]],
        "frame": [
            # 用特沃里克的话来说, 根据郑亨元的说法, 在X看来, 正如X所说, 据X介绍
            [{"TEXT": "用"}, name, {"TEXT": {"IN": ["的话", "的"]}}, {"TEXT": "话", "OP": "?"},
             {"TEXT": {"IN": ["来说", "来讲", "说"]}}],
            [{"TEXT": {"IN": ["根据", "按照", "据", "按"]}}, name, {"TEXT": "的", "OP": "?"},
             {"TEXT": {"IN": ["说法", "介绍", "讲述", "回忆", "描述", "解释", "观点", "看法", "话"]}}],
            [{"TEXT": "在"}, name, {"TEXT": "我", "OP": "?"}, {"TEXT": "看来"}],
            [{"TEXT": {"IN": ["正如", "如", "就像"]}}, name, gap("{,2}"),
             {"TEXT": {"IN": ["所说", "所言", "说", "说过", "讲"]}}],
        ],
        "unnamed": [[some, voice, gap("{,3}"), verb, dao], [some, voice, {"TEXT": "的"}, said]],
        "host": [[{"ENT_TYPE": "HOST", "OP": "+"}, {"TEXT": "我"}]],
        "self": [[{"TEXT": "我"}, {"TEXT": {"IN": ["是", "叫"]}}]],
        # 这里是 is 这里 + 是 to jieba, 欢迎收听 is 欢迎 + 收听.
        "show": [[{"TEXT": phrase[:2]}, {"TEXT": phrase[2:]}] for phrase in SHOW_INTRODUCTIONS],
    }


@cache
def marker_matcher():
    """The Matcher of `_marker_patterns` over spaCy's blank Chinese vocabulary. Built once per process: it
    depends only on the lexicon's constant word lists, and nothing adds to it after it is built."""
    from spacy.matcher import Matcher

    from ..text.segment import blank_chinese_vocab

    matcher = Matcher(blank_chinese_vocab())
    for kind, patterns in _marker_patterns().items():
        matcher.add(kind, patterns)
    return matcher


# What a line must hold for one pattern to match: ("TEXT", words): one of its words is among them;
# ("ENT_TYPE", labels): one of its names has one of these labels.
_Need = tuple[str, frozenset[str]]


@cache
def _marker_needs() -> tuple[tuple[_Need, ...], ...]:
    """For each speech-marker pattern, what a line must hold for it to match (cached like `marker_matcher`).

    Most lines hold no marker. Telling so from the line's words and names is much cheaper than building a
    spaCy Doc and running the Matcher over it, so only lines that hold all a pattern needs get both."""
    return tuple(_needs(pattern) for patterns in _marker_patterns().values() for pattern in patterns)


def _needs(pattern: list[dict]) -> tuple[_Need, ...]:
    """What a line must hold for `pattern` to match it. Only tokens the pattern cannot skip count (no
    operator, or `+`), and only conditions of equality or `IN` (the rest is left to the Matcher), so a
    line these reject is one the Matcher would not match."""
    needs = []
    for token in pattern:
        if token.get("OP") not in (None, "+"):  # ?, *, ! and {,n} may match without such a token
            continue
        for attribute in ("TEXT", "ENT_TYPE"):
            value = token.get(attribute)
            if isinstance(value, str):
                needs.append((attribute, frozenset((value,))))
            elif isinstance(value, dict) and value.keys() == {"IN"}:
                needs.append((attribute, frozenset(value["IN"])))
    # Names first, then the fewest words: most lines have no name, so most patterns fail at their first need.
    return tuple(sorted(needs, key=lambda need: (need[0] != "ENT_TYPE", len(need[1]))))


def may_hold_marker(words: Iterable[str], labels: set[str]) -> bool:
    """Whether a line with these words and these names' labels may match a speech-marker pattern."""
    held = {"TEXT": marker_words().intersection(words), "ENT_TYPE": labels}
    for needs in _marker_needs():
        # Plain loops: this runs for every line, and most lines fail every pattern's first need.
        for attribute, values in needs:
            if held[attribute].isdisjoint(values):
                break
        else:
            return True
    return False


@cache
def marker_words() -> frozenset[str]:
    """Every word some speech-marker pattern needs (cached like `marker_matcher`): only these tell lines apart."""
    return frozenset(
        word for needs in _marker_needs() for attribute, values in needs if attribute == "TEXT" for word in values
    )


@dataclass(frozen=True)
class Name:
    """A name in a line as the Doc's entities hold it: `start`/`end` are word indices."""

    start: int
    end: int
    label: str  # PERSON, HOST, or another name's kind (ORG, PRODUCT…)
    id: str  # the person's id, HOST, or the entity id of another name ("" for none)


def word_span(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """The words a character span touches, as spaCy's `Doc.char_span(..., alignment_mode="expand")` gives
    them for words written without spaces (None where it gives None); `starts`/`ends` are the words'
    character offsets."""
    first, last = _word_at(starts, ends, start), _word_at(starts, ends, end - 1)
    if first is None or last is None:
        return None
    return first, last + 1


def _word_at(starts: Sequence[int], ends: Sequence[int], char: int) -> int | None:
    index = bisect_right(starts, char) - 1
    return index if index >= 0 and char < ends[index] else None


def filter_names(names: list[Name]) -> list[Name]:
    """spaCy's `filter_spans`: the longest (then the first) of overlapping names wins; in word order."""
    kept, taken = [], set()
    for name in sorted(names, key=lambda n: (n.end - n.start, -n.start), reverse=True):
        if name.start not in taken and name.end - 1 not in taken:
            kept.append(name)
            taken.update(range(name.start, name.end))
    return sorted(kept, key=lambda n: n.start)
