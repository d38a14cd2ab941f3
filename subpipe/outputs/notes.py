"""Show notes: `<stem>.notes.md` and `<stem>.notes.txt`, ready to paste into a video or podcast description.

Both say the same: a title line, the episode summary, chapters with timestamps, the people with their
summaries under their English names (Chinese beside), the organisations and products named, and the
keywords. The Markdown is for places that render it; the plain text keeps chapter lines exactly as
YouTube reads them (`00:00 Title`). Every sentence comes from the episode's extractive summaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..chapters.spans import HOUR_MS, chapter_spans, clock_time
from ..model import Episode, Script, Speaker, SummarySentence, TimingMethod
from ..text.script import our_words_config, output_config, script_converter
from .people import named_by_role_only, role_words, speaker_name

_ORGANISATION_KINDS = {"org": "organisation", "product": "product", "place": "place"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_SENTENCE_END = re.compile(r"[。！？!?…”」』\"']$")


@dataclass(frozen=True)
class _Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # one a line: chapter lines, names
    subsections: tuple["_Section", ...] = ()


@dataclass(frozen=True)
class _Notes:
    title: str
    byline: str | None
    sections: tuple[_Section, ...]


def compose_notes_markdown(episode: Episode) -> str:
    """`<stem>.notes.md`."""
    notes = _notes(episode, escape=_markdown_escape)
    out = [f"# {notes.title}", ""]
    if notes.byline:
        out += [notes.byline, ""]
    for section in notes.sections:
        out += _markdown_section(section, level=2)
    return "\n".join(out).rstrip() + "\n"


def compose_notes_text(episode: Episode) -> str:
    """`<stem>.notes.txt`: the same as plain text, for descriptions that do not render Markdown."""
    notes = _notes(episode, escape=lambda text: text)
    out = [notes.title, ""]
    if notes.byline:
        out += [notes.byline, ""]
    for section in notes.sections:
        out += _text_section(section, top=True)
    return "\n".join(out).rstrip() + "\n"


def _markdown_section(section: _Section, level: int) -> list[str]:
    out = [f"{'#' * level} {section.heading}", ""]
    for paragraph in section.paragraphs:
        out += [paragraph, ""]
    if section.items:
        out += [f"- {item}" for item in section.items] + [""]
    for subsection in section.subsections:
        out += _markdown_section(subsection, level + 1)
    return out


def _text_section(section: _Section, top: bool) -> list[str]:
    out = [f"【{section.heading}】" if top else section.heading]
    for paragraph in section.paragraphs:
        out += [paragraph]
    out += list(section.items)
    if section.paragraphs or section.items:
        out.append("")
    for subsection in section.subsections:
        out += _text_section(subsection, top=False)
    return out


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# ---------------------------------------------------------------------------------------------------
# What the notes say, whatever the format.


def _notes(episode: Episode, escape: Callable[[str], str]) -> _Notes:
    target = episode.output_script
    from_source = script_converter(output_config(episode.transcript.script, target))
    from_analysis = script_converter(output_config(Script.SIMPLIFIED, target))

    def shown(text: str) -> str:
        return escape(from_source(text))

    # The notes' own words (headings, roles) in the script of the text they head: 簡介 over a Traditional
    # transcript, 简介 over a Simplified one.
    zh = script_converter(our_words_config(target))

    summaries = episode.summaries
    host = next((s for s in episode.speakers if s.role == "host"), None)
    byline_parts = []
    if episode.transcript.date:
        byline_parts.append(escape(episode.transcript.date))
    if episode.show_name:
        byline_parts.append(shown(episode.show_name))
    # A host named only by a role label (問, 主持人) adds nothing to the byline.
    if host is not None and (host.chinese or host.english) and not named_by_role_only(host):
        byline_parts.append(f"{zh('主持')} Host: {speaker_name(host, shown, escape)}")

    sections = [_Section(f"{zh('简介')} Summary", paragraphs=(_paragraph(summaries.episode, shown),))]
    chapters = _chapter_lines(episode, escape)
    if len(chapters) >= 2:  # one chapter for the whole episode says nothing
        estimated = episode.timing is TimingMethod.ESTIMATED
        note = (f"{zh('时间按语速估算')} Times are estimated from a speaking rate.",) if estimated else ()
        sections.append(_Section(f"{zh('章节')} Chapters", paragraphs=note, items=chapters))
    people = _people(episode, shown, escape, zh)
    if people is not None:
        sections.append(people)
    things = [
        f"{_bilingual(name.english, shown(name.chinese), escape)} · {_ORGANISATION_KINDS[name.kind]}"
        + (f" · first at {_clock(name.first_ms, episode)}" if name.first_ms is not None else "")
        for name in summaries.names
        if name.kind in _ORGANISATION_KINDS
    ]
    if things:
        sections.append(_Section(f"{zh('机构与产品')} Organisations and products", items=tuple(things)))
    if summaries.keywords:
        # Chinese first here, as in the chapter titles: these are the episode's words, not names.
        words = []
        for keyword in summaries.keywords:
            word = escape(keyword.shown or from_analysis(keyword.text))
            english = keyword.english if keyword.english and keyword.english != keyword.text else None
            words.append(f"{word}（{escape(english)}）" if english else word)
        sections.append(_Section(f"{zh('关键词')} Keywords", paragraphs=("、".join(words),)))
    # The title the transcript gives itself (front matter, its opening heading), else the file's name.
    title = shown(episode.transcript.title) if episode.transcript.title else escape(episode.name)
    return _Notes(title, " · ".join(byline_parts) or None, tuple(sections))


# A guest with less of the episode than this and no sentence to summarise them is quoted in passing.
_IN_PASSING_SHARE = 0.05


def _people(
    episode: Episode, shown: Callable[[str], str], escape: Callable[[str], str], zh: Callable[[str], str]
) -> _Section | None:
    """A subsection per speaker (host first) with their summary; people only talked about, and voices
    quoted in passing (under 5% of the episode, with no sentence to summarise them), in one line each."""
    summary_of = {summary.speaker: summary.sentences for summary in episode.summaries.speakers}
    first_named = {name.id: name.first_ms for name in episode.summaries.names}

    def in_passing(speaker: Speaker) -> bool:
        return speaker.role == "guest" and speaker.share < _IN_PASSING_SHARE and not summary_of.get(speaker.id)

    subsections = []
    for speaker in episode.speakers:
        if speaker.role == "mentioned" or not speaker.lines or in_passing(speaker):
            continue
        english, chinese = role_words(speaker.role)
        facts = [f"{zh(chinese)} {english}".strip(), f"{speaker.share:.0%} of the episode"]
        if first_named.get(speaker.id) is not None:
            facts.append(f"first named at {_clock(first_named[speaker.id], episode)}")
        paragraphs = [" · ".join(facts)]
        if summary_of.get(speaker.id):
            paragraphs.append(_paragraph(summary_of[speaker.id], shown))
        subsections.append(_Section(speaker_name(speaker, shown, escape), paragraphs=tuple(paragraphs)))
    mentioned = []
    for speaker in episode.speakers:
        if speaker.role == "mentioned" or (speaker.lines and in_passing(speaker)):
            first = first_named.get(speaker.id)
            when = f" · first named at {_clock(first, episode)}" if first is not None else ""
            quoted = f" · quoted in {len(speaker.lines)} line{'s' if len(speaker.lines) > 1 else ''}" if speaker.lines else ""
            mentioned.append(speaker_name(speaker, shown, escape) + quoted + when)
    if mentioned:
        subsections.append(_Section(f"{zh('提及')} Also mentioned", items=tuple(mentioned)))
    if not subsections:
        return None
    return _Section(f"{zh('人物')} People", subsections=tuple(subsections))


def _bilingual(english: str | None, chinese: str | None, escape: Callable[[str], str]) -> str:
    """English name first, Chinese beside it: `Hyung Won Chung（郑亨元）`. `chinese` is shown (escaped)
    already; `english` comes from a glossary or the transcript, as untrusted as either, and is escaped here."""
    if english and chinese and english != chinese:
        return f"{escape(english)}（{chinese}）"
    return escape(english) if english else chinese or ""


def _paragraph(sentences: Sequence[SummarySentence], shown: Callable[[str], str]) -> str:
    """Summary sentences in order, each ended with a full stop unless it ends with its own mark."""
    out = []
    for sentence in sentences:
        text = shown(sentence.annotated).rstrip("，,、 ")
        out.append(text if _SENTENCE_END.search(text) else text + "。")
    return "".join(out)


def _chapter_lines(episode: Episode, escape: Callable[[str], str]) -> tuple[str, ...]:
    lines = []
    for chapter, start, _ in chapter_spans(episode.chapters, episode.end_ms):
        # Titles already show English names beside Chinese ones; short lines suit a player's chapter list.
        lines.append(f"{_clock(start, episode)} {escape(' '.join(chapter.title.split()))}")
    return tuple(lines)


def _clock(ms: int, episode: Episode) -> str:
    return clock_time(ms, episode.end_ms >= HOUR_MS)
