"""Real synthesised Mandarin for the audio tests and benchmarks: espeak-ng speaks each line, the
clips are joined with pauses of known length, and steady hum and hiss are added so that silence is
never digital zero. The truth for each line is measured on its own clip (espeak pads its clips with
silence of varying length), not assumed from the clip's length.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

RATE = 22_050  # espeak-ng's own rate
# A sample above this (about -46 dBFS) is speech in a clean synthesised clip.
_SPEECH_AMPLITUDE = 0.005


@dataclass(frozen=True)
class Episode:
    samples: np.ndarray  # float32 mono at RATE
    truth: tuple[tuple[int, int], ...]  # each line's speech (start_ms, end_ms)
    pauses_ms: tuple[int, ...]  # the pause added after each line's clip

    @property
    def duration_ms(self) -> int:
        return round(len(self.samples) * 1000 / RATE)


@lru_cache(maxsize=1)
def voice() -> str:
    """The Mandarin voice this espeak-ng has: `cmn` in current releases, `zh` in older ones."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is needed for the audio tests; scripts/setup.sh installs it")
    listing = subprocess.run(["espeak-ng", "--voices=zh"], capture_output=True, text=True, check=True).stdout
    names = {row.split()[1] for row in listing.splitlines()[1:] if len(row.split()) > 1}
    for name in ("cmn", "zh"):
        if name in names:
            return name
    raise RuntimeError(f"espeak-ng has no Mandarin voice (found {sorted(names)})")


def speak(text: str, speed: int = 175) -> np.ndarray:
    """One clip of espeak-ng speaking `text`, float32 at RATE."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice(), "-s", str(speed), "-w", "/dev/stdout", text],
        capture_output=True,
        check=True,
    ).stdout
    return _read_wav(wav)


def _read_wav(data: bytes) -> np.ndarray:
    with wave.open(io.BytesIO(data)) as reader:
        assert reader.getframerate() == RATE and reader.getnchannels() == 1
        frames = reader.readframes(reader.getnframes())
    # espeak writing to a pipe cannot go back to fix the header's length: trust the bytes instead.
    if len(data) - 44 > len(frames):
        frames = data[44:]
    return np.frombuffer(frames[: len(frames) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0


def speech_span(clip: np.ndarray) -> tuple[int, int]:
    """Where the clip itself has speech, in samples [start, end)."""
    loud = np.flatnonzero(np.abs(clip) > _SPEECH_AMPLITUDE)
    if loud.size == 0:
        raise ValueError("clip has no speech")
    return int(loud[0]), int(loud[-1]) + 1


def build_episode(
    lines: Sequence[str],
    seed: int = 0,
    pause_range_s: tuple[float, float] = (0.15, 0.8),
    noise: float = 0.02,
    speed: int = 175,
    lead_s: float = 0.6,
    comma_pauses_s: dict[int, float] | None = None,
) -> Episode:
    """The lines spoken one after another with random pauses between their speech, plus noise.

    Pauses are measured between the end of one line's speech and the start of the next (espeak's own
    padding is cut away first), so the pause lengths are exactly the random ones drawn.
    `noise` is the RMS of the added hum and hiss as a share of full scale (0 for a clean recording).
    `comma_pauses_s` maps a line's index to a pause its speaker makes at its first comma.
    """
    rng = random.Random(seed)
    comma_pauses_s = comma_pauses_s or {}
    pieces = [np.zeros(round(lead_s * RATE), dtype=np.float32)]
    truth, pauses, cursor = [], [], pieces[0].size
    for index, text in enumerate(lines):
        parts = text.split("，", 1) if index in comma_pauses_s else [text]
        line_start = cursor
        for position, part in enumerate(parts):
            if position:
                pieces.append(np.zeros(round(comma_pauses_s[index] * RATE), dtype=np.float32))
                cursor += pieces[-1].size
            clip = speak(part, speed)
            start, end = speech_span(clip)
            pieces.append(clip[start:end])
            cursor += end - start
        truth.append((round(line_start * 1000 / RATE), round(cursor * 1000 / RATE)))
        pause = rng.uniform(*pause_range_s)
        pauses.append(round(pause * 1000))
        pieces.append(np.zeros(round(pause * RATE), dtype=np.float32))
        cursor += pieces[-1].size
    pieces.append(np.zeros(round(lead_s * RATE), dtype=np.float32))
    samples = np.concatenate(pieces)
    if noise:
        samples = samples + background_noise(samples.size, noise, seed)
    return Episode(np.clip(samples, -1.0, 1.0).astype(np.float32), tuple(truth), tuple(pauses))


def background_noise(count: int, rms: float, seed: int = 0) -> np.ndarray:
    """Mains hum (50 Hz and harmonics) and white hiss, equal in power, `rms` of full scale in all."""
    generator = np.random.default_rng(seed)
    t = np.arange(count) / RATE
    hum = sum(np.sin(2 * np.pi * f * t + phase) / k for k, (f, phase) in enumerate(((50, 0.3), (100, 1.1), (150, 2.0)), 1))
    hum = hum / np.sqrt(np.mean(hum**2))
    hiss = generator.standard_normal(count)
    mixed = (hum + hiss) / np.sqrt(2)
    return (rms * mixed).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(pcm.tobytes())
    return path


def boundary_errors(found: Sequence[tuple[int, int]], truth: Sequence[tuple[int, int]]) -> list[int]:
    """Absolute error in ms of every start and every end."""
    assert len(found) == len(truth)
    return [abs(f - t) for pair_f, pair_t in zip(found, truth) for f, t in zip(pair_f, pair_t)]
