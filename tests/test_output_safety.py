"""Faults a tester found (issue 20), writing side: what subpipe writes stays inside OUTDIR, whole, under
names that fit, and every failure is one line with exit code 2, never a traceback.

Every input is generated here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import srt

from subpipe import Settings, process_text
from subpipe.batch import run_batch
from subpipe.cli.main import main
from subpipe.errors import SubpipeError
from subpipe.formats.ass import MAX_ASS_MS
from subpipe.outputs import OUTPUTS, compose_outputs, write_outputs
from subpipe.outputs import files as output_files
from subpipe.outputs.files import MAX_STEM_BYTES, safe_stem
from subpipe.outputs.notes import compose_notes_markdown
from subpipe.settings import TimingSettings

TALK = "大家好，今天我们聊聊推理模型\n它会先想一想再回答\n"
OTHER = "欢迎收听本期节目\n我们请到了两位嘉宾\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "subpipe", *args], capture_output=True, text=True, timeout=600, check=False)


# --- file names --------------------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_converted_whole_by_run_and_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/ep\xff\xfe1.txt")
    Path(odd).write_text(TALK, encoding="utf-8")
    write(folder / "ok.txt", OTHER)

    result = run_command("run", odd, str(folder / "ok.txt"), "-o", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in (tmp_path / "run").iterdir())
    assert len([name for name in written if name.startswith("ep_1.")]) == len(OUTPUTS) - 1  # no qa.txt
    document = json.loads((tmp_path / "run" / "ep_1.episode.json").read_text(encoding="utf-8"))
    assert "\ufffd" in json.dumps(document, ensure_ascii=False)  # the undecodable bytes, shown as U+FFFD

    result = run_command("batch", str(folder), "-o", str(tmp_path / "batch"), "-q")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "batch" / "batch-report.json").read_text(encoding="utf-8"))
    assert (report["interrupted"], report["inputs"], report["converted"]) == (False, 2, 2)
    assert (tmp_path / "batch" / "index.html").is_file()


def test_a_long_name_fits_a_file_name_in_bytes(tmp_path: Path) -> None:
    stem = "很长的名字" * 16 + "一"  # 81 characters, 243 bytes: the file's own name is 247 bytes
    source = write(tmp_path / f"{stem}.txt", TALK)
    assert len(source.name.encode()) == 247
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert len(names) == len(OUTPUTS) - 1
    assert all(len(name.encode()) <= 255 for name in names)
    assert len(safe_stem(stem).encode()) <= MAX_STEM_BYTES


def test_run_tells_apart_inputs_that_share_a_name(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "ep1.txt", TALK)
    second = write(tmp_path / "b" / "ep1.txt", OTHER)
    third = write(tmp_path / "c" / "ep1?.txt", OTHER + "第三个\n")  # sanitises to ep1_, not ep1
    assert main(["run", str(first), str(second), str(third), "-o", str(tmp_path / "out"), "-q"]) == 0
    subtitles = sorted((tmp_path / "out").glob("*.zh.srt"))
    assert len(subtitles) == 3
    texts = {"".join(s.content for s in srt.parse(p.read_text(encoding="utf-8"))) for p in subtitles}
    assert len(texts) == 3


# --- nothing outside OUTDIR ------------------------------------------------------------------------------


def test_a_batch_never_writes_through_a_link_out_of_outdir(tmp_path: Path) -> None:
    write(tmp_path / "in" / "s1" / "ep.txt", TALK)
    write(tmp_path / "in" / "top.txt", OTHER)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "s1").symlink_to(elsewhere, target_is_directory=True)
    result = run_batch([str(tmp_path / "in")], outdir)
    statuses = {Path(f.input).name: f.status for f in result.files}
    assert statuses == {"ep.txt": "failed", "top.txt": "converted"}
    assert "outside the output folder" in next(f.reason for f in result.files if f.status == "failed")
    assert list(elsewhere.iterdir()) == []


def test_a_glob_over_a_tree_with_a_link_loop_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "tree" / "d" / "a.txt", TALK)
    write(tmp_path / "tree" / "e" / "b.txt", OTHER)
    (tmp_path / "tree" / "d" / "up").symlink_to("..", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "tree")
    result = run_batch(["**/*.txt"], tmp_path / "out")
    assert sorted(f.input for f in result.files) == ["d/a.txt", "e/b.txt"]
    assert result.count("converted") == 2


# --- the batch's own files, a read-only or full OUTDIR ----------------------------------------------------


@pytest.mark.parametrize("name", ["batch-report.json", "index.html", ".subpipe-batch.json"])
def test_a_folder_where_a_batch_file_goes_stops_the_batch_in_one_line(tmp_path: Path, capsys, name: str) -> None:
    write(tmp_path / "in" / "a.txt", TALK)
    (tmp_path / "out" / name).mkdir(parents=True)
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"subpipe: error: {tmp_path / 'out' / name}: is a folder, where the batch writes its own file: move it away"]


def _refuse_new_files(monkeypatch: pytest.MonkeyPatch, after: int = 0, errno_name: str = "EROFS") -> None:
    """Make creating temporary files in OUTDIR fail (as on a read-only or full disk) after `after` of them."""
    import errno
    import tempfile

    made = 0
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        nonlocal made
        made += 1
        if made > after:
            code = getattr(errno, errno_name)
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(output_files.tempfile, "mkstemp", mkstemp)


def test_a_read_only_outdir_stops_a_batch_before_it_starts_in_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    write(tmp_path / "in" / "a.txt", TALK)
    write(tmp_path / "in" / "b.txt", OTHER)
    (tmp_path / "out").mkdir()
    _refuse_new_files(monkeypatch)
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"subpipe: error: {tmp_path / 'out'}: cannot write into the output folder: Read-only file system"]


def test_a_disk_filling_partway_leaves_each_episode_all_old_or_all_new(tmp_path: Path, capsys, monkeypatch) -> None:
    source = write(tmp_path / "in" / "a.txt", TALK)
    outdir = tmp_path / "out"
    assert main(["run", str(source), "-o", str(outdir), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    write(tmp_path / "in" / "a.txt", OTHER)  # changed: every output would change
    _refuse_new_files(monkeypatch, after=4, errno_name="ENOSPC")
    assert main(["run", str(source), "-o", str(outdir), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0]
    assert ".subpipe-" not in err[0] and str(outdir / "a.") in err[0]  # names the output, not a temporary file
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before


def test_the_batch_report_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, capsys, monkeypatch) -> None:
    write(tmp_path / "in" / "a.txt", TALK)
    from subpipe.batch import report as batch_report

    def full(outdir, *args, **kwargs):
        raise SubpipeError("cannot write this file: No space left on device", outdir / batch_report.REPORT_NAME)

    monkeypatch.setattr("subpipe.batch.run.write_report", full)
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"subpipe: error: {tmp_path / 'out' / 'batch-report.json'}: cannot write this file" in err
    assert "no report written" in err
    assert (tmp_path / "out" / "a.zh.srt").is_file()  # the conversions themselves were kept


def test_an_interrupted_report_counts_the_inputs_given(tmp_path: Path) -> None:
    for name in "abcd":
        write(tmp_path / "in" / f"{name}.txt", TALK + name + "\n")

    def interrupted_after_one(converter, task, jobs):
        yield task(converter, next(jobs))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([str(tmp_path / "in")], tmp_path / "out", executor=interrupted_after_one)
    report = json.loads((tmp_path / "out" / "batch-report.json").read_text(encoding="utf-8"))
    assert (report["interrupted"], report["inputs"], report["converted"], len(report["files"])) == (True, 4, 1, 1)


def test_a_bug_writing_one_input_fails_that_input_only(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "in" / "a.txt", TALK)
    write(tmp_path / "in" / "b.txt", OTHER)
    real = output_files.write_composed

    def buggy(composed, outdir):
        if any(name.startswith("a.") for name in composed):
            raise ValueError("a bug")
        return real(composed, outdir)

    monkeypatch.setattr("subpipe.batch.run.write_composed", buggy)
    result = run_batch([str(tmp_path / "in")], tmp_path / "out")
    assert {Path(f.input).name: f.status for f in result.files} == {"a.txt": "failed", "b.txt": "converted"}
    failed = next(f for f in result.files if f.status == "failed")
    assert failed.reason.startswith("internal error") and "ValueError" in (failed.detail or "")
    assert result.interrupted is False


def test_a_dask_address_that_does_not_parse_is_refused_without_a_client(tmp_path: Path, capsys, monkeypatch) -> None:
    import distributed  # noqa: F401  (the test extra installs it; the check below must not pass without it)

    def no_client(*args, **kwargs):
        raise AssertionError("a Client was made")

    monkeypatch.setattr("distributed.Client", no_client)
    write(tmp_path / "in" / "a.txt", TALK)
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--dask", "not a url"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'not a url' is no Dask scheduler address" in err[0]


# --- outputs that would lie ----------------------------------------------------------------------------


def test_an_episode_past_ten_hours_gets_no_ass_file_and_a_warning(tmp_path: Path, capsys) -> None:
    lines = []
    for second in range(0, 10 * 3600 + 1200, 600):
        lines.append(f"[{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}] 第{second}秒我们继续聊")
    source = write(tmp_path / "long.txt", "\n".join(lines) + "\n")
    assert main(["run", str(source), "-o", str(tmp_path / "out")]) == 0
    assert not list((tmp_path / "out").glob("*.ass"))
    assert (tmp_path / "out" / "long.zh.srt").is_file()
    err = capsys.readouterr().err
    assert "subpipe: warning:" in err and "9:59:59.99" in err and "not written" in err
    document = json.loads((tmp_path / "out" / "long.episode.json").read_text(encoding="utf-8"))
    assert any("9:59:59.99" in w["message"] for w in document["warnings"])


def test_an_episode_within_ten_hours_keeps_its_ass_files() -> None:
    episode = process_text("[09:59:50] 最后一句\n", name="edge")
    assert episode.cues[-1].end_ms <= MAX_ASS_MS
    assert {"edge.zh.ass", "edge.zh-en.ass"} <= set(compose_outputs(episode))


def test_notes_escape_a_glossary_english_name(tmp_path: Path) -> None:
    glossary = write(
        tmp_path / "hostile.csv",
        'chinese,english,type\n奥特曼,<img src=x onerror=alert(1)>,person\n开放人工智能,[click](javascript:alert(1)),org\n',
    )
    from subpipe import Converter

    episode = Converter(Settings(), glossaries=[glossary])("奥特曼说开放人工智能很重要\n奥特曼又说了一遍\n", name="x")
    notes = compose_notes_markdown(episode)
    assert "\\<img" in notes and "\\[click\\](" in notes
    assert not re.search(r"(?<!\\)<img|(?<!\\)\[click", notes)  # nowhere unescaped


def test_cues_keep_the_minimum_duration_in_both_files_of_an_untimed_transcript() -> None:
    # Short lines heavy with Latin letters: one two-line cue in Chinese, two one-line cues in the bilingual file.
    text = "\n".join(f"关于OpenAI和Anthropic的第{n}个问题" if n % 3 == 0 else f"我们聊聊第{n}件事" for n in range(60))
    episode = process_text(text, name="x")
    timing = TimingSettings()
    for cues in (episode.cues, episode.bilingual_cues):
        durations = [cue.end_ms - cue.start_ms for cue in cues]
        assert min(durations) >= timing.min_duration_ms
        assert max(durations) <= timing.max_duration_ms
    assert not [w for w in episode.warnings if "leaves no room" in w.message]


def test_a_cue_whose_time_cannot_hold_its_text_is_warned_about() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\n" + "我们今天来聊一聊推理模型的发展历程和未来方向" * 400 + "\n"
    episode = process_text(text, name="x")
    assert min(cue.end_ms - cue.start_ms for cue in episode.cues) < TimingSettings().min_duration_ms
    warnings = [w for w in episode.warnings if "leaves no room" in w.message]
    assert len(warnings) == 2  # the Chinese and the bilingual subtitles
    assert all("833 ms minimum" in w.message and w.line == 3 for w in warnings)


# --- what a user reads -------------------------------------------------------------------------------------


def test_run_help_names_every_output_and_the_double_dash(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for suffix in OUTPUTS:
        assert f"<stem>.{suffix}" in text
    assert "'--'" in text


def test_readme_synopsis_has_quiet_and_says_names_starting_with_a_dash_need_double_dash() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    synopsis = readme.split("```sh\nsubpipe run", 1)[1].split("```", 1)[0]
    assert "[-q]" in synopsis.split("subpipe batch")[0]
    assert "subpipe run -o out -- -" in readme


def test_a_file_name_starting_with_a_dash_converts_after_double_dash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "-talk.txt", TALK)
    assert main(["run", "-o", "out", "-q", "--", "-talk.txt"]) == 0
    assert (tmp_path / "out" / "-talk.zh.srt").is_file()


def test_write_outputs_composes_one_output_at_a_time(tmp_path: Path, monkeypatch) -> None:
    # Only one output's text is alive while the next is composed: each is written before the next is made.
    episode = process_text(TALK, name="x")
    composed_before_written: list[int] = []
    alive = 0
    real = output_files._write_temporary

    def writing(path, text):
        nonlocal alive
        composed_before_written.append(alive)
        alive = 0
        return real(path, text)

    from subpipe.outputs import registry

    originals = dict(registry.OUTPUTS)

    def counting(compose):
        def run(*args):
            nonlocal alive
            alive += 1
            return compose(*args)

        return run

    monkeypatch.setattr(output_files, "_write_temporary", writing)
    monkeypatch.setattr(registry, "OUTPUTS", {suffix: counting(compose) for suffix, compose in originals.items()})
    written = write_outputs(episode, tmp_path)
    assert len(written) == len(originals) - 1
    assert max(composed_before_written) <= 2  # the one written, and qa.txt, which composes to nothing
