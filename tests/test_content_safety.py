"""The shipped campaign tells every reader what to do in an emergency, in their words.

Read through the project's own loader, so a material that the build would
publish is the material checked here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
import yaml
from conftest import ROOT

from hotline_site.campaign import Campaign, load_campaign
from hotline_site.model import Material, Section
from hotline_site.statistics.page import STATS_PAGE

CAMPAIGN = ROOT / "campaigns" / "hotline-111"
LANGUAGES = ("vi", "en")

EMERGENCY = {"vi": ("113",), "en": ("113",)}
"""Immediate danger: the police (113). Every material for hotels and schools says so."""
GUEST_111 = re.compile(r"\b111 in Vietnam\b|\bVietnam's (?:\w+ )*hotline\b[^.]*\b111\b", re.I)
"""How a guest from abroad learns that 111 is Vietnam's hotline, not their emergency number."""
GLOSSARY = CAMPAIGN / "glossary.yml"
"""The campaign's terms, each with the words to avoid in each language."""
LABELS = next(ROOT.glob("hotline_site/**/labels.yml"))
VOCABULARY = next(ROOT.glob("hotline_site/**/vocabulary.yml"))
"""The site's words and the statistics' labels: read as files, wherever in the package."""


def _avoid() -> dict[str, list[tuple[str, bool]]]:
    """The phrases to avoid in each language, each with whether its case matters."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    avoid: dict[str, list[tuple[str, bool]]] = {language: [] for language in LANGUAGES}
    for term in terms:
        for language in LANGUAGES:
            exact = bool(term.get("exact", False))
            avoid[language] += [(phrase, exact) for phrase in term["avoid"].get(language, [])]
    return avoid


def _found(phrase: str, text: str, *, exact: bool = False) -> bool:
    flags = 0 if exact else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, flags) is not None


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(CAMPAIGN, languages=list(LANGUAGES), check_figures=True)


def _strings(value: Any, language: str) -> list[str]:
    """Every text of ``value`` (a model dump) in ``language``."""
    if isinstance(value, dict):
        if set(LANGUAGES) <= set(value) and all(isinstance(v, str) for v in value.values()):
            return [value[language]]
        return [s for item in value.values() for s in _strings(item, language)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, language)]
    return []


def _text(sections: list[Section], language: str, *extra: dict[str, str]) -> str:
    dumped = [section.model_dump() for section in sections] + list(extra)
    return unicodedata.normalize("NFC", "\n".join(_strings(dumped, language)))


def _for(campaign: Campaign, *audiences: str) -> list[Material]:
    return [m for m in campaign.materials if m.audience in audiences]


def test_every_hotel_and_school_material_gives_the_emergency_number(campaign: Campaign) -> None:
    materials = _for(campaign, "hotels", "schools")
    assert len(materials) >= 8
    for material in materials:
        for language in LANGUAGES:
            text = _text(material.sections + material.back, language)
            for number in EMERGENCY[language]:
                assert number in text, (
                    f"{material.id} ({language}) never says to call {number} "
                    "when someone is in danger now"
                )


def test_guest_facing_english_says_what_111_is_in_vietnam(campaign: Campaign) -> None:
    """To a New Zealander 111 is the emergency number: every face that names it says more."""
    guests = [m for m in _for(campaign, "hotels") if m.bilingual]
    assert guests, "the hotels' guest materials (bilingual posters and cards) are missing"
    for material in guests:
        faces = {"front": _text(material.sections, "en", material.title)}
        if material.back:
            faces["back"] = _text(material.back, "en")
        for face, text in faces.items():
            if "111" not in text:
                continue
            assert GUEST_111.search(text), (
                f"{material.id}, {face}: names 111 without saying it is Vietnam's hotline"
            )
            assert "113" in text and "115" in text, (
                f"{material.id}, {face}: a guest reads 111 but not Vietnam's emergency "
                "numbers (police 113, ambulance 115)"
            )


def test_hotel_materials_for_staff_say_tell_the_duty_manager(campaign: Campaign) -> None:
    staff = [m for m in _for(campaign, "hotels") if not m.bilingual]
    assert staff
    for material in staff:
        vi = _text(material.sections + material.back, "vi").lower()
        en = _text(material.sections + material.back, "en").lower()
        assert "quản lý ca" in vi, material.id
        assert "duty manager" in en, material.id


def test_lesson_plans_say_what_to_do_when_a_pupil_discloses(campaign: Campaign) -> None:
    lessons = [m for m in campaign.materials if m.kind == "lesson_plan"]
    assert len(lessons) == 3
    needed = {
        "vi": ("113", "Luật Trẻ em", "không tự mình"),
        "en": ("113", "Law on Children", "do not confront"),
    }
    for lesson in lessons:
        notes = [s for s in lesson.sections if s.style == "important"]
        assert notes, f"{lesson.id} has no disclosure note"
        for language, phrases in needed.items():
            text = _text(notes, language)
            for phrase in phrases:
                assert phrase.lower() in text.lower(), f"{lesson.id} ({language}): {phrase!r}"


PERIOD = {"Lớp 4–5": 35, "Lớp 6–9": 45, "Lớp 10–12": 45}
"""One period: 35 minutes in primary school, 45 in lower and upper secondary."""


def test_lesson_minutes_add_up_to_one_period(campaign: Campaign) -> None:
    for lesson in (m for m in campaign.materials if m.kind == "lesson_plan"):
        assert lesson.grades is not None, lesson.id
        minutes = sum(step.minutes or 0 for s in lesson.sections for step in s.steps)
        assert minutes == lesson.duration_minutes == PERIOD[lesson.grades["vi"]], lesson.id


def test_texts_use_the_glossary_terms(campaign: Campaign) -> None:
    """No text uses a word that glossary.yml says to avoid: materials, campaign.yml, pages."""
    avoid = _avoid()
    phrases = {language: [phrase for phrase, _ in avoid[language]] for language in LANGUAGES}
    assert "buôn bán người" in phrases["vi"] and "bike" in phrases["en"]
    assert "nạn nhân bị mua bán người" in phrases["vi"]  # the review's language items
    texts: list[tuple[str, str, str]] = []
    for material in campaign.materials:
        for language in LANGUAGES:
            extra = (material.title, material.summary)
            text = _text(material.sections + material.back, language, *extra)
            texts.append((material.id, language, text))
    for language in LANGUAGES:
        texts.append(
            ("campaign.yml", language, "\n".join(_strings(campaign.info.model_dump(), language)))
        )
    generated = STATS_PAGE.removesuffix(".md")  # written by the build, from labels.yml
    pages = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name.split(".")[0] != generated]
    assert pages
    for page in pages:
        text = _without_references(page.read_text(encoding="utf-8"))
        texts.append((page.name, page.suffixes[-2].lstrip("."), text))
    texts += _site_words()
    for where, language, text in texts:
        for phrase, exact in avoid[language]:
            assert not _found(phrase, unicodedata.normalize("NFC", text), exact=exact), (
                f"{where} ({language}) says {phrase!r}; see {GLOSSARY.name}"
            )


REFERENCES = re.compile(r"^## (?:Nguồn|Sources?)\s*$", re.MULTILINE)
"""The heading of a hand-written page's references: the titles below it are quotes."""


def _without_references(page: str) -> str:
    match = REFERENCES.search(page)
    return page[: match.start()] if match else page


def _site_words() -> list[tuple[str, str, str]]:
    """The site's own words: labels.yml, and the statistics' labels and definitions."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    found: list[tuple[str, str, str]] = []
    for language in LANGUAGES:
        words = [text.get(language, "") for text in labels.values() if isinstance(text, dict)]
        found.append((LABELS.name, language, "\n".join(words)))
        shown = _shown(vocabulary, language)
        found.append((VOCABULARY.name, language, "\n".join(shown)))
    return found


def _shown(value: Any, language: str) -> list[str]:
    """Texts a reader sees (label, short, definition), not the importer's patterns."""
    if isinstance(value, dict):
        texts = [
            value[key][language]
            for key in ("label", "short", "definition")
            if isinstance(value.get(key), dict) and language in value[key]
        ]
        return texts + [s for item in value.values() for s in _shown(item, language)]
    if isinstance(value, list):
        return [s for item in value for s in _shown(item, language)]
    return []
