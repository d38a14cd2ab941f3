"""Speaker labels, legends and titles as evidence of people's names (subpipe/names/labels.py)."""

import csv
import io

from subpipe import Converter
from subpipe.formats import parse
from subpipe.outputs.suggestions import compose_suggestions
from subpipe.settings import NameSettings, Settings


def convert(text, settings=None, glossaries=(), fmt=None):
    converter = Converter(settings or Settings(), glossaries)
    return converter.convert(parse(text, "t", format=fmt))


def mentions(episode):
    return [(m.line, m.text, m.english, m.via) for m in episode.mentions]


def speakers(episode):
    return {s.chinese: s.english for s in episode.speakers if s.chinese}


def test_a_labelled_speaker_is_a_person_and_the_text_names_them_by_title_or_given_name():
    episode = convert("主持人：欢迎蒋老师\n蒋念祖：谢谢\n主持人：念祖，你先说\n蒋念祖：好的\n")
    assert mentions(episode) == [(1, "蒋", "Jiang Nianzu", "surname"), (3, "念祖", "Jiang Nianzu", "romanised")]
    assert speakers(episode) == {"蒋念祖": "Jiang Nianzu"}
    # The label is no mention (it is not text anyone reads), but the name is listed for review.
    rows = list(csv.reader(io.StringIO(compose_suggestions(episode))))
    assert [row[:3] for row in rows[1:]] == [["念祖", "Jiang Nianzu", "person"], ["蒋念祖", "Jiang Nianzu", "person"]]
    assert rows[2][4] == "romanised from the Chinese; check the person's own spelling, line 2 (speaker label)"


def test_a_taiwan_dialogue_in_markdown_gets_passport_forms_and_its_speakers_as_written():
    text = "### 唐鳳：\n\n這位是侯老師。\n\n### 侯勝宗：\n\n好。\n\n### 唐鳳：\n\n謝謝。\n"
    episode = convert(text, fmt="markdown")
    assert mentions(episode) == [(3, "侯", "Hou Sheng-tsung", "surname")]
    assert speakers(episode) == {"唐鳳": "Tang Feng", "侯勝宗": "Hou Sheng-tsung"}


def test_roles_forms_of_address_and_words_among_the_labels_name_nobody():
    text = "主持人：欢迎\n记者：你好\n问：请讲\n王老师：好\n工作人员：请坐\n高管：谢谢\n主持人：再见\n王老师：再见\n"
    text += "工作人员：好\n高管：对\n"
    episode = convert(text)
    assert episode.mentions == ()
    assert compose_suggestions(episode).count("\n") == 1  # the header only
    assert {s.chinese for s in episode.speakers} >= {"记者", "问", "王老师", "工作人员", "高管"}
    assert all(s.english is None and s.via is None for s in episode.speakers)


def test_a_user_glossary_names_the_labelled_speaker_and_so_their_title_in_the_text(tmp_path):
    user = tmp_path / "user.csv"
    user.write_text("chinese,english,type\n方元沂,Fang Yuan-yi,person\n", encoding="utf-8")
    text = "### 唐鳳：\n\n方老師手上已經有版本了？\n\n### 方元沂：\n\n有的。\n"
    episode = convert(text, glossaries=[user], fmt="markdown")
    assert mentions(episode) == [(3, "方", "Fang Yuan-yi", "surname")]
    assert speakers(episode)["方元沂"] == "Fang Yuan-yi"


def test_the_names_of_a_legend_are_people():
    text = "記者：張大同（張）　被訪者：王建國（王）\n張：請問王老師您怎麼看？\n王：我覺得很好\n張：還有嗎？\n王：沒有了\n"
    episode = convert(text)
    assert mentions(episode) == [(2, "王", "Wang Chien-kuo", "surname")]
    said = {episode.speaker_of_line[n] for n in (3, 5)}
    assert [s.english for s in episode.speakers if s.id in said] == ["Wang Chien-kuo"]


