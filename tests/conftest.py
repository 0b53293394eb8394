"""Shared fixtures: a throw-away copy of the project with a small fixture campaign."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's Chromium, driven by Playwright (its own browser download does not work here)."""
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SUMMARY: list[str] = []
"""Figures that tests measure (page weight…), printed at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SUMMARY:
        terminalreporter.section("measured")
        for line in SUMMARY:
            terminalreporter.write_line(line)


def is_redirect(path: Path) -> bool:
    """A short link's redirect page (``/m/<id>/``): no content of its own."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
"""What deploy/ has the servers compress (gzip): pages, stylesheets, scripts, the search
index, SVG."""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site as deploy/ configures the servers: HTTP/1.1 with keep-alive, text
    compressed with gzip when the browser accepts it, the headers in ``extra_headers`` on
    every response, and a missing page answered with the 404 page of its language
    (``en/404.html`` under ``/en/``)."""

    protocol_version = "HTTP/1.1"
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        folder = "en/" if self.path.startswith("/en/") else ""
        page = Path(str(self.directory)) / folder / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            with contextlib.suppress(ConnectionError):  # the tab is closed already
                self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closes its kept-alive connections when a tab or context closes.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(handler: Any) -> Iterator[str]:
    """Serve on 127.0.0.1, a free port, in a thread; yields the origin (no trailing /)."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve_site(site: Path, headers: dict[str, str] | None = None) -> Any:
    """The built site in ``site`` served like deploy/ does (:class:`SiteHandler`)."""
    handler = type("Site", (SiteHandler,), {"extra_headers": dict(headers or {})})
    return serve(functools.partial(handler, directory=str(site)))


@dataclass
class Project:
    """A copy of the project in a temporary folder, built by the real build script."""

    root: Path

    @property
    def campaign(self) -> Path:
        return self.root / "campaigns" / "hotline-111"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def build(self, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_site.py")],
            cwd=self.root,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )

    def built(self, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Build and insist on success with no warning."""
        result = self.build(env)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        return result

    def check(self) -> subprocess.CompletedProcess[str]:
        """``make check`` (scripts/check_content.py) on this copy; a hang fails after 120 s."""
        return subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "check_content.py")],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def site_fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.site.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(self.site)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()


def site_of(root: Path) -> tuple[list[str], Path]:
    """The site's languages and campaign folder, as ``root/mkdocs.yml`` gives them."""
    from hotline_site.web.settings import settings

    config = settings(root / "mkdocs.yml")
    return list(config.languages), config.campaign


def package_copy(destination: Path) -> Path:
    """A copy of the ``hotline_site`` package in ``destination/code``, to change its data
    files in a test; run scripts with ``PYTHONPATH`` set to the folder returned."""
    package = destination / "code" / "hotline_site"
    shutil.copytree(ROOT / "hotline_site", package, ignore=shutil.ignore_patterns("__pycache__"))
    return package.parent


def make_project(destination: Path, campaign: Path = FIXTURES / "campaign") -> Project:
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    shutil.copytree(
        ROOT / "docs",
        destination / "docs",
        ignore=shutil.ignore_patterns(
            "materials", ".generated.json", "statistics.*.md", "downloads.*.md"
        ),
    )
    shutil.copytree(campaign, destination / "campaigns" / "hotline-111")
    return Project(destination)


@pytest.fixture(scope="session", autouse=True)
def shared_print_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Fixture sites render the same PDFs: render them once per test session.

    Tests of the cache itself give their project its own folder.
    """
    os.environ["HOTLINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("print-cache"))


@pytest.fixture
def copy(tmp_path: Path) -> Project:
    """The shipped campaign and the site's labels in a project folder of their own (for
    tests that rewrite them: translation imports, statistics imports)."""
    project = make_project(tmp_path, campaign=ROOT / "campaigns" / "hotline-111")
    (tmp_path / "hotline_site" / "content").mkdir(parents=True)
    shutil.copy(
        ROOT / "hotline_site" / "content" / "labels.yml",
        tmp_path / "hotline_site" / "content" / "labels.yml",
    )
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One fixture site built once and shared by read-only tests."""
    built = make_project(tmp_path_factory.mktemp("built"))
    built.built()
    return built


@pytest.fixture(scope="session")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped campaign, built once and shared by read-only tests."""
    built = make_project(
        tmp_path_factory.mktemp("real"), campaign=ROOT / "campaigns" / "hotline-111"
    )
    built.built()
    return built


def missing_tool(message: str) -> None:
    """Skip a test that needs an optional tool (README: "Optional tools"), with the
    reason and the remedy; under CI (env ``CI`` set), where .ci/run installs every
    tool, fail instead: nothing skips there."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def need_tool(command: str, package: str, what: str) -> str:
    """The path of ``command``, or a skip naming the Debian package that has it."""
    found = shutil.which(command)
    if found is None:
        missing_tool(f"{command} not found: `sudo apt-get install {package}` to run {what}")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skipped without it, except in CI."""
    if CHROMIUM is None:
        missing_tool("Chromium not found: `sudo apt-get install chromium` to run the browser tests")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()
