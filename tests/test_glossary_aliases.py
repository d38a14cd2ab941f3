"""Derived aliases: Simplified keys for every form, dotless forms and parts of dotted names."""

import pytest

from subpipe.glossary import DOTS, Entry, build_glossary, dotted_parts, make_entry_id
from subpipe.text.segment import is_ordinary_word


def never_ordinary(word: str) -> bool:
    return False


def entry(english, *forms, kind="person") -> Entry:
    return Entry(make_entry_id(english), english, kind, forms)


def found(glossary, form):
    return [(alias.entry_id, alias.via) for alias in glossary.aliases.get(form, ())]


def test_dotted_name_gives_its_dotless_form_and_its_parts():
    glossary = build_glossary([entry("Bob McGrew", "鲍勃·麦格鲁")], never_ordinary)
    assert found(glossary, "鲍勃·麦格鲁") == [("bob-mcgrew", "glossary")]
    assert found(glossary, "鲍勃麦格鲁") == [("bob-mcgrew", "dotless")]
    assert found(glossary, "鲍勃") == [("bob-mcgrew", "part")]
    assert found(glossary, "麦格鲁") == [("bob-mcgrew", "part")]
    assert len(glossary.aliases) == 4


@pytest.mark.parametrize("dot", list(DOTS) + [" · ", " . "])
def test_every_dot_variant_splits(dot):
    glossary = build_glossary([entry("Jason Wei", f"杰森{dot}韦伯")], never_ordinary)
    assert found(glossary, "杰森韦伯") == [("jason-wei", "dotless")]
    assert found(glossary, "杰森") == [("jason-wei", "part")]


def test_single_character_parts_are_skipped_but_the_dotless_form_is_kept():
    glossary = build_glossary([entry("Jason Wei", "杰森·魏")], never_ordinary)
    assert found(glossary, "杰森魏") == [("jason-wei", "dotless")]
    assert found(glossary, "杰森") == [("jason-wei", "part")]
    assert "魏" not in glossary.aliases


def test_parts_that_are_ordinary_words_are_skipped():
    glossary = build_glossary([entry("Apple Smith", "苹果·史密斯")], lambda word: word == "苹果")
    assert "苹果" not in glossary.aliases
    assert found(glossary, "史密斯") == [("apple-smith", "part")]
    assert found(glossary, "苹果史密斯") == [("apple-smith", "dotless")]


def test_default_ordinary_word_test_is_jiebas_dictionary():
    assert is_ordinary_word("苹果") and is_ordinary_word("魏")
    assert not is_ordinary_word("麦格鲁")  # not in the dictionary
    assert not is_ordinary_word("约翰")  # a name tag (nrt)
    assert not is_ordinary_word("山姆")  # listed, but rare
    glossary = build_glossary([entry("Apple Smith", "苹果·麦格鲁")])  # None: jieba's dictionary
    assert "苹果" not in glossary.aliases and "麦格鲁" in glossary.aliases


def test_version_numbers_and_latin_names_are_not_dotted():
    assert dotted_parts("文心一言4.0") == ()
    assert dotted_parts("Node.js") == ()
    assert dotted_parts("马丁·路德·金") == ("马丁", "路德", "金")
    glossary = build_glossary([entry("ERNIE Bot 4.0", "文心一言4.0", kind="product")], never_ordinary)
    assert list(glossary.aliases) == ["文心一言4.0"]


def test_a_written_form_beats_a_derived_one():
    glossary = build_glossary(
        [entry("Mark Chen", "马克·陈"), entry("Mark", "马克")], never_ordinary
    )
    assert found(glossary, "马克") == [("mark", "glossary")]
    # Whatever the order in which they come.
    reversed_order = build_glossary([entry("Mark", "马克"), entry("Mark Chen", "马克·陈")], never_ordinary)
    assert found(reversed_order, "马克") == [("mark", "glossary")]
    assert glossary.conflicts == ()


def test_a_form_written_and_derived_for_the_same_name_is_one_written_alias():
    glossary = build_glossary([entry("Sam Altman", "萨姆·奥特曼", "山姆·奥特曼", "奥特曼")], never_ordinary)
    assert found(glossary, "奥特曼") == [("sam-altman", "glossary")]
    assert found(glossary, "山姆") == [("sam-altman", "part")]


def test_a_part_shared_by_two_names_stays_as_two_aliases_not_a_conflict():
    glossary = build_glossary(
        [entry("Mark Chen", "马克·陈"), entry("Mark Zuckerberg", "马克·扎克伯格")], never_ordinary
    )
    assert found(glossary, "马克") == [("mark-chen", "part"), ("mark-zuckerberg", "part")]
    assert glossary.conflicts == ()


def test_traditional_glossary_forms_are_keyed_in_simplified():
    glossary = build_glossary([entry("Sam Altman", "山姆·奧特曼", "阿爾特曼")], never_ordinary)
    assert glossary.entry("sam-altman").chinese == ("山姆·奧特曼", "阿爾特曼")  # as written
    assert found(glossary, "山姆·奥特曼") == [("sam-altman", "glossary")]
    assert found(glossary, "阿尔特曼") == [("sam-altman", "glossary")]
    assert found(glossary, "奥特曼") == [("sam-altman", "part")]
    assert found(glossary, "山姆奥特曼") == [("sam-altman", "dotless")]
    assert not any("奧" in form or "爾" in form for form in glossary.aliases)


def test_a_traditional_and_a_simplified_glossary_meet():
    glossary = build_glossary(
        [entry("Sam Altman", "山姆·奧特曼"), entry("Sam Altman", "山姆·奥特曼", "奥特曼")], never_ordinary
    )
    assert glossary.entry("sam-altman").chinese == ("山姆·奧特曼", "奥特曼")
    assert glossary.conflicts == ()


def test_simplified_forms_that_opencc_would_change_are_kept_as_written_too():
    # 昇腾 is how Simplified Chinese writes Huawei's Ascend; t2s turns 昇 into 升.
    glossary = build_glossary([entry("Ascend", "昇腾", kind="product")], never_ordinary)
    assert found(glossary, "昇腾") == [("ascend", "glossary")]
    assert found(glossary, "升腾") == [("ascend", "glossary")]
