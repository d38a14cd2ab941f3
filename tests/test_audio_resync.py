"""Re-synchronising timed input (SRT) to the audio, and `subpipe run --audio` at the command line."""

import statistics
from datetime import timedelta

import pytest
import srt

import subpipe
from speech_synth import boundary_errors, build_episode, write_wav
from subpipe.timing.audio import find_speech
from subpipe.cli.main import main
from subpipe.model import TimingMethod
from subpipe.timing.resync import find_resync
from speech_synth import RATE

PAL_ON_FILM = 25 / 23.976


def corpus_lines(corpus_path, first, count):
    lines = [line for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[first : first + count]


def shifted_srt(lines, truth, drift, offset_ms):
    """An SRT of the lines whose times are the true speech spans, drifted and late."""
    subtitles = [
        srt.Subtitle(
            number,
            timedelta(milliseconds=round(start * drift + offset_ms)),
            timedelta(milliseconds=round(end * drift + offset_ms)),
            text,
        )
        for number, (text, (start, end)) in enumerate(zip(lines, truth), 1)
    ]
    return srt.compose(subtitles)


@pytest.fixture(scope="module")
def spoken(corpus_path):
    lines = corpus_lines(corpus_path, 200, 16)
    return lines, build_episode(lines, seed=21, noise=0.02)


@pytest.mark.parametrize("drift", [PAL_ON_FILM, 1 / PAL_ON_FILM, 1.0])
def test_offset_and_drift_are_found(spoken, drift):
    lines, synthetic = spoken
    late = [(round(a * drift + 2300), round(b * drift + 2300)) for a, b in synthetic.truth]
    fix = find_resync(late, find_speech(synthetic.samples, RATE))
    # Within 0.15%: a 1.5-minute file cannot tell 25/23.976 from 25/24 (80 ms over its length),
    # but it must tell either from no drift at all (4%).
    assert fix.drift == pytest.approx(1 / drift, rel=1.5e-3)
    fixed = [(fix.apply(a), fix.apply(b)) for a, b in late]
    errors = boundary_errors(fixed, synthetic.truth)
    assert statistics.median(errors) < 50 and max(errors) < 150
    assert fix.coverage > fix.coverage_before or drift == 1.0


def test_late_drifting_srt_is_brought_back_to_the_speech(spoken, segmenter, tmp_path):
    lines, synthetic = spoken
    source = shifted_srt(lines, synthetic.truth, PAL_ON_FILM, 2300)
    audio = write_wav(tmp_path / "episode.wav", synthetic.samples)
    episode = subpipe.process_text(source, name="late", segmenter=segmenter, format="srt", audio=audio)

    assert episode.timing is TimingMethod.AUDIO
    before = boundary_errors([(line.start_ms, line.end_ms) for line in episode.transcript.lines], synthetic.truth)
    assert statistics.median(before) > 2000
    starts = {}
    for cue in episode.cues:
        starts.setdefault(cue.source_lines[0], (cue.start_ms, cue.end_ms))
        starts[cue.source_lines[0]] = (starts[cue.source_lines[0]][0], cue.end_ms)
    after = boundary_errors([starts[n] for n in sorted(starts)], synthetic.truth)
    assert statistics.median(after) < 50
    assert sum(e <= 100 for e in after) >= 0.9 * len(after)
    report = [w.message for w in episode.warnings if "re-synchronised" in w.message]
    assert report and "23.976 vs 25 fps" in report[0] and "offset -2.2" in report[0]
    assert all(cue.confidence is not None and 0 <= cue.confidence <= 1 for cue in episode.cues)


def test_times_already_in_sync_are_kept(spoken, segmenter, tmp_path):
    """A person's timing leads the speech a little and lingers after it: that is not a misalignment."""
    lines, synthetic = spoken
    human = [(start - 100, end + 400) for start, end in synthetic.truth]
    source = shifted_srt(lines, human, 1.0, 0)
    audio = write_wav(tmp_path / "episode.wav", synthetic.samples)
    episode = subpipe.process_text(source, name="synced", segmenter=segmenter, format="srt", audio=audio)
    assert episode.timing is TimingMethod.INPUT
    assert (episode.cues[0].start_ms, episode.cues[-1].end_ms) == (human[0][0], human[-1][1])
    assert any("already match" in w.message for w in episode.warnings)


def test_audio_of_another_episode_keeps_the_input_times(spoken, corpus_path, segmenter, tmp_path):
    lines, _ = spoken
    # A different episode: the same voice, other lines, other pauses, a third as long.
    other = build_episode(corpus_lines(corpus_path, 20, 5), seed=3, noise=0.02, pause_range_s=(1.5, 3.0))
    truth = [(i * 4000, i * 4000 + 3000) for i in range(len(lines))]
    source = shifted_srt(lines, truth, 1.0, 0)
    audio = write_wav(tmp_path / "other.wav", other.samples)
    episode = subpipe.process_text(source, name="other", segmenter=segmenter, format="srt", audio=audio)
    assert episode.timing is TimingMethod.INPUT
    assert (episode.cues[0].start_ms, episode.cues[-1].end_ms) == (0, truth[-1][1])
    assert any("does not match" in w.message for w in episode.warnings)


def test_cli_times_from_audio(tmp_path, capsys):
    lines = ["大家好，欢迎收听", "今天聊聊推理模型", "我们从数据说起"]
    transcript = tmp_path / "talk.txt"
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    audio = write_wav(tmp_path / "talk.wav", build_episode(lines, seed=1).samples)
    assert main(["run", str(transcript), "--audio", str(audio), "-o", str(tmp_path / "out"), "-q"]) == 0
    document = (tmp_path / "out" / "talk.episode.json").read_text(encoding="utf-8")
    assert '"timing": "audio"' in document and '"confidence": 0.' in document


def test_cli_audio_with_several_inputs_is_a_clear_error(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("你好\n", encoding="utf-8")
    code = main(["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--audio", "x.wav", "-o", str(tmp_path)])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("subpipe: error:") and "--audio" in error and "\n" not in error


def test_cli_unreadable_audio_is_one_line_naming_it(tmp_path, capsys):
    transcript = tmp_path / "talk.txt"
    transcript.write_text("你好\n", encoding="utf-8")
    bad = tmp_path / "talk.m4a"
    bad.write_bytes(b"\x00\x01not audio at all" * 10)
    code = main(["run", str(transcript), "--audio", str(bad), "-o", str(tmp_path / "out")])
    assert code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert error[0].startswith(f"subpipe: error: {bad}:") and "Traceback" not in "".join(error)
    assert not (tmp_path / "out" / "talk.zh.srt").exists()
