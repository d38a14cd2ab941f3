"""Who a narration means when it does not name them: 他/她 by gender and recency, a role (主持人, 这位CEO)
by the person the text gave that role, an organisation's reference (该公司, 官网, 博客) by the organisation
last named, and the subject a line's reporting verb leaves out (…马斯克也现身评论区 / 回答了一句…).

Gender comes only from what the episode says of the person: a pronoun the text uses for them right after
naming them, a title (女士, 先生) or a gendered role next to their name. A name alone says nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import AnalyzedLine
from ..text.lexicon import COMMON_SURNAMES, OPENING_QUOTES, UNNAMED_VOICES
from .people import HOST_LABEL, NAME_LABEL, ORG, ORG_LABEL, PERSON, PERSON_LABEL, NameSpan, Person
from .words import (
    FEMALE_PRONOUNS,
    FEMALE_ROLES,
    MALE_PRONOUNS,
    MALE_ROLES,
    MORE_UNNAMED_VOICES,
    PERSON_ROLES,
    POINTING,
)

FEMALE, MALE = "female", "male"
_PRONOUN_GENDER = {**{p: FEMALE for p in FEMALE_PRONOUNS}, **{p: MALE for p in MALE_PRONOUNS}}
_PRONOUN_EVIDENCE_LINES = 2  # lines after a name in which the first 他/她 is taken to mean that person
_PRONOUN_REACH = 30  # lines back a pronoun or role still finds the person last named or referred to
_ORG_REACH = 40  # lines back 该公司 / 官网 still finds the organisation last named
# Words before a name that make it the object of the clause, not its subject: 对X说, 向X发去了邮件.
_PREPOSITIONS = frozenset("在 对 向 跟 和 与 同 从 被 把 让 于 为 替 对于 关于 由 给 以 据 按照 根据".split())
VOICES = tuple(dict.fromkeys(UNNAMED_VOICES + MORE_UNNAMED_VOICES))
# What may stand between a role and the name it gives (Groq 的投资方、Disruptive 公司的 CEO Alex Davis).
_NOUN_PHRASE_GLUE = frozenset("的 兼 、 和 及 公司 高级 资深 知名 著名 前 现任 新任 首席 联合 执行 副 原 时任 AI 科技".split())
_ORG_NOUNS = frozenset("公司 机构 企业 实验室".split())  # 该公司, 这家机构
_ORG_WORDS = frozenset("该公司 这家公司 官方".split())
# Every word that may make a line about someone besides a name: a line with none of them is about no one.
_SUBJECT_WORDS = (
    frozenset(_PRONOUN_GENDER) | frozenset(POINTING) | _ORG_WORDS | frozenset(VOICES) | PERSON_ROLES | FEMALE_ROLES
    | MALE_ROLES | COMMON_SURNAMES
)
# Words a line may open with before its subject: 但是有人…, 而一位官员….
_OPENING_WORDS = frozenset("但是 但 而 所以 不过 而且 并且 于是 后来 随后 当时 其中 另外 此外 也 还 就".split())
# Words that count someone who is not named (一位官员, 另一位军方官员): the voice is a new one.
_COUNTING = ("一位", "另一位", "一名", "另一名", "有位", "某位", "一些", "许多", "很多", "大量", "不少", "有")


def genders(analyzed: Sequence[AnalyzedLine], spans: dict[int, list[NameSpan]]) -> dict[str, str]:
    """Person id -> FEMALE or MALE, where the episode gives evidence and it agrees more one way.

    Evidence: a title or gendered role beside the name (王女士, 女CEO…), and the first 他/她 after the name
    when nobody else was named for a while around it (so the pronoun can only mean that person)."""
    votes: dict[str, Counter] = {}
    items = analyzed  # by position: a long episode's lines are made as they are read (text/line_table.py)
    persons = [[s for s in spans.get(item.line.number, []) if s.label == PERSON_LABEL] for item in items]
    for index, item in enumerate(items):
        text = item.analysis
        for position, span in enumerate(persons[index]):
            count = votes.setdefault(span.id, Counter())
            after, before = text[span.end :].lstrip(), text[: span.start].rstrip()
            if after.startswith(_FEMALE_ROLES) or before.endswith(_FEMALE_ROLES + _FEMALE_PERSON_ROLES):
                count[FEMALE] += 2  # 欧阳娜娜女士, 她的女儿欧阳娜娜, 女CEO欧阳娜娜
            if after.startswith(_MALE_ROLES) or before.endswith(_MALE_ROLES + _MALE_PERSON_ROLES):
                count[MALE] += 2
            if any(s.id != span.id for line in persons[max(0, index - _PRONOUN_EVIDENCE_LINES) : index] for s in line):
                continue  # someone else named just before: a pronoun after this name could mean them
            later = persons[index][position + 1 :]
            pronoun = _first_pronoun(text[span.end : later[0].start if later else len(text)])
            for following in range(index + 1, min(len(items), index + 1 + _PRONOUN_EVIDENCE_LINES)):
                if pronoun is not None or later:
                    break
                later = persons[following]
                stop = later[0].start if later else len(items[following].analysis)
                pronoun = _first_pronoun(items[following].analysis[:stop])
            if pronoun is not None:
                count[pronoun] += 1
    result = {}
    for person, count in votes.items():
        if count[FEMALE] > count[MALE]:
            result[person] = FEMALE
        elif count[MALE] > count[FEMALE]:
            result[person] = MALE
    return result


def _first_pronoun(text: str) -> str | None:
    """The gender of the first singular 他/她 in `text` (他们, 她们 and 其他 are not one person)."""
    for index, char in enumerate(text):
        gender = _PRONOUN_GENDER.get(char)
        if gender is None:
            continue
        if text[index + 1 : index + 2] == "们" or text[index - 1 : index] in ("其", "吉"):
            continue
        return gender
    return None


# As tuples for str.startswith / str.endswith; a role with 女/男 before it is gendered (女CEO, 男演员).
_FEMALE_ROLES, _MALE_ROLES = tuple(FEMALE_ROLES), tuple(MALE_ROLES)
_FEMALE_PERSON_ROLES = tuple("女" + role for role in PERSON_ROLES)
_MALE_PERSON_ROLES = tuple("男" + role for role in PERSON_ROLES)
_REFERENT = "?"  # a key of Salience.last_seen that is a role noun, not a voice id


def unnamed_referent(key: str) -> str | None:
    """The role noun of someone Salience.person found with no name (老板), else None."""
    return key[len(_REFERENT) :] if key.startswith(_REFERENT) else None


def _role_gender(noun: str) -> str | None:
    if noun in FEMALE_ROLES or noun.startswith("女"):
        return FEMALE
    if noun in MALE_ROLES or noun.startswith("男"):
        return MALE
    return None


@dataclass(frozen=True)
class Subject:
    """Who a line is about at its start: a voice id, a pronoun's gender, a role, or an unnamed voice."""

    kind: str  # "voice", "pronoun", "role", "org-reference", "unnamed"
    value: str  # the id, the pronoun, the role noun, or the unnamed voice's noun
    new: bool = False  # an unnamed voice counted afresh (一位官员): not one heard before
    opening: bool = False  # the line opens with it (after connectives and counting words): its subject


