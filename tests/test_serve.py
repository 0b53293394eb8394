"""`make serve`: an editor's saved change shows at the next rebuild, on its page and in search.

Drives the real ``mkdocs serve`` on 127.0.0.1 (a free port) over a fixture project, with
the printables and social cards switched off in a copy of mkdocs.yml to keep it quick.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Project, make_project

STARTUP = 180.0
"""Seconds for the first build under serve (2 shared cores, both languages)."""
REBUILD = 120.0
"""Seconds for a rebuild after a save to show."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def quick_config(project: Project) -> Path:
    """A copy of mkdocs.yml whose hotline plugin renders no PDF and no social card."""
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    quick, count = re.subn(
        r"^(  - hotline:\n)",
        r"\1      printables: false\n      social_cards: false\n",
        text,
        flags=re.MULTILINE,
    )
    assert count == 1, "mkdocs.yml no longer has a `- hotline:` plugin entry"
    path = project.root / "mkdocs.serve.yml"
    path.write_text(quick, encoding="utf-8")
    return path


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(what: str, check: Callable[[], bool], timeout: float, log: Path) -> float:
    """Poll ``check`` until it holds; return the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.5)
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
    raise AssertionError(f"{what}: not seen after {timeout:.0f} s; mkdocs serve said:\n{tail}")


class Served:
    def __init__(self, project: Project, origin: str, log: Path) -> None:
        self.project = project
        self.origin = origin
        self.log = log

    def page(self, path: str) -> str:
        return fetch(f"{self.origin}/{path}") or ""

    def shows(self, path: str, text: str) -> Callable[[], bool]:
        return lambda: text in self.page(path)

    def searchable(self, language_prefix: str, text: str) -> Callable[[], bool]:
        return lambda: text in self.page(f"{language_prefix}search/search_index.json")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    config = quick_config(project)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(config),
                "-a",
                f"127.0.0.1:{port}",
            ],
            cwd=project.root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    served = Served(project, f"http://127.0.0.1:{port}", log)
    try:
        wait_for(
            "the first build under mkdocs serve",
            lambda: server.poll() is None and fetch(f"{served.origin}/en/") is not None,
            STARTUP,
            log,
        )
        yield served
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_shows_a_material_title_edit_on_its_page_and_in_search(served: Served) -> None:
    poster = served.project.campaign / "materials" / "poster.yml"
    page_en, page_vi = "en/materials/hotels/poster/", "materials/hotels/poster/"
    assert "Poster" in served.page(page_en)
    replace_in(poster, 'en: "Poster <script>', 'en: "Lobby sign zqxwv <script>')
    replace_in(poster, 'vi: "Áp phích <script>', 'vi: "Bảng sảnh zqxwv <script>')
    seconds = wait_for(
        "the new English title on the material's page",
        served.shows(page_en, "Lobby sign zqxwv"),
        REBUILD,
        served.log,
    )
    assert "Bảng sảnh zqxwv" in served.page(page_vi)
    wait_for(
        "the new title in the English search index",
        served.searchable("en/", "Lobby sign zqxwv"),
        REBUILD,
        served.log,
    )
    assert "Bảng sảnh zqxwv" in served.page("search/search_index.json")
    # The audience page lists the material by its new title too.
    assert "Lobby sign zqxwv" in served.page("en/materials/hotels/")
    print(f"serve: a material's YAML edit showed after {seconds:.1f} s")


def test_serve_shows_a_hand_written_page_edit(served: Served) -> None:
    page = served.project.root / "docs" / "hotline.en.md"
    with page.open("a", encoding="utf-8") as handle:
        handle.write("\n\nA sentence added while serving: plover.\n")
    seconds = wait_for(
        "the added sentence on the page",
        served.shows("en/hotline/", "added while serving: plover"),
        REBUILD,
        served.log,
    )
    wait_for(
        "the added sentence in the English search index",
        served.searchable("en/", "added while serving: plover"),
        REBUILD,
        served.log,
    )
    print(f"serve: a docs page edit showed after {seconds:.1f} s")
