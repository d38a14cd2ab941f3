"""How well subpipe finds sentences, and how many of its summary sentences are whole, against hand-made gold.

    python benchmarks/sentences_eval.py [--markdown]

For every sentence-end gold file (benchmarks/gold/sentences, README there; and the shared transcript's
tests/data/o1_sentences_gold.json) the transcript is converted as `subpipe run` would (shipped glossary,
default settings) and scored:

- sentence-end F1 of `Episode.sentences` against the gold ends, beside two baselines: every line a
  sentence, and every line end plus every 。！？ inside a line;
- the whole-sentence share of the summaries (the episode's and every speaker's, each distinct sentence
  once): a summary sentence is whole when it starts where a gold sentence starts and ends where one ends.

Lines the gold does not count as speech (Markdown headings, speaker labels, blockquotes) are left out:
until subpipe reads Markdown structure it reads them as text, so a summary sentence's parts on them are
dropped before it is judged. Runs on any subpipe tree (PYTHONPATH): one without `Episode.sentences` gives
the summaries' figures only (the "before" of docs/sentences.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from sentence_gold import LINE_END, SHARED_GOLD, GoldFile, all_gold, normalised_column, raw_offset  # noqa: E402

from subpipe import Converter  # noqa: E402

_FINAL = re.compile(r"[。！？!?]")
# Fillers a summary leaves out at a sentence's start: a sentence that starts after them starts there.
_FILLER_START = re.compile(r"^(?:[嗯啊呃额哦噢欸诶唉][\s，,、…]*)+")


def sentence_ends(gold: GoldFile, episode) -> set[tuple[int, int]]:
    text_of = {line.number: line.text for line in episode.transcript.lines}
    ends = set()
    for sentence in episode.sentences:
        last = sentence.parts[-1]
        if last.line in gold.speech_lines:
            ends.add(_position(gold, text_of, last.line, last.end))
    return ends


def _position(gold: GoldFile, text_of: dict[int, str], line: int, column: int, start: bool = False):
    raw = gold.raw_lines[line - 1]
    at = raw_offset(raw, text_of[line]) + column
    if start:
        skipped = _FILLER_START.match(raw[at:])
        at += skipped.end() if skipped else 0
        return line, normalised_column(raw, at, leading=True)
    return line, normalised_column(raw, at)


def every_line(gold: GoldFile) -> set[tuple[int, int]]:
    return {(line, LINE_END) for line in gold.speech_lines}


def lines_and_stops(gold: GoldFile) -> set[tuple[int, int]]:
    ends = every_line(gold)
    for line in gold.speech_lines:
        raw = gold.raw_lines[line - 1]
        for match in _FINAL.finditer(raw):
            ends.add((line, normalised_column(raw, match.end())))
    return ends


def f1(found: set, gold: set) -> float:
    right = len(found & gold)
    return 2 * right / (len(found) + len(gold)) if found or gold else 0.0


def summary_sentences(episode) -> list:
    seen, found = set(), []
    summaries = episode.summaries
    for sentence in list(summaries.episode) + [s for summary in summaries.speakers for s in summary.sentences]:
        key = tuple((p.line, p.start, p.end) for p in sentence.parts)
        if key not in seen:
            seen.add(key)
            found.append(sentence)
    return found


def is_whole(gold: GoldFile, episode, sentence, starts: set) -> bool:
    text_of = {line.number: line.text for line in episode.transcript.lines}
    parts = [p for p in sentence.parts if p.line in gold.speech_lines]
    if not parts:
        return False
    start = _position(gold, text_of, parts[0].line, parts[0].start, start=True)
    end = _position(gold, text_of, parts[-1].line, parts[-1].end)
    return start in starts and end in gold.ends


def _held_out_weights(converter) -> dict:
    """File name -> the sentence model's weights fitted on every other gold file."""
    from sentences_fit import examples_of, fit, reading_of

    files = all_gold()
    examples = [examples_of(gold, reading_of(gold, converter)) for gold in files]
    return {
        gold.name: fit([e for i, group in enumerate(examples) if i != held for e in group])
        for held, gold in enumerate(files)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--show", action="store_true", help="print each summary sentence and whether it is whole")
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="read each file with weights fitted on the other files only (what to expect on a new transcript)",
    )
    options = parser.parse_args()

    converter = Converter()
    held_out = _held_out_weights(converter) if options.held_out else {}
    rows = []
    keys = ("whole", "summary", "right", "found", "gold", "line", "line_found", "stop", "stop_found", "lines")
    totals = {key: 0 for key in keys}
    dev = {key: 0 for key in keys}  # the files of benchmarks/gold/sentences (not the shared transcript)
    for gold in all_gold():
        if options.held_out:
            import subpipe.text.sentences as model

            model.FITTED = held_out[gold.name]
        episode = converter(gold.path)
        has_model = bool(getattr(episode, "sentences", ()))
        found = sentence_ends(gold, episode) if has_model else set()
        baseline, stops = every_line(gold), lines_and_stops(gold)
        starts = gold.starts()
        summary = summary_sentences(episode)
        whole = [is_whole(gold, episode, s, starts) for s in summary]
        if options.show:
            print(f"== {gold.name}")
            for sentence, ok in zip(summary, whole):
                model = episode.sentences[sentence.sentence] if getattr(sentence, "sentence", None) is not None else None
                sure = f"{model.start_confidence:.2f}-{model.end_confidence:.2f}" if model else ""
                print(f"  {'whole' if ok else 'PART '} {sure} {sentence.lines} {sentence.text}")
        rows.append((gold.name, len(gold.speech_lines), len(gold.ends), f1(baseline, gold.ends), f1(stops, gold.ends),
                     f1(found, gold.ends) if has_model else None, sum(whole), len(whole)))
        counts = {
            "whole": sum(whole), "summary": len(whole), "gold": len(gold.ends), "right": len(found & gold.ends),
            "found": len(found), "line": len(baseline & gold.ends), "line_found": len(baseline),
            "stop": len(stops & gold.ends), "stop_found": len(stops), "lines": len(gold.speech_lines),
        }
        for key, value in counts.items():
            totals[key] += value
            if gold.path.parent != SHARED_GOLD.parent and "dev" in gold.path.parts:
                dev[key] += value

    def total_row(name: str, counts: dict) -> tuple:
        def micro(right: int, found: int) -> float:
            return 2 * right / (found + counts["gold"]) if found + counts["gold"] else 0.0

        return (name, counts["lines"], counts["gold"], micro(counts["line"], counts["line_found"]),
                micro(counts["stop"], counts["stop_found"]),
                micro(counts["right"], counts["found"]) if counts["found"] else None, counts["whole"], counts["summary"])

    header = ("file", "speech lines", "gold ends", "F1 every line", "F1 lines and 。？！", "F1 subpipe", "whole summary sentences")
    if options.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + " --- |" * len(header))
    for row in rows + [total_row("dev gold (micro)", dev), total_row("all (micro)", totals)]:
        name, lines, ends, line_f1, stop_f1, model_f1, whole, count = row
        share = f"{whole / count:.0%} ({whole}/{count})" if count else "-"
        cells = (name, lines, ends, f"{line_f1:.3f}", f"{stop_f1:.3f}", "-" if model_f1 is None else f"{model_f1:.3f}", share)
        if options.markdown:
            print("| " + " | ".join(str(c) for c in cells) + " |")
        else:
            print(f"{cells[0][:40]:40} {cells[1]:>6} {cells[2]:>5} {cells[3]:>7} {cells[4]:>7} {cells[5]:>7}  {cells[6]}")


if __name__ == "__main__":
    main()
