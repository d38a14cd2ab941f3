"""Where an English subtitle line may be cut: between words, at the best place, never inside a name or
a number with its unit.

A translated line is shared among the cues of its Chinese line (`split_english`) and each share is set
as one or two lines (`wrap_english`). Every gap between two words has a price: after a full stop or a
comma it is free or cheap, before a conjunction or a preposition it is fair (a clause or phrase starts
there), after an article, a preposition or a possessive it is poor (it leaves a word hanging), and inside
a name (Sam Altman, Best Partners, GPT-4 Turbo), a number with its unit (3.5 billion, 100 times) or a
name the glossary gives for the line (University of Science and Technology of China) it is never taken
while any other gap will do. Netflix's English guidelines say the same in prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.?!;…]['\")\]]*$")
_CLAUSE_END = re.compile(r"[,:—–)\]]['\"]*$|--$")
_CLAUSE_STARTS = frozenset(
    "and but or nor so yet because which who whom whose that when where while if although though since until "
    "unless whether then however therefore instead".split()
)
_PREPOSITIONS = frozenset(
    "of in on at for with from to by about into onto over under between through after before during without "
    "within like than as across against among around behind beyond toward towards upon via per".split()
)
# Words a line must not end with: they lean on the word after them.
_LEANING = frozenset(
    "a an the this that these those his her its their our your my some any each every no such "
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. st st. mt mt. to of in on at for with by from "
    "i you he she we they it is was are were be been has have had will would can could should "
    "not very more most less least".split()
)
# Words a number is read with: 3.5 billion, 100 times, 20 percent, 5 GB.
_UNIT_WORDS = frozenset(
    "percent per cent thousand million billion trillion hundred dozen times x fold years year months month weeks "
    "week days day hours hour minutes minute seconds second people persons dollars dollar yuan euros euro pounds "
    "yen points point kilometres kilometers km miles metres meters m cm mm kg tons tonnes gb tb mb kb gw mw kw "
    "nm ms ghz mhz k".split()
)
_MAGNITUDES = frozenset("hundred thousand million billion trillion".split())
_CURRENCIES = frozenset("dollars dollar yuan euros euro pounds yen rupees won usd rmb".split())
_NUMBER = re.compile(r"^[$€£¥]?[0-9][0-9.,:/\-]*(%|[kmb]n?)?$", re.IGNORECASE)
_FREE, _CHEAP, _FAIR, _PLAIN, _POOR, _NEVER = 0.0, 1.0, 2.0, 4.0, 8.0, 1000.0
_EMPTY = 20.0
# Two lines of one cue read best nearly even: this price per character of difference.
_BALANCE = 0.2
# A share's length away from its Chinese chunk's share of the line: this price per character.
_DRIFT = 0.12


@dataclass(frozen=True)
class _Words:
    """The words of an English text and the price of a cut after each (the last has none)."""

    words: tuple[str, ...]
    costs: tuple[float, ...]

    def length(self, start: int, end: int) -> int:
        """Characters of words[start:end] joined by spaces."""
        return sum(len(word) for word in self.words[start:end]) + max(0, end - start - 1)


def words_of(text: str, names: Sequence[str] = ()) -> _Words:
    words = tuple(text.split())
    costs = [_gap_cost(words[i], words[i + 1]) for i in range(len(words) - 1)]
    for name in names:
        for start, end in _occurrences(words, name):
            for gap in range(start, end - 1):
                costs[gap] = _NEVER
    return _Words(words, tuple(costs))


def split_english(
    text: str, weights: Sequence[float], width: int, max_lines: int = 2, names: Sequence[str] = ()
) -> list[list[str]] | None:
    """Cut `text` between words into len(weights) shares sized like the weights (the widths of the
    Chinese cues they go with), each set as at most `max_lines` lines of `width` characters; each
    share is its list of lines ([] when empty). None when the text will not fit that many cues.
    `names` are English names of the line never to be cut."""
    parsed = words_of(text, names)
    count = len(parsed.words)
    if not weights:
        return None
    if count == 0:
        return [[] for _ in weights]
    total_weight = sum(weights) or 1.0
    total_length = parsed.length(0, count)
    targets, running = [], 0.0
    for weight in weights[:-1]:
        running += weight
        targets.append(running / total_weight * total_length)
    pieces = len(weights)
    infinity = float("inf")
    # best[k][i]: the cheapest way to set words[:i] as k shares; choice[k][i]: where the last one starts.
    best = [[infinity] * (count + 1) for _ in range(pieces + 1)]
    choice = [[0] * (count + 1) for _ in range(pieces + 1)]
    best[0][0] = 0.0
    wraps: dict[tuple[int, int], tuple[float, list[str]] | None] = {}

    def wrapped(start: int, end: int):
        if (start, end) not in wraps:
            wraps[(start, end)] = _wrap(parsed, start, end, width, max_lines)
        return wraps[(start, end)]

    for k in range(1, pieces + 1):
        last = k == pieces
        for end in range(0, count + 1):
            if last and end != count:
                continue
            for start in range(0, end + 1):
                if best[k - 1][start] == infinity:
                    continue
                if start == end:
                    # A cue without English: only when words run short, and rather the last cues than the first.
                    cost, lines_cost = _EMPTY + (pieces - k), 0.0
                else:
                    layout = wrapped(start, end)
                    if layout is None:
                        continue
                    lines_cost = layout[0]
                    cost = 0.0
                if not last and end not in (0, count):
                    cost += parsed.costs[end - 1]
                if not last:
                    cost += _DRIFT * abs(parsed.length(0, end) + (1 if end else 0) - targets[k - 1])
                total = best[k - 1][start] + cost + lines_cost
                if total < best[k][end]:
                    best[k][end], choice[k][end] = total, start
    # A cut inside a name or number costs _NEVER: taken only when nothing else fits, never losing words.
    if best[pieces][count] == infinity:
        return None
    shares: list[list[str]] = []
    end = count
    for k in range(pieces, 0, -1):
        start = choice[k][end]
        shares.append([] if start == end else wrapped(start, end)[1])
        end = start
    shares.reverse()
    return shares


def wrap_english(text: str, width: int, max_lines: int = 2, names: Sequence[str] = ()) -> list[str] | None:
    """`text` as at most `max_lines` lines of `width` characters, cut at the best gap; None if it won't fit."""
    parsed = words_of(text, names)
    if not parsed.words:
        return []
    layout = _wrap(parsed, 0, len(parsed.words), width, max_lines)
    return None if layout is None else layout[1]


