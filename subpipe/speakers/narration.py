"""An unlabelled transcript, line by line: the host narrates, speech markers hand the word over, and a
turn runs on until the text turns back to the host."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
)
from .markers import Name, SpeechMarker, filter_names, marker_matcher, may_hold_marker, word_span
from .people import HOST, HOST_LABEL, ORG, PERSON, PERSON_LABEL, PUNCTUATION, SPEAKING_LABELS, NameSpan, Person
from .references import VOICES, Salience, Subject, subject_of
from .words import (
    ADDRESSEES,
    ADDRESSING_VERBS,
    ANSWERS,
    CLAUSE_VERBS,
    CONTINUING,
    CONVERSATION_VOICES,
    EXAMPLES,
    NARRATOR_PHRASES,
    NARRATOR_FRAMES,
    NARRATOR_OPENERS,
    NOMINAL_VERBS,
    NOT_A_REPORT_BEFORE,
    NARRATOR_WORDS,
    QUESTION_WORDS,
    REPORTING_VERBS,
    SCENE_SETTING,
    SOURCE_BEFORE,
    TOPIC_NOUNS,
)

# A pause: what may follow a narrator's turn-back word for it to stand alone.
_PAUSE = re.compile(r"\s*(?:[，,、：:。.！!…]|$)")
_QUESTION_END = re.compile(r"[？?][”」』\"']?\s*$")
# An SRT dialogue dash opens a line or follows a space: `- 你好 - 我很好` is two turns.
_DIALOGUE_DASH = re.compile(r"(?:^|\s)[-–—]\s*(?=\S)")
_LONGEST_NAME = 6  # characters of a self-introduced name
_LONGEST_INTRODUCTION = 14  # characters of the clause after 我是 that holds it
_SUBJECT_REACH = 3  # lines back a line that starts with its reporting verb looks for who it is about
# Lines a turn has run after which a new topic ends it even at a connective (此外，…): the connective then
# moves on from what the speaker said, rather than adding to it.
_LONG_TURN = 8
_LONGEST_STATEMENT = 15  # lines of an organisation's statement relayed without a new cue
_QUESTION_REACH = 2  # lines back a question may have begun and still be the speaker's
# Words before a host's name in a self-introduction: 我是主持人大飞, 我是你们的老朋友大飞.
_HOST_ROLE_WORDS = frozenset("主持人 主播 老朋友 朋友 小编 博主 up主 UP主".split())
# Words that may stand before a reporting verb that opens a line without its subject (并留言, 只说).
_ADVERBS = frozenset("并 还 也 则 就 又 更是 更 只 都 再 便 随即 立刻 马上 当即 公开 直接 甚至 一直 曾 曾经 却 而 则是 同时 随后 接着 进一步".split())
# Words after 说 that make it no report: 说到, 说回, 说起, 说明.
# Marker kinds from the most specific to the least, for words several patterns match.
_KIND_PRIORITY = (
    "self", "host", "show", "unsourced", "said-noun", "frame", "document", "role", "org-reference", "unnamed",
    "pronoun", "says",
)
# 从技术角度来看, 从官方给出的数据来看: the narrator sets the point of view.
_POINT_OF_VIEW = re.compile(r"^从[^，,。]{1,14}来看")
_BUT = ("但是", "但", "可是", "然而")
_CONCESSIVE = ("尽管", "虽然", "即使", "虽说")
_CLAIMS = ("声称", "宣称", "号称", "自称")  # 尽管X声称…, 但是…: the narrator rebuts a claim
_SHOWN = ("显示", "表明")  # 法院文件显示 / 内部文件还显示: documents the narrator cites, not a voice
_NOT_SAYING_AFTER = frozenset("到 回 起 明 过 白了 实话".split())
_LOCATIVE_ENDS = frozenset("中 里 上 下 时 内".split())  # 在内部文件中, 在推文里
# What may follow a speech verb on its line without being anyone's words: more verbs of saying (发文反讽
# 说道), 道, 过 (表示过), 了, 就是.
_NOT_WORDS = frozenset("道 过 了 是 就是 着".split())
_TOPIC_CLAIM = ("是",)  # 他指出这是一个问题: a copula makes the rest a claim, not a topic
_INDEFINITE = frozenset("一个 一位 一些 一种 一句 一段 个 一件 一项 一则 一篇".split())  # 提到一个…的朋友
_TITLE_AT_END = re.compile(r"《[^《》]*》$")  # 的论文《硬件彩票》: the title names the topic noun before it
_ASKING = re.compile(r"问")
# A line that ends with a verb of asking: the question on the next line is the asker's.
_ASKED = re.compile(r"(?:问|问道|追问|反问|提问)[，,：:]?\s*$")
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

    @property
    def current(self) -> str:
        return self.turn.speaker if self.turn is not None else HOST

    def run(self) -> tuple[dict[int, str], dict[str, Person], str | None]:
        speaker_of_line = {}
        for index, item in enumerate(self.analyzed):
            speaker_of_line[item.line.number] = self.line_speaker(item, index)
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

    def line_speaker(self, item: AnalyzedLine, index: int) -> str:
        number, text = item.line.number, item.analysis
        line_names = self._names(item)
        markers = self._markers(item, line_names)
        spans = self.spans.get(number, [])
        persons = [name.id for name in line_names if name.label == PERSON_LABEL]
        subject = subject_of(item, spans, self._host_spans(item))

        if _DIALOGUE_DASH.match(text):
            return self._dialogue(text)
        self.salience.bind_roles(item, spans)
        if text.lstrip().startswith(NARRATOR_FRAMES) or any(frame in text for frame in NARRATOR_FRAMES[:2]):
            # 今天我们就来聊聊他究竟说了什么: the narrator frames the episode, whatever verb follows.
            self._back_to_host()
            self._remember(item, spans, subject)
            return HOST
        speaker = self._speaker_from_markers(markers, item, index)
        if speaker is None:
            speaker = self._zero_subject(item, index)
        if speaker is None:
            speaker = self._continued(item, index, line_names, persons, number in self.topic_starts, subject)
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
        if self.turn is not None:
            if self.current in self.people:
                self.salience.see(self.current, number)
            self.quote_depth = max(0, self.quote_depth + _count(text, OPENING_QUOTES) - _count(text, CLOSING_QUOTES))
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
            return speaker if _has_words_after(item, marker.end) else HOST
        self._open_turn(speaker)
        if self.turn is not None:
            if _QUESTION_END.search(text):
                self.turn.question_kept = True  # 主持人追问道，能解释一下吗？ The next question is theirs too.
            self.turn.concession = text.lstrip().startswith(_CONCESSIVE) and any(
                verb in text[marker.start : marker.end] for verb in _CLAIMS
            )
            self.turn.asking = _ASKING.search(text[marker.start : marker.end]) is not None
        # 团队成员郑亨元解释道 with nothing after it: the host speaks; the person's words start next line.
        # So too 讲了一个Google的故事: the cue names what is told, which starts on the next line.
        if not _has_words_after(item, marker.end) or _only_addressee_after(item, marker.end, self.spans.get(number, ())):
            return HOST
        if _only_topic_after(item, marker.end):
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

    def _marker_speaker(self, marker: SpeechMarker, number: int) -> str | None:
        if marker.kind in ("says", "said-noun") and marker.speaker:
            return marker.speaker
        if marker.kind in ("pronoun", "said-noun"):
            return self._pronoun_speaker(marker.voice or "他", number)
        if marker.kind == "role":
            bound = self.salience.role(marker.voice or "")
            return bound or self._pronoun_speaker("", number)
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
        return self.salience.person(pronoun, number) or self._unnamed("")

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
        found = _opening_verb(item)
        if found is None:
            return None
        verb, end = found
        speaker = self._subject_before(index)
        if speaker is None:
            return None
        if speaker == HOST:
            self._back_to_host()
            return HOST
        if speaker != self.current:
            self._open_turn(speaker)
        if not _has_words_after(item, end) or _only_addressee_after(item, end, self.spans.get(item.line.number, ())):
            return HOST
        if _only_topic_after(item, end):
            if self.turn is not None:
                self.turn.told = True
            return HOST
        return speaker

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
                return self.salience.role(subject.value) or self.salience.person("", number)
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
        subject: Subject | None,
    ) -> str:
        """A line without markers: the current turn goes on unless the text turns back to the host."""
        if self.turn is None:
            return HOST
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
            # A new topic, unless the turn's words have not started yet (the cue line just before).
            (new_topic and self.turn.said > 0 and (self.turn.said > _LONG_TURN or not text.lstrip().startswith(CONTINUING)))
            or _turns_back(text)
            or any(word in text for word in AUDIENCE_WORDS)
            or any(name.label == HOST_LABEL for name in line_names)
            or question
            # Someone else named ends a person's turn; a company's statement names people as it goes, and
            # ends when a line opens on someone else: another known person or organisation, or 他/她.
            or (not quoted and (holder is None or holder.kind == PERSON) and any(p != self.current for p in persons))
            or (not quoted and holder is not None and holder.kind != PERSON and self._opens_on_another(opening))
            or (not quoted and _narrators_voice(text, self.turn))
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
            if _names_what_follows(item, 0):
                self.turn.told = True
                self.turn.said = 0
                return HOST
            # 他现在做了一家公司: what the speaker did, told by the narrator, unless inside their own story.
            if opening[0] == "pronoun" and not self.turn.told:
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
            if any(word in clause for word in QUESTION_WORDS if word != "吗"):
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
        # Where patterns of several kinds match the same words, the most specific kind names them
        # (Ross的回答 is a said-noun frame before it is a name and a verb).
        labels: dict[tuple[int, int], str] = {}
        for key, start, end in found:
            kind = doc.vocab.strings[key]
            if _KIND_PRIORITY.index(kind) < _KIND_PRIORITY.index(labels.get((start, end), "says")):
                labels[(start, end)] = kind
            labels.setdefault((start, end), kind)
        markers = []
        for span in sorted(filter_spans(matches), key=lambda s: s.start):
            kind = labels[(span.start, span.end)]
            marker = self._marker(kind, span, doc, doc.text, item.line.text)
            if marker is not None:
                markers.append(marker)
        return markers

    def _marker(self, kind: str, span, doc, text: str, source: str) -> SpeechMarker | None:
        start, end = span.start_char, span.end_char
        frame = kind == "frame"
        if frame:
            kind = "says"
        verbal = kind in ("says", "pronoun", "role", "org-reference", "unnamed") and not frame
        if verbal and _nominal_verb(span, doc):
            return None  # 饱受投资者们的批评, 给出的回应: the verb is a noun here
        if verbal and span[-1].text == "说" and _word_before(doc, span.end - 1) in SAY_COMPOUNDS:
            return None  # 郑亨元的工作可以说是…
        after = doc[span.end].text if span.end < len(doc) else ""
        if kind in ("says", "said-noun"):
            ent = next(iter(span.ents), None)
            if ent is None:
                if kind == "said-noun":  # 他的思路是
                    return SpeechMarker(kind, start, end, voice=span[0].text, said_noun=True)
                return None
            before = _word_before(doc, ent.start)
            if before in NOT_A_REPORT_BEFORE:
                return None  # 当X提到…时, 除了X指出来的, 被X称为: no report of X's
            if before in ADDRESSEE_MARKERS:
                return None  # 我对郑亨元说: he is spoken to
            if ent.label_ == HOST_LABEL:
                return SpeechMarker("host", start, end)
            if not ent.kb_id_:
                return None  # a name with no entity behind it cannot be a speaker
            if after == "的" and verbal:
                return None  # 施密特指出的问题: the verb opens a relative clause, not a report
            cited = before in SOURCE_BEFORE or span[0].text == "据" or (span[-1].text == "告诉" and after in ("我", "我们"))
            return SpeechMarker(
                kind, start, end, speaker=ent.kb_id_, said_noun=kind == "said-noun", cited=cited, frame=frame
            )
        before = _word_before(doc, span.start)
        if before in NOT_A_REPORT_BEFORE or after == "的":
            return None  # 当用户…时; 从他分享的基准测试: a time or relative clause
        if kind == "unnamed":
            if before in ADDRESSEE_MARKERS:
                return None  # 向观众解释: the audience is spoken to
            token = next(token for token in span if token.text in VOICES)
            written = source[token.idx : token.idx + len(token.text)]
            return SpeechMarker("unnamed", start, end, voice=token.text, written=written)
        if kind in ("pronoun", "role", "org-reference", "document"):
            voice = span[1].text if kind == "role" else span[0].text
            if voice == "在":  # 在他看来
                voice = span[1].text
            return SpeechMarker(kind, start, end, voice=voice, written=source[start:end])
        if kind == "unsourced":
            return SpeechMarker(kind, start, end)
        if kind == "host":
            return SpeechMarker("host", start, end)
        if kind == "self":
            return self._self_introduction(span, doc, text, source)
        if kind == "show":
            clause = _clause(text, end)
            return SpeechMarker("show", start, end, voice=clause, written=source[end : end + len(clause)]) if clause else None
        return None

    def _self_introduction(self, span, doc, text: str, source: str) -> SpeechMarker | None:
        """我是大飞 / 我是你们的老朋友大飞 / 我是主持人大飞: the clause after 是 is the name, or ends with it
        after 的 or a role word; anything else (我是说…, 我是一个程序员) is no introduction."""
        clause_end = span.end_char + len(_clause(text, span.end_char))
        if not (0 < clause_end - span.end_char <= _LONGEST_INTRODUCTION):
            return None
        for ent in doc.ents:
            if ent.label_ == PERSON_LABEL and ent.start_char >= span.end_char and ent.end_char == clause_end:
                written = source[ent.start_char : ent.end_char]
                return SpeechMarker("self", span.start_char, clause_end, speaker=ent.kb_id_, voice=ent.text, written=written)
        words = [t.text for t in doc if span.end_char <= t.idx and t.idx + len(t.text) <= clause_end]
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


def _narrators_voice(text: str, turn: Turn) -> bool:
    """Whether a line inside a turn opens in the narrator's own voice: a verdict or aside (显然, 说白了,
    很多人可能会觉得), a standalone 所以说 / 当然, or the narrator's 我觉得 in words relayed in the third
    person."""
    stripped = text.lstrip()
    if stripped.startswith(NARRATOR_OPENERS) or _POINT_OF_VIEW.match(stripped):
        return True
    if any(stripped.startswith(word) and _PAUSE.match(stripped, len(word)) for word in NARRATOR_WORDS):
        return True
    return not turn.first_person and any(phrase in stripped for phrase in NARRATOR_PHRASES)


def _only_topic_after(item: AnalyzedLine, end: int) -> bool:
    """Whether the rest of a cue line after its verb only names what is said (了一个Google的故事,
    自己曾经犯的一个错误, 了Sarah Hooker的论文《硬件彩票》), not the words themselves: no pause inside,
    no copula, and it ends on a topic noun or introduces something (一个开连锁咖啡店的朋友)."""
    verb = next((t.text for t in reversed(item.tokens) if t.end <= end and t.text.strip()), "")
    after = next((t.text for t in item.tokens if t.start >= end and t.text.strip()), "")
    if verb in ("道",):
        verb = next((t.text for t in reversed(item.tokens) if t.end < end and t.text.strip() and t.text != "道"), "")
    if verb in CLAUSE_VERBS and after != "了":
        return False
    rest = _TITLE_AT_END.sub("", item.analysis[end:].rstrip().rstrip("，,。.！!…"))
    if re.search(r"[，,：:；;。！!？?“「]", rest):
        return False
    words = [t.text for t in item.tokens if t.start >= end and t.end <= end + len(rest) and t.text.strip()]
    while words and PUNCTUATION.fullmatch(words[-1]):
        words.pop()
    if not words or any(word in _TOPIC_CLAIM for word in words):
        return False
    if words[0] == "了":
        words = words[1:]
    return bool(words) and (words[-1] in TOPIC_NOUNS or words[0] in _INDEFINITE)


def _opening_verb(item: AnalyzedLine) -> tuple[str, int] | None:
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
    return word, tokens[position].end


def _word_before(doc, index: int) -> str:
    """The word before token `index`, spaces skipped (你可以对 Siri 说)."""
    index -= 1
    while index >= 0 and not doc[index].text.strip():
        index -= 1
    return doc[index].text if index >= 0 else ""


def _nominal_verb(span, doc) -> bool:
    """Whether a marker's speech verb stands after 的 as a noun (投资者们的批评, 给出的回应). Only verbs that
    are nouns as often count: before 告诉 or 说道, 的 is colloquial for 地 (语重心长的告诉, 自信的说道)."""
    last = span.end - 1
    return doc[last].text in NOMINAL_VERBS and _word_before(doc, last) == "的"


def _only_addressee_after(item: AnalyzedLine, end: int, spans: Sequence[NameSpan] = ()) -> bool:
    """Whether a cue line ends on whom the speaker addressed (告诉台下学生, 又问他): the words come next."""
    verb = next((t.text for t in reversed(item.tokens) if t.end <= end and t.text.strip()), "")
    if verb not in ADDRESSING_VERBS:
        return False
    rest = item.analysis[end:].rstrip().rstrip("，,：:")
    if re.search(r"[，,：:；;。！!？?“「]", rest):
        return False
    if any(span.label == PERSON_LABEL and item.analysis[span.end :].strip() == "" and not
           item.analysis[end : span.start].strip() for span in spans):
        return True  # 又问诸葛亮
    words = [t.text for t in item.tokens if t.start >= end and t.text.strip()]
    return bool(words) and (words[-1] in ADDRESSEES or words[-1] == "们" or words[-1].endswith("们"))


def _names_what_follows(item: AnalyzedLine, end: int) -> bool:
    """Whether a narrated line about the speaker names what comes next: it ends on a topic noun
    (他用消费品行业来做类比) or on 是 (他给Groq定的策略是)."""
    text = item.analysis.rstrip().rstrip("，,：:")
    if text.endswith(("是", "就是")):
        return True
    words = [t.text for t in item.tokens if t.start >= end and t.text.strip() and not PUNCTUATION.fullmatch(t.text)]
    return bool(words) and words[-1] in TOPIC_NOUNS


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


def _has_words_after(item: AnalyzedLine, end: int) -> bool:
    """Whether anything after a speech marker is someone's words, not more of the marker (反讽说道, 表示过)."""
    return any(
        token.text.strip() and not PUNCTUATION.fullmatch(token.text)
        and token.text not in _NOT_WORDS and token.text not in REPORTING_VERBS
        for token in item.tokens
        if token.start >= end
    )


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
