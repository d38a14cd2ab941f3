"""Plain, frozen data passed between the stages.

Times are integer milliseconds; text positions are character offsets into a source line.
Every item carries the 1-based source line number(s) it came from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Script(str, Enum):
    """The Chinese script of a text, as a BCP 47 tag."""

    SIMPLIFIED = "zh-Hans"
    TRADITIONAL = "zh-Hant"
    TAIWAN = "zh-TW"
    HONG_KONG = "zh-HK"

    @property
    def is_traditional(self) -> bool:
        return self is not Script.SIMPLIFIED


class TimingMethod(str, Enum):
    """Where cue times came from: the episode document says so, so nobody mistakes a guess for a fact."""

    INPUT = "input"
    ESTIMATED = "estimated"
    AUDIO = "audio"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the transcript as read.

    `text` is the source text (whitespace tidied, markup removed); `number` is its 1-based line in the
    source file. Times are present when the input carried them; `label` is a speaker label written in
    the input (`主持人：`, `<v Bob>`), not yet resolved to a speaker.
    """

    number: int
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    label: str | None = None
    # False for what is not speech: a stage direction or sound tag on a line of its own ((笑), [音乐]).
    # Kept and shown, never attributed to a speaker, never summarised.
    speech: bool = True


@dataclass(frozen=True)
class Section:
    """A heading the transcript writes itself (Markdown `## 第一部分`): a section title, and strong
    evidence that a chapter starts there. `line` is the heading's own source line."""

    line: int
    title: str
    level: int = 1


@dataclass(frozen=True)
class LabelDefinition:
    """A legend line's entry (`記者：張三（張）`): the labels `label` (張) and `role` (記者) stand for the
    speaker `name` (張三). `line` is the legend's source line."""

    line: int
    name: str
    role: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Transcript:
    """A whole source file: its lines and what we learned about it while reading."""

    name: str
    format: str
    # A tuple; a long transcript's are a LineTable (text/line_table.py), which reads back the same lines.
    lines: Sequence[Line]
    script: Script = Script.SIMPLIFIED
    encoding: str = "utf-8"
    path: str | None = None
    # What the file says about itself besides its spoken lines (Markdown front matter and headings).
    title: str | None = None
    # The source line the title is written on when it is a heading of the file (None from front matter):
    # written text, whose names are mentions like any line's.
    title_line: int | None = None
    date: str | None = None
    sections: tuple[Section, ...] = ()
    # Speaker labels the file defines itself (a legend near the top), for the speakers stage.
    legend: tuple[LabelDefinition, ...] = ()
    # What the reader had to work around (broken front matter, text that is not Markdown), by line.
    warnings: tuple[EpisodeWarning, ...] = ()
    # What a transcription app's export writes before the transcript (date, keywords, an automatic
    # summary): not speech, so no cue shows it; kept, with its line numbers, in episode.json.
    preamble: tuple[Line, ...] = ()
    # The English lines a bilingual subtitle file carries beside its Chinese, each timed as its cue: the
    # file's own translation (used as `--english` would be, unless one is given).
    english: tuple[Line, ...] = ()

    @property
    def is_timed(self) -> bool:
        return any(line.start_ms is not None for line in self.lines)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a line: `start`/`end` are character offsets into the line's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AnalyzedLine:
    """A line with its Simplified analysis text (same length, same offsets) and its words."""

    line: Line
    analysis: str
    # In order, tiling the text: each starts where the one before ends. A tuple, or a long episode's
    # `TokenRow` (text/token_rows.py), which reads as one.
    tokens: Sequence[Token]

    # A line may be one subtitle cue of thousands of words: a stage looks up the words near what it
    # found by bisection, never by scanning all of the line's words for each thing it finds.

    def tokens_within(self, start: int, end: int) -> tuple[Token, ...]:
        """The words that lie wholly inside [start, end), in order."""
        return self.tokens[bisect_left(self.tokens, start, key=_token_start) : bisect_right(self.tokens, end, key=_token_end)]

    def token_ending_at(self, end: int) -> Token | None:
        """The word that ends at `end`, if one does."""
        index = bisect_left(self.tokens, end, key=_token_end)
        return self.tokens[index] if index < len(self.tokens) and self.tokens[index].end == end else None


def _token_start(token: Token) -> int:
    return token.start


def _token_end(token: Token) -> int:
    return token.end


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: its display lines, its times and the source lines it shows."""

    index: int
    start_ms: int
    end_ms: int
    text_lines: tuple[str, ...]
    source_lines: tuple[int, ...]
    # Character offsets of the shown text in its (first) source line, so a cue points at its words.
    span: tuple[int, int] | None = None
    # How sure audio timing is of this cue's times (0..1); None when the times did not come from audio.
    confidence: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.text_lines)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a line and the glossary entry it was aligned to."""

    line: int
    start: int
    end: int
    text: str
    entity: str | None
    english: str | None
    kind: str | None
    via: str


@dataclass(frozen=True)
class UnresolvedName:
    """Text that looks like a name but matched no glossary entry: a row for the user to complete."""

    text: str  # as in the source, first occurrence
    form: str  # Simplified
    lines: tuple[int, ...]
    reason: str
    # A glossary name that sounds alike (an unlisted transliteration variant): English and the form.
    likely: tuple[str, str] | None = None


@dataclass(frozen=True)
class LearnedEntry:
    """A name the transcript spelled out in English itself (鲍勃·麦格鲁（Bob McGrew）)."""

    chinese: str  # as written in the source
    english: str
    kind: str
    line: int
    entity: str
    kept: bool  # False when a glossary names the same Chinese form differently (the glossary wins)


