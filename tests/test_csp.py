"""The site under a strict Content-Security-Policy, served the way deploy/ tells deployers to.

deploy/content-security-policy.txt is the policy; deploy/nginx.conf, deploy/apache.htaccess
and deploy/_headers must carry it unchanged. It allows no inline script but the theme's,
each by its hash: the hashes are recomputed here from the built pages, so a theme update
that changes one fails this test (which prints the script-src to use) instead of breaking
the live site. Then every page is opened in Chromium with the headers served, and must
work with no violation: search included, and "Exit this page" must reach the neutral page
without a Referer.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT, Project, is_redirect, make_project, serve, serve_site

DEPLOY = ROOT / "deploy"
POLICY = (DEPLOY / "content-security-policy.txt").read_text(encoding="utf-8").strip()
REFERRER_POLICY = "no-referrer"
HEADERS = {"Content-Security-Policy": POLICY, "Referrer-Policy": REFERRER_POLICY}
NEUTRAL_PATH = "/search?q=th%E1%BB%9Di+ti%E1%BA%BFt"
MISSING = "no/such/page/"
MATERIAL = Path(str(__import__("material").__file__)).parent / "templates"

# Every document records the violations of the policy it sees, before any of its scripts.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective}: ${event.blockedURI || "inline"} in ${event.sourceFile}`
    + `:${event.lineNumber} ${event.sample}`);
}, true);
"""


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = sources
    return parsed


# --- The policy and the configs that carry it ---------------------------------------------


def test_the_policy_is_strict() -> None:
    policy = directives(POLICY)
    assert "\n" not in POLICY and '"' not in POLICY  # one header line, quotable in the configs
    for name in ("script-src", "style-src", "default-src", "worker-src", "connect-src"):
        assert not [source for source in policy[name] if source.startswith("'unsafe-")], name
        assert not [
            source for source in policy[name] if source.rstrip(":") in ("*", "https", "http")
        ]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # The one allowance, and deploy/README.md says why: style attributes, not <style>.
    assert policy["style-src-attr"] == ["'unsafe-inline'"]


@pytest.mark.parametrize(
    ("config", "lines"),
    [
        (
            "nginx.conf",
            [
                f'add_header Content-Security-Policy "{POLICY}" always;',
                f'add_header Referrer-Policy "{REFERRER_POLICY}" always;',
            ],
        ),
        (
            "apache.htaccess",
            [
                f'Header always set Content-Security-Policy "{POLICY}"',
                f'Header always set Referrer-Policy "{REFERRER_POLICY}"',
            ],
        ),
        (
            "_headers",
            [
                "/*",
                f"  Content-Security-Policy: {POLICY}",
                f"  Referrer-Policy: {REFERRER_POLICY}",
            ],
        ),
        (
            "README.md",  # the deployers' notes show the exact header
            [
                f"Content-Security-Policy: {POLICY}",
                f"Referrer-Policy: {REFERRER_POLICY}",
            ],
        ),
    ],
)
def test_each_ready_made_config_carries_the_tested_policy(config: str, lines: list[str]) -> None:
    text = (DEPLOY / config).read_text(encoding="utf-8")
    stripped = [line.strip() for line in text.splitlines()]
    for line in lines:
        assert line.strip() in stripped, f"deploy/{config} lacks: {line.strip()}"
    # No second, different policy anywhere in the file.
    others = [
        line
        for line in stripped
        if re.match(r"(add_header |Header \w+ set )?Content-Security-Policy\b", line)
        and POLICY not in line
    ]
    assert not others, others


# --- What the built pages need --------------------------------------------------------------


