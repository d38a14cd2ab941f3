"""Where lines break: what readers read as one unit stays on one line, no line opens with a closing
mark or particle, and no cue of a character or two is left alone while a neighbour has room."""

import pytest

from subpipe.cues.shape import display_width, shape_line
from subpipe.settings import ShapeSettings

ONE_LINE = ShapeSettings(max_lines=1)
NARROW = ShapeSettings(max_line_width=11, max_lines=1)


def lines_of(text, segmenter, shape=ONE_LINE, **kwargs):
    chunks = shape_line(text, segmenter.tokens(text), shape, max_chunk_width=31.5, **kwargs)
    return [line for chunk in chunks for line in chunk.text_lines]


def in_one_line(lines, part):
    return any(part in line for line in lines)


@pytest.mark.parametrize(
    "text, span",
    [
        ("我最近读完了那本叫做《人工智能发展报告》的书觉得很有收获", "《人工智能发展报告》"),
        ("老师上课的时候反复强调“深度学习”这个概念到底是什么意思", "“深度学习”"),
        ("他在那篇文章里引用了萨顿的（The bitter lesson）作为例子来说明", "（The bitter lesson）"),
        ('研究者们把这种现象称为"涌现能力"并且认为它非常重要', '"涌现能力"'),
        ("部长在会上提到「數位韌性」這個目標需要各部會一起努力", "「數位韌性」"),
    ],
)
def test_a_span_that_fits_a_line_is_never_cut(segmenter, text, span):
    for shape in (ONE_LINE, ShapeSettings(), NARROW):
        assert in_one_line(lines_of(text, segmenter, shape), span), shape


def test_a_span_wider_than_a_line_may_be_cut_but_nothing_overflows(segmenter):
    text = "他们提出了一个叫做“把思考时间转化为更好成果的能力”的概念并且做了大量实验"
    lines = lines_of(text, segmenter)
    assert all(display_width(line) <= 16 for line in lines)
    assert "".join(lines).replace(" ", "") == text


@pytest.mark.parametrize(
    "text",
    [
        "我们最后才发现这个问题其实是工程团队自己的问题",
        "他说这就是为什么大家都很喜欢用 AI 的原因所在",
        "这些年来公司一直在推进数字化转型的工作了吗",
        "其实很多人都不知道这个项目背后真正的故事呢",
        "所以我们需要一个能够持续记住你说过的话和做过的事的助手吧",
    ],
)
def test_no_line_opens_with_a_particle_or_closing_mark(segmenter, text):
    for shape in (ONE_LINE, NARROW, ShapeSettings(max_line_width=8)):
        for line in lines_of(text, segmenter, shape)[1:]:
            assert line[0] not in "的了吗呢吧啊着过们地得，。、）》」”", (shape, line)


def test_no_orphan_cue_while_a_neighbour_has_room(segmenter):
    for text in (
        "这款模型在测试中的表现超过了之前所有的模型",
        "他们通过实验证明了这个方法能够提高模型的性能",
        "它正在和全世界最好的研究团队一起做这个项目",
    ):
        for line in lines_of(text, segmenter):
            assert display_width(line) > 2, (text, line)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("在这次发布会上他们正式推出了GPT-4 Turbo这个新版本", "GPT-4 Turbo"),
        ("这个问题本质上是一个关于资源如何分配的经济学问题", "本质上"),
        ("到了今年第三季度公司的收入已经达到了3.5亿美元左右", "3.5亿美元"),
        ("我们在2019年7月17日那天正式对外宣布了这个消息", "2019年7月17日"),
        ("这一轮投资者获得的回报被严格限制在原始资本的100倍以内", "100倍"),
        ("今天非常高兴能够邀请到唐部长来跟我们分享一下她的看法", "唐部长"),
    ],
)
def test_units_readers_read_as_one_stay_together(segmenter, text, unit):
    assert in_one_line(lines_of(text, segmenter, NARROW), unit), lines_of(text, segmenter, NARROW)


def test_a_name_keeps_its_title_and_its_role(segmenter):
    text = "昨天晚上埃隆·马斯克先生在社交媒体上发了一条很长的消息"
    assert in_one_line(lines_of(text, segmenter, NARROW), "埃隆·马斯克先生")
    text = "这家公司的联合创始人萨姆·奥特曼在采访里说了很多关于未来的事"
    start = text.index("萨姆·奥特曼")
    lines = lines_of(text, segmenter, ShapeSettings(max_line_width=12, max_lines=1), protected=[(start, start + 6)])
    assert in_one_line(lines, "联合创始人萨姆·奥特曼"), lines


def test_a_name_and_its_english_gloss_share_a_line(segmenter):
    text = "第一个发言的是研究员鲍勃·麦格鲁（Bob McGrew）他负责整个后训练团队"
    start = text.index("鲍勃·麦格鲁")
    lines = lines_of(text, segmenter, protected=[(start, start + 6)])
    assert in_one_line(lines, "鲍勃·麦格鲁（Bob McGrew）"), lines


def test_a_guessed_dotted_name_stops_at_function_characters(segmenter):
    # The guess must not swallow 援引了 (which would leave 他 alone on a line).
    lines = lines_of('他还援引了约翰·洛克的"思考物质"的理论', segmenter)
    assert lines == ["他还援引了约翰·洛克的", '"思考物质"的理论']


def test_a_line_may_open_with_an_opening_straight_quote(segmenter):
    lines = lines_of('针对高夫提出的"简洁性原则支持泛心论"的观点', segmenter)
    assert lines == ["针对高夫提出的", '"简洁性原则支持泛心论"的观点']


def test_a_line_ending_with_a_comma_may_use_the_full_width(segmenter):
    # 16 characters and a comma: the comma is dropped at the line's end, so it fits one line.
    text = "一二三四五六七八九十一二三四五六，"
    assert lines_of(text, segmenter) == ["一二三四五六七八九十一二三四五六"]
