"""Transcripts as transcription and meeting apps export them: a speaker and their start time alone on a
line, the speech after it, and a heading (date, keywords, a summary) before the first speaker."""

from __future__ import annotations

import subprocess
import sys

from subpipe import Converter
from subpipe.formats import parse

EXPORT = """2024年3月2日 上午 10:00|18分钟

关键词:
芯片、价格、算力

文字记录:

说话人 1 00:00
大家好，欢迎收听本期节目。今天我们请到了一位做芯片的朋友。

说话人 2 00:09
大家好，我在一家芯片公司做架构设计。

说话人 1 01:15
这两年芯片的价格为什么涨得这么快？

说话人 2 01:21
主要是因为需求太大了。
供应一直跟不上。
"""


def test_each_speaker_header_labels_and_times_the_speech_after_it():
    transcript = parse(EXPORT, "export", format="text")
    assert [(line.number, line.label, line.start_ms) for line in transcript.lines] == [
        (9, "说话人 1", 0),
        (12, "说话人 2", 9000),
        (15, "说话人 1", 75000),
        (18, "说话人 2", 81000),
        (19, None, None),
    ]


def test_what_comes_before_the_first_speaker_is_the_exports_heading_not_speech():
    transcript = parse(EXPORT, "export", format="text")
    assert [(line.number, line.text) for line in transcript.preamble] == [
        (1, "2024年3月2日 上午 10:00|18分钟"),
        (3, "关键词:"),
        (4, "芯片、价格、算力"),
        (6, "文字记录:"),
    ]
    [warning] = transcript.warnings
    assert warning.line == 1 and "lines 1-6" in warning.message
    episode = Converter()(transcript)
    # Nothing of the heading is a cue or a speaker; everything said is.
    assert not any("关键词" in cue.text or "2024" in cue.text for cue in episode.cues)
    assert {speaker.chinese for speaker in episode.speakers if speaker.lines} == {"说话人 1", "说话人 2"}
    assert episode.cues[0].start_ms == 0 and any(cue.start_ms == 75000 for cue in episode.cues)


def test_names_and_one_speaker_alone_are_read_the_same():
    names = "张三 00:12\n大家好，今天聊芯片。\n李四 00:20\n好的，我们开始吧。\n张三 00:31\n第一个问题是价格。\n"
    assert [(line.label, line.start_ms) for line in parse(names, "t", format="text").lines] == [
        ("张三", 12000), ("李四", 20000), ("张三", 31000)
    ]
    # A monologue: the export heads each paragraph with the same speaker.
    alone = "发言人1 00:00\n今天讲讲芯片。\n\n发言人1 02:15\n接下来说说价格。\n\n发言人1 05:40\n最后聊聊算力。\n"
    assert [(line.label, line.start_ms) for line in parse(alone, "t", format="text").lines] == [
        ("发言人1", 0), ("发言人1", 135000), ("发言人1", 340000)
    ]


def test_english_apps_write_the_same_shape():
    text = "Speaker 1  0:03\n大家好，今天聊聊芯片。\n\nSpeaker 2  0:09\n好的，我们开始吧。\n\nSpeaker 1  0:15\n第一个问题是价格。\n"
    transcript = parse(text, "otter", format="text")
    assert [(line.label, line.start_ms) for line in transcript.lines] == [("Speaker 1", 3000), ("Speaker 2", 9000), ("Speaker 1", 15000)]
    assert transcript.preamble == ()


def test_a_speaker_with_a_bracketed_time_and_a_colon_inline_or_alone():
    inline = "张三 (00:00:12)：大家好，今天聊芯片。\n李四 (00:00:20)：好的，我们开始吧。\n张三 (00:00:31)：第一个问题是价格。\n李四 (00:00:40)：价格涨了很多。\n"
    transcript = parse(inline, "rev", format="text")
    assert [(line.label, line.start_ms, line.text) for line in transcript.lines][:2] == [
        ("张三", 12000, "大家好，今天聊芯片。"),
        ("李四", 20000, "好的，我们开始吧。"),
    ]
    alone = "Speaker 1 (00:12):\n大家好，今天聊芯片。\n\nSpeaker 2 (00:20):\n好的，我们开始吧。\n"
    assert [(line.number, line.label, line.start_ms) for line in parse(alone, "rev", format="text").lines] == [
        (2, "Speaker 1", 12000),
        (5, "Speaker 2", 20000),
    ]


