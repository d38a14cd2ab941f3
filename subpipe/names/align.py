"""Find the names in each line and tie each to its glossary entry and English name.

Matching runs on the Simplified analysis text, so Traditional transcripts and glossaries meet in the
middle. At each position the longest glossary form wins; a form that belongs to several entries
(a given name two people share) is settled by which of them the episode names in full, and
reported as ambiguous when it cannot be. Name-like text that matches nothing is reported as
unresolved, so the user can complete the glossary.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from types import MappingProxyType

from ..glossary import Alias, Entry, Glossary
from ..text.lexicon import (
    CJK_RANGE,
    COMMON_SURNAMES,
    DOTTED_SEPARATOR,
    FUNCTION_CHARS,
    MIDDLE_DOTS,
    NAME_DOTS,
    SPEECH_VERBS,
    TO_MIDDLE_DOT,
    TRANSLITERATION_CHARS,
)
from .edges import inside_transliteration, is_longer_word, on_word_edges, trim_to_word_edges
from .learn import looks_like_name_part
from ..model import AnalyzedLine, Mention, UnresolvedName
from ..text.line_table import texts_of
from ..text.pinyin import name_syllables
from ..text.segment import is_dictionary_word, is_ordinary_word
from ..text.spans import SpanSet

_CJK = re.compile(rf"[{CJK_RANGE}]")
_DOTTED_NAME = re.compile(rf"[{CJK_RANGE}]{{1,6}}(?:{DOTTED_SEPARATOR.pattern}[{CJK_RANGE}]{{1,6}})+")
_REPORTED_BY = (("根据", "的说法"), ("用", "的话来说"), ("在", "看来"), ("据", "介绍"))
_REPORTED_BY_PATTERNS = tuple(re.compile(rf"{before}([{CJK_RANGE}]{{2,4}}){after}") for before, after in _REPORTED_BY)
_SHORTEST_TRANSLITERATION = 3

# How a derived alias is reported in `mentions[].via`.
_VIA = {"glossary": "glossary", "part": "partial", "dotless": "dotless", "short": "short", "given": "given"}


@dataclass(frozen=True)
class NameAlignment:
    mentions: tuple[Mention, ...]
    ambiguous: tuple[Mention, ...]  # forms that could mean several entries in this episode
    unresolved: tuple[UnresolvedName, ...]


class LineNames:
    """What an episode's lines show of names, whatever the glossary: each line's text with every
    name's dot made ·, the dotted names written, each line's name-like text. Read once and shared by
    the readings of the same lines (the alignment before and after the names no glossary gives, and
    the search for those names)."""

    def __init__(self, analyzed: Sequence[AnalyzedLine]):
        self.analyzed = analyzed
        self.texts = [normal_dots(analysis) for analysis, _ in texts_of(analyzed)]

    @cached_property
    def dotted_written(self) -> frozenset[str]:
        """Every dotted name the episode writes (· for every dot)."""
        return dotted_names_written(self.analyzed, self.texts)

    @cached_property
    def candidates(self) -> list[list[tuple[int, int, str]]]:
        """Each line's name-like text (`_name_candidates`), glossary or not."""
        return [_name_candidates(item) for item in self.analyzed]


