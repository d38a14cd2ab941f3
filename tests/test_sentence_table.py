"""A long episode's sentences as columns (text/sentence_table.py): they read back as the sentences they
were made of, and an episode whose sentences are a table has the same sentences and writes the same files."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe import Converter, compose_outputs
from subpipe.model import Sentence, SentencePart
from subpipe.text import token_rows
from subpipe.text.sentence_table import SentenceTable

_OFFSET = st.integers(0, 2**40)
_SENTENCES = st.lists(
    st.builds(
        Sentence,
        index=_OFFSET,
        parts=st.lists(st.builds(SentencePart, _OFFSET, _OFFSET, _OFFSET), max_size=3).map(tuple),
        end_mark=st.sampled_from(["", "。", "？", "！", "…"]),
        start_confidence=st.floats(0, 1),
        end_confidence=st.floats(0, 1),
        leans_on_previous=st.booleans(),
    ),
    max_size=20,
)


@hsettings(max_examples=300, deadline=None)
@given(_SENTENCES)
def test_a_table_reads_back_its_sentences(sentences: list[Sentence]) -> None:
    table = SentenceTable(sentences).done()
    assert len(table) == len(sentences) and list(table) == sentences
    assert repr(list(table)) == repr(sentences)  # each field of the same type (a float stays a float)
    assert [table[n] for n in range(-len(sentences), 0)] == sentences
    assert table[1:] == tuple(sentences)[1:] and table == tuple(sentences) and tuple(sentences) == table
    assert pickle.loads(pickle.dumps(table)) == table
    with pytest.raises(ValueError):  # filled before done(), not after
        table.add(Sentence(len(sentences), ()))


@pytest.mark.parametrize(
    "sentence",
    [
        Sentence(0, (SentencePart(-1, 0, 2),)),  # a negative line
        Sentence(0, (), start_confidence=1),  # an int where a float belongs
        Sentence(0, (), leans_on_previous=0),  # an int where a bool belongs
    ],
)
def test_a_sentence_the_columns_could_not_give_back_is_refused(sentence: Sentence) -> None:
    table = SentenceTable([Sentence(0, (SentencePart(1, 0, 2),))])
    assert not table.add(sentence)
    assert len(table.done()) == 1
    with pytest.raises(ValueError):
        SentenceTable([sentence])


def test_a_sentence_unsure_of_its_end_is_held_as_not_a_number() -> None:
    table = SentenceTable([Sentence(0, (), end_confidence=math.nan)]).done()
    assert math.isnan(table[0].end_confidence)


def test_an_episode_whose_sentences_are_a_table_writes_the_same_files(corpus_path: Path, monkeypatch) -> None:
    converter = Converter()
    as_tuple = converter(corpus_path)
    assert isinstance(as_tuple.sentences, tuple)
    monkeypatch.setattr(token_rows, "PACK_LINES", 1)
    as_table = converter(corpus_path)
    assert isinstance(as_table.sentences, SentenceTable) and len(as_table.sentences) > 10
    assert as_table.sentences == as_tuple.sentences
    assert as_table.summaries == as_tuple.summaries and as_table.chapters == as_tuple.chapters
    assert compose_outputs(as_table) == compose_outputs(as_tuple)
