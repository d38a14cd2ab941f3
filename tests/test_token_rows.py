"""A long episode's words as rows of end offsets (text/token_rows.py): a row reads as the tuple of tokens it
was made from, only a few lines' tokens are made at once, and an episode whose words are rows writes the
same files as one whose words are tuples."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from subpipe import Converter, compose_outputs
from subpipe.formats import parse
from subpipe.model import Token
from subpipe.settings import Settings
from subpipe.text import analysis, token_rows
from subpipe.text.token_rows import TokenRow, TokenShelf


@st.composite
def tiled(draw) -> tuple[str, tuple[Token, ...]]:
    """A text and words tiling it: cut at random offsets."""
    text = draw(st.text(st.sampled_from("中文字幕 AIab，。\t"), max_size=40))
    cuts = sorted(draw(st.sets(st.integers(1, max(len(text) - 1, 1)), max_size=len(text))) - {len(text)})
    bounds = [0, *[cut for cut in cuts if 0 < cut < len(text)], len(text)] if text else [0]
    return text, tuple(Token(text[a:b], a, b) for a, b in zip(bounds, bounds[1:]))


@hsettings(max_examples=300, deadline=None)
@given(tiled(), st.integers(-50, 50), st.integers(-50, 50), st.integers(1, 3))
def test_a_row_reads_as_its_tokens(line: tuple[str, tuple[Token, ...]], a: int, b: int, step: int) -> None:
    text, tokens = line
    row = TokenRow.of(text, tokens, TokenShelf(size=1))
    assert len(row) == len(tokens) and tuple(row) == tokens and row == tokens and hash(row) == hash(tokens)
    assert row[a:b:step] == tokens[a:b:step]
    if -len(tokens) <= a < len(tokens):
        assert row[a] == tokens[a]
    else:
        with pytest.raises(IndexError):
            row[a]
    assert pickle.loads(pickle.dumps(row)) == tokens


@pytest.mark.parametrize(
    "tokens",
    [
        (Token("中文", 0, 2),),  # ends before the text does
        (Token("中", 0, 1), Token("字幕", 2, 4)),  # a gap
        (Token("中文", 0, 2), Token("文字幕", 1, 4)),  # an overlap
        (Token("中文", 0, 2), Token("字母", 2, 4)),  # not the text between its offsets
        (Token("", 0, 0), Token("中文字幕", 0, 4)),  # an empty word
    ],
)
def test_words_that_do_not_tile_the_text_are_refused(tokens: tuple[Token, ...]) -> None:
    with pytest.raises(ValueError):
        TokenRow.of("中文字幕", tokens, TokenShelf())


def test_a_row_pickles_as_the_tuple_it_reads_as() -> None:
    tokens = (Token("中文", 0, 2), Token("字幕", 2, 4))
    row = TokenRow.of("中文字幕", tokens, TokenShelf())
    assert type(pickle.loads(pickle.dumps(row))) is tuple and pickle.loads(pickle.dumps(row)) == tokens


def test_a_shelf_keeps_the_tokens_of_its_last_lines_only() -> None:
    shelf = TokenShelf(size=2)
    texts = [f"第{n}行字幕" for n in range(5)]
    rows = [TokenRow.of(text, [Token(text[:2], 0, 2), Token(text[2:], 2, len(text))], shelf) for text in texts]
    first = rows[0].tokens()
    assert rows[0].tokens() is first  # kept: made once while it is on the shelf
    for row in rows[1:]:
        row.tokens()
    # Two other lines made since: the first line's tokens are made again, equal to before.
    again = rows[0].tokens()
    assert again is not first and again == first
    assert sum(row._made is not None for row in rows) == 2


_ENGLISH = "Today we talk about reasoning models\nBob says the model thinks before it answers\n"


@pytest.mark.parametrize("translated", [False, True])
@pytest.mark.parametrize("punctuate", [False, True])
def test_an_episode_with_its_words_as_rows_writes_the_same_files(
    corpus_path: Path, translated: bool, punctuate: bool, monkeypatch
) -> None:
    settings = Settings()
    settings = dataclasses.replace(settings, shape=dataclasses.replace(settings.shape, punctuate=punctuate))
    converter = Converter(settings)
    translation = parse(_ENGLISH, "en", format="text") if translated else None
    rows_seen: list[bool] = []
    analyze = analysis.analyze

    def counting(transcript, segmenter):
        made = analyze(transcript, segmenter)
        rows_seen.append(all(isinstance(item.tokens, TokenRow) for item in made))
        return made

    monkeypatch.setattr("subpipe.converter.analyze", counting)
    as_tuples = converter(corpus_path, translation=translation)
    monkeypatch.setattr(token_rows, "PACK_LINES", 1)
    as_rows = converter(corpus_path, translation=translation)
    assert rows_seen[0] is False and rows_seen[-1] is True
    assert compose_outputs(as_rows) == compose_outputs(as_tuples)


def test_a_long_episode_titles_its_chapters_from_units_made_part_by_part(corpus_path: Path, monkeypatch) -> None:
    """Chapter titles of an episode of PACK_LINES lines or more are made from each part's units made
    again for its title (not held for every part): the same titles and keywords as when held."""
    from subpipe.chapters import titles

    converter = Converter()
    held = converter(corpus_path)
    units = titles._line_units
    made: list[int] = []
    monkeypatch.setattr(titles, "_line_units", lambda item, *rest: made.append(item.line.number) or units(item, *rest))
    monkeypatch.setattr(token_rows, "PACK_LINES", 1)
    made_again = converter(corpus_path)
    assert len(made) > len(set(made))  # made again for each part's title
    assert len(held.chapters) >= 3
    assert made_again.chapters == held.chapters
