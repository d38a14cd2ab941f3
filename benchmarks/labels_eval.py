"""How well subpipe gives each labelled line of the dev corpus its label's speaker, the gold read
straight from the files' own labels.

    python benchmarks/labels_eval.py [--quick] [--show FILE]

The gold is read here, independently of subpipe's readers, by the label conventions of each corpus
folder (read by hand from the files themselves):

- `dialogue-zh-hant/` (25 Traditional Markdown meetings and interviews): a line `### 名字：` names the
  speaker of every following line up to the next such line; the `# ` title, blank lines, blockquoted
  lines (`> （進行活動）`) and lines wholly in brackets (`（以下開始記錄）`, a bracketed link) are not
  speech.
- `speeches-zh-hans/` (the Simplified dialogue records and speeches that carry labels): a paragraph
  opening with a label and a colon (`任正非：`, `员工：`, `问：`, `答：`, `>问：`, ASCII colons too) names the
  speaker of it and of every paragraph after it up to the next label. A label is a name or role of at
  most 6 characters that opens at least two paragraphs of the file, or a name another label's
  bracket holds (`彭召勇：` after `（CDMA产品部彭召勇）`); a numbered question `Q7：` or `Q7、` is the
  questioner `Q`; a numbered item opening with a bracketed person (`2、（CVG客户经理张恒）员工问：`,
  `1、（G/U产品部张昕）任总您好…`) is that person's question, and a label the bracket ends with is the
  same person (`郭健：` after `（无线产品部郭健）`). Section headings and lines wholly in brackets
  (`（在滑铁卢大学）`, `【互动问答摘录】`) are not speech; lines before the first label are not scored.

Scored per file: the share of labelled spoken lines whose subpipe speaker is their label's speaker,
under the best one-to-one pairing of gold speakers and subpipe speakers (as diarisation is scored:
subpipe's ids are its own); `named` counts the gold speakers whose paired subpipe speaker carries the
label's name (Chinese or English, either script). False labels: lines subpipe gives a label where the
file has none at that line (text that merely holds a colon); missed: label lines subpipe does not see.
Non-speech: stage directions subpipe attributes to someone. The narrations (unlabelled) are read for
false labels too. Results are reported in docs/speakers.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from subpipe import Converter  # noqa: E402
from subpipe.text.script import convert  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"

_HEADING_LABEL = re.compile(r"^###\s+(?P<name>[^：:]+?)\s*[：:]\s*$")
_BRACKETED = re.compile(r"^\s*[（(【\[].*[）)】\]]\s*$")
_SPEECH_LABEL = re.compile(
    r"^>?\s*(?:[0-9]{1,3}\s*[、.]?\s*)?(?:[（(](?P<tag>[^（）()]{1,30})[）)]\s*)?"
    r"(?:(?P<q>Q)[0-9]{1,3}\s*[、：:]|(?P<label>[^\s：:，。、！？（）()“”]{1,6}?)\s*[：:])"
)
# A line holding only a link to an address (`（[https://…](https://…)）`): nothing of it is shown.
_LINK_ONLY = re.compile(r"^\s*[（(]?\[(?:https?://|www\.)[^\]]*\]\([^)]*\)[）)]?\s*$")
_NUMBERED_TAG = re.compile(r"^[0-9]{1,3}\s*[、.]?\s*[（(](?P<tag>[^（）()]{1,30})[）)]")


@dataclass
class Gold:
    speaker_of_line: dict[int, str] = field(default_factory=dict)  # spoken labelled line -> gold speaker
    turn_starts: set[int] = field(default_factory=set)  # lines a label names the speaker at
    label_lines: set[int] = field(default_factory=set)  # lines that hold a label (a heading or inline)
    non_speech: set[int] = field(default_factory=set)


def dialogue_gold(path: Path) -> Gold:
    gold, current, starting = Gold(), None, False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        heading = _HEADING_LABEL.match(line)
        if heading:
            current, starting = heading["name"].strip(), True
            gold.label_lines.add(number)
            continue
        if not line or line.startswith("# "):
            continue
        if starting and not _LINK_ONLY.match(line):
            gold.turn_starts.add(number)  # the label goes with the first line after it
            starting = False
        if line.startswith(">") or _BRACKETED.match(line):
            gold.non_speech.add(number)
            continue
        if current is not None:
            gold.speaker_of_line[number] = current
    return gold


def speech_gold(path: Path) -> Gold:
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = {number: _SPEECH_LABEL.match(line.strip()) for number, line in enumerate(lines, 1)}
    counts = Counter(m["label"] for m in matches.values() if m and m["label"])
    tags = {m["tag"] for m in matches.values() if m and m["tag"]}
    tags |= {m["tag"] for line in lines if (m := _NUMBERED_TAG.match(line.strip()))}
    labels = {label for label, count in counts.items() if count >= 2}
    labels |= {label for label in counts if any(tag.endswith(label) and len(label) >= 2 for tag in tags)}

    def person(tag: str) -> str:
        # The bracket's person: a label it ends with (郭健 of 无线产品部郭健), else the whole bracket.
        return next((label for label in sorted(labels, key=len, reverse=True) if tag.endswith(label)), tag)

    gold, current = Gold(), None
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith(("#", "<img", "——")):
            continue
        numbered = _NUMBERED_TAG.match(line)
        match = matches[number]
        speaker = None
        if match and match["q"]:
            speaker = "Q"
        elif match and match["label"] in labels:
            is_asking = match["tag"] and match["label"].endswith("问")
            speaker = person(match["tag"]) if is_asking else match["label"]
        elif match and match["tag"] and match["label"] is None:
            speaker = person(match["tag"])
        elif numbered:
            speaker = person(numbered["tag"])
        if speaker is not None:
            current = speaker
            gold.turn_starts.add(number)
            gold.label_lines.add(number)
        if _BRACKETED.match(line):
            gold.non_speech.add(number)
            continue
        if current is not None:
            gold.speaker_of_line[number] = current
    return gold


def labelled_files(quick: bool = False) -> list[tuple[Path, Gold]]:
    files = [(path, dialogue_gold(path)) for path in sorted((DEV / "dialogue-zh-hant").glob("*.md"))]
    files += [(path, speech_gold(path)) for path in sorted((DEV / "speeches-zh-hans").glob("*.md"))]
    files = [(path, gold) for path, gold in files if gold.speaker_of_line]
    return files[::6] if quick else files


def best_pairing(overlap: dict[tuple[str, str], int]) -> dict[str, str]:
    """Gold speaker -> subpipe speaker, one to one, with the most lines in common (Hungarian method)."""
    golds = sorted({g for g, _ in overlap})
    found = sorted({f for _, f in overlap})
    size = max(len(golds), len(found))
    cost = [[-(overlap.get((golds[i], found[j]), 0) if i < len(golds) and j < len(found) else 0) for j in range(size)] for i in range(size)]
    assignment = _hungarian(cost)
    return {golds[i]: found[j] for i, j in enumerate(assignment) if i < len(golds) and j < len(found) and overlap.get((golds[i], found[j]))}


def _hungarian(cost: list[list[int]]) -> list[int]:
    """Row -> column of a square cost matrix's cheapest assignment (Kuhn–Munkres, O(n³))."""
    n = len(cost)
    infinity = float("inf")
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for row in range(1, n + 1):
        match[0], column = row, 0
        least, used = [infinity] * (n + 1), [False] * (n + 1)
        while True:
            used[column] = True
            row0, delta, next_column = match[column], infinity, 0
            for j in range(1, n + 1):
                if not used[j]:
                    current = cost[row0 - 1][j - 1] - u[row0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, column
                    if least[j] < delta:
                        delta, next_column = least[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            column = next_column
            if match[column] == 0:
                break
        while column:
            previous = way[column]
            match[column] = match[previous]
            column = previous
    result = [0] * n
    for j in range(1, n + 1):
        if match[j]:
            result[match[j] - 1] = j - 1
    return result


def score(episode, gold: Gold) -> dict:
    found = episode.speaker_of_line
    overlap = Counter((who, found.get(number)) for number, who in gold.speaker_of_line.items() if found.get(number) is not None)
    pairing = best_pairing(dict(overlap))
    right = sum(1 for number, who in gold.speaker_of_line.items() if found.get(number) is not None and pairing.get(who) == found.get(number))
    speakers = {s.id: s for s in episode.speakers}

    def named(who: str, speaker_id: str | None) -> bool:
        speaker = speakers.get(speaker_id)
        if speaker is None:
            return False
        forms = {convert(form, "t2s").lower() for form in (speaker.chinese, speaker.english, speaker.id) if form}
        return convert(who, "t2s").lower() in forms

    labelled = {line.number for line in episode.transcript.lines if line.label}
    golds = set(gold.speaker_of_line.values())
    return {
        "lines": len(gold.speaker_of_line),
        "right": right,
        "speakers": len(golds),
        "named": sum(1 for who in golds if named(who, pairing.get(who))),
        "false_labels": sorted(labelled - gold.turn_starts),
        "missed_labels": sorted(gold.turn_starts - labelled),
        "non_speech": len(gold.non_speech),
        "non_speech_attributed": sorted(n for n in gold.non_speech if found.get(n) is not None),
        "wrong": sorted(n for n, who in gold.speaker_of_line.items() if pairing.get(who) != found.get(n) or found.get(n) is None),
    }


def inline_variant(path: Path, gold: Gold) -> tuple[int, int, int]:
    """The dialogue with each `### 名字：` heading moved inline onto the first line it labels (`名字：text`,
    as plain transcripts write it; the heading line left blank, so line numbers stay), read as plain
    text: (label lines, labels missed, false labels). Without the headings' evidence, labels must be
    told from text that merely holds a colon by the text alone."""
    from subpipe.formats.plain import read_plain

    lines = path.read_text(encoding="utf-8").splitlines()
    pending = None
    for index, line in enumerate(lines):
        heading = _HEADING_LABEL.match(line.strip())
        if heading:
            pending, lines[index] = heading["name"].strip(), ""
        elif pending and index + 1 in gold.turn_starts:
            lines[index], pending = f"{pending}：{line}", None
    found = {line.number for line in read_plain("\n".join(lines), str(path)).lines if line.label}
    return len(gold.turn_starts), len(gold.turn_starts - found), len(found - gold.turn_starts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every sixth file only")
    parser.add_argument("--show", help="print the wrong lines of files whose name holds this")
    args = parser.parse_args()
    converter = Converter()
    total = Counter()
    print(f"{'file':44} {'lines':>6} {'right':>6} {'acc':>6} {'spk':>4} {'named':>5} {'false':>5} {'missed':>6} {'nonsp':>5}")
    for path, gold in labelled_files(args.quick):
        result = score(converter(path), gold)
        for key in ("lines", "right", "speakers", "named", "non_speech"):
            total[key] += result[key]
        total["false"] += len(result["false_labels"])
        total["missed"] += len(result["missed_labels"])
        total["non_speech_attributed"] += len(result["non_speech_attributed"])
        total["files"] += 1
        name = path.stem[:40]
        print(
            f"{name:44} {result['lines']:6} {result['right']:6} {result['right'] / result['lines']:6.3f} "
            f"{result['speakers']:4} {result['named']:5} {len(result['false_labels']):5} {len(result['missed_labels']):6} "
            f"{len(result['non_speech_attributed'])}/{result['non_speech']}"
        )
        if args.show and args.show in path.name:
            print("  wrong:", result["wrong"][:60])
            print("  false labels:", result["false_labels"], "missed:", result["missed_labels"])
            print("  non-speech attributed:", result["non_speech_attributed"])
    print(
        f"{'all ' + str(total['files']) + ' files':44} {total['lines']:6} {total['right']:6} {total['right'] / total['lines']:6.3f} "
        f"{total['speakers']:4} {total['named']:5} {total['false']:5} {total['missed']:6} "
        f"{total['non_speech_attributed']}/{total['non_speech']}"
    )
    variants = [inline_variant(path, gold) for path, gold in labelled_files(args.quick) if "dialogue" in path.parent.name]
    starts, missed, false = (sum(values) for values in zip(*variants))
    print(f"dialogues with the labels inline (plain text): {starts - missed} of {starts} label lines found, {false} false labels")
    narrations = sorted((DEV / "narration-zh-hans").glob("*.txt"))
    if not args.quick:
        from subpipe.formats import read_transcript

        false = sum(1 for path in narrations for line in read_transcript(path).lines if line.label)
        formats = Counter(read_transcript(path).format for path in narrations)
        print(f"narrations: {len(narrations)} files read as {dict(formats)}, {false} false labels")


if __name__ == "__main__":
    main()
