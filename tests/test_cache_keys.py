"""A PDF's cache key names the code it depends on: its templates, not the importer.

The fixture site is built three times by the real build script with a copy of the
package first on ``PYTHONPATH`` (so the test edits that copy, never the code under
test): once to fill an empty cache; once after an edit to the press reader of
``make stats`` (``stats/importers/``), which renders no PDF again; once after an
edit to a print template, which renders every PDF made with it again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, Project, make_project

RENDERED = re.compile(r"Printables: (\d+) PDFs, (\d+) rendered")


def _rendered(project: Project, env: dict[str, str]) -> tuple[int, int, str]:
    """(PDFs, rendered now, the build's log) of one build."""
    result = project.built(env)
    match = RENDERED.search(result.stderr)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2)), result.stderr


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def test_an_importer_edit_renders_nothing_and_a_template_edit_renders_again(
    tmp_path: Path,
) -> None:
    code = tmp_path / "code"
    shutil.copytree(
        ROOT / "hotline_site", code / "hotline_site", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp_path / "site").mkdir()
    project = make_project(tmp_path / "site")
    env = {"PYTHONPATH": str(code), "HOTLINE_CACHE_DIR": str(tmp_path / "cache")}
    package = code / "hotline_site"

    total, rendered, _ = _rendered(project, env)
    assert total == rendered > 0  # an empty cache: every PDF rendered

    _append(package / "stats" / "importers" / "press.py", "\nIMPORTER_EDITED = True\n")
    pdfs, rendered, log = _rendered(project, env)
    assert (pdfs, rendered) == (total, 0)
    assert "(unchanged campaign)" in log  # nor a page, nor the project: nothing made again
    assert "Offline kit: unchanged, from the cache" in log  # nor the offline kit

    # The builds run the copy: a template edit there renders its PDFs again.
    _append(package / "print" / "templates" / "poster.typ", "\n// a template edit\n")
    pdfs, rendered, log = _rendered(project, env)
    posters = len(list((project.site / "downloads").glob("poster-*.pdf")))
    assert pdfs == total and posters and rendered >= posters, log
