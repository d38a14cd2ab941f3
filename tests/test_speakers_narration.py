"""Who speaks in a narration, by evidence: pronouns by gender and recency, roles, organisations, names in
Latin letters, reported speech against the narrator's own commentary, sources named inside a quote.

Every line here is written for the test (no line of a corpus transcript)."""

import re

from subpipe.converter import analyze
from subpipe.glossary import Entry, build_glossary
from subpipe.model import Line, Mention, Transcript
from subpipe.speakers import attribute_speakers
from subpipe.speakers.references import FEMALE, MALE, genders
from subpipe.speakers.people import name_spans

# Invented people and organisations: Chinese form -> (id, English, kind).
NAMES = {
    "欧阳娜娜": ("nana-ouyang", "Nana Ouyang", "person"),
    "司马光": ("sima-guang", "Sima Guang", "person"),
    "诸葛亮": ("zhuge-liang", "Zhuge Liang", "person"),
    "星河科技": ("galaxy-tech", "Galaxy Tech", "org"),
    "蓝海电子": ("blue-sea-electronics", "Blue Sea Electronics", "org"),
}


def mentions_of(lines, names=NAMES):
    found = [
        Mention(number, match.start(), match.end(), name, entity, english, kind, "glossary")
        for number, text in enumerate(lines, 1)
        for name, (entity, english, kind) in names.items()
        for match in re.finditer(name, text)
    ]
    return sorted(found, key=lambda m: (m.line, m.start))


def analysed(segmenter, lines, names=NAMES):
    transcript = Transcript("t", "text", tuple(Line(number, text) for number, text in enumerate(lines, 1)))
    return analyze(transcript, segmenter.with_words(names))


def attribute(segmenter, lines, names=NAMES, **options):
    return attribute_speakers(analysed(segmenter, lines, names), mentions_of(lines, names), **options)


def speakers_of(result):
    return [result.speaker_of_line[number] for number in sorted(result.speaker_of_line)]


# -- pronouns by gender and recency ------------------------------------------------------------------


def test_she_means_the_woman_named_not_the_man_named_after_her(segmenter):
    lines = ["欧阳娜娜女士创办了这家公司", "投资人诸葛亮先生也来了", "她认为，芯片的价格还会下降"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "host", "nana-ouyang"]


def test_he_means_the_man_named_even_after_a_woman(segmenter):
    lines = ["诸葛亮先生是投资人", "欧阳娜娜女士负责研发", "他表示，明年还会追加投资"]
    assert speakers_of(attribute(segmenter, lines))[-1] == "zhuge-liang"


def test_gender_comes_from_the_episode_never_from_the_name(segmenter):
    # A pronoun used for a person right after naming them, with nobody else named around, is evidence;
    # with no evidence at all a person has no gender, whatever their name sounds like.
    lines = ["欧阳娜娜加入了公司", "她负责芯片设计", "后来司马光也加入了", "诸葛亮先生是投资人"]
    items = analysed(segmenter, lines)
    spans = name_spans(items, mentions_of(lines), ())
    found = genders(items, spans)
    assert found["nana-ouyang"] == FEMALE
    assert found["zhuge-liang"] == MALE
    assert "sima-guang" not in found


def test_a_pronoun_reaches_back_over_the_narration_to_the_person_last_named(segmenter):
    lines = ["诸葛亮是这家公司的创始人", "公司成立于十年前", "最早做的是存储芯片", "后来转向了AI芯片", "他认为，推理芯片才是未来"]
    assert speakers_of(attribute(segmenter, lines))[-1] == "zhuge-liang"


# -- roles and organisations -------------------------------------------------------------------------


def test_a_role_given_right_before_a_name_stands_for_that_person(segmenter):
    lines = [
        "播客的主持人司马光请来了诸葛亮",
        "诸葛亮说，芯片的瓶颈在内存",
        "主持人追问道，为什么是内存？",
        "诸葛亮回答说，因为带宽不够",
    ]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "sima-guang", "zhuge-liang"]


