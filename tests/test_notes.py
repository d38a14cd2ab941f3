"""Show notes: what they say, in Markdown and plain text, in the output script."""

import re

import pytest

from subpipe import Script, Settings, process_text, write_outputs
from subpipe.glossary import Entry, build_glossary
from subpipe.outputs.notes import compose_notes_markdown, compose_notes_text
from subpipe.outputs import OUTPUTS

GLOSSARY = build_glossary(
    [
        Entry("sima-guang", "Sima Guang", "person", ("司马光",)),
        Entry("zhuge-liang", "Zhuge Liang", "person", ("诸葛亮",)),
        Entry("nvidia", "NVIDIA", "org", ("英伟达",)),
    ]
)

TIMED = """1
00:00:00,000 --> 00:00:03,000
大家好，这里是科技早知道，我是小北

2
00:00:03,500 --> 00:00:06,000
今天我们来聊聊英伟达的新芯片

3
00:00:06,500 --> 00:00:09,000
团队成员司马光解释道

4
00:00:09,500 --> 00:00:13,000
这款芯片的设计目标是降低功耗

5
00:00:13,500 --> 00:00:17,000
同时让推理速度提高一倍

6
00:00:17,500 --> 00:00:20,000
好了，诸葛亮也写过一篇文章

7
00:00:20,500 --> 00:00:24,000
那大家怎么看这款芯片呢？欢迎留言
"""


@pytest.fixture(scope="module")
def episode():
    return process_text(TIMED, name="chip-talk", format="srt", glossary=GLOSSARY)


def test_notes_are_registered_outputs(tmp_path, episode):
    assert {"notes.md", "notes.txt"} <= set(OUTPUTS)
    written = {path.name for path in write_outputs(episode, tmp_path)}
    assert {"chip-talk.notes.md", "chip-talk.notes.txt"} <= written


def test_markdown_notes_have_a_title_summary_people_organisations_and_keywords(episode):
    notes = compose_notes_markdown(episode)
    assert notes.startswith("# chip-talk\n")
    assert "科技早知道 · 主持 Host: 小北" in notes
    for heading in ("## 简介 Summary", "## 人物 People", "## 机构与产品 Organisations and products", "## 关键词 Keywords"):
        assert heading in notes
    assert "### Sima Guang（司马光）" in notes
    assert "这款芯片的设计目标是降低功耗" in notes
    assert "- NVIDIA（英伟达） · organisation · first at 00:03" in notes
    # Zhuge Liang is only talked about: listed, without a summary of his own.
    assert "Zhuge Liang（诸葛亮） · first named at 00:17" in notes
    assert "### Zhuge Liang" not in notes
    assert len(episode.chapters) < 2 and "Chapters" not in notes  # a single chapter is left out


def test_the_guest_summary_holds_only_the_guests_words(episode):
    notes = compose_notes_text(episode)
    guest = notes.split("Sima Guang（司马光）\n", 1)[1].split("\n\n", 1)[0]
    assert "降低功耗" in guest
    assert "大家好" not in guest and "欢迎留言" not in guest


def test_plain_text_notes_have_no_markdown(episode):
    notes = compose_notes_text(episode)
    assert not re.search(r"^(#|- )", notes, re.MULTILINE)
    assert notes.startswith("chip-talk\n")
    assert "【人物 People】" in notes


def test_chapter_lines_are_youtube_timestamps_when_chapters_exist():
    lines = "\n".join(f"第{n}段我们聊{topic}的问题" for n, topic in enumerate(["芯片"] * 30 + ["电池"] * 30 + ["屏幕"] * 30))
    episode = process_text(lines, name="long", glossary=GLOSSARY)
    assert len(episode.chapters) >= 2
    text = compose_notes_text(episode)
    chapter_lines = [line for line in text.splitlines() if re.match(r"^\d\d:\d\d ", line)]
    assert chapter_lines[0].startswith("00:00 ")
    assert len(chapter_lines) == len(episode.chapters)
    assert "时间按语速估算" in text  # untimed text: the times are estimates, and the notes say so
    assert "## 章节 Chapters" in compose_notes_markdown(episode)


