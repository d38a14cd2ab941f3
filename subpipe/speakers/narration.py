"""An unlabelled transcript, line by line: the host narrates, speech markers hand the word over, and a
turn runs on until the text turns back to the host."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from ..model import AnalyzedLine
from ..text.segment import is_ordinary_word
from ..text.lexicon import (
    ADDRESSEE_MARKERS,
    ANYONE_VOICES,
    AUDIENCE_WORDS,
    CLOSING_QUOTES,
    COMMON_SURNAMES,
    FUNCTION_CHARS,
    OPENING_QUOTES,
    SAY_COMPOUNDS,
    TURN_BACK_PHRASES,
    TURN_BACK_WORDS,
    UNNAMED_VOICES,
)
from .markers import Name, SpeechMarker, filter_names, marker_matcher, may_hold_marker, word_span
from .people import HOST, PUNCTUATION, Person

# A pause: what may follow a narrator's turn-back word for it to stand alone.
_PAUSE = re.compile(r"\s*(?:[，,、：:。.！!…]|$)")
_QUESTION_END = re.compile(r"[？?][”」』\"']?\s*$")
# An SRT dialogue dash opens a line or follows a space: `- 你好 - 我很好` is two turns.
_DIALOGUE_DASH = re.compile(r"(?:^|\s)[-–—]\s*(?=\S)")
# What may stand between a marker and the end of its line without being anyone's words (就是, 道).
_FILLERS = ("就是", "是", "道", "了")
_LONGEST_NAME = 6  # characters of a self-introduced name
_LONGEST_INTRODUCTION = 14  # characters of the clause after 我是 that holds it
_PRONOUN_REACH = 3  # lines back a 他说 still finds the person last named
# Words before a host's name in a self-introduction: 我是主持人大飞, 我是你们的老朋友大飞.
_HOST_ROLE_WORDS = frozenset("主持人 主播 老朋友 朋友 小编 博主 up主 UP主".split())



class Narration:
    """One pass over an unlabelled transcript: the host narrates, markers hand the word over."""

    def __init__(self, analyzed, spans, people, topic_starts):
        self.analyzed = analyzed
        self.people = people
        self.topic_starts = topic_starts
        self.spans = spans
        self.host_name: str | None = None  # Simplified, to find it in the analysis text
        self.host_written: str | None = None  # as the source writes it
        self.host_named_in: list[int] = []
        self.show_name: str | None = None
        self.found: dict[str, Person] = {}  # speakers met that are not in `people` (host, unnamed voices)
        self.unnamed_of_voice: dict[str, str] = {}
        self.current = HOST
        self.quote_depth = 0
        self.last_person: tuple[str, int] | None = None  # (id, line) of the person last named or speaking
        self.voices: list[str] = []  # the two voices of a dash dialogue

    def run(self) -> tuple[dict[int, str], dict[str, Person], str | None]:
        speaker_of_line = {}
        for item in self.analyzed:
            speaker_of_line[item.line.number] = self.line_speaker(item)
        if self.host_name is not None or HOST in speaker_of_line.values():
            self.found.setdefault(HOST, self._host_person())
        return speaker_of_line, self.found, self.show_name

    def _host_person(self) -> Person:
        person = self.people.get(self.host_name or "")
        if person is not None:
            return Person(HOST, person.english, person.chinese)
        return Person(HOST, None, self.host_written or self.host_name)

    # -- one line --------------------------------------------------------------------------------

    def introduces(self, item: AnalyzedLine) -> bool:
        """Whether a (labelled) line introduces the show or its speaker; the show's name is kept."""
        markers = self._markers(item, self._names(item))
        for marker in markers:
            if marker.kind == "show":
                self.show_name = self.show_name or marker.written
        return any(marker.kind in ("self", "show") for marker in markers)

    def line_speaker(self, item: AnalyzedLine) -> str:
        number, text = item.line.number, item.analysis
        line_names = self._names(item)
        markers = self._markers(item, line_names)
        names = [name.id for name in line_names if name.label == "PERSON"]

        if _DIALOGUE_DASH.match(text):
            return self._dialogue(text)
        if number in self.topic_starts:
            self._back_to_host()
        speaker = self._speaker_from_markers(markers, text, number)
        if speaker is None:
            speaker = self._continued(text, line_names, names)
        for person in names:
            self.last_person = (person, number)
        if self.current != HOST:
            self.last_person = (self.current, number)
            self.quote_depth = max(0, self.quote_depth + _count(text, OPENING_QUOTES) - _count(text, CLOSING_QUOTES))
        return speaker

    def _speaker_from_markers(self, markers: list[SpeechMarker], text: str, number: int) -> str | None:
        """The line's speaker when it holds a marker (and the turn it opens), else None."""
        for marker in markers:
            if marker.kind == "show":
                self.show_name = self.show_name or marker.written
        introductions = [marker for marker in markers if marker.kind in ("self", "host")]
        if introductions:
            marker = introductions[-1]
            speaker = self._introduced(marker)
            if marker.kind == "self" and speaker == HOST and number not in self.host_named_in:
                self.host_named_in.append(number)
            self._open_turn(speaker)
            return speaker
        turns = [marker for marker in markers if marker.kind in ("says", "pronoun", "unnamed")]
        if not turns:
            return None
        marker = turns[-1]
        speaker = self._marker_speaker(marker, number)
        self._open_turn(speaker)
        # 团队成员郑亨元解释道 with nothing after it: the host speaks; the person's words start next line.
        return speaker if _has_words_after(text, marker.end) else HOST

    def _introduced(self, marker: SpeechMarker) -> str:
        if marker.kind == "host":
            return HOST
        name = marker.voice or ""
        if name == self.host_name:
            return HOST
        if self.current != HOST:
            return self.current  # “我是…” inside someone's relayed words is them, not the show's host
        if self.host_name is None:
            self.host_name = name
            self.host_written = marker.written
            return HOST
        # Another self-introduction in the narration is another voice: a guest on a panel.
        person_id = marker.speaker or name
        if person_id not in self.people:
            self.found.setdefault(person_id, Person(person_id, None, marker.written))
        return person_id

    def _marker_speaker(self, marker: SpeechMarker, number: int) -> str:
        if marker.kind == "says" and marker.speaker:
            return marker.speaker
        if marker.kind == "pronoun":
            if self.current != HOST:
                return self.current
            if self.last_person and number - self.last_person[1] <= _PRONOUN_REACH:
                return self.last_person[0]
        return self._unnamed(marker.voice or "", marker.written)

    def _unnamed(self, voice: str, written: str | None = None) -> str:
        if voice and voice not in ANYONE_VOICES and voice in self.unnamed_of_voice:
            return self.unnamed_of_voice[voice]
        speaker = f"unnamed-{sum(1 for key in self.found if key.startswith('unnamed-')) + 1}"
        self.found[speaker] = Person(speaker, None, written or voice or None)
        if voice:
            self.unnamed_of_voice[voice] = speaker
        return speaker

    def _open_turn(self, speaker: str) -> None:
        self.current = speaker
        self.quote_depth = 0

    def _back_to_host(self) -> None:
        self.current = HOST
        self.quote_depth = 0

    def _continued(self, text: str, line_names: list[Name], names: list[str]) -> str:
        """A line without markers: the current turn goes on unless the text turns back to the host."""
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

    def _names(self, item: AnalyzedLine) -> list[Name]:
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
            words = word_span(starts, ends, start, end)
            if words is not None:
                names.append(Name(*words, label, entity))
        for start in host_starts:
            words = word_span(starts, ends, start, start + len(self.host_name))
            if words is not None:
                names.append(Name(*words, "HOST", HOST))
                if number not in self.host_named_in:
                    self.host_named_in.append(number)
        return filter_names(names)

    def _markers(self, item: AnalyzedLine, names: list[Name]) -> list[SpeechMarker]:
        """The markers of a line with these names. The Matcher runs over a spaCy Doc of the line's words with
        the names as entities, for lines that hold what some pattern needs (few do)."""
        if not may_hold_marker([token.text for token in item.tokens], {name.label for name in names}):
            return []
        from spacy.tokens import Span
        from spacy.util import filter_spans

        from ..text.segment import spacy_doc

        doc = spacy_doc(list(item.tokens))
        doc.ents = [Span(doc, name.start, name.end, label=name.label, kb_id=name.id) for name in names]
        found = marker_matcher()(doc)
        matches = [doc[start:end] for _, start, end in found]
        labels = {(start, end): doc.vocab.strings[key] for key, start, end in found}
        # Doc.text, Doc.ents and Span.ents each walk the whole Doc: taken once per line, not per marker,
        # so a line of thousands of words (one long subtitle cue) costs what its words do.
        text, ents = doc.text, _Entities(doc.ents)
        markers = []
        for span in sorted(filter_spans(matches), key=lambda s: s.start):
            kind = labels[(span.start, span.end)]
            marker = self._marker(kind, span, doc, ents, text, item.line.text)
            if marker is not None:
                markers.append(marker)
        return markers

    def _marker(self, kind: str, span, doc, ents: "_Entities", text: str, source: str) -> SpeechMarker | None:
        start, end = span.start_char, span.end_char
        if kind == "frame":
            kind = "says"
        if kind == "says":
            ent = ents.first_within(span.start, span.end)
            if ent is None:
                return None
            if ent.start > 0 and doc[ent.start - 1].text in ADDRESSEE_MARKERS:
                return None  # 我对郑亨元说: he is spoken to
            if span[-1].text == "说" and span.end >= 2 and doc[span.end - 2].text in SAY_COMPOUNDS:
                return None  # 郑亨元的工作可以说是…
            if ent.label_ == "HOST":
                return SpeechMarker("host", start, end)
            return SpeechMarker("says", start, end, speaker=ent.kb_id_)
        if kind == "unnamed":
            if span.start > 0 and doc[span.start - 1].text in ADDRESSEE_MARKERS:
                return None  # 向观众解释: the audience is spoken to
            token = next(token for token in span if token.text in UNNAMED_VOICES)
            written = source[token.idx : token.idx + len(token.text)]
            return SpeechMarker("unnamed", start, end, voice=token.text, written=written)
        if kind == "pronoun":
            if span[-1].text == "说" and doc[span.end - 2].text in SAY_COMPOUNDS:
                return None
            return SpeechMarker("pronoun", start, end)
        if kind == "host":
            return SpeechMarker("host", start, end)
        if kind == "self":
            return self._self_introduction(span, doc, ents, text, source)
        if kind == "show":
            clause = _clause(text, end)
            return SpeechMarker("show", start, end, voice=clause, written=source[end : end + len(clause)]) if clause else None
        return None

    def _self_introduction(self, span, doc, ents: "_Entities", text: str, source: str) -> SpeechMarker | None:
        """我是大飞 / 我是你们的老朋友大飞 / 我是主持人大飞: the clause after 是 is the name, or ends with it
        after 的 or a role word; anything else (我是说…, 我是一个程序员) is no introduction."""
        clause_end = span.end_char + len(_clause(text, span.end_char))
        if not (0 < clause_end - span.end_char <= _LONGEST_INTRODUCTION):
            return None
        for ent in ents.starting_from(span.end):
            if ent.start_char > clause_end:
                break
            if ent.label_ == "PERSON" and ent.end_char == clause_end:
                written = source[ent.start_char : ent.end_char]
                return SpeechMarker("self", span.start_char, clause_end, speaker=ent.kb_id_, voice=ent.text, written=written)
        words = []
        for index in range(span.end, len(doc)):  # the clause's words only, not the whole line's
            token = doc[index]
            if token.idx + len(token.text) > clause_end:
                break
            words.append(token.text)
        after_role = [i + 1 for i, word in enumerate(words) if word == "的" or word in _HOST_ROLE_WORDS]
        name_words = words[after_role[-1] :] if after_role else words
        name = "".join(name_words)
        if not 1 <= len(name_words) <= 2 or not _looks_like_name(name):
            return None
        # Two words make a name as a surname and a given name jieba split (李 + 小雷), or as two words
        # that are no ordinary words themselves; 一个 + 程序员 is a description.
        if len(name_words) == 2 and not (
            name_words[0] in COMMON_SURNAMES or not any(is_ordinary_word(word) for word in name_words)
        ):
            return None
        written = source[clause_end - len(name) : clause_end]
        return SpeechMarker("self", span.start_char, clause_end, voice=name, written=written)


