"""The composition root: settings -> load once -> check once -> make printables.

``make site`` (through the MkDocs plugin), ``make check``, ``make bench`` and the
tests all go through here, so they refuse exactly the same content in the same
words. This module knows the content, the statistics and the printables; it
knows nothing of MkDocs (``hotline_site.web.settings`` reads ``mkdocs.yml`` into
:class:`Settings`).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hotline_site.content.campaign import Campaign, load_campaign, shown_path
from hotline_site.content.labels import LABELS_FILE, Labels, load_labels, load_labels_cached
from hotline_site.content.pages import (
    GENERATED_MANIFEST,
    front_matter_problems,
    hand_written_pages,
)
from hotline_site.content.passages import Passage, yaml_passages
from hotline_site.content.pictures import MAX_RASTER_BYTES
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.rules import check_rules
from hotline_site.content.schema import CONTENT_SCHEMAS, SchemaFile
from hotline_site.content.store import cached, digest_of
from hotline_site.print import social
from hotline_site.print.fonts import charset
from hotline_site.print.kits import kits_fingerprint
from hotline_site.print.plan import missing_print_texts
from hotline_site.print.printables import Printables, PrintablesError, print_campaign
from hotline_site.print.render import (
    default_workers,
    publish_files,
    renderer_fingerprint,
)
from hotline_site.stats.figures import FigureNames, FigureRules, Figures
from hotline_site.stats.model import Statistics, load_statistics
from hotline_site.stats.summary import STATS_PAGE
from hotline_site.stats.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

log = logging.getLogger("mkdocs.plugins.hotline_site.project")

STATS_FILE = "stats.yml"
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
__all__ = [
    "GENERATED_MANIFEST",
    "SOCIAL_DIR",
    "Card",
    "Printables",
    "PrintablesError",
    "Project",
    "Settings",
    "card_filename",
    "og_locale",
]


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


def _pages(settings: Settings) -> list[Path]:
    docs = settings.docs_dir
    if docs is None or not docs.is_dir():
        return []
    return hand_written_pages(docs, generated_stems=[STATS_PAGE.removesuffix(".md")])


def safety_problems(project: Project, settings: Settings) -> list[Problem]:
    """The safety rules (``content/rules.py``) on the campaign, the hand-written pages and
    the site's words."""
    docs = settings.docs_dir
    return check_rules(
        project.campaign,
        pages=_pages(settings),
        pages_dir=docs.name if docs is not None else "docs",
        site_words=site_words(project.campaign.languages),
    )


def page_problems(project: Project, settings: Settings) -> list[Problem]:
    """The hand-written pages of ``docs/``: the figures each shows (:func:`page_problem`,
    one problem a page) and what its front matter promises (``search_first``)."""
    docs = settings.docs_dir
    problems = []
    for path in _pages(settings):
        assert docs is not None
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))  # as MkDocs reads it
        shown = f"{docs.name}/{path.relative_to(docs).as_posix()}"
        problems += front_matter_problems(text, shown)
        problem = page_problem(project, text)
        if problem:
            problems.append(Problem(shown, None, None, problem))
    return problems


def print_problems(project: Project, settings: Settings) -> list[Problem]:
    """What the printables refuse: a text that does not fit its sheet, a page count the
    sheet cannot have. Only Typst knows whether a text fits, so this renders what the
    cache lacks (:func:`make_printables`, kept for ``make site``); nothing when the build
    makes no printables (no cache, or ``printables: false``)."""
    try:
        make_printables(project, settings)
    except PrintablesError as exc:
        return list(exc.problems)
    return []


def check(project: Project, settings: Settings) -> list[Problem]:
    """Everything ``make site`` refuses beyond :func:`load`: the safety rules, the figures
    in the pages of ``docs/`` and the printables that cannot be made. ``make check`` and
    the MkDocs plugin both call this, so they refuse the same content in the same words."""
    problems = [*safety_problems(project, settings), *page_problems(project, settings)]
    if problems:
        return problems  # nothing is rendered from content already refused
    return print_problems(project, settings)


def check_edits(settings: Settings, edits: Mapping[Path, str]) -> list[Problem]:
    """What ``make site`` would refuse once ``edits`` were written, before they are.

    ``edits`` maps files of the campaign folder to their new text (``stats.yml``
    after an import, materials after a translation import). :func:`load` and
    :func:`check` run on a copy of the campaign folder with the edits in it, so an
    import writes nothing the build refuses. Problems name the files as the
    editor knows them (``campaigns/hotline-111/materials/….yml``). Raises
    :class:`ValueError` for a file outside the campaign folder.

    The copy has no cache, so the print stage does not run: a text that would no
    longer fit its sheet is found by the next ``make check`` or ``make site`` (every
    PDF's key holds the figures, so checking it here would render them all again).
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


def printables_key(project: Project, settings: Settings) -> str:
    """What the printables are made from: the project, the renderer (templates, fonts,
    print code), the date they carry and the address they lead to."""
    return digest_of(
        [],
        project.digest,
        renderer_fingerprint(),
        kits_fingerprint(),
        os.environ.get("SOURCE_DATE_EPOCH"),
        settings.site_url,
        "printables",
    )


def make_printables(project: Project, settings: Settings) -> Printables:
    """Every PDF, preview and kit: rendered where the cache lacks them (on every core), or
    as :func:`check` left them. Raises :class:`PrintablesError` naming each printable
    that failed, as problems of its material's file (the others stay in the cache)."""
    cache_dir = settings.cache_dir
    if not settings.printables or cache_dir is None:
        return Printables([], [])
    return cached(
        cache_dir,
        "printables",
        printables_key(project, settings),
        Printables,
        lambda: print_campaign(
            project.campaign,
            project.labels,
            project.figures,
            site_url=settings.site_url,
            cache_dir=cache_dir,
        ),
        valid=lambda made: all(path.is_file() for path in made.published.values()),
    )


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
