"""Situation cards (eight to an A4 sheet) and the publisher's space on inserts and bookmarks."""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest
from conftest import Project, make_project
from pypdf import PdfReader

MM = 72 / 25.4
CARDS = 10  # two sheets: eight cards, then two

CARD = """\
  - heading: {{vi: Tình huống {n}, en: Situation {n}}}
    text: {{vi: "Bạn Lan số {n} nhận một tin nhắn lạ.", en: "Lan number {n} gets an odd message."}}
    questions:
      - question: {{vi: "Em sẽ làm gì?", en: "What would you do?"}}
"""

INSERT = """\
id: insert
audience: books
kind: insert
publisher_space: true
title: {vi: Tờ kẹp sách, en: Book insert}
summary: {vi: Cho sách thiếu nhi., en: For children's books.}
sections:
  - text: {vi: Em có thể kể với người lớn em tin., en: You can tell a grown-up you trust.}
back:
  - heading: {vi: Gửi cha mẹ, en: For parents}
    text: {vi: Lời nhắn cho cha mẹ., en: A note for parents.}
"""


@pytest.fixture(scope="module")
def cards_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("cards"))
    materials = project.campaign / "materials"
    (materials / "cards.yml").write_text(
        "id: cards\naudience: schools\nkind: situation_cards\n"
        "title: {vi: Thẻ tình huống, en: Situation cards}\n"
        "summary: {vi: Cho lớp học., en: For the class.}\nsections:\n"
        + "".join(CARD.format(n=n) for n in range(1, CARDS + 1)),
        encoding="utf-8",
    )
    (materials / "insert.yml").write_text(INSERT, encoding="utf-8")
    bookmark = materials / "bookmark.yml"
    bookmark.write_text(
        bookmark.read_text(encoding="utf-8").replace(
            "kind: bookmark", "kind: bookmark\npublisher_space: true"
        ),
        encoding="utf-8",
    )
    project.built()
    return project


def _download(project: Project, name: str) -> Path:
    return project.site / "downloads" / name


@pytest.mark.parametrize("language", ["vi", "en"])
def test_cards_come_six_to_an_a4_sheet_with_every_text(
    cards_project: Project, language: str
) -> None:
    reader = PdfReader(_download(cards_project, f"cards-{language}-a4.pdf"))
    assert len(reader.pages) == math.ceil(CARDS / 6) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        assert (round(width), round(height)) == (210, 297)
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    word = {"vi": "Tình huống", "en": "Situation"}[language]
    number = {"vi": "Thẻ", "en": "Card"}[language]
    for n in range(1, CARDS + 1):
        assert f"{word} {n}" in text
        assert f"{number} {n}" in text  # the card's number at its foot
    assert text.count({"vi": "Em sẽ làm gì?", "en": "What would you do?"}[language]) == CARDS
    first = reader.pages[0].extract_text().replace("\u00a0", " ")
    assert f"{word} 6" in first and f"{word} 7" not in first
    assert "111" in first
    # Every card, once cut out, still says what to do in danger.
    assert text.count("113") == CARDS


def test_cards_are_framed_with_cut_marks_between_the_frames(cards_project: Project) -> None:
    with pdfplumber.open(_download(cards_project, "cards-vi-a4.pdf")) as document:
        page = document.pages[0]
        frames = [r for r in page.rects + page.curves if r["height"] > 40 * MM]
        assert len(frames) == 6, [(r["width"] / MM, r["height"] / MM) for r in frames]
        for frame in frames:
            assert 85 * MM < frame["width"] < 105 * MM
            assert 80 * MM < frame["height"] < 95 * MM

        def inside(x: float, y: float) -> bool:
            return any(
                f["x0"] + 0.5 <= x <= f["x1"] - 0.5 and f["top"] + 0.5 <= y <= f["bottom"] - 0.5
                for f in frames
            )

        marks = [
            line for line in page.lines if line["width"] < 10 * MM and line["height"] < 10 * MM
        ]
        # A cross at each of the 3 x 4 corners of the grid: two strokes each.
        assert len(marks) == 2 * 3 * 4
        for mark in marks:
            for x, y in ((mark["x0"], mark["top"]), (mark["x1"], mark["bottom"])):
                assert not inside(x, y), mark
        # Everything printed stays 4 mm inside the sheet, where office printers print.
        for char in page.chars:
            if char["size"] < 40:  # not the draft mark
                assert char["x0"] > 4 * MM and char["x1"] < page.width - 4 * MM
        for line in marks:
            assert line["x0"] > 4 * MM and line["x1"] < page.width - 4 * MM


def test_cards_have_no_print_shop_file(cards_project: Project) -> None:
    names = {path.name for path in (cards_project.site / "downloads").glob("cards-*.pdf")}
    assert names == {"cards-vi-a4.pdf", "cards-en-a4.pdf"}
    page = (cards_project.site / "materials/schools/cards/index.html").read_text(encoding="utf-8")
    assert "Tình huống 10" in page and "Thẻ tình huống" in page


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        ("insert-vi-a5.pdf", "Logo và thông tin nhà xuất bản"),
        ("insert-en-a5.pdf", "Publisher's logo and credits"),
        ("bookmark-vi-a4.pdf", "Logo và thông tin nhà xuất bản"),
    ],
)
def test_publisher_space_is_on_the_back_only(
    cards_project: Project, name: str, caption: str
) -> None:
    reader = PdfReader(_download(cards_project, name))
    assert len(reader.pages) == 2  # one page a side: the text still fits
    back = reader.pages[1].extract_text().replace("\u00a0", " ").replace("\u2019", "'")
    assert caption in back
    assert caption not in reader.pages[0].extract_text().replace("\u2019", "'")


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        ("insert-vi-a5-print.pdf", "Logo và thông tin nhà xuất bản"),
        ("bookmark-en-50x180mm-print.pdf", "Publisher's logo and credits"),
    ],
)
def test_publisher_space_prints_nothing_at_the_print_shop(
    cards_project: Project, name: str, caption: str
) -> None:
    """The space stays free for the publisher's own plate: no frame, no caption."""
    reader = PdfReader(_download(cards_project, name))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert caption not in page.extract_text().replace("\u00a0", " ").replace("\u2019", "'")


def test_publisher_space_is_refused_on_other_kinds(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text(encoding="utf-8").replace(
            "kind: poster", "kind: poster\npublisher_space: true"
        ),
        encoding="utf-8",
    )
    result = project.build()
    assert result.returncode != 0
    assert (
        "materials/notice.yml:4: publisher_space: publisher_space is for kind insert or bookmark"
        in result.stderr
    ), result.stderr
    assert "not for a poster" in result.stderr


@pytest.mark.parametrize("language", ["vi", "en"])
def test_cards_are_read_across_a_table(cards_project: Project, language: str) -> None:
    """The situation at 12 pt or more; the foot (number, hotline, danger) at 9 pt or more."""
    with pdfplumber.open(_download(cards_project, f"cards-{language}-a4.pdf")) as document:
        for page in document.pages:
            sizes = [c["size"] for c in page.chars if c["size"] < 40]  # not the draft mark
            assert min(sizes) >= 9 - 0.05, (language, page.page_number, min(sizes))
            body = [s for s in sizes if s > 9.5]
            assert body and min(body) >= 12 - 0.05, (language, page.page_number, min(body))
