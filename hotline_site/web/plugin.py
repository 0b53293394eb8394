"""The thin MkDocs layer: each event calls ``hotline_site.project`` or a web stage.

mkdocs-static-i18n builds the whole site once more for each extra language and
runs every event again, so the project is loaded and the printables made once
per build: when a build starts (its first ``on_config``), not once per plugin
instance, since ``mkdocs serve`` keeps the plugin between rebuilds and every
rebuild must show the editor's last save. What each stage does is in
``web/stages.py``; this module holds the events and the state between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from mkdocs_static_i18n.reconfigure import ExtendedPlugin as I18nPlugin

from hotline_site import project as app
from hotline_site.content.problems import ContentError
from hotline_site.project import Card, Project, Settings, card_filename
from hotline_site.web import exit_page, meta, navigation, not_found, preview, stages
from hotline_site.web import markdown as markdown_text
from hotline_site.web.pages import STYLESHEET
from hotline_site.web.search import drop_duplicates, nfc
from hotline_site.web.settings import DEFAULT_CACHE, DEFAULT_CAMPAIGN, from_mkdocs

# The i18n plugin's own search deduplication is quadratic in the pages; same result, linear.
I18nPlugin.reconfigure_search_duplicates = lambda plugin, entries: drop_duplicates(
    entries, plugin.build_languages
)


class HotlinePluginConfig(Config):
    campaign = config_options.Type(str, default=DEFAULT_CAMPAIGN)
    """The campaign folder, relative to mkdocs.yml."""
    printables = config_options.Type(bool, default=True)
    """Render the PDFs (switch off for a quick preview of the pages)."""
    social_cards = config_options.Type(bool, default=True)
    """Render a social card (og:image) per page and language."""
    cache_dir = config_options.Type(str, default=DEFAULT_CACHE)
    """Rendered PDFs by content hash, relative to mkdocs.yml (or $HOTLINE_CACHE_DIR)."""


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
        self.words: dict[str, dict[str, str]] = {}
        """Language -> the theme's words (``stages.theme_words``), made once a build."""
        self.search_first: dict[str, str] = {}
        """Page location -> the heading search puts first (front matter ``search_first``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin between the rebuilds of `mkdocs serve`;
        # on_config loads the project again at the start of each.
        HotlinePlugin.serving = command == "serve"

    @event_priority(100)  # before mkdocs-static-i18n, which reads the navigation
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.mdx_configs.setdefault("toc", {})["slugify"] = markdown_text.slugify  # "đ" as d
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the hotline plugin needs the i18n plugin (mkdocs-static-i18n)")
        if not getattr(i18n, "building", False):  # a new build, not a language pass of one
            self.settings = from_mkdocs(config, i18n, self.config)
            try:  # the safety rules too, as ``make check`` applies them
                self.project = app.load(self.settings)
                if problems := app.check(self.project, self.settings):
                    raise ContentError(problems)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self.generated, self.cards, self.search_first = False, {}, {}
            self.words = stages.theme_words(self.project)  # once a build, every language
            if self.original_nav is None:
                self.original_nav = config.nav
                config.site_name = nfc(config.site_name)
                config.site_description = nfc(config.site_description or "") or None
                config.extra_css.insert(0, STYLESHEET)
        try:
            config.nav = navigation.with_material_sections(
                self.original_nav, self._project().campaign
            )
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        return preview.watch(server, self._project())

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.generated:
            return  # a second language pass of the same build
        assert self.settings is not None
        try:
            prebuilt = stages.prebuild(
                self._project(), self.settings, directory_urls=config.use_directory_urls
            )
        except stages.StageError as exc:
            raise PluginError(str(exc)) from None
        self.published = dict(prebuilt.printables.published)
        self.generated = True

    @event_priority(-200)  # after mkdocs-static-i18n has picked this language's pages
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Any) -> Navigation:
        config.extra["words"] = self.words[config.theme["language"]]  # the templates' words
        config.extra["words_by_language"] = self.words
        return navigation.audience_titles(nav, self._project().campaign, config.theme["language"])

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Any) -> str:
        heading = page.meta.get("search_first")
        if isinstance(heading, str):
            self.search_first[page.url] = nfc(heading)
        try:
            return stages.page_markdown(
                self._project(),
                markdown,
                language=config.theme["language"],
                page=page.file.src_uri,
                docs_name=Path(config.docs_dir).name,
            )
        except stages.StageError as exc:
            raise PluginError(str(exc)) from None

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        stages.page_meta(page.meta)  # escaped once, here: the theme prints them raw
        card, social = meta.social_for_page(self._project(), page, config)
        self.cards[card_filename(page.url)] = card
        context["social"] = social  # type: ignore[typeddict-unknown-key]
        return context

    def on_pre_template(self, template: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == not_found.PAGE:
            not_found.language_menu(config)
        return template

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if template_name != not_found.PAGE or self.project is None:
            return output_content
        output = navigation.without_blank_lines(exit_page.first_in_body(output_content))
        return not_found.one_per_language(output, config, self.project.campaign.languages)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        return navigation.without_blank_lines(exit_page.first_in_body(output))

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return  # an extra language pass inside the main one: wait for its end
        assert self.settings is not None
        try:
            stages.finish(
                self._project(),
                self.settings,
                Path(config.site_dir),
                published=self.published,
                cards=self.cards,
                search_first=self.search_first,
                social_cards=self.config.social_cards,
                serving=HotlinePlugin.serving,
                directory_urls=config.use_directory_urls,
            )
        except stages.StageError as exc:
            raise PluginError(str(exc)) from None

    def _project(self) -> Project:
        assert self.project is not None  # on_config loads it before any other event
        return self.project
