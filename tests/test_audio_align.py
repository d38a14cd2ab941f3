"""Timing untimed transcripts from real synthesised speech (espeak-ng Mandarin) with background noise.

Truth is each line's own speech span, measured on its clip; errors are those of the cue boundaries
the user gets (a line's first cue start and last cue end), shape limits applied.
"""

import json
import statistics

import pytest

import subpipe
from speech_synth import RATE, boundary_errors, build_episode, write_wav
from subpipe.timing.align import align_to_speech, spoken_syllables
from subpipe.timing.audio import find_speech
from subpipe.outputs.document import compose_episode_json
from subpipe.errors import SubpipeError
from subpipe.model import TimingMethod
from subpipe.settings import TimingSettings

LIMITS = TimingSettings()


def corpus_lines(corpus_path, first, count):
    lines = [line for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[first : first + count]


def line_bounds(episode):
    """Each source line's (first cue start, last cue end), in source order."""
    bounds: dict[int, list[int]] = {}
    for cue in episode.cues:
        line = cue.source_lines[0]
        if line not in bounds:
            bounds[line] = [cue.start_ms, cue.end_ms]
        bounds[line][1] = cue.end_ms
    return [tuple(bounds[number]) for number in sorted(bounds)]


def run(lines, synthetic, tmp_path, segmenter, name="episode"):
    audio = write_wav(tmp_path / f"{name}.wav", synthetic.samples)
    return subpipe.process_text("\n".join(lines), name=name, segmenter=segmenter, audio=audio)


def assert_shape_limits(cues):
    for cue in cues:
        assert LIMITS.min_duration_ms <= cue.end_ms - cue.start_ms <= LIMITS.max_duration_ms, cue
    for before, after in zip(cues, cues[1:]):
        assert after.start_ms - before.end_ms >= LIMITS.min_gap_ms, (before, after)


@pytest.mark.parametrize("noise", [0.02, 0.0], ids=["noisy", "clean"])
def test_cue_boundaries_follow_the_speech(corpus_path, segmenter, tmp_path, noise):
    lines = corpus_lines(corpus_path, 100, 16)
    synthetic = build_episode(lines, seed=11, noise=noise)
    episode = run(lines, synthetic, tmp_path, segmenter)

    assert episode.timing is TimingMethod.AUDIO
    errors = boundary_errors(line_bounds(episode), synthetic.truth)
    assert statistics.median(errors) < 50
    assert sum(e <= 100 for e in errors) >= 0.85 * len(errors)
    assert_shape_limits(episode.cues)
    assert all(0.0 <= cue.confidence <= 1.0 for cue in episode.cues)

    document = json.loads("".join(compose_episode_json(episode)))
    assert document["timing"] == "audio"
    assert all(isinstance(cue["confidence"], float) for cue in document["cues"])


def test_a_long_pause_inside_a_line_does_not_shift_later_lines(segmenter, tmp_path):
    """The first line is spoken with 1.5 s between its two halves (at its comma)."""
    lines = [
        "我们先看第一个问题，也就是训练数据从哪里来",
        "很多团队会自己合成一部分数据",
        "然后再请人仔细检查一遍",
        "这样做的成本其实并不低",
        "但是效果往往比直接抓取网页要好",
        "所以今天我们就从这里说起",
    ]
    synthetic = build_episode(lines, seed=4, noise=0.02, pause_range_s=(0.2, 0.5), comma_pauses_s={0: 1.5})
    assert synthetic.pauses_ms[0] < 1000  # the pause inside line 1 is longer than any between lines
    episode = run(lines, synthetic, tmp_path, segmenter, name="pause")
    errors = boundary_errors(line_bounds(episode), synthetic.truth)
    assert max(errors) <= 100, errors


def test_lines_may_share_a_run_of_speech(segmenter, tmp_path):
    """Two lines spoken without a pause between them are still told apart, at a dip between syllables."""
    lines = ["今天我们来聊聊大模型", "它的推理能力越来越强", "但成本也是一个问题", "我们一条一条来看"]
    synthetic = build_episode(lines, seed=2, noise=0.02, pause_range_s=(0.0, 0.0))
    episode = run(lines, synthetic, tmp_path, segmenter)
    found = line_bounds(episode)
    # The outer boundaries are exact; the ones inside continuous speech are near the truth.
    assert abs(found[0][0] - synthetic.truth[0][0]) <= 60
    assert abs(found[-1][1] - synthetic.truth[-1][1]) <= 60
    inner = [abs(f[0] - t[0]) for f, t in zip(found[1:], synthetic.truth[1:])]
    assert max(inner) <= 400, inner
    assert_shape_limits(episode.cues)
    # Without pauses to go by, the alignment says it is less sure.
    assert max(cue.confidence for cue in episode.cues) < 0.8


def test_confidence_drops_where_the_transcript_and_the_audio_disagree(corpus_path, segmenter, tmp_path):
    lines = corpus_lines(corpus_path, 140, 12)
    synthetic = build_episode(lines, seed=5, noise=0.02)
    # The transcript lacks two lines in the middle that the audio has.
    transcript = lines[:5] + lines[7:]
    episode = run(transcript, synthetic, tmp_path, segmenter)
    by_line = {}
    for cue in episode.cues:
        by_line.setdefault(cue.source_lines[0], []).append(cue.confidence)
    near_gap = min(min(by_line[5]), min(by_line[6]))  # the lines either side of the missing ones
    far = statistics.median(c for number in (1, 2, 3, 9, 10) for c in by_line[number])
    assert near_gap < far - 0.2, (near_gap, far)


def test_audio_far_too_short_for_the_transcript_is_an_error(corpus_path, segmenter, tmp_path):
    lines = corpus_lines(corpus_path, 0, 40)
    synthetic = build_episode(lines[:3], seed=1, noise=0.02)
    with pytest.raises(SubpipeError, match="is this the episode's audio") as raised:
        run(lines, synthetic, tmp_path, segmenter)
    assert raised.value.path.endswith(".wav")


def test_audio_far_too_long_for_the_transcript_is_an_error(corpus_path, segmenter, tmp_path):
    lines = corpus_lines(corpus_path, 0, 30)
    synthetic = build_episode(lines, seed=1, noise=0.02)
    with pytest.raises(SubpipeError, match="is this the episode's audio"):
        run(lines[:3], synthetic, tmp_path, segmenter)


def test_audio_somewhat_long_for_the_transcript_is_a_warning(corpus_path, segmenter, tmp_path):
    """The audio goes on for three times as long as the transcript needs: the user is told, and
    the cues still keep the shape limits and their order."""
    lines = corpus_lines(corpus_path, 60, 30)
    synthetic = build_episode(lines, seed=1, noise=0.02)
    episode = run(lines[:10], synthetic, tmp_path, segmenter)
    assert any("min of speech" in w.message and "check the audio" in w.message for w in episode.warnings)
    assert_shape_limits(episode.cues)
    assert [cue.source_lines[0] for cue in episode.cues] == sorted(cue.source_lines[0] for cue in episode.cues)


def test_syllable_counts_cover_latin_words_acronyms_and_digits():
    assert spoken_syllables("大家好") == 3
    assert spoken_syllables("GPT，") == 3  # letter by letter
    assert spoken_syllables("Parascandolo") == 5  # vowel groups
    assert spoken_syllables("o1") == 2
    assert spoken_syllables("《》，。 ") == 0


def test_alignment_is_monotonic_and_covers_the_speech():
    lines = ["第一句话比较短", "第二句话稍微长了一点点", "第三句", "最后一句我们说得慢一些"]
    synthetic = build_episode(lines, seed=9, noise=0.02)
    speech = find_speech(synthetic.samples, RATE)
    alignment = align_to_speech([spoken_syllables(line) for line in lines], speech)
    spans = alignment.spans
    assert all(a.end_ms <= b.start_ms for a, b in zip(spans, spans[1:]))
    assert spans[0].start_ms == speech.runs[0].start_ms and spans[-1].end_ms == speech.runs[-1].end_ms
    errors = boundary_errors([(s.start_ms, s.end_ms) for s in spans], synthetic.truth)
    assert max(errors) <= 60, errors
