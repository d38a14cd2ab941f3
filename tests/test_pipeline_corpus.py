"""The whole foundation on the real transcript: shape limits, no text lost, names whole, encodings."""

import json
import re

import pytest

from subpipe.cli.main import main
from subpipe.cues.shape import display_width

TIMING = {"min": 833, "max": 7007, "gap": 83}


@pytest.fixture(scope="module")
def outputs(corpus_path, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("out")
    assert main(["run", str(corpus_path), "-o", str(outdir), "-q"]) == 0
    return outdir


def document(outputs):
    return json.loads((outputs / "o1-team-interview.episode.json").read_text(encoding="utf-8"))


def test_every_cue_within_the_shape_limits(outputs):
    cues = document(outputs)["cues"]
    assert len(cues) >= 287
    for cue in cues:
        lines = cue["text"].split("\n")
        assert 1 <= len(lines) <= 2
        assert all(display_width(line) <= 16 for line in lines), cue
        duration = round((cue["end"] - cue["start"]) * 1000)
        assert TIMING["min"] <= duration <= TIMING["max"], cue
    for before, after in zip(cues, cues[1:]):
        assert round((after["start"] - before["end"]) * 1000) >= TIMING["gap"]


def test_no_text_lost(outputs, corpus_path):
    def strip(text):
        return re.sub(r"[\s，。,.]", "", text)

    source = strip(corpus_path.read_text(encoding="utf-8"))
    cues = document(outputs)["cues"]
    assert strip("".join(cue["text"] for cue in cues)) == source


def test_every_line_keeps_its_source_number(outputs, corpus_path):
    doc = document(outputs)
    source_lines = corpus_path.read_text(encoding="utf-8").splitlines()
    for line in doc["lines"]:
        assert source_lines[line["number"] - 1].strip() == line["text"]
    covered = {n for cue in doc["cues"] for n in cue["lines"]}
    assert covered == {line["number"] for line in doc["lines"]}


def test_no_name_is_split_across_lines_or_cues(outputs):
    doc = document(outputs)
    cues_by_line = {}
    for cue in doc["cues"]:
        cues_by_line.setdefault(cue["lines"][0], []).append(cue["text"].split("\n"))
    for mention in doc["mentions"]:
        shown = [line for cue_lines in cues_by_line[mention["line"]] for line in cue_lines]
        assert any(mention["text"] in line for line in shown), mention


def test_srt_holds_only_the_transcripts_words(outputs):
    import srt

    subtitles = list(srt.parse((outputs / "o1-team-interview.zh.srt").read_text(encoding="utf-8")))
    assert [s.content for s in subtitles] == [c["text"] for c in document(outputs)["cues"]]


def test_a_gbk_copy_gives_byte_identical_outputs(outputs, corpus_path, tmp_path):
    gbk = tmp_path / "in" / corpus_path.name
    gbk.parent.mkdir()
    gbk.write_bytes(corpus_path.read_text(encoding="utf-8").encode("gbk"))
    assert main(["run", str(gbk), "-o", str(tmp_path / "out"), "-q"]) == 0
    for produced in outputs.iterdir():
        assert (tmp_path / "out" / produced.name).read_bytes() == produced.read_bytes(), produced.name
