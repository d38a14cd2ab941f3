"""Merging glossaries in order: later ones win, clashes are conflicts naming both places."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe.glossary import (
    Entry,
    Origin,
    build_glossary,
    extended_glossary,
    load_glossaries,
    make_entry_id,
    shipped_glossary_paths,
)
from subpipe.glossary.build import derive_aliases


def never_ordinary(word: str) -> bool:
    return False


def entry(english, *forms, kind="person", note="", where=None, kind_given=True) -> Entry:
    origin = Origin(*where) if where else None
    return Entry(make_entry_id(english), english, kind, forms, note, origin, kind_given)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def owners(glossary, form):
    return [alias.entry_id for alias in glossary.aliases.get(form, ())]


def test_same_english_name_in_two_files_unions_forms_and_later_kind_and_note_win(tmp_path):
    first = write(tmp_path, "a.csv", "chinese,english,type,note\n萨姆·奥特曼,Sam Altman,term,old note\n")
    second = write(tmp_path, "b.csv", "chinese,english,type,aliases,note\n奥特曼,sam altman,person,阿尔特曼,CEO\n")
    glossary = load_glossaries([first, second], shipped=False, is_ordinary_word=never_ordinary)
    (merged,) = glossary.entries.values()
    assert merged.chinese == ("萨姆·奥特曼", "奥特曼", "阿尔特曼")
    assert (merged.english, merged.kind, merged.note) == ("sam altman", "person", "CEO")
    assert merged.origin == Origin(str(first), 2)  # where the name was first written
    assert glossary.conflicts == ()


def test_a_glossary_without_types_does_not_override_a_stated_kind(tmp_path):
    typed = write(tmp_path, "a.csv", "chinese,english,type\n黄仁勋,Jensen Huang,person\n")
    untyped = write(tmp_path, "b.csv", "chinese,english\n老黄,Jensen Huang\n")
    glossary = load_glossaries([typed, untyped], shipped=False)
    assert glossary.entry("jensen-huang").kind == "person"
    assert glossary.entry("jensen-huang").chinese == ("黄仁勋", "老黄")


def test_one_form_two_names_across_files_later_wins_with_both_origins(tmp_path):
    first = write(tmp_path, "a.csv", "chinese,english\n奥特曼,Sam Altman\n萨姆·奥特曼,Sam Altman\n")
    second = write(tmp_path, "b.csv", "# kids' TV\nchinese,english\n奥特曼,Ultraman\n")
    glossary = load_glossaries([first, second], shipped=False, is_ordinary_word=never_ordinary)
    (conflict,) = glossary.conflicts
    assert conflict.form == "奥特曼"
    assert (conflict.kept.english, conflict.kept.origin) == ("Ultraman", Origin(str(second), 3))
    assert (conflict.dropped.english, conflict.dropped.origin) == ("Sam Altman", Origin(str(first), 2))
    message = conflict.message()
    assert f"{first}:2" in message and f"{second}:3" in message and "keeping Ultraman" in message
    # The written form went to the winner; the loser keeps its other forms (and derives no 奥特曼).
    assert owners(glossary, "奥特曼") == ["ultraman"]
    assert glossary.entry("sam-altman").chinese == ("萨姆·奥特曼",)


def test_conflict_inside_one_file_and_across_scripts(tmp_path):
    path = write(tmp_path, "a.csv", "chinese,english\n奧特曼,Sam Altman\n奥特曼,Ultraman\n")
    glossary = load_glossaries([path], shipped=False)
    (conflict,) = glossary.conflicts
    assert (conflict.form, conflict.kept.english, conflict.dropped.english) == ("奥特曼", "Ultraman", "Sam Altman")
    assert (conflict.kept.origin.line, conflict.dropped.origin.line) == (3, 2)
    # The loser had no other form: it stays known by name, with nothing to match.
    assert glossary.entry("sam-altman").chinese == ()


def test_a_user_glossary_wins_over_the_shipped_one_and_the_conflict_names_the_shipped_file(tmp_path):
    user = write(tmp_path, "mine.csv", "chinese,english,type\n奥特曼,Ultraman,product\n")
    glossary = load_glossaries([user], is_ordinary_word=never_ordinary)
    assert owners(glossary, "奥特曼") == ["ultraman"]
    (conflict,) = glossary.conflicts
    assert conflict.dropped.english == "Sam Altman"
    assert conflict.dropped.origin.path == str(shipped_glossary_paths()[0])
    assert len(glossary.entries) > 300


def test_extended_keeps_the_existing_glossary_and_records_clashes():
    base = build_glossary([entry("Sam Altman", "萨姆·奥特曼", "奥特曼", where=("g.csv", 2))], never_ordinary)
    learned = [
        entry("Ultraman", "奥特曼", kind="term", where=("episode.txt", 7)),
        entry("Sam Altmann", "山姆·奥特曼", kind="term", where=("episode.txt", 9)),
        entry("Bob McGrew", "鲍勃·麦格鲁", where=("episode.txt", 12)),
    ]
    extended = extended_glossary(base, learned)
    assert owners(extended, "奥特曼") == ["sam-altman"]
    (conflict,) = extended.conflicts
    assert (conflict.kept.english, conflict.dropped.english) == ("Sam Altman", "Ultraman")
    assert "g.csv:2" in conflict.message() and "episode.txt:7" in conflict.message()
    assert owners(extended, "麦格鲁") == ["bob-mcgrew"]
    # The learned entry stays (no forms): the caller can still report its English name.
    assert extended.entry("ultraman").chinese == ()
    # The original is untouched.
    assert "麦格鲁" not in base.aliases and "bob-mcgrew" not in base.entries and base.conflicts == ()


def test_extended_same_name_keeps_the_existing_spelling_and_kind():
    base = build_glossary([entry("Sam Altman", "萨姆·奥特曼", note="CEO")], never_ordinary)
    extended = extended_glossary(base, [entry("sam altman", "阿尔特曼", kind="term", note="x")])
    merged = extended.entry("sam-altman")
    assert (merged.english, merged.kind, merged.note, merged.chinese) == ("Sam Altman", "person", "CEO", ("萨姆·奥特曼", "阿尔特曼"))


def test_extended_with_new_entries_winning():
    base = build_glossary([entry("Sam Altman", "奥特曼", where=("g.csv", 2))], never_ordinary)
    extended = extended_glossary(base, [entry("Ultraman", "奥特曼", where=("e.txt", 1))], existing_wins=False)
    assert owners(extended, "奥特曼") == ["ultraman"]
    assert extended.conflicts[0].kept.english == "Ultraman"


def test_glossaries_built_in_one_process_are_independent():
    first = build_glossary([entry("Bob McGrew", "鲍勃·麦格鲁")], never_ordinary)
    second = build_glossary([entry("Jason Wei", "杰森·魏")], never_ordinary)
    third = extended_glossary(first, [entry("Lisa Su", "苏姿丰")])
    assert set(first.entries) == {"bob-mcgrew"} and set(second.entries) == {"jason-wei"}
    assert "杰森魏" not in first.aliases and "鲍勃" not in second.aliases and "苏姿丰" not in first.aliases
    assert set(third.entries) == {"bob-mcgrew", "lisa-su"}
    with pytest.raises(TypeError):
        first.entries["x"] = third.entry("lisa-su")  # read-only mapping


def test_entry_checks_its_kind_and_ids_are_stable_slugs():
    with pytest.raises(ValueError):
        Entry("x", "X", "robot", ("某某",))
    assert make_entry_id("Sam Altman") == "sam-altman"
    assert make_entry_id("  Yann LeCun ") == make_entry_id("yann lecun") == "yann-lecun"
    assert make_entry_id("Gaël Varoquaux") == "gael-varoquaux"
    assert make_entry_id("Adam D'Angelo") == "adam-d-angelo"
    assert len({make_entry_id(name) for name in ("C", "C++", "C#")}) == 3
    with pytest.raises(KeyError):
        build_glossary([], never_ordinary).entry("nobody")


def test_a_glossary_survives_pickling_for_worker_processes():
    import pickle

    from subpipe.text.segment import is_ordinary_word

    glossary = build_glossary([entry("Bob McGrew", "鲍勃·麦格鲁", where=("g.csv", 2))])
    copy = pickle.loads(pickle.dumps(glossary))
    assert copy.entries == glossary.entries and copy.aliases == glossary.aliases
    assert copy.is_ordinary_word is is_ordinary_word
    assert set(extended_glossary(copy, [entry("Lisa Su", "苏姿丰")]).entries) == {"bob-mcgrew", "lisa-su"}
    with pytest.raises(TypeError):
        copy.aliases["x"] = ()


# Forms that collide on purpose: dotted names, their parts and dotless forms, short forms of
# organisations, and the same form written for two names.
_FORMS = ["萨姆·奥特曼", "奥特曼", "萨姆奥特曼", "阿尔特曼", "伊利亚·苏茨克维", "苏茨克维", "伊利亚",
          "北京大学", "北大", "清华大学", "清华", "麦格鲁", "鲍勃·麦格鲁", "鲍勃"]


def _entries(draw_forms):
    return st.lists(
        st.tuples(
            st.sampled_from(["Sam Altman", "Ilya Sutskever", "Peking University", "Tsinghua", "Bob McGrew", "Bob"]),
            st.lists(st.sampled_from(draw_forms), min_size=0, max_size=3),
            st.sampled_from(["person", "org", "place"]),
        ),
        max_size=6,
    )


def test_a_glossary_extended_with_new_names_has_the_aliases_of_one_built_whole():
    # Extending derives only the aliases of the entries it adds or changes (half the names drawn here
    # are ones the base has: a known name taught another form); it must give what deriving all of them
    # does, form by form, alias by alias and in the same order, whichever names and forms collide.
    @settings(max_examples=300, deadline=None)
    @given(_entries(_FORMS), _entries(_FORMS), st.booleans())
    def check(first, then, existing_wins):
        base = build_glossary([entry(e, *forms, kind=k) for e, forms, k in first], never_ordinary)
        added = [entry(f"{e} ({k})", *forms, kind=k) if i % 2 else entry(e, *forms, kind=k)
                 for i, (e, forms, k) in enumerate(then)]
        extended = extended_glossary(base, added, existing_wins=existing_wins)
        whole = derive_aliases(extended.entries.values(), never_ordinary)
        assert list(extended.aliases.items()) == list(whole.items())

    check()
