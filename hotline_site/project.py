"""The composition root: settings -> load once -> check once -> make printables.

``make site`` (through the MkDocs plugin), ``make check``, ``make bench`` and the
tests all go through here, so they refuse exactly the same content in the same
words. This module knows the content, the statistics and the printables; it
knows nothing of MkDocs (``hotline_site.web.settings`` reads ``mkdocs.yml`` into
:class:`Settings`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hotline_site.content.addresses import DownloadFile, Kit
from hotline_site.content.campaign import Campaign, load_campaign, shown_path
from hotline_site.content.labels import LABELS_FILE, Labels, load_labels, load_labels_cached
from hotline_site.content.passages import Passage, yaml_passages
from hotline_site.content.pictures import MAX_RASTER_BYTES
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.rules import check_rules
from hotline_site.content.schema import CONTENT_SCHEMAS, SchemaFile
from hotline_site.content.store import cached, digest_of
from hotline_site.print import social
from hotline_site.print.fonts import charset
from hotline_site.print.kits import build_kits, kits_fingerprint
from hotline_site.print.plan import draft_reason, missing_print_texts, plan_print_jobs
from hotline_site.print.render import (
    default_workers,
    publish_files,
    render_all,
    renderer_fingerprint,
)
from hotline_site.stats.figures import FigureNames, FigureRules, Figures
from hotline_site.stats.model import Statistics, load_statistics
from hotline_site.stats.summary import STATS_PAGE
from hotline_site.stats.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

log = logging.getLogger("mkdocs.plugins.hotline_site.project")

STATS_FILE = "stats.yml"
GENERATED_MANIFEST = ".generated.json"
"""In ``docs/``: the pages the build writes there (``web.generated`` keeps it)."""
SCHEMAS: tuple[SchemaFile, ...] = (
    *CONTENT_SCHEMAS,
    SchemaFile("stats", Statistics, ("campaigns/*/stats.yml",), "Hotline statistics"),
    SchemaFile(
        "statistics-vocabulary",
        Vocabulary,
        ("hotline_site/stats/vocabulary.yml",),
        "Statistics vocabulary",
    ),
)
"""Every schema ``make schema`` writes, one line each."""
Card = social.Card
card_filename = social.card_filename
og_locale = social.og_locale
SOCIAL_DIR = social.SOCIAL_DIR
__all__ = ["SOCIAL_DIR", "Card", "Project", "Settings", "card_filename", "og_locale"]


@dataclass(frozen=True)
class Settings:
    """What a build is given: where things are and how the site is published.

    Read from ``mkdocs.yml`` by ``hotline_site.web.settings`` (its one reader)."""

    root: Path
    """The project folder (the one holding ``mkdocs.yml``)."""
    languages: tuple[str, ...]
    """The site's languages, the default (Vietnamese) first."""
    campaign: Path
    """The campaign folder (``campaigns/hotline-111``), absolute."""
    cache_dir: Path | None
    """Rendered PDFs, previews, social cards and loaded campaigns, by content hash
    (``None``: load without a cache, render nothing)."""
    docs_dir: Path | None = None
    """Hand-written pages (``docs/``); generated pages go into a folder inside it."""
    site_url: str = ""
    """Where the site is published; printed addresses and QR codes lead there."""
    printables: bool = True
    """Render the PDFs (off for a quick preview of the pages)."""


@dataclass(frozen=True)
class Project:
    """One campaign, loaded and checked: content, figures and site words together."""

    campaign: Campaign
    labels: Labels
    stats: Statistics | None
    """The hotline's figures (``stats.yml``), if the campaign has them."""
    vocabulary: Vocabulary
    """What the figures are: services, measures, breakdowns (``stats/vocabulary.yml``)."""
    digest: str
    """SHA-256 of everything the project was loaded from, to key what is made from it."""

    @property
    def figures(self) -> Figures:
        return Figures(self.stats, self.vocabulary, self.labels)

    @property
    def figure_names(self) -> FigureNames:
        return FigureNames(self.vocabulary)


@dataclass(frozen=True)
class Printables:
    """Every PDF, preview and kit of a build, as the pages list them."""

    downloads: list[DownloadFile]
    kits: list[Kit]
    published: dict[str, Path] = field(default_factory=dict)
    """File name under ``downloads/`` -> the rendered file in the cache."""


def settings_for(
    campaign: Path,
    languages: Sequence[str] = ("vi", "en"),
    *,
    cache_dir: Path | None = None,
    site_url: str = "",
) -> Settings:
    """Settings for a campaign folder alone (the tests, ``make bench``): no pages of
    ``docs/``, no cache unless ``cache_dir`` is given."""
    return Settings(
        root=campaign.parent.parent,
        languages=tuple(languages),
        campaign=campaign,
        cache_dir=cache_dir,
        site_url=site_url,
    )


