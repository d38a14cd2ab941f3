"""The episode document matches the JSON Schema in docs/, so the documentation stays true."""

import json
from pathlib import Path

import jsonschema

from subpipe import process_text
from subpipe.outputs.document import episode_to_dict

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "episode.schema.json").read_text(encoding="utf-8"))


def test_the_shared_transcript_document_matches_the_schema(corpus_path):
    episode = process_text(corpus_path.read_text(encoding="utf-8"), name="o1")
    jsonschema.validate(episode_to_dict(episode), SCHEMA)


def test_a_timed_subtitle_document_matches_the_schema():
    srt = "1\n00:00:01,000 --> 00:00:03,500\n鲍勃·麦格鲁（Bob McGrew）说\n\n2\n00:00:04,000 --> 00:00:06,000\n麦格鲁又说\n"
    document = episode_to_dict(process_text(srt, name="clip", format="srt"))
    jsonschema.validate(document, SCHEMA)
    assert document["timing"] == "input"
    assert [c["start"] for c in document["cues"]] == [1.0, 4.0]


def test_the_written_document_is_the_dict_laid_out_item_by_item(corpus_path):
    # episode.json is written in pieces, each line, cue and mention made as it is written: it must be
    # the same document as the plain dict, with one item of each long list on a line of its own.
    from subpipe.outputs.document import compose_episode_json

    episode = process_text(corpus_path.read_text(encoding="utf-8"), name="o1")
    pieces = list(compose_episode_json(episode))
    text = "".join(pieces)
    assert len(pieces) > len(episode.cues)
    assert json.loads(text) == episode_to_dict(episode)
    cue_lines = [line for line in text.splitlines() if line.startswith('    {"index": ')]
    assert len(cue_lines) == len(episode.cues)


def test_a_long_list_with_no_items_is_written_empty():
    from subpipe.outputs.document import compose_episode_json

    text = "".join(compose_episode_json(process_text("今天天气很好", name="plain")))
    assert json.loads(text)["mentions"] == []
    assert '\n  "mentions": [],\n' in text
