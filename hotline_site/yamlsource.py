"""Read YAML files safely and remember the line of every value.

PyYAML's SafeLoader gives plain Python data; we also need, for error messages,
the line on which each field was written. We compose the node tree ourselves
and record a line per path such as ``("sections", 2, "title", "en")``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hotline_site.errors import ContentError, Problem

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """One YAML file: its data and the 1-based line of each value in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, loc: PathKey) -> int | None:
        """Line of ``loc``, or of its nearest parent that has one."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def load_yaml(path: Path, *, display_path: str | None = None) -> YamlDocument:
    """Load ``path``; raise :class:`ContentError` naming file and line on any problem."""
    shown = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(shown, None, None, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError(
            [Problem(shown, None, None, f"is not valid UTF-8 ({exc.reason} at byte {exc.start})")]
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise ContentError([Problem(shown, line, None, f"YAML syntax error: {reason}")]) from None
    document = YamlDocument(path=path, data=None)
    builder = _Builder(document, shown)
    document.data = builder.build(node, ()) if node is not None else None
    if builder.problems:
        raise ContentError(builder.problems)
    return document


class _Builder:
    def __init__(self, document: YamlDocument, shown: str) -> None:
        self.document = document
        self.shown = shown
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")  # builds scalars: ints, dates, strings

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.document.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(self.constructor.construct_object(key_node))
                if key in result:
                    self.problems.append(
                        Problem(
                            self.shown,
                            key_node.start_mark.line + 1,
                            dotted((*loc, key)),
                            "appears twice in the same mapping; write each field once",
                        )
                    )
                    continue
                result[key] = self.build(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in {"true", "false"}:
            # YAML 1.1 reads English "No", "Yes", "On", "Off" as booleans; keep them as words.
            return node.value
        value = self.constructor.construct_object(node)
        if isinstance(value, str):
            # Editors paste text from many tools; keep Vietnamese in one normal form.
            value = unicodedata.normalize("NFC", value)
        return value


def dotted(loc: PathKey) -> str:
    """``("sections", 2, "title")`` -> ``sections[2].title``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
