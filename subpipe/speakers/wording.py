"""What the wording of a line says about speech: whether a speech marker's line holds the words or only
names their topic or whom they were said to, whether a line opens with its reporting verb, whether it is
in the narrator's own voice. Plain functions over a line's text and jieba words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import AnalyzedLine
from ..text.lexicon import TURN_BACK_PHRASES, TURN_BACK_WORDS
from .people import PERSON_LABEL, PUNCTUATION, NameSpan
from .words import (
    ADDRESSEES,
    ADDRESSING_VERBS,
    CLAUSE_VERBS,
    NARRATOR_OPENERS,
    NARRATOR_PHRASES,
    NARRATOR_WORDS,
    REPORTING_VERBS,
    TOPIC_NOUNS,
)

# A pause: what may follow a narrator's turn-back word for it to stand alone.
_PAUSE = re.compile(r"\s*(?:[，,、：:。.！!…]|$)")
# 从技术角度来看, 从官方给出的数据来看: the narrator sets the point of view.
_POINT_OF_VIEW = re.compile(r"^从[^，,。]{1,14}来看")
# Words that may stand before a reporting verb that opens a line without its subject (并留言, 只说).
_ADVERBS = frozenset(
    "并 还 也 则 就 又 更是 更 只 都 再 便 随即 立刻 马上 当即 公开 直接 甚至 一直 曾 曾经 却 而 则是 同时 随后 接着 进一步".split()
)
_LOCATIVE_ENDS = frozenset("中 里 上 下 时 内".split())  # 在内部文件中, 在推文里
_NOT_SAYING_AFTER = frozenset("到 回 起 明 过 白了 实话".split())  # 说到, 说回, 说起, 说明: no report
# What may follow a speech verb on its line without being anyone's words: more verbs of saying (发文反讽
# 说道), 道, 过 (表示过), 了, 是, 就是, 着.
_NOT_WORDS = frozenset("道 过 了 是 就是 着".split())
_TOPIC_CLAIM = ("是",)  # 他指出这是一个问题: a copula makes the rest a claim, not a topic
_INDEFINITE = frozenset("一个 一位 一些 一种 一句 一段 个 一件 一项 一则 一篇".split())  # 提到一个…的朋友
_TITLE_AT_END = re.compile(r"《[^《》]*》$")  # 的论文《硬件彩票》: the title names the topic noun before it
_INSIDE_PAUSE = re.compile(r"[，,：:；;。！!？?“「]")


def has_words_after(item: AnalyzedLine, end: int) -> bool:
    """Whether anything after a speech marker is someone's words, not more of the marker (反讽说道, 表示过)."""
    return any(
        token.text.strip() and not PUNCTUATION.fullmatch(token.text)
        and token.text not in _NOT_WORDS and token.text not in REPORTING_VERBS
        for token in item.tokens
        if token.start >= end
    )


def only_topic_after(item: AnalyzedLine, end: int) -> bool:
    """Whether the rest of a cue line after its verb only names what is said (了一个Google的故事,
    自己曾经犯的一个错误, 了Sarah Hooker的论文《硬件彩票》), not the words themselves: no pause inside,
    no copula, and it ends on a topic noun or introduces something (一个开连锁咖啡店的朋友)."""
    verb = next((t.text for t in reversed(item.tokens) if t.end <= end and t.text.strip()), "")
    after = next((t.text for t in item.tokens if t.start >= end and t.text.strip()), "")
    if verb == "道":  # 解释道: the verb is the word before
        verb = next((t.text for t in reversed(item.tokens) if t.end < end and t.text.strip() and t.text != "道"), "")
    if verb in CLAUSE_VERBS and after != "了":
        return False
    rest = _TITLE_AT_END.sub("", item.analysis[end:].rstrip().rstrip("，,。.！!…"))
    if _INSIDE_PAUSE.search(rest):
        return False
    words = [t.text for t in item.tokens if t.start >= end and t.end <= end + len(rest) and t.text.strip()]
    while words and PUNCTUATION.fullmatch(words[-1]):
        words.pop()
    if not words or any(word in _TOPIC_CLAIM for word in words):
        return False
    if words[0] == "了":
        words = words[1:]
    return bool(words) and (words[-1] in TOPIC_NOUNS or words[0] in _INDEFINITE)


