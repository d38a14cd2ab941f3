"""The `subpipe` command. User mistakes become one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..version import __version__
from ..errors import SubpipeError
from .glossary import add_glossary_commands
from ..outputs.suggestions import add_suggest_command
from ..model import Script
from ..settings import AssSettings, NameSettings, OutputSettings, Settings, ShapeSettings, TimingSettings

EXIT_OK, EXIT_USER_ERROR = 0, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="subpipe",
        description="Chinese transcripts to subtitles (SRT, VTT) and an episode document.",
    )
    parser.add_argument("--version", action="version", version=f"subpipe {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser(
        "run",
        help="convert transcripts into subtitles and an episode document",
        description="Write <stem>.zh.srt, <stem>.zh.vtt and <stem>.episode.json for each INPUT into OUTDIR. "
        "INPUT is plain text (one line per subtitle-sized phrase, optionally with timestamps or "
        "speaker labels), SRT or WebVTT, in any common Chinese encoding.",
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
        help="an English translation: one English line per transcript line, or a timed English SRT/VTT. "
        "<stem>.zh-en.srt then carries it, and <stem>.qa.txt lists lines whose English does not use the "
        "English name of someone or something the Chinese names (one INPUT only)",
    )
    _add_output_options(run)
    run.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    run.set_defaults(handler=_run)

    batch = commands.add_parser(
        "batch",
        help="convert many transcripts in parallel, resumable",
        description="Convert every INPUT (a file, a folder searched recursively for transcript and subtitle "
        "files, or a glob pattern) into OUTDIR, in parallel. A bad file is reported and the others are still "
        "converted; OUTDIR/batch-report.json lists every input. A second run skips inputs whose outputs are "
        "up to date. See docs/batch.md.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or glob pattern (quote it)")
    batch.add_argument("-o", "--outdir", required=True, type=Path, help="folder for the outputs (created if missing)")
    batch.add_argument("-j", "--jobs", type=_positive_int, metavar="N",
                       help="worker processes (default: the cores this machine gives subpipe)")
    batch.add_argument("--force", action="store_true", help="convert every input again, even if up to date")
    batch.add_argument("--learn", action="store_true",
                       help="first gather the names every input spells out in English (中文名（English）) into "
                       "OUTDIR/series-glossary.csv, then convert every input with it; your -g glossaries and the "
                       "shipped one still win")
    batch.add_argument("--dask", metavar="ADDRESS",
                       help="run on the Dask distributed cluster whose scheduler is at ADDRESS (tcp://host:8786) "
                       "instead of local processes; --jobs is then ignored")
    _add_output_options(batch)
    batch.add_argument("-q", "--quiet", action="store_true", help="print errors and nothing else")
    batch.set_defaults(handler=_batch)

    add_suggest_command(add_glossary_commands(commands).commands)
    return parser


def _add_output_options(command: argparse.ArgumentParser) -> None:
    """The options that decide how outputs look: shared by `run` and `batch`, read by `_settings`."""
    command.add_argument(
        "--script",
        type=_script,
        metavar="|".join(s.value for s in Script),
        help="script of the output text (default: the input's)",
    )
    names = command.add_argument_group("names and glossaries")
    names.add_argument("-g", "--glossary", dest="glossaries", action="append", type=Path, default=[],
                       metavar="GLOSSARY",
                       help="glossary file: CSV/TSV, YAML or TBX (repeatable; later ones win; see docs/glossary.md)")
    names.add_argument("--no-shipped-glossary", action="store_true",
                       help="do not use the curated AI and tech glossary that ships with subpipe")
    names.add_argument("--english-names", choices=("first", "every", "none"), default=NameSettings.english,
                       help="in <stem>.zh-en.srt, show English names at an entity's first mention, every "
                       "mention, or never (default %(default)s)")
    files = command.add_argument_group("episode page and ASS subtitles")
    files.add_argument("--no-html", action="store_true", help="do not write the episode page <stem>.html")
    files.add_argument("--ass-chinese-font", metavar="FONT",
                       help="font of the Chinese lines in <stem>.zh.ass and <stem>.zh-en.ass "
                       "(default: Noto Sans CJK SC, or TC/HK for those scripts)")
    files.add_argument("--ass-english-font", metavar="FONT", default=AssSettings.english_font,
                       help="font of the English lines (default %(default)s)")
    files.add_argument("--ass-resolution", type=_resolution, metavar="WIDTHxHEIGHT",
                       default=(AssSettings.play_res_x, AssSettings.play_res_y),
                       help="PlayResX and PlayResY: the canvas font sizes and margins are measured on "
                       "(default 1920x1080; sizes scale with the height, see docs/ass.md)")
    shape = command.add_argument_group("cue shape (Netflix Simplified Chinese defaults)")
    shape.add_argument("--max-line-width", type=_positive_float, default=ShapeSettings.max_line_width,
                       help="full-width characters per line; Latin letters and digits count half (default %(default)s)")
    shape.add_argument("--max-lines", type=_positive_int, default=ShapeSettings.max_lines,
                       help="lines per cue (default %(default)s)")
    shape.add_argument("--keep-punctuation", action="store_true",
                       help="keep commas and full stops instead of turning them into spaces")
    timing = command.add_argument_group("timing of untimed text")
    timing.add_argument("--chars-per-second", type=_positive_float, default=TimingSettings.chars_per_second,
                        help="speaking rate used to estimate times (default %(default)s)")
    timing.add_argument("--min-duration", type=_positive_int, default=TimingSettings.min_duration_ms, metavar="MS",
                        help="shortest cue in milliseconds (default %(default)s)")
    timing.add_argument("--max-duration", type=_positive_int, default=TimingSettings.max_duration_ms, metavar="MS",
                        help="longest cue in milliseconds (default %(default)s)")
    timing.add_argument("--min-gap", type=_non_negative_int, default=TimingSettings.min_gap_ms, metavar="MS",
                        help="gap between cues in milliseconds (default %(default)s)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SubpipeError as error:
        _report(error)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("subpipe: interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from ..formats import read_transcript
    from ..glossary import load_glossaries
    from ..outputs.registry import write_outputs
    from ..converter import glossary_segmenter, process_file
    from ..text.segment import is_ordinary_word

    settings = _settings(args)
    for option, value in (("--audio", args.audio), ("--english", args.english)):
        if value is not None and len(args.inputs) > 1:
            raise SubpipeError(f"{option} belongs to one episode, but {len(args.inputs)} inputs were given; run each alone")
    translation = read_transcript(args.english) if args.english is not None else None
    glossary = load_glossaries(
        args.glossaries, shipped=settings.names.shipped_glossary, is_ordinary_word=is_ordinary_word
    )
    _warn_conflicts(glossary, args.quiet)
    segmenter = glossary_segmenter(glossary)
    failed = 0
    for path in args.inputs:
        try:
            episode = process_file(path, settings, segmenter, glossary, audio=args.audio, translation=translation)
            written = write_outputs(episode, args.outdir, settings=settings.outputs)
        except SubpipeError as error:
            _report(error.located(path))
            failed += 1
            continue
        if not args.quiet:
            print(
                f"{path}: {len(episode.cues)} cues ({episode.timing.value} timing) -> "
                + ", ".join(str(p) for p in written)
            )
    if failed and not args.quiet:
        print(f"subpipe: {failed} of {len(args.inputs)} inputs failed", file=sys.stderr)
    return EXIT_USER_ERROR if failed else EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from ..batch.run import batch_command

    return batch_command(
        args.inputs,
        args.outdir,
        _settings(args),
        jobs=args.jobs,
        force=args.force,
        dask_address=args.dask,
        glossaries=args.glossaries,
        quiet=args.quiet,
        learn=args.learn,
    )


def _settings(args: argparse.Namespace) -> Settings:
    if args.min_duration > args.max_duration:
        raise SubpipeError(f"--min-duration {args.min_duration} is longer than --max-duration {args.max_duration}")
    return Settings(
        shape=ShapeSettings(
            max_line_width=args.max_line_width,
            max_lines=args.max_lines,
            keep_punctuation=args.keep_punctuation,
        ),
        timing=replace(
            TimingSettings(),
            chars_per_second=args.chars_per_second,
            min_duration_ms=args.min_duration,
            max_duration_ms=args.max_duration,
            min_gap_ms=args.min_gap,
        ),
        names=NameSettings(shipped_glossary=not args.no_shipped_glossary, english=args.english_names),
        output_script=args.script,
        outputs=_output_settings(args),
    )


def _output_settings(args: argparse.Namespace) -> OutputSettings:
    ass = AssSettings(chinese_font=args.ass_chinese_font, english_font=args.ass_english_font)
    return OutputSettings(html=not args.no_html, ass=ass.at_resolution(*args.ass_resolution))


def _resolution(value: str) -> tuple[int, int]:
    width, separator, height = value.lower().partition("x")
    if not separator or not width.isdigit() or not height.isdigit() or int(width) <= 0 or int(height) <= 0:
        raise argparse.ArgumentTypeError(f"must be WIDTHxHEIGHT such as 1920x1080, not {value}")
    return int(width), int(height)


def _warn_conflicts(glossary, quiet: bool) -> None:
    """Glossary conflicts do not stop a run (the later glossary wins) but the user should know."""
    if not quiet:
        for conflict in glossary.conflicts:
            print(f"subpipe: warning: {conflict.message()}", file=sys.stderr)


def _report(error: SubpipeError) -> None:
    print(f"subpipe: error: {error}", file=sys.stderr)


def _script(value: str) -> Script:
    from ..text.script import parse_script

    try:
        return parse_script(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number
