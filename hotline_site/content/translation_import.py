"""``make translations-import``: a translated PO file back into the YAML files.

Everything is checked before anything is written (the entries, the texts'
models, the print fonts, and the build's own checks given by the caller); the
campaign's editing lock is held from reading to writing, and each file is
written whole or not at all. The rest of the round trip (texts, export,
state) is :mod:`hotline_site.content.translations`.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import polib
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from hotline_site.content.labels import named_languages
from hotline_site.content.problems import Problem
from hotline_site.content.store import locked, write_atomically
from hotline_site.content.translations import (
    LANGUAGE_CODE,
    PLACEHOLDER,
    SOURCE_LANGUAGE,
    Project,
    Report,
    SourceFile,
    TranslationError,
    Unit,
    export,
    languages_of,
    load_state,
    save_state,
    source_files,
    units,
)
from hotline_site.content.yamlfile import MAX_BYTES, dotted

MAX_PO_BYTES = 16 * 1024 * 1024
"""Largest PO file read (16 MB; the shipped campaign's is under 1 MB)."""
_CHARSET = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def import_file(
    project: Project,
    po_path: Path,
    *,
    charset: frozenset[int] | None = None,
    verify: Callable[[Mapping[Path, str]], Sequence[Problem]] | None = None,
) -> Report:
    """Write the translations of ``po_path`` into the YAML files; return what changed.

    Raises :class:`TranslationError`, writing nothing, naming the PO file, the
    entry's line and id: for a file that is missing, not UTF-8 or names no
    language, an id that no longer exists, a Vietnamese source that changed since
    the export, a language a text may not have, a translation whose ``{figures}``
    differ from the source's, a character the print fonts lack (``charset``: the
    code points they draw), translated files that no longer validate, or
    whatever ``verify`` (the build's own checks, given each file's new text)
    finds. Holds the campaign's editing lock (:func:`store.locked`) from reading to
    writing, and writes each file whole or not at all (:func:`store.write_atomically`).
    """
    with locked(project.campaign):
        return _import(project, po_path, charset, verify)


def _read_po(po_path: Path, shown: str) -> polib.POFile:
    """The PO file at ``po_path``, UTF-8 as the export wrote it, at most :data:`MAX_PO_BYTES`."""

    def refuse(reason: str) -> TranslationError:
        return TranslationError([Problem(shown, None, None, reason)])

    if not po_path.is_file():
        raise refuse(
            "no such file; export it first (make translations-export LANG=<language>), "
            "or give the path of the translated file"
        )
    if po_path.stat().st_size > MAX_PO_BYTES:
        raise refuse(f"is larger than {MAX_PO_BYTES // 2**20} MB; this is not an exported file")
    raw = po_path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise refuse(
            f"is not UTF-8 (byte {exc.start}); save it as UTF-8 in the translation tool"
        ) from None
    header = text.split("\n\n", 1)[0]
    declared = _CHARSET.search(header)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise refuse(
            f"declares charset={declared.group(1)} in its header, but the texts are UTF-8; "
            "set the header to charset=UTF-8 (as exported) and import again"
        )
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise refuse(f"cannot be read as a PO file: {exc}") from None


def _import(
    project: Project,
    po_path: Path,
    charset: frozenset[int] | None,
    verify: Callable[[Mapping[Path, str]], Sequence[Problem]] | None,
) -> Report:
    shown = project.shown(po_path)
    po = _read_po(po_path, shown)
    language = po.metadata.get("Language", "").strip()
    if not LANGUAGE_CODE.match(language) or language == SOURCE_LANGUAGE:
        raise TranslationError(
            [Problem(shown, None, None, f"names no target language (Language: {language!r})")]
        )
    files = source_files(project)
    by_id = {unit.id: unit for unit in units(project, files)}
    problems: list[Problem] = []
    changes: dict[str, tuple[Unit, str, bool]] = {}  # id -> (unit, translation, reviewed)
    for entry in po:
        if entry.obsolete:
            continue
        where = entry.msgctxt or "(no id)"
        source = unicodedata.normalize("NFC", entry.msgid)
        translation = unicodedata.normalize("NFC", entry.msgstr)
        unit = by_id.get(entry.msgctxt or "")
        if unit is None:
            problems.append(
                Problem(shown, entry.linenum, where, "no such text any more; export again")
            )
            continue
        if source != unit.source:
            problems.append(
                Problem(
                    shown,
                    entry.linenum,
                    where,
                    f"the Vietnamese text changed since the export ({unit.note}): "
                    f"exported {_short(source)!r}, now {_short(unit.source)!r}; "
                    "export again and translate the new text",
                )
            )
            continue
        if not translation.strip() or translation == unit.texts.get(language):
            if translation and "fuzzy" not in entry.flags:
                changes[unit.id] = (unit, translation, True)  # reviewed, unchanged
            continue
        if language not in unit.file.languages and unit.file.key.startswith("material/"):
            problems.append(
                Problem(
                    shown,
                    entry.linenum,
                    where,
                    f"{unit.file.describe} is not in '{language}'; "
                    f"add `languages: [{language}]` to it first",
                )
            )
            continue
        wanted = sorted(set(PLACEHOLDER.findall(unit.source)))
        got = sorted(set(PLACEHOLDER.findall(translation)))
        if wanted != got:
            problems.append(
                Problem(
                    shown,
                    entry.linenum,
                    where,
                    f"the translation has the figures {', '.join(got) or 'none'}, the source "
                    f"{', '.join(wanted) or 'none'}; keep each {{name}} exactly as in the source",
                )
            )
            continue
        changes[unit.id] = (unit, translation, "fuzzy" not in entry.flags)
    if problems:
        raise TranslationError(problems)

    written = {
        key: (unit, text, reviewed)
        for key, (unit, text, reviewed) in changes.items()
        if unit.texts.get(language) != text
    }
    by_file: dict[Path, list[tuple[Unit, str]]] = {}
    for unit, text, _ in written.values():
        by_file.setdefault(unit.file.path, []).append((unit, text))
    outputs = {}
    labels = next((f.document.data for f in files if f.key == "labels"), None)
    known = (*languages_of(project, files), *named_languages(labels or {}), language)
    for file in files:
        if file.path in by_file:
            outputs[file.path] = _rewrite(
                project, file, known, by_file[file.path], language, charset
            )
    if verify is not None and outputs:
        refused = verify(outputs)
        if refused:
            raise TranslationError(list(refused))
    for path, text in outputs.items():
        write_atomically(path, text)

    state = load_state(project)
    entries = state.setdefault(language, {})
    for unit, text, reviewed in changes.values():
        entries[unit.id] = {"source": unit.source, "translation": text, "reviewed": reviewed}
    save_state(project, state)

    report = Report(language, changed=len(written))
    report.files = [project.shown(path) for path in outputs]
    report.unreviewed = [key for key, (_, _, reviewed) in changes.items() if not reviewed]
    _, status = export(project, language)
    report.strings, report.translated, report.stale = (
        status.strings,
        status.translated,
        status.stale,
    )
    return report


def _rewrite(
    project: Project,
    source: SourceFile,
    known: Sequence[str],
    edits: list[tuple[Unit, str]],
    language: str,
    charset: frozenset[int] | None = None,
) -> str:
    """The new text of ``source`` with ``edits`` in ``language`` applied, checked; nothing
    else changed. Texts may also have the ``known`` languages (a material's own…)."""
    shown = project.shown(source.path)
    original = source.path.read_text(encoding="utf-8")
    round_trip = _yaml()
    tree = round_trip.load(original)
    if _dump(round_trip, tree) != original:
        raise TranslationError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    "cannot be rewritten without changing its layout (unusual indentation "
                    "or line breaks); lay it out like the other files, then import again",
                )
            ]
        )
    data = copy.deepcopy(source.document.data)
    for unit, text in edits:
        node = tree
        plain = data
        for part in unit.loc:
            node = node[part]
            plain = plain[part]
        node[language] = _styled(node.get(language), text, node.get(SOURCE_LANGUAGE))
        plain[language] = text
    context = {
        "languages": source.languages,
        "optional": tuple(code for code in known if code not in source.languages),
        "root": project.campaign,
        "placeholders": None,
        "charset": charset,
    }
    try:
        source.model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
            ids = [unit.id for unit, _ in edits if loc[: len(unit.loc)] == unit.loc]
            problems.append(
                Problem(
                    shown,
                    source.document.line_of(loc),
                    dotted(loc) or None,
                    error["msg"].removeprefix("Value error, ")
                    + (f" (the translation of {ids[0]})" if ids else ""),
                )
            )
        raise TranslationError(problems) from None
    text = _dump(round_trip, tree)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise TranslationError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    f"the translations would make the file larger than {MAX_BYTES // 1024} KB, "
                    "more than the build reads; check the PO file for a text pasted by mistake",
                )
            ]
        )
    return text


def _styled(old: Any, text: str, like: Any) -> Any:
    """``text`` written like the value it replaces (a block stays a block, quotes stay),
    or a new one like the source next to it."""
    model = old if old is not None else like
    if isinstance(model, ScalarString) and (
        "\n" in text or not isinstance(model, LiteralScalarString)
    ):
        return type(model)(text)
    if "\n" in text:
        return LiteralScalarString(text)
    return text


def _yaml() -> YAML:
    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    round_trip.indent(mapping=2, sequence=4, offset=2)
    return round_trip


def _dump(round_trip: YAML, tree: CommentedMap) -> str:
    out = io.StringIO()
    round_trip.dump(tree, out)
    return out.getvalue()


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
