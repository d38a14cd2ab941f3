"""Speech markers: where a line hands the word to someone (郑亨元解释道, 用X的话来说, 他说, 有人问,
我是大飞, 这里是…), found with spaCy's Matcher over a Doc of the line's own jieba words, the names as
entities. Most lines lack some word or name every pattern needs: they get neither Doc nor Matcher
(the test is read off the patterns themselves)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..text.lexicon import OPENING_QUOTES, SHOW_INTRODUCTIONS
from .people import HOST_LABEL, PERSON_LABEL, PLACE_LABEL, SPEAKING_LABELS
from .references import VOICES
from .words import FRAME_NOUNS, ORG_DOCUMENTS, ORG_REFERENCES, PERSON_ROLES, POINTING, REPORTING_VERBS, SAID_NOUNS

_MARKER_GAP = "{,6}"  # words between a name and its speech verb (就, 也, 非常有自信的)
_NAMES = [*SPEAKING_LABELS, HOST_LABEL]


@dataclass(frozen=True)
class SpeechMarker:
    """Where a line hands the word to someone: `speaker` is a voice id, HOST, or None for a pronoun, a
    role or an organisation's reference (resolved by the narration, which knows who was named)."""

    kind: str  # "says", "pronoun", "role", "org-reference", "document", "unnamed", "self", "host", "show"
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
            [source, {"TEXT": {"IN": sorted(set(VOICES) | PERSON_ROLES)}, "OP": "?"}, space, name, space, {"TEXT": "的", "OP": "?"}, {"TEXT": {"IN": ["官方", "最新", "内部"]}, "OP": "?"},
             {"TEXT": {"IN": sorted(FRAME_NOUNS)}}],
            # 在五角大楼看来: a place may stand for those who govern there, in this frame only.
            [{"TEXT": "在"}, space, {"ENT_TYPE": {"IN": [*_NAMES, PLACE_LABEL]}, "OP": "+"}, space,
             {"TEXT": "我", "OP": "?"}, {"TEXT": "看来"}],
            [{"TEXT": {"IN": ["正如", "如", "就像"]}}, name, gap("{,2}"),
             {"TEXT": {"IN": ["所说", "所言", "说", "说过", "讲"]}}],
        ],
        # 根据相关披露, 根据 CNBC 报道: a source the narrator cites but no voice here can be (an acronym
        # names no one the names stage knows).
        "unsourced": [[source, {"TEXT": {"IN": ["相关", "有关", "公开", "最新"]}}, {"TEXT": {"IN": sorted(FRAME_NOUNS)}}],
                      [source, space, {"IS_UPPER": True, "ENT_TYPE": ""}, space, {"TEXT": {"IN": sorted(FRAME_NOUNS)}}]],
        # Ross的回答是, 他的思路是: the words named as a noun, to follow.
        "said-noun": [[{"ENT_TYPE": {"IN": _NAMES}, "OP": "+"}, {"TEXT": "的"}, {"TEXT": {"IN": sorted(SAID_NOUNS)}}],
                      [{"TEXT": {"IN": ["他", "她"]}}, {"TEXT": "的"}, {"TEXT": {"IN": sorted(SAID_NOUNS)}}]],
        "unnamed": [[some, voice, gap("{,5}", people_only), verb, dao], [some, voice, {"TEXT": "的"}, said],
                    [source, voice, {"TEXT": "的", "OP": "?"}, said]],
        "host": [[{"ENT_TYPE": HOST_LABEL, "OP": "+"}, {"TEXT": "我"}]],
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


def filter_names(names: list[Name]) -> list[Name]:
    """spaCy's `filter_spans`: the longest (then the first) of overlapping names wins; in word order."""
    kept, taken = [], set()
    for name in sorted(names, key=lambda n: (n.end - n.start, -n.start), reverse=True):
        if name.start not in taken and name.end - 1 not in taken:
            kept.append(name)
            taken.update(range(name.start, name.end))
    return sorted(kept, key=lambda n: n.start)
