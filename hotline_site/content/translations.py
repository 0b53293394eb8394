"""The translation round trip: every text of the YAML files out to a gettext PO file
for translators' tools (Poedit, Weblate, OmegaT, Lokalize…), and back.

One PO file per language holds every text of ``campaign.yml``, the materials and
the site's labels: ``msgid`` is the Vietnamese source, ``msgstr`` the current
translation, ``msgctxt`` a stable id (``material/<id>:sections[0].text``,
``campaign:tagline``, ``labels:kind.poster``), and the extracted comment says
where the text appears (material, kind, audience, field); the reference gives
file and line.

Importing a file checks it completely before it writes anything: every id must
still exist, every Vietnamese source must be what it is now (a file exported
before the source changed is refused, naming each string), and the translated
files must still validate. Then only the translated values are written back into
the YAML (with ruamel.yaml: comments, order, quoting and layout are kept).

Which Vietnamese text each translation was made from is recorded in
``translations/sources.yml``. A translation is *stale* when its Vietnamese text
changed later and the translation did not: exports mark it ``fuzzy`` with the
previous source (``#| msgid``), so translators' tools show what changed.
A ``fuzzy`` entry in an imported file is written as an unreviewed translation,
and exported ``fuzzy`` again until a translator clears the flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
import yaml
from pydantic import BaseModel

from hotline_site.content.labels import LABELS_FILE, LabelFile
from hotline_site.content.model import CampaignInfo, Material
from hotline_site.content.problems import ContentError
from hotline_site.content.store import write_atomically
from hotline_site.content.yamlfile import PathKey, YamlDocument, dotted, load_yaml

SOURCE_LANGUAGE = "vi"
STATE_FILE = "translations/sources.yml"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
PLACEHOLDER = re.compile(r"\{[a-z_]+(?:\.[a-z0-9_]+)*\}")  # {trafficking.calls}
_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?:[:!][^{}]*)?\}")
"""A replacement field as gettext's python-brace-format reads it: ``{day:02d}`` is ``day``."""


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def _format_flags(unit: Unit) -> tuple[list[str], str]:
    """The PO format flag of ``unit`` and the translator's note about its ``{names}``.

    A figure ({trafficking.calls}) stays in every language, and ``msgfmt -c`` checks
    that it does (python-brace-format). A label's fields may differ by language (the
    date: ``{day:02d}/{month:02d}/{year}`` in Vietnamese, ``{day} {month_name} {year}``
    in English), which ``msgfmt -c`` would refuse: those are marked
    no-python-brace-format, and the note lists the names to choose from.
    """
    source = _fields(unit.source)
    if not source:
        return [], ""
    written = [_fields(text) for text in unit.texts.values() if text]
    if all(names == source for names in written):
        return ["python-brace-format"], "Keep each {name} as it is: the build puts a figure there."
    offered = sorted(set().union(*written))
    return ["no-python-brace-format"], (
        "The build fills in each {name}; use those your language needs, in its order: "
        + ", ".join(f"{{{name}}}" for name in offered)
    )


class TranslationError(ContentError):
    """A translation file cannot be imported; nothing was written."""


@dataclass(frozen=True)
class Project:
    """Where the texts live: the campaign folder and the labels, and the site's languages."""

    root: Path
    campaign: Path
    languages: tuple[str, ...]
    """The site's languages, Vietnamese (the source) first."""
    labels: Path | None = None
    """The site's labels (``hotline_site/content/labels.yml``); ``None`` leaves them out."""

    @classmethod
    def at(cls, root: Path, languages: Sequence[str], campaign: str | Path) -> Project:
        """The project in ``root`` with the site's ``languages`` and campaign folder
        (``mkdocs.yml``'s, read by ``hotline_site.web.settings``) and its own labels file."""
        languages = tuple(languages)
        labels = root / LABELS_FILE.relative_to(LABELS_FILE.parents[2])
        return cls(
            root=root,
            campaign=root / campaign,
            languages=languages,
            labels=labels if labels.is_file() else None,
        )

    @property
    def state(self) -> Path:
        return self.root / STATE_FILE

    def shown(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class SourceFile:
    """One YAML file with texts: what it is and which languages its texts may have."""

    path: Path
    key: str
    """``campaign``, ``labels`` or ``material/<id>``: the first part of each string's id."""
    model: type[BaseModel]
    describe: str
    """Who reads it, for the translators' notes."""
    document: YamlDocument
    languages: tuple[str, ...]
    """Languages every text must have: the site's, plus those the material declares."""


@dataclass(frozen=True)
class Unit:
    """One text: its stable id, where it is, its source and its translations."""

    id: str
    file: SourceFile
    loc: PathKey
    line: int | None
    texts: dict[str, str]

    @property
    def source(self) -> str:
        return self.texts[SOURCE_LANGUAGE]

    @property
    def note(self) -> str:
        return f"{self.file.describe} — {dotted(self.loc)}"


@dataclass
class Report:
    """What an export or an import did, for the command line."""

    language: str
    strings: int = 0
    translated: int = 0
    changed: int = 0
    unreviewed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"{self.language}: {self.strings} strings, {self.translated} translated, "
            f"{self.strings - self.translated} untranslated, {len(self.stale)} stale, "
            f"{len(self.unreviewed)} unreviewed"
        ]
        if self.files:
            lines.append(f"{self.changed} translations written to {', '.join(self.files)}")
        lines += [f"  stale: {unit_id}" for unit_id in self.stale]
        return lines


# ---------------------------------------------------------------- reading


