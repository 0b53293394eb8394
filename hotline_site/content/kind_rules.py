"""Content rules that belong to a kind of material, named in its row of ``kinds.yml``.

Each rule takes the campaign and one material of a kind that names it and returns
:class:`Problem`\\ s with the file, the line where it is known, the field and what
to write. :func:`check_kind_rules` runs each material's rules; ``rules.check_rules``
calls it, so ``make check`` and ``make site`` apply them alike, and ``make new``
writes a skeleton that passes them (``tests/test_scaffold.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hotline_site.content.campaign import Campaign
from hotline_site.content.kinds import TABLE
from hotline_site.content.model import Material
from hotline_site.content.passages import line_at, material_passages, shown_file
from hotline_site.content.problems import Problem

Rule = Callable[[Campaign, Material], list[Problem]]

DISCLOSURE = {"vi": ("113", "không tự mình"), "en": ("113", "do not confront")}
"""What a lesson's note on disclosure says, per language it has words for: call the
police on 113 if the pupil is in danger now, and do not confront anyone yourself."""
GUEST_111 = re.compile(r"\b111 in Vietnam\b|\bVietnam's (?:\w+ )*hotline\b[^.]*\b111\b", re.I)
"""How a guest from abroad learns that 111 is Vietnam's hotline, not an emergency number
at home (111 is New Zealand's)."""


def _problem(
    campaign: Campaign, material: Material, loc: tuple[str | int, ...], text: str
) -> Problem:
    path = campaign.sources[material.id]
    field = ".".join(str(part) for part in loc) or None
    return Problem(shown_file(path, campaign.root), line_at(path, loc), field, text)


def steps_fill_the_period(campaign: Campaign, material: Material) -> list[Problem]:
    """A lesson's timed steps add up to its ``duration_minutes``: the plan fills one period."""
    minutes = sum(step.minutes or 0 for section in material.sections for step in section.steps)
    if material.duration_minutes is None:
        return [_problem(campaign, material, ("kind",), "a lesson plan needs duration_minutes")]
    if minutes == material.duration_minutes:
        return []
    return [
        _problem(
            campaign,
            material,
            ("duration_minutes",),
            f"the steps take {minutes} minutes, the lesson {material.duration_minutes}: "
            "give each step its minutes so that they add up to the lesson's",
        )
    ]


def disclosure_note(campaign: Campaign, material: Material) -> list[Problem]:
    """A lesson has an ``important`` note on what to do if a pupil discloses harm."""
    notes = [
        (index, section)
        for index, section in enumerate(material.sections)
        if section.style == "important"
    ]
    indexes = {index for index, _ in notes}
    passages = [
        p
        for p in material_passages(campaign, material)
        if p.loc and p.loc[0] == "sections" and p.loc[1] in indexes
    ]
    problems = []
    for language, phrases in DISCLOSURE.items():
        if language not in campaign.languages:
            continue
        text = " ".join(p.text for p in passages if p.language == language).lower()
        missing = [phrase for phrase in phrases if phrase not in text]
        if missing:
            loc: tuple[str | int, ...] = ("sections", notes[0][0]) if notes else ("sections",)
            problems.append(
                _problem(
                    campaign,
                    material,
                    loc,
                    f"({language}) the lesson needs a note (style: important) on what to do "
                    f"if a pupil discloses harm, saying {', '.join(repr(p) for p in missing)}",
                )
            )
    return problems


def guests_learn_what_111_is(campaign: Campaign, material: Material) -> list[Problem]:
    """A guest sheet (``bilingual``) whose English face names 111 says it is Vietnam's
    hotline and gives the police 113 and the ambulance 115."""
    if not material.bilingual or "en" not in campaign.languages:
        return []
    problems = []
    passages = [p for p in material_passages(campaign, material) if p.language == "en"]
    for face, parts in (("sections", ("sections", "title")), ("back", ("back",))):
        texts = [p.text for p in passages if p.loc and p.loc[0] in parts]
        text = "\n".join(texts)
        if "111" not in text:
            continue
        if not GUEST_111.search(text):
            problems.append(
                _problem(
                    campaign,
                    material,
                    (face,),
                    "(en) a guest reads 111 without learning it is Vietnam's hotline; "
                    "write '111 in Vietnam' (111 is an emergency number elsewhere)",
                )
            )
        missing = [number for number in ("113", "115") if number not in text]
        if missing:
            problems.append(
                _problem(
                    campaign,
                    material,
                    (face,),
                    f"(en) a guest reads 111 but not {' or '.join(missing)}: give Vietnam's "
                    "emergency numbers too (police 113, ambulance 115)",
                )
            )
    return problems


RULES: dict[str, Rule] = {
    rule.__name__: rule
    for rule in (steps_fill_the_period, disclosure_note, guests_learn_what_111_is)
}
"""Every kind rule by the name ``kinds.yml`` gives it."""

_UNKNOWN = [name for row in TABLE.values() for name in row.rules if name not in RULES]
if _UNKNOWN:
    raise LookupError(f"content/kinds.yml names rules that do not exist: {', '.join(_UNKNOWN)}")


def check_kind_rules(campaign: Campaign) -> list[Problem]:
    """Every material's kind rules."""
    return [
        problem
        for material in campaign.materials
        for name in TABLE[material.kind].rules
        for problem in RULES[name](campaign, material)
    ]