def test_a_role_after_a_verb_is_no_apposition(segmenter):
    # 主持人问诸葛亮: the host asks him; 主持人 is not his role.
    lines = ["主持人司马光开场", "主持人问诸葛亮怎么看", "诸葛亮说，还要再等等", "主持人又问，等多久？"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "sima-guang", "zhuge-liang", "sima-guang"]


def test_this_ceo_means_the_person_given_that_role(segmenter):
    lines = ["星河科技的CEO欧阳娜娜发布了新品", "价格比上一代便宜一半", "这位CEO表示，产能已经准备好了"]
    assert speakers_of(attribute(segmenter, lines))[-1] == "nana-ouyang"


def test_an_organisation_speaks_when_no_person_is_given(segmenter):
    lines = ["星河科技发布了新一代芯片", "该公司表示，新芯片的功耗下降了一半", "并且会在明年量产"]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "galaxy-tech", "galaxy-tech"]
    speaker = next(s for s in result.speakers if s.id == "galaxy-tech")
    assert (speaker.english, speaker.chinese, speaker.role) == ("Galaxy Tech", "星河科技", "guest")


def test_an_organisations_statement_and_its_own_documents(segmenter):
    lines = [
        "根据星河科技的官方声明",
        "这次合作的核心是技术授权",
        "不过，市场并不买账",
        "按照官网介绍",
        "新芯片采用了三纳米工艺",
    ]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "galaxy-tech", "host", "host", "galaxy-tech"]


def test_a_source_the_narrator_cites_without_a_voice_ends_a_turn(segmenter):
    lines = ["诸葛亮表示", "芯片的价格还会下降", "根据相关披露", "公司去年亏损了十亿"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "host", "host"]


# -- names written in Latin letters ------------------------------------------------------------------


def test_a_name_in_latin_letters_speaks_under_its_own_english(segmenter):
    lines = ["创始人 Jonathan Smith 曾在谷歌设计芯片", "Smith说，推理芯片要做得更快", "而且要更便宜"]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "jonathan-smith", "jonathan-smith"]
    smith = next(s for s in result.speakers if s.id == "jonathan-smith")
    assert (smith.english, smith.chinese) == ("Jonathan Smith", None)


def test_a_surname_two_names_share_is_credited_to_neither(segmenter):
    # Which of the two a bare Smith is, nothing says: not a guess (the shorter, or whichever a set
    # gave first), but a name of its own.
    lines = ["创始人 Jonathan Smith 和 Alice Smith 一起设计芯片", "Smith说，推理芯片要做得更快"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "smith"]


def test_a_latin_name_the_glossary_knows_is_that_entry(segmenter):
    glossary = build_glossary([Entry("nana-ouyang", "Nana Ouyang", "person", ("欧阳娜娜",))])
    lines = ["Nana Ouyang表示，芯片会越来越便宜"]
    result = attribute(segmenter, lines, glossary=glossary)
    assert speakers_of(result) == ["nana-ouyang"]


def test_words_in_capitals_and_model_names_are_no_speakers(segmenter):
    lines = ["CEO表示，GPU还不够用", "Llama 3认为这很难"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "host"]


# -- reported speech against the narrator's own voice ------------------------------------------------


def test_a_line_that_opens_with_its_reporting_verb_takes_the_subject_of_the_line_before(segmenter):
    lines = ["就连司马光也出现在评论区", "回答了一句：还不错", "诸葛亮也在现场", "并表示，下个月会发布新品"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "sima-guang", "host", "zhuge-liang"]


def test_a_cue_that_only_names_its_topic_is_the_narrators(segmenter):
    lines = ["诸葛亮讲了一个有趣的故事", "当年公司只有三个人", "连办公室都没有"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "zhuge-liang"]


