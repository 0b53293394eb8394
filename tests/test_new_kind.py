"""A new kind of material costs four files: a row in the kinds table, a row in the
formats table, one template and a labels line (issue 20, DESIGN.md "Layout").

The package is copied to a temporary folder and given a restaurant's table tent;
``make new`` writes one from the kinds table, and the real build prints and
publishes it from the copy (``PYTHONPATH`` puts the copy first).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, make_project, package_copy
from pypdf import PdfReader

KIND_ROW = """
table_tent:
  bilingual: true
  front: [plain, important]
  rules: [guests_learn_what_111_is]
"""
FORMAT_ROW = "  table_tent: {template: table_tent, papers: [100x200mm], print_shop: true}\n"
TEMPLATE_ROW = "  table_tent: {pages: 1, display: true, margin: 6, body_min: 12}\n"
LABEL = "kind.table_tent: {vi: Thẻ để bàn, en: Table tent}\n"


def _changed(left: Path, right: Path, at: str = "") -> list[str]:
    """Files that differ between two trees, or are in one only (caches left out)."""
    compare = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"{at}{name}" for name in compare.diff_files + compare.left_only + compare.right_only]
    for name, sub in compare.subdirs.items():
        found += _changed(sub.left, sub.right, f"{at}{name}/")
    return sorted(found)


def test_a_new_kind_is_two_rows_a_template_and_a_label(tmp_path: Path) -> None:
    package = package_copy(tmp_path) / "hotline_site"
    with (package / "content/kinds.yml").open("a", encoding="utf-8") as kinds:
        kinds.write(KIND_ROW)
    formats = package / "print/formats.yml"
    text = formats.read_text(encoding="utf-8")
    end_of_kinds = text.index("\n\n", text.index("\nkinds:\n")) + 1  # its first blank line
    text = text[:end_of_kinds] + FORMAT_ROW + text[end_of_kinds:] + TEMPLATE_ROW
    formats.write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "new_kind/table_tent.typ", package / "print/templates/table_tent.typ")
    with (package / "content/labels.yml").open("a", encoding="utf-8") as labels:
        labels.write(LABEL)
    assert _changed(ROOT / "hotline_site", package) == [
        "content/kinds.yml",
        "content/labels.yml",
        "print/formats.yml",
        "print/templates/table_tent.typ",
    ]

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    new = subprocess.run(
        [sys.executable, str(ROOT / "scripts/new_material.py"), "table_tent", "hotels", "tables"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert new.returncode == 0, new.stderr
    written = (project.campaign / "materials/tables.yml").read_text(encoding="utf-8")
    assert "kind: table_tent" in written and "bilingual: true" in written
    assert "113" in written and "111 in Vietnam" in written  # the skeleton passes the rules

    project.built({"PYTHONPATH": str(package.parent)})
    downloads = project.site / "downloads"
    for name in ("vi", "en", "bilingual"):
        for variant in ("", "-print"):
            pdf = PdfReader(downloads / f"tables-{name}-100x200mm{variant}.pdf")
            assert len(pdf.pages) == 1
            text = pdf.pages[0].extract_text()
            assert "111" in text
    trim = PdfReader(downloads / "tables-vi-100x200mm-print.pdf").pages[0].trimbox
    assert (round(float(trim.width) * 25.4 / 72), round(float(trim.height) * 25.4 / 72)) == (
        100,
        200,
    )
    page = (project.site / "materials/hotels/tables/index.html").read_text(encoding="utf-8")
    assert "Thẻ để bàn" in page
    english = (project.site / "en/materials/hotels/tables/index.html").read_text(encoding="utf-8")
    assert "Table tent" in english
