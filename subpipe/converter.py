"""The converter: a run's set-up done once (glossary, dictionary), then one episode per call.

    converter = subpipe.Converter(settings, glossaries=["my-names.csv"])
    episode = converter(Path("episode.txt"))        # a file; a str is transcript text
    for result in converter.pipe(paths, jobs=2):    # many, in parallel processes
        ...

Each call runs the stages in order (docs/architecture.md): read, analyse (script, words), names,
timing from audio, cues, bilingual cues, chapters, speakers, summaries.
"""

from __future__ import annotations

import hashlib
import itertools
from heapq import merge
import os
import uuid
from dataclasses import dataclass, field, replace
from functools import cached_property
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import formats
from .chapters import find_chapters, in_script
from .chapters.spans import youtube_warnings
from .cues.bilingual import with_english_names
from .cues.build import CueMaker
from .cues.shape import LineShaper
from .cues.table import pack
from .cues.terminology import CHECKED_KINDS, check_terminology
from .cues.translated import Fit, Limits, fit_translation
from .cues.translation import english_by_line
from .formats.ass import ass_warnings
from .glossary import Glossary, GlossaryFile, glossary_files, glossary_from_files, load_glossaries
from .model import AnalyzedLine, Chapter, Cue, Episode, EpisodeWarning, Line, Mention, Script, Sentence, TermMiss, TimingMethod, Transcript
from .names.align import LineNames, NameAlignment, align_names, normal_dots
from .names.dictionary import name_dictionary
from .names.labels import address_titles
from .names.discover import discover_names, in_context, join_names, with_surname_mentions
from .names.learn import Lesson, find_inline_names, learn_from_transcript
from .names.romanise import Region
from .settings import Settings
from .version import __version__
from .speakers import attribute_speakers
from .summaries import summarize
from .text.analysis import analyze, jieba_forms, jieba_words, reanalyze
from .text.line_index import SpansByNumber, TextsByNumber
from .text.line_table import analyzed_like, lines_of
from .text.punctuation import punctuated
from .text.sentences import SentenceReading, pauses_after_lines
from .text.script import output_config, script_converter
from .text.segment import Segmenter
from .text.written import WrittenForms
from .timing.audio import Speech, read_speech
from .timing.estimate import duration_warnings, input_order_warnings

if TYPE_CHECKING:
    from .batch.executors import Executor
    from .batch.work import Job, Outcome, Task

