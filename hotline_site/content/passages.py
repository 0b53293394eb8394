"""Where the campaign's texts are: every text of a material, ``campaign.yml``, a YAML
file of site words or a hand-written page, one :class:`Passage` per language, with the
file, field and line an editor needs. The safety rules (``rules.py``) read them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hotline_site.content.campaign import Campaign
from hotline_site.content.model import Material
from hotline_site.content.problems import ContentError
from hotline_site.content.yamlfile import YamlDocument, dotted, load_yaml

REFERENCES = re.compile(r"^## (?:Nguồn|Sources?)\s*$", re.MULTILINE)
"""The heading of a hand-written page's references: the titles below it are quotes."""


@dataclass(frozen=True)
class Passage:
    """One text in one language, and where an editor finds it."""

    file: str
    loc: tuple[str | int, ...] | None
    """Where in its YAML file (``None``: the text is a whole page)."""
    language: str
    text: str
    source: Path | None = None
    """The YAML file, read again for the line only when a rule finds a problem."""

    @property
    def field(self) -> str | None:
        return dotted(self.loc) or None if self.loc is not None else None


def shown_file(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.parent.parent))
    except ValueError:
        return str(path)


def _is_text(value: Any, languages: Sequence[str]) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and set(languages) <= set(value)
        and all(isinstance(v, str) for v in value.values())
    )


def _walk(
    value: Any, languages: Sequence[str], loc: tuple[str | int, ...] = ()
) -> Iterable[tuple[tuple[str | int, ...], dict[str, str]]]:
    if _is_text(value, languages):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, languages, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, languages, (*loc, index))


def _document(path: Path) -> YamlDocument | None:
    return _read(path, path.stat().st_mtime_ns) if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> YamlDocument | None:
    """A YAML file with its lines (kept while it is unchanged: parsing is slow)."""
    try:
        return load_yaml(path)
    except ContentError:
        return None


def line_at(path: Path | None, loc: tuple[str | int, ...]) -> int | None:
    document = _document(path) if path is not None else None
    return document.line_of(loc) if document is not None else None


def _passages(data: Any, file: str, source: Path | None, languages: Sequence[str]) -> list[Passage]:
    return [
        Passage(file, loc, language, unicodedata.normalize("NFC", text[language]), source)
        for loc, text in _walk(data, languages)
        for language in languages
    ]


def material_passages(campaign: Campaign, material: Material) -> list[Passage]:
    """Every text of ``material`` in every language of the site."""
    path = campaign.sources[material.id]
    data = material.model_dump(exclude={"sources"})
    return _passages(data, shown_file(path, campaign.root), path, campaign.languages)


def campaign_passages(campaign: Campaign) -> list[Passage]:
    """The texts of ``campaign.yml`` and of every material."""
    path = campaign.root / "campaign.yml"
    found = _passages(
        campaign.info.model_dump(exclude={"sources"}),
        shown_file(path, campaign.root),
        path,
        campaign.languages,
    )
    for material in campaign.materials:
        found += material_passages(campaign, material)
    return found


def yaml_passages(
    path: Path, shown: str, languages: Sequence[str], keys: Sequence[str] = ()
) -> list[Passage]:
    """The texts of a YAML file of site words (``labels.yml``, the statistics'
    vocabulary); with ``keys``, only texts under those field names (what a reader sees)."""
    document = _document(path)
    if document is None:
        return []
    found = _passages(document.data, shown, path, languages)
    if keys:
        found = [p for p in found if p.field and p.field.split(".")[-1] in keys]
    return found


def without_references(page: str) -> str:
    """A hand-written page up to its references heading (the titles there are quotes)."""
    match = REFERENCES.search(page)
    return page[: match.start()] if match else page


def page_passages(pages: Iterable[Path], shown_dir: str) -> list[Passage]:
    """Each hand-written page (``index.vi.md``), its language from its name, up to its
    references."""
    found = []
    for page in pages:
        suffixes = page.suffixes
        language = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else ""
        text = unicodedata.normalize("NFC", page.read_text(encoding="utf-8"))
        found.append(Passage(f"{shown_dir}/{page.name}", None, language, without_references(text)))
    return found


def line_in(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def line_of(passage: Passage, offset: int) -> int | None:
    """The line of ``offset`` in a page's passage (a whole file); a YAML text's own line."""
    if passage.loc is None:
        return line_in(passage.text, offset)
    return line_at(passage.source, passage.loc)
