"""Names: learned from the transcript, aligned to glossaries, reported when unresolved."""

from subpipe import process_text
from subpipe.glossary import Entry, Origin, build_glossary
from subpipe.settings import NameSettings, Settings, ShapeSettings

NO_SHIPPED = Settings(names=NameSettings(shipped_glossary=False))


def glossary(*rows):
    entries = [
        Entry(id=english.lower().replace(" ", "-"), english=english, kind=kind, chinese=tuple(forms), origin=Origin("g.csv", n + 2))
        for n, (english, kind, forms) in enumerate(rows)
    ]
    return build_glossary(entries)


def run(text, gloss=None, settings=NO_SHIPPED):
    return process_text(text, name="t", settings=settings, glossary=gloss if gloss is not None else glossary())


def found(episode):
    return [(m.line, m.text, m.english, m.via) for m in episode.mentions]


def test_a_name_spelled_once_names_its_parts_before_and_after():
    episode = run("麦格鲁先开了口\n第一个发言的是鲍勃·麦格鲁（Bob McGrew）\n麦格鲁相当于是当了大家的嘴替\n鲍勃也同意")
    assert found(episode) == [
        (1, "麦格鲁", "Bob McGrew", "partial"),
        (2, "鲍勃·麦格鲁", "Bob McGrew", "inline"),
        (3, "麦格鲁", "Bob McGrew", "partial"),
        (4, "鲍勃", "Bob McGrew", "partial"),
    ]
    assert [(e.chinese, e.english, e.kind, e.line) for e in episode.learned] == [("鲍勃·麦格鲁", "Bob McGrew", "person", 2)]


def test_english_run_on_without_brackets_is_learned_and_the_name_starts_after_function_words():
    episode = run("团队成员之一的杰瑞·特沃里克Jerry Tworek就表示\n用特沃里克的话来说就是")
    assert found(episode) == [(1, "杰瑞·特沃里克", "Jerry Tworek", "inline"), (2, "特沃里克", "Jerry Tworek", "partial")]


def test_chinese_name_with_english_in_brackets():
    episode = run("赵深加（Shengjia Zhao）喜欢数字母\n赵深加又说")
    assert [(m.line, m.text, m.english) for m in episode.mentions] == [(1, "赵深加", "Shengjia Zhao"), (2, "赵深加", "Shengjia Zhao")]
    assert episode.learned[0].kind == "person"


def test_products_and_phrases_glued_to_chinese_are_not_learned_as_names():
    episode = run("谷歌DeepMind发布了新模型\n让团队见证了Scaling Law和监督学习\n他们深受 AlphaGo 的启发")
    assert episode.learned == ()
    assert episode.mentions == ()


def test_the_glossary_wins_over_the_transcripts_spelling_and_the_difference_is_reported():
    gloss = glossary(("William Fedus", "person", ["利亚姆·费思"]))
    episode = run("团队成员利亚姆·费思（Liam Fedus）也觉得\n费思说", gloss)
    assert [(m.text, m.english) for m in episode.mentions] == [("利亚姆·费思", "William Fedus"), ("费思", "William Fedus")]
    assert any("Liam Fedus" in w.message and "William Fedus" in w.message for w in episode.warnings)
    assert [e.kept for e in episode.learned] == [False]


def test_a_given_name_two_people_share_follows_the_one_the_episode_names():
    gloss = glossary(("Jason Wei", "person", ["杰森·魏"]), ("Jason Huang", "person", ["杰森·黄"]))
    named = run("杰森·魏写了一篇博客\n杰森说这很有用", gloss)
    assert found(named)[1] == (2, "杰森", "Jason Wei", "partial")
    unnamed = run("杰森说这很有用", gloss)
    assert unnamed.mentions == ()
    assert [(m.line, m.text) for m in unnamed.ambiguous] == [(1, "杰森")]
    assert any("杰森" in w.message for w in unnamed.warnings)


def test_dotless_form_matches_and_stays_one_word():
    gloss = glossary(("Jason Wei", "person", ["杰森·魏"]))
    episode = run("团队成员杰森魏的测试", gloss)
    assert found(episode) == [(1, "杰森魏", "Jason Wei", "dotless")]


def test_traditional_transcript_matches_a_simplified_glossary_and_keeps_its_own_text():
    gloss = glossary(("Hyung Won Chung", "person", ["郑亨元"]))
    episode = run("團隊成員鄭亨元解釋道\n第一個發言的是鮑勃·麥格魯（Bob McGrew）\n麥格魯相當於", gloss)
    assert [(m.text, m.english) for m in episode.mentions] == [
        ("鄭亨元", "Hyung Won Chung"),
        ("鮑勃·麥格魯", "Bob McGrew"),
        ("麥格魯", "Bob McGrew"),
    ]


SPEAKER_LINES = "团队成员郑亨元解释道\n他说，所谓的推理模型\n比如你问意大利的首都在哪\n根据郑亨元的说法"


