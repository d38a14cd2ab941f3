"""How close audio-timed cues come to the speech: 60 lines of the shared transcript spoken by espeak-ng.

    python benchmarks/audio_alignment.py [--lines 60] [--seeds 0 1 2]

For each seed the lines are spoken with random pauses (0.15-0.8 s) and mixed with steady hum and hiss
at 2% of full scale (and once clean). `subpipe.process_text(..., audio=...)` times them; a line's
boundaries are its first cue's start and last cue's end (shape limits applied), compared with each
clip's own speech span. The alignment before the shape limits is reported too, and a stress case
where lines run into each other (pauses 0-0.1 s). Figures go into docs/audio-timing.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import subpipe  # noqa: E402
from speech_synth import boundary_errors, build_episode, write_wav  # noqa: E402
from subpipe.timing.align import align_to_speech, spoken_syllables  # noqa: E402
from subpipe.timing.audio import read_speech  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"


def line_bounds(episode) -> list[tuple[int, int]]:
    bounds: dict[int, list[int]] = {}
    for cue in episode.cues:
        line = cue.source_lines[0]
        bounds.setdefault(line, [cue.start_ms, cue.end_ms])[1] = cue.end_ms
    return [tuple(bounds[number]) for number in sorted(bounds)]


def summary(errors: list[int]) -> str:
    errors_array = np.array(errors)
    return (
        f"median {statistics.median(errors):5.0f} ms | p90 {np.percentile(errors_array, 90):5.0f} ms | "
        f"within 50 ms {np.mean(errors_array <= 50):6.1%} | within 100 ms {np.mean(errors_array <= 100):6.1%}"
    )


def measure(lines, seed, noise, pauses, segmenter, folder: Path) -> tuple[list[int], list[int], float, float]:
    synthetic = build_episode(lines, seed=seed, noise=noise, pause_range_s=pauses)
    audio = write_wav(folder / f"episode-{seed}-{noise}-{pauses[0]}.wav", synthetic.samples)
    started = time.perf_counter()
    episode = subpipe.process_text("\n".join(lines), name="bench", segmenter=segmenter, audio=audio)
    elapsed = time.perf_counter() - started
    cue_errors = boundary_errors(line_bounds(episode), synthetic.truth)
    # The alignment itself, line by line, before cues and shape limits.
    speech = read_speech(audio)
    started = time.perf_counter()
    alignment = align_to_speech([spoken_syllables(line) for line in lines], speech)
    align_seconds = time.perf_counter() - started
    raw_errors = boundary_errors([(s.start_ms, s.end_ms) for s in alignment.spans], synthetic.truth)
    return cue_errors, raw_errors, elapsed, align_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    lines = [line for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()][: args.lines]
    segmenter = subpipe.Segmenter()
    subpipe.process_text("预热", name="warm-up", segmenter=segmenter)  # load dictionaries before timing
    conditions = [("noisy 2%", 0.02, (0.15, 0.8)), ("clean", 0.0, (0.15, 0.8)), ("run-on, noisy", 0.02, (0.0, 0.1))]
    print(f"{len(lines)} lines of {args.corpus.name}, espeak-ng voice, seeds {args.seeds}\n")
    with tempfile.TemporaryDirectory() as folder:
        for label, noise, pauses in conditions:
            all_cues: list[int] = []
            all_raw: list[int] = []
            for seed in args.seeds:
                cue_errors, raw_errors, seconds, align_seconds = measure(
                    lines, seed, noise, pauses, segmenter, Path(folder)
                )
                all_cues += cue_errors
                all_raw += raw_errors
                print(
                    f"{label:14} pauses {pauses[0]}-{pauses[1]} s seed {seed}: cues {summary(cue_errors)} "
                    f"(whole run {seconds:.1f} s, alignment {align_seconds * 1000:.0f} ms)"
                )
            print(f"{label:14} all seeds, cues (shape limits applied): {summary(all_cues)}")
            print(f"{label:14} all seeds, line alignment alone:        {summary(all_raw)}\n")


if __name__ == "__main__":
    main()
