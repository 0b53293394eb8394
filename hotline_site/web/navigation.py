"""The navigation: one section per audience after the materials overview, its title
in each language (mkdocs-static-i18n gives each language its own navigation)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape
from mkdocs.structure.nav import Navigation, Section

from hotline_site.content.campaign import Campaign
from hotline_site.web.pages import material_page
from hotline_site.web.wayfinding import MATERIALS_DIR, audience_page

NAV_ANCHOR = f"{MATERIALS_DIR}/index.md"
NAV_MATERIALS_MAX = 40
"""An audience with more materials lists only its landing page in the navigation (which
lists every material): with ``navigation.prune`` each of its pages would otherwise carry
a link to every sibling, and a page's weight would grow with the campaign."""


def with_material_sections(nav: list[Any] | None, campaign: Campaign) -> list[Any]:
    """Insert one section per audience right after the materials overview page: its
    landing page and, up to :data:`NAV_MATERIALS_MAX`, its materials.

    Section titles are audience keys here; `audience_titles` puts each language's title in.
    """
    sections = []
    for audience in campaign.audiences():
        materials = campaign.materials_for(audience)
        pages = [material_page(m) for m in materials] if len(materials) <= NAV_MATERIALS_MAX else []
        sections.append({audience: [audience_page(audience), *pages]})
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


_KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def without_blank_lines(html: str) -> str:
    """``html`` without its empty lines, outside ``<pre>`` and ``<textarea>``.

    Material's menu template writes whitespace for every item it prunes
    (``navigation.prune``): 85 % of a page with 5,000 materials was blank lines. A
    line break between tags means what a blank line means, so nothing shown changes."""
    parts = _KEPT.split(html)
    return "".join(
        part if index % 2 else _BLANK_LINES.sub("\n", part) for index, part in enumerate(parts)
    )