def test_a_name_followed_by_a_speech_verb_is_reported_unresolved_but_ordinary_words_are_not():
    settings = Settings(names=NameSettings(shipped_glossary=False, romanise=False))
    episode = run(SPEAKER_LINES, settings=settings)
    assert [(u.text, u.lines) for u in episode.unresolved] == [("郑亨元", (1, 4))]


def test_a_chinese_name_in_a_person_context_is_romanised_for_review_and_ordinary_words_are_not():
    episode = run(SPEAKER_LINES)
    assert found(episode) == [(1, "郑亨元", "Zheng Hengyuan", "romanised"), (4, "郑亨元", "Zheng Hengyuan", "romanised")]
    assert episode.unresolved == ()


def test_an_unknown_dotted_name_and_transliteration_are_reported_unresolved():
    episode = run("我们请来了安德烈亚斯·布鲁默\n布鲁默介绍了他的研究")
    texts = {u.text for u in episode.unresolved}
    assert "安德烈亚斯·布鲁默" in texts


def test_two_runs_with_different_glossaries_in_one_process_are_independent():
    text = "郑亨元喜欢用o1来编程"
    with_name = run(text, glossary(("Hyung Won Chung", "person", ["郑亨元"])))
    without = run(text, glossary(("Somebody Else", "person", ["某某某"])))
    again = run(text, glossary(("Hyung Won Chung", "person", ["郑亨元"])))
    assert [m.english for m in with_name.mentions] == ["Hyung Won Chung"]
    assert without.mentions == ()
    assert found(again) == found(with_name)


def test_names_are_never_split_across_subtitle_lines():
    gloss = glossary(("Giambattista Parascandolo", "person", ["詹巴蒂斯塔·帕拉斯坎多洛"]))
    narrow = Settings(shape=ShapeSettings(max_line_width=12), names=NameSettings(shipped_glossary=False))
    episode = run("然后詹巴蒂斯塔·帕拉斯坎多洛接上了话茬", gloss, narrow)
    assert any("詹巴蒂斯塔·帕拉斯坎多洛" in line for cue in episode.cues for line in cue.text_lines)


def test_bilingual_cues_show_english_names_at_the_first_mention():
    gloss = glossary(("Hyung Won Chung", "person", ["郑亨元"]))
    text = "团队成员郑亨元解释道\n郑亨元喜欢用o1来编程"
    first = run(text, gloss)
    assert [cue.text_lines for cue in first.bilingual_cues] == [
        ("团队成员郑亨元解释道", "Hyung Won Chung"),
        ("郑亨元喜欢用o1来编程",),
    ]
    every = run(text, gloss, Settings(names=NameSettings(shipped_glossary=False, english="every")))
    assert [cue.text_lines[-1] for cue in every.bilingual_cues] == ["Hyung Won Chung", "Hyung Won Chung"]
    none = run(text, gloss, Settings(names=NameSettings(shipped_glossary=False, english="none")))
    assert all(len(cue.text_lines) == 1 for cue in none.bilingual_cues)


def test_an_unlisted_transliteration_variant_is_reported_as_a_likely_match():
    gloss = glossary(("Ilya Sutskever", "person", ["伊利亚·苏茨克维"]), ("Elon Musk", "person", ["埃隆·马斯克"]))
    episode = run("他们请来了苏茨克沃\n艾隆说", gloss)
    likely = {u.text: u.likely for u in episode.unresolved}
    assert likely["苏茨克沃"] == ("Ilya Sutskever", "苏茨克维")


def test_ordinary_words_made_of_transliteration_characters_are_not_flagged():
    episode = run("我们去了莱茵河边吃巴西烤肉和巧克力布丁\n马拉松选手说这款沙拉很好吃\n比如你问意大利的首都在哪")
    assert episode.unresolved == ()


