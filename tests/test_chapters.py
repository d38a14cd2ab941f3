"""Finding chapters: as many as the evidence asks for (words, markers, turns, headings, new people), at
sentence starts, within YouTube's bounds; titles in the chapter's own words."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from subpipe.chapters.boundaries import find_chapters, in_script, line_start_times
from subpipe.chapters.evidence import gather_evidence, speaker_turns
from subpipe.chapters.titles import acceptable
from subpipe.converter import process_text
from subpipe.model import AnalyzedLine, Chapter, Cue, Line, Mention, Script, Section
from subpipe.outputs.document import episode_to_dict
from subpipe.settings import ChapterSettings, Settings
from subpipe.text.script import output_config

LINE_MS = 3000

# Three topics that share no content words; each line draws two of its topic's words.
TOPICS = {
    "football": ["足球", "球员", "进球", "教练", "联赛", "球场", "门将", "比赛"],
    "cooking": ["厨房", "菜谱", "炒菜", "酱油", "面条", "米饭", "厨师", "味道"],
    "markets": ["股票", "银行", "投资", "利率", "基金", "市场", "债券", "经济"],
}
FRAMES = ["今天说到{}和{}", "很多人关心{}还有{}", "其实{}比{}更重要", "我们看看{}与{}", "{}往往影响{}"]


def topic_lines(topic: str, count: int, seed: int) -> list[str]:
    chooser = random.Random(seed)
    return [chooser.choice(FRAMES).format(*chooser.sample(TOPICS[topic], 2)) for _ in range(count)]


def analyzed_and_cues(texts: list[str], segmenter, labels: list[str | None] | None = None):
    labels = labels or [None] * len(texts)
    analyzed = [
        AnalyzedLine(Line(n, t, label=label), t, tuple(segmenter.tokens(t)))
        for n, (t, label) in enumerate(zip(texts, labels), 1)
    ]
    cues = [Cue(n, (n - 1) * LINE_MS, n * LINE_MS - 100, (t,), (n,)) for n, t in enumerate(texts, 1)]
    return analyzed, cues


def test_boundaries_land_where_the_vocabulary_changes(segmenter):
    texts = topic_lines("football", 30, 1) + topic_lines("cooking", 30, 2) + topic_lines("markets", 30, 3)
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    chapters = find_chapters(analyzed, cues)
    assert [c.line for c in chapters] == [1, 31, 61]
    assert chapters[0].start_ms == 0 and chapters[1].start_ms == 30 * LINE_MS
    for chapter, topic in zip(chapters, TOPICS):
        assert chapter.keywords and set(chapter.keywords) <= set(TOPICS[topic])


def test_the_number_of_chapters_follows_the_topics_not_the_duration(segmenter):
    # Three topics, three times as long: still three chapters (one per 90 s would give 9 and 27).
    for lines in (30, 90):
        texts = topic_lines("football", lines, 1) + topic_lines("cooking", lines, 2) + topic_lines("markets", lines, 3)
        analyzed, cues = analyzed_and_cues(texts, segmenter)
        assert [c.line for c in find_chapters(analyzed, cues)] == [1, lines + 1, 2 * lines + 1]


def test_one_topic_throughout_gets_no_more_chapters_than_youtube_needs(segmenter):
    analyzed, cues = analyzed_and_cues(topic_lines("markets", 200, 4), segmenter)
    assert len(find_chapters(analyzed, cues)) == 3
    # The floor is a setting: with none, a topic that holds is one chapter.
    assert len(find_chapters(analyzed, cues, settings=ChapterSettings(min_chapters=1))) == 1


def test_a_higher_cost_per_chapter_gives_fewer_chapters(segmenter):
    texts = [line for seed, topic in enumerate(["football", "cooking"] * 3) for line in topic_lines(topic, 15, seed)]
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    counts = [len(find_chapters(analyzed, cues, settings=ChapterSettings(chapter_cost=cost))) for cost in (5, 40, 400)]
    assert counts[0] >= counts[1] >= counts[2] == 3 and counts[0] == 6


def test_a_marker_that_opens_a_topic_places_the_boundary_on_its_line(segmenter):
    # One vocabulary throughout: only the marker says where a part starts.
    texts = topic_lines("markets", 90, 4)
    texts[39] = "接下来我们聊聊另一件事"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 40 in [c.line for c in find_chapters(analyzed, cues)]


def test_a_conclusion_opens_the_last_chapter_with_the_line_that_turns_to_it(segmenter):
    texts = topic_lines("markets", 90, 5)
    texts[79], texts[80] = "好了", "以上就是关于股票的内容"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 80 in [c.line for c in find_chapters(analyzed, cues)]


def test_marker_words_inside_an_ordinary_sentence_are_not_markers(segmenter):
    texts = topic_lines("markets", 90, 6)
    texts[39] = "最后得到的结果也就越好"  # 最后 not standing alone: not "finally"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 40 not in [c.line for c in find_chapters(analyzed, cues)]
    texts[39] = "最后，"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 40 in [c.line for c in find_chapters(analyzed, cues)]


def test_a_person_named_for_the_first_time_pulls_a_boundary_to_the_introduction(segmenter):
    # The words change at line 63; the new person is introduced at line 60, just before.
    texts = topic_lines("cooking", 62, 7) + topic_lines("football", 58, 8)
    texts[59] = "团队成员张伟表示"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 63 in [c.line for c in find_chapters(analyzed, cues)]
    person = Mention(60, 4, 6, "张伟", "zhang-wei", "Zhang Wei", "person", "glossary")
    assert any(57 <= c.line <= 60 for c in find_chapters(analyzed, cues, [person]))
    # The same name again later is not a new person.
    again = [person, replace(person, line=20, start=0, end=2)]
    texts[19] = "张伟" + texts[19][2:]
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert not any(57 <= c.line <= 60 for c in find_chapters(analyzed, cues, again))


def test_chapters_start_only_where_a_sentence_starts(segmenter):
    texts = topic_lines("football", 30, 1) + topic_lines("cooking", 30, 2) + topic_lines("markets", 30, 3)
    # The sentence model says sentences start every third line from line 2: the topic changes at 31
    # and 61, but no sentence starts there.
    starts = set(range(2, 91, 3))
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    chapters = find_chapters(analyzed, cues, sentence_starts=starts)
    assert [c.line for c in chapters] == [1, 32, 62]
    # The same as places in lines; one starting inside line 31 does not make it a start.
    places = {(line, 0) for line in starts} | {(31, 4)}
    assert [c.line for c in find_chapters(analyzed, cues, sentence_starts=places)] == [1, 32, 62]
    # Without it, a line after one that ends on a comma goes on its sentence: no chapter there.
    texts[29] += "，"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert 31 not in [c.line for c in find_chapters(analyzed, cues)]


def test_a_heading_starts_a_chapter_and_titles_it(segmenter):
    texts = topic_lines("markets", 90, 8)
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    sections = (Section(46, "市场的下半场", 2),)  # the heading's own line is not a spoken line
    chapters = find_chapters(analyzed, cues, sections=sections)
    by_line = {c.line: c for c in chapters}
    assert 46 in by_line and by_line[46].title == "市场的下半场"


def test_the_converter_passes_the_transcripts_headings_to_the_chapters():
    from subpipe import Converter
    from subpipe.model import Transcript

    texts = topic_lines("markets", 40, 11) + topic_lines("cooking", 40, 12)
    lines = tuple(Line(n if n <= 40 else n + 1, t) for n, t in enumerate(texts, 1))  # line 41: the heading
    transcript = Transcript("demo", "markdown", lines, sections=(Section(41, "厨房里的事", 2),))
    chapters = Converter().convert(transcript).chapters
    assert any(c.line == 42 and c.title == "厨房里的事" for c in chapters)


def test_a_new_question_from_the_interviewer_starts_the_chapter_at_its_label(segmenter):
    host, guest = "主持人", "嘉宾"
    texts, labels = [], []
    for topic, seed in (("football", 1), ("cooking", 2), ("markets", 3)):
        words = TOPICS[topic]
        texts += [f"请问{words[0]}和{words[1]}怎么看？"] + topic_lines(topic, 20, seed)
        labels += [host, guest] + [None] * 19
    analyzed, cues = analyzed_and_cues(texts, segmenter, labels)
    turns = speaker_turns(analyzed)
    assert turns.questions == {0, 21, 42} and turns.starts == {0, 1, 21, 22, 42, 43}
    assert [c.line for c in find_chapters(analyzed, cues)] == [1, 22, 43]


def test_whoever_asks_in_half_their_turns_asks_where_their_turn_holds_a_question():
    texts = ["这个怎么看？", "我觉得很好。", "那个呢？", "也不错。", "我补充一句。", "好的。", "为什么？", "因为便宜。"]
    labels = ["张三", "李四", "张三", "李四", "张三", "李四", "张三", "李四"]
    analyzed = [AnalyzedLine(Line(n, t, label=label), t, ()) for n, (t, label) in enumerate(zip(texts, labels), 1)]
    turns = speaker_turns(analyzed)
    assert turns.starts == set(range(8)) and turns.questions == {0, 2, 6}


def test_a_label_alone_on_its_line_is_a_turn_until_the_markdown_reader_reads_it():
    texts = ["### 問：", "你好嗎？", "### 唐鳳：", "很好。", "### 問：", "那麼呢？", "### 唐鳳：", "也好。", "比如：", "這樣"]
    analyzed = [AnalyzedLine(Line(n, t), t, ()) for n, t in enumerate(texts, 1)]
    turns = speaker_turns(analyzed)
    # 比如： comes once: not a speaker.
    assert turns.starts == {0, 2, 4, 6} and turns.questions == {0, 4} and turns.bare_labels == {0, 2, 4, 6}
    evidence = gather_evidence(analyzed)
    assert evidence.starts[2] and not evidence.starts[3]  # the answer starts at its label, not after it
    assert evidence.spoken == (False, True, False, True, False, True, False, True, True, True)


def test_every_chapter_lasts_long_enough_and_a_short_episode_gets_what_fits(segmenter):
    texts = topic_lines("football", 5, 1) + topic_lines("cooking", 5, 2) + topic_lines("markets", 5, 3)
    analyzed, cues = analyzed_and_cues(texts, segmenter)  # 45 s: two 20 s chapters fit, not three
    chapters = find_chapters(analyzed, cues)
    assert len(chapters) == 2 and chapters[1].start_ms >= 20_000
    assert len(find_chapters(analyzed, cues, settings=ChapterSettings(min_chapter_seconds=10))) == 3


def test_a_line_without_cues_starts_with_the_next_cue():
    analyzed = [AnalyzedLine(Line(n, "话"), "话", ()) for n in (1, 2, 3)]
    cues = [Cue(1, 500, 900, ("话",), (1,)), Cue(2, 2000, 2500, ("话",), (3,))]
    assert list(line_start_times(analyzed, cues)) == [500, 2000, 2000]


def test_titles_name_the_person_a_chapter_is_about_and_english_titles_need_every_term(segmenter):
    person_lines = [f"张伟说{w}" for w in ["机器学习很重要", "机器学习需要数据", "机器学习的模型", "数据和机器学习"]] * 10
    other_lines = topic_lines("cooking", 40, 8)
    texts = person_lines + other_lines
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    mentions = []
    for number, text in enumerate(texts, 1):
        if text.startswith("张伟"):
            mentions.append(Mention(number, 0, 2, "张伟", "zhang-wei", "Zhang Wei", "person", "glossary"))
        at = text.find("机器学习")
        if at >= 0:
            mentions.append(Mention(number, at, at + 4, "机器学习", "ml", "machine learning", "term", "glossary"))
    chapters = find_chapters(analyzed, cues, mentions, ChapterSettings(min_chapters=1))
    assert [c.line for c in chapters] == [1, 41]
    first, second = chapters
    # All of 张伟's mentions are in the first chapter: it is about him, and its topic follows his name.
    assert first.title == "张伟：机器学习"
    assert first.title_en == "Zhang Wei: machine learning"
    # Cooking words have no English names: a Chinese title only, in the chapter's own words.
    assert acceptable(second.title) and second.title_en is None
    assert all(term in "".join(other_lines) for term in second.title.split("与"))


def test_a_chapter_about_someone_named_by_surname_and_title_is_titled_by_their_full_name(segmenter):
    person_lines = [f"张老师说{w}" for w in ["机器学习很重要", "机器学习需要数据", "机器学习的模型", "数据和机器学习"]] * 10
    texts = person_lines + topic_lines("cooking", 40, 8)
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    surnames = [Mention(n, 0, 1, "张", "zhang-wei", "Zhang Wei", "person", "surname") for n in range(1, 41)]
    # Named in full once, in the other chapter: 张 alone names nobody in a title, 张伟 does.
    full = [Mention(60, 0, 2, "张伟", "zhang-wei", "Zhang Wei", "person", "romanised")]
    analyzed[59] = AnalyzedLine(Line(60, "张伟做饭"), "张伟做饭", tuple(segmenter.tokens("张伟做饭")))
    first = find_chapters(analyzed, cues, surnames + full, ChapterSettings(min_chapters=1))[0]
    assert first.title.startswith("张伟：")
    first = find_chapters(analyzed, cues, surnames, ChapterSettings(min_chapters=1))[0]
    assert not first.title.startswith("张")


def test_adjacent_chapters_never_get_the_same_title(segmenter):
    texts = [line for seed in range(4) for line in topic_lines("markets", 25, seed) + ["接下来，"]]
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    titles = [c.title for c in find_chapters(analyzed, cues)]
    assert len(titles) >= 3 and all(a != b and a not in b and b not in a for a, b in zip(titles, titles[1:]))


@pytest.mark.parametrize(
    "title, ok",
    [("推理模型", True), ("基准测试与人类评估", True), ("Llama 3发布", True), ("AI", False), ("2024", False),
     ("这是一个特别特别特别长的章节标题啊", False), ("模型（GPT", False)],
)
def test_a_title_is_four_to_fourteen_wide_more_than_a_number_and_closed(title, ok):
    assert acceptable(title) is ok


def test_titles_and_keywords_are_shown_in_the_output_script():
    chapter = Chapter(1, 0, "机器学习与软件", None, ("机器学习", "软件"))
    (converted,) = in_script([chapter], output_config(Script.SIMPLIFIED, Script.TAIWAN))
    assert converted.title.startswith("機器學習") and converted.keywords[0] == "機器學習"
    assert in_script([chapter], None) == (chapter,)


def test_the_episode_document_lists_the_chapters():
    text = "\n".join(topic_lines("football", 40, 9) + ["接下来我们聊聊做饭"] + topic_lines("cooking", 40, 10))
    episode = process_text(text, name="demo")
    chapters = episode_to_dict(episode)["chapters"]
    assert len(chapters) >= 2 and chapters[0]["line"] == 1 and chapters[0]["start"] == 0
    assert any(c["line"] == 41 for c in chapters)
    for chapter, found in zip(chapters, episode.chapters):
        assert chapter == {
            "line": found.line,
            "start": round(found.start_ms / 1000, 3),
            "title": found.title,
            "title_en": found.title_en,
            "keywords": list(found.keywords),
        }
        assert chapter["title"]


def test_traditional_output_gets_traditional_titles():
    text = "\n".join(topic_lines("markets", 40, 11) + ["接下来说说厨房"] + topic_lines("cooking", 40, 12))
    episode = process_text(text, name="demo", settings=Settings(output_script=Script.TAIWAN))
    joined = "".join(c.title + "".join(c.keywords) for c in episode.chapters)
    # Characters written differently in the two scripts (行, 房 and 券 are the same in both).
    assert any(char in joined for char in "銀經濟廚債條飯")
    assert not any(char in joined for char in "银经济厨债条饭")


@pytest.mark.parametrize("lines", [0, 1])
def test_nothing_or_one_line_is_one_chapter_at_most(lines, segmenter):
    analyzed, cues = analyzed_and_cues(["只有一句话"] * lines, segmenter)
    chapters = find_chapters(analyzed, cues)
    assert len(chapters) == lines
    if lines:
        assert chapters[0].line == 1 and chapters[0].start_ms == 0


def test_chapter_titles_do_not_depend_on_the_string_hash_seed(outputs_under_hash_seeds):
    # Two made-up names said equally often, with equally weighted words: the title phrases nearly tie,
    # and the last bits of each sentence's summed weight order them. Those sums must not follow a set's
    # order (the strings' hashes differ from one process to the next).
    lines = [
        "大家好，欢迎收听。",
        "我们今天都认为非常非常好的而且真的非常非常不错的还有特别特别好的是 Zorvexianitecorp 还有 Kal 还有 Mip 还有 Tov 对吧。",
        "我们今天都认为非常非常好的而且真的非常非常不错的还有特别特别好的是 Quintabularismos 还有 Lor 还有 Nep 还有 Fiv 对吧。",
        "我们今天还要再说一下而且真的还要再说一下的是 Zorvexianitecorp 对吧。",
        "我们今天还要再说一下而且真的还要再说一下的是 Quintabularismos 对吧。",
        "谢谢大家收听。",
    ]
    script = (
        "import sys\n"
        "from subpipe import process_text\n"
        "print([c.title for c in process_text(sys.stdin.read(), name='t').chapters])\n"
    )
    assert len(outputs_under_hash_seeds(script, "\n".join(lines) + "\n")) == 1


def test_chapter_scores_are_the_same_whatever_width_the_words_are_held_in():
    # The words are held as narrow as their numbers and read as numpy views of that width; the scores
    # must be the same as from 8-byte columns, with numbers and weights past 2 bytes and a line longer
    # than any chapter (numpy adds two narrow arrays without widening: no score may rest on that).
    import numpy as np
    from array import array

    from subpipe.chapters.boundaries import LineWords, _ChapterWords
    from subpipe.columns import grown

    rng = random.Random(7)
    word, weight, first = [], [], [0]
    for line in range(300):
        count = 0 if line % 37 == 0 else rng.randint(1, 6)
        for number in rng.sample(range(40_000), count):
            word.append(number if line % 5 else number % 50)
            weight.append(70_000 if line == 150 else rng.randint(1, 12))
        first.append(len(word))

    def narrow(values):
        column = array("h")
        for value in values:
            column = grown(column, value)
        return column

    wide = LineWords(array("q", word), array("q", weight), array("q", first), 40_000)
    held = LineWords(narrow(word), narrow(weight), narrow(first), 40_000)
    assert {held.word.typecode, held.weight.typecode, held.first.typecode} == {"i", "h"}
    for longest in (1200, math.inf):
        wide_fits, held_fits = _ChapterWords(wide, 0.1).fits(longest), _ChapterWords(held, 0.1).fits(longest)
        for i in range(wide.lines):
            (wide_last, wide_fit), (held_last, held_fit) = wide_fits.at(i), held_fits.at(i)
            assert wide_last == held_last and np.array_equal(wide_fit, held_fit)