class Salience:
    """Who the narration has named or referred to, and when: what 他, 她, 主持人, 这位CEO or 该公司 means at
    a line. One per episode pass; fed line by line in order."""

    def __init__(self, people: dict[str, Person], gender_of: dict[str, str]):
        self.people = people
        self.gender_of = gender_of
        self.last_seen: dict[str, int] = {}  # voice id -> the last line that named or meant it
        self.roles: dict[str, str] = {}  # role noun -> the person the text last gave that role

    def see(self, voice: str, line: int) -> None:
        self.last_seen[voice] = line

    def see_unnamed(self, noun: str, line: int) -> None:
        """Someone the narration introduces by a role and no name (老板是个很斯文的大叔): 他 may mean them."""
        self.last_seen[_REFERENT + noun] = line

    def person(self, pronoun: str, line: int) -> str | None:
        """The person 他 or 她 means at `line`: the one last named or meant whose gender does not
        contradict the pronoun, within reach. Someone introduced by a role and no name is given as
        `unnamed_referent` reads them (老板是个很斯文的大叔 / 他说…: the boss)."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        best, best_line = None, -1
        for voice, seen in self.last_seen.items():
            person = self.people.get(voice)
            unnamed = voice.startswith(_REFERENT)
            if (not unnamed and (person is None or person.kind != PERSON)) or line - seen > _PRONOUN_REACH:
                continue
            gender = _role_gender(voice[len(_REFERENT) :]) if unnamed else self.gender_of.get(voice)
            if wanted and gender and gender != wanted:
                continue
            if seen > best_line:
                best, best_line = voice, seen
        return best

    def organisation(self, line: int) -> str | None:
        """The organisation 该公司, 官方 or an unnamed 官网/博客 means: the one last named, within reach."""
        best, best_line = None, -1
        for voice, seen in self.last_seen.items():
            person = self.people.get(voice)
            if person is None or person.kind != ORG or line - seen > _ORG_REACH:
                continue
            if seen > best_line:
                best, best_line = voice, seen
        return best

    def bind_roles(self, item: AnalyzedLine, spans: Sequence[NameSpan]) -> None:
        """Roles written right before a person's name (Groq的创始人兼CEO Jonathan Ross, 主持人Harry) stand
        for that person from here on. Only the name's own noun phrase counts: roles, organisations,
        的, 兼, 、 and words like 高级 may stand between; a verb (主持人问Ross) ends it."""
        tokens = item.tokens
        names = [span for span in spans if span.label in (PERSON_LABEL, ORG_LABEL, NAME_LABEL)]
        for span in spans:
            if span.label != PERSON_LABEL:
                continue
            index = next((i for i, token in enumerate(tokens) if token.end > span.start), len(tokens)) - 1
            while index >= 0:
                token = tokens[index]
                word = token.text
                inside_name = any(other.start <= token.start < other.end for other in names if other is not span)
                if word in PERSON_ROLES:
                    self.roles[word] = span.id
                elif not (inside_name or not word.strip() or word in _NOUN_PHRASE_GLUE):
                    break
                index -= 1

    def role(self, noun: str) -> str | None:
        return self.roles.get(noun)


def subject_of(item: AnalyzedLine, spans: Sequence[NameSpan], host_spans: Sequence[tuple[int, int]] = ()) -> Subject | None:
    """Who the line is about at its start, if it says: the first name, pronoun, role or voice that is
    not the object of a preposition nor the modifier of a noun after it (百度李彦宏 is 李彦宏,
    国防部高级官员 is an official)."""
    text = item.analysis
    tokens = item.tokens
    if not spans and not host_spans and _SUBJECT_WORDS.isdisjoint(token.text for token in tokens):
        return None  # most lines: nothing that could be who they are about
    names = sorted(
        [(s.start, s.end, s) for s in spans if s.label in (PERSON_LABEL, ORG_LABEL, NAME_LABEL)]
        + [(start, end, NameSpan(start, end, HOST_LABEL, "host")) for start, end in host_spans],
        key=lambda entry: entry[0],
    )
    index = 0
    while index < len(tokens):
        token = tokens[index]
        previous = tokens[index - 1].text if index > 0 else ""
        name = next((entry for entry in names if entry[0] <= token.start < entry[1]), None)
        if name is not None:
            start, end, span = name
            if previous and previous in OPENING_QUOTES:  # “Artificial”: a word in quotes, not who the line is about
                index = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
                continue
            after = [t for t in tokens if t.start >= end and t.text.strip()]
            following_name = next((e for e in names if e[0] >= end), None)
            modifies = following_name is not None and following_name[0] <= end + 1
            if after and (after[0].text in VOICES or after[0].text in PERSON_ROLES):
                modifies = True
            if after and after[0].text == "的" and len(after) > 1 and (after[1].text in VOICES or after[1].text in PERSON_ROLES):
                modifies = True
            if previous not in _PREPOSITIONS and not modifies:
                return Subject("voice", span.id)
            index = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
            continue
        word = token.text
        if word in _PRONOUN_GENDER and previous not in _PREPOSITIONS:
            return Subject("pronoun", word)
        if index == 0 and (word in PERSON_ROLES or word in FEMALE_ROLES or word in MALE_ROLES):
            return Subject("role", word, opening=True)  # 老板是个很斯文的大叔
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if index == 0 and word in COMMON_SURNAMES and following in PERSON_ROLES:
            return Subject("role", word + following, opening=True)  # 林老师在上海做计算化学
        if word in POINTING and index + 1 < len(tokens):
            following = tokens[index + 1].text
            if following in PERSON_ROLES:
                return Subject("role", following)
            if following in _ORG_NOUNS:
                return Subject("org-reference", following)
        if word in _ORG_WORDS:
            return Subject("org-reference", word)
        if word in VOICES and previous not in _PREPOSITIONS:
            counted = any(text[: token.start].endswith(count) for count in _COUNTING) or any(
                t.text in _COUNTING for t in tokens[max(0, index - 4) : index]
            )
            opening = all(t.text in _OPENING_WORDS or t.text in _COUNTING for t in tokens[:index])
            return Subject("unnamed", word, new=counted, opening=opening)
        index += 1
    return None
