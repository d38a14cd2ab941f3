"""A long episode's lines as cut into cues, held as columns (cues/shaped_table.py); the spans of a cue
set's lines (cues/build.py `LineSpans`) and lines found by number (text/line_index.py) held as arrays:
each reads back as what it was made of, and an episode holding them writes the same files."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe import Converter, compose_outputs
from subpipe.cues import build
from subpipe.cues.build import LineSpans
from subpipe.cues.shape import Chunk
from subpipe.cues.shaped_table import ShapedTable, chunk_count
from subpipe.model import AnalyzedLine, Cue, Line
from subpipe.text import token_rows
from subpipe.text.line_index import LinesByNumber
from subpipe.timing.estimate import Span

_TEXT = st.text(st.sampled_from("中文字幕 AIab，。\t"), max_size=12)
_CHUNK = st.builds(
    Chunk, start=st.integers(0, 2**40), end=st.integers(0, 2**40), text_lines=st.lists(_TEXT, max_size=3).map(tuple)
)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CHUNK, max_size=4), max_size=12))
def test_a_table_reads_back_each_lines_chunks(lines: list[list[Chunk]]) -> None:
    table = ShapedTable()
    assert all(table.add(chunks) for chunks in lines)
    table.done()
    assert len(table) == len(lines) and chunk_count(table) == chunk_count(lines) == sum(map(len, lines))
    assert list(table) == lines
    assert repr(list(table)) == repr(lines)  # each field of the same type (an empty cue stays empty)
    assert [table[n] for n in range(-len(lines), 0)] == lines
    assert list(pickle.loads(pickle.dumps(table))) == lines
    assert table.done() is table and list(table) == lines  # done once; done again changes nothing


def test_a_filled_table_takes_no_more_lines() -> None:
    table = ShapedTable()
    table.add([Chunk(0, 1, ("一",))])
    table.done()
    with pytest.raises(ValueError):
        table.add([Chunk(1, 2, ("二",))])
    assert list(table) == [[Chunk(0, 1, ("一",))]]


def test_a_line_the_table_cannot_hold_is_refused_whole() -> None:
    table = ShapedTable()
    assert table.add([Chunk(0, 2, ("中文",))])
    assert not table.add([Chunk(2, 3, ("字",)), Chunk(3, 5, ("一\n二",))])  # a break inside a display line
    assert not table.add([Chunk(-1, 3, ("字",))])
    assert list(table.done()) == [[Chunk(0, 2, ("中文",))]]


def _line_spans_as_a_dict(cues: list[Cue]) -> dict[int, Span]:
    """What a line's span is: from the start of its first cue, as listed, to the end of its last."""
    spans: dict[int, Span] = {}
    for cue in cues:
        line, known = cue.source_lines[0], spans.get(cue.source_lines[0])
        spans[line] = Span(cue.start_ms, cue.end_ms) if known is None else Span(known.start_ms, max(known.end_ms, cue.end_ms))
    return spans


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(0, 10**6), st.integers(0, 10**6)), max_size=15), st.booleans())
def test_line_spans_are_each_lines_first_start_and_latest_end(made: list[tuple[int, int, int]], in_order: bool) -> None:
    if in_order:
        made.sort(key=lambda cue: cue[0])
    cues = [Cue(n + 1, start, end, ("字",), (line,)) for n, (line, start, end) in enumerate(made)]
    spans = LineSpans(cues)
    expected = _line_spans_as_a_dict(cues)
    assert dict(spans) == expected and len(spans) == len(expected)
    assert list(spans) == sorted(expected)
    for line in range(0, 8):
        assert (line in spans) is (line in expected)
    assert spans.get("one") is None


@given(st.lists(st.integers(1, 40), max_size=12))
def test_lines_are_found_by_number_in_any_order(numbers: list[int]) -> None:
    analyzed = [AnalyzedLine(Line(number, f"第{n}行"), f"第{n}行", ()) for n, number in enumerate(numbers)]
    by_number = LinesByNumber(analyzed)
    expected = {item.line.number: item for item in analyzed}  # the last of a number, as a dict keeps it
    assert dict(by_number) == expected and len(by_number) == len(expected)
    for number in range(0, 42):
        assert (number in by_number) is (number in expected)
        assert by_number.get(number) is expected.get(number)
    assert "one" not in by_number and by_number.get("one") is None


def test_an_episode_whose_cuts_are_tables_writes_the_same_files(corpus_path: Path, monkeypatch) -> None:
    converter = Converter()
    as_lists = converter(corpus_path)
    tables: list[bool] = []
    timed = build.CueMaker.timed

    def recording(maker, shaped, *rest, **options):
        tables.append(isinstance(shaped, ShapedTable))
        return timed(maker, shaped, *rest, **options)

    monkeypatch.setattr(build.CueMaker, "timed", recording)
    monkeypatch.setattr(token_rows, "PACK_LINES", 1)
    as_tables = converter(corpus_path)
    assert tables and all(tables)
    assert as_tables.cues == as_lists.cues and as_tables.bilingual_cues == as_lists.bilingual_cues
    assert compose_outputs(as_tables) == compose_outputs(as_lists)
