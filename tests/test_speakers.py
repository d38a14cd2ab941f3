"""Who says each line: self-introductions, speech cues, turns, unnamed voices, labels and dialogue dashes."""

import re

import pytest

from subpipe import process_text
from subpipe.glossary import Entry, build_glossary
from subpipe.model import Line, Mention, Transcript
from subpipe.converter import analyze
from subpipe.speakers import attribute_speakers

# Test people: Chinese forms, glossary ids and English names (none of them from the shared transcript).
PEOPLE = {
    "欧阳娜娜": ("nana-ouyang", "Nana Ouyang"),
    "司马光": ("sima-guang", "Sima Guang"),
    "诸葛亮": ("zhuge-liang", "Zhuge Liang"),
}


def attribute(segmenter, lines, people=PEOPLE, **options):
    transcript = Transcript("t", "text", tuple(Line(number, text) for number, text in enumerate(lines, 1)))
    analyzed = analyze(transcript, segmenter.with_words(people))
    mentions = [
        Mention(number, match.start(), match.end(), name, entity, english, "person", "glossary")
        for number, text in enumerate(lines, 1)
        for name, (entity, english) in people.items()
        for match in re.finditer(name, text)
    ]
    mentions.sort(key=lambda m: (m.line, m.start))
    return attribute_speakers(analyzed, mentions, **options)


def speakers_of(result):
    return [result.speaker_of_line[number] for number in sorted(result.speaker_of_line)]


def test_the_host_introduces_themselves_and_the_show_is_not_a_person(segmenter):
    result = attribute(segmenter, ["大家好，这里是科技早知道，我是小北", "今天聊聊芯片"])
    host = result.speakers[0]
    assert (host.id, host.role, host.chinese, host.named_in) == ("host", "host", "小北", (1,))
    assert result.show_name == "科技早知道"
    assert speakers_of(result) == ["host", "host"]
    assert all(s.chinese != "科技早知道" for s in result.speakers)


def test_a_self_introduction_inside_relayed_words_is_not_the_host(segmenter):
    lines = ["我是小北", "欧阳娜娜回忆道", "当时我是班长", "我是欧阳娜娜", "好了，", "我是小北"]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "host", "nana-ouyang", "nana-ouyang", "host", "host"]
    assert result.speakers[0].chinese == "小北"


def test_a_guest_introducing_themselves_in_the_narration_takes_the_turn(segmenter):
    result = attribute(segmenter, ["我是小北", "今天请来了一位嘉宾", "大家好，我是阿强", "我做芯片十年了"])
    assert speakers_of(result) == ["host", "host", "阿强", "阿强"]
    assert next(s for s in result.speakers if s.id == "阿强").role == "guest"


def test_an_ordinary_word_after_wo_shi_is_not_a_name(segmenter):
    result = attribute(segmenter, ["我是说这个问题很难", "我是一个程序员", "我是真的很难过"])
    assert result.speakers[0].chinese is None


@pytest.mark.parametrize("line", ["我是你们的老朋友小北", "我是主持人小北。", "小北我今天想聊聊芯片"])
def test_other_ways_a_host_says_who_they_are(segmenter, line):
    result = attribute(segmenter, ["我是小北", line] if line.startswith("小北我") else [line])
    assert result.speakers[0].chinese == "小北"
    assert set(result.speaker_of_line.values()) == {"host"}


def test_a_speech_cue_hands_the_turn_over_until_a_narrators_marker(segmenter):
    lines = [
        "我是小北",
        "团队成员欧阳娜娜解释道",  # introduces her: the host's line
        "我们花了三年时间",
        "才把这个芯片做出来",
        "好了，",
        "我们继续往下看",
    ]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "host", "nana-ouyang", "nana-ouyang", "host", "host"]
    nana = next(s for s in result.speakers if s.id == "nana-ouyang")
    assert (nana.english, nana.role, nana.lines, nana.named_in) == ("Nana Ouyang", "guest", (3, 4), (2,))


