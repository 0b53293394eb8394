"""The built site in a real Chromium: every page, both languages, as its readers use it.

Chromium comes from Debian (`apt-get install chromium`); Playwright drives it.
Without it these tests are skipped on a developer machine and fail in CI.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import SUMMARY, Project, is_redirect, serve_site

playwright_api = pytest.importorskip("playwright.sync_api")

NEUTRAL_URL = "https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt"


@pytest.fixture(scope="module")
def site(real_project: Project) -> Project:
    """The real campaign, built once for the whole session (read only)."""
    return real_project


@pytest.fixture(scope="module")
def base_url(site: Project) -> Iterator[str]:
    with serve_site(site.site) as origin:
        yield origin + "/"


def all_pages(site: Project) -> list[str]:
    pages = sorted(
        str(path.relative_to(site.site).parent).replace(".", "") + "/"
        for path in site.site.rglob("index.html")
        if not is_redirect(path)
    )
    return [page.lstrip("/") for page in pages]


class Recorder:
    """What a page did while loading: console errors, requests, responses."""

    def __init__(self, page: Any, origin: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.responses: list[Any] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self._request(request.url, origin))
        page.on("response", lambda response: self.responses.append(response))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, url: str, origin: str) -> None:
        if urlsplit(url).netloc != origin:
            self.foreign.append(url)


def test_every_page_loads_cleanly_from_this_origin_only(
    site: Project, base_url: str, browser: Any
) -> None:
    pages = all_pages(site)
    assert len(pages) >= 30
    for path in pages:
        page = browser.new_page()
        record = Recorder(page, urlsplit(base_url).netloc)
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        assert not record.errors, (path, record.errors)
        assert not record.foreign, (path, record.foreign)
        page.close()


def test_every_link_and_download_resolves(site: Project) -> None:
    checked = 0
    for html_file in site.site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if re.match(r"^(https?:|tel:|mailto:|javascript:|data:)", href):
                continue
            # 404 pages link from the site root: they are served at any depth.
            base = site.site if href.startswith("/") else html_file.parent
            target = (base / href.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{html_file.relative_to(site.site)} links to missing {href}"
            checked += 1
    assert checked > 1000


def test_downloads_have_the_right_content_type(site: Project, base_url: str) -> None:
    import urllib.request

    expected = {".pdf": "application/pdf", ".zip": "application/zip", ".png": "image/png"}
    downloads = sorted((site.site / "downloads").iterdir())
    for suffix, content_type in expected.items():
        sample = next(path for path in downloads if path.suffix == suffix)
        with urllib.request.urlopen(base_url + f"downloads/{sample.name}") as response:
            assert response.headers.get_content_type() == content_type
            assert response.read(4) in (b"%PDF", b"PK\x03\x04", b"\x89PNG")


def test_language_switcher_goes_to_the_same_page_and_back(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(base_url + "materials/hotels/hotels-lobby-poster/")
    page.locator(".md-select__link[hreflang=en]").first.dispatch_event("click")
    page.wait_for_url(base_url + "en/materials/hotels/hotels-lobby-poster/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select__link[hreflang=vi]").first.dispatch_event("click")
    page.wait_for_url(base_url + "materials/hotels/hotels-lobby-poster/")
    page.close()


def test_no_serious_accessibility_violations(site: Project, base_url: str, browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for path in all_pages(site):
        page = browser.new_page()
        page.goto(base_url + path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((path, violation["id"], violation["nodes"][0]["target"]))
        page.close()
    assert not problems


def search(page: Any, query: str) -> None:
    """Type a query; a query typed while the worker still builds the index is dropped,
    so type it again until the index answers (or give up after about 30 s)."""
    box = page.locator("input.md-search__input")
    for _ in range(15):
        box.fill("")
        box.fill(query)  # one input event, as text pasted or dictated gives: no key
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            return
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"no search results for {query!r}")


def _focus_path(page: Any, presses: int) -> list[dict[str, Any]]:
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    return {href: el.getAttribute('href') || '',
                            hreflang: el.getAttribute('hreflang') || '',
                            outline: style.outlineStyle !== 'none'
                                     && parseFloat(style.outlineWidth) > 0};
                }"""
            )
        )
    return seen


