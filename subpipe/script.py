"""Simplified/Traditional: detect the script of a text, convert between scripts with OpenCC.

Analysis always runs on Simplified text. `to_analysis` keeps every character at its offset (one
character in, one character out) so positions found in the Simplified text point into the source.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from .model import Script

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
def _converter(config: str):
    # Converters are immutable tables: sharing them between runs shares no run state.
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    return _converter(config).convert(text)


def detect_script(text: str) -> Script:
    """Traditional when the text holds more characters that only Traditional writes (those OpenCC's
    t2s table changes) than characters that only Simplified writes (those its s2t table changes)."""
    traditional_only, simplified_only = _script_characters()
    counts = Counter(text)
    traditional = sum(n for char, n in counts.items() if char in traditional_only)
    simplified = sum(n for char, n in counts.items() if char in simplified_only)
    return Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED


@cache
def _script_characters() -> tuple[frozenset[str], frozenset[str]]:
    # Read from OpenCC's own character tables: counting characters is a dictionary lookup per distinct
    # character, where converting the whole text twice (phrase matching) took most of reading's time.
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    return _changed_characters(folder / "TSCharacters.txt"), _changed_characters(folder / "STCharacters.txt")


def _changed_characters(table: Path) -> frozenset[str]:
    """The characters an OpenCC character table maps to something else (its first choice)."""
    changed = set()
    for row in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = row.partition("\t")
        if targets and targets.split()[0] != source:
            changed.add(source)
    return frozenset(changed)


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


def parse_script(value: str) -> Script:
    for script in Script:
        if script.value.lower() == value.lower():
            return script
    names = ", ".join(s.value for s in Script)
    raise ValueError(f"unknown script {value!r}; choose one of {names}")
