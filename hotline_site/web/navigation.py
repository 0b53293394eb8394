"""The navigation: one section per audience after the materials overview, its title
in each language (mkdocs-static-i18n gives each language its own navigation)."""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.structure.nav import Navigation, Section

from hotline_site.content.campaign import Campaign
from hotline_site.web.pages import MATERIALS_DIR, audience_page, material_page

NAV_ANCHOR = f"{MATERIALS_DIR}/index.md"


def with_material_sections(nav: list[Any] | None, campaign: Campaign) -> list[Any]:
    """Insert one section per audience right after the materials overview page.

    Section titles are audience keys here; `audience_titles` puts each language's title in.
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
        raise ValueError(f"mkdocs.yml: nav needs the entry '{NAV_ANCHOR}' (materials go after it)")
    return result


def audience_titles(nav: Navigation, campaign: Campaign, language: str) -> Navigation:
    """Each audience section titled in ``language`` (the sections are keyed by audience)."""
    titles = {
        audience: info.title.get(language, info.title[campaign.languages[0]])
        for audience, info in campaign.info.audiences.items()
    }
    for item in nav.items:
        if isinstance(item, Section) and item.title in titles:
            # The theme prints section titles as HTML: campaign text goes in escaped.
            item.title = escape(titles[item.title])
    return nav
