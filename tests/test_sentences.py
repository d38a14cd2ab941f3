"""The sentence model: sentences over the episode, with and without punctuation, pointing at their lines;
restored final marks; fillers left out of what people read; summaries of whole sentences."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe import Settings, ShapeSettings, process_text
from subpipe.converter import analyze
from subpipe.model import Cue, Line, Sentence, SentencePart, Transcript
from subpipe.settings import SummarySettings
from subpipe.summaries.fillers import kept_spans
from subpipe.summaries.sentences import excerpt_around, shown_sentences
from subpipe.text.punctuation import punctuated
from subpipe.text.sentences import find_sentences, pauses_after_lines


def analyzed_lines(segmenter, lines, labels=None, speech=None):
    transcript = Transcript(
        "t",
        "text",
        tuple(
            Line(number, text, label=labels[number - 1] if labels else None, speech=speech[number - 1] if speech else True)
            for number, text in enumerate(lines, 1)
        ),
    )
    return analyze(transcript, segmenter)


def spans(sentences):
    return [[(p.line, p.start, p.end) for p in s.parts] for s in sentences]


def test_phrases_of_one_sentence_spread_over_lines_are_joined(segmenter):
    lines = ["在训练模型的早期", "开发人员也对它进行了测试", "但是结果并不理想", "大家都很失望"]
    found = find_sentences(analyzed_lines(segmenter, lines))
    assert [s.lines for s in found] == [(1, 2), (3, 4)]
    # 但是 links the second to the first: it should not stand alone in a summary.
    assert [s.leans_on_previous for s in found] == [False, True]


def test_a_full_stop_and_a_new_speaker_always_cut(segmenter):
    lines = ["第一句话说完了。第二句话也说完了", "还没有说完的话", "另一个人开始讲话了"]
    found = find_sentences(analyzed_lines(segmenter, lines, labels=["甲", "甲", "乙"]))
    assert spans(found) == [[(1, 0, 8)], [(1, 8, 16), (2, 0, 7)], [(3, 0, 9)]]
    assert [s.end_mark for s in found] == ["", "。", "。"]
    # Where the text decides (a full stop, a new speaker, the edges), the model is sure.
    assert found[0].end_confidence == 1.0 and found[1].end_confidence == 1.0 and found[2].start_confidence == 1.0


def test_a_latin_word_a_caption_broke_over_two_lines_is_never_cut(segmenter):
    # Caption engines break at the dot of a name or address (example.org, node.js): the rest opens the
    # next line in lower case, and the two lines are one phrase.
    lines = ["用户只需要打开example", "org，无需注册登录", "就可以开始对话"]
    found = find_sentences(analyzed_lines(segmenter, lines))
    assert [s.lines for s in found] == [(1, 2, 3)]
    # A word with a capital inside (iPhone, macOS) may open a sentence: the rule leaves it to the model.
    from subpipe.text.sentences import _broken_latin_word

    assert _broken_latin_word("我们用的是GPT", "all at once") and not _broken_latin_word("最新的是M4", "iPhone也更新了")


def test_a_question_gets_a_question_mark(segmenter):
    found = find_sentences(analyzed_lines(segmenter, ["你知道他们为什么要这样做吗", "因为他们别无选择"]))
    assert [s.lines for s in found] == [(1,), (2,)]
    assert [s.end_mark for s in found] == ["？", "。"]


def test_a_line_that_is_not_speech_is_no_part_of_a_sentence(segmenter):
    lines = ["我们今天要讲的是", "（笑）", "一个关于芯片的故事"]
    found = find_sentences(analyzed_lines(segmenter, lines, speech=[True, False, True]))
    assert all(2 not in s.lines for s in found)
    # It cuts: what was said before it ends there, though 我们今天要讲的是 is unfinished.
    assert [s.lines for s in found] == [(1,), (3,)]
    assert found[0].end_confidence == 1.0


def test_a_pause_between_lines_is_evidence_for_an_end(segmenter):
    lines = ["我们先来看第一个问题", "这个问题非常重要"]
    analyzed = analyzed_lines(segmenter, lines)
    without = find_sentences(analyzed)
    with_pause = find_sentences(analyzed, pauses={1: 1500})
    assert len(without) == 1 and len(with_pause) == 2


def test_pauses_are_read_from_the_cues_of_each_line():
    cues = [
        Cue(1, 0, 1000, ("一",), (1,)),
        Cue(2, 1100, 2000, ("二",), (1,)),
        Cue(3, 2900, 4000, ("三",), (2,)),
        Cue(4, 4000, 5000, ("四",), (3,)),
    ]
    assert pauses_after_lines(cues) == {1: 900, 2: 0}


_PHRASES = st.sampled_from(
    ["我们今天", "聊聊芯片", "但是", "它的价格", "也很便宜。", "，", "为什么呢", "好了", "“他说", "结束了”", " ", "因为", "嗯，"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_PHRASES, min_size=1, max_size=5), min_size=1, max_size=10))
def test_sentences_tile_the_transcript_in_order(segmenter, phrases_per_line):
    lines = ["".join(phrases) for phrases in phrases_per_line]
    found = find_sentences(analyzed_lines(segmenter, lines))
    covered = "".join(lines[p.line - 1][p.start : p.end] for s in found for p in s.parts)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", "".join(lines))
    positions = [(p.line, p.start) for s in found for p in s.parts]
    assert positions == sorted(positions)
    assert [s.index for s in found] == list(range(len(found)))
    assert all(0.0 <= s.start_confidence <= 1.0 and 0.0 <= s.end_confidence <= 1.0 for s in found)


def test_restored_marks_keep_every_offset(segmenter):
    lines = ["这个模型非常强大，它的价格却很便宜", "你知道为什么吗", "因为训练的成本降低了"]
    analyzed = analyzed_lines(segmenter, lines)
    sentences = (
        Sentence(0, (SentencePart(1, 0, 9),), "。"),
        Sentence(1, (SentencePart(1, 9, 17),), "。"),
        Sentence(2, (SentencePart(2, 0, 7),), "？"),
        Sentence(3, (SentencePart(3, 0, 10),), "。"),
    )
    marked = punctuated(analyzed, sentences)
    assert [item.line.text for item in marked] == ["这个模型非常强大。它的价格却很便宜。", "你知道为什么吗？", "因为训练的成本降低了。"]
    for before, after in zip(analyzed, marked):
        assert after.analysis == after.line.text  # Simplified already: the same text
        for token in after.tokens:
            assert after.line.text[token.start : token.end] == token.text
        assert after.line.text[: len(before.line.text)].replace("。", "，") == before.line.text.replace("。", "，")


def test_subtitles_show_restored_marks_only_when_asked():
    text = "你知道他们为什么要这样做吗\n因为他们别无选择\n"
    plain = process_text(text, name="t")
    asked = process_text(text, name="t", settings=Settings(shape=ShapeSettings(punctuate=True, keep_punctuation=True)))
    assert "？" not in "".join(cue.text for cue in plain.cues)
    assert "你知道他们为什么要这样做吗？" in "".join(cue.text for cue in asked.cues)
    # What people read has it either way, and the episode keeps the sentences.
    assert plain.sentences and plain.sentences == asked.sentences
    assert all(s.text[-1] in "。？" for s in plain.summaries.episode)


def test_fillers_and_stutters_are_left_out_of_what_is_shown(segmenter):
    [item] = analyzed_lines(segmenter, ["嗯，我觉得那种那种模型一个一个地测试比较好啊"])
    shown = "".join(item.line.text[a:b] for a, b in kept_spans(item, 0, len(item.line.text)))
    assert shown == "我觉得那种模型一个一个地测试比较好"


def test_an_excerpt_grows_over_an_unsure_cut_and_takes_the_sentence_a_leaning_one_needs(segmenter):
    lines = ["芯片的功耗降低了一半", "价格也便宜了很多", "所以销量大幅增长"]
    analyzed = analyzed_lines(segmenter, lines)
    sentences = (
        Sentence(0, (SentencePart(1, 0, 10),), "。", 1.0, 0.6),
        Sentence(1, (SentencePart(2, 0, 8),), "。", 0.6, 0.95),
        Sentence(2, (SentencePart(3, 0, 8),), "。", 0.95, 1.0, leans_on_previous=True),
    )
    shown = shown_sentences(sentences, analyzed, {1: "host", 2: "host", 3: "host"}, [])
    settings_ = SummarySettings()
    assert excerpt_around(shown, 1, 0.85, settings_).indices == (0, 1)  # its start was unsure
    assert excerpt_around(shown, 2, 0.85, settings_).indices == (0, 1, 2)  # 所以 needs the one before
    assert excerpt_around(shown, 2, 0.85, SummarySettings(sentence_max_chars=20)) is None  # too long: left out


def test_a_reply_that_only_acknowledges_shows_nothing_in_a_summary():
    from subpipe.summaries.fillers import says_nothing

    assert says_nothing("對。") and says_nothing("嗯，对对对") and says_nothing("是的！")
    assert not says_nothing("对，这个问题很重要") and not says_nothing("好的芯片")
    from subpipe.summaries.sentences import ShownPart, shown_text

    # In an excerpt, such a sentence leaves no mark behind.
    first, second = (ShownPart(1, 0, 4, "芯片很贵"),), (ShownPart(3, 0, 4, "需求很大"),)
    assert shown_text([(first, "。"), ((), "。"), (second, "。")]) == "芯片很贵。需求很大。"


def test_places_a_sentence_may_start_are_the_starts_of_the_sentences_read_with_the_lower_bar(segmenter, corpus_path):
    # may_start finds each start without making the sentences: it must give what they would.
    from subpipe.text.sentences import MAY_START_CHANCE, SentenceReading

    lines = [line for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    reading = SentenceReading(analyzed_lines(segmenter, lines + ["  ", "。", "最后一句话"]))
    expected = [(s.parts[0].line, s.parts[0].start) for s in reading.sentences(reading.decode(threshold=MAY_START_CHANCE))]
    assert reading.may_start() == expected
    assert len(expected) > len(reading.found())


def test_equal_words_of_an_episode_are_one_token_and_episodes_share_none(segmenter):
    # A long episode says the same word at the same place often: one object for each, within the episode.
    lines = ["我们今天来聊聊模型", "我们明天再聊", "我们今天来聊聊模型"]
    first = analyzed_lines(segmenter, lines)
    assert first[0].tokens[0] is first[1].tokens[0]  # 我们 at 0 in two lines
    assert all(a is b for a, b in zip(first[0].tokens, first[2].tokens))
    again = analyzed_lines(segmenter, lines)
    assert again[0].tokens == first[0].tokens
    assert again[0].tokens[0] is not first[0].tokens[0]
