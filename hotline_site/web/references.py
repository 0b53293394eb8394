"""A material page's references: the public reports behind its institutional and legal
claims (its ``sources:``), each a link with its publisher and the day an editor read it."""

from __future__ import annotations

import datetime as dt

from hotline_site.content.labels import Labels
from hotline_site.content.model import Material
from hotline_site.stats.figures import date_text
from hotline_site.web import markdown


def references(material: Material, labels: Labels, language: str) -> list[str]:
    """Markdown lines: a ``Nguồn`` / ``Sources`` heading and one item per source."""
    if not material.sources:
        return []
    lines = [f"## {labels('references', language)}", ""]
    for source in material.sources:
        read = date_text(dt.date.fromisoformat(source.accessed), labels, language)
        about = labels("reference_about", language, publisher=source.publisher, accessed=read)
        lines.append(f"- {markdown.link(source.title, source.url)} ({markdown.text(about)})")
    return [*lines, ""]
