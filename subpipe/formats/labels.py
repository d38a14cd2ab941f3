"""Speaker labels as people write them, for the plain-text and Markdown readers.

A line may open with a label in many shapes: `名字：text` and `名字:text`; the label alone on its line with
the speech after it; `### 名字：` or `**名字：**text` in Markdown (the reader says so: `strong`); an item
number before it (`3、媒体名Latin Name:`); a question number (`Q7、`, `Q1：`); a bracketed tag naming the
speaker (`（主持人）text`, `2、（CVG客户经理张恒）员工问:`, `1、（G/U产品部张昕）text`). A label holds for
the lines after it until the next label.

Text that merely holds a colon (建议一：…, 关键细节是：…, 第二个问题：…, 他说：…, 比如：…) is no label. Each
candidate is judged over the whole file, by evidence rather than a list of texts:

- what it is: a role (主持人, 記者, 法官, 主席, 问/答, Q/A, 嘉宾2) is a label wherever it stands; an ordinal
  (第二个问题), a numbered item of a list (建议一), a clause (关键细节是, 我的想法是), a word jieba's
  dictionary knows as a verb, conjunction or adverb (比如, 注意, 总之) or a report of speech by a
  pronoun or nobody in particular (他说, 有人问) never is;
- a form that recurs: the same label used twice or more;
- the markup: a heading or bold that holds exactly the label (`### 名字：`, `**名字：**`);
- a known name: defined in a legend line (`記者：張三（張）`), or the name in another label's tag
  (郭健 after `（无线产品部郭健）员工问`);
- numbered items that each open with a bracketed tag (`1、（部门某人）…`, twice or more) are questions put
  by the people the tags name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import LabelDefinition
from ..text.lexicon import ADDRESS_TITLES, CJK_RANGE, COMMON_SURNAMES
from ..text.script import convert

_HAN = CJK_RANGE
# An item number before a label: `3、`, `3.` (not `3.5`), `(3)`, `12 ` before a bracket.
_ITEM = re.compile(r"(?:[0-9]{1,3}\s*[、．.](?![0-9])|[（(][0-9]{1,3}[)）]|[0-9]{1,3}\s+(?=[（(]))\s*")
# A bracketed tag before the text or the label: `（主持人）`, `（CVG客户经理张恒）`.
_TAG = re.compile(r"[（(【\[](?P<tag>[^（）()【】\[\]\n]{1,30})[）)】\]]\s*")
# A Chinese name or role (`主持人`, `嘉宾A`, `鲍勃·麦格鲁`, `嘉宾 2`, `路透社Reuters`, `媒体名Latin Name`,
# `CNN记者`), or up to three Latin words (`Bob`, `Speaker 1`, `Bob McGrew`), then a full-width or ASCII colon.
_LABEL = re.compile(
    rf"(?P<label>[{_HAN}][{_HAN}A-Za-z0-9·・/]{{0,19}}(?: ?[A-Za-z0-9][A-Za-z0-9.'’\-]*){{0,3}}"
    rf"|[A-Za-z][A-Za-z0-9.'’\-]*[{_HAN}][{_HAN}A-Za-z0-9·・/]{{0,18}}"
    r"|[A-Za-z][A-Za-z0-9.'’\-]*(?: [A-Za-z0-9.'’\-]+){0,2}) ?[:：] ?"
)
# A numbered question or answer (`Q7、`, `Q1：`, `问3：`): the number counts the questions, it is not a
# speaker's, so `Q1` and `Q2` are the same voice, the one who asks.
_NUMBERED_TURN = re.compile(r"(?P<label>[QqAa]|[问問答])(?P<number>[0-9]{1,3}) ?[、:：] ?")
_COLON = re.compile(r" ?[:：] ?")
MAX_LABEL_CHARS = 20
_INNER_SPACE = re.compile(rf" (?=[0-9{_HAN}])|(?<=[{_HAN}]) ")

# Roles that are labels even when they appear once (`问：` and `答：` are how Chinese writes Q/A),
# optionally numbered or lettered: `嘉宾A`, `主持人 2`, `Speaker 1`, `男嘉宾`.
_ROLES_ZH = (
    "主持人 主持 嘉宾 来宾 记者 记 采访者 受访者 访谈者 被访者 访 观众 听众 旁白 解说 问 答 提问 提问者 回答 "
    "发言人 说话人 讲话人 参会人 主讲 主讲人 讲者 翻译 男 女 甲 乙 丙 丁 法官 审判长 主席 委员 证人 律师 议员 学员 员工"
).split()
_ROLES_EN = (
    "host co-host cohost guest speaker interviewer interviewee moderator narrator reporter audience "
    "q a question answer chair judge"
).split()
_ROLE = re.compile(
    rf"^(?:男|女)?(?:{'|'.join(_ROLES_ZH)})(?: ?[a-z0-9甲乙丙丁一二三四五六七八九十]{{1,3}})?$"
    rf"|^(?:{'|'.join(_ROLES_EN)})(?: ?[a-z0-9]{{1,3}})?$"
)
# Verbs that report speech: `他说`, `有人问` introduce a quote; `员工问` (a role and its verb) is a label.
_REPORTING = re.compile(
    r"(?:说道|问道|回答|提问|表示|提到|指出|认为|强调|解释|介绍|回应|补充|透露|说|道|问|讲|称|写|答"
    r"|\b(?:said|says|asked|asks|wrote|writes|told|tells|replied|replies))$"
)
# Who reports when it is nobody in particular: the narrator quoting, never a label.
_ANYONE = frozenset(
    "我 你 您 他 她 它 我们 你们 他们 她们 有人 大家 别人 对方 某人 人家 谁 这 那 也 又 就 还 都 "
    "i you he she it we they someone somebody everyone".split()
)
# Characters that make a clause, not a name or a role (关键细节是, 我的想法是, 调製的行为有三个问题).
_CLAUSE_CHARS = frozenset("的了是我你他她它们这那吗呢吧啊呀么")
_ORDINAL = re.compile(r"^第[0-9零〇一二三四五六七八九十百两]")
_ORDINAL_INSIDE = re.compile(r"第[0-9零〇一二三四五六七八九十百两]")
_SENTENCE_PUNCTUATION = re.compile(r"[，,。：:；;！!？?]")
# A number at the end: a word and a number are an item of a list (建议一, 方案二), a surname and a number a
# name (张三), a role and a number a speaker (嘉宾1, Speaker 2).
_ENDS_NUMBERED = re.compile(r"[零〇一二三四五六七八九十百两0-9]+$")
# A legend entry: 記者：張三（張）: the role, the name and the abbreviation used as a label after it.
_LEGEND_ENTRY = re.compile(
    rf"(?P<role>[{_HAN}A-Za-z]{{1,8}}) ?[:：] ?(?P<name>[{_HAN}A-Za-z·・ ]{{1,16}}?) ?[（(](?P<short>[^（）()\s]{{1,4}})[）)]"
)
_LEGEND_SEPARATORS = re.compile(r"[\s，,、；;。.]*")
_LEGEND_REACH = 12  # text lines from the top a legend may stand on
_LETTER = re.compile(r"^[A-Z]$")
_COUNTED = re.compile(r"[0-9零〇一二三四五六七八九十百两几][个個项項条條点點种種位名次件句段]")
_LONGEST_NAME_ALONE = 5  # characters of a name or role alone on its line (欧阳娜娜, 主持人甲)


@dataclass(frozen=True, slots=True)
class Candidate:
    """Text at the start of a line that may name its speaker.

    `label` is as written without an item number (`''` when a tag alone names the speaker: `11、（某人）：`;
    None when a tag opens the text with no colon at all); `rest` is the line's text after it; `tag` the
    bracketed text before it; `strong` says the markup sets the label apart (a heading, bold)."""

    number: int
    label: str | None
    rest: str
    tag: str | None = None
    numbered: bool = False
    strong: bool = False
    question_number: bool = False  # Q7、: the number counts questions


def find_candidate(text: str, number: int, *, strong: bool = False) -> Candidate | None:
    """The label candidate `text` opens with, if any."""
    position, numbered = 0, False
    item = _ITEM.match(text)
    if item is not None:
        position, numbered = item.end(), True
    tag = None
    tag_match = _TAG.match(text, position)
    if tag_match is not None:
        tag, position = tag_match["tag"].strip(), tag_match.end()
    question = _NUMBERED_TURN.match(text, position)
    if question is not None:
        return Candidate(number, question["label"], text[question.end() :].strip(), tag, numbered, strong, True)
    label = _LABEL.match(text, position)
    if label is not None and _plausible(label["label"], text[label.end() :]):
        return Candidate(number, label["label"].strip(), text[label.end() :].strip(), tag, numbered, strong)
    if tag is None:
        return None
    colon = _COLON.match(text, position)
    if colon is not None:
        return Candidate(number, "", text[colon.end() :].strip(), tag, numbered, strong)
    return Candidate(number, None, text[position:].strip(), tag, numbered, strong)


def _plausible(label: str, rest: str) -> bool:
    if len(label) > MAX_LABEL_CHARS or rest.startswith("//"):  # `https://...`
        return False
    # `上午10:30` is a time, not a speaker `上午10`.
    return not (label[-1].isdigit() and rest[:1].isdigit())


def key(label: str) -> str:
    """A label as compared: Simplified, lower case, without a final full stop, a space only between
    Latin words (嘉宾 2 is 嘉宾2, Speaker 1 is speaker1, Bob McGrew keeps its space)."""
    return _INNER_SPACE.sub("", " ".join(convert(label, "t2s").lower().split())).rstrip(".")


def is_role(label: str) -> bool:
    return _ROLE.match(key(label)) is not None


def find_legend(texts: Iterable[tuple[int, str]]) -> tuple[LabelDefinition, ...]:
    """Label definitions on the legend lines near the top (`記者：張三（張）　被訪者：李四（李）`): a line
    made only of such entries. `texts` are (line number, text) in order."""
    found: list[LabelDefinition] = []
    for seen, (number, text) in enumerate(texts):
        if seen >= _LEGEND_REACH:
            break
        entries = _legend_entries(text)
        found += [LabelDefinition(number, name, role, short) for role, name, short in entries]
    return tuple(found)


def _legend_entries(text: str) -> list[tuple[str, str, str]]:
    entries, position = [], 0
    while position < len(text):
        position = _LEGEND_SEPARATORS.match(text, position).end()
        if position >= len(text):
            break
        entry = _LEGEND_ENTRY.match(text, position)
        if entry is None:
            return []  # something else on the line: no legend
        name, short = entry["name"].strip(), entry["short"]
        # The abbreviation is part of the name (張 of 張三, or its initials): else it is a gloss.
        if not name or not all(char in name for char in short):
            return []
        entries.append((entry["role"], name, short))
        position = entry.end()
    return entries


def decide(candidates: Sequence[Candidate], legend: Sequence[LabelDefinition] = ()) -> dict[int, str]:
    """Which candidates are labels: line number -> the label the line gets (the speaker it names, as
    written: a tag that names the person rather than `员工问`, `Q` for `Q7`)."""
    known = {key(name) for definition in legend for name in (definition.name, definition.label, definition.role) if name}
    counts = Counter(key(c.label) for c in candidates if c.label)
    numbered_tags = sum(1 for c in candidates if c.numbered and c.tag and _describes_person(c.tag))
    accepted: dict[int, str] = {}
    recurring: set[int] = set()  # accepted only because their label recurs
    pending: list[Candidate] = []
    for candidate in candidates:
        found = _speaker(candidate, counts, known, numbered_tags)
        if found is not None:
            accepted[candidate.number] = found[0]
            if found[1] == _RECURS:
                recurring.add(candidate.number)
        elif candidate.label and not _vetoed(key(candidate.label)) and _REPORTING.sub("", key(candidate.label)):
            pending.append(candidate)
    accepted.update(_numbered_turns(pending, accepted))
    accepted.update(_labels_alone(pending))
    # A label that recurs marks turns only where someone else takes the word too: one label on line
    # after line (`Note:`, `He said:`) is how a text is written, not who speaks.
    if len({key(label) for label in accepted.values()}) < 2:
        accepted = {number: label for number, label in accepted.items() if number not in recurring}
    # A name met in another label's tag or as another label is known: 郭健 after （无线产品部郭健）员工问.
    # In a dialogue, a name its own words introduce is a label too: 王某：大家好，我叫王某.
    names = {key(label) for label in accepted.values()} | known
    dialogue = len(names) >= 2
    for candidate in pending:
        label_key = key(candidate.label)
        if len(label_key) >= 2 and (
            any(name.endswith(label_key) for name in names) or dialogue and _introduces(label_key, candidate.rest)
        ):
            accepted[candidate.number] = candidate.label
        elif _LETTER.match(candidate.label) and sum(1 for name in names if _LETTER.match(name.upper())) >= 2:
            accepted[candidate.number] = candidate.label  # speakers lettered A, B, C…: one more letter
    return dict(sorted(accepted.items()))


def _introduces(label_key: str, words: str) -> bool:
    """The words introduce the label's own name: 我叫王某, 我是王某 (a given name alone counts: 我叫某)."""
    said = convert(words, "t2s")
    return any(f"{verb}{name}" in said for verb in ("我是", "我叫") for name in {label_key, label_key[1:]} if len(name) >= 2)


