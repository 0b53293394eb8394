"""``make check`` and ``make site`` refuse the same content in the same words.

Each bad-input case of the suite (``test_bad_input``'s, the hostile YAML of
``test_yaml_hardening``, and what the build alone used to find: a text too long
for its poster, a character the print font lacks, figures in several hand-written
pages, a safety rule broken in a page) is written into a fixture project, then
``scripts/check_content.py`` (``make check``) and ``scripts/build_site.py``
(``make site``) run side by side on it. Both must refuse, with the same list of
problems, line for line. Both stop at the check: nothing is built from refused
content (the print stage renders only what the cache lacks).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import test_bad_input
import test_yaml_hardening
from conftest import ROOT, make_project

Edit = Callable[[Path], None]

HEADING = re.compile(r"^(?:ERROR\s+-\s+)?(\d+ problems? in the campaign content:)$")
LONG_TEXT = " ".join(["Ai cũng có thể gọi 111, miễn phí, 24 giờ mỗi ngày."] * 120)


def page(name: str, text: str) -> Edit:
    """Write (or add to) the hand-written page ``docs/<name>`` of the campaign's project."""

    def edit(campaign: Path) -> None:
        path = campaign.parent.parent / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.read_text(encoding="utf-8") if path.is_file() else "# Trang\n"
        path.write_text(before + text, encoding="utf-8")

    return edit


def both(*edits: Edit) -> Edit:
    def edit(campaign: Path) -> None:
        for one in edits:
            one(campaign)

    return edit


replace = test_bad_input.replace
FIGURE = "\n\nTổng đài nhận {trafficking.calls} cuộc gọi.\n"

MORE: dict[str, tuple[Edit, list[str]]] = {
    "a text too long for its poster": (
        replace(
            "materials/notice.yml",
            "{vi: Ai cũng có thể gọi 111., en: Anyone can call 111.}",
            f'{{vi: "{LONG_TEXT}", en: "Anyone can call 111."}}',
        ),
        ["materials/notice.yml: material 'notice' (notice-vi-a4.pdf):", "does not fit its frame"],
    ),
    "a character of a script the print font lacks": (
        replace("materials/notice.yml", "Ai cũng có thể gọi 111.", "Ai cũng 漢 gọi 111."),
        ["materials/notice.yml:7: sections[0].text:", "U+6F22"],
    ),
    "figures in two hand-written pages": (
        both(page("index.vi.md", FIGURE), page("index.en.md", FIGURE)),
        ["docs/index.en.md: shows a figure", "docs/index.vi.md: shows a figure"],
    ),
    "a figure in a page of a subfolder": (
        page("guides/figures.vi.md", FIGURE),
        ["docs/guides/figures.vi.md: shows a figure of trafficking without its period"],
    ),
    "a safety rule broken in a page": (
        page("index.en.md", "\n111 is not the emergency number.\n"),
        ["docs/index.en.md:", "(en) says 'not the emergency number'"],
    ),
    "a safety rule broken in a material": (
        replace(
            "materials/notice.yml",
            '"Công an 113 · Cấp cứu 115 · Cứu hỏa 114", '
            'en: "Police 113 · Ambulance 115 · Fire 114"',
            '"Công an 113", en: "Police 113"',
        ),
        ["materials/notice.yml: (vi) never gives 114, 115"],
    ),
    "a search_first heading the page does not have": (
        lambda campaign: test_bad_input.replace(
            "../../docs/safety.en.md",
            'search_first: "Bullying, abuse, being sold, or feeling scared"',
            'search_first: "Bullying and abuse"',
        )(campaign),
        ["docs/safety.en.md: search_first: the page has no heading 'Bullying and abuse'"],
    ),
    "a reserved id": (
        replace("materials/notice.yml", "id: notice", "id: index"),
        ["materials/notice.yml:1: id: 'index' is reserved"],
    ),
    "a declared language without its texts": (
        replace("materials/poster.yml", "kind: poster", "kind: poster\nlanguages: [ko]"),
        ["poster.yml", "missing or empty text in language 'ko'"],
    ),
}

CASES: dict[str, tuple[Edit, list[str]]] = {
    **test_bad_input.CASES,
    **{f"hostile YAML: {name}": case for name, case in test_yaml_hardening.CASES.items()},
    **MORE,
}


def problem_lines(output: str) -> list[str]:
    """The heading ``N problems in the campaign content:`` and the problem lines under it
    (MkDocs' ``ERROR -`` prefix taken off)."""
    lines = output.splitlines()
    for index, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading:
            problems = [heading.group(1)]
            for rest in lines[index + 1 :]:
                if not rest.startswith("  "):
                    break
                problems.append(rest.strip())
            return problems
    return []


def run(script: str, root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / script)],
        cwd=root,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


KNOWN_GAPS = {
    "a link to no page in a hand-written page": (
        page("index.en.md", "\n\nSee [the page](nowhere.md).\n"),
        ["docs/index.en.md:"],
    ),
}
"""Refused by ``make site`` (MkDocs' strict link check, a WARNING) and not yet by ``make
check``: the generated pages' paths live in ``web/pages.py``, out of ``project``'s reach,
until they move to ``content/addresses.py``."""
CASES.update(KNOWN_GAPS)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason="make check has no link check yet"),
        )
        if name in KNOWN_GAPS
        else name
        for name in CASES
    ],
)
def test_check_and_site_refuse_alike(case: str, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    edit, expected = CASES[case]
    edit(project.campaign)

    check, site = run("check_content.py", project.root), run("build_site.py", project.root)
    check_out, check_err = check.communicate(timeout=180)
    _, site_err = site.communicate(timeout=180)

    assert check.returncode == 1, check_out + check_err
    assert site.returncode != 0, site_err
    assert "Traceback" not in check_err + site_err
    checked, built = problem_lines(check_err), problem_lines(site_err)
    assert checked, check_err
    assert built == checked, f"make site said:\n{site_err}\nmake check said:\n{check_err}"
    for fragment in expected:
        assert any(fragment in line for line in checked), (fragment, checked)
    assert not project.site.exists()  # nothing built from refused content
    assert "Printables: " not in site_err.replace("Printables: site_url", "")


def test_check_reads_mkdocs_yml_as_mkdocs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address printed on every PDF (and its QR code) is the one ``make site`` uses: an
    ``!ENV`` site_url, written without its last ``/``, read as MkDocs reads it."""
    from mkdocs.config import load_config

    from hotline_site.web.settings import settings

    project = make_project(tmp_path)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    written = "site_url: https://111.example.org/\n"
    assert written in text
    config.write_text(
        text.replace(written, "site_url: !ENV [HOTLINE_SITE_URL, 'https://111.example.org']\n"),
        encoding="utf-8",
    )
    monkeypatch.setenv("HOTLINE_SITE_URL", "https://tongdai111.example.vn")
    assert settings(config).site_url == load_config(str(config)).site_url
    assert settings(config).site_url == "https://tongdai111.example.vn/"
    monkeypatch.delenv("HOTLINE_SITE_URL")
    assert settings(config).site_url == load_config(str(config)).site_url
    assert settings(config).site_url == "https://111.example.org/"
