"""Bilingual cues with English names: never cut off, never shown twice."""

from subpipe import process_text
from subpipe.cues.bilingual import with_english_names
from subpipe.model import Cue, Mention

LONG = "University of Electronic Science and Technology of China"  # 56 characters


def cue(index, text, line=1, span=None):
    return Cue(index, index * 1000, index * 1000 + 900, (text,), (line,), span or (0, len(text)))


def mention(text, english, start, entity=None, line=1):
    return Mention(line, start, start + len(text), text, entity or english.lower().replace(" ", "-"), english, "org", "glossary")


def test_a_name_wider_than_a_line_shows_its_short_form():
    cues = [cue(1, "我毕业于电子科技大学")]
    names = with_english_names(cues, [mention("电子科技大学", LONG, 4, "uestc")], "first", 42, {"uestc": "UESTC"}.get)
    assert names[0].text_lines == ("我毕业于电子科技大学", "UESTC")


def test_a_name_wider_than_a_line_without_a_short_form_takes_two_whole_lines():
    cues = [cue(1, "我毕业于电子科技大学")]
    lines = with_english_names(cues, [mention("电子科技大学", LONG, 4)], "first", 42)[0].text_lines[1:]
    assert len(lines) == 2 and all(len(line) <= 42 for line in lines)
    assert " ".join(lines) == LONG  # every word, nothing cut off
    assert not any("…" in line for line in lines)


def test_names_that_do_not_fit_wait_for_the_next_cue_whole():
    cues = [cue(1, "谷歌和微软和英伟达", span=(0, 9)), cue(2, "都来了", span=(9, 12))]
    text = "谷歌和微软和英伟达都来了"
    mentions = [
        mention("谷歌", "Google DeepMind Technologies Limited", 0),
        mention("微软", "Microsoft Corporation", 3),
        mention("英伟达", "NVIDIA", 6),
    ]
    shown = with_english_names(cues, mentions, "every", 42, written={1: text})
    assert shown[0].text_lines[1] == "Google DeepMind Technologies Limited"
    assert shown[1].text_lines[1] == "Microsoft Corporation, NVIDIA"


def test_a_name_the_line_glosses_itself_is_not_shown_again_even_in_another_cue():
    text = "第一个发言的是研究员鲍勃·麦格鲁（Bob McGrew）"
    start = text.index("鲍勃")
    cues = [cue(1, text[:start + 6], span=(0, start + 6)), cue(2, "（Bob McGrew）", span=(start + 6, len(text)))]
    person = Mention(1, start, start + 6, "鲍勃·麦格鲁", "bob-mcgrew", "Bob McGrew", "person", "inline")
    shown = with_english_names(cues, [person], "first", 42, written={1: text})
    assert [c.text_lines for c in shown] == [c.text_lines for c in cues]


def test_the_shipped_glossary_short_form_reaches_the_bilingual_file():
    episode = process_text("这位研究员本科毕业于电子科技大学", name="ep")
    assert any(c.text_lines[-1] == "UESTC" for c in episode.bilingual_cues)


def test_a_glossed_name_shares_its_cue_with_the_gloss_and_is_not_repeated_below():
    text = "团队成员之一的杰瑞·特沃里克（Jerry Tworek）就表示他参与了整个训练的过程"
    episode = process_text(text, name="ep")
    glossed = [c for c in episode.bilingual_cues if "杰瑞·特沃里克" in c.text_lines[0]]
    assert glossed and "（Jerry Tworek）" in glossed[0].text_lines[0]
    assert all("Jerry Tworek" not in line for c in episode.bilingual_cues for line in c.text_lines[1:])
