"""Speaker labels in the shapes people write them, and text that merely holds a colon."""

import pytest

from subpipe import process_text
from subpipe.formats import parse
from subpipe.formats import plain


def read_plain(source, path):
    return plain.read_plain(source, path).lines


def labels(source: str, name: str = "t.txt") -> list[tuple[str | None, str]]:
    return [(line.label, line.text) for line in parse(source, "t", path=name).lines]


def speakers(source: str, name: str = "t.txt", **options) -> list[str | None]:
    episode = process_text(source, name="t", format="markdown" if name.endswith(".md") else None, **options)
    return [episode.speaker_of_line[line.number] for line in episode.transcript.lines]


def said_by(source: str, name: str = "t.txt", **options) -> list[str | None]:
    """Who says each line, as the transcript writes them (the host as `host`): a label that is a
    person's name is that person's entity, whose id is not the label."""
    episode = process_text(source, name="t", format="markdown" if name.endswith(".md") else None, **options)
    written = {speaker.id: speaker.chinese or speaker.id for speaker in episode.speakers}
    return [written.get(episode.speaker_of_line[line.number]) for line in episode.transcript.lines]


def test_inline_labels_with_either_colon_and_the_label_alone_on_its_line():
    source = "主持人：欢迎\n张三:谢谢\n主持人：\n第一段\n第二段\n张三：好\n"
    assert labels(source) == [("主持人", "欢迎"), ("张三", "谢谢"), ("主持人", "第一段"), (None, "第二段"), ("张三", "好")]
    assert said_by(source) == ["host", "张三", "host", "host", "张三"]


def test_a_label_holds_for_the_paragraphs_after_it_in_markdown():
    source = "# 访谈\n\n王五：\n\n第一段话\n\n第二段话\n\n李四：\n\n回答\n"
    assert said_by(source, "t.md") == ["王五", "王五", "李四"]


@pytest.mark.parametrize(
    "source",
    [
        "建议一：多喝水\n建议二：早点睡\n建议三：多运动\n",
        "关键细节是：时间\n我的想法是：这样\n",
        "第二个问题：怎么办\n第三个问题：为什么\n第二个问题：再说一次\n",
        "他说：我们要做\n他说：对\n有人问：为什么\n有人问：怎么办\n",
        "比如：数学\n比如：物理\n总之：就这样\n总之：好\n首先：第一\n首先：第二\n",
        "1、目标：做好\n2、方法：努力\n3、结果：成功\n",
        "上午10:30出发\n上午10:30到达\n",
        "（笑）我们开始\n（笑）再来\n（簡報第8頁）這裡\n（簡報第9頁）那裡\n",
    ],
)
def test_text_that_merely_holds_a_colon_is_no_label(source):
    lines = read_plain(source, "t.txt")
    assert [line.text for line in lines] == source.rstrip("\n").split("\n")
    assert all(line.label is None for line in lines)


def test_roles_are_labels_even_once():
    for role in ("主持人", "記者", "法官", "主席", "問", "答", "Q", "嘉宾2", "Speaker 1"):
        [line] = read_plain(f"{role}：请讲", "t.txt")
        assert (line.label, line.text) == (role, "请讲")


def test_numbered_questions_are_one_questioner():
    source = "Q1：第一个问题？\n任总：回答一\nQ2、第二个问题？\n任总：回答二\n"
    assert labels(source) == [("Q", "第一个问题？"), ("任总", "回答一"), ("Q", "第二个问题？"), ("任总", "回答二")]
    assert len(set(speakers(source))) == 2


def test_numbered_press_questions_with_outlets_in_latin():
    source = "主持人：请提问\n1、路透社Reuters:部长好？\n王部长：我来回答\n2、CNN记者:还有问题？\n王部长：好的\n3、媒体名Latin Name:最后？\n王部长：谢谢\n"
    assert [label for label, _ in labels(source)] == [
        "主持人", "路透社Reuters", "王部长", "CNN记者", "王部长", "媒体名Latin Name", "王部长",
    ]


def test_numbered_items_whose_bracket_names_the_asker():
    source = (
        "1、（研发部张三）任总您好，请问？\n任总：回答\n2、（市场部李四）员工问：还有？\n任总：好\n"
        "3、（无线部王五）员工问：最后？\n任总：谢谢\n王五：补充一句\n"
    )
    found = labels(source)
    assert [label for label, _ in found] == ["研发部张三", "任总", "市场部李四", "任总", "无线部王五", "任总", "王五"]
    assert found[0][1] == "任总您好，请问？"
    said = speakers(source)
    assert said[4] == said[6]  # 王五 and （无线部王五） are one person
    assert len(set(said)) == 4


