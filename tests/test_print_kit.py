"""The shipped print kit, measured on its PDFs: what a hotel, a school and a publisher get."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from conftest import Project
from pypdf import PdfReader

from hotline_site.content.labels import load_labels
from hotline_site.content.model import ADULT_WORDS
from hotline_site.print.artwork import ICONS
from hotline_site.print.edition import edition_date
from hotline_site.project import load_folder

MM = 72 / 25.4
CAMPAIGN = Path(__file__).parents[1] / "campaigns" / "hotline-111"
_CATALOGUE = yaml.safe_load((ICONS / "icons.yml").read_text(encoding="utf-8"))
_INFO = load_folder(CAMPAIGN).campaign.info
assert _INFO.edition is not None, "the shipped campaign names its edition"
EDITION = _INFO.edition
EDITION_LINES = {
    lang: load_labels(["vi", "en"])
    .table["print.edition"][lang]
    .format(date=edition_date(EDITION, lang))
    for lang in ("vi", "en", "ko")
}
COLOPHON = [
    *_CATALOGUE["credit"].values(),
    *_INFO.name.values(),
    *EDITION_LINES.values(),
    " · ",  # between the edition and the licence
]
NUMBER_MIN = 50  # pt: anything larger is the hotline number or the draft mark
PICTOGRAM_GLYPHS = ("24", "0₫", "42", "₫0", "0", "₫", "2", "4")  # and turned, on the back of a tent


def pdfs(project: Project, pattern: str) -> list[Path]:
    found = sorted((project.site / "downloads").glob(pattern))
    assert found, pattern
    return found


def words(page: Any) -> list[dict[str, Any]]:
    return page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=True)


def is_caption(word: dict[str, Any], path: Path) -> bool:
    """A piece of the printed short address under the QR code, or of the publisher's
    space's caption: small on purpose."""
    if word["text"] in PICTOGRAM_GLYPHS:  # inside the pictograms: a picture, not text
        return True
    material = path.name.split("-vi-")[0].split("-en-")[0].split("-bilingual-")[0]
    addresses = (f"111.example.org/m/{material}", f"111.example.org/en/m/{material}")
    if any(word["text"] in address for address in addresses):
        return True
    # The publisher's space is captioned small and grey: a note to the publisher, not text.
    captions = load_labels(["vi", "en"]).table["print.publisher_space"].values()
    if word["size"] < 7 and any(word["text"] in caption for caption in captions):
        return True
    # The colophon: who issues the piece (beside its logo) and the pictograms' licence,
    # set small like any imprint, never under 6 pt.
    return 6 - 0.05 <= word["size"] <= 9 and any(word["text"] in line for line in COLOPHON)


def upright_or_turned(char: dict[str, Any]) -> bool:
    """Not the diagonal draft mark."""
    return abs(char["matrix"][1]) < 0.01


def filled(page: Any) -> Iterator[dict[str, Any]]:
    for rect in page.rects:
        colour = rect.get("non_stroking_color")
        if rect["fill"] and colour not in ((1, 1, 1), (1.0, 1.0, 1.0), (0, 0, 0, 0), None):
            yield rect


def body_region(page: Any) -> tuple[float, float]:
    """From the foot of the top colour band to the top of the bottom one."""
    height = float(page.height)
    rects = [r for r in filled(page) if r["width"] > float(page.width) * 0.9]
    top = max((r["bottom"] for r in rects if r["top"] < 2), default=0.0)
    bottom = min((r["top"] for r in rects if r["bottom"] > height - 2), default=height)
    return top, bottom


