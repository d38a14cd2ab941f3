"""subpipe's token patterns match what spaCy's own Matcher matches, for the speech-marker patterns and for
every operator and condition they may use, on random lines (spaCy is the reference, imported by tests only)."""

import random

import pytest
from spacy.tokens import Span

from spacy_reference import spacy_doc, spacy_matcher, spacy_matches
from subpipe.model import Token
from subpipe.speakers.markers import _marker_patterns, marker_matcher, marker_words
from subpipe.speakers.token_patterns import TokenMatcher

# Words no pattern names, punctuation (which a gap may not cross), spaces and Latin words (IS_SPACE,
# IS_UPPER), so that every kind of token a line can hold turns up.
FILLERS = ("今天", "模型", "我们", "非常", "就", "也", "的", "，", "。", "：", "“", "”", " ", "CNBC", "Groq", "AI", "是")
LABELS = ("PERSON", "HOST", "ORG", "PLACE", "PRODUCT")


def _line(rng: random.Random, vocabulary: list[str], longest: int = 14):
    words = [rng.choice(vocabulary) for _ in range(rng.randint(1, longest))]
    tokens, start = [], 0
    for word in words:
        tokens.append(Token(word, start, start + len(word)))
        start += len(word)
    taken, names = set(), []
    for _ in range(rng.randint(0, 3)):
        first = rng.randrange(len(words))
        end = min(len(words), first + rng.randint(1, 3))
        if taken.isdisjoint(range(first, end)):
            taken.update(range(first, end))
            names.append((first, end, rng.choice(LABELS)))
    return words, tokens, sorted(names)


def _both(patterns, words, tokens, names, reference):
    doc = spacy_doc(tokens)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in names]
    labels = [""] * len(words)
    for start, end, label in names:
        labels[start:end] = [label] * (end - start)
    return spacy_matches(reference, doc), sorted(patterns(words, labels))


def test_the_speech_marker_patterns_match_as_in_spacy():
    rng = random.Random(19)
    vocabulary = sorted(marker_words()) + list(FILLERS)
    reference = spacy_matcher(_marker_patterns())
    matched = 0
    for _ in range(3000):
        words, tokens, names = _line(rng, vocabulary)
        expected, found = _both(marker_matcher(), words, tokens, names, reference)
        assert found == expected, (words, names)
        matched += bool(expected)
    assert matched > 300  # the lines exercise the patterns, not only their absence


OPERATOR_PATTERNS = {
    "optional-run": [[{"TEXT": "a"}, {"TEXT": {"IN": ["b", "c"]}, "OP": "{,3}"}, {"TEXT": "d", "OP": "?"}]],
    "plus-star": [[{"TEXT": "b", "OP": "+"}, {"TEXT": {"NOT_IN": ["a", "b"]}, "OP": "*"}, {"TEXT": "c"}]],
    "exact": [[{"TEXT": {"IN": ["a", "c"]}, "OP": "{2}"}, {"TEXT": "b", "OP": "{1,2}"}]],
    "at-least": [[{"ENT_TYPE": "PERSON", "OP": "{2,}"}, {"IS_PUNCT": True}]],
    "flags": [[{"IS_UPPER": True, "ENT_TYPE": ""}, {"IS_SPACE": True, "OP": "?"}, {"IS_PUNCT": False, "OP": "{,2}"}, {"TEXT": "d"}]],
    "entity-gap": [[{"ENT_TYPE": {"IN": ["PERSON", "ORG"]}, "OP": "+"}, {"ENT_TYPE": {"NOT_IN": ["PERSON"]}, "OP": "{,2}"}, {"TEXT": "b"}]],
    "one-optional": [[{"TEXT": "c", "OP": "?"}], [{"TEXT": "a", "OP": "*"}, {"TEXT": "b", "OP": "*"}]],
}


def test_every_operator_and_condition_matches_as_in_spacy():
    rng = random.Random(5)
    vocabulary = ["a", "b", "c", "d", "，", "。", " ", "AB", "x"]
    reference = spacy_matcher(OPERATOR_PATTERNS)
    ours = TokenMatcher(OPERATOR_PATTERNS)
    matched = 0
    for _ in range(3000):
        words, tokens, names = _line(rng, vocabulary, longest=9)
        expected, found = _both(ours, words, tokens, names, reference)
        assert found == expected, (words, names)
        matched += len(expected)
    assert matched > 3000


@pytest.mark.parametrize(
    "spec",
    [{"LOWER": "a"}, {"TEXT": {"REGEX": "a+"}}, {"TEXT": "a", "OP": "!"}, {"TEXT": "a", "OP": "{3,1}"}, {"IS_PUNCT": "yes"}],
)
def test_a_spec_it_cannot_match_as_spacy_does_is_refused(spec):
    with pytest.raises(ValueError):
        TokenMatcher({"x": [[spec]]})
