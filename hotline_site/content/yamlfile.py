"""Read YAML files safely and remember the line of every value.

PyYAML's SafeLoader gives plain Python data; we also need, for error messages,
the line on which each field was written. We compose the node tree ourselves
and record a line per path such as ``("sections", 2, "title", "en")``.

Content files are written by editors, who never need YAML's programming
features, so :func:`load_yaml` refuses them before it builds anything: explicit
tags (``!!python/object``, ``!custom``, ``!!str``…), anchors and aliases
(``&a`` / ``*a``, which allow "billion laughs" bombs), merge keys (``<<``),
nesting deeper than :data:`MAX_DEPTH` levels and files larger than
:data:`MAX_BYTES`.
"""

from __future__ import annotations

import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hotline_site.content.problems import DATE_FORM, ContentError, Problem

PathKey = tuple[str | int, ...]

MAX_BYTES = 1024 * 1024
"""Largest content file read, in bytes (1 MB); larger files are refused unread."""

MAX_DEPTH = 20
"""Deepest nesting of lists and fields allowed; the top-level mapping is level 1."""

_YAML_TAGS = "tag:yaml.org,2002:"  # what "!!" stands for

# Implicit tags whose values SafeConstructor cannot build: keep them as the text written.
_TEXT_TAGS = {f"{_YAML_TAGS}merge", f"{_YAML_TAGS}value"}  # "<<" and "="

_NO_TAGS = (
    "YAML tags (words starting with '!') are not allowed; write plain text, numbers, "
    "lists and fields, and put quotes around text that starts with '!'"
)
_NO_ANCHORS = (
    "YAML anchors (&name) and aliases (*name) are not allowed; write the value out in full "
    "each time, and put quotes around text that starts with '&' or '*'"
)
_NO_MERGE = (
    "YAML merge keys ('<<') are not allowed; write every field out in full, "
    "or put quotes around '<<' if it is a field name"
)
_TOO_DEEP = (
    f"lists and fields are nested more than {MAX_DEPTH} levels deep; "
    f"at most {MAX_DEPTH} levels are allowed"
)


@dataclass
class YamlDocument:
    """One YAML file: its data and the 1-based line of each value in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    key_lines: dict[PathKey, int] = field(default_factory=dict)
    """Line of each field's name (``sumary:``), where a value may start on the next line."""

    def key_line_of(self, loc: PathKey) -> int | None:
        """Line on which the field ``loc`` is named, else :meth:`line_of`."""
        return self.key_lines.get(tuple(loc)) or self.line_of(loc)

    def line_of(self, loc: PathKey) -> int | None:
        """Line of ``loc``, or of its nearest parent that has one."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def load_yaml(path: Path, *, display_path: str | None = None) -> YamlDocument:
    """Load ``path`` (one UTF-8 YAML document) into plain data with the line of every value.

    Mappings become ``dict[str, Any]``, sequences ``list``, scalars what SafeLoader
    makes of them, except that YAML 1.1 words such as ``Yes``/``No`` stay text and
    text is NFC-normalised. ``display_path`` (default: ``path``) names the file in errors.

    Raises :class:`ContentError`, each problem naming the file and, where there is
    one, the 1-based line: for a missing, unreadable or non-UTF-8 file, a file larger
    than :data:`MAX_BYTES` (refused before it is parsed), a syntax error, an explicit
    tag, an anchor or alias, a merge key, nesting deeper than :data:`MAX_DEPTH`
    levels, a key written twice in one mapping, or a value that cannot be read.
    """
    shown = display_path or str(path)
    loader = _CheckedLoader(_read(path, shown))
    try:
        node = loader.get_single_node()
    except _TooDeep:
        node = None  # the depth problem is among the refusals
    except yaml.MarkedYAMLError as exc:
        node = None
        if not loader.refusals:  # else the refusals explain it: "found undefined alias"…
            raise ContentError([_syntax_problem(exc, shown)]) from None
    finally:
        loader.dispose()
    if loader.refusals:  # refused before a value is built: aliases are never expanded
        found = sorted(loader.refusals.values(), key=lambda refusal: refusal[0] or 0)
        raise ContentError([Problem(shown, line, None, message) for line, message in found])
    document = YamlDocument(path=path, data=None)
    builder = _Builder(document, shown)
    document.data = builder.build(node, ()) if node is not None else None
    if builder.problems:
        raise ContentError(builder.problems)
    return document


_INDENTATION = (
    "this line's indentation does not match the lines above: line it up with the other "
    "fields of the same level (`en:` exactly under `vi:`, `- ` items under each other), "
    "with spaces"
)
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("expected <block end>", _INDENTATION),
    ("did not find expected key", _INDENTATION),
    ("did not find expected '-' indicator", _INDENTATION),
    (
        "mapping values are not allowed here",
        "a ':' where none can be: if this line is text that contains ': ', put the whole "
        "text in quotes; if it is a field, check its indentation: it must line up with the "
        "other fields of the same level (`en:` exactly under `vi:`)",
    ),
    (
        "could not find expected ':'",
        "a line without ':': write `name: value`, or put a text that goes on over several "
        "lines in quotes; also check the indentation of this line and the one above",
    ),
    (
        "found character '\\t'",  # PyYAML writes the tab as backslash + t
        "a tab character: indent with spaces only (most editors can turn tabs into spaces)",
    ),
    (
        "expected ',' or '}'",
        "a `{` opened on a line above is not closed: end it with `}` on the same line, "
        "or put a text that contains ':', ',' or '}' in quotes",
    ),
    (
        "expected ',' or ']'",
        "a `[` opened on a line above is not closed: end it with `]` on the same line, "
        "or put a text that contains ',' or ']' in quotes",
    ),
    (
        "found unexpected end of stream",
        "a quote is opened but never closed: end the text with the same quote mark",
    ),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    """A syntax error in an editor's words, at the line where it is (not YAML's terms)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    reason = exc.problem or exc.context or "invalid YAML"
    for marker, hint in _SYNTAX_HINTS:
        if marker in reason:
            if marker == "found unexpected end of stream" and exc.context_mark is not None:
                line = exc.context_mark.line + 1  # where the quote was opened
            return Problem(shown, line, None, hint)
    return Problem(shown, line, None, f"this line is not valid YAML ({reason})")


