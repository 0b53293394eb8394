"""Institutional and legal claims, and the public reports they rest on.

A text that names an institution or a law (:data:`CLAIM`: a ministry, a department, a
law, a decree, the organisation that launched a line) needs its sources: ``sources:``
in its own material or in ``campaign.yml`` (:func:`claims_have_sources`; the campaign's
list does not cover a material), a ``## Nguồn`` list of links in a hand-written page
(:func:`pages_list_sources`). A decree, circular or official letter named by its number
needs a source whose title, address or ``supports`` names that number. ``rules.py``
runs both with the safety rules, so ``make check`` and ``make site`` refuse the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from hotline_site.content.campaign import Campaign
from hotline_site.content.model import Source
from hotline_site.content.passages import (
    Passage,
    campaign_passages,
    line_at,
    line_in,
    material_passages,
    without_references,
)
from hotline_site.content.problems import Problem

CLAIM = re.compile(
    r"\bBộ (?:[A-ZĐ]|luật\b)|LĐTBXH|BGDĐT|\bCục [A-ZĐ]|\bSở [A-ZĐ]|\bLuật [A-ZĐ]"
    r"|Nghị định|Thông tư \d|Công văn \d|Quyết định \d|Tổ chức Di cư|\bIOM\b"
    r"|\bMinistry\b|\bDecree\b|\bLaws? on\b|Criminal Code|\bDepartment of\b"
    r"|\bCircular \d|Official Letter|Organization for Migration"
)
"""Words that make a text an institutional or legal claim, in Vietnamese and English: a
ministry or department (Bộ …, Cục …, Sở …, Ministry …, Department of …), a law or code
(Luật …, Bộ luật …, Law on …), a decree, circular or official letter, the organisation
that launched a line with a ministry (IOM)."""
NUMBERED_ACT = re.compile(
    r"(?:Nghị định|Thông tư|Công văn|Quyết định|Decree|Circular|Official Letter)(?: số| No\.?)?"
    r" (\d+)(?:/\d{4})?"
)
"""A decree, circular or official letter named by its number (``Nghị định 162/2025``)."""


def claims_have_sources(campaign: Campaign) -> list[Problem]:
    """A text of a material or of ``campaign.yml`` that names an institution or a law
    (:data:`CLAIM`) has its file's ``sources:``; a decree or official letter it names by
    number is named by one of them (title, address or ``supports``)."""
    files: list[tuple[Path, list[Source], list[Passage]]] = [
        (
            campaign.root / "campaign.yml",
            campaign.info.sources,
            [p for p in campaign_passages(campaign) if p.file.endswith("campaign.yml")],
        )
    ]
    for material in campaign.materials:
        files.append(
            (
                campaign.sources[material.id],
                material.sources,
                material_passages(campaign, material),
            )
        )
    problems = []
    for path, sources, passages in files:
        cited = " ".join(f"{s.title} {s.url} {s.supports or ''}" for s in sources)
        for passage in passages:
            claim = CLAIM.search(passage.text)
            if claim is None:
                continue
            if not sources:
                problems.append(
                    Problem(
                        passage.file,
                        line_at(path, passage.loc or ()),
                        passage.field,
                        f"({passage.language}) names {claim.group(0)!r}, an institutional or "
                        "legal claim, but the file lists no sources; add the public reports "
                        "it rests on: sources: [{title: …, publisher: …, url: https://…, "
                        "accessed: 2026-12-04}]",
                    )
                )
                continue
            for act in NUMBERED_ACT.finditer(passage.text):
                if not re.search(rf"(?<!\d){act.group(1)}(?!\d)", cited):
                    problems.append(
                        Problem(
                            passage.file,
                            line_at(path, passage.loc or ()),
                            passage.field,
                            f"({passage.language}) names {act.group(0)!r}, but no source of "
                            f"the file names {act.group(1)}; add the report it rests on, or "
                            f"say which source supports it (supports: …)",
                        )
                    )
    return problems


def pages_list_sources(pages: Iterable[Path], shown_dir: str) -> list[Problem]:
    """A hand-written page that names a ministry, a decree or a law ends with a sources
    heading (``## Nguồn`` / ``## Sources``) listing links: the rule the model applies
    to materials."""
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        body = without_references(text)
        claim = CLAIM.search(body)
        if claim is None:
            continue
        references = text[len(body) :]
        unsourced = [
            act.group(0)
            for act in NUMBERED_ACT.finditer(body)
            if not re.search(rf"(?<!\d){act.group(1)}(?!\d)", references)
        ]
        if references and unsourced:
            problems.append(
                Problem(
                    f"{shown_dir}/{page.name}",
                    line_in(body, body.index(unsourced[0])),
                    None,
                    f"names {unsourced[0]!r}, but no reference under the sources heading "
                    "names its number; add the report it rests on",
                )
            )
        if not references or not re.search(r"\]\(https?://", references):
            problems.append(
                Problem(
                    f"{shown_dir}/{page.name}",
                    line_in(body, claim.start()),
                    None,
                    f"names {claim.group(0)!r}, an institutional or legal claim, but the page "
                    "lists no sources; end it with '## Nguồn' (or '## Sources') and a link to "
                    "each public report it rests on",
                )
            )
    return problems
