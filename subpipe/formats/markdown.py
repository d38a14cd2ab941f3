"""Markdown transcripts (.md, .markdown): wiki and repository exports, note apps.

Read with markdown-it-py (CommonMark, with tables and strikethrough), front matter with the
mdit-py-plugins plugin and PyYAML; never with regular expressions over the Markdown. The episode keeps
the spoken text only, and every Line its own line of the .md file (markdown-it's token maps):

- front matter gives the title and date (`Transcript.title`, `.date`), never a line;
- a heading that is a speaker label (`### 名字：`) labels the paragraphs after it; any other heading is
  a section title (`Transcript.sections`), never a line: it is not speech. A heading that opens the file
  is its title when the front matter gives none;
- paragraphs, list items, blockquotes, table rows and code keep their text, one Line per source line;
  emphasis marks, link targets and HTML tags go, their text stays (a co-host's words inside
  `<font color=…>` are speech); images, embeds (`<iframe>`, `<video>`…), scripts, HTML comments and
  bare URLs go;
- a line made only of bracketed text (`> （進行活動）`, `[大笑]`) is a stage direction: not speech.

Speaker labels and timestamps are read in the text as in a plain transcript (`formats.labels`,
`formats.plain`); the markup adds its own evidence (a heading or bold that holds a label).
A file with broken front matter, or with no Markdown in it at all, still converts, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from html.parser import HTMLParser

from ..model import EpisodeWarning, Section
from .base import Format, Reading
from .labels import Candidate, decide, find_legend, key
from .markup import is_wide, join_lines, source_lines, tidy
from .plain import ParsedLine, labelled_lines, parse_line, read_plain

# HTML elements whose content is not text of the page: embedded players and documents, scripts.
_EMBEDS = frozenset("iframe video audio object embed script style noscript template svg math canvas".split())
# A bare URL in text; it ends where URL characters end, so Chinese right after it stays
# (網址是https://a.b/c然後 keeps 然後).
_URL = re.compile(
    r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*"
)
_URL_TAIL = ".,;:!?'\""
_WORD = re.compile(r"\w")
# A line of YAML front matter that holds a key (`title: …`), read when the whole block is broken.
_YAML_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")
_ISO_DATE = re.compile(r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\b")
# Block tokens that are Markdown's own: a file with none of them and no inline markup is plain text.
_MARKDOWN_BLOCKS = frozenset(
    "front_matter heading_open blockquote_open bullet_list_open ordered_list_open fence html_block table_open hr".split()
)
# What Markdown markup starts with; a text without any is not Markdown.
_MAY_BE_MARKUP = re.compile(r"^\s*(?:#|>|[-+*] |[0-9]+[.)] )|[*_\[<`|]")
_MARKDOWN_INLINE = frozenset("strong_open em_open s_open link_open image html_inline code_inline".split())
_MARKDOWN_OWN_INLINE = _MARKDOWN_INLINE - {"html_inline"}


@dataclass
class _TextLine:
    """The text of one source line, markup gone; `heading` its level when it is a heading."""

    number: int
    text: str
    heading: int | None = None
    emphasis: str | None = None  # the emphasised text the line opens with (`**名字：**`)


def read_markdown(text: str, path: str | None) -> Reading:
    """The spoken lines of a Markdown transcript, its title, date, sections and legend."""
    numbered = source_lines(text, path)
    source = "\n".join(line for _, line in numbered)
    tokens = _parser().parse(source)
    warnings: list[EpisodeWarning] = []
    if not any(token.type in _MARKDOWN_BLOCKS for token in tokens) and not any(
        child.type in _MARKDOWN_INLINE for token in tokens for child in token.children or ()
    ):
        warnings.append(EpisodeWarning("no Markdown markup found: read as plain text", 1))
        plain = read_plain(text, path)
        return replace(plain, warnings=(*warnings, *plain.warnings))
    front, unread = _front_matter(tokens, numbered, warnings)
    texts = sorted(unread + _text_lines(tokens), key=lambda line: line.number)
    title = front.get("title")
    date_text = front.get("date")
    title_line = None
    if texts and texts[0].heading == 1 and not texts[0].text.rstrip().endswith((":", "：")) and (
        title is None or tidy(texts[0].text) == title
    ):
        # The heading the file opens with is its title, not a section: 2016-07-19 數位時代訪問.
        title = title or tidy(texts[0].text)
        title_line = texts[0].number
        texts = texts[1:]
    if date_text is None and title is not None and (match := _ISO_DATE.match(title)):
        date_text = match["date"]
    return _reading(texts, path, title, title_line, date_text, warnings)


def _reading(texts: list[_TextLine], path, title, title_line, date_text, warnings) -> Reading:
    legend = find_legend((line.number, line.text) for line in texts if line.heading is None)
    defined = {definition.line for definition in legend}
    parsed: list[tuple[_TextLine, ParsedLine]] = []
    for line in texts:
        if line.number in defined:
            continue
        item = parse_line(line.number, line.text, path)
        if item is None:
            continue
        candidate = item.candidate
        if candidate is not None and (line.heading is not None or _emphasised_label(line.emphasis, candidate)):
            item = replace(item, candidate=replace(candidate, strong=True))  # the markup sets the label apart
        parsed.append((line, item))
    labels = decide([item.candidate for _, item in parsed if item.candidate is not None], legend)
    sections = tuple(
        Section(line.number, tidy(line.text), line.heading)
        for line, item in parsed
        if line.heading is not None and item.number not in labels
    )
    spoken = [item for line, item in parsed if line.heading is None or item.number in labels]
    return Reading(
        labelled_lines(spoken, labels),
        title=title,
        title_line=title_line,
        date=date_text,
        sections=sections,
        legend=legend,
        warnings=tuple(warnings),
    )


def _emphasised_label(emphasis: str | None, candidate: Candidate) -> bool:
    """The line opens with emphasis holding exactly the label (`**名字**：`), the label and its colon
    (`**名字：**text`), or the label and its words (a whole bolded question `**記：…？**`)."""
    if not emphasis or not candidate.label:
        return False
    held = key(emphasis.strip().rstrip(":：").strip())
    return held == key(candidate.label) or held.startswith(key(candidate.label)) and len(emphasis) > len(candidate.label)


# -- front matter --------------------------------------------------------------------------------------


def _front_matter(
    tokens, numbered: Sequence[tuple[int, str]], warnings: list[EpisodeWarning]
) -> tuple[dict[str, str], list[_TextLine]]:
    """Title and date from the YAML front matter, as text. A block that is not a YAML mapping is warned
    about and its lines are read as text (they may be speech: nothing is dropped unread)."""
    import yaml

    block = next((token for token in tokens if token.type == "front_matter"), None)
    if block is None:
        if len(numbered) > 1 and numbered[0][1].rstrip() == "---" and ":" in numbered[1][1]:
            warnings.append(EpisodeWarning("front matter opened with --- is never closed: read as text", 1))
        return {}, []
    start = block.map[0] + 1  # the opening --- line; the YAML starts on the next
    lines = [(start + 1 + offset, line) for offset, line in enumerate(block.content.split("\n"))]
    try:
        data = yaml.safe_load(block.content)
    except yaml.YAMLError as error:
        # Where the broken construct starts (a flow sequence never closed), else where it was noticed.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = start + 1 + mark.line if mark is not None else start
        problem = getattr(error, "problem", None) or "not valid YAML"
        warnings.append(EpisodeWarning(f"front matter is not valid YAML ({problem}); its key: value lines are left out", line))
        return _salvaged(lines)
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        warnings.append(EpisodeWarning("front matter is not a mapping of keys to values: read as text", start))
        return {}, [_TextLine(number, line) for number, line in lines]
    found = {}
    for field in ("title", "date"):
        value = data.get(field)
        if isinstance(value, (datetime, date)):
            found[field] = value.isoformat()
        elif value is not None and not isinstance(value, (dict, list)):
            found[field] = tidy(str(value))
    return {field: value for field, value in found.items() if value}, []


def _salvaged(lines: list[tuple[int, str]]) -> tuple[dict[str, str], list[_TextLine]]:
    """Broken front matter read line by line: a `key: value` line is metadata (its title and date are
    kept as written, `title: 访谈: 第一集` among them), any other line is read as text."""
    found: dict[str, str] = {}
    unread = []
    for number, line in lines:
        entry = _YAML_KEY.match(line)
        if entry is None:
            unread.append(_TextLine(number, line))
        elif entry["key"].lower() in ("title", "date") and tidy(entry["value"]).strip("'\""):
            found.setdefault(entry["key"].lower(), tidy(entry["value"]).strip("'\""))
    return found, unread


# -- blocks and inline text ------------------------------------------------------------------------------


def _text_lines(tokens) -> list[_TextLine]:
    """One _TextLine per source line holding text, in order."""
    by_line: dict[int, _TextLine] = {}
    heading: int | None = None
    row: list[tuple[int, str]] | None = None

    def add(number: int, text: str, level: int | None = None, emphasis: str | None = None) -> None:
        if not text.strip():
            return
        known = by_line.get(number)
        if known is None:
            by_line[number] = _TextLine(number, text, level, emphasis)
        else:  # a second block on the same line (a table cell, HTML after a tag)
            known.text = join_lines((known.text.strip(), text.strip()))

    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            # A row's cells side by side, a space between (join_lines would join Chinese ones directly).
            for number in dict.fromkeys(number for number, _ in row):
                add(number, " ".join(cell.strip() for at, cell in row if at == number))
            row = None
        elif token.type == "inline":
            first = token.map[0] + 1 if token.map else _last_line(tokens, index)
            for number, text, emphasis in _inline_lines(token.children or (), first):
                if row is not None:
                    row.append((number, text))
                else:
                    add(number, text, heading, emphasis)
        elif token.type in ("fence", "code_block") and token.map:
            # Code keeps its text as written: a transcript may hold it, and nothing of it is markup.
            offset = 1 if token.type == "fence" else 0
            for position, text in enumerate(token.content.split("\n")):
                add(token.map[0] + 1 + offset + position, text)
        elif token.type == "html_block" and token.map:
            for number, text in _html_lines(token.content, token.map[0] + 1):
                add(number, text)
    return [by_line[number] for number in sorted(by_line)]


def _last_line(tokens, index: int) -> int:
    for token in reversed(tokens[:index]):
        if token.map:
            return token.map[0] + 1
    return 1


def _inline_lines(children, first: int) -> list[tuple[int, str, str | None]]:
    """(line, text, emphasis the line opens with) of each source line of an inline token."""
    lines: dict[int, list[str]] = {}
    emphasis: dict[int, str] = {}
    emptied: set[int] = set()  # lines that lost a URL, an image or an embed
    number = first
    embeds: list[str] = []
    held: list[tuple[int, str]] = []  # text inside an embed: its fallback, kept only if it never closes
    emphasis_depth, opened_at_start = 0, False
    skip_until = -1
    for position, child in enumerate(children):
        if position <= skip_until:
            continue
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            number += 1
            continue
        if kind == "html_inline":
            name, closing = _tag(child.content)
            if name in _EMBEDS and not closing:
                embeds.append(name)
                emptied.add(number)
            elif closing and name in embeds:
                del embeds[embeds.index(name) :]
                held = held if embeds else []
            number += child.content.count("\n")
            continue
        if embeds:
            if kind in ("text", "code_inline"):
                held.append((number, child.content))
            continue
        if kind in ("strong_open", "em_open"):
            if emphasis_depth == 0 and not "".join(lines.get(number, ())).strip():
                opened_at_start = True
                emphasis[number] = ""
            emphasis_depth += 1
        elif kind in ("strong_close", "em_close"):
            emphasis_depth = max(0, emphasis_depth - 1)
            if emphasis_depth == 0:
                opened_at_start = False
        elif kind == "image":
            emptied.add(number)  # its alt text is no speech
        elif kind == "link_open":
            end = _link_end(children, position)
            if _bare_link(child, children[position + 1 : end]):
                skip_until = end
                emptied.add(number)
                number += sum(1 for c in children[position + 1 : end] if c.type in ("softbreak", "hardbreak"))
        elif kind in ("text", "code_inline"):
            text = _without_urls(child.content) if kind == "text" else child.content
            if text != child.content:
                emptied.add(number)
            lines.setdefault(number, []).append(text)
            if opened_at_start and emphasis_depth > 0 and number in emphasis:
                emphasis[number] += text
        # link_close, s_open, s_close: marks only.
    for line, text in held if embeds else ():  # an embed never closed: what it held may be speech
        lines.setdefault(line, []).append(text)
    found = [(line, "".join(parts), emphasis.get(line) or None) for line, parts in lines.items()]
    # A line that held nothing but a link or an image keeps only its brackets, `（）`: nothing to show.
    return [(line, text, opened) for line, text, opened in found if line not in emptied or _WORD.search(text)]


def _link_end(children, start: int) -> int:
    depth = 0
    for position in range(start, len(children)):
        if children[position].type == "link_open":
            depth += 1
        elif children[position].type == "link_close":
            depth -= 1
            if depth == 0:
                return position
    return len(children) - 1


def _bare_link(link, inside) -> bool:
    """A link whose text is its address (`<https://…>`, `[https://…](https://…)`): a bare URL."""
    if link.markup in ("autolink", "linkify"):
        return True
    text = "".join(child.content for child in inside if child.type in ("text", "code_inline")).strip()
    return bool(text) and (text == link.attrs.get("href") or _URL.fullmatch(text) is not None)


def _without_urls(text: str) -> str:
    return _URL.sub(_url_tail, text) if "://" in text or "www." in text else text


def _url_tail(match: re.Match[str]) -> str:
    """What a URL match took that belongs to the sentence: a final full stop, an unopened bracket."""
    url = match.group(0)
    end = len(url)
    while end and (url[end - 1] in _URL_TAIL or url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")")):
        end -= 1
    return url[end:]


class _HtmlText(HTMLParser):
    """The text of an HTML block by source line: tags go, their text stays; embeds and scripts go."""

    def __init__(self, first: int):
        super().__init__(convert_charrefs=True)
        self.first = first
        self.parts: list[tuple[int, str]] = []
        self.embeds: list[tuple[str, list[tuple[int, str]]]] = []  # open embeds and the text held back
        self.tag: tuple[str, bool] | None = None

    def handle_starttag(self, tag, attrs):
        self.tag = (tag, False)
        if tag in _EMBEDS:
            self.embeds.append((tag, []))

    def handle_startendtag(self, tag, attrs):
        self.tag = (tag, False)

    def handle_endtag(self, tag):
        self.tag = (tag, True)
        for depth in range(len(self.embeds) - 1, -1, -1):
            if self.embeds[depth][0] == tag:
                del self.embeds[depth:]
                break

    def handle_data(self, data):
        line = self.first + self.getpos()[0] - 1
        pieces = [(line + offset, piece) for offset, piece in enumerate(data.split("\n"))]
        (self.embeds[-1][1] if self.embeds else self.parts).extend(pieces)

    def text(self) -> list[tuple[int, str]]:
        self.close()
        # An embed never closed holds text that may be speech: it is kept rather than lost.
        for _, held in self.embeds:
            self.parts.extend(held)
        return sorted(self.parts, key=lambda part: part[0])


def _html_lines(html: str, first: int) -> list[tuple[int, str]]:
    lines: dict[int, str] = {}
    parser = _HtmlText(first)
    parser.feed(html)
    for number, text in parser.text():
        text = _without_urls(text)
        if _WORD.search(text):
            lines[number] = join_lines((lines.get(number, "").strip(), text.strip()))
    return sorted(lines.items())


def _tag(html: str) -> tuple[str | None, bool]:
    """The element name of an inline HTML tag and whether it closes (`</font>`)."""
    parser = _HtmlText(1)
    parser.feed(html)
    return (parser.tag[0], parser.tag[1]) if parser.tag else (None, False)


# -- the parser ------------------------------------------------------------------------------------------


@cache
def _parser():
    """CommonMark with tables, strikethrough and front matter, emphasis made to work beside Chinese
    (built once per process; parsing keeps no state in it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    parser.inline.ruler.at("emphasis", _emphasis)
    return parser


def _emphasis(state, silent: bool) -> bool:
    """markdown-it's emphasis rule with CommonMark's flanking test made for Chinese.

    CommonMark lets `**` close only when punctuation before it is followed by a space or punctuation,
    so `**主持人：**你好` (a full-width colon, then a character) keeps its asterisks. Here a wide
    character (Han, kana, full-width punctuation) on either side counts as a letter, as the CJK-friendly
    amendment to CommonMark proposes: the label is bold."""
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    can_open, can_close, length = _scan_delimiters(state, start, marker == "*")
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(marker=ord(marker), length=length, token=len(state.tokens) - 1, end=-1, open=can_open, close=can_close)
        )
    state.pos += length
    return True


