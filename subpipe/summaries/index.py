"""The episode's keywords, and the people, organisations, products and places it names."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Sequence

from ..model import AnalyzedLine, Cue, Keyword, Mention, NamedInEpisode, Speaker
from ..text.keywords import stop_words, tfidf_of_counts
from ..text.line_table import analyses_by_number
from ..text.segment import topic_word_tag
from .english import NAME_KINDS

_KEYWORD_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "ng"})


def keywords(analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], count: int) -> tuple[Keyword, ...]:
    """The episode's keywords by TF-IDF over its own words (names whole, as the segmenter cut them),
    with the English of a glossary term and the lines each occurs on."""
    if count <= 0:
        return ()
    # Nouns, verbal nouns and the glossary's names and terms make keywords; 聊聊 or 想一想 do not.
    analysis_of = analyses_by_number(analyzed)
    named = {analysis_of[m.line][m.start : m.end] for m in mentions if m.line in analysis_of}
    # A word's tag depends on the word alone: count the words, then tag each distinct word once.
    occurrences = Counter(token.text for item in analyzed for token in item.tokens)
    tagged = {(text, _keyword_tag(text, named)): times for text, times in occurrences.items()}
    weights = tfidf_of_counts(tagged, _KEYWORD_TAGS)
    weighted = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:count]
    english: dict[str, str] = {}
    for mention in mentions:
        if mention.english and mention.line in analysis_of:
            english.setdefault(analysis_of[mention.line][mention.start : mention.end], mention.english)
    # The lines of every keyword in one pass over the transcript (not one pass per keyword).
    lines_of: dict[str, list[int]] = {word: [] for word, _ in weighted}
    for item in analyzed:
        for word in {token.text for token in item.tokens if token.text in lines_of}:
            lines_of[word].append(item.line.number)
    found = []
    for word, weight in weighted:
        found.append(Keyword(word, english.get(word), round(weight, 4), tuple(lines_of[word])))
    return tuple(found)


def _keyword_tag(text: str, named: Collection[str]) -> str:
    """A word's tag for the keywords' TF-IDF: "nz" for a name, jieba's tag for a noun, else "x"."""
    if len(text.strip()) < 2 or text.lower() in stop_words():
        # tfidf_of_counts drops the word whatever its tag: spare the lookup in jieba's large dictionary.
        return "x"
    if text in named:
        return "nz"
    return topic_word_tag(text) or "x"


def named_in_episode(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    cues: Sequence[Cue],
    speakers: Sequence[Speaker] = (),
) -> tuple[NamedInEpisode, ...]:
    """People, organisations, products and places the episode names, in order of first appearance, with
    the time of the cue that first shows them. Speakers the glossary does not know (a Chinese name
    before a speech verb) are people too, without an English name."""
    first_time = _CueTimes(cues).first_time
    lines_of: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.line, m.start)):
        if mention.entity and mention.kind in NAME_KINDS:
            lines_of.setdefault(mention.entity, []).append(mention)
    found = []
    for entity, named in lines_of.items():
        first = named[0]
        fullest = max(named, key=lambda m: len(m.text)).text
        found.append(
            NamedInEpisode(
                id=entity,
                english=first.english,
                chinese=fullest,
                kind=first.kind or "term",
                first_line=first.line,
                first_ms=first_time(first.line, first.start),
                lines=tuple(dict.fromkeys(m.line for m in named)),
            )
        )
    for speaker in speakers:
        if speaker.id in lines_of or not speaker.named_in or speaker.id == "host":
            continue
        # A person the names stage could only flag (no glossary entry): the speakers stage knows them.
        first_line = speaker.named_in[0]
        found.append(
            NamedInEpisode(
                id=speaker.id,
                english=speaker.english,
                chinese=speaker.chinese or speaker.id,
                kind="person",
                first_line=first_line,
                first_ms=first_time(first_line, _offset(analyzed, first_line, speaker.chinese)),
                lines=speaker.named_in,
            )
        )
    found.sort(key=lambda n: (n.first_line, n.id))
    return tuple(found)


def _offset(analyzed: Sequence[AnalyzedLine], line: int, text: str | None) -> int:
    for item in analyzed:
        if item.line.number == line and text:
            return max(0, item.line.text.find(text))
    return 0


class _CueTimes:
    """The cues by the lines they show, read once: an episode names thousands of things, and reading
    every cue for each of them cost the square of a long episode's length. Held as arrays of positions,
    not cues: a long episode's cues are packed (cues/table.py), each made as it is read, and are read
    here once. Line numbers are a transcript's (from 1; never negative)."""

    def __init__(self, cues: Sequence[Cue]):
        self._cues = cues
        # Each (line, position of a cue showing it), in the cues' order.
        lines, owners = array("q"), array("q")
        # The highest first source line of the cues up to each one, and those cues' start times: the
        # first cue whose first line is past a line is the first place where this running highest is.
        self._highest_first_line = array("d")
        self._start_ms = array("q")
        highest = float("-inf")
        for position, cue in enumerate(cues):
            for line in dict.fromkeys(cue.source_lines):
                lines.append(line)
                owners.append(position)
            if cue.source_lines:
                highest = max(highest, cue.source_lines[0])
            self._highest_first_line.append(highest)
            self._start_ms.append(cue.start_ms)
        if lines and min(lines) < 0:
            raise ValueError("a cue shows a negative line number")
        # The cues of line n are positions[starts[n]:starts[n + 1]], in order (a compressed row index).
        starts = array("q", bytes(8 * (max(lines, default=-1) + 2)))
        for line in lines:
            starts[line + 1] += 1
        for n in range(1, len(starts)):
            starts[n] += starts[n - 1]
        self._starts = starts
        self._positions = array("q", bytes(8 * len(lines)))
        filled = array("q", starts)
        for line, position in zip(lines, owners):
            self._positions[filled[line]] = position
            filled[line] += 1

    def first_time(self, line: int, offset: int) -> int | None:
        """Start of the cue that shows character `offset` of `line` (its first cue if spans are unknown;
        the first cue of a later line if none shows it)."""
        if 0 <= line < len(self._starts) - 1 and self._starts[line] < self._starts[line + 1]:
            of_line = [self._cues[n] for n in self._positions[self._starts[line] : self._starts[line + 1]]]
            for cue in of_line:
                if cue.span is not None and cue.span[0] <= offset < cue.span[1]:
                    return cue.start_ms
            return of_line[0].start_ms
        later = bisect_right(self._highest_first_line, line)
        return self._start_ms[later] if later < len(self._start_ms) else None
