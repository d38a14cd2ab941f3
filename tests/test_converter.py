"""The Converter: set up once, one episode per call, many through pipe(), the same episodes as process_file."""

from __future__ import annotations

from pathlib import Path

import subpipe
from subpipe import Converted, Converter, Failed, Settings, ShapeSettings, compose_outputs, process_file, process_text
from subpipe.settings import NameSettings

FIRST = "大家好，我是大飞\n今天我们请到了鲍勃，聊聊推理模型\n鲍勃认为模型会先想一想再回答\n"
SECOND = "欢迎收听本期节目\n我们请到了两位嘉宾\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_converter_gives_the_episode_process_file_gives(tmp_path: Path, corpus_path: Path) -> None:
    settings = Settings(shape=ShapeSettings(max_line_width=14))
    converter = Converter(settings)
    for path in (corpus_path, write(tmp_path / "short.txt", FIRST)):
        assert compose_outputs(converter(path)) == compose_outputs(process_file(path, settings))
    assert compose_outputs(converter(FIRST, name="demo")) == compose_outputs(process_text(FIRST, "demo", settings))


def test_a_path_is_a_file_and_a_str_is_transcript_text(tmp_path: Path) -> None:
    converter = Converter()
    path = write(tmp_path / "ep.txt", FIRST)
    assert converter(path).name == "ep"
    assert converter(str(path), name="typed").transcript.lines[0].text == str(path)  # text, never a file name
    assert converter(FIRST).name == "transcript"


def test_pipe_gives_one_outcome_per_source_in_order_and_reports_failures(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", FIRST)
    bad = write(tmp_path / "b.srt", "1\n00:00:05,000 --> 00:00:03,000\n坏\n")
    outcomes = list(Converter().pipe([good, tmp_path / "missing.txt", bad, SECOND]))
    assert [outcome.index for outcome in outcomes] == [0, 1, 2, 3]
    assert [type(outcome) for outcome in outcomes] == [Converted, Failed, Failed, Converted]
    assert str(outcomes[1].error()) == f"{tmp_path / 'missing.txt'}: file not found"
    assert str(outcomes[2].error()).startswith(f"{bad}:2: the subtitle ends before it starts")
    assert outcomes[0].value.name == "a" and outcomes[3].value.transcript.lines[1].text == "我们请到了两位嘉宾"


def test_pipe_in_worker_processes_gives_what_it_gives_in_this_one(tmp_path: Path, corpus_path: Path) -> None:
    glossary = write(tmp_path / "names.csv", "chinese,english,type\n鲍勃,Bob Example,person\n")
    sources = [corpus_path, write(tmp_path / "a.txt", FIRST), write(tmp_path / "b.txt", SECOND)]
    converter = Converter(glossaries=[glossary])
    here = [compose_outputs(outcome.value) for outcome in converter.pipe(sources)]
    pooled = list(converter.pipe(sources, jobs=2))
    assert [outcome.index for outcome in pooled] == [0, 1, 2]
    assert [compose_outputs(outcome.value) for outcome in pooled] == here
    assert "Bob Example" in here[1]["a.episode.json"]


def test_two_converters_in_one_process_stay_independent(tmp_path: Path) -> None:
    one = write(tmp_path / "one.csv", "chinese,english,type\n鲍勃,Bob One,person\n")
    two = write(tmp_path / "two.csv", "chinese,english,type\n鲍勃,Bob Two,person\n")
    first, second = Converter(glossaries=[one]), Converter(glossaries=[two])
    plain = Converter(Settings(names=NameSettings(shipped_glossary=False)))
    for _ in range(2):  # and again, after each has converted once
        assert {m.english for m in first(FIRST).mentions if m.kind == "person"} == {"Bob One"}
        assert {m.english for m in second(FIRST).mentions if m.kind == "person"} == {"Bob Two"}
        assert not [m for m in plain(FIRST).mentions if m.english and "Bob" in m.english]


def test_a_converter_reads_its_glossary_files_at_once_and_builds_them_when_first_needed(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(subpipe.SubpipeError, match="file not found"):
        Converter(glossaries=[tmp_path / "none.csv"])
    bad = write(tmp_path / "bad.csv", "名字\n")
    converter = Converter(glossaries=[bad])  # read, not yet parsed: a batch's parent never needs to
    with pytest.raises(subpipe.SubpipeError) as error:
        converter.glossary
    assert error.value.path == str(bad) and error.value.line == 1
