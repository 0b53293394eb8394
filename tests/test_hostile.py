"""Hostile and broken content: every text field arrives as literal text everywhere.

One corpus of hostile strings is written into every text field of the fixture
campaign, in every language; the built HTML, the search index, the offline kit
and the PDFs are then read back.
"""

from __future__ import annotations

import itertools
import json
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from conftest import Project, is_redirect, make_project
from pypdf import PdfReader

CORPUS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "[link](javascript:alert(3))",
    "{: onclick=alert(4) }",
    "{{ config.site_name }} {% raw %}",
    '#set page(fill: red) #panic("x")',
    "`code` &amp; &lt;b&gt; \\*not bold\\*",
]
"""Script tags, attribute breakouts, javascript: links, attr_list, templates, Typst code."""


def _poison(value: Any, strings: itertools.cycle[str]) -> Any:
    """Every ``{vi: …, en: …}`` text led by corpus strings (the same in both languages),
    its own words after them: the safety rules still find 113 where the fixture gives it."""
    if isinstance(value, dict):
        if value and set(value) <= {"vi", "en"} and all(isinstance(v, str) for v in value.values()):
            text = next(strings)
            return {language: f"{text} ({language}) {own}" for language, own in value.items()}
        return {key: _poison(item, strings) for key, item in value.items()}
    if isinstance(value, list):
        return [_poison(item, strings) for item in value]
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    strings = itertools.cycle(CORPUS)
    for path in [
        project.campaign / "campaign.yml",
        *sorted((project.campaign / "materials").glob("*.yml")),
    ]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(
            yaml.safe_dump(_poison(data, strings), allow_unicode=True), encoding="utf-8"
        )
    project.built()
    return project


class _Elements(HTMLParser):
    """Every element the browser would create: tag, attributes, and script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _check_html(name: str, html: str) -> None:
    """No element, attribute or script that the corpus could have created."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        handlers = [key for key in attrs if key.startswith("on")]
        assert not handlers, (name, tag, handlers)
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (name, tag)
        assert not (tag == "img" and attrs.get("src") == "x"), name
        assert not (tag == "meta" and "http-equiv" in attrs), name
    assert not [script for script in parser.scripts if "alert(" in script], name


def test_every_page_shows_the_corpus_as_text(hostile: Project) -> None:
    pages = [path for path in hostile.site.rglob("*.html") if not is_redirect(path)]
    assert len(pages) > 20
    seen = ""
    for path in pages:
        html = path.read_text(encoding="utf-8")
        _check_html(str(path.relative_to(hostile.site)), html)
        seen += html
    # Each string is shown, escaped, as what the editor typed.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen
    assert "onerror=alert(2)" in seen  # as text, inside an escaped tag
    assert "[link](javascript:alert(3))" in seen
    assert "{: onclick=alert(4) }" in seen
    assert '#set page(fill: red) #panic("x")' in seen.replace("&quot;", '"').replace("&#34;", '"')


def test_the_search_index_holds_text_not_markup(hostile: Project) -> None:
    for path in hostile.site.rglob("search_index.json"):
        index = json.loads(path.read_text(encoding="utf-8"))
        for entry in index["docs"]:
            for field in ("title", "text"):
                assert "<script>alert" not in entry[field], (path, entry["location"])
                assert not re.search(r"<img[^>]*onerror", entry[field]), (path, entry["location"])


def test_the_offline_kit_is_as_safe_as_the_site(hostile: Project) -> None:
    with zipfile.ZipFile(hostile.site / "downloads" / "offline-site.zip") as kit:
        names = [name for name in kit.namelist() if name.endswith(".html")]
        assert names
        for name in names:
            html = kit.read(name).decode("utf-8")
            if 'http-equiv="refresh"' in html and "<body><p><a href=" in html:
                continue  # a short link's redirect
            _check_html(name, html)


def test_the_pdfs_print_the_corpus_as_text(hostile: Project) -> None:
    text = ""
    for path in sorted((hostile.site / "downloads").glob("*-vi-*.pdf")):
        reader = PdfReader(path)
        text += " ".join(page.extract_text() for page in reader.pages)
        assert "<script>" not in str(reader.metadata.title) or "alert(1)" in str(
            reader.metadata.title
        )
    flat = " ".join(text.replace("\u200b", "").replace("\u00a0", " ").split())
    for string in CORPUS:
        shown = string.replace("\\*", "*")  # an escaped asterisk prints as an asterisk
        if "`" in string:
            shown = shown.replace("`", "")  # inline code is not markup in print either…
            assert "code" in flat
            continue
        assert shown in flat, string


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("# Tiêu đề", "a heading"),
        ("Dòng một\\n\\n---\\n\\nDòng hai", "a horizontal rule"),
        ("| a | b |\\n| - | - |\\n| 1 | 2 |", "a table"),
        ("~~~\\nmã\\n~~~", "a fenced code block"),
        ("!!! note\\n    Lưu ý", "a box (!!!)"),
        ("Đoạn một\\n\\n        thụt lề", "an indented code block"),
    ],
)
def test_markup_that_paper_cannot_show_is_refused(project: Project, text: str, what: str) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace(
            "{vi: Ai cũng có thể gọi 111., en: Anyone can call 111.}",
            f'{{vi: "{text}", en: "Anyone can call 111."}}',
        )
    )
    result = project.build()
    assert result.returncode != 0
    assert re.search(
        r"materials/notice\.yml:7: sections\[0\]\.text: text in language 'vi' has "
        + re.escape(what)
        + r" \(line \d+ of the text\); text fields allow paragraphs, "
        + r"\*\*bold\*\*, \*italic\* and lists",
        result.stderr,
    ), result.stderr


@pytest.mark.parametrize(
    ("material_id", "replaced"),
    [
        ("index", "the audience's landing page"),
        ("hotline-statistics", "the statistics infographic"),
    ],
)
def test_ids_that_would_replace_generated_files_are_refused(
    project: Project, material_id: str, replaced: str
) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(notice.read_text().replace("id: notice", f"id: {material_id}"))
    result = project.build()
    assert result.returncode != 0
    assert (
        f"materials/notice.yml:1: id: '{material_id}' is reserved: it would replace {replaced}"
        in result.stderr
    )


def test_an_image_reaches_the_page_and_the_printable(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace(
            "kind: poster",
            "kind: poster\nimage: assets/logo-111.svg\n"
            "image_alt: {vi: Biểu trưng Tổng đài 111, en: The 111 hotline logo}",
        )
    )
    project.built()
    page = project.html("materials/community/notice/index.html")
    assert (
        '<img alt="Biểu trưng Tổng đài 111" src="../../../assets/campaign/assets/logo-111.svg"'
        in page
    )
    assert (project.site / "assets/campaign/assets/logo-111.svg").is_file()
    en = project.html("en/materials/community/notice/index.html")
    assert (
        'alt="The 111 hotline logo"' in en
        and "../../../../assets/campaign/assets/logo-111.svg" in en
    )
    from test_printables import struct_elements

    figures = [
        e
        for e in struct_elements(PdfReader(project.site / "downloads" / "notice-en-a4.pdf"))
        if e["S"] == "/Figure"
    ]
    assert any(str(e["Alt"]) == "The 111 hotline logo" for e in figures)


def test_an_image_must_be_a_picture_inside_the_campaign(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace(
            "kind: poster", "kind: poster\nimage: campaign.yml\nimage_alt: {vi: x, en: x}"
        )
    )
    result = project.build()
    assert result.returncode != 0
    assert "materials/notice.yml:4: image: string should match pattern" in result.stderr
