"""Simplified/Traditional: detect the script of a text, convert between scripts with OpenCC.

Analysis always runs on Simplified text. `to_analysis` keeps every character at its offset (one
character in, one character out) so positions found in the Simplified text point into the source.
"""

from __future__ import annotations

from functools import cache

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
    """Traditional when more characters change under t2s than under s2t."""
    traditional_only = sum(1 for a, b in zip(text, convert(text, "t2s")) if a != b)
    simplified_only = sum(1 for a, b in zip(text, convert(text, "s2t")) if a != b)
    return Script.TRADITIONAL if traditional_only > simplified_only else Script.SIMPLIFIED


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
