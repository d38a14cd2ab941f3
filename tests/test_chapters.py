"""Finding chapters: boundaries from cohesion, markers and new people; counts, lengths; titles."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from subpipe.chapters.boundaries import best_boundaries, chapter_count, find_chapters, in_script, line_start_times
from subpipe.outputs.document import episode_to_dict
from subpipe.model import AnalyzedLine, Chapter, Cue, Line, Mention, Script
from subpipe.converter import process_text
from subpipe.text.script import output_config
from subpipe.settings import ChapterSettings, Settings

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


def analyzed_and_cues(texts: list[str], segmenter) -> tuple[list[AnalyzedLine], list[Cue]]:
    analyzed = [AnalyzedLine(Line(n, t), t, tuple(segmenter.tokens(t))) for n, t in enumerate(texts, 1)]
    cues = [Cue(n, (n - 1) * LINE_MS, n * LINE_MS - 100, (t,), (n,)) for n, t in enumerate(texts, 1)]
    return analyzed, cues


def test_boundaries_land_where_the_vocabulary_changes(segmenter):
    texts = topic_lines("football", 30, 1) + topic_lines("cooking", 30, 2) + topic_lines("markets", 30, 3)
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    chapters = find_chapters(analyzed, cues, settings=ChapterSettings(seconds_per_chapter=90))
    assert len(chapters) == 3
    first, second = chapters[1].line, chapters[2].line
    assert abs(first - 31) <= 2 and abs(second - 61) <= 2
    assert chapters[0].start_ms == 0 and chapters[1].start_ms == (first - 1) * LINE_MS
    for chapter, topic in zip(chapters, TOPICS):
        assert chapter.keywords and set(chapter.keywords) <= set(TOPICS[topic])


def test_a_marker_that_opens_a_topic_places_the_boundary_on_its_line(segmenter):
    # One vocabulary throughout: only the marker says where the second part starts.
    texts = topic_lines("markets", 90, 4)
    texts[39] = "接下来我们聊聊另一件事"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    chapters = find_chapters(analyzed, cues, settings=ChapterSettings(seconds_per_chapter=135))
    assert [c.line for c in chapters] == [1, 40]


def test_a_summary_closes_its_topic_and_the_next_line_opens_one(segmenter):
    texts = topic_lines("markets", 90, 5)
    texts[49] = "以上就是关于股票的内容"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    chapters = find_chapters(analyzed, cues, settings=ChapterSettings(seconds_per_chapter=135))
    assert len(chapters) == 2 and 51 <= chapters[1].line <= 54


def test_marker_words_inside_an_ordinary_sentence_are_not_markers(segmenter):
    texts = topic_lines("markets", 90, 6)
    texts[39] = "最后得到的结果也就越好"  # 最后 not standing alone: not "finally"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    with_marker = find_chapters(analyzed, cues, settings=ChapterSettings(seconds_per_chapter=135))
    texts[39] = "最后，"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    standing_alone = find_chapters(analyzed, cues, settings=ChapterSettings(seconds_per_chapter=135))
    assert with_marker[1].line != 40
    assert standing_alone[1].line == 40


def test_a_person_named_for_the_first_time_pulls_a_boundary_to_the_introduction(segmenter):
    texts = topic_lines("cooking", 90, 7)
    texts[59] = "团队成员张伟表示"
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    settings = ChapterSettings(seconds_per_chapter=135)
    person = Mention(60, 4, 6, "张伟", "zhang-wei", "Zhang Wei", "person", "glossary")
    found = find_chapters(analyzed, cues, [person], settings)
    assert 57 <= found[1].line <= 60
    # The same name again later is not a new person.
    again = [person, replace(person, line=20, start=0, end=2)]
    texts[19] = "张伟" + texts[19][2:]
    analyzed, cues = analyzed_and_cues(texts, segmenter)
    assert not 57 <= find_chapters(analyzed, cues, again, settings)[1].line <= 60


def test_best_boundaries_keeps_every_chapter_within_the_length_limits():
    starts = [i * 1000 for i in range(10)]
    scores = [0.0, 5.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 1.0, 0.0]
    # Line 1 is the best gap, but a chapter must last 3 s: it cannot start 1 s in.
    assert best_boundaries(scores, starts, 10_000, 2, min_ms=3000, max_ms=10_000) == [0, 5]
    # A chapter lasts 2 to 4 s: the last must start at line 6, 7 or 8 and the one before 2 to 4 lines
    # earlier; of those, only [4, 8] scores (line 8's 1.0).
    assert best_boundaries(scores, starts, 10_000, 3, min_ms=2000, max_ms=4000) == [0, 4, 8]


def test_best_boundaries_drops_chapters_it_cannot_fit():
    starts = [i * 1000 for i in range(10)]
    found = best_boundaries([1.0] * 10, starts, 10_000, 5, min_ms=3000, max_ms=10_000)
    assert len(found) == 3
    ends = [*found[1:], 10]
    assert all(end - start >= 3 for start, end in zip(found, ends))


def test_the_chapter_count_grows_with_the_duration_within_limits():
    settings = ChapterSettings(seconds_per_chapter=90, max_chapters=24, min_chapter_seconds=20)
    counts = [chapter_count(minutes * 60_000, 10_000, settings) for minutes in (1, 5, 15, 30, 60, 300)]
    assert counts == sorted(counts)
    assert counts[0] == 1 and counts[2] == 10 and counts[-1] == 24
    assert chapter_count(15 * 60_000, 4, settings) == 4  # never more chapters than lines


def test_a_line_without_cues_starts_with_the_next_cue():
    analyzed = [AnalyzedLine(Line(n, "话"), "话", ()) for n in (1, 2, 3)]
    cues = [Cue(1, 500, 900, ("话",), (1,)), Cue(2, 2000, 2500, ("话",), (3,))]
    assert line_start_times(analyzed, cues) == [500, 2000, 2000]


def test_titles_put_english_names_beside_chinese_and_english_titles_need_every_term(segmenter):
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
    chapters = find_chapters(analyzed, cues, mentions, ChapterSettings(seconds_per_chapter=120))
    assert [c.line for c in chapters] == [1, 41]
    first, second = chapters
    # The main person, then the key phrase, each with its English name beside it.
    assert first.title == "张伟（Zhang Wei）：机器学习（machine learning）"
    assert first.title_en == "Zhang Wei: machine learning"
    assert first.keywords[:2] == ("机器学习", "张伟")
    # Cooking words have no English names: a Chinese title only.
    assert second.title and "（" not in second.title and second.title_en is None
    assert set(second.keywords) <= set(TOPICS["cooking"])


def test_titles_and_keywords_are_shown_in_the_output_script():
    chapter = Chapter(1, 0, "机器学习与软件", None, ("机器学习", "软件"))
    (converted,) = in_script([chapter], output_config(Script.SIMPLIFIED, Script.TAIWAN))
    assert converted.title.startswith("機器學習") and converted.keywords[0] == "機器學習"
    assert in_script([chapter], None) == (chapter,)


def test_the_episode_document_lists_the_chapters():
    text = "\n".join(topic_lines("football", 40, 9) + ["接下来我们聊聊做饭"] + topic_lines("cooking", 40, 10))
    settings = Settings(chapters=ChapterSettings(seconds_per_chapter=60))
    episode = process_text(text, name="demo", settings=settings)
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
    settings = Settings(chapters=ChapterSettings(seconds_per_chapter=60), output_script=Script.TAIWAN)
    episode = process_text(text, name="demo", settings=settings)
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
