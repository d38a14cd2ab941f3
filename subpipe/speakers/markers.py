"""Speech markers: where a line hands the word to someone (郑亨元解释道, 用X的话来说, 他说, 有人问,
我是大飞, 这里是…), found with token patterns in spaCy's Matcher notation (matched as spaCy matches
them, by `token_patterns`, without importing spaCy) over the line's own jieba words, the names as
entities. Most lines lack some word or name every pattern needs: the patterns are not even tried on
them (the test is read off the patterns themselves)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

from ..model import AnalyzedLine
from ..text.lexicon import (
    ADDRESSEE_MARKERS,
    COMMON_SURNAMES,
    FUNCTION_CHARS,
    OPENING_QUOTES,
    SAY_COMPOUNDS,
    SHOW_INTRODUCTIONS,
)
from ..text.segment import is_ordinary_word
from .people import HOST_LABEL, PERSON_LABEL, PLACE_LABEL, PUNCTUATION, SPEAKING_LABELS
from .references import VOICES
from .token_patterns import TokenMatcher
from .words import (
    FRAME_NOUNS,
    NOMINAL_VERBS,
    NOT_A_REPORT_BEFORE,
    ORG_DOCUMENTS,
    ORG_REFERENCES,
    PERSON_ROLES,
    POINTING,
    REPORTING_VERBS,
    SAID_NOUNS,
    SOURCE_BEFORE,
)

_MARKER_GAP = "{,6}"  # words between a name and its speech verb (就, 也, 非常有自信的)
# Marker kinds from the most specific to the least, for words several patterns match.
_KIND_PRIORITY = (
    "self", "host", "show", "unsourced", "said-noun", "frame", "document", "role", "org-reference", "unnamed",
    "pronoun", "says",
)
_LONGEST_NAME = 6  # characters of a self-introduced name
_LONGEST_INTRODUCTION = 14  # characters of the clause after 我是 that holds it
# Words before a host's name in a self-introduction: 我是主持人大飞, 我是你们的老朋友大飞.
_HOST_ROLE_WORDS = frozenset("主持人 主播 老朋友 朋友 小编 博主 up主 UP主".split())
_NAMES = [*SPEAKING_LABELS, HOST_LABEL]


@dataclass(frozen=True)
class SpeechMarker:
    """Where a line hands the word to someone: `speaker` is a voice id, HOST, or None for a pronoun, a
    role or an organisation's reference (resolved by the narration, which knows who was named)."""

    # "says", "said-noun", "pronoun", "role", "org-reference", "document", "unnamed", "unsourced", "self",
    # "host", "show"
    kind: str
    start: int  # character offsets of the marker in the line
    end: int
    speaker: str | None = None
    voice: str | None = None  # a pronoun, a role or unnamed voice's noun, a self-introduced name, a show
    written: str | None = None  # the same as the source writes it (Traditional input stays Traditional)
    said_noun: bool = False  # X的回答是: the words are named as a noun, and follow
    cited: bool = False  # 听X说, X告诉我, 据X透露: X is named as a source, which inside a quote is not a turn
    frame: bool = False  # 根据X的说法, 在X看来: the narrator cites X, never a voice inside someone's words