def test_words_after_the_cue_on_the_same_line_are_the_persons(segmenter):
    lines = ["诸葛亮就提到，从本质上来讲", "训练模型很难", "在司马光看来，这不算难"]
    assert speakers_of(attribute(segmenter, lines)) == ["zhuge-liang", "zhuge-liang", "sima-guang"]


@pytest.mark.parametrize(
    "cue",
    ["用司马光的话来说就是", "根据司马光的说法", "司马光非常有自信的说道", "司马光也觉得", "正如司马光所说"],
)
def test_reported_speech_frames(segmenter, cue):
    result = attribute(segmenter, ["开场白", cue, "这件事情很难做"])
    assert speakers_of(result) == ["host", "host", "sima-guang"]


def test_a_name_before_a_colon_and_a_quote_starts_a_quotation(segmenter):
    result = attribute(segmenter, ["欧阳娜娜：“我们成功了", "这是一个新的开始”"])
    assert speakers_of(result) == ["nana-ouyang", "nana-ouyang"]


def test_a_pronoun_goes_on_with_the_person_just_named(segmenter):
    lines = ["司马光接上了话茬", "他说，所谓推理", "就是多想一会儿"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "sima-guang", "sima-guang"]


def test_a_pronoun_with_nobody_named_nearby_is_an_unnamed_voice(segmenter):
    result = attribute(segmenter, ["今天天气很好", "他说，我们出去走走"])
    assert speakers_of(result) == ["host", "unnamed-1"]


def test_someone_spoken_to_is_not_the_speaker(segmenter):
    result = attribute(segmenter, ["我对司马光说", "你好"])
    assert speakers_of(result) == ["host", "host"]
    assert next(s for s in result.speakers if s.id == "sima-guang").role == "mentioned"


def test_the_turn_ends_at_a_question_another_person_or_the_hosts_own_name(segmenter):
    lines = [
        "我是小北",
        "欧阳娜娜表示",
        "这个芯片很快",
        "那它到底有多快呢？",  # a question to the audience: the host's
        "诸葛亮补充道",
        "比上一代快一倍",
        "司马光的团队也在做类似的事情",  # another person named: the host speaks about him
        "诸葛亮认为",
        "这很重要",
        "小北我觉得也是",  # the host names himself
    ]
    expected = ["host", "host", "nana-ouyang", "host", "host", "zhuge-liang", "host", "host", "zhuge-liang", "host"]
    assert speakers_of(attribute(segmenter, lines)) == expected


def test_a_question_inside_an_open_quotation_stays_with_the_speaker(segmenter):
    lines = ["诸葛亮说：“", "为什么不试试呢？", "结果出人意料”"]
    assert speakers_of(attribute(segmenter, lines)) == ["host", "zhuge-liang", "zhuge-liang"]


def test_a_new_topic_ends_a_turn(segmenter):
    lines = ["欧阳娜娜表示", "芯片很快", "价格也合适", "市场反应热烈"]
    assert speakers_of(attribute(segmenter, lines, topic_starts={4}))[-1] == "host"
    assert speakers_of(attribute(segmenter, lines))[-1] == "nana-ouyang"


def test_unnamed_voices_get_their_own_speakers_not_the_host(segmenter):
    lines = [
        "我是小北",
        "主持人问道",
        "你们下一步做什么",
        "有人说，这不可能",
        "主持人又问道，成本呢",
        "向观众解释这个概念",  # the audience is spoken to, not speaking
        "律师的问题是，合同有效吗",
    ]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "host", "unnamed-1", "unnamed-2", "unnamed-1", "host", "unnamed-3"]
    chinese = {s.id: s.chinese for s in result.speakers}
    assert (chinese["unnamed-1"], chinese["unnamed-2"]) == ("主持人", "有人")


def test_a_panel_relayed_by_the_host_gives_each_guest_their_turns(segmenter):
    lines = [
        "我是小北",
        "第一位发言的是欧阳娜娜",
        "她说，芯片要做小",
        "诸葛亮则认为",
        "芯片要做快",
        "司马光表示",
        "芯片要做便宜",
    ]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "host", "nana-ouyang", "host", "zhuge-liang", "host", "sima-guang"]
    assert [s.id for s in result.speakers if s.role == "guest"] == ["nana-ouyang", "zhuge-liang", "sima-guang"]


