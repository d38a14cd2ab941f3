"""Chapters of real transcripts against chapters a careful reader marked (benchmarks/gold/chapters/ and
tests/data/o1_chapters_gold.json), and the titles they get on every transcript of the dev corpus.

Pk and WindowDiff count how often a window of k lines is judged wrongly as holding a boundary or not (lower
is better); boundary F1 counts a boundary within 6 lines of the gold's. Everything is counted in source
lines (benchmarks/segmentation.py). benchmarks/chapters_eval.py prints the same figures per file;
docs/chapters.md reports them. The transcripts are read from ../shared/corpus, never copied here.
"""

from __future__ import annotations

import re
import statistics

import pytest
from segmentation import dev_golds, score, shared_gold, uniform_split

from subpipe import Converter
from subpipe.text.script import convert
from subpipe.text.width import display_width

# The issue's targets over the dev gold, and the shared transcript's ceiling.
MAX_MEAN_WINDOWDIFF = 0.30
MIN_MEAN_F1 = 0.6
MAX_SHARED_WINDOWDIFF = 0.33


@pytest.fixture(scope="module")
def converter():
    return Converter()


@pytest.fixture(scope="module")
def every_dev(converter, corpus_path):
    """Every transcript of ../shared/corpus/dev/ (narrations, dialogues, speeches), converted."""
    folder = corpus_path.parent / "dev"
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    assert len(paths) >= 50, f"the dev corpus is expected in {folder}"
    return {path: converter(path) for path in paths}


@pytest.fixture(scope="module")
def dev(every_dev):
    golds = dev_golds()
    missing = [str(gold.source) for gold in golds if gold.source not in every_dev]
    assert not missing, f"the dev corpus is expected in ../shared/corpus: {missing}"
    return [(gold, every_dev[gold.source]) for gold in golds]


@pytest.fixture(scope="module")
def shared(converter, corpus_path):
    gold = shared_gold()
    return gold, converter(corpus_path)


def held(episode) -> list[int]:
    return [line.number for line in episode.transcript.lines]


def found(episode) -> list[int]:
    return [chapter.line for chapter in episode.chapters[1:]]


def test_the_gold_files_are_well_formed():
    for gold in [*dev_golds(), shared_gold()]:
        assert gold.starts == tuple(sorted(set(gold.starts))), gold.name
        assert all(1 < line <= gold.lines for line in gold.starts), gold.name
        assert len(gold.titles) == len(gold.starts) + 1


def test_dev_chapters_meet_the_targets_and_beat_both_baselines_on_every_file(dev):
    scores = []
    for gold, episode in dev:
        ours = score(gold, found(episode), held(episode))
        none = score(gold, [], held(episode))
        uniform = score(gold, uniform_split(held(episode), len(gold.starts) + 1), held(episode))
        assert ours.windowdiff < min(none.windowdiff, uniform.windowdiff), (gold.name, ours, none, uniform)
        scores.append(ours)
    assert statistics.mean(s.windowdiff for s in scores) <= MAX_MEAN_WINDOWDIFF, scores
    assert statistics.mean(s.f1 for s in scores) >= MIN_MEAN_F1, scores


def test_the_shared_transcript_keeps_its_chapters(shared):
    gold, episode = shared
    ours = score(gold, found(episode), held(episode))
    uniform = score(gold, uniform_split(held(episode), len(gold.starts) + 1), held(episode))
    assert ours.windowdiff <= MAX_SHARED_WINDOWDIFF, ours
    assert ours.windowdiff < uniform.windowdiff and ours.pk < uniform.pk


def test_every_chapter_points_at_its_line_and_is_long_enough_for_youtube(every_dev, shared):
    for name, episode in [*every_dev.items(), shared]:
        starts = {}
        for cue in episode.cues:
            for number in cue.source_lines:
                starts.setdefault(number, cue.start_ms)
        chapters = episode.chapters
        assert len(chapters) >= 3, name
        assert chapters[0].start_ms == 0 and chapters[0].line == episode.transcript.lines[0].number
        for chapter in chapters[1:]:
            assert chapter.start_ms == starts[chapter.line]
        ends = [c.start_ms for c in chapters[1:]] + [max(cue.end_ms for cue in episode.cues)]
        assert all(end - chapter.start_ms >= 10_000 for chapter, end in zip(chapters, ends)), name


