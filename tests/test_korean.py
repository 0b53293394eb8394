"""A third language by configuration: Korean for the hotel guests' room card and lobby poster.

The two materials declare ``languages: [ko]``; their Korean text came through the
translation round trip (recorded as unreviewed); the printables gain a Korean
version drawn with Noto Sans KR, embedded and subset.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import ROOT, Project, make_project, need_tool, site_of
from pypdf import PdfReader

from hotline_site.content import translations
from hotline_site.content.yamlfile import load_yaml
from hotline_site.print.edition import edition_date
from hotline_site.project import load_folder

KOREAN = ("hotels-room-card", "hotels-lobby-poster")
HANGUL = re.compile("[\uac00-\ud7a3]")


def test_only_the_guest_materials_declare_korean() -> None:
    campaign = load_folder(ROOT / "campaigns" / "hotline-111", ("vi", "en")).campaign
    declared = {m.id for m in campaign.materials if "ko" in m.languages}
    assert declared == set(KOREAN)
    assert campaign.extra_languages == ("ko",)
    for material_id in KOREAN:
        material = campaign.material(material_id)
        assert material.audience == "hotels" and material.bilingual
        assert HANGUL.search(material.title["ko"])


def test_korean_came_through_the_round_trip_and_is_unreviewed() -> None:
    project = translations.Project.at(ROOT, *site_of(ROOT))
    state = translations.load_state(project)["ko"]
    for unit in translations.units(project):
        if "ko" in unit.texts:
            assert state[unit.id]["translation"] == unit.texts["ko"], unit.id
            assert state[unit.id]["reviewed"] is False, unit.id
            assert not translations.is_stale(unit, "ko", {"ko": state}), unit.id


def test_korean_printables_are_built_in_korean_with_an_embedded_korean_font(
    real_project: Project,
) -> None:
    downloads = real_project.site / "downloads"
    korean = sorted(path.name for path in downloads.glob("*-ko-*.pdf"))
    assert korean == [
        "hotels-lobby-poster-ko-a3-print.pdf",
        "hotels-lobby-poster-ko-a3.pdf",
        "hotels-lobby-poster-ko-a4-print.pdf",
        "hotels-lobby-poster-ko-a4.pdf",
        "hotels-room-card-ko-a4-print.pdf",
        "hotels-room-card-ko-a4.pdf",
    ]
    for name in korean:
        reader = PdfReader(downloads / name)
        assert len(reader.pages) == 1, name
        assert reader.trailer["/Root"]["/Lang"] == "ko", name
        fonts = {}
        for font in reader.pages[0]["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = descriptor.get_object()
        korean_fonts = [n for n in fonts if "NotoSansKR" in n]
        assert len(korean_fonts) == 1, (name, list(fonts))
        assert re.fullmatch(r"/[A-Z]{6}\+NotoSansKR-Regular.*", korean_fonts[0])  # subset
        assert "/FontFile3" in fonts[korean_fonts[0]]  # embedded (CFF)
        assert all(re.match(r"/[A-Z]{6}\+NotoSans", n) for n in fonts), fonts  # no other font


def test_korean_text_is_all_there_and_breaks_only_between_words(real_project: Project) -> None:
    """Every Korean word of the room card is on the sheet, whole: lines break at spaces."""
    source = load_yaml(ROOT / "campaigns/hotline-111/materials/hotels-room-card.yml").data
    campaign = load_yaml(ROOT / "campaigns/hotline-111/campaign.yml").data
    labels = load_yaml(ROOT / "hotline_site/content/labels.yml").data
    texts = [source["title"]["ko"], campaign["tagline"]["ko"], labels["print.call_line"]["ko"]]
    texts.append(campaign["name"]["ko"])  # the issuer, beside the campaign's logo
    # The small print: the edition's date, written the Korean way.
    texts.append(labels["print.edition"]["ko"].format(date=edition_date(campaign["edition"], "ko")))
    for section in [*source["sections"], *source["back"]]:
        texts += [section[key]["ko"] for key in ("heading", "text") if key in section]
    words = {w for text in texts for w in text.replace("**", "").split() if HANGUL.search(w)}
    pdftotext = need_tool("pdftotext", "poppler-utils", "the Korean line-break test")
    pdf = real_project.site / "downloads" / "hotels-room-card-ko-a4.pdf"
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = {w for line in text.splitlines() for w in line.split() if HANGUL.search(w)}
    # Both faces, the back upside down; a word cut between syllables would be two words.
    assert words == printed, (sorted(words - printed), sorted(printed - words))
    assert "\u2060" not in text and "의심되나요?" in text  # copy and search work


def test_the_material_page_offers_the_korean_files(real_project: Project) -> None:
    for page, name in (("", "Tiếng Hàn"), ("en/", "Korean")):
        html = real_project.html(f"{page}materials/hotels/hotels-room-card/index.html")
        item = html.split('<li data-language="ko" data-variant="office">', 1)[1].split("</li>")[0]
        assert 'href="../../../' in item and "hotels-room-card-ko-a4.pdf" in item
        assert f'<span class="download-list__language">{name}</span>' in item


def test_a_declared_language_needs_every_text(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    poster = project.campaign / "materials" / "poster.yml"
    poster.write_text(poster.read_text() + "languages: [ko]\n")
    result = project.build()
    assert result.returncode != 0
    assert "poster.yml" in result.stderr
    assert "missing or empty text in language 'ko'" in result.stderr


def test_a_declared_language_needs_the_campaign_and_print_labels(tmp_path: Path) -> None:
    """The material's own texts are complete; what its printables also use is named."""
    project = make_project(tmp_path)
    card = ROOT / "campaigns/hotline-111/materials/hotels-room-card.yml"
    copy = project.campaign / "materials" / "hotels-room-card.yml"
    copy.write_text(card.read_text(encoding="utf-8"), encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    for field in ("name", "tagline", "audiences.hotels.title"):
        assert f"campaign.yml: {field}: needs its text in 'ko'" in result.stderr, result.stderr


def test_a_site_language_cannot_be_declared_again(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    poster = project.campaign / "materials" / "poster.yml"
    poster.write_text(poster.read_text() + "languages: [en]\n")
    result = project.build()
    assert result.returncode != 0
    assert "en already listed: languages holds only languages beyond the site's" in (result.stderr)
