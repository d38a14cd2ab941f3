"""Shape the text of a transcript line into subtitle cues.

A line is cut only between words (jieba tokens), never inside a name, a Latin word, a number or a
dotted transliteration, and never where Chinese typesetting forbids it (before a closing mark, after
an opening one). Among the allowed cuts a small dynamic programme picks the cheapest: cuts after
punctuation are free, cuts before a conjunction or at a space are cheap, others cost more, and
every extra cue costs something, so a line is split into as few, as even, cues as fit the limits.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from ..text.width import char_width, display_width
from ..text.lexicon import CJK_RANGE, MIDDLE_DOTS, NAME_DOTS
from ..text.spans import merged, overlapping
from ..model import Token
from ..settings import ShapeSettings

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
# Particles and suffixes lean on the word before them: a line must not start with one.
_ENCLITICS = frozenset("了 的 着 过 吗 呢 吧 啊 呀 啦 地 得 们 么 嘛 之 似的 一样 而已 起来 下来 出来".split())
# A modifier ends with these: a cut just after them keeps the modified phrase whole on the next line.
_MODIFIER_ENDINGS = frozenset("的 地 得".split())

_CJK = CJK_RANGE
_DOTS = frozenset(MIDDLE_DOTS)
_PROTECTED_PATTERNS = (
    # Dotted transliterations: 鲍勃·麦格鲁, with any of the middle-dot variants people type. Where the
    # name ends is unknown without a glossary, so up to six characters each side stay together: too
    # much only removes a cut, too little could cut a name.
    # A full stop (. or ．) between Chinese characters is more often a sentence end than a name's dot.
    re.compile(rf"[{_CJK}]{{1,6}}(?:[{re.escape(NAME_DOTS)}][{_CJK}]{{1,6}})+"),
    # Latin words, numbers and product names written without spaces: GPT-4o, 3.14, o1-mini, C++.
    re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-.+#&%'/_]*[A-Za-z0-9+#%])?"),
)
# Capitalised Latin words in a row are most likely a name: Bob McGrew, Giambattista Parascandolo.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)+")

_FREE, _CHEAP, _FAIR, _PLAIN, _POOR, _FORCED = 0.0, 1.0, 2.0, 4.0, 10.0, 100.0
_CUE_BREAK_WEIGHT = 3.0
_COST_PER_CUE = 10.0
_LINE_BALANCE_WEIGHT = 0.15
# A line or cue of a word or two reads as a stray: below this width each missing character costs.
_SHORT_WIDTH, _SHORT_WEIGHT = 4.0, 1.5


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
        spaced = text.translate(_PAUSE_MARKS_TO_SPACE)
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


def protected_spans(
    text: str, max_width: float, known: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Spans of `text` that must stay on one line: the `known` names, and what looks like a name.

    A guessed span never overrides a known one and is dropped when it would not fit a line (a
    dotted guess that swallowed a word or two before the name); the dot itself still binds.
    """
    spans = list(known)
    # Looked up by bisection: a line may be one long cue of the input, holding hundreds of names.
    known_chars = merged(known)
    for pattern in _PROTECTED_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if overlapping(known_chars, start, end, itemgetter(0), itemgetter(1)):
                continue
            if display_width(match.group()) <= max_width:
                spans.append((start, end))
            else:
                spans += [(i - 1, i + 2) for i in range(start + 1, end - 1) if text[i] in _DOTS]
    spans += [m.span() for m in _LATIN_NAME.finditer(text) if display_width(m.group()) <= max_width]
    return spans


def shape_line(
    text: str,
    tokens: Sequence[Token],
    settings: ShapeSettings,
    *,
    protected: Iterable[tuple[int, int]] = (),
    render: Callable[[str], str] = lambda s: s,
    max_chunk_width: float | None = None,
    known_units: Callable[[], list[Unit]] | None = None,
) -> list[Chunk]:
    """Cut one line into cue-sized chunks.

    `tokens` are the words of the line (offsets into `text`); `protected` adds spans that must stay
    whole (glossary names); `render` turns source text into the output script; `max_chunk_width`
    caps a cue's width (so that its duration stays under the maximum). `known_units`, when given,
    returns the line's units (`line_units` of the same arguments) kept from an earlier shaping.
    """
    # Most transcript lines are subtitle-sized already: one line, one cue, nothing to choose.
    whole = render(text)
    if _unit_width(whole, settings.keep_punctuation) <= min(settings.max_line_width, max_chunk_width or float("inf")):
        line = tidy_punctuation(whole, settings.keep_punctuation)
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
        while start >= 0 and (width := prefix[end] - prefix[start]) <= capacity:
            # Every term added below is zero or more, so a start whose best plus one cue's price
            # cannot beat the best found for `end` is passed over without its layout search.
            if best[start] + _COST_PER_CUE < best[end]:
                # A cue that fits one line needs no layout search (the common case by far).
                layout = (0.0, ()) if width <= limit else _layout(units, prefix, start, end, settings)
                if layout is not None:
                    layout_cost, cuts = layout
                    cost = best[start] + _COST_PER_CUE + layout_cost
                    if start > 0 or end < count:
                        cost += _shortness(width)
                    if start > 0:
                        cost += _CUE_BREAK_WEIGHT * units[start].cost
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
        lines = [line for line in lines if line]
        if lines:
            chunks.append(Chunk(units[start].start, units[end - 1].end, tuple(lines)))
        end = start
    chunks.reverse()
    return chunks


