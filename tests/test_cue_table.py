"""A long episode's cues as columns (cues/table.py): they read back as the cues they were made of, and an
episode whose cues are packed writes the same files as one whose cues are not."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe import Converter, compose_outputs
from subpipe.cues import table
from subpipe.cues.table import CueTable, pack
from subpipe.formats import parse
from subpipe.model import Cue

_TEXT = st.text(st.sampled_from("中文字幕 AIab，。\t"), max_size=12)

_CUES = st.lists(
    st.builds(
        Cue,
        index=st.integers(0, 10**6),
        start_ms=st.integers(-(10**3), 10**11),
        end_ms=st.integers(0, 10**11),
        text_lines=st.lists(_TEXT, max_size=3).map(tuple),
        source_lines=st.lists(st.integers(0, 10**6), max_size=3).map(tuple),
        span=st.none() | st.tuples(st.integers(0, 10**5), st.integers(0, 10**5)),
        confidence=st.none() | st.floats(0, 1),
    ),
    max_size=30,
)


@hsettings(max_examples=300, deadline=None)
@given(_CUES)
def test_a_table_reads_back_its_cues(cues: list[Cue]) -> None:
    packed = CueTable(cues)
    assert len(packed) == len(cues)
    assert list(packed) == cues
    assert repr(list(packed)) == repr(cues)  # each field of the same type too (an int stays an int)
    assert [packed[n] for n in range(len(cues))] == cues
    assert [packed[n] for n in range(-len(cues), 0)] == cues
    assert packed[1:-1] == tuple(cues)[1:-1] and packed[::-2] == tuple(cues)[::-2]
    assert packed == tuple(cues) and tuple(cues) == packed
    assert pickle.loads(pickle.dumps(packed)) == packed
    assert bool(packed) is bool(cues)


def test_an_index_past_either_end_is_refused() -> None:
    packed = CueTable([Cue(1, 0, 900, ("一",), (1,))])
    for position in (1, -2):
        with pytest.raises(IndexError):
            packed[position]


@pytest.mark.parametrize(
    "cue",
    [
        Cue(1, 0, 900, ("两\n行",), (1,)),  # a line break inside a display line: two lines when read back
        Cue(1, 0, 900, ("一",), (-1,)),
        Cue(1, 0, 900, ("一",), (1,), (-1, 5)),
        Cue(1, 0, 900, ("一",), (1,), confidence=math.nan),
        Cue(1, 0, 900, ("一",), (1,), confidence=1),  # an int: it would come back a float
        Cue(1, True, 900, ("一",), (1,)),
        Cue(1, 0, 2**63, ("一",), (1,)),
    ],
)
def test_a_cue_the_columns_could_not_give_back_the_same_is_refused(cue: Cue) -> None:
    with pytest.raises(ValueError):
        CueTable([cue])
    cues = (Cue(1, 0, 900, ("一",), (1,)), cue)
    assert pack(cues, at=1) is cues  # the set stays as it is


def test_only_a_long_set_is_packed_and_only_when_it_can_be() -> None:
    cues = tuple(Cue(n + 1, n * 1000, n * 1000 + 900, (f"第{n}句",), (n + 1,), (0, 3)) for n in range(5))
    assert pack(cues, at=6) is cues
    packed = pack(cues, at=5)
    assert isinstance(packed, CueTable) and packed == cues
    assert pack(packed, at=1) is packed


_ENGLISH = "Today we talk about reasoning models\nBob says the model thinks before it answers\n"


@pytest.mark.parametrize("translated", [False, True])
def test_an_episode_with_packed_cues_writes_the_same_files(corpus_path: Path, translated: bool, monkeypatch) -> None:
    converter = Converter()
    translation = parse(_ENGLISH, "en", format="text") if translated else None
    as_tuples = converter(corpus_path, translation=translation)
    assert isinstance(as_tuples.cues, tuple)
    monkeypatch.setattr(table, "PACK_AT", 1)
    as_columns = converter(corpus_path, translation=translation)
    assert isinstance(as_columns.cues, CueTable) and isinstance(as_columns.bilingual_cues, CueTable)
    assert as_columns.cues == as_tuples.cues and as_columns.bilingual_cues == as_tuples.bilingual_cues
    assert compose_outputs(as_columns) == compose_outputs(as_tuples)


def test_cues_packed_as_made_are_a_table_from_the_threshold_and_a_tuple_when_one_cannot_be() -> None:
    cues = [Cue(n + 1, n * 1000, n * 1000 + 900, (f"第{n}句",), (n + 1,), (0, 3)) for n in range(6)]
    assert type(table.pack_as_made(iter(cues), len(cues), at=7)) is tuple
    packed = table.pack_as_made(iter(cues), len(cues), at=6)
    assert isinstance(packed, CueTable) and packed == tuple(cues)
    # One cue midway that the columns could not give back the same: the whole set, in order, as a tuple.
    refused = Cue(4, 3000, 3900, ("一\n二",), (4,))
    mixed = [*cues[:3], refused, *cues[4:]]
    made = table.pack_as_made(iter(mixed), len(mixed), at=1)
    assert type(made) is tuple and made == tuple(mixed)


@pytest.mark.parametrize("value", [-(2**31), 2**31 - 1, 2**31, -(2**31) - 1, 2**40])
def test_columns_hold_values_at_and_past_four_bytes(value: int) -> None:
    cues = (Cue(1, value, value + 5, ("一",), (1,)), Cue(value, 0, 1, ("二",), (2,), confidence=0.5))
    packed = CueTable(cues)
    assert packed == cues and [type(cue.start_ms) for cue in packed] == [int, int]
    assert packed[1].confidence == 0.5 and packed[0].confidence is None


def test_each_line_is_cut_once_for_both_files_with_one_line_a_cue(corpus_path: Path, monkeypatch) -> None:
    """With cues of one line, the Chinese cut is the bilingual file's cut too: kept, not made again."""
    import dataclasses

    from subpipe.cues.shape import LineShaper
    from subpipe.settings import Settings

    settings = Settings()
    converter = Converter(dataclasses.replace(settings, shape=dataclasses.replace(settings.shape, max_lines=1)))
    cut: list[str] = []
    shape_each = LineShaper.shape_each
    monkeypatch.setattr(LineShaper, "shape_each", lambda self, text, *rest, **options: cut.append(text) or shape_each(self, text, *rest, **options))
    episode = converter(corpus_path)
    assert len(cut) == len(episode.transcript.lines)
