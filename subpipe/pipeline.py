"""One episode through the stages: read, segment, shape and time cues."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import formats
from .bilingual import with_english_names
from .chapter_formats import youtube_warnings
from .chapters import find_chapters, in_script
from .entities import align
from .glossary import Glossary, load_glossaries
from .learn import find_inline_names, learn_from_transcript
from .lexicon import MIDDLE_DOTS
from .model import AnalyzedLine, Cue, Episode, Line, Script, TimingMethod, Transcript, Warning
from .script import convert, output_config, to_analysis
from .segment import Segmenter, is_ordinary_word
from .settings import Settings
from .shape import Chunk, display_width, shape_line
from .timing import max_chunk_width, time_lines


def process_file(
    path: str | Path,
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
) -> Episode:
    """Read a transcript or subtitle file and run every stage on it."""
    return process_transcript(formats.read_transcript(path), settings, segmenter, glossary)


def process_text(
    text: str,
    name: str = "transcript",
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    format: str | None = None,
    glossary: Glossary | None = None,
) -> Episode:
    """Run every stage on transcript text held in memory (`format` as for files, detected if None)."""
    return process_transcript(formats.parse(text, name, format=format), settings, segmenter, glossary)


def process_transcript(
    transcript: Transcript,
    settings: Settings | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
) -> Episode:
    """The stages after reading.

    `glossary` defaults to the shipped one (unless settings turn it off); pass one loaded with
    `subpipe.load_glossaries` to add your own. Pass a `segmenter` to reuse jieba's dictionary across
    episodes; the glossary's names are added to a copy of it, never to it.
    """
    settings = settings or Settings()
    if glossary is None:
        glossary = load_glossaries((), shipped=settings.names.shipped_glossary, is_ordinary_word=is_ordinary_word)
    segmenter = (segmenter or Segmenter()).with_words(jieba_words(glossary))
    analyzed = analyze(transcript, segmenter)

    lesson = learn_from_transcript(
        find_inline_names(analyzed, is_ordinary_word), glossary, transcript.path or transcript.name
    )
    if lesson.learned:
        # Learned names join the dictionary too, so jieba keeps them whole everywhere in the episode.
        analyzed = analyze(transcript, segmenter.with_words(jieba_words(lesson.glossary)))
    alignment = align(analyzed, lesson.glossary, is_ordinary_word, frozenset(e.entity for e in lesson.learned))

    target = settings.output_script or transcript.script
    opencc_config = output_config(transcript.script, target)
    protected: dict[int, list[tuple[int, int]]] = {}
    for mention in alignment.mentions + alignment.ambiguous:
        protected.setdefault(mention.line, []).append((mention.start, mention.end))
    cues, timing = make_cues(analyzed, settings, opencc_config, protected)
    one_line = replace(settings, shape=replace(settings.shape, max_lines=1))
    bilingual, _ = make_cues(analyzed, one_line, opencc_config, protected)
    bilingual = with_english_names(
        bilingual, alignment.mentions, settings.names.english, settings.names.english_line_width
    )
    warnings = [Warning(note) for note in lesson.notes]
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
    return Episode(
        transcript=transcript,
        output_script=target,
        timing=timing,
        cues=cues,
        speaker_of_line={line.number: None for line in transcript.lines},
        mentions=alignment.mentions,
        chapters=chapters,
        warnings=tuple(warnings),
        learned=lesson.learned,
        unresolved=alignment.unresolved,
        ambiguous=alignment.ambiguous,
        bilingual_cues=bilingual,
    )


def jieba_words(glossary: Glossary) -> list[str]:
    """The glossary forms jieba can hold as words: jieba always splits at a middle dot, so the parts
    of dotted names (derived aliases) stand in for them."""
    return [form for form in glossary.aliases if not any(dot in form for dot in MIDDLE_DOTS)]


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


def make_cues(
    analyzed: tuple[AnalyzedLine, ...],
    settings: Settings,
    opencc_config: str | None,
    protected: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[tuple[Cue, ...], TimingMethod]:
    """Shape every line into cues and time them. `protected` maps a line number to spans kept whole."""

    def render(text: str) -> str:
        return convert(text, opencc_config) if opencc_config else text

    protected = protected or {}
    chunks_per_line: list[list[Chunk]] = [
        shape_line(
            item.line.text,
            item.tokens,
            settings.shape,
            protected=protected.get(item.line.number, ()),
            render=render,
            max_chunk_width=_chunk_cap(item.line, settings),
        )
        for item in analyzed
    ]
    lines = [item.line for item in analyzed]
    spans, timing = time_lines(lines, [[c.width for c in chunks] for chunks in chunks_per_line], settings.timing)
    cues: list[Cue] = []
    for line, chunks, line_spans in zip(lines, chunks_per_line, spans):
        for chunk, span in zip(chunks, line_spans):
            cues.append(
                Cue(len(cues) + 1, span.start_ms, span.end_ms, chunk.text_lines, (line.number,), (chunk.start, chunk.end))
            )
    return tuple(cues), timing


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
