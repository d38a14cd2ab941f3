"""Options shared by the commands, and the settings they make."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from ..errors import SubpipeError
from ..model import Script
from ..settings import AssSettings, NameSettings, OutputSettings, Settings, ShapeSettings, TimingSettings


def add_glossary_options(command: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    command.add_argument("-g", "--glossary", dest="glossaries", action="append", type=Path, default=[],
                         metavar="GLOSSARY",
                         help="glossary file: CSV/TSV, YAML or TBX (repeatable; later ones win; see docs/glossary.md)")
    command.add_argument("--no-shipped-glossary", action="store_true",
                         help="do not use the curated AI and tech glossary that ships with subpipe")


def add_output_options(command: argparse.ArgumentParser) -> None:
    """The options that decide how outputs look: shared by `run` and `batch`, read by `settings_of`."""
    command.add_argument(
        "--script",
        type=_script,
        metavar="|".join(s.value for s in Script),
        help="script of the output text (default: the input's)",
    )
    names = command.add_argument_group("names and glossaries")
    add_glossary_options(names)
    names.add_argument("--english-names", choices=("first", "every", "none"), default=NameSettings.english,
                       help="in <stem>.zh-en.srt, show English names at an entity's first mention, every "
                       "mention, or never (default %(default)s)")
    names.add_argument("--name-region", choices=("mainland", "taiwan", "hong-kong"),
                       help="where the transcript's people are from, for romanising Chinese names: Hanyu "
                       "Pinyin (mainland), Wade-Giles passport style (taiwan), none (hong-kong: left for "
                       "review) (default: from the transcript's script and vocabulary)")
    names.add_argument("--no-dictionary", action="store_true",
                       help="do not look names up in CC-CEDICT or guess dotted names from their parts")
    names.add_argument("--no-romanise", action="store_true",
                       help="do not romanise Chinese people's names that nothing gives in English")
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
    shape.add_argument("--max-line-width", type=positive_float, default=ShapeSettings.max_line_width,
                       help="full-width characters per line; Latin letters and digits count half (default %(default)s)")
    shape.add_argument("--max-lines", type=positive_int, default=ShapeSettings.max_lines,
                       help="lines per cue (default %(default)s)")
    shape.add_argument("--keep-punctuation", action="store_true",
                       help="keep commas and full stops instead of turning them into spaces")
    shape.add_argument("--punctuate", action="store_true",
                       help="restore each sentence's final mark (。？) in the subtitles where the transcript has "
                       "none (summaries and notes always have it; see docs/sentences.md)")
    timing = command.add_argument_group("timing of untimed text")
    timing.add_argument("--chars-per-second", type=positive_float, default=TimingSettings.chars_per_second,
                        help="speaking rate used to estimate times (default %(default)s)")
    timing.add_argument("--min-duration", type=positive_int, default=TimingSettings.min_duration_ms, metavar="MS",
                        help="shortest cue in milliseconds (default %(default)s)")
    timing.add_argument("--max-duration", type=positive_int, default=TimingSettings.max_duration_ms, metavar="MS",
                        help="longest cue in milliseconds (default %(default)s)")
    timing.add_argument("--min-gap", type=_non_negative_int, default=TimingSettings.min_gap_ms, metavar="MS",
                        help="gap between cues in milliseconds (default %(default)s)")


def settings_of(args: argparse.Namespace) -> Settings:
    """The Settings the output options ask for."""
    if args.min_duration > args.max_duration:
        raise SubpipeError(f"--min-duration {args.min_duration} is longer than --max-duration {args.max_duration}")
    ass = AssSettings(chinese_font=args.ass_chinese_font, english_font=args.ass_english_font)
    return Settings(
        shape=ShapeSettings(
            max_line_width=args.max_line_width,
            max_lines=args.max_lines,
            keep_punctuation=args.keep_punctuation,
            punctuate=args.punctuate,
        ),
        timing=replace(
            TimingSettings(),
            chars_per_second=args.chars_per_second,
            min_duration_ms=args.min_duration,
            max_duration_ms=args.max_duration,
            min_gap_ms=args.min_gap,
        ),
        names=NameSettings(
            shipped_glossary=not args.no_shipped_glossary,
            english=args.english_names,
            dictionary=not args.no_dictionary,
            romanise=not args.no_romanise,
            name_region=args.name_region,
        ),
        output_script=args.script,
        outputs=OutputSettings(html=not args.no_html, ass=ass.at_resolution(*args.ass_resolution)),
    )


def _resolution(value: str) -> tuple[int, int]:
    width, separator, height = value.lower().partition("x")
    if not separator or not width.isdigit() or not height.isdigit() or int(width) <= 0 or int(height) <= 0:
        raise argparse.ArgumentTypeError(f"must be WIDTHxHEIGHT such as 1920x1080, not {value}")
    return int(width), int(height)


def _script(value: str) -> Script:
    from ..text.script import parse_script

    try:
        return parse_script(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number
