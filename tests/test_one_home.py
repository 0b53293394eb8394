"""One home per fact (DESIGN.md, principle 2): a kind's behaviour is in its rows of the
kinds and formats tables, an answer key's answers and a quiz's letters in the one
material view (``content/document.py``); no module or template decides them again."""

from __future__ import annotations

import re
from pathlib import Path

from hotline_site.content.kinds import KINDS

PACKAGE = Path(__file__).resolve().parents[1] / "hotline_site"
SOURCES = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.typ")])
TABLES = {"content/kinds.py", "content/kinds.yml", "print/formats.py", "print/formats.yml"}


def _code(path: Path) -> str:
    """The file without its comments and docstrings' prose (only quoted names count)."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"^\s*(#|//).*$", "", text, flags=re.MULTILINE)


TEMPLATE_USE = re.compile(r"(fmt|format|template)\s*==|sizes\(")
"""A line that names a template (print/formats.yml): its name may be a kind's ("poster")."""


def kind_names_in(code: str) -> list[str]:
    """The quoted kind names in ``code``, on lines that do not name a template."""
    names = "|".join(re.escape(kind) for kind in KINDS)
    quoted = re.compile(rf"""["']({names})["']""")
    return [
        match.group(0)
        for line in code.splitlines()
        if not TEMPLATE_USE.search(line)
        for match in quoted.finditer(line)
    ]


def test_no_module_or_template_names_a_kind() -> None:
    """`kind == "worksheet"` anywhere would be a second home for what the row says."""
    assert kind_names_in('if data.kind == "worksheet" {') == ['"worksheet"']
    assert kind_names_in('if fmt == "poster":') == []
    found = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in SOURCES
        if path.relative_to(PACKAGE).as_posix() not in TABLES
        for name in kind_names_in(_code(path))
    ]
    assert found == []


def test_quiz_letters_and_answers_have_one_home() -> None:
    found = [
        str(path.relative_to(PACKAGE))
        for path in SOURCES
        if "ABCDEF" in _code(path) and path.name != "document.py"
    ]
    assert found == []
    answering = [
        str(path.relative_to(PACKAGE))
        for path in SOURCES
        if re.search(r"\.options\[\s*\w+\.answer\s*-\s*1\s*\]", _code(path))
    ]
    assert answering == ["content/document.py"]
