"""A new language is data only: mkdocs.yml, labels, vocabulary, icon texts, content, pages.

A copy of the package and of the fixture project get French beside Vietnamese and
English (every text in French is the English one with a French mark, which is
enough to find it): no line of code changes. The real build then publishes the
French pages, searches them and prints the French PDFs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT, make_project, package_copy
from pypdf import PdfReader

NEW = "fr"
MARK = "« fr » "


def _with_french(value: Any) -> Any:
    """``{vi: …, en: …}`` gains ``fr``: the English text, marked; anything else as it was."""
    if isinstance(value, dict):
        value = {key: _with_french(item) for key, item in value.items()}
        if isinstance(value.get("en"), str) and isinstance(value.get("vi"), str):
            english = value["en"]
            # Number formats and figures' names are not text to mark.
            value[NEW] = english if len(english) <= 1 else MARK + english
        return value
    if isinstance(value, list):
        return [_with_french(item) for item in value]
    return value


def _add_french(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(_with_french(data), allow_unicode=True), encoding="utf-8")


def test_a_third_language_is_data_only(tmp_path: Path) -> None:
    code = package_copy(tmp_path)
    for data in ("content/labels.yml", "stats/vocabulary.yml", "print/icons/icons.yml"):
        _add_french(code / "hotline_site" / data)
    with (code / "hotline_site/content/labels.yml").open("a", encoding="utf-8") as labels:
        labels.write("language.fr: {vi: Tiếng Pháp, en: French, fr: Français}\n")
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    for path in project.campaign.rglob("*.yml"):
        _add_french(path)
    for page in (project.root / "docs").glob("*.en.md"):
        shutil.copy(page, page.with_name(page.name.replace(".en.md", f".{NEW}.md")))
    mkdocs = project.root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    text = text.replace("lang: [vi, en]", f"lang: [vi, en, {NEW}]")
    text = text.replace(
        "        - locale: en\n",
        f"        - locale: {NEW}\n          name: Français\n          build: true\n"
        "        - locale: en\n",
    )
    mkdocs.write_text(text, encoding="utf-8")

    project.built({"PYTHONPATH": str(code)})
    home = (project.site / NEW / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{NEW}"' in home
    assert "Français" in (project.site / "index.html").read_text(encoding="utf-8")
    # The theme's words are the labels' too: no Vietnamese or English word of its own.
    assert f"{MARK}Exit this page" in home and "Thoát nhanh" not in home
    assert f"{MARK}Free of charge, 24 hours a day." in home
    not_found = (project.site / NEW / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{MARK}Page not found</h1>" in not_found
    assert f'hreflang="{NEW}">{MARK}Go to the English site' in (
        project.site / "404.html"
    ).read_text(encoding="utf-8")
    poster = project.site / NEW / "materials/hotels/poster/index.html"
    assert MARK.strip() in poster.read_text(encoding="utf-8")
    assert (project.site / NEW / "search/search_index.json").is_file() or list(
        (project.site / NEW).rglob("search*.json")
    )
    pdf = PdfReader(project.site / "downloads" / f"notice-{NEW}-a4.pdf")
    assert "fr" in pdf.pages[0].extract_text()
    # The code is the shipped one: only data files differ from the repository's.
    assert (code / "hotline_site/web/plugin.py").read_bytes() == (
        ROOT / "hotline_site/web/plugin.py"
    ).read_bytes()
