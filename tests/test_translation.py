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


def run_timed(chinese_srt, english, english_format="srt"):
    return process_text(
        chinese_srt, name="ep", format="srt", settings=NO_SHIPPED, glossary=GLOSSARY,
        translation=parse(english, "en", format=english_format),
    )


def test_a_timed_english_srt_is_matched_by_time():
    chinese_srt = "1\n00:00:01,000 --> 00:00:03,000\n团队成员郑亨元解释道\n\n2\n00:00:04,000 --> 00:00:06,000\n郑亨元喜欢编程\n"
    english_srt = (
        "1\n00:00:01,100 --> 00:00:02,900\nTeam member Hyung Won Chung explained\n\n"
        "2\n00:00:04,100 --> 00:00:05,900\nHe likes to code\n"
    )
    episode = run_timed(chinese_srt, english_srt)
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


def test_a_translation_of_the_first_lines_leaves_the_rest_chinese_with_one_warning():
    episode = run("The first to speak was Bob McGrew\nTeam member Hyung Won Chung explained")
    untranslated = [cue for cue in episode.bilingual_cues if cue.source_lines[0] in (3, 4)]
    assert untranslated and all(len(cue.text_lines) == 1 for cue in untranslated)
    warnings = [w.message for w in episode.warnings if "no English" in w.message]
    assert warnings == ["2 of 4 lines have no English translation and show in Chinese only (lines 3-4)"]
    assert episode.term_misses == ()  # untranslated lines are not checked


def test_timed_english_goes_to_the_line_it_overlaps_and_shares_numbers_with():
    chinese_srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n团队在2019年成立\n\n"
        "2\n00:00:03,100 --> 00:00:05,000\n郑亨元喜欢编程\n"
    )
    # The first English cue overlaps both lines about evenly; its 2019 says which it translates.
    english_srt = (
        "1\n00:00:02,000 --> 00:00:04,050\nThe team was founded in 2019\n\n"
        "2\n00:00:04,100 --> 00:00:05,000\nHyung Won Chung likes to code\n"
    )
    episode = run_timed(chinese_srt, english_srt)
    english_of = {c.source_lines[0]: " ".join(c.text_lines[1:]) for c in episode.bilingual_cues}
    assert english_of == {3: "The team was founded in 2019", 7: "Hyung Won Chung likes to code"}


def test_english_is_cut_between_words_never_inside_a_name_or_a_number():
    text = "In an interview this week Sam Altman said that OpenAI had raised 6.6 billion dollars from investors"
    for weights in ([1, 1], [1, 1, 1], [3, 1, 2]):
        shares = split_english(text, weights, 42, names=["Sam Altman"])
        lines = [line for share in shares for line in share]
        assert " ".join(lines).split() == text.split()
        assert all(len(line) <= 42 for line in lines)
        for line in lines:
            assert not line.endswith(("Sam", "6.6", "billion")), lines


def test_english_prefers_to_break_after_punctuation():
    from subpipe.cues.english import wrap_english

    assert wrap_english("First, this time I came at my own expense, on leave over the long weekend.", 42) == [
        "First, this time I came at my own expense,",
        "on leave over the long weekend.",
    ]


def test_a_timed_line_too_short_for_its_english_runs_on_into_the_pause_after_it():
    chinese_srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n郑亨元喜欢编程\n\n"
        "2\n00:00:06,000 --> 00:00:08,000\n他说的\n"
    )
    english = "Hyung Won Chung likes writing code with o1 more than anything\nHe said so"
    episode = run_timed(chinese_srt, english, "text")
    first = episode.bilingual_cues[0]
    assert first.start_ms == 1000  # it still starts with the speech
    assert sum(map(len, first.text_lines[1:])) / (first.end_ms - first.start_ms) * 1000 <= 20
    assert first.end_ms <= 6000 - 83
    assert not [w for w in episode.warnings if "break a limit" in w.message]


