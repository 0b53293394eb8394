"""One 404 page per language: ``404.html`` in the default language, ``<lang>/404.html``,
each with a language menu that leads to each language's home page."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

PAGE = "404.html"


def language_menu(config: MkDocsConfig) -> None:
    """The 404 page's language menu leads to each language's home page.

    mkdocs-static-i18n leaves the menu of the last page it rendered in place.
    """
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None) if i18n is not None else None
    if homes:
        # Both: mkdocs-static-i18n sets the attribute, which Jinja reads first.
        config.extra["alternate"] = copy.deepcopy(homes)
        setattr(config.extra, "alternate", config.extra["alternate"])  # noqa: B010


def one_per_language(output: str, config: MkDocsConfig, languages: Sequence[str]) -> str:
    """The 404 page of this language pass: the default language's stays at the root, the
    others go to ``<lang>/404.html`` (mkdocs-static-i18n renders ``404.html`` at the root
    in every pass, and the later passes would overwrite it). Returns what MkDocs writes."""
    language = config.theme["language"]
    if language == languages[0]:
        return output
    target = Path(config.site_dir) / language / PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty page: the root's stays