def test_glossary_suggest_lists_learned_and_unresolved_names_across_transcripts(tmp_path, capsys):
    from subpipe.cli.main import main

    first = tmp_path / "ep1.txt"
    first.write_text("第一个发言的是鲍勃·麦格鲁（Bob McGrew）\n团队成员郑亨元解释道\n", encoding="utf-8")
    second = tmp_path / "ep2.txt"
    second.write_text("根据郑亨元的说法\n", encoding="utf-8")
    out = tmp_path / "suggested.csv"
    assert main(["glossary", "suggest", str(first), str(second), "--no-shipped-glossary", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "chinese,english,type,aliases,note"
    assert rows[1].startswith("鲍勃·麦格鲁,Bob McGrew,person,,") and "ep1:1" in rows[1]
    # A Chinese name said to speak, with no English anywhere: romanised, and listed to be checked.
    assert rows[2].startswith("郑亨元,Zheng Hengyuan,person,,") and "romanised" in rows[2]
    assert "ep1:2" in rows[2] and "ep2:1" in rows[2]
    assert len(rows) == 3


def test_new_words_change_the_cut_of_no_line_that_does_not_hold_them(corpus_path):
    from subpipe.text.segment import Segmenter

    lines = corpus_path.read_text(encoding="utf-8").splitlines()
    plain = Segmenter()
    more = plain.with_words(["莱特曼", "特沃里克", "郑亨元", "杰森魏"])
    for line in lines:
        if not any(word in line for word in ("莱特曼", "特沃里克", "郑亨元", "杰森魏")):
            assert more.words(line) == plain.words(line)


def test_a_few_words_layered_on_the_dictionary_cut_every_line_as_a_copy_holding_them_does(corpus_path):
    from subpipe.text.segment import Segmenter

    lines = corpus_path.read_text(encoding="utf-8").splitlines()
    words = ["莱特曼", "特沃里克", "郑亨元", "杰森魏"]
    layered = Segmenter(["鲍勃麦格鲁"]).with_words(words, layered=True)
    copied = Segmenter(["鲍勃麦格鲁", *words])  # its own dictionary with all of them
    assert [layered.words(line) for line in lines] == [copied.words(line) for line in lines]
    assert any("郑亨元" in layered.words(line) for line in lines)



def test_the_words_a_segmenter_holds_do_not_depend_on_the_order_they_are_given_in():
    # Each added word's frequency depends on the words added before it (jieba's running total), and a
    # set's order changes with Python's hash seed: the same words must give the same dictionary.
    import itertools

    from subpipe.text.segment import Segmenter, _add_words

    letters = "阿巴卡达埃法加哈伊贾克拉马纳奥帕奎萨塔乌瓦维西亚扎"
    words = ["".join(p) for p in itertools.islice(itertools.permutations(letters, 3), 3000)]
    forward, backward = Segmenter(), Segmenter()
    _add_words(forward._tokenizer, words)
    _add_words(backward._tokenizer, words[::-1])
    assert [forward._tokenizer.FREQ[w] for w in words] == [backward._tokenizer.FREQ[w] for w in words]


def test_likely_scores_are_the_sound_scores_that_can_make_a_likely_match():
    # The pruned score of `_with_likely_matches` against the full one, over pairs of the shipped
    # glossary's names: equal wherever the full score reaches the threshold, 0 elsewhere.
    from subpipe.glossary import load_glossaries
    from subpipe.names import align
    from subpipe.text.pinyin import name_syllables

    forms = [form for form in load_glossaries([]).aliases if len(form) >= 2][::7]
    syllables = [name_syllables(form) for form in forms]
    pairs = likely = 0
    for heard in syllables[:120]:
        for other in syllables:
            full = align._sound_score(heard, other)
            expected = full if full >= align._LIKELY_LETTERS else 0.0
            assert align._likely_score(heard, other) == expected, (heard, other)
            pairs += 1
            likely += expected > 0
    assert pairs > 10_000 and likely > 120  # every name matches itself, and some match others


def test_an_extended_glossary_finds_the_names_one_built_whole_finds(segmenter):
    # An episode's glossary (the converter's with a few names learned) updates the converter's form
    # matcher instead of building one: it must find what a matcher built whole finds (a pickled
    # glossary forgets what it extends, so its matcher is built whole), whichever forms collide,
    # including forms written with other dots.
    import pickle

    from hypothesis import given, settings as hypothesis_settings, strategies as st

    from subpipe.glossary import extended_glossary
    from subpipe.model import Line, Transcript
    from subpipe.names.align import align_names
    from subpipe.text.analysis import analyze

    forms = ["萨姆·奥特曼", "奥特曼", "山姆•奥特曼", "伊利亚·苏茨克维", "苏茨克维", "北京大学", "北大", "鲍勃・麦格鲁", "麦格鲁"]
    names = st.lists(
        st.tuples(st.sampled_from(["Sam Altman", "Ilya Sutskever", "Peking University", "Bob McGrew"]),
                  st.lists(st.sampled_from(forms), max_size=3), st.sampled_from(["person", "org"])),
        max_size=5,
    )

    def entries(drawn, where):
        return [Entry(id=e.lower().replace(" ", "-"), english=e, kind=k, chinese=tuple(f), origin=Origin(where, n + 1))
                for n, (e, f, k) in enumerate(drawn)]

    @hypothesis_settings(max_examples=150, deadline=None)
    @given(names, names, st.lists(st.sampled_from(forms), min_size=1, max_size=6))
    def check(first, then, said):
        base = build_glossary(entries(first, "g.csv"))
        extended = extended_glossary(base, entries(then, "episode.txt"))
        whole = pickle.loads(pickle.dumps(extended))
        assert whole.extends is None and whole.aliases == extended.aliases
        lines = (Line(1, "，".join(said) + "说"), Line(2, "".join(said)))
        analyzed = analyze(Transcript("t", "txt", lines), segmenter)
        assert align_names(analyzed, extended).mentions == align_names(analyzed, whole).mentions

    check()