def test_people_only_talked_about_are_mentioned_and_shares_add_up(segmenter):
    result = attribute(segmenter, ["我是小北", "司马光写了一本书", "欧阳娜娜表示", "这本书很好"])
    roles = {s.id: s.role for s in result.speakers}
    assert roles == {"host": "host", "nana-ouyang": "guest", "sima-guang": "mentioned"}
    assert sum(s.share for s in result.speakers) == pytest.approx(1.0, abs=0.001)
    assert next(s for s in result.speakers if s.id == "sima-guang").named_in == (2,)


def test_unresolved_names_before_speech_verbs_speak_under_their_chinese_name(segmenter):
    from subpipe.model import UnresolvedName

    lines = ["团队成员郭小飞解释道", "这个设计很简单"]
    transcript = Transcript("t", "text", tuple(Line(number, text) for number, text in enumerate(lines, 1)))
    analyzed = analyze(transcript, segmenter.with_words(["郭小飞"]))
    unresolved = [UnresolvedName("郭小飞", "郭小飞", (1,), "named as a speaker")]
    result = attribute_speakers(analyzed, [], unresolved)
    assert speakers_of(result) == ["host", "郭小飞"]
    speaker = next(s for s in result.speakers if s.id == "郭小飞")
    assert (speaker.english, speaker.chinese, speaker.role) == (None, "郭小飞", "guest")


def test_srt_dialogue_dashes_change_speaker(segmenter):
    lines = ["你去哪儿", "- 回家 - 这么早", "- 明天还要上班", "好吧"]
    result = attribute(segmenter, lines)
    # Each dash is a change of speaker; the line belongs to its first turn, the next line to its last.
    assert speakers_of(result) == ["host", "unnamed-1", "unnamed-1", "unnamed-1"]


# ---------------------------------------------------------------------------------------------------
# Labels written in the input.


def test_labels_win_and_are_aligned_to_the_glossary():
    glossary = build_glossary([Entry("sima-guang", "Sima Guang", "person", ("司马光",))])
    text = "主持人：欢迎收听\n司马光：谢谢邀请\n我今天来讲讲历史\n主持人：请开始吧\n司马光：好的\n"
    episode = process_text(text, name="t", glossary=glossary)
    expected = ["host", "sima-guang", "sima-guang", "host", "sima-guang"]
    assert [episode.speaker_of_line[n] for n in range(1, 6)] == expected
    guest = next(s for s in episode.speakers if s.id == "sima-guang")
    assert (guest.english, guest.role, guest.lines) == ("Sima Guang", "guest", (2, 3, 5))


def test_a_vtt_voice_in_english_is_aligned_to_the_glossary_entry():
    glossary = build_glossary([Entry("sima-guang", "Sima Guang", "person", ("司马光",))])
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Host>大家好\n\n"
        "00:00:03.500 --> 00:00:05.000\n<v Sima Guang>谢谢\n\n00:00:05.500 --> 00:00:07.000\n<v Zoe>我也来了\n"
    )
    episode = process_text(vtt, name="t", format="vtt", glossary=glossary)
    assert list(episode.speaker_of_line.values()) == ["host", "sima-guang", "zoe"]
    zoe = next(s for s in episode.speakers if s.id == "zoe")
    assert (zoe.english, zoe.role) == ("Zoe", "guest")


def test_the_label_that_introduces_the_show_is_the_host():
    text = "小北：这里是科技早知道\n阿强：大家好\n小北：今天聊芯片\n阿强：好的\n"
    episode = process_text(text, name="t")
    roles = {s.id: s.role for s in episode.speakers}
    assert roles == {"小北": "host", "阿强": "guest"}
    assert episode.speakers[0].id == "小北"
    assert episode.show_name == "科技早知道"


