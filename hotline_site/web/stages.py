"""The build's stages as the plugin's events run them, on plain values.

:func:`prebuild` makes the printables and the generated pages (once per build,
from the cache when nothing changed); :func:`page_markdown` prepares one
hand-written page; :func:`page_meta` escapes the front matter the theme prints
into attributes; :func:`finish` publishes the files once every language is built.
``web/plugin.py`` holds the MkDocs events and the state between them, nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from hotline_site import project as app
from hotline_site.content.addresses import DOWNLOADS_DIR
from hotline_site.content.store import cached
from hotline_site.project import SOCIAL_DIR, Card, Printables, Project, Settings
from hotline_site.web import markdown as markdown_text
from hotline_site.web import redirects
from hotline_site.web.generated import write_generated
from hotline_site.web.pages import IMAGES_DIR, fill_figures, generate_pages
from hotline_site.web.search import nfc, split_search_index
from hotline_site.web.wayfinding import (
    AUDIENCE_CHOICE,
    AUDIENCE_LINKS,
    audience_choice,
    audience_links,
)

log = logging.getLogger("mkdocs.plugins.hotline_site.web.plugin")


class StageError(Exception):
    """A stage cannot go on; the message says what to change (the plugin reports it)."""


@dataclass(frozen=True)
class Prebuilt:
    """What one project, renderer and configuration give before MkDocs reads the pages,
    kept in the cache (``pages-<sha256>.pickle``) for builds that change none of them."""

    pages: dict[str, str]
    """Generated page (path under docs/) -> its Markdown (``generate_pages``)."""
    printables: Printables

    def complete(self) -> bool:
        """Every published file is still in the cache (someone may have emptied it)."""
        return all(path.is_file() for path in self.printables.published.values())


def prebuild(project: Project, settings: Settings, *, directory_urls: bool) -> Prebuilt:
    """The printables and generated pages, written under ``settings.docs_dir``.

    Raises :class:`StageError` when a printable cannot be made."""
    made: list[Prebuilt] = []

    def make() -> Prebuilt:
        try:
            printables = app.make_printables(project, settings)
        except app.PrintablesError as exc:
            raise StageError(str(exc)) from None
        pages = generate_pages(
            project.campaign,
            project.labels,
            project.figures,
            printables.downloads,
            printables.kits,
            directory_urls=directory_urls,
        )
        made.append(Prebuilt(pages, printables))
        return made[0]

    assert settings.cache_dir is not None and settings.docs_dir is not None
    key = app.pages_key(project, settings, directory_urls)
    prebuilt = cached(settings.cache_dir, "pages", key, Prebuilt, make, valid=Prebuilt.complete)
    if not made and settings.printables:
        count = len(prebuilt.printables.downloads)
        log.info(
            "Printables: %d PDFs, 0 rendered in 0.0 s, %d from the cache (unchanged campaign)",
            count,
            count,
        )
    report = write_generated(settings.docs_dir, prebuilt.pages)
    log.info(
        "Campaign '%s': %d materials, %d pages written, %d unchanged, %d removed",
        project.campaign.slug,
        len(project.campaign.materials),
        len(report.written),
        report.unchanged,
        len(report.removed),
    )
    return prebuilt


def page_markdown(
    project: Project, markdown: str, *, language: str, page: str, docs_name: str = "docs"
) -> str:
    """A hand-written page (``page``: its path under ``docs_name``) as the site shows it: NFC
    (pages may be saved in NFD), its audience links and choice, whole words in its
    headings and its figures filled in. Raises :class:`StageError` with ``make check``'s words."""
    markdown = nfc(markdown)
    if AUDIENCE_LINKS in markdown:
        links = audience_links(project.campaign, language, page=page)
        markdown = markdown.replace(AUDIENCE_LINKS, links)
    if AUDIENCE_CHOICE in markdown:
        choice = audience_choice(project.campaign, language, page=page)
        markdown = markdown.replace(AUDIENCE_CHOICE, choice)
    problem = app.page_problem(project, markdown)
    if problem:  # the same check and words as ``make check`` (project.check)
        raise StageError(f"{docs_name}/{page}: {problem}")
    markdown = markdown_text.whole_words_in_headings(markdown)  # break between words
    return fill_figures(markdown, project.figures, language)


THEME_WORDS = "theme."
"""The labels of the theme's own words (``overrides/*.html``)."""


def theme_words(project: Project) -> dict[str, dict[str, str]]:
    """Per site language, the theme's words by name (``theme.exit`` -> ``exit``), HTML
    escaped, ``{hotline}`` filled in (and ``call_html``: the number in bold), for the
    templates: they name no language and hold no word of their own."""
    hotline = str(escape(project.campaign.info.hotline))
    table = project.labels.table
    words: dict[str, dict[str, str]] = {}
    for language in project.campaign.languages:
        own = {
            key.removeprefix(THEME_WORDS): str(escape(texts[language])).replace(
                "{hotline}", hotline
            )
            for key, texts in table.items()
            if key.startswith(THEME_WORDS)
        }
        own["call_html"] = str(escape(table[THEME_WORDS + "call"][language])).replace(
            "{hotline}", f"<strong>{hotline}</strong>"
        )
        own["hotline"] = hotline
        words[language] = own
    return words


def page_meta(meta: MutableMapping[str, Any]) -> None:
    """Front matter in NFC, and ``description`` and ``author`` escaped once: Material
    prints them raw into ``<meta content="…">``; ``Markup`` is never escaped twice."""
    for key, value in meta.items():
        if isinstance(value, str):
            meta[key] = nfc(value)
    for key in ("description", "author"):
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def finish(
    project: Project,
    settings: Settings,
    site_dir: Path,
    *,
    published: Mapping[str, Path],
    cards: Mapping[str, Card],
    search_first: Mapping[str, str],
    social_cards: bool,
    serving: bool,
    directory_urls: bool = True,
) -> None:
    """Once every language is built: the PDFs and pictures, short links, social cards,
    the offline kit under ``make serve`` and one search index per language.

    Raises :class:`StageError` for a search index that cannot be split."""
    campaign = project.campaign
    app.publish(published, site_dir / DOWNLOADS_DIR)
    images = {m.image: campaign.root / m.image for m in campaign.materials if m.image}
    app.publish(images, site_dir / IMAGES_DIR)
    redirects.write_short_links(campaign, site_dir, directory_urls=directory_urls)
    if social_cards:
        app.render_social_cards(cards, settings, site_dir / SOCIAL_DIR)
    if serving:
        assert settings.cache_dir is not None
        redirects.offline_kit_for_preview(settings.cache_dir, site_dir)
    if (site_dir / "search" / "search_index.json").is_file():
        try:
            counts = split_search_index(site_dir, campaign.languages, search_first)
        except ValueError as exc:
            raise StageError(str(exc)) from None
        log.info("Search: one index per language %s", counts)