def test_a_label_addressing_someone_is_the_one_person_of_that_surname_named_in_full():
    text = "员工：任总，我想问一个问题\n任总：请讲\n员工：任正非先生说过什么？\n任总：我说过要努力\n"
    episode = convert(text)
    assert (1, "任", "Ren Zhengfei", "surname") in mentions(episode)
    boss = episode.speaker_of_line[2]
    assert [(s.english, s.chinese) for s in episode.speakers if s.id == boss] == [("Ren Zhengfei", "任总")]
    # Without such a label, 总 after a surname is no title: 任总是 is also "always".
    episode = convert("员工：任正非先生说过什么？\n领导：他说任总是对的\n员工：好\n领导：好\n")
    assert [m.text for m in episode.mentions] == ["任正非"]


def test_a_label_may_hold_a_name_after_a_body_or_a_role():
    text = "主持人：请提问\n研发部王建国：我想问一个问题\n主持人：请讲\n研发部王建国：好的\n"
    episode = convert(text)
    assert speakers(episode)["研发部王建国"] == "Wang Jianguo"


def test_a_dictionary_person_as_a_label_and_a_hong_kong_name_left_for_review():
    episode = convert("主持人：欢迎\n特朗普：谢谢\n主持人：请讲\n特朗普：好\n")
    assert speakers(episode)["特朗普"] == "Donald Trump"
    hong_kong = Settings(names=NameSettings(name_region="hong-kong"))
    episode = convert("记者：你好\n陈大文：你好\n记者：请讲\n陈大文：再见\n", hong_kong)
    assert [(u.text, u.reason) for u in episode.unresolved] == [("陈大文", "Chinese name (no Cantonese reading at hand)")]
    assert speakers(episode)["陈大文"] is None


def test_labels_are_not_romanised_when_romanising_is_off():
    episode = convert("主持人：欢迎\n蒋念祖：谢谢\n主持人：请讲\n蒋念祖：好\n", Settings(names=NameSettings(romanise=False)))
    assert speakers(episode)["蒋念祖"] is None


def test_names_in_the_title_and_headings_are_mentions_at_their_lines_but_no_speech():
    text = "# 蔣念祖、方元沂、陳言博來訪\n\n## 陳言博的提案\n\n### 唐鳳：\n\n歡迎。\n\n### 蔣念祖：\n\n謝謝。\n"
    episode = convert(text, fmt="markdown")
    assert episode.transcript.title_line == 1
    assert [(line, text) for line, text, *_ in mentions(episode)] == [
        (1, "蔣念祖"), (1, "方元沂"), (1, "陳言博"), (3, "陳言博")
    ]
    assert {number for cue in episode.cues for number in cue.source_lines} == {7, 11}
    assert set(episode.speaker_of_line) == {7, 11}
    # A title from front matter has no line of its own in the text: its names are not read as mentions.
    episode = convert("---\ntitle: 蔣念祖、方元沂、陳言博來訪\n---\n\n歡迎。\n", fmt="markdown")
    assert episode.transcript.title_line is None and episode.mentions == ()


def test_of_two_people_of_one_surname_the_title_is_the_one_who_speaks_and_never_the_speaker_themself():
    text = (
        "### 唐鳳：\n\n方老師手上已經有版本了？\n\n### 方元沂：\n\n有，我跟陳老師或方嘉麟老師討論過。\n\n"
        "### 唐鳳：\n\n好，請方老師寄給我。\n\n### 吳旻潔：\n\n我和吳先生以前常去。\n"
    )
    episode = convert(text, fmt="markdown")
    surnames = [(line, text, english) for line, text, english, via in mentions(episode) if via == "surname"]
    # 方老師 said to the 方 who speaks (not the 方嘉麟 he mentions); 吳先生 is not 吳旻潔 herself.
    assert surnames == [(3, "方", "Fang Yuan-i"), (11, "方", "Fang Yuan-i")]
