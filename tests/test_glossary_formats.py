"""Reading glossary files: CSV/TSV, YAML and TBX, in the encodings users have, and clear errors."""

from pathlib import Path

import pytest

from subpipe.errors import SubpipeError
from subpipe.glossary import Entry, Origin, read_glossary_file


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path: Path) -> SubpipeError:
    with pytest.raises(SubpipeError) as caught:
        read_glossary_file(path)
    return caught.value


# --- CSV / TSV ---------------------------------------------------------------------------------------


def test_csv_with_all_columns(tmp_path):
    path = write(
        tmp_path,
        "g.csv",
        "# people we talk about\n"
        "Chinese,English,Type,Aliases,Note,Source\n"
        "萨姆·奥特曼,Sam Altman,person,奥特曼|阿尔特曼,OpenAI CEO,memory\n"
        "\n"
        '"深度求索",DeepSeek,ORG,,"a lab, in Hangzhou",\n',
    )
    altman, deepseek = read_glossary_file(path)
    assert altman == Entry(
        id="sam-altman",
        english="Sam Altman",
        kind="person",
        chinese=("萨姆·奥特曼", "奥特曼", "阿尔特曼"),
        note="OpenAI CEO",
        origin=Origin(str(path), 3),
    )
    assert deepseek.kind == "org" and deepseek.note == "a lab, in Hangzhou"
    assert deepseek.origin.line == 5
    assert str(deepseek.origin) == f"{path}:5"


def test_tsv_and_missing_type_column_default_to_term(tmp_path):
    path = write(tmp_path, "g.tsv", "english\tchinese\nBob McGrew\t鲍勃·麦格鲁\n")
    (entry,) = read_glossary_file(path)
    assert (entry.english, entry.chinese, entry.kind, entry.kind_given) == ("Bob McGrew", ("鲍勃·麦格鲁",), "term", False)


def test_csv_in_gbk_with_bom_free_header_and_big5(tmp_path):
    gbk = write(tmp_path, "gbk.csv", "chinese,english,type\n黄仁勋,Jensen Huang,person\n", "gbk")
    big5 = write(tmp_path, "big5.csv", "chinese,english,type\n黃仁勳,Jensen Huang,person\n", "big5")
    bom = write(tmp_path, "bom.csv", "\ufeffchinese,english\n黄仁勋,Jensen Huang\n")
    assert read_glossary_file(gbk)[0].chinese == ("黄仁勋",)
    assert read_glossary_file(big5)[0].chinese == ("黃仁勳",)
    assert read_glossary_file(bom)[0].english == "Jensen Huang"


def test_csv_line_numbers_count_comments_and_quoted_newlines(tmp_path):
    path = write(
        tmp_path,
        "g.csv",
        'chinese,english,note\n# a comment\n黄仁勋,Jensen Huang,"two\nlines"\n# another\n苏姿丰,Lisa Su,\n',
    )
    huang, su = read_glossary_file(path)
    assert (huang.origin.line, su.origin.line) == (3, 6)
    assert huang.note == "two lines"


def test_main_form_cell_may_hold_several_forms(tmp_path):
    path = write(tmp_path, "g.csv", "chinese,english\n奥特曼｜阿尔特曼,Sam Altman\n")
    assert read_glossary_file(path)[0].chinese == ("奥特曼", "阿尔特曼")


def test_kind_synonyms_are_accepted(tmp_path):
    path = write(tmp_path, "g.csv", "chinese,english,type\n英伟达,NVIDIA,Organization\n")
    assert read_glossary_file(path)[0].kind == "org"


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("chinese,name\n黄仁勋,Jensen Huang\n", 1, "header must name the columns chinese and english"),
        ("# c\nchinese,english\n黄仁勋,\n", 3, "no English name"),
        ("chinese,english\n黄仁勋,Jensen Huang\n,Lisa Su\n", 3, "no Chinese form"),
        ("chinese,english,type\n黄仁勋,Jensen Huang,human\n", 2, "unknown type 'human'"),
        ("chinese,english,type\n黄仁勋,Jensen Huang,\n", 2, "empty type"),
        ("chinese,english\nJensen Huang,黄仁勋\n", 2, "swapped"),
        ('chinese,english\n黄仁勋,"Jensen Huang\n', 2, "not valid CSV"),
    ],
)
def test_malformed_csv_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, "bad.csv", text)
    error = error_of(path)
    assert (error.path, error.line) == (str(path), line)
    assert words in error.message
    assert str(error).startswith(f"{path}:{line}: ")


