"""Keywords and titles for chapters: a short phrase a viewer would write, in the chapter's own words.

A chapter's keywords are ranked by TF-IDF over that chapter's own words, with the IDF table jieba ships
(jieba.analyse's own weighting, computed here so that jieba's global extractors are never built). The words
are the ones the segmenter found, with each name found in the text taken whole (杰瑞·特沃里克, not
杰瑞 · 特沃里克) and runs of Latin words kept together (o1 Mini). A word found in every chapter says
nothing about any one of them, so weights are scaled by how few chapters use the word, as IDF does
across documents.

The title is a noun phrase of the chapter's own text, never a list of keywords:

- the transcript's own heading, when the chapter starts at one;
- else the key noun phrase of the chapter: runs of nouns, names and Latin terms as written (薪酬体系,
  Llama 3, 开源大模型), scored by the weight of their words, how often the chapter says them and how
  central the sentences holding them are (the sentences that share most of the chapter's key words);
  two such phrases joined with 与 when one alone is short or a second one is nearly as strong
  (基准测试与人类评估), as editors title chapters;
- "人物：话题" only when the chapter is about that person: most of the episode's mentions of them are in
  it, and they are its most named person. A person talked about in every chapter opens none.

A title is 4 to 14 characters wide (Latin letters and digits count half, as on screen), holds no filler,
no bare number and no piece of a word, and shares no word with the title before it. `title_en` exists
only when every term of the title has an English name (from the glossary or the transcript itself, or a
Latin term): `Trapit Bansal: chain of thought`.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import AnalyzedLine, Mention
from ..text.keywords import stop_words, tfidf_weights
from ..text.line_index import LinesByNumber
from ..text.line_table import joined
from ..text.segment import topic_word_tag
from ..text import token_rows
from ..text.width import display_width

# jieba's part-of-speech tags for words that can name a topic: nouns, verbal nouns, and the names and
# Latin words we add ourselves. Words jieba does not know are left out: outside the names found, they
# are mostly pieces its word-guessing glued together.
_NAME, _LATIN_TAG = "nz", "eng"
_TOPIC_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "vn", "eng"})
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-_]*")
_HAS_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")
# A line holding a link or a tag (Markdown read as plain text: `<img src="https://…">`) names no topic.
_LINK = re.compile(r"://|^\s*<[a-zA-Z/]")

# How wide a title may be, in full-width characters (a viewer's chapter menu; YouTube cuts long ones).
MIN_TITLE_WIDTH = 4
MAX_TITLE_WIDTH = 14
# A chapter with no phrase that wide is titled by its best word, down to this width (电池).
_SHORTEST_TITLE_WIDTH = 2
# A noun phrase of at most this many words: longer runs are lists, not names of a topic.
_MAX_PHRASE_WORDS = 3
# A second phrase joins the first (A与B) when it scores at least this share of the first.
_SECOND_PHRASE_SHARE = 0.5
# Nouns that name no topic by themselves (things, matters, ways, times, people in general).
_VAGUE_NOUNS = frozenset(
    "东西 事情 事儿 情况 地方 时间 时候 过程 方式 办法 样子 原因 结果 感觉 想法 人们 大家 朋友 一点 部分 方面 "
    "问题 内容 意思 事实 关系 情形 状况 程度 角度 层面 地步 机会 目的 作用 影响 变化 人家 家里 话题 观点".split()
)
# A person opens a chapter's title only when more than this share of the episode's mentions of them
# are in the chapter.
_PERSON_SHARE = 0.5
_PERSON_MIN_MENTIONS = 2
# Words side by side are a term of the chapter when it says them together at least this often.
_TERM_MIN_COUNT = 2
_TERM_BONUS = 0.5  # per word of a term beyond the first
_JOIN = "与"
_PERSON_SEPARATOR = "："


# A word and its part-of-speech tag, as jieba.posseg pairs them.
Tagged = tuple[str, str]


@dataclass(frozen=True)
class Title:
    title: str
    title_en: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class _Names:
    """What the episode's mentions tell: each name's fullest form and its English name."""

    fullest: dict[str, str]  # entity -> longest surface seen (Simplified)
    english: dict[str, str]  # surface (Simplified) -> English name
    english_words: frozenset[str]  # lower-cased words of English names, not keywords on their own
    english_of_entity: dict[str, str] = field(default_factory=dict)  # entity -> English name


@dataclass(frozen=True, slots=True)
class _Unit:
    """One word of a noun phrase as found in a line: its keyword form (`key`: a name's fullest form, a
    Latin run's first spelling), its tag, and where it stands in the line's analysis text."""

    key: str
    tag: str
    start: int
    end: int
    entity: str | None = None


@dataclass
class _Phrase:
    """A noun phrase the chapter says (as written, Simplified), with its words and how often it says it."""

    text: str
    keys: tuple[str, ...]
    entities: tuple[str | None, ...]
    count: int = 0
    first: tuple[int, int] = (0, 0)  # (line index in the chapter, offset) of its first use
    centrality: float = 0.0  # the most central sentence holding it (0 to 1)
    score: float = 0.0


def title_parts(
    parts: Sequence[Sequence[AnalyzedLine]],
    mentions: Sequence[Mention],
    keyword_count: int,
    headings: Sequence[str | None] | None = None,
) -> list[Title]:
    """One title per part (a run of consecutive lines), in order; `headings`: the transcript's own
    heading for a part, where one starts it."""
    # Found by number through one array of the line numbers, not a dict of every line (1.2x the input
    # of a long episode of short lines, held while every title is made).
    line_of = LinesByNumber(joined(parts))
    names = _names(mentions, line_of)
    in_order = sorted(mentions, key=lambda m: (m.line, m.start))
    mentions_of: dict[int, list[Mention]] = {}  # line number -> its mentions, in order of place
    for mention in in_order:
        mentions_of.setdefault(mention.line, []).append(mention)
    latin_forms: dict[str, str] = {}  # this call's own: "o1 mini" and "o1 Mini" count as one word
    kinds: dict[str, str | None] = {}  # this call's own: each token text is classified once

    def units_of(part: Sequence[AnalyzedLine]) -> list[tuple[_Unit | None, ...]]:
        # The same units however often a part's are made: `latin_forms` holds each run's first spelling
        # in the episode, which comes no later than the part that uses it.
        return [
            () if _LINK.search(item.analysis) else tuple(_line_units(item, mentions_of.get(item.line.number, ()), names, latin_forms, kinds))
            for item in part
        ]

    # A long episode's units (about 4x its input) are made again for each part's title rather than held
    # for every part at once; an ordinary episode's are made once (twice would cost it about 2% more).
    held = [units_of(part) for part in parts] if sum(map(len, parts)) < token_rows.PACK_LINES else None
    weighted = [
        _tfidf([(u.key, u.tag) for line in (held[index] if held is not None else units_of(part)) for u in line if u is not None])
        for index, part in enumerate(parts)
    ]
    spread = Counter(word for weights in weighted for word in weights)
    # The IDF across chapters depends only on how many chapters use a word: one logarithm per count.
    rarity = {used: math.log((1 + len(parts)) / used) for used in set(spread.values())}
    weights = [{w: value * rarity[spread[w]] for w, value in part.items()} for part in weighted]
    del weighted
    about = _people_about(parts, in_order, names, line_of)
    # What most chapters say is the episode's subject (o1 in an episode about o1): it names none of them.
    subject = frozenset(w for w, used in spread.items() if len(parts) >= 3 and used > len(parts) / 2)
    titles: list[Title] = []
    previous: frozenset[str] = frozenset()
    for index, (part, weight) in enumerate(zip(parts, weights)):
        part_units = held[index] if held is not None else units_of(part)
        keywords = tuple(sorted(weight, key=lambda w: (-weight[w], w))[:keyword_count])
        heading = headings[index] if headings else None
        title, used = _compose(part, part_units, weight, about[index], heading, previous, subject, names)
        titles.append(Title(title[0], title[1], keywords))
        previous = used
    return titles


# ---------------------------------------------------------------------------------------------------
# The words of a chapter


def _line_units(
    item: AnalyzedLine,
    here: Sequence[Mention],
    names: _Names,
    latin_forms: dict[str, str],
    kinds: dict[str, str | None],
) -> Iterator[_Unit | None]:
    """The line's topic words in order, with None wherever something else stands between two of them
    (so that runs of units without a None between them are noun phrases): names whole, Latin runs
    joined (each spelled as it was first in the episode, whatever its case), the rest tagged by jieba's
    dictionary."""
    names_at = {m.start: m for m in here if m.entity}
    inside = {offset for m in here for offset in range(m.start, m.end)}  # the names' characters
    # In a line said mostly in English, its words are a sentence, not the Latin terms of a Chinese one.
    english = len(_HAS_LETTER.findall(item.analysis)) > len(_HAN.findall(item.analysis))
    latin: list[tuple[str, int, int]] = []
    skip_until = -1
    for token in item.tokens:
        text = token.text
        if token.start < skip_until:
            continue
        if token.start in names_at:
            yield from _latin_unit(latin, names, latin_forms)
            latin = []
            mention = names_at[token.start]
            key = names.fullest.get(mention.entity, item.analysis[mention.start : mention.end])
            yield _Unit(key, _NAME, mention.start, mention.end, mention.entity)
            skip_until = mention.end
            continue
        if inside and token.start in inside:
            continue
        kind = kinds[text] if text in kinds else kinds.setdefault(text, _kind(text))
        if kind == _LATIN_WORD:
            if english:
                yield None
            else:
                latin.append((text, token.start, token.end))
            continue
        if latin and not text.strip():
            continue  # a space inside a run of Latin words
        yield from _latin_unit(latin, names, latin_forms)
        latin = []
        if not text.strip():
            continue  # a space between a Latin term and a Chinese word keeps the phrase together
        yield _Unit(text, kind, token.start, token.end) if kind is not None else None
    yield from _latin_unit(latin, names, latin_forms)


# What a token is to `_line_units`: a word of a Latin run, a topic word (its tag), or neither (None).
_LATIN_WORD = "latin word"  # not one of jieba's tags


def _kind(text: str) -> str | None:
    if text.isascii() and _LATIN.fullmatch(text):  # isascii first: most words are Chinese
        return _LATIN_WORD
    if len(text.strip()) < 2 or text.lower() in stop_words():
        # The keyword weights pass over these whatever their tag (`tfidf_weights`' own test): not
        # worth a look-up in jieba's large dictionary.
        return None
    tag = topic_word_tag(text)
    return tag if tag in _TOPIC_TAGS else None


def _latin_unit(words: list[tuple[str, int, int]], names: _Names, latin_forms: dict[str, str]) -> Iterator[_Unit | None]:
    if not words:
        return
    # The Latin half of a name written twice (鲍勃·麦格鲁（Bob McGrew）) is the name again, not a topic.
    kept = [w for w in words if w[0].lower() not in names.english_words]
    if kept and any(_HAS_LETTER.search(w[0]) for w in kept):
        phrase = " ".join(w[0] for w in kept)
        yield _Unit(latin_forms.setdefault(phrase.lower(), phrase), _LATIN_TAG, kept[0][1], kept[-1][2])
    else:
        yield None


def _tfidf(words: list[Tagged]) -> dict[str, float]:
    """TF-IDF weights of the topic words of one chapter."""
    return tfidf_weights(words, _TOPIC_TAGS)


def _names(mentions: Sequence[Mention], line_of: Mapping[int, AnalyzedLine]) -> _Names:
    fullest: dict[str, str] = {}
    english: dict[str, str] = {}
    english_of_entity: dict[str, str] = {}
    english_words: set[str] = set()
    for mention in mentions:
        if mention.line not in line_of:
            continue
        surface = line_of[mention.line].analysis[mention.start : mention.end]
        if mention.entity and len(surface) > len(fullest.get(mention.entity, "")):
            fullest[mention.entity] = surface
        if mention.english:
            english[surface] = mention.english
            english_words.update(word.lower() for word in mention.english.split())
            if mention.entity:
                english_of_entity[mention.entity] = mention.english
    for entity, surface in fullest.items():
        if entity in english_of_entity:
            english.setdefault(surface, english_of_entity[entity])
    return _Names(fullest, english, frozenset(english_words), english_of_entity)


# ---------------------------------------------------------------------------------------------------
# People a chapter is about


@dataclass(frozen=True)
class _Person:
    entity: str
    shown: str  # the form the chapter writes most (施密特 rather than 埃里克·施密特 when it says so)


def _people_about(
    parts: Sequence[Sequence[AnalyzedLine]],
    in_order: Sequence[Mention],
    names: _Names,
    line_of: LinesByNumber,
) -> list[_Person | None]:
    """For each part, the person it is about, if any: its most named person, with more than half of the
    episode's mentions of them, named at least twice in it."""
    # Each line's part by its place among the parts' lines (`line_of`'s), not a dict of every line.
    part_at = array("i", (index for index, part in enumerate(parts) for _ in part))
    total: Counter[str] = Counter()
    per_part: list[Counter[str]] = [Counter() for _ in parts]
    forms: list[dict[str, Counter[str]]] = [{} for _ in parts]
    for mention in in_order:
        if mention.kind != "person" or not mention.entity or mention.line not in line_of:
            continue
        index = part_at[line_of.position(mention.line)]
        total[mention.entity] += 1
        per_part[index][mention.entity] += 1
        surface = line_of[mention.line].analysis[mention.start : mention.end]
        forms[index].setdefault(mention.entity, Counter())[surface] += 1
    about: list[_Person | None] = []
    for index, counts in enumerate(per_part):
        if not counts:
            about.append(None)
            continue
        entity = max(counts, key=lambda e: counts[e])  # max keeps the first of equals
        if counts[entity] >= _PERSON_MIN_MENTIONS and counts[entity] > _PERSON_SHARE * total[entity]:
            # A surname alone (任 of 任总, 刘 of 刘老师) names nobody in a title: then the fullest form
            # the episode writes, and with none, no person.
            written = {form: count for form, count in forms[index][entity].items() if len(form) > 1}
            shown = max(written, key=lambda form: written[form]) if written else names.fullest.get(entity, "")
            about.append(_Person(entity, shown) if len(shown) > 1 else None)
        else:
            about.append(None)
    return about


# ---------------------------------------------------------------------------------------------------
# Noun phrases and the title


def _phrases(part: Sequence[AnalyzedLine], units: Sequence[Sequence[_Unit | None]], weight: dict[str, float]) -> list[_Phrase]:
    """Every noun phrase the chapter says (up to `_MAX_PHRASE_WORDS` words in a row), scored."""
    found: dict[str, _Phrase] = {}
    sentences = _sentence_weights(part, units, weight)
    for line_index, (item, line_units) in enumerate(zip(part, units)):
        run: list[_Unit] = []
        for unit in [*line_units, None]:
            if unit is not None and (not run or _adjacent(item.analysis, run[-1], unit)):
                run.append(unit)
                continue
            for first in range(len(run)):
                for last in range(first, min(len(run), first + _MAX_PHRASE_WORDS)):
                    words = run[first : last + 1]
                    text = item.analysis[words[0].start : words[-1].end]
                    phrase = found.get(text)
                    if phrase is None:
                        phrase = found[text] = _Phrase(
                            text, tuple(u.key for u in words), tuple(u.entity for u in words), first=(line_index, words[0].start)
                        )
                    phrase.count += 1
                    phrase.centrality = max(phrase.centrality, sentences.get((line_index, words[0].start), 0.0))
            run = [unit] if unit is not None else []
    for phrase in found.values():
        words = sum(weight.get(key, 0.0) for key in phrase.keys)
        # Said more often, and in the sentences that carry the chapter's words: the chapter's topic.
        # A term of several words the chapter keeps using names it better than any one of them.
        phrase.score = words * math.sqrt(phrase.count) * (1 + phrase.centrality) * (1 + _TERM_BONUS * (len(phrase.keys) - 1))
    return [p for p in found.values() if p.score > 0]


def _adjacent(text: str, before: _Unit, after: _Unit) -> bool:
    """Two units form one phrase when only spaces stand between them."""
    return before.end <= after.start and not text[before.end : after.start].strip()


_SENTENCE_END = re.compile(r"[。！？!?；;]")


def _sentence_weights(
    part: Sequence[AnalyzedLine], units: Sequence[Sequence[_Unit | None]], weight: dict[str, float]
) -> dict[tuple[int, int], float]:
    """How central each unit's sentence is: the summed weight of the distinct key words it holds, over
    the best sentence's (0 to 1). Sentences are the line, or its pieces between 。！？ for long lines."""
    raw: dict[tuple[int, int], float] = {}
    for line_index, (item, line_units) in enumerate(zip(part, units)):
        ends = [m.end() for m in _SENTENCE_END.finditer(item.analysis)]
        groups: dict[int, list[_Unit]] = {}
        for unit in line_units:
            if unit is not None:
                groups.setdefault(sum(end <= unit.start for end in ends), []).append(unit)
        for group in groups.values():
            # Summed in sorted order, not a set's: a set's order follows the strings' hashes, which differ
            # from one process to the next, and the sum's last bits order phrases that nearly tie.
            keys = sorted({u.key for u in group})
            value = sum(weight.get(key, 0.0) for key in keys) / math.log(2 + len(group))
            for unit in group:
                raw[(line_index, unit.start)] = value
    top = max(raw.values(), default=0.0)
    return {place: value / top for place, value in raw.items()} if top > 0 else {}


def _compose(
    part: Sequence[AnalyzedLine],
    units: Sequence[Sequence[_Unit | None]],
    weight: dict[str, float],
    person: _Person | None,
    heading: str | None,
    previous: frozenset[str],
    subject: frozenset[str],
    names: _Names,
) -> tuple[tuple[str, str | None], frozenset[str]]:
    """The chapter's (title, title_en) and the words it uses (the next title must not repeat them).
    `previous`: the words of the title before; `subject`: the episode's subject, no title on its own."""
    if heading and acceptable(heading):
        latin = heading if heading.isascii() else None
        return (heading, latin), frozenset({heading})
    said = sorted(_phrases(part, units, weight), key=lambda p: (-p.score, p.first))
    fresh = [p for p in said if not previous & set(p.keys)]
    # The episode's subject names a chapter only when nothing else the chapter says can.
    for phrases in ([p for p in fresh if not set(p.keys) <= subject], fresh):
        if person is not None:
            prefix = person.shown + _PERSON_SEPARATOR
            for phrase in phrases:
                if person.entity not in phrase.entities and acceptable(prefix + phrase.text) and _acceptable_phrase(phrase, names):
                    english = _english(names, [(person.shown, person.entity)]), _english_of_phrase(phrase, names)
                    title_en = f"{english[0]}: {english[1]}" if all(english) else None
                    return (prefix + phrase.text, title_en), frozenset(phrase.keys) | {person.shown}
        usable = [p for p in phrases if _acceptable_phrase(p, names)]
        # What the chapter says more than once is its topic; a word said once is named in passing.
        chosen = _best_title([p for p in usable if p.count >= _TERM_MIN_COUNT], names) or _best_title(usable, names)
        if chosen is not None:
            text = _JOIN.join(p.text for p in chosen)
            english = [_english_of_phrase(p, names) for p in chosen]
            title_en = " and ".join(english) if all(english) else None  # type: ignore[arg-type]
            return (text, title_en), frozenset(key for p in chosen for key in p.keys)
    # Nothing as wide as a title should be: the chapter's best word alone (电池) still names it, where
    # a nameless chapter would name nothing.
    for phrase in fresh:
        if _acceptable_phrase(phrase, names) and _SHORTEST_TITLE_WIDTH <= display_width(phrase.text) <= MAX_TITLE_WIDTH:
            return (phrase.text, _english_of_phrase(phrase, names)), frozenset(phrase.keys)
    return ("", None), frozenset()


def _best_title(phrases: Sequence[_Phrase], names: _Names) -> list[_Phrase] | None:
    """The best phrase alone, or with a second (in the order the chapter says them) when the first is
    too short alone or the second nearly as strong; None when no phrase makes a title."""
    usable = list(phrases)
    if not usable:
        return None
    first = usable[0]
    for second in usable[1:]:
        if second.score < _SECOND_PHRASE_SHARE * first.score and acceptable(first.text):
            break
        if set(second.keys) & set(first.keys) or second.text in first.text or first.text in second.text:
            continue
        if _same_thing(first, second, names):
            continue
        pair = sorted([first, second], key=lambda p: p.first)
        if acceptable(_JOIN.join(p.text for p in pair)):
            return pair
    if acceptable(first.text):
        return [first]
    longer = [p for p in usable if acceptable(p.text)]
    return [longer[0]] if longer else None


def _same_thing(first: _Phrase, second: _Phrase, names: _Names) -> bool:
    """Two phrases naming one thing: a term and its English initials (通用人工智能 and AGI), or the
    same English name."""
    english = [_english_of_phrase(p, names) for p in (first, second)]
    if not all(english):
        return False
    a, b = (e.lower() for e in english)  # type: ignore[union-attr]
    initials = [("".join(word[0] for word in e.split() if word), other.replace(" ", "")) for e, other in ((a, b), (b, a))]
    return a == b or any(len(x) > 1 and x == y for x, y in initials)


def _acceptable_phrase(phrase: _Phrase, names: _Names) -> bool:
    """A phrase that can stand in a title: not a vague noun alone; words side by side only when the
    chapter says them together more than once (a term, not two words that happen to meet: AI比作电力);
    at most one name or term with an English name (通用人工智能AGI says one thing twice)."""
    if len(phrase.keys) == 1:
        return phrase.keys[0] not in _VAGUE_NOUNS
    if phrase.count < _TERM_MIN_COUNT:
        return False
    named = sum(1 for key, entity in zip(phrase.keys, phrase.entities) if _english(names, [(key, entity)]))
    return named <= 1


def acceptable(title: str) -> bool:
    """A title a viewer can read in a chapter menu: 4 to 14 characters wide (Latin half), more than a
    number, with its brackets and quotes closed."""
    width = display_width(title)
    if not MIN_TITLE_WIDTH <= width <= MAX_TITLE_WIDTH:
        return False
    if not re.search(r"[A-Za-z\u3400-\u9fff]", title):
        return False
    return all(title.count(a) == title.count(b) for a, b in ("（）", "()", "“”", "「」", "《》", "【】"))


def _english_of_phrase(phrase: _Phrase, names: _Names) -> str | None:
    return _english(names, list(zip(phrase.keys, phrase.entities)))


def _english(names: _Names, terms: Sequence[tuple[str, str | None]]) -> str | None:
    """The English of a run of terms, when every one has an English name (or is Latin itself)."""
    english = []
    for key, entity in terms:
        name = (names.english_of_entity.get(entity) if entity else None) or names.english.get(key)
        if name is None and _LATIN.fullmatch(key.replace(" ", "")):
            name = key
        if name is None:
            return None
        english.append(name)
    return " ".join(english)