class _Page(HTMLParser):
    """Inline scripts, inline event handlers, javascript: URLs and <style> of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self.style_elements = 0
        self.referrer_meta = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and _executable(attributes.get("type")):
            self._script = []
        if tag == "style":
            self.style_elements += 1
        if tag == "meta" and attributes.get("name") == "referrer":
            self.referrer_meta = attributes.get("content") == REFERRER_POLICY
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if value and re.match(r"\s*javascript:", value, re.IGNORECASE):
                self.javascript_urls.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def _executable(script_type: str | None) -> bool:
    """Data blocks (Material's settings are application/json) run nothing: CSP ignores them."""
    kind = (script_type or "").strip().lower()
    return kind in ("", "module", "importmap") or "javascript" in kind or "ecmascript" in kind


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _pages(site: Path) -> dict[str, _Page]:
    pages = {}
    for html_file in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(html_file.read_text(encoding="utf-8"))
        page.close()
        pages[html_file.relative_to(site).as_posix()] = page
    return pages


@pytest.fixture(scope="module", params=["fixture campaign", "shipped campaign"])
def any_site(request: pytest.FixtureRequest) -> Project:
    if request.param == "fixture campaign":
        project: Project = request.getfixturevalue("built_project")
        return project
    served: Project = request.getfixturevalue("site")
    return served


def test_the_policy_allows_every_inline_script_and_nothing_more(any_site: Project) -> None:
    pages = _pages(any_site.site)
    assert "404.html" in pages and "en/index.html" in pages and "m/" in " ".join(pages)
    needed: dict[str, str] = {}
    for name, page in pages.items():
        for script in page.scripts:
            needed.setdefault(_hash(script), f"{name}: {script[:80]}")
    listed = {source for source in directives(POLICY)["script-src"] if source.startswith("'sha")}
    expected = "script-src 'self' " + " ".join(sorted(needed))
    missing = {source: needed[source] for source in needed.keys() - listed}
    assert not missing, (
        f"inline scripts the policy does not allow (first seen): {missing}\n"
        f"Put `{expected}` in deploy/content-security-policy.txt and the three configs "
        "(deploy/README.md)."
    )
    assert listed <= needed.keys(), (
        f"hashes no page needs: {listed - needed.keys()}; use {expected}"
    )
    # One policy for every page, wherever the site is served from: every page of the theme
    # has the same inline scripts (today one, Material's partials/javascripts/content.html).
    # A script that changes from page to page belongs in a file (docs/assets/theme-helpers.js).
    kinds = {
        frozenset(_hash(script) for script in page.scripts)
        for name, page in pages.items()
        if not is_redirect(any_site.site / name)
    }
    assert len(kinds) == 1, f"inline scripts differ between pages: {needed}"


def test_pages_have_no_handlers_javascript_urls_or_style_elements(any_site: Project) -> None:
    for name, page in _pages(any_site.site).items():
        assert not page.handlers, (name, page.handlers)
        assert not page.javascript_urls, (name, page.javascript_urls)
        assert not page.style_elements, name


def test_every_page_asks_for_no_referrer(any_site: Project) -> None:
    for name, page in _pages(any_site.site).items():
        assert page.referrer_meta, f'{name} lacks <meta name="referrer" content="no-referrer">'
    for html_file in any_site.site.rglob("index.html"):
        if not is_redirect(html_file):
            link = re.search(
                r'<a class="exit-page__button"[^>]*\brel="([^"]*)"', html_file.read_text("utf-8")
            )
            assert link and "noreferrer" in link[1].split(), html_file


def test_materials_helpers_run_from_a_file_as_the_theme_writes_them() -> None:
    """docs/assets/theme-helpers.js holds Material's inline helpers: they must be the theme's."""
    partial = (MATERIAL / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    inline = re.search(r"<script>(.*)</script>", partial, re.DOTALL)
    assert inline, "Material's helpers moved: see overrides/partials/javascripts/base.html"
    scope = '"{{ config.extra.scope | d(base_url) }}"'
    assert inline[1].count(scope) == 1, "Material writes the scope differently now"
    ours = inline[1].replace(scope, 'document.currentScript.getAttribute("data-md-scope")')
    helpers = (ROOT / "docs" / "assets" / "theme-helpers.js").read_text(encoding="utf-8")
    assert ours in helpers.splitlines(), (
        "Material's helpers changed: copy them from its partials/javascripts/base.html "
        "into docs/assets/theme-helpers.js"
    )


# --- In Chromium, with the headers served ---------------------------------------------------


class _Neutral(http.server.BaseHTTPRequestHandler):
    """Stands in for the neutral page: answers anything and keeps each request's headers
    (names in lower case)."""

    seen: ClassVar[list[tuple[str, dict[str, str]]]]

    def do_GET(self) -> None:
        self.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        body = (
            '<!doctype html><link rel="icon" href="data:,"><title>Thời tiết</title>'
            "<p>Thời tiết hôm nay</p>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def neutral() -> Iterator[tuple[str, list[tuple[str, dict[str, str]]]]]:
    """The neutral page's origin, and the requests it received."""
    seen: list[tuple[str, dict[str, str]]] = []
    handler = type("Neutral", (_Neutral,), {"seen": seen})
    with serve(handler) as origin:
        yield origin, seen


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory,
    neutral: tuple[str, list[tuple[str, dict[str, str]]]],
) -> Project:
    """The shipped campaign, with "Exit this page" going to the local neutral page."""
    project = make_project(
        tmp_path_factory.mktemp("csp"), campaign=ROOT / "campaigns" / "hotline-111"
    )
    config_file = project.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["extra"]["exit_page_url"] = neutral[0] + NEUTRAL_PATH
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    project.built()
    return project


def _site_server(site: Project, headers: dict[str, str]) -> Any:
    return serve_site(site.site, headers)


@pytest.fixture(scope="module")
def base_url(site: Project) -> Iterator[str]:
    with _site_server(site, HEADERS) as origin:
        yield origin + "/"


class _Watch:
    """One tab: its console errors, uncaught exceptions and failed loads; the violations of
    the policy are recorded in the page itself (RECORD_VIOLATIONS)."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", lambda message: self._console(message))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", lambda response: self._response(response))
        self.page.on("requestfailed", lambda request: self._request_failed(request))

    def _console(self, message: Any) -> None:
        # A failed load is reported below, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request: Any) -> None:
        if request.failure != "net::ERR_ABORTED":  # left behind when a redirect page moves on
            self.failed.append(f"{request.failure} {request.url}")

    def problems(self) -> list[str]:
        violations: list[str] = self.page.evaluate("window.__cspViolations || []")
        return violations + self.errors


def _targets(site: Project) -> list[tuple[str, str | None]]:
    """Every HTML file of the site as a path to open, with where a redirect page leads."""
    targets: list[tuple[str, str | None]] = []
    for html_file in sorted(site.site.rglob("*.html")):
        path = html_file.relative_to(site.site).as_posix()
        path = path.removesuffix("index.html")
        target = None
        if is_redirect(html_file):
            canonical = re.search(r'rel="canonical" href="([^"]+)"', html_file.read_text("utf-8"))
            assert canonical, html_file
            target = canonical[1]
        targets.append((path, target))
    return targets


def test_every_page_works_under_the_policy(site: Project, base_url: str, browser: Any) -> None:
    targets = [*_targets(site), (MISSING, None)]  # served with 404.html
    assert len(targets) > 80 and ("en/", None) in targets and ("404.html", None) in targets
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    problems = []
    batch = 6  # pages load side by side: the whole site in about half a minute
    for start in range(0, len(targets), batch):
        tabs = []
        for path, target in targets[start : start + batch]:
            tab = _Watch(context)
            response = tab.page.goto(base_url + path, wait_until="commit")
            assert response is not None, path
            assert response.headers.get("content-security-policy") == POLICY, path
            assert response.status == (404 if path == MISSING else 200), path
            tabs.append((path, target, tab))
        for path, target, tab in tabs:
            if target:
                tab.page.wait_for_url(urljoin(base_url + path, target))
            tab.page.wait_for_load_state("networkidle")
            # Missing: the page asked for (served with 404.html), and the icon that
            # browsers look for by themselves on the short links' redirect pages.
            expected = {f"404 {base_url}{MISSING}", f"404 {base_url}favicon.ico"}
            found = tab.problems() + [failure for failure in tab.failed if failure not in expected]
            if found:
                problems.append((path, found))
            tab.page.close()
    assert not problems

    # The policy is in force and violations are seen: an inline script is refused.
    tab = _Watch(context)
    tab.page.goto(base_url, wait_until="networkidle")
    tab.page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.head.append(s); }"""
    )
    tab.page.wait_for_function("window.__cspViolations.length > 0")
    assert tab.page.evaluate("window.__ran") is None
    context.close()


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [("statistics/", "thong ke", "Số liệu thống kê"), ("en/", "trafficking", "About the 111")],
)
def test_search_works_under_the_policy(
    base_url: str, browser: Any, path: str, query: str, expected: str
) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab = _Watch(context)
    tab.page.goto(base_url + path, wait_until="networkidle")
    box = tab.page.locator("input.md-search__input")
    for _ in range(15):  # a query typed while the worker still builds the index is dropped
        box.fill("")
        box.type(query)
        try:
            tab.page.wait_for_selector(".md-search-result__item", timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    titles = tab.page.locator(".md-search-result__item").all_inner_texts()
    assert any(expected in title for title in titles), titles
    assert not tab.problems() and not tab.failed
    context.close()


@pytest.mark.parametrize(
    ("how", "referrer_header"),
    [
        ("click", True),
        ("shift three times", True),
        ("link without JavaScript", True),
        ("click", False),  # a server that does not send Referrer-Policy: the page's meta
    ],
)
def test_exit_this_page_leaves_no_referer(
    site: Project,
    base_url: str,
    neutral: tuple[str, list[tuple[str, dict[str, str]]]],
    browser: Any,
    how: str,
    referrer_header: bool,
) -> None:
    origin, seen = neutral
    headers = HEADERS if referrer_header else {"Content-Security-Policy": POLICY}
    with _site_server(site, headers) as site_origin:
        context = browser.new_context(java_script_enabled=how != "link without JavaScript")
        page = context.new_page()
        # The neutral server does see a Referer when one is sent.
        seen.clear()
        page.goto(origin + "/check", referer=site_origin + "/hotline/")
        assert seen[0][1].get("referer") == site_origin + "/hotline/"

        seen.clear()
        page.goto(site_origin + "/statistics/")
        page.goto(site_origin + "/en/hotline/", wait_until="networkidle")
        if how == "shift three times":
            for _ in range(3):
                page.keyboard.press("Shift")
        else:
            page.click(".exit-page__button")
        page.wait_for_url(origin + NEUTRAL_PATH)
        page.wait_for_load_state("networkidle")
        context.close()
    assert seen and seen[0][0] == NEUTRAL_PATH, seen
    assert not [request for request in seen if "referer" in request[1]], seen