def test_keyboard_reaches_call_switcher_search_and_downloads(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(base_url + "downloads/", wait_until="networkidle")
    path = _focus_path(page, 250)
    call = [item for item in path if item["href"] == "tel:111"]
    switcher = [item for item in path if item["hreflang"] == "en"]
    pdfs = [item for item in path if item["href"].endswith(".pdf")]
    assert call and switcher and pdfs
    assert all(item["outline"] for item in call + switcher + pdfs), "focus must be visible"
    # The search opens from the keyboard and takes a query.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    search(page, "111")
    page.close()


def test_exit_this_page_replaces_the_page(base_url: str, browser: Any) -> None:
    context = browser.new_context()
    # Stand in for the neutral page: the test never leaves this machine.
    context.route(
        re.compile(r"^https://www\.google\.com/.*"),
        lambda route: route.fulfill(body="<title>Thời tiết</title>", content_type="text/html"),
    )
    page = context.new_page()
    page.goto(base_url + "statistics/")
    page.goto(base_url + "hotline/")
    page.click(".exit-page__button")
    page.wait_for_url(NEUTRAL_URL)
    page.go_back()
    assert page.url == base_url + "statistics/"  # /hotline/ was replaced, not kept

    page.goto(base_url + "en/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_URL)
    context.close()


def test_exit_button_is_on_every_page(site: Project) -> None:
    for html_file in site.site.rglob("index.html"):
        if is_redirect(html_file):
            continue
        html = html_file.read_text(encoding="utf-8")
        assert f'href="{NEUTRAL_URL}"' in html, html_file
    assert "Thoát nhanh" in site.html("index.html") and "Exit this page" in site.html(
        "en/index.html"
    )


def test_works_without_javascript(base_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    assert _plain(page.locator("h1").inner_text()) == "Tổng đài 111"
    assert page.locator('a[href="tel:111"]').first.is_visible()
    page.goto(base_url + "downloads/")
    assert page.locator("[data-downloads] li a[download]").count() > 20
    assert page.locator('a[href$=".zip"]').count() >= 4
    page.goto(base_url + "en/materials/")
    page.get_by_role("link", name="Schools", exact=True).first.click()
    assert "/en/materials/schools/" in page.url
    context.close()


def test_phone_width_has_no_sideways_scrolling_and_big_targets(
    site: Project, base_url: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    for path in [
        "",
        "en/",
        "statistics/",
        "downloads/",
        "en/materials/schools/schools-lesson-primary/",
    ]:
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
        for selector in [
            ".call-bar__link",
            ".exit-page__button",
            '.md-header label[for="__drawer"]',
            '.md-header label[for="__search"]',
            ".md-header .md-select .md-header__button",
        ]:
            box = page.locator(selector).first.bounding_box()
            assert box and box["height"] >= 44 - 0.5 and box["width"] >= 44 - 0.5, (
                path,
                selector,
                box,
            )
    page.close()


def test_page_weight_of_the_home_page(site: Project, base_url: str, browser: Any) -> None:
    for path in ("", "en/"):
        page = browser.new_page(viewport={"width": 375, "height": 740})
        record = Recorder(page, urlsplit(base_url).netloc)
        page.goto(base_url + path, wait_until="networkidle")
        counted = [r for r in record.responses if "search_index.json" not in r.url]
        compressed = sum(len(gzip.compress(r.body(), 6)) for r in counted)
        SUMMARY.append(
            f"home page /{path}: {len(counted)} requests, {compressed / 1024:.1f} KB gzip "
            "(search index excluded; budget 15 requests, 120 KB)"
        )
        assert len(counted) <= 15, [r.url for r in counted]
        assert compressed <= 120 * 1024
        page.close()


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("", "mua bán người", "Tổng đài 111"),
        ("", "mua ban nguoi", "Tổng đài 111"),
        ("", "thong ke", "Số liệu thống kê"),
        ("en/", "trafficking", "About the 111 hotline"),
    ],
)
def test_search_in_each_language(
    base_url: str, browser: Any, path: str, query: str, expected: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    search(page, query)
    items = page.locator(".md-search-result__item > a")
    hrefs = [items.nth(index).get_attribute("href") or "" for index in range(items.count())]
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any(expected in title for title in titles), titles
    for href in hrefs:
        absolute = urljoin(page.url, href)
        assert ("/en/" in absolute) == (path == "en/"), (
            absolute
        )  # results stay in the page's language
    page.close()


def test_printing_a_page(base_url: str, browser: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(base_url + "en/hotline/")
    target = tmp_path / "page.pdf"
    page.pdf(path=str(target), format="A4")
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert "About the 111 hotline" in text
    assert "Hotline 111 — free of charge, 24 hours a day" in text
    assert "https://111.example.org/en/hotline/" in text
    assert (
        "Exit this page" not in text and "Materials" not in text.split("About the 111 hotline")[0]
    )
    page.close()


def test_offline_kit_works_from_the_disk(site: Project, browser: Any, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(site.site / "downloads" / "offline-site.zip") as kit:
        kit.extractall(tmp_path)
    root = tmp_path / "offline-site"
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((root / "index.html").as_uri())
    assert _plain(page.locator("h1").inner_text()) == "Tổng đài 111"
    page.goto((root / "materials" / "schools" / "index.html").as_uri())
    with page.expect_navigation():
        page.locator("article a[href$='.html']").first.click()
    pdf_links = page.locator("a[href$='.pdf']")
    assert pdf_links.count() >= 1
    target = urlsplit(pdf_links.first.evaluate("a => a.href")).path
    assert Path(target).is_file()
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=en]").first.dispatch_event("click")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.startswith(root.as_uri()) and page.url.endswith(".html")
    assert not errors
    page.close()


# -- a first-time visitor, on a phone and on a desktop (issue 13) ------------------------------

SCREENS = [pytest.param((375, 740), id="phone-375"), pytest.param((1280, 800), id="desktop-1280")]
LANGUAGES = [pytest.param(("", "vi"), id="vi"), pytest.param(("en/", "en"), id="en")]


def open_page(browser: Any, screen: tuple[int, int]) -> Any:
    width, height = screen
    phone = width < 600
    return browser.new_page(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )


def no_sideways_scrolling(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_answers_in_its_language(
    base_url: str, browser: Any, screen: tuple[int, int], language: tuple[str, str]
) -> None:
    prefix, code = language
    page = open_page(browser, screen)
    response = page.goto(base_url + prefix + "materials/schools/an-old-worksheet/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == code
    heading = {"vi": "Không tìm thấy trang này", "en": "Page not found"}[code]
    assert _plain(page.locator("h1").inner_text()) == heading
    call = page.locator("article a[href='tel:111']")
    assert call.is_visible() and call.bounding_box()["y"] < screen[1]  # in the first screen
    no_sideways_scrolling(page)
    # The search opens from the page.
    page.locator("article label[for='__search']").click()
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    page.goto(base_url + prefix + "materials/schools/an-old-worksheet/")
    with page.expect_navigation():
        page.locator("article .not-found__ways a").first.click()
    assert page.url == base_url + prefix
    page.close()


def first_screen_bottom(page: Any) -> float:
    """The bottom of what a reader sees without scrolling (nothing is fixed at the bottom
    of the window: the exit button is at the top)."""
    return float(page.viewport_size["height"])


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_within_the_first_screen_of_a_material_page(
    base_url: str, browser: Any, screen: tuple[int, int], language: tuple[str, str]
) -> None:
    prefix, code = language
    page = open_page(browser, screen)
    for material in ("schools/schools-lesson-primary", "hotels/hotels-room-card"):
        page.goto(base_url + prefix + f"materials/{material}/", wait_until="networkidle")
        first = page.locator("article .download-list a").first
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= first_screen_bottom(page), (
            material,
            box,
        )
        assert (first.get_attribute("href") or "").endswith(f"-{code}-a4.pdf")
        assert re.search(r"\d+ KB", first.inner_text())
        assert page.locator("article .download-preview img").first.is_visible()
        no_sideways_scrolling(page)
    page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_download_list_fits_320_px(
    base_url: str, browser: Any, language: tuple[str, str]
) -> None:
    prefix, _ = language
    page = open_page(browser, (320, 640))
    for path in ("downloads/", "materials/hotels/hotels-lobby-poster/", "statistics/"):
        page.goto(base_url + prefix + path)
        no_sideways_scrolling(page)
        links = page.locator("article [data-downloads] a")
        assert links.count() >= 2
        for index in range(min(links.count(), 40)):
            box = links.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, (path, box)
    page.close()


COVERED_LINKS = """() => {
    const bar = document.querySelector('.exit-page').getBoundingClientRect();
    const covered = [];
    let checked = 0;
    for (const link of document.querySelectorAll('article a, .md-footer a')) {
        if (!link.getClientRects().length) continue;  // hidden (a closed menu)
        link.focus();  // scrolls it into view as Tab would
        const box = link.getBoundingClientRect();
        const x = Math.min(box.left + box.width / 2, innerWidth - 1);
        const y = box.top + Math.min(box.height / 2, 10);
        const hit = document.elementFromPoint(x, y);
        checked += 1;
        if (!hit || !(link === hit || link.contains(hit))) covered.push(link.textContent.trim());
    }
    // Nothing of the header or the call bar lies under the button, at the top or scrolled.
    const under = [];
    for (const y of [0, 400]) {
        scrollTo(0, y);
        const parts = '.md-header a, .md-header label, .md-header input, .md-banner a';
        for (const el of document.querySelectorAll(parts)) {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height) continue;
            if (box.right > bar.left + 1 && box.left < bar.right - 1
                && box.bottom > bar.top + 1 && box.top < bar.bottom - 1)
                under.push(el.outerHTML.slice(0, 60));
        }
    }
    return {checked, covered, under};
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exit_button_covers_no_link(
    base_url: str, browser: Any, screen: tuple[int, int], language: tuple[str, str]
) -> None:
    prefix, _ = language
    page = open_page(browser, screen)
    for path in ("materials/schools/schools-worksheet-primary/", "downloads/", ""):
        page.goto(base_url + prefix + path, wait_until="networkidle")
        result = page.evaluate(COVERED_LINKS)
        assert result["checked"] >= 5, path
        assert not result["covered"], (path, result["covered"][:5])
        assert not result["under"], (path, result["under"])
        button = page.locator(".exit-page__button").bounding_box()
        assert button and button["height"] >= 44 - 0.5 and button["y"] < screen[1]
    page.close()


def visible_nav_links(page: Any) -> list[str]:
    """Links of the main navigation a reader can see (a closed section's are collapsed)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')]
            .filter(link => link.checkVisibility({visibilityProperty: true, opacityProperty: true})
                    && link.closest('.md-nav').getBoundingClientRect().height > 0)
            .map(link => link.href || '')"""
    )


MATERIAL_LINK = re.compile(r"materials/(schools|hotels|books|community)/[a-z0-9-]+/$")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_ways_in_by_role_and_a_short_navigation(
    base_url: str, browser: Any, screen: tuple[int, int], language: tuple[str, str]
) -> None:
    prefix, code = language
    page = open_page(browser, screen)
    page.goto(base_url + prefix, wait_until="networkidle")
    roles = page.locator("article a.role-link")
    assert roles.count() == 4
    call = page.locator("article a[href='tel:111']").bounding_box()
    assert call and call["y"] < roles.first.bounding_box()["y"]  # the hotline first
    teacher = {"vi": "Tôi là giáo viên", "en": "I am a teacher"}[code]
    assert roles.first.locator("strong").inner_text() == teacher
    no_sideways_scrolling(page)
    if screen[0] < 600:
        page.locator(".md-header label[for='__drawer']").click()
        page.wait_for_timeout(400)  # the drawer slides in
    links = visible_nav_links(page)
    audiences = [link for link in links if re.search(r"materials/\w+/$", link)]
    assert len(audiences) == 4, links
    assert not [link for link in links if MATERIAL_LINK.search(link)], links
    # A section page shows its own materials, not every material.
    page.goto(base_url + prefix, wait_until="networkidle")
    with page.expect_navigation():
        roles.first.click()
    assert page.url == base_url + prefix + "materials/schools/"
    if screen[0] >= 600:
        materials = [link for link in visible_nav_links(page) if MATERIAL_LINK.search(link)]
        assert materials and all("schools/" in link for link in materials), materials
    page.close()


NFD_QUERIES = [("mua bán người", "Tổng đài 111"), ("thống kê", "Số liệu thống kê")]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(("query", "expected"), NFD_QUERIES)
def test_a_decomposed_query_finds_the_same_pages(
    base_url: str, browser: Any, screen: tuple[int, int], query: str, expected: str
) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", query)
    assert decomposed != query
    page = open_page(browser, screen)
    page.goto(base_url, wait_until="networkidle")
    if screen[0] < 600:
        page.locator(".md-header label[for='__search']").first.click()
    search(page, decomposed)
    assert page.locator("input.md-search__input").input_value() == query  # NFC now
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any(expected in title for title in titles), titles
    page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_social_card_of_a_page_is_served(
    base_url: str, browser: Any, language: tuple[str, str]
) -> None:
    prefix, code = language
    page = browser.new_page()
    page.goto(base_url + prefix + "materials/hotels/hotels-room-card/")
    image = page.locator("meta[property='og:image']").get_attribute("content") or ""
    assert image.startswith("https://111.example.org/assets/social/")
    assert page.locator("meta[property='og:locale']").get_attribute("content") == (
        "vi_VN" if code == "vi" else "en_US"
    )
    response = page.request.get(base_url + image.removeprefix("https://111.example.org/"))
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    card = browser.new_page(viewport={"width": 1200, "height": 630})
    card.goto(base_url + image.removeprefix("https://111.example.org/"))
    size = card.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [1200, 630]
    card.close()
    page.close()


def _lighthouse() -> str | None:
    """Lighthouse 12 (npm) if installed: $LIGHTHOUSE, on PATH, or in node_modules here."""
    import os
    import shutil

    from conftest import ROOT

    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return (
        os.environ.get("LIGHTHOUSE")
        or shutil.which("lighthouse")
        or (str(local) if local.is_file() else None)
    )


LIGHTHOUSE_RUNS = 3
"""Lighthouse's own advice for a score that varies from run to run: the median of several."""


@pytest.mark.parametrize("language", LANGUAGES)
def test_lighthouse_scores_of_the_home_page(base_url: str, language: tuple[str, str]) -> None:
    """Lighthouse 12, mobile, simulated slow 4G, on the site served as deploy/ configures
    the servers (gzip, keep-alive): every run printed; accessibility, best practices and
    SEO at 1.00 in every run, performance at 1.00 in the median run."""
    import json
    import os
    import statistics
    import subprocess

    from conftest import CHROMIUM

    lighthouse = _lighthouse()
    if lighthouse is None or CHROMIUM is None:
        pytest.skip("Lighthouse not installed: `npm i -E --no-save lighthouse@12.2.3` to run it")
    prefix, code = language
    runs = []
    for _ in range(LIGHTHOUSE_RUNS):
        result = subprocess.run(
            [
                lighthouse,
                base_url + prefix,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--form-factor=mobile",
                "--throttling-method=simulate",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        report = json.loads(result.stdout)
        scores = {name: category["score"] for name, category in report["categories"].items()}
        audits = report["audits"]
        SUMMARY.append(
            f"Lighthouse /{prefix} ({code}, mobile, slow 4G): "
            + ", ".join(f"{name} {score:.2f}" for name, score in scores.items())
            + "; "
            + ", ".join(
                f"{metric} {audits[audit]['displayValue']}"
                for metric, audit in [
                    ("FCP", "first-contentful-paint"),
                    ("LCP", "largest-contentful-paint"),
                    ("TBT", "total-blocking-time"),
                    ("CLS", "cumulative-layout-shift"),
                ]
            )
        )
        assert scores["accessibility"] == scores["best-practices"] == scores["seo"] == 1, scores
        runs.append(scores["performance"])
    assert statistics.median(runs) == 1, runs


def _plain(text: str) -> str:
    """Text as read: the no-break spaces that keep a title's words whole read as spaces."""
    return text.replace("\u00a0", " ")


def result_links(page: Any) -> list[str]:
    items = page.locator(".md-search-result__item > a")
    return [
        urljoin(page.url, items.nth(i).get_attribute("href") or "") for i in range(items.count())
    ]


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("", "bị bắt nạt"),
        ("", "bị xâm hại"),
        ("", "bị bán"),
        ("", "em sợ"),
        ("", "bi bat nat"),
        ("", "bi xam hai"),
        ("", "bi ban"),
        ("", "em so"),
        ("en/", "bullying"),
        ("en/", "abuse"),
        ("en/", "I'm scared"),
    ],
)
def test_a_childs_words_lead_first_to_the_page_written_for_them(
    base_url: str, browser: Any, path: str, query: str
) -> None:
    page = browser.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    search(page, query)
    links = result_links(page)
    assert links and links[0].startswith(base_url + path + "safety/"), links[:5]
    page.close()


def test_search_shows_a_materials_files_as_one_line(base_url: str, browser: Any) -> None:
    """A poster with 16 PDFs is one result with one line of files, not 16 rows."""
    page = browser.new_page()
    page.goto(base_url, wait_until="networkidle")
    search(page, "luôn sẵn sàng lắng nghe")
    results = page.locator(".md-search-result__article").all_inner_texts()
    assert results
    for text in results:
        assert text.count(": PDF, ") <= 1, text
    rows = page.locator(".md-search-result__article li").all_inner_texts()
    assert not [row for row in rows if ": PDF, " in row], rows
    page.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_search_index_loads_only_when_search_is_opened(
    base_url: str, browser: Any, screen: tuple[int, int]
) -> None:
    page = open_page(browser, screen)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + "hotline/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert not [url for url in asked if "search_index" in url]
    if screen[0] < 600:
        page.locator(".md-header label[for='__search']").first.click()
    search(page, "111")
    assert [url for url in asked if url.endswith("/search/search_index.json")]
    page.close()


def test_the_english_404_page_searches_the_english_index(base_url: str, browser: Any) -> None:
    page = browser.new_page()
    response = page.goto(base_url + "en/materials/no-such-page/")
    assert response is not None and response.status == 404
    page.locator("article label[for='__search']").click()
    search(page, "hotline")
    links = result_links(page)
    assert links and all(link.startswith(base_url + "en/") for link in links), links[:5]
    page.close()


@pytest.mark.parametrize("width", [375, 640, 1280])
def test_skip_link_reads_in_full_and_the_statistics_table_scrolls_by_keyboard(
    base_url: str, browser: Any, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base_url + "statistics/", wait_until="networkidle")
    assert _plain(page.locator("a.md-skip").inner_text()) == "Chuyển đến nội dung chính"
    wraps = page.locator(".md-typeset__scrollwrap")
    assert wraps.count() > 0
    for index in range(wraps.count()):
        wrap = wraps.nth(index)
        assert wrap.get_attribute("tabindex") == "0"
        assert wrap.get_attribute("role") == "region"
        assert (wrap.get_attribute("aria-label") or "").strip()
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
                 .findIndex(w => w.scrollWidth > w.clientWidth + 1)"""
    )
    if width == 375:
        assert wide >= 0  # the table is wider than a phone: it must scroll
    if wide >= 0:
        wrap = wraps.nth(wide)
        wrap.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert wrap.evaluate("w => w.scrollLeft") > 0
    page.goto(base_url + "en/statistics/", wait_until="networkidle")
    assert _plain(page.locator("a.md-skip").inner_text()) == "Skip to content"
    page.close()


@pytest.mark.parametrize("width", [375, 640, 1280])
def test_no_invisible_tab_stop_before_the_content(base_url: str, browser: Any, width: int) -> None:
    """Below 1220 px the closed menu drawer gives no Tab stop; every stop is on screen."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base_url + "hotline/", wait_until="networkidle")
    hidden = []
    for _ in range(20):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const el = document.activeElement;
                       const box = el.getBoundingClientRect();
                       return {html: el.outerHTML.slice(0, 80),
                               drawer: !!el.closest('.md-sidebar--primary'),
                               onScreen: box.width > 0 && box.height > 0 && box.right > 0
                                         && box.left < innerWidth}; }"""
        )
        if not where["onScreen"] or (width < 1220 and where["drawer"]):
            hidden.append(where["html"])
    assert not hidden, hidden
    if width < 1220:  # the menu still opens and its links are then reachable
        page.locator(".md-header label[for='__drawer']").first.click()
        page.wait_for_timeout(400)
        assert page.locator(".md-sidebar--primary a").first.is_visible()
    page.close()


# -- "Exit this page" as GOV.UK's component has it (issue 24) ---------------------------------

FOCUSED = """() => { const el = document.activeElement; const box = el.getBoundingClientRect();
    return {cls: el.className, top: box.top, bottom: box.bottom, right: box.right,
            visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= innerWidth
                     && box.top >= 0 && box.bottom <= innerHeight}; }"""


@pytest.mark.parametrize("width", [375, 640, 1280])
@pytest.mark.parametrize("path", ["", "en/materials/hotels/hotels-lobby-poster/", "404.html"])
def test_exit_is_the_first_tab_stop_at_the_top(
    base_url: str, browser: Any, width: int, path: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 640})
    page.goto(base_url + path, wait_until="networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert "exit-page__button" in first["cls"] and first["visible"], first
    assert first["top"] < 8 and first["right"] >= width - 8, first  # top right corner
    if path != "404.html":  # the 404 page has no heading to skip to
        page.keyboard.press("Tab")
        assert "md-skip" in page.evaluate(FOCUSED)["cls"]
    page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    box = page.locator(".exit-page__button").bounding_box()
    assert box and box["y"] < 8 and box["height"] >= 44 - 0.5  # still there, scrolled
    page.close()


def test_shift_presses_are_counted_on_screen_and_aloud(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 640})
    page.goto(base_url + "hotline/", wait_until="networkidle")
    status = page.locator("[data-exit-status]")
    assert status.get_attribute("role") == "status" and status.inner_text() == ""
    lit = ".exit-page__dots > span.on"
    assert not page.locator(".exit-page__dots").is_visible()
    page.keyboard.press("Shift")
    assert page.locator(".exit-page__dots").is_visible() and page.locator(lit).count() == 1
    assert status.inner_text() == "Shift: nhấn thêm 2 lần để thoát."
    page.keyboard.press("Shift")
    assert page.locator(lit).count() == 2
    assert status.inner_text() == "Shift: nhấn thêm 1 lần nữa để thoát."
    page.keyboard.press("a")  # another key: the count starts again
    assert page.locator(lit).count() == 0 and not page.locator(".exit-page__dots").is_visible()
    assert status.inner_text() == "Đã hết giờ thoát nhanh."
    page.keyboard.press("Shift+A")  # Shift held for a capital letter does not count
    assert page.locator(lit).count() == 0
    page.goto(base_url + "en/hotline/", wait_until="networkidle")
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-status]").inner_text() == "Shift, press 2 more times to exit."
    page.close()


def test_the_page_is_covered_while_the_neutral_page_loads(base_url: str, browser: Any) -> None:
    """A slow line: the neutral page is held back; the page is covered meanwhile, and a
    page shown again from the back-forward cache comes back usable, its count reset."""
    context = browser.new_context(viewport={"width": 375, "height": 640})
    held: list[Any] = []
    context.route(re.compile(r"^https://www\.google\.com/.*"), lambda route: held.append(route))
    page = context.new_page()
    page.goto(base_url + "safety/", wait_until="networkidle")
    page.keyboard.press("Shift")
    # Read in the page itself: Playwright's own calls wait for the held navigation.
    state = page.evaluate(
        """() => {
            document.querySelector('.exit-page__button').click();
            const cover = document.querySelector('.exit-page-cover');
            const box = cover.getBoundingClientRect();
            const shown = el => el.checkVisibility({visibilityProperty: true});
            const left = {role: cover.getAttribute('role'), text: cover.textContent,
                          box: [box.x, box.y, box.width, box.height], title: document.title,
                          h1: shown(document.querySelector('h1')),
                          exit: shown(document.querySelector('.exit-page__button')),
                          cover: shown(cover)};
            window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
            return {left, back: {cover: !!document.querySelector('.exit-page-cover'),
                                 h1: shown(document.querySelector('h1')),
                                 lit: document.querySelectorAll('.exit-page__dots > .on').length,
                                 status: document.querySelector('[data-exit-status]').textContent}};
        }"""
    )
    assert state["left"] == {
        "role": "alert",
        "text": "Đang tải.",
        "box": [0, 0, 375, 640],
        "title": "…",
        "h1": False,
        "exit": False,
        "cover": True,
    }, state
    assert state["back"] == {"cover": False, "h1": True, "lit": 0, "status": ""}, state
    for route in held:
        route.fulfill(body="<title>Thời tiết</title>", content_type="text/html")
    context.close()


def test_no_menu_item_is_hidden_on_a_640_px_phone(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 640}, is_mobile=True, has_touch=True)
    page.goto(base_url + "hotline/", wait_until="networkidle")
    page.locator(".md-header label[for='__drawer']").first.click()
    page.wait_for_timeout(400)
    hidden = page.evaluate(
        """() => {
            const top = '.md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item';
            const links = [...document.querySelectorAll(top + ' > .md-nav__link')]
                .filter(a => a.getClientRects().length);
            const hidden = [];
            for (const link of links) {
                link.scrollIntoView({block: 'end'});
                const box = link.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + 20, box.top + box.height / 2);
                if (!hit || !(hit === link || link.contains(hit)))
                    hidden.push(link.textContent.trim());
            }
            return {count: links.length, hidden, last: links.at(-1).textContent.trim()};
        }"""
    )
    assert hidden["count"] >= 8 and not hidden["hidden"], hidden
    assert hidden["last"] == "Duyệt web an toàn"
    page.close()


FIXED_SHARE = """() => {
    scrollTo(0, 600);
    let covered = 0;  // CSS px of the window under something fixed or stuck, counted once
    const boxes = [...document.querySelectorAll('body *')].filter(el => {
        const pos = getComputedStyle(el).position;
        if (pos !== 'fixed' && pos !== 'sticky') return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
               && box.right > 0 && box.left < innerWidth
               && getComputedStyle(el).visibility !== 'hidden'
               && parseFloat(getComputedStyle(el).opacity) > 0;  // not a skip link or toast at rest
    }).map(el => el.getBoundingClientRect());
    for (let y = 0; y < innerHeight; y += 2)
        for (let x = 0; x < innerWidth; x += 2)
            if (boxes.some(b => x >= b.left && x < b.right && y >= b.top && y < b.bottom))
                covered += 4;
    const rows = new Set();
    for (const b of boxes) if (b.width >= innerWidth / 2)
        for (let y = Math.max(0, Math.floor(b.top)); y < Math.min(innerHeight, b.bottom); y++)
            rows.add(y);
    return {area: covered / (innerWidth * innerHeight), rows: rows.size / innerHeight};
}"""


@pytest.mark.parametrize(
    ("zoom", "screen"), [("200%", (640, 400)), ("400%", (320, 200))], ids=["200%", "400%"]
)
def test_the_fixed_bars_leave_the_screen_to_the_page_when_zoomed(
    base_url: str, browser: Any, zoom: str, screen: tuple[int, int]
) -> None:
    """A 1280 x 800 window at 200 % and 400 % zoom is 640 x 400 and 320 x 200 CSS px."""
    page = browser.new_page(viewport={"width": screen[0], "height": screen[1]})
    for path in ("", "statistics/", "en/materials/schools/schools-lesson-lower-secondary/"):
        page.goto(base_url + path, wait_until="networkidle")
        share = page.evaluate(FIXED_SHARE)
        print(zoom, path, share)
        assert share["area"] <= 0.15 and share["rows"] <= 0.15, (zoom, path, share)
        box = page.locator(".exit-page__button").bounding_box()
        assert box and box["y"] < 8 and box["height"] >= 44 - 0.5
        no_sideways_scrolling(page)
    page.close()


# -- wayfinding: a teacher and a hotel, on a phone (issue 24) ---------------------------------


def tap(page: Any, link: Any) -> None:
    """One tap on a link that is on the screen already, or after scrolling to it."""
    with page.expect_navigation():
        link.tap()


def in_first_screen(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= first_screen_bottom(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_teacher_and_a_hotel_find_their_files_in_three_taps(
    base_url: str, browser: Any, language: tuple[str, str]
) -> None:
    prefix, code = language
    page = open_page(browser, (375, 740))
    page.goto(base_url + prefix, wait_until="networkidle")
    # The home page offers every audience in the phone's first screen.
    choice = page.locator("article .audience-choice a")
    assert choice.count() == 4 and all(in_first_screen(page, choice.nth(i)) for i in range(4))
    no_sideways_scrolling(page)

    # Teacher: 1 the schools page, 2 the grade 6–9 lesson (in its first screen), 3 its files.
    lesson = "schools-lesson-lower-secondary"
    for target in ("schools-worksheet-lower-secondary", "schools-answer-key-lower-secondary"):
        page.goto(base_url + prefix, wait_until="networkidle")
        tap(page, page.locator("article .audience-choice a[href*='schools']"))
        grade = {"vi": "Lớp 6–9", "en": "Grades 6–9"}[code]
        row = page.locator("article .grade-index li", has_text=grade)
        link = row.locator(f"a[href*='{lesson}']")
        assert in_first_screen(page, link), link.bounding_box()
        tap(page, link)
        assert page.url.endswith(f"/{lesson}/")
        assert page.locator("article .grade-band").first.inner_text() == grade
        companion = page.locator(f"article .companions a[href*='{target}']")
        assert in_first_screen(page, companion)
        tap(page, companion)  # tap 3
        assert page.url.endswith(f"/{target}/")
        back = page.locator(f"article .companions a[href*='{lesson}']")
        assert back.count() == 1  # and the way back to the lesson
        assert page.locator("article .material-downloads a[href$='.pdf']").count() >= 1

    # Hotel: 1 the hotels page, 2 the lobby poster, 3 the A3 print-shop PDF.
    page.goto(base_url + prefix, wait_until="networkidle")
    tap(page, page.locator("article .audience-choice a[href*='hotels']"))
    tap(page, page.locator("article h3 a[href*='hotels-lobby-poster']"))
    note = page.locator("article .material-downloads .download-note")
    assert in_first_screen(page, note)
    shop = {"vi": "nhà in", "en": "Print shop"}[code]
    assert shop.lower() in note.inner_text().lower() and "3 mm" in note.inner_text()
    poster = page.locator("article a[href$='hotels-lobby-poster-bilingual-a3-print.pdf']")
    assert poster.count() == 1
    with page.expect_download() as download:
        poster.tap()  # tap 3
    assert download.value.suggested_filename == "hotels-lobby-poster-bilingual-a3-print.pdf"
    # The files come grouped by language, this page's first: never interleaved.
    order = page.eval_on_selector_all(
        "article .material-downloads li[data-language]", "rows => rows.map(r => r.dataset.language)"
    )
    groups = [lang for i, lang in enumerate(order) if i == 0 or order[i - 1] != lang]
    assert groups[0] == code and len(groups) == len(set(groups)), order
    page.close()


def test_the_offline_kit_fits_a_phone_from_the_disk(
    site: Project, browser: Any, tmp_path: Path
) -> None:
    """Every page of the unzipped kit at 375 px from file://: no sideways scrolling (the
    closed language menu stays inside the page), the exit button on the screen."""
    import zipfile

    with zipfile.ZipFile(site.site / "downloads" / "offline-site.zip") as kit:
        kit.extractall(tmp_path)
    root = tmp_path / "offline-site"
    pages = sorted(path for path in root.rglob("*.html") if not is_redirect(path))
    assert len(pages) >= 80
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    wide = []
    for html_file in pages:
        page.goto(html_file.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        box = page.locator(".exit-page__button").bounding_box()
        inside = box and box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] < 740
        if width > 375 or not inside:
            wide.append((str(html_file.relative_to(root)), width, box))
    assert not wide, wide[:5]
    page.close()
