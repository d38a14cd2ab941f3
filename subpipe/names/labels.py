"""Speaker labels as evidence of people's names.

The readers take speaker labels off the text (`### 蔣念祖：`, `名字：text` become `Line.label`) and read a
legend's names (`記者：張三（張）`) into `Transcript.legend`, so the text the names stage reads no longer
holds them. A label that is a name, not a role (主持人, 記者, 問) nor a form of address (王老师, 老胡), is
strong evidence that it is a person's name: nobody labels a turn with a word. The names stage names such
a person as it names anyone (a glossary, CC-CEDICT, a Chinese name romanised by place, a dotted name
guessed from its parts), and the text's 蒋老师 or 念祖 then means them. A label is never a mention
itself: it is not text anyone reads in the subtitles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import AnalyzedLine, LabelDefinition
from ..text.lexicon import CJK_RANGE

# A label that may be a name as a whole: Chinese characters, and dots between the parts of a
# transliteration.
_CHINESE_LABEL = re.compile(rf"^[{CJK_RANGE}]+(?:[·・•‧][{CJK_RANGE}]+)*$")
_CHINESE_TAIL = re.compile(rf"[{CJK_RANGE}]{{2,3}}$")
_LONGEST_WHOLE_NAME = 3  # characters of a Chinese name; a longer label may end with one


@dataclass(frozen=True)
class LabelName:
    """A speaker label (or a legend's name) that may hold a person's name: as the file writes it, and
    the first line it labels (the legend's line for a legend name)."""

    written: str
    line: int

    @property
    def forms(self) -> tuple[str, ...]:
        """The parts of the label that may be the name, most likely first (`name_forms`)."""
        return name_forms(self.written)


def name_forms(label: str) -> tuple[str, ...]:
    """The parts of a label that may be a person's name, as written, most likely first: the whole label
    when it is written in Chinese characters (唐鳳, 鲍勃·麦格鲁); and, for a longer label, its last
    three and last two characters, since a body or a role may come before a name (数通产品部朱宝红,
    CVG客户经理张恒, 销售管理部的李兵)."""
    label = label.strip()
    forms = [label] if _CHINESE_LABEL.match(label) else []
    tail = _CHINESE_TAIL.search(label)
    if tail is not None and len(label) > _LONGEST_WHOLE_NAME:
        forms += [label[-length:] for length in (3, 2) if len(tail.group()) >= length]
    return tuple(forms)


def label_names(analyzed: Sequence[AnalyzedLine], legend: Sequence[LabelDefinition] = ()) -> tuple[LabelName, ...]:
    """The labels and legend names of an episode that may hold people's names, each once, in file
    order: neither a role nor a form of address, with Chinese characters to hold one. Whether one is a
    name is for the names stage to say (a label like 工作人员 is still a word)."""
    from ..formats.labels import address_surname, is_role

    seen: dict[str, LabelName] = {}
    for written, line in _written_labels(analyzed, legend):
        written = written.strip()
        if written in seen or is_role(written) or address_surname(written):
            continue
        name = LabelName(written, line)
        if name.forms:
            seen[written] = name
    return tuple(sorted(seen.values(), key=lambda name: name.line))


def labels_in_force(analyzed: Sequence[AnalyzedLine], legend: Sequence[LabelDefinition] = ()) -> dict[int, str]:
    """The label each line is said under (a label holds until the next), a legend's short label or role
    read as the name it stands for (張 of `記者：張三（張）` is 張三)."""
    named = {alias: definition.name for definition in legend for alias in (definition.label, definition.role) if alias}
    found: dict[int, str] = {}
    current: str | None = None
    for item in analyzed:
        if item.line.label:
            current = named.get(item.line.label.strip(), item.line.label.strip())
        if current is not None:
            found[item.line.number] = current
    return found


def address_titles(analyzed: Sequence[AnalyzedLine]) -> frozenset[str]:
    """The titles of the labels that address someone by surname and title (总 of 任总, 老师 of 王老师):
    in this episode a surname before such a title is a person, whatever else the title may mean
    elsewhere (任总是 is also "always")."""
    from ..formats.labels import address_surname, key

    return frozenset(
        key(item.line.label)[1:]
        for item in analyzed
        if item.line.label and address_surname(item.line.label) and key(item.line.label)[0] != "老"
    )


def _written_labels(
    analyzed: Sequence[AnalyzedLine], legend: Sequence[LabelDefinition]
) -> Iterable[tuple[str, int]]:
    for definition in legend:
        yield definition.name, definition.line
    for item in analyzed:
        if item.line.label:
            yield item.line.label, item.line.number
