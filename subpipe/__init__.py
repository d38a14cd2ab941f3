"""subpipe: Chinese transcripts to bilingual subtitles and show notes.

    import subpipe
    converter = subpipe.Converter()                 # glossary and dictionary set up once
    episode = converter(Path("episode.txt"))         # one episode; converter.pipe(paths) for many
    subpipe.write_outputs(episode, "out/")
"""

from .batch.work import Converted, Failed
from .converter import Converter, process_file, process_text, process_transcript
from .errors import SubpipeError
from .glossary import Glossary, load_glossaries
from .model import Cue, Episode, Line, Script, Transcript
from .outputs import compose_outputs, write_outputs
from .settings import Settings, ShapeSettings, TimingSettings
from .text.segment import Segmenter
from .version import __version__

__all__ = [
    "Converted",
    "Converter",
    "Cue",
    "Episode",
    "Failed",
    "Glossary",
    "Line",
    "Script",
    "Segmenter",
    "Settings",
    "ShapeSettings",
    "SubpipeError",
    "TimingSettings",
    "Transcript",
    "__version__",
    "compose_outputs",
    "load_glossaries",
    "process_file",
    "process_text",
    "process_transcript",
    "write_outputs",
]
