"""Advanced SubStation Alpha (.ass) and SubStation Alpha (.ssa), read and written with pysubs2.

Reading keeps what a transcript needs: each dialogue event's text without override tags, its times,
and the Name field as the speaker label; comments and drawings are not dialogue and are skipped.

Writing follows the layout Chinese bilingual releases use (docs/ass.md): one Dialogue event per cue,
the Chinese in the larger `ZH` style and, after a line break, `{\\rEN}` switches to the smaller `EN`
style for the English. One event rather than two keeps the pair one block: bottom-aligned, it grows
upwards with the Chinese always above, where two events may be stacked in either order by a renderer's
collision handling when their times differ.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Sequence

from ..errors import SubpipeError
from ..model import Cue, EpisodeWarning, Script
from .base import Format, Reading, in_pieces
from ..settings import AssSettings
from .markup import source_lines, tidy
from .timed import CueText, transcript_lines

CHINESE_STYLE, ENGLISH_STYLE = "ZH", "EN"

# Chinese fonts by output script: Noto Sans CJK is free, ships with Android and Debian
# (fonts-noto-cjk), and is Source Han Sans under another name; each region has its own glyph forms.
_CHINESE_FONTS = {
    Script.SIMPLIFIED: "Noto Sans CJK SC",
    Script.TRADITIONAL: "Noto Sans CJK TC",
    Script.TAIWAN: "Noto Sans CJK TC",
    Script.HONG_KONG: "Noto Sans CJK HK",
}

# An event line as pysubs2 reads it: the type, then comma-separated fields with the text last.
_EVENT = re.compile(r"^(Dialogue|Comment):", re.IGNORECASE)
_SECTION = re.compile(r"^\ufeff?\[(?P<name>[^\]]*)\]\s*$")
# Sections whose lines pysubs2 never reads as events (uuencoded fonts cannot spell `Dialogue:`).
_NOT_EVENTS = ("info", "aegisub", "fonts", "graphics")
# Just enough header for pysubs2 to read event lines as ASS; the file's own styles are not needed.
_EVENTS_HEADER = "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n\n[Events]\n"
# ASS has no escape every renderer honours: `{` opens override tags and `\` starts \N, \h, ... So the
# few transcripts that hold them get the full-width forms, which read the same in Chinese text.
_ASS_SPECIAL = str.maketrans({"{": "｛", "}": "｝", "\\": "＼"})


def read_ass(text: str, path: str | None) -> Reading:
    """One Line per dialogue event with text; `number` is the source line of its `Dialogue:` line."""
    import pysubs2

    numbered = source_lines(text, path)
    events = _event_lines(numbered, path)
    if not events:
        return Reading([])
    source = _EVENTS_HEADER + "\n".join(line for _, line in events) + "\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pysubs2 warns about fields it replaces with defaults
            parsed = pysubs2.SSAFile.from_string(source, format_="ass").events
    except Exception:
        # pysubs2 does not say where: find the line by reading the events one at a time.
        raise _locate_error(events, path) from None
    cues: list[CueText] = []
    for (number, raw), event in zip(events, parsed, strict=True):
        if event.is_comment or event.is_drawing:
            continue
        if event.start < 0:
            raise SubpipeError(f"the event starts before 0:00:00.00: {raw.strip()[:80]}", path, number)
        if event.end < event.start:
            raise SubpipeError(f"the event ends before it starts: {raw.strip()[:80]}", path, number)
        parts = tuple((number, part) for part in map(tidy, event.plaintext.split("\n")) if part)
        cues.append(CueText(parts, int(event.start), int(event.end), tidy(event.name) or None))
    return transcript_lines(cues)


def _event_lines(numbered: list[tuple[int, str]], path: str | None) -> list[tuple[int, str]]:
    """The `Dialogue:` and `Comment:` lines with their numbers, from the sections pysubs2 reads them in."""
    has_section = False
    section = ""
    events = []
    for number, raw in numbered:
        line = raw.strip()
        heading = _SECTION.match(line)
        if heading:
            has_section = True
            section = heading["name"].lower()
        elif _EVENT.match(line) and not any(word in section for word in _NOT_EVENTS):
            # pysubs2 wants the type spelled as the spec spells it.
            kind, rest = line.split(":", 1)
            events.append((number, f"{kind.capitalize()}:{rest}"))
    if not has_section:
        raise SubpipeError("not an ASS/SSA file: no [Script Info] or [Events] section", path, 1)
    return events


def _locate_error(events: list[tuple[int, str]], path: str | None) -> SubpipeError:
    import pysubs2

    for number, line in events:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pysubs2.SSAFile.from_string(_EVENTS_HEADER + line + "\n", format_="ass")
        except Exception as error:
            expected = "Dialogue: 0,0:00:01.00,0:00:04.00,Default,Name,0,0,0,,Text"
            return SubpipeError(f"cannot read this event ({error}); expected {expected}", path, number)
    return SubpipeError("cannot read this ASS/SSA file", path)


# ASS times are H:MM:SS.cc with one digit for the hours: nothing after 9:59:59.99 can be written (pysubs2
# clamps later times to it, so every later event would show for no time at all).
MAX_ASS_MS = ((9 * 60 + 59) * 60 + 59) * 1000 + 990


def ass_can_hold(cues: Sequence[Cue]) -> bool:
    """Whether every cue ends by 9:59:59.99, the last time an ASS file can hold. Past it subpipe writes
    no ASS file rather than one that lies."""
    return all(cue.end_ms <= MAX_ASS_MS for cue in cues)


def ass_warnings(*cue_sets: Sequence[Cue]) -> list[EpisodeWarning]:
    """The warning that the ASS files are not written, at the first cue ASS cannot hold."""
    late = next((cue for cues in cue_sets for cue in cues if cue.end_ms > MAX_ASS_MS), None)
    if late is None:
        return []
    line = late.source_lines[0] if late.source_lines else None
    return [
        EpisodeWarning(
            f"the episode runs past 9:59:59.99 (a cue ends {late.end_ms / 3_600_000:.2f} hours in), the last time an ASS file "
            "can hold: the ASS subtitles (.zh.ass, .zh-en.ass) are not written; the SRT and WebVTT files hold every cue",
            line,
        )
    ]


def compose_ass(cues: Sequence[Cue], settings: AssSettings | None = None, script: Script = Script.SIMPLIFIED) -> str:
    """Chinese subtitles: each cue one event in the `ZH` style, its lines joined by `\\N`."""
    return "".join(ass_pieces(cues, settings, script))


def ass_pieces(
    cues: Sequence[Cue], settings: AssSettings | None = None, script: Script = Script.SIMPLIFIED
) -> Iterator[str]:
    """`compose_ass`'s text in pieces: the header, then `PIECE_CUES` events at a time."""
    return _pieces(cues, lambda cue: (cue.text_lines, ()), settings or AssSettings(), script)


