"""Fillers and stutters (嗯, 啊, 那种那种), and sound tags at a sentence's edge ((笑)): kept in the
subtitles, left out of what people read."""

from __future__ import annotations

import re

from ..model import AnalyzedLine
from ..text.sentence_evidence import word_class

# Sounds that fill a pause and say nothing: dropped where they stand alone (at a clause's edge).
FILLERS = frozenset("嗯 嗯嗯 啊 呃 额 哦 噢 欸 诶 唉 呣 嗯哼".split())
# Replies that only acknowledge (对, 是的, 好): a sentence of nothing else says nothing to a reader.
BACKCHANNELS = frozenset(
    "对 對 对对 對對 对对对 對對對 对的 對的 对啊 對啊 是 是的 是啊 好 好的 好啊 好好 没错 沒錯 嗯嗯嗯 ok okay".split()
)
_PIECES = re.compile(r"[\s，,、。．.！!？?…~～；;]+")


def says_nothing(text: str) -> bool:
    """The text is only fillers and acknowledgements (`對。`, `嗯，对对对`)."""
    pieces = [piece for piece in _PIECES.split(text.lower()) if piece]
    return bool(pieces) and all(piece in BACKCHANNELS or piece in FILLERS for piece in pieces)


# A word said twice in a row is a stutter when it is a function word, a pronoun or a noun (那种那种, 我我,
# 就是就是); numbers, measures, adjectives and verbs repeat on purpose (一个一个, 慢慢, 研究研究).
_STUTTER_CLASSES = frozenset(
    "subject continuing connective subordinating pronoun conjunction adverb preposition structural particle".split()
)
_PAUSES = "，,、 \u3000…"
# A bracketed sound tag or stage direction (（笑）, [大笑], 【背景音乐】) at the start or end of what is
# shown: not speech. One with Latin letters is a name's English (（Liam Fedus）), which stays; one inside
# the text may be a gloss (（蔡英文）), which stays too.
_SOUND_TAG = r"[（(\[【［〔][^（）()\[\]【】［］〔〕A-Za-z]{1,16}[）)\]】］〕]"
_TAG_AT_START = re.compile(r"[\s，,、]*" + _SOUND_TAG)
_TAG_AT_END = re.compile(_SOUND_TAG + r"[\s，,、。！？!?；;”」』\"']*$")


def kept_spans(item: AnalyzedLine, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of text[start:end] to show: without fillers standing alone (with the pause after
    them) and without the first of a word said twice in a row."""
    text = item.analysis
    while (tag := _TAG_AT_START.match(text, start, end)) is not None:
        start = tag.end()
    while (tag := _TAG_AT_END.search(text, start, end)) is not None and tag.start() > start:
        end = tag.start()
    tokens = [t for t in item.tokens if t.start >= start and t.end <= end]
    dropped: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        word = token.text
        if word in FILLERS and _stands_alone(text, token.start, token.end, start):
            stop = token.end
            while stop < end and text[stop] in _PAUSES:
                stop += 1
            dropped.append((token.start, stop))
        elif index + 1 < len(tokens) and tokens[index + 1].text == word and _stutters(word):
            dropped.append((token.start, token.end))
    spans: list[tuple[int, int]] = []
    position = start
    for drop_start, drop_end in dropped:
        if drop_start > position:
            spans.append((position, drop_start))
        position = max(position, drop_end)
    if position < end:
        spans.append((position, end))
    return spans


def _stands_alone(text: str, start: int, end: int, clause_start: int) -> bool:
    """A filler at the start of the sentence or after a pause, or followed by a pause or the end."""
    before = text[:start].rstrip(" \u3000")
    after = text[end:].lstrip(" \u3000")
    return start <= clause_start or not before or before[-1] in _PAUSES + "。！？" or not after or after[0] in _PAUSES


def _stutters(word: str) -> bool:
    if not word.strip() or not any(char.isalnum() for char in word):
        return False
    return word_class(word) in _STUTTER_CLASSES or (len(word) >= 2 and word_class(word) == "noun")
