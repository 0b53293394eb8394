"""The thin MkDocs layer: each event calls ``hotline_site.project`` or the pages.

Everything MkDocs-specific lives here; the content model, the pages and the
printables know nothing about MkDocs. mkdocs-static-i18n builds the whole site
once more for each extra language and runs every event again, so the project is
loaded and the printables made once per build: when a build starts (its first
``on_config``), not once per plugin instance, since ``mkdocs serve`` keeps the
plugin between rebuilds and every rebuild must show the editor's last save.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hotline_site import project as app
from hotline_site.content.addresses import DOWNLOADS_DIR, OFFLINE_KIT, redirect_page, short_path
from hotline_site.content.campaign import Campaign
from hotline_site.content.problems import ContentError
from hotline_site.content.store import cached
from hotline_site.project import (
    SOCIAL_DIR,
    Card,
    Printables,
    PrintablesError,
    Project,
    Settings,
    card_filename,
    og_locale,
)
from hotline_site.web.generated import write_generated
from hotline_site.web.pages import (
    AUDIENCE_LINKS,
    IMAGES_DIR,
    MATERIALS_DIR,
    STYLESHEET,
    audience_links,
    audience_page,
    fill_figures,
    generate_pages,
    material_page,
)
from hotline_site.web.search import nfc, split_search_index
from hotline_site.web.settings import languages_of

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

NAV_ANCHOR = f"{MATERIALS_DIR}/index.md"
NOT_FOUND = "404.html"


class HotlinePluginConfig(Config):
    campaign = config_options.Type(str, default="campaigns/hotline-111")
    """The campaign folder, relative to mkdocs.yml."""
    printables = config_options.Type(bool, default=True)
    """Render the PDFs (switch off for a quick preview of the pages)."""
    social_cards = config_options.Type(bool, default=True)
    """Render a social card (og:image) per page and language."""
    cache_dir = config_options.Type(str, default=".cache/printables")
    """Rendered PDFs by content hash, relative to mkdocs.yml (or $HOTLINE_CACHE_DIR)."""


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


class HotlinePlugin(BasePlugin[HotlinePluginConfig]):
    serving = False
    """Under ``mkdocs serve`` (set once per process)."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.settings: Settings | None = None
        self.generated = False
        self.published: dict[str, Path] = {}
        self.original_nav: list[Any] | None = None
        self.cards: dict[str, Card] = {}
        """Social card file name -> card, of every page of every language."""

    @property
    def campaign(self) -> Campaign:
        assert self.project is not None
        return self.project.campaign

    @event_priority(100)  # before mkdocs-static-i18n, which reads the navigation
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the hotline plugin needs the i18n plugin (mkdocs-static-i18n)")
        if not getattr(i18n, "building", False):  # a new build, not a language pass of one
            self.settings = self._settings(config, i18n)
            try:
                self.project = app.load(self.settings)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self.generated = False
            self.cards = {}
            if self.original_nav is None:
                self.original_nav = config.nav
                config.site_name = nfc(config.site_name)
                config.site_description = nfc(config.site_description or "") or None
                config.extra_css.insert(0, STYLESHEET)
        config.nav = _with_material_sections(self.original_nav, self.campaign)
        return config

    def _settings(self, config: MkDocsConfig, i18n: Any) -> Settings:
        root = Path(config.config_file_path).parent
        entries = [
            {"locale": lang.locale, "default": lang.default} for lang in i18n.config.languages
        ]
        return Settings(
            root=root,
            languages=tuple(languages_of(entries)),
            campaign=root / self.config.campaign,
            cache_dir=Path(os.environ.get("HOTLINE_CACHE_DIR") or root / self.config.cache_dir),
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or "",
            printables=self.config.printables,
        )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        # Rebuild when an editor saves a campaign file, not only a page in docs/.
        server.watch(str(self.campaign.root))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.generated:
            return  # a second language pass of the same build
        assert self.project is not None and self.settings is not None
        project, settings = self.project, self.settings
        made: list[Prebuilt] = []

        def make() -> Prebuilt:
            try:
                printables = app.make_printables(project, settings)
            except PrintablesError as exc:
                raise PluginError(str(exc)) from None
            pages = generate_pages(
                project.campaign,
                project.labels,
                project.figures,
                printables.downloads,
                printables.kits,
                directory_urls=config.use_directory_urls,
            )
            made.append(Prebuilt(pages, printables))
            return made[0]

        key = app.pages_key(project, settings, config.use_directory_urls)
        prebuilt = cached(self._cache(), "pages", key, Prebuilt, make, valid=Prebuilt.complete)
        if not made and settings.printables:
            count = len(prebuilt.printables.downloads)
            log.info(
                "Printables: %d PDFs, 0 rendered in 0.0 s, %d from the cache (unchanged campaign)",
                count,
                count,
            )
        self.published = dict(prebuilt.printables.published)
        report = write_generated(Path(config.docs_dir), prebuilt.pages)
        self.generated = True
        log.info(
            "Campaign '%s': %d materials, %d pages written, %d unchanged, %d removed",
            self.campaign.slug,
            len(self.campaign.materials),
            len(report.written),
            report.unchanged,
            len(report.removed),
        )

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Front-matter fields the theme prints into attributes, escaped once, here.

        Material prints ``page.meta.description`` and ``author`` raw into
        ``<meta content="…">`` (MkDocs' templates do not autoescape); escaped
        ``Markup`` is printed as it is, and never escaped twice.
        """
        for key, value in page.meta.items():
            if isinstance(value, str):
                page.meta[key] = nfc(value)  # front matter of a hand-written page: as typed
        for key in ("description", "author"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = escape(value)
        context["social"] = self._social(page, config)  # type: ignore[typeddict-unknown-key]
        return context

    def _social(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        """Open Graph and Twitter card data of ``page``: plain text, escaped by the template.

        Records the page's social card, rendered once every language is built.
        """
        assert self.project is not None
        language = config.theme["language"]
        info = self.campaign.info
        # Campaign text in titles is escaped once in the HTML: unescape, then strip tags.
        title = Markup(page.title or config.site_name).striptags()
        description = Markup(
            page.meta.get("description") or config.site_description or ""
        ).striptags()
        filename = card_filename(page.url)
        self.cards[filename] = Card(
            lang=language,
            site=config.site_name,
            title=title,
            tagline=info.tagline[language],
            call=self.project.labels("social.call", language),
            hotline=info.hotline,
            free=self.project.labels("call_summary", language),
            primary=info.colours.primary.rgb,
            accent=info.colours.accent.rgb,
        )
        site_url = config.site_url or "/"
        return {
            "title": title,
            "description": description,
            "url": page.canonical_url or urljoin(site_url, page.url),
            "image": urljoin(site_url, f"{SOCIAL_DIR}/{filename}"),
            "image_alt": f"{title} – {config.site_name}",
            "locale": og_locale(language),
            "alternates": [og_locale(code) for code in self.campaign.languages if code != language],
        }

    def on_pre_template(self, template: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        """The 404 page's language menu leads to each language's home page.

        mkdocs-static-i18n leaves the menu of the last page it rendered in place.
        """
        i18n = config.plugins.get("i18n")
        if template_name == NOT_FOUND and i18n is not None:
            homes = getattr(i18n, "extra_alternate", None)
            if homes:
                # Both: mkdocs-static-i18n sets the attribute, which Jinja reads first.
                config.extra["alternate"] = copy.deepcopy(homes)
                setattr(config.extra, "alternate", config.extra["alternate"])  # noqa: B010
        return template

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """One 404 page per language: ``404.html`` in the default language, ``<lang>/404.html``.

        mkdocs-static-i18n renders ``404.html`` at the site's root in every language pass;
        the later passes would overwrite the default language's.
        """
        if template_name != NOT_FOUND or self.project is None:
            return output_content
        language = config.theme["language"]
        if language == self.campaign.languages[0]:
            return output_content
        target = Path(config.site_dir) / language / NOT_FOUND
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        return ""  # MkDocs writes nothing for an empty page: the root's stays

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Any) -> str:
        # Hand-written pages may be saved in NFD (macOS, some Vietnamese keyboards): the page
        # and the search index get NFC, as the campaign's YAML does (yamlsource.py).
        markdown = nfc(markdown)
        if AUDIENCE_LINKS in markdown and self.campaign is not None:
            links = audience_links(self.campaign, config.theme["language"], page=page.file.src_uri)
            markdown = markdown.replace(AUDIENCE_LINKS, links)
        assert self.project is not None
        problem = app.page_problem(self.project, markdown)
        if problem:  # the same check and words as ``make check`` (project.check)
            raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: {problem}")
        return fill_figures(markdown, self.project.figures, config.theme["language"])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin between the rebuilds of `mkdocs serve`;
        # on_config loads the project again at the start of each.
        HotlinePlugin.serving = command == "serve"

    def _settings_now(self) -> Settings:
        assert self.settings is not None
        return self.settings

    def _cache(self) -> Path:
        cache = self._settings_now().cache_dir
        assert cache is not None  # the plugin always has one (_settings)
        return cache

    def _offline_kit_for_preview(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Under ``mkdocs serve``: the offline kit of the last ``make site``, so its link works.

        Building the kit takes a second whole build; the preview reuses the newest one in
        the cache (it may lag behind the pages being edited).
        """
        target = site_dir / DOWNLOADS_DIR / OFFLINE_KIT
        kits = sorted(
            self._cache().glob("offline-site-*.zip"),
            key=lambda path: path.stat().st_mtime,
        )
        if target.exists() or not kits:
            if not kits:
                log.info("Offline kit: none built yet; `make site` builds %s", OFFLINE_KIT)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kits[-1], target)
        log.info("Offline kit: the one of the last `make site` (%s)", kits[-1].name)

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return  # an extra language pass inside the main one: wait for its end
        assert self.campaign is not None
        site_dir = Path(config.site_dir)
        app.publish(self.published, site_dir / DOWNLOADS_DIR)
        images = {m.image: self.campaign.root / m.image for m in self.campaign.materials if m.image}
        app.publish(images, site_dir / IMAGES_DIR)
        self._short_links(site_dir)
        if self.config.social_cards:
            app.render_social_cards(self.cards, self._settings_now(), site_dir / SOCIAL_DIR)
        if HotlinePlugin.serving:
            self._offline_kit_for_preview(config, site_dir)
        if (site_dir / "search" / "search_index.json").is_file():
            counts = split_search_index(site_dir, self.campaign.languages)
            log.info("Search: one index per language %s", counts)

    def _short_links(self, site_dir: Path) -> None:
        """``/m/<id>/`` (and ``/<lang>/m/<id>/``): redirects to each material's page.

        QR codes and printed addresses use these; former ids (``redirect_from``) too.
        """
        assert self.campaign is not None
        languages = self.campaign.languages
        for material in self.campaign.materials:
            page = material_page(material).removesuffix(".md") + "/"
            for short_id in (material.id, *material.redirect_from):
                for language in languages:
                    path = short_path(short_id, language, languages)
                    # From <lang>/m/<id>/ back to <lang>/: two levels up.
                    target = "../../" + page
                    folder = site_dir / path
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / "index.html").write_text(
                        redirect_page(target, language=language), encoding="utf-8"
                    )

    @event_priority(-200)  # after mkdocs-static-i18n has picked this language's pages
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Any) -> Navigation:
        assert self.campaign is not None
        language = config.theme["language"]
        titles = {
            audience: info.title.get(language, info.title[self.campaign.languages[0]])
            for audience, info in self.campaign.info.audiences.items()
        }
        for item in nav.items:
            if isinstance(item, Section) and item.title in titles:
                # The theme prints section titles as HTML: campaign text goes in escaped.
                item.title = escape(titles[item.title])
        return nav


def _with_material_sections(nav: list[Any] | None, campaign: Campaign) -> list[Any]:
    """Insert one section per audience right after the materials overview page.

    Section titles are audience keys here; `on_nav` puts each language's title in.
    """
    sections = [
        {
            audience: [audience_page(audience)]
            + [material_page(material) for material in campaign.materials_for(audience)]
        }
        for audience in campaign.audiences()
    ]
    if not nav:
        return [NAV_ANCHOR, *sections]
    result: list[Any] = []
    for entry in nav:
        result.append(entry)
        if entry == NAV_ANCHOR:
            result += sections
    if NAV_ANCHOR not in nav:
        raise PluginError(f"mkdocs.yml: nav needs the entry '{NAV_ANCHOR}' (materials go after it)")
    return result
