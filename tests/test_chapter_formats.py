"""Chapter files: YouTube lines, Podcasting 2.0 JSON, FFmpeg metadata (applied by ffmpeg), WebVTT chapters."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from subpipe.outputs.chapter_files import (
    ffmetadata_escape,
    compose_ffmetadata,
    compose_podcast_chapters,
    compose_vtt_chapters,
    compose_youtube_chapters,
)
from subpipe.chapters.spans import youtube_warnings
from subpipe.formats import parse
from subpipe.model import Chapter, Cue, Episode, Line, Script, TimingMethod, Transcript
from subpipe.outputs import write_outputs
from subpipe.converter import process_text

CHAPTERS = (
    Chapter(1, 0, "开场：o1（OpenAI）", "Opening: o1", ("o1",)),
    Chapter(12, 20_500, "a=b; c#d \\ e", None, ()),
    Chapter(30, 41_250, "推理模型（reasoning model）", "reasoning model", ("推理模型",)),
)


def episode_with(chapters, end_ms: int = 60_000) -> Episode:
    lines = tuple(Line(n, "一句话") for n in range(1, 41))
    cues = (Cue(1, 0, 1000, ("一句话",), (1,)), Cue(2, end_ms - 1000, end_ms, ("一句话",), (40,)))
    transcript = Transcript("demo", "text", lines)
    return Episode(transcript, Script.SIMPLIFIED, TimingMethod.ESTIMATED, cues, chapters=tuple(chapters))


def test_youtube_lines_start_at_zero_in_minutes_and_seconds():
    text = compose_youtube_chapters(episode_with(CHAPTERS))
    assert text == "00:00 开场：o1（OpenAI）\n00:20 a=b; c#d \\ e\n00:41 推理模型（reasoning model）\n"


def test_youtube_uses_hours_once_the_episode_reaches_an_hour():
    chapters = (Chapter(1, 5_000, "开场"), Chapter(12, 1_800_000, "中段"), Chapter(30, 3_725_000, "结尾"))
    text = compose_youtube_chapters(episode_with(chapters, end_ms=4_000_000))
    # The first chapter is written at 0:00 whatever its line's time: YouTube requires it.
    assert text == "0:00:00 开场\n0:30:00 中段\n1:02:05 结尾\n"


def test_youtube_rules_are_checked():
    assert youtube_warnings(CHAPTERS, episode_with(CHAPTERS).cues) == []
    two = youtube_warnings(CHAPTERS[:2], episode_with(CHAPTERS[:2]).cues)
    assert len(two) == 1 and "at least 3" in two[0].message
    short = (*CHAPTERS, Chapter(39, 55_000, "尾声"))
    (warning,) = youtube_warnings(short, episode_with(short, end_ms=64_000).cues)
    assert warning.line == 39 and "00:55" in warning.message and "10 s" in warning.message


def test_podcast_json_chapters():
    document = json.loads(compose_podcast_chapters(episode_with(CHAPTERS)))
    assert document == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "开场：o1（OpenAI）"},
            {"startTime": 20.5, "title": "a=b; c#d \\ e"},
            {"startTime": 41.25, "title": "推理模型（reasoning model）"},
        ],
    }


def test_ffmetadata_sections_cover_the_episode_and_escape_special_characters():
    text = compose_ffmetadata(episode_with(CHAPTERS))
    assert text.startswith(";FFMETADATA1\n")
    assert "[CHAPTER]\nTIMEBASE=1/1000\nSTART=20500\nEND=41250\ntitle=a\\=b\\; c\\#d \\\\ e\n" in text
    assert "START=41250\nEND=60000\n" in text
    assert ffmetadata_escape("一\n二") == "一\\\n二"


def test_vtt_chapters_read_back_as_cues():
    text = compose_vtt_chapters(episode_with(CHAPTERS))
    assert text.startswith("WEBVTT")
    lines = parse(text, "demo.chapters.vtt").lines
    assert [(line.start_ms, line.end_ms, line.text) for line in lines] == [
        (0, 20_500, "开场：o1（OpenAI）"),
        (20_500, 41_250, "a=b; c#d \\ e"),
        (41_250, 60_000, "推理模型（reasoning model）"),
    ]


def test_a_run_writes_every_chapter_file(tmp_path):
    text = "\n".join(f"第{n}句话说到足球和比赛" for n in range(60))
    written = {path.name for path in write_outputs(process_text(text, name="talk"), tmp_path)}
    assert {"talk.chapters.txt", "talk.chapters.json", "talk.ffmetadata", "talk.chapters.vtt"} <= written
    assert (tmp_path / "talk.chapters.txt").read_text(encoding="utf-8").startswith("00:00 ")


def test_a_short_episode_is_warned_that_youtube_will_show_no_chapters():
    episode = process_text("大家好\n今天聊聊足球\n再见", name="short")
    assert len(episode.chapters) == 1
    assert any("YouTube" in warning.message for warning in episode.warnings)


@pytest.mark.parametrize("extension, codec", [("m4a", "aac"), ("mka", "flac")])
def test_ffmpeg_applies_the_chapters_and_ffprobe_reads_them_back(tmp_path, extension, codec):
    assert shutil.which("ffmpeg") and shutil.which("ffprobe"), "scripts/setup.sh installs ffmpeg"
    chapters = (*CHAPTERS[:2], Chapter(30, 41_250, "第二行\n下一行：推理", None, ()))
    metadata = tmp_path / "demo.ffmetadata"
    metadata.write_text(compose_ffmetadata(episode_with(chapters)), encoding="utf-8")
    media, chaptered = tmp_path / f"in.{extension}", tmp_path / f"out.{extension}"
    quiet = ["ffmpeg", "-v", "error", "-nostdin", "-y"]
    silence = ["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "60", "-c:a", codec]
    subprocess.run([*quiet, *silence, str(media)], check=True)
    subprocess.run(
        [*quiet, "-i", str(media), "-i", str(metadata), "-map_metadata", "1", "-codec", "copy", str(chaptered)],
        check=True,
    )
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(chaptered)],
        check=True,
        capture_output=True,
        text=True,
    )
    found = [
        (round(float(c["start_time"]) * 1000), round(float(c["end_time"]) * 1000), c["tags"]["title"])
        for c in json.loads(probe.stdout)["chapters"]
    ]
    assert found == [(0, 20_500, chapters[0].title), (20_500, 41_250, chapters[1].title), (41_250, 60_000, chapters[2].title)]
