"""A long episode's lines and analysed lines as columns (text/line_table.py): each table reads, slices,
compares and pickles as the tuple of items it was made from, and makes them only as they are read."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe.model import AnalyzedLine, Line, Token
from subpipe.text.line_index import LinesByNumber
from subpipe.text.line_table import (
    AnalyzedTable,
    LineTable,
    analyzed_like,
    joined,
    line_numbers,
    lines_of,
    packed_lines,
    rows_of,
    texts_of,
)
from subpipe.text import token_rows

_TIME = st.one_of(st.none(), st.integers(0, 10**10))


@st.composite
def lines(draw) -> tuple[Line, ...]:
    count = draw(st.integers(0, 12))
    numbers = sorted(draw(st.sets(st.integers(1, 10**6), min_size=count, max_size=count)))
    return tuple(
        Line(
            number,
            draw(st.text(st.sampled_from("中文字幕 AIab，。😀"), max_size=12)),
            draw(_TIME),
            draw(_TIME),
            draw(st.one_of(st.none(), st.sampled_from(["主持人", "Bob", ""]))),
            draw(st.booleans()),
        )
        for number in numbers
    )


def _analyzed(line: Line, traditional: bool) -> AnalyzedLine:
    """The line analysed: its text, or (as a Traditional line's analysis is) another str of its length;
    its words one character each."""
    analysis = line.text.replace("文", "纹") if traditional else line.text
    return AnalyzedLine(line, analysis, tuple(Token(c, i, i + 1) for i, c in enumerate(analysis)))


@hsettings(max_examples=200, deadline=None)
@given(lines(), st.integers(-15, 15), st.integers(-15, 15), st.integers(1, 3))
def test_a_line_table_reads_as_its_lines(given_lines: tuple[Line, ...], a: int, b: int, step: int) -> None:
    table = LineTable.of(given_lines)
    assert len(table) == len(given_lines) and tuple(table) == given_lines and table == given_lines
    assert table[a:b:step] == given_lines[a:b:step]
    if -len(given_lines) <= a < len(given_lines):
        assert table[a] == given_lines[a]
    else:
        with pytest.raises(IndexError):
            table[a]
    # Pickled as its columns (a batch sends a worker its transcript): still a table.
    assert pickle.loads(pickle.dumps(table)) == given_lines
    assert type(pickle.loads(pickle.dumps(table))) is LineTable


@hsettings(max_examples=200, deadline=None)
@given(lines(), st.booleans(), st.booleans())
def test_an_analyzed_table_reads_as_its_items(given_lines: tuple[Line, ...], traditional: bool, shared: bool) -> None:
    items = tuple(_analyzed(line, traditional) for line in given_lines)
    table = AnalyzedTable.of(iter(items), LineTable.of(given_lines) if shared else None)
    assert len(table) == len(items) and tuple(table) == items and table == items
    assert all(item.tokens == expected.tokens for item, expected in zip(table, items))
    assert list(texts_of(table)) == [(item.analysis, item.line.text) for item in items]
    assert list(line_numbers(table)) == [line.number for line in given_lines]
    by_number = LinesByNumber(table)
    assert [by_number.text(line.number) for line in given_lines] == [line.text for line in given_lines]


def test_a_line_whose_analysis_is_its_text_holds_one_string() -> None:
    line = Line(1, "我们今天聊推理模型")
    table = AnalyzedTable.of([_analyzed(line, traditional=False)])
    assert table[0].analysis is table[0].line.text


def test_words_that_do_not_tile_the_text_are_kept_as_given() -> None:
    untiled = (Token("中文", 0, 2), Token("文字幕", 1, 4))
    item = AnalyzedLine(Line(1, "中文字幕"), "中文字幕", untiled)
    table = AnalyzedTable.of([item, _analyzed(Line(2, "字幕"), traditional=False)])
    assert table[0].tokens == untiled and type(table[0].tokens) is tuple
    assert type(table[1].tokens) is token_rows.TokenRow and table[1] == _analyzed(Line(2, "字幕"), False)


def test_lines_given_that_are_not_the_items_lines_are_refused() -> None:
    given = LineTable.of([Line(1, "字幕"), Line(2, "中文")])
    with pytest.raises(ValueError):  # fewer items than lines
        AnalyzedTable.of([_analyzed(Line(1, "字幕"), False)], given)
    with pytest.raises(ValueError):  # as many, but another line's text
        AnalyzedTable.of([_analyzed(Line(1, "字幕"), False), _analyzed(Line(2, "你好"), False)], given)
    with pytest.raises(ValueError):  # as many, but another line's number
        AnalyzedTable.of([_analyzed(Line(1, "字幕"), False), _analyzed(Line(3, "中文"), False)], given)
    table = AnalyzedTable.of([_analyzed(line, False) for line in given], given)
    assert table.lines is given and lines_of(table) is given
    assert pickle.loads(pickle.dumps(table)) == tuple(table)


def test_a_table_made_from_a_table_is_one_and_shares_its_lines_and_shelf() -> None:
    source = AnalyzedTable.of([_analyzed(Line(n, f"第{n}行"), False) for n in range(1, 6)])
    same = analyzed_like(source, (item for item in source), same_lines=True)
    other = analyzed_like(source, (item for item in source if item.line.number != 3))
    assert isinstance(same, AnalyzedTable) and same.lines is source.lines and same == source
    assert isinstance(other, AnalyzedTable) and [item.line.number for item in other] == [1, 2, 4, 5]
    assert same._shelf is source._shelf and other._shelf is source._shelf
    assert analyzed_like(tuple(source), iter(source)) == tuple(source)
    assert type(analyzed_like(tuple(source), iter(source))) is tuple


def test_a_view_reads_the_items_at_its_positions_without_copying_them() -> None:
    table = AnalyzedTable.of([_analyzed(Line(n, f"第{n}行"), False) for n in range(1, 8)])
    view = rows_of(table, [1, 4, 6])
    assert not isinstance(view, (list, tuple)) and [item.line.number for item in view] == [2, 5, 7]
    assert view[-1] == table[6] and view[0:2] == (table[1], table[4])
    assert rows_of(tuple(table), range(2, 4)) == [table[2], table[3]]
    both = joined([view, rows_of(table, range(0, 2))])
    assert not isinstance(both, (list, tuple)) and [item.line.number for item in both] == [2, 5, 7, 1, 2]
    assert joined([[table[0]], view]) == [table[0], *view]


def test_an_item_read_again_nearby_is_the_same_object() -> None:
    table = AnalyzedTable.of([_analyzed(Line(n, f"第{n}行字幕"), False) for n in range(1, 300)])
    first = table[10]
    assert table[11] is table[11] and table[10] is first  # its words, made once, stay made
    for item in table:  # a whole pass: the slot is another line's
        pass
    assert table[10] == first


def test_only_a_long_transcript_is_packed(monkeypatch) -> None:
    given_lines = [Line(n, f"第{n}行") for n in range(1, 6)]
    assert type(packed_lines(given_lines)) is tuple
    monkeypatch.setattr(token_rows, "PACK_LINES", 5)
    assert isinstance(packed_lines(iter(given_lines)), LineTable) and packed_lines(given_lines) == tuple(given_lines)
