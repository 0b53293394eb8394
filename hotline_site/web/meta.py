"""Open Graph and Twitter card data of a page, and the social card it shows."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from hotline_site.project import SOCIAL_DIR, Card, Project, card_filename, og_locale


def social(
    project: Project,
    *,
    language: str,
    site_name: str,
    title: str,
    description: str,
    url: str,
    page_url: str,
    site_url: str,
) -> tuple[Card, dict[str, Any]]:
    """The page's social card (rendered once every language is built) and its card data:
    plain text, escaped by the template. ``title`` and ``description`` are plain text."""
    info = project.campaign.info
    card = Card(
        lang=language,
        site=site_name,
        title=title,
        tagline=info.tagline[language],
        call=project.labels("social.call", language),
        hotline=info.hotline,
        free=project.labels("call_summary", language),
        primary=info.colours.primary.rgb,
        accent=info.colours.accent.rgb,
    )
    data = {
        "title": title,
        "description": description,
        "url": url,
        "image": urljoin(site_url, f"{SOCIAL_DIR}/{card_filename(page_url)}"),
        "image_alt": f"{title} – {site_name}",
        "locale": og_locale(language),
        "alternates": [og_locale(c) for c in project.campaign.languages if c != language],
    }
    return card, data


def social_for_page(project: Project, page: Any, config: Any) -> tuple[Card, dict[str, Any]]:
    """:func:`social` for an MkDocs ``page`` built with ``config``: its title and
    description as plain text (Markup's tags stripped), its address from ``site_url``."""
    return social(
        project,
        language=config.theme["language"],
        site_name=config.site_name,
        title=Markup(page.title or config.site_name).striptags(),
        description=Markup(
            page.meta.get("description") or config.site_description or ""
        ).striptags(),
        url=page.canonical_url or urljoin(config.site_url or "/", page.url),
        page_url=page.url,
        site_url=config.site_url or "/",
    )