def _numbered_turns(pending: Sequence[Candidate], accepted: dict[int, str]) -> dict[int, str]:
    """Numbered items each opening with a different name (`1、路透社Reuters:`, `2、CNN记者:`) are the
    questions of a press conference when someone else answers each: an accepted label stands between
    one and the next. Numbered items one after another (`1、目标：` `2、方法：`) are a list."""
    numbered = [candidate for candidate in pending if candidate.numbered]
    if len(numbered) < 2:
        return {}
    numbered_lines = [candidate.number for candidate in numbered]
    answered = [
        any(number < line < following for line in accepted) for number, following in zip(numbered_lines, numbered_lines[1:])
    ]
    return {candidate.number: candidate.label for candidate in numbered} if all(answered) else {}


def _labels_alone(pending: Sequence[Candidate]) -> dict[int, str]:
    """Short names alone on their lines with the speech after them (`王五：` then paragraphs), two names
    or more taking turns: labels, each used once or not. A clause alone on its line before a list
    (今天大概会分成四个部分：) is longer, or holds a number or a clause's words."""
    alone = [
        candidate
        for candidate in pending
        if not candidate.rest and not candidate.numbered and short_name(key(candidate.label))
    ]
    turns = [key(candidate.label) for candidate in alone]
    taking_turns = len(set(turns)) >= 2 and all(a != b for a, b in zip(turns, turns[1:]))
    return {candidate.number: candidate.label for candidate in alone} if taking_turns else {}