@pytest.mark.parametrize("pattern", ["hotels-*poster-*-a[34].pdf", "community-notice-*-a[34].pdf"])
def test_posters_read_from_across_a_room(real_project: Project, pattern: str) -> None:
    for path in pdfs(real_project, pattern):
        with pdfplumber.open(path) as document:
            page = document.pages[0]
            height = float(page.height)
            a3 = float(page.width) > 290 * MM
            # "111" at least 15 % of the sheet height (digits are 0.714 of the type size).
            number = max(c["size"] for c in page.chars if c["text"] == "1")
            assert number * 0.714 >= 0.15 * height, (path.name, number)
            # Body type: 14 pt on A4, 18 pt on A3, everywhere between the bands.
            top, bottom = body_region(page)
            body = [
                w
                for w in words(page)
                if top < w["top"] and w["bottom"] < bottom and w["size"] < NUMBER_MIN
            ]
            assert body, path.name
            floor = 18 if a3 else 14
            assert min(w["size"] for w in body) >= floor - 0.05, (
                path.name,
                min(w["size"] for w in body),
            )
            # No empty horizontal band above 20 % of the sheet.
            spans = sorted(
                [
                    (c["top"], c["bottom"])
                    for c in page.chars
                    if c["size"] < NUMBER_MIN or c["text"] == "1"
                ]
                + [(r["top"], r["bottom"]) for r in filled(page)]
            )
            reach, gaps = 0.0, []
            for start, end in spans:
                gaps.append(start - reach)
                reach = max(reach, end)
            gaps.append(height - reach)
            assert max(gaps) <= 0.2 * height, (path.name, max(gaps) / height)
            # "111" never alone on a line of text. A line is the words whose middles lie
            # within its first word's height: Hangul (Noto Sans KR) and Latin (Noto Sans)
            # on one baseline have different tops.
            lines: list[tuple[float, float, list[str]]] = []
            for w in sorted(body, key=lambda w: w["top"]):
                middle = (w["top"] + w["bottom"]) / 2
                line = next((t for top, bottom, t in lines if top <= middle <= bottom), None)
                if line is None:
                    lines.append((w["top"], w["bottom"], [w["text"]]))
                else:
                    line.append(w["text"])
            assert ["111"] not in [texts for _, _, texts in lines], path.name


def test_bilingual_posters_give_both_languages_the_same_weight(real_project: Project) -> None:
    for path in pdfs(real_project, "hotels-lobby-poster-bilingual-a[34].pdf"):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "vi"
        text = " ".join(reader.pages[0].extract_text().replace("\u00a0", " ").split())
        assert "Tổng đài 111 luôn sẵn sàng lắng nghe" in text
        assert "Vietnam's 111 hotline is always there to listen" in text
        with pdfplumber.open(path) as document:
            page = document.pages[0]
            vi = [c["size"] for c in page.chars if c["text"] in "ổđàơ"]
            en = [c["size"] for c in page.chars if c["text"] in "wW"]
            assert max(vi) == pytest.approx(max(en), abs=0.1)  # the two titles


def test_room_card_is_a_table_tent_with_both_faces_upright(real_project: Project) -> None:
    for path in pdfs(real_project, "hotels-room-card-*-a4.pdf"):
        with pdfplumber.open(path) as document:
            assert len(document.pages) == 1
            page = document.pages[0]
            middle = float(page.height) / 2
            text_chars = [c for c in page.chars if c["size"] < NUMBER_MIN and upright_or_turned(c)]
            upper = [c for c in text_chars if c["bottom"] < middle]
            lower = [c for c in text_chars if c["top"] > middle]
            assert upper and lower, path.name
            assert all(c["matrix"][0] < 0 for c in upper), path.name  # turned 180°
            assert all(c["matrix"][0] > 0 for c in lower), path.name
            body = [w for w in words(page) if not is_caption(w, path) and w["size"] < NUMBER_MIN]
            assert min(w["size"] for w in body) >= 9, path.name
    assert pdfs(real_project, "hotels-room-card-bilingual-a4.pdf")


@pytest.mark.parametrize("pattern", ["books-bookmark-*.pdf", "books-insert-*.pdf"])
def test_childrens_pieces_are_large_and_speak_to_children(
    real_project: Project, pattern: str
) -> None:
    for path in pdfs(real_project, pattern):
        with pdfplumber.open(path) as document:
            assert len(document.pages) == 2
            for page in document.pages:
                body = [
                    w for w in words(page) if not is_caption(w, path) and w["size"] < NUMBER_MIN
                ]
                assert min(w["size"] for w in body) >= 12 - 0.05, (path.name, page.page_number)
            front = (document.pages[0].extract_text() or "").lower()
        for language_words in ADULT_WORDS.values():
            for word in language_words:
                assert word not in front, (path.name, word)