def _marker_patterns() -> dict[str, list[list[dict]]]:
    """spaCy Matcher patterns for every way a line hands the word to someone, by marker kind."""
    name = {"ENT_TYPE": {"IN": _NAMES}, "OP": "+"}
    verb = {"TEXT": {"IN": list(REPORTING_VERBS)}}
    dao = {"TEXT": "道", "OP": "?"}

    def gap(most: str = _MARKER_GAP, names: list[str] = _NAMES) -> dict:
        return {"IS_PUNCT": False, "ENT_TYPE": {"NOT_IN": names}, "OP": most}

    # Between a pronoun or an unnamed voice and its verb, an organisation or a place may stand (他在达沃斯
    # 论坛上公然宣称, 网友也在Anthropic的推文下留言); a person may not (他对X说 is left to the names).
    people_only = [PERSON_LABEL, HOST_LABEL]

    # 郑亨元解释道; and X：“…”, which starts a quotation (X说“…” is the verb's; a name followed by a quote
    # without a colon is often a word in scare quotes: 他甚至亲自去白宫“觐见”).
    quote = [name, gap("{,3}"), {"TEXT": {"IN": ["：", ":"]}}, {"TEXT": {"IN": list(OPENING_QUOTES)}}]
    voice = {"TEXT": {"IN": list(VOICES)}}
    some = {"TEXT": {"IN": ["有", "一位", "一名", "一个", "某位", "某个", "这位", "那位", "另一位"]}, "OP": "?"}
    # 有人说, 主持人问道, 一位律师问; and 律师的问题是, 网友的说法.
    said = {"TEXT": {"IN": ["问题", "提问", "回答", "说法", "观点", "看法", "意见", "报道", "消息"]}}
    pointing = {"TEXT": {"IN": list(POINTING)}}
    role = {"TEXT": {"IN": sorted(PERSON_ROLES)}}
    source = {"TEXT": {"IN": ["根据", "按照", "据", "按"]}}
    space = {"IS_SPACE": True, "OP": "?"}  # 根据 Groq 的官方声明: Latin names come with spaces around them
    return {
        "says": [[name, gap(), verb, dao], quote],
        "pronoun": [[{"TEXT": {"IN": ["他", "她"]}}, gap("{,5}", people_only), verb, dao],
                    [{"TEXT": "在"}, {"TEXT": {"IN": ["他", "她"]}}, {"TEXT": "看来"}]],
        # 这位CEO表示, 该创始人认为: the person the text gave that role, or last named.
        "role": [[pointing, role, gap("{,3}"), verb, dao]],
        # 该公司表示, 这家公司称, 官方回应: the organisation last named.
        "org-reference": [[{"TEXT": {"IN": list(ORG_REFERENCES)}}, gap("{,3}"), verb, dao],
                          [{"TEXT": {"IN": ["该", "这家"]}}, {"TEXT": {"IN": ["公司", "机构", "企业", "实验室"]}},
                           gap("{,3}"), verb, dao]],
        # 根据博客中的详细描述, 按照官网介绍: an organisation's own document, the organisation last named.
        "document": [[source, {"TEXT": {"IN": sorted(ORG_DOCUMENTS)}}, gap("{,3}"),
                      {"TEXT": {"IN": sorted(FRAME_NOUNS | {"描述", "介绍", "称", "所说", "所述"})}}]],
        "frame": [
            # 用特沃里克的话来说, 根据郑亨元的说法, 在X看来, 正如X所说, 据X介绍, 根据 Groq 的官方声明
            [{"TEXT": "用"}, name, {"TEXT": {"IN": ["的话", "的"]}}, {"TEXT": "话", "OP": "?"},
             {"TEXT": {"IN": ["来说", "来讲", "说"]}}],
            # (根据媒体The Verge的报道: a role or voice noun may stand before the name)
            [source, {"TEXT": {"IN": sorted(set(VOICES) | PERSON_ROLES)}, "OP": "?"}, space, name, space,
             {"TEXT": "的", "OP": "?"}, {"TEXT": {"IN": ["官方", "最新", "内部"]}, "OP": "?"},
             {"TEXT": {"IN": sorted(FRAME_NOUNS)}}],
            # 在五角大楼看来: a place may stand for those who govern there, in this frame only.
            [{"TEXT": "在"}, space, {"ENT_TYPE": {"IN": [*_NAMES, PLACE_LABEL]}, "OP": "+"}, space,
             {"TEXT": "我", "OP": "?"}, {"TEXT": "看来"}],
            [{"TEXT": {"IN": ["正如", "如", "就像"]}}, name, gap("{,2}"),
             {"TEXT": {"IN": ["所说", "所言", "说", "说过", "讲"]}}],
        ],
        # 根据相关披露, 根据 CNBC 报道: a source the narrator cites but no voice here can be (an acronym
        # names no one the names stage knows).
        "unsourced": [
            [source, {"TEXT": {"IN": ["相关", "有关", "公开", "最新"]}}, {"TEXT": {"IN": sorted(FRAME_NOUNS)}}],
            [source, space, {"IS_UPPER": True, "ENT_TYPE": ""}, space, {"TEXT": {"IN": sorted(FRAME_NOUNS)}}],
        ],
        # Ross的回答是, 他的思路是: the words named as a noun, to follow.
        "said-noun": [
            [{"ENT_TYPE": {"IN": _NAMES}, "OP": "+"}, {"TEXT": "的"}, {"TEXT": {"IN": sorted(SAID_NOUNS)}}],
            [{"TEXT": {"IN": ["他", "她"]}}, {"TEXT": "的"}, {"TEXT": {"IN": sorted(SAID_NOUNS)}}],
        ],
        "unnamed": [[some, voice, gap("{,5}", people_only), verb, dao], [some, voice, {"TEXT": "的"}, said],
                    [source, voice, {"TEXT": "的", "OP": "?"}, said]],
        "host": [[{"ENT_TYPE": HOST_LABEL, "OP": "+"}, {"TEXT": "我"}]],
        "self": [[{"TEXT": "我"}, {"TEXT": {"IN": ["是", "叫"]}}]],
        # 这里是 is 这里 + 是 to jieba, 欢迎收听 is 欢迎 + 收听.
        "show": [[{"TEXT": phrase[:2]}, {"TEXT": phrase[2:]}] for phrase in SHOW_INTRODUCTIONS],
    }


