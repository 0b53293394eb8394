"""The JSON Schemas editors' tools read: generated from the models, kept up to date, and
telling an editor what is wrong before any build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hotline_site.content import schema
from hotline_site.content.yamlfile import load_yaml
from hotline_site.project import SCHEMAS
from hotline_site.web.settings import site_languages

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = site_languages(ROOT / "mkdocs.yml")
OPTIONAL = schema.declared_languages(ROOT, LANGUAGES)


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((ROOT / f"schemas/{name}.schema.json").read_text()))


def errors(name: str, data: Any) -> list[str]:
    """What an editor's tool says about ``data``: path and message of each error."""
    found = validator(name).iter_errors(data)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def material(**changes: Any) -> dict[str, Any]:
    data = load_yaml(ROOT / "campaigns/hotline-111/materials/hotels-room-card.yml").data
    assert isinstance(data, dict)
    return {**data, **changes}


def test_schemas_in_the_repository_match_the_models() -> None:
    """Drift: regenerated in memory, every file is what `make schema` would write."""
    for relative, text in schema.expected_files(SCHEMAS, LANGUAGES, OPTIONAL).items():
        on_disk = ROOT / relative
        assert on_disk.is_file(), f"{relative} is missing: run `make schema`"
        assert on_disk.read_text(encoding="utf-8") == text, f"{relative}: run `make schema`"


def test_make_schema_check_passes_on_the_repository() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/make_schema.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("entry", SCHEMAS, ids=lambda entry: entry.name)
def test_schemas_are_valid_json_schema(entry: schema.SchemaFile) -> None:
    Draft202012Validator.check_schema(json.loads((ROOT / entry.path).read_text()))


def test_every_file_names_its_schema_and_validates() -> None:
    """The first line names the schema by a path relative to the file, that exists;
    the hardened loader reads it as a comment; the content validates against it."""
    files = schema.described_files(ROOT, SCHEMAS)
    assert len(files) >= 3
    names = {entry.name for _, entry in files}
    assert names == {entry.name for entry in SCHEMAS}
    for path, entry in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../"), path
        target = (path.parent / first.removeprefix(schema.MODELINE)).resolve()
        assert target == (ROOT / entry.path).resolve(), path
        document = load_yaml(path)
        # An editor's YAML language server reads 2019-06-30 as a string, as JSON does.
        data = json.loads(json.dumps(document.data, default=str))
        assert errors(entry.name, data) == [], path


def test_the_hardened_loader_reads_the_schema_line_as_a_comment(tmp_path: Path) -> None:
    body = "id: x\ntitle:\n  vi: Xin chào\n  en: Hello\n"
    plain = tmp_path / "plain.yml"
    plain.write_text(body, encoding="utf-8")
    with_line = tmp_path / "with-line.yml"
    with_line.write_text(f"{schema.MODELINE}../schemas/material.schema.json\n{body}")
    assert load_yaml(with_line).data == load_yaml(plain).data
    assert load_yaml(with_line).line_of(("title", "en")) == 5  # the line as the editor sees it


def test_a_typo_in_a_field_name_is_shown() -> None:
    data = material()
    data["titel"] = data.pop("title")
    found = errors("material", data)
    assert any("'titel' was unexpected" in line for line in found), found
    assert any("'title' is a required property" in line for line in found), found


def test_a_typo_inside_a_section_is_shown_with_its_path() -> None:
    data = material()
    data["sections"] = [{"txt": {"vi": "Gọi 111", "en": "Call 111"}}]
    assert errors("material", data) == [
        "sections/0: Additional properties are not allowed ('txt' was unexpected)"
    ]


def test_an_unknown_kind_audience_or_paper_is_shown() -> None:
    found = errors("material", material(kind="flyer", audience="hotel", paper=["A2"]))
    assert any(line.startswith("kind: 'flyer' is not one of ['lesson_plan'") for line in found)
    assert any(line.startswith("audience: 'hotel' is not one of ['schools'") for line in found)
    assert any(line.startswith("paper/0: 'A2' is not valid") for line in found), found
    assert errors("material", material(paper=["A3", "60x200mm"])) == []


def test_a_missing_or_empty_translation_is_shown() -> None:
    data = material(title={"vi": "Cần giúp đỡ? Gọi 111"}, summary={"vi": "Thẻ", "en": "  "})
    found = errors("material", data)
    assert "title: 'en' is a required property" in found
    assert "summary/en: '  ' does not match '\\\\S'" in found


def test_a_language_the_site_does_not_have_is_shown() -> None:
    found = errors("material", material(title={"vi": "Gọi 111", "en": "Call", "fr": "Appel"}))
    assert found == ["title: Additional properties are not allowed ('fr' was unexpected)"]


def test_rules_between_fields_are_shown() -> None:
    """bilingual is for posters and cards; answers_for only for an answer key."""
    assert errors("material", material(kind="worksheet")) == [
        "kind: 'worksheet' is not one of ['poster', 'card']"
    ]
    assert errors("material", material(answers_for="worksheet-a")) == [
        "kind: 'answer_key' was expected"
    ]
    key = material(kind="answer_key", answers_for="worksheet-a")
    del key["bilingual"], key["sections"]
    assert errors("material", key) == []
    del key["answers_for"]
    assert errors("material", key)  # neither sections nor answers_for


def test_campaign_and_label_typos_are_shown() -> None:
    campaign = load_yaml(ROOT / "campaigns/hotline-111/campaign.yml").data
    campaign["audiences"]["hotel"] = campaign["audiences"].pop("hotels")
    assert any("'hotel'" in line for line in errors("campaign", campaign))
    assert errors("labels", {"kind.poster": {"vi": "Áp phích"}}) == [
        "kind.poster: 'en' is a required property"
    ]


def test_registry_adds_a_file_kind_with_one_entry(tmp_path: Path) -> None:
    """A new entry is written to schemas/ and the VS Code settings, and its files get
    their schema line (the statistics files will be added this way)."""
    (tmp_path / "campaigns/c/materials").mkdir(parents=True)
    target = tmp_path / "campaigns/c/materials/a.yml"
    target.write_text("# a comment\r\nid: a\n", encoding="utf-8")
    (tmp_path / "campaigns/c/materials/.hidden.yml").write_text("id: b\n")
    changed = schema.add_modelines(tmp_path, SCHEMAS)
    assert changed == [target]
    assert target.read_bytes() == (
        b"# yaml-language-server: $schema=../../../schemas/material.schema.json\n"
        b"# a comment\r\nid: a\n"
    )
    assert schema.add_modelines(tmp_path, SCHEMAS) == []  # once is enough
    settings = schema.editor_settings(SCHEMAS)["yaml.schemas"]
    assert settings["./schemas/material.schema.json"] == [
        "campaigns/*/materials/*.yml",
        "campaigns/*/materials/*.yaml",
    ]
