"""Who says each line: the host, the people and organisations whose words the host relays, and voices
with no name.

Labels written in the input (`主持人：`, `<v Bob>`) win and are aligned to the glossary. Without them, a
commentary is the host's narration with other people's words relayed inside it, read by the evidence the
text gives (`narration.py`):

- the voices are the people and organisations the names stage found and the names written in Latin
  letters (`people.py`: Jonathan Ross, and Ross after him; Meta; a company's statement speaks as it);
- a speech marker hands the word over (郑亨元解释道, 用X的话来说, 根据X的官方声明, 在X看来, X：“…”;
  `markers.py`); 他/她, a role (主持人, 这位CEO), 该公司 or an organisation's document mean whom the text
  last named or meant, by gender where the episode shows it (`references.py`); a line that opens with
  its verb (回答了一句…) speaks for who the line before was about;
- a marker's line that only introduces the speaker, or names only the topic or whom they told, is the
  host's (`wording.py`); voices quoted inside a speaker's story, and sources named inside a quote (听X说),
  stay the speaker's;
- the turn runs until the text turns back to the host: a turn-back word, the narrator's own verdict or
  aside, a question the narrator asks, another person named, what the speaker did told by the narrator,
  a closed quotation, a new topic (when the caller knows where topics start).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import AnalyzedLine, LabelDefinition, Mention, Speaker, UnresolvedName
from .labels import from_labels
from .line_speakers import LineSpeakers
from .narration import Narration
from .people import HOST, PERSON_LABEL, UNKNOWN, latin_names, name_spans, people_of, speaker_list
from .references import genders

if TYPE_CHECKING:
    from ..glossary import Glossary


@dataclass(frozen=True)
class SpeakerResult:
    """The speaker id of every line (by line number) and the speakers, host first."""

    speaker_of_line: Mapping[int, str | None]  # None for a stage direction: no one's (a LineSpeakers)
    speakers: tuple[Speaker, ...]
    show_name: str | None = None  # as written after 这里是 / 欢迎收听


def attribute_speakers(
    analyzed: Sequence[AnalyzedLine],
    mentions: Sequence[Mention],
    unresolved: Sequence[UnresolvedName] = (),
    *,
    glossary: Glossary | None = None,
    topic_starts: Collection[int] = (),
    legend: Sequence[LabelDefinition] = (),
    found_by: Mapping[str, str] = MappingProxyType({}),
) -> SpeakerResult:
    """Who says each line of `analyzed`.

    `mentions` and `unresolved` come from the names stage; `glossary` (optional) aligns speaker labels
    that no mention spells; `topic_starts` are line numbers where a new topic begins (a turn ends there);
    `legend` are the labels the transcript defines (`記者：張三（張）`); `found_by` says how the names
    stage found the entities no glossary gave (entity id -> dictionary, romanised, guessed).
    """
    latin = latin_names(analyzed, mentions, glossary)
    people = people_of(mentions, unresolved, latin)
    spans = name_spans(analyzed, mentions, unresolved, latin)
    attribution = Narration(analyzed, spans, people, frozenset(topic_starts), genders(analyzed, spans))
    if any(item.line.label for item in analyzed):
        speaker_of_line, found, host = from_labels(analyzed, mentions, glossary, people, attribution, legend)
        show = attribution.show_name
    else:
        speaker_of_line, found, show = attribution.run()
        host = HOST
    named_in: dict[str, list[int]] = {HOST: list(attribution.host_named_in)} if attribution.host_named_in else {}
    for number, line_spans in sorted(spans.items()):
        for span in line_spans:
            if span.label == PERSON_LABEL and number not in named_in.setdefault(span.id, []):
                named_in[span.id].append(number)
    speakers = speaker_list(analyzed, speaker_of_line, found, people, named_in, host, found_by)
    return SpeakerResult(LineSpeakers(speaker_of_line), speakers, show)


__all__ = ["HOST", "UNKNOWN", "SpeakerResult", "attribute_speakers"]
