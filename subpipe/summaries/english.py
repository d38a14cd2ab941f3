"""English names beside Chinese ones in a summary sentence: 郑亨元（Hyung Won Chung）."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..model import AnalyzedLine, Mention, SummaryPart, SummarySentence
from ..text.lexicon import ADDRESS_TITLES
from ..text.line_index import LinesByNumber
from .sentences import Excerpt, ShownPart, shown_text

# Kinds of names listed with the episode and shown in English beside the Chinese in summaries; terms
# (强化学习) are ordinary vocabulary and would only clutter a sentence.
NAME_KINDS = ("person", "org", "product", "place")


class EnglishNames:
    """Adds the English name after the first Chinese form of each name in a summary sentence."""

    def __init__(self, analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention]):
        self.item_of = LinesByNumber(analyzed)
        self.by_line: dict[int, list[Mention]] = {}
        for mention in mentions:
            if mention.english and mention.kind in NAME_KINDS:
                self.by_line.setdefault(mention.line, []).append(mention)

    def sentence(self, excerpt: Excerpt, sure: float, named: set[str] | None = None) -> SummarySentence:
        """An excerpt as a summary sentence: each sentence's own or restored final mark after it, but a
        comma between two where the model is unsure of the cut (the excerpt then reads as one sentence).
        `named`: the names given their English already in the summary it belongs to (each name once)."""
        named = set() if named is None else named
        plain, annotated = [], []
        # The last sentence that shows anything ends the item with its own mark: one after it that shows
        # nothing (对。, a lone comma) leaves no mark of its own to end it with.
        last_shown = max((position for position, member in enumerate(excerpt.members) if member.parts), default=-1)
        for position, member in enumerate(excerpt.members):
            mark = member.end_mark
            if position < last_shown and mark and member.end_confidence < sure:
                mark = "，"
            plain.append((member.parts, mark))
            annotated.append(([part._replace(text=self._annotated(part, named)) for part in member.parts], mark))
        parts = tuple(SummaryPart(*part) for part in excerpt.parts)
        return SummarySentence(parts, shown_text(plain), shown_text(annotated), excerpt.indices)

    def _annotated(self, part: ShownPart, shown: set[str]) -> str:
        """The part with an English name after the first form of each name in the sentence."""
        line_text = self.item_of[part.line].line.text
        pieces, position = [], part.start
        for mention in sorted(self.by_line.get(part.line, ()), key=lambda m: m.start):
            if mention.start < part.start or mention.end > part.end or mention.entity in shown:
                continue
            shown.add(mention.entity or "")
            if _english_follows(line_text, mention.end, mention.english or ""):
                continue  # 鲍勃·麦格鲁（Bob McGrew）: the transcript already says it
            # After the whole word the name is part of (任总, not 任（Ren Zhengfei）总).
            end = self._word_end(part.line, mention.end, part.end)
            pieces.append(line_text[position:end])
            # A name the transcript already brackets (她（蔡英文）) takes its English inside the brackets.
            bracketed = mention.start > 0 and line_text[mention.start - 1] in "（(" and line_text[mention.end : mention.end + 1] in ("）", ")")
            pieces.append(f"，{mention.english}" if bracketed else f"（{mention.english}）")
            position = end
        pieces.append(line_text[position : part.end])
        return "".join(pieces)


    def _word_end(self, line: int, end: int, limit: int) -> int:
        """The end of the word that holds the character before `end` (at most `limit`): a surname's
        title with it (任总, 王老师), a word the name begins."""
        item = self.item_of.get(line)
        if item is None:
            return end
        text = item.analysis
        title = next((title for title in _TITLES_LONGEST_FIRST if text.startswith(title, end)), None)
        if title is not None and end + len(title) <= limit:
            return end + len(title)
        index = bisect_left(item.tokens, end, key=lambda token: token.end)  # the first word ending at or after it
        if index < len(item.tokens) and item.tokens[index].start < end < item.tokens[index].end <= limit:
            return item.tokens[index].end
        return end


# Titles of one length in their own order, not a set's (which follows the strings' hashes, per process).
_TITLES_LONGEST_FIRST = sorted(ADDRESS_TITLES, key=lambda title: (-len(title), title))


def _english_follows(text: str, end: int, english: str) -> bool:
    following = text[end : end + len(english) + 3].lstrip(" （(")
    return following.lower().startswith(english.lower())
