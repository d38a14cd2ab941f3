"""`subpipe run`: convert each input and write its files."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..errors import SubpipeError
from .options import add_output_options, settings_of
from .report import EXIT_OK, EXIT_USER_ERROR, report_error, report_warning, warn_conflicts

if TYPE_CHECKING:
    from ..model import Transcript
    from ..settings import Settings


def add_command(commands) -> None:
    run = commands.add_parser(
        "run",
        help="convert transcripts into subtitles and an episode document",
        description="For each INPUT write into OUTDIR: subtitles <stem>.zh.srt, <stem>.zh.vtt, <stem>.zh-en.srt "
        "(with English names, or your --english translation), <stem>.zh.ass and <stem>.zh-en.ass; the episode "
        "document <stem>.episode.json; chapters <stem>.chapters.txt, <stem>.chapters.json, <stem>.ffmetadata and "
        "<stem>.chapters.vtt; show notes <stem>.notes.md and <stem>.notes.txt; the episode page <stem>.html "
        "(unless --no-html); glossary rows to review <stem>.glossary-suggestions.csv; and with --english, "
        "<stem>.qa.txt. Inputs that would share a stem get a short hash of their path added. "
        "INPUT is plain text (one line per subtitle-sized phrase, optionally with timestamps or speaker "
        "labels), Markdown, SRT, WebVTT or ASS/SSA, in any common Chinese encoding; a file name starting "
        "with '-' goes after '--' (subpipe run -o out -- -talk.txt).",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="transcript or subtitle file")
    run.add_argument("-o", "--outdir", required=True, type=Path, help="folder for the outputs (created if missing)")
    run.add_argument(
        "--audio",
        type=Path,
        metavar="FILE",
        help="the episode's audio or video (wav, mp3, m4a, flac, mp4, ...; needs ffmpeg): cues are timed from "
        "its speech, and a timed INPUT is re-synchronised to it (one INPUT only)",
    )
    run.add_argument(
        "--english",
        type=Path,
        metavar="FILE",
        help="an English translation: one English line per transcript line (fewer lines cover the first ones), "
        "or a timed English SRT/VTT. <stem>.zh-en.srt then carries it, and <stem>.qa.txt lists lines whose "
        "English misses, misspells or mistakes the name of someone or something the Chinese names (one INPUT only)",
    )
    add_output_options(run)
    run.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    run.set_defaults(handler=_run)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while episodes are converted and written. An episode is millions
    of objects that live until it is written, and the collector walks them all again each time they grow
    by a quarter: a 50 MB transcript spent a growing share of its time there (800 copies of the shared
    transcript: 20% of the run, more per copy than 200). This process runs this command alone and the
    stages make almost no reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What was made meanwhile goes to the oldest generation unexamined (freezing and unfreezing
            # move whole generations at no cost): left in the youngest, it was all walked by the first
            # collection after enabling, about 0.06 s at the end of a 1 s run.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from ..formats import read_transcript

    settings = settings_of(args)
    for option, value in (("--audio", args.audio), ("--english", args.english)):
        if value is not None and len(args.inputs) > 1:
            raise SubpipeError(f"{option} belongs to one episode, but {len(args.inputs)} inputs were given; run each alone")
    translation = read_transcript(args.english) if args.english is not None else None
    # Paused from the start: loading the glossary, jieba's dictionary and the word tables makes a
    # million long-lived objects, and re-enabling the collector between loading and converting had its
    # first collection walk them all (about 0.06 s of a 1 s run). It collects between episodes instead.
    with collector_paused():
        return _convert_each(args, settings, translation)


def _convert_each(args: argparse.Namespace, settings: Settings, translation: Transcript | None) -> int:
    from ..converter import Converter
    from ..outputs import write_outputs
    from ..outputs.files import distinct_stems

    converter = Converter(settings, args.glossaries)
    warn_conflicts(converter.glossary, args.quiet)
    # Inputs that would share output names (a/ep1.txt and b/ep1.txt) are told apart as a batch does.
    stems = distinct_stems([(str(path), PurePosixPath(".")) for path in args.inputs])
    failed = 0
    for index, (path, stem) in enumerate(zip(args.inputs, stems)):
        if index:
            gc.collect()  # what the episode before left in cycles
        try:
            episode = converter(path, audio=args.audio, translation=translation)
            written = write_outputs(episode, args.outdir, stem, settings=settings.outputs)
        except SubpipeError as error:
            report_error(error.located(path))
            failed += 1
            continue
        if not args.quiet:
            print(
                f"{path}: {len(episode.cues)} cues ({episode.timing.value} timing) -> "
                + ", ".join(str(p) for p in written)
            )
            # The reader's (broken front matter, a bilingual file) come first: also in episode.json and on the page.
            for warning in episode.warnings:
                report_warning(warning, path)
    if failed and not args.quiet:
        print(f"subpipe: {failed} of {len(args.inputs)} inputs failed", file=sys.stderr)
    return EXIT_USER_ERROR if failed else EXIT_OK
