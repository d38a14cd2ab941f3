"""Lines found by their numbers without a dict of them: what a dict would answer, key for key."""

import pytest

from subpipe.model import AnalyzedLine, Line
from subpipe.text.line_index import LinesByNumber, SpansByNumber, TextsByNumber


def lines(*numbers):
    return [Line(number, f"第{number}行") for number in numbers]


@pytest.mark.parametrize("numbers", [(1, 2, 5, 9), (3,), (), (4, 2, 7), (2, 2, 3)])
def test_texts_by_number_answer_as_a_dict_does(numbers):
    found = TextsByNumber(lines(*numbers))
    expected = {line.number: line.text for line in lines(*numbers)}
    assert dict(found) == expected and len(found) == len(expected)
    for key in (0, 1, 2, 3, 5, 6, 10, "2", None, 2.5):
        assert (key in found) == (key in expected)
        if key in expected:
            assert found[key] == expected[key]
        else:
            with pytest.raises(KeyError):
                found[key]


def test_lines_by_number_give_the_analysed_line_itself():
    analyzed = [AnalyzedLine(line, line.text, ()) for line in lines(2, 4, 8)]
    found = LinesByNumber(analyzed)
    assert found[4] is analyzed[1] and list(found) == [2, 4, 8] and 3 not in found


@pytest.mark.parametrize(
    "given",
    [
        {1: "host", 2: None, 4: "host", 9: "说话人 2", 10: "zoe"},
        {},
        {7: None},
        {5: "a", 3: "b", 4: "a"},  # numbers out of order: kept as given
    ],
)
def test_line_speakers_read_back_the_dict_they_were_made_from(given):
    import pickle

    from subpipe.speakers.line_speakers import LineSpeakers

    speakers = LineSpeakers(given)
    assert dict(speakers) == given and list(speakers) == list(given) and speakers == given
    assert list(speakers.items()) == list(given.items())
    for number in (0, 1, 2, 3, 6, 7, 11, "1"):
        assert speakers.get(number, "absent") == given.get(number, "absent")
    assert pickle.loads(pickle.dumps(speakers)) == given


def test_spans_by_number_keeps_each_lines_spans_in_the_order_given():
    spans = SpansByNumber([(7, 4, 6), (3, 0, 2), (7, 0, 3), (3, 5, 9), (12, 1, 70000)])
    assert dict(spans) == {3: ((0, 2), (5, 9)), 7: ((4, 6), (0, 3)), 12: ((1, 70000),)}
    assert list(spans) == [3, 7, 12] and spans.get(5, ()) == () and 8 not in spans
    assert dict(SpansByNumber([])) == {}


def test_a_line_mapping_gives_a_numbers_place_among_those_given():
    lines = LinesByNumber([AnalyzedLine(Line(number, "字"), "字", ()) for number in (4, 9, 30)])
    assert [lines.position(number) for number in (4, 9, 30)] == [0, 1, 2]
    with pytest.raises(KeyError):
        lines.position(5)
