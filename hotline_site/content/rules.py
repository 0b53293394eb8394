"""The campaign's safety rules, applied to every text before anything is built.

Each rule is one function that returns :class:`Problem`\\ s: the file, the line
where it is known, the field, and what to write instead. ``project.check`` runs
them all (:func:`check_rules`), so ``make check`` and ``make site`` refuse the same
content in the same words, and the tests apply the same functions to the shipped
campaign. Word lists live in the campaign's ``glossary.yml`` (the terms to avoid);
the patterns below say what a step *does* (calls 111, tells a manager), which no
glossary term can.

A text that names an institution or a law needs the public reports it rests on: that
rule is in ``citations.py``, run here with the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hotline_site.content.campaign import Campaign
from hotline_site.content.citations import claims_have_sources, pages_list_sources
from hotline_site.content.kind_rules import check_kind_rules
from hotline_site.content.kinds import TABLE
from hotline_site.content.model import Section
from hotline_site.content.passages import (
    Passage,
    campaign_passages,
    line_at,
    line_in,
    line_of,
    material_passages,
    page_passages,
    shown_file,
)
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.safe_steps import manager_path, paired_phrases
from hotline_site.content.yamlfile import dotted, load_yaml

GLOSSARY_FILE = "glossary.yml"
"""The campaign's terms, in its folder: each with the words to avoid per language."""

DANGER = "113"
"""Danger now: the police. It comes before any step that reports."""
REPORT = {
    "vi": re.compile(r"gọi \**111|báo (?:ngay )?(?:cho )?\**quản lý ca", re.IGNORECASE),
    "en": re.compile(r"call \**111|tell (?:the |your )?\**duty manager", re.IGNORECASE),
}
"""A step that reports (call 111, tell the duty manager), per language."""
DANGER_NOW = {
    "vi": re.compile(r"nguy hiểm", re.IGNORECASE),
    "en": re.compile(r"\bdanger\b", re.IGNORECASE),
}
"""Words that say someone is in danger now: a step saying them gives 113 before 111."""
CALL_111 = {
    "vi": re.compile(r"gọi \**111", re.IGNORECASE),
    "en": re.compile(r"call \**111", re.IGNORECASE),
}
"""Calling 111, per language: in one step that speaks of danger now, it follows 113."""
NUMBERED = re.compile(r"^ {0,3}\d+[.)] +(.*)$")
"""An item of a numbered list in a hand-written page."""
NOT_EMERGENCY = re.compile(
    r"không phải (?:là )?số khẩn cấp|not (?:the|an) emergency number", re.IGNORECASE
)
"""The overstated "111 is not an emergency number" (review F4)."""
EMERGENCY_NUMBERS: dict[str, tuple[str, ...]] = {
    "hotels": ("113", "114", "115"),
    "community": ("113", "114", "115"),
}
"""The emergency numbers a material of an audience lists together (others: 113)."""
EVERY_PIECE = ("hotels", "community", "schools")
"""Audiences each of whose materials lists the emergency numbers, even one naming none."""
EMERGENCY_WORDS = {"113": "police 113 (first)", "114": "fire 114", "115": "ambulance 115"}


@dataclass(frozen=True)
class Avoid:
    """A phrase ``glossary.yml`` says to avoid, and the term to use instead."""

    phrase: str
    language: str
    use: str
    exact: bool = False

    def find(self, text: str) -> int | None:
        """Where ``text`` says the phrase (as a whole word), or None."""
        flags = 0 if self.exact else re.IGNORECASE
        match = re.search(rf"(?<!\w){re.escape(self.phrase)}(?!\w)", text, flags)
        return match.start() if match else None


# --- the rules -----------------------------------------------------------------------


def ordered_entries(section: Section, language: str) -> list[str]:
    """A section's ordered entries: its steps, else its list items. Timed steps are a
    lesson's or a talk's running order, not a procedure: left out."""
    if any(step.minutes for step in section.steps):
        return []
    if section.steps:
        return [
            " ".join(t[language] for t in (step.title, step.text) if t) for step in section.steps
        ]
    return [item[language] for item in section.items]