def align_names(
    analyzed: Sequence[AnalyzedLine],
    glossary: Glossary,
    learned_forms: frozenset[str] = frozenset(),
    via_of_form: Mapping[str, str] = MappingProxyType({}),
    *,
    lines: LineNames | None = None,
) -> NameAlignment:
    """Every glossary name in every line; `learned_forms` are the (Simplified) names the transcript
    spelled out in English itself, reported with `via="inline"`; `via_of_form` says how other forms
    came to be (`dictionary`, `romanised`, `guessed`: names no glossary gave). `lines`, when given, is
    `LineNames(analyzed)` read already."""
    if lines is None:
        lines = LineNames(analyzed)
    matcher = _FormMatcher.of(glossary)
    found = [(item, match) for item, text in zip(analyzed, lines.texts) for match in matcher.matches(item, text)]
    written_dotted = lines.dotted_written
    others_by_given = _other_given_names(analyzed, found, glossary)

    # An alias two entries share means whichever of them the episode otherwise names.
    named = {aliases[0].entry_id for _, (_, _, aliases) in found if len({a.entry_id for a in aliases}) == 1}
    mentions, ambiguous = [], []
    last_whole: tuple[int, int, int] | None = None
    dotted_in: tuple[AnalyzedLine | None, list[tuple[int, int]]] = (None, [])
    for item, (start, end, aliases) in found:
        if not any("·" in normal_dots(a.form) for a in aliases):
            if dotted_in[0] is not item:  # found by line: each line's dotted names are found once
                dotted_in = (item, dotted_spans(item))
            whole = longer_dotted_name(item, start, end, dotted_in[1])
            if whole is not None:
                # 库克 inside 提姆·库克: the part belongs to a dotted name the glossary does not list. It is
                # the glossary's person only if the whole name sounds like theirs (a transliteration
                # variant); otherwise it is someone else, left for the unresolved report.
                if (item.line.number, *whole) != last_whole:
                    last_whole = (item.line.number, *whole)
                    variant = _variant_of(item.analysis[whole[0] : whole[1]], aliases, glossary)
                    if variant is not None:
                        mentions.append(_mention(item, *whole, variant, "variant"))
                continue
        candidates = {
            a.entry_id
            for a in aliases
            if not _part_of_someone_else(a, glossary, written_dotted) and (a.form, a.entry_id) not in others_by_given
        }
        if not candidates:
            continue  # 克里斯 alone, where the episode names 克里斯·朱: not the glossary's 克里斯·奥拉
        if len(candidates) > 1:
            candidates &= named
        if len(candidates) != 1:
            ambiguous.append(Mention(item.line.number, start, end, item.line.text[start:end], None, None, None, "ambiguous"))
            continue
        entry_id = candidates.pop()
        alias = next(a for a in aliases if a.entry_id == entry_id)
        entry = glossary.entry(entry_id)
        via = via_of_form.get(normal_dots(alias.form)) or _via(alias, entry, learned_forms)
        mentions.append(_mention(item, start, end, entry, via))
    covered = _covered(mentions + ambiguous)
    unresolved = find_unresolved(analyzed, covered, lines.candidates)
    if unresolved:
        unresolved = _with_likely_matches(unresolved, glossary)
    return NameAlignment(tuple(mentions), tuple(ambiguous), unresolved)


def dotted_names_written(analyzed: Sequence[AnalyzedLine], texts: Sequence[str] | None = None) -> frozenset[str]:
    """Every dotted name the episode writes (· for every dot); `texts` are the lines' analysis texts
    with their dots made · (`normal_dots`), when known."""
    names = set()
    for item, text in zip(analyzed, texts if texts is not None else [normal_dots(item.analysis) for item in analyzed]):
        for match in _DOTTED_NAME.finditer(text):
            start, end = _trim_dotted(item, match.start(), match.end())
            names.add(text[start:end])
    return frozenset(names)


def _part_of_someone_else(alias: Alias, glossary: Glossary, written_dotted: frozenset[str]) -> bool:
    """A part of a glossary name (克里斯 of 克里斯·奥拉) standing alone is someone else when the episode
    writes another dotted name with that part (克里斯·朱) and never the glossary's."""
    if alias.via != "part":
        return False
    others = {name for name in written_dotted if alias.form in name.split("·")}
    if not others:
        return False
    own = [normal_dots(form) for form in glossary.entry(alias.entry_id).chinese]
    # jieba glues a one-character last part to what follows (杰森·魏写了), so a written name that
    # starts with the glossary's own is the glossary's person.
    return not any(name.startswith(form) for name in others for form in own)


