"""Who says each line: the host, the people whose words the host relays, and voices with no name.

Labels written in the input (`主持人：`, `<v Bob>`) win and are aligned to the glossary. Without them, a
commentary is the host's narration with other people's words relayed inside it:

- the host introduces themselves (我是大飞, 大飞我…; 这里是X names the show, not a person);
- a speech marker after a name hands the word to that person (郑亨元解释道, 用特沃里克的话来说, 根据X的说法,
  在X看来, X：“…”); a pronoun (他说) goes on with the person just named or speaking; a voice with no
  name (有人说, 主持人问道) gets an unnamed speaker;
- the turn runs over the following lines until the text turns back to the host: a narrator's turn-back word
  (好了, 说回…, 可以说), a question or words to the audience, another person named, the host named, or
  a new topic (when the caller knows where topics start).

A line that only introduces a speaker (团队成员郑亨元解释道) is the host's: the person's words start
after it. Speech-marker patterns run with spaCy's Matcher over a Doc of the line's own jieba words, with the
names found by the names stage as entity spans. Most lines lack some word or name every pattern needs:
they get neither Doc nor Matcher (the test is read off the patterns themselves).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import AnalyzedLine, LabelDefinition, Mention, Speaker, UnresolvedName
from .labels import from_labels
from .narration import Narration
from .people import HOST, UNKNOWN, name_spans, people_of, speaker_list

if TYPE_CHECKING:
    from ..glossary import Glossary


@dataclass(frozen=True)
class SpeakerResult:
    """The speaker id of every line (by line number) and the speakers, host first."""

    speaker_of_line: dict[int, str | None]  # None for a stage direction: no one's
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
) -> SpeakerResult:
    """Who says each line of `analyzed`.

    `mentions` and `unresolved` come from the names stage; `glossary` (optional) aligns speaker labels
    that no mention spells; `topic_starts` are line numbers where a new topic begins (a turn ends there);
    `legend` are the labels the transcript defines (`記者：張三（張）`).
    """
    people = people_of(mentions, unresolved)
    spans = name_spans(analyzed, mentions, unresolved)
    attribution = Narration(analyzed, spans, people, frozenset(topic_starts))
    if any(item.line.label for item in analyzed):
        speaker_of_line, found, host = from_labels(analyzed, mentions, glossary, people, attribution, legend)
        show = attribution.show_name
    else:
        speaker_of_line, found, show = attribution.run()
        host = HOST
    named_in: dict[str, list[int]] = {HOST: list(attribution.host_named_in)} if attribution.host_named_in else {}
    for number, line_spans in sorted(spans.items()):
        for _, _, label, person in line_spans:
            if label == "PERSON" and number not in named_in.setdefault(person, []):
                named_in[person].append(number)
    speakers = speaker_list(analyzed, speaker_of_line, found, people, named_in, host)
    return SpeakerResult(speaker_of_line, speakers, show)


__all__ = ["HOST", "UNKNOWN", "SpeakerResult", "attribute_speakers"]
