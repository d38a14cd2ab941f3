"""Who says each line: the host, the people whose words the host relays, and voices with no name.

Labels written in the input (`主持人：`, `<v Bob>`) win and are aligned to the glossary. Without them, a
commentary is the host's narration with other people's words relayed inside it:

- the host introduces themselves (我是大飞, 大飞我…; 这里是X names the show, not a person);
- a speech cue after a name hands the word to that person (郑亨元解释道, 用特沃里克的话来说, 根据X的说法,
  在X看来, X：“…”); a pronoun (他说) goes on with the person just named or speaking; a voice with no
  name (有人说, 主持人问道) gets an unnamed speaker;
- the turn runs over the following lines until the text turns back to the host: a narrator's marker
  (好了, 说回…, 可以说), a question or words to the audience, another person named, the host named, or
  a new topic (when the caller knows where topics start).

A line that only introduces a speaker (团队成员郑亨元解释道) is the host's: the person's words start
after it. Cue patterns run with spaCy's Matcher over a Doc of the line's own jieba words, with the
names found by the names stage as entity spans. Most lines lack some word or name every pattern needs:
they get neither Doc nor Matcher (the test is read off the patterns themselves).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from ..text.lexicon import (
    ADDRESSEE_MARKERS,
    ANYONE_VOICES,
    AUDIENCE_WORDS,
    CLOSING_QUOTES,
    COMMON_SURNAMES,
    FUNCTION_CHARS,
    HOST_LABELS,
    OPENING_QUOTES,
    REPORTING_VERBS,
    SAY_COMPOUNDS,
    SHOW_INTRODUCTIONS,
    TURN_BACK_PHRASES,
    TURN_BACK_WORDS,
    UNNAMED_VOICES,
)
from ..model import AnalyzedLine, Mention, Speaker, UnresolvedName

if TYPE_CHECKING:
    from ..glossary import Glossary

HOST = "host"
ROLE_HOST, ROLE_GUEST, ROLE_MENTIONED = "host", "guest", "mentioned"

# The English a transcript writes right after a Chinese name belongs to the name: 利亚姆·费思（Liam Fedus）.
_ENGLISH_AFTER_NAME = re.compile(
    r"\s?(?:[（(]\s*[A-Za-z][A-Za-z .'’\-]{0,60}[）)]|[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+){0,3})"
)
# A pause: what may follow a narrator's marker word for it to stand alone.
_PAUSE = re.compile(r"\s*(?:[，,、：:。.！!…]|$)")
_QUESTION_END = re.compile(r"[？?][”」』\"']?\s*$")
# An SRT dialogue dash opens a line or follows a space: `- 你好 - 我很好` is two turns.
_DIALOGUE_DASH = re.compile(r"(?:^|\s)[-–—]\s*(?=\S)")
_PUNCTUATION = re.compile(r"[\s，,、：:；;。.！!？?…“”「」『』\"'（）()—\-]+")
# What may stand between a cue and the end of its line without being anyone's words (就是, 道).
_FILLERS = ("就是", "是", "道", "了")
_LONGEST_NAME = 6  # characters of a self-introduced name
_LONGEST_INTRODUCTION = 14  # characters of the clause after 我是 that holds it
_PRONOUN_REACH = 3  # lines back a 他说 still finds the person last named
_CUE_GAP = "{,6}"  # words between a name and its speech verb (就, 也, 非常有自信的)
# Words before a host's name in a self-introduction: 我是主持人大飞, 我是你们的老朋友大飞.
_HOST_ROLE_WORDS = frozenset("主持人 主播 老朋友 朋友 小编 博主 up主 UP主".split())


@dataclass(frozen=True)
class SpeakerResult:
    """The speaker id of every line (by line number) and the speakers, host first."""

    speaker_of_line: dict[int, str]
    speakers: tuple[Speaker, ...]
    show_name: str | None = None  # as written after 这里是 / 欢迎收听


@dataclass(frozen=True)
class _Person:
    id: str
    english: str | None
    chinese: str | None


@dataclass(frozen=True)
class _Cue:
    """Where a line hands the word to someone: `speaker` is a person id, HOST, or None for a pronoun."""

    kind: str  # "says", "pronoun", "unnamed", "self", "host", "show"
    start: int  # character offsets of the cue in the line
    end: int
    speaker: str | None = None
    voice: str | None = None  # an unnamed voice's noun (主持人), a self-introduced name, a show (Simplified)
    written: str | None = None  # the same as the source writes it (Traditional input stays Traditional)


def attribute_speakers(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    unresolved: Sequence[UnresolvedName] = (),
    *,
    glossary: Glossary | None = None,
    is_ordinary_word: Callable[[str], bool] | None = None,
    topic_starts: Collection[int] = (),
) -> SpeakerResult:
    """Who says each line of `analyzed`.

    `mentions` and `unresolved` come from the names stage; `glossary` (optional) aligns speaker labels
    that no mention spells; `topic_starts` are line numbers where a new topic begins (a turn ends there).
    """
    if is_ordinary_word is None:
        from ..text.segment import is_ordinary_word

    people = _people(mentions, unresolved)
    spans = _name_spans(analyzed, mentions, unresolved)
    attribution = _Attribution(analyzed, spans, people, is_ordinary_word, frozenset(topic_starts))
    if any(item.line.label for item in analyzed):
        speaker_of_line, found, host = _from_labels(analyzed, mentions, glossary, people, attribution)
        show = attribution.show_name
    else:
        speaker_of_line, found, show = attribution.run()
        host = HOST
    named_in: dict[str, list[int]] = {HOST: list(attribution.host_named_in)} if attribution.host_named_in else {}
    for number, line_spans in sorted(spans.items()):
        for _, _, label, person in line_spans:
            if label == "PERSON" and number not in named_in.setdefault(person, []):
                named_in[person].append(number)
    speakers = _speaker_list(analyzed, speaker_of_line, found, people, named_in, host)
    return SpeakerResult(speaker_of_line, speakers, show)


# ---------------------------------------------------------------------------------------------------
# Who can speak: people the names stage found.


def _people(mentions: Sequence[Mention], unresolved: Sequence[UnresolvedName]) -> dict[str, _Person]:
    """Person id -> person: glossary people by entity id, unresolved names by their Simplified form."""
    people: dict[str, _Person] = {}
    for mention in mentions:
        if mention.kind != "person" or not mention.entity:
            continue
        known = people.get(mention.entity)
        # The fullest form written stands for the person (鲍勃·麦格鲁 rather than 麦格鲁).
        if known is None or len(mention.text) > len(known.chinese or ""):
            people[mention.entity] = _Person(mention.entity, mention.english, mention.text)
    for name in unresolved:
        people.setdefault(name.form, _Person(name.form, None, name.text))
    return people


def _name_spans(
    analyzed: Sequence[AnalyzedLine], mentions: Sequence[Mention], unresolved: Sequence[UnresolvedName]
) -> dict[int, list[tuple[int, int, str, str]]]:
    """Line number -> (start, end, label, id) of every name in it: people, other names, unresolved names."""
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    text_of = {item.line.number: item.analysis for item in analyzed}
    for mention in mentions:
        if mention.line not in text_of:
            continue
        if mention.kind == "person" and mention.entity:
            end = _with_english(text_of[mention.line], mention.end)
            spans.setdefault(mention.line, []).append((mention.start, end, "PERSON", mention.entity))
        else:
            label = (mention.kind or "name").upper()
            spans.setdefault(mention.line, []).append((mention.start, mention.end, label, mention.entity or ""))
    for name in unresolved:
        for number in name.lines:
            text = text_of.get(number, "")
            for match in re.finditer(re.escape(name.form), text):
                taken = spans.get(number, [])
                if not any(s < match.end() and match.start() < e for s, e, _, _ in taken):
                    end = _with_english(text, match.end())
                    spans.setdefault(number, []).append((match.start(), end, "PERSON", name.form))
    return spans


def _with_english(text: str, end: int) -> int:
    match = _ENGLISH_AFTER_NAME.match(text, end)
    return match.end() if match else end


# ---------------------------------------------------------------------------------------------------
# Cue patterns.


def _cue_patterns() -> dict[str, list[list[dict]]]:
    """spaCy Matcher patterns for every way a line hands the word to someone, by cue kind."""
    name = {"ENT_TYPE": {"IN": ["PERSON", "HOST"]}, "OP": "+"}
    verb = {"TEXT": {"IN": list(REPORTING_VERBS)}}
    dao = {"TEXT": "道", "OP": "?"}

    def gap(most: str = _CUE_GAP) -> dict:
        return {"IS_PUNCT": False, "ENT_TYPE": {"NOT_IN": ["PERSON", "HOST"]}, "OP": most}

    # 郑亨元解释道; and X：“…” or X说“…”, which start a quotation.
    quote = [name, gap("{,3}"), {"TEXT": {"IN": ["：", ":"]}, "OP": "?"}, {"TEXT": {"IN": list(OPENING_QUOTES)}}]
    voice = {"TEXT": {"IN": list(UNNAMED_VOICES)}}
    some = {"TEXT": {"IN": ["有", "一位", "一名", "一个", "某位", "某个", "这位", "那位"]}, "OP": "?"}
    # 有人说, 主持人问道, 一位律师问; and 律师的问题是, 网友的说法.
    said = {"TEXT": {"IN": ["问题", "提问", "回答", "说法", "观点", "看法", "意见"]}}
    return {
        "says": [[name, gap(), verb, dao], quote],
        "pronoun": [[{"TEXT": {"IN": ["他", "她"]}}, gap("{,3}"), verb, dao]],
        "frame": [
            # 用特沃里克的话来说, 根据郑亨元的说法, 在X看来, 正如X所说, 据X介绍
            [{"TEXT": "用"}, name, {"TEXT": {"IN": ["的话", "的"]}}, {"TEXT": "话", "OP": "?"},
             {"TEXT": {"IN": ["来说", "来讲", "说"]}}],
            [{"TEXT": {"IN": ["根据", "按照", "据", "按"]}}, name, {"TEXT": "的", "OP": "?"},
             {"TEXT": {"IN": ["说法", "介绍", "讲述", "回忆", "描述", "解释", "观点", "看法", "话"]}}],
            [{"TEXT": "在"}, name, {"TEXT": "我", "OP": "?"}, {"TEXT": "看来"}],
            [{"TEXT": {"IN": ["正如", "如", "就像"]}}, name, gap("{,2}"),
             {"TEXT": {"IN": ["所说", "所言", "说", "说过", "讲"]}}],
        ],
        "unnamed": [[some, voice, gap("{,3}"), verb, dao], [some, voice, {"TEXT": "的"}, said]],
        "host": [[{"ENT_TYPE": "HOST", "OP": "+"}, {"TEXT": "我"}]],
        "self": [[{"TEXT": "我"}, {"TEXT": {"IN": ["是", "叫"]}}]],
        # 这里是 is 这里 + 是 to jieba, 欢迎收听 is 欢迎 + 收听.
        "show": [[{"TEXT": phrase[:2]}, {"TEXT": phrase[2:]}] for phrase in SHOW_INTRODUCTIONS],
    }


@cache
def _cue_matcher():
    """The Matcher of `_cue_patterns` over spaCy's blank Chinese vocabulary. Built once per process: it
    depends only on the lexicon's constant word lists, and nothing adds to it after it is built."""
    from spacy.matcher import Matcher

    from ..text.segment import blank_chinese_vocab

    matcher = Matcher(blank_chinese_vocab())
    for kind, patterns in _cue_patterns().items():
        matcher.add(kind, patterns)
    return matcher


