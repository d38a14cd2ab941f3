"""Every tunable number in one place, with the Netflix Simplified Chinese defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Script


@dataclass(frozen=True)
class ShapeSettings:
    """How a line of text becomes subtitle lines and cues."""

    max_line_width: float = 16.0  # full-width characters; Latin letters and digits count half
    max_lines: int = 2
    keep_punctuation: bool = False  # False: commas and full stops become spaces, dropped at line ends


@dataclass(frozen=True)
class TimingSettings:
    """How long cues last when the input does not say."""

    chars_per_second: float = 4.5  # a speaking rate, used to estimate times for untimed text
    min_duration_ms: int = 833
    max_duration_ms: int = 7007
    min_gap_ms: int = 83  # two frames at 23.976 fps


@dataclass(frozen=True)
class Settings:
    shape: ShapeSettings = field(default_factory=ShapeSettings)
    timing: TimingSettings = field(default_factory=TimingSettings)
    output_script: Script | None = None  # None keeps the input's script