def danger_first(campaign: Campaign) -> list[Problem]:
    """In every ordered list that both says 113 and reports (call 111, tell the duty
    manager), 113 comes first (review F5)."""
    problems = []
    for material in campaign.materials:
        path = campaign.sources[material.id]
        for part in ("sections", "back"):
            for index, section in enumerate(getattr(material, part)):
                for language in campaign.languages:
                    if language not in REPORT:
                        continue  # no words for this language's steps yet: nothing to read
                    entries = ordered_entries(section, language)
                    danger = [i for i, entry in enumerate(entries) if DANGER in entry]
                    report = [i for i, e in enumerate(entries) if REPORT[language].search(e)]
                    kind = "steps" if section.steps else "items"
                    for at, entry in enumerate(entries):
                        late = late_danger(entry, language)
                        if late is None:
                            continue
                        loc = (part, index, kind, at)
                        problems.append(
                            Problem(
                                shown_file(path, campaign.root),
                                line_at(path, loc),
                                f"{dotted(loc)} ({language})",
                                f"speaks of danger now but says {late!r} before it says "
                                f"{DANGER}; in one step too, {DANGER} comes first: say "
                                f"'someone in danger: call {DANGER}' before calling 111",
                            )
                        )
                    if not danger or not report or danger[0] <= report[0]:
                        continue
                    loc = (part, index, kind, report[0])
                    problems.append(
                        Problem(
                            shown_file(path, campaign.root),
                            line_at(path, loc),
                            f"{dotted(loc[:3])} ({language})",
                            f"step {report[0] + 1} reports ({entries[report[0]][:60]!r}) "
                            f"before step {danger[0] + 1} says to call {DANGER}; danger now "
                            f"comes first: move the {DANGER} step to the top of the list",
                        )
                    )
    return problems


def late_danger(entry: str, language: str) -> str | None:
    """The call to 111 that comes before 113 in one step that speaks of danger now."""
    if language not in DANGER_NOW or DANGER not in entry:
        return None
    if not DANGER_NOW[language].search(entry):
        return None
    report = CALL_111[language].search(entry)
    if report is None or report.start() > entry.index(DANGER):
        return None
    return report.group(0)


def _numbered_lists(text: str) -> list[list[tuple[int, str]]]:
    """A page's numbered lists: each item's offset and text, one list per run of items."""
    lists: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        match = NUMBERED.match(line)
        if match:
            current.append((offset, match.group(1)))
        elif line.strip() and not line.startswith("    ") and current:
            lists.append(current)
            current = []
        offset += len(line)
    if current:
        lists.append(current)
    return lists


def pages_danger_first(passages: Iterable[Passage]) -> list[Problem]:
    """In a hand-written page's numbered list that says 113 and reports (call 111), 113
    comes first, as in the materials (review F5)."""
    problems = []
    for passage in passages:
        if passage.loc is not None or passage.language not in REPORT:
            continue
        for items in _numbered_lists(passage.text):
            danger = [i for i, (_, item) in enumerate(items) if DANGER in item]
            report = [i for i, (_, it) in enumerate(items) if REPORT[passage.language].search(it)]
            late = [i for i, (_, it) in enumerate(items) if late_danger(it, passage.language)]
            if danger and report and report[0] < danger[0]:
                late = [report[0], *late]
            for at in late[:1]:
                offset, item = items[at]
                problems.append(
                    Problem(
                        passage.file,
                        line_in(passage.text, offset),
                        None,
                        f"({passage.language}) numbered step {at + 1} reports ({item[:60]!r}) "
                        f"before a step says to call {DANGER}; danger now comes first: move "
                        f"the {DANGER} step to the top of the list",
                    )
                )
    return problems


def no_not_an_emergency_number(passages: Iterable[Passage]) -> list[Problem]:
    """No text says "111 is not an emergency number" (review F4)."""
    problems = []
    for passage in passages:
        match = NOT_EMERGENCY.search(passage.text)
        if match is None:
            continue
        problems.append(
            Problem(
                passage.file,
                line_of(passage, match.start()),
                passage.field,
                f"({passage.language}) says {match.group(0)!r}: 111 is listed among the free "
                "emergency numbers; say instead that 111 does not send the police or an "
                "ambulance, and give 113, 114 and 115 for danger now",
            )
        )
    return problems