@dataclass(frozen=True)
class TermMiss:
    """A line whose English translation does not name something its Chinese names the way it should."""

    line: int
    text: str  # the name as written in the Chinese
    english: str  # the name the glossary gives
    translation: str
    # What is wrong: missing, misspelt, wrong name, pinyin, first mention (a surname alone too early).
    problem: str = "missing"
    found: str | None = None  # what the English writes instead (Altmann, Elon Musk, Zheng Hengyuan)
    expected: tuple[str, ...] = ()  # every form that would do here (Sam Altman, Altman)


@dataclass(frozen=True)
class Speaker:
    """Someone who speaks in the episode or is talked about.

    `role` is host, guest or mentioned; `lines` are the source lines they hold, `share` their part of
    the episode's characters, `named_in` the lines where their name is written. `via` says how the
    English name was found when no glossary and no transcript gave it (dictionary, romanised,
    guessed: a name to review, as a mention's `via` says), else None.
    """

    id: str
    english: str | None
    chinese: str | None
    role: str
    lines: tuple[int, ...] = ()
    share: float = 0.0
    named_in: tuple[int, ...] = ()
    via: str | None = None


@dataclass(frozen=True)
class Chapter:
    line: int
    start_ms: int
    title: str
    title_en: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class EpisodeWarning:
    """Something the user should know that did not stop the run."""

    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SentencePart:
    """The words of one source line that belong to a sentence: the line's text[start:end]."""

    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the episode as the sentence model reads it (`subpipe/text/sentences.py`).

    `parts` are its words in consecutive speech lines, one part a line, its own final punctuation
    included. `end_mark` is the mark a reader needs after it: "" when the text ends with its own (。？！),
    else "。" or "？" (restored in what people read, never in the subtitles unless asked).
    `start_confidence` and `end_confidence` are how sure the model is that it starts and ends where it
    does (the probability of a sentence end at each edge; 1.0 where a full stop, a new speaker or the
    transcript's edge decides). `leans_on_previous`: it opens with a word that needs the sentence before
    it (而, 所以, 但是, 这…), so it should not stand alone in a summary."""

    index: int
    parts: tuple[SentencePart, ...]
    end_mark: str = "。"
    start_confidence: float = 1.0
    end_confidence: float = 1.0
    leans_on_previous: bool = False

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(part.line for part in self.parts)


@dataclass(frozen=True)
class SummaryPart:
    """Words of one source line exactly as written: `text` is the line's text[start:end]."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SummarySentence:
    """A whole sentence of the episode in a summary, as a reader sees it (or a few in a row, where the
    sentence model is unsure of a cut between them: `sentences` are their indices in `Episode.sentences`).
    Its parts are the words shown, each exactly text[start:end] of its source line (a transcript with one
    phrase a line spreads a sentence over several lines; fillers and stutters are left out between parts
    of one line). `text` joins them with a comma where a line break was and ends with the final mark (the
    transcript's own, or 。/？ restored); `annotated` is the same with English names beside the Chinese
    ones."""

    parts: tuple[SummaryPart, ...]
    text: str
    annotated: str
    sentences: tuple[int, ...] = ()

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(part.line for part in self.parts))


@dataclass(frozen=True)
class SpeakerSummary:
    speaker: str  # a Speaker id
    sentences: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class Keyword:
    text: str  # as the analysis text writes it (Simplified)
    english: str | None
    weight: float
    lines: tuple[int, ...]
    shown: str | None = None  # in the output script, as the transcript writes it where it can (converter)


@dataclass(frozen=True)
class NamedInEpisode:
    """A person, organisation, product or place the episode names, and when it first appears."""

    id: str
    english: str | None
    chinese: str
    kind: str
    first_line: int
    first_ms: int | None
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Summaries:
    """What the episode and each speaker said, in the transcript's own words, and what it names."""

    episode: tuple[SummarySentence, ...] = ()
    speakers: tuple[SpeakerSummary, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    names: tuple[NamedInEpisode, ...] = ()


@dataclass(frozen=True)
class Episode:
    """Everything subpipe knows about one input; every output file is rendered from it."""

    transcript: Transcript
    output_script: Script
    timing: TimingMethod
    # A tuple; a long episode's are a CueTable (cues/table.py), which reads back the same cues.
    cues: Sequence[Cue]
    # Line number -> speaker id; the speakers stage gives a LineSpeakers (speakers/line_speakers.py).
    speaker_of_line: Mapping[int, str | None] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    warnings: tuple[EpisodeWarning, ...] = ()
    # Names: what the transcript taught, what could not be resolved, and the bilingual cues.
    learned: tuple[LearnedEntry, ...] = ()
    unresolved: tuple[UnresolvedName, ...] = ()
    ambiguous: tuple[Mention, ...] = ()
    bilingual_cues: Sequence[Cue] = ()
    # An English translation given with the transcript, and the lines that do not name things its way.
    translated: bool = False
    term_misses: tuple[TermMiss, ...] = ()
    # Speakers and summaries: the show's name as it introduces itself (这里是…), and the summaries.
    show_name: str | None = None
    summaries: Summaries = field(default_factory=Summaries)
    # The episode's sentences (subpipe/text/sentences.py), read once: summaries are made of them, and
    # chapters start where they do. A tuple; a long episode's are a SentenceTable (text/sentence_table.py),
    # which reads back the same sentences.
    sentences: Sequence[Sentence] = ()
    # The audio or video the cues were timed from (`--audio`), as given: the episode page plays it.
    audio_path: str | None = None

    @property
    def name(self) -> str:
        return self.transcript.name

    @cached_property
    def end_ms(self) -> int:
        """When the episode's last cue ends (0 without cues). Kept: every clock time an output writes
        asks whether the episode reaches an hour, and finding the end reads every cue."""
        return max((cue.end_ms for cue in self.cues), default=0)
