"""Extractive summaries: ranking, faithfulness, length, English names, keywords, first appearances."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subpipe import process_text
from subpipe.glossary import Entry, build_glossary
from subpipe.model import Cue, Line, Mention, Transcript
from subpipe.converter import analyze
from subpipe.settings import SummarySettings
from subpipe.summaries import summarize
from subpipe.cues.table import CueTable
from subpipe.summaries.index import _CueTimes, keywords, named_in_episode
from subpipe.summaries.rank import pagerank, textrank


def analyzed_lines(segmenter, lines, words=()):
    transcript = Transcript("t", "text", tuple(Line(number, text) for number, text in enumerate(lines, 1)))
    return analyze(transcript, segmenter.with_words(words))


def assert_faithful(sentence, text_of):
    """Every part is the source line's own text; the sentence is the parts, with commas between them
    and its final mark (the transcript's own or restored) at the end."""
    for part in sentence.parts:
        assert text_of[part.line][part.start : part.end] == part.text
    assert sentence.text[-1] in "。！？!?…”」』"
    body = re.sub(r"[，。？]", "", sentence.text)
    assert body == re.sub(r"[，。？]", "", "".join(p.text for p in sentence.parts))
    assert sentence.lines == tuple(dict.fromkeys(p.line for p in sentence.parts))


def test_textrank_ranks_the_sentence_that_shares_words_with_the_others_first():
    bags = [{"芯片", "速度"}, {"芯片", "价格"}, {"芯片", "速度", "价格", "功耗"}, {"功耗", "芯片"}, {"天气"}]
    scores = textrank(bags)
    assert max(range(len(bags)), key=scores.__getitem__) == 2
    assert min(range(len(bags)), key=scores.__getitem__) == 4
    assert sum(scores) == pytest.approx(1.0)


def test_a_word_every_sentence_uses_links_nothing_when_weighted_by_rarity():
    bags = [{"o1", "芯片"}, {"o1", "天气"}, {"o1", "音乐"}, {"o1", "芯片", "速度"}]
    flat = textrank(bags)
    rare = textrank(bags, {"o1": 0.0, "芯片": 1.0, "天气": 1.0, "音乐": 1.0, "速度": 1.0})
    assert flat[1] > 0.2  # linked to everything through o1
    assert rare[1] == pytest.approx(rare[2])  # now isolated, like 音乐
    assert rare[0] > rare[1]


def test_pagerank_of_a_graph_without_edges_is_uniform():
    assert pagerank([{}, {}, {}]) == pytest.approx([1 / 3] * 3)


def test_summary_length_grows_with_what_was_said_and_stays_bounded(segmenter):
    topics = ["芯片", "价格", "功耗", "速度", "内存", "屏幕", "电池", "相机", "系统", "软件"]
    short = [f"我们讨论了{t}这个问题。" for t in topics[:3]]
    long = [f"我们讨论了{t}和{u}之间的关系。" for t in topics for u in topics if t != u][:60]
    lines = short + long
    owner = {n: ("a" if n <= len(short) else "b") for n in range(1, len(lines) + 1)}
    from subpipe.model import Speaker

    speakers = [Speaker("a", None, None, "guest", tuple(range(1, 4))), Speaker("b", None, None, "guest")]
    unbounded = SummarySettings(max_chars=10_000)
    result = summarize(analyzed_lines(segmenter, lines), owner, speakers, [], settings=unbounded)
    counts = {s.speaker: len(s.sentences) for s in result.speakers}
    assert counts["a"] < counts["b"] <= SummarySettings().speaker_max_sentences
    assert counts["a"] >= 1


def test_sentences_stay_in_their_original_order(segmenter):
    topics = ["芯片", "价格", "功耗", "速度", "内存", "屏幕", "电池", "相机"]
    lines = [f"这一段讲的是{a}和{b}的关系。" for a in topics for b in topics if a < b]
    owner = {n: "host" for n in range(1, len(lines) + 1)}
    result = summarize(analyzed_lines(segmenter, lines), owner, [], [])
    firsts = [s.lines[0] for s in result.episode]
    assert firsts == sorted(firsts) and len(firsts) > 1


def test_english_names_stand_beside_the_chinese_ones_only_in_the_annotated_text(segmenter):
    lines = ["司马光认为这个芯片设计非常出色", "司马光（Sima Guang）又说价格很合适"]
    mentions = [
        Mention(1, 0, 3, "司马光", "sima-guang", "Sima Guang", "person", "glossary"),
        Mention(2, 0, 3, "司马光", "sima-guang", "Sima Guang", "person", "glossary"),
    ]
    owner = {1: "host", 2: "host"}
    result = summarize(analyzed_lines(segmenter, lines, ["司马光"]), owner, [], mentions)
    by_line = {s.lines[0]: s for s in result.episode}
    first = by_line[1]
    assert first.annotated.startswith("司马光（Sima Guang）认为")
    assert first.text.startswith("司马光认为")
    if 2 in by_line:  # the transcript already gives the English: not repeated
        assert by_line[2].annotated.count("Sima Guang") == 1


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["芯片", "价格", "我们", "。", "，", "但是", "模型", "o1", " ", "！", "思考", "的"]), max_size=12),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(["host", "a", "b"]), min_size=12, max_size=12),
)
def test_every_summary_sentence_is_made_of_the_transcripts_own_words(segmenter, words_per_line, owners):
    lines = ["".join(words) or "空" for words in words_per_line]
    analyzed = analyzed_lines(segmenter, lines)
    owner = {n: owners[n - 1] for n in range(1, len(lines) + 1)}
    from subpipe.model import Speaker

    speakers = [Speaker(s, None, None, "guest") for s in ("host", "a", "b")]
    result = summarize(analyzed, owner, speakers, [], settings=SummarySettings(min_sentence_chars=1))
    text_of = dict(enumerate(lines, 1))
    for sentence in list(result.episode) + [s for summary in result.speakers for s in summary.sentences]:
        assert_faithful(sentence, text_of)
    for summary in result.speakers:
        # Their own lines, but for a first line that may only introduce them.
        assert all(owner[line] == summary.speaker for s in summary.sentences for line in s.lines[1:])