class Converter:
    """Everything a run sets up once, then a callable that converts one episode at a time.

    `glossaries` are glossary files (CSV/TSV, YAML, TBX) merged after the shipped glossary (unless
    `settings.names.shipped_glossary` is off), later ones winning; or a `Glossary` loaded already.
    `segmenter`, when given, is the dictionary to start from (its words are kept). The converter
    holds the merged glossary and a jieba dictionary with its names; an episode's learned names go
    into a layer over it, never into it, so episodes never affect each other.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        glossaries: Sequence[str | os.PathLike[str]] | Glossary = (),
        *,
        segmenter: Segmenter | None = None,
    ):
        settings = settings or Settings()
        if isinstance(glossaries, Glossary):
            self._set_up(settings, None, glossaries, segmenter)
        else:
            # Read now, so that a missing or unreadable file is told at once.
            self._set_up(settings, glossary_files(glossaries, shipped=settings.names.shipped_glossary), None, segmenter)

    def _set_up(
        self,
        settings: Settings,
        files: tuple[GlossaryFile, ...] | None,
        glossary: Glossary | None,
        segmenter: Segmenter | None,
    ) -> None:
        self.settings = settings
        # The files the glossary is built from (None for a Glossary given as it is): what worker
        # processes build their own glossary from.
        self.glossary_files = files
        if glossary is not None:
            self.__dict__["glossary"] = glossary
        self._base_segmenter = segmenter
        self._profile: Profile | None = None

    # The glossary and the segmenter are built when first needed: a batch's parent process, whose
    # workers convert, never needs them.

    @cached_property
    def glossary(self) -> Glossary:
        """The merged glossary: the shipped one (unless settings turn it off), then the user's files."""
        return glossary_from_files(self.glossary_files or ())

    @cached_property
    def segmenter(self) -> Segmenter:
        """A segmenter holding jieba's dictionary and every name of the glossary."""
        words = jieba_words(self.glossary)
        # Built with its words at once: one copy of jieba's dictionary, not a second one to add them to.
        return self._base_segmenter.with_words(words) if self._base_segmenter is not None else Segmenter(words)

    @classmethod
    def from_glossary_files(cls, settings: Settings, files: Sequence[GlossaryFile]) -> "Converter":
        """A converter whose glossary is built from glossary files read already, as (path, bytes) in
        merge order (the shipped glossary's files included): what a batch worker is sent."""
        converter = cls.__new__(cls)
        converter._set_up(settings, tuple(files), None, None)
        return converter

    @property
    def profile(self) -> Profile:
        """What a worker process needs to build this converter again (settings, glossary files)."""
        if self._profile is None:
            self._profile = Profile.of(self)
        return self._profile

    def __call__(
        self,
        source: str | os.PathLike[str] | Transcript,
        *,
        name: str | None = None,
        audio: str | os.PathLike[str] | None = None,
        translation: Transcript | None = None,
    ) -> Episode:
        """One episode from `source`: a path to a transcript or subtitle file, transcript text (a str;
        `name` is then the stem its outputs are named after), or a Transcript.

        `audio` is the episode's audio or video file: cues are then timed from its speech (timed input
        is re-synchronised to it). `translation` is an English translation (read with
        `formats.read_transcript`): the bilingual cues then carry it, and the names in it are checked.
        A bilingual subtitle file carries its own (`Transcript.english`), used when none is given."""
        return self.convert(formats.read_source(source, name), audio=audio, translation=translation)

    def convert(
        self,
        transcript: Transcript,
        *,
        audio: str | os.PathLike[str] | None = None,
        translation: Transcript | None = None,
    ) -> Episode:
        """Every stage after reading, on a transcript read already."""
        # Read the audio first: a bad audio file should fail before the slower stages run.
        speech = read_speech(audio) if audio is not None else None
        if transcript.english:
            if translation is None:
                translation = replace(transcript, lines=transcript.english, english=(), warnings=())
            else:
                message = "the translation given is used for the bilingual subtitles, not the file's own English"
                warning = EpisodeWarning(message, transcript.english[0].number)
                transcript = replace(transcript, warnings=(*transcript.warnings, warning))
        return _Episode(self, transcript, speech, translation, audio).run()

    def pipe(
        self,
        sources: Iterable[str | os.PathLike[str] | Transcript | "Job"],
        *,
        jobs: int = 1,
        executor: "Executor | None" = None,
        task: "Task | None" = None,
        ordered: bool = True,
    ) -> Iterator["Outcome"]:
        """Convert many sources; yields one outcome per source: `Converted` (its `.value` is what `task`
        made: by default the Episode) or `Failed` (`.reason`, `.line`; `.error(name)` is the error to
        show), each with the source's `.index`, in the order given unless `ordered` is False.

        Runs in this process, in `jobs` worker processes, or on any executor of `subpipe.batch.executors`
        (`dask_cluster(address)` for a Dask cluster). Workers build their own converter from this one's
        settings and glossary files, once each."""
        from .batch.executors import process_pool, run_here
        from .batch.work import Job, episode_task, jobs_of

        if executor is None:
            executor = run_here if jobs <= 1 else process_pool(jobs)
        items = iter(sources)
        first = next(items, None)
        if first is None:
            return iter(())
        chain = itertools.chain([first], items)
        work = chain if isinstance(first, Job) else jobs_of(chain)
        outcomes = executor(self, task or episode_task, work)
        return _in_order(outcomes) if ordered else outcomes


