"""Ways from one page to the next: the audiences offered on the home page, and the lesson
plan, worksheet and answer key of a grade band linked to each other and listed by grade."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hotline_site.content.campaign import Campaign
from hotline_site.content.kinds import kinds_with
from hotline_site.content.model import Material
from hotline_site.web import markdown

MATERIALS_DIR = "materials"
LESSON_KINDS = kinds_with("lesson_set")
"""The kinds that make up one lesson (their rows say lesson_set): linked on their pages."""

Label = Callable[[str], str]
Text = Callable[[Mapping[str, str]], str]


def audience_page(audience: str) -> str:
    return f"{MATERIALS_DIR}/{audience}/index.md"


AUDIENCE_LINKS = "<!-- hotline:audiences -->"
"""Where a hand-written page lists the audiences, one link each (the home page)."""


def audience_links(campaign: Campaign, language: str, *, page: str) -> str:
    """A Markdown list of big links, one per audience with materials, for ``page``.

    ``page`` is the docs path of the page that shows them (``index.vi.md``): the
    links are relative to it. Each link shows the reader (``who``) and the summary.
    """
    up = "../" * page.count("/")
    items = []
    for audience in campaign.audiences():
        info = campaign.info.audiences[audience]
        who = markdown.campaign_text((info.who or info.title)[language])
        summary = markdown.campaign_text(info.summary[language])
        target = f"{up}{audience_page(audience)}"
        items.append(
            f'- [**{who}** <span class="role-link__what">{summary}</span>]({target})'
            "{ .role-link }"
        )
    return "\n".join(['<div class="role-links" markdown>', "", *items, "", "</div>"])


AUDIENCE_CHOICE = "<!-- hotline:audience-choice -->"
"""Where a hand-written page offers the audiences as a row of small links (the home page's
first screen on a phone)."""


def audience_choice(campaign: Campaign, language: str, *, page: str) -> str:
    """The audiences with materials as small links, two to a row on a phone."""
    up = "../" * page.count("/")
    items = []
    for audience in campaign.audiences():
        info = campaign.info.audiences[audience]
        who = markdown.campaign_text((info.who or info.title)[language])
        items.append(f"- [{who}]({up}{audience_page(audience)})")
    return "\n".join(['<div class="audience-choice" markdown>', "", *items, "", "</div>"])


def lesson_set(campaign: Campaign, material: Material) -> list[Material]:
    """The lesson plan, worksheet and answer key of ``material``'s grade band, in the
    audience's order, ``material`` included: those of one audience with the same grades,
    and the key of a worksheet (``answers_for``) whatever its grades say."""
    if material.kind not in LESSON_KINDS:
        return []
    first = campaign.languages[0]
    grades = material.grades[first] if material.grades else None
    ids = {material.id, material.answers_for}
    return [
        other
        for other in campaign.materials_for(material.audience)
        if other.kind in LESSON_KINDS
        and (
            other.id in ids
            or other.answers_for == material.id
            or (grades is not None and other.grades and other.grades[first] == grades)
        )
    ]


def companions(campaign: Campaign, material: Material, label: Label, text: Text) -> list[str]:
    """Links to the other materials of its lesson set, right under the title."""
    others = [other for other in lesson_set(campaign, material) if other.id != material.id]
    if not others:
        return []
    links = " · ".join(f"[{label('kind.' + other.kind)}]({other.id}.md)" for other in others)
    return [f"**{label('use_with')}:** {links}", "{: .companions }", ""]


def grade_index(campaign: Campaign, audience: str, label: Label, text: Text) -> list[str]:
    """Each grade band of the audience with its lesson set, linked by kind: a teacher picks
    the grade in the first screen of the audience's page."""
    lines: list[str] = []
    seen: set[str] = set()
    for material in campaign.materials_for(audience):  # type: ignore[arg-type]
        members = lesson_set(campaign, material)
        if len(members) < 2 or not material.grades or material.id in seen:
            continue
        seen.update(member.id for member in members)
        links = " ".join(f"[{label('kind.' + member.kind)}]({member.id}.md)" for member in members)
        lines.append(f"- **{text(material.grades)}** {links}")
    if not lines:
        return []
    return [
        '<div class="grade-index" markdown>',
        f'<p class="grade-index__title">{label("by_grade")}</p>',
        "",
        *lines,
        "",
        "</div>",
        "",
    ]