def test_leaflet_is_a_tri_fold_with_every_panel_used(real_project: Project) -> None:
    for path in pdfs(real_project, "community-leaflet-*-a4.pdf"):
        with pdfplumber.open(path) as document:
            assert len(document.pages) == 2
            outside, inside = document.pages
            assert (
                round(float(outside.width) / MM) == 297 and round(float(outside.height) / MM) == 210
            )
            flap = 97 * MM
            assert [c for c in outside.chars if c["x1"] < flap], "the inside flap is empty"
            for left, right in ((0, 100), (100, 200), (200, 297)):
                panel = [c for c in inside.chars if left * MM <= c["x0"] and c["x1"] <= right * MM]
                assert panel, (path.name, left)


@pytest.mark.parametrize("pattern", ["schools-worksheet-*.pdf", "schools-answer-key-*.pdf"])
def test_worksheets_waste_no_paper(real_project: Project, pattern: str) -> None:
    for path in pdfs(real_project, pattern):
        with pdfplumber.open(path) as document:
            last = document.pages[-1]
            if len(document.pages) == 1:
                continue
            text_top, text_bottom = 20 * MM, float(last.height) - 18 * MM
            lowest = max(
                c["bottom"]
                for c in last.chars
                if text_top < c["top"] < text_bottom and c["size"] < NUMBER_MIN
            )
            fill = (lowest - text_top) / (text_bottom - text_top)
            assert fill >= 0.25, (path.name, round(fill, 2))


