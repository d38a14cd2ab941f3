"""The command line: outputs, errors as one line with exit code 2, other inputs still converted."""

import json
import subprocess
import sys

from subpipe import __version__
from subpipe.cli.main import main


def test_version_and_help(capsys):
    for argv in (["--version"], ["--help"], ["run", "--help"]):
        try:
            main(argv)
        except SystemExit as exit:
            assert exit.code == 0
    assert __version__ in capsys.readouterr().out


def test_run_writes_every_output(tmp_path):
    source = tmp_path / "ep.txt"
    source.write_text("大家好，我是大飞\n今天聊聊推理模型\n", encoding="utf-8")
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    for suffix in ("zh.srt", "zh.vtt", "zh-en.srt", "episode.json", "glossary-suggestions.csv"):
        assert f"ep.{suffix}" in names
    assert not [n for n in names if n.startswith(".")]  # no temporary files left behind


def test_a_bad_input_is_one_line_and_the_others_are_still_done(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("第一行\n第二行\n", encoding="utf-8")
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:05,000 --> 00:00:03,000\n倒着走\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    code = main(["run", str(bad), str(good), str(empty), "-o", str(tmp_path / "out"), "-q"])
    assert code == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"subpipe: error: {bad}:6: ")
    assert str(empty) in errors[1]
    assert (tmp_path / "out" / "good.zh.srt").exists()
    assert not (tmp_path / "out" / "bad.zh.srt").exists()


def test_no_traceback_for_binary_input_from_a_real_process(tmp_path):
    binary = tmp_path / "clip.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = subprocess.run(
        [sys.executable, "-m", "subpipe", "run", str(binary), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 2 and str(binary) in result.stderr  # the error and the tally


def test_script_option_writes_traditional(tmp_path):
    source = tmp_path / "ep.txt"
    source.write_text("开发者们就开始与模型进行对话\n", encoding="utf-8")
    assert main(["run", str(source), "-o", str(tmp_path), "--script", "zh-Hant", "-q"]) == 0
    doc = json.loads((tmp_path / "ep.episode.json").read_text(encoding="utf-8"))
    assert doc["script"] == "zh-Hant" and doc["source"]["script"] == "zh-Hans"
    assert doc["cues"][0]["text"] == "開發者們就開始與模型進行對話"
    assert doc["lines"][0]["text"] == "开发者们就开始与模型进行对话"  # the source stays as it was


def test_output_names_stay_inside_outdir(tmp_path):
    source = tmp_path / "..evil name.txt"
    source.write_text("你好\n", encoding="utf-8")
    outdir = tmp_path / "out"
    assert main(["run", str(source), "-o", str(outdir), "-q"]) == 0
    assert all(p.parent == outdir and not p.name.startswith(".") for p in outdir.iterdir())