def _layout(units, prefix, start, end, settings) -> tuple[float, tuple[int, ...]] | None:
    """The cheapest way to set units[start:end] as at most `max_lines` lines, or None."""
    limit = settings.max_line_width
    if prefix[end] - prefix[start] <= limit:
        return 0.0, ()
    if settings.max_lines < 2:
        return None
    best: tuple[float, tuple[int, ...]] | None = None
    first_cut = start + 1
    if settings.max_lines == 2:
        # Two lines: a cut leaving more than a line after it is no layout, so start where the second
        # line fits (widths are multiples of 0.5, exact in floating point).
        first_cut = bisect_left(prefix, prefix[end] - limit, start + 1, end)
    for cut in range(first_cut, end):
        first, second = prefix[cut] - prefix[start], prefix[end] - prefix[cut]
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
    the source's), keeping each line's units: the Chinese cues and the one-line cues of the bilingual
    files cut the same lines at the same places, only into fewer lines per cue, so the units (the
    search for where a line may be cut) are found once per line."""

    def __init__(self, opencc_config: str | None = None):
        from ..text.script import convert

        self.opencc_config = opencc_config
        self.render: Callable[[str], str] = (lambda s: convert(s, opencc_config)) if opencc_config else (lambda s: s)
        self._units: dict[tuple, list[Unit]] = {}

    def shape(
        self,
        text: str,
        tokens: Sequence[Token],
        settings: ShapeSettings,
        protected: Sequence[tuple[int, int]] = (),
        max_chunk_width: float | None = None,
    ) -> list[Chunk]:
        """`shape_line` of the line, rendered by this shaper."""

        def units() -> list[Unit]:
            # Keyed on everything the units depend on (only lines wider than a subtitle line get here).
            key = (text, tuple(tokens), tuple(protected), settings.max_line_width, settings.keep_punctuation)
            if key not in self._units:
                self._units[key] = line_units(text, tokens, settings, protected, self.render)
            return self._units[key]

        return shape_line(
            text, tokens, settings, protected=protected, render=self.render, max_chunk_width=max_chunk_width, known_units=units
        )


def line_units(
    text: str,
    tokens: Sequence[Token],
    settings: ShapeSettings,
    protected: Iterable[tuple[int, int]],
    render: Callable[[str], str],
) -> list[Unit]:
    """The runs of a line that are never cut, each with the cost of a cut before it."""
    protected = list(protected)
    cuts = {t.start for t in tokens if 0 < t.start < len(text)}
    for start, end in protected_spans(text, settings.max_line_width, protected):
        cuts.difference_update(range(start + 1, end))
    cuts = {c for c in cuts if _typesetting_allows_cut(text, c)}
    bounds = [0, *sorted(cuts), len(text)]
    word_at = {t.start: t.text for t in tokens}
    word_before = {t.end: t.text for t in tokens}

    units: list[Unit] = []
    for start, end in zip(bounds, bounds[1:]):
        for piece_start, piece_end, forced in _fit_pieces(text, start, end, settings.max_line_width):
            display = render(text[piece_start:piece_end])
            if forced:
                cost = _FORCED
            else:
                cost = _cut_cost(text, piece_start, word_at, word_before)
            units.append(Unit(piece_start, piece_end, display, _unit_width(display, settings.keep_punctuation), cost))
    return units


def _unit_width(display: str, keep_punctuation: bool) -> float:
    """Width as shown: a comma or full stop becomes a half-width space unless punctuation is kept."""
    if keep_punctuation:
        return display_width(display)
    # A pause mark shows as a half-width space: the same width as an ASCII , or . and the half-width
    # marks already have, so only the full-width marks change.
    return display_width(display) - 0.5 * sum(display.count(mark) for mark in _WIDE_PAUSE_MARKS)


def _typesetting_allows_cut(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if after in _CLOSING or after.isspace() or before in _OPENING:
        return False
    return True


def _cut_cost(text: str, cut: int, word_at: dict[int, str], word_before: dict[int, str]) -> float:
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
    if text[cut - 1].isspace():
        return _CHEAP
    word, previous = word_at.get(cut, ""), word_before.get(cut, "")
    if word in _CONJUNCTIONS:
        return _CHEAP
    if word in _ENCLITICS:
        return _POOR
    if word in _PHRASE_OPENERS or previous in _MODIFIER_ENDINGS:
        return _FAIR
    return _PLAIN


def _fit_pieces(text: str, start: int, end: int, limit: float):
    """Split a run wider than a line (a very long word or URL) at characters; such cuts are forced."""
    if display_width(text[start:end]) <= limit:
        yield start, end, False
        return
    piece_start, width = start, 0.0
    for index in range(start, end):
        w = char_width(text[index])
        if width + w > limit and index > piece_start:
            yield piece_start, index, piece_start != start
            piece_start, width = index, 0.0
        width += w
    yield piece_start, end, piece_start != start