WORD_FILES = (LABELS_FILE, VOCABULARY_FILE)
"""The site's words outside the campaign: part of the project, watched by ``make serve``."""


def load_folder(campaign: Path, languages: Sequence[str] = ("vi", "en")) -> Project:
    """:func:`load` of a campaign folder alone, without a cache."""
    return load(settings_for(campaign, languages))


def load(settings: Settings) -> Project:
    """The campaign, its figures and the site's words, validated; kept in the cache
    under a hash of everything they are read from.

    Raises :class:`ContentError` naming every problem (file, line, field, what was
    expected): in the YAML, in ``stats.yml``, in the figures a text shows, in
    characters the print fonts lack, in labels the printables need.
    """
    root = settings.campaign.resolve()
    files = [root, *sorted(root.rglob("*"))]
    too_big = [
        Problem(
            shown_path(path, root),
            None,
            None,
            f"is larger than {MAX_RASTER_BYTES // 2**20} MB, more than any picture or content "
            "file may be; move it out of the campaign folder",
        )
        for path in files
        if path.is_file() and path.stat().st_size > MAX_RASTER_BYTES
    ]
    if too_big:  # refused before anything reads it (the digest would read it whole)
        raise ContentError(too_big)
    fonts = charset()
    # The site's words (labels, the statistics' vocabulary) are in the project too: an
    # edit to them under ``make serve`` must not give back the project cached before it.
    digest = digest_of([*files, *WORD_FILES], settings.languages, sorted(fonts), "project")

    def make() -> Project:
        return _load(root, settings, fonts, digest)

    if settings.cache_dir is None:
        return make()
    project = cached(settings.cache_dir, "project", digest, Project, make)
    return dataclasses.replace(project, digest=digest)


def _load(root: Path, settings: Settings, fonts: frozenset[int], digest: str) -> Project:
    languages = settings.languages
    vocabulary = load_vocabulary(languages)
    problems: list[Problem] = []
    stats = None
    rules: FigureRules | None = None
    if (root / STATS_FILE).is_file():
        try:
            stats = load_statistics(
                root / STATS_FILE, vocabulary, display_path=shown_path(root / STATS_FILE, root)
            )
        except ContentError as exc:
            problems.extend(exc.problems)
    if not problems:
        rules = FigureRules(FigureNames(vocabulary), Figures(stats, vocabulary))
    try:
        campaign = load_campaign(root, languages=languages, figures=rules, charset=fonts)
    except ContentError as exc:
        raise ContentError([*problems, *exc.problems]) from None
    if problems:
        raise ContentError(problems)
    optional = campaign.extra_languages
    labels = (
        load_labels(languages, optional=optional)
        if settings.cache_dir is None
        else load_labels_cached(settings.cache_dir, languages, optional=optional)
    )
    print_problems = missing_print_texts(campaign, labels)
    if print_problems:
        raise ContentError(print_problems)
    return Project(campaign, labels, stats, vocabulary, digest)


def page_problem(project: Project, markdown: str) -> str | None:
    """What is wrong with the figures a hand-written page shows, or None.

    Each paragraph is one text: a figure needs its period, and some period of
    ``stats.yml`` must have every figure of a service the paragraph shows.
    """
    names, figures = project.figure_names, project.figures
    for block in markdown.split("\n\n"):
        problem = names.check(block) or figures.problem(block)
        if problem:
            return problem
    return None


