"""TBX glossaries (TBX-Basic, TBX-Min, TBX-Core; TBX 2008 `martif` and ISO 30042:2019 `tbx`), read with
defusedxml so entity expansion and external references in untrusted files are refused.

Each concept entry (`termEntry`, `conceptEntry`, TBX-Min `entry`) that has a `zh*` and an `en*` language
section becomes one Entry: the first Chinese term is the main form, the other Chinese terms (also from
other zh sections such as zh-TW) its aliases, the first English term its name. Entries in other
languages only are skipped. The kind comes from a subject field, note or part of speech that names one
(person, organization, product, place, term), else the glossary states none. Origins are the line of
the entry's start tag, which the SAX locator gives us.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler

from ..errors import SubpipeError
from .model import Entry
from .rows import make_entry

_ROOTS = ("martif", "tbx")
_ENTRY_TAGS = ("termentry", "conceptentry", "entry")
_LANGUAGE_TAGS = ("langset", "langsec", "langgroup")

# Values of subject fields, notes and parts of speech that say what kind of name an entry is.
_KIND_WORDS = {
    "person": "person",
    "people": "person",
    "person name": "person",
    "personal name": "person",
    "organization": "org",
    "organisation": "org",
    "org": "org",
    "company": "org",
    "organization name": "org",
    "product": "product",
    "place": "place",
    "location": "place",
    "place name": "place",
    "geographical name": "place",
    "term": "term",
}
# Elements (and `type` values of descrip/termNote/admin) whose text may name the kind.
_KIND_SOURCES = ("subjectfield", "note", "partofspeech")


@dataclass
class _Element:
    tag: str  # local name, lower case
    attributes: dict[str, str]
    line: int
    children: list["_Element"] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    @property
    def kind_of_data(self) -> str:
        """`subjectfield` for <descrip type="subjectField"> as for <subjectField>."""
        if self.tag in ("descrip", "termnote", "admin") and "type" in self.attributes:
            return self.attributes["type"].lower()
        return self.tag

    # Both walks keep their own stack rather than recurse: a file may nest elements thousands deep,
    # past Python's recursion limit. Elements come in document order.

    def descendants(self, tags: tuple[str, ...], *, into_matches: bool = True):
        stack = list(reversed(self.children))
        while stack:
            element = stack.pop()
            if element.tag in tags:
                yield element
                if not into_matches:
                    continue
            stack.extend(reversed(element.children))

    def all_descendants(self):
        stack = list(reversed(self.children))
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.children))


class _TreeBuilder(ContentHandler):
    def __init__(self):
        super().__init__()
        self.locator = None
        self.root: _Element | None = None
        self.stack: list[_Element] = []

    def setDocumentLocator(self, locator):
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator is not None else None

    def startElement(self, name, attrs):
        element = _Element(_local(name), {_local(key): value for key, value in attrs.items()}, self.line() or 0)
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElement(self, name):
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].text_parts.append(content)


def _local(name: str) -> str:
    # Namespaces are not processed: drop a prefix (tbx:term); keep xml:lang recognisable as "lang".
    return name.rsplit(":", 1)[-1].lower()


def looks_like_xml(text: str) -> bool:
    return text.lstrip().startswith("<")


def parse_tbx(text: str, path: str) -> list[Entry]:
    root = _parse_xml(text, path)
    if root.tag not in _ROOTS:
        raise SubpipeError(
            f"an XML glossary must be TBX (root element <martif> or <tbx>), not <{root.tag}>", path, root.line
        )
    entries = []
    concepts = list(root.descendants(_ENTRY_TAGS, into_matches=False))
    for concept in concepts:
        entry = _entry(concept, path)
        if entry is not None:
            entries.append(entry)
    if concepts and not entries:
        raise SubpipeError(
            f"none of the {len(concepts)} TBX entries has both a Chinese (xml:lang zh...) "
            "and an English (xml:lang en...) term",
            path,
            concepts[0].line,
        )
    return entries


def _parse_xml(text: str, path: str) -> _Element:
    from xml.sax import SAXParseException
    from xml.sax.handler import feature_external_ges, feature_external_pes
    from xml.sax.xmlreader import InputSource

    from defusedxml import DefusedXmlException
    from defusedxml.sax import make_parser

    builder = _TreeBuilder()
    parser = make_parser()
    parser.setContentHandler(builder)
    # TBX 2008 files name their DTD (<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">): allowed, and
    # never read, because external entities and parameter entities are switched off. Entity
    # declarations of any kind (the way to a billion laughs or a local file) are refused.
    parser.forbid_dtd = False
    parser.forbid_entities = True
    parser.forbid_external = False  # True would refuse the DOCTYPE line itself; nothing external is read
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    source = InputSource(path)
    # Text, not bytes: the file is already decoded (GBK and Big5 included), so expat reads it as
    # UTF-8 whatever the XML declaration says.
    source.setCharacterStream(io.StringIO(text))
    try:
        parser.parse(source)
    except SAXParseException as error:
        raise SubpipeError(f"not valid XML: {error.getMessage()}", path, error.getLineNumber()) from None
    except DefusedXmlException as error:
        raise SubpipeError(
            f"refused: the XML uses a feature that is unsafe in untrusted files ({type(error).__name__})",
            path,
            builder.line(),
        ) from None
    if builder.root is None:
        raise SubpipeError("no XML element found", path, 1)
    return builder.root


def _entry(concept: _Element, path: str) -> Entry | None:
    chinese: list[str] = []
    english: list[str] = []
    short: list[str] = []
    for section in concept.descendants(_LANGUAGE_TAGS, into_matches=False):
        language = section.attributes.get("lang", "").lower()
        if language.startswith("zh"):
            chinese.extend(term.text for term in section.descendants(("term",)) if term.text)
        elif language.startswith("en"):
            for term, term_type in _terms_and_types(section):
                (short if term_type in _SHORT_TERM_TYPES else english).append(term)
    if not chinese or not english:
        return None
    kind, note = _kind_and_note(concept)
    return make_entry(
        english=english[0], forms=chinese, kind=kind, note=note, path=path, line=concept.line, short=short
    )


# TBX term types of a short form (termNote type="termType"): the glossary's `short` column.
_SHORT_TERM_TYPES = frozenset({"abbreviation", "acronym", "shortform", "short form", "initialism"})
_TERM_GROUPS = ("tig", "ntig", "termsec", "termgroup")


def _terms_and_types(section: _Element):
    """Each term of a language section with its term type (lower case, "" when none is given)."""
    groups = list(section.descendants(_TERM_GROUPS, into_matches=False))
    for group in groups or [section]:
        term_type = next(
            (e.text.lower() for e in group.all_descendants() if e.kind_of_data == "termtype" and e.text), ""
        )
        for term in group.descendants(("term",)):
            if term.text:
                yield term.text, term_type


def _kind_and_note(concept: _Element) -> tuple[str | None, str | None]:
    kind = None
    notes: list[str] = []
    for element in concept.all_descendants():
        data = element.kind_of_data
        value = element.text
        if data in _KIND_SOURCES and value.lower() in _KIND_WORDS:
            kind = kind or _KIND_WORDS[value.lower()]
        elif data in ("definition", "note") and value:
            notes.append(value)
    return kind, (notes[0] if notes else None)
