"""The printables of a campaign: plan every PDF, render what the cache lacks, zip the kits.

:func:`print_campaign` gives a :class:`Printables`: the download records the pages
list (material, audience, kind, language, paper, file name, size in kB), the ZIP
kits, and the file name under ``downloads/`` -> the rendered file in the cache. A
printable that cannot be made (a text that does not fit its frame, a sheet with the
wrong page count) is a :class:`PrintablesError`: one problem each, on the material's
YAML file (``stats.yml`` for the infographic), in the renderer's words.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hotline_site.content.addresses import DownloadFile, Kit
from hotline_site.content.campaign import Campaign, shown_path
from hotline_site.content.labels import Labels
from hotline_site.content.problems import ContentError, Problem
from hotline_site.print.kits import build_kits
from hotline_site.print.plan import PrintJob, draft_reason, plan_print_jobs
from hotline_site.print.render import default_workers, render_all
from hotline_site.stats.figures import Figures

log = logging.getLogger("mkdocs.plugins.hotline_site.project")
STATS_FILE = "stats.yml"
"""The campaign's figures: the file the infographic is made from."""


@dataclass(frozen=True)
class Printables:
    """Every PDF, preview and kit of a build, as the pages list them."""

    downloads: list[DownloadFile]
    kits: list[Kit]
    published: dict[str, Path] = field(default_factory=dict)
    """File name under ``downloads/`` -> the rendered file in the cache."""


def print_campaign(
    campaign: Campaign, labels: Labels, figures: Figures, *, site_url: str, cache_dir: Path
) -> Printables:
    """Plan every printable of ``campaign``, render what ``cache_dir`` lacks (on every
    core) and zip the kits. Raises :class:`PrintablesError` naming each printable that
    failed, as a problem of its material's file (the others stay in the cache)."""
    jobs = plan_print_jobs(campaign, labels, figures, site_url=site_url)
    reason = draft_reason(site_url)
    if reason:
        log.info("Printables: %s", reason)
    started = time.monotonic()
    report = render_all(jobs, cache_dir, workers=default_workers())
    if report.errors:
        raise PrintablesError([_print_problem(campaign, error, jobs) for error in report.errors])
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
    kits = build_kits(campaign, downloads, published, cache_dir, draft=reason is not None)
    return Printables(downloads, kits, published)


def _print_problem(campaign: Campaign, error: str, jobs: Sequence[PrintJob]) -> Problem:
    """A renderer's message (``material 'x' (x-vi-a4.pdf): …``) as a problem of the file
    the material is written in (``stats.yml`` for the infographic)."""
    root = campaign.root
    for job in jobs:
        if error.startswith(f"material '{job.material_id}' ({job.filename})"):
            source = campaign.sources.get(job.material_id, root / STATS_FILE)
            return Problem(shown_path(source, root), None, None, error)
    return Problem(shown_path(root, root), None, None, error)


class PrintablesError(ContentError):
    """Some printables failed to render: a problem each, naming the material's file,
    the printable and why."""
