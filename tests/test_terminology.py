"""The terminology check: English usage allowed, real mistakes flagged and explained."""

import pytest

from subpipe import process_text
from subpipe.cues.terminology import check_terminology
from subpipe.formats import parse
from subpipe.glossary import Entry, build_glossary
from subpipe.outputs.qa import compose_qa
from subpipe.settings import NameSettings, Settings

GLOSSARY = build_glossary(
    [
        Entry(id="sam-altman", english="Sam Altman", kind="person", chinese=("萨姆·奥特曼", "奥特曼")),
        Entry(id="elon-musk", english="Elon Musk", kind="person", chinese=("埃隆·马斯克", "马斯克")),
        Entry(id="ilya-sutskever", english="Ilya Sutskever", kind="person", chinese=("伊利亚·苏茨克维",), short=("Ilya",)),
        Entry(id="hyung-won-chung", english="Hyung Won Chung", kind="person", chinese=("郑亨元",)),
        Entry(id="yao-shunyu", english="Yao Shunyu", kind="person", chinese=("姚顺雨",)),
        Entry(id="alibaba-group", english="Alibaba Group", kind="org", chinese=("阿里巴巴集团",)),
        Entry(id="united-nations", english="United Nations", kind="org", chinese=("联合国",), short=("UN",)),
    ]
)
NO_SHIPPED = Settings(names=NameSettings(shipped_glossary=False))


def findings(chinese: list[str], english: list[str]):
    translation = parse("\n".join(english), "en", format="text")
    episode = process_text("\n".join(chinese), name="ep", settings=NO_SHIPPED, glossary=GLOSSARY, translation=translation)
    return [(m.line, m.text, m.problem, m.found) for m in episode.term_misses], episode


def test_surname_after_first_mention_short_forms_and_organisation_names_pass():
    found, _ = findings(
        ["萨姆·奥特曼今天发言", "萨姆·奥特曼又说了一遍", "伊利亚·苏茨克维也同意", "联合国和阿里巴巴集团都在场", "姚顺雨后来也说了", "姚顺雨笑了"],
        [
            "Sam Altman spoke today",
            "Altman said it again",  # the full Chinese name, but after the first mention
            "Ilya agreed too",  # the glossary's short form: people call him Ilya
            "The UN and Alibaba were there",  # a short form and a name without its corporate suffix
            "Yao Shunyu said so later",
            "Yao laughed",  # family name first: the surname is Yao, not Shunyu
        ],
    )
    assert found == []


def test_a_chinese_part_of_a_name_may_be_matched_by_that_part():
    found, _ = findings(["马斯克今天发言"], ["Musk spoke today"])
    assert found == []


@pytest.mark.parametrize(
    "chinese, english, wrong",
    [
        ("萨姆·奥特曼今天发言", "Sam Altmann spoke today", "Altmann"),
        ("埃隆·马斯克今天发言", "Elon Mask spoke today", "Mask"),
        ("伊利亚·苏茨克维也同意", "Ilia agreed too", "Ilia"),  # the short form people use, misspelt
        ("马斯克今天发言", "Elon Mask spoke today", "Mask"),  # beside a right part of the name
    ],
)
def test_misspellings_are_named(chinese, english, wrong):
    found, _ = findings([chinese], [english])
    assert found == [(1, chinese[: chinese.index("今") if "今" in chinese else chinese.index("也")], "misspelt", wrong)]


def test_the_wrong_person_pinyin_and_a_missing_name_are_told_apart():
    found, _ = findings(
        ["萨姆·奥特曼今天发言", "团队成员郑亨元解释道", "埃隆·马斯克也来了"],
        ["Elon Musk spoke today", "Team member Zheng Hengyuan explained", "He came too"],
    )
    assert found == [
        (1, "萨姆·奥特曼", "wrong name", "Elon Musk"),
        (2, "郑亨元", "pinyin", "Zheng Hengyuan"),
        (3, "埃隆·马斯克", "missing", None),
    ]


def test_a_surname_alone_where_the_reader_first_meets_the_person_is_flagged():
    found, _ = findings(["埃隆·马斯克今天发言"], ["Musk spoke today"])
    assert found == [(1, "埃隆·马斯克", "first mention", "Musk")]


def test_one_finding_per_line_and_name():
    found, _ = findings(["萨姆·奥特曼说奥特曼不会走"], ["He said he would not leave"])
    assert len(found) == 1


def test_the_qa_file_counts_what_it_lists_and_says_the_expected_forms():
    _, episode = findings(
        ["萨姆·奥特曼今天发言", "萨姆·奥特曼又说了一遍", "团队成员郑亨元解释道"],
        ["Sam Altman spoke today", "Altmann said it again", "Team member Zheng Hengyuan explained"],
    )
    qa = compose_qa(episode.term_misses, True)
    header, *lines = qa.splitlines()
    assert header == "terminology check: 2 findings on 2 lines (1 misspelt, 1 pinyin)"
    assert len(lines) == 2
    assert lines[0].startswith("line 2: 萨姆·奥特曼: the English misspells the name ('Altmann'); expected 'Sam Altman' or 'Altman'.")
    assert "expected 'Hyung Won Chung'" in lines[1]


def test_check_terminology_reads_only_translated_lines():
    _, episode = findings(["萨姆·奥特曼今天发言"], ["Sam Altman spoke today"])
    assert check_terminology(episode.mentions, {}, GLOSSARY) == ()