def source_files(project: Project) -> list[SourceFile]:
    """Every YAML file with texts, in a fixed order: campaign, materials, labels.

    Raises :class:`ContentError` if a file cannot be read.
    """
    files = []
    campaign_yml = project.campaign / "campaign.yml"
    files.append(
        SourceFile(
            campaign_yml,
            "campaign",
            CampaignInfo,
            "The campaign (campaign.yml): website and printables",
            _load(campaign_yml, project),
            project.languages,
        )
    )
    for path in sorted((project.campaign / "materials").iterdir()):
        if path.name.startswith(".") or not path.name.endswith((".yml", ".yaml")):
            continue
        document = _load(path, project)
        data = document.data if isinstance(document.data, dict) else {}
        material_id = str(data.get("id", path.stem))
        extra = [code for code in data.get("languages", []) if code not in project.languages]
        files.append(
            SourceFile(
                path,
                f"material/{material_id}",
                Material,
                f"Material {material_id}: {str(data.get('kind', '?')).replace('_', ' ')} "
                f"for {data.get('audience', '?')}",
                document,
                (*project.languages, *extra),
            )
        )
    if project.labels is not None:
        files.append(
            SourceFile(
                project.labels,
                "labels",
                LabelFile,
                "A label of the website and the printables (labels.yml)",
                _load(project.labels, project),
                project.languages,
            )
        )
    return files


def units(project: Project, files: Sequence[SourceFile] | None = None) -> list[Unit]:
    """Every text of every file, in file order: each mapping with a Vietnamese text."""
    found = []
    for source in files if files is not None else source_files(project):
        for loc, texts in _texts(source.document.data, ()):
            found.append(
                Unit(
                    id=f"{source.key}:{dotted(loc)}",
                    file=source,
                    loc=loc,
                    line=source.document.line_of(loc),
                    texts=texts,
                )
            )
    return found


def _texts(value: Any, loc: PathKey) -> Iterator[tuple[PathKey, dict[str, str]]]:
    if isinstance(value, dict):
        if (
            isinstance(value.get(SOURCE_LANGUAGE), str)
            and all(LANGUAGE_CODE.match(str(key)) for key in value)
            and all(isinstance(text, str) for text in value.values())
        ):
            yield loc, value
            return
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))


def _load(path: Path, project: Project) -> YamlDocument:
    return load_yaml(path, display_path=project.shown(path))


# ---------------------------------------------------------------- state


def load_state(project: Project) -> dict[str, dict[str, dict[str, Any]]]:
    """``language -> id -> {source, translation, reviewed}`` as last imported."""
    if not project.state.is_file():
        return {}
    data = yaml.safe_load(project.state.read_text(encoding="utf-8")) or {}
    return {str(lang): dict(entries or {}) for lang, entries in data.items()}


def save_state(project: Project, state: dict[str, dict[str, dict[str, Any]]]) -> None:
    project.state.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Written by `make translations-import`: the Vietnamese text each translation was\n"
        "# made from, so that a translation whose source changed later is reported as stale.\n"
    )
    ordered = {lang: dict(sorted(entries.items())) for lang, entries in sorted(state.items())}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=4096)
    write_atomically(project.state, header + body)


def is_stale(unit: Unit, language: str, state: dict[str, dict[str, dict[str, Any]]]) -> bool:
    """The source changed since the translation was imported, and the translation did not."""
    record = state.get(language, {}).get(unit.id)
    return bool(
        record
        and language in unit.texts
        and record.get("source") != unit.source
        and record.get("translation") == unit.texts[language]
    )


# ---------------------------------------------------------------- export


def languages_of(project: Project, files: Sequence[SourceFile]) -> list[str]:
    """Every language texts may be translated into: the site's and the declared ones."""
    found = [lang for lang in project.languages if lang != SOURCE_LANGUAGE]
    for source in files:
        found += [lang for lang in source.languages if lang not in found and lang != "vi"]
    return found


def export(project: Project, language: str) -> tuple[polib.POFile, Report]:
    """The PO file of ``language``: every text its files may have in it.

    For a site language that is every text; for a language a material declares
    (``languages: [ko]``), that material's texts, and the campaign's and the
    labels' (which the printables of that material use).
    Raises :class:`ContentError` if a YAML file cannot be read, ``ValueError`` for
    the source language or a language that nothing declares.
    """
    files = source_files(project)
    if language == SOURCE_LANGUAGE or language not in languages_of(project, files):
        raise ValueError(
            f"no texts to translate into '{language}'; languages: "
            f"{', '.join(languages_of(project, files))} (a material adds one with "
            "`languages: [xx]`)"
        )
    declared = [f for f in files if language in f.languages]
    wanted = {f.key for f in files if f.key in ("campaign", "labels")} | {f.key for f in declared}
    state = load_state(project)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": project.campaign.name,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": SOURCE_LANGUAGE,
    }
    report = Report(language)
    for unit in units(project, files):
        if unit.file.key not in wanted:
            continue
        translation = unit.texts.get(language, "")
        record = state.get(language, {}).get(unit.id, {})
        stale = is_stale(unit, language, state)
        flags = []
        if translation and (stale or record.get("reviewed") is False):
            flags.append("fuzzy")
        format_flags, format_note = _format_flags(unit)
        flags += format_flags
        comment = unit.note + (f"\n{format_note}" if format_note else "")
        if language not in unit.file.languages:
            comment += f"\nOptional in '{language}': needed where a printable uses it."
        po.append(
            polib.POEntry(
                msgctxt=unit.id,
                msgid=unit.source,
                msgstr=translation,
                comment=comment,
                occurrences=[(project.shown(unit.file.path), str(unit.line or ""))],
                flags=flags,
                previous_msgid=record.get("source") if stale else None,
            )
        )
        report.strings += 1
        report.translated += bool(translation)
        if stale:
            report.stale.append(unit.id)
        if translation and record.get("reviewed") is False:
            report.unreviewed.append(unit.id)
    return po, report


# ---------------------------------------------------------------- import
