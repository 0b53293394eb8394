"""JSON Schemas for the YAML files editors write, generated from the content models.

Editors' tools (VS Code and others through the YAML language server) read a
schema named on a file's first line, ``# yaml-language-server: $schema=…``,
and then show allowed fields, kinds, audiences and paper sizes, and a missing
translation, while the editor types. The schemas are generated from the same
pydantic models the build validates with, written to ``schemas/`` by
``make schema`` and kept in the repository; a test regenerates them and fails
if they drifted from the models.

:data:`SCHEMAS` is the registry: one :class:`SchemaFile` per kind of file, with
the files it describes. To describe one more kind of file, add one line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from hotline_site.content.campaign import extra_languages
from hotline_site.content.labels import LabelFile
from hotline_site.content.model import TEXT_SCHEMA_MARK, CampaignInfo, Material
from hotline_site.content.store import write_atomically

SCHEMA_DIR = "schemas"
"""Folder of the generated schemas, relative to the project root."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="
"""How a YAML file names its schema, on its first line."""


@dataclass(frozen=True)
class SchemaFile:
    """One schema: the model it is generated from and the files it describes."""

    name: str
    """File stem: the schema is ``schemas/<name>.schema.json``."""
    model: type[BaseModel]
    globs: tuple[str, ...]
    """The YAML files it describes, as globs relative to the project root."""
    title: str

    @property
    def path(self) -> str:
        """``schemas/<name>.schema.json``, relative to the project root."""
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


CONTENT_SCHEMAS: tuple[SchemaFile, ...] = (
    SchemaFile("campaign", CampaignInfo, ("campaigns/*/campaign.yml",), "Campaign"),
    SchemaFile(
        "material",
        Material,
        ("campaigns/*/materials/*.yml", "campaigns/*/materials/*.yaml"),
        "Campaign material",
    ),
    SchemaFile("labels", LabelFile, ("hotline_site/content/labels.yml",), "Site labels"),
)
"""The content's schemas, one line each; ``hotline_site.project.SCHEMAS`` adds the
statistics' (``stats.yml`` and the vocabulary)."""


def text_schema(languages: Sequence[str], optional: Sequence[str] = ()) -> dict[str, Any]:
    """A text: a mapping with non-empty text in each of ``languages`` (required, in
    that order), and optionally in ``optional`` languages; nothing else."""
    codes = [*languages, *(code for code in optional if code not in languages)]
    return {
        "type": "object",
        "title": "Text",
        "description": (
            "Text in every language of the site: "
            + ", ".join(f"{code}: …" for code in languages)
            + (f" (optionally also {', '.join(optional)})" if optional else "")
        ),
        "properties": {code: {"type": "string", "pattern": r"\S", "title": code} for code in codes},
        "required": list(languages),
        "additionalProperties": False,
        "defaultSnippets": [
            {"label": "text", "body": {code: f"${i + 1}" for i, code in enumerate(languages)}}
        ],
    }


def generate(
    entry: SchemaFile, languages: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``entry`` for a site in ``languages``."""
    schema = _with_text_refs(entry.model.model_json_schema(schema_generator=_EditorSchema))
    schema.setdefault("$defs", {})["Text"] = text_schema(languages, optional)
    schema["$defs"] = dict(sorted(schema["$defs"].items()))
    return {"$schema": DIALECT, "$id": f"{entry.name}.schema.json", **schema, "title": entry.title}


def declared_languages(root: Path, languages: Sequence[str]) -> tuple[str, ...]:
    """Languages beyond the site's that materials under ``root`` declare (``languages:``):
    texts may have them, so the schemas allow them."""
    found: list[str] = []
    for path in sorted(root.glob("campaigns/*/materials/*.y*ml")):
        for code in extra_languages([path], languages):
            if code not in found:
                found.append(code)
    return tuple(found)


def render(schema: dict[str, Any]) -> str:
    """The schema as written to ``schemas/``: indented JSON, UTF-8, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected_files(
    schemas: Sequence[SchemaFile], languages: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, str]:
    """Project-relative path -> text of every file ``make schema`` writes."""
    files = {entry.path: render(generate(entry, languages, optional)) for entry in schemas}
    files[".vscode/settings.json"] = render(editor_settings(schemas))
    return files


def editor_settings(schemas: Sequence[SchemaFile]) -> dict[str, Any]:
    """Recommended VS Code settings: the YAML extension applies each schema to its files."""
    return {
        "yaml.schemas": {f"./{entry.path}": list(entry.globs) for entry in schemas},
        "yaml.format.enable": False,
        "yaml.keyOrdering": False,
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }


def write(
    root: Path,
    schemas: Sequence[SchemaFile],
    languages: Sequence[str],
    optional: Sequence[str] = (),
) -> list[Path]:
    """Write every schema and the editor settings under ``root``; return the files changed."""
    changed = []
    for relative, text in expected_files(schemas, languages, optional).items():
        target = root / relative
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
        changed.append(target)
    return changed


def modeline(yaml_file: Path, root: Path, entry: SchemaFile) -> str:
    """The first line naming ``entry`` for ``yaml_file``: a path relative to the file."""
    schema = root / entry.path
    up = len(yaml_file.resolve().parent.relative_to(root.resolve()).parts)
    return f"{MODELINE}{'../' * up}{PurePosixPath(schema.relative_to(root))}"


def described_files(root: Path, schemas: Sequence[SchemaFile]) -> list[tuple[Path, SchemaFile]]:
    """Every YAML file under ``root`` that a schema describes (not hidden files or backups)."""
    found = []
    for entry in schemas:
        for pattern in entry.globs:
            for path in sorted(root.glob(pattern)):
                if path.is_file() and not path.name.startswith(".") and path.suffix != "~":
                    found.append((path, entry))
    return found


def add_modelines(root: Path, schemas: Sequence[SchemaFile]) -> list[Path]:
    """Give each described file its schema line, as its first line; return the files changed.

    Only the first line is touched: a missing line is added above the rest, an
    outdated one replaced. Everything else stays byte for byte as it was.
    """
    changed = []
    for path, entry in described_files(root, schemas):
        line = modeline(path, root, entry).encode()
        raw = path.read_bytes()
        first, newline, rest = raw.partition(b"\n")
        if first.rstrip(b"\r") == line:
            continue
        outdated = first.startswith(MODELINE.encode())
        write_atomically(path, line + newline + rest if outdated else line + b"\n" + raw)
        changed.append(path)
    return changed


class _EditorSchema(GenerateJsonSchema):
    """An optional field is simply left out, never written ``null``: the schema says what
    to write, and an editor's tool then names the field's own problem."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])


def _with_text_refs(value: Any) -> Any:
    """Replace each text mark left by :data:`hotline_site.content.model.Text` with a reference."""
    if isinstance(value, dict):
        replaced = {key: _with_text_refs(item) for key, item in value.items()}
        if replaced.pop(TEXT_SCHEMA_MARK, False):
            return {"$ref": "#/$defs/Text", **replaced}
        return replaced
    if isinstance(value, list):
        return [_with_text_refs(item) for item in value]
    return value