def test_a_speaker_tag_in_brackets():
    assert labels("（主持人）欢迎收听\n（讲者）谢谢\n") == [("主持人", "欢迎收听"), ("讲者", "谢谢")]
    assert labels("【主持人】欢迎\n") == [("主持人", "欢迎")]


def test_a_legend_near_the_top_defines_one_character_labels():
    source = "記者：張三（張）　被訪者：李四（李）\n張：請問您怎麼看？\n李：我覺得很好\n張：還有嗎？\n李：沒有了\n"
    transcript = parse(source, "t", path="t.txt")
    assert [(d.label, d.name, d.role) for d in transcript.legend] == [("張", "張三", "記者"), ("李", "李四", "被訪者")]
    assert [line.number for line in transcript.lines] == [2, 3, 4, 5]  # the legend is no speech
    episode = process_text(source, name="t")
    names = {s.id: s.chinese for s in episode.speakers}
    assert [names[episode.speaker_of_line[n]] for n in (2, 3, 4, 5)] == ["張三", "李四", "張三", "李四"]


def test_a_legend_on_lines_of_its_own_and_the_role_used_as_a_label():
    source = "主持人：王小明（王）\n嘉宾：陈大文（陈）\n\n王：欢迎\n陈：谢谢\n嘉宾：补充一下\n"
    episode = process_text(source, name="t")
    names = {s.id: s.chinese for s in episode.speakers}
    assert [names.get(episode.speaker_of_line[n]) for n in (4, 5, 6)] == ["王小明", "陈大文", "陈大文"]


def test_a_surname_with_a_title_is_the_full_name_of_that_surname():
    source = "主持人：欢迎胡总\n胡总：谢谢\n主持人：请讲\n胡赛雄：我们做芯片\n主持人：还有吗\n胡赛雄：没有了\n"
    said = said_by(source)
    assert said[1] == said[3] == said[5] == "胡赛雄"


def test_the_same_person_under_two_labels_by_a_glossary():
    from subpipe.glossary import Entry, build_glossary

    glossary = build_glossary([Entry("hu", "Hu Saixiong", "person", ("胡赛雄", "老胡"))])
    source = "主持人：欢迎\n老胡：谢谢\n主持人：请讲\n胡赛雄：好\n主持人：再见\n胡赛雄：再见\n"
    assert speakers(source, glossary=glossary) == ["host", "hu", "host", "hu", "host", "hu"]


def test_srt_voice_tags_are_labels():
    srt = "1\n00:00:01,000 --> 00:00:02,000\n<v 主持人>欢迎</v>\n\n2\n00:00:03,000 --> 00:00:04,000\n<v Bob>谢谢\n"
    assert labels(srt, "t.srt") == [("主持人", "欢迎"), ("Bob", "谢谢")]


def test_the_one_who_asks_is_the_host_of_an_interview():
    source = "".join(
        f"记者甲：第{n}个问题您怎么看？\n王教授：我认为这样{n}\n" for n in "一二三四"
    )
    episode = process_text(source, name="t")
    roles = {s.id: s.role for s in episode.speakers}
    assert roles == {"记者甲": "host", "王教授": "guest"}


def test_lines_before_the_first_label_are_unknown_and_stage_directions_no_ones():
    source = "编者按：这是一次对话\n\n（鼓掌）\n甲：你好\n（笑）\n乙：你好\n"
    episode = process_text(source, name="t")
    said = {line.text: episode.speaker_of_line[line.number] for line in episode.transcript.lines}
    assert said["（鼓掌）"] is None and said["（笑）"] is None
    assert said["编者按：这是一次对话"] == "unknown"
    assert (said["你好"]) in ("甲", "乙")
    unknown = next(s for s in episode.speakers if s.id == "unknown")
    assert unknown.role == "unknown"
    assert all(s.speaker != "unknown" or True for s in episode.summaries.speakers)


def test_stage_directions_never_enter_a_summary():
    source = "主持人：" + "今天我们来聊聊芯片行业的发展趋势和未来的机会（笑）。\n（鼓掌）\n" * 6
    episode = process_text(source, name="t")
    sentences = list(episode.summaries.episode) + [s for sp in episode.summaries.speakers for s in sp.sentences]
    assert sentences
    assert all("笑" not in s.text and "鼓掌" not in s.text for s in sentences)
