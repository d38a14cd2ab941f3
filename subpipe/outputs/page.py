"""The episode page `<stem>.html`: one self-contained file a producer reviews and a viewer reads.

The page holds the title, the summary and keywords, the chapters, the speakers, and the transcript cue
by cue with every aligned name marked with its English name and the unresolved names marked for
review. It is rendered with Jinja2 (autoescape on) from `templates/episode.html.j2`; the CSS and JS
are package files inlined into it, and its Content-Security-Policy allows exactly those two (by hash),
so the page fetches nothing and transcript text can never become markup or script.

The view model is built here, in plain frozen dataclasses; the template only lays it out. Cue text
with names marked is the one piece of markup made in Python: every text piece is escaped, and only
our own tags wrap them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from array import array
from bisect import insort
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from ..columns import Columns, grown
from ..cues.bilingual import NAMED_KINDS
from ..chapters.spans import HOUR_MS, clock_time
from ..model import Cue, Episode, Mention, Script, Speaker, TimingMethod
from ..settings import OutputSettings
from ..text.line_index import ByLineNumber, TextsByNumber
from ..text.spans import overlapping
from .people import named_by_role_only, role_words, speaker_name

# Speaker colours: distinct at a glance, and dark enough for text on white (contrast above 4.5:1).
SPEAKER_COLOURS = (
    "#1f5fa8", "#b3261e", "#1b7a3a", "#7a3fa8", "#8a5a00",
    "#b0306f", "#0f7580", "#5b6b00", "#c0470c", "#555f6b",
)
_SENTENCE_END = re.compile(r"[。！？!?…”」』\"']$")
# The page's own Chinese words (the template's headings and labels), shown in the page's script.
PAGE_WORDS = ("简介", "关键词", "人物", "摘要", "章节", "待核对", "文字稿", "搜索")


@dataclass(frozen=True)
class PageSpeaker:
    id: str
    name: str
    role: str  # host, guest, mentioned
    role_label: str
    colour: str
    css_class: str
    share: float
    first_anchor: str | None
    summary: tuple["PageSentence", ...] = ()
    role_only: bool = False  # named only by a role label (問, 主持人)


@dataclass(frozen=True)
class PageSentence:
    text: str
    anchor: str | None


@dataclass(frozen=True)
class PageCue:
    index: int
    anchor: str
    start_ms: int
    end_ms: int
    clock: str
    lines: tuple[int, ...]
    markup: Markup  # the cue's words, names wrapped in our own tags, every piece escaped
    speaker: PageSpeaker | None
    turn_start: bool  # the first cue of a speaker's turn shows the name


@dataclass(frozen=True)
class PageChapter:
    number: int
    anchor: str
    line: int
    start_ms: int
    clock: str
    title: str
    title_en: str | None
    keywords: tuple[str, ...]
    cues: Sequence[PageCue]  # made as they are read (`_PageCues`)


@dataclass(frozen=True)
class PageUnresolved:
    text: str
    reason: str
    likely: str | None
    lines: tuple[tuple[int, str | None], ...]  # (source line, anchor of its cue)


@dataclass(frozen=True)
class PageNote:
    message: str
    line: int | None
    anchor: str | None


@dataclass(frozen=True)
class PageKeyword:
    text: str
    english: str | None


@dataclass(frozen=True)
class Page:
    title: str
    byline: str | None
    language: str
    duration: str
    estimated: bool
    audio_src: str | None
    summary: tuple[PageSentence, ...]
    keywords: tuple[PageKeyword, ...]
    speakers: tuple[PageSpeaker, ...]
    chapters: tuple[PageChapter, ...]  # every cue sits in one; the first may have no title (number 0)
    cue_count: int
    names: int
    unresolved: tuple[PageUnresolved, ...]
    notes: tuple[PageNote, ...]
    words: Mapping[str, str]  # the template's Chinese words (PAGE_WORDS), in the page's script


def compose_page_output(episode: Episode, settings: OutputSettings, outdir: Path | None) -> Iterator[str] | None:
    """The OUTPUTS renderer: None with `--no-html`; the audio is referred to from `outdir`. The page comes
    in pieces, written as they are rendered: the whole page as one string was the largest single
    allocation of a long episode's run."""
    if not settings.html:
        return None
    return page_pieces(episode, audio_src=audio_source(episode.audio_path, outdir))