def test_keywords_come_from_the_episode_with_english_and_lines(segmenter, monkeypatch):
    import jieba

    # The module-level jieba tokenizer must not be used (it is global state shared by every run).
    monkeypatch.setattr(jieba.dt, "cut", lambda *a, **k: pytest.fail("global jieba tokenizer used"))
    lines = ["思维链让模型学会推理", "思维链是一种提示方法", "今天天气不错"]
    analyzed = analyzed_lines(segmenter, lines, ["思维链"])
    mentions = [Mention(n, 0, 3, "思维链", "chain-of-thought", "chain of thought", "term", "glossary") for n in (1, 2)]
    found = keywords(analyzed, mentions, 3)
    assert found[0].text == "思维链"
    assert (found[0].english, found[0].lines) == ("chain of thought", (1, 2))
    assert len(found) == 3


def test_names_are_listed_with_kind_and_the_time_of_the_cue_that_first_shows_them(segmenter):
    lines = ["今天聊聊英伟达的芯片", "还有司马光的看法"]
    analyzed = analyzed_lines(segmenter, lines, ["英伟达", "司马光"])
    mentions = [
        Mention(1, 4, 7, "英伟达", "nvidia", "NVIDIA", "org", "glossary"),
        Mention(2, 2, 5, "司马光", "sima-guang", "Sima Guang", "person", "glossary"),
        Mention(1, 8, 10, "芯片", "chip", "chip", "term", "glossary"),
    ]
    cues = [
        Cue(1, 0, 1000, ("今天聊聊",), (1,), (0, 4)),
        Cue(2, 1100, 2000, ("英伟达的芯片",), (1,), (4, 10)),
        Cue(3, 2100, 3000, ("还有司马光的看法",), (2,), (0, 8)),
    ]
    names = named_in_episode(analyzed, mentions, cues)
    assert [(n.id, n.kind, n.english, n.first_line, n.first_ms) for n in names] == [
        ("nvidia", "org", "NVIDIA", 1, 1100),
        ("sima-guang", "person", "Sima Guang", 2, 2100),
    ]