def _wrap(
    parsed: _Words,
    start: int,
    end: int,
    width: int,
    max_lines: int,
    known: dict[tuple[int, int], tuple[float, list[str]] | None] | None = None,
) -> tuple[float, list[str]] | None:
    """The cheapest way to set words[start:end] as lines of `width`: (cost, lines), or None. `known`
    holds the layouts of the rest of the words found so far in this search (start, lines allowed ->
    layout): each is searched once, not once per way of reaching it (which grew exponentially with the
    lines allowed: a long English line given a thousand lines to fill never finished)."""
    if parsed.length(start, end) <= width:
        return 0.0, [" ".join(parsed.words[start:end])]
    if max_lines < 2:
        return None
    # Lines the words cannot fill change nothing, and with more than two left the balance of the last
    # two is never priced: every count above this one gives the same layout.
    max_lines = min(max_lines, end - start + 2)
    if known is None:
        known = {}
    elif (start, max_lines) in known:
        return known[start, max_lines]
    best: tuple[float, list[str]] | None = None
    for cut in range(start + 1, end):
        first = parsed.length(start, cut)
        if first > width:
            break
        rest = _wrap(parsed, cut, end, width, max_lines - 1, known)
        if rest is None:
            continue
        # Lines of a subtitle read best nearly even.
        balance = abs(first - parsed.length(cut, end)) * _BALANCE if max_lines == 2 else 0.0
        cost = parsed.costs[cut - 1] + balance + rest[0] + _PLAIN
        if best is None or cost < best[0]:
            best = (cost, [" ".join(parsed.words[start:cut]), *rest[1]])
    known[start, max_lines] = best
    return best


def _gap_cost(before: str, after: str) -> float:
    """The price of ending a line with `before` and starting the next with `after`."""
    if _SENTENCE_END.search(before):
        return _FREE
    if _CLAUSE_END.search(before):
        return _CHEAP
    bare_before, bare_after = _bare(before), _bare(after)
    if _binds(before, after):
        return _NEVER
    if bare_before in _LEANING or before.endswith("'s") or before.endswith("’s"):
        return _POOR
    if bare_after in _CLAUSE_STARTS:
        return _FAIR
    if bare_after in _PREPOSITIONS:
        return _FAIR + 1
    return _PLAIN


def _binds(before: str, after: str) -> bool:
    """Two words read as one: a name (Sam Altman, GPT-4 Turbo, Claude 3.5 Sonnet) or a number and its unit."""
    if _NUMBER.match(before) and (_bare(after) in _UNIT_WORDS or _NUMBER.match(after)):
        return True
    if _bare(before) in _MAGNITUDES and _bare(after) in _UNIT_WORDS | _CURRENCIES:
        return True
    if _bare(before) in ("$", "€", "£", "¥", "us$", "no.", "no"):
        return bool(_NUMBER.match(after))
    return _name_word(before) and _name_word(after)


def _name_word(word: str) -> bool:
    """A word that can be part of a name: capitalised (Altman, McGrew, OpenAI) or a model number (4o, 3.5)
    next to one. A word ending a clause does not continue a name."""
    core = word.strip("\"'“”‘’()[]")
    if not core or _CLAUSE_END.search(word) or _SENTENCE_END.search(word):
        return False
    return core[0].isupper() or (core[0].isdigit() and any(c.isalpha() for c in core)) or bool(re.fullmatch(r"[0-9]+(\.[0-9]+)?", core))


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’()[],.;:!?").casefold()


def _occurrences(words: Sequence[str], name: str) -> list[tuple[int, int]]:
    """Word spans where `name` is written (case and surrounding punctuation aside)."""
    target = [part.casefold() for part in name.split()]
    if len(target) < 2:
        return []
    bare = [_bare(word) for word in words]
    found = []
    for start in range(len(words) - len(target) + 1):
        window = bare[start : start + len(target)]
        # The last word may carry a possessive: Altman's.
        if window[:-1] == target[:-1] and window[-1] in (target[-1], target[-1] + "'s", target[-1] + "’s"):
            found.append((start, start + len(target)))
    return found