# What a title must never be: written here from the issue's rules, not taken from the code that makes them.
FILLERS = ("嗯", "啊", "呃", "哦", "哎", "唉", "嘛", "吧", "呢", "哈", "诶", "欸", "那个", "这个", "就是", "然后", "对吧", "好的")
# Words a noun phrase neither opens nor closes with (a title that does is a piece of a sentence).
FRAGMENT_WORDS = frozenset("的 了 和 与 及 或 在 是 把 被 对 从 向 跟 给 而 且 但 就 也 都 还 又 很 吗 呢 吧 着 过 地 得".split())
BARE_NUMBER = re.compile(r"^[\d\s.,%，。、·零一二三四五六七八九十百千万亿第个年月日号点]+$")


def title_faults(titles: list[str], segmenter) -> list[str]:
    """Every way a list of chapter titles (in order, Simplified) breaks the rules a viewer would hold."""
    faults = []
    for index, title in enumerate(titles):
        words = segmenter.words(title) or [""]
        width = display_width(title)
        if not 4 <= width <= 14:
            faults.append(f"{title!r}: {width} characters wide")
        if title.startswith(FILLERS) or title.endswith(FILLERS):
            faults.append(f"{title!r}: a filler or an interjection")
        if BARE_NUMBER.match(title):
            faults.append(f"{title!r}: a bare number")
        if words[0] in FRAGMENT_WORDS or words[-1] in FRAGMENT_WORDS or title[-1:] in "：:，,、与":
            faults.append(f"{title!r}: a fragment")
        if any(title.count(a) != title.count(b) for a, b in ("（）", "()", "“”", "「」", "《》")):
            faults.append(f"{title!r}: an open bracket or quote")
        if index and alike(titles[index - 1], title):
            faults.append(f"{titles[index - 1]!r} then {title!r}: two adjacent titles alike")
    openers = [title.split("：")[0] for title in titles if "：" in title]
    if len(titles) > 1 and openers and openers.count(openers[0]) == len(titles):
        faults.append(f"{openers[0]!r} opens every title")
    return faults


def alike(first: str, second: str) -> bool:
    """The same title, one inside the other, or the same topic after the same person."""
    a, b = first.split("：")[-1], second.split("：")[-1]
    return first == second or a in b or b in a


def test_titles_follow_the_rules_on_every_dev_file(every_dev, shared, segmenter):
    for name, episode in [*every_dev.items(), shared]:
        text = convert("".join(line.text for line in episode.transcript.lines), "t2s")
        titles = [convert(chapter.title, "t2s") for chapter in episode.chapters]
        assert not title_faults(titles, segmenter), (name, title_faults(titles, segmenter))
        for chapter in episode.chapters:
            # The chapter's own words: every part of the title is written in the transcript (a name
            # may be shortened to one of its parts, as the text itself writes it).
            for term in re.split(r"[与：]", convert(chapter.title, "t2s")):
                assert term in text, (name, chapter.title, term)


def test_title_rules_catch_what_the_issue_named(segmenter):
    def faults(*titles):
        return title_faults(list(titles), segmenter)

    assert faults("33D、3D") and faults("拜拜") and faults("2024") and faults("推理模型", "推理模型")
    assert faults("的模型训练") and faults("嗯推理模型") and faults("模型训练与") and faults("张伟：推理模型", "张伟：强化学习")
    assert not faults("推理模型的历史", "张伟：强化学习", "基准测试与人类评估", "对话录与和平")


def test_english_titles_exist_only_when_every_term_has_an_english_name(shared):
    _, episode = shared
    for chapter in episode.chapters:
        if chapter.title_en is not None:
            assert chapter.title_en.isascii() and chapter.title_en.strip()
    # The interview introduces its people by name, with their English names: some titles are English too.
    assert any(chapter.title_en for chapter in episode.chapters)
