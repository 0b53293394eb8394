"""The hand-written pages of ``docs/``: which they are, and what their front matter promises.

:func:`hand_written_pages` lists the Markdown pages an editor writes, in any folder
but a hidden one, leaving out the pages the build generates there (named in the
manifest ``docs/.generated.json``, and any page whose name starts with a stem
given in ``generated_stems``). :func:`front_matter_problems` checks what the
front matter (the YAML between the first two ``---`` lines) says about the page
itself: ``search_first`` must name one of the page's headings, as written.
Problems are :class:`Problem` of the page's file (``docs/safety.en.md``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from hotline_site.content.problems import Problem

GENERATED_MANIFEST = ".generated.json"
"""In ``docs/``: the pages the build writes there (``web.generated`` keeps it)."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}$")  # "## Heading {#anchor}"


def hand_written_pages(docs: Path, generated_stems: Iterable[str] = ()) -> list[Path]:
    """The pages of ``docs`` an editor writes, sorted: the one lister for every check."""
    manifest = docs / GENERATED_MANIFEST
    generated: set[str] = set()
    if manifest.is_file():
        try:
            generated = set(json.loads(manifest.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            generated = set()
    stems = set(generated_stems)
    pages = []
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue  # a hidden folder or file
        if relative in generated or relative.split(".")[0] in stems:
            continue
        pages.append(page)
    return pages


def front_matter(text: str) -> dict[str, object]:
    """The page's front matter as a mapping (empty without one, or if it is no mapping)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def headings(text: str) -> list[str]:
    """The page's headings as the reader sees them: no ``#``, no ``{#anchor}``, no
    emphasis marks, NFC."""
    matter = _FRONT_MATTER.match(text)
    body = text[matter.end() :] if matter else text
    found = []
    for match in _HEADING.finditer(body):
        title = _ATTRIBUTES.sub("", match.group(1))
        title = re.sub(r"(\*\*|__|\*|`)", "", title)
        found.append(unicodedata.normalize("NFC", title.strip()))
    return found


def front_matter_problems(text: str, shown: str) -> list[Problem]:
    """What the front matter of the page ``shown`` (its text ``text``) gets wrong."""
    first = front_matter(text).get("search_first")
    if first is None:
        return []
    if not isinstance(first, str):
        return [
            Problem(shown, None, "search_first", "expected the text of one of the page's headings")
        ]
    wanted = unicodedata.normalize("NFC", first).replace("\u00a0", " ").strip()
    if wanted in (heading.replace("\u00a0", " ") for heading in headings(text)):
        return []
    return [
        Problem(
            shown,
            None,
            "search_first",
            f"the page has no heading {wanted!r}; write one of its headings as it is written "
            "(search lists that section first)",
        )
    ]