@cache
def marker_matcher() -> TokenMatcher:
    """The matcher of `_marker_patterns`. Built once per process: it depends only on the lexicon's
    constant word lists, and nothing adds to it after it is built."""
    return TokenMatcher(_marker_patterns())


# What a line must hold for one pattern to match: ("TEXT", words): one of its words is among them;
# ("ENT_TYPE", labels): one of its names has one of these labels.
_Need = tuple[str, frozenset[str]]


@cache
def _marker_needs() -> tuple[tuple[_Need, ...], ...]:
    """For each speech-marker pattern, what a line must hold for it to match (cached like `marker_matcher`).

    Most lines hold no marker. Telling so from the line's words and names is much cheaper than running
    every pattern over the line, so only lines that hold all some pattern needs are matched."""
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


class _WordSpan(Protocol):
    start: int
    end: int


_Spanned = TypeVar("_Spanned", bound=_WordSpan)


@dataclass(frozen=True)
class Name:
    """A name in a line, as the patterns' entities: `start`/`end` are word indices."""

    start: int
    end: int
    label: str  # PERSON, ORG, NAME, HOST, or another name's kind (PRODUCT…)
    id: str  # the voice's id, HOST, or the entity id of another name ("" for none)


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


def filter_names(names: Sequence[_Spanned]) -> list[_Spanned]:
    """spaCy's `filter_spans`: the longest (then the first) of overlapping names (or spans) wins; in
    word order."""
    kept, taken = [], set()
    for name in sorted(names, key=lambda n: (n.end - n.start, -n.start), reverse=True):
        if name.start not in taken and name.end - 1 not in taken:
            kept.append(name)
            taken.update(range(name.start, name.end))
    return sorted(kept, key=lambda n: n.start)


@dataclass(frozen=True)
class _Words:
    """A line's words with their character offsets (what a spaCy Doc of them would give)."""

    texts: list[str]
    starts: list[int]  # offset of each word in `text`
    text: str  # the words joined

    @classmethod
    def of(cls, texts: list[str]) -> "_Words":
        starts, offset = [], 0
        for word in texts:
            starts.append(offset)
            offset += len(word)
        return cls(texts, starts, "".join(texts))

    def end_char(self, word: int) -> int:
        return self.starts[word] + len(self.texts[word])


@dataclass(frozen=True)
class _Span:
    """Words `start` to `end` (exclusive) of a line, with their character offsets."""

    start: int
    end: int
    start_char: int
    end_char: int

    @classmethod
    def of(cls, words: _Words, start: int, end: int) -> "_Span":
        return cls(start, end, words.starts[start], words.end_char(end - 1))


@dataclass(frozen=True)
class _Entity(_Span):
    """A name in the line as a marker reads it (spaCy's entity Span: label_, kb_id_, text)."""

    label: str
    id: str
    text: str


