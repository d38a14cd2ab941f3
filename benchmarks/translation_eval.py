"""A real translation through `--english`: the terminology check's recall and precision on names planted
wrong, and whether the bilingual file keeps both languages' limits.

    python benchmarks/translation_eval.py [--show]

The transcript is a CC0 dev dialogue (../shared/corpus/dev/dialogue-zh-hant/2023-10-08-…, read as plain
text, as subpipe reads Markdown today); `benchmarks/data/` holds its English translation, made line by
line for this benchmark (one English line per transcript line), a user glossary of the names the shipped
glossary does not know, and the names planted wrong (`…planted.json`: on which line, what, and what the
check should call it). Two runs: the translation as made (every name right: every finding is a false
alarm) and with the planted names. A finding counts as found when it is on a planted line and for the
planted name. Limits of the bilingual file: each cue 833-7007 ms, 83 ms apart, one Chinese line of at
most 16, at most two English lines of at most 42 characters, English at most 20 characters a second.

To measure another checkout with this benchmark's data, point `SUBPIPE_TREE` at it:
`SUBPIPE_TREE=../main python benchmarks/translation_eval.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The subpipe measured: this checkout, or another one named by SUBPIPE_TREE.
sys.path.insert(0, os.environ.get("SUBPIPE_TREE", str(ROOT)))

from subpipe import Converter  # noqa: E402
from subpipe.formats import parse, read_transcript  # noqa: E402
from subpipe.text.width import display_width  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
TRANSCRIPT = ROOT.parent / "shared" / "corpus" / "dev" / "dialogue-zh-hant" / "2023-10-08-中央社專訪唐鳳部長逐字稿.md"
TRANSLATION = DATA / "cna-interview-2023-10-08.en.txt"
GLOSSARY = DATA / "cna-interview-2023-10-08.glossary.csv"
PLANTED = DATA / "cna-interview-2023-10-08.planted.json"


def planted_translation() -> tuple[str, list[dict]]:
    lines = TRANSLATION.read_text(encoding="utf-8").split("\n")
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))["planted"]
    for item in planted:
        for change in (item, item.get("also")):
            if change is None:
                continue
            index = item["line"] - 1
            if change["right"] not in lines[index]:
                raise SystemExit(f"translation line {item['line']} does not hold {change['right']!r}")
            lines[index] = lines[index].replace(change["right"], change["wrong"])
    return "\n".join(lines), planted


def limits_of(episode) -> dict[str, int]:
    """How many bilingual cues (with English) break each limit, and how many there are."""
    broken = {"cues": 0, "duration": 0, "gap": 0, "chinese": 0, "english lines": 0, "english width": 0, "english speed": 0}
    previous_end = None
    for cue in episode.bilingual_cues:
        duration = cue.end_ms - cue.start_ms
        chinese, english = cue.text_lines[:1], cue.text_lines[1:]
        broken["cues"] += 1
        broken["duration"] += not 833 <= duration <= 7007
        broken["gap"] += previous_end is not None and cue.start_ms - previous_end < 83
        broken["chinese"] += any(display_width(line) > 16 for line in chinese)
        broken["english lines"] += len(english) > 2
        broken["english width"] += any(len(line) > 42 for line in english)
        broken["english speed"] += bool(english) and sum(map(len, english)) * 1000 > 20 * duration
        previous_end = cue.end_ms
    return broken


def chinese_limits_of(episode) -> dict[str, int]:
    broken = {"cues": 0, "duration": 0, "width": 0, "lines": 0}
    for cue in episode.cues:
        broken["cues"] += 1
        broken["duration"] += not 833 <= cue.end_ms - cue.start_ms <= 7007
        broken["width"] += any(display_width(line) > 16 for line in cue.text_lines)
        broken["lines"] += len(cue.text_lines) > 2
    return broken


def score(episode, planted: list[dict], number_of: dict[int, int]) -> dict:
    gold = {(number_of[item["line"]], item["english"]) for item in planted}
    found = {(miss.line, miss.english) for miss in episode.term_misses}
    right = gold & found
    return {
        "findings": len(found),
        "planted": len(gold),
        "found": len(right),
        "recall": len(right) / len(gold) if gold else 1.0,
        "precision": len(right) / len(found) if found else 1.0,
        "false alarms": sorted(found - gold),
        "missed": sorted(gold - found),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every finding and the qa.txt header")
    args = parser.parse_args()
    transcript = read_transcript(TRANSCRIPT)
    number_of = {index: line.number for index, line in enumerate(transcript.lines, 1)}
    converter = Converter(glossaries=[GLOSSARY])
    clean_text = TRANSLATION.read_text(encoding="utf-8")
    planted_text, planted = planted_translation()
    checked = None
    for name, text, items in (("as translated", clean_text, []), ("names planted wrong", planted_text, planted)):
        episode = converter.convert(transcript, translation=parse(text, "en", format="text"))
        if checked is None:
            checked = len({(m.line, m.entity) for m in episode.mentions if m.kind in ("person", "org", "product", "place")})
        result = score(episode, items, number_of)
        print(f"## {name}")
        print(f"names checked (line, entity): {checked}; findings {result['findings']}; planted {result['planted']}; "
              f"found {result['found']}; recall {result['recall']:.3f}; precision {result['precision']:.3f}")
        if result["false alarms"]:
            print(f"false alarms: {result['false alarms']}")
        if result["missed"]:
            print(f"missed: {result['missed']}")
        print(f"bilingual cues breaking a limit: {limits_of(episode)}")
        print(f"Chinese cues breaking a limit: {chinese_limits_of(episode)}")
        print(f"warnings: {[w.message for w in episode.warnings]}")
        if args.show:
            for miss in episode.term_misses:
                print(f"  line {miss.line}: {miss.text} {getattr(miss, 'problem', '?')} {getattr(miss, 'found', '')!r} "
                      f"expected {getattr(miss, 'expected', (miss.english,))}")
        print()


if __name__ == "__main__":
    main()
