"""Speakers, summaries and notes on the real transcript, against a hand-made gold speaker of every line."""

import json
from pathlib import Path

import pytest

from subpipe import process_text
from subpipe.glossary import load_glossaries
from subpipe.outputs.notes import compose_notes_markdown, compose_notes_text

GOLD = json.loads((Path(__file__).parent / "data" / "o1_speakers_gold.json").read_text(encoding="utf-8"))
# Line accuracy the speaker stage must reach; docs/speakers.md reports what it does reach (over 0.93).
MIN_ACCURACY = 0.88

# The team members the transcript names only in Chinese (every other one it spells out in English
# itself, and the names stage learns those): what a user would put in a glossary for this episode.
TEAM_GLOSSARY = Path(__file__).parent / "data" / "o1_team_glossary.csv"


@pytest.fixture(scope="module")
def team_glossary():
    return load_glossaries([TEAM_GLOSSARY])


@pytest.fixture(scope="module")
def episode(corpus_path, team_glossary):
    return process_text(corpus_path.read_text(encoding="utf-8"), name="o1", glossary=team_glossary)


def speaker_names(episode) -> dict[int, str]:
    """Line -> "host" or the English name of its speaker, as the gold list writes them."""
    english = {s.id: s.english or s.id for s in episode.speakers}
    return {n: "host" if s == "host" else english[s] for n, s in episode.speaker_of_line.items()}


def accuracy(found: dict[int, str]) -> float:
    gold = GOLD["speakers"]
    return sum(found.get(int(line)) == speaker for line, speaker in gold.items()) / len(gold)


def test_the_same_speakers_are_found_in_traditional_script(corpus_path, team_glossary, episode):
    from subpipe.text.script import convert

    text = convert(corpus_path.read_text(encoding="utf-8"), "s2t")
    traditional = process_text(text, name="o1", glossary=team_glossary)
    assert accuracy(speaker_names(traditional)) >= MIN_ACCURACY
    assert traditional.speakers[0].chinese == convert("大飞", "s2t")


def test_every_line_has_a_speaker(episode):
    assert set(episode.speaker_of_line) == {int(line) for line in GOLD["speakers"]}
    assert all(episode.speaker_of_line.values())


def test_line_accuracy_against_the_gold_list_beats_everything_is_the_host(episode):
    found = accuracy(speaker_names(episode))
    baseline = accuracy({int(line): "host" for line in GOLD["speakers"]})
    assert baseline < MIN_ACCURACY - 0.2  # the gold list is not mostly host: the bar means something
    assert found >= MIN_ACCURACY, found


def test_every_team_member_the_gold_list_quotes_is_found_as_a_guest(episode):
    guests = {s.english for s in episode.speakers if s.role == "guest"}
    assert set(GOLD["speakers"].values()) - {"host"} <= guests


def test_the_host_is_found_as_host_with_the_show_apart(episode):
    host = episode.speakers[0]
    assert (host.id, host.role, host.chinese) == ("host", "host", "大飞")
    assert episode.show_name == "最佳拍档"
    assert host.share > 0.4
    assert not any(s.chinese == "最佳拍档" for s in episode.speakers)


def test_people_only_talked_about_are_mentioned(episode):
    roles = {s.english: s.role for s in episode.speakers}
    assert roles["Bob McGrew"] == "mentioned"  # he leads the interview, but the transcript never quotes him
    assert roles["Shengjia Zhao"] == "mentioned"


def test_summaries_are_faithful_to_the_transcript(episode):
    text_of = {line.number: line.text for line in episode.transcript.lines}
    summaries = episode.summaries
    sentences = list(summaries.episode) + [s for summary in summaries.speakers for s in summary.sentences]
    assert len(summaries.episode) >= 3 and len(summaries.speakers) >= 8
    for sentence in sentences:
        for part in sentence.parts:
            assert part.text and part.text in text_of[part.line]
            assert text_of[part.line][part.start : part.end] == part.text
    for summary in summaries.speakers:
        for sentence in summary.sentences:
            # A whole sentence may open with the narrator's line that introduces the speaker (X解释道，…).
            assert all(episode.speaker_of_line[line] == summary.speaker for line in sentence.lines[1:])


def test_summaries_grow_with_what_each_speaker_said(episode):
    count = {summary.speaker: len(summary.sentences) for summary in episode.summaries.speakers}
    assert count["host"] > count["ilge-akkaya"]
    assert all(1 <= n <= 6 for n in count.values())


def test_the_notes_name_the_team_members_in_english(episode):
    for notes in (compose_notes_markdown(episode), compose_notes_text(episode)):
        for english, chinese in [
            ("Hyung Won Chung", "郑亨元"),
            ("Giambattista Parascandolo", "詹巴蒂斯塔·帕拉斯坎多洛"),
            ("Jakub Pachocki", "雅库布·帕乔茨基"),
            ("Jerry Tworek", "杰瑞·特沃里克"),
            ("Trapit Bansal", "特拉皮特·班萨尔"),
            ("Hunter Lightman", "亨特·莱特曼"),
            ("Liam Fedus", "利亚姆·费思"),
            ("Ilge Akkaya", "伊尔格·阿卡亚"),
            ("Jason Wei", "杰森魏"),
            ("Bob McGrew", "鲍勃·麦格鲁"),
        ]:
            assert f"{english}（{chinese}）" in notes
    markdown = compose_notes_markdown(episode)
    assert "### Hyung Won Chung（郑亨元）" in markdown
    # Under his name: his own words, by the gold list.
    chung = next(summary for summary in episode.summaries.speakers if summary.speaker == "hyung-won-chung")
    his = [s for s in chung.sentences if all(GOLD["speakers"][str(line)] == "Hyung Won Chung" for line in s.lines[1:])]
    assert his and all(s.annotated in markdown.split("### Hyung Won Chung")[1].split("###")[0] for s in his)


def test_names_list_first_appearance_in_order(episode):
    names = episode.summaries.names
    assert [n.first_line for n in names] == sorted(n.first_line for n in names)
    chung = next(n for n in names if n.english == "Hyung Won Chung")
    assert (chung.kind, chung.first_line) == ("person", 33)
    assert chung.first_ms is not None and chung.first_ms > 0


# Pooled line accuracy over the dev narrations' speaker gold (benchmarks/gold/speakers/) the stage must
# reach, with the shipped glossary alone; docs/speakers.md reports what it does reach (0.90).
MIN_DEV_ACCURACY = 0.85


def test_line_accuracy_over_the_dev_narrations_beats_everything_is_the_host():
    from scoring import gold_files, right, speaker_labels

    from subpipe import formats
    from subpipe.converter import process_transcript

    dev = [gold for gold in gold_files() if gold.stem != "o1-team-interview"]
    assert len(dev) >= 4
    lines = found = host = 0
    for gold in dev:
        episode = process_transcript(formats.read_transcript(gold.transcript), glossary=gold.glossary(with_user=False))
        lines += len(gold.speakers)
        found += right(speaker_labels(episode, gold), gold.speakers)
        host += right({number: "host" for number in gold.speakers}, gold.speakers)
    assert host / lines < MIN_DEV_ACCURACY - 0.2  # the gold is not mostly host: the bar means something
    assert found / lines >= MIN_DEV_ACCURACY, found / lines
