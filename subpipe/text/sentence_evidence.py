"""What the text says about where a sentence ends: the evidence the sentence model weighs.

Every place a sentence may end (after a final mark, a semicolon, a comma or a line end) is described by
named pieces of evidence: the mark there; the last word before it and the first word after it, each as a
word class (a preposition cannot end a sentence, 而 or 并且 goes on with one, 但是 or a time phrase opens a
new one, a verb without a subject goes on with the subject before it); whether the sentence so far has a
predicate; how long it is; an open quotation; a pause. `subpipe/text/sentences.py` adds up their weights.

The word classes are facts of Chinese grammar (jieba's dictionary tags, and short lists of discourse
words), not of any one transcript.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from ..model import Token

if TYPE_CHECKING:
    from .word_table import WordTable

# Marks after which a sentence may end, as kinds of evidence.
FINAL_MARKS = "。！？!?"
SEMICOLONS = "；;"
COMMAS = "，,"
ELLIPSES = "…"
# Quotations and titles (《》): no sentence ends inside them.
QUOTATION_OPENERS = "“「『《\"‘"
QUOTATION_CLOSERS = "”」』》\"’"

# --- word classes ------------------------------------------------------------------------------------
# Checked in this order against the first word after a place (its opening) and the last word before it
# (its close); a word in none is classed by its jieba tag.

# Words that go on with the clause before them at the start of a line (而, 并且, 则…): they need it.
CONTINUING = frozenset(
    "而 并且 而且 并 也 则 还 所以 以及 或者 甚至 从而 即 又 却 再 就 才 都 而是 以便 以免 进而 乃至 及 或 并且还"
    " 因而 才能 也就是 即便 更 更是 且 亦".split()
)
# Sentence adverbs and connectives that may open a sentence of their own (但是, 此外, 与此同时…).
OPENING_CONNECTIVES = frozenset(
    "但是 但 不过 然而 可是 此外 另外 同时 与此同时 首先 其次 再次 然后 最后 最终 接着 随后 后来 此后 之后 事实上 其实"
    " 实际上 总之 总而言之 总的来说 总体来说 当然 因此 于是 那么 那 可以说 也就是说 换句话说 换言之 比如 比如说 例如 举个例子"
    " 值得一提的是 值得注意的是 不仅如此 除此之外 另一方面 一方面 对此 其中 目前 如今 现在 今天 当时 早期 近年来 近期 最近"
    " 据悉 据报道 据了解 据 好 好了 所以说 结果 而在 而且在 直到".split()
)
# Words that open a subordinate clause or a frame; the main clause follows (如果…, 在…中, 根据…).
SUBORDINATING = frozenset(
    "如果 假如 要是 若 虽然 虽说 尽管 因为 由于 即使 哪怕 只要 只有 除非 无论 不管 为了 随着 当 在 对 对于 关于 根据 按照 依据"
    " 通过 作为 凭借 凭借着 借助 基于 针对 面对 从 自从 自 除了 相比 相比之下 与 和 跟 同 像 就像 正如 以 经过".split()
)
# Subjects: pronouns and words standing for people or things already named.
SUBJECTS = frozenset(
    "我 我们 你 你们 您 他 她 它 他们 她们 它们 大家 咱们 人们 有人 这 这个 这些 这种 这样 这里 这次 那 那个 那些 那种 该"
    " 此 本 各 每 很多人 许多人 不少人 一些 有些 自己 双方".split()
)
# Words a sentence cannot stop on: the rest of the clause must follow (的 before its noun, 在 before its place).
UNFINISHED = frozenset(
    "的 在 对 把 被 给 向 从 跟 和 与 及 以及 或 或者 因为 由于 如果 虽然 但是 而 并且 而且 所以 因此 凭借 凭借着 通过 对于"
    " 关于 根据 为了 随着 包括 比如 例如 是 就是 也是 都是 还是 即 这个 那个 这些 那些 这种 一个 一种 一些 一位 一家 一款"
    " 其 其中 之一 以 将 让 使 令 叫 称为 成为 作为 为 于 当 像 之 等 说 表示 认为 觉得 发现 知道 指出 提到 透露 介绍 称 道"
    " 解释 强调 相信 希望 认识到 意识到 看到 听到 想 要 会 能 能够 可以 应该 需要 必须 正在 已经 还 也 都 就 非常 很 最 更"
    " 不 没有 没 着 地 得 而是 不是 又 再".split()
)
# Words a sentence often stops on: modal particles and the perfective 了.
CLOSING = frozenset("了 吧 呢 吗 啊 呀 嘛 哦 啦 呗 罢了 而已 的话 为止 一样 似的 等等".split())
# A phrase ending with one of these sets a scene for the clause after it (…的时候, 在训练中).
SCENE_ENDINGS = frozenset(
    "时候 时 之后 以后 后 之前 以前 前 期间 中 里 上 下 来说 而言 看来 以来 之际 当中 过程 方面".split()
)
# Paired clauses: a sentence opening with the first word goes on into the clause that opens with the
# second (虽然…但是, 如果…那么, 因为…所以, 不仅…而且).
PAIRED_CLAUSES: dict[str, frozenset[str]] = {
    first: frozenset(seconds.split())
    for firsts, seconds in (
        ("虽然 尽管 虽说", "但是 但 可是 却 然而 不过 还是 也"),
        ("如果 假如 要是 若 假设", "那么 那 就 则 便"),
        ("因为 由于", "所以 因此 因而 才 就"),
        ("不仅 不但 不光", "而且 还 也 更 甚至 并且"),
        ("既然", "那么 那 就 便"),
        ("只要", "就 便 都"),
        ("只有", "才"),
        ("无论 不管 不论", "都 也 还是"),
        ("即使 哪怕 就算 即便", "也 还是 都"),
        ("与其", "不如 宁可"),
    )
    for first in firsts.split()
}
# Question words: with 呢 or 吗 at the end, a question.
QUESTION_WORDS = frozenset("什么 怎么 怎样 怎么样 为什么 为何 如何 哪 哪里 哪个 哪些 谁 多少 几 是否 是不是 能不能 会不会 有没有 何".split())

# jieba's dictionary tags, coarsened to the classes that matter for a sentence's edges.
_TAG_CLASSES = {
    "v": "verb", "vd": "verb", "vi": "verb", "vq": "verb", "vg": "verb", "vn": "verb", "i": "idiom", "l": "idiom",
    "a": "adjective", "ad": "adjective", "an": "adjective", "ag": "adjective", "z": "adjective", "b": "adjective",
    "d": "adverb", "df": "adverb", "dg": "adverb",
    "p": "preposition", "c": "conjunction", "r": "pronoun", "rr": "pronoun", "rz": "pronoun", "rg": "pronoun",
    "m": "number", "mq": "number", "q": "measure", "t": "time", "tg": "time", "f": "place",
    "y": "particle", "e": "particle", "o": "particle",
    "u": "structural", "uj": "structural", "ul": "structural", "uz": "structural", "uv": "structural",
    "ud": "structural", "ug": "structural",
}
_NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}[.、．)]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十\d]+[，,、])")
_DATE = re.compile(r"^\d{1,4}(?:年|月|日|号)|^\d{1,4}\s?(?:年代|世纪)")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9.\-+_']*$")
_DIGITS = re.compile(r"^[\d.,%]+$")
_TEXT = re.compile(r"\w")
_START, _END = attrgetter("start"), attrgetter("end")


def word_class(word: str, *, name: bool = False) -> str:
    """The class of a word at a sentence's edge: a discourse class from the lists above, else its
    coarse part of speech from jieba's dictionary (`name`: the names stage found a name here)."""
    if name:
        return "name"
    if word in CONTINUING:
        return "continuing"
    if word in OPENING_CONNECTIVES:
        return "connective"
    if word in SUBORDINATING:
        return "subordinating"
    if word in SUBJECTS:
        return "subject"
    return _tag_class(word)


