"""Messages an editor reads: file, line and field, what is wrong and how to fix it, in an
editor's words (no parser jargon, no raw pydantic text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project

from hotline_site import project as app
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.yamlfile import load_yaml
from hotline_site.web.settings import settings

JARGON = ("<block end>", "<block mapping start>", "<block sequence start>", "Input should be")


def yaml_problem(tmp_path: Path, text: str) -> Problem:
    path = tmp_path / "poster.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_yaml(path, display_path="materials/poster.yml")
    [problem] = caught.value.problems
    assert not any(word in str(problem) for word in JARGON), problem
    return problem


# YAML text -> (line, fragment of the message)
SYNTAX = {
    "en: less indented than vi:": (
        "id: x\ntitle:\n    vi: Một\n  en: One\nsummary: s\n",
        4,
        "this line's indentation does not match the lines above",
    ),
    "en: more indented than vi:": (
        "id: x\ntitle:\n  vi: Một\n   en: One\nsummary: s\n",
        4,
        "check its indentation",
    ),
    "a list item out of line": (
        "items:\n  - a\n - b\n",
        3,
        "this line's indentation does not match the lines above",
    ),
    "text with ': ' unquoted": (
        "id: x\ntitle: Call: now\n",
        2,
        "put the whole text in quotes",
    ),
    "a tab": ("id: x\ntitle:\n\tvi: a\n", 3, "indent with spaces only"),
    "a quote never closed": (
        'id: x\ntitle: "abc\nsummary: s\n',
        2,
        "a quote is opened but never closed",
    ),
    "a brace never closed": (
        "id: x\ntitle: {vi: a, en: b\nsummary: s\n",
        3,
        "`{` opened on a line above is not closed",
    ),
}


@pytest.mark.parametrize("case", list(SYNTAX))
def test_a_syntax_error_says_what_is_wrong_in_an_editors_words(case: str, tmp_path: Path) -> None:
    text, line, fragment = SYNTAX[case]
    problem = yaml_problem(tmp_path, text)
    assert problem.line == line, problem
    assert fragment in problem.message, problem


def test_an_impossible_date_says_how_to_write_one(tmp_path: Path) -> None:
    problem = yaml_problem(tmp_path, "start: 2019-01-01\nend: 2019-06-31\n")
    assert problem.line == 2 and problem.field == "end"
    assert "2019-06-31 is not a date that exists" in problem.message
    assert "YYYY-MM-DD" in problem.message
    assert "quotes" not in problem.message  # quotes were never the fix


def load_problems(project: Project) -> list[str]:
    config = settings(project.root / "mkdocs.yml")
    with pytest.raises(ContentError) as caught:
        app.check(app.load(config), config)
    return [str(problem) for problem in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("quoted", [False, True])
def test_a_bad_date_in_stats_yml_says_the_form_yyyy_mm_dd(project: Project, quoted: bool) -> None:
    stats = project.campaign / "stats.yml"
    line = stats.read_text(encoding="utf-8").splitlines().index("    end: 2019-06-30") + 1
    edit(stats, "    end: 2019-06-30", "    end: '2019-06-31'" if quoted else "    end: 2019-06-31")
    [problem] = load_problems(project)
    assert problem.startswith(f"campaigns/hotline-111/stats.yml:{line}: services."), problem
    assert "2019-06-31" in problem and "is not a date that exists" in problem
    assert "YYYY-MM-DD" in problem
    assert not any(word in problem for word in JARGON), problem


def test_a_misspelt_field_is_named_on_its_own_line_with_did_you_mean(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    # The value on the next line: the message must name the line of the field's name.
    edit(notice, "summary: {vi:", "sumary:\n  {vi:")
    problems = load_problems(project)
    unknown = next(p for p in problems if "sumary" in p and "unknown field" in p)
    assert unknown.startswith("campaigns/hotline-111/materials/notice.yml:5: sumary: "), unknown
    assert "did you mean `summary`?" in unknown
    missing = next(p for p in problems if "summary: required field is missing" in p)
    assert "is `sumary` on line 5 a misspelling of it?" in missing


def test_a_field_far_from_any_name_lists_the_fields(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    edit(notice, "summary:", "colour_of_the_sky: blue\nsummary:")
    [problem] = load_problems(project)
    assert "colour_of_the_sky: unknown field; expected one of: id, audience" in problem
    assert "did you mean" not in problem