def only_addressee_after(item: AnalyzedLine, end: int, spans: Sequence[NameSpan] = ()) -> bool:
    """Whether a cue line ends on whom the speaker addressed (告诉台下学生, 又问他): the words come next."""
    verb = next((t.text for t in reversed(item.tokens) if t.end <= end and t.text.strip()), "")
    if verb not in ADDRESSING_VERBS:
        return False
    rest = item.analysis[end:].rstrip().rstrip("，,：:")
    if _INSIDE_PAUSE.search(rest):
        return False
    if any(span.label == PERSON_LABEL and item.analysis[span.end :].strip() == "" and not
           item.analysis[end : span.start].strip() for span in spans):
        return True  # 又问诸葛亮
    words = [t.text for t in item.tokens if t.start >= end and t.text.strip()]
    return bool(words) and (words[-1] in ADDRESSEES or words[-1] == "们" or words[-1].endswith("们"))


def opening_verb(item: AnalyzedLine) -> tuple[str, int] | None:
    """The reporting verb a line opens with, and where it ends: after nothing but adverbs (并留言, 只说),
    a place or time in 在…中 (在内部文件中就写道) or an adverbial idiom (白纸黑字的写着). None when a name,
    a pronoun or anything else comes first, or the verb opens a relative clause (提到的…)."""
    tokens = [token for token in item.tokens if token.text.strip()]
    position = 0
    if tokens and tokens[0].text in ("在", "于"):
        closing = next((i for i, t in enumerate(tokens[:12]) if t.text in _LOCATIVE_ENDS), None)
        if closing is None or any(PUNCTUATION.fullmatch(t.text) for t in tokens[:closing]):
            return None
        position = closing + 1
    while position < len(tokens):
        word = tokens[position].text
        following = tokens[position + 1].text if position + 1 < len(tokens) else ""
        if word in _ADVERBS or word.endswith("地") and len(word) > 1:
            position += 1
        elif len(word) == 4 and following in ("的", "地"):
            position += 2  # 白纸黑字的
        else:
            break
    if position >= len(tokens):
        return None
    word = tokens[position].text
    following = tokens[position + 1].text if position + 1 < len(tokens) else ""
    if following and word + following in REPORTING_VERBS:  # 写 + 着
        return word + following, tokens[position + 1].end
    if word not in REPORTING_VERBS or following == "的":
        return None
    if word == "说" and following in _NOT_SAYING_AFTER:
        return None
    if (word.endswith("到") or following == "到") and _INSIDE_PAUSE.search(item.analysis):
        return None  # 讲到晶片，… / 谈到AI，…: the narrator names the next topic
    return word, tokens[position].end


def names_what_follows(item: AnalyzedLine) -> bool:
    """Whether a narrated line about the speaker names what comes next: it ends on a topic noun
    (他用消费品行业来做类比) or on 是 (他给Groq定的策略是)."""
    text = item.analysis.rstrip().rstrip("，,：:")
    if text.endswith(("是", "就是")):
        return True
    words = [t.text for t in item.tokens if t.text.strip() and not PUNCTUATION.fullmatch(t.text)]
    return bool(words) and words[-1] in TOPIC_NOUNS


def narrators_voice(text: str, first_person: bool) -> bool:
    """Whether a line inside a turn opens in the narrator's own voice: a verdict or aside (显然, 说白了,
    很多人可能会觉得), a standalone 所以说 / 当然, or the narrator's 我觉得 in words relayed in the third
    person."""
    stripped = text.lstrip()
    if stripped.startswith(NARRATOR_OPENERS) or _POINT_OF_VIEW.match(stripped):
        return True
    if any(stripped.startswith(word) and _PAUSE.match(stripped, len(word)) for word in NARRATOR_WORDS):
        return True
    return not first_person and any(phrase in stripped for phrase in NARRATOR_PHRASES)


def turns_back(text: str) -> bool:
    """Whether a line opens with a narrator's turn-back phrase (说回…, 总的来说) or word standing alone (好了，)."""
    if text.startswith(TURN_BACK_PHRASES):
        return True
    return any(text.startswith(word) and _PAUSE.match(text, len(word)) for word in TURN_BACK_WORDS)
