"""Files the site gets beside its pages: short links for QR codes, and under
``mkdocs serve`` the offline kit of the last full build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from hotline_site.content.addresses import DOWNLOADS_DIR, OFFLINE_KIT, redirect_page, short_path
from hotline_site.content.campaign import Campaign
from hotline_site.web.pages import material_page

log = logging.getLogger("mkdocs.plugins.hotline_site.web.redirects")


def write_short_links(campaign: Campaign, site_dir: Path, *, directory_urls: bool = True) -> None:
    """``/m/<id>/`` (and ``/<lang>/m/<id>/``): redirects to each material's page.

    QR codes and printed addresses use these; former ids (``redirect_from``) too. Without
    directory URLs (the offline kit, read from a disk) they lead to the page's file.
    """
    languages = campaign.languages
    for material in campaign.materials:
        stem = material_page(material).removesuffix(".md")
        page = stem + "/" if directory_urls else stem + ".html"
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


def offline_kit_for_preview(cache_dir: Path, site_dir: Path) -> None:
    """Under ``mkdocs serve``: the offline kit of the last ``make site``, so its link works.

    Building the kit takes a second whole build; the preview reuses the newest one in
    the cache (it may lag behind the pages being edited).
    """
    target = site_dir / DOWNLOADS_DIR / OFFLINE_KIT
    kits = sorted(cache_dir.glob("offline-site-*.zip"), key=lambda path: path.stat().st_mtime)
    if target.exists() or not kits:
        if not kits:
            log.info("Offline kit: none built yet; `make site` builds %s", OFFLINE_KIT)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(kits[-1], target)
    log.info("Offline kit: the one of the last `make site` (%s)", kits[-1].name)
