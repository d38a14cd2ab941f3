"""Chinese people's names that nothing gives in English: a common surname and one or two given-name
characters, found where the text treats them as a person (before a speech verb or a title such as 老师,
after a role such as 董事长, in a list of such names), never an ordinary word.

Each is romanised the way English-language media write names from the transcript's place (see
`romanise.py`) and marked `via: romanised` for review. A surname alone with a title (刘老师) is the one
person of that surname the episode names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from ..model import AnalyzedLine, Mention, Token
from ..text.lexicon import (
    CJK_RANGE,
    COMMON_SURNAMES,
    FUNCTION_CHARS,
    TRANSLITERATION_CHARS,
)
from .edges import LEADING_FUNCTION_CHARS, NAME_FOLLOWERS

# Titles written right after a name: 刘连煜老师, 王杰同志. Each must be a word of its own after it.
TITLES_AFTER = frozenset(
    "老师 教授 先生 女士 小姐 律师 医生 博士 总裁 董事长 部长 主任 同学 委员 院长 校长 经理 主席 总统 总理 "
    "市长 议员 立委 政委 同志 处长 局长 书记 省长 县长 将军 大使 法官 记者 教练 导演 研究员 工程师 老板".split()
)
# Roles written right before a name: 董事长任正非, 教授方嘉麟.
ROLES_BEFORE = frozenset(
    "董事长 总裁 教授 部长 主任 老师 同学 总统 总理 主席 创始人 首席执行官 记者 律师 院长 校长 市长 议员 委员 "
    "大使 将军 博士 经理 工程师 副总裁 总经理 副总 立委 法官 主播 主持人".split()
)
# Words after which a name can only be a person's: who speaks or thinks (王杰说, 李一男认为), who lives
# and dies (王杰去世), who is one of a group (孙亚芳他们).
_PERSON_AFTER = frozenset(
    "说 讲 表示 认为 指出 提到 回忆 解释 强调 问 答 回答 告诉 觉得 死 去世 逝世 出生 他们 她们 等人 本人".split()
)
_LIST_SEPARATOR = "、"
# Names in a list (蒋念祖、方元沂、陈言博) that makes each a person; two will do when both are of three
# characters (李一男、郑宝用).
_SHORTEST_LIST = 3
_CJK = re.compile(rf"^[{CJK_RANGE}]+$")
# The last characters of the names of bodies, not people: 卫福部, 农委会, 国健署, 全教总.
_BODY_ENDINGS = frozenset("部会院局署处厅委所党队组社校系馆厂省市县区镇村路街站港总")


def find_chinese_names(
    analyzed: Sequence[AnalyzedLine],
    covered: Mapping[int, list[tuple[int, int]]],
    is_known_word,
) -> dict[str, int]:
    """The Chinese personal names the episode writes in a person context, each with the first line
    that does; `is_known_word(form)` says a form is a word (jieba's or CC-CEDICT's), not a name."""
    found: dict[str, int] = {}
    for item in analyzed:
        spans = covered.get(item.line.number, [])
        for start, end in _in_person_context(item):
            if any(s < end and start < e for s, e in spans):
                continue
            if is_chinese_name_at(item, start, end, is_known_word):
                found.setdefault(item.analysis[start:end], item.line.number)
    return found


def is_chinese_name_at(item: AnalyzedLine, start: int, end: int, is_known_word) -> bool:
    """The text at [start, end) of the line is a Chinese personal name, as it is written and cut there."""
    return looks_like_chinese_name(item.analysis[start:end], is_known_word) and not _holds_a_word(
        item, start, end, is_known_word
    )


def _holds_a_word(item: AnalyzedLine, start: int, end: int, is_known_word) -> bool:
    """A name is not made of words: 车间副 (车间 + 副) and 刘老师 (刘 + 老师) are not names. A shorter
    name inside it is no objection (朱德芳 holds 朱德)."""
    from ..text.segment import is_person_name_word
    from .dictionary import is_everyday_word

    return any(
        start <= token.start
        and token.end <= end
        and len(token.text) >= 2
        and is_known_word(token.text)
        # jieba tags everyday words as names too (谢谢, 顾问): CC-CEDICT tells them apart.
        and (not is_person_name_word(token.text) or is_everyday_word(token.text))
        for token in item.tokens
    )


def looks_like_chinese_name(form: str, is_known_word, *, whole: bool = False) -> bool:
    """A common surname and one or two given-name characters, not a word of the language, not a
    transliteration (马斯克 starts with the surname 马 but is all transliteration characters).
    `whole`: the form stands alone (a speaker label), so it cannot have run into the words around it."""
    if not (2 <= len(form) <= 3) or not _CJK.match(form) or form[0] not in COMMON_SURNAMES:
        return False
    # 和任总 is "with Ren", 向所 "to the": in running text a surname that is also a function word starts
    # no name, and no given name holds a word that follows names (康德有, 司要); a label stands alone,
    # and 陈可欣 or 潘国才 is a name there.
    if not whole and (
        form[0] in FUNCTION_CHARS | LEADING_FUNCTION_CHARS
        or any(char in NAME_FOLLOWERS | LEADING_FUNCTION_CHARS for char in form[1:])
    ):
        return False
    if form[-1] in _BODY_ENDINGS:
        return False
    if len(form) == 3 and all(char in TRANSLITERATION_CHARS for char in form):
        return False
    if any(form.endswith(title) for title in TITLES_AFTER | ROLES_BEFORE):  # 刘老师 is 刘 + 老师
        return False
    return not is_known_word(form)


def _in_person_context(item: AnalyzedLine) -> Iterable[tuple[int, int]]:
    """Spans of the line where a name would stand for a person: before a title or a person's verb,
    after a role, in a list of names."""
    tokens = item.tokens
    text = item.analysis
    for token in tokens:
        if token.text in TITLES_AFTER or token.text in _PERSON_AFTER:
            span = _name_ending_at(text, tokens, token.start)
            if span:
                yield span
        if token.text in ROLES_BEFORE:
            span = _name_starting_at(text, tokens, token.end)
            if span:
                yield span
    yield from _name_list(text, tokens)


def _name_ending_at(text: str, tokens: Sequence[Token], end: int) -> tuple[int, int] | None:
    """The name of 2 or 3 characters ending at `end`, starting on a word edge (or after a function
    character jieba glued to it: 跟赖 + 英照); 3 when both fit."""
    from .edges import on_word_edges

    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    if end not in ends:
        return None
    for length in (3, 2):
        start = end - length
        if start >= 0 and text[start] in COMMON_SURNAMES and on_word_edges(text, start, end, starts, ends, tokens):
            return start, end
    return None


def _name_starting_at(text: str, tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    if start not in starts or start >= len(text) or text[start] not in COMMON_SURNAMES:
        return None
    for length in (3, 2):
        end = start + length
        if end <= len(text) and end in ends:
            return start, end
    return None


def _name_list(text: str, tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
    """Names of 2–3 characters, each starting with a surname on a word edge, joined by 、: three or
    more of them (蒋念祖、方元沂、陈言博), or two of three characters each (李一男、郑宝用)."""
    if _LIST_SEPARATOR not in text:
        return
    run: list[tuple[int, int]] = []
    for position, char in enumerate(text):
        if char != _LIST_SEPARATOR:
            continue
        left = _name_ending_at(text, tokens, position)
        right = _name_starting_at(text, tokens, position + 1)
        if left is None or right is None:
            yield from _listed(text, run)
            run = []
            continue
        if not run or run[-1] != left:
            yield from _listed(text, run)
            run = [left]
        run.append(right)
    yield from _listed(text, run)


def _listed(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names of a list long enough to make each a person; a pair only of three-character names
    jieba does not list as words at all (李一男、郑宝用, not 高质量、高强度)."""
    from ..text.segment import dictionary_frequency

    if len(items) >= _SHORTEST_LIST:
        return items
    if len(items) == 2 and all(end - start == 3 and not dictionary_frequency(text[start:end]) for start, end in items):
        return items
    return []