def test_times_read_out_in_a_schedule_stay_in_the_text_when_nothing_before_them_is_a_speaker():
    text = "今天的安排如下\n开幕式 09:00\n主题演讲 10:30\n午餐时间 12:00\n欢迎大家准时参加\n"
    transcript = parse(text, "schedule", format="text")
    assert [line.text for line in transcript.lines] == ["今天的安排如下", "开幕式 09:00", "主题演讲 10:30", "午餐时间 12:00", "欢迎大家准时参加"]
    assert all(line.label is None and line.start_ms is None for line in transcript.lines)
    assert transcript.preamble == ()


def test_a_time_said_once_at_a_line_end_stays_text():
    text = "我们约在明天上午 10:30\n到时候一起去看看新芯片\n大家准备好问题\n"
    transcript = parse(text, "talk", format="text")
    assert [line.text for line in transcript.lines] == ["我们约在明天上午 10:30", "到时候一起去看看新芯片", "大家准备好问题"]
    assert transcript.preamble == () and all(line.start_ms is None for line in transcript.lines)


def test_subpipe_run_prints_each_reader_warning_once(tmp_path):
    source = tmp_path / "export.txt"
    source.write_text(EXPORT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "subpipe", "run", str(source), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("before the first speaker's timestamp") == 1


def test_a_monologue_whose_lines_end_on_times_is_no_export():
    text = (
        "我给大家讲讲我的一天\n我一般起床的时间 6:30\n然后洗漱吃早饭\n坐地铁到公司 8:45\n开始写代码\n"
        "中午吃饭 12:00\n休息一会儿\n下班回家 18:30\n晚上看看书\n"
    )
    transcript = parse(text, "day", format="text")
    assert [line.text for line in transcript.lines] == text.strip().split("\n")
    assert all(line.label is None for line in transcript.lines) and transcript.preamble == ()


def test_section_titles_with_times_between_labelled_lines_stay_text():
    text = "开场 00:00\n主持人：大家好，欢迎收听。\n嘉宾：大家好。\n芯片价格 05:30\n主持人：价格为什么涨？\n嘉宾：需求太大了。\n"
    transcript = parse(text, "sections", format="text")
    assert [line.text for line in transcript.lines][0] == "开场 00:00"
    assert "芯片价格 05:30" in [line.text for line in transcript.lines]
    assert transcript.preamble == ()


def test_an_export_heading_with_a_date_and_time_reads_and_is_kept():
    text = "产品周会 14:30\n2024年3月5日 14:30\n关键词：芯片、价格\n\n说话人 1 00:00\n大家好。\n\n说话人 2 00:40\n你好。\n"
    transcript = parse(text, "weekly", format="text")
    assert [(line.label, line.start_ms) for line in transcript.lines] == [("说话人 1", 0), ("说话人 2", 40000)]
    assert [line.text for line in transcript.preamble] == ["产品周会 14:30", "2024年3月5日 14:30", "关键词：芯片、价格"]


def test_agenda_items_with_bracketed_times_after_timed_lines_stay_text():
    text = "[00:20:05] 主持人：接下来看看明天的安排。\n上午 (09:00)：签到\n中午 (12:00)：午饭\n下午 (14:00)：开会\n"
    transcript = parse(text, "agenda", format="text")
    assert [line.start_ms for line in transcript.lines] == [1205000, None, None, None]
    assert [line.text for line in transcript.lines][1:] == ["上午 (09:00)：签到", "中午 (12:00)：午饭", "下午 (14:00)：开会"]


def test_a_two_turn_export_reads_too():
    text = "说话人 1 00:00\n大家好。\n今天聊芯片。\n价格涨了。\n\n说话人 2 00:30\n是的。\n需求太大了。\n供应跟不上。\n"
    transcript = parse(text, "short", format="text")
    assert [(line.label, line.start_ms) for line in transcript.lines][::3] == [("说话人 1", 0), ("说话人 2", 30000)]


def test_markdown_headings_and_paragraphs_ending_on_a_time_stay_what_they_are():
    text = "## 开场 00:00\n\n**主持人：** 大家好。\n\n## 芯片价格 05:30\n\n**主持人：** 价格涨了。\n\n活动报名截止 10:30\n\n**嘉宾：** 好的。\n"
    transcript = parse(text, "show", format="markdown")
    assert [section.title for section in transcript.sections] == ["开场 00:00", "芯片价格 05:30"]
    assert "活动报名截止 10:30" in [line.text for line in transcript.lines]
