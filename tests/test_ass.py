"""ASS/SSA: reading dialogue as a transcript, and the Chinese and bilingual ASS subpipe writes."""

from __future__ import annotations

import subprocess

import pysubs2
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from subpipe import Settings, SubpipeError, process_text
from subpipe.cli.main import main
from subpipe.formats import FORMATS, extensions, detect_format, parse
from subpipe.formats import ass
from subpipe.formats.ass import ENGLISH_STYLE, CHINESE_STYLE, compose_ass, compose_bilingual_ass
from subpipe.formats.markup import join_lines
from subpipe.model import Cue, Script
from subpipe.outputs import compose_outputs
from subpipe.settings import AssSettings, OutputSettings


def read_ass(text, path):
    return ass.read_ass(text, path).lines

HEADER = """[Script Info]
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,60,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""

TEXT = "大家好，我是大飞。\n今天我们聊聊萨姆·奥特曼和OpenAI的新模型\n埃隆·马斯克也说了几句话，我们一起来听听他们怎么说的吧\n"


def _rounded(ms: int) -> int:
    """ASS keeps centiseconds: times round to the nearest 10 ms (as Aegisub rounds)."""
    return (ms + 5) // 10 * 10


@pytest.fixture(scope="module")
def episode(segmenter):
    return process_text(TEXT, name="talk", segmenter=segmenter, settings=Settings())


# --- reading ------------------------------------------------------------------------------------


def test_reads_dialogue_text_times_speaker_and_source_lines():
    text = HEADER + (
        "Dialogue: 0,0:00:01.50,0:00:03.20,Default,主持人,0,0,0,,{\\i1}大家好{\\i0}，我是大飞\n"
        "Comment: 0,0:00:03.20,0:00:04.00,Default,,0,0,0,,这是注释\n"
        "Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100{\\p0}\n"
        "Dialogue: 0,0:00:06.00,0:00:09.99,Default, 嘉宾 ,0,0,0,,第一行\\N第二行\\hEnglish words\n"
    )
    lines = read_ass(text, "talk.ass")
    assert [line.text for line in lines] == ["大家好，我是大飞", "第一行第二行 English words"]
    assert [(line.start_ms, line.end_ms) for line in lines] == [(1500, 3200), (6000, 9990)]
    assert [line.label for line in lines] == ["主持人", "嘉宾"]
    # The source line of each Dialogue: line in the file (1-based), past the header.
    header_lines = HEADER.count("\n")
    assert [line.number for line in lines] == [header_lines + 1, header_lines + 4]


def test_ssa_is_read_too_and_formats_are_registered():
    ssa = HEADER.replace("[V4+ Styles]", "[V4 Styles]").replace("Layer,", "Marked,") + (
        "Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,老式字幕\n"
    )
    assert [line.text for line in read_ass(ssa, "old.ssa")] == ["老式字幕"]
    assert FORMATS["ass"].read is ass.read_ass and FORMATS["ass"].pieces is ass.ass_pieces
    assert extensions()[".ass"] == extensions()[".ssa"] == "ass"
    # Content decides before the extension: an ASS saved as .txt is still read as ASS.
    assert detect_format("talk.txt", HEADER) == "ass"
    assert parse(HEADER + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,你好\n", "talk").format == "ass"


@pytest.mark.parametrize(
    "event, message",
    [
        ("Dialogue: 0,0:00:xx.00,0:00:02.00,Default,,0,0,0,,你好", "cannot read this event"),
        ("Dialogue: 0,0:00:05.00,0:00:02.00,Default,,0,0,0,,你好", "ends before it starts"),
    ],
)
def test_a_bad_event_is_an_error_at_its_line(event, message):
    text = HEADER + "Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,好的\n" + event + "\n"
    with pytest.raises(SubpipeError) as raised:
        read_ass(text, "bad.ass")
    assert message in raised.value.message
    assert raised.value.line == HEADER.count("\n") + 2
    assert raised.value.path == "bad.ass"


def test_text_without_sections_is_not_ass():
    with pytest.raises(SubpipeError) as raised:
        read_ass("大家好\n", "talk.ass")
    assert raised.value.line == 1 and "not an ASS/SSA file" in raised.value.message


# --- writing --------------------------------------------------------------------------------------


def test_chinese_ass_loads_in_pysubs2_with_the_same_text_and_times(episode):
    subs = pysubs2.SSAFile.from_string(compose_ass(episode.cues))
    assert len(subs.events) == len(episode.cues)
    for event, cue in zip(subs.events, episode.cues):
        assert event.plaintext == cue.text
        assert (event.start, event.end) == (_rounded(cue.start_ms), _rounded(cue.end_ms))
        assert event.style == CHINESE_STYLE
    assert subs.info["PlayResX"] == "1920" and subs.info["PlayResY"] == "1080"


def test_bilingual_ass_puts_the_english_under_the_chinese_in_the_smaller_style(episode):
    assert any(len(cue.text_lines) > 1 for cue in episode.bilingual_cues), "the sample names people"
    subs = pysubs2.SSAFile.from_string(compose_bilingual_ass(episode.bilingual_cues))
    chinese, english = subs.styles[CHINESE_STYLE], subs.styles[ENGLISH_STYLE]
    assert chinese.fontsize > english.fontsize
    assert chinese.alignment == english.alignment == pysubs2.Alignment.BOTTOM_CENTER
    for event, cue in zip(subs.events, episode.bilingual_cues, strict=True):
        assert event.plaintext == cue.text
        if len(cue.text_lines) > 1:
            # One event: the Chinese line, a break, then the switch to the English style.
            assert event.text.startswith(cue.text_lines[0] + "\\N{\\r" + ENGLISH_STYLE + "}")
        else:
            assert "{" not in event.text


def test_what_subpipe_writes_it_reads_back(episode):
    for written, cues in (
        (compose_ass(episode.cues), episode.cues),
        (compose_bilingual_ass(episode.bilingual_cues), episode.bilingual_cues),
    ):
        lines = read_ass(written, "round.ass")
        assert [line.text for line in lines] == [join_lines(cue.text_lines) for cue in cues]
        assert [(line.start_ms, line.end_ms) for line in lines] == [
            (_rounded(cue.start_ms), _rounded(cue.end_ms)) for cue in cues
        ]


def test_override_characters_in_text_stay_text():
    cue = Cue(1, 0, 2000, ("{\\fs200\\c&H0000FF&}大字", "a\\Nb"), (1,))
    event = pysubs2.SSAFile.from_string(compose_ass([cue])).events[0]
    # No override block and no line break the transcript did not have: the full-width forms show instead.
    assert event.plaintext == "｛＼fs200＼c&H0000FF&｝大字\na＼Nb"


def test_fonts_sizes_and_resolution_are_settings(episode):
    settings = AssSettings(chinese_font="Source Han Sans SC", english_font="Arial").at_resolution(1280, 720)
    subs = pysubs2.SSAFile.from_string(compose_bilingual_ass(episode.bilingual_cues, settings))
    assert (subs.info["PlayResX"], subs.info["PlayResY"]) == ("1280", "720")
    assert subs.styles[CHINESE_STYLE].fontname == "Source Han Sans SC"
    assert subs.styles[ENGLISH_STYLE].fontname == "Arial"
    assert subs.styles[CHINESE_STYLE].fontsize == 48  # 72 at 1080 lines is 48 at 720
    traditional = pysubs2.SSAFile.from_string(compose_ass(episode.cues, script=Script.TAIWAN))
    assert traditional.styles[CHINESE_STYLE].fontname == "Noto Sans CJK TC"
    with pytest.raises(ValueError):
        AssSettings(play_res_y=0)


def test_the_output_registry_and_the_command_line(episode, tmp_path):
    names = set(compose_outputs(episode, settings=OutputSettings()))
    assert {"talk.zh.ass", "talk.zh-en.ass"} <= names
    source = tmp_path / "talk.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q", "--ass-resolution", "1280x720",
                 "--ass-english-font", "Arial"]) == 0
    subs = pysubs2.load(str(tmp_path / "out" / "talk.zh-en.ass"))
    assert subs.info["PlayResY"] == "720" and subs.styles[ENGLISH_STYLE].fontname == "Arial"
    with pytest.raises(SystemExit):
        main(["run", str(source), "-o", str(tmp_path / "out"), "--ass-resolution", "wide"])


def test_libass_renders_the_bilingual_ass_onto_a_video(episode, tmp_path):
    """ffmpeg's `ass` filter (libass) burns the file into a generated video, and the frame in the middle
    of the first cue is no longer the plain background."""
    subtitles = tmp_path / "talk.zh-en.ass"
    subtitles.write_text(compose_bilingual_ass(episode.bilingual_cues), encoding="utf-8")
    first = episode.bilingual_cues[0]
    width, height, rate = 320, 180, 10
    frame = (first.start_ms + first.end_ms) // 2 * rate // 1000
    result = subprocess.run(
        [
            "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "lavfi", "-i", f"color=c=gray:s={width}x{height}:d={first.end_ms / 1000}:r={rate}",
            "-vf", f"ass=filename={subtitles}",
            "-f", "rawvideo", "-pix_fmt", "gray", "-",
        ],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    size = width * height
    assert len(result.stdout) >= (frame + 1) * size
    pixels = result.stdout[frame * size : (frame + 1) * size]
    background = result.stdout[0]
    drawn = sum(1 for value in pixels if abs(value - background) > 40)
    assert drawn > 100, "the subtitle text was not drawn"


def test_an_ass_transcript_runs_through_the_command_line(tmp_path):
    source = tmp_path / "show.ass"
    source.write_text(
        HEADER
        + "Dialogue: 0,0:00:01.00,0:00:04.00,Default,主持人,0,0,0,,{\\an8}大家好，欢迎收听\n"
        + "Dialogue: 0,0:00:04.50,0:00:08.00,Default,主持人,0,0,0,,今天我们聊聊萨姆·奥特曼\n",
        encoding="utf-8",
    )
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    srt = (tmp_path / "out" / "show.zh.srt").read_text(encoding="utf-8")
    assert "00:00:01,000 --> 00:00:04,000" in srt and "an8" not in srt
    events = pysubs2.load(str(tmp_path / "out" / "show.zh-en.ass")).events
    assert any("Sam Altman" in event.plaintext for event in events)


_EVENT_PIECES = st.sampled_from(
    ["Dialogue:", "Comment:", "dialogue:", " 0", ",", "0:00:01.00", "9:99:99.99", "-0:00:01.00", "1:2:3",
     "{\\b1}", "{", "}", "\\N", "\\h", "大家好", "Name", "\t", "[Events]", "[Fonts]", "x"]
)


@given(st.lists(st.lists(_EVENT_PIECES, max_size=12).map("".join), max_size=8))
@hypothesis_settings(max_examples=300, deadline=None)
def test_any_event_lines_give_lines_or_a_located_error(lines):
    """Junk in the events section never escapes as anything but a SubpipeError that names a line."""
    text = HEADER + "\n".join(lines) + "\n"
    try:
        read = read_ass(text, "junk.ass")
    except SubpipeError as error:
        assert error.line is not None and error.path == "junk.ass"
        return
    header_lines = HEADER.count("\n")
    for line in read:
        assert header_lines < line.number <= header_lines + len(lines)
        assert line.text and line.start_ms is not None and line.end_ms >= line.start_ms >= 0


def test_the_bilingual_ass_carries_a_translation_given_with_english(tmp_path):
    (tmp_path / "talk.txt").write_text("大家好\n今天我们聊聊模型\n", encoding="utf-8")
    (tmp_path / "talk.en.txt").write_text("Hello everyone\nToday we talk about models\n", encoding="utf-8")
    assert main(["run", str(tmp_path / "talk.txt"), "--english", str(tmp_path / "talk.en.txt"),
                 "-o", str(tmp_path / "out"), "-q"]) == 0
    events = pysubs2.load(str(tmp_path / "out" / "talk.zh-en.ass")).events
    assert [event.text for event in events] == [
        "大家好\\N{\\rEN}Hello everyone",
        "今天我们聊聊模型\\N{\\rEN}Today we talk about models",
    ]
