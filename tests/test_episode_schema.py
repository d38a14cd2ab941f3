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
