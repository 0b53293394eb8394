"""The thin MkDocs layer: each event calls ``hotline_site.project`` or the pages.

Everything MkDocs-specific lives here; the content model, the pages and the
printables know nothing about MkDocs. mkdocs-static-i18n builds the whole site
once more for each extra language and runs every event again, so the project is
loaded and the printables made once per build: when a build starts (its first
``on_config``), not once per plugin instance, since ``mkdocs serve`` keeps the
plugin between rebuilds and every rebuild must show the editor's last save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
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
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hotline_site import project as app
from hotline_site.content.addresses import DOWNLOADS_DIR
from hotline_site.content.campaign import Campaign
from hotline_site.content.problems import ContentError
from hotline_site.content.store import cached
from hotline_site.project import (
    SOCIAL_DIR,
    WORD_FILES,
    Card,
    Printables,
    PrintablesError,
    Project,
    Settings,
    card_filename,
)
from hotline_site.web import exit_page, meta, navigation, not_found, redirects
from hotline_site.web import markdown as markdown_text
from hotline_site.web.generated import write_generated
from hotline_site.web.pages import IMAGES_DIR, STYLESHEET, fill_figures, generate_pages
from hotline_site.web.search import nfc, split_search_index
from hotline_site.web.settings import DEFAULT_CACHE, DEFAULT_CAMPAIGN, languages_of, make_settings
from hotline_site.web.wayfinding import (
    AUDIENCE_CHOICE,
    AUDIENCE_LINKS,
    audience_choice,
    audience_links,
)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class HotlinePluginConfig(Config):
    campaign = config_options.Type(str, default=DEFAULT_CAMPAIGN)
    """The campaign folder, relative to mkdocs.yml."""
    printables = config_options.Type(bool, default=True)
    """Render the PDFs (switch off for a quick preview of the pages)."""
    social_cards = config_options.Type(bool, default=True)
    """Render a social card (og:image) per page and language."""
    cache_dir = config_options.Type(str, default=DEFAULT_CACHE)
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


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""Host names ``make serve`` answers (with or without a port)."""