def test_the_episode_document_keeps_the_source_of_every_summary_sentence():
    from subpipe.outputs.document import episode_to_dict

    glossary = build_glossary([Entry("sima-guang", "Sima Guang", "person", ("司马光",))])
    text = "大家好，这里是科技早知道，我是小北。\n今天我们来聊聊新芯片。\n团队成员司马光解释道：\n这个芯片的设计非常简单，它的价格也很便宜。\n好了，我们下期再见。\n"
    document = episode_to_dict(process_text(text, name="t", glossary=glossary))
    lines = {line["number"]: line["text"] for line in document["lines"]}
    summaries = document["summaries"]
    sentences_ = summaries["episode"] + [s for item in summaries["speakers"] for s in item["sentences"]]
    assert sentences_
    for sentence in sentences_:
        for part in sentence["parts"]:
            assert lines[part["line"]][part["start"] : part["end"]] == part["text"]
    guest = next(item for item in summaries["speakers"] if item["speaker"] == "sima-guang")
    # His words as a whole sentence: from the line that introduces him (团队成员司马光解释道：…).
    assert guest["sentences"][0]["lines"] == [3, 4]
    assert guest["sentences"][0]["text"] == "团队成员司马光解释道：这个芯片的设计非常简单，它的价格也很便宜。"
    assert [n["english"] for n in summaries["names"]] == ["Sima Guang"]


def test_textrank_of_many_sentences_ranks_in_blocks_with_comparable_scores():
    from subpipe.summaries.rank import textrank

    bags = [["模型", f"词{i % 7}", f"话{i % 13}"] for i in range(1000)]
    scores = textrank(bags)
    assert len(scores) == 1000
    assert abs(sum(scores) - 1.0) < 1e-6  # every block's scores sum to its share
    assert all(score > 0 for score in scores)


# Ranking takes shortcuts for speed (pairs from an inverted index, small graphs in plain lists, words
# counted before they are tagged); each must give the very same numbers, or a near tie between two
# sentences or keywords could be decided differently.
_WORDS = st.sampled_from(["芯片", "速度", "价格", "功耗", "天气", "音乐", "o1", "模型"])
_BAGS = st.lists(st.frozensets(_WORDS, max_size=4), max_size=18)
_WEIGHTS = st.dictionaries(_WORDS, st.sampled_from([0.0, 1e-3, 0.3, 1.0, 2.5]))


@settings(max_examples=300, deadline=None)
@given(_BAGS, _WEIGHTS)
def test_pairs_sum_the_same_from_numpy_and_from_lists(bags, weight):
    from subpipe.summaries.rank import _pair_sums, _pair_sums_in_lists, _shared_words

    groups, values = _shared_words(bags, weight)
    first, second, sums = _pair_sums(len(bags), groups, values)
    assert (first.tolist(), second.tolist(), sums.tolist()) == _pair_sums_in_lists(groups, values)


