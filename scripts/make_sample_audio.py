"""Make samples/ai-weekly.ogg: espeak-ng reads samples/ai-weekly.txt line by line, with pauses
between lines and a little room noise, encoded small (mono Opus). Run from the repository root:

    python scripts/make_sample_audio.py

Needs espeak-ng and ffmpeg (scripts/setup.sh installs both). The result is committed, so this only
documents how it was made and remakes it if the sample text changes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from speech_synth import build_episode, write_wav  # noqa: E402


def main() -> None:
    lines = [line for line in (ROOT / "samples" / "ai-weekly.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    episode = build_episode(lines, seed=7, pause_range_s=(0.25, 0.9), noise=0.005, speed=200, lead_s=0.8)
    with tempfile.TemporaryDirectory() as folder:
        wav = write_wav(Path(folder) / "ai-weekly.wav", episode.samples)
        target = ROOT / "samples" / "ai-weekly.ogg"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-ac", "1", "-c:a", "libopus", "-b:a", "12k",
             "-application", "voip", str(target)],
            check=True,
        )
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB, {episode.duration_ms / 1000:.1f} s")


if __name__ == "__main__":
    main()
