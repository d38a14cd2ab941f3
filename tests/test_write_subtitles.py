"""SRT and WebVTT writers, and what they write read back the same."""

from __future__ import annotations

from datetime import timedelta

import srt
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from subpipe.formats import FORMATS
from subpipe.model import Cue


def cue(index: int, start_ms: int, end_ms: int, *text_lines: str) -> Cue:
    return Cue(index, start_ms, end_ms, text_lines, (index,))


CUES = [
    cue(1, 0, 1500, "大家好，", "欢迎收听科技漫谈"),
    cue(7, 3_723_004, 3_725_000, "<b> & Q&A -->"),
]


def test_srt_writer() -> None:
    assert FORMATS["srt"].compose(CUES) == (
        "1\n00:00:00,000 --> 00:00:01,500\n大家好，\n欢迎收听科技漫谈\n\n"
        "7\n01:02:03,004 --> 01:02:05,000\n<b> & Q&A -->\n"
    )


def test_srt_writer_output_parses_with_the_srt_library() -> None:
    parsed = list(srt.parse(FORMATS["srt"].compose(CUES)))
    assert [(s.index, s.content) for s in parsed] == [(1, "大家好，\n欢迎收听科技漫谈"), (7, "<b> & Q&A -->")]


def test_vtt_writer_escapes_text() -> None:
    assert FORMATS["vtt"].compose(CUES) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\n大家好，\n欢迎收听科技漫谈\n\n"
        "01:02:03.004 --> 01:02:05.000\n&lt;b&gt; &amp; Q&amp;A --&gt;\n"
    )


def test_writers_drop_blank_lines_inside_a_cue() -> None:
    cues = [cue(1, 0, 1000, "一", "", "二")]
    assert FORMATS["srt"].compose(cues) == "1\n00:00:00,000 --> 00:00:01,000\n一\n二\n"
    assert FORMATS["vtt"].compose(cues) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n一\n二\n"


def test_no_cues() -> None:
    assert FORMATS["srt"].compose([]) == ""
    assert FORMATS["vtt"].compose([]) == "WEBVTT\n"


def test_vtt_round_trip_keeps_escaped_text() -> None:
    lines = FORMATS["vtt"].read(FORMATS["vtt"].compose(CUES), "x.vtt").lines
    assert [(line.text, line.start_ms, line.end_ms) for line in lines] == [
        ("大家好，欢迎收听科技漫谈", 0, 1500),
        ("<b> & Q&A -->", 3_723_004, 3_725_000),
    ]


# Display lines as subtitles hold them: Chinese words and Latin terms (a line of terms alone too, as the
# shaper breaks `…聊聊reinforcement` / `learning from…`), no blank lines, no markup. Latin terms only, not
# English sentences: most cues with a sentence of English beside Chinese make a bilingual file, whose
# English the readers set apart as its translation (tests/test_read_bilingual.py).
_CHINESE_WORD = st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出0123456789"), min_size=1, max_size=8)
_LATIN_TERM = st.sampled_from(["OpenAI", "o1", "GPT-4", "reinforcement", "learning", "PyTorch", "2024", "ab"])
_DISPLAY_LINE = st.lists(st.one_of(_CHINESE_WORD, _LATIN_TERM), min_size=1, max_size=4).map(" ".join)


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    count = draw(st.integers(min_value=1, max_value=8))
    cues, clock = [], 0
    for index in range(1, count + 1):
        start = clock + draw(st.integers(min_value=0, max_value=5_000))
        end = start + draw(st.integers(min_value=0, max_value=8_000))
        text_lines = tuple(draw(st.lists(_DISPLAY_LINE, min_size=1, max_size=3)))
        # A cue opening with the line the cue before ended on is how roll-up captions repeat themselves,
        # which the readers read once (tests/test_read_roll_up.py).
        assume(not cues or text_lines[0] != cues[-1].text_lines[-1])
        cues.append(Cue(index, start, end, text_lines, (index,)))
        clock = end
    return cues


def expected_text(text_lines: tuple[str, ...]) -> str:
    # The readers join display lines with a space, except between two Chinese characters.
    joined = text_lines[0]
    for line in text_lines[1:]:
        cjk = "\u4e00" <= joined[-1] <= "\u9fff" and "\u4e00" <= line[0] <= "\u9fff"
        joined += line if cjk else " " + line
    return joined


@settings(max_examples=150, deadline=None)
@given(cue_lists())
def test_srt_round_trip(cues: list[Cue]) -> None:
    lines = FORMATS["srt"].read(FORMATS["srt"].compose(cues), "x.srt").lines
    assert [(line.text, line.start_ms, line.end_ms) for line in lines] == [
        (expected_text(c.text_lines), c.start_ms, c.end_ms) for c in cues
    ]


@settings(max_examples=100, deadline=None)
@given(cue_lists())
def test_vtt_round_trip(cues: list[Cue]) -> None:
    lines = FORMATS["vtt"].read(FORMATS["vtt"].compose(cues), "x.vtt").lines
    assert [(line.text, line.start_ms, line.end_ms) for line in lines] == [
        (expected_text(c.text_lines), c.start_ms, c.end_ms) for c in cues
    ]


def test_a_long_file_comes_in_pieces_that_join_to_the_whole() -> None:
    """A long episode's subtitles are written as they are composed, a run of cues at a time; the pieces
    join to exactly the file the `srt` library composes from all the cues at once."""
    from subpipe.formats import ass
    from subpipe.formats.base import PIECE_CUES

    count = 2 * PIECE_CUES + 7
    cues = [cue(n, n * 2000, n * 2000 + 1500, f"第{n}句", "二") for n in range(1, count + 1)]
    whole = srt.compose(
        [srt.Subtitle(c.index, timedelta(milliseconds=c.start_ms), timedelta(milliseconds=c.end_ms), c.text) for c in cues],
        reindex=False,
    )
    for name, expected_pieces, joined_whole in (
        ("srt", 3, whole.rstrip("\n") + "\n"),
        ("vtt", 3 + 2, None),  # the header, three runs, the last newline
        ("ass", 1 + 3, None),  # the header, three runs
    ):
        pieces = list(FORMATS[name].pieces(cues))
        assert len(pieces) == expected_pieces
        text = "".join(pieces)
        if joined_whole is not None:
            assert text == joined_whole
        assert text.count("第") == count
        assert [line.text for line in FORMATS[name].read(text, f"x.{name}").lines][-1] == f"第{count}句二"
    assert "".join(ass.bilingual_ass_pieces(cues)).count(r"\N{\rEN}二") == count