def line_markers(item: AnalyzedLine, names: list[Name]) -> list[SpeechMarker]:
    """The speech markers of a line with these names (word spans, as `Name`s, not overlapping). The
    patterns are matched over the line's words with the names as entities, for lines that hold what
    some pattern needs (few do)."""
    texts = [token.text for token in item.tokens]
    if not may_hold_marker(texts, {name.label for name in names}):
        return []
    words = _Words.of(texts)
    entities = []
    labels = [""] * len(texts)
    for name in sorted(names, key=lambda name: name.start):
        span = _Span.of(words, name.start, name.end)
        text = words.text[span.start_char : span.end_char]
        entities.append(_Entity(span.start, span.end, span.start_char, span.end_char, name.label, name.id, text))
        labels[name.start : name.end] = [name.label] * (name.end - name.start)
    found = marker_matcher()(texts, labels)
    # Where patterns of several kinds match the same words, the most specific kind names them
    # (Ross的回答 is a said-noun frame before it is a name and a verb).
    kinds: dict[tuple[int, int], str] = {}
    for kind, start, end in found:
        if _KIND_PRIORITY.index(kind) < _KIND_PRIORITY.index(kinds.get((start, end), "says")):
            kinds[(start, end)] = kind
        kinds.setdefault((start, end), kind)
    ents = _Entities(entities)
    markers = []
    for span in filter_names([_Span.of(words, start, end) for _, start, end in found]):
        marker = _marker(kinds[(span.start, span.end)], span, words, ents, item.line.text)
        if marker is not None:
            markers.append(marker)
    return markers


def _marker(kind: str, span: _Span, words: _Words, ents: "_Entities", source: str) -> SpeechMarker | None:
    start, end = span.start_char, span.end_char
    texts = words.texts
    frame = kind == "frame"
    if frame:
        kind = "says"
    verbal = kind in ("says", "pronoun", "role", "org-reference", "unnamed") and not frame
    if verbal and _nominal_verb(span, texts):
        return None  # 饱受投资者们的批评, 给出的回应: the verb is a noun here
    if verbal and texts[span.end - 1] == "说" and _word_before(texts, span.end - 1) in SAY_COMPOUNDS:
        return None  # 郑亨元的工作可以说是…
    after = texts[span.end] if span.end < len(texts) else ""
    if kind in ("says", "said-noun"):
        ent = ents.first_within(span.start, span.end)
        if ent is None:
            if kind == "said-noun":  # 他的思路是
                return SpeechMarker(kind, start, end, voice=texts[span.start], said_noun=True)
            return None
        before = _word_before(texts, ent.start)
        if before in NOT_A_REPORT_BEFORE:
            return None  # 当X提到…时, 除了X指出来的, 被X称为: no report of X's
        if before in ADDRESSEE_MARKERS:
            return None  # 我对郑亨元说: he is spoken to
        if ent.label == HOST_LABEL:
            return SpeechMarker("host", start, end)
        if not ent.id:
            return None  # a name with no entity behind it cannot be a speaker
        if after == "的" and verbal:
            return None  # 施密特指出的问题: the verb opens a relative clause, not a report
        cited = (
            before in SOURCE_BEFORE
            or texts[span.start] == "据"
            or (texts[span.end - 1] == "告诉" and after in ("我", "我们"))
        )
        return SpeechMarker(
            kind, start, end, speaker=ent.id, said_noun=kind == "said-noun", cited=cited, frame=frame
        )
    before = _word_before(texts, span.start)
    if before in NOT_A_REPORT_BEFORE or after == "的":
        return None  # 当用户…时; 从他分享的基准测试: a time or relative clause
    if kind == "unnamed":
        if before in ADDRESSEE_MARKERS:
            return None  # 向观众解释: the audience is spoken to
        index = next(index for index in range(span.start, span.end) if texts[index] in VOICES)
        written = source[words.starts[index] : words.end_char(index)]
        return SpeechMarker("unnamed", start, end, voice=texts[index], written=written)
    if kind in ("pronoun", "role", "org-reference", "document"):
        voice = texts[span.start + 1] if kind == "role" else texts[span.start]
        if voice == "在":  # 在他看来
            voice = texts[span.start + 1]
        return SpeechMarker(kind, start, end, voice=voice, written=source[start:end])
    if kind == "unsourced":
        return SpeechMarker(kind, start, end)
    if kind == "host":
        return SpeechMarker("host", start, end)
    if kind == "self":
        return _self_introduction(span, words, ents, source)
    if kind == "show":
        clause = _clause(words.text, end)
        return SpeechMarker("show", start, end, voice=clause, written=source[end : end + len(clause)]) if clause else None
    return None


