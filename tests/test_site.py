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
    vi = built_project.html("materials/schools/lesson/index.html")
    en = built_project.html("en/materials/schools/lesson/index.html")
    assert "<h1" in vi and "Bài học về Tổng đài 111</h1>" in vi
    assert "A lesson about the 111 hotline</h1>" in en
    assert "45 phút" in vi and "45 minutes" in en
    assert "Lớp 4–5" in vi and "Grades 4–5" in en


def test_figures_are_filled_in_and_formatted_per_language(built_project: Project) -> None:
    vi = built_project.html("materials/schools/lesson/index.html")
    en = built_project.html("en/materials/schools/lesson/index.html")
    assert "Trong 6 tháng đầu năm 2019, tổng đài nhận 764 cuộc gọi." in vi
    assert "In the first half of 2019, the hotline took 764 calls." in en
    assert "{calls_total}" not in vi + en


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


def test_navigation_lists_audiences_and_materials_in_each_language(
    built_project: Project,
) -> None:
    vi = built_project.html("index.html")
    en = built_project.html("en/index.html")
    for title in ("Cho nhà trường", "Cho khách sạn", "Cho nhà xuất bản", "Cho cộng đồng"):
        assert title in vi
    for title in ("For schools", "For hotels", "For publishers", "For communities"):
        assert title in en
    assert 'href="materials/hotels/poster/"' in vi
    assert 'href="materials/hotels/poster/"' in en


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