def compose_bilingual_ass(
    cues: Sequence[Cue], settings: AssSettings | None = None, script: Script = Script.SIMPLIFIED
) -> str:
    """Bilingual subtitles from bilingual cues (the Chinese line first, English lines under it):
    `中文\\N{\\rEN}English`, Chinese in `ZH`, English in the smaller `EN` style."""
    return "".join(bilingual_ass_pieces(cues, settings, script))


def bilingual_ass_pieces(
    cues: Sequence[Cue], settings: AssSettings | None = None, script: Script = Script.SIMPLIFIED
) -> Iterator[str]:
    """`compose_bilingual_ass`'s text in pieces."""
    return _pieces(cues, lambda cue: (cue.text_lines[:1], cue.text_lines[1:]), settings or AssSettings(), script)


def _pieces(
    cues: Sequence[Cue],
    parts: Callable[[Cue], tuple[Sequence[str], Sequence[str]]],
    settings: AssSettings,
    script: Script,
) -> Iterator[str]:
    """The header, then each run of events; `parts` gives a cue's Chinese lines and its English lines."""
    yield _header(settings, script)
    # pysubs2 writes the header, the styles and the [Events] format line; the events themselves are
    # written here, in the format that line states: building an event object per cue and writing it
    # field by field took most of the file's time, and every event has the same fields but three.
    import pysubs2

    timestamp = pysubs2.formats.substation.SubstationFormat.ms_to_timestamp
    for run in in_pieces(cues):
        events = []
        for cue in run:
            chinese, english = parts(cue)
            text = r"\N".join(line.translate(_ASS_SPECIAL) for line in chinese)
            if english:
                text += r"\N{\r" + ENGLISH_STYLE + "}" + r"\N".join(line.translate(_ASS_SPECIAL) for line in english)
            events.append(f"Dialogue: 0,{timestamp(cue.start_ms)},{timestamp(cue.end_ms)},{CHINESE_STYLE},,0,0,0,,{text}\n")
        yield "".join(events)


def _header(settings: AssSettings, script: Script) -> str:
    """The script info, the two styles and the events' format line."""
    import pysubs2

    subs = pysubs2.SSAFile()
    subs.info.clear()
    subs.info.update(
        {
            "Title": "subpipe",
            "ScriptType": "v4.00+",
            "WrapStyle": "0",
            "ScaledBorderAndShadow": "yes",
            # Without it a renderer may convert colours as if for TV range: white would not stay white.
            "YCbCr Matrix": "None",
            "PlayResX": str(settings.play_res_x),
            "PlayResY": str(settings.play_res_y),
        }
    )
    subs.styles.clear()
    subs.styles[CHINESE_STYLE] = _style(settings.chinese_font or _CHINESE_FONTS[script], settings.chinese_size, settings)
    subs.styles[ENGLISH_STYLE] = _style(settings.english_font, settings.english_size, settings)
    return subs.to_string("ass", header_notice="Written by subpipe: Chinese in style ZH, English in style EN")


def _style(font: str, size: int, settings: AssSettings):
    import pysubs2

    # Outline and shadow scale with the font so the English line does not look heavier than the Chinese.
    scale = size / settings.chinese_size
    return pysubs2.SSAStyle(
        fontname=font,
        fontsize=size,
        primarycolor=pysubs2.Color(255, 255, 255, 0),
        secondarycolor=pysubs2.Color(255, 255, 255, 0),
        outlinecolor=pysubs2.Color(0, 0, 0, 0),
        backcolor=pysubs2.Color(0, 0, 0, 128),
        bold=False,
        outline=round(settings.outline * scale, 1),
        shadow=round(settings.shadow * scale, 1),
        alignment=pysubs2.Alignment.BOTTOM_CENTER,
        marginl=settings.margin_h,
        marginr=settings.margin_h,
        marginv=settings.margin_v,
        # 1, not 0: 0 would limit font choice to fonts declaring Western European support.
        encoding=1,
    )


def looks_like_ass(head: Sequence[str]) -> bool:
    return head[0].strip().lower() == "[script info]"


FORMAT = Format("ass", (".ass", ".ssa"), read=read_ass, pieces=ass_pieces, sniff=looks_like_ass)
