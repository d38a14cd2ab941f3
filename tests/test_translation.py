"""--english: a translation in the bilingual file, and the terminology check."""

from subpipe import process_text
from subpipe.formats import parse
from subpipe.glossary import Entry, build_glossary
from subpipe.settings import NameSettings, Settings
from subpipe.cues.shape import display_width
from subpipe.cues.english import split_english

NO_SHIPPED = Settings(names=NameSettings(shipped_glossary=False))
GLOSSARY = build_glossary([Entry(id="hyung-won-chung", english="Hyung Won Chung", kind="person", chinese=("郑亨元",))])
CHINESE = "第一个发言的是鲍勃·麦格鲁（Bob McGrew）\n团队成员郑亨元解释道\n麦格鲁相当于是当了大家的嘴替\n郑亨元喜欢用o1来编程"


def run(english_text, format=None):
    translation = parse(english_text, "en", format=format)
    return process_text(CHINESE, name="ep", settings=NO_SHIPPED, glossary=GLOSSARY, translation=translation)


def test_the_bilingual_file_carries_the_translation_within_the_limits():
    english = (
        "The first to speak was Bob McGrew\n"
        "Team member Hyung Won Chung explained\n"
        "McGrew was more or less everyone's mouthpiece for the whole of this rather long interview\n"
        "Hyung Won Chung likes to code with o1"
    )
    episode = run(english)
    assert episode.term_misses == ()
    shown = " ".join(line for cue in episode.bilingual_cues for line in cue.text_lines[1:])
    assert shown.split() == english.split()  # every English word, in order
    for cue in episode.bilingual_cues:
        assert 2 <= len(cue.text_lines) <= 3  # a Chinese line, one or two English lines
        assert display_width(cue.text_lines[0]) <= 16
        assert all(len(line) <= 42 for line in cue.text_lines[1:])
        assert 833 <= cue.end_ms - cue.start_ms <= 7007
        assert sum(map(len, cue.text_lines[1:])) / (cue.end_ms - cue.start_ms) * 1000 <= 20


def test_lines_whose_english_does_not_use_the_name_are_reported():
    english = (
        "The first to speak was Bob McGrew\n"
        "Team member Zheng Hengyuan explained\n"
        "He was everyone's mouthpiece\n"
        "Chung likes to code with o1"
    )
    episode = run(english)
    assert [(m.line, m.text, m.english) for m in episode.term_misses] == [
        (2, "郑亨元", "Hyung Won Chung"),
        (3, "麦格鲁", "Bob McGrew"),
        (4, "郑亨元", "Hyung Won Chung"),  # a full Chinese name needs the full English one
    ]


def test_a_timed_english_srt_is_matched_by_time():
    chinese_srt = "1\n00:00:01,000 --> 00:00:03,000\n团队成员郑亨元解释道\n\n2\n00:00:04,000 --> 00:00:06,000\n郑亨元喜欢编程\n"
    english_srt = (
        "1\n00:00:01,100 --> 00:00:02,900\nTeam member Hyung Won Chung explained\n\n"
        "2\n00:00:04,100 --> 00:00:05,900\nHe likes to code\n"
    )
    episode = process_text(
        chinese_srt, name="ep", format="srt", settings=NO_SHIPPED, glossary=GLOSSARY,
        translation=parse(english_srt, "en", format="srt"),
    )
    assert [(m.line, m.english) for m in episode.term_misses] == [(7, "Hyung Won Chung")]


def test_a_translation_with_more_lines_than_the_transcript_is_a_clear_error():
    import pytest

    from subpipe.errors import SubpipeError

    with pytest.raises(SubpipeError, match="has 5 lines and the transcript 4"):
        run("one\ntwo\nthree\nfour\nfive")


def test_split_english_keeps_every_word_and_respects_the_width():
    text = "one two three four five six seven eight nine ten"
    shares = split_english(text, [1, 1, 1], 20, max_lines=1)
    assert " ".join(line for share in shares for line in share).split() == text.split()
    assert all(len(line) <= 20 for share in shares for line in share)
    assert split_english(text, [1], 20, max_lines=1) is None


def test_the_bilingual_files_show_each_line_when_the_chinese_file_does():
    episode = process_text(CHINESE + "\n这是一个很长的句子我们需要把它切成好几个字幕因为它实在是太长了", name="ep", settings=NO_SHIPPED, glossary=GLOSSARY)
    for number in {cue.source_lines[0] for cue in episode.cues}:
        chinese = [c for c in episode.cues if c.source_lines[0] == number]
        bilingual = [c for c in episode.bilingual_cues if c.source_lines[0] == number]
        assert (bilingual[0].start_ms, bilingual[-1].end_ms) == (chinese[0].start_ms, chinese[-1].end_ms)
    assert len(episode.bilingual_cues) > len(episode.cues)  # the long line is cut into one-line cues