def emergency_numbers(campaign: Campaign, *, every: Sequence[str] = ()) -> list[Problem]:
    """Where a material lists an emergency number, police 113 comes with them: a hotel
    or community material names 113 with fire 114 and ambulance 115, any other 113, in
    every language (review F4, F5). With ``every`` (audiences), each material of those
    audiences must list them, even one that names none."""
    problems = []
    for material in campaign.materials:
        passages = material_passages(campaign, material)
        texts = {
            language: "\n".join(p.text for p in passages if p.language == language)
            for language in campaign.languages
        }
        listed = any(n in text for text in texts.values() for n in ("113", "114", "115"))
        if not listed and (material.audience not in every or TABLE[material.kind].danger_line):
            continue
        needed = EMERGENCY_NUMBERS.get(material.audience, ("113",))
        for language, text in texts.items():
            missing = [number for number in needed if number not in text]
            if missing:
                path = campaign.sources[material.id]
                problems.append(
                    Problem(
                        shown_file(path, campaign.root),
                        None,
                        None,
                        f"({language}) never gives {', '.join(missing)}: a "
                        f"{material.audience} material names the emergency numbers together: "
                        + ", ".join(EMERGENCY_WORDS[n] for n in needed),
                    )
                )
    return problems


def load_glossary(
    campaign_root: Path, languages: Sequence[str]
) -> tuple[list[Avoid], list[Problem]]:
    """The phrases ``glossary.yml`` says to avoid (none if the campaign has no glossary)."""
    path = campaign_root / GLOSSARY_FILE
    if not path.is_file():
        return [], []
    shown = shown_file(path, campaign_root)
    try:
        document = load_yaml(path)
    except ContentError as exc:
        return [], exc.problems
    terms = document.data.get("terms") if isinstance(document.data, dict) else None
    if not isinstance(terms, list):
        return [], [Problem(shown, None, "terms", "expected a list of terms (use:, avoid:, why:)")]
    found: list[Avoid] = []
    problems: list[Problem] = []
    for index, term in enumerate(terms):
        avoid = term.get("avoid", {}) if isinstance(term, dict) else None
        if not isinstance(avoid, dict):
            problems.append(
                Problem(
                    shown,
                    document.line_of(("terms", index)),
                    f"terms.{index}.avoid",
                    "expected avoid: {vi: [...], en: [...]}",
                )
            )
            continue
        use = term.get("use") or {}
        for language in languages:
            for phrase in avoid.get(language) or []:
                said = use.get(language) if isinstance(use, dict) else None
                found.append(
                    Avoid(str(phrase), language, str(said or ""), bool(term.get("exact", False)))
                )
    return found, problems


def glossary_terms(passages: Iterable[Passage], avoid: Sequence[Avoid]) -> list[Problem]:
    """No text uses a phrase that ``glossary.yml`` says to avoid, in its language."""
    problems = []
    for passage in passages:
        lowered = passage.text.lower()
        for term in avoid:
            if term.language != passage.language or term.phrase.lower() not in lowered:
                continue  # the quick test first: most texts say no avoided phrase
            offset = term.find(passage.text)
            if offset is None:
                continue
            use = f"write {term.use!r} instead" if term.use else "see the term's why"
            problems.append(
                Problem(
                    passage.file,
                    line_of(passage, offset),
                    passage.field,
                    f"({passage.language}) says {term.phrase!r}, which {GLOSSARY_FILE} says to "
                    f"avoid; {use}",
                )
            )
    return problems


def check_rules(
    campaign: Campaign,
    *,
    pages: Sequence[Path] = (),
    pages_dir: str = "docs",
    site_words: Sequence[Passage] = (),
) -> list[Problem]:
    """Every safety rule on the campaign, the hand-written ``pages`` and the site's words."""
    texts = campaign_passages(campaign) + page_passages(pages, pages_dir)
    avoid, problems = load_glossary(campaign.root, campaign.languages)
    return [
        *problems,
        *danger_first(campaign),
        *pages_danger_first(page_passages(pages, pages_dir)),
        *no_not_an_emergency_number(texts),
        *emergency_numbers(campaign, every=EVERY_PIECE),
        *check_kind_rules(campaign),
        *manager_path(campaign),
        *paired_phrases(texts),
        *glossary_terms([*texts, *site_words], avoid),
        *claims_have_sources(campaign),
        *pages_list_sources(pages, pages_dir),
    ]