def test_a_cue_with_only_whom_the_speaker_addressed_is_the_narrators(segmenter):
    lines = ["诸葛亮还告诉台下的学生们", "一定要努力工作"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang"]


def test_the_narrators_verdict_ends_a_turn(segmenter):
    for verdict in ("显然，这个判断有点乐观", "说白了就是成本问题", "不过后来这个说法被否认了", "从市场的角度来看"):
        lines = ["诸葛亮表示", "芯片的价格还会下降", verdict]
        assert speakers_of(attribute(segmenter, lines))[-1] == "host", verdict


def test_what_the_speaker_did_told_by_the_narrator_ends_the_turn(segmenter):
    lines = ["诸葛亮表示", "芯片的价格还会下降", "他现在开了一家新公司", "主要做存储芯片"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "host", "host"]


def test_the_speakers_own_questions_stay_theirs(segmenter):
    lines = [
        "诸葛亮认为",
        "决定芯片价格的到底是什么呢？",  # answered on the next line: a question in his argument
        "答案是内存",
        "那为什么价格一直不降呢？",  # the narrator's question
        "诸葛亮解释说",
    ]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "zhuge-liang", "host", "host"]


def test_a_question_after_a_verb_of_asking_is_the_askers(segmenter):
    lines = ["主持人司马光开场", "主持人又问诸葛亮", "芯片会不会过剩？", "诸葛亮说，不会"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "host", "sima-guang", "zhuge-liang"]


# -- voices inside someone's words -------------------------------------------------------------------


def test_a_person_named_as_a_source_inside_a_quote_is_not_the_speaker(segmenter):
    lines = ["诸葛亮回忆道", "当时我听司马光说过这个芯片", "司马光告诉我，这个芯片一定能成", "后来我们一起做了出来"]
    assert speakers_of(attribute(segmenter, lines)) == ["host"] + ["zhuge-liang"] * 3


def test_someone_quoted_inside_a_story_the_speaker_tells_is_the_speakers(segmenter):
    lines = [
        "诸葛亮举了个例子",
        "有一次客户来找他们",
        "有人问，能不能再快一点",
        "蓝海电子说，我们可以",
        "结果第二天就交付了",
    ]
    assert speakers_of(attribute(segmenter, lines)) == ["host"] + ["zhuge-liang"] * 4


def test_an_organisations_claim_conceded_is_rebutted_by_the_narrator(segmenter):
    lines = ["尽管星河科技事后声称从未使用这些数据", "但是没有人相信"]
    assert speakers_of(attribute(segmenter, lines)) == ["galaxy-tech", "host"]


def test_a_gendered_role_before_the_name_is_evidence_too(segmenter):
    lines = ["女CEO欧阳娜娜发布了新品", "诸葛亮先生是投资人", "她表示，价格会下降"]
    assert speakers_of(attribute(segmenter, lines))[-1] == "nana-ouyang"


def test_he_may_mean_someone_introduced_by_a_role_and_no_name(segmenter):
    # The boss is more recent than anyone named: 他 is the boss, a voice with no name.
    lines = ["司马光开了一家烤肉店", "那天店里很安静", "老板是个很斯文的大叔", "他说：“你们来得正好。”"]
    result = attribute(segmenter, lines)
    boss = result.speaker_of_line[4]
    assert boss.startswith("unnamed-")
    assert next(s for s in result.speakers if s.id == boss).chinese == "老板"


def test_a_closed_quotation_hands_the_word_back(segmenter):
    lines = ["诸葛亮说：“你们来得正好，", "今天的芯片是早上刚到的。”", "那次参观我到现在还记得"]
    assert speakers_of(attribute(segmenter, lines)) == ["zhuge-liang", "zhuge-liang", "host"]


def test_the_host_by_their_given_name_is_the_host(segmenter):
    lines = ["大家好，我是欧阳晓北", "今天聊聊芯片", "我是晓北，我们下期再见"]
    assert speakers_of(attribute(segmenter, lines, names={})) == ["host", "host", "host"]
