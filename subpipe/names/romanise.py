"""Chinese personal names in Latin letters, the way English-language media write names from each place.

- Mainland China: Hanyu Pinyin without tones, surname first, given name in one word (任正非 → Ren
  Zhengfei).
- Taiwan: the Wade-Giles-based form most Taiwan passports carry, without apostrophes or umlauts,
  surname first, the given name's syllables joined by a hyphen (侯勝宗 → Hou Sheng-tsung).
- Hong Kong: names are romanised from Cantonese (陳 → Chan), which needs a Cantonese reading source;
  subpipe ships none, so Hong Kong names are left for review.

A surname is read as a surname (曾 is Zeng, not ceng; 单 is Shan), from CC-CEDICT's surname entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from ..model import Script


class Region(str, Enum):
    """Where a transcript's Chinese names are from, which decides how they are romanised."""

    MAINLAND = "mainland"
    TAIWAN = "taiwan"
    HONG_KONG = "hong-kong"

    @property
    def can_romanise(self) -> bool:
        return self is not Region.HONG_KONG


# Characters only Cantonese writing uses: a Traditional transcript holding them is from Hong Kong.
_CANTONESE_CHARS = frozenset("嘅咗冇啲佢哋喺嗰睇咁噉嘢乜嚟")
# Words that differ between Taiwan and Hong Kong usage (in Simplified analysis text): 软体 / 软件.
_TAIWAN_WORDS = ("软体", "网路", "影片", "资讯", "程式", "计程车", "捷运", "部落格", "品质", "伺服器")
_HONG_KONG_WORDS = ("软件", "网络", "的士", "港铁", "巴士", "质素", "电邮", "特首", "立法会")


def region_of(script: Script, analysis_text: str) -> Region:
    """The place a transcript's names are from: mainland for Simplified script; for Traditional, Hong
    Kong when it writes Cantonese or Hong Kong vocabulary more than Taiwan's, else Taiwan."""
    if script is Script.TAIWAN:
        return Region.TAIWAN
    if script is Script.HONG_KONG:
        return Region.HONG_KONG
    if not script.is_traditional:
        return Region.MAINLAND
    cantonese = sum(analysis_text.count(char) for char in _CANTONESE_CHARS)
    taiwan = sum(analysis_text.count(word) for word in _TAIWAN_WORDS)
    hong_kong = sum(analysis_text.count(word) for word in _HONG_KONG_WORDS)
    return Region.HONG_KONG if cantonese + hong_kong > taiwan else Region.TAIWAN


def romanise_name(surname: str, given: str, region: Region, surname_readings: Mapping[str, str]) -> str | None:
    """`surname` + `given` (Simplified characters) in Latin letters as media from `region` write them;
    None for Hong Kong (no Cantonese readings at hand) or a character with no reading."""
    if not region.can_romanise:
        return None
    syllables = _syllables(given, region)
    family = _surname_syllable(surname, region, surname_readings)
    if family is None or syllables is None or not syllables:
        return None
    if region is Region.TAIWAN:
        return f"{family} {'-'.join(syllables).capitalize()}"
    return f"{family} {''.join(syllables).capitalize()}"


def _surname_syllable(surname: str, region: Region, surname_readings: Mapping[str, str]) -> str | None:
    reading = surname_readings.get(surname)
    if region is Region.TAIWAN:
        syllables = _syllables(surname, region, reading.lower() if reading else None)
        return syllables[0].capitalize() if syllables else None
    if reading:
        return reading
    syllables = _syllables(surname, region)
    return syllables[0].capitalize() if syllables else None


# Characters Taiwan's standard Mandarin reads otherwise than the mainland's, as they occur in names:
# 柏 is bó in Taiwan (曾柏瑜, Tseng Po-yu), bǎi on the mainland.
_TAIWAN_READINGS = {"柏": "bo"}


def _syllables(text: str, region: Region, pinyin: str | None = None) -> list[str] | None:
    """The syllables of `text` (or of the toneless `pinyin` given for it), in the region's system."""
    from pypinyin import lazy_pinyin

    if pinyin is not None:
        readings = [pinyin.lower()]
    else:
        readings = lazy_pinyin(text, errors=lambda chars: [None] * len(chars))
        if region is Region.TAIWAN:
            readings = [_TAIWAN_READINGS.get(char, reading) for char, reading in zip(text, readings)]
    if any(reading is None or not reading.isalpha() for reading in readings):
        return None
    if region is Region.TAIWAN:
        return [wade_giles(reading, passport=True) for reading in readings]
    return [reading.replace("v", "ü") for reading in readings]


# Wade-Giles from toneless Hanyu Pinyin: whole syllables that do not follow the rules, then initials
# and finals. (pypinyin's own table reads lai as lei, so the mapping is written out here.)
_WHOLE = {
    "zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih", "zi": "tzu", "ci": "tz'u", "si": "ssu",
    "yi": "i", "ye": "yeh", "yan": "yen", "you": "yu", "yong": "yung", "yu": "yü", "yue": "yüeh",
    "yuan": "yüan", "yun": "yün", "er": "erh", "ge": "ko", "ke": "k'o", "he": "ho",
}
_INITIALS = (
    ("zh", "ch"), ("ch", "ch'"), ("sh", "sh"), ("b", "p"), ("p", "p'"), ("m", "m"), ("f", "f"), ("d", "t"),
    ("t", "t'"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k'"), ("h", "h"), ("j", "ch"), ("q", "ch'"),
    ("x", "hs"), ("r", "j"), ("z", "ts"), ("c", "ts'"), ("s", "s"), ("y", "y"), ("w", "w"),
)
_FINALS = {"ie": "ieh", "ian": "ien", "iong": "iung", "ong": "ung", "ui": "ui", "ue": "üeh", "ve": "üeh", "v": "ü", "van": "üan", "vn": "ün"}


def wade_giles(syllable: str, *, passport: bool = False) -> str:
    """One toneless pinyin syllable in Wade-Giles (侯 hou → hou, 宗 zong → tsung, 国 guo → kuo); with
    `passport`, without apostrophes and umlauts, as Taiwan passports write it (ch'en → chen)."""
    syllable = syllable.lower().replace("ü", "v")
    result = _WHOLE.get(syllable)
    if result is None:
        initial, wade_initial = next(((i, w) for i, w in _INITIALS if syllable.startswith(i)), ("", ""))
        final = syllable[len(initial):]
        if initial in ("j", "q", "x") and final.startswith("u"):
            final = "v" + final[1:]  # ju, quan, xue: the u is ü
        if final == "uo" and initial not in ("g", "k", "h", "sh"):
            final = "o"  # duo → to, luo → lo, zhuo → cho
        result = wade_initial + _FINALS.get(final, final).replace("v", "ü")
    if passport:
        result = result.replace("'", "").replace("ü", "u")
    return result