def local_hosts_only(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI app answering ``app`` for a request to this computer's names, and 421 for
    any other ``Host`` header (a rebinding name, or none)."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST", "").strip().lower()
        name = host if host.startswith("[") and host.endswith("]") else host.rsplit(":", 1)[0]
        if host.startswith("[") and "]:" in host:
            name = host.split("]:", 1)[0] + "]"
        if name in LOCAL_HOSTS:
            return app(environ, start_response)
        start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"This preview answers only http://127.0.0.1 and http://localhost.\n"]

    return guarded


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
        self.search_first: dict[str, str] = {}
        """Page location -> the heading of its section search puts first (front matter
        ``search_first``, web/search.py)."""

    @property
    def campaign(self) -> Campaign:
        assert self.project is not None
        return self.project.campaign

    @event_priority(100)  # before mkdocs-static-i18n, which reads the navigation
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.mdx_configs.setdefault("toc", {})["slugify"] = markdown_text.slugify  # "đ" as d
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the hotline plugin needs the i18n plugin (mkdocs-static-i18n)")
        if not getattr(i18n, "building", False):  # a new build, not a language pass of one
            self.settings = self._settings(config, i18n)
            try:
                self.project = app.load(self.settings)
                # The safety rules, as ``make check`` (project.check) applies them; the
                # figures of each page are checked as it is read (on_page_markdown).
                problems = app.rule_problems(self.project, self.settings)
                if problems:
                    raise ContentError(problems)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self.generated = False
            self.cards = {}
            self.search_first = {}
            if self.original_nav is None:
                self.original_nav = config.nav
                config.site_name = nfc(config.site_name)
                config.site_description = nfc(config.site_description or "") or None
                config.extra_css.insert(0, STYLESHEET)
        try:
            config.nav = navigation.with_material_sections(self.original_nav, self.campaign)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        return config

    def _settings(self, config: MkDocsConfig, i18n: Any) -> Settings:
        root = Path(config.config_file_path).parent
        entries = [
            {"locale": lang.locale, "default": lang.default} for lang in i18n.config.languages
        ]
        return make_settings(
            root,
            languages=languages_of(entries),
            campaign=self.config.campaign,
            cache_dir=self.config.cache_dir,
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or "",
            printables=self.config.printables,
        )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        # Rebuild when an editor saves a campaign file or the site's words, not only a
        # page in docs/.
        server.watch(str(self.campaign.root))
        for words in WORD_FILES:
            server.watch(str(words))
        # The preview answers this computer's names only: a web page elsewhere whose
        # name resolves to 127.0.0.1 (DNS rebinding) gets no page of the preview.
        server.set_app(local_hosts_only(server.get_app()))
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
        language = config.theme["language"]
        title = Markup(page.title or config.site_name).striptags()
        card, social = meta.social(
            self.project_now(),
            language=language,
            site_name=config.site_name,
            title=title,
            description=Markup(
                page.meta.get("description") or config.site_description or ""
            ).striptags(),
            url=page.canonical_url or urljoin(config.site_url or "/", page.url),
            page_url=page.url,
            site_url=config.site_url or "/",
        )
        self.cards[card_filename(page.url)] = card
        context["social"] = social  # type: ignore[typeddict-unknown-key]
        return context

    def on_pre_template(self, template: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == not_found.PAGE:
            not_found.language_menu(config)
        return template

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        return navigation.without_blank_lines(exit_page.first_in_body(output))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if template_name != not_found.PAGE or self.project is None:
            return output_content
        output = navigation.without_blank_lines(exit_page.first_in_body(output_content))
        return not_found.one_per_language(output, config, self.campaign.languages)

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Any) -> str:
        # Hand-written pages may be saved in NFD (macOS, some Vietnamese keyboards): the page
        # and the search index get NFC, as the campaign's YAML does (yamlsource.py).
        markdown = nfc(markdown)
        heading = page.meta.get("search_first")
        if isinstance(heading, str):
            self.search_first[page.url] = nfc(heading)
        if AUDIENCE_LINKS in markdown and self.campaign is not None:
            links = audience_links(self.campaign, config.theme["language"], page=page.file.src_uri)
            markdown = markdown.replace(AUDIENCE_LINKS, links)
        if AUDIENCE_CHOICE in markdown and self.campaign is not None:
            language = config.theme["language"]
            choice = audience_choice(self.campaign, language, page=page.file.src_uri)
            markdown = markdown.replace(AUDIENCE_CHOICE, choice)
        assert self.project is not None
        problem = app.page_problem(self.project, markdown)
        if problem:  # the same check and words as ``make check`` (project.check)
            raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: {problem}")
        markdown = markdown_text.whole_words_in_headings(markdown)  # break between words
        return fill_figures(markdown, self.project.figures, config.theme["language"])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin between the rebuilds of `mkdocs serve`;
        # on_config loads the project again at the start of each.
        HotlinePlugin.serving = command == "serve"

    def project_now(self) -> Project:
        assert self.project is not None
        return self.project

    def _settings_now(self) -> Settings:
        assert self.settings is not None
        return self.settings

    def _cache(self) -> Path:
        cache = self._settings_now().cache_dir
        assert cache is not None  # the plugin always has one (_settings)
        return cache

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
        redirects.write_short_links(
            self.campaign, site_dir, directory_urls=config.use_directory_urls
        )
        if self.config.social_cards:
            app.render_social_cards(self.cards, self._settings_now(), site_dir / SOCIAL_DIR)
        if HotlinePlugin.serving:
            redirects.offline_kit_for_preview(self._cache(), site_dir)
        if (site_dir / "search" / "search_index.json").is_file():
            try:
                counts = split_search_index(site_dir, self.campaign.languages, self.search_first)
            except ValueError as exc:
                raise PluginError(str(exc)) from None
            log.info("Search: one index per language %s", counts)

    @event_priority(-200)  # after mkdocs-static-i18n has picked this language's pages
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Any) -> Navigation:
        return navigation.audience_titles(nav, self.campaign, config.theme["language"])
