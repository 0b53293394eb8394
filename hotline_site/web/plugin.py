"""The thin MkDocs layer: load the campaign, write its pages, add them to the navigation.

Everything MkDocs-specific lives here; the content model, the pages and the
printables know nothing about MkDocs. mkdocs-static-i18n builds the whole site
once more for each extra language and runs every event again, so expensive
work is done once per plugin instance (MkDocs makes a new one for each build,
`mkdocs serve` rebuilds included).
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import time
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

from hotline_site.cache import cached, digest_of
from hotline_site.campaign import Campaign, load_campaign_cached
from hotline_site.errors import ContentError
from hotline_site.labels import Labels, load_labels_cached
from hotline_site.links import redirect_page, short_path
from hotline_site.print.fonts import charset
from hotline_site.print.jobs import draft_reason, missing_print_texts, plan_print_jobs
from hotline_site.print.render import (
    default_workers,
    publish_files,
    render_all,
    renderer_fingerprint,
)
from hotline_site.statistics.figures import FigureNames, Figures
from hotline_site.web.downloads import (
    DOWNLOADS_DIR,
    OFFLINE_KIT,
    DownloadFile,
    Kit,
    build_kit,
    kit_contents,
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
from hotline_site.web.social import (
    SOCIAL_DIR,
    Card,
    card_filename,
    og_locale,
    render_cards,
)

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
    """What one campaign, renderer and configuration give before MkDocs reads the pages,
    kept in the cache (``pages-<sha256>.pickle``) for builds that change none of them."""

    pages: dict[str, str]
    """Generated page (path under docs/) -> its Markdown (``generate_pages``)."""
    published: dict[str, Path]
    """File name under downloads/ -> the PDF, preview or ZIP kit in the printables cache."""
    pdfs: int
    """How many PDFs the downloads list."""

    def complete(self) -> bool:
        """Every published file is still in the cache (someone may have emptied it)."""
        return all(path.is_file() for path in self.published.values())


class HotlinePlugin(BasePlugin[HotlinePluginConfig]):
    serving = False
    """Under ``mkdocs serve`` (set once per process: serve makes a new plugin per rebuild)."""

    def __init__(self) -> None:
        self.campaign: Campaign | None = None
        self.labels: Labels | None = None
        self.generated = False
        self.figures: Figures | None = None
        self.figure_names: FigureNames | None = None
        self.published: dict[str, Path] = {}
        self.original_nav: list[Any] | None = None
        self.cards: dict[str, Card] = {}
        """Social card file name -> card, of every page of every language."""

    @event_priority(100)  # before mkdocs-static-i18n, which reads the navigation
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.campaign is None:
            languages = _site_languages(config)
            root = Path(config.config_file_path).parent / self.config.campaign
            try:
                self.campaign = load_campaign_cached(
                    root, self._cache_dir(config), languages=languages, charset=charset()
                )
                self.labels = load_labels_cached(
                    self._cache_dir(config), languages, optional=self.campaign.extra_languages
                )
                print_problems = missing_print_texts(self.campaign, self.labels)
                if print_problems:
                    raise ContentError(print_problems)
                self.figures = Figures(self.campaign.stats, self.campaign.vocabulary, self.labels)
                self.figure_names = FigureNames(self.campaign.vocabulary)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self.original_nav = config.nav
            config.site_name = nfc(config.site_name)
            config.site_description = nfc(config.site_description or "") or None
            config.extra_css.insert(0, STYLESHEET)
        config.nav = _with_material_sections(self.original_nav, self.campaign)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        # Rebuild when an editor saves a campaign file, not only a page in docs/.
        assert self.campaign is not None
        server.watch(str(self.campaign.root))
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.generated:
            return  # a second language pass of the same build
        assert self.campaign is not None
        cache_dir = self._cache_dir(config)
        # Everything the generated pages and the downloads are made from: a build that
        # changes nothing plans no printable and writes no page again.
        key = digest_of(
            [],
            self.campaign.digest,
            renderer_fingerprint() if self.config.printables else None,
            os.environ.get("SOURCE_DATE_EPOCH"),
            config.site_url,
            config.use_directory_urls,
            self.config.printables,
            str(cache_dir.resolve()),
        )
        made: list[Prebuilt] = []

        def make() -> Prebuilt:
            made.append(self._prebuild(config))
            return made[0]

        # The campaign comes from load_campaign_cached: its digest is always there.
        prebuilt = cached(cache_dir, "pages", key, Prebuilt, make, valid=Prebuilt.complete)
        if not made and self.config.printables:
            log.info(
                "Printables: %d PDFs, 0 rendered in 0.0 s, %d from the cache (unchanged campaign)",
                prebuilt.pdfs,
                prebuilt.pdfs,
            )
        self.published = dict(prebuilt.published)
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
        assert self.campaign is not None and self.labels is not None
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
            call=self.labels("social.call", language),
            hotline=info.hotline,
            free=self.labels("call_summary", language),
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

    def _social_cards(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Render the social cards the cache lacks and publish every page's card."""
        cache_dir = self._cache_dir(config)
        started = time.monotonic()
        cards, missing = render_cards(self.cards, cache_dir, workers=default_workers())
        publish_files(cards, site_dir / SOCIAL_DIR)
        log.info(
            "Social cards: %d, %d rendered in %.1f s, %d from the cache",
            len(cards),
            missing,
            time.monotonic() - started,
            len(cards) - missing,
        )

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
        if template_name != NOT_FOUND or self.campaign is None:
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
        assert self.figures is not None and self.figure_names is not None
        for block in markdown.split("\n\n"):
            problem = self.figure_names.check(block)
            if problem:
                raise PluginError(f"{page.file.src_uri}: {problem}")
        try:
            return fill_figures(markdown, self.figures, config.theme["language"])
        except KeyError as exc:
            raise PluginError(
                f"{page.file.src_uri}: shows figures of {exc.args[0]}, but no period "
                "in stats.yml has all of them"
            ) from None

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        return Path(
            os.environ.get("HOTLINE_CACHE_DIR")
            or Path(config.config_file_path).parent / self.config.cache_dir
        )

    def on_startup(self, *, command: str, dirty: bool) -> None:
        HotlinePlugin.serving = command == "serve"

    def _offline_kit_for_preview(self, config: MkDocsConfig, site_dir: Path) -> None:
        """Under ``mkdocs serve``: the offline kit of the last ``make site``, so its link works.

        Building the kit takes a second whole build; the preview reuses the newest one in
        the cache (it may lag behind the pages being edited).
        """
        target = site_dir / DOWNLOADS_DIR / OFFLINE_KIT
        kits = sorted(
            self._cache_dir(config).glob("offline-site-*.zip"),
            key=lambda path: path.stat().st_mtime,
        )
        if target.exists() or not kits:
            if not kits:
                log.info("Offline kit: none built yet; `make site` builds %s", OFFLINE_KIT)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kits[-1], target)
        log.info("Offline kit: the one of the last `make site` (%s)", kits[-1].name)

    def _prebuild(self, config: MkDocsConfig) -> Prebuilt:
        """Render every PDF the cache lacks, then make the generated pages that list them."""
        assert self.campaign is not None and self.labels is not None
        assert self.figures is not None
        downloads, kits = self._printables(config)
        pages = generate_pages(
            self.campaign,
            self.labels,
            self.figures,
            downloads,
            kits,
            directory_urls=config.use_directory_urls,
        )
        return Prebuilt(pages=pages, published=dict(self.published), pdfs=len(downloads))

    def _printables(self, config: MkDocsConfig) -> tuple[list[DownloadFile], list[Kit]]:
        """Render every PDF the cache lacks; return what the pages should list."""
        if not self.config.printables:
            return [], []
        assert self.campaign is not None and self.labels is not None
        assert self.figures is not None
        jobs = plan_print_jobs(
            self.campaign, self.labels, self.figures, site_url=config.site_url or "/"
        )
        cache_dir = self._cache_dir(config)
        reason = draft_reason(config.site_url or "")
        if reason:
            log.info("Printables: %s", reason)
        started = time.monotonic()
        report = render_all(jobs, cache_dir, workers=default_workers())
        if report.errors:
            raise PluginError(
                f"{len(report.errors)} printable(s) failed; the others are kept in "
                f"{cache_dir}:\n" + "\n".join(f"  {error}" for error in report.errors)
            )
        log.info(
            "Printables: %d PDFs, %d rendered in %.1f s, %d from the cache",
            len(jobs),
            report.rendered_now,
            time.monotonic() - started,
            report.from_cache,
        )
        self.published = {item.job.filename: item.pdf for item in report.rendered}
        self.published.update(
            {
                item.job.filename.removesuffix(".pdf") + ".png": item.preview
                for item in report.rendered
                if item.preview is not None
            }
        )
        downloads = [
            DownloadFile(
                material_id=item.job.material_id,
                audience=item.job.audience,
                kind=item.job.kind,
                language=item.job.language,
                paper=item.job.paper,
                print_shop=item.job.print_shop,
                filename=item.job.filename,
                size_kb=item.size_kb,
            )
            for item in report.rendered
        ]
        kits = []
        for audience in self.campaign.audiences():
            for language in self.campaign.languages:
                contents = kit_contents(downloads, audience, language)
                if not contents:
                    continue
                path = build_kit(self.published, contents, cache_dir)
                filename = f"{self.campaign.slug}-{audience}-{language}.zip"
                self.published[filename] = path
                size_kb = max(1, round(path.stat().st_size / 1024))
                kits.append(Kit(audience, language, filename, size_kb, len(contents)))
        return downloads, kits

    @event_priority(-200)  # after mkdocs-static-i18n has built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return  # an extra language pass inside the main one: wait for its end
        assert self.campaign is not None
        site_dir = Path(config.site_dir)
        publish_files(self.published, site_dir / DOWNLOADS_DIR)
        images = {m.image: self.campaign.root / m.image for m in self.campaign.materials if m.image}
        publish_files(images, site_dir / IMAGES_DIR)
        self._short_links(site_dir)
        if self.config.social_cards:
            self._social_cards(config, site_dir)
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


def _site_languages(config: MkDocsConfig) -> list[str]:
    """The one list of languages: mkdocs-static-i18n's, default language first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("the hotline plugin needs the i18n plugin (mkdocs-static-i18n)")
    languages = [lang.locale for lang in i18n.config.languages if lang.locale != "null"]
    defaults = [lang.locale for lang in i18n.config.languages if lang.default]
    return sorted(languages, key=lambda code: code not in defaults)


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