def test_markdown_special_characters_in_the_transcript_are_escaped():
    episode = process_text("我是小北\n今天讲*重点*和[链接]与#标签的写法\n", name="md", glossary=GLOSSARY)
    notes = compose_notes_markdown(episode)
    assert r"\*重点\*" in notes and r"\[链接\]" in notes and r"\#标签" in notes


def test_notes_follow_the_output_script():
    settings = Settings(output_script=Script.TAIWAN)
    episode = process_text(TIMED, name="tw", format="srt", glossary=GLOSSARY, settings=settings)
    notes = compose_notes_markdown(episode)
    assert "這款晶片" in notes or "這款芯片" in notes
    assert "这款" not in notes
    # The notes' own headings and roles are written in that script too.
    assert "## 簡介 Summary" in notes and "## 關鍵詞 Keywords" in notes and "嘉賓 guest" in notes
    assert "简介" not in notes and "嘉宾" not in notes


def test_notes_of_a_simplified_transcript_keep_simplified_headings(episode):
    notes = compose_notes_markdown(episode)
    assert "## 简介 Summary" in notes and "簡介" not in notes


def test_a_speaker_named_only_by_a_role_label_is_shown_as_their_role():
    text = (
        "問：芯片產業這幾年有什麼變化？\n答：變化很大，新的公司很多。\n問：價格為什麼漲得這麼快？\n"
        "答：主要是需求太大了，供應跟不上。\n問：明年會好一點嗎？\n答：應該會慢慢好起來。\n"
    )
    episode = process_text(text, name="qa", glossary=GLOSSARY)
    notes = compose_notes_markdown(episode)
    assert "### Host（問）" in notes and "### Guest（答）" in notes
    # A role is no name: the byline does not call the host 問.
    assert "Host: 問" not in notes and "主持 Host" not in notes.split("##")[0]


def test_the_notes_and_the_page_name_speakers_by_one_rule():
    from subpipe.model import Speaker
    from subpipe.outputs.people import speaker_name

    assert speaker_name(Speaker("问", None, "問", "host")) == "Host（問）"
    # An unnamed voice of a narration that a role word stands for is that voice, not a role-named speaker.
    assert speaker_name(Speaker("unnamed-2", None, "主持人", "guest")) == "Unnamed speaker 2（主持人）"
    assert speaker_name(Speaker("zheng", "Hyung Won Chung", "郑亨元", "guest")) == "Hyung Won Chung（郑亨元）"
    assert speaker_name(Speaker("host", None, None, "host")) == "Host"


def test_a_voice_quoted_in_passing_is_a_line_under_also_mentioned_not_an_empty_section():
    from subpipe.model import Speaker, SpeakerSummary
    from dataclasses import replace as with_

    episode = process_text("我是小北\n今天我们聊聊芯片的价格为什么涨得这么快\n", name="p", glossary=GLOSSARY)
    brief = Speaker("guest-1", "Ada Lovelace", "艾达", "guest", lines=(2,), share=0.02)
    notes = compose_notes_markdown(with_(episode, speakers=(*episode.speakers, brief)))
    assert "### Ada Lovelace（艾达）" not in notes
    assert "- Ada Lovelace（艾达） · quoted in 1 line" in notes
    # With a sentence to show, the same voice has its own section.
    summaries = with_(episode.summaries, speakers=(*episode.summaries.speakers, SpeakerSummary("guest-1", episode.summaries.episode)))
    notes = compose_notes_markdown(with_(episode, speakers=(*episode.speakers, brief), summaries=summaries))
    assert "### Ada Lovelace（艾达）" in notes


class _CountedCues(tuple):
    """An episode's cues that count how often they are read from start to end."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_notes_and_chapter_files_read_the_cues_once_however_many_names_they_time(episode):
    # Every clock time asks whether the episode reaches an hour; the answer is the episode's end, read
    # from its cues once, not once per name and chapter (which grew with the square of a long episode).
    from dataclasses import replace

    from subpipe.outputs import chapter_files

    assert len(episode.summaries.names) + len(episode.chapters) > 3
    counted = replace(episode, cues=_CountedCues(episode.cues))
    compose_notes_markdown(counted)
    compose_notes_text(counted)
    chapter_files.compose_youtube_chapters(counted)
    chapter_files.compose_podcast_chapters(counted)
    assert _CountedCues.reads == 1