def short_name(label_key: str) -> bool:
    if label_key.isascii():
        return len(label_key.split()) <= 3
    # A number with its measure word (四个部分, 三個問題) counts things; 王五 is a name.
    return len(label_key) <= _LONGEST_NAME_ALONE and not _COUNTED.search(label_key)


# Why a candidate is a label: what it is or where it stands, or only that it recurs.
_STANDS, _RECURS = "stands", "recurs"


def _speaker(candidate: Candidate, counts: Counter, known: set[str], numbered_tags: int) -> tuple[str, str] | None:
    """The label a candidate gives its line when the evidence makes it one, and why; else None."""
    # A tag right before a label or a colon stands where the speaker's name does: （销售管理部的李兵）员工问.
    tag_names = candidate.tag is not None and _describes_person(candidate.tag)
    if candidate.label is None:
        # A tag opening the text: a speaker when it is a role or known, or when numbered items that
        # open with a tag recur (questions put by the people the tags name).
        if candidate.tag is None:
            return None
        tag_key = key(candidate.tag)
        if _ROLE.match(tag_key) or tag_key in known or (candidate.numbered and tag_names and numbered_tags >= 2):
            return candidate.tag, _STANDS
        return None
    if candidate.label == "":
        return (candidate.tag, _STANDS) if tag_names else None
    label_key = key(candidate.label)
    if candidate.question_number or _ROLE.match(label_key) or label_key in known or address_surname(label_key):
        return candidate.label, _STANDS
    subject = _REPORTING.sub("", label_key).strip()
    if subject != label_key:
        # `员工问`: a label when what asks is a role or a name that recurs; `他说`, `有人问` never.
        if not subject or subject in _ANYONE or _vetoed(subject):
            return None
        speaker = candidate.tag if tag_names else candidate.label
        if _ROLE.match(subject) or candidate.strong or tag_names:
            return speaker, _STANDS
        return (speaker, _RECURS) if counts[label_key] >= 2 else None
    if _vetoed(label_key):
        return None
    if candidate.strong:
        return candidate.label, _STANDS
    return (candidate.label, _RECURS) if counts[label_key] >= 2 else None