def test_a_gloss_the_english_says_is_not_shown_twice():
    chinese = "是鲍勃·麦格鲁（Bob McGrew）"
    episode = process_text(
        chinese, name="ep", settings=NO_SHIPPED, glossary=GLOSSARY,
        translation=parse("It was Bob McGrew", "en", format="text"),
    )
    (cue,) = episode.bilingual_cues
    assert cue.text_lines == ("是鲍勃·麦格鲁", "It was Bob McGrew")
    assert episode.cues[0].text_lines == ("是鲍勃·麦格鲁（Bob McGrew）",)  # the Chinese file keeps it


def test_long_translations_keep_both_languages_limits(corpus_path):
    lines = [line for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()][:60]
    english = "\n".join(
        f"Line {n} says something rather long about the topic at hand, with Sam Altman and OpenAI, and 3.5 billion dollars"
        for n in range(1, len(lines) + 1)
    )
    episode = process_text("\n".join(lines), name="o1", translation=parse(english, "en", format="text"))
    previous_end = None
    for cue in episode.bilingual_cues:
        duration = cue.end_ms - cue.start_ms
        assert 833 <= duration <= 7007
        assert display_width(cue.text_lines[0]) <= 16
        assert 1 <= len(cue.text_lines[1:]) <= 2 and all(len(line) <= 42 for line in cue.text_lines[1:])
        assert sum(map(len, cue.text_lines[1:])) * 1000 <= 20 * duration
        assert previous_end is None or cue.start_ms - previous_end >= 83
        previous_end = cue.end_ms
    # The Chinese file shows each line for as long: both files stay in step.
    for number in {c.source_lines[0] for c in episode.cues}:
        chinese = [c for c in episode.cues if c.source_lines[0] == number]
        assert chinese[0].start_ms == min(c.start_ms for c in episode.bilingual_cues if c.source_lines[0] == number)


def _naive_wrap(words, width, max_lines, balance_weight, gap_cost, plain):
    """An independent exhaustive search over every way to set the words as lines (no memory)."""
    def length(a, b):
        return len(" ".join(words[a:b]))

    def search(start, lines):
        if length(start, len(words)) <= width:
            return 0.0, [" ".join(words[start:])]
        if lines < 2:
            return None
        best = None
        for cut in range(start + 1, len(words)):
            first = length(start, cut)
            if first > width:
                break
            rest = search(cut, lines - 1)
            if rest is None:
                continue
            cost = gap_cost(cut) + (abs(first - length(cut, len(words))) * balance_weight if lines == 2 else 0.0)
            cost += rest[0] + plain
            if best is None or cost < best[0]:
                best = (cost, [" ".join(words[start:cut]), *rest[1]])
        return best

    found = search(0, max_lines)
    return None if found is None else found[1]


def test_english_wrapped_into_many_lines_is_the_best_layout_and_each_rest_is_searched_once(monkeypatch):
    # A translation line too long for its cues is wrapped into as many lines as it needs (up to a
    # thousand): the search must give the cheapest layout, and must not search the same rest of the
    # words once per way of reaching it (it never finished on an 80-word line).
    from subpipe.cues import english

    text = ("The team spent many months testing whether the model could reason about problems step by step, "
            "and what they found changed how they thought about training.")
    parsed = english.words_of(text, ())
    for lines in (2, 3, 4, 7, 1000):
        got = english.wrap_english(text, 20, lines)
        expected = _naive_wrap(parsed.words, 20, lines, english._BALANCE, lambda cut: parsed.costs[cut - 1], english._PLAIN)
        assert got == expected

    calls = 0
    search = english._wrap

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return search(*args, **kwargs)

    monkeypatch.setattr(english, "_wrap", counted)
    long_text = " ".join([text] * 4)  # about 100 words
    lines = english.wrap_english(long_text, 20, 1000)
    assert " ".join(lines).split() == long_text.split()
    assert calls < 20_000
