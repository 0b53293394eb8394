"""A small version of `make bench`: counts, not seconds, so a busy machine cannot fail it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench


def build(project: Path, cache: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env={**os.environ, "HOTLINE_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def counts(log: str) -> tuple[int, int, int]:
    pdfs, rendered = re.findall(r"Printables: (\d+) PDFs, (\d+) rendered", log)[0]
    written = re.findall(r"(\d+) pages written", log)[0]
    return int(pdfs), int(rendered), int(written)


def test_rebuild_cost_follows_the_change(tmp_path: Path) -> None:
    project = bench.make_project(tmp_path / "p", 10)
    cache = tmp_path / "cache"
    pdfs, rendered, written = counts(build(project, cache))
    assert rendered == pdfs > 0 and written > 0

    assert counts(build(project, cache)) == (pdfs, 0, 0)  # nothing changed: nothing redone

    changed = project / "campaigns" / "hotline-111" / "materials" / "m0004.yml"  # a card
    changed.write_text(changed.read_text().replace("Tài liệu số 0-04", "Tài liệu số bốn"))
    _, rendered, written = counts(build(project, cache))
    assert rendered == 4  # the card: 2 languages x office and print shop
    # Only pages that show the card: its own, its audience's and the download list.
    assert 1 <= written <= 3 * 2