def surname_mentions(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    people: Mapping[str, tuple[str, str]],
    address_titles: frozenset[str] = frozenset(),
    speakers: Mapping[int, str] = MappingProxyType({}),
) -> list[Mention]:
    """A surname alone before a title (刘老师, 侯老师, 唐政委) is the one person of that surname the
    episode names in full; where several are, the one of them who speaks (`speakers`: line -> whose
    label it is said under; in a conversation the title addresses or points at someone present); else
    it is left alone. Nobody calls themselves by a title: 吴先生 said by 吴旻洁 is someone else.
    `people` gives each person the episode names (entity -> main Chinese form, Simplified, and
    English); a Chinese name's first character is its surname. `address_titles` are more titles the
    episode's speaker labels address people by (总 of a 任总： label: elsewhere 任总是 may be "always")."""
    speaking = set(speakers.values())
    titles = TITLES_AFTER | address_titles
    by_surname: dict[str, set[str]] = {}
    english_of: dict[str, str] = {}
    for entity, (form, english) in people.items():
        if 2 <= len(form) <= 3 and form[0] in COMMON_SURNAMES and not all(c in TRANSLITERATION_CHARS for c in form):
            by_surname.setdefault(form[0], set()).add(entity)
            english_of[entity] = english
    taken = {(m.line, m.start) for m in mentions}
    found = []
    for item in analyzed:
        for index, token in enumerate(item.tokens):
            following = item.tokens[index + 1] if index + 1 < len(item.tokens) else None
            at = _surname_before_title(token, following, titles)
            if at is None or (item.line.number, token.start + at) in taken:
                continue
            surname, start = token.text[at], token.start + at
            people = by_surname.get(surname, set()) - {speakers.get(item.line.number)}
            if len(people) > 1:
                people = people & speaking
            if len(people) != 1:
                continue
            entity = next(iter(people))
            found.append(
                Mention(item.line.number, start, start + 1, item.line.text[start], entity,
                        english_of[entity], "person", "surname")
            )
    return found


def _surname_before_title(token: Token, following: Token | None, titles: frozenset[str]) -> int | None:
    """Where in the word the surname of 刘老师 is, which jieba writes as one word or as 刘 + 老师, or
    after a function character it glued to the surname (请侯 + 老师: 0 or 1); None for no such surname."""
    at = 1 if len(token.text) == 2 and token.text[0] in LEADING_FUNCTION_CHARS and following is not None else 0
    surname, rest = token.text[at : at + 1], token.text[at + 1 :]
    if surname not in COMMON_SURNAMES:
        return None
    if rest:
        return at if rest in titles else None
    return at if following is not None and following.text in titles else None
