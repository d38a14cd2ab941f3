"""One episode through the stages: read, segment, shape and time cues."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from . import formats
from .timing.audio import Speech, read_speech
from .timing.from_audio import cue_width_rate, low_confidence_warnings, time_cues
from .timing.from_audio import prepare as prepare_audio_timing
from .cues.bilingual import with_english_names, with_translation
from .outputs.chapter_files import youtube_warnings
from .chapters.boundaries import find_chapters, in_script
from .names.align import align, normal_dots
from .glossary import Glossary, load_glossaries
from .names.learn import find_inline_names, learn_from_transcript
from .text.lexicon import MIDDLE_DOTS
from .model import AnalyzedLine, Cue, Episode, Line, Script, TermMiss, TimingMethod, Transcript, Warning
from .text.script import output_config, to_analysis
from .text.segment import Segmenter, is_ordinary_word
from .settings import Settings
from .cues.shape import Chunk, LineShaper, display_width
from .speakers.attribute import attribute_speakers
from .summaries.extract import summarize
from .timing.estimate import Span, input_order_warnings, max_chunk_width, split_span, time_lines
from .cues.translation import check_terminology, english_by_line


def process_file(
    path: str | Path,
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    *,
    audio: str | Path | None = None,
    translation: Transcript | None = None,
) -> Episode:
    """Read a transcript or subtitle file and run every stage on it (`audio`: see process_transcript)."""
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
    """The stages after reading.

    `glossary` defaults to the shipped one (unless settings turn it off); pass one loaded with
    `subpipe.load_glossaries` to add your own. Pass a `segmenter` to reuse jieba's dictionary across
    episodes; the glossary's names are added to a copy of it, never to it. `audio` is the episode's
    audio or video file: cues are then timed from its speech (timed input is re-synchronised to it).
    `translation` is an English translation (read with `formats.read_transcript`): the bilingual cues
    then carry it, and the names in it are checked.
    """
    settings = settings or Settings()
    # Read the audio first: a bad audio file should fail before the slower stages run.
    speech = read_speech(audio) if audio is not None else None
    if glossary is None:
        glossary = load_glossaries((), shipped=settings.names.shipped_glossary, is_ordinary_word=is_ordinary_word)
    segmenter = (segmenter or Segmenter()).with_words(jieba_words(glossary))
    analyzed = analyze(transcript, segmenter)

    lesson = learn_from_transcript(
        find_inline_names(analyzed, is_ordinary_word), glossary, transcript.path or transcript.name
    )
    if lesson.learned:
        # Learned names join the dictionary too, so jieba keeps them whole everywhere in the episode.
        learned_words = set(_jieba_forms(form for form in lesson.glossary.aliases if form not in glossary.aliases))
        # Only the lines holding them are segmented again: layering the words over the dictionary
        # costs less than copying it.
        analyzed = reanalyze(analyzed, segmenter.with_words(learned_words, layered=True), learned_words)
    learned_forms = frozenset(normal_dots(form) for form in lesson.forms)
    alignment = align(analyzed, lesson.glossary, is_ordinary_word, learned_forms)

    target = settings.output_script or transcript.script
    opencc_config = output_config(transcript.script, target)
    protected: dict[int, list[tuple[int, int]]] = {}
    for mention in alignment.mentions + alignment.ambiguous:
        protected.setdefault(mention.line, []).append((mention.start, mention.end))
    audio_warnings: tuple[Warning, ...] = ()
    if speech is not None:
        audio_timing = prepare_audio_timing(analyzed, speech)
        analyzed, speech, audio_warnings = audio_timing.analyzed, audio_timing.speech, audio_timing.warnings
    # One shaper for the Chinese and the bilingual cues: the same lines, cut at the same places.
    shaper = LineShaper(opencc_config)
    cues, timing = make_cues(analyzed, settings, opencc_config, protected, speech=speech, shaper=shaper)
    one_line = replace(settings, shape=replace(settings.shape, max_lines=1))
    # The bilingual files show each line at the moment the Chinese file does (audio aligns its own cues).
    follow = (cues, timing) if speech is None else None
    if translation is None:
        bilingual, _ = make_cues(
            analyzed, one_line, opencc_config, protected, speech=speech, follow=follow, shaper=shaper
        )
        bilingual = with_english_names(
            bilingual, alignment.mentions, settings.names.english, settings.names.english_line_width
        )
        term_misses: tuple[TermMiss, ...] = ()
    else:
        english = english_by_line(transcript, translation)
        bilingual = with_translation(
            english,
            lambda caps: make_cues(
                analyzed, one_line, opencc_config, protected, speech=speech, chunk_caps=caps, follow=follow, shaper=shaper
            )[0],
            settings.names.english_line_width,
        )
        term_misses = check_terminology(alignment.mentions, english)
    warnings = [Warning(note) for note in lesson.notes]
    warnings += input_order_warnings(transcript.lines)
    warnings += audio_warnings
    warnings += low_confidence_warnings(cues)
    warnings += [
        Warning(f"{m.text} could name several people or things here; add the full name to a glossary", m.line)
        for m in _first_per_text(alignment.ambiguous)
    ]
    # Chapter titles are made from the Simplified analysis text, then shown in the output script.
    chapters = in_script(
        find_chapters(analyzed, cues, alignment.mentions, settings.chapters),
        output_config(Script.SIMPLIFIED, target),
    )
    warnings += youtube_warnings(chapters, cues)
    # Who says each line (a new chapter is a new topic: a relayed turn ends there), then the summaries.
    voices = attribute_speakers(
        analyzed,
        alignment.mentions,
        alignment.unresolved,
        glossary=lesson.glossary,
        is_ordinary_word=is_ordinary_word,
        topic_starts=[chapter.line for chapter in chapters[1:]],
    )
    summaries = summarize(
        analyzed,
        voices.speaker_of_line,
        voices.speakers,
        alignment.mentions,
        cues,
        settings.summaries,
        part_starts=[chapter.line for chapter in chapters],
    )
    return Episode(
        transcript=transcript,
        output_script=target,
        timing=timing,
        cues=cues,
        speaker_of_line=voices.speaker_of_line,
        speakers=voices.speakers,
        mentions=alignment.mentions,
        chapters=chapters,
        warnings=tuple(warnings),
        learned=lesson.learned,
        unresolved=alignment.unresolved,
        ambiguous=alignment.ambiguous,
        bilingual_cues=bilingual,
        translated=translation is not None,
        term_misses=term_misses,
        show_name=voices.show_name,
        summaries=summaries,
        audio_path=str(audio) if audio is not None else None,
    )


def glossary_segmenter(glossary: Glossary) -> Segmenter:
    """A Segmenter that keeps every name of `glossary` whole: build one per run (or batch worker) and
    pass it to `process_file`, so the dictionary is copied once, not per episode."""
    return Segmenter(jieba_words(glossary))


def jieba_words(glossary: Glossary) -> frozenset[str]:
    """The glossary forms jieba can hold as words: jieba always splits at a middle dot, so the parts
    of dotted names (derived aliases) stand in for them.

    Kept for as long as the glossary lives (a Glossary never changes): a batch worker asks for the
    words of its one glossary for every episode."""
    words = _JIEBA_WORDS.get(glossary)
    if words is None:
        words = _JIEBA_WORDS[glossary] = frozenset(_jieba_forms(glossary.aliases))
    return words


# Glossary -> its jieba words; weak, so that a glossary nobody holds any more takes its words with it.
_JIEBA_WORDS: "weakref.WeakKeyDictionary[Glossary, frozenset[str]]" = weakref.WeakKeyDictionary()


def _jieba_forms(forms: Iterable[str]) -> Iterator[str]:
    return (form for form in forms if _DOTS.isdisjoint(form))


_DOTS = frozenset(MIDDLE_DOTS)


def _first_per_text(mentions):
    seen, first = set(), []
    for mention in mentions:
        if mention.text not in seen:
            seen.add(mention.text)
            first.append(mention)
    return first


def analyze(transcript: Transcript, segmenter: Segmenter) -> tuple[AnalyzedLine, ...]:
    """Each line's Simplified analysis text and its words (offsets valid in the source text too)."""
    analyzed = []
    for line in transcript.lines:
        analysis = to_analysis(line.text, transcript.script)
        analyzed.append(AnalyzedLine(line, analysis, tuple(segmenter.tokens(analysis))))
    return tuple(analyzed)


