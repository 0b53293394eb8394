"""The formats table: how each kind of material is printed, read from ``formats.yml``.

One row per kind of the kinds table (:mod:`hotline_site.content.kinds`): its
template (``templates/<template>.typ``), the papers it is printed on when a
material names none, whether it also gets a print-shop file and whether its
office version puts several copies on one sheet. Each template has its fixed
facts: a fixed page count, display type, its margin (mm) and its smallest body
type (pt).

Read once, on import. A kind without a row, a row for no kind, or a template
without its ``.typ`` file raises :class:`~hotline_site.content.problems.ContentError`
naming ``formats.yml`` and the row.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hotline_site.content.kinds import KINDS, read_rows
from hotline_site.content.model import PaperName
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.yamlfile import load_yaml

FORMATS_FILE = Path(__file__).with_name("formats.yml")
TEMPLATES_DIR = Path(__file__).with_name("templates")
_SHOWN = "hotline_site/print/formats.yml"


class Template(BaseModel):
    """A Typst template's fixed facts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    pages: int | None = Field(default=None, ge=1)
    """Exact page count a sheet must have; ``None`` for documents that run on."""
    display: bool = False
    """Set in display type throughout (20 pt and more): every line keeps words whole."""
    margin: float = Field(gt=0, le=50)
    """Millimetres inside the trim."""
    body_min: float = Field(ge=6, le=40)
    """The smallest body type, in points."""


class Format(BaseModel):
    """How one kind is printed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    """The kind's name."""
    template: str
    papers: list[PaperName] = Field(min_length=1)
    print_shop: bool = False
    office_sheet: PaperName | None = None


def _read() -> tuple[dict[str, Format], dict[str, Template]]:
    document = load_yaml(FORMATS_FILE, display_path=_SHOWN)
    templates = read_rows(document, _SHOWN, Template, at=("templates",))
    formats = read_rows(document, _SHOWN, Format, at=("kinds",))

    def problem(loc: tuple[str, ...], message: str) -> Problem:
        return Problem(_SHOWN, document.line_of(loc), ".".join(loc), message)

    problems = [
        problem(("kinds", kind), "a kind of content/kinds.yml without a row here")
        for kind in KINDS
        if kind not in formats
    ]
    for name, row in formats.items():
        if name not in KINDS:
            problems.append(problem(("kinds", name), "not a kind of content/kinds.yml"))
        if row.template not in templates:
            problems.append(
                problem(("kinds", name, "template"), f"'{row.template}' is not under templates:")
            )
    problems += [
        problem(("templates", name), f"no file print/templates/{name}.typ")
        for name in templates
        if not (TEMPLATES_DIR / f"{name}.typ").is_file()
    ]
    if problems:
        raise ContentError(problems)
    return formats, templates


FORMATS, TEMPLATES = _read()
"""Each kind's :class:`Format` by kind name; each :class:`Template` by name."""
