"""Every tunable number in one place, with the Netflix Simplified Chinese defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Script


@dataclass(frozen=True)
class ShapeSettings:
    """How a line of text becomes subtitle lines and cues."""

    max_line_width: float = 16.0  # full-width characters; Latin letters and digits count half
    max_lines: int = 2
    keep_punctuation: bool = False  # False: commas and full stops become spaces, dropped at line ends
    # Restore each sentence's final mark (。？) in the subtitles too, where the transcript has none
    # (docs/sentences.md); what people read (summaries, notes) always has it.
    punctuate: bool = False


@dataclass(frozen=True)
class TimingSettings:
    """How long cues last when the input does not say."""

    chars_per_second: float = 4.5  # a speaking rate, used to estimate times for untimed text
    min_duration_ms: int = 833
    max_duration_ms: int = 7007
    min_gap_ms: int = 83  # two frames at 23.976 fps


@dataclass(frozen=True)
class ChapterSettings:
    """How an episode is cut into chapters (see docs/chapters.md): as many as the evidence supports."""

    # What a chapter costs, in nats: a boundary must explain the words better, or be marked more clearly
    # (a question, a marker, a heading), by this much to be worth a chapter. Higher: fewer chapters.
    chapter_cost: float = 12.0
    # The Dirichlet prior of a chapter's word distribution, per word: higher asks the chapters' words to
    # differ more before a cut pays.
    word_prior: float = 0.2
    min_chapter_seconds: float = 20.0  # above YouTube's 10 s floor; room for a short intro or outro
    min_chapters: int = 3  # YouTube shows chapters only from 3: at least this many when they fit
    keywords: int = 5  # keywords kept per chapter


@dataclass(frozen=True)
class NameSettings:
    """Glossaries and how English names appear in bilingual subtitles."""

    shipped_glossary: bool = True  # use the curated glossary in glossary/ as well as the user's
    english: str = "first"  # show an entity's English name at its "first" mention, "every" one, or "none"
    english_line_width: int = 42  # characters of an English subtitle line
    english_max_lines: int = 2  # English lines under the Chinese one in a bilingual cue
    english_chars_per_second: float = 20.0  # the fastest English a bilingual cue may ask viewers to read
    # Under the glossaries: CC-CEDICT's people, places and organisations, and dotted names guessed from
    # the English of their parts (docs/names.md).
    dictionary: bool = True
    # Chinese people's names nothing gives in English, romanised as media from their place write them.
    romanise: bool = True
    # Where the transcript's people are from: "mainland", "taiwan", "hong-kong", or None to tell from
    # its script and vocabulary (Simplified: mainland; Traditional: Taiwan, or Hong Kong for Cantonese).
    name_region: str | None = None

    def __post_init__(self) -> None:
        if self.english not in ("first", "every", "none"):
            raise ValueError(f"english must be first, every or none, not {self.english!r}")
        if self.name_region not in (None, "mainland", "taiwan", "hong-kong"):
            raise ValueError(f"name_region must be mainland, taiwan or hong-kong, not {self.name_region!r}")


@dataclass(frozen=True)
class SummarySettings:
    """How long summaries are (see docs/speakers.md): sentences grow with the square root of what was said."""

    speaker_max_sentences: int = 6  # per speaker
    episode_max_sentences: int = 5
    max_chars: int = 240  # characters of one summary, whatever the sentence count
    min_sentence_chars: int = 10  # shorter sentences (但是, 对于o1 mini) say too little to stand in a summary
    # Summaries take whole sentences only: a longer sentence than this is left out, never cut.
    sentence_max_lines: int = 7
    sentence_max_chars: int = 90
    keywords: int = 10


@dataclass(frozen=True)
class AssSettings:
    """How the ASS subtitles look (see docs/ass.md). Sizes and margins are in PlayRes pixels: a player
    scales the whole script to the video, so they keep their proportions at any resolution."""

    play_res_x: int = 1920
    play_res_y: int = 1080
    chinese_font: str | None = None  # None: Noto Sans CJK SC, or TC/HK for those output scripts
    english_font: str = "Noto Sans"
    chinese_size: int = 72  # the line a Chinese viewer reads: the larger one
    english_size: int = 48  # two thirds of the Chinese: below it, smaller, as bilingual releases set it
    outline: float = 3.0
    shadow: float = 1.0
    margin_v: int = 40  # from the bottom of the frame
    margin_h: int = 60  # left and right

    def __post_init__(self) -> None:
        for name in ("play_res_x", "play_res_y", "chinese_size", "english_size"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be more than 0, not {getattr(self, name)}")

    def at_resolution(self, width: int, height: int) -> "AssSettings":
        """The same look on a canvas of another size: sizes and vertical margins scale with the height,
        side margins with the width."""
        scale = height / self.play_res_y
        return AssSettings(
            play_res_x=width,
            play_res_y=height,
            chinese_font=self.chinese_font,
            english_font=self.english_font,
            chinese_size=max(1, round(self.chinese_size * scale)),
            english_size=max(1, round(self.english_size * scale)),
            outline=round(self.outline * scale, 1),
            shadow=round(self.shadow * scale, 1),
            margin_v=round(self.margin_v * scale),
            margin_h=round(self.margin_h * width / self.play_res_x),
        )


@dataclass(frozen=True)
class OutputSettings:
    """Which optional files are written and how they look."""

    html: bool = True  # the episode page <stem>.html
    ass: AssSettings = field(default_factory=AssSettings)


@dataclass(frozen=True)
class Settings:
    shape: ShapeSettings = field(default_factory=ShapeSettings)
    timing: TimingSettings = field(default_factory=TimingSettings)
    chapters: ChapterSettings = field(default_factory=ChapterSettings)
    names: NameSettings = field(default_factory=NameSettings)
    output_script: Script | None = None  # None keeps the input's script
    summaries: SummarySettings = field(default_factory=SummarySettings)
    outputs: OutputSettings = field(default_factory=OutputSettings)
