"""Re-synchronising a late, drifting SRT: subpipe against ffsubsync on the same files.

    python3 -m venv benchmarks/.venv && benchmarks/.venv/bin/pip install ffsubsync   # once
    python benchmarks/resync_vs_ffsubsync.py [--lines 60] [--seeds 0 1 2] [--ffs benchmarks/.venv/bin/ffs]

60 lines of the shared transcript are spoken by espeak-ng with random pauses (0.15-0.8 s), with hum
and hiss at 2% of full scale (and clean). An SRT of those lines whose times are the clips' own speech
spans is made 2.3 s late and drifting as a 25 vs 23.976 fps mismatch does (both directions). Each tool
re-times it against the audio; each line's start and end is compared with its speech span.
ffsubsync is not a subpipe dependency: it runs from its own virtual environment as its command `ffs`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
import srt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import subpipe  # noqa: E402
from speech_synth import boundary_errors, build_episode, write_wav  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "o1-team-interview.txt"
LATE_MS = 2300
DRIFTS = {"25/23.976": 25 / 23.976, "23.976/25": 23.976 / 25}


def late_srt(lines, truth, drift) -> str:
    return srt.compose(
        [
            srt.Subtitle(
                number,
                timedelta(milliseconds=round(start * drift + LATE_MS)),
                timedelta(milliseconds=round(end * drift + LATE_MS)),
                text,
            )
            for number, (text, (start, end)) in enumerate(zip(lines, truth), 1)
        ]
    )


def srt_spans(text: str) -> list[tuple[int, int]]:
    return [
        (round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000)) for s in srt.parse(text)
    ]


def subpipe_spans(source: str, audio: Path, segmenter) -> list[tuple[int, int]]:
    episode = subpipe.process_text(source, name="late", segmenter=segmenter, format="srt", audio=audio)
    bounds: dict[int, list[int]] = {}
    for cue in episode.cues:
        bounds.setdefault(cue.source_lines[0], [cue.start_ms, cue.end_ms])[1] = cue.end_ms
    return [tuple(bounds[number]) for number in sorted(bounds)]


def ffsubsync_spans(ffs: str, source: Path, audio: Path, output: Path) -> list[tuple[int, int]]:
    subprocess.run([ffs, str(audio), "-i", str(source), "-o", str(output)], check=True, capture_output=True)
    return srt_spans(output.read_text(encoding="utf-8"))


def summary(errors: list[int]) -> str:
    values = np.array(errors)
    return (
        f"median {statistics.median(errors):6.0f} ms | p90 {np.percentile(values, 90):6.0f} ms | "
        f"within 100 ms {np.mean(values <= 100):6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--ffs", default=str(ROOT / "benchmarks" / ".venv" / "bin" / "ffs"))
    args = parser.parse_args()
    if not Path(args.ffs).exists():
        sys.exit(f"ffsubsync's `ffs` not found at {args.ffs}; see this script's docstring to install it")

    lines = [line for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()][: args.lines]
    segmenter = subpipe.Segmenter()
    subpipe.process_text("预热", name="warm-up", segmenter=segmenter)
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for noise in (0.02, 0.0):
            for seed in args.seeds:
                synthetic = build_episode(lines, seed=seed, noise=noise)
                audio = write_wav(folder / f"episode-{seed}-{noise}.wav", synthetic.samples)
                for drift_name, drift in DRIFTS.items():
                    source_text = late_srt(lines, synthetic.truth, drift)
                    source = folder / f"late-{seed}-{noise}-{drift_name.replace('/', '_')}.srt"
                    source.write_text(source_text, encoding="utf-8")
                    label = f"{'noisy' if noise else 'clean'} seed {seed} drift {drift_name}"

                    before = boundary_errors(srt_spans(source_text), synthetic.truth)
                    started = time.perf_counter()
                    ours = boundary_errors(subpipe_spans(source_text, audio, segmenter), synthetic.truth)
                    our_seconds = time.perf_counter() - started
                    started = time.perf_counter()
                    theirs = boundary_errors(
                        ffsubsync_spans(args.ffs, source, audio, folder / "ffs.srt"), synthetic.truth
                    )
                    their_seconds = time.perf_counter() - started
                    print(f"{label}: input     {summary(before)}")
                    print(f"{label}: subpipe   {summary(ours)} ({our_seconds:.1f} s)")
                    print(f"{label}: ffsubsync {summary(theirs)} ({their_seconds:.1f} s)")
                    condition = "noisy" if noise else "clean"
                    totals.setdefault(f"{condition} subpipe", []).extend(ours)
                    totals.setdefault(f"{condition} ffsubsync", []).extend(theirs)
    print()
    for name, errors in totals.items():
        print(f"all {name:17}: {summary(errors)}")


if __name__ == "__main__":
    main()