@dataclass(frozen=True)
class Profile:
    """Everything besides an input that decides its outputs, small enough to send to every worker.

    `glossaries` are the (path, bytes) of every glossary file in merge order (the shipped glossary's,
    unless settings turn it off, then the user's), or a Glossary built already. Workers build their
    converter from it, so they need no access to the files. Compared and hashed by `key` only: each
    worker keeps one converter per key."""

    settings: Settings = field(default_factory=Settings, compare=False)
    glossaries: tuple[GlossaryFile, ...] | Glossary = field(default=(), compare=False)
    key: str = ""

    @staticmethod
    def of(converter: Converter) -> Profile:
        if converter.glossary_files is None:
            # A converter made from a Glossary object: its profile is its own (one per converter).
            return Profile(converter.settings, converter.glossary, f"glossary {uuid.uuid4()}")
        profile = Profile(converter.settings, converter.glossary_files)
        return Profile(profile.settings, profile.glossaries, profile.digest)

    @property
    def digest(self) -> str:
        """Hash of the subpipe version, the output kinds, the settings, the name dictionary's version and
        the glossaries' bytes: what besides an input's bytes decides its outputs (a batch's resume key)."""
        from .outputs import OUTPUTS

        hasher = hashlib.sha256()
        hasher.update(f"subpipe {__version__}\noutputs {sorted(OUTPUTS)}\n{self.settings!r}\n".encode())
        if self.settings.names.dictionary:
            from .names.cedict import dictionary_version

            hasher.update(f"dictionary {dictionary_version()}\n".encode())
        if isinstance(self.glossaries, Glossary):
            raise ValueError("a profile built from a Glossary object has no digest")
        for _, data in self.glossaries:
            hasher.update(f"glossary {hashlib.sha256(data).hexdigest()}\n".encode())
        return hasher.hexdigest()

    def converter(self) -> Converter:
        if isinstance(self.glossaries, Glossary):
            return Converter(self.settings, self.glossaries)
        return Converter.from_glossary_files(self.settings, self.glossaries)



def _in_order(outcomes: Iterator["Outcome"]) -> Iterator["Outcome"]:
    waiting: dict[int, Outcome] = {}
    following = 0
    for outcome in outcomes:
        waiting[outcome.index] = outcome
        while following in waiting:
            yield waiting.pop(following)
            following += 1
    yield from (waiting[index] for index in sorted(waiting))


@dataclass(frozen=True)
class _Names:
    """What the names phase hands on: the lines (headings left out) and the names in them."""

    analyzed: Sequence[AnalyzedLine]
    lesson: Lesson
    glossary: Glossary  # every glossary's names, the learned ones and the ones found without one
    spoken: NameAlignment  # the names in the lines
    named: NameAlignment  # every name written, the headings' too: what the episode reports
    found_by: Mapping[str, str]


@dataclass(frozen=True)
class _Subtitles:
    """What the subtitles phase hands on."""

    analyzed: Sequence[AnalyzedLine]  # as the audio's timing read them, where there is audio
    cues: Sequence[Cue]  # a tuple, or a long episode's CueTable (cues/table.py)
    timing: TimingMethod
    bilingual: Sequence[Cue]
    term_misses: tuple[TermMiss, ...]
    sentences: Sequence[Sentence]  # a tuple, or a long episode's SentenceTable (text/sentence_table.py)
    # The lines a sentence may start at the start of (chapters start only there).
    sentence_starts: frozenset[int]
    warnings: tuple[EpisodeWarning, ...]


