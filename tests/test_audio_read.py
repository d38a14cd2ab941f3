"""Reading audio files and finding speech in them: formats, broken files, missing ffmpeg, silence."""

import shutil
import subprocess

import numpy as np
import pytest

from speech_synth import RATE, background_noise, boundary_errors, build_episode, write_wav
from subpipe.timing import audio
from subpipe.errors import SubpipeError

LINES = ["大家好，欢迎收听本期节目", "今天我们聊聊推理模型", "它会先思考再回答", "这让结果好了很多"]


@pytest.fixture(scope="module")
def episode():
    return build_episode(LINES, seed=3, noise=0.02)


@pytest.fixture(scope="module")
def wav(episode, tmp_path_factory):
    return write_wav(tmp_path_factory.mktemp("audio") / "episode.wav", episode.samples)


def _runs_match(speech, truth, tolerance_ms=60):
    """Each line's start and end lies within `tolerance_ms` of some run's start and end."""
    starts = np.array([run.start_ms for run in speech.runs])
    ends = np.array([run.end_ms for run in speech.runs])
    return all(
        np.abs(starts - start).min() <= tolerance_ms and np.abs(ends - end).min() <= tolerance_ms for start, end in truth
    )


@pytest.mark.parametrize("suffix", ["mp3", "flac", "m4a", "ogg", "mp4"])
def test_common_formats_read_through_ffmpeg(wav, episode, tmp_path, suffix):
    encoded = tmp_path / f"episode.{suffix}"
    extra = ["-f", "lavfi", "-i", "color=c=black:s=64x64:r=5", "-shortest"] if suffix == "mp4" else []
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), *extra, str(encoded)], check=True)
    speech = audio.read_speech(encoded)
    assert abs(speech.duration_ms - episode.duration_ms) < 120  # encoders pad a frame or two
    assert _runs_match(speech, episode.truth)
    assert speech.source == str(encoded)


def test_wav_speech_runs_follow_the_clips(wav, episode):
    speech = audio.read_speech(wav)
    assert _runs_match(speech, episode.truth, tolerance_ms=40)
    # The pauses between lines (150 ms or more) are pauses, so each line starts a run.
    assert len(speech.runs) >= len(LINES)


def test_thresholds_follow_the_files_own_loudness(episode):
    """The same recording 20 dB quieter is found in the same places. Its noise (-54 dBFS) is quieter
    than the loud one's speech pauses are (-34 dBFS): no one fixed dBFS threshold could serve both."""
    loud = audio.find_speech(episode.samples, RATE)
    quiet_samples = episode.samples * 0.1
    quiet = audio.find_speech(quiet_samples, RATE)
    assert loud.runs and quiet.runs
    assert len(loud.runs) == len(quiet.runs)
    for a, b in zip(loud.runs, quiet.runs):
        assert abs(a.start_ms - b.start_ms) <= 10 and abs(a.end_ms - b.end_ms) <= 10
    # The speech level is measured from the file, not assumed.
    assert quiet.level_db == pytest.approx(loud.level_db, abs=0.5)


def test_steady_hum_and_hiss_alone_is_not_speech(tmp_path):
    noise = background_noise(RATE * 3, 0.2, seed=1)  # loud: 20% of full scale
    with pytest.raises(SubpipeError, match="no speech") as raised:
        audio.read_speech(write_wav(tmp_path / "noise.wav", noise))
    assert raised.value.path.endswith("noise.wav")


def test_digital_silence_is_not_speech(tmp_path):
    with pytest.raises(SubpipeError, match="no speech"):
        audio.read_speech(write_wav(tmp_path / "silent.wav", np.zeros(RATE * 2, dtype=np.float32)))


def test_a_file_that_is_not_audio_is_named(tmp_path):
    fake = tmp_path / "episode.mp3"
    fake.write_text("这不是音频\n", encoding="utf-8")
    with pytest.raises(SubpipeError) as raised:
        audio.read_speech(fake)
    assert raised.value.path == str(fake)
    assert "audio" in raised.value.message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SubpipeError, match="not found") as raised:
        audio.read_speech(tmp_path / "nowhere.wav")
    assert raised.value.path.endswith("nowhere.wav")


def test_missing_ffmpeg_says_how_to_install_it(wav, tmp_path, monkeypatch):
    mp3 = tmp_path / "episode.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), str(mp3)], check=True)
    real_which = shutil.which
    monkeypatch.setattr(audio.shutil, "which", lambda name: None if name.startswith("ff") else real_which(name))
    with pytest.raises(SubpipeError, match="apt-get install ffmpeg") as raised:
        audio.read_speech(mp3)
    assert raised.value.path == str(mp3)
    # Plain PCM WAV needs no ffmpeg.
    assert audio.read_speech(wav).runs


def test_boundary_error_helper_pairs_starts_and_ends():
    assert boundary_errors([(0, 100), (200, 300)], [(10, 100), (200, 330)]) == [10, 0, 0, 30]
