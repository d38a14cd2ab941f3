"""The speakers stage's shortcuts agree with spaCy: lines it spares the patterns match no speech-marker pattern
in spaCy's own Matcher, and the names it places on words are the entities spaCy's own span functions would give."""

import random

from spacy.tokens import Span
from spacy.util import filter_spans

from subpipe.model import Token
from spacy_reference import spacy_doc, spacy_matcher
from subpipe.speakers.markers import Name as _Name, _marker_patterns, filter_names as _filter_names, marker_words as _marker_words, may_hold_marker as _may_hold_marker, word_span as _word_span

# Words that are no part of any pattern, and punctuation (which breaks a pattern's gap).
FILLERS = ("今天", "模型", "我们", "非常", "就", "也", "一起", "研究", "，", "。", "：", "”")


def _tokens(words):
    tokens, start = [], 0
    for word in words:
        tokens.append(Token(word, start, start + len(word)))
        start += len(word)
    return tokens


def _random_line(rng: random.Random, vocabulary: list[str]) -> tuple[list[Token], list[_Name]]:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))]
    taken, names = set(), []
    for _ in range(rng.randint(0, 3)):
        start = rng.randrange(len(words))
        end = min(len(words), start + rng.randint(1, 3))
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            names.append(_Name(start, end, rng.choice(("PERSON", "HOST", "ORG")), "x"))
    return _tokens(words), sorted(names, key=lambda name: name.start)


def test_a_line_the_shortcut_spares_matches_no_speech_marker_pattern():
    rng = random.Random(7)
    vocabulary = sorted(_marker_words()) + list(FILLERS)
    matched = spared = 0
    matcher = spacy_matcher(_marker_patterns())
    for _ in range(4000):
        tokens, names = _random_line(rng, vocabulary)
        doc = spacy_doc(tokens)
        doc.ents = [Span(doc, name.start, name.end, label=name.label, kb_id=name.id) for name in names]
        found = bool(matcher(doc))
        may = _may_hold_marker([token.text for token in tokens], {name.label for name in names})
        assert may or not found, ([token.text for token in tokens], names)
        matched += found
        spared += not may
    assert matched > 200 and spared > 200  # both sides of the test are exercised


def test_names_sit_on_the_words_spacy_would_give_them():
    rng = random.Random(11)
    for _ in range(2000):
        words = ["".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        tokens = _tokens(words)
        doc = spacy_doc(tokens)
        starts, ends = [token.start for token in tokens], [token.end for token in tokens]
        length = tokens[-1].end
        spans, names = [], []
        for _ in range(rng.randint(0, 4)):
            start = rng.randrange(length + 1)
            end = rng.randint(start + 1, length + 2)
            expected = doc.char_span(start, end, label="PERSON", alignment_mode="expand")
            words_of = _word_span(starts, ends, start, end)
            assert (words_of is None) == (expected is None)
            if expected is not None:
                assert words_of == (expected.start, expected.end)
                spans.append(expected)
                names.append(_Name(*words_of, "PERSON", ""))
        assert [(n.start, n.end) for n in _filter_names(names)] == [(s.start, s.end) for s in filter_spans(spans)]