# What a line must hold for one pattern to match: ("TEXT", words): one of its words is among them;
# ("ENT_TYPE", labels): one of its names has one of these labels.
_Need = tuple[str, frozenset[str]]


@cache
def _cue_needs() -> tuple[tuple[_Need, ...], ...]:
    """For each cue pattern, what a line must hold for it to match (cached like `_cue_matcher`).

    Most lines hold no cue. Telling so from the line's words and names is much cheaper than building a
    spaCy Doc and running the Matcher over it, so only lines that hold all a pattern needs get both."""
    return tuple(_needs(pattern) for patterns in _cue_patterns().values() for pattern in patterns)


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


def _may_hold_cue(words: Iterable[str], labels: set[str]) -> bool:
    """Whether a line with these words and these names' labels may match a cue pattern."""
    held = {"TEXT": _cue_words().intersection(words), "ENT_TYPE": labels}
    for needs in _cue_needs():
        # Plain loops: this runs for every line, and most lines fail every pattern's first need.
        for attribute, values in needs:
            if held[attribute].isdisjoint(values):
                break
        else:
            return True
    return False


@cache
def _cue_words() -> frozenset[str]:
    """Every word some cue pattern needs (cached like `_cue_matcher`): only these tell lines apart."""
    return frozenset(
        word for needs in _cue_needs() for attribute, values in needs if attribute == "TEXT" for word in values
    )


