"""Fit the sentence model's evidence weights on the hand-made sentence-end gold, and say how well they hold.

    python benchmarks/sentences_fit.py [--write] [--l2 1.0]

Every place a sentence may end in the gold files (benchmarks/gold/sentences and the shared transcript's
tests/data/o1_sentences_gold.json) is an example: its evidence (subpipe/text/sentence_evidence.py, read
with the gold's own previous end as the start of the sentence so far) and whether the gold ends a sentence
there. An L2-regularised logistic regression (Newton's method, numpy) gives each kind of evidence its
weight. Printed: sentence-end F1 per file when each file is decoded with weights fitted on the others
(leave one file out: what to expect on a transcript never seen), and with the weights fitted on all.
`--write` writes the weights fitted on all files to subpipe/text/sentence_weights.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from sentence_gold import LINE_END, GoldFile, all_gold, normalised_column, raw_offset  # noqa: E402
from subpipe import Converter, formats  # noqa: E402
from subpipe.converter import _Episode  # noqa: E402
from subpipe.names.align import align_names, normal_dots  # noqa: E402
from subpipe.text.analysis import analyze  # noqa: E402
from subpipe.text.sentences import SentenceReading, Weights, evidence_of  # noqa: E402

WEIGHTS_FILE = ROOT / "subpipe" / "text" / "sentence_weights.py"
# Evidence seen fewer times than this in the gold gets no weight of its own (too little to learn from).
MIN_COUNT = 3
# The L2 penalty: the best held-out F1 over 0.3 to 8 (docs/sentences.md).
L2 = 3.0


class Example:
    def __init__(self, evidence: tuple[str, ...], end: bool):
        self.evidence = evidence
        self.end = end


def reading_of(gold: GoldFile, converter: Converter) -> SentenceReading:
    """The sentence model's reading of a gold file, with the names the converter would find."""
    transcript = formats.read_transcript(gold.path)
    episode = _Episode(converter, transcript, None, None, None)
    lesson, analyzed = episode.learn(analyze(transcript, converter.segmenter))
    alignment = align_names(analyzed, lesson.glossary, frozenset(normal_dots(form) for form in lesson.forms))
    return SentenceReading(analyzed, alignment.mentions)


def boundary_positions(gold: GoldFile, reading: SentenceReading) -> list[tuple[int, int] | None]:
    """The normalised gold position of each boundary, None where the gold does not count the line."""
    positions: list[tuple[int, int] | None] = []
    for boundary in reading.boundaries:
        piece = reading.pieces[boundary.before]
        line = reading.lines[piece.position].line
        if line.number not in gold.speech_lines:
            positions.append(None)
            continue
        raw = gold.raw_lines[line.number - 1]
        column = raw_offset(raw, line.text) + piece.end
        positions.append((line.number, normalised_column(raw, column)))
    return positions


def examples_of(gold: GoldFile, reading: SentenceReading) -> list[Example]:
    """Each boundary the gold counts, with the evidence read from the gold's previous end."""
    examples = []
    start = 0
    for boundary, position in zip(reading.boundaries, boundary_positions(gold, reading)):
        is_end = position is None or position in gold.ends
        # Forced and joined places are decided by rule, not by the weights.
        if position is not None and not boundary.forced and not boundary.joined:
            examples.append(Example(evidence_of(boundary, reading.so_far(start, boundary.before)), is_end))
        if is_end or boundary.forced:
            start = boundary.before + 1
    return examples


def fit(examples: list[Example], l2: float = L2) -> Weights:
    counts = Counter(name for example in examples for name in example.evidence)
    names = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(examples), len(names) + 1))
    x[:, -1] = 1.0  # the bias
    for row, example in enumerate(examples):
        for name in example.evidence:
            if name in column:
                x[row, column[name]] = 1.0
    y = np.array([1.0 if example.end else 0.0 for example in examples])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not pulled towards 0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Weights(float(w[-1]), {name: float(w[i]) for name, i in column.items()})


def predicted_ends(gold: GoldFile, reading: SentenceReading, weights: Weights) -> set[tuple[int, int]]:
    positions = boundary_positions(gold, reading)
    return {positions[index] for index, _ in reading.decode(weights) if positions[index] is not None}


def f1(found: set, gold: set) -> tuple[float, float, float]:
    right = len(found & gold)
    precision = right / len(found) if found else 0.0
    recall = right / len(gold) if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if right else 0.0)


def line_ends(gold: GoldFile) -> set[tuple[int, int]]:
    return {(line, LINE_END) for line in gold.speech_lines}


def write_weights(weights: Weights, files: list[GoldFile], l2: float) -> None:
    lines = [
        '"""Weights of the sentence model\'s evidence (log-odds of a sentence end), fitted by an L2-regularised',
        "logistic regression on the hand-made sentence-end gold by `benchmarks/sentences_fit.py --write`, which",
        f"writes this file (l2 {l2}; {len(files)} files: " + ", ".join(g.name for g in files) + ").",
        "Evidence seen fewer than " + f"{MIN_COUNT} times in the gold has no weight (it adds nothing).",
        '"""',
        "",
        f"BIAS = {weights.bias:.3f}",
        "WEIGHTS: dict[str, float] = {",
    ]
    for name, value in sorted(weights.evidence.items(), key=lambda item: (-abs(item[1]), item[0])):
        if abs(value) >= 0.005:
            lines.append(f"    {name!r}: {value:.3f},")
    lines.append("}")
    WEIGHTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the weights fitted on all gold files")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty of the logistic regression")
    options = parser.parse_args()

    converter = Converter()
    files = all_gold()
    readings = [reading_of(gold, converter) for gold in files]
    examples = [examples_of(gold, reading) for gold, reading in zip(files, readings)]
    everything = fit([e for group in examples for e in group], options.l2)

    print(f"{'file':44} {'held-out F1':>11} {'fitted F1':>9} {'every line':>10}")
    totals = Counter()
    for held, (gold, reading) in enumerate(zip(files, readings)):
        others = fit([e for i, group in enumerate(examples) if i != held for e in group], options.l2)
        held_out = predicted_ends(gold, reading, others)
        fitted = predicted_ends(gold, reading, everything)
        baseline = line_ends(gold)
        for key, found in (("held", held_out), ("fitted", fitted), ("line", baseline)):
            totals[key, "right"] += len(found & gold.ends)
            totals[key, "found"] += len(found)
        totals["gold"] += len(gold.ends)
        print(
            f"{gold.name[:44]:44} {f1(held_out, gold.ends)[2]:11.3f} {f1(fitted, gold.ends)[2]:9.3f}"
            f" {f1(baseline, gold.ends)[2]:10.3f}"
        )
    scores = []
    for key in ("held", "fitted", "line"):
        p = totals[key, "right"] / max(1, totals[key, "found"])
        r = totals[key, "right"] / max(1, totals["gold"])
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    print(f"{'all (micro)':44} {scores[0]:11.3f} {scores[1]:9.3f} {scores[2]:10.3f}")
    if options.write:
        write_weights(everything, files, options.l2)
        print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
