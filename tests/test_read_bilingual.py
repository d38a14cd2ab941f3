"""Bilingual subtitle files (Chinese and English in each cue, or one ASS event per language): the Chinese
is the transcript, the English the file's own translation; a monolingual file quoting English stays whole."""

from __future__ import annotations

from subpipe import Converter
from subpipe.formats import parse

CUES = [
    ("00:00:01,000", "00:00:03,500", "大家好，欢迎收听本期节目", "Hello everyone, welcome to the show"),
    ("00:00:03,600", "00:00:06,000", "今天我们来聊聊芯片", "Today we talk about chips"),
    ("00:00:06,100", "00:00:09,000", "这款芯片的速度快了一倍", "This chip is twice as fast"),
]


def srt(cues, english_first=False):
    blocks = []
    for index, (start, end, chinese, english) in enumerate(cues, 1):
        text = [english, chinese] if english_first else [chinese, english]
        blocks.append(f"{index}\n{start} --> {end}\n" + "\n".join(t for t in text if t))
    return "\n\n".join(blocks) + "\n"


def test_each_cue_chinese_over_english_splits_into_transcript_and_translation():
    transcript = parse(srt(CUES), "bi", format="srt")
    assert [line.text for line in transcript.lines] == [chinese for _, _, chinese, _ in CUES]
    assert [line.text for line in transcript.english] == [english for _, _, _, english in CUES]
    # Each English line keeps its own source line and its cue's times.
    assert [line.number for line in transcript.english] == [4, 9, 14]
    assert [(e.start_ms, e.end_ms) for e in transcript.english] == [(l.start_ms, l.end_ms) for l in transcript.lines]
    [warning] = transcript.warnings
    assert warning.line == 4 and "3 of 3 cues" in warning.message


def test_the_english_may_come_first():
    transcript = parse(srt(CUES, english_first=True), "bi", format="srt")
    assert [line.text for line in transcript.lines] == [chinese for _, _, chinese, _ in CUES]
    assert [line.number for line in transcript.english] == [3, 8, 13]


def test_a_monolingual_file_that_quotes_english_once_keeps_it_as_text():
    cues = [(s, e, c, "") for s, e, c, _ in CUES] + [("00:00:09,500", "00:00:11,000", "他说了一句", "Stay hungry, stay foolish")]
    transcript = parse(srt(cues), "mono", format="srt")
    assert transcript.english == () and transcript.warnings == ()
    assert transcript.lines[-1].text == "他说了一句 Stay hungry, stay foolish"


def test_a_chinese_talk_whose_terms_fall_on_lines_of_their_own_is_not_bilingual():
    cues = [
        ("00:00:01,000", "00:00:03,000", "今天我们聊一聊", "machine learning"),
        ("00:00:03,100", "00:00:05,000", "我最近在用", "PyTorch Lightning"),
        ("00:00:05,100", "00:00:07,000", "对，非常好用", ""),
    ]
    transcript = parse(srt(cues), "talk", format="srt")
    assert transcript.english == () and transcript.warnings == ()
    assert [line.text for line in transcript.lines] == ["今天我们聊一聊 machine learning", "我最近在用 PyTorch Lightning", "对，非常好用"]


def test_an_english_line_that_keeps_a_chinese_name_is_still_the_translation():
    cues = CUES + [("00:00:09,500", "00:00:11,000", "这是张三的书", "This is 张三's book")]
    transcript = parse(srt(cues), "bi", format="srt")
    assert transcript.lines[-1].text == "这是张三的书" and transcript.english[-1].text == "This is 张三's book"


def test_ass_events_of_each_language_with_the_same_times_pair_up():
    def event(start, end, style, text):
        return f"Dialogue: 0,{start},{end},{style},,0,0,0,,{text}"

    times = [("0:00:01.00", "0:00:03.50"), ("0:00:03.60", "0:00:06.00"), ("0:00:06.10", "0:00:09.00")]
    events = [event(*t, "CN", c) for t, (_, _, c, _) in zip(times, CUES)]
    events += [event(*t, "EN", e) for t, (_, _, _, e) in zip(times, CUES)]
    text = "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    transcript = parse(text + "\n".join(events) + "\n", "bi", format="ass")
    assert [line.text for line in transcript.lines] == [chinese for _, _, chinese, _ in CUES]
    assert [line.text for line in transcript.english] == [english for _, _, _, english in CUES]
    assert [line.number for line in transcript.english] == [9, 10, 11]


def test_webvtt_too():
    vtt = "WEBVTT\n\n" + srt(CUES).replace(",", ".").replace("1\n00", "00").replace("2\n00", "00").replace("3\n00", "00")
    transcript = parse(vtt, "bi", format="vtt")
    assert [line.text for line in transcript.lines] == [chinese for _, _, chinese, _ in CUES]
    assert len(transcript.english) == 3


def test_the_files_own_english_is_the_translation_of_the_bilingual_subtitles():
    episode = Converter()(parse(srt(CUES), "bi", format="srt"))
    assert episode.translated
    assert not any("Hello" in cue.text for cue in episode.cues)
    shown = "\n".join(cue.text for cue in episode.bilingual_cues)
    assert "Hello everyone" in shown and "twice as fast" in shown
    assert any("English line beside the Chinese" in w.message for w in episode.warnings)


def test_a_translation_given_with_the_file_wins_over_its_own():
    given = parse("Good morning\nWe talk about chips today\nThe chip is faster\n", "en", format="text")
    episode = Converter().convert(parse(srt(CUES), "bi", format="srt"), translation=given)
    shown = "\n".join(cue.text for cue in episode.bilingual_cues)
    assert "Good morning" in shown and "Hello everyone" not in shown
    assert any("not the file's own English" in w.message for w in episode.warnings)
