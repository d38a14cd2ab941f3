"""Outputs: every file an episode is written as (subtitles, the episode document, chapter files, show
notes, the page, glossary suggestions), composed in memory and written each whole or not at all."""

from .files import safe_stem, write_atomic, write_composed
from .registry import OUTPUTS, compose_outputs, write_outputs

__all__ = ["OUTPUTS", "compose_outputs", "safe_stem", "write_atomic", "write_composed", "write_outputs"]
