"""Shared fixtures: a throw-away copy of the project with a small fixture campaign."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def site_fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.site.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(self.site)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skipped without it, except in CI."""
    if CHROMIUM is None:
        message = "Chromium not found: `apt-get install chromium` to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()
