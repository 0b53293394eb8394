"""Print-ready PDFs from the fixture campaign: sizes, boxes, fonts, colour, tags, text, errors."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES, Project
from pypdf import PdfReader

from hotline_site.content.addresses import is_placeholder_site
from hotline_site.print import markup
from hotline_site.print.plan import plan_print_jobs
from hotline_site.print.render import render_all
from hotline_site.project import load_folder

MM = 72 / 25.4  # PDF points per millimetre


def pdf(project: Project, name: str) -> PdfReader:
    return PdfReader(project.site / "downloads" / name)


def text_of(project: Project, name: str, page: int = 0) -> str:
    """A page's text as a reader would copy it: no-break spaces as spaces, break hints gone."""
    text = pdf(project, name).pages[page].extract_text()
    return text.replace("\u00a0", " ").replace("\u200b", "")


def size_mm(page: Any, box: str = "mediabox") -> tuple[float, float]:
    rect = getattr(page, box)
    return round(float(rect.width) / MM, 1), round(float(rect.height) / MM, 1)


def marks_of(page: Any) -> list[dict[str, Any]]:
    """The page's cut, crop and fold marks: hairlines (0.25 or 0.3 pt), not the strokes of
    the pictograms and the logo, which are drawn at 0.6 pt or more."""
    return [line for line in page.lines if line["linewidth"] < 0.35]