def _scan_delimiters(state, start: int, can_split_word: bool) -> tuple[bool, bool, int]:
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    source, end = state.src, start
    marker = source[start]
    while end < state.posMax and source[end] == marker:
        end += 1
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < state.posMax else " "

    def punctuation(char: str) -> bool:
        return not is_wide(char) and (isMdAsciiPunct(ord(char)) or isPunctChar(char))

    before_punct, after_punct = punctuation(before), punctuation(after)
    before_space, after_space = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
    left = not (after_space or (after_punct and not (before_space or before_punct)))
    right = not (before_space or (before_punct and not (after_space or after_punct)))
    can_open = left and (can_split_word or not right or before_punct)
    can_close = right and (can_split_word or not left or after_punct)
    return can_open, can_close, end - start


def looks_like_markdown(head: Sequence[str]) -> bool:
    """Markdown by its content: front matter, or two marks of Markdown among the first lines, one of
    them Markdown's own (a heading, emphasis, a link or image, code, a table). HTML, lists and
    blockquotes alone are not enough: a plain transcript may quote HTML, or hold dialogue dashes or
    numbered lines that look like a list; nor is one `#` line alone (a plain transcript may start so)."""
    if len(head) > 1 and head[0].rstrip() == "---" and ":" in head[1]:
        return True
    if not any(_MAY_BE_MARKUP.search(line) for line in head):
        return False  # most plain transcripts: no need to load the parser
    tokens = _parser().parse("\n\n".join(line.rstrip() for line in head))
    own, other, listed = 0, 0, False
    for token in tokens:
        if token.type in ("heading_open", "fence", "table_open"):
            own += 1
        elif token.type == "html_block":
            other += 1
        elif token.type in ("list_item_open", "blockquote_open"):
            listed = True
        elif token.type == "inline":
            kinds = {child.type for child in token.children or ()}
            own += bool(kinds & _MARKDOWN_OWN_INLINE)
            other += "html_inline" in kinds and not kinds & _MARKDOWN_OWN_INLINE
    return own >= 1 and own + other + listed >= 2


FORMAT = Format("markdown", (".md", ".markdown"), read=read_markdown, sniff=looks_like_markdown)