@settings(max_examples=300, deadline=None)
@given(_BAGS, _WEIGHTS)
def test_small_graphs_rank_the_same_in_lists_as_in_numpy_to_the_last_bit(bags, weight):
    import numpy as np

    from subpipe.summaries.rank import _pagerank, _pair_sums, _shared_words, _textrank

    if not bags:
        return
    first, second, common = _pair_sums(len(bags), *_shared_words(bags, weight))
    log_length = np.log1p(np.array([len(words) for words in bags], dtype=float))
    in_numpy = _pagerank(len(bags), first, second, common / (log_length[first] + log_length[second]))
    assert _textrank(bags, weight) == in_numpy


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["模型", "推理", "a", "ab", "AI", " 模型", "我们", "的"]), st.sampled_from(["n", "x"]))))
def test_tfidf_weights_are_those_of_the_words_counted_one_by_one(words):
    from collections import Counter

    from subpipe.text.keywords import idf_table, stop_words, tfidf_weights

    idf, median = idf_table()
    stops = stop_words()
    counted = Counter(w for w, tag in words if tag in {"n", "vn"} and len(w.strip()) >= 2 and w.lower() not in stops)
    total = sum(counted.values()) or 1
    expected = {w: count / total * idf.get(w, median) for w, count in counted.items()}
    found = tfidf_weights(words, {"n", "vn"})
    assert list(found.items()) == list(expected.items())  # same weights, same order


def test_a_summary_never_shows_a_quotation_it_does_not_close():
    # The guest's words open a quotation in one sentence and close it in a later one: an excerpt holding
    # only the first would show a piece of a longer quotation.
    text = "\n".join(
        [
            "大家好，我是大飞。",
            "王小明表示，“我们花了三年时间研究推理模型。",
            "这个模型在数学上的表现非常出色。",
            "它的成本也比以前低了很多。”",
            "张三认为，推理模型会改变软件开发的方式。",
            "他说，开发者需要学会和模型一起写代码。",
        ]
    )
    episode = process_text(text, name="quotes")
    shown = [s.text for s in episode.summaries.episode] + [
        s.text for summary in episode.summaries.speakers for s in summary.sentences
    ]
    assert shown
    for sentence in shown:
        assert sentence.count("“") == sentence.count("”"), sentence


def test_a_name_the_transcript_brackets_takes_its_english_inside_the_brackets():
    from subpipe import process_text
    from subpipe.glossary import Entry, build_glossary

    glossary = build_glossary([Entry("tsai", "Tsai Ing-wen", "person", ("蔡英文",))])
    text = "因為正好她（蔡英文）提到這個問題，連帶讓我們想要做這個題目，我們想知道所謂工程師文化到底是怎麼樣的一個文化。\n"
    [sentence] = process_text(text, name="t", glossary=glossary).summaries.episode
    assert "她（蔡英文，Tsai Ing-wen）提到" in sentence.annotated and "））" not in sentence.annotated


def test_a_question_put_to_the_audience_is_no_summary_sentence():
    from subpipe import process_text

    text = (
        "这款新模型在编程测试中拿到了第一名，代码生成的准确率提高了很多\n"
        "它还可以处理图像和视频，并且能够理解整个代码仓库的结构\n"
        "大家可以猜猜下一家发布新模型的公司会是谁呢？\n"
    )
    summary = "".join(sentence.text for sentence in process_text(text, name="t").summaries.episode)
    assert summary and "大家可以猜猜" not in summary


def test_each_name_has_its_english_once_in_a_summary_and_after_the_whole_word():
    from subpipe import process_text
    from subpipe.glossary import Entry, build_glossary

    glossary = build_glossary([Entry("ren", "Ren Zhengfei", "person", ("任正非",)), Entry("tw", "Taiwan", "place", ("台湾",))])
    text = (
        "任正非说，台湾的芯片工厂这几年扩建得非常快，产能提高了很多\n"
        "台湾的工程师也越来越多，很多人从美国回来创业，带回了新的技术\n"
        "任总认为，台湾的供应链仍然是全世界最完整的，这一点很难被替代\n"
    )
    episode = process_text(text, name="t", glossary=glossary)
    summary = "".join(sentence.annotated for sentence in episode.summaries.episode)
    assert summary.count("（Taiwan）") <= 1
    assert "任（Ren Zhengfei）总" not in summary


