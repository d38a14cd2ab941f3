"""The series glossary: inline names gathered across episodes, spellings settled by evidence."""

from subpipe.formats import parse
from subpipe.glossary import load_glossaries
from subpipe.text.segment import Segmenter
from subpipe.names.series import Sighting, compose_series_csv, resolve, sightings


def sighting(episode, form, english, line=1):
    return Sighting(episode, line, form, form, english, "person")


def test_the_spelling_most_episodes_use_wins_and_the_disagreement_is_reported():
    found = [
        sighting("ep1", "梁文锋", "Liang Wenfeng"),
        sighting("ep2", "梁文锋", "Wenfeng Liang", line=7),
        sighting("ep3", "梁文锋", "Liang Wenfeng"),
        sighting("ep3", "杰瑞·特沃里克", "Jerry Tworek"),
    ]
    series = resolve(found, ["ep1", "ep2", "ep3"])
    assert [(e.english, e.forms, e.episodes) for e in series.entries] == [
        ("Liang Wenfeng", ("梁文锋",), ("ep1", "ep3")),
        ("Jerry Tworek", ("杰瑞·特沃里克",), ("ep3",)),
    ]
    assert len(series.conflicts) == 1
    assert "'Wenfeng Liang' in 1 episode (ep2:7)" in series.conflicts[0] and "using 'Liang Wenfeng'" in series.conflicts[0]


def test_on_a_tie_the_earliest_episode_wins():
    series = resolve([sighting("b", "赵深加", "Shengjia Zhao"), sighting("a", "赵深加", "Zhao Shengjia")], ["a", "b"])
    assert [e.english for e in series.entries] == ["Zhao Shengjia"]


def test_the_series_glossary_is_a_normal_glossary(tmp_path):
    series = resolve([sighting("ep1", "鲍勃·麦格鲁", "Bob McGrew"), sighting("ep2", "鲍勃·麦格鲁", "Bob McGrew")], ["ep1", "ep2"])
    path = tmp_path / "series-glossary.csv"
    path.write_text(compose_series_csv(series), encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines()[1] == "鲍勃·麦格鲁,Bob McGrew,person,,learned from 2 episodes,ep1|ep2"
    glossary = load_glossaries([path], shipped=False)
    assert {a.entry_id for a in glossary.aliases["麦格鲁"]} == {"bob-mcgrew"}


def test_sightings_come_from_the_episodes_text_in_either_script():
    glossary = load_glossaries([], shipped=False)
    transcript = parse("第一個發言的是鮑勃·麥格魯（Bob McGrew）\n", "ep")
    found = sightings("ep", transcript, glossary, Segmenter())
    assert [(s.chinese, s.form, s.english, s.line) for s in found] == [("鮑勃·麥格魯", "鲍勃·麦格鲁", "Bob McGrew", 1)]


def test_what_a_glossary_writes_is_left_to_the_glossary():
    from subpipe.glossary import Entry, build_glossary
    from subpipe.names.series import defer_to

    series = resolve([sighting("ep1", "鲍勃·麦格鲁", "Bob McGrew"), sighting("ep2", "麦格鲁", "Bob McGrew")], ["ep1", "ep2"])
    same = build_glossary([Entry(id="bob", english="Bob McGrew", kind="person", chinese=("麦格鲁",))])
    assert [(e.english, e.forms) for e in defer_to(series, same).entries] == [("Bob McGrew", ("鲍勃·麦格鲁",))]
    other = build_glossary([Entry(id="robert", english="Robert McGrew", kind="person", chinese=("麦格鲁",))])
    deferred = defer_to(series, other)
    assert deferred.entries == ()
    assert any("Robert McGrew" in c and "the glossary wins" in c for c in deferred.conflicts)