def hand_written_pages(docs: Path) -> list[Path]:
    """The pages of ``docs/`` an editor writes (``index.vi.md``): not the ones the build
    generates there (listed in its manifest, and the statistics page)."""
    manifest = docs / GENERATED_MANIFEST
    generated: set[str] = set()
    if manifest.is_file():
        try:
            generated = set(json.loads(manifest.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            generated = set()
    stats = STATS_PAGE.removesuffix(".md")
    return [
        page
        for page in sorted(docs.glob("*.md"))
        if page.name not in generated and page.name.split(".")[0] != stats
    ]


def site_words(languages: Sequence[str]) -> list[Passage]:
    """The site's own words: ``labels.yml``, and the statistics' labels and definitions."""
    return [
        *yaml_passages(LABELS_FILE, f"hotline_site/content/{LABELS_FILE.name}", languages),
        *yaml_passages(
            VOCABULARY_FILE,
            f"hotline_site/stats/{VOCABULARY_FILE.name}",
            languages,
            keys=("label", "short", "definition"),
        ),
    ]


def rule_problems(project: Project, settings: Settings) -> list[Problem]:
    """The safety rules (``content/rules.py``) on the campaign, the hand-written pages and
    the site's words."""
    docs = settings.docs_dir
    pages = hand_written_pages(docs) if docs is not None and docs.is_dir() else []
    return check_rules(
        project.campaign,
        pages=pages,
        pages_dir=docs.name if docs is not None else "docs",
        site_words=site_words(project.campaign.languages),
    )


def check(project: Project, settings: Settings) -> list[Problem]:
    """Everything ``make site`` refuses beyond :func:`load`, without rendering: the
    safety rules (:func:`rule_problems`) and the figures in the pages of ``docs/``."""
    problems = rule_problems(project, settings)
    docs = settings.docs_dir
    if docs is None or not docs.is_dir():
        return problems
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if relative.parts[0].startswith("."):
            continue  # a generated or hidden folder
        problem = page_problem(project, path.read_text(encoding="utf-8"))
        if problem:
            problems.append(Problem(f"{docs.name}/{relative.as_posix()}", None, None, problem))
    return problems


def check_edits(settings: Settings, edits: Mapping[Path, str]) -> list[Problem]:
    """What ``make site`` would refuse once ``edits`` were written, before they are.

    ``edits`` maps files of the campaign folder to their new text (``stats.yml``
    after an import, materials after a translation import). :func:`load` and
    :func:`check` run on a copy of the campaign folder with the edits in it, so an
    import writes nothing the build refuses. Problems name the files as the
    editor knows them (``campaigns/hotline-111/materials/….yml``). Raises
    :class:`ValueError` for a file outside the campaign folder.
    """
    campaign = settings.campaign.resolve()
    with tempfile.TemporaryDirectory(prefix="hotline-check-") as folder:
        root = settings.root.resolve()
        relative = campaign.relative_to(root) if campaign.is_relative_to(root) else campaign.name
        staged = Path(folder) / relative
        shutil.copytree(campaign, staged, symlinks=True)
        for path, text in edits.items():
            (staged / path.resolve().relative_to(campaign)).write_text(text, encoding="utf-8")
        trial = dataclasses.replace(settings, root=Path(folder), campaign=staged, cache_dir=None)
        try:
            return check(load(trial), trial)
        except ContentError as exc:
            return list(exc.problems)


def pages_key(project: Project, settings: Settings, *values: object) -> str:
    """What the generated pages and the downloads are made from: a build that changes
    none of it plans no printable and writes no page again."""
    return digest_of(
        [],
        project.digest,
        renderer_fingerprint() if settings.printables else None,
        kits_fingerprint() if settings.printables else None,
        os.environ.get("SOURCE_DATE_EPOCH"),
        settings.site_url,
        settings.printables,
        str(settings.cache_dir.resolve()) if settings.cache_dir else None,
        *values,
    )


def make_printables(project: Project, settings: Settings) -> Printables:
    """Render every PDF the cache lacks (on every core); the kits of each audience and
    language. Raises :class:`PrintablesError` if any printable failed (the others stay
    in the cache)."""
    if not settings.printables or settings.cache_dir is None:
        return Printables([], [])
    campaign = project.campaign
    jobs = plan_print_jobs(campaign, project.labels, project.figures, site_url=settings.site_url)
    reason = draft_reason(settings.site_url)
    if reason:
        log.info("Printables: %s", reason)
    started = time.monotonic()
    report = render_all(jobs, settings.cache_dir, workers=default_workers())
    if report.errors:
        raise PrintablesError(
            f"{len(report.errors)} printable(s) failed; the others are kept in "
            f"{settings.cache_dir}:\n" + "\n".join(f"  {error}" for error in report.errors)
        )
    log.info(
        "Printables: %d PDFs, %d rendered in %.1f s, %d from the cache",
        len(jobs),
        report.rendered_now,
        time.monotonic() - started,
        report.from_cache,
    )
    published = {item.job.filename: item.pdf for item in report.rendered}
    for item in report.rendered:
        if item.preview is not None:
            published[item.job.filename.removesuffix(".pdf") + ".png"] = item.preview
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
    kits = build_kits(campaign, downloads, published, settings.cache_dir, draft=reason is not None)
    return Printables(downloads, kits, published)


def render_social_cards(cards: Mapping[str, social.Card], settings: Settings, target: Path) -> None:
    """Render the social cards the cache lacks and publish every page's card in ``target``."""
    assert settings.cache_dir is not None, "social cards are kept in the cache"
    started = time.monotonic()
    files, missing = social.render_cards(dict(cards), settings.cache_dir, workers=default_workers())
    publish_files(files, target)
    log.info(
        "Social cards: %d, %d rendered in %.1f s, %d from the cache",
        len(files),
        missing,
        time.monotonic() - started,
        len(files) - missing,
    )


def publish(files: Mapping[str, Path], target: Path) -> None:
    """Copy ``files`` (name -> file) into the folder ``target``, atomically each."""
    publish_files(dict(files), target)


class PrintablesError(Exception):
    """Some printables failed to render; the message names each and why."""
