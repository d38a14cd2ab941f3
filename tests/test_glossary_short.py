"""The glossary's short-form column: English short forms that stand for a name on their own."""

from pathlib import Path

import pytest

from subpipe.errors import SubpipeError
from subpipe.glossary import Entry, build_glossary, load_glossaries, read_glossary_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_short_column_and_rows_that_leave_it_out(tmp_path):
    path = write(
        tmp_path,
        "g.csv",
        "chinese,english,type,aliases,note,short\n"
        "中国科学技术大学,University of Science and Technology of China,org,中科大,,USTC\n"
        "伊利亚·苏茨克维,Ilya Sutskever,person,,,Ilya\n"
        "联合国,United Nations,org,,,UN|U.N.\n"
        "谷歌,Google,org\n",
    )
    ustc, ilya, un, google = read_glossary_file(path)
    assert (ustc.short, ilya.short, un.short, google.short) == (("USTC",), ("Ilya",), ("UN", "U.N."), ())


def test_yaml_short_as_a_string_or_a_list(tmp_path):
    path = write(
        tmp_path,
        "g.yaml",
        "- english: University of Science and Technology of China\n  chinese: 中国科学技术大学\n  short: USTC\n"
        "- english: United Nations\n  chinese: 联合国\n  short: [UN, U.N.]\n",
    )
    ustc, un = read_glossary_file(path)
    assert ustc.short == ("USTC",)
    assert un.short == ("UN", "U.N.")


def test_tbx_abbreviation_terms_are_short_forms(tmp_path):
    path = write(
        tmp_path,
        "g.tbx",
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="1">
    <descrip type="subjectField">organization</descrip>
    <langSet xml:lang="en">
      <tig><term>University of Science and Technology of China</term></tig>
      <tig><term>USTC</term><termNote type="termType">acronym</termNote></tig>
    </langSet>
    <langSet xml:lang="zh"><tig><term>中国科学技术大学</term></tig></langSet>
  </termEntry>
</body></text></martif>
""",
    )
    (entry,) = read_glossary_file(path)
    assert (entry.english, entry.short) == ("University of Science and Technology of China", ("USTC",))


def test_a_short_form_in_chinese_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "g.csv", "chinese,english,short\n谷歌,Google,\n联合国,United Nations,联合国\n")
    with pytest.raises(SubpipeError) as caught:
        read_glossary_file(path)
    assert caught.value.line == 3 and "must be English" in caught.value.message


def test_a_later_glossary_without_short_forms_keeps_the_earlier_ones():
    first = Entry(id="united-nations", english="United Nations", kind="org", chinese=("联合国",), short=("UN",))
    second = Entry(id="united-nations", english="United Nations", kind="org", chinese=("聯合國",))
    glossary = build_glossary([first, second])
    assert glossary.entries["united-nations"].short == ("UN",)


def test_every_shipped_name_wider_than_an_english_subtitle_line_has_a_short_form():
    glossary = load_glossaries([])
    long_names = [
        entry.english
        for entry in glossary.entries.values()
        if entry.kind in ("person", "org", "product", "place") and len(entry.english) > 42 and not entry.short
    ]
    assert long_names == []