_LATIN_FULL_NAME = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+) [A-Z][A-Za-z'’\-]+")


def _other_given_names(
    analyzed: Sequence[AnalyzedLine], found, glossary: Glossary
) -> set[tuple[str, str]]:
    """(form, entry) pairs where a glossary person's given name stands for someone else: the episode
    spells out another person with that given name (克里斯 … Chris Zhu) and never names the glossary's
    person (Chris Olah) in full."""
    latin = {match.group() for _, text in texts_of(analyzed) for match in _LATIN_FULL_NAME.finditer(text)}
    if not latin:
        return set()
    in_full = {a.entry_id for _, (_, _, aliases) in found for a in aliases if a.via != "part"}
    result = set()
    for _, (_, _, aliases) in found:
        for alias in aliases:
            if alias.via != "part" or alias.entry_id in in_full:
                continue
            entry = glossary.entry(alias.entry_id)
            parts = [normal_dots(form).split("·") for form in entry.chinese if "·" in normal_dots(form)]
            if not any(part[0] == alias.form for part in parts):
                continue  # not the given name
            given = entry.english.split()[0]
            if any(name.startswith(given + " ") and name.casefold() != entry.english.casefold() for name in latin):
                result.add((alias.form, alias.entry_id))
    return result


def _mention(item: AnalyzedLine, start: int, end: int, entry: Entry, via: str) -> Mention:
    return Mention(
        line=item.line.number,
        start=start,
        end=end,
        text=item.line.text[start:end],
        entity=entry.id,
        english=entry.english,
        kind=entry.kind,
        via=via,
    )


def dotted_spans(item: AnalyzedLine) -> list[tuple[int, int]]:
    """Where the line's text has the shape of a dotted name (before trimming), in order, not overlapping."""
    return [match.span() for match in _DOTTED_NAME.finditer(normal_dots(item.analysis))]


def longer_dotted_name(
    item: AnalyzedLine, start: int, end: int, dotted: list[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """The dotted name that [start, end) is only one part of, if the text writes one there; `dotted` are
    the line's `dotted_spans` when known. Found by bisection: a line of thousands of words has hundreds
    of names."""
    if dotted is None:
        dotted = dotted_spans(item)
    index = bisect_right(dotted, (start, len(item.analysis) + 1)) - 1
    if index < 0 or end > dotted[index][1]:
        return None  # the only span that could hold it starts before it and ends before its end
    whole = _trim_dotted(item, *dotted[index])
    if whole[0] <= start and end <= whole[1] and whole != (start, end):
        return whole
    return None


def _variant_of(whole: str, aliases: Sequence[Alias], glossary: Glossary) -> Entry | None:
    """The entry (among those `aliases` point at) whose written dotted name `whole` sounds like."""
    best, best_score = None, 0.0
    for entry_id in dict.fromkeys(a.entry_id for a in aliases):
        entry = glossary.entry(entry_id)
        for form in entry.chinese:
            if "·" in normal_dots(form):
                # A variant spells the same surname alike: 亚历克斯·汉迪 is not 亚历克斯·卡普.
                if _sound_score(name_syllables(_last_part(whole)), name_syllables(_last_part(form))) < _LIKELY_LETTERS:
                    continue
                score = sound_alike(whole, form)
                if score > best_score:
                    best, best_score = entry, score
    return best if best_score >= _LIKELY_LETTERS else None


def _last_part(name: str) -> str:
    return DOTTED_SEPARATOR.split(name)[-1]


# Two names sound alike when most syllables agree in order and their toneless pinyin letters are
# close: 艾隆/埃隆 are equal, 苏茨克沃/苏茨克维 differ in one vowel, 郑亨元/中科院 are far apart.
_LIKELY_SYLLABLES = 0.66
_LIKELY_LETTERS = 0.75


def sound_alike(first: str, second: str) -> float:
    """How alike two names sound, 0 to 1, by their toneless pinyin."""
    return _sound_score(name_syllables(first), name_syllables(second))


def _sound_score(heard: tuple[str, ...], syllables: tuple[str, ...]) -> float:
    from difflib import SequenceMatcher

    if abs(len(syllables) - len(heard)) > 1:
        return 0.0
    if min(len(heard), len(syllables)) <= 2:
        return 1.0 if syllables == heard else 0.0
    if SequenceMatcher(None, heard, syllables).ratio() < _LIKELY_SYLLABLES:
        return 0.0
    return SequenceMatcher(None, " ".join(heard), " ".join(syllables)).ratio()


def _likely_score(heard: tuple[str, ...], syllables: tuple[str, ...], heard_letters: "Counter[str] | None" = None) -> float:
    """`_sound_score` where it reaches `_LIKELY_LETTERS`, else 0.0: a pair below it can never be a likely
    match, so the exact score of most pairs need not be computed. `heard_letters`, when the caller
    compares one name with many, is `Counter(" ".join(heard))`, counted once."""
    if abs(len(syllables) - len(heard)) > 1:
        return 0.0
    if min(len(heard), len(syllables)) <= 2:
        return 1.0 if syllables == heard else 0.0
    # difflib's two quick bounds on the letters' ratio, never below it: a pair whose bound is below the
    # threshold is below it too. About 1 pair in 66 passes them (the dev corpus), so they are computed
    # here, with no SequenceMatcher and nothing kept, and only the rest reach the exact (cached) score.
    heard_text, letters = " ".join(heard), " ".join(syllables)
    length = len(heard_text) + len(letters)
    if 2.0 * min(len(heard_text), len(letters)) / length < _LIKELY_LETTERS:
        return 0.0
    if 2.0 * _shared_letters(heard_letters or Counter(heard_text), letters) / length < _LIKELY_LETTERS:
        return 0.0
    return _likely_letters_score(heard, syllables)


def _shared_letters(counts: "Counter[str]", letters: str) -> int:
    """How many of `letters` the letters `counts` holds can pair with, each used once: the matches
    difflib's `quick_ratio` counts."""
    left: dict[str, int] = {}
    shared = 0
    for letter in letters:
        available = left[letter] if letter in left else counts[letter]
        left[letter] = available - 1
        shared += available > 0
    return shared


# Kept because an episode compares each unresolved name with the same glossary forms twice (before and
# after the names no glossary gives), and a batch meets the same names again; only pairs within the
# quick bounds reach it: about a thousand, 447 of them distinct, in the dev corpus concatenated (1.2 MB).
@lru_cache(maxsize=4096)
def _likely_letters_score(heard: tuple[str, ...], syllables: tuple[str, ...]) -> float:
    from difflib import SequenceMatcher

    if SequenceMatcher(None, heard, syllables).ratio() < _LIKELY_SYLLABLES:
        return 0.0
    score = SequenceMatcher(None, " ".join(heard), " ".join(syllables)).ratio()
    return score if score >= _LIKELY_LETTERS else 0.0


def _with_likely_matches(unresolved: tuple[UnresolvedName, ...], glossary: Glossary) -> tuple[UnresolvedName, ...]:
    """Point an unlisted transliteration variant at the glossary name it most likely is."""
    by_count = _names_by_syllable_count(glossary)
    result = []
    for name in unresolved:
        heard = name_syllables(name.form)
        heard_letters = Counter(" ".join(heard))
        kinds = ("person",) if name.reason != "transliteration" else ("person", "org", "product")
        # The best score wins; among equal scores, the name the glossary lists first.
        best, best_rank = None, (0.0, 0)
        for count in (len(heard) - 1, len(heard), len(heard) + 1):
            for order, form, entry, syllables in by_count.get(count, ()):
                if entry.kind not in kinds:
                    continue
                # Only scores that can make a likely match count: the best of them is the best of all
                # scores whenever that best is a likely match, and otherwise there is none either way.
                rank = (_likely_score(heard, syllables, heard_letters), -order)
                if rank[0] > 0 and rank > best_rank:
                    best, best_rank = (entry.english, form), rank
        result.append(replace(name, likely=best) if best and best_rank[0] >= _LIKELY_LETTERS else name)
    return tuple(result)


_NamesByCount = dict[int, list[tuple[int, str, Entry, tuple[str, ...]]]]


def _names_by_syllable_count(glossary: Glossary) -> _NamesByCount:
    """The glossary's names of people, organisations and products that one form stands for, by their
    count of syllables (only counts within one of a name's own can sound like it), each with its place
    in the glossary and its syllables. Kept for as long as the glossary lives, as its matcher is."""
    found = _BY_SYLLABLE_COUNT.get(glossary)
    if found is not None:
        return found
    by_count: _NamesByCount = defaultdict(list)
    named = {entry_id for entry_id, entry in glossary.entries.items() if entry.kind in ("person", "org", "product")}
    for order, (form, aliases) in enumerate(glossary.aliases.items()):
        if not aliases or len(form) < 2:
            continue
        entry_id = aliases[0].entry_id
        if entry_id not in named:
            continue
        if len(aliases) == 1 or all(a.entry_id == entry_id for a in aliases):
            syllables = name_syllables(form)
            by_count[len(syllables)].append((order, form, glossary.entries[entry_id], syllables))
    _BY_SYLLABLE_COUNT[glossary] = by_count = dict(by_count)
    return by_count


_BY_SYLLABLE_COUNT: "weakref.WeakKeyDictionary[Glossary, _NamesByCount]" = weakref.WeakKeyDictionary()


def _via(alias: Alias, entry: Entry, learned_forms: frozenset[str]) -> str:
    if alias.via == "glossary":
        if normal_dots(alias.form) in learned_forms:
            return "inline"
        main = entry.chinese[0] if entry.chinese else ""
        return "glossary" if normal_dots(alias.form) == normal_dots(main) else "alias"
    return _VIA.get(alias.via, alias.via)


class _FormMatcher:
    """Longest-match lookup of glossary forms: for each first character, the lengths its forms come
    in, longest first, so a position costs one dictionary lookup per length instead of a comparison
    with every form that starts with its character."""

    def __init__(self, glossary: Glossary):
        self._aliases = {normal_dots(form): aliases for form, aliases in glossary.aliases.items() if form}
        # The keys of forms written with another dot than ·: another form may share such a key, and the
        # later of the two wins it, so a matcher updated form by form would need the order of them all.
        self._redotted_keys = {normal_dots(form) for form in glossary.aliases if form and normal_dots(form) != form}
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self._aliases:
            lengths[key[0]].add(len(key))
        self._lengths = {c: sorted(found, reverse=True) for c, found in lengths.items()}

    @staticmethod
    def of(glossary: Glossary) -> _FormMatcher:
        """The glossary's matcher, built once for as long as the glossary lives (a converter's glossary
        serves every episode that learns no name); an episode's glossary, which extends the converter's
        with a few names, updates that one's matcher with its forms instead of building one anew."""
        matcher = _MATCHERS.get(glossary)
        if matcher is None:
            if glossary.extends is not None:
                base, forms = glossary.extends
                matcher = _FormMatcher.of(base)._updated(glossary, forms)
            matcher = _MATCHERS[glossary] = matcher or _FormMatcher(glossary)
        return matcher

    def _updated(self, glossary: Glossary, forms: frozenset[str]) -> _FormMatcher | None:
        """This matcher with `forms` as `glossary` has them (added, changed or gone): what building one
        for `glossary` gives. None when a form is written with another dot, or its key may be shared."""
        if any(normal_dots(form) != form or form in self._redotted_keys for form in forms):
            return None
        matcher = _FormMatcher.__new__(_FormMatcher)
        matcher._aliases = dict(self._aliases)
        matcher._redotted_keys = self._redotted_keys
        matcher._lengths = dict(self._lengths)
        for form in forms:
            found = glossary.aliases.get(form)
            if found and form:
                matcher._aliases[form] = found
                if len(form) not in matcher._lengths.get(form[0], ()):
                    matcher._lengths[form[0]] = sorted({*matcher._lengths.get(form[0], ()), len(form)}, reverse=True)
            else:
                # A length no form has any more only costs a look-up that finds nothing.
                matcher._aliases.pop(form, None)
        return matcher

    def matches(self, item: AnalyzedLine, text: str) -> list[tuple[int, int, tuple[Alias, ...]]]:
        """The glossary forms in `text`, the line's analysis text with its dots made · (`normal_dots`)."""
        starts = {t.start for t in item.tokens}
        ends = {t.end for t in item.tokens}
        found, position = [], 0
        while position < len(text):
            match = self._longest_at(text, position, starts, ends, item.tokens)
            if match is None:
                position += 1
                continue
            form_length, aliases = match
            found.append((position, position + form_length, aliases))
            position += form_length
        return found

    def _longest_at(self, text, position, starts, ends, tokens):
        for length in self._lengths.get(text[position], ()):
            end = position + length
            if end > len(text):
                continue
            aliases = self._aliases.get(text[position:end])
            if (
                aliases is not None
                and on_word_edges(text, position, end, starts, ends, tokens)
                and ("·" in text[position:end] or not inside_transliteration(text, position, end, tokens))
            ):
                return length, aliases
        return None


# Glossary -> its matcher; weak, so that an episode's glossary takes its matcher with it.
_MATCHERS: "weakref.WeakKeyDictionary[Glossary, _FormMatcher]" = weakref.WeakKeyDictionary()


def normal_dots(text: str) -> str:
    """Every middle-dot variant as ·, same length, so offsets stay true."""
    # Most text holds no dot: a set test costs a tenth of translating through a table.
    return text if _DOT_VARIANTS.isdisjoint(text) else text.translate(TO_MIDDLE_DOT)


_DOT_VARIANTS = frozenset(map(chr, TO_MIDDLE_DOT))


def _covered(mentions: Sequence[Mention]) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        spans[mention.line].append((mention.start, mention.end))
    return spans


def find_unresolved(
    analyzed: Sequence[AnalyzedLine],
    covered: dict[int, list[tuple[int, int]]],
    candidates: Sequence[list[tuple[int, int, str]]] | None = None,
) -> tuple[UnresolvedName, ...]:
    """Name-like text no glossary resolved: dotted names, transliterations, names before speech verbs.
    `candidates` are each line's `_name_candidates`, when known (`LineNames.candidates`)."""
    if candidates is None:
        candidates = [_name_candidates(item) for item in analyzed]
    # Each form's lines as the keys of a dict: in order, and a line looked up at once (a long episode
    # writes a name on thousands of lines).
    lines_of: dict[str, dict[int, None]] = defaultdict(dict)
    text_of: dict[str, str] = {}
    reason_of: dict[str, str] = {}
    # A line's covered spans looked up by bisection: a line may be one long subtitle cue of hundreds of names.
    taken = {number: SpanSet(spans) for number, spans in covered.items()}
    for item, line_candidates in zip(analyzed, candidates):
        spans = taken.get(item.line.number) or SpanSet()
        for start, end, reason in line_candidates:
            if spans.overlaps(start, end):
                continue
            form = item.analysis[start:end]
            lines_of[form].setdefault(item.line.number)
            text_of.setdefault(form, item.line.text[start:end])
            reason_of.setdefault(form, reason)
    # A name found once by its shape is the same name wherever else it is written.
    for item in analyzed:
        spans = taken.get(item.line.number) or SpanSet()
        for form, lines in lines_of.items():
            if item.line.number in lines or form not in item.analysis:
                continue
            for match in re.finditer(re.escape(form), item.analysis):
                if not spans.overlaps(match.start(), match.end()):
                    lines[item.line.number] = None
                    break
    return tuple(
        UnresolvedName(text=text_of[form], form=form, lines=tuple(sorted(lines)), reason=reason_of[form])
        for form, lines in sorted(lines_of.items(), key=lambda kv: min(kv[1]))
    )


def _name_candidates(item: AnalyzedLine) -> list[tuple[int, int, str]]:
    text, found = item.analysis, []
    for match in _DOTTED_NAME.finditer(text):
        start, end = _trim_dotted(item, match.start(), match.end())
        # A name has a part on each side of its dot; 好. alone is a sentence's end.
        if text[start] not in MIDDLE_DOTS and text[end - 1] not in MIDDLE_DOTS:
            found.append((start, end, "dotted name"))
    for start, end in _transliteration_runs(item):
        found.append((start, end, "transliteration"))
    for start, end in _speaker_names(item):
        found.append((start, end, "named as a speaker"))
    # Off the words around it (部长|吉娜·雷蒙多, 马斯克|特别), as jieba cuts the line without the name.
    found = [(*trim_to_word_edges(text, start, end, is_longer_word), reason) for start, end, reason in found]
    # One name, one report: a transliteration inside a dotted name is that name's part.
    kept: list[tuple[int, int, str]] = []
    for candidate in sorted(found, key=lambda c: c[0] - c[1]):
        if not any(c[0] < candidate[1] and candidate[0] < c[1] for c in kept):
            kept.append(candidate)
    return sorted(kept)


def _transliteration_runs(item: AnalyzedLine) -> list[tuple[int, int]]:
    """Runs of words made only of transliteration characters (jieba splits an unknown name into
    pieces: 苏茨克沃 → 苏 茨克 沃), at least three characters, that are not a known word."""
    runs, start, end = [], None, None
    for token in (*item.tokens, None):
        fits = (
            token is not None
            and TRANSLITERATION_CHARS.issuperset(token.text)
            and (len(token.text) == 1 or not is_ordinary_word(token.text))
            and (start is None or token.start == end)
        )
        if fits:
            start = token.start if start is None else start
            end = token.end
            continue
        if start is not None and end - start >= _SHORTEST_TRANSLITERATION:
            if not is_dictionary_word(item.analysis[start:end]):
                runs.append((start, end))
        start = end = None
        if token is not None and TRANSLITERATION_CHARS.issuperset(token.text) and not is_ordinary_word(token.text):
            start, end = token.start, token.end
    return runs


def _trim_dotted(item: AnalyzedLine, start: int, end: int) -> tuple[int, int]:
    """The dotted pattern runs over whole CJK runs; keep only the name-like words next to the dots.

    The word touching a dot is part of the name whatever it is made of (the dot says so), unless it is
    a function word or an everyday word; words further out must look like parts of a name.
    """
    text = item.analysis
    dots = [i for i in range(start, end) if text[i] in MIDDLE_DOTS]
    # A full stop binds only words that look like a name on their own; a true middle dot binds any word.
    trusted = all(text[i] in NAME_DOTS for i in dots)
    tokens = item.tokens_within(start, end)  # only these can join
    new_start = dots[0]
    for token in reversed(tokens):
        touches = trusted and new_start == dots[0]
        if token.end == new_start and token.start >= start and _name_word(token.text, touches):
            new_start = token.start
    new_end = dots[-1] + 1
    for token in tokens:
        touches = trusted and new_end == dots[-1] + 1
        if token.start == new_end and token.end <= end and _name_word(token.text, touches):
            new_end = token.end
    return new_start, new_end


def _name_word(word: str, touches_dot: bool) -> bool:
    if touches_dot and _CJK.match(word) and word not in FUNCTION_CHARS and (len(word) == 1 or not is_ordinary_word(word)):
        return True
    return looks_like_name_part(word)


def _speaker_names(item: AnalyzedLine) -> list[tuple[int, int]]:
    """A Chinese name right before a speech verb (郑亨元解释道) or inside 根据…的说法."""
    text, found = item.analysis, []
    for verb in SPEECH_VERBS:
        if verb not in text:  # most lines hold none of them: one substring search each
            continue
        for match in re.finditer(re.escape(verb), text):
            span = _person_before(item, match.start())
            if span:
                found.append(span)
    for pattern in _REPORTED_BY_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1)
            if name[0] in COMMON_SURNAMES and not is_ordinary_word(name):
                found.append(match.span(1))
    return found


def _person_before(item: AnalyzedLine, end: int) -> tuple[int, int] | None:
    token = item.token_ending_at(end)
    if token is None:
        return None
    start = token.start
    if len(token.text) == 2:
        # A surname jieba split off: 郑 + 亨元.
        previous = item.token_ending_at(start)
        if previous is not None and len(previous.text) == 1 and previous.text in COMMON_SURNAMES:
            start = previous.start
    name = item.analysis[start:end]
    if not (2 <= len(name) <= 4) or name[0] not in COMMON_SURNAMES or is_ordinary_word(name):
        return None
    if any(c in FUNCTION_CHARS for c in name):
        return None
    return start, end
