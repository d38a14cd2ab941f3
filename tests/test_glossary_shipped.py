"""The shipped glossary stays consistent: the rules of glossary/README.md that a program can check."""

from collections import Counter, defaultdict

import pytest

from subpipe.glossary import KINDS, build_glossary, load_glossaries, read_glossary_file, shipped_glossary_paths
from subpipe.glossary.forms import comparison_key, has_cjk, is_traditional_spelling


@pytest.fixture(scope="module")
def shipped_entries():
    paths = shipped_glossary_paths()
    assert paths, "the shipped glossary (glossary/*.csv) was not found"
    return [entry for path in paths for entry in read_glossary_file(path)]


def test_every_csv_in_the_glossary_folder_ships():
    names = [path.name for path in shipped_glossary_paths()]
    assert names == sorted(names)
    assert {"ai-tech.csv", "world.csv"} <= set(names)


def test_shipped_glossary_is_big_enough_and_loads_without_conflicts(shipped_entries):
    glossary = load_glossaries([])
    assert len(glossary.entries) >= 300
    assert len(glossary.entries) == len(shipped_entries)
    assert glossary.conflicts == (), [conflict.message() for conflict in glossary.conflicts]


def test_no_two_rows_share_an_english_name(shipped_entries):
    repeated = [name for name, count in Counter(entry.id for entry in shipped_entries).items() if count > 1]
    assert repeated == []


def test_no_chinese_form_appears_twice_even_after_t2s_and_dot_removal(shipped_entries):
    places = defaultdict(list)
    for entry in shipped_entries:
        for form in entry.chinese:
            places[comparison_key(form)].append(f"{form} ({entry.english}, {entry.origin})")
    repeated = {key: where for key, where in places.items() if len(where) > 1}
    assert repeated == {}


def test_every_form_is_simplified_with_a_cjk_character_and_two_characters_or_more(shipped_entries):
    bad = [
        (entry.english, form)
        for entry in shipped_entries
        for form in entry.chinese
        if not has_cjk(form) or len(form) < 2 or is_traditional_spelling(form)
    ]
    assert bad == []


def test_every_row_states_a_valid_kind(shipped_entries):
    assert all(entry.kind in KINDS and entry.kind_given for entry in shipped_entries)


def test_shipped_glossary_derives_shared_given_names_as_ambiguous_not_conflicts(shipped_entries):
    glossary = build_glossary(shipped_entries)
    shared = {form: aliases for form, aliases in glossary.aliases.items() if len(aliases) > 1}
    assert shared, "some given names (约翰, 马克) belong to several people"
    assert all(alias.via == "part" for aliases in shared.values() for alias in aliases)