def _tag_class(word: str) -> str:
    if _DIGITS.match(word):
        return "number"
    if _LATIN.match(word):
        return "latin"
    tag = _grammar_tags().get(word)
    if tag is not None:
        return _TAG_CLASSES.get(tag, "noun" if tag.startswith("n") else "other")
    from .segment import topic_word_tag

    if topic_word_tag(word) is not None:
        return "noun"
    return "other"


@cache
def _grammar_tags() -> "WordTable":
    """jieba's tag of every dictionary word that is not a noun (verbs, adverbs, function words…): about
    a fifth of the dictionary; nouns are looked up in the topic words instead."""
    from .segment import dictionary_tags

    return dictionary_tags(frozenset(_TAG_CLASSES))


def is_numbered_item(text: str) -> bool:
    """1. / 2、 / （3） / 一、 at the start of a phrase: an item of a list."""
    return bool(_NUMBERED_ITEM.match(text))


def is_date(text: str) -> bool:
    """2019年 / 3月 / 90年代 at the start of a phrase: a time that opens a sentence."""
    return bool(_DATE.match(text))


def words_in(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    """The tokens of [start, end) that hold text (no spaces, no punctuation). `tokens` tile a line in
    order (`AnalyzedLine.tokens`), so those inside are found by bisection."""
    inside = tokens[bisect_left(tokens, start, key=_START) : bisect_right(tokens, end, key=_END)]
    return [t for t in inside if _TEXT.search(t.text)]


def text_length(text: str) -> int:
    """Characters that are text (a Latin word counts as its letters; marks and spaces do not count)."""
    return len(_TEXT.findall(text))
