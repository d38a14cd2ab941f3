"""`subpipe batch`: finding inputs, naming outputs, resuming, reporting, and running in parallel."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from subpipe.batch import inputs as batch_inputs, report as batch_report, run_batch
from subpipe.batch.executors import process_pool, run_here
from subpipe.batch.inputs import collect_inputs
from subpipe.batch.work import (
    ComposedOutputs,
    Converted,
    Failed,
    Job,
    Outcome,
    compose_task,
    freeze_after_first_file,
    worker_converter,
    worker_task,
)
from subpipe.cli.batch import _BarProgress
from subpipe.cli.main import main
from subpipe.converter import Converter, Profile
from subpipe.glossary import glossary_files
from subpipe.outputs import OUTPUTS
from subpipe.settings import Settings, ShapeSettings

GOOD = "大家好，今天我们聊聊推理模型\n它会先想一想再回答\n"
OTHER = "欢迎收听本期节目\n我们请到了两位嘉宾\n"
NEGATIVE_SRT = "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:05,000 --> 00:00:03,000\n坏\n"


_DEFAULT: list[Converter] = []


def default_converter() -> Converter:
    """One converter with the default settings for the tests that need no other (its dictionary is
    built once)."""
    if not _DEFAULT:
        _DEFAULT.append(Converter())
    return _DEFAULT[0]


def convert_all(specs: list[str], outdir: Path, converter: Converter | None = None, **options) -> "object":
    return run_batch(specs, outdir, converter or default_converter(), **options)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def report_of(outdir: Path) -> dict:
    return json.loads((outdir / batch_report.REPORT_NAME).read_text(encoding="utf-8"))


def statuses(outdir: Path) -> dict[str, str]:
    return {Path(item["input"]).name: item["status"] for item in report_of(outdir)["files"]}


# --- inputs and names -----------------------------------------------------------------------------


def test_folders_are_searched_recursively_for_registered_extensions(tmp_path: Path) -> None:
    root = tmp_path / "episodes"
    write(root / "one.txt", GOOD)
    write(root / "season2" / "two.SRT", "1\n00:00:01,000 --> 00:00:02,000\n你好\n")
    write(root / "season2" / "three.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n你好\n")
    write(root / "season2" / "four.ass", "[Script Info]\n")
    write(root / "cover.jpg", b"\xff\xd8\xff")
    write(root / "notes.html", "<p>notes</p>")
    write(root / "season2" / "five.md", "# 第五集\n\n主持人：你好\n")
    write(root / ".hidden.txt", GOOD)
    write(root / ".git" / "x.txt", GOOD)
    inputs, problems = collect_inputs([str(root)], tmp_path / "out")
    assert problems == []
    assert sorted(item.path.relative_to(root).as_posix() for item in inputs) == [
        "one.txt",
        "season2/five.md",
        "season2/four.ass",
        "season2/three.vtt",
        "season2/two.SRT",
    ]
    assert {item.output_key for item in inputs} == {"one", "season2/two", "season2/three", "season2/four", "season2/five"}


def test_extensions_come_from_the_format_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from subpipe import formats

    from subpipe.formats.base import Format

    assert ".xyz" not in batch_inputs.transcript_extensions()
    monkeypatch.setitem(formats.FORMATS, "xyz", Format("xyz", (".xyz",), read=formats.FORMATS["text"].read))
    assert ".xyz" in batch_inputs.transcript_extensions()
    assert formats.detect_format("talk.xyz", "你好") == "xyz"


def test_outdir_inside_an_input_folder_is_never_an_input(tmp_path: Path) -> None:
    write(tmp_path / "ep.txt", GOOD)
    write(tmp_path / "out" / "ep.zh.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n")
    inputs, _ = collect_inputs([str(tmp_path), str(tmp_path / "out" / "*.srt")], tmp_path / "out")
    assert [item.path.name for item in inputs] == ["ep.txt"]


def test_globs_duplicates_and_problems(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "ep1.txt", GOOD)
    write(tmp_path / "a" / "ep2.txt", GOOD)
    specs = [str(tmp_path / "a" / "*.txt"), str(a), str(tmp_path / "none-*.txt"), str(tmp_path / "empty")]
    (tmp_path / "empty").mkdir()
    inputs, problems = collect_inputs(specs, tmp_path / "out")
    assert [item.path.name for item in inputs] == ["ep1.txt", "ep2.txt"]  # ep1 named twice, converted once
    assert [(Path(p.shown).name, p.reason.split(" (")[0]) for p in problems] == [
        ("none-*.txt", "no files match this pattern"),
        ("empty", "no transcript files"),
    ]


def test_a_file_named_inside_outdir_is_reported_not_converted(tmp_path: Path) -> None:
    inside = write(tmp_path / "out" / "old.txt", GOOD)
    write(tmp_path / "new.txt", GOOD)
    inputs, problems = collect_inputs([str(inside), str(tmp_path / "new.txt")], tmp_path / "out")
    assert [item.path.name for item in inputs] == ["new.txt"]
    assert [(p.shown, p.reason) for p in problems] == [(str(inside), "is inside the output folder, where outputs go: not converted")]


def test_same_stem_in_different_places_never_shares_outputs(tmp_path: Path) -> None:
    write(tmp_path / "s1" / "ep.txt", GOOD)
    write(tmp_path / "s2" / "ep.txt", OTHER)
    write(tmp_path / "s1" / "ep.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n")
    write(tmp_path / "s1" / "EP.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n再见\n")
    # Named directly (not through a folder), the two ep.txt would both go to OUTDIR itself.
    specs = [str(tmp_path / "s1" / "ep.txt"), str(tmp_path / "s2" / "ep.txt"), str(tmp_path / "s1")]
    inputs, _ = collect_inputs(specs, tmp_path / "out")
    keys = [item.output_key.casefold() for item in inputs]
    assert len(inputs) == 4 and len(set(keys)) == 4
    assert all(key.startswith("ep-") for key in keys)


def test_hostile_names_stay_inside_outdir(tmp_path: Path) -> None:
    names = ["..txt", " ..\\..\\evil.txt", "a:b*c?.txt", "line\nbreak.txt", "x" * 200 + ".txt", "...txt"]
    # Named directly (hidden names too), and found in a folder with a hostile name of its own.
    specs = [str(write(tmp_path / "in" / name, GOOD)) for name in names]
    write(tmp_path / "in" / " ..\\x:" / " .. \\" / "ep.txt", GOOD)
    specs.append(str(tmp_path / "in"))
    outdir = tmp_path / "out"
    result = convert_all(specs, outdir)
    assert result.failed == 0 and result.count("converted") == len(names) + 1
    written = [path for path in tmp_path.rglob("*") if path.is_file() and "in" not in path.relative_to(tmp_path).parts]
    assert written and all(path.resolve().is_relative_to(outdir.resolve()) for path in written)
    assert all(not part.startswith(".") for path in written for part in path.relative_to(outdir).parts[:-1])
    assert len(list(outdir.rglob("*.zh.srt"))) == len(names) + 1


# --- converting, reporting, resuming ---------------------------------------------------------------


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "b.srt", NEGATIVE_SRT)
    write(tmp_path / "in" / "c.txt", bytes(range(256)) * 8)
    write(tmp_path / "in" / "d.txt", OTHER)
    outdir = tmp_path / "out"
    result = convert_all([str(tmp_path / "in"), str(tmp_path / "missing.txt")], outdir)
    assert (result.count("converted"), result.failed) == (2, 3)
    for stem in ("a", "d"):
        assert (outdir / f"{stem}.zh.srt").read_text(encoding="utf-8").startswith("1\n")
        assert (outdir / f"{stem}.episode.json").is_file()
    report = report_of(outdir)
    assert (report["inputs"], report["converted"], report["skipped"], report["failed"]) == (5, 2, 0, 3)
    failed = {Path(item["input"]).name: item for item in report["files"] if item["status"] == "failed"}
    assert failed["b.srt"]["line"] == 6 and "ends before it starts" in failed["b.srt"]["reason"]
    assert "binary" in failed["c.txt"]["reason"] and failed["c.txt"]["line"] is None
    assert failed["missing.txt"]["reason"] == "file not found"
    converted = [item for item in report["files"] if item["status"] == "converted"]
    # Every output is one of the registered kinds (some are written only when they have content).
    assert {"a.zh.srt", "a.zh.vtt", "a.episode.json"} <= set(converted[0]["outputs"])
    assert set(converted[0]["outputs"]) <= {f"a.{suffix}" for suffix in OUTPUTS}
    assert converted[0]["cues"] >= 2


def test_resume_skips_up_to_date_outputs_and_redoes_what_changed(tmp_path: Path) -> None:
    a = write(tmp_path / "in" / "a.txt", GOOD)
    b = write(tmp_path / "in" / "b.txt", OTHER)
    bad = write(tmp_path / "in" / "bad.srt", NEGATIVE_SRT)
    outdir = tmp_path / "out"
    specs = [str(tmp_path / "in")]
    convert_all(specs, outdir)
    assert statuses(outdir) == {"a.txt": "converted", "b.txt": "converted", "bad.srt": "failed"}

    first_srt = (outdir / "a.zh.srt").stat().st_mtime_ns
    result = convert_all(specs, outdir)
    assert (result.count("skipped"), result.failed) == (2, 1)  # a failed file is always tried again
    assert (outdir / "a.zh.srt").stat().st_mtime_ns == first_srt

    def again(converter: Converter | None = None, force: bool = False) -> dict[str, str]:
        convert_all(specs, outdir, converter, force=force)
        return statuses(outdir)

    a.write_text(GOOD + "再补充一句\n", encoding="utf-8")
    assert again() == {"a.txt": "converted", "b.txt": "skipped", "bad.srt": "failed"}
    (outdir / "b.zh.vtt").unlink()
    assert again() == {"a.txt": "skipped", "b.txt": "converted", "bad.srt": "failed"}
    assert (outdir / "b.zh.vtt").is_file()

    narrow = Converter(Settings(shape=ShapeSettings(max_line_width=10)))
    assert set(again(narrow).values()) == {"converted", "failed"}
    assert set(again(narrow).values()) == {"skipped", "failed"}
    assert set(again(narrow, force=True).values()) == {"converted", "failed"}

    bad.write_text(NEGATIVE_SRT.replace("00:00:03,000", "00:00:06,000"), encoding="utf-8")
    assert again(narrow) == {"a.txt": "skipped", "b.txt": "skipped", "bad.srt": "converted"}
    assert b.read_text(encoding="utf-8") == OTHER


def test_glossary_bytes_are_part_of_the_resume_key(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", GOOD)
    glossary = write(tmp_path / "names.csv", "english,chinese\nreasoning model,推理模型\n")
    outdir = tmp_path / "out"
    code = main(["batch", str(tmp_path / "in"), "-o", str(outdir), "-j", "1", "-q", "-g", str(glossary)])
    assert code == 0 and statuses(outdir) == {"a.txt": "converted"}
    assert main(["batch", str(tmp_path / "in"), "-o", str(outdir), "-j", "1", "-q", "-g", str(glossary)]) == 0
    assert statuses(outdir) == {"a.txt": "skipped"}
    glossary.write_text("english,chinese\nreasoning model,推理模型\nthinking,想一想\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), "-o", str(outdir), "-j", "1", "-q", "-g", str(glossary)]) == 0
    assert statuses(outdir) == {"a.txt": "converted"}
    assert main(["batch", str(tmp_path / "in"), "-o", str(outdir), "-j", "1", "-q"]) == 0
    assert statuses(outdir) == {"a.txt": "converted"}  # no glossary is another key again


def test_glossaries_are_applied_and_shipped_ones_are_in_the_key(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", "今天我们请到了鲍勃\n鲍勃会讲讲推理模型\n")
    glossary = write(tmp_path / "names.csv", "chinese,english,type\n鲍勃,Bob Example,person\n")
    args = ["batch", str(tmp_path / "in"), "-j", "1", "-q"]
    assert main([*args, "-o", str(tmp_path / "with"), "-g", str(glossary)]) == 0
    assert main([*args, "-o", str(tmp_path / "without")]) == 0
    assert "Bob Example" in (tmp_path / "with" / "a.episode.json").read_text(encoding="utf-8")
    assert "Bob Example" not in (tmp_path / "without" / "a.episode.json").read_text(encoding="utf-8")
    # The shipped glossary's files are part of the key: turning it off converts again.
    assert main([*args, "-o", str(tmp_path / "without"), "--no-shipped-glossary"]) == 0
    assert statuses(tmp_path / "without") == {"a.txt": "converted"}
    with_shipped = glossary_files([glossary], shipped=True)
    assert len(with_shipped) > 1 and with_shipped[-1] == (str(glossary), glossary.read_bytes())
    assert glossary_files([glossary], shipped=False) == with_shipped[-1:]


def test_a_malformed_glossary_stops_the_batch_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in" / "a.txt", GOOD)
    bad = write(tmp_path / "bad.csv", "名字\n")
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-g", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"subpipe: error: {bad}:1: ") and err.count("\n") == 1
    assert not (tmp_path / "out" / "a.zh.srt").exists()
    # Through the API the glossary is only read by the workers: every file says why it failed.
    converter = Converter.from_glossary_files(Settings(), ((str(bad), bad.read_bytes()),))
    result = convert_all([str(tmp_path / "in")], tmp_path / "out", converter, executor=process_pool(1))
    assert [f.reason.startswith(f"cannot use the glossary {bad}:1:") for f in result.files] == [True]


def test_profile_digest_changes_with_what_decides_the_outputs() -> None:
    base = Profile()
    digests = {
        base.digest,
        Profile(Settings(shape=ShapeSettings(max_lines=1))).digest,
        Profile(glossaries=(("g.csv", b"a"),)).digest,
        Profile(glossaries=(("g.csv", b"b"),)).digest,
        Profile(glossaries=(("g.csv", b"a"), ("h.csv", b"b"))).digest,
        Profile(glossaries=(("h.csv", b"b"), ("g.csv", b"a"))).digest,
    }
    assert len(digests) == 6
    assert Profile(glossaries=(("elsewhere/g.csv", b"a"),)).digest in digests  # bytes count, not paths
    assert Profile().digest == base.digest


def test_interrupted_batch_keeps_finished_files_and_resumes(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path / "in" / f"{name}.txt", GOOD + name + "\n")
    outdir = tmp_path / "out"

    def interrupted_after_one(converter: Converter, task, jobs: Iterator[Job]) -> Iterator[Outcome]:
        yield task(converter, next(jobs))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        convert_all([str(tmp_path / "in")], outdir, executor=interrupted_after_one)
    report = report_of(outdir)
    assert report["interrupted"] is True and report["converted"] == 1
    assert not [p for p in outdir.rglob("*") if p.name.endswith(".tmp")]
    result = convert_all([str(tmp_path / "in")], outdir)
    assert (result.count("skipped"), result.count("converted")) == (1, 2)


def test_failed_output_write_is_reported_per_file(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "sub" / "b.txt", OTHER)
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "sub").write_text("a file where the folder should be", encoding="utf-8")
    result = convert_all([str(tmp_path / "in")], outdir)
    assert statuses(outdir) == {"a.txt": "converted", "b.txt": "failed"}
    assert "cannot create the output folder" in next(f.reason for f in result.files if f.status == "failed")


def test_cli_batch_prints_one_line_per_error_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "a.txt", GOOD)
    bad = write(tmp_path / "in" / "bad.srt", NEGATIVE_SRT)
    outdir = tmp_path / "out"
    assert main(["batch", str(tmp_path / "in"), "-o", str(outdir), "--jobs", "1"]) == 2
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("subpipe: error:")]
    assert errors == [f"subpipe: error: {bad}:6: the subtitle ends before it starts: 00:00:05,000 --> 00:00:03,000"]
    assert "Traceback" not in captured.err
    assert f"[1/2] converted {tmp_path / 'in' / 'a.txt'}" in captured.out
    assert "1 converted, 0 skipped (up to date), 1 failed of 2 inputs" in captured.err

    bad.unlink()
    assert main(["batch", str(tmp_path / "in"), "-o", str(outdir), "-j", "1"]) == 0
    assert "0 converted, 1 skipped (up to date), 0 failed of 1 inputs" in capsys.readouterr().out


def test_cli_batch_needs_existing_glossaries_and_some_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.txt", GOOD)
    assert main(["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-g", str(tmp_path / "no.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"subpipe: error: {tmp_path / 'no.csv'}: file not found"


def test_bar_progress_writes_errors_above_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    progress = _BarProgress()
    progress.start(2)
    progress.file_done(batch_report.FileReport("a.txt", "converted", ("a.zh.srt",), 3, "estimated", 0.1))
    progress.file_done(batch_report.FileReport("b.srt", "failed", line=4, reason="bad timing"))
    progress.close()
    err = capsys.readouterr().err
    assert "subpipe: error: b.srt:4: bad timing" in err and "2/2" in err


# --- workers ---------------------------------------------------------------------------------------


def test_a_worker_builds_its_converter_once_per_profile() -> None:
    glossary = "chinese,english\n推理模型,reasoning model\n".encode()
    settings = Settings(shape=ShapeSettings(max_line_width=13.5))
    profile = Converter.from_glossary_files(settings, (("g.csv", glossary),)).profile
    # Each task arrives pickled: the copy must find the converter the initializer built.
    copy = pickle.loads(pickle.dumps(profile))
    assert worker_converter(copy) is worker_converter(profile)
    other = Converter.from_glossary_files(settings, (("g.csv", glossary + "思维链,chain of thought\n".encode()),))
    assert worker_converter(other.profile) is not worker_converter(profile)
    job = Job(0, "t.txt", "t", data=GOOD.encode())
    outcome = worker_task(compose_task, copy, job)
    assert isinstance(outcome, Converted)
    assert {"t.zh.srt", "t.episode.json"} <= set(outcome.value.outputs) <= {f"t.{suffix}" for suffix in OUTPUTS}


def test_unexpected_errors_are_reported_with_their_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    converter = Converter()

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(converter, "convert", broken)
    outcome = compose_task(converter, Job(3, "t.txt", "t", data=GOOD.encode()))
    assert isinstance(outcome, Failed) and outcome.index == 3
    assert outcome.reason == "internal error, please report it: ZeroDivisionError: a bug"
    assert "Traceback" in (outcome.detail or "")


def crash_on_marker(converter: Converter, job: Job) -> Outcome:
    """A pool task that kills its worker process for inputs containing CRASH (as an out-of-memory kill
    would), and otherwise stands in for a conversion: the test is about the pool, not the stages."""
    if b"CRASH" in job.data:
        os._exit(9)
    return Converted(job.index, ComposedOutputs({f"{job.stem}.zh.srt": job.data.decode()}, 1, "estimated"))


def no_start(profile: Profile, parent: int) -> None:
    """A worker start that builds nothing (the stand-in task needs no converter)."""


def test_process_pool_converts_in_parallel_and_survives_a_dying_worker(tmp_path: Path) -> None:
    for number in range(4):
        write(tmp_path / "in" / f"ep{number}.txt", f"{GOOD}第{number}集\n")
    write(tmp_path / "in" / "ep1.txt", "CRASH\n")
    outdir = tmp_path / "out"
    pool = process_pool(2, no_start)
    result = convert_all([str(tmp_path / "in")], outdir, executor=lambda converter, task, jobs: pool(converter, crash_on_marker, jobs))
    assert statuses(outdir) == {f"ep{n}.txt": ("failed" if n == 1 else "converted") for n in range(4)}
    assert "worker process died" in next(f.reason for f in result.files if f.status == "failed")
    assert (outdir / "ep3.zh.srt").read_text(encoding="utf-8").count("第3集") == 1


def test_a_worker_whose_parent_died_exits(tmp_path: Path) -> None:
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    watcher = subprocess.run(
        [sys.executable, "-c", f"from subpipe.batch.work import _exit_when_orphaned; _exit_when_orphaned({gone.pid})"],
        timeout=30,
    )
    assert watcher.returncode == 1


def test_same_outputs_in_process_and_in_a_pool(tmp_path: Path, corpus_path: Path) -> None:
    write(tmp_path / "in" / "ep.txt", corpus_path.read_bytes())
    write(tmp_path / "in" / "sample.txt", GOOD)
    convert_all([str(tmp_path / "in")], tmp_path / "here", executor=run_here)
    convert_all([str(tmp_path / "in")], tmp_path / "pool", executor=process_pool(2))
    for name in ("ep.zh.srt", "ep.zh.vtt", "ep.episode.json", "sample.zh.srt"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()


def test_dask_cluster_runs_the_same_batch_with_report_and_resume(tmp_path: Path) -> None:
    from distributed import LocalCluster

    write(tmp_path / "in" / "a.txt", GOOD)
    write(tmp_path / "in" / "nested" / "a.txt", OTHER)
    write(tmp_path / "in" / "bad.srt", NEGATIVE_SRT)
    outdir = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "-o", str(outdir), "-q"]
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        assert main([*args, "--dask", cluster.scheduler_address]) == 2
        assert statuses(outdir) == {"bad.srt": "failed", "a.txt": "converted"}
        assert [item["status"] for item in report_of(outdir)["files"]] == ["converted", "failed", "converted"]
        assert "再见" not in (outdir / "nested" / "a.zh.srt").read_text(encoding="utf-8")
        assert "嘉宾" in (outdir / "nested" / "a.zh.srt").read_text(encoding="utf-8")
        assert main([*args, "--dask", cluster.scheduler_address]) == 2
        assert [item["status"] for item in report_of(outdir)["files"]] == ["skipped", "failed", "skipped"]
    # The local pool agrees that the cluster's outputs are up to date.
    assert main([*args, "-j", "1"]) == 2
    assert report_of(outdir)["skipped"] == 2


def test_only_a_process_that_exists_for_the_batch_freezes_its_objects() -> None:
    import gc

    job = Job(0, "a.txt", "a", data="第一行\n第二行\n".encode())
    before = gc.get_freeze_count()
    try:
        # Converting through the API (a program's own process, a Dask worker) freezes nothing.
        api = Converter(Settings(shape=ShapeSettings(max_line_width=11)))
        assert all(isinstance(outcome, Converted) for outcome in api.pipe([job, Job(1, "b.txt", "b", data=job.data)]))
        assert isinstance(worker_task(compose_task, api.profile, job), Converted)
        assert gc.get_freeze_count() <= before  # frozen objects may still be freed, none are added
        # A pool worker (or the command line with --jobs 1) freezes after its first file.
        freeze_after_first_file()
        assert isinstance(worker_task(compose_task, api.profile, job), Converted)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