class _Episode:
    """One conversion: the stages in order, each a method reading what the ones before it found."""

    def __init__(
        self,
        converter: Converter,
        transcript: Transcript,
        speech: Speech | None,
        translation: Transcript | None,
        audio: str | os.PathLike[str] | None,
    ):
        self.settings = converter.settings
        self.glossary = converter.glossary
        self.segmenter = converter.segmenter
        self.transcript = transcript
        self.speech = speech
        self.translation = translation
        self.audio = audio

    def run(self) -> Episode:
        # Each phase is a method: what only it needs (the names stage's readings of every line, the
        # cue maker's shaped chunks, the sentence evidence) is released when it returns, so the
        # episode's peak memory holds one phase's working structures, not every phase's.
        found = self.names()
        glossary, alignment, named = found.glossary, found.spoken, found.named
        target = self.settings.output_script or self.transcript.script
        made = self.subtitles(found.analyzed, alignment, glossary, target)
        analyzed, cues, timing, bilingual, sentences = made.analyzed, made.cues, made.timing, made.bilingual, made.sentences
        term_misses = made.term_misses

        warnings = list(self.transcript.warnings)
        warnings += [EpisodeWarning(note) for note in found.lesson.notes]
        warnings += input_order_warnings(self.transcript.lines)
        warnings += made.warnings
        warnings += [
            EpisodeWarning(f"{m.text} could name several people or things here; add the full name to a glossary", m.line)
            for m in _first_per_text(named.ambiguous)
        ]
        # Chapter titles and keywords are made from the Simplified analysis text, then shown in the output
        # script: as the transcript writes them where it keeps its own script.
        written = WrittenForms(
            analyzed,
            script_converter(output_config(Script.SIMPLIFIED, target)),
            own=target is self.transcript.script,
        )
        chapters = in_script(
            find_chapters(
                analyzed,
                cues,
                alignment.mentions,
                self.settings.chapters,
                sections=self.transcript.sections,
                # Chapters start where sentences may.
                sentence_starts=made.sentence_starts,
            ),
            written,
        )
        del made  # where sentences may start, read by the chapters alone
        warnings += youtube_warnings(chapters, cues)
        warnings += ass_warnings(cues, bilingual)
        # The bilingual file with a translation reports its own limits (bilingual_warnings).
        cue_sets = (("subtitles", cues),) if self.translation is not None else (
            ("subtitles", cues), ("bilingual subtitles", bilingual)
        )
        warnings += duration_warnings(cue_sets, self.settings.timing)
        # Who says each line (a new chapter is a new topic: a relayed turn ends there, where a sentence
        # starts too: a chapter may start where the model gives a sentence end only a small chance, and
        # inside someone's sentence the word stays theirs), then the summaries.
        voices = attribute_speakers(
            analyzed,
            alignment.mentions,
            alignment.unresolved,
            glossary=glossary,
            topic_starts=_topic_starts(chapters, sentences),
            legend=self.transcript.legend,
            found_by=found.found_by,
        )
        summaries = summarize(
            analyzed,
            voices.speaker_of_line,
            voices.speakers,
            alignment.mentions,
            cues,
            self.settings.summaries,
            part_starts=[chapter.line for chapter in chapters],
            sentences=sentences,
        )
        keywords = tuple(replace(k, shown=written(k.text, k.lines)) for k in summaries.keywords)
        summaries = replace(summaries, keywords=keywords)
        return Episode(
            transcript=self.transcript,
            output_script=target,
            timing=timing,
            cues=cues,
            speaker_of_line=voices.speaker_of_line,
            speakers=voices.speakers,
            mentions=named.mentions,
            chapters=chapters,
            warnings=tuple(warnings),
            learned=found.lesson.learned,
            unresolved=alignment.unresolved,
            ambiguous=named.ambiguous,
            bilingual_cues=bilingual,
            translated=self.translation is not None,
            term_misses=term_misses,
            show_name=voices.show_name,
            summaries=summaries,
            sentences=sentences,
            audio_path=str(self.audio) if self.audio is not None else None,
        )

    def names(self) -> _Names:
        """The lines read and segmented, and the names in them: the glossaries', the ones the
        transcript teaches and the ones no glossary gives."""
        analyzed = analyze(self.transcript, self.segmenter)
        # The names stage reads the file's title and headings too: written text, whose names are
        # mentions like any line's; the later stages read only the lines (a heading is not speech).
        headings = self.headings()
        written = (
            analyzed_like(analyzed, merge(analyzed, headings, key=lambda item: item.line.number)) if headings else analyzed
        )
        lesson, written = self.learn(written)
        learned_forms = frozenset(normal_dots(form) for form in lesson.forms)
        # What the lines show of names whatever the glossary: read once for both alignments and the discovery.
        lines = LineNames(written)
        alignment = align_names(written, lesson.glossary, learned_forms, lines=lines)
        glossary, alignment, written, found_by = self.discover(lines, lesson.glossary, alignment, learned_forms)
        analyzed, spoken = _without_headings(written, alignment, {item.line.number for item in headings})
        return _Names(analyzed, lesson, glossary, spoken, alignment, found_by)

    def subtitles(
        self, analyzed: Sequence[AnalyzedLine], alignment: NameAlignment, glossary: Glossary, target: Script
    ) -> _Subtitles:
        """The Chinese and the bilingual cues, timed, and the episode's sentences."""
        audio_warnings: tuple[EpisodeWarning, ...] = ()
        speech = self.speech
        if speech is not None:
            from .timing.from_audio import prepare

            audio_timing = prepare(analyzed, speech)
            analyzed, speech, audio_warnings = audio_timing.analyzed, audio_timing.speech, audio_timing.warnings
        english, translation_warnings = (
            english_by_line(self.transcript, self.translation) if self.translation is not None else ({}, [])
        )
        fit: Fit | None = None

        def make_cues(lines: Sequence[AnalyzedLine]) -> tuple[CueMaker, Sequence[Cue], TimingMethod]:
            nonlocal fit
            maker = self.cue_maker(lines, alignment, target, speech)
            if self.translation is not None:
                if fit is None:  # fitted once, to the lines as first shaped
                    fit = self.fit(maker, alignment, english)
                # Lines timed from the speaking rate last as long as their English takes to read.
                maker = replace(maker, reading_ms=fit.reading_ms())
            # Each line lasts long enough for its one-line cues in the bilingual file, which follow these.
            cues, timing = maker.cues(room_for=maker.one_line())
            # Of the lines as cut, only what the bilingual cues will need is kept.
            if self.translation is not None:  # none: the translation's fit holds its own cut
                maker.forget(maker.one_line())
                maker.forget()
            elif maker.shape != maker.one_line():  # the one-line cut
                maker.forget()
            return maker, cues, timing

        maker, cues, timing = make_cues(analyzed)
        if self.settings.shape.punctuate:
            # Asked for: the subtitles show the restored final marks too (the same cuts, the same times).
            del maker  # its shaped lines are released before the sentence evidence is read
            sentences, sentence_starts = self.sentences(analyzed, alignment, cues, timing)
            maker, cues, timing = make_cues(punctuated(analyzed, sentences))
        bilingual, term_misses, bilingual_warnings = self.bilingual(
            maker, alignment, glossary, cues, timing, speech, english, fit
        )
        # A long episode's cues are packed as they are made (`CueMaker.timed`, `with_english_names`); a
        # translation's bilingual cues are made as objects and packed here.
        bilingual = pack(bilingual)
        if not self.settings.shape.punctuate:
            del maker, fit  # released before the sentence evidence is read
            sentences, sentence_starts = self.sentences(analyzed, alignment, cues, timing)
        warnings = [*translation_warnings, *bilingual_warnings, *audio_warnings]
        if speech is not None:
            from .timing.from_audio import low_confidence_warnings

            warnings += low_confidence_warnings(cues)
        return _Subtitles(analyzed, cues, timing, bilingual, term_misses, sentences, sentence_starts, tuple(warnings))

    def sentences(
        self, analyzed: Sequence[AnalyzedLine], alignment: NameAlignment, cues: Sequence[Cue], timing: TimingMethod
    ) -> tuple[Sequence[Sentence], frozenset[int]]:
        """The episode's sentences (summaries are made of them) and the lines a sentence may start at the
        start of (chapters start there): one reading of the evidence, decoded twice, the second time with
        a lower bar. A pause between lines is evidence where the times are the input's or the audio's,
        not a reading rate's guess. The evidence at every boundary, an episode's largest structure, goes
        when this returns."""
        pauses = pauses_after_lines(cues) if timing is not TimingMethod.ESTIMATED else None
        reading = SentenceReading(analyzed, alignment.mentions, pauses)
        # Chapters start only at a line's start: the lines are kept, not every (line, offset) place.
        return reading.found(), frozenset(line for line, offset in reading.may_start_places() if not offset)

    def headings(self) -> tuple[AnalyzedLine, ...]:
        """The title and section headings the file writes (Markdown), analysed as lines that are not
        speech, at their own source lines."""
        transcript = self.transcript
        written = [(section.line, section.title) for section in transcript.sections]
        if transcript.title and transcript.title_line is not None:
            written.append((transcript.title_line, transcript.title))
        if not written:
            return ()
        lines = tuple(Line(number, text, speech=False) for number, text in sorted(written))
        return analyze(replace(transcript, lines=lines), self.segmenter)

    def learn(self, analyzed: Sequence[AnalyzedLine]) -> tuple[Lesson, Sequence[AnalyzedLine]]:
        """The names the transcript spells out in English, and the lines segmented again with them."""
        transcript = self.transcript
        lesson = learn_from_transcript(
            find_inline_names(analyzed), self.glossary, transcript.path or transcript.name
        )
        if lesson.learned:
            # Learned names join the dictionary too, so jieba keeps them whole everywhere in the episode.
            learned_words = set(jieba_forms(form for form in lesson.glossary.aliases if form not in self.glossary.aliases))
            # Only the lines holding them are segmented again: layering the words over the dictionary
            # costs less than copying it.
            analyzed = reanalyze(analyzed, self.segmenter.with_words(learned_words, layered=True), learned_words)
        return lesson, analyzed

    def discover(
        self,
        lines: LineNames,
        glossary: Glossary,
        alignment: NameAlignment,
        learned_forms: frozenset[str],
    ) -> tuple[Glossary, NameAlignment, Sequence[AnalyzedLine], Mapping[str, str]]:
        """Names no glossary gives (CC-CEDICT's, romanised Chinese names, guessed dotted names; in the
        text and in the speaker labels) added as episode-local entries under the glossaries, the names
        aligned again with them, the lines that hold them with each such name one word (no other cut
        changes), and how each such entity was found (entity id -> via). `lines` are the lines read
        for names (`LineNames`)."""
        analyzed = lines.analyzed
        names = self.settings.names
        if not (names.dictionary or names.romanise):
            return glossary, alignment, analyzed, {}
        discovery = discover_names(
            analyzed,
            glossary,
            alignment,
            name_dictionary() if names.dictionary else None,
            self.transcript.script,
            Region(names.name_region) if names.name_region else None,
            romanise=names.romanise,
            legend=self.transcript.legend,
            lines=lines,
        )
        vias = set(discovery.via_of_form.values())
        if discovery.found:
            alignment = align_names(analyzed, discovery.glossary, learned_forms, discovery.via_of_form, lines=lines)
        alignment = in_context(analyzed, alignment, vias)
        alignment = with_surname_mentions(
            analyzed, alignment, discovery.glossary, discovery.unresolved, discovery.speakers, address_titles(analyzed)
        )
        joined = join_names(analyzed, alignment.mentions, vias | {"surname"})
        return discovery.glossary, alignment, joined, discovery.via_of_entity

    def cue_maker(
        self, analyzed: Sequence[AnalyzedLine], alignment: NameAlignment, target: Script, speech: Speech | None
    ) -> CueMaker:
        """One maker for the Chinese and the bilingual cues: the same lines, cut at the same places."""
        protected = SpansByNumber((m.line, m.start, m.end) for m in (*alignment.mentions, *alignment.ambiguous))
        timing = self.settings.timing
        if speech is not None:
            from .timing.from_audio import cue_width_rate

            # Cues hold no more text than this speaker says within the longest cue.
            timing = cue_width_rate(lines_of(analyzed), speech, timing)
        shaper = LineShaper(output_config(self.transcript.script, target))
        return CueMaker(analyzed, self.settings.shape, timing, shaper, protected, speech)

    def fit(self, maker: CueMaker, alignment: NameAlignment, english: dict[int, str]) -> Fit:
        """The translation's English shared among each line's one-line cues; its names are never cut."""
        line_names: dict[int, list[str]] = {}
        for mention in alignment.mentions:
            if mention.kind in CHECKED_KINDS and mention.english:
                line_names.setdefault(mention.line, []).append(mention.english)
        return fit_translation(english, maker, Limits.of(self.settings.names, maker.timing), line_names)

    def bilingual(
        self,
        maker: CueMaker,
        alignment: NameAlignment,
        glossary: Glossary,
        cues,
        timing,
        speech,
        english: dict[int, str],
        fit: Fit | None,
    ) -> tuple[Sequence[Cue], tuple[TermMiss, ...], list[EpisodeWarning]]:
        """The bilingual cues (one Chinese line over its English) and, with a translation, the lines
        whose English does not name things the way the glossary does, and what broke a limit."""
        names = self.settings.names
        # The bilingual files show each line at the moment the Chinese file does (audio aligns its own cues).
        follow = (cues, timing) if speech is None else None
        if fit is None:
            bilingual, _ = maker.cues(maker.one_line(), follow=follow)
            written = TextsByNumber(self.transcript.lines)
            return (
                with_english_names(
                    bilingual, alignment.mentions, names.english, names.english_line_width, _short_form(glossary), written
                ),
                (),
                [],
            )
        bilingual, warnings = fit.cues(maker, follow)
        return bilingual, check_terminology(alignment.mentions, english, glossary), warnings


