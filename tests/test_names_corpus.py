"""Names on the real transcript: precision and recall of person mentions against a hand-made gold list."""

import csv
import json
from pathlib import Path

import pytest

from subpipe import process_text
from scoring import score_person_mentions
from subpipe.glossary import load_glossaries
from subpipe.text.script import convert

GOLD = json.loads((Path(__file__).parent / "data" / "o1_person_mentions_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def user_glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "team.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["chinese", "english", "type"])
        writer.writeheader()
        writer.writerows(GOLD["user_glossary"])
    return load_glossaries([path])


def gold_in(script_config=None):
    if script_config is None:
        return [tuple(item) for item in GOLD["mentions"]]
    return [(line, convert(text, script_config), english) for line, text, english in GOLD["mentions"]]


def test_person_mentions_on_the_shared_transcript(corpus_path, user_glossary):
    episode = process_text(corpus_path.read_text(encoding="utf-8"), name="o1", glossary=user_glossary)
    score = score_person_mentions(episode.mentions, gold_in())
    assert score.recall >= 0.95, score.missed
    assert score.precision >= 0.95, score.false_positives
    assert not any(m.text == "大飞" for m in episode.mentions)  # the host's nickname has no English name


def test_person_mentions_on_the_transcript_in_traditional_script(corpus_path, user_glossary):
    traditional = convert(corpus_path.read_text(encoding="utf-8"), "s2t")
    episode = process_text(traditional, name="o1", glossary=user_glossary)
    score = score_person_mentions(episode.mentions, gold_in("s2t"))
    assert score.recall >= 0.95, score.missed
    assert score.precision >= 0.95, score.false_positives


def test_without_the_user_glossary_the_unspelled_names_are_romanised_for_review_never_another_name(corpus_path):
    episode = process_text(corpus_path.read_text(encoding="utf-8"), name="o1")
    assert not any(m.english == "Hyung Won Chung" for m in episode.mentions)
    # Nothing says 郑亨元 is Korean: he is romanised as a mainland name would be, and marked for review.
    his = {(m.english, m.via) for m in episode.mentions if m.text == "郑亨元"}
    assert his == {("Zheng Hengyuan", "romanised")}
    assert 33 in {m.line for m in episode.mentions if m.text == "郑亨元"}
