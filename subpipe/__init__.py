"""subpipe: Chinese transcripts to bilingual subtitles and show notes.

    import subpipe
    episode = subpipe.process_file("episode.txt")
    subpipe.write_outputs(episode, "out/")
"""

from .version import __version__  # noqa: E402

from .errors import SubpipeError  # noqa: E402
from .glossary import Glossary, load_glossaries  # noqa: E402
from .model import Cue, Episode, Line, Script, Transcript  # noqa: E402
from .outputs import write_outputs  # noqa: E402
from .converter import process_file, process_text, process_transcript  # noqa: E402
from .text.segment import Segmenter  # noqa: E402
from .settings import Settings, ShapeSettings, TimingSettings  # noqa: E402

__all__ = [
    "Cue",
    "Episode",
    "Glossary",
    "Line",
    "Script",
    "Segmenter",
    "Settings",
    "ShapeSettings",
    "SubpipeError",
    "TimingSettings",
    "Transcript",
    "load_glossaries",
    "process_file",
    "process_text",
    "process_transcript",
    "write_outputs",
]
