"""Roll-up captions (each cue holds the line before it and the new one, as YouTube's automatic captions
do) are read once; an ordinary file where someone says the same thing twice keeps both."""

from __future__ import annotations

from subpipe.formats import parse

PHRASES = ["大家好欢迎收听本期节目", "今天我们来聊聊芯片", "这款芯片的速度快了一倍", "价格却没有变化"]


def clock(ms: int) -> str:
    return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def roll_up_vtt(phrases) -> str:
    """The shape yt-dlp saves: a line of one space after the timing, word timestamps in <c> tags, and
    a 10 ms cue holding the finished line alone before the next one rolls in."""
    blocks = ["WEBVTT\nKind: captions\nLanguage: zh-Hans"]
    previous = ""
    for index, phrase in enumerate(phrases):
        start, end = index * 3000, index * 3000 + 2990
        words = phrase[:2] + "".join(f"<{clock(start + 400 * k)}><c>{phrase[k]}</c>" for k in range(2, len(phrase)))
        blocks.append(f"{clock(start)} --> {clock(end)} align:start position:0%\n{previous or ' '}\n{words}")
        blocks.append(f"{clock(end)} --> {clock(end + 10)} align:start position:0%\n{phrase}\n ")
        previous = phrase
    return "\n\n".join(blocks) + "\n"


def test_each_line_of_roll_up_captions_is_read_once_with_the_times_it_first_appears_at():
    transcript = parse(roll_up_vtt(PHRASES), "yt", format="vtt")
    assert [line.text for line in transcript.lines] == PHRASES
    assert [line.start_ms for line in transcript.lines] == [0, 3000, 6000, 9000]
    [warning] = transcript.warnings
    assert "roll-up" in warning.message and warning.line is not None


def test_roll_up_saved_as_srt_reads_the_same():
    blocks = []
    previous = ""
    for index, phrase in enumerate(PHRASES):
        start, end = index * 3000, index * 3000 + 2990
        text = f"{previous}\n{phrase}" if previous else phrase
        blocks.append(f"{2 * index + 1}\n{clock(start).replace('.', ',')} --> {clock(end).replace('.', ',')}\n{text}")
        blocks.append(f"{2 * index + 2}\n{clock(end).replace('.', ',')} --> {clock(end + 10).replace('.', ',')}\n{phrase}")
        previous = phrase
    transcript = parse("\n\n".join(blocks) + "\n", "yt", format="srt")
    assert [line.text for line in transcript.lines] == PHRASES


def test_an_ordinary_file_keeps_a_line_said_twice():
    cues = ["你确定吗", "对", "对", "那我们开始吧", "好的"]
    srt = "\n\n".join(f"{i}\n00:00:0{i},000 --> 00:00:0{i},900\n{text}" for i, text in enumerate(cues, 1)) + "\n"
    transcript = parse(srt, "talk", format="srt")
    assert [line.text for line in transcript.lines] == cues
    assert transcript.warnings == ()


def test_a_line_of_spaces_inside_a_vtt_cue_does_not_end_it():
    vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n \n第一句话\n\n00:02.000 --> 00:04.000\n第二句话\n"
    assert [line.text for line in parse(vtt, "x", format="vtt").lines] == ["第一句话", "第二句话"]
    # Between two lines of text too: only an empty line ends a cue.
    vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n第一行\n \n第二行\n\n00:02.000 --> 00:04.000\n第三行\n"
    assert [line.text for line in parse(vtt, "x", format="vtt").lines] == ["第一行第二行", "第三行"]
    # Spaces left on the line between two cues (the next one's identifier after them) still part them.
    vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n第一行\n  \n2\n00:02.000 --> 00:04.000\n第三行\n"
    assert [line.text for line in parse(vtt, "x", format="vtt").lines] == ["第一行", "第三行"]