def test_empty_file_has_no_entries(tmp_path):
    assert read_glossary_file(write(tmp_path, "empty.csv", "# nothing yet\n")) == []
    assert read_glossary_file(write(tmp_path, "empty.yaml", "")) == []


def test_missing_file_is_a_user_error(tmp_path):
    assert "not found" in error_of(tmp_path / "nope.csv").message


# --- YAML --------------------------------------------------------------------------------------------


def test_yaml_list_of_rows(tmp_path):
    path = write(
        tmp_path,
        "g.yaml",
        "# names\n"
        "- english: Sam Altman\n"
        "  chinese: 萨姆·奥特曼\n"
        "  type: person\n"
        "  aliases: [奥特曼, 阿尔特曼]\n"
        "- {english: 'No', chinese: 诺, aliases: 诺诺|诺一, note: a band}\n",
    )
    altman, band = read_glossary_file(path)
    assert altman.chinese == ("萨姆·奥特曼", "奥特曼", "阿尔特曼")
    assert (altman.kind, altman.origin.line) == ("person", 2)
    # Scalars are read as written: a bare `No` would be the English name "No", never False.
    assert (band.english, band.chinese, band.kind, band.note) == ("No", ("诺", "诺诺", "诺一"), "term", "a band")
    assert band.origin.line == 6


def test_yaml_mapping_by_english_name(tmp_path):
    path = write(
        tmp_path,
        "g.yml",
        "Sam Altman:\n"
        "  chinese: 萨姆·奥特曼\n"
        "  type: person\n"
        "  aliases:\n"
        "    - 奥特曼\n"
        "Ilya Sutskever: 伊利亚·苏茨克维|苏茨克维\n"
        "Jensen Huang: [黄仁勋, 老黄]\n",
    )
    altman, ilya, jensen = read_glossary_file(path)
    assert (altman.english, altman.chinese, altman.origin.line) == ("Sam Altman", ("萨姆·奥特曼", "奥特曼"), 2)
    assert (ilya.chinese, ilya.origin.line) == (("伊利亚·苏茨克维", "苏茨克维"), 6)
    assert jensen.chinese == ("黄仁勋", "老黄") and jensen.kind_given is False


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("- english: Sam Altman\n  chinese: [奥特曼\n", 3, "not valid YAML"),
        ("- english: Sam Altman\n  chinese: 奥特曼\n- english: Lisa Su\n", 3, "no Chinese form"),
        ("- english: Sam Altman\n  chinese: 奥特曼\n  type: robot\n", 1, "unknown type 'robot'"),
        ("- just a string\n", 1, "must be a mapping"),
        ("Sam Altman:\n  english: Sam\n  chinese: 奥特曼\n", 2, "must not have an `english` key"),
        ("- english: Sam Altman\n  chinese: {a: 奥特曼}\n", 2, "string or a list"),
        ("42\n", 1, "a list of entries or a mapping"),
        ("- english: a\n  chinese: 奥特曼\n---\n- english: b\n", 3, "not valid YAML"),
    ],
)
def test_malformed_yaml_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, "bad.yaml", text)
    error = error_of(path)
    assert (error.path, error.line) == (str(path), line)
    assert words in error.message


