"""A page's weight does not grow with the number of materials (issue 25, scale).

With ``navigation.prune`` every page lists the audiences and an audience's pages
list its materials; past ``NAV_MATERIALS_MAX`` materials an audience lists only
its landing page, which links every one of them.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_project
from test_serve import quick_config
from test_site import primary_navigation

from hotline_site.web.navigation import NAV_MATERIALS_MAX


def test_a_large_audience_keeps_its_pages_light(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    notice = (project.campaign / "materials/notice.yml").read_text(encoding="utf-8")
    many = NAV_MATERIALS_MAX + 5
    for number in range(many):
        (project.campaign / f"materials/notice-{number}.yml").write_text(
            notice.replace("id: notice", f"id: notice-{number}"), encoding="utf-8"
        )
    (project.root / "mkdocs.yml").write_text(quick_config(project).read_text(), encoding="utf-8")
    project.built()

    page = project.site / "materials/community/notice-7/index.html"
    menu = primary_navigation(page.read_text(encoding="utf-8"))
    assert "notice-8/" not in menu and "notice-9/" not in menu  # no sibling in the menu
    assert "materials/community/" in menu or 'href="../"' in menu  # its audience's page
    landing = (project.site / "materials/community/index.html").read_text(encoding="utf-8")
    assert all(f"notice-{number}/" in landing for number in range(many))  # all reachable
    # A small audience still lists its materials beside each of them.
    lesson = primary_navigation(
        (project.site / "materials/schools/lesson/index.html").read_text(encoding="utf-8")
    )
    assert "worksheet/" in lesson and "key/" in lesson
    sizes = {p.stat().st_size for p in project.site.glob("materials/community/notice-*/index.html")}
    assert max(sizes) < 1.2 * min(sizes)
    assert max(sizes) < (project.site / "materials/schools/lesson/index.html").stat().st_size * 2