@dataclass(frozen=True)
class _Name:
    """A name in a line as the Doc's entities hold it: `start`/`end` are word indices."""

    start: int
    end: int
    label: str  # PERSON, HOST, or another name's kind (ORG, PRODUCT…)
    id: str  # the person's id, HOST, or the entity id of another name ("" for none)


def _word_span(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
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


def _filter_names(names: list[_Name]) -> list[_Name]:
    """spaCy's `filter_spans`: the longest (then the first) of overlapping names wins; in word order."""
    kept, taken = [], set()
    for name in sorted(names, key=lambda n: (n.end - n.start, -n.start), reverse=True):
        if name.start not in taken and name.end - 1 not in taken:
            kept.append(name)
            taken.update(range(name.start, name.end))
    return sorted(kept, key=lambda n: n.start)


class _Attribution:
    """One pass over an unlabelled transcript: the host narrates, cues hand the word over."""

    def __init__(self, analyzed, spans, people, is_ordinary_word, topic_starts):
        self.analyzed = analyzed
        self.people = people
        self.is_ordinary_word = is_ordinary_word
        self.topic_starts = topic_starts
        self.spans = spans
        self.host_name: str | None = None  # Simplified, to find it in the analysis text
        self.host_written: str | None = None  # as the source writes it
        self.host_named_in: list[int] = []
        self.show_name: str | None = None
        self.found: dict[str, _Person] = {}  # speakers met that are not in `people` (host, unnamed voices)
        self.unnamed_of_voice: dict[str, str] = {}
        self.current = HOST
        self.quote_depth = 0
        self.last_person: tuple[str, int] | None = None  # (id, line) of the person last named or speaking
        self.voices: list[str] = []  # the two voices of a dash dialogue

    def run(self) -> tuple[dict[int, str], dict[str, _Person], str | None]:
        speaker_of_line = {}
        for item in self.analyzed:
            speaker_of_line[item.line.number] = self.line_speaker(item)
        if self.host_name is not None or HOST in speaker_of_line.values():
            self.found.setdefault(HOST, self._host_person())
        return speaker_of_line, self.found, self.show_name

    def _host_person(self) -> _Person:
        person = self.people.get(self.host_name or "")
        if person is not None:
            return _Person(HOST, person.english, person.chinese)
        return _Person(HOST, None, self.host_written or self.host_name)

    # -- one line --------------------------------------------------------------------------------

    def introduces(self, item: AnalyzedLine) -> bool:
        """Whether a (labelled) line introduces the show or its speaker; the show's name is kept."""
        cues = self._cues(item, self._names(item))
        for cue in cues:
            if cue.kind == "show":
                self.show_name = self.show_name or cue.written
        return any(cue.kind in ("self", "show") for cue in cues)

    def line_speaker(self, item: AnalyzedLine) -> str:
        number, text = item.line.number, item.analysis
        line_names = self._names(item)
        cues = self._cues(item, line_names)
        names = [name.id for name in line_names if name.label == "PERSON"]

        if _DIALOGUE_DASH.match(text):
            return self._dialogue(text)
        if number in self.topic_starts:
            self._back_to_host()
        speaker = self._speaker_from_cues(cues, text, number)
        if speaker is None:
            speaker = self._continued(text, line_names, names)
        for person in names:
            self.last_person = (person, number)
        if self.current != HOST:
            self.last_person = (self.current, number)
            self.quote_depth = max(0, self.quote_depth + _count(text, OPENING_QUOTES) - _count(text, CLOSING_QUOTES))
        return speaker

    def _speaker_from_cues(self, cues: list[_Cue], text: str, number: int) -> str | None:
        """The line's speaker when it holds a cue (and the turn it opens), else None."""
        for cue in cues:
            if cue.kind == "show":
                self.show_name = self.show_name or cue.written
        introductions = [cue for cue in cues if cue.kind in ("self", "host")]
        if introductions:
            cue = introductions[-1]
            speaker = self._introduced(cue)
            if cue.kind == "self" and speaker == HOST and number not in self.host_named_in:
                self.host_named_in.append(number)
            self._open_turn(speaker)
            return speaker
        turns = [cue for cue in cues if cue.kind in ("says", "pronoun", "unnamed")]
        if not turns:
            return None
        cue = turns[-1]
        speaker = self._cue_speaker(cue, number)
        self._open_turn(speaker)
        # 团队成员郑亨元解释道 with nothing after it: the host speaks; the person's words start next line.
        return speaker if _has_words_after(text, cue.end) else HOST

    def _introduced(self, cue: _Cue) -> str:
        if cue.kind == "host":
            return HOST
        name = cue.voice or ""
        if name == self.host_name:
            return HOST
        if self.current != HOST:
            return self.current  # “我是…” inside someone's relayed words is them, not the show's host
        if self.host_name is None:
            self.host_name = name
            self.host_written = cue.written
            return HOST
        # Another self-introduction in the narration is another voice: a guest on a panel.
        person_id = cue.speaker or name
        if person_id not in self.people:
            self.found.setdefault(person_id, _Person(person_id, None, cue.written))
        return person_id

    def _cue_speaker(self, cue: _Cue, number: int) -> str:
        if cue.kind == "says" and cue.speaker:
            return cue.speaker
        if cue.kind == "pronoun":
            if self.current != HOST:
                return self.current
            if self.last_person and number - self.last_person[1] <= _PRONOUN_REACH:
                return self.last_person[0]
        return self._unnamed(cue.voice or "", cue.written)

    def _unnamed(self, voice: str, written: str | None = None) -> str:
        if voice and voice not in ANYONE_VOICES and voice in self.unnamed_of_voice:
            return self.unnamed_of_voice[voice]
        speaker = f"unnamed-{sum(1 for key in self.found if key.startswith('unnamed-')) + 1}"
        self.found[speaker] = _Person(speaker, None, written or voice or None)
        if voice:
            self.unnamed_of_voice[voice] = speaker
        return speaker

    def _open_turn(self, speaker: str) -> None:
        self.current = speaker
        self.quote_depth = 0

    def _back_to_host(self) -> None:
        self.current = HOST
        self.quote_depth = 0

    def _continued(self, text: str, line_names: list[_Name], names: list[str]) -> str:
        """A line without cues: the current turn goes on unless the text turns back to the host."""
        if self.current == HOST:
            return HOST
        quoted = self.quote_depth > 0
        hosts_words = (
            _turns_back(text)
            or any(word in text for word in AUDIENCE_WORDS)
            or any(name.label == "HOST" for name in line_names)
            or (not quoted and _QUESTION_END.search(text) is not None)
            or (not quoted and any(name != self.current for name in names))
        )
        if hosts_words:
            self._back_to_host()
            return HOST
        return self.current

    def _dialogue(self, text: str) -> str:
        """SRT dialogue dashes: each dash is a change of speaker between the two voices of the exchange.
        The line belongs to its first turn; the next line goes on with its last."""
        if self.current not in self.voices:
            self.voices = [self.current]
        first = None
        for _ in _DIALOGUE_DASH.finditer(text):
            other = next((voice for voice in self.voices if voice != self.current), None)
            if other is None:
                other = self._unnamed("")
                self.voices = [self.current, other]
            self._open_turn(other)
            first = first or other
        return first or self.current

    # -- patterns --------------------------------------------------------------------------------

    def _names(self, item: AnalyzedLine) -> list[_Name]:
        """The names of a line as the entities of its Doc: the names stage's spans and the host's name,
        widened to whole words, overlaps left to the longest. Notes the lines that name the host."""
        number = item.line.number
        spans = self.spans.get(number, ())
        host_starts = list(_occurrences(item.analysis, self.host_name)) if self.host_name else []
        if not spans and not host_starts:
            return []  # most lines: no word offsets needed
        # Word offsets as the Doc counts them: its words are the tokens' texts written without spaces.
        ends = list(accumulate(len(token.text) for token in item.tokens))
        starts = [end - len(token.text) for end, token in zip(ends, item.tokens)]
        names = []
        for start, end, label, entity in spans:
            words = _word_span(starts, ends, start, end)
            if words is not None:
                names.append(_Name(*words, label, entity))
        for start in host_starts:
            words = _word_span(starts, ends, start, start + len(self.host_name))
            if words is not None:
                names.append(_Name(*words, "HOST", HOST))
                if number not in self.host_named_in:
                    self.host_named_in.append(number)
        return _filter_names(names)

    def _cues(self, item: AnalyzedLine, names: list[_Name]) -> list[_Cue]:
        """The cues of a line with these names. The Matcher runs over a spaCy Doc of the line's words with
        the names as entities, for lines that hold what some pattern needs (few do)."""
        if not _may_hold_cue([token.text for token in item.tokens], {name.label for name in names}):
            return []
        from spacy.tokens import Span
        from spacy.util import filter_spans

        from ..text.segment import spacy_doc

        doc = spacy_doc(list(item.tokens))
        doc.ents = [Span(doc, name.start, name.end, label=name.label, kb_id=name.id) for name in names]
        found = _cue_matcher()(doc)
        matches = [doc[start:end] for _, start, end in found]
        labels = {(start, end): doc.vocab.strings[key] for key, start, end in found}
        cues = []
        for span in sorted(filter_spans(matches), key=lambda s: s.start):
            kind = labels[(span.start, span.end)]
            cue = self._cue(kind, span, doc, doc.text, item.line.text)
            if cue is not None:
                cues.append(cue)
        return cues

    def _cue(self, kind: str, span, doc, text: str, source: str) -> _Cue | None:
        start, end = span.start_char, span.end_char
        if kind == "frame":
            kind = "says"
        if kind == "says":
            ent = next(iter(span.ents), None)
            if ent is None:
                return None
            if ent.start > 0 and doc[ent.start - 1].text in ADDRESSEE_MARKERS:
                return None  # 我对郑亨元说: he is spoken to
            if span[-1].text == "说" and span.end >= 2 and doc[span.end - 2].text in SAY_COMPOUNDS:
                return None  # 郑亨元的工作可以说是…
            if ent.label_ == "HOST":
                return _Cue("host", start, end)
            return _Cue("says", start, end, speaker=ent.kb_id_)
        if kind == "unnamed":
            if span.start > 0 and doc[span.start - 1].text in ADDRESSEE_MARKERS:
                return None  # 向观众解释: the audience is spoken to
            token = next(token for token in span if token.text in UNNAMED_VOICES)
            written = source[token.idx : token.idx + len(token.text)]
            return _Cue("unnamed", start, end, voice=token.text, written=written)
        if kind == "pronoun":
            if span[-1].text == "说" and doc[span.end - 2].text in SAY_COMPOUNDS:
                return None
            return _Cue("pronoun", start, end)
        if kind == "host":
            return _Cue("host", start, end)
        if kind == "self":
            return self._self_introduction(span, doc, text, source)
        if kind == "show":
            clause = _clause(text, end)
            return _Cue("show", start, end, voice=clause, written=source[end : end + len(clause)]) if clause else None
        return None

    def _self_introduction(self, span, doc, text: str, source: str) -> _Cue | None:
        """我是大飞 / 我是你们的老朋友大飞 / 我是主持人大飞: the clause after 是 is the name, or ends with it
        after 的 or a role word; anything else (我是说…, 我是一个程序员) is no introduction."""
        clause_end = span.end_char + len(_clause(text, span.end_char))
        if not (0 < clause_end - span.end_char <= _LONGEST_INTRODUCTION):
            return None
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start_char >= span.end_char and ent.end_char == clause_end:
                written = source[ent.start_char : ent.end_char]
                return _Cue("self", span.start_char, clause_end, speaker=ent.kb_id_, voice=ent.text, written=written)
        words = [t.text for t in doc if span.end_char <= t.idx and t.idx + len(t.text) <= clause_end]
        after_role = [i + 1 for i, word in enumerate(words) if word == "的" or word in _HOST_ROLE_WORDS]
        name_words = words[after_role[-1] :] if after_role else words
        name = "".join(name_words)
        if not 1 <= len(name_words) <= 2 or not _looks_like_name(name, self.is_ordinary_word):
            return None
        # Two words make a name as a surname and a given name jieba split (李 + 小雷), or as two words
        # that are no ordinary words themselves; 一个 + 程序员 is a description.
        if len(name_words) == 2 and not (
            name_words[0] in COMMON_SURNAMES or not any(self.is_ordinary_word(word) for word in name_words)
        ):
            return None
        written = source[clause_end - len(name) : clause_end]
        return _Cue("self", span.start_char, clause_end, voice=name, written=written)


def _looks_like_name(word: str, is_ordinary_word) -> bool:
    if re.fullmatch(r"[A-Z][A-Za-z'’\-]{1,20}", word):
        return True
    return (
        2 <= len(word) <= _LONGEST_NAME
        and not is_ordinary_word(word)
        and not any(c in FUNCTION_CHARS for c in word)
        and not _PUNCTUATION.search(word)
    )


def _clause(text: str, start: int) -> str:
    """The text from `start` to the next punctuation or the line's end."""
    match = _PUNCTUATION.search(text, start)
    return text[start : match.start() if match else len(text)]


def _has_words_after(text: str, end: int) -> bool:
    rest = _PUNCTUATION.sub("", text[end:])
    for filler in _FILLERS:
        if rest.startswith(filler):
            rest = rest[len(filler) :]
    return bool(rest)


def _turns_back(text: str) -> bool:
    if text.startswith(TURN_BACK_PHRASES):
        return True
    return any(text.startswith(word) and _PAUSE.match(text, len(word)) for word in TURN_BACK_WORDS)


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Where `word` starts in `text`, left to right without overlaps (as re.finditer finds it)."""
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + len(word))


def _count(text: str, characters: str) -> int:
    return sum(text.count(c) for c in characters)


# ---------------------------------------------------------------------------------------------------
# Labelled transcripts.


def _from_labels(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    glossary: Glossary | None,
    people: dict[str, _Person],
    attribution: _Attribution,
) -> tuple[dict[int, str], dict[str, _Person], str | None]:
    """Each label is a speaker; an unlabelled line goes on with the label before it (before the first
    label, the host's). The host is the label of a host role (主持人), else whoever introduces the show
    or themselves first (这里是…, 我是…)."""
    from ..text.script import convert

    by_form: dict[str, str] = {}
    for mention in mentions:
        if mention.kind == "person" and mention.entity:
            by_form.setdefault(convert(mention.text, "t2s"), mention.entity)
    found: dict[str, _Person] = {}
    speaker_of_line: dict[int, str] = {}
    current, introducer = HOST, None
    for item in analyzed:
        label = item.line.label
        if label:
            current = _label_speaker(label.strip(), by_form, glossary, people, found, convert)
        speaker_of_line[item.line.number] = current
        if attribution.introduces(item) and introducer is None:
            introducer = current
    if HOST in speaker_of_line.values():
        found.setdefault(HOST, _Person(HOST, None, None))
    host = HOST if HOST in found else introducer
    return speaker_of_line, found, host


def _label_speaker(label, by_form, glossary, people, found, convert) -> str:
    simplified = convert(label, "t2s")
    if simplified.lower() in HOST_LABELS:
        found.setdefault(HOST, _Person(HOST, None, None))
        return HOST
    entity = by_form.get(simplified)
    if entity is not None and entity in people:
        return entity
    entry = _glossary_entry(glossary, simplified, label)
    if entry is not None:
        found.setdefault(entry.id, _Person(entry.id, entry.english, entry.chinese[0] if entry.chinese else None))
        return entry.id
    speaker = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") if label.isascii() else simplified
    latin = label.isascii()
    found.setdefault(speaker, _Person(speaker, label if latin else None, None if latin else label))
    return speaker


def _glossary_entry(glossary, simplified: str, label: str):
    if glossary is None:
        return None
    aliases = glossary.aliases.get(simplified, ())
    ids = {alias.entry_id for alias in aliases}
    if len(ids) == 1:
        return glossary.entry(ids.pop())
    for entry in glossary.entries.values():
        if entry.english.lower() == label.lower():
            return entry
    return None


# ---------------------------------------------------------------------------------------------------
# The speaker list.


def _speaker_list(
    analyzed: Sequence[AnalyzedLine],
    speaker_of_line: dict[int, str],
    found: dict[str, _Person],
    people: dict[str, _Person],
    named_in: dict[str, list[int]],
    host: str | None,
) -> tuple[Speaker, ...]:
    """Host first, then whoever speaks in order of their first line, then people only talked about."""
    weight = {item.line.number: len(_PUNCTUATION.sub("", item.line.text)) or 1 for item in analyzed}
    total = sum(weight.values()) or 1
    lines_of: dict[str, list[int]] = {}
    for number, speaker in speaker_of_line.items():
        lines_of.setdefault(speaker, []).append(number)

    speakers = []
    for speaker in sorted(lines_of, key=lambda s: (s != host, lines_of[s][0])):
        person = found.get(speaker) or people.get(speaker) or _Person(speaker, None, None)
        lines = tuple(lines_of[speaker])
        speakers.append(
            Speaker(
                id=speaker,
                english=person.english,
                chinese=person.chinese,
                role=ROLE_HOST if speaker == host else ROLE_GUEST,
                lines=lines,
                share=round(sum(weight[n] for n in lines) / total, 4),
                named_in=tuple(named_in.get(speaker, ())),
            )
        )
    silent = [p for p in people.values() if p.id not in lines_of and p.id in named_in]
    silent.sort(key=lambda p: (named_in[p.id][0], p.id))
    for person in silent:
        speakers.append(
            Speaker(person.id, person.english, person.chinese, ROLE_MENTIONED, named_in=tuple(named_in[person.id]))
        )
    return tuple(speakers)