def read_text(path: Path, shown: str | None = None) -> str:
    """The text of the content file ``path``: a regular file (a link is followed) of at
    most :data:`MAX_BYTES`, UTF-8. Raises :class:`ContentError` naming ``shown``: a
    folder, a named pipe or a device (``/dev/zero``) is refused before it is read."""
    return _read(path, shown or str(path))


def _read(path: Path, shown: str) -> str:
    """The text of ``path``, reading at most :data:`MAX_BYTES` + 1 bytes."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ContentError(
                [
                    Problem(
                        shown,
                        None,
                        None,
                        "is not a regular file (a folder, a named pipe or a device); "
                        "a content file is a plain .yml file: remove or replace it",
                    )
                ]
            )
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ContentError([Problem(shown, None, None, "file not found")]) from None
    except OSError as exc:
        raise ContentError(
            [Problem(shown, None, None, f"cannot be read ({exc.strerror})")]
        ) from None
    if len(raw) > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    "is larger than 1 MB; a content file may be at most 1 MB "
                    f"({MAX_BYTES:,} bytes): keep pictures and other large files in "
                    "the assets folder, and split very long content into several files",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            [Problem(shown, None, None, f"is not valid UTF-8 ({exc.reason} at byte {exc.start})")]
        ) from None
    # The same line ends as a file opened in text mode.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _TooDeep(Exception):
    """Nesting passed :data:`MAX_DEPTH`: stop composing before recursion goes deeper."""


class _CheckedLoader(yaml.SafeLoader):
    """SafeLoader whose composer passes every event through the checks as it takes it.

    ``refusals`` keeps the first use of each feature editors may not use, as
    ``kind -> (line, message)``; :class:`_TooDeep` stops composing at the first
    collection nested too deep. One pass over the text, nothing built yet.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refusals: dict[str, tuple[int | None, str]] = {}
        # One entry per open collection: -1 for a list; for a mapping, how many of its
        # keys and values have been seen so far (an even count: the next node is a key).
        self.open_collections: list[int] = []

    def get_event(self) -> yaml.Event:
        event: yaml.Event = super().get_event()  # type: ignore[no-untyped-call]  # untyped stub
        if isinstance(event, yaml.CollectionEndEvent):
            self.open_collections.pop()
        if isinstance(event, yaml.NodeEvent):
            self._check(event)
        return event

    def _check(self, event: yaml.NodeEvent) -> None:
        if isinstance(event, yaml.AliasEvent):
            self._refuse("anchor", event, f"uses the alias '*{event.anchor}': {_NO_ANCHORS}")
        elif event.anchor is not None:
            self._refuse("anchor", event, f"defines the anchor '&{event.anchor}': {_NO_ANCHORS}")
        tag = getattr(event, "tag", None)  # set only when written out: implicit tags are None
        if tag:
            shown_tag = "!!" + tag.removeprefix(_YAML_TAGS) if tag.startswith(_YAML_TAGS) else tag
            self._refuse("tag", event, f"uses the tag '{shown_tag}': {_NO_TAGS}")
        if self.open_collections and self.open_collections[-1] >= 0:
            is_key = self.open_collections[-1] % 2 == 0
            # A plain << (a quoted "<<" is just a word).
            merge = (
                isinstance(event, yaml.ScalarEvent) and event.implicit[0] and event.value == "<<"
            )
            if is_key and merge:
                self._refuse("merge", event, f"uses a merge key '<<': {_NO_MERGE}")
            self.open_collections[-1] += 1
        if isinstance(event, yaml.CollectionStartEvent):
            self.open_collections.append(0 if isinstance(event, yaml.MappingStartEvent) else -1)
            if len(self.open_collections) > MAX_DEPTH:
                self._refuse("depth", event, _TOO_DEEP)
                raise _TooDeep

    def _refuse(self, kind: str, event: yaml.Event, message: str) -> None:
        line = event.start_mark.line + 1 if event.start_mark else None
        self.refusals.setdefault(kind, (line, message))


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
                key = str(self._construct(key_node, loc))
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
                self.document.key_lines[(*loc, key)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in {"true", "false"}:
            # YAML 1.1 reads English "No", "Yes", "On", "Off" as booleans; keep them as words.
            return node.value
        value = self._construct(node, loc)
        if isinstance(value, str):
            # Editors paste text from many tools; keep Vietnamese in one normal form.
            value = unicodedata.normalize("NFC", value)
        return value

    def _construct(self, node: yaml.Node, loc: PathKey) -> Any:
        """The value SafeLoader makes of ``node``; the text written if it cannot make one."""
        if node.tag in _TEXT_TAGS:
            return node.value
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:  # a date such as 2024-02-30
            reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
            if node.tag == f"{_YAML_TAGS}timestamp":
                message = (
                    f"{node.value} is not a date that exists ({reason}): "
                    f"write a real date as {DATE_FORM}"
                )
            else:
                message = f"cannot be read ({reason}); put quotes around it to write it as text"
            self.problems.append(
                Problem(self.shown, node.start_mark.line + 1, dotted(loc) or None, message)
            )
            return node.value


def dotted(loc: PathKey) -> str:
    """``("sections", 2, "title")`` -> ``sections[2].title``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