def test_a_surnames_english_follows_its_title(segmenter):
    from subpipe.converter import analyze
    from subpipe.model import Line, Mention, Transcript
    from subpipe.summaries.english import EnglishNames
    from subpipe.summaries.sentences import ShownPart

    analyzed = analyze(Transcript("t", "text", (Line(1, "任总您好，我来了半年"),)), segmenter)
    surname = Mention(1, 0, 1, "任", "ren", "Ren Zhengfei", "person", "surname")
    annotated = EnglishNames(analyzed, [surname])._annotated(ShownPart(1, 0, 10, "任总您好，我来了半年"), set())
    assert annotated == "任总（Ren Zhengfei）您好，我来了半年"


def _first_time_by_reading_every_cue(cues, line, offset):
    """The definition, reading every cue (what `_CueTimes` answers from an index made once)."""
    of_line = [cue for cue in cues if line in cue.source_lines]
    for cue in of_line:
        if cue.span is not None and cue.span[0] <= offset < cue.span[1]:
            return cue.start_ms
    if of_line:
        return of_line[0].start_ms
    later = [cue for cue in cues if cue.source_lines and cue.source_lines[0] > line]
    return later[0].start_ms if later else None


_LINES = st.integers(0, 8)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            Cue,
            index=st.just(0),
            start_ms=st.integers(0, 10**6),
            end_ms=st.just(0),
            text_lines=st.just(("字",)),
            source_lines=st.lists(_LINES, max_size=3).map(tuple),
            span=st.none() | st.tuples(st.integers(0, 6), st.integers(0, 6)),
        ),
        max_size=12,
    ),
    _LINES,
    st.integers(0, 6),
    st.booleans(),
)
def test_the_time_a_name_is_first_shown_is_read_from_an_index_of_the_cues(cues, line, offset, packed):
    # Cues in any order of lines (audio and roll-up captions need not follow the text), several lines
    # a cue, none, spans or not; held as a long episode's are, or not.
    index = _CueTimes(CueTable(cues) if packed else cues)
    assert index.first_time(line, offset) == _first_time_by_reading_every_cue(cues, line, offset)


def test_textrank_scores_do_not_depend_on_the_string_hash_seed(outputs_under_hash_seeds):
    # Sentences said the same way twice tie, and the last bits of their scores break the tie: those
    # bits follow the order each pair's shared weights are summed in, which must not be a set's order
    # (the strings' hashes differ from one process to the next). Weights whose sums depend on that
    # order: (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3).
    script = (
        "from subpipe.summaries.rank import textrank\n"
        "words = [f'w{n}' for n in range(12)]\n"
        "bags = [tuple(words[(i * 5 + k) % 12] for k in range(6)) for i in range(60)]\n"
        "weight = {word: 0.1 * (n + 1) for n, word in enumerate(words)}\n"
        "print([score.hex() for score in textrank(bags, weight)])\n"
    )
    assert len(outputs_under_hash_seeds(script)) == 1


def test_an_item_whose_last_sentence_shows_nothing_ends_with_a_final_mark(segmenter):
    # Two sentences in one item, the cut between them unsure (a comma would join them), the second
    # showing nothing (a reply that only acknowledges): the item ends with the first one's own mark.
    from subpipe.summaries.english import EnglishNames
    from subpipe.summaries.sentences import Excerpt, Shown, ShownPart

    analyzed = analyzed_lines(segmenter, ["芯片的价格还会下降", "对"])

    def shown(index: int, parts: tuple[ShownPart, ...], end_confidence: float) -> Shown:
        return Shown(index, "。", 1.0, end_confidence, False, 1, "host", parts, (), True, False, 0)

    first = shown(0, (ShownPart(1, 0, 9, "芯片的价格还会下降"),), end_confidence=0.3)
    item = EnglishNames(analyzed, []).sentence(Excerpt((first, shown(1, (), 1.0))), sure=0.9)
    assert item.text == "芯片的价格还会下降。"
    # Where the second shows something, the unsure cut is a comma, as before.
    second = shown(1, (ShownPart(2, 0, 1, "对"),), 1.0)
    assert EnglishNames(analyzed, []).sentence(Excerpt((first, second)), sure=0.9).text == "芯片的价格还会下降，对。"