def struct_elements(reader: PdfReader) -> list[dict[str, Any]]:
    """Every element of the tagged structure tree: its type, alt text and language."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.append({"S": node["/S"], "Alt": node.get("/Alt"), "Lang": node.get("/Lang")})
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def jobs_for(site_url: str = "https://x.test/") -> dict[str, Any]:
    project = load_folder(FIXTURES / "campaign", ["vi", "en"])
    campaign, labels, values = project.campaign, project.labels, project.figures
    return {
        job.filename: job for job in plan_print_jobs(campaign, labels, values, site_url=site_url)
    }


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
        ("bookmark-vi-a4.pdf", 2, (210, 297)),  # three bookmarks a sheet, with cut marks
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


def test_bookmarks_come_three_to_an_office_sheet_and_single_for_the_print_shop(
    built_project: Project,
) -> None:
    shop = pdf(built_project, "bookmark-vi-50x180mm-print.pdf")
    assert len(shop.pages) == 2
    assert size_mm(shop.pages[0], "trimbox") == (50, 180)
    with pdfplumber.open(built_project.site / "downloads" / "bookmark-vi-a4.pdf") as document:
        page = document.pages[0]
        # Three copies of the front, with cut marks outside them.
        assert page.extract_text().count("Thẻ đánh dấu") == 3
        assert len(marks_of(page)) == 2 * 4 + 2 * 2
    # A screen reader reads one copy: the others are artifacts.
    headings = [
        e for e in struct_elements(pdf(built_project, "bookmark-vi-a4.pdf")) if e["S"] == "/H1"
    ]
    assert len(headings) == 1


def test_print_shop_boxes_bleed_and_crop_marks(built_project: Project) -> None:
    office = pdf(built_project, "poster-vi-a3.pdf").pages[0]
    shop = pdf(built_project, "poster-vi-a3-print.pdf").pages[0]
    assert size_mm(office) == (297, 420)
    assert size_mm(shop, "trimbox") == (297, 420)
    assert size_mm(shop, "bleedbox") == (303, 426)  # 3 mm bleed on every side
    assert size_mm(shop) == (297 + 24, 420 + 24)  # and a 9 mm slug for the marks
    bleed = shop.bleedbox
    with pdfplumber.open(built_project.site / "downloads" / "poster-vi-a3-print.pdf") as document:
        page = document.pages[0]
        height = float(page.height)
        # The colour bands really fill the bleed: they reach the bleed box, not only the trim.
        filled = [rect for rect in page.rects if rect["fill"]]
        assert min(rect["x0"] for rect in filled) == pytest.approx(float(bleed.left), abs=0.5)
        assert max(rect["x1"] for rect in filled) == pytest.approx(float(bleed.right), abs=0.5)
        assert min(height - rect["bottom"] for rect in filled) == pytest.approx(
            float(bleed.bottom), abs=0.5
        )
        # Eight crop marks, every one outside the bleed box.
        marks = marks_of(page)
        assert len(marks) == 8
        for line in marks:
            x0, x1 = line["x0"], line["x1"]
            y0, y1 = height - line["bottom"], height - line["top"]
            outside = (
                x1 <= float(bleed.left) + 0.01
                or x0 >= float(bleed.right) - 0.01
                or y1 <= float(bleed.bottom) + 0.01
                or y0 >= float(bleed.top) - 0.01
            )
            assert outside, line


def test_print_shop_files_are_cmyk_with_black_only_text(built_project: Project) -> None:
    campaign = load_folder(FIXTURES / "campaign", ["vi", "en"]).campaign
    colours = campaign.info.colours
    allowed = {
        tuple(round(v / 100, 2) for v in colours.primary.cmyk),
        tuple(round(v / 100, 2) for v in colours.accent.cmyk),
        (0.0, 0.32, 0.26, 0.0),  # the pale draft mark, while the site address is an example
    }
    shop_files = sorted((built_project.site / "downloads").glob("*-print.pdf"))
    assert shop_files
    for path in shop_files:
        reader = PdfReader(path)
        for page in reader.pages:
            content = page.get_contents()
            assert content is not None
            operators = set(re.findall(rb" (rg|RG|sc|scn|SC|SCN|cs|CS)\n", content.get_data()))
            assert not operators, (path.name, operators)  # DeviceCMYK only: k and K
        with pdfplumber.open(path) as document:
            for page in document.pages:
                for char in page.chars:
                    colour = tuple(round(v, 2) for v in char["non_stroking_color"])
                    assert len(colour) == 4, (path.name, char["text"], colour)
                    # Text is black ink only, white (paper), or a campaign colour or its tint.
                    black_only = colour[0] == colour[1] == colour[2] == 0
                    assert black_only or any(
                        all(abs(a - b * t) < 0.02 for a, b in zip(colour, ref, strict=True))
                        for ref in allowed
                        for t in (1, 0.12, 0.18)
                    ), (path.name, char["text"], colour)


def test_fonts_are_only_the_projects_noto_sans_embedded_and_subset(built_project: Project) -> None:
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
            assert re.fullmatch(
                r"/[A-Z]{6}\+NotoSans(Italic)?-(Regular|Italic|SemiBold|Bold|BoldItalic|Black)",
                name,
            ), (
                path.name,
                name,
            )


def test_pdf_ua_metadata_language_and_tags(built_project: Project) -> None:
    reader = pdf(built_project, "poster-vi-a4.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "Áp phích <script>alert(1)</script>"
    assert reader.metadata.author == "Chiến dịch thử nghiệm"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "vi"
    assert b"pdfuaid:part>1<" in root["/Metadata"].get_object().get_data()
    assert pdf(built_project, "poster-en-a4.pdf").trailer["/Root"]["/Lang"] == "en"


def test_every_figure_has_alt_text_and_english_is_tagged_english(built_project: Project) -> None:
    for path in sorted((built_project.site / "downloads").glob("*.pdf")):
        elements = struct_elements(PdfReader(path))
        figures_ = [e for e in elements if e["S"] == "/Figure"]
        assert figures_, path.name  # every piece has its QR code
        assert all(e["Alt"] for e in figures_), path.name
    bilingual = struct_elements(pdf(built_project, "poster-bilingual-a4.pdf"))
    english = [e for e in bilingual if e["Lang"] == "en"]
    assert any(e["S"] == "/H1" for e in english)  # the English title is read as English
    assert any(e["Alt"] and "QR code linking to" in str(e["Alt"]) for e in bilingual)


def test_text_is_extractable_with_diacritics(built_project: Project) -> None:
    text = text_of(built_project, "lesson-vi-a4.pdf")
    assert "Bài học về Tổng đài 111" in text
    assert "Trong 6 tháng đầu năm 2019, đường dây nhận 764 cuộc gọi." in text
    poster = text_of(built_project, "notice-vi-a4.pdf")
    assert "Gọi miễn phí, 24 giờ mỗi ngày" in poster
    assert "Ai cũng có thể gọi 111." in poster


def test_no_editorial_summary_is_printed(built_project: Project) -> None:
    campaign = load_folder(FIXTURES / "campaign", ["vi", "en"]).campaign
    for material in campaign.materials:
        for path in (built_project.site / "downloads").glob(f"{material.id}-*.pdf"):
            text = " ".join(page.extract_text() for page in PdfReader(path).pages)
            for language in ("vi", "en"):
                assert material.summary[language][:20] not in text, (path.name, language)


def test_lesson_plan_has_running_header_and_page_numbers(built_project: Project) -> None:
    vi = pdf(built_project, "lesson-vi-a4.pdf")
    en = pdf(built_project, "lesson-en-a4.pdf")
    assert f"Trang 1/{len(vi.pages)}" in vi.pages[0].extract_text()
    assert f"Page 1 of {len(en.pages)}" in en.pages[0].extract_text()


def test_qr_code_and_printed_address_use_the_short_permanent_link() -> None:
    jobs = jobs_for()
    vi, en = jobs["poster-vi-a4.pdf"], jobs["poster-en-a3.pdf"]
    assert vi.data["qr"]["url"] == "https://x.test/m/poster/"
    assert en.data["qr"]["url"] == "https://x.test/en/m/poster/"
    assert en.data["qr"]["address"] == "x.test/en/m/poster"
    # A version-2 code at error level M or better: 25 modules, four-module quiet zone drawn.
    assert len(vi.data["qr"]["matrix"]) >= 25


def test_short_links_redirect_to_the_material_page(built_project: Project) -> None:
    for prefix in ("", "en/"):
        page = built_project.html(f"{prefix}m/poster/index.html")
        assert 'http-equiv="refresh" content="0; url=../../materials/hotels/poster/"' in page
        assert (built_project.site / prefix / "materials/hotels/poster/index.html").is_file()
    text = text_of(built_project, "poster-en-a4.pdf").replace("\n", "")
    assert "111.example.org/en/m/poster" in text


def test_a_renamed_material_keeps_its_old_short_link(project: Project) -> None:
    poster = project.campaign / "materials" / "poster.yml"
    poster.write_text(
        poster.read_text().replace("id: poster", "id: lobby\nredirect_from: [poster]")
    )
    project.built()
    old = project.html("m/poster/index.html")
    assert "url=../../materials/hotels/lobby/" in old
    assert "url=../../materials/hotels/lobby/" in project.html("en/m/poster/index.html")
    assert "url=../../materials/hotels/lobby/" in project.html("m/lobby/index.html")


def test_a_former_id_may_not_lead_to_two_materials(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace("kind: poster", "kind: poster\nredirect_from: [poster]")
    )
    result = project.build()
    assert result.returncode != 0
    assert (
        "notice.yml:4: redirect_from: 'poster' already leads to material 'poster'" in result.stderr
    )


def test_a_placeholder_address_marks_every_printable_as_a_draft(built_project: Project) -> None:
    for name in ("poster-vi-a4.pdf", "lesson-en-a4.pdf", "bookmark-vi-50x180mm-print.pdf"):
        text = pdf(built_project, name).pages[0].extract_text()
        assert "BẢN NHÁP – DRAFT" in text, name
    assert is_placeholder_site("https://111.example.org/")
    assert is_placeholder_site("http://localhost:8000/")
    assert is_placeholder_site("https://hotline.test/")
    assert not is_placeholder_site("https://tongdai111.vn/")
    real = jobs_for("https://tongdai111.vn/")
    assert all(job.data["draft"] is None for job in real.values())


def test_same_content_gives_identical_bytes(tmp_path: Path) -> None:
    """Two clean renders in separate caches, in another order, give the same bytes."""
    wanted = {
        "poster-vi-a3-print.pdf",
        "lesson-en-a4.pdf",
        "bookmark-vi-a4.pdf",
        "key-vi-a4.pdf",
    }
    jobs = [job for name, job in jobs_for().items() if name in wanted]
    first = render_all(jobs, tmp_path / "one", workers=2)
    second = render_all(list(reversed(jobs)), tmp_path / "two", workers=1)
    assert not first.errors and not second.errors
    second_bytes = {item.job.filename: item.pdf.read_bytes() for item in second.rendered}
    assert len(second_bytes) == len(wanted)
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


def test_text_that_does_not_fit_is_reported_with_how_much_is_over(project: Project) -> None:
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
    assert re.search(
        r"material 'notice' \(notice-vi-a4\.pdf\): the poster's text \(notice-vi-a4\.pdf\) "
        r"does not fit its frame: [\d.]+ mm over at the smallest size \(14 pt\)",
        result.stderr,
    ), result.stderr
    assert project.site_fingerprint() == before


def test_a_long_word_breaks_instead_of_leaving_the_sheet(project: Project) -> None:
    address = "tu-van-ho-tro-nan-nhan-mua-ban-nguoi-2019@example.org"
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(notice.read_text().replace("Ai cũng có thể gọi 111.", f"Viết tới {address}."))
    project.built()
    for name in ("notice-vi-a4.pdf", "notice-vi-a3-print.pdf"):
        with pdfplumber.open(project.site / "downloads" / name) as document:
            page = document.pages[0]
            trim = page.page_obj.trimbox if hasattr(page.page_obj, "trimbox") else None
            left = float(trim.left) if trim is not None else 0.0
            right = float(trim.right) if trim is not None else float(page.width)
            for char in page.chars:
                if char["size"] < 50:  # not the draft mark
                    assert left <= char["x0"] and char["x1"] <= right, (name, char["text"])
        text = PdfReader(project.site / "downloads" / name).pages[0].extract_text()
        assert address in text.replace("\u200b", "").replace("\n", ""), name


def test_the_hotline_number_never_starts_a_line_alone() -> None:
    runs = markup.inline("Thấy điều bất thường? Gọi 111", keep_together=("111",))
    assert runs[0]["text"].endswith("Gọi\u00a0111")
    runs = markup.inline("Gọi **111** ngay", keep_together=("111",))
    assert runs[0]["text"] == "Gọi\u00a0"


def test_markup_is_data_never_code() -> None:
    blocks = markup.blocks("# x\n\n<b>y</b> #set page(fill: red) [a](javascript:1) **z**")
    assert blocks[0]["runs"][0]["text"] == "# x"
    texts = [run["text"] for run in blocks[1]["runs"]]
    assert texts == ["<b>y</b> #set page(fill: red) [a](javascript:1) ", "z"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ai cũng 漢 gọi 111.",
            r"has characters the print font \(Noto Sans\) cannot draw: '漢' \(U\+6F22\)",
        ),
        (
            "Ai cũng \u202egọi 111.",
            r"contains invisible characters .*U\+202E right-to-left override",
        ),
        ("Ai cũng\u200b gọi 111.", r"contains invisible characters .*U\+200B zero width space"),
    ],
)
def test_characters_are_checked_before_anything_is_drawn(
    project: Project, text: str, expected: str
) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(notice.read_text().replace("Ai cũng có thể gọi 111.", text))
    result = project.build()
    assert result.returncode != 0
    where = r"materials/notice\.yml:7: sections\[0\]\.text: text in language 'vi' "
    assert re.search(where + expected, result.stderr), result.stderr
    assert "Printables:" not in result.stderr  # refused before rendering


def test_the_childs_side_speaks_to_children(project: Project) -> None:
    bookmark = project.campaign / "materials" / "bookmark.yml"
    bookmark.write_text(
        bookmark.read_text().replace("Em có thể gọi 111.", "Nạn nhân mua bán người có thể gọi 111.")
    )
    result = project.build()
    assert result.returncode != 0
    assert "materials/bookmark.yml:7: sections:" in result.stderr
    assert (
        "section 1 is on the side a child reads, but says 'mua bán người', 'nạn nhân' (vi)"
        in result.stderr
    )


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
    reader = PdfReader(project.site / "downloads" / "bookmark-vi-60x200mm-print.pdf")
    assert size_mm(reader.pages[0], "trimbox") == (60, 200)


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
    # A web server running as another user can read every published file.
    for path in (built_project.site / "downloads").iterdir():
        assert path.stat().st_mode & 0o044 == 0o044, path.name
    preview = (built_project.site / "downloads" / "poster-vi-a4.png").read_bytes()
    assert preview[:8] == b"\x89PNG\r\n\x1a\n"
    with zipfile.ZipFile(built_project.site / "downloads" / "hotline-111-schools-vi.zip") as kit:
        assert sorted(kit.namelist()) == [
            "README-en.txt",
            "README-vi.txt",
            "van-phong_office/key-vi-a4.pdf",
            "van-phong_office/lesson-vi-a4.pdf",
            "van-phong_office/worksheet-vi-a4.pdf",
        ]
    with zipfile.ZipFile(built_project.site / "downloads" / "hotline-111-hotels-en.zip") as kit:
        names = kit.namelist()
        # What a hotel prints: the office sheets and the print shop's files, bilingual too.
        assert "van-phong_office/poster-bilingual-a3.pdf" in names
        assert "nha-in_print-shop/poster-bilingual-a3-print.pdf" in names
        assert "nha-in_print-shop/poster-en-a4-print.pdf" in names
        assert not [name for name in names if "-vi-" in name]
        spec = kit.read("README-en.txt").decode("utf-8")
        assert "poster-bilingual-a3-print.pdf" in spec and "3 mm bleed" in spec


def test_print_shop_files_header_agrees_with_their_metadata(built_project: Project) -> None:
    shop_files = sorted((built_project.site / "downloads").glob("*-print.pdf"))
    assert shop_files
    for path in shop_files:
        data = path.read_bytes()
        header = re.match(rb"%PDF-(\d\.\d)", data)
        assert header, path.name
        reader = PdfReader(path)
        metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        declared = re.search(rb"<pdf:PDFVersion>([\d.]+)</pdf:PDFVersion>", metadata)
        assert declared, path.name
        assert header.group(1) == declared.group(1), (path.name, header, declared)