def test_yaml_alias_bomb_is_refused(tmp_path):
    # Nested aliases would expand to 2**29 forms; lists inside lists are no glossary shape.
    lines = ["a0: &a0 [奥特曼, 奥特曼]"]
    for level in range(1, 30):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    error = error_of(write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert "found a list" in error.message and error.line == 1  # the anchored list


def test_yaml_node_count_is_capped(tmp_path, monkeypatch):
    from subpipe.glossary import yaml_file

    monkeypatch.setattr(yaml_file, "MAX_NODES", 1000)
    forms = ", ".join(f"名字{i}" for i in range(50))
    rows = [f"- {{english: n{i}, chinese: 某某, aliases: *many}}" for i in range(50)]
    text = f"- {{english: first, chinese: 某某, aliases: &many [{forms}]}}\n" + "\n".join(rows) + "\n"
    assert "more than 1,000 YAML nodes" in error_of(write(tmp_path, "wide.yaml", text)).message


# --- TBX ---------------------------------------------------------------------------------------------

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">person</descrip>
      <langSet xml:lang="en"><tig><term>Sam Altman</term></tig></langSet>
      <langSet xml:lang="zh-CN">
        <tig><term>萨姆·奥特曼</term></tig>
        <tig><term>奥特曼</term><termNote type="partOfSpeech">properNoun</termNote></tig>
      </langSet>
      <langSet xml:lang="zh-TW"><tig><term>山姆·奧特曼</term></tig></langSet>
    </termEntry>
    <termEntry id="c2">
      <note>CEO of NVIDIA</note>
      <langSet xml:lang="zh"><ntig><termGrp><term>黄仁勋</term></termGrp></ntig></langSet>
      <langSet xml:lang="en-GB"><ntig><termGrp><term>Jensen Huang</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="c3">
      <langSet xml:lang="fr"><tig><term>bonjour</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_CORE_V3 = """<?xml version="1.0" encoding="GBK"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="x">
      <descrip type="subjectField">organization</descrip>
      <langSec xml:lang="en"><termSec><term>Google DeepMind</term></termSec></langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>谷歌深度思维</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

TBX_MIN = """<?xml version="1.0" encoding="UTF-8"?>
<TBX dialect="TBX-Min">
  <header><id>min</id><languages source="en" target="zh"/></header>
  <body>
    <entry id="1">
      <subjectField>product</subjectField>
      <langGroup xml:lang="en"><termGroup><term>Ascend</term></termGroup></langGroup>
      <langGroup xml:lang="zh"><termGroup><term>昇腾</term><partOfSpeech>properNoun</partOfSpeech></termGroup></langGroup>
    </entry>
  </body>
</TBX>
"""


def test_tbx_basic(tmp_path):
    path = write(tmp_path, "g.tbx", TBX_BASIC)
    altman, huang = read_glossary_file(path)  # the French-only entry is skipped
    assert altman.chinese == ("萨姆·奥特曼", "奥特曼", "山姆·奧特曼")
    assert (altman.english, altman.kind, altman.origin) == ("Sam Altman", "person", Origin(str(path), 6))
    assert (huang.english, huang.kind, huang.kind_given, huang.note) == ("Jensen Huang", "term", False, "CEO of NVIDIA")
    assert huang.origin.line == 15


def test_tbx_core_v3_in_gbk(tmp_path):
    (entry,) = read_glossary_file(write(tmp_path, "g.tbx", TBX_CORE_V3, "gbk"))
    assert (entry.english, entry.chinese, entry.kind, entry.origin.line) == ("Google DeepMind", ("谷歌深度思维",), "org", 5)


def test_tbx_min_found_by_content_whatever_the_extension(tmp_path):
    (entry,) = read_glossary_file(write(tmp_path, "terms.txt", TBX_MIN))
    assert (entry.english, entry.chinese, entry.kind) == ("Ascend", ("昇腾",), "product")


def test_formats_are_sniffed_when_the_extension_says_nothing(tmp_path):
    assert read_glossary_file(write(tmp_path, "a.txt", "english,chinese\nLisa Su,苏姿丰\n"))[0].english == "Lisa Su"
    assert read_glossary_file(write(tmp_path, "b", "Lisa Su: 苏姿丰\n"))[0].chinese == ("苏姿丰",)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('<?xml version="1.0"?>\n<martif>\n<text>\n<body></text></martif>\n', 4, "not valid XML"),
        ('<?xml version="1.0"?>\n<html><body/></html>\n', 2, "must be TBX"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY lol "lol">]>\n<martif/>\n',
            2,
            "unsafe",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n<martif>&e;</martif>\n',
            2,
            "unsafe",
        ),
        (
            "<martif><text><body>\n<termEntry>\n<langSet xml:lang='ja'><tig><term>x</term></tig></langSet>\n"
            "</termEntry></body></text></martif>",
            2,
            "both a Chinese",
        ),
        (
            "<martif><text><body>\n<termEntry>\n<langSet xml:lang='en'><tig><term>Lisa Su</term></tig></langSet>\n"
            "<langSet xml:lang='zh'><tig><term>Lisa</term></tig></langSet></termEntry></body></text></martif>",
            2,
            "no Chinese character",
        ),
    ],
)
def test_malformed_tbx_names_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, "bad.tbx", text)
    error = error_of(path)
    assert (error.path, error.line) == (str(path), line)
    assert words in error.message
