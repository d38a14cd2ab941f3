"""subpipe batch --learn: names one episode spells out in English name the others too."""

import json

from subpipe.cli.main import main

EPISODES = {
    "ep1.txt": "第一个发言的是鲍勃·麦格鲁（Bob McGrew）\n团队成员之一的杰瑞·特沃里克Jerry Tworek就表示\n",
    "ep2.txt": "麦格鲁后来又说\n特沃里克也同意\n",
    "ep3.txt": "后来麦格鲁（Robert McGrew）也来了\n",
    "ep4.txt": "麦格鲁（Bob McGrew）总结道\n",
}


def mentions(outdir, stem):
    document = json.loads((outdir / f"{stem}.episode.json").read_text(encoding="utf-8"))
    return [(m["text"], m["english"]) for m in document["mentions"]]


def write_episodes(folder):
    folder.mkdir()
    for name, text in EPISODES.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_learn_names_later_episodes_and_settles_spellings_by_evidence(tmp_path, capsys):
    write_episodes(tmp_path / "in")
    plain, learned = tmp_path / "plain", tmp_path / "learned"
    assert main(["batch", str(tmp_path / "in"), "-o", str(plain), "-j", "1", "--no-shipped-glossary", "-q"]) == 0
    assert mentions(plain, "ep2") == []
    assert main(["batch", str(tmp_path / "in"), "-o", str(learned), "-j", "2", "--no-shipped-glossary", "--learn"]) == 0
    assert mentions(learned, "ep2") == [("麦格鲁", "Bob McGrew"), ("特沃里克", "Jerry Tworek")]
    # Two episodes write Bob McGrew, one Robert McGrew: Bob wins there too, and the clash is reported.
    assert mentions(learned, "ep3") == [("麦格鲁", "Bob McGrew")]
    assert "'Robert McGrew' in 1 episode" in capsys.readouterr().err
    rows = (learned / "series-glossary.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "chinese,english,type,aliases,note,episodes"
    assert any(row.startswith("鲍勃·麦格鲁,Bob McGrew,person,麦格鲁,") and "ep1.txt" in row and "ep4.txt" in row for row in rows)


def test_the_users_glossary_still_wins_over_what_the_series_teaches(tmp_path):
    write_episodes(tmp_path / "in")
    user = tmp_path / "mine.csv"
    user.write_text("chinese,english,type\n鲍勃·麦格鲁,Bob McGrew Sr.,person\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--no-shipped-glossary", "--learn", "-g", str(user), "-q"]) == 0
    assert mentions(out, "ep2")[0] == ("麦格鲁", "Bob McGrew Sr.")


def test_a_second_learn_run_is_skipped_when_nothing_changed(tmp_path, capsys):
    write_episodes(tmp_path / "in")
    out = tmp_path / "out"
    argv = ["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--no-shipped-glossary", "--learn"]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 0
    assert "0 converted, 4 skipped" in capsys.readouterr().out