def _topic_starts(chapters: Sequence[Chapter], sentences: Sequence[Sentence]) -> list[int]:
    """The lines where a chapter after the first starts with a sentence."""
    sentence_lines = {sentence.parts[0].line for sentence in sentences if sentence.parts[0].start == 0}
    return [chapter.line for chapter in chapters[1:] if chapter.line in sentence_lines]


def _short_form(glossary: Glossary):
    """An entity's first English short form (USTC), or None."""

    def short(entity: str) -> str | None:
        entry = glossary.entries.get(entity)
        return entry.short[0] if entry is not None and entry.short else None

    return short


def _without_headings(
    written: Sequence[AnalyzedLine], alignment: NameAlignment, headings: set[int]
) -> tuple[Sequence[AnalyzedLine], NameAlignment]:
    """The lines and the names in them, without the headings the names stage read with them."""
    if not headings:
        return written, alignment
    return analyzed_like(written, (item for item in written if item.line.number not in headings)), replace(
        alignment,
        mentions=tuple(m for m in alignment.mentions if m.line not in headings),
        ambiguous=tuple(m for m in alignment.ambiguous if m.line not in headings),
    )


def _first_per_text(mentions: Sequence[Mention]) -> list[Mention]:
    seen, first = set(), []
    for mention in mentions:
        if mention.text not in seen:
            seen.add(mention.text)
            first.append(mention)
    return first


