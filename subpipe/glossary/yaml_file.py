"""YAML glossaries, in either of two shapes:

    - english: Sam Altman          # a list of rows with the CSV columns as keys
      chinese: 萨姆·奥特曼
      type: person
      aliases: [奥特曼, 阿尔特曼]    # or one string: 奥特曼|阿尔特曼
      short: Altman                # English short forms (USTC, Ilya), a string or a list

    Sam Altman:                    # a mapping from the English name to its row (without `english`)
      chinese: 萨姆·奥特曼
      aliases: 奥特曼|阿尔特曼
    Ilya Sutskever: 伊利亚·苏茨克维  # or straight to its Chinese form(s), a string or a list

The file is composed into nodes with PyYAML's safe loader (no objects are built), so every entry and
every error carries its line; scalars are read as the text written (`no` stays "no", `1` stays "1").
"""

from __future__ import annotations

from ..errors import SubpipeError
from .model import Entry
from .rows import make_entry, split_forms

# Aliases (&a / *a) can make a small file expand into billions of nodes; no glossary needs that many.
MAX_NODES = 1_000_000


def parse_yaml(text: str, path: str) -> list[Entry]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SubpipeError(f"not valid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    if root is None:
        return []
    reader = _Reader(path)
    if isinstance(root, yaml.SequenceNode):
        return [reader.row(item, english=None) for item in root.value]
    if isinstance(root, yaml.MappingNode):
        return [reader.row(value, english=reader.text(key, "an English name")) for key, value in root.value]
    raise SubpipeError(
        "a YAML glossary is a list of entries or a mapping from English names to entries", path, _line(root)
    )


def _line(node) -> int:
    return node.start_mark.line + 1


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.nodes = 0

    def row(self, node, english: str | None) -> Entry:
        import yaml

        self._count(node)
        line = _line(node)
        if english is not None and isinstance(node, (yaml.ScalarNode, yaml.SequenceNode)):
            return make_entry(
                english=english, forms=self.forms(node), kind=None, note=None, path=self.path, line=line
            )
        if not isinstance(node, yaml.MappingNode):
            raise SubpipeError("an entry must be a mapping with the keys english and chinese", self.path, line)
        fields: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, "a key").strip().lower()
            if key in fields:
                raise SubpipeError(f"key {key!r} appears twice in one entry", self.path, _line(key_node))
            fields[key] = value_node
        if english is not None and "english" in fields:
            raise SubpipeError(
                f"entry {english!r} is keyed by its English name and must not have an `english` key too",
                self.path,
                line,
            )
        if english is None:
            english = self.optional_text(fields.get("english"))
        forms = self.forms(fields.get("chinese")) + self.forms(fields.get("aliases"))
        return make_entry(
            english=english,
            forms=forms,
            # A `type` key that is present but empty is an error (empty type), not the default kind.
            kind=(self.optional_text(fields["type"]) or "") if "type" in fields else None,
            note=self.optional_text(fields.get("note")),
            path=self.path,
            line=line,
            short=self.forms(fields.get("short")),
        )

    def forms(self, node) -> list[str]:
        import yaml

        if node is None or _is_null(node):
            return []
        self._count(node)
        if isinstance(node, yaml.ScalarNode):
            return split_forms(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [form for item in node.value for form in split_forms(self.text(item, "a Chinese form"))]
        raise SubpipeError("Chinese forms must be a string or a list of strings", self.path, _line(node))

    def optional_text(self, node) -> str | None:
        if node is None or _is_null(node):
            return None
        return self.text(node, "text")

    def text(self, node, what: str) -> str:
        import yaml

        self._count(node)
        if not isinstance(node, yaml.ScalarNode):
            raise SubpipeError(f"expected {what} here, found a {_shape(node)}", self.path, _line(node))
        return node.value

    def _count(self, node) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SubpipeError(f"more than {MAX_NODES:,} YAML nodes (alias expansion?)", self.path, _line(node))


def _is_null(node) -> bool:
    return node.tag == "tag:yaml.org,2002:null"


def _shape(node) -> str:
    import yaml

    return "list" if isinstance(node, yaml.SequenceNode) else "mapping" if isinstance(node, yaml.MappingNode) else "value"