def test_speakers_labelled_by_a_role_take_the_name_they_introduce_themselves_with():
    glossary = build_glossary([Entry("sima-guang", "Sima Guang", "person", ("司马光",))])
    text = (
        "主持人：欢迎收听本期节目，我是小北。\n说话人 2：大家好，我是司马光。\n主持人：今天聊历史。\n"
        "说话人 3：我也来听听。\n说话人 2：好的，我们开始吧。\n"
    )
    episode = process_text(text, name="t", glossary=glossary)
    named = {s.id: (s.chinese, s.english) for s in episode.speakers}
    assert named["host"] == ("小北", None)
    assert named["说话人 2"] == ("司马光", "Sima Guang")
    # Who never says who they are keeps their label; the lines stay with the same speakers.
    assert named["说话人 3"] == ("说话人 3", None)
    assert [episode.speaker_of_line[n] for n in range(1, 6)] == ["host", "说话人 2", "host", "说话人 3", "说话人 2"]


def test_a_speaker_labelled_by_name_keeps_the_label_whatever_they_say():
    text = "小北：这里是科技早知道\n阿强：大家好，我是你们的老朋友阿强\n小北：我是小北，今天聊芯片\n阿强：好的\n"
    episode = process_text(text, name="t")
    assert {s.id: s.chinese for s in episode.speakers} == {"小北": "小北", "阿强": "阿强"}


def test_two_runs_with_different_glossaries_stay_independent():
    text = "团队成员欧阳娜娜解释道\n我们做了一个芯片\n"
    with_name = build_glossary([Entry("nana-ouyang", "Nana Ouyang", "person", ("欧阳娜娜",))])
    named = process_text(text, name="a", glossary=with_name)
    plain = process_text(text, name="b", glossary=build_glossary([]))
    assert named.speaker_of_line[2] == "nana-ouyang"
    assert plain.speaker_of_line[2] != "nana-ouyang"
    assert process_text(text, name="c", glossary=with_name).speaker_of_line == named.speaker_of_line


# ---------------------------------------------------------------------------------------------------
# Dialogue without labels.


def test_two_voices_introducing_themselves_make_a_dialogue_whose_unmarked_lines_are_unknown(segmenter):
    lines = ["大家好，我是小北", "我是阿强", "我做芯片十年了", "好的，", "那你觉得明年会怎样", "应该会更好"]
    result = attribute(segmenter, lines)
    said = speakers_of(result)
    assert said[:4] == ["host", "阿强", "阿强", "host"]
    assert said[4:] == ["unknown", "unknown"]  # nothing says who asks or who answers: not guessed
    unknown = next(s for s in result.speakers if s.id == "unknown")
    assert (unknown.role, unknown.lines) == ("unknown", (5, 6))


def test_a_narration_with_one_voice_stays_the_hosts(segmenter):
    lines = ["大家好，我是小北", "今天聊聊芯片", "这个行业变化很快", "我们下期再见"]
    assert speakers_of(attribute(segmenter, lines)) == ["host"] * 4


def test_a_name_merely_mentioned_is_no_speaker(segmenter):
    lines = ["我是小北", "欧阳娜娜在小说里是个侦探", "她破了很多案子"]
    result = attribute(segmenter, lines)
    assert speakers_of(result) == ["host", "host", "host"]
    assert next(s for s in result.speakers if s.id == "nana-ouyang").role == "mentioned"


def test_stage_directions_are_no_ones_and_leave_the_turn_as_it_was(segmenter):
    transcript = Transcript(
        "t", "text", (Line(1, "我是小北"), Line(2, "欧阳娜娜回忆道"), Line(3, "（笑）", speech=False), Line(4, "那时候很难"))
    )
    analyzed = analyze(transcript, segmenter.with_words(PEOPLE))
    mentions = [Mention(2, 0, 4, "欧阳娜娜", "nana-ouyang", "Nana Ouyang", "person", "glossary")]
    result = attribute_speakers(analyzed, mentions)
    assert speakers_of(result) == ["host", "host", None, "nana-ouyang"]