def _vetoed(label_key: str) -> bool:
    """Text that cannot name a speaker: an ordinal, a numbered item, a clause, a function word."""
    if _ORDINAL.match(label_key) or _numbered_item(label_key):
        return True
    if any(char in _CLAUSE_CHARS for char in label_key):
        return True
    return not label_key.isascii() and _is_function_word(label_key)


def address_surname(label: str) -> str | None:
    """The surname of a form of address, which names a person wherever it stands: a surname and a title
    (胡总, 王老师) or 老 and a surname (老胡); else None."""
    label_key = key(label)
    if len(label_key) == 2 and label_key[0] == "老" and label_key[1] in COMMON_SURNAMES:
        return label_key[1]
    if 2 <= len(label_key) <= 4 and label_key[0] in COMMON_SURNAMES and label_key[1:] in ADDRESS_TITLES:
        return label_key[0]
    return None


def _numbered_item(label_key: str) -> bool:
    """建议一, 方案二, 问题3: a word and a number, an item of a list. 张三 and 王五 are names (a surname
    and a number), 嘉宾2 a role."""
    stem = _ENDS_NUMBERED.sub("", label_key)
    if stem == label_key or _ROLE.match(label_key):
        return False
    from ..text.segment import is_dictionary_word

    return len(stem) >= 2 and is_dictionary_word(stem)


def _is_function_word(text: str) -> bool:
    from ..text.segment import is_function_word  # jieba's dictionary: only once there are candidates

    return is_function_word(text)


def _describes_person(tag: str) -> bool:
    """A tag that may name a person (主持人, CVG客户经理张恒, 销售管理部的李兵), not a stage direction (笑,
    鼓掌) or a page (简报第8页)."""
    tag_key = key(tag)
    if _ROLE.match(tag_key):
        return True
    if len(tag_key) < 2 or _ORDINAL_INSIDE.search(tag_key) or _SENTENCE_PUNCTUATION.search(tag_key):
        return False
    return tag_key.isascii() or not _is_function_word(tag_key)
