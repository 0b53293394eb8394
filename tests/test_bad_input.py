"""Bad content gets a clear error naming file, line and field, and the previous site stays."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project

from hotline_site.content.problems import ContentError
from hotline_site.project import load_folder


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(campaign: Path) -> None:
        path = campaign / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def add_file(relative: str, text: str) -> Callable[[Path], None]:
    def edit(campaign: Path) -> None:
        (campaign / relative).write_text(text, encoding="utf-8")

    return edit


def append_page(name: str, text: str) -> Callable[[Path], None]:
    """Add ``text`` to the hand-written page ``docs/<name>`` of the campaign's project."""

    def edit(campaign: Path) -> None:
        page = campaign.parent.parent / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


CASES = {
    "yaml syntax error": (
        replace("materials/poster.yml", "kind: poster", "kind: [poster"),
        ["campaigns/hotline-111/materials/poster.yml:", "`[` opened on a line above is not closed"],
    ),
    "missing translation": (
        replace(
            "materials/notice.yml", "title: {vi: Thông báo, en: Notice}", "title: {vi: Thông báo}"
        ),
        ["materials/notice.yml:4: title:", "missing or empty text in language 'en'"],
    ),
    "empty translation": (
        replace("materials/notice.yml", "en: Notice}", 'en: "  "}'),
        ["materials/notice.yml:4: title:", "missing or empty text in language 'en'"],
    ),
    "unknown key": (
        replace("materials/notice.yml", "summary:", "sumary:"),
        ["materials/notice.yml:5: sumary: unknown field; did you mean `summary`? (the fields"],
    ),
    "duplicate id": (
        add_file(
            "materials/z-copy.yml",
            "id: notice\n" + "audience: community\nkind: poster\n"
            "title: {vi: A, en: A}\nsummary: {vi: B, en: B}\n"
            "sections:\n  - text: {vi: C, en: C}\n",
        ),
        ["materials/z-copy.yml:1: id: duplicate material id 'notice'", "materials/notice.yml"],
    ),
    "wrong type": (
        replace("materials/lesson.yml", "duration_minutes: 45", "duration_minutes: forty-five"),
        ["materials/lesson.yml:7: duration_minutes:", "valid integer", "'forty-five'"],
    ),
    "missing file": (
        replace("campaign.yml", "logo: assets/logo-111.svg", "logo: assets/missing.svg"),
        ["campaign.yml:4: logo:", "'assets/missing.svg' does not exist"],
    ),
    "file outside the campaign": (
        replace("campaign.yml", "logo: assets/logo-111.svg", "logo: ../../etc/passwd"),
        ["campaign.yml:4: logo:", "lies outside the campaign folder"],
    ),
    "unknown audience": (
        replace("materials/notice.yml", "audience: community", "audience: press"),
        ["materials/notice.yml:2: audience:", "'schools', 'hotels', 'books' or 'community'"],
    ),
    "duplicate key": (
        replace("materials/notice.yml", "kind: poster", "kind: poster\nkind: leaflet"),
        ["materials/notice.yml:4: kind: appears twice"],
    ),
    "unknown figure": (
        replace(
            "materials/notice.yml",
            "{vi: Ai cũng có thể gọi 111.",
            '{vi: "Có {calls_totl} cuộc gọi."',
        ),
        ["materials/notice.yml:7: sections[0].text:", "unknown figure {calls_totl}"],
    ),
    "answer outside the options": (
        replace("materials/worksheet.yml", "answer: 2", "answer: 3"),
        ["materials/worksheet.yml:9: sections[0].quiz[0]:", "only 2 options"],
    ),
    "bad statistics": (
        replace("stats.yml", "male: 61.3", "male: 71.3"),
        ["stats.yml:", "caller_gender_pct: shares add up to 110.0%, more than 100%"],
    ),
    "figure of an unknown measure": (
        replace(
            "materials/notice.yml",
            "{vi: Ai cũng có thể gọi 111.",
            '{vi: "Trong {trafficking.period}, có {trafficking.calls_totl} cuộc gọi."',
        ),
        ["materials/notice.yml:7: sections[0].text:", "unknown figure {trafficking.calls_totl}"],
    ),
    "figure without its period": (
        replace(
            "materials/notice.yml",
            "{vi: Ai cũng có thể gọi 111.",
            '{vi: "Có {trafficking.calls} cuộc gọi."',
        ),
        ["materials/notice.yml:7: sections[0].text:", "without its period", "{trafficking.period}"],
    ),
    "figure no period has": (
        replace(
            "materials/notice.yml",
            "{vi: Ai cũng có thể gọi 111.",
            '{vi: "Trong {child_protection.period}: {child_protection.counselling_cases} ca."',
        ),
        ["materials/notice.yml:7: sections[0].text.vi:", "no period of child_protection"],
    ),
    "figure in a hand-written page": (
        append_page("index.vi.md", "\n\nTổng đài nhận {trafficking.calls} cuộc gọi.\n"),
        ["docs/index.vi.md: shows a figure of trafficking without its period"],
    ),
    "a character the print fonts lack": (
        replace("materials/notice.yml", "en: Notice}", "en: Notice \U0001f6a8}"),
        ["materials/notice.yml:4: title", "U+1F6A8"],
    ),
}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from conftest import make_project

    built = make_project(tmp_path_factory.mktemp("previous"))
    built.built()
    return built


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_and_the_site_is_kept(
    case: str, previous_site: Project, tmp_path: Path
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(previous_site.root, project.root)
    before = project.site_fingerprint()
    edit, expected = CASES[case]
    edit(project.campaign)

    result = project.build()

    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert project.site_fingerprint() == before
    assert "Traceback" not in result.stderr
    # make check refuses exactly what make site refuses, in the same words
    checked = project.check()
    assert checked.returncode == 1, checked.stdout
    for fragment in expected:
        assert fragment in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr


def test_every_problem_is_reported_at_once(project: Project) -> None:
    CASES["unknown key"][0](project.campaign)
    CASES["missing file"][0](project.campaign)
    with pytest.raises(ContentError) as caught:
        load_folder(project.campaign, ["vi", "en"])
    fields = sorted(str(problem.field) for problem in caught.value.problems)
    assert fields == ["logo", "sumary", "summary"]  # the typo, the field it hid, the file
    assert str(caught.value).startswith("3 problems in the campaign content:")


def test_yes_and_no_stay_words(project: Project) -> None:
    replace("materials/notice.yml", "en: Notice}", "en: No}")(project.campaign)
    campaign = load_folder(project.campaign, ["vi", "en"]).campaign
    assert campaign.material("notice").title["en"] == "No"


def test_a_third_language_is_configuration_and_translation(project: Project) -> None:
    with pytest.raises(ContentError) as caught:
        load_folder(project.campaign, ["vi", "en", "ko"])
    assert "missing or empty text in language 'ko'" in str(caught.value)
