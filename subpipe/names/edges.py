"""Where a name begins and ends in a line: on the edges of the words around it.

A name is checked against the line as jieba cuts it without the name: it must not begin inside the word
before it (部长吉娜 is 部长 + 吉娜, not 部 + 长吉娜; 总法律顾问布拉德 is not one name) nor end inside the word
after it (马斯克特别 is 马斯克 + 特别). The one exception is a function character jieba glued to a name's
first syllables: 比特朗普 is 比 + 特朗普 ("than Trump"), though jieba reads 比特 ("bit"); 或方嘉麟 is 或 +
方嘉麟 ("or Fang Chia-lin").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Token
from ..text.lexicon import CJK_RANGE, FUNCTION_CHARS, TRANSLITERATION_CHARS

_CJK = re.compile(rf"[{CJK_RANGE}]")
# Characters jieba may glue to the start of a name that follows them: 比特朗普 is 比特 + 朗普 to jieba,
# but 比 + 特朗普. A name may start inside a word only after one of these.
LEADING_FUNCTION_CHARS = frozenset("比让对把被给向跟和与或在从为是叫请同找问像")
_LONGEST_WORD = 4  # characters of the longest word looked for around a name's edge
# Single characters that follow a name as words of their own (朱德说, 康德有讲过, 顾问来问), which no
# given name ends with: a name that seems to end in one has taken the next word's first character.
NAME_FOLLOWERS = FUNCTION_CHARS | frozenset("说讲问答曾也都就还又才便却已先再最很更死笑哭去来到有没不等们家氏要会能可想该着著过所")


def on_word_edges(
    text: str, start: int, end: int, starts: set[int], ends: set[int], tokens: Sequence[Token] = ()
) -> bool:
    """A name must not be the tail or head of a longer word (马克 inside 马克思), as the line is cut
    without it: it starts where a word starts (or right after a function character jieba glued to its
    first syllables: 比特朗普) and ends where a word ends (马斯克特别 holds 马斯克, not 马斯克特).

    jieba cannot hold a dotted name as one word and often glues a one-character last part to what
    follows (杰森·魏写了 → 魏写), so a dotted name only has to stop short of more transliteration
    (杰森·魏 is not the start of 杰森·魏斯曼).
    """
    dotted = "·" in text[start:end]
    left_ok = start in starts or start == 0 or not _CJK.match(text[start - 1]) or text[start - 1] == "·"
    if not left_ok and start - 1 in starts and text[start - 1] in LEADING_FUNCTION_CHARS:
        # 比特 + 朗普: the word jieba saw starts one function character before the name.
        left_ok = any(t.start == start - 1 and t.end > start for t in tokens)
    if dotted and not left_ok:
        left_ok = text[start - 1] not in TRANSLITERATION_CHARS
    right_ok = end in ends or end == len(text) or not _CJK.match(text[end]) or text[end] == "·"
    if dotted and not right_ok:
        right_ok = text[end] not in TRANSLITERATION_CHARS
    return left_ok and right_ok


def is_longer_word(word: str) -> bool:
    """A word of two characters or more that jieba's dictionary knows as an ordinary word (部长, 特别):
    what a name's edge must not cut into."""
    from ..text.segment import is_ordinary_word

    return len(word) >= 2 and is_ordinary_word(word)


def trim_to_word_edges(
    text: str, start: int, end: int, is_word: Callable[[str], bool], shortest: int = 2
) -> tuple[int, int]:
    """[start, end) without the characters that belong to the words around it: a first character that
    ends a word begun before the name (部长|吉娜: 长 goes with 部), a last one that starts a word going on
    after it (马斯克|特别: 特 goes with 别). Never shorter than `shortest` characters."""
    while end - start > shortest and _ends_word_before(text, start, is_word):
        start += 1
    while end - start > shortest and _starts_word_after(text, end, is_word):
        end -= 1
    return start, end


def _ends_word_before(text: str, start: int, is_word: Callable[[str], bool]) -> bool:
    return any(
        _CJK.match(text[begin]) and is_word(text[begin : start + 1])
        for begin in range(max(0, start - _LONGEST_WORD + 1), start)
    )


def _starts_word_after(text: str, end: int, is_word: Callable[[str], bool]) -> bool:
    return any(
        _CJK.match(text[stop - 1]) and is_word(text[end - 1 : stop])
        for stop in range(end + 1, min(len(text), end - 1 + _LONGEST_WORD) + 1)
    )


def inside_transliteration(text: str, start: int, end: int, tokens: Sequence[Token]) -> bool:
    """马里 in 马里欧: a transliterated name that jieba's next (or previous) piece goes on with a
    transliteration character is only part of a longer transliterated name: a piece of one character
    (欧), or one that does not begin (end) with a word of the language (欧说, where 乔姆斯基|特别强调 begins
    with 特别). A function character (比 before 特朗普, 的 after a name) goes on with nothing."""
    from ..text.segment import is_dictionary_word, is_ordinary_word

    if not all(char in TRANSLITERATION_CHARS or char == "·" for char in text[start:end]):
        return False
    for token in tokens:
        if token.start == end:
            touching, pieces = token.text[0], [token.text[:stop] for stop in range(2, len(token.text) + 1)]
        elif token.end == start:
            touching, pieces = token.text[-1], [token.text[begin:] for begin in range(len(token.text) - 1)]
        else:
            continue
        if touching not in TRANSLITERATION_CHARS or touching in FUNCTION_CHARS | LEADING_FUNCTION_CHARS:
            continue
        if not any(is_dictionary_word(piece) for piece in pieces):
            return True
        # 韦德布什证券: two transliterated names run together are one longer name (a firm's, here).
        if len(token.text) >= 2 and all(char in TRANSLITERATION_CHARS for char in token.text) and not is_ordinary_word(token.text):
            return True
    return False
