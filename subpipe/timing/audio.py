"""Read an episode's audio and find where someone speaks.

Any common audio or video file is decoded with pydub (which calls ffmpeg with an argument list) and
brought down to mono at 16 kHz. Speech is found from the file's own levels, never a fixed dBFS:
the quietest frames give the noise spectrum, every frame is measured against it (so a steady hum
or hiss counts as silence however loud it is), and the thresholds sit between that floor and the
level of the loud frames. A frame-level detector is used rather than pydub's `detect_nonsilent`
because the latter judges whole windows of the minimum pause length, which blurs every boundary by
up to that length; the boundaries are what subtitles are timed by.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SubpipeError

if TYPE_CHECKING:
    import numpy as np

ANALYSIS_RATE = 16_000  # Hz: all of speech's energy, a third of a CD's samples
FRAME_MS = 10
_WINDOW = 512  # samples (32 ms) per spectrum; a frame is read every FRAME_MS
_BAND_HZ = (80.0, 7000.0)  # below: rumble and mains hum's fundamental; above: nothing speech needs
MAX_AUDIO_MS = 6 * 3600 * 1000  # longer files are refused rather than filling memory

# The quietest share of frames is taken for the noise; speech runs have pauses, recordings have
# room tone between sentences, and even dense talk leaves more than this between words.
_NOISE_SHARE = 0.08
_SPEECH_PERCENTILE = 95.0
# Thresholds as a share of the way from the noise floor to the speech level (both in dB).
_SEED_SHARE = 0.35  # a frame this loud is surely speech
_EDGE_SHARE = 0.10  # a run of speech extends while frames stay this far above the floor
_EDGE_MIN_DB = 3.0
_MIN_DYNAMIC_DB = 9.0  # less between floor and speech level than this: there is no speech
# Digital silence sits 100 dB and more below speech; measured from there, a window's faint tail
# would count as speech. No recording's room tone is quieter than this below its speech.
_MAX_DYNAMIC_DB = 50.0
_MIN_PAUSE_MS = 60  # shorter gaps are a stop consonant's closure, not a pause
_MIN_RUN_MS = 40  # shorter bursts are clicks
_DIP_SPACING_MS = 150
_DIP_DEPTH_DB = 4.0


@dataclass(frozen=True)
class SpeechRun:
    """A stretch of continuous speech, in milliseconds from the start of the audio."""

    start_ms: int
    end_ms: int

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Speech:
    """Where the audio has speech.

    `runs` are the stretches of speech, in order, separated by pauses. `dips` are quiet moments inside
    runs (between syllables) where a cue may end if no pause is near. `floor_db` and `level_db` are
    the noise floor and speech level the thresholds were set from (dB above the noise spectrum).
    """

    duration_ms: int
    runs: tuple[SpeechRun, ...]
    dips: tuple[int, ...] = ()
    floor_db: float = 0.0
    level_db: float = 0.0
    source: str | None = None

    @property
    def speech_ms(self) -> int:
        return sum(run.duration_ms for run in self.runs)


def read_speech(path: str | Path) -> Speech:
    """Decode an audio or video file and find its speech; a problem with the file is a SubpipeError."""
    samples = load_audio(path)
    speech = find_speech(samples, ANALYSIS_RATE)
    if not speech.runs:
        raise SubpipeError("no speech found in the audio (is it silent, or only music or noise?)", path)
    return Speech(speech.duration_ms, speech.runs, speech.dips, speech.floor_db, speech.level_db, str(path))


def load_audio(path: str | Path) -> "np.ndarray":
    """Mono float samples in [-1, 1] at ANALYSIS_RATE, from any file ffmpeg can read."""
    import numpy as np

    path = Path(path)
    if not path.is_file():
        raise SubpipeError("audio file not found", path)
    segment = _decode(path)
    if len(segment) > MAX_AUDIO_MS:
        raise SubpipeError(f"audio is longer than {MAX_AUDIO_MS // 3_600_000} hours; cut it into episodes", path)
    segment = segment.set_channels(1).set_sample_width(2).set_frame_rate(ANALYSIS_RATE)
    samples = np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    if samples.size < ANALYSIS_RATE // 10:
        raise SubpipeError("audio is shorter than a tenth of a second", path)
    return samples


def _decode(path: Path):
    import warnings

    with warnings.catch_warnings():
        # pydub warns at import when ffmpeg is missing (we say so ourselves, with what to do), and
        # Python 3.12 warns that its audioop is going (3.13 gets it from the audioop-lts package).
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        from pydub import AudioSegment
        from pydub.exceptions import CouldntDecodeError

    if not ffmpeg_available():
        if _is_plain_wav(path):
            # pydub reads PCM WAV without ffmpeg; everything else needs it.
            try:
                return AudioSegment.from_wav(path)
            except Exception:
                pass
        raise SubpipeError(
            "reading audio needs ffmpeg, which was not found; install it "
            "(Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) and try again",
            path,
        )
    try:
        return AudioSegment.from_file(path)
    except CouldntDecodeError:
        raise SubpipeError("cannot read this file as audio (ffmpeg could not decode it)", path) from None
    except (IndexError, KeyError):
        # pydub looks up the first audio stream itself: a video without sound, or not media at all.
        raise SubpipeError("this file has no audio stream", path) from None
    except OSError as error:
        raise SubpipeError(f"cannot read audio: {error.strerror or error}", path) from None


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _is_plain_wav(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(12)
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def frame_levels(samples: "np.ndarray", rate: int) -> "np.ndarray":
    """Each frame's loudness in dB above the noise spectrum (the mean over frequency bands of
    power / noise power), so steady noise of any colour reads as about 0 dB."""
    import numpy as np

    hop = _hop(rate)
    count = max(1, (len(samples) - _WINDOW) // hop + 1) if len(samples) >= _WINDOW else 1
    padded = np.pad(samples, (0, max(0, _WINDOW + hop * (count - 1) - len(samples))))
    starts = np.arange(count) * hop
    window = np.hanning(_WINDOW).astype(np.float32)
    frequencies = np.fft.rfftfreq(_WINDOW, 1.0 / rate)
    band = (frequencies >= _BAND_HZ[0]) & (frequencies <= _BAND_HZ[1])
    power = np.empty((count, int(band.sum())), dtype=np.float32)
    for first in range(0, count, 4096):  # in blocks, so a long episode needs little memory
        index = starts[first : first + 4096, None] + np.arange(_WINDOW)[None, :]
        spectrum = np.fft.rfft(padded[index] * window, axis=1)
        power[first : first + 4096] = (np.abs(spectrum) ** 2)[:, band]
    power += 1e-12  # digital silence
    total = power.sum(axis=1)
    quiet = total <= np.quantile(total, _NOISE_SHARE)
    noise = power[quiet].mean(axis=0)
    # Bands are grouped so that each ratio averages a few bins (single bins of noise fluctuate).
    groups = np.array_split(np.arange(power.shape[1]), 24)
    ratio = np.stack([power[:, g].sum(axis=1) / noise[g].sum() for g in groups], axis=1)
    levels = 10 * np.log10(ratio.mean(axis=1))
    # A 30 ms moving average: the spectra overlap anyway, this only calms the edges.
    return np.convolve(levels, np.ones(3) / 3, mode="same")


def find_speech(samples: "np.ndarray", rate: int = ANALYSIS_RATE) -> Speech:
    """Speech runs, in-run dips and the levels used, from mono samples at `rate`."""
    import numpy as np

    duration_ms = round(len(samples) * 1000 / rate)
    levels = frame_levels(samples, rate)
    floor = float(np.median(levels[levels <= np.quantile(levels, _NOISE_SHARE)]))
    level = float(np.percentile(levels, _SPEECH_PERCENTILE))
    floor = max(floor, level - _MAX_DYNAMIC_DB)
    dynamic = level - floor
    if dynamic < _MIN_DYNAMIC_DB:
        return Speech(duration_ms, (), (), floor, level)
    seed = floor + _SEED_SHARE * dynamic
    edge = floor + max(_EDGE_MIN_DB, _EDGE_SHARE * dynamic)

    runs = _hysteresis_runs(levels >= seed, levels >= edge)
    runs = _merge_short_pauses(runs, _MIN_PAUSE_MS // FRAME_MS)
    runs = [(a, b) for a, b in runs if (b - a) * FRAME_MS >= _MIN_RUN_MS]
    speech_runs = tuple(
        SpeechRun(max(0, _frame_ms(a, rate) - FRAME_MS // 2), min(duration_ms, _frame_ms(b - 1, rate) + FRAME_MS // 2))
        for a, b in runs
    )
    dips = tuple(_frame_ms(d, rate) for a, b in runs for d in _dips(levels, a, b))
    return Speech(duration_ms, speech_runs, dips, floor, level)


def _hop(rate: int) -> int:
    return round(rate * FRAME_MS / 1000)


def _frame_ms(frame: int, rate: int) -> int:
    """The time a frame stands for: the middle of its window (exact for any rate, so that a hop of
    220.5 samples rounded to 220 cannot make the times drift)."""
    return round((frame * _hop(rate) + _WINDOW / 2) * 1000 / rate)


def _hysteresis_runs(seed: "np.ndarray", edge: "np.ndarray") -> list[tuple[int, int]]:
    """Stretches where `edge` holds that contain at least one `seed` frame, as [start, end) frames."""
    import numpy as np

    padded = np.concatenate([[False], edge, [False]])
    changes = np.flatnonzero(padded[1:] != padded[:-1])
    seeded_prefix = np.concatenate([[0], np.cumsum(seed)])
    return [
        (int(a), int(b))
        for a, b in zip(changes[0::2], changes[1::2])
        if seeded_prefix[b] - seeded_prefix[a] > 0
    ]


def _merge_short_pauses(runs: list[tuple[int, int]], min_pause: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and start - merged[-1][1] < min_pause:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _dips(levels: "np.ndarray", start: int, end: int) -> list[int]:
    """Frames inside a run that are clearly quieter than the speech either side: syllable seams."""
    spacing = _DIP_SPACING_MS // FRAME_MS
    found: list[int] = []
    for frame in range(start + spacing, end - spacing):
        around = levels[frame - spacing : frame + spacing + 1]
        if levels[frame] > around.min():
            continue
        left_peak = levels[frame - spacing : frame].max()
        right_peak = levels[frame + 1 : frame + spacing + 1].max()
        if min(left_peak, right_peak) - levels[frame] >= _DIP_DEPTH_DB:
            if not found or frame - found[-1] >= spacing:
                found.append(frame)
    return found
