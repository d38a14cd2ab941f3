"""Who says each line, as the episode keeps it: two columns, not a dict of every line."""

from __future__ import annotations

from array import array
from collections.abc import Mapping

from ..columns import Places, narrowed
from ..text.line_index import ByLineNumber


class LineSpeakers(ByLineNumber["str | None"]):
    """Line number -> speaker id (None for a line that is no one's), read-only, in the order given.

    A dict of every line's speaker was about 1.2x the input of a transcript of short lines, kept from
    the speakers stage to the last output (issue 20). Here a line is its number and the place of its
    speaker among the episode's few speakers, 2 or 4 bytes each (`columns.narrowed`)."""

    __slots__ = ("_places", "_speakers")

    def __init__(self, by_line: Mapping[int, str | None]):
        super().__init__(by_line)
        self._speakers = Places()
        self._places = narrowed(array("q", map(self._speakers.place, by_line.values())))

    def _at(self, position: int) -> str | None:
        return self._speakers[self._places[position]]

    def __repr__(self) -> str:
        return f"LineSpeakers({dict(self)!r})"
