"""How the show notes and the episode page name a speaker and a role: one rule for both."""

from __future__ import annotations

from collections.abc import Callable

from ..formats.labels import is_role
from ..model import Speaker

# Each role in English and in Chinese (written in Simplified; shown in the output's script).
ROLE_WORDS = {"host": ("host", "主持"), "guest": ("guest", "嘉宾"), "mentioned": ("mentioned", "提及"), "unknown": ("unknown", "未知")}


def _same(text: str) -> str:
    return text


def role_words(role: str) -> tuple[str, str]:
    """(English, Chinese in Simplified) of a speaker's role."""
    return ROLE_WORDS.get(role, (role, ""))


def named_by_role_only(speaker: Speaker) -> bool:
    """The speaker's only name is the role label a labelled transcript gives them (問, 主持人, 说话人 1);
    an unnamed voice of a narration (unnamed-N, shown by its number) is not."""
    return (
        not speaker.id.startswith("unnamed-") and not speaker.english and bool(speaker.chinese) and is_role(speaker.chinese or "")
    )


def speaker_name(speaker: Speaker, shown: Callable[[str], str] = _same, escape: Callable[[str], str] = _same) -> str:
    """English first with the Chinese beside it (`Hyung Won Chung（郑亨元）`); a speaker named only by a
    role label is their role with the label beside it (`Host（問）`). `shown` puts Chinese in the output's
    script (and escapes it where the output needs that); `escape` does the same for the rest."""
    chinese = shown(speaker.chinese) if speaker.chinese else None
    if speaker.id.startswith("unnamed-"):
        label = f"Unnamed speaker {escape(speaker.id.removeprefix('unnamed-'))}"
        return f"{label}（{chinese}）" if chinese else label
    if speaker.role == "unknown":
        return "Unknown speaker 未知"
    if named_by_role_only(speaker) and speaker.role in ("host", "guest"):
        return f"{speaker.role.title()}（{chinese}）"
    english = escape(speaker.english) if speaker.english else None
    if english and chinese and speaker.english != speaker.chinese:
        return f"{english}（{chinese}）"
    return english or chinese or ("Host" if speaker.role == "host" else escape(speaker.id))
