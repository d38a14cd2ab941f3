import re

from hypothesis import given, settings as hsettings, strategies as st

from subpipe.settings import ShapeSettings
from subpipe.cues.shape import display_width, is_pause_mark, shape_line, tidy_punctuation

DEFAULT = ShapeSettings()


def shaped(text, segmenter, shape=DEFAULT, **kwargs):
    return shape_line(text, segmenter.tokens(text), shape, **kwargs)


def strip_for_comparison(text: str) -> str:
    """Independent of the code under test: drop whitespace and every comma and full stop."""
    return re.sub(r"[\s，。,.､｡]", "", text)


def test_widths_count_latin_half():
    assert display_width("中文") == 2
    assert display_width("GPT4") == 2
    assert display_width("“中”") == 3  # quotes are drawn full width in Chinese fonts


def test_short_line_is_one_cue_one_line(segmenter):
    chunks = shaped("今天就来带大家一起来看看吧", segmenter)
    assert [c.text_lines for c in chunks] == [("今天就来带大家一起来看看吧",)]


def test_pause_marks_become_spaces_inside_and_vanish_at_the_end(segmenter):
    chunks = shaped("在采访中，他说。", segmenter)
    assert chunks[0].text_lines == ("在采访中 他说",)


def test_question_and_book_title_marks_stay(segmenter):
    chunks = shaped("你看过《三体》吗？", segmenter)
    assert chunks[0].text_lines == ("你看过《三体》吗？",)


def test_keep_punctuation_keeps_commas(segmenter):
    chunks = shaped("在采访中，他说。", segmenter, ShapeSettings(keep_punctuation=True))
    assert chunks[0].text_lines == ("在采访中，他说。",)


def test_decimal_points_and_thousands_are_not_punctuation():
    assert tidy_punctuation("智商3.14和1,000人", False) == "智商3.14和1,000人"
    assert not is_pause_mark("3.14", 1)
    assert is_pause_mark("好的.", 2)


def test_every_line_within_the_width_limit_and_line_count(segmenter):
    text = "这是一个很长的句子，我们需要把它切成好几个字幕，因为它实在是太长了，而且里面还有GPT-4o这样的名字"
    for chunk in shaped(text, segmenter):
        assert 1 <= len(chunk.text_lines) <= 2
        assert all(display_width(line) <= 16 for line in chunk.text_lines)


def test_long_line_prefers_cuts_after_punctuation(segmenter):
    text = "虽然曾经尝试过很多不同的方法，但是都收效甚微，每次开发人员在阅读模型的输出时总是会感到非常沮丧"
    chunks = shaped(text, segmenter, max_chunk_width=31.5)
    first_lines = [line for chunk in chunks for line in chunk.text_lines]
    assert first_lines[0] == "虽然曾经尝试过很多不同的方法"


def test_dotted_names_and_latin_names_are_never_cut(segmenter):
    text = "团队成员之一的杰瑞·特沃里克Jerry Tworek就表示他参与了训练"
    lines = [line for chunk in shaped(text, segmenter) for line in chunk.text_lines]
    assert any("杰瑞·特沃里克" in line for line in lines)
    assert any("Jerry Tworek" in line for line in lines)


def test_protected_spans_stay_whole(segmenter):
    text = "我们请到了特拉皮特班萨尔来聊一聊他的研究工作和未来计划"
    start = text.index("特拉皮特班萨尔")
    span = (start, start + len("特拉皮特班萨尔"))
    narrow = ShapeSettings(max_line_width=8)
    lines = [line for chunk in shaped(text, segmenter, narrow, protected=[span]) for line in chunk.text_lines]
    assert "特拉皮特班萨尔" in lines or any("特拉皮特班萨尔" in line for line in lines)


def test_no_line_starts_with_closing_or_ends_with_opening_mark(segmenter):
    text = "詹巴蒂斯塔·帕拉斯坎多洛（Giambattista Parascandolo）接上了话茬，他说“把思考时间转化为更好成果的能力”。"
    for chunk in shaped(text, segmenter, max_chunk_width=31.5):
        for line in chunk.text_lines:
            assert line[0] not in "）」”、？！》"
            assert line[-1] not in "（「“《"


def test_a_word_wider_than_a_line_is_cut_rather_than_overflowing(segmenter):
    url = "https://example.com/" + "a" * 60
    for chunk in shaped(url, segmenter):
        assert all(display_width(line) <= 16 for line in chunk.text_lines)
    assert "".join(line for chunk in shaped(url, segmenter) for line in chunk.text_lines) == url


def test_render_changes_script_per_word(segmenter):
    from subpipe.text.script import convert

    chunks = shaped("软件开发者们就开始与模型进行对话", segmenter, render=lambda s: convert(s, "s2t"))
    assert chunks[0].text_lines == ("軟件開發者們就開始與模型進行對話",)


def test_a_line_of_only_punctuation_gives_no_cue(segmenter):
    assert shaped("。", segmenter) == []


cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
latin = st.sampled_from(list("abcXYZ019 -.+"))
marks = st.sampled_from(list("，。？！、：《》“”（）·… ,."))
texts = st.lists(st.one_of(cjk, cjk, cjk, latin, marks), min_size=1, max_size=120).map("".join)


@hsettings(max_examples=150, deadline=None)
@given(text=texts, width=st.sampled_from([8, 12, 16, 20]), lines=st.sampled_from([1, 2, 3]))
def test_no_text_lost_and_limits_hold(segmenter, text, width, lines):
    shape = ShapeSettings(max_line_width=width, max_lines=lines)
    chunks = shaped(text, segmenter, shape, max_chunk_width=31.5)
    joined = "".join(line for chunk in chunks for line in chunk.text_lines)
    assert strip_for_comparison(joined) == strip_for_comparison(text)
    previous_end = 0
    for chunk in chunks:
        assert previous_end <= chunk.start < chunk.end <= len(text)
        previous_end = chunk.end
        assert 1 <= len(chunk.text_lines) <= lines
        assert all(display_width(line) <= width for line in chunk.text_lines)


def test_a_line_shaped_several_ways_at_once_is_shaped_as_each_alone(segmenter, corpus_path):
    # The Chinese cues and the bilingual file's one-line cues come from one search for where each line
    # may be cut; every way must come out as it does when shaped on its own.
    from dataclasses import replace

    from subpipe.cues.shape import LineShaper

    one_line = replace(DEFAULT, max_lines=1)
    shaper = LineShaper()
    spoken = [line for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = ["，".join(spoken[i : i + 3]) for i in range(0, len(spoken), 3)]
    assert sum(display_width(line) > 2 * DEFAULT.max_line_width for line in lines) > 20
    for text in lines:
        tokens = segmenter.tokens(text)
        ways = [(DEFAULT, None), (one_line, None), (DEFAULT, 20.0)]
        expected = [shape_line(text, tokens, shape, max_chunk_width=widest) for shape, widest in ways]
        shaped = shaper.shape_each(text, tokens, ways)
        assert shaped == expected
        # A display line two ways both show is held once (an episode keeps every cue's lines).
        first_seen: dict[str, str] = {}
        for chunks in shaped:
            for line in (line for chunk in chunks for line in chunk.text_lines):
                assert first_seen.setdefault(line, line) is line


def test_a_line_with_nothing_to_tidy_is_not_copied():
    text = "今天就来带大家一起来看看吧"
    assert tidy_punctuation(text, keep_punctuation=False) is text
    assert tidy_punctuation("今天，来看看吧。", keep_punctuation=False) == "今天 来看看吧"
