"""An unlabelled transcript, line by line: the host narrates, speech markers hand the word over, and a
turn runs on until the text turns back to the host."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..model import AnalyzedLine
from ..text.lexicon import ANYONE_VOICES, AUDIENCE_WORDS, CLOSING_QUOTES, OPENING_QUOTES
from .markers import Name, SpeechMarker, filter_names, line_markers, word_span
from .people import HOST, HOST_LABEL, ORG, PERSON, PERSON_LABEL, SPEAKING_LABELS, UNKNOWN, NameSpan, Person
from .references import Salience, Subject, subject_of, unnamed_referent
from .words import (
    ANSWERS,
    CONTINUING,
    CONVERSATION_VOICES,
    EXAMPLES,
    NARRATOR_FRAME_OPENERS,
    NARRATOR_FRAMES,
    QUESTION_WORDS,
    SCENE_SETTING,
)
from .wording import (
    has_words_after,
    names_what_follows,
    narrators_voice,
    only_addressee_after,
    only_topic_after,
    opening_verb,
    turns_back,
)

_QUESTION_END = re.compile(r"[？?][”」』\"']?\s*$")
# An SRT dialogue dash opens a line or follows a space: `- 你好 - 我很好` is two turns.
_DIALOGUE_DASH = re.compile(r"(?:^|\s)[-–—]\s*(?=\S)")
_SUBJECT_REACH = 3  # lines back a line that starts with its reporting verb looks for who it is about
# Lines a turn has run after which a new topic ends it even at a connective (此外，…): the connective then
# moves on from what the speaker said, rather than adding to it.
_LONG_TURN = 8
_LONGEST_STATEMENT = 15  # lines of an organisation's statement relayed without a new cue
_QUESTION_REACH = 2  # lines back a question may have begun and still be the speaker's
_DIALOGUE_OPENING = 20  # lines from the top where the voices of a dialogue introduce themselves
_BUT = ("但是", "但", "可是", "然而")
_CONCESSIVE = ("尽管", "虽然", "即使", "虽说")
_CLAIMS = ("声称", "宣称", "号称", "自称")  # 尽管X声称…, 但是…: the narrator rebuts a claim
_SHOWN = ("显示", "表明")  # 法院文件显示 / 内部文件还显示: documents the narrator cites, not a voice
_ASKING = re.compile(r"问")  # a marker with a verb of asking (问, 追问, 反问道…)
# A line that ends with a verb of asking: the question on the next line is the asker's.
_ASKED = re.compile(r"(?:问|问道|追问|反问|提问)[，,：:]?\s*$")
_QUOTE_OPENS = re.compile(r"\s*[：:，,]?\s*[“「『]")  # 他说：“… right after the marker
_INTRODUCES_WORDS = re.compile(r"[：:]")  # 他有个很出名的说法：… (a colon, not scare quotes: 去白宫“觐见”)
# Connectives a narrated line about the speaker may open with: 所以，他给Groq定的策略是.
_LEADING_CONNECTIVES = re.compile(r"^(?:所以|而|但是|但|不过|然后|于是|而且|并且|同时|此外|另外|[，,\s])*")


@dataclass
class Turn:
    """The word as someone other than the host holds it."""

    speaker: str
    told: bool = False  # opened by a cue that names what is told (讲了一个故事): narrated actions are told
    first_person: bool = False  # the relayed words speak as 我 (a quote): 我觉得 inside is theirs
    question_kept: bool = False  # the last line was the speaker's own question
    said: int = 0  # lines given to the speaker so far
    concession: bool = False  # opened as a claim conceded (尽管X声称…): the 但是 that answers it is the narrator's
    asking: bool = False  # opened by a verb of asking: the questions that follow are the asker's
    quotation: bool = False  # the words are a quotation opened right after the marker (他说：“…)
    quote_closed: bool = False  # and it has closed: the next line is the narrator's again


class Narration:
    """One pass over an unlabelled transcript: the host narrates, markers hand the word over."""

    def __init__(self, analyzed, spans: dict[int, list[NameSpan]], people: dict[str, Person], topic_starts, genders):
        self.analyzed: Sequence[AnalyzedLine] = analyzed
        self.people = people
        self.topic_starts = topic_starts
        self.spans = spans
        self.salience = Salience(people, genders)
        self.host_name: str | None = None  # Simplified, to find it in the analysis text
        self.host_written: str | None = None  # as the source writes it
        self.host_named_in: list[int] = []
        self.show_name: str | None = None
        self.found: dict[str, Person] = {}  # speakers met that are not in `people` (host, unnamed voices)
        self.unnamed_of_voice: dict[str, str] = {}
        self.turn: Turn | None = None
        self.quote_depth = 0
        self.voices: list[str] = []  # the two voices of a dash dialogue
        self.subjects: list[Subject | None] = []  # who each line so far is about at its start
        # Two voices introduced themselves at the top: a dialogue, whose unmarked lines are unknown.
        self.dialogue = False

    @property
    def current(self) -> str:
        return self.turn.speaker if self.turn is not None else HOST

    def run(self) -> tuple[dict[int, str | None], dict[str, Person], str | None]:
        speaker_of_line: dict[int, str | None] = {}
        for index, item in enumerate(self.analyzed):
            if not item.line.speech:
                # A stage direction is no one's, and leaves the turn as it was.
                speaker_of_line[item.line.number] = None
                self.subjects.append(None)
                continue
            speaker_of_line[item.line.number] = self.line_speaker(item, index)
        if self.host_name is not None or HOST in speaker_of_line.values():
            self.found.setdefault(HOST, self._host_person())
        if UNKNOWN in speaker_of_line.values():
            self.found.setdefault(UNKNOWN, Person(UNKNOWN, None, None))
        return speaker_of_line, self.found, self.show_name

    def _host_person(self) -> Person:
        person = self.people.get(self.host_name or "")
        if person is not None:
            return Person(HOST, person.english, person.chinese)
        return Person(HOST, None, self.host_written or self.host_name)

    # -- one line --------------------------------------------------------------------------------

    def introduces(self, item: AnalyzedLine) -> list[SpeechMarker]:
        """How a (labelled) line introduces the show or its speaker (`show` and `self` markers; none when
        it does not); the show's name is kept."""
        markers = [marker for marker in line_markers(item, self._names(item)) if marker.kind in ("self", "show")]
        for marker in markers:
            if marker.kind == "show":
                self.show_name = self.show_name or marker.written
        return markers

    def line_speaker(self, item: AnalyzedLine, index: int) -> str:
        number, text = item.line.number, item.analysis
        line_names = self._names(item)
        markers = line_markers(item, line_names)
        spans = self.spans.get(number, [])
        persons = [name.id for name in line_names if name.label == PERSON_LABEL]
        subject = subject_of(item, spans, self._host_spans(item))

        if _DIALOGUE_DASH.match(text):
            return self._dialogue(text)
        self.salience.bind_roles(item, spans)
        if any(frame in text for frame in NARRATOR_FRAMES) or text.lstrip().startswith(NARRATOR_FRAME_OPENERS):
            # 今天我们就来聊聊他究竟说了什么: the narrator frames the episode, whatever verb follows.
            self._back_to_host()
            self._remember(item, spans, subject)
            return HOST
        speaker = self._speaker_from_markers(markers, item, index)
        if speaker is None:
            speaker = self._zero_subject(item, index)
        if speaker is None:
            speaker = self._continued(item, index, line_names, persons, number in self.topic_starts)
        if self.turn is not None and speaker == self.current:
            self.turn.said += 1
        self._remember(item, spans, subject)
        return speaker

    def _remember(self, item: AnalyzedLine, spans: list[NameSpan], subject: Subject | None) -> None:
        """What the line tells later lines: who it named or meant, who holds the word, open quotes."""
        number, text = item.line.number, item.analysis
        for span in spans:
            if span.label in SPEAKING_LABELS:
                self.salience.see(span.id, number)
        if subject is not None and subject.kind == "pronoun":
            meant = self.current if self.current in self.people else self.salience.person(subject.value, number)
            if meant is not None:
                self.salience.see(meant, number)
        elif subject is not None and subject.opening and self.salience.role(subject.value) is None:
            self.salience.see_unnamed(subject.value, number)  # 老板是个很斯文的大叔: 他 may mean the boss
        if self.turn is not None:
            if self.current in self.people:
                self.salience.see(self.current, number)
            self.quote_depth = max(0, self.quote_depth + _count(text, OPENING_QUOTES) - _count(text, CLOSING_QUOTES))
            if self.turn.quotation and self.quote_depth == 0 and _count(text, CLOSING_QUOTES):
                self.turn.quote_closed = True
            if "我" in text:
                self.turn.first_person = True
        self.subjects.append(subject)

    def _speaker_from_markers(self, markers: list[SpeechMarker], item: AnalyzedLine, index: int) -> str | None:
        """The line's speaker when it holds a marker (and the turn it opens), else None."""
        number, text = item.line.number, item.analysis
        for marker in markers:
            if marker.kind == "show":
                self.show_name = self.show_name or marker.written
        introductions = [marker for marker in markers if marker.kind in ("self", "host")]
        if introductions:
            marker = introductions[-1]
            speaker = self._introduced(marker)
            self._note_dialogue(marker, speaker, number)
            if marker.kind == "self" and speaker == HOST and number not in self.host_named_in:
                self.host_named_in.append(number)
            self._open_turn(speaker)
            return speaker
        turns = [m for m in markers if m.kind not in ("self", "host", "show")]
        if not turns:
            return None
        marker = turns[-1]
        if marker.kind == "unsourced":
            self._back_to_host()  # 根据相关披露: the narrator cites a source; no voice takes the word
            return HOST
        speaker = self._marker_speaker(marker, number)
        if speaker is None:
            return None
        if self._nested(marker, speaker):
            # Someone quoted inside the speaker's own story or argument: still the speaker's words.
            return self.current
        if marker.kind == "said-noun":
            # Ross的回答是: the words follow; 他的判断是，中国模型…: they are on the line. Ross的回答，充满了…:
            # the narrator describes them, and no turn starts.
            rest = text[marker.end :].lstrip()
            if not rest.startswith(("是", "就是", "：", ":")):
                self._back_to_host()
                return HOST
            self._open_turn(speaker)
            return speaker if has_words_after(item, marker.end) else HOST
        self._open_turn(speaker)
        if self.turn is not None:
            if _QUESTION_END.search(text):
                self.turn.question_kept = True  # 主持人追问道，能解释一下吗？ The next question is theirs too.
            self.turn.concession = text.lstrip().startswith(_CONCESSIVE) and any(
                verb in text[marker.start : marker.end] for verb in _CLAIMS
            )
            self.turn.asking = _ASKING.search(text[marker.start : marker.end]) is not None
            self.turn.quotation = (
                _QUOTE_OPENS.match(text, marker.end) is not None or text[marker.end - 1 : marker.end] in OPENING_QUOTES
            )
        return self._cue_line(item, marker.end, speaker)

    def _cue_line(self, item: AnalyzedLine, end: int, speaker: str) -> str:
        """Who holds a line whose speech marker ends at `end`: the speaker when their words follow on it.
        团队成员郑亨元解释道 with nothing after, or only whom they told (告诉台下学生), is the host's: the
        words start on the next line. So is 讲了一个Google的故事: the marker names what is told next."""
        if not has_words_after(item, end) or only_addressee_after(item, end, self.spans.get(item.line.number, ())):
            return HOST
        if only_topic_after(item, end):
            if self.turn is not None:
                self.turn.told = True
            return HOST
        return speaker

    def _nested(self, marker: SpeechMarker, speaker: str) -> bool:
        """Whether a marker inside someone's turn quotes another voice in their words instead of handing
        the word over: a company or an unnamed voice in a person's story (英伟达会说, 有人问), a source
        named inside a quote (听X说, X告诉我)."""
        if self.turn is None or speaker == self.current or speaker == HOST or marker.frame:
            return False
        if marker.cited:
            return True
        holder = self.people.get(self.current)
        if holder is None or holder.kind != PERSON:
            return False
        if self.turn.said > 0 and self._previous_text().rstrip().endswith(SCENE_SETTING):
            return True  # 像星际之门在宣传的时候 / Sam Altman表示…: a report inside the speaker's sentence
        voice = self.people.get(speaker)
        if marker.kind == "unnamed" and voice is None:
            return (marker.voice or "") not in CONVERSATION_VOICES
        # A company speaking inside a story the speaker tells (英伟达会说，抱歉); outside one, a company's
        # statement is its own turn (尽管Anthropic事后声称…).
        return self.turn.told and voice is not None and voice.kind != PERSON

    def _previous_text(self) -> str:
        index = len(self.subjects) - 1
        return self.analyzed[index].analysis if index >= 0 else ""

    def _introduced(self, marker: SpeechMarker) -> str:
        if marker.kind == "host":
            return HOST
        name = marker.voice or ""
        if name == self.host_name or (self.host_name and len(name) >= 2 and self.host_name.endswith(name)):
            return HOST  # 我是柏翰 after 我是吳柏翰: the host by their given name
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

    def _note_dialogue(self, marker: SpeechMarker, speaker: str, number: int) -> None:
        """A second voice introducing itself near the top (我是X after the host's 我是Y) makes the
        transcript a dialogue: where nothing marks a line, its speaker is unknown rather than the host."""
        # Called before the turn opens: `current` is still who held the word, the host for a new voice.
        new_voice = marker.kind == "self" and speaker != HOST and self.current == HOST
        if new_voice and self.host_name is not None and number <= _DIALOGUE_OPENING:
            self.dialogue = True

    def _marker_speaker(self, marker: SpeechMarker, number: int) -> str | None:
        if marker.kind in ("says", "said-noun") and marker.speaker:
            return marker.speaker
        if marker.kind in ("pronoun", "said-noun"):
            return self._pronoun_speaker(marker.voice or "他", number)
        if marker.kind == "role":
            bound = self.salience.role(marker.voice or "")
            return bound or self._pronoun_speaker("", number)  # 这位CEO: the person last named or meant
        if marker.kind in ("org-reference", "document"):
            organisation = self.salience.organisation(number)
            if organisation is not None:
                return organisation
            return self._unnamed("", marker.written) if marker.kind == "org-reference" else None
        if marker.kind == "unnamed":
            bound = self.salience.role(marker.voice or "")
            if bound is not None:
                return bound
        return self._unnamed(marker.voice or "", marker.written)

    def _pronoun_speaker(self, pronoun: str, number: int) -> str:
        """他说 / 她表示: the person speaking, or the one the pronoun means, or a voice with no name."""
        if self.current != HOST:
            return self.current
        meant = self.salience.person(pronoun, number)
        if meant is None:
            return self._unnamed("")
        noun = unnamed_referent(meant)
        return self._unnamed(noun) if noun is not None else meant

    def _unnamed(self, voice: str, written: str | None = None, new: bool = False) -> str:
        if voice and not new and voice not in ANYONE_VOICES and voice in self.unnamed_of_voice:
            return self.unnamed_of_voice[voice]
        speaker = f"unnamed-{sum(1 for key in self.found if key.startswith('unnamed-')) + 1}"
        self.found[speaker] = Person(speaker, None, written or voice or None)
        if voice:
            self.unnamed_of_voice[voice] = speaker
        return speaker

    def _zero_subject(self, item: AnalyzedLine, index: int) -> str | None:
        """A line that opens with its reporting verb (…马斯克也现身评论区 / 回答了一句…, …的CEO达利奥 / 在内部
        文件中就写道…): the speaker is who the lines before are about."""
        found = opening_verb(item)
        if found is None:
            return None
        _, end = found
        speaker = self._subject_before(index)
        if speaker is None:
            return None
        if speaker == HOST:
            self._back_to_host()
            return HOST
        if speaker != self.current:
            self._open_turn(speaker)
        return self._cue_line(item, end, speaker)

    def _subject_before(self, index: int) -> str | None:
        """Who the nearest line before `index` that says so is about (a name, a pronoun, a role, an unnamed
        voice); the speaker holding the word when the line just before says nobody."""
        for back in range(1, _SUBJECT_REACH + 1):
            if index - back < 0:
                return None
            subject = self.subjects[index - back]
            if subject is None:
                if back == 1 and self.current != HOST:
                    return self.current
                continue
            number = self.analyzed[index - back].line.number
            if subject.kind == "voice":
                return subject.value
            if subject.kind == "pronoun":
                return self._pronoun_speaker(subject.value, number)
            if subject.kind == "role":
                return self.salience.role(subject.value) or self._unnamed(subject.value)
            if subject.kind == "org-reference":
                return self.salience.organisation(number)
            if subject.kind == "unnamed":
                return self.salience.role(subject.value) or self._unnamed(subject.value, new=subject.new)
        return None

    def _open_turn(self, speaker: str) -> None:
        self.turn = None if speaker == HOST else Turn(speaker)
        self.quote_depth = 0

    def _back_to_host(self) -> None:
        self.turn = None
        self.quote_depth = 0

    def _continued(
        self,
        item: AnalyzedLine,
        index: int,
        line_names: list[Name],
        persons: list[str],
        new_topic: bool,
    ) -> str:
        """A line without markers: the current turn goes on unless the text turns back to the host."""
        if self.turn is None:
            return UNKNOWN if self.dialogue else HOST
        text = item.analysis
        quoted = self.quote_depth > 0
        question = not quoted and _QUESTION_END.search(text) is not None
        if question and self._speakers_question(index):
            self.turn.question_kept = True
            return self.current
        self.turn.question_kept = False
        holder = self.people.get(self.current)
        opening = self._opening(item, line_names)
        hosts_words = (
            # 他说：“你们来得正好…” / …: a quotation, once closed, hands the word back.
            self.turn.quote_closed
            # A new topic, unless the turn's words have not started yet (the cue line just before).
            or (new_topic and self.turn.said > 0 and (self.turn.said > _LONG_TURN or not text.lstrip().startswith(CONTINUING)))
            or turns_back(text)
            or any(word in text for word in AUDIENCE_WORDS)
            or any(name.label == HOST_LABEL for name in line_names)
            or question
            # Someone else named ends a person's turn; a company's statement names people as it goes, and
            # ends when a line opens on someone else: another known person or organisation, or 他/她.
            or (not quoted and (holder is None or holder.kind == PERSON) and any(p != self.current for p in persons))
            or (not quoted and holder is not None and holder.kind != PERSON and self._opens_on_another(opening))
            or (not quoted and narrators_voice(text, self.turn.first_person))
            # 尽管Anthropic事后声称… / 但是…: what answers the narrator's concession is the narrator's.
            or (self.turn.concession and text.lstrip().startswith(_BUT))
            or (not quoted and text.rstrip().endswith(_SHOWN))
            # An organisation's statement is relayed in a paragraph: this long without a new cue, what
            # follows is the narrator's account (a person retold at length goes on; their words do).
            or (holder is not None and holder.kind != PERSON and self.turn.said >= _LONGEST_STATEMENT)
        )
        if hosts_words:
            self._back_to_host()
            return HOST
        about_the_speaker = opening is not None and (
            opening == ("voice", self.current) or (opening[0] == "pronoun" and holder is not None and holder.kind == PERSON)
        )
        if not quoted and self.turn.said > 0 and about_the_speaker:
            # Ross在对话开场，就抛出了一个判断 / 他用消费品行业来做类比: the narrator tells of the speaker.
            # A line that only names what is told next (…做类比, …的策略是) keeps the turn for what follows.
            if names_what_follows(item):
                self.turn.told = True
                self.turn.said = 0
                return HOST
            # 他现在做了一家公司: what the speaker did, told by the narrator, unless inside their own story
            # or introducing their words (他有个很出名的说法：…).
            if opening[0] == "pronoun" and not self.turn.told and not _INTRODUCES_WORDS.search(text):
                self._back_to_host()
                return HOST
        return self.current

    def _opening(self, item: AnalyzedLine, line_names: list[Name]) -> tuple[str, str] | None:
        """What a line opens with after its connectives: ("pronoun", 他/她), ("voice", id) or None."""
        text = item.analysis
        start = len(text) - len(_LEADING_CONNECTIVES.sub("", text))
        rest = text[start:]
        if rest.startswith(("他", "她")) and not rest.startswith(("他们", "她们", "他人")):
            return ("pronoun", rest[0])
        first = next((i for i, token in enumerate(item.tokens) if token.start >= start and token.text.strip()), None)
        name = next((name for name in line_names if name.start == first), None)
        if name is not None and name.label != HOST_LABEL:
            return ("voice", name.id)
        return None

    def _opens_on_another(self, opening: tuple[str, str] | None) -> bool:
        """Whether a line opens on 他/她 or on a known person or organisation other than the one speaking."""
        if opening is None or opening == ("voice", self.current):
            return False
        if opening[0] == "pronoun":
            return True
        voice = self.people.get(opening[1])
        return voice is not None and voice.kind in (PERSON, ORG)

    def _speakers_question(self, index: int) -> bool:
        """Whether a question inside a turn is the speaker's own: an example (比如，…吗？), one answered in
        the next line (…呢？ / 因为…), one of a run the speaker asks, or one begun on a line before."""
        text = self.analyzed[index].analysis.lstrip()
        if text.startswith(EXAMPLES) or self.turn.question_kept or self.turn.said == 0 or self.turn.asking:
            return True
        if index > 0 and _ASKED.search(self.analyzed[index - 1].analysis):
            return True  # 有人看了演示视频问 / 为什么…呢？: the question of whoever asks
        if index + 1 < len(self.analyzed) and self.analyzed[index + 1].analysis.lstrip().startswith(ANSWERS):
            return True
        for back in range(1, _QUESTION_REACH + 1):
            if index - back < 0:
                break
            earlier = self.analyzed[index - back].analysis
            if _QUESTION_END.search(earlier):
                break
            clause = re.split(r"[，,。；;：:！!]", earlier)[-1]
            if any(word in clause for word in QUESTION_WORDS):
                return True
        return False

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

    def _host_spans(self, item: AnalyzedLine) -> list[tuple[int, int]]:
        if not self.host_name:
            return []
        return [(start, start + len(self.host_name)) for start in _occurrences(item.analysis, self.host_name)]

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
        for span in spans:
            words = word_span(starts, ends, span.start, span.end)
            if words is not None:
                names.append(Name(*words, span.label, span.id))
        for start in host_starts:
            words = word_span(starts, ends, start, start + len(self.host_name))
            if words is not None:
                names.append(Name(*words, HOST_LABEL, HOST))
                if number not in self.host_named_in:
                    self.host_named_in.append(number)
        return filter_names(names)


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Where `word` starts in `text`, left to right without overlaps (as re.finditer finds it)."""
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + len(word))


def _count(text: str, characters: str) -> int:
    return sum(text.count(c) for c in characters)
