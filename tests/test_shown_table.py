"""A long episode's sentences as the summaries show them, held as columns (summaries/shown_table.py):
rows read back as they were made, a part's text from its line, and an episode whose rows are a table
summarises the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe import Converter
from subpipe.model import AnalyzedLine, Line
from subpipe.summaries import sentences as shown_module
from subpipe.summaries.sentences import Shown, ShownPart, WordsOf
from subpipe.summaries.shown_table import ShownTable
from subpipe.text.line_index import LinesByNumber
from subpipe.text import token_rows

_LINES = {number: AnalyzedLine(Line(number, text), text, ()) for number, text in enumerate(["你好，世界。", "今天说推理模型", "AI 与 芯片"], 1)}


@st.composite
def _parts(draw) -> tuple[ShownPart, ...]:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        number = draw(st.sampled_from(sorted(_LINES)))
        text = _LINES[number].line.text
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        parts.append(ShownPart(number, start, end, text[start:end]))
    return tuple(parts)


_ROWS = st.lists(
    st.builds(
        Shown,
        index=st.integers(0, 2**40),
        end_mark=st.sampled_from(["", "。", "？"]),
        start_confidence=st.floats(0, 1),
        end_confidence=st.floats(0, 1),
        leans_on_previous=st.booleans(),
        line_count=st.integers(0, 5),
        speaker=st.none() | st.sampled_from(["host", "郑亨元", ""]),
        parts=_parts(),
        words=st.lists(st.sampled_from(["推理", "@o1", "芯片", "模型"]), max_size=4).map(tuple),
        wholly_theirs=st.booleans(),
        to_audience=st.booleans(),
        chars=st.integers(0, 10**6),
    ),
    max_size=15,
)


@hsettings(max_examples=300, deadline=None)
@given(_ROWS)
def test_a_table_reads_back_its_rows(rows: list[Shown]) -> None:
    table = ShownTable(LinesByNumber(tuple(_LINES.values())))
    assert all(table.add(row) for row in rows)
    table.done()
    assert list(table) == rows and repr(list(table)) == repr(rows)
    assert [table[n] for n in range(-len(rows), 0)] == rows
    positions = list(range(len(rows)))[::-1]
    assert list(WordsOf(table, positions)) == [rows[p].words for p in positions]
    assert WordsOf(table, positions)[1:3] == [rows[p].words for p in positions[1:3]]
    with pytest.raises(ValueError):
        table.add(rows[0] if rows else Shown(0, "", 1.0, 1.0, False, 1, None, (), (), True, False, 0))


@pytest.mark.parametrize(
    "part",
    [
        ShownPart(1, 0, 2, "你们"),  # not the line's text between its offsets
        ShownPart(9, 0, 0, ""),  # no such line
        ShownPart(1, 2, 1, ""),  # ends before it starts
    ],
)
def test_a_row_the_columns_could_not_give_back_is_refused(part: ShownPart) -> None:
    table = ShownTable(LinesByNumber(tuple(_LINES.values())))
    assert not table.add(Shown(0, "。", 1.0, 1.0, False, 1, "host", (part,), ("推理",), True, False, 2))
    assert len(table.done()) == 0


def test_an_episode_whose_rows_are_a_table_summarises_the_same(corpus_path: Path, monkeypatch) -> None:
    converter = Converter()
    as_objects = converter(corpus_path)
    made: list[type] = []
    shown_sentences = shown_module.shown_sentences

    def recording(*arguments):
        rows = shown_sentences(*arguments)
        made.append(type(rows))
        return rows

    monkeypatch.setattr("subpipe.summaries.shown_sentences", recording)
    monkeypatch.setattr(token_rows, "PACK_LINES", 1)
    as_table = converter(corpus_path)
    assert made == [ShownTable]
    assert as_table.summaries == as_objects.summaries and as_table.summaries.episode
