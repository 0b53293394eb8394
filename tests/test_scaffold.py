"""`make new`: a new material of every kind is valid as written, and builds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from hotline_site.content.kinds import KINDS, kinds_with
from hotline_site.content.scaffold import ScaffoldError, scaffold, write_new
from hotline_site.content.yamlfile import load_yaml
from hotline_site.print.formats import FORMATS
from hotline_site.project import load_folder

AUDIENCE = {
    "lesson_plan": "schools",
    "worksheet": "schools",
    "answer_key": "schools",
    "insert": "books",
    "bookmark": "books",
    "leaflet": "community",
    "situation_cards": "schools",
}


def new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/new_material.py"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_kind_scaffolds_validates_and_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    schema = Draft202012Validator(json.loads((ROOT / "schemas/material.schema.json").read_text()))
    for kind in KINDS:
        audience = AUDIENCE.get(kind, "hotels")
        args = [kind, audience, f"new-{kind.replace('_', '-')}"]
        if kind == "answer_key":
            args += ["--for", "worksheet"]
        result = new(project.root, *args)
        assert result.returncode == 0, result.stderr
        path = project.campaign / "materials" / f"{args[2]}.yml"
        assert result.stdout.startswith(f"wrote campaigns/hotline-111/materials/{path.name}")
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../../schemas/material")
        assert list(schema.iter_errors(load_yaml(path).data)) == [], kind
    # The build checks the print font's charset too.
    campaign = load_folder(project.campaign, ("vi", "en")).campaign
    for kind in KINDS:
        material = campaign.material(f"new-{kind.replace('_', '-')}")
        assert material.kind == kind
        assert material.bilingual == (
            kind in kinds_with("bilingual") and material.audience == "hotels"
        )
    project.built()
    for kind in KINDS:
        material_id = f"new-{kind.replace('_', '-')}"
        paper = FORMATS[kind].office_sheet or FORMATS[kind].papers[0]  # bookmarks: 3 to a sheet
        for language in ("vi", "en"):
            pdf = project.site / "downloads" / f"{material_id}-{language}-{paper.lower()}.pdf"
            assert len(PdfReader(pdf).pages) >= 1, pdf
        html = list(project.site.glob(f"materials/*/{material_id}/index.html"))
        assert html and "Tiêu đề của tài liệu" in html[0].read_text(encoding="utf-8")


def test_refusals_name_what_to_change(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    cases = {
        ("flyer", "hotels", "x"): "unknown kind 'flyer'; expected one of lesson_plan",
        ("poster", "hotel", "x"): "unknown audience 'hotel'; expected one of schools",
        ("poster", "hotels", "Lobby_Poster"): "invalid id 'Lobby_Poster'",
        ("poster", "hotels", "index"): "'index' is reserved",
        ("answer_key", "schools", "k2"): "an answer key needs FOR=",
        ("poster", "hotels", "poster"): "poster.yml already exists",
    }
    for args, message in cases.items():
        result = new(project.root, *args)
        assert result.returncode == 1 and message in result.stderr, (args, result.stderr)
    # Valid on its own, but not in this campaign: the file is not left behind.
    result = new(project.root, "answer_key", "schools", "k2", "--for", "lesson")
    assert result.returncode == 1
    assert "answers_for: 'lesson' is not the id of a worksheet" in result.stderr
    assert not (project.campaign / "materials/k2.yml").exists()
    # An id already used by a file of another name.
    (project.campaign / "materials/renamed.yml").write_text(
        (project.campaign / "materials/notice.yml").read_text().replace("id: notice", "id: taken")
    )
    result = new(project.root, "poster", "hotels", "taken")
    assert result.returncode == 1 and "duplicate material id 'taken'" in result.stderr


def test_placeholders_fall_back_to_english_for_another_site_language() -> None:
    data = scaffold("card", "hotels", "c", ["vi", "en", "ko"])
    assert data["title"] == {
        "vi": "Tiêu đề của tài liệu",
        "en": "The material's title",
        "ko": "The material's title",
    }
    with pytest.raises(ScaffoldError):
        scaffold("card", "hotels", "-c", ["vi", "en"])


def test_make_new_passes_every_rule_of_make_check_for_every_kind_and_audience(
    tmp_path: Path,
) -> None:
    """The skeleton of each kind, for each audience, passes the content rules `make check`
    applies (113 first, the numbers together, a lesson that fills its period and says what
    to do on a disclosure, a guest sheet that says 111 is Vietnam's hotline…)."""
    from hotline_site.content.model import AUDIENCES

    project = make_project(tmp_path)
    written = 0
    for kind in KINDS:
        for audience in AUDIENCES:
            material_id = f"{audience}-{kind.replace('_', '-')}"
            key_for = "worksheet" if kind in kinds_with("answers") else None
            languages = ("vi", "en")
            write_new(
                project.campaign,
                project.root,
                kind,
                audience,
                material_id,
                languages,
                answers_for=key_for,
            )
            written += 1
    assert written == len(KINDS) * len(AUDIENCES)
    result = project.check()
    assert result.returncode == 0, result.stderr
    assert f"{6 + written} materials, all valid" in result.stdout
