"""`make serve`: an editor's saved change shows at the next rebuild, on its page and in search.

Drives the real ``mkdocs serve`` on 127.0.0.1 (a free port) over a fixture project, with
the printables and social cards switched off in a copy of mkdocs.yml to keep it quick.
"""

from __future__ import annotations

import http.client
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Project, make_project
from pypdf import PdfReader

STARTUP = 180.0
"""Seconds for the first build under serve (2 shared cores, both languages)."""
REBUILD = 120.0
"""Seconds for a rebuild after a save to show."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def quick_config(project: Project, *, printables: bool = False) -> Path:
    """A copy of mkdocs.yml whose hotline plugin renders no social card, and no PDF
    unless ``printables``."""
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    options = "" if printables else "      printables: false\n"
    quick, count = re.subn(
        r"^(  - hotline:\n)",
        lambda match: f"{match.group(1)}{options}      social_cards: false\n",
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
    yield from serving(tmp_path)


@pytest.fixture
def served_with_pdfs(tmp_path: Path) -> Iterator[Served]:
    """Serve with the PDFs rendered, from a copy of the package too: its ``labels.yml``
    is the one to edit."""
    yield from serving(tmp_path, printables=True, own_package=True)


def serving(
    tmp_path: Path, *, printables: bool = False, own_package: bool = False
) -> Iterator[Served]:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    config = quick_config(project, printables=printables)
    package_path = str(ROOT)
    if own_package:
        shutil.copytree(
            ROOT / "hotline_site",
            project.root / "hotline_site",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        package_path = str(project.root)
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
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": package_path},
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


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
        return body


def pdf_words(served: Served, page: str, language: str) -> str:
    """The text and the metadata of the first PDF in ``language`` the page offers."""
    html = served.page(page)
    links = re.findall(r'href="([^"]+\.pdf)"', html)
    chosen = [link for link in links if f"-{language}" in link.rsplit("/", 1)[-1]] or links
    assert chosen, f"{page} offers no PDF"
    url = urllib.parse.urljoin(f"{served.origin}/{page}", chosen[0])
    reader = PdfReader(io.BytesIO(fetch_bytes(url)))
    text = "\n".join(sheet.extract_text() or "" for sheet in reader.pages)
    info = " ".join(str(value) for value in (reader.metadata or {}).values())
    return f"{text}\n{info}"


def test_serve_shows_a_material_and_a_label_edit_in_its_pdf(served_with_pdfs: Served) -> None:
    served = served_with_pdfs
    poster = served.project.campaign / "materials" / "poster.yml"
    labels = served.project.root / "hotline_site" / "content" / "labels.yml"
    page = "en/materials/hotels/poster/"
    assert "Lobby sign zqxwv" not in pdf_words(served, page, "en")
    replace_in(poster, 'en: "Poster <script>', 'en: "Lobby sign zqxwv <script>')
    seconds = wait_for(
        "the new title in the material's English PDF",
        lambda: "Lobby sign zqxwv" in pdf_words(served, page, "en"),
        REBUILD,
        served.log,
    )
    print(f"serve: a material's edit showed in its PDF after {seconds:.1f} s")
    replace_in(
        labels,
        "kind.poster: {vi: Áp phích, en: Poster,",
        "kind.poster: {vi: Áp phích, en: Wall sign qlabel,",
    )
    seconds = wait_for(
        "the new kind label on the material's page",
        served.shows(page, "Wall sign qlabel"),
        REBUILD,
        served.log,
    )
    wait_for(
        "the new kind label in the English search index",
        served.searchable("en/", "Wall sign qlabel"),
        REBUILD,
        served.log,
    )
    wait_for(
        "the new kind label in the material's English PDF",
        lambda: "Wall sign qlabel" in pdf_words(served, page, "en"),
        REBUILD,
        served.log,
    )
    print(f"serve: a label edit showed after {seconds:.1f} s")


def test_serve_shows_a_statistics_and_a_campaign_edit(served: Served) -> None:
    stats = served.project.campaign / "stats.yml"
    campaign = served.project.campaign / "campaign.yml"
    page_en, page_vi = "en/statistics/", "statistics/"
    assert "1,249" in served.page(page_en)
    replace_in(stats, "value: 1249\n", "value: 1287\n")
    seconds = wait_for(
        "the new figure on the English statistics page",
        served.shows(page_en, "1,287"),
        REBUILD,
        served.log,
    )
    assert "1.287" in served.page(page_vi)
    wait_for(
        "the new figure in the English search index",
        served.searchable("en/", "1,287"),
        REBUILD,
        served.log,
    )
    print(f"serve: a statistics edit showed after {seconds:.1f} s")
    replace_in(
        campaign,
        "title: {vi: Khách sạn, en: Hotels}",
        "title: {vi: Khách sạn zqcamp, en: Hotels zqcamp}",
    )
    wait_for(
        "the new audience title on its English page",
        served.shows("en/materials/hotels/", "Hotels zqcamp"),
        REBUILD,
        served.log,
    )
    assert "Khách sạn zqcamp" in served.page("materials/hotels/")
    wait_for(
        "the new audience title in the Vietnamese search index",
        served.searchable("", "Khách sạn zqcamp"),
        REBUILD,
        served.log,
    )


def status_for_host(served: Served, host: str) -> int:
    address = served.origin.removeprefix("http://")
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.request("GET", "/en/", headers={"Host": host})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_serve_answers_only_this_computers_names(served: Served) -> None:
    """A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) reads nothing."""
    port = served.origin.rsplit(":", 1)[1]
    assert status_for_host(served, f"127.0.0.1:{port}") == 200
    assert status_for_host(served, f"localhost:{port}") == 200
    assert status_for_host(served, f"rebind.example:{port}") == 421
    assert status_for_host(served, "127.0.0.1.rebind.example") == 421
    assert status_for_host(served, "") == 421