# --- conveniences over a Converter ------------------------------------------------------------------


def process_file(
    path: str | Path,
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    *,
    audio: str | Path | None = None,
    translation: Transcript | None = None,
) -> Episode:
    """Read a transcript or subtitle file and run every stage on it (see `Converter`; to convert many
    episodes, make one Converter and call it for each)."""
    return process_transcript(
        formats.read_transcript(path), settings, segmenter, glossary, audio=audio, translation=translation
    )


def process_text(
    text: str,
    name: str = "transcript",
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    format: str | None = None,
    glossary: Glossary | None = None,
    *,
    audio: str | Path | None = None,
    translation: Transcript | None = None,
) -> Episode:
    """Run every stage on transcript text held in memory (`format` as for files, detected if None)."""
    return process_transcript(
        formats.parse(text, name, format=format), settings, segmenter, glossary, audio=audio, translation=translation
    )


def process_transcript(
    transcript: Transcript,
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    *,
    audio: str | Path | None = None,
    translation: Transcript | None = None,
) -> Episode:
    """The stages after reading, with a converter made for this one call. `glossary` defaults to the
    shipped one (unless settings turn it off)."""
    settings = settings or Settings()
    if glossary is None:
        glossary = load_glossaries((), shipped=settings.names.shipped_glossary)
    converter = Converter(settings, glossary, segmenter=segmenter)
    return converter.convert(transcript, audio=audio, translation=translation)