def _self_introduction(span: _Span, words: _Words, ents: "_Entities", source: str) -> SpeechMarker | None:
    """我是大飞 / 我是你们的老朋友大飞 / 我是主持人大飞: the clause after 是 is the name, or ends with it
    after 的 or a role word; anything else (我是说…, 我是一个程序员) is no introduction."""
    clause_end = span.end_char + len(_clause(words.text, span.end_char))
    if not (0 < clause_end - span.end_char <= _LONGEST_INTRODUCTION):
        return None
    for ent in ents.starting_from(span.end):
        if ent.start_char > clause_end:
            break
        if ent.label == PERSON_LABEL and ent.end_char == clause_end:
            written = source[ent.start_char : ent.end_char]
            return SpeechMarker("self", span.start_char, clause_end, speaker=ent.id, voice=ent.text, written=written)
    clause_words = []
    for index in range(span.end, len(words.texts)):  # the clause's words only, not the whole line's
        if words.end_char(index) > clause_end:
            break
        if words.starts[index] >= span.end_char:
            clause_words.append(words.texts[index])
    after_role = [i + 1 for i, word in enumerate(clause_words) if word == "的" or word in _HOST_ROLE_WORDS]
    name_words = clause_words[after_role[-1] :] if after_role else clause_words
    name = "".join(name_words)
    if not 1 <= len(name_words) <= 2 or not _looks_like_name(name):
        return None
    # Two words make a name as a surname and a given name jieba split (李 + 小雷), or as two words
    # that are no ordinary words themselves; 一个 + 程序员 is a description.
    if len(name_words) == 2 and not (
        name_words[0] in COMMON_SURNAMES or not any(is_ordinary_word(word) for word in name_words)
    ):
        return None
    written = source[clause_end - len(name) : clause_end]
    return SpeechMarker("self", span.start_char, clause_end, voice=name, written=written)


class _Entities:
    """A line's entities (in order, not overlapping) with the lookups a marker needs, each by bisection."""

    def __init__(self, ents: list[_Entity]):
        self.ents = ents
        self.starts = [ent.start for ent in ents]

    def starting_from(self, word: int) -> Iterator[_Entity]:
        """The entities that start at word `word` or later, in order."""
        for index in range(bisect_left(self.starts, word), len(self.ents)):
            yield self.ents[index]

    def first_within(self, start: int, end: int) -> _Entity | None:
        """The first entity inside words [start, end)."""
        ent = next(iter(self.starting_from(start)), None)
        return ent if ent is not None and ent.end <= end else None


def _word_before(texts: list[str], index: int) -> str:
    """The word before word `index`, spaces skipped (你可以对 Siri 说)."""
    index -= 1
    while index >= 0 and not texts[index].strip():
        index -= 1
    return texts[index] if index >= 0 else ""


def _nominal_verb(span: _Span, texts: list[str]) -> bool:
    """Whether a marker's speech verb stands after 的 as a noun (投资者们的批评, 给出的回应). Only verbs that
    are nouns as often count: before 告诉 or 说道, 的 is colloquial for 地 (语重心长的告诉, 自信的说道)."""
    last = span.end - 1
    return texts[last] in NOMINAL_VERBS and _word_before(texts, last) == "的"


def _looks_like_name(word: str) -> bool:
    if re.fullmatch(r"[A-Z][A-Za-z'’\-]{1,20}", word):
        return True
    return (
        2 <= len(word) <= _LONGEST_NAME
        and not is_ordinary_word(word)
        and not any(c in FUNCTION_CHARS for c in word)
        and not PUNCTUATION.search(word)
    )


def _clause(text: str, start: int) -> str:
    """The text from `start` to the next punctuation or the line's end."""
    match = PUNCTUATION.search(text, start)
    return text[start : match.start() if match else len(text)]
