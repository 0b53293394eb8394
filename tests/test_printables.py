"""Print-ready PDFs: sizes, pages, fonts, metadata, text, bleed, determinism, cache, errors."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import Project
from pypdf import PdfReader

from hotline_site.campaign import load_campaign
from hotline_site.figures import FIGURE_NAMES
from hotline_site.labels import load_labels
from hotline_site.printables import plan_print_jobs
from hotline_site.render import render_all
from hotline_site.stats import figures

MM = 72 / 25.4  # PDF points per millimetre


def pdf(project: Project, name: str) -> PdfReader:
    return PdfReader(project.site / "downloads" / name)


def size_mm(page: Any, box: str = "mediabox") -> tuple[float, float]:
    rect = getattr(page, box)
    return round(float(rect.width) / MM, 1), round(float(rect.height) / MM, 1)


@pytest.mark.parametrize(
    ("name", "pages", "size"),
    [
        ("lesson-vi-a4.pdf", None, (210, 297)),
        ("worksheet-en-a4.pdf", 1, (210, 297)),
        ("key-vi-a4.pdf", 1, (210, 297)),
        ("poster-vi-a4.pdf", 1, (210, 297)),
        ("poster-en-a3.pdf", 1, (297, 420)),
        ("poster-bilingual-a3.pdf", 1, (297, 420)),
        ("notice-vi-a3.pdf", 1, (297, 420)),
        ("bookmark-vi-50x180mm.pdf", 2, (50, 180)),
    ],
)
def test_page_size_and_count(
    built_project: Project, name: str, pages: int | None, size: tuple[int, int]
) -> None:
    reader = pdf(built_project, name)
    if pages is not None:
        assert len(reader.pages) == pages
    for page in reader.pages:
        assert size_mm(page) == (float(size[0]), float(size[1]))


def test_print_shop_version_adds_bleed_and_keeps_the_trim(built_project: Project) -> None:
    office = pdf(built_project, "poster-vi-a3.pdf").pages[0]
    shop = pdf(built_project, "poster-vi-a3-print.pdf").pages[0]
    assert size_mm(shop) == (297 + 6, 420 + 6)  # 3 mm bleed on every side
    assert size_mm(shop, "trimbox") == size_mm(office) == (297, 420)
    assert size_mm(shop, "bleedbox") == (303, 426)


def test_fonts_are_noto_sans_embedded_and_subset(built_project: Project) -> None:
    for path in sorted((built_project.site / "downloads").glob("*.pdf")):
        fonts = set()
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, f"{path.name}: font not embedded"
                fonts.add(str(font["/BaseFont"]))
        assert fonts, path
        for name in fonts:
            assert re.fullmatch(r"/[A-Z]{6}\+Noto-Sans(-[A-Za-z-]+)?", name), (path.name, name)


def test_metadata_title_language_and_tags(built_project: Project) -> None:
    reader = pdf(built_project, "poster-vi-a4.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "Áp phích <script>alert(1)</script>"
    assert reader.metadata.author == "Chiến dịch thử nghiệm"
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "vi"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert pdf(built_project, "poster-en-a4.pdf").trailer["/Root"]["/Lang"] == "en"


def test_text_is_extractable_with_diacritics(built_project: Project) -> None:
    text = pdf(built_project, "lesson-vi-a4.pdf").pages[0].extract_text()
    assert "Bài học về Tổng đài 111" in text
    assert "Trong 6 tháng đầu năm 2019, tổng đài nhận 764 cuộc gọi." in text
    poster = pdf(built_project, "notice-vi-a4.pdf").pages[0].extract_text()
    assert "Gọi 111: Miễn phí, 24 giờ mỗi ngày" in poster
    assert "Ai cũng có thể gọi 111." in poster


def test_lesson_plan_has_running_header_and_page_numbers(built_project: Project) -> None:
    vi = pdf(built_project, "lesson-vi-a4.pdf")
    en = pdf(built_project, "lesson-en-a4.pdf")
    assert f"Trang 1/{len(vi.pages)}" in vi.pages[0].extract_text()
    assert f"Page 1 of {len(en.pages)}" in en.pages[0].extract_text()


def test_qr_code_links_to_the_material_page_in_the_same_language(tmp_path: Path) -> None:
    from conftest import FIXTURES

    campaign = load_campaign(
        FIXTURES / "campaign", languages=["vi", "en"], placeholders=FIGURE_NAMES
    )
    labels = load_labels(["vi", "en"])
    assert campaign.stats is not None
    jobs = plan_print_jobs(
        campaign, labels, figures(campaign.stats, labels, ("vi", "en")), site_url="https://x.test/"
    )
    by_name = {job.filename: job for job in jobs}
    vi, en = by_name["poster-vi-a4.pdf"], by_name["poster-en-a3.pdf"]
    assert "https://x.test/materials/hotels/poster/" in vi.html
    assert "https://x.test/en/materials/hotels/poster/" in en.html
    # Vector QR with a 4-module quiet zone, 28 mm wide on A4 (at least 25) and 42 on A3.
    assert re.search(r'<svg[^>]*viewBox="0 0 (\d+) \1"', vi.html)
    assert ".qr { width: 28.0mm;" in vi.html and ".qr { width: 42.0mm;" in en.html
    # The hotline digits on A3: 140 pt x 1.414 = 198 pt, about 50 mm tall.
    assert ".number { font-size: 198.0pt;" in en.html


def test_same_content_gives_identical_bytes(tmp_path: Path) -> None:
    """Bytes depend on the content only, not on what the worker rendered before."""
    from conftest import FIXTURES

    campaign = load_campaign(
        FIXTURES / "campaign", languages=["vi", "en"], placeholders=FIGURE_NAMES
    )
    labels = load_labels(["vi", "en"])
    assert campaign.stats is not None
    values = figures(campaign.stats, labels, ("vi", "en"))
    wanted = {
        "poster-vi-a3-print.pdf",
        "lesson-en-a4.pdf",
        "bookmark-vi-50x180mm.pdf",
        "key-vi-a4.pdf",
    }
    jobs = [
        job
        for job in plan_print_jobs(campaign, labels, values, site_url="https://x.test/")
        if job.filename in wanted
    ]
    first = render_all(jobs, tmp_path / "one", workers=1)
    second = render_all(list(reversed(jobs)), tmp_path / "two", workers=1)
    assert not first.errors and not second.errors
    second_bytes = {item.job.filename: item.pdf.read_bytes() for item in second.rendered}
    for item in first.rendered:
        assert item.pdf.read_bytes() == second_bytes[item.job.filename], item.job.filename


def _rendered_count(stderr: str) -> int:
    match = re.search(r"Printables: \d+ PDFs, (\d+) rendered", stderr)
    assert match, stderr
    return int(match.group(1))


def test_cache_renders_only_what_changed(project: Project, tmp_path: Path) -> None:
    env = {"HOTLINE_CACHE_DIR": str(tmp_path / "cache")}
    first = project.built(env)
    total = _rendered_count(first.stderr)
    assert total == len(list((project.site / "downloads").glob("*.pdf")))
    assert _rendered_count(project.built(env).stderr) == 0

    bookmark = project.campaign / "materials" / "bookmark.yml"
    bookmark.write_text(bookmark.read_text().replace("Lời nhắn.", "Lời nhắn mới."))
    # Only the bookmark's PDFs: 2 languages x office and print shop.
    assert _rendered_count(project.built(env).stderr) == 4


def test_a_poster_that_overflows_is_reported(project: Project) -> None:
    project.built()
    before = project.site_fingerprint()
    notice = project.campaign / "materials" / "notice.yml"
    long_text = " ".join(["Ai cũng có thể gọi 111, miễn phí, 24 giờ mỗi ngày."] * 120)
    notice.write_text(
        notice.read_text().replace(
            "{vi: Ai cũng có thể gọi 111., en: Anyone can call 111.}",
            f'{{vi: "{long_text}", en: "Anyone can call 111."}}',
        )
    )
    result = project.build()
    assert result.returncode != 0
    assert "material 'notice' (notice-vi-a4.pdf): the text overflows its sheet" in result.stderr
    assert project.site_fingerprint() == before


def test_a_missing_glyph_is_an_error(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(notice.read_text().replace("Ai cũng có thể gọi 111.", "Ai cũng 漢 gọi 111."))
    result = project.build()
    assert result.returncode != 0
    assert "material 'notice'" in result.stderr and ".notdef glyph" in result.stderr


def test_an_invalid_paper_size_is_reported(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(notice.read_text().replace("kind: poster", "kind: poster\npaper: [B9]"))
    result = project.build()
    assert result.returncode != 0
    assert "materials/notice.yml:4: paper[0]: invalid paper size 'B9'" in result.stderr


def test_custom_trim_size_from_yaml(project: Project) -> None:
    bookmark = project.campaign / "materials" / "bookmark.yml"
    bookmark.write_text(
        bookmark.read_text().replace("kind: bookmark", "kind: bookmark\npaper: [60x200mm]")
    )
    project.built()
    reader = PdfReader(project.site / "downloads" / "bookmark-vi-60x200mm.pdf")
    assert size_mm(reader.pages[0]) == (60, 200)


def test_downloads_are_listed_and_kits_hold_the_pdfs(built_project: Project) -> None:
    library_vi = built_project.html("downloads/index.html")
    library_en = built_project.html("en/downloads/index.html")
    assert 'href="../downloads/poster-bilingual-a3-print.pdf"' in library_vi
    assert 'href="../../downloads/poster-bilingual-a3-print.pdf"' in library_en
    assert "Song ngữ Việt – Anh" in library_vi and "Bilingual Vietnamese–English" in library_en
    assert re.search(r"PDF, \d+ KB", library_vi)
    page = built_project.html("materials/hotels/poster/index.html")
    assert 'src="../../../downloads/poster-vi-a4.png"' in page
    assert 'href="../../../downloads/poster-vi-a4.pdf"' in page
    assert (built_project.site / "downloads" / "poster-vi-a4.png").read_bytes()[
        :8
    ] == b"\x89PNG\r\n\x1a\n"
    with zipfile.ZipFile(built_project.site / "downloads" / "hotline-111-schools-vi.zip") as kit:
        assert sorted(kit.namelist()) == [
            "key-vi-a4.pdf",
            "lesson-vi-a4.pdf",
            "worksheet-vi-a4.pdf",
        ]
    with zipfile.ZipFile(built_project.site / "downloads" / "hotline-111-hotels-en.zip") as kit:
        assert "poster-bilingual-a3.pdf" in kit.namelist()
        assert not [name for name in kit.namelist() if name.endswith("-print.pdf")]
