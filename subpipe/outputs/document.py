"""The episode document: `<stem>.episode.json`, the machine-readable record of a run.

Its shape is documented in docs/episode-json.md and docs/episode.schema.json. Every list is always
present (empty until its stage exists) so tools reading it can rely on the shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..version import __version__
from ..model import Episode, SummarySentence

SCHEMA_VERSION = 1


def _seconds(ms: int | None) -> float | None:
    return None if ms is None else round(ms / 1000, 3)


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    """The episode document as plain dicts and lists."""
    return _document(episode, list)


class _Each:
    """A list of the episode's items (lines, cues, mentions), each made into its dict only when the
    document is written: an episode's items as dicts take more memory than the rest of the episode."""

    def __init__(self, items: Iterable[Any]):
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


def _document(episode: Episode, each: Callable[[Iterable[Any]], Any]) -> dict[str, Any]:
    """The document, with its three long lists made by `each` from their items, one by one."""
    transcript = episode.transcript
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"subpipe {__version__}",
        "source": {
            "name": transcript.name,
            "format": transcript.format,
            "script": transcript.script.value,
            "lines": len(transcript.lines),
            "title": transcript.title,
            "title_line": transcript.title_line,
            "date": transcript.date,
            "preamble": [{"number": line.number, "text": line.text} for line in transcript.preamble],
        },
        "script": episode.output_script.value,
        "timing": episode.timing.value,
        "lines": each(
            {
                "number": line.number,
                "text": line.text,
                "start": _seconds(line.start_ms),
                "end": _seconds(line.end_ms),
                "label": line.label,
                "speaker": episode.speaker_of_line.get(line.number),
                "speech": line.speech,
            }
            for line in transcript.lines
        ),
        "sections": [{"line": s.line, "title": s.title, "level": s.level} for s in transcript.sections],
        "cues": each(
            {
                "index": cue.index,
                "start": _seconds(cue.start_ms),
                "end": _seconds(cue.end_ms),
                "lines": list(cue.source_lines),
                "text": cue.text,
                "confidence": cue.confidence,
            }
            for cue in episode.cues
        ),
        "mentions": each(
            {
                "line": m.line,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "entity": m.entity,
                "english": m.english,
                "kind": m.kind,
                "via": m.via,
            }
            for m in episode.mentions
        ),
        "speakers": [
            {
                "id": s.id,
                "english": s.english,
                "chinese": s.chinese,
                "role": s.role,
                "lines": list(s.lines),
                "share": s.share,
                "named_in": list(s.named_in),
                "via": s.via,
            }
            for s in episode.speakers
        ],
        "show": episode.show_name,
        "summaries": _summaries(episode),
        "chapters": [
            {
                "line": c.line,
                "start": _seconds(c.start_ms),
                "title": c.title,
                "title_en": c.title_en,
                "keywords": list(c.keywords),
            }
            for c in episode.chapters
        ],
        "ambiguous": [
            {"line": m.line, "start": m.start, "end": m.end, "text": m.text} for m in episode.ambiguous
        ],
        "unresolved": [
            {
                "text": u.text,
                "form": u.form,
                "lines": list(u.lines),
                "reason": u.reason,
                "likely": {"english": u.likely[0], "form": u.likely[1]} if u.likely else None,
            }
            for u in episode.unresolved
        ],
        "learned": [
            {
                "line": e.line,
                "chinese": e.chinese,
                "english": e.english,
                "kind": e.kind,
                "entity": e.entity,
                "kept": e.kept,
            }
            for e in episode.learned
        ],
        "terminology": {
            "checked": episode.translated,
            "misses": [
                {
                    "line": m.line,
                    "text": m.text,
                    "english": m.english,
                    "translation": m.translation,
                    "problem": m.problem,
                    "found": m.found,
                    "expected": list(m.expected),
                }
                for m in episode.term_misses
            ],
        },
        "warnings": [{"line": w.line, "message": w.message} for w in episode.warnings],
    }


def _summaries(episode: Episode) -> dict[str, Any]:
    """Summaries with the source of every sentence: each part is text[start:end] of its line."""
    summaries = episode.summaries

    def sentence(s: SummarySentence) -> dict[str, Any]:
        return {
            "text": s.text,
            "annotated": s.annotated,
            "lines": list(s.lines),
            "parts": [{"line": p.line, "start": p.start, "end": p.end, "text": p.text} for p in s.parts],
        }

    return {
        "episode": [sentence(s) for s in summaries.episode],
        "speakers": [
            {"speaker": summary.speaker, "sentences": [sentence(s) for s in summary.sentences]}
            for summary in summaries.speakers
        ],
        "keywords": [
            {"text": k.text, "english": k.english, "weight": k.weight, "lines": list(k.lines)}
            for k in summaries.keywords
        ],
        "names": [
            {
                "id": n.id,
                "english": n.english,
                "chinese": n.chinese,
                "kind": n.kind,
                "first_line": n.first_line,
                "first": _seconds(n.first_ms),
                "lines": list(n.lines),
            }
            for n in summaries.names
        ],
    }


def compose_episode_json(episode: Episode) -> Iterator[str]:
    """The document's text in pieces, each item made and encoded as it is written (`layout_json`)."""
    yield from layout_json(_document(episode, _Each))
    yield "\n"


def layout_json(value: Any, indent: str = "") -> Iterator[str]:
    """JSON with objects indented and each item of a list on a line of its own, written compactly, in
    pieces.

    One line, one cue (or line, or mention): the file reads and diffs by item, and each item goes
    through the json module's C encoder, which `indent=` would switch off (4x slower on an episode)."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        opening = "{\n"
        for key, item in value.items():
            yield f"{opening}{inner}{_encode(key)}: "
            yield from layout_json(item, inner)
            opening = ",\n"
        yield "\n" + indent + "}"
    elif isinstance(value, _Each):
        # Items of an episode's long lists are objects: each on its line, or [] for none.
        opening = "[\n"
        for item in value:
            yield opening + inner + _encode(item)
            opening = ",\n"
        yield "[]" if opening == "[\n" else "\n" + indent + "]"
    elif isinstance(value, list) and value and any(isinstance(item, (dict, list)) for item in value):
        yield "[\n" + ",\n".join(inner + _encode(item) for item in value) + "\n" + indent + "]"
    else:
        yield _encode(value)


# One encoder for every item (json.dumps with options builds a new one per call); it holds no state.
_encode = json.JSONEncoder(ensure_ascii=False).encode