@pytest.mark.parametrize("pattern", ["schools-worksheet-*.pdf", "schools-lesson-*.pdf"])
def test_no_heading_is_left_at_the_foot_of_a_page(real_project: Project, pattern: str) -> None:
    for path in pdfs(real_project, pattern):
        with pdfplumber.open(path) as document:
            for page in document.pages[:-1]:
                text_top, text_bottom = 20 * MM, float(page.height) - 18 * MM
                chars = [
                    c
                    for c in page.chars
                    if text_top < c["top"] < text_bottom
                    and c["size"] < NUMBER_MIN
                    and c["text"].strip()
                ]
                sizes = sorted(c["size"] for c in chars)
                body = sizes[len(sizes) // 2]
                lowest = max(c["bottom"] for c in chars)
                last_line = [c for c in chars if c["bottom"] > lowest - 2]
                assert max(c["size"] for c in last_line) < 1.2 * body, (path.name, page.page_number)


def test_no_editorial_summary_on_any_printable(real_project: Project) -> None:
    campaign = load_folder(real_project.campaign, ["vi", "en"]).campaign
    for material in campaign.materials:
        for path in pdfs(real_project, f"{material.id}-*.pdf"):
            text = " ".join(page.extract_text() for page in PdfReader(path).pages).replace(
                "\u00a0", " "
            )
            for language in ("vi", "en"):
                assert material.summary[language][:30] not in text, (path.name, language)


def test_every_face_carries_the_draft_mark_while_the_address_is_an_example(
    real_project: Project,
) -> None:
    for path in pdfs(real_project, "*.pdf"):
        for number, page in enumerate(PdfReader(path).pages, 1):
            assert "BẢN NHÁP – DRAFT" in (page.extract_text() or ""), (path.name, number)


def test_the_publishers_space_is_marked_on_the_proof_only(real_project: Project) -> None:
    captions = load_labels(["vi", "en"]).table["print.publisher_space"]
    for path in pdfs(real_project, "books-*.pdf"):
        language = "vi" if "-vi-" in path.name else "en"
        text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
        shown = captions[language] in " ".join(text.split())
        assert shown != path.name.endswith("-print.pdf"), path.name


def _languages_by_mcid(nodes: list[dict[str, Any]], inherited: str, out: dict[int, str]) -> None:
    for node in nodes:
        language = node.get("lang") or inherited
        for mcid in node.get("mcids") or []:
            out[mcid] = language
        _languages_by_mcid(node.get("children") or [], language, out)


def test_english_runs_of_bilingual_pieces_are_tagged_english(real_project: Project) -> None:
    english = ("Free to call", "Protecting children", "hours a day")
    for path in pdfs(real_project, "*-bilingual-*.pdf"):
        with pdfplumber.open(path) as document:
            for page in document.pages:
                languages: dict[int, str] = {}
                _languages_by_mcid(page.structure_tree, "vi", languages)
                texts: dict[int, str] = {}
                for char in page.chars:
                    if char.get("mcid") is not None:
                        texts[char["mcid"]] = texts.get(char["mcid"], "") + char["text"]
                wrong = [
                    text
                    for mcid, text in texts.items()
                    if languages.get(mcid) == "vi" and any(w in text for w in english)
                ]
                assert not wrong, (path.name, wrong)


def _figure_alts(path: Path) -> list[str]:
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and node.get("/Alt"):
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return alts


@pytest.mark.parametrize(
    "pattern",
    [
        "*poster-*.pdf",
        "community-notice-*.pdf",
        "hotels-room-card-*.pdf",
        "hotels-signs-*.pdf",
        "books-*.pdf",
        "schools-pupil-card-*.pdf",
        "community-leaflet-*.pdf",
    ],
)
def test_hung_and_handed_out_pieces_carry_a_picture_with_alt_text(
    real_project: Project, pattern: str
) -> None:
    labels = load_labels(["vi", "en"]).table["print.pictograms_alt"]
    catalogue = yaml.safe_load((ICONS / "icons.yml").read_text(encoding="utf-8"))
    for path in pdfs(real_project, pattern):
        alts = _figure_alts(path)
        language = next((lang for lang in ("en", "ko") if f"-{lang}-" in path.name), "vi")
        assert any(labels[language] in alt for alt in alts), (path.name, alts)
        # The campaign's logo (the issuer), described in the piece's language.
        assert any(catalogue["logo_alt"][language] in alt for alt in alts), (path.name, alts)
        # Besides the QR code, the pictures are drawn: paths inside the figures' content.
        assert len(alts) >= 3, (path.name, alts)


def test_childrens_pieces_show_a_child_and_a_hand(real_project: Project) -> None:
    catalogue = yaml.safe_load((ICONS / "icons.yml").read_text(encoding="utf-8"))["icons"]
    for path in pdfs(real_project, "books-*.pdf"):
        language = "en" if "-en-" in path.name else "vi"
        alts = " ".join(_figure_alts(path))
        for name in ("child", "hand"):
            assert catalogue[name]["alt"][language] in alts, (path.name, name, alts)


def test_the_pictograms_licence_is_credited_on_the_larger_pieces(real_project: Project) -> None:
    for path in pdfs(real_project, "*poster-*.pdf") + pdfs(real_project, "books-insert-*.pdf"):
        text = " ".join((page.extract_text() or "") for page in PdfReader(path).pages)
        assert "Tabler Icons" in text and "MIT" in text, path.name


def test_tents_fold_marks_lie_outside_the_trim_at_the_print_shop(real_project: Project) -> None:
    for path in pdfs(real_project, "hotels-room-card-*-print.pdf"):
        with pdfplumber.open(path) as document:
            page = document.pages[0]
            height = float(page.height)
            bleed = PdfReader(path).pages[0].bleedbox
            hairlines = [line for line in page.lines if line["linewidth"] < 0.45]
            assert len(hairlines) == 8 + 2, path.name  # crop marks and the fold's two marks
            for line in hairlines:
                y0, y1 = height - line["bottom"], height - line["top"]
                outside = (
                    line["x1"] <= float(bleed.left) + 0.01
                    or line["x0"] >= float(bleed.right) - 0.01
                    or y1 <= float(bleed.bottom) + 0.01
                    or y0 >= float(bleed.top) - 0.01
                )
                assert outside, (path.name, line)


def test_leaflet_panels_each_own_whole_sections(real_project: Project) -> None:
    """No section of the inside crosses a fold: its heading and its last item share a panel."""
    material = load_folder(CAMPAIGN, ["vi", "en"]).campaign.material("community-leaflet")
    for language in ("vi", "en"):
        path = real_project.site / "downloads" / f"community-leaflet-{language}-a4.pdf"
        with pdfplumber.open(path) as document:
            inside = document.pages[1]
            width = float(inside.width)
            panels = [
                " ".join(
                    (
                        inside.crop(
                            (i * width / 3, 0, (i + 1) * width / 3, inside.height)
                        ).extract_text()
                        or ""
                    ).split()
                )
                for i in range(3)
            ]
        checked = 0
        for section in material.sections[2:]:
            if not (section.heading and section.items):
                continue
            heading = " ".join(section.heading[language].split())[:18]
            last = " ".join(section.items[-1][language].replace("**", "").split())[-18:]
            owners = [i for i, text in enumerate(panels) if heading in text]
            assert owners, (path.name, heading)
            assert last in panels[owners[0]], (path.name, heading, last)
            checked += 1
        assert checked >= 2, path.name


def _language_of(filename: str) -> str:
    found = re.search(r"-(vi|en|ko|bilingual)-", filename)
    assert found, filename
    return found.group(1)


@pytest.mark.parametrize("audience", ["hotels", "schools", "books", "community"])
def test_each_audiences_kit_holds_what_it_prints_with_a_print_specification(
    real_project: Project, audience: str
) -> None:
    """Opened as a hotel, a school, a publisher or a community centre would: every
    office and print-shop file of the audience in the kit's language (hotels: Korean too),
    each as published, and a print specification in Vietnamese and English."""
    downloads = real_project.site / "downloads"
    for language in ("vi", "en"):
        expected = {
            path.name
            for path in downloads.glob(f"{audience}-*.pdf")
            if _language_of(path.name) in (language, "bilingual", "ko")
        }
        with zipfile.ZipFile(downloads / f"hotline-111-{audience}-{language}.zip") as kit:
            names = kit.namelist()
            pdf_names = {name.split("/")[-1] for name in names if name.endswith(".pdf")}
            assert pdf_names == expected
            for name in names:
                if name.endswith(".pdf"):
                    assert kit.read(name) == (downloads / name.split("/")[-1]).read_bytes()
                    shop = name.endswith("-print.pdf")
                    assert name.startswith("nha-in_print-shop/" if shop else "van-phong_office/")
            shop_files = sorted(name for name in pdf_names if name.endswith("-print.pdf"))
            assert shop_files, "a kit without print-shop files"
            for lang in ("vi", "en"):
                spec = kit.read(f"README-{lang}.txt").decode("utf-8")
                assert unicodedata.is_normalized("NFC", spec)
                for name in pdf_names:
                    assert name in spec, (lang, name)
                assert "FOGRA39" in spec and "3 mm" in spec
                assert spec.count("g/m²") >= 1 + len({_material_of(n) for n in shop_files})
            assert "BẢN NHÁP" in kit.read("README-vi.txt").decode("utf-8")
            assert "DRAFT" in kit.read("README-en.txt").decode("utf-8")
    if audience == "hotels":
        with zipfile.ZipFile(downloads / "hotline-111-hotels-vi.zip") as kit:
            assert "nha-in_print-shop/hotels-room-card-ko-a4-print.pdf" in kit.namelist()
            assert "van-phong_office/hotels-lobby-poster-ko-a3.pdf" in kit.namelist()
    if audience == "books":  # the publisher's kit holds the CMYK files with bleed
        with zipfile.ZipFile(downloads / "hotline-111-books-vi.zip") as kit:
            for name in ("books-insert-vi-a5-print.pdf", "books-bookmark-vi-50x180mm-print.pdf"):
                with kit.open(f"nha-in_print-shop/{name}") as handle:
                    page = PdfReader(handle).pages[0]
                    assert page.trimbox != page.mediabox, name


def _material_of(filename: str) -> str:
    return re.split(r"-(?:vi|en|ko|bilingual)-", filename)[0]


def test_every_pdf_is_dated_and_marked_with_the_campaigns_edition(real_project: Project) -> None:
    """Creation and modification dates (Info and XMP) are the edition's day, never the
    statistics' period, and each piece prints the edition in its small print."""
    stamp = "D:" + EDITION.strftime("%Y%m%d") + "000000Z"
    paths = pdfs(real_project, "*.pdf")
    for path in paths:
        reader = PdfReader(path)
        assert reader.metadata is not None, path.name
        assert reader.metadata["/CreationDate"] == stamp, path.name
        assert reader.metadata["/ModDate"] == stamp, path.name
        xmp = reader.xmp_metadata
        assert xmp is not None and xmp.xmp_create_date.date() == EDITION, path.name
        text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
        language = _language_of(path.name)
        for lang in ("vi", "en") if language == "bilingual" else (language,):
            assert EDITION_LINES[lang] in text, (path.name, lang)
    assert len(paths) >= 122


def _trim_mm(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].trimbox
    return round(float(box.width) / MM), round(float(box.height) / MM)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_pieces_a_mature_kit_adds(real_project: Project, language: str) -> None:
    """A community banner, an A5 handout, a notice with blanks for the local contacts, a
    hotel incident log and cards for each hotel team: built from YAML like every piece,
    at their sizes, 113 before 111 on the banner, blanks where a hand fills them in."""
    downloads = real_project.site / "downloads"
    banner = downloads / f"community-banner-{language}-1200x400mm-print.pdf"
    assert _trim_mm(banner) == (1200, 400)
    with pdfplumber.open(banner) as document:
        page = document.pages[0]
        text = " ".join((page.extract_text() or "").split())
        assert "113" in text and "114" in text and "115" in text
        number = [c for c in page.chars if c["text"] == "1" and c["size"] > 300]
        assert number, "the hotline number spans a third of the banner's height"
        # The number stands right of the message, across the banner's height.
        assert min(c["x0"] for c in number) > float(page.width) * 0.6
    assert _trim_mm(downloads / f"community-handout-{language}-a5-print.pdf") == (148, 210)
    assert len(PdfReader(downloads / f"community-handout-{language}-a5.pdf").pages) == 1
    notice = PdfReader(downloads / f"community-local-contacts-{language}-a4.pdf")
    text = notice.pages[0].extract_text()
    assert text.count("……") >= 4, "blanks for the local contacts"
    log = PdfReader(downloads / f"hotels-incident-log-{language}-a4.pdf")
    assert len(log.pages) == 1
    assert "113" in log.pages[0].extract_text()
    cards = PdfReader(downloads / f"hotels-team-cards-{language}-a4.pdf")
    assert len(cards.pages) == 1
    card_label = {"vi": "Thẻ 6", "en": "Card 6"}[language]
    assert card_label in cards.pages[0].extract_text()
    with zipfile.ZipFile(downloads / f"hotline-111-community-{language}.zip") as kit:
        spec = kit.read(f"README-{language}.txt").decode("utf-8")
        assert {"vi": "bạt hiflex", "en": "PVC flex banner"}[language] in spec


@pytest.mark.parametrize("lesson", ["primary", "lower-secondary", "upper-secondary"])
def test_classroom_slides_are_16_9_one_idea_a_slide_in_large_type(
    real_project: Project, lesson: str
) -> None:
    """Slides for each lesson, for a projector: 16:9, the title, one slide per section
    with its text at 20 pt or more, the call last; every slide's foot says 113 first."""
    material = load_folder(CAMPAIGN).campaign.material(f"schools-slides-{lesson}")
    for language in ("vi", "en"):
        path = real_project.site / "downloads" / f"{material.id}-{language}-254x143mm.pdf"
        with pdfplumber.open(path) as document:
            assert len(document.pages) == len(material.sections) + 2, path.name
            for page in document.pages:
                assert abs(float(page.width) / float(page.height) - 16 / 9) < 0.01
                foot = page.crop((0, float(page.height) - 20 * MM, page.width, page.height))
                line = " ".join((foot.extract_text() or "").split())
                assert "113" in line and line.index("113") < line.index("111"), line
            for page in document.pages[1:-1]:
                body = [
                    c
                    for c in page.chars
                    if upright_or_turned(c)
                    and c["bottom"] < float(page.height) - 20 * MM
                    and c["text"].strip()
                ]
                assert body, (path.name, page.page_number)
                assert min(c["size"] for c in body) >= 20 - 0.05, (path.name, page.page_number)
