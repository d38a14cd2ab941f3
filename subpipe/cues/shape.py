"""Shape the text of a transcript line into subtitle cues.

A line is cut only between words (jieba tokens), never inside a name, a Latin word, a number or a
dotted transliteration, and never where Chinese typesetting forbids it (before a closing mark, after
an opening one). What readers read as one unit (`binds`: a quotation, a number with its unit, a
particle with its word, …) stays whole when it fits a line. Among the allowed cuts a small dynamic
programme picks the cheapest: cuts after punctuation are free, cuts before a conjunction or at a space
are cheap, cuts where another segmenter would likely see one word cost more, every extra cue costs
something and a cue of a character or two a lot, so a line is split into as few, as even, cues as fit
the limits. See docs/subtitles.md.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from ..model import Token
from ..settings import ShapeSettings
from ..text.lexicon import CJK_RANGE, FUNCTION_CHARS, MIDDLE_DOTS, NAME_DOTS
from ..text.spans import merged, overlapping
from ..text.width import char_width, display_width
from .binds import CLITICS, LOCALISERS, analysis_of, bracket_spans, noun_pair, together

# Commas and full stops: a space inside a subtitle line, nothing at its end (Chinese streaming style).
PAUSE_MARKS = frozenset("，。､｡")
_ASCII_PAUSE_MARKS = frozenset(",.")
_PAUSE_MARKS_TO_SPACE = str.maketrans({mark: " " for mark in PAUSE_MARKS})
# The full-width pause marks: shown as a half-width space, they count half their width.
_WIDE_PAUSE_MARKS = tuple(mark for mark in PAUSE_MARKS if unicodedata.east_asian_width(mark) in "WFA")
_SPACES = re.compile(r"\s+")
# Marks that may not begin a line, and marks that may not end one.
_CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}'\"％")
_OPENING = frozenset("（《「『【〔〈“‘([{")
_STRAIGHT_QUOTES = frozenset("\"'")
_BREAK_AFTER_IS_FREE = frozenset("，。、；：？！…,.;:?!")
# Words a phrase starts with: a cut just before them falls between phrases.
_CONJUNCTIONS = frozenset(
    "但是 但 而且 并且 而 因为 所以 因此 于是 或者 还是 以及 然后 如果 虽然 不过 可是 然而 甚至 "
    "比如 比如说 例如 就是 也就是 尤其 同时 并 和 与 跟 及 以便 以免 否则 只要 只有 除了 即使 尽管".split()
)
_PHRASE_OPENERS = frozenset(
    "就 都 也 还 又 才 再 却 便 将 会 要 能 可以 已经 正在 一直 总是 往往 "
    "在 把 被 对 从 向 给 为 让 比 用 通过 关于 对于 根据 按照".split()
)
# A modifier ends with these: a cut just after them keeps the modified phrase whole on the next line.
_MODIFIER_ENDINGS = frozenset("的 地 得".split())
# One-character words that stand alone in any segmentation: a cut beside them is a cut between words.
_FUNCTION_CHARS = FUNCTION_CHARS | frozenset("很最更再却便会要能说有没不吗呢吧啊着过地得个")

_CJK = CJK_RANGE
_NAME_CHAR = rf"(?:(?![{''.join(sorted(FUNCTION_CHARS))}])[{_CJK}])"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_DOTS = frozenset(MIDDLE_DOTS)
_PROTECTED_PATTERNS = (
    # Dotted transliterations: 鲍勃·麦格鲁, with any of the middle-dot variants people type. Where the
    # name ends is unknown without a glossary, so up to six characters each side stay together: too
    # much only removes a cut, too little could cut a name.
    # A full stop (. or ．) between Chinese characters is more often a sentence end than a name's dot.
    # Function characters (了, 的, 是, …) are never part of a transliteration: 援引了约翰·洛克的 guesses 约翰·洛克.
    re.compile(rf"{_NAME_CHAR}{{1,6}}(?:[{re.escape(NAME_DOTS)}]{_NAME_CHAR}{{1,6}})+"),
    # Latin words, numbers and product names written without spaces: GPT-4o, 3.14, o1-mini, C++, and
    # addresses (https://example.com/a?b=c).
    re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-.+#&%'/_:?=~@]*[A-Za-z0-9+#%/])?"),
)
# Capitalised Latin words in a row are most likely a name: Bob McGrew, Giambattista Parascandolo.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)+")

_FREE, _CHEAP, _FAIR, _PLAIN, _COMPOUND, _POOR, _AVOIDED, _FORCED = 0.0, 1.0, 2.0, 4.0, 6.0, 10.0, 30.0, 100.0
_UNSURE = 5.0
_CUE_BREAK_WEIGHT = 3.0
_COST_PER_CUE = 10.0
_LINE_BALANCE_WEIGHT = 0.15
# A line or cue of a word or two reads as a stray: below this width each missing character costs.
_SHORT_WIDTH, _SHORT_WEIGHT = 4.0, 1.5
# A cue of one or two characters cut from a longer line reads as a stray: whenever a neighbour can take
# it, it should (two characters and a pause mark's half-width space are 2.5 wide).
_ORPHAN_WIDTH, _ORPHAN = 2.5, 40.0


def is_pause_mark(text: str, index: int) -> bool:
    """A comma or full stop used as punctuation (not the dot in 3.14 or the comma in 1,000)."""
    char = text[index]
    if char in PAUSE_MARKS:
        return True
    if char not in _ASCII_PAUSE_MARKS:
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    return char_width(before or " ") == 1.0 or after == "" or after.isspace() or char_width(after) == 1.0


def tidy_punctuation(text: str, keep_punctuation: bool) -> str:
    """One display line: pause marks become spaces, runs of spaces collapse, ends are trimmed."""
    if not keep_punctuation:
        # A line with nothing to tidy stays the same string (often the transcript's own line): not a copy.
        spaced = text if PAUSE_MARKS.isdisjoint(text) else text.translate(_PAUSE_MARKS_TO_SPACE)
        if not _ASCII_PAUSE_MARKS.isdisjoint(text):  # , and . are pauses only in some places
            spaced = "".join(" " if is_pause_mark(text, i) else c for i, c in enumerate(spaced))
        text = spaced
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Chunk:
    """The part of a source line one cue shows: source offsets and the display lines."""

    start: int
    end: int
    text_lines: tuple[str, ...]

    @property
    def width(self) -> float:
        return sum(display_width(line) for line in self.text_lines)


@dataclass(frozen=True, slots=True)
class Unit:
    """A run of the line that is never cut; `cost` is the price of a cut just before it."""

    start: int
    end: int
    display: str
    width: float
    cost: float
    # Width of the pause marks and spaces it ends with, which a line ending with this unit drops.
    tail: float = 0.0


def protected_spans(
    text: str, max_width: float, known: Sequence[tuple[int, int]] = (), analysis: str | None = None
) -> list[tuple[int, int]]:
    """Spans of `text` that must stay on one line: the `known` names, and what looks like a name.

    A guessed span never overrides a known one and is dropped when it would not fit a line (a
    dotted guess that swallowed a word or two before the name); the dot itself still binds.
    `analysis`, the line's Simplified analysis text, is where names are guessed when given.
    """
    spans = list(known)
    # Looked up by bisection: a line may be one long cue of the input, holding hundreds of names.
    known_chars = merged(known)
    for pattern in _PROTECTED_PATTERNS:
        for match in pattern.finditer(analysis or text):
            start, end = match.span()
            if overlapping(known_chars, start, end, itemgetter(0), itemgetter(1)):
                continue
            if display_width(match.group()) <= max_width:
                spans.append((start, end))
            else:
                spans += [(i - 1, i + 2) for i in range(start + 1, end - 1) if text[i] in _DOTS]
    spans += _latin_names(text, max_width)
    return spans


def _latin_names(text: str, max_width: float) -> list[tuple[int, int]]:
    return [m.span() for m in _LATIN_NAME.finditer(text) if display_width(m.group()) <= max_width]


def shape_line(
    text: str,
    tokens: Sequence[Token],
    settings: ShapeSettings,
    *,
    protected: Iterable[tuple[int, int]] = (),
    render: Callable[[str], str] = lambda s: s,
    max_chunk_width: float | None = None,
    known_units: Callable[[], list[Unit]] | None = None,
    texts: dict[str, str] | None = None,
) -> list[Chunk]:
    """Cut one line into cue-sized chunks.

    `tokens` are the words of the line (offsets into `text`); `protected` adds spans that must stay
    whole (glossary names); `render` turns source text into the output script; `max_chunk_width`
    caps a cue's width (so that its duration stays under the maximum). `known_units`, when given,
    returns the line's units (`line_units` of the same arguments) kept from an earlier shaping.
    `texts`, when given, holds the display lines made so far (text -> itself): an equal one is shared.
    """
    # Most transcript lines are subtitle-sized already: one line, one cue, nothing to choose.
    whole = render(text)
    if _shown_width(whole, settings.keep_punctuation) <= min(settings.max_line_width, max_chunk_width or float("inf")):
        line = tidy_punctuation(whole, settings.keep_punctuation)
        if texts is not None:
            line = texts.setdefault(line, line)
        return [Chunk(0, len(text), (line,))] if line else []
    units = known_units() if known_units is not None else line_units(text, tokens, settings, protected, render)
    if not units:
        return []
    capacity = settings.max_line_width * settings.max_lines
    if max_chunk_width is not None:
        # Never below the widest unit: a cue must be able to hold any one word.
        capacity = max(max(unit.width for unit in units), min(capacity, max_chunk_width))
    prefix = [0.0]
    for unit in units:
        prefix.append(prefix[-1] + unit.width)

    count = len(units)
    infinity = float("inf")
    best: list[float] = [0.0] + [infinity] * count
    choice: list[tuple[int, tuple[int, ...]]] = [(0, ())] * (count + 1)
    limit = settings.max_line_width
    for end in range(1, count + 1):
        start = end - 1
        while start >= 0 and (width := prefix[end] - prefix[start] - units[end - 1].tail) <= capacity:
            # Every term of a cue's cost is zero or more, so a start whose cost without its layout
            # (a lower bound, added up in the same order) cannot beat the best found for `end` is
            # passed over without the layout search.
            base = best[start] + _COST_PER_CUE
            if base < best[end]:
                alone = 0.0
                if start > 0 or end < count:  # a cue of its own: short ones cost (`_shortness`, inlined: a hot loop)
                    alone = (_SHORT_WEIGHT * (_SHORT_WIDTH - width) if width < _SHORT_WIDTH else 0.0) + (
                        _ORPHAN if width <= _ORPHAN_WIDTH else 0.0
                    )
                cue_break = _CUE_BREAK_WEIGHT * units[start].cost if start > 0 else 0.0
                if base + alone + cue_break < best[end]:
                    # A cue that fits one line needs no layout search (the common case by far).
                    layout = (0.0, ()) if width <= limit else _layout(units, prefix, start, end, settings)
                    if layout is not None:
                        layout_cost, cuts = layout
                        cost = base + layout_cost + alone + cue_break
                        if cost < best[end]:
                            best[end], choice[end] = cost, (start, cuts)
            start -= 1
        if best[end] == infinity:
            # Cannot happen while every unit fits a line; kept as a guard against an endless cue.
            raise AssertionError("no layout for a unit that fits a line")

    chunks: list[Chunk] = []
    end = count
    while end > 0:
        start, cuts = choice[end]
        bounds = (start, *cuts, end)
        lines = [
            tidy_punctuation("".join(u.display for u in units[a:b]), settings.keep_punctuation)
            for a, b in zip(bounds, bounds[1:])
        ]
        lines = [line if texts is None else texts.setdefault(line, line) for line in lines if line]
        if lines:
            chunks.append(Chunk(units[start].start, units[end - 1].end, tuple(lines)))
        end = start
    chunks.reverse()
    return chunks


def _layout(units, prefix, start, end, settings) -> tuple[float, tuple[int, ...]] | None:
    """The cheapest way to set units[start:end] as at most `max_lines` lines, or None."""
    limit = settings.max_line_width
    # What a line shows: its units, less the pause marks and spaces its last unit ends with.
    end_width = prefix[end] - units[end - 1].tail
    if end_width - prefix[start] <= limit:
        return 0.0, ()
    if settings.max_lines < 2:
        return None
    best: tuple[float, tuple[int, ...]] | None = None
    first_cut = start + 1
    if settings.max_lines == 2:
        # Two lines: a cut leaving more than a line after it is no layout, so start where the second
        # line fits (widths are multiples of 0.5, exact in floating point).
        first_cut = bisect_left(prefix, end_width - limit, start + 1, end)
    for cut in range(first_cut, end):
        first, second = prefix[cut] - units[cut - 1].tail - prefix[start], end_width - prefix[cut]
        if first > limit:
            break
        if second <= limit:
            cost = units[cut].cost + _LINE_BALANCE_WEIGHT * abs(first - second)
            cost += _shortness(first) + _shortness(second)
            if best is None or cost < best[0]:
                best = (cost, (cut,))
        elif settings.max_lines > 2:
            rest = _layout(units, prefix, cut, end, _fewer_lines(settings))
            if rest is not None:
                cost = units[cut].cost + rest[0]
                if best is None or cost < best[0]:
                    best = (cost, (cut, *rest[1]))
    return best


def _shortness(width: float) -> float:
    return _SHORT_WEIGHT * (_SHORT_WIDTH - width) if width < _SHORT_WIDTH else 0.0


def _fewer_lines(settings: ShapeSettings) -> ShapeSettings:
    from dataclasses import replace

    return replace(settings, max_lines=settings.max_lines - 1)


class LineShaper:
    """Shapes the lines of one episode into text of the output script (`opencc_config`, None to keep
    the source's). The Chinese cues and the one-line cues of the bilingual files cut the same lines at
    the same places, only into fewer lines per cue: `shape_each` shapes a line every way wanted from
    one search for where it may be cut (its units)."""

    def __init__(self, opencc_config: str | None = None):
        from ..text.script import convert

        self.opencc_config = opencc_config
        self.render: Callable[[str], str] = (lambda s: convert(s, opencc_config)) if opencc_config else (lambda s: s)

    def shape_each(
        self,
        text: str,
        tokens: Sequence[Token],
        ways: Sequence[tuple[ShapeSettings, float | None]],
        protected: Sequence[tuple[int, int]] = (),
    ) -> list[list[Chunk]]:
        """The line shaped each of the `ways` (settings, widest chunk), its units found at most once for
        each line width (only lines wider than a subtitle line need them). The units are let go when the
        line is done: kept for every line of an episode, they took more memory than its cues. A display
        line two shapes both show (a two-line cue's first line, and a one-line cue of its own) is held
        as one string."""
        found: dict[tuple[float, bool], list[Unit]] = {}
        texts: dict[str, str] = {}

        def units_for(settings: ShapeSettings) -> Callable[[], list[Unit]]:
            def units() -> list[Unit]:
                key = (settings.max_line_width, settings.keep_punctuation)
                if key not in found:
                    found[key] = line_units(text, tokens, settings, protected, self.render)
                return found[key]

            return units

        return [
            shape_line(
                text,
                tokens,
                settings,
                protected=protected,
                render=self.render,
                max_chunk_width=widest,
                known_units=units_for(settings),
                texts=texts,
            )
            for settings, widest in ways
        ]


def line_units(
    text: str,
    tokens: Sequence[Token],
    settings: ShapeSettings,
    protected: Iterable[tuple[int, int]],
    render: Callable[[str], str],
) -> list[Unit]:
    """The runs of a line that are never cut, each with the cost of a cut before it.

    Names (`protected`, and guessed ones) are never cut. What readers read as one unit (`binds.together`:
    a gloss with its name, a quotation, a number with its unit, a particle with its word) is kept
    whole when the run it makes fits a line; when it does not, cutting inside it is costly."""
    protected = list(protected)
    analysis = analysis_of(text, tokens)
    # A straight quote opens or closes by its place in the pairs: a line may start with an opening one.
    opening_quotes = {start for start, _ in bracket_spans(text) if text[start] in _STRAIGHT_QUOTES}
    allowed = {
        t.start for t in tokens if 0 < t.start < len(text) and _typesetting_allows_cut(text, t.start, opening_quotes)
    }
    cuts = _Cuts(text, allowed, settings)
    names = protected_spans(text, settings.max_line_width, protected, analysis)
    for start, end in names:
        cuts.remove_inside(start, end)
    guessed_names = [span for span in names if span not in protected and _CJK_CHAR.search(text[span[0] : span[1]])]
    for start, end in together(text, analysis, tokens, protected + guessed_names + _latin_names(text, settings.max_line_width)):
        cuts.keep_whole(start, end)
    bounds = [0, *cuts.sorted(), len(text)]
    word_at = {t.start: t.text for t in tokens}
    word_before = {t.end: t.text for t in tokens}

    units: list[Unit] = []
    for start, end in zip(bounds, bounds[1:]):
        for piece_start, piece_end, forced in _fit_pieces(text, start, end, settings.max_line_width):
            display = render(text[piece_start:piece_end])
            if forced:
                cost = _FORCED
            else:
                cost = _cut_cost(text, analysis, piece_start, word_at, word_before, piece_start in cuts.kept_badly)
            width = _unit_width(display, settings.keep_punctuation)
            tail = width - _shown_width(display, settings.keep_punctuation)
            units.append(Unit(piece_start, piece_end, display, width, cost, tail))
    return units


class _Cuts:
    """The places a line may still be cut, as spans are kept whole one after another."""

    def __init__(self, text: str, cuts: set[int], settings: ShapeSettings):
        self.text = text
        self.cuts = sorted(cuts)
        self.settings = settings
        # Cuts inside a span that could not be kept whole (the run would not fit a line): allowed, at a price.
        self.kept_badly: set[int] = set()

    def sorted(self) -> list[int]:
        return self.cuts

    def remove_inside(self, start: int, end: int) -> None:
        del self.cuts[bisect_right(self.cuts, start) : bisect_left(self.cuts, end)]

    def keep_whole(self, start: int, end: int) -> None:
        """No cut inside [start, end) if the run between the nearest cuts around it fits a line."""
        first, last = bisect_right(self.cuts, start), bisect_left(self.cuts, end)
        if first == last:
            return
        before = self.cuts[first - 1] if first > 0 else 0
        after = self.cuts[last] if last < len(self.cuts) else len(self.text)
        if _shown_width(self.text[before:after], self.settings.keep_punctuation) <= self.settings.max_line_width:
            del self.cuts[first:last]
        else:
            self.kept_badly.update(self.cuts[first:last])


def _unit_width(display: str, keep_punctuation: bool) -> float:
    """Width as shown: a comma or full stop becomes a half-width space unless punctuation is kept."""
    if keep_punctuation:
        return display_width(display)
    # A pause mark shows as a half-width space: the same width as an ASCII , or . and the half-width
    # marks already have, so only the full-width marks change.
    return display_width(display) - 0.5 * sum(display.count(mark) for mark in _WIDE_PAUSE_MARKS)


def _shown_width(display: str, keep_punctuation: bool) -> float:
    """Width at the end of a line: the pause marks and spaces it ends with are dropped there."""
    end = len(display)
    while end > 0 and (display[end - 1].isspace() or (not keep_punctuation and is_pause_mark(display, end - 1))):
        end -= 1
    return _unit_width(display[:end], keep_punctuation)


def _typesetting_allows_cut(text: str, cut: int, opening_quotes: set[int]) -> bool:
    before, after = text[cut - 1], text[cut]
    if after.isspace() or (after in _CLOSING and cut not in opening_quotes):
        return False
    return before not in _OPENING and cut - 1 not in opening_quotes


def _cut_cost(
    text: str, analysis: str, cut: int, word_at: dict[int, str], word_before: dict[int, str], kept_badly: bool
) -> float:
    if cut == 0:
        return _FREE
    last = cut - 1
    while last > 0 and text[last].isspace():
        last -= 1
    mark = text[last]
    if mark in _BREAK_AFTER_IS_FREE:
        return _FREE
    if mark in "”’」』" and last > 0 and text[last - 1] in _BREAK_AFTER_IS_FREE:
        return _FREE
    word, previous = word_at.get(cut, ""), word_before.get(cut, "")
    if kept_badly:
        return _AVOIDED
    if word in CLITICS or word in LOCALISERS:
        return _POOR
    if text[cut - 1].isspace():
        return _CHEAP
    if word in _CONJUNCTIONS:
        cost = _CHEAP
    elif word in _PHRASE_OPENERS or previous in _MODIFIER_ENDINGS:
        cost = _FAIR
    elif noun_pair(previous, word):
        cost = _COMPOUND
    else:
        cost = _PLAIN
    # Where another segmenter would likely see one word: a lone content character beside the cut (jieba
    # was unsure there: 专长|者, 部|会), or a dictionary word across it (等|于是 holds 等于).
    if _lone_content_char(previous) or _lone_content_char(word):
        cost += _UNSURE
    if _word_across(analysis, cut):
        cost += _UNSURE
    return cost


def _lone_content_char(word: str) -> bool:
    return (
        len(word) == 1
        and word not in _FUNCTION_CHARS
        and word not in CLITICS
        and word not in LOCALISERS
        and _CJK_CHAR.match(word) is not None
    )


def _word_across(analysis: str, cut: int) -> bool:
    """True when a dictionary word of two to four Chinese characters spans the cut."""
    from ..text.segment import is_dictionary_word

    if not (_CJK_CHAR.match(analysis[cut - 1]) and _CJK_CHAR.match(analysis[cut])):
        return False
    for start in range(max(0, cut - 3), cut):
        for end in range(cut + 1, min(len(analysis), start + 4) + 1):
            if is_dictionary_word(analysis[start:end]):
                return True
    return False


def _fit_pieces(text: str, start: int, end: int, limit: float):
    """Split a run wider than a line (a very long word or URL) at characters; such cuts are forced."""
    if display_width(text[start:end]) <= limit:
        yield start, end, False
        return
    piece_start, width = start, 0.0
    for index in range(start, end):
        w = char_width(text[index])
        if width + w > limit and index > piece_start:
            cut = index
            # A closing mark must not open a line: the characters before it go along.
            while cut > piece_start + 1 and text[cut] in _CLOSING:
                cut -= 1
            yield piece_start, cut, piece_start != start
            piece_start, width = cut, display_width(text[cut:index])
        width += w
    yield piece_start, end, piece_start != start
