"""Simplified/Traditional: detect the script of a text, convert between scripts with OpenCC.

Analysis always runs on Simplified text. `to_analysis` keeps every character at its offset (one
character in, one character out) so positions found in the Simplified text point into the source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..model import Script

# OpenCC configurations for (source script is traditional, wanted output script).
_OUTPUT_CONFIG: dict[tuple[bool, Script], str | None] = {
    (False, Script.SIMPLIFIED): None,
    (False, Script.TRADITIONAL): "s2t",
    (False, Script.TAIWAN): "s2twp",
    (False, Script.HONG_KONG): "s2hk",
    (True, Script.SIMPLIFIED): "t2s",
    (True, Script.TRADITIONAL): None,
    (True, Script.TAIWAN): "t2tw",
    (True, Script.HONG_KONG): "t2hk",
}


@cache
def _opencc(config: str):
    # Converters are immutable tables: sharing them between runs shares no run state.
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    return _opencc(config).convert(text)


def script_converter(config: str | None) -> Callable[[str], str]:
    """A function showing text in another script by the OpenCC `config` (from `output_config`); for
    None, text as it is."""
    return (lambda text: convert(text, config)) if config else (lambda text: text)


def detect_script(text: str) -> Script:
    """Traditional when the text holds more characters that only Traditional writes than characters
    that only Simplified writes (說 against 说; 布 or 干, which both write, count for neither)."""
    try:
        traditional_only, simplified_only = _script_characters()
    except OSError:  # an OpenCC build without the plain-text tables: compare conversions instead
        return _detect_by_conversion(text)
    counts = Counter(text)
    traditional = sum(n for char, n in counts.items() if char in traditional_only)
    simplified = sum(n for char, n in counts.items() if char in simplified_only)
    return Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED


def _detect_by_conversion(text: str) -> Script:
    """Traditional when more characters change under t2s than under s2t (converting the whole text
    twice: ten times slower than counting, and phrases make shared characters count: 布局 -> 佈局)."""
    traditional = sum(1 for a, b in zip(text, convert(text, "t2s")) if a != b)
    simplified = sum(1 for a, b in zip(text, convert(text, "s2t")) if a != b)
    return Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED


@cache
def _script_characters() -> tuple[frozenset[str], frozenset[str]]:
    """The characters only Traditional writes and those only Simplified writes, read from OpenCC's own
    character tables (opencc-python-reimplemented ships them as text)."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    return _script_only(folder / "TSCharacters.txt"), _script_only(folder / "STCharacters.txt")


def _script_only(table: Path) -> frozenset[str]:
    """The characters an OpenCC character table never maps to themselves: those the other script does
    not write (a character that may stay, like 干 -> 幹 乾 干, is written by both)."""
    only = set()
    for row in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = row.partition("\t")
        if targets and source not in targets.split():
            only.add(source)
    return frozenset(only)


def to_analysis(text: str, script: Script) -> str:
    """The Simplified form of `text`, same length, each character at its source offset."""
    if not script.is_traditional:
        return text
    converted = convert(text, "t2s")
    if len(converted) == len(text):
        return converted
    # A phrase conversion changed the length: fall back to character by character.
    out = []
    for char in text:
        simple = convert(char, "t2s")
        out.append(simple if len(simple) == 1 else char)
    return "".join(out)


def output_config(source: Script, target: Script) -> str | None:
    """The OpenCC configuration that turns `source` text into `target`, or None to keep it."""
    return _OUTPUT_CONFIG[(source.is_traditional, target)]


def our_words_config(target: Script) -> str | None:
    """The OpenCC configuration for subpipe's own Chinese words (headings, roles: written in Simplified)
    in `target`: for Traditional, Taiwan's standard forms (核對, 群), not OpenCC's own (覈對, 羣), which
    are nobody's everyday writing."""
    config = output_config(Script.SIMPLIFIED, target)
    return "s2tw" if config == "s2t" else config


def parse_script(value: str) -> Script:
    for script in Script:
        if script.value.lower() == value.lower():
            return script
    names = ", ".join(s.value for s in Script)
    raise ValueError(f"unknown script {value!r}; choose one of {names}")
