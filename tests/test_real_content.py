"""The shipped campaign builds with `mkdocs build --strict` and no warning, and reads well."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from conftest import ROOT, Project

from hotline_site.content.campaign import Campaign
from hotline_site.project import load_folder

CAMPAIGN = ROOT / "campaigns" / "hotline-111"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_folder(CAMPAIGN, ["vi", "en"]).campaign


def test_real_content_builds_strict_without_warning(real_project: Project) -> None:
    project = real_project
    assert (project.site / "index.html").is_file()
    assert (project.site / "en" / "index.html").is_file()
    campaign = load_folder(project.campaign, ["vi", "en"]).campaign
    for material in campaign.materials:
        page = f"materials/{material.audience}/{material.id}/index.html"
        assert (project.site / page).is_file()
        assert (project.site / "en" / page).is_file()


def test_the_hotline_page_shows_its_references(real_project: Project) -> None:
    """Who runs 111 (issue 23) is stated with its sources, as links, in both languages."""
    for prefix, heading in (("", "Nguồn"), ("en/", "Sources")):
        html = (real_project.site / prefix / "hotline" / "index.html").read_text(encoding="utf-8")
        assert f">{heading}</h2>" in html or f">{heading}<" in html, prefix
        for address in ("baomoi.net.vn/tong-dai-111", "vnexpress.net/bo-y-te-co-20-don-vi"):
            assert f'href="https://{address}' in html, (prefix, address)


def test_a_material_page_shows_the_sources_of_its_claims(real_project: Project) -> None:
    """The leaflet names the Ministry of Health and Decree 162/2025: its page lists each
    report as a link, with its publisher and the day it was read, in both languages."""
    campaign = load_folder(real_project.campaign, ["vi", "en"]).campaign
    leaflet = campaign.material("community-leaflet")
    assert leaflet.sources
    page = "materials/community/community-leaflet/index.html"
    for prefix, heading, read in (
        ("", "Nguồn", "truy cập ngày 04/12/2026"),
        ("en/", "Sources", "accessed 4 December 2026"),
    ):
        html = (real_project.site / prefix / page).read_text(encoding="utf-8")
        assert f">{heading}</h2>" in html, prefix
        for source in leaflet.sources:
            assert f'href="{source.url}"' in html, (prefix, source.url)
        assert read in html, prefix
    poster = (real_project.site / "materials/schools/schools-poster/index.html").read_text(
        encoding="utf-8"
    )
    assert ">Nguồn</h2>" not in poster  # a material that makes no such claim lists none


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_every_string_is_nfc(campaign: Campaign) -> None:
    # The loader normalises; check the files themselves so the repository stays clean.
    for path in sorted(CAMPAIGN.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path


def test_every_audience_has_materials(campaign: Campaign) -> None:
    assert campaign.audiences() == ["schools", "hotels", "books", "community"]


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    return []


NUMBER = re.compile(r"(?<!under )(?<!aged )(?<![\d.,])(?:\d[\d.,]*\d|\d)(?! tuổi)(?![\d.,])")
"""A number in a text; an age ("dưới 16 tuổi", "under 16") is not a figure."""


def test_no_figure_is_typed_into_a_material(campaign: Campaign) -> None:
    """Statistics come from stats.yml through {placeholders}, never typed by hand."""
    stats = load_folder(CAMPAIGN, ["vi", "en"]).stats
    assert stats is not None
    figures: set[float] = set()
    for _service, period in stats.values():
        for figure in period.figures.values():
            figures.add(figure.value)
        for split in period.breakdowns.values():
            figures.update(split.values.values())
    figures.discard(111)  # the hotline number itself
    for material in campaign.materials:
        for text in _strings(material.model_dump(exclude={"sources"})):  # addresses, not text
            for number in re.findall(NUMBER, text):
                plain = number.replace(".", "").replace(",", "") if len(number) > 4 else number
                value = float(plain.replace(",", "."))
                assert value not in figures or value < 10, (material.id, number, text)


SERVICE_WORDS = {
    "trafficking": {"vi": "mua bán người", "en": "trafficking"},
    "child_protection": {"vi": "bảo vệ trẻ em", "en": "child protection"},
}


def test_every_text_with_a_figure_names_its_line_in_words(campaign: Campaign) -> None:
    """111 is two services: a sentence with a figure says which one, in its own words."""
    texts: list[tuple[str, str, str]] = []
    for material in campaign.materials:
        data = material.model_dump()
        texts += [(material.id, language, value) for language, value in _texts(data)]
    for page in (ROOT / "docs").glob("*.md"):
        language = page.suffixes[-2].lstrip(".")
        for block in page.read_text(encoding="utf-8").split("\n\n"):
            texts.append((page.name, language, block))
    shown = 0
    for where, language, text in texts:
        for service, words in SERVICE_WORDS.items():
            if "{" + service + "." in text:
                shown += 1
                assert words[language] in text, (where, language, text)
    assert shown >= 6  # home page, leaflet and staff briefing, in both languages


def _texts(data: object) -> list[tuple[str, str]]:
    if isinstance(data, dict):
        if {"vi", "en"} <= set(data) and all(isinstance(v, str) for v in data.values()):
            return [(language, data[language]) for language in ("vi", "en")]
        return [item for value in data.values() for item in _texts(value)]
    if isinstance(data, list):
        return [item for value in data for item in _texts(value)]
    return []
