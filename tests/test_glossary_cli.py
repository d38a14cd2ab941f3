"""`subpipe glossary check`: entry counts, conflicts with both places, exit codes."""

from pathlib import Path

from subpipe.cli.main import main
from subpipe.glossary import shipped_glossary_paths


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_of_good_files_prints_counts_and_exits_0(tmp_path, capsys):
    csv = write(tmp_path, "a.csv", "chinese,english,type\n鲍勃·麦格鲁,Bob McGrew,person\n杰森·魏,Jason Wei,person\n")
    yaml = write(tmp_path, "b.yaml", "Lisa Su: 苏姿丰\n")
    assert main(["glossary", "check", "--no-shipped", str(csv), str(yaml)]) == 0
    out = capsys.readouterr().out
    assert f"{csv}: 2 entries" in out and f"{yaml}: 1 entry" in out
    assert "3 names" in out and "0 conflicts" in out


def test_check_reports_every_conflict_with_both_places_and_exits_2(tmp_path, capsys):
    first = write(tmp_path, "a.csv", "chinese,english\n奥特曼,Sam Altman\n")
    second = write(tmp_path, "b.csv", "chinese,english\n奥特曼,Ultraman\n")
    assert main(["glossary", "check", "--no-shipped", str(first), str(second)]) == 2
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if line.startswith("conflict:")]
    assert f"{first}:2" in line and f"{second}:2" in line and "keeping Ultraman" in line


def test_check_includes_the_shipped_glossary_unless_told_not_to(tmp_path, capsys):
    mine = write(tmp_path, "mine.csv", "chinese,english\n奥特曼,Ultraman\n")
    assert main(["glossary", "check", str(mine)]) == 2
    out = capsys.readouterr().out
    shipped = shipped_glossary_paths()[0]
    assert f"{shipped} (shipped): " in out
    assert "conflict:" in out and f"{shipped}:" in out
    assert main(["glossary", "check", "--no-shipped", str(mine)]) == 0


def test_malformed_file_is_one_error_line_and_exit_2_and_other_files_are_still_checked(tmp_path, capsys):
    bad = write(tmp_path, "bad.csv", "chinese,english,type\n黄仁勋,Jensen Huang,human\n")
    good = write(tmp_path, "good.csv", "chinese,english\n苏姿丰,Lisa Su\n")
    assert main(["glossary", "check", "--no-shipped", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [f"subpipe: error: {bad}:2: unknown type 'human'; use one of person, org, product, place, term"]
    assert f"{good}: 1 entry" in captured.out and "1 malformed file" in captured.out
    assert "Traceback" not in captured.err
