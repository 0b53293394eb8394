"""The kinds table: one row per kind of material, read from ``kinds.yml``.

A row says what an editor may write for the kind (a bilingual guest sheet, a
publisher's space, grades, a duration, an answer key's worksheet), the skeleton
``make new`` writes (section shapes, named in :mod:`hotline_site.content.scaffold`)
and the content rules ``make check`` applies to it (named in
:mod:`hotline_site.content.kind_rules`). How a kind is printed is the print
layer's own table (``print/formats.yml``). Adding a kind is a row here, a row
there, one template and a labels line.

The table is read once, on import: a broken row is a programming error in the
package, raised as :class:`~hotline_site.content.problems.ContentError` naming
``kinds.yml``, its line and the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from hotline_site.content.problems import ContentError, Problem, validation_message
from hotline_site.content.yamlfile import YamlDocument, dotted, load_yaml

KINDS_FILE = Path(__file__).with_name("kinds.yml")
Row = TypeVar("Row", bound=BaseModel)


class KindRow(BaseModel):
    """One kind of material (``kinds.yml`` says what each field means)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    bilingual: bool = False
    child_facing: bool = False
    publisher_space: bool = False
    graded: bool = False
    lesson_set: bool = False
    timed: bool = False
    answers: str | None = None
    """The kind this kind answers (``worksheet`` for an answer key)."""
    danger_line: bool = False
    pupil_facing: bool = False
    front: tuple[str, ...] = ()
    back: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


def read_rows(
    document: YamlDocument,
    shown: str,
    row: type[Row],
    *,
    at: tuple[str, ...] = (),
) -> dict[str, Row]:
    """The rows of a table (``name: {field: value, …}``, under the keys ``at``), each
    validated by ``row`` with its name as ``name``.

    Raises :class:`ContentError` naming ``shown``, the line and the field.
    """
    table: Any = document.data
    for key in at:
        table = table.get(key) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        where = dotted(at) or None
        raise ContentError([Problem(shown, document.line_of(at), where, "expected a table")])
    rows: dict[str, Row] = {}
    problems = []
    for name, raw in table.items():
        if not isinstance(raw, dict):
            loc: tuple[str | int, ...] = (*at, name)
            problems.append(
                Problem(shown, document.line_of(loc), dotted(loc), "expected a mapping of fields")
            )
            continue
        try:
            rows[name] = row.model_validate({**raw, "name": name})
        except ValidationError as error:
            for item in error.errors():
                loc = (*at, name, *item["loc"])
                problems.append(
                    Problem(shown, document.line_of(loc), dotted(loc), validation_message(item))
                )
    if problems:
        raise ContentError(problems)
    return rows


TABLE: dict[str, KindRow] = read_rows(
    load_yaml(KINDS_FILE), "hotline_site/content/kinds.yml", KindRow
)
"""Every kind of material by name, in the table's order."""
KINDS: tuple[str, ...] = tuple(TABLE)
"""Every kind's name, in the table's order."""


@cache
def kinds_with(flag: str) -> frozenset[str]:
    """The kinds whose row sets ``flag`` (``"bilingual"``, ``"child_facing"``…)."""
    return frozenset(name for name, row in TABLE.items() if getattr(row, flag))
