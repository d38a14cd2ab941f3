"""Titles and keywords made from the Simplified analysis are shown as the transcript writes them."""

from subpipe import process_text
from subpipe.converter import analyze
from subpipe.model import Line, Transcript, Script
from subpipe.text.script import output_config, script_converter
from subpipe.text.written import WrittenForms


def test_a_word_of_the_analysis_is_read_off_the_line_as_written(segmenter):
    lines = (Line(1, "我們的社群群組在台東"), Line(2, "公眾電信的高峰會"))
    analyzed = analyze(Transcript("t", "text", lines, Script.TRADITIONAL), segmenter)
    to_traditional = script_converter(output_config(Script.SIMPLIFIED, Script.TRADITIONAL))
    written = WrittenForms(analyzed, to_traditional, own=True)
    # OpenCC alone would write 社羣, 羣組, 臺東, 公衆, 高峯.
    assert [written(word) for word in ("社群", "群组", "台东", "公众电信", "高峰会")] == ["社群", "群組", "台東", "公眾電信", "高峰會"]
    # Words a title puts between them are converted; what the transcript never writes is converted too.
    assert written("社群与公众电信") == "社群與公眾電信" and written("软件") == to_traditional("软件")
    # Asked for another script, the transcript's own forms are no guide.
    assert WrittenForms(analyzed, lambda text: "x", own=False)("社群") == "x"


def test_a_traditional_transcripts_keywords_keep_its_own_forms():
    text = "\n".join(["我們的社群群組很活躍，社群群組每天都有新的討論"] * 6 + ["公眾電信的網路很快，公眾電信也很穩定"] * 6)
    episode = process_text(text + "\n", name="t")
    shown = [k.shown for k in episode.summaries.keywords]
    assert any("群" in word for word in shown) and not any("羣" in word or "衆" in word for word in shown)
