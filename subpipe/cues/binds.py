"""What a subtitle line keeps together beyond single words, and the cuts it should rather not make.

jieba's words are where a line may be cut; readers read some runs of several words as one unit, and a
cut inside one makes them stumble. Each rule here gives spans of the line, in the order they are
kept (the shaper keeps a span whole when the unit it makes still fits a line, and makes its cuts
costly otherwise):

- a name and its gloss: 鲍勃·麦格鲁（Bob McGrew）, so the English stays beside the name it explains;
- Latin runs written with spaces: GPT-4 Turbo, Claude 3.5 Sonnet, The bitter lesson;
- bracketed, quoted and 《》 spans: （…）, “…”, 「…」, 《…》;
- a closing particle or localiser with the word before it: 说过|的话, 本质|上, 过程|中, AI |的;
- a number with its unit: 100倍, 3.5亿美元, 2019年7月17日, 第3季;
- a name with its title or role: 唐部长, 马斯克先生, 创始人马斯克, CEO萨姆·奥特曼.

Spans are offsets into the line; the rules read the Simplified analysis text (the tokens' own text),
so Traditional lines follow them too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..model import Token
from ..text.lexicon import CJK_RANGE, COMMON_SURNAMES

Span = tuple[int, int]

# Opening marks and the marks that close them. ASCII straight quotes pair in order of appearance.
BRACKETS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】", "〔": "〕"}
# Particles and suffixes that lean on the word before them: a line must not start with one.
CLITICS = frozenset(
    "了 的 着 过 吗 呢 吧 啊 呀 啦 地 得 们 么 嘛 之 似的 一样 而已 罢了 起来 下来 出来 的话 哦 喔 呗 咯 嘞 哇 "
    "等 等等 之类 左右".split()
)
# Localisers: 本质上, 过程中, 三年前, 两国之间 read as one word with the noun they follow.
LOCALISERS = frozenset(
    "上 下 中 里 内 外 前 后 时 间 之间 之中 之上 之下 之内 之外 之前 之后 之初 以来 以前 以后 以上 以下 以内 以外 "
    "当中 期间 时候 方面".split()
)
# After these a particle does not close the phrase before it: it opens the next one (，喔，客委会).
_PAUSES = frozenset("，。；：？！、,;:?!")
# Titles that follow a name (马斯克先生, 唐部长) and roles that precede one (创始人马斯克).
TITLES = frozenset(
    "先生 女士 小姐 太太 夫人 教授 博士 老师 院士 部长 副部长 次长 政委 总统 副总统 主席 总理 首相 议员 委员 "
    "市长 县长 省长 校长 院长 所长 董事长 总裁 总经理 经理 主任 局长 处长 科长 主编 律师 医生 医师 法官 "
    "将军 大使 同学 大师 爵士 阁下 女王 国王 王子 公主 教练 导演 总 董 CEO CTO CFO COO".split()
)
ROLES = frozenset(
    "创始人 联合创始人 创办人 共同创办人 首席执行官 首席技术官 首席科学家 首席研究官 执行长 总裁 董事长 CEO CTO "
    "CFO COO 部长 教授 博士 研究员 工程师 科学家 主持人 记者 作者 总统 主席 总理 首相 议员 委员 市长 校长 "
    "院长 主任 老师 律师 导演 演员 歌手 球员 选手 负责人 发言人 合伙人 投资人 前任 现任".split()
)
# Units and measure words a number is read with.
_UNITS = sorted(
    (
        "个 位 名 人 户 家 条 种 类 项 件 次 回 遍 倍 成 折 年 岁 月 日 号 天 周 星期 小时 钟头 分钟 分 秒 秒钟 毫秒 "
        "元 块 毛 角 美元 美金 欧元 英镑 日元 韩元 台币 新台币 港币 港元 人民币 卢布 公里 千米 米 厘米 毫米 公分 "
        "公尺 英里 英尺 英寸 平方米 平方公里 平方英尺 公顷 亩 吨 公斤 千克 克 斤 磅 升 毫升 度 张 本 部 台 辆 架 艘 "
        "颗 粒 篇 页 章 集 期 届 场 轮 代 层 级 票 款 份 笔 批 所 座 间 步 支 只 首 句 字 行 题 组 队 点 季 季度 "
        "年代 世纪 周年 兆 瓦 千瓦 帧 像素 位数 GB TB MB KB PB"
    ).split(),
    key=len,
    reverse=True,
)
_MAGNITUDES = "万亿千百兆"
_NUMBER = r"(?:[0-9][0-9.,]*[0-9]|[0-9]|[零〇一二两三四五六七八九十百千万亿几]+)"
_AMOUNT = re.compile(
    rf"(?:第\s?)?{_NUMBER}(?:多|余|来)?\s?(?:[{_MAGNITUDES}]+(?:{'|'.join(map(re.escape, _UNITS))})?"
    rf"|(?:{'|'.join(map(re.escape, _UNITS))}))"
    rf"|第\s?{_NUMBER}"
)
_DATE = re.compile(r"[0-9]{2,4}\s?年\s?[0-9]{1,2}\s?月(?:\s?[0-9]{1,2}\s?[日号])?|[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?[日号]")
# Latin words with spaces between them: product names, titles, English phrases (GPT-4 Turbo).
_LATIN_WORD = r"[A-Za-z0-9][A-Za-z0-9\-.+#&'’/_:]*"
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?: {_LATIN_WORD})+")
_CJK = re.compile(f"[{CJK_RANGE}]")


def bracket_spans(text: str) -> list[Span]:
    """Bracketed, quoted and titled spans of `text`, marks included, outer ones first."""
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for index, char in enumerate(text):
        if char in BRACKETS:
            stack.append((char, index))
        elif stack and char == BRACKETS[stack[-1][0]]:
            spans.append((stack.pop()[1], index + 1))
        elif char == '"':
            if straight is None:
                straight = index
            else:
                spans.append((straight, index + 1))
                straight = None
    return sorted(spans, key=lambda span: (span[0], -span[1]))


def together(text: str, analysis: str, tokens: Sequence[Token], names: Sequence[Span]) -> list[Span]:
    """The spans of `text` to keep whole, in the order they should be kept. `analysis` is the line's
    analysis text (`analysis_of`); `names` are the names known or guessed in the line (glossary
    mentions, dotted names, Latin names)."""
    brackets = bracket_spans(text)
    spans: list[Span] = []
    spans += _glosses(text, names, brackets)
    spans += [match.span() for match in _LATIN_RUN.finditer(text)]
    spans += brackets
    spans += _leaning_words(text, tokens)
    spans += [match.span() for match in _DATE.finditer(analysis)]
    spans += [span for span in (m.span() for m in _AMOUNT.finditer(analysis)) if _on_word_edges(span, tokens)]
    spans += _titles(tokens, names)
    return [(start, end) for start, end in spans if end - start > 1]


def noun_pair(before: str, after: str) -> bool:
    """Two nouns (or verbal nouns) in a row are most often one compound (人工智能 发展 报告, 女王 工程)."""
    from ..text.segment import topic_word_tag

    return _is_noun(before, topic_word_tag) and _is_noun(after, topic_word_tag)


def _is_noun(word: str, tag_of) -> bool:
    tag = tag_of(word) if len(word) > 1 else None
    return tag is not None and (tag.startswith("n") or tag == "vn")


def analysis_of(text: str, tokens: Sequence[Token]) -> str:
    """The line as its tokens spell it (the Simplified analysis text), or the line if they do not tile it."""
    joined = "".join(token.text for token in tokens)
    return joined if len(joined) == len(text) else text


def _on_word_edges(span: Span, tokens: Sequence[Token]) -> bool:
    """True when `span` starts where a word starts and ends where one ends (统一个 holds no 一个)."""
    return any(token.start == span[0] for token in tokens) and any(token.end == span[1] for token in tokens)


def _glosses(text: str, names: Sequence[Span], brackets: Sequence[Span]) -> list[Span]:
    """A name and the bracketed English right after it: 鲍勃·麦格鲁（Bob McGrew）."""
    opening_at = {start: end for start, end in brackets if text[start] in "（("}
    glosses = []
    for start, end in names:
        close = opening_at.get(end)
        if close is not None and _CJK.search(text[end:close]) is None:
            glosses.append((start, close))
    return glosses


def _leaning_words(text: str, tokens: Sequence[Token]) -> list[Span]:
    """Each closing particle or localiser with the word before it (spaces between them included)."""
    spans = []
    previous: Token | None = None
    for token in tokens:
        if token.text.isspace():
            continue
        if previous is not None and (token.text in CLITICS or token.text in LOCALISERS):
            before = text[token.start - 1] if token.start > 0 else ""
            if before not in _PAUSES and text[previous.end - 1] not in _PAUSES:
                spans.append((previous.start, token.end))
        previous = token
    return spans


def _titles(tokens: Sequence[Token], names: Sequence[Span]) -> list[Span]:
    """A name with the title after it or the role before it; a surname alone counts before a title."""
    name_at = {start: end for start, end in names}
    name_ending = {end: start for start, end in names}
    words = [token for token in tokens if not token.text.isspace()]
    spans = []
    for index, token in enumerate(words):
        if token.text in TITLES and index > 0:
            before = words[index - 1]
            start = name_ending.get(before.end)
            if start is None and _looks_like_a_name(before.text):
                start = before.start
            if start is not None:
                spans.append((start, token.end))
        if token.text in ROLES and index + 1 < len(words):
            end = name_at.get(words[index + 1].start)
            if end is not None:
                spans.append((token.start, end))
    return spans


def _looks_like_a_name(word: str) -> bool:
    """A surname alone (唐 of 唐部长) or a surname with a given name jieba does not know as a word."""
    if not word or word[0] not in COMMON_SURNAMES or not all(_CJK.match(c) for c in word):
        return False
    return len(word) == 1 or (len(word) <= 3 and not _is_known_word(word))


@cache
def _is_known_word(word: str) -> bool:
    from ..text.segment import is_ordinary_word

    return is_ordinary_word(word)
