"""How wide text is on screen: what subtitle line limits are measured in."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)  # a pure function of one character, asked for every character of every cue
def char_width(char: str) -> float:
    """Full-width (and ambiguous, as Chinese fonts draw them) count 1; Latin letters and digits 0.5."""
    return 1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.5


def display_width(text: str) -> float:
    return sum(map(char_width, text))