class _Entities:
    """A Doc's entities (in order, not overlapping) with the lookups a marker needs, each by bisection."""

    def __init__(self, ents):
        self.ents = ents
        self.starts = [ent.start for ent in ents]

    def starting_from(self, word: int) -> Iterable:
        """The entities that start at word `word` or later, in order."""
        for index in range(bisect_left(self.starts, word), len(self.ents)):
            yield self.ents[index]

    def first_within(self, start: int, end: int):
        """The first entity inside words [start, end), as `next(iter(doc[start:end].ents), None)`."""
        ent = next(iter(self.starting_from(start)), None)
        return ent if ent is not None and ent.end <= end else None


def _looks_like_name(word: str) -> bool:
    if re.fullmatch(r"[A-Z][A-Za-z'’\-]{1,20}", word):
        return True
    return (
        2 <= len(word) <= _LONGEST_NAME
        and not is_ordinary_word(word)
        and not any(c in FUNCTION_CHARS for c in word)
        and not PUNCTUATION.search(word)
    )


def _clause(text: str, start: int) -> str:
    """The text from `start` to the next punctuation or the line's end."""
    match = PUNCTUATION.search(text, start)
    return text[start : match.start() if match else len(text)]


def _has_words_after(text: str, end: int) -> bool:
    rest = PUNCTUATION.sub("", text[end:])
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