def audio_source(audio_path: str | None, outdir: Path | None) -> str | None:
    """The audio's address relative to the page (a URL path), or its bare name when the page's
    folder is not known yet (the page then expects the audio beside it)."""
    if audio_path is None:
        return None
    audio = Path(audio_path)
    if outdir is None:
        return quote(audio.name)
    try:
        relative = os.path.relpath(audio.resolve(), Path(outdir).resolve())
    except ValueError:  # another drive (Windows): no relative path exists
        return audio.resolve().as_uri()
    return quote(Path(relative).as_posix())


def compose_page(episode: Episode, audio_src: str | None = None) -> str:
    """The page's HTML. `audio_src` is the audio's URL relative to the page, for the player."""
    return "".join(page_pieces(episode, audio_src))


def page_pieces(episode: Episode, audio_src: str | None = None) -> Iterator[str]:
    """The page's HTML in the pieces Jinja renders it in (see `compose_page`)."""
    style, script = _asset("page.css") + _speaker_rules(), _asset("page.js")
    policy = "; ".join(
        (
            "default-src 'none'",
            f"style-src '{_sha256(style)}'",
            f"script-src '{_sha256(script)}'",
            # The episode's own audio, next to the page on disk or on the same server.
            "media-src 'self' file:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    template = _environment().get_template("episode.html.j2")
    return template.generate(
        page=build_page(episode, audio_src), style=Markup(style), script=Markup(script), policy=policy
    )


def compose_index(entries: Sequence[tuple[str, str]], title: str = "subpipe") -> str:
    """`index.html` of a batch: (href relative to the index, shown name) for every episode page."""
    style = _asset("page.css")
    policy = f"default-src 'none'; style-src '{_sha256(style)}'; base-uri 'none'; form-action 'none'"
    template = _environment().get_template("index.html.j2")
    links = [(quote(href), name) for href, name in sorted(entries, key=lambda entry: entry[0])]
    return template.render(title=title, links=links, style=Markup(style), policy=policy)


# --- the view model -------------------------------------------------------------------------------


def build_page(episode: Episode, audio_src: str | None = None) -> Page:
    from ..text.script import our_words_config, output_config, script_converter

    target = episode.output_script
    from_source = script_converter(output_config(episode.transcript.script, target))
    from_analysis = script_converter(output_config(Script.SIMPLIFIED, target))
    end_ms = episode.end_ms
    long_clock = end_ms >= HOUR_MS
    anchor_of_line = _AnchorsByLine(episode.cues)

    our_words = script_converter(our_words_config(target))
    speakers = _speakers(episode, anchor_of_line, from_source, our_words)
    by_id = {speaker.id: speaker for speaker in speakers}
    marks = _marks_by_line(episode)
    lines = TextsByNumber(episode.transcript.lines)

    cues = episode.cues
    speaker_of_line = episode.speaker_of_line

    def speaker_id_of(position: int) -> str | None:
        source = cues[position].source_lines
        return speaker_of_line.get(source[0]) if source else None

    def page_cue(position: int) -> PageCue:
        cue = cues[position]
        line = cue.source_lines[0] if cue.source_lines else None
        speaker_id = speaker_of_line.get(line) if line is not None else None
        speaker = by_id.get(speaker_id) if speaker_id is not None else None
        return PageCue(
            index=cue.index,
            anchor=f"cue-{cue.index}",
            start_ms=cue.start_ms,
            end_ms=cue.end_ms,
            clock=clock_time(cue.start_ms, long_clock),
            lines=cue.source_lines,
            markup=_cue_markup(cue, lines.get(line, "") if line is not None else "", marks.get(line, ()), from_source),
            speaker=speaker,
            turn_start=speaker is not None and (position == 0 or speaker_id != speaker_id_of(position - 1)),
        )

    return Page(
        # The title the transcript gives itself (front matter, its opening heading), else the file's name.
        title=from_source(episode.transcript.title) if episode.transcript.title else episode.name,
        byline=_byline(episode, speakers, from_source),
        language=target.value,
        duration=clock_time(end_ms, long_clock),
        estimated=episode.timing is TimingMethod.ESTIMATED,
        audio_src=audio_src,
        summary=tuple(
            PageSentence(_sentence(from_source(s.annotated)), anchor_of_line.get(s.lines[0]) if s.lines else None)
            for s in episode.summaries.episode
        ),
        keywords=tuple(
            PageKeyword(k.shown or from_analysis(k.text), k.english if k.english and k.english != k.text else None)
            for k in episode.summaries.keywords
        ),
        # The people who speak; those only talked about are in the names marked in the text.
        speakers=tuple(s for s in speakers if s.first_anchor is not None and s.role != "mentioned"),
        chapters=_chapters(episode, page_cue, long_clock),
        cue_count=len(cues),
        names=len({m.entity or m.english or m.text for m in episode.mentions if m.kind in NAMED_KINDS}),
        unresolved=tuple(
            PageUnresolved(
                text=from_source(name.text),
                reason=name.reason,
                likely=f"{name.likely[0]}（{from_source(name.likely[1])}）" if name.likely else None,
                lines=tuple((number, anchor_of_line.get(number)) for number in name.lines),
            )
            for name in episode.unresolved
        ),
        notes=tuple(
            PageNote(w.message, w.line, anchor_of_line.get(w.line) if w.line is not None else None)
            for w in episode.warnings
        ),
        words={word: our_words(word) for word in PAGE_WORDS},
    )


def _speakers(
    episode: Episode, anchor_of_line: Mapping[int, str], shown: Callable[[str], str], zh: Callable[[str], str]
) -> list[PageSpeaker]:
    summary_of = {summary.speaker: summary.sentences for summary in episode.summaries.speakers}
    speakers = []
    speaking = 0
    for speaker in episode.speakers:
        # Colours go to the people who speak, in order, so the first voices get the clearest colours.
        colour = SPEAKER_COLOURS[speaking % len(SPEAKER_COLOURS)] if speaker.lines else SPEAKER_COLOURS[-1]
        css_class = f"speaker-{speaking % len(SPEAKER_COLOURS)}" if speaker.lines else "speaker-none"
        speaking += 1 if speaker.lines else 0
        speakers.append(
            PageSpeaker(
                id=speaker.id,
                name=speaker_name(speaker, shown),
                role=speaker.role,
                role_label=_role_label(speaker.role, zh),
                role_only=named_by_role_only(speaker),
                colour=colour,
                css_class=css_class,
                share=speaker.share,
                first_anchor=anchor_of_line.get(speaker.lines[0]) if speaker.lines else None,
                summary=tuple(
                    PageSentence(_sentence(shown(s.annotated)), anchor_of_line.get(s.lines[0]) if s.lines else None)
                    for s in summary_of.get(speaker.id, ())
                ),
            )
        )
    return speakers


def _role_label(role: str, zh: Callable[[str], str]) -> str:
    english, chinese = role_words(role)
    return f"{english} {zh(chinese)}".strip()


def _byline(episode: Episode, speakers: Sequence[PageSpeaker], shown: Callable[[str], str]) -> str | None:
    parts = [episode.transcript.date] if episode.transcript.date else []
    if episode.show_name:
        parts.append(shown(episode.show_name))
    host = next((s for s in speakers if s.role == "host"), None)
    # A host nobody named, or named only by a role label, adds nothing here.
    if host is not None and host.name != "Host" and not host.role_only:
        parts.append(f"Host 主持: {host.name}")
    return " · ".join(parts) or None


def _chapters(episode: Episode, page_cue: Callable[[int], PageCue], long_clock: bool) -> tuple[PageChapter, ...]:
    """Cues grouped under the chapter they fall in; cues before the first chapter form chapter 0. Each
    chapter's cues are made as the template reaches them (`page_cue`: the page cue of the episode's
    cue at a position)."""
    starts = sorted(episode.chapters, key=lambda chapter: chapter.line)
    # The cues are in order, so each chapter's cues are one run of positions: where each run ends.
    ends = [0] * (len(starts) + 1)
    position = 0
    for index, cue in enumerate(episode.cues):
        line = cue.source_lines[0] if cue.source_lines else 0
        while position < len(starts) and line >= starts[position].line:
            position += 1
        ends[position] = index + 1
    for number in range(1, len(ends)):
        ends[number] = max(ends[number], ends[number - 1])
    runs = [range(0, ends[0])] + [range(ends[number - 1], ends[number]) for number in range(1, len(ends))]
    chapters = []
    if runs[0]:
        first = episode.cues[0]
        clock = clock_time(first.start_ms, long_clock)
        line = first.source_lines[0] if first.source_lines else 0
        chapters.append(PageChapter(0, "chapter-0", line, first.start_ms, clock, "", None, (), _PageCues(page_cue, runs[0])))
    for number, (chapter, run) in enumerate(zip(starts, runs[1:]), start=1):
        chapters.append(
            PageChapter(
                number=number,
                anchor=f"chapter-{number}",
                line=chapter.line,
                start_ms=chapter.start_ms,
                clock=clock_time(chapter.start_ms, long_clock),
                title=chapter.title,
                title_en=chapter.title_en if chapter.title_en and chapter.title_en != chapter.title else None,
                keywords=chapter.keywords,
                cues=_PageCues(page_cue, run),
            )
        )
    return tuple(chapters)


class _PageCues(Columns[PageCue]):
    """A chapter's cues on the page, each made as the template reaches it: every cue's markup at once
    was the largest thing a long episode held while its outputs were written."""

    __slots__ = ("_page_cue", "_positions")

    def __init__(self, page_cue: Callable[[int], PageCue], positions: range):
        self._page_cue = page_cue
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def _row(self, index: int) -> PageCue:
        return self._page_cue(self._positions[index])

    def _rows(self, indexes: range) -> tuple[PageCue, ...]:
        return tuple(map(self._row, indexes))


class _AnchorsByLine(ByLineNumber[str]):
    """Each source line -> the anchor of the first cue showing it, made when asked for: a dict of every
    line's anchor string was 2.7x the input of a long episode of short lines while its page was built."""

    __slots__ = ("_indexes",)

    def __init__(self, cues: Iterable[Cue]):
        first: dict[int, int] = {}  # line -> the index of the first cue showing it
        for cue in cues:
            for line in cue.source_lines:
                first.setdefault(line, cue.index)
        lines = sorted(first)
        indexes = array("h")
        for line in lines:
            indexes = grown(indexes, first[line])
        super().__init__(lines)
        self._indexes = indexes

    def _at(self, position: int) -> str:
        return f"cue-{self._indexes[position]}"


# --- names in the cue text ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A stretch of a source line to wrap: `kind` is name, ambiguous or unresolved."""

    start: int
    end: int
    kind: str
    english: str | None = None
    note: str = ""


def _marks_by_line(episode: Episode) -> dict[int, list[_Mark]]:
    """Non-overlapping marks per source line, sorted; aligned names win over the other kinds."""
    from ..text.script import to_analysis

    candidates: dict[int, list[_Mark]] = {}
    for mention in episode.mentions:
        candidates.setdefault(mention.line, []).append(_name_mark(mention, "name"))
    for mention in episode.ambiguous:
        candidates.setdefault(mention.line, []).append(_name_mark(mention, "ambiguous"))
    texts = TextsByNumber(episode.transcript.lines)
    analyses: dict[int, str] = {}  # converted once per line, not once per name in it
    for name in episode.unresolved:
        note = f"Not in any glossary ({name.reason}): add it to a glossary"
        if name.likely:
            note += f"; sounds like {name.likely[0]}"
        for number in name.lines:
            # Found in the Simplified analysis text: the same offsets as the source, whatever its script.
            if number not in analyses:
                analyses[number] = to_analysis(texts.get(number, ""), episode.transcript.script)
            analysis = analyses[number]
            start = analysis.find(name.form) if name.form else -1
            while start >= 0:
                candidates.setdefault(number, []).append(_Mark(start, start + len(name.form), "unresolved", None, note))
                start = analysis.find(name.form, start + len(name.form))
    marks: dict[int, list[_Mark]] = {}
    priority = {"name": 0, "ambiguous": 1, "unresolved": 2}
    for number, found in candidates.items():
        kept: list[_Mark] = []  # in order, not overlapping: checked by bisection (a line may hold hundreds)
        for mark in sorted(found, key=lambda m: (priority[m.kind], m.start)):
            if mark.end > mark.start and not overlapping(kept, mark.start, mark.end):
                insort(kept, mark, key=lambda m: m.start)
        marks[number] = kept
    return marks


def _name_mark(mention: Mention, kind: str) -> _Mark:
    if kind == "ambiguous":
        return _Mark(mention.start, mention.end, kind, None, "Could name several people or things: add the full name to a glossary")
    details = " · ".join(part for part in (mention.english, mention.kind, f"found by {mention.via}") if part)
    return _Mark(mention.start, mention.end, kind, mention.english, details)


def _cue_markup(cue: Cue, source: str, marks: Sequence[_Mark], shown: Callable[[str], str]) -> Markup:
    """The cue's words from its source line (punctuation kept, in the output script) with names
    wrapped; without a span (or a source line) the cue's own text, escaped."""
    if cue.span is None or not source:
        return escape(" ".join(cue.text_lines))
    start, end = cue.span
    # A name whose English the line writes out itself (鲍勃·麦格鲁（Bob McGrew）) needs no label.
    written = source[start:end].casefold()
    out: list[Markup] = []
    position = start
    for mark in overlapping(marks, start, end):  # the line's marks are in order and do not overlap
        left, right = max(mark.start, start), min(mark.end, end)
        if right <= left:
            continue
        out.append(escape(shown(source[position:left])))
        out.append(_wrap(shown(source[left:right]), mark, written))
        position = right
    out.append(escape(shown(source[position:end])))
    return Markup("").join(out)


def _wrap(text: str, mark: _Mark, written: str) -> Markup:
    english = mark.english if mark.english and mark.english.casefold() not in written else None
    inner = escape(text)
    if english:
        inner += Markup('<span class="en">') + escape(english) + Markup("</span>")
    return Markup('<span class="{}" title="{}">{}</span>').format(mark.kind, mark.note, inner)


# --- small helpers --------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    """A summary sentence ended with a full stop unless it ends with its own mark (as the notes do)."""
    text = text.rstrip("，,、 ")
    return text if _SENTENCE_END.search(text) else text + "。"


def _speaker_rules() -> str:
    """One CSS class per speaker colour (the colours live here, in one place)."""
    rules = [f".speaker-{i} {{ --c: {colour}; }}" for i, colour in enumerate(SPEAKER_COLOURS)]
    return "\n".join(rules) + "\n"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of the page's own (CSS, JS), read once: it holds no run data."""
    from importlib.resources import files

    return files("subpipe.outputs").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    # Cached like the OpenCC converters: the environment holds templates, never an episode's data.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("subpipe.outputs", "templates"),
        autoescape=True,  # every value is text unless it is Markup we made
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_compiled_templates(),
    )


def _compiled_templates():
    """The page's templates compiled, kept in the per-user cache (`subpipe.cache`): compiling them took
    about 0.02 s of every cold run. Jinja checks that an entry is of its own layout and of the
    template's current source; one it cannot read is compiled again. The key names Jinja's version and
    this module (whose environment options shape the compiled code)."""
    import jinja2
    from jinja2 import BytecodeCache

    from ..cache import file_key, read_entry, write_entry

    version = f"{jinja2.__version__} {file_key(__file__)}"

    class CompiledTemplates(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            code = read_entry(_entry_name(bucket.key), f"{version} {bucket.key}")
            if isinstance(code, bytes):
                try:
                    bucket.bytecode_from_string(code)
                except Exception:  # not code this Python can load: compiled again
                    bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            write_entry(_entry_name(bucket.key), f"{version} {bucket.key}", bucket.bytecode_to_string())

    return CompiledTemplates()


def _entry_name(template_key: str) -> str:
    # One entry name per template (Jinja's key is a hash of its name), so that the templates of one
    # page do not crowd each other out of the cache's few entries a name.
    return f"template-{template_key[:16]}"
