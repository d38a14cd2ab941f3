"""The labelled dialogues of the dev corpus, the gold read straight from their own labels
(benchmarks/labels_eval.py): every labelled line gets its label's speaker, no colon becomes a false
label, stage directions are no one's, and the narrations stay plain text."""

from collections import Counter
from pathlib import Path

import pytest

from labels_eval import DEV, best_pairing, labelled_files, score
from subpipe import Converter
from subpipe.formats import read_transcript
from subpipe.speakers.labels import settle_labels


@pytest.fixture(scope="module")
def files():
    assert DEV.is_dir(), f"the dev corpus is expected at {DEV}"
    found = labelled_files()
    assert len(found) == 31  # 25 Traditional dialogues, 6 Simplified speeches with labels
    return found


def label_runs(transcript) -> dict[int, str | None]:
    """Each line's label as the readers give it (the last label at or before it), the labels of one
    person settled as the speakers stage settles them (郭健 and （无线产品部郭健）)."""
    settled = settle_labels([line.label for line in transcript.lines if line.label], transcript.legend)
    current, runs = None, {}
    for line in transcript.lines:
        current = settled.get(line.label, line.label) if line.label else current
        runs[line.number] = current if line.speech else None
    return runs


def test_every_labelled_line_is_read_under_its_label_and_nothing_else_is_a_label(files):
    for path, gold in files:
        transcript = read_transcript(path)
        assert transcript.format == "markdown", path.name
        runs = label_runs(transcript)
        overlap = Counter((who, runs.get(n)) for n, who in gold.speaker_of_line.items() if runs.get(n))
        pairing = best_pairing(dict(overlap))
        wrong = [n for n, who in gold.speaker_of_line.items() if runs.get(n) is None or pairing.get(who) != runs[n]]
        assert wrong == [], (path.name, wrong[:10])
        labelled = {line.number for line in transcript.lines if line.label}
        assert labelled == gold.turn_starts, (path.name, sorted(labelled ^ gold.turn_starts)[:10])
        directions = {line.number for line in transcript.lines if not line.speech}
        assert directions <= gold.non_speech, (path.name, sorted(directions - gold.non_speech))


def test_the_narrations_are_plain_text_without_labels():
    narrations = sorted((DEV / "narration-zh-hans").glob("*.txt"))
    assert len(narrations) == 20
    for path in narrations:
        transcript = read_transcript(path)
        assert transcript.format == "text"
        assert not any(line.label for line in transcript.lines), path.name
        assert transcript.sections == () and transcript.title is None


@pytest.mark.parametrize("index", [0, 25, 28])  # a two-person interview, a dialogue record, a 17-speaker Q&A
def test_whole_conversions_give_every_labelled_line_its_speaker(files, index):
    path, gold = files[index]
    result = score(Converter()(path), gold)
    assert result["right"] == result["lines"], (path.name, result["wrong"][:10])
    assert result["named"] == result["speakers"]
    assert result["false_labels"] == [] and result["non_speech_attributed"] == []


def test_titles_and_sections_of_the_markdown_files():
    speech = next(p for p in sorted((DEV / "speeches-zh-hans").glob("*.md")) if p.name.startswith("2017"))
    transcript = read_transcript(speech)
    assert transcript.title and not transcript.title.startswith("#")
    assert len(transcript.sections) >= 5  # the speech's numbered parts
    assert all(section.line not in {line.number for line in transcript.lines} for section in transcript.sections)
    dialogue = sorted((DEV / "dialogue-zh-hant").glob("*.md"))[0]
    transcript = read_transcript(dialogue)
    assert transcript.date == Path(dialogue).name[:10]
    assert transcript.sections == ()  # its headings are all speaker labels