def reanalyze(analyzed: tuple[AnalyzedLine, ...], segmenter: Segmenter, new_words: set[str]) -> tuple[AnalyzedLine, ...]:
    """`analyzed` again with a segmenter that knows `new_words`: only lines holding one of them can be
    cut differently (jieba's choice for a stretch of text depends only on the words inside it)."""
    return tuple(
        AnalyzedLine(item.line, item.analysis, tuple(segmenter.tokens(item.analysis)))
        if any(word in item.analysis for word in new_words)
        else item
        for item in analyzed
    )


def make_cues(
    analyzed: tuple[AnalyzedLine, ...],
    settings: Settings,
    opencc_config: str | None,
    protected: dict[int, list[tuple[int, int]]] | None = None,
    speech: Speech | None = None,
    chunk_caps: dict[int, float] | None = None,
    follow: tuple[tuple[Cue, ...], TimingMethod] | None = None,
    shaper: LineShaper | None = None,
) -> tuple[tuple[Cue, ...], TimingMethod]:
    """Shape every line into cues and time them. `protected` maps a line number to spans kept whole;
    `speech` (from the episode's audio) times the cues from the audio instead; `chunk_caps` narrows
    the cues of some lines (line number -> widest cue), to make room for a translation; `follow`
    (other cues of the same lines and their timing) makes each line keep those cues' time, shared
    among its new cues, so that every file shows a line at the same moment. `shaper` keeps what
    shaping found out about each line for the next call on the same lines."""
    if speech is not None:
        # Cues hold no more text than this speaker says within the longest cue.
        lines = [item.line for item in analyzed]
        settings = replace(settings, timing=cue_width_rate(lines, speech, settings.timing))

    if shaper is None or shaper.opencc_config != opencc_config:
        shaper = LineShaper(opencc_config)
    protected = protected or {}
    chunks_per_line: list[list[Chunk]] = [
        shaper.shape(
            item.line.text,
            item.tokens,
            settings.shape,
            protected=protected.get(item.line.number, ()),
            max_chunk_width=min(_chunk_cap(item.line, settings), (chunk_caps or {}).get(item.line.number, float("inf"))),
        )
        for item in analyzed
    ]
    lines = [item.line for item in analyzed]
    if speech is not None:
        spans, confidences = time_cues(lines, chunks_per_line, speech, settings.timing)
        timing = TimingMethod.AUDIO
    elif follow is not None:
        followed, timing = follow
        line_spans = _line_spans(followed)
        spans = [
            split_span(line_spans[line.number], [c.width for c in chunks], settings.timing) if chunks else []
            for line, chunks in zip(lines, chunks_per_line)
        ]
        confidences = [[None] * len(line_spans_) for line_spans_ in spans]
    else:
        spans, timing = time_lines(lines, [[c.width for c in chunks] for chunks in chunks_per_line], settings.timing)
        confidences = [[None] * len(line_spans) for line_spans in spans]
    cues: list[Cue] = []
    for line, chunks, line_spans, line_confidences in zip(lines, chunks_per_line, spans, confidences):
        for chunk, span, confidence in zip(chunks, line_spans, line_confidences):
            cues.append(
                Cue(
                    len(cues) + 1,
                    span.start_ms,
                    span.end_ms,
                    chunk.text_lines,
                    (line.number,),
                    (chunk.start, chunk.end),
                    confidence=confidence,
                )
            )
    return tuple(cues), timing


def _line_spans(cues: Sequence[Cue]) -> dict[int, Span]:
    """Each source line's time: from the start of its first cue to the end of its last."""
    spans: dict[int, Span] = {}
    for cue in cues:
        line = cue.source_lines[0]
        known = spans.get(line)
        spans[line] = Span(cue.start_ms, cue.end_ms) if known is None else Span(known.start_ms, max(known.end_ms, cue.end_ms))
    return spans


def _chunk_cap(line: Line, settings: Settings) -> float:
    """Widest cue for this line: what can be said within the longest cue, or, for a timed line,
    the share of its text that fits the longest cue duration."""
    timing = settings.timing
    if line.start_ms is None or line.end_ms is None:
        return max_chunk_width(timing)
    duration = line.end_ms - line.start_ms
    if duration <= timing.max_duration_ms:
        return float("inf")
    return display_width(line.text) * timing.max_duration_ms / duration
