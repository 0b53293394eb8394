"""The shipped campaign tells every reader what to do in an emergency, in their words.

Read through the project's own loader, so a material that the build would
publish is the material checked here.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Project

from hotline_site import project as app
from hotline_site.content import citations, rules
from hotline_site.content.campaign import Campaign
from hotline_site.content.model import Material, Section
from hotline_site.project import load_folder

CAMPAIGN = ROOT / "campaigns" / "hotline-111"
LANGUAGES = ("vi", "en")

EMERGENCY = {"vi": ("113",), "en": ("113",)}
"""Immediate danger: the police (113). Every material for hotels and schools says so."""
GUEST_111 = re.compile(r"\b111 in Vietnam\b|\bVietnam's (?:\w+ )*hotline\b[^.]*\b111\b", re.I)
"""How a guest from abroad learns that 111 is Vietnam's hotline, not their emergency number."""
DOCS = ROOT / "docs"
PAGES = app.hand_written_pages(DOCS)
"""The hand-written pages, as ``make check`` reads them."""


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_folder(CAMPAIGN, list(LANGUAGES)).campaign


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
    """No text uses a word that glossary.yml says to avoid: materials, campaign.yml, pages,
    the site's words (the rule ``make check`` applies)."""
    avoid, problems = rules.load_glossary(CAMPAIGN, LANGUAGES)
    assert problems == []
    phrases = {term.phrase for term in avoid}
    assert {"buôn bán người", "bike", "nạn nhân bị mua bán người"} <= phrases
    texts = rules.campaign_passages(campaign) + rules.page_passages(PAGES, "docs")
    words = app.site_words(LANGUAGES)
    assert {p.file.rsplit("/", 1)[-1] for p in words} == {"labels.yml", "vocabulary.yml"}
    assert len(PAGES) >= 8 and len(texts) > 1000
    assert rules.glossary_terms([*texts, *words], avoid) == []


# --- Issue 23: the review's safety findings, each a test that fails if it comes back ---


def test_danger_now_comes_first_in_every_ordered_procedure(campaign: Campaign) -> None:
    """In any list that says both 'call 113' and 'report', 113 comes first (review F5)."""
    assert rules.danger_first(campaign) == []
    reporting = [
        section
        for material in campaign.materials
        for section in material.sections + material.back
        if any(rules.REPORT["en"].search(entry) for entry in rules.ordered_entries(section, "en"))
    ]
    assert len(reporting) >= 10  # the hotel procedure, cards, posters, briefing; letters


def test_every_handout_says_113_before_calling_111(campaign: Campaign) -> None:
    """Posters, cards, worksheets, letters, the leaflet and the briefing: where a text
    speaks of danger now, "call 113" comes before "call 111" (a lesson's running order and
    a script read aloud aside; their procedures are checked by ``danger_first``)."""
    handouts = [m for m in campaign.materials if m.kind not in ("lesson_plan", "script")]
    assert len(handouts) >= 20
    late = [
        (passage.file.rsplit("/", 1)[-1], passage.field, passage.language)
        for material in handouts
        for passage in rules.material_passages(campaign, material)
        if passage.field != "summary" and rules.late_danger(passage.text, passage.language)
    ]
    assert late == []


def test_the_home_and_hotline_pages_say_113_before_111() -> None:
    for name in ("index", "hotline"):
        for language in LANGUAGES:
            page = (ROOT / "docs" / f"{name}.{language}.md").read_text(encoding="utf-8")
            assert page.index("113") < page.index("tel:111"), (name, language)


def test_hotel_staff_know_what_to_do_when_the_manager_may_be_involved(
    campaign: Campaign,
) -> None:
    """'Tell the duty manager first' can endanger a child where the venue exploits (F6)."""
    needed = {"vi": ("có liên quan", "tự gọi"), "en": ("may be involved", "yourself")}
    direct = {
        "vi": re.compile(r"có liên quan\)[^.]*(?:nguy hiểm[^.]*113|113[^.]*nguy hiểm)[^.]*111"),
        "en": re.compile(r"may be involved[^.]*\)[^.]*(?:danger[^.]*113|113[^.]*danger)[^.]*111"),
    }
    for material in _for(campaign, "hotels"):
        for language in LANGUAGES:
            text = _text(material.sections + material.back, language)
            if "quản lý ca" not in text and "duty manager" not in text:
                continue
            for phrase in needed[language]:
                assert phrase in text, (
                    f"{material.id} ({language}) says to tell the duty manager but not what "
                    f"to do if they may be involved ({phrase!r})"
                )
            assert direct[language].search(text), (
                f"{material.id} ({language}): where the manager may be involved, the text "
                "does not say to call 113 directly when someone is in danger"
            )


def test_a_request_for_sex_with_a_child_is_reported_on_its_own(campaign: Campaign) -> None:
    """No 'one sign alone proves nothing' for the one sign that is an offence (F7)."""
    asks = {"vi": re.compile(r"mua dâm"), "en": re.compile(r"\bfor sex\b|\bbuy sex\b")}
    alone = {"vi": "không cần thêm dấu hiệu nào khác", "en": "no other sign is needed"}
    proves_nothing = {"vi": "một dấu hiệu riêng lẻ", "en": "one sign alone"}
    found = 0
    for material in _for(campaign, "hotels"):
        for language in LANGUAGES:
            entries = _strings([s.model_dump() for s in material.sections], language)
            for at, entry in enumerate(entries):
                if not asks[language].search(entry):
                    continue
                found += 1
                # its own "report at once" item, not a line of the list "one sign proves nothing"
                # speaks of, and never below that line
                assert alone[language] in entry, (material.id, language, entry[:60])
                before = " ".join(entries[:at]).lower()
                assert proves_nothing[language] not in before, (material.id, language)
    assert found >= 2


def test_children_learn_they_may_call_113_themselves(campaign: Campaign) -> None:
    """Not only 'an adult calls 113' (F8): the lesson, the worksheet, the parent letter."""
    needed = {"vi": re.compile(r"tự gọi 113"), "en": re.compile(r"113 (?:themselves|yourself)")}
    ids = ("schools-lesson-primary", "schools-worksheet-primary", "schools-parent-letter")
    for material in (m for m in campaign.materials if m.id in ids):
        for language in LANGUAGES:
            text = _text(material.sections + material.back, language)
            assert needed[language].search(text), (material.id, language)


def test_staff_and_residents_get_the_fire_number_too(campaign: Campaign) -> None:
    """113 police, 115 ambulance and 114 fire on every hotel and community piece (F4);
    113 on every school piece."""
    every = ("hotels", "community", "schools")
    assert rules.emergency_numbers(campaign, every=every) == []


def test_no_text_says_111_is_not_an_emergency_number(campaign: Campaign) -> None:
    """Overstated (F4): say that 111 does not send the police or an ambulance."""
    texts = rules.campaign_passages(campaign) + rules.page_passages(PAGES, "docs")
    assert rules.no_not_an_emergency_number(texts) == []


def test_the_safety_page_says_earlier_pages_stay_in_the_history() -> None:
    """exit.js replaces only the current page (F9a)."""
    needed = {
        "vi": ("các trang khác của trang web mà bạn đã mở trước đó", "đồng bộ"),
        "en": ("other pages of this site that you opened before", "synced"),
    }
    for language, phrases in needed.items():
        page = (ROOT / "docs" / f"safety.{language}.md").read_text(encoding="utf-8")
        for phrase in phrases:
            assert phrase in page, (language, phrase)


def test_someone_who_cannot_talk_safely_learns_the_text_channels(campaign: Campaign) -> None:
    """Zalo, the app and tongdai111.vn (F9b), from the source recorded on each page."""
    for name in ("safety", "hotline"):
        for language in LANGUAGES:
            page = (ROOT / "docs" / f"{name}.{language}.md").read_text(encoding="utf-8")
            assert "Zalo" in page and "tongdai111.vn" in page, (name, language)
            assert "vietnam.vn/en/tong-dai-111-xu-ly-thong-tin" in page, (name, language)
    for material in (m for m in campaign.materials if m.id in ("community-leaflet",)):
        for language in LANGUAGES:
            assert "Zalo" in _text(material.sections, language), material.id


def test_screenshot_advice_never_copies_the_private_image(campaign: Campaign) -> None:
    """Screenshot the threats, never the intimate image of a minor (F10)."""
    rules = {
        "vi": (re.compile(r"chụp màn hình", re.I), "không chụp lại"),
        "en": (re.compile(r"screenshot", re.I), "never copy"),
    }
    found = 0
    for material in campaign.materials:
        for language, (mention, rule) in rules.items():
            for text in _strings([s.model_dump() for s in material.sections], language):
                if mention.search(text):
                    found += 1
                    assert rule in text, (material.id, language, text[:80])
    assert found >= 4  # the lesson's guidance and the worksheet's option, in both languages


def test_the_child_protection_line_s_own_services_are_described(campaign: Campaign) -> None:
    """Not only the trafficking services under '111 offers' (F11)."""
    headings = {"vi": "Khi bạn gọi về một trẻ em", "en": "When you call about a child"}
    for language, heading in headings.items():
        page = (ROOT / "docs" / f"hotline.{language}.md").read_text(encoding="utf-8")
        assert f"## {heading}" in page
    child = {"vi": "người làm công tác bảo vệ trẻ em", "en": "child protection worker"}
    for material_id in ("community-leaflet", "schools-teacher-note"):
        material = next(m for m in campaign.materials if m.id == material_id)
        for language in LANGUAGES:
            assert child[language] in _text(material.sections, language), material_id


def test_the_older_students_lesson_gives_the_legal_bases_for_their_age(
    campaign: Campaign,
) -> None:
    """The Law on Children covers under-16s; the 2024 trafficking law and Decree 162 (F3)."""
    needed = {
        "vi": ("dưới 16 tuổi", "Luật Phòng, chống mua bán người năm 2024", "162/2025/NĐ-CP"),
        "en": ("under 16", "Law on Prevention and Combat of Human Trafficking", "162/2025/NĐ-CP"),
    }
    lesson = next(m for m in campaign.materials if m.id == "schools-lesson-upper-secondary")
    notes = [s for s in lesson.sections if s.style == "important"]
    for language, phrases in needed.items():
        for phrase in phrases:
            assert phrase in _text(notes, language), (language, phrase)


def test_the_primary_lesson_names_grade_5_for_the_abuse_topic(campaign: Campaign) -> None:
    """In the 2018 programme, abuse prevention is a grade 5 topic (F2)."""
    lesson = next(m for m in campaign.materials if m.id == "schools-lesson-primary")
    assert "lớp 5: Đạo đức" in _text(lesson.sections[:1], "vi")
    assert "grade 5: Ethics" in _text(lesson.sections[:1], "en")


def test_who_runs_111_is_said_dated_and_sourced() -> None:
    """The Ministry of Health since 1 March 2025; Decree 162/2025 (F1), with references."""
    needed = {
        "vi": ("Bộ Y tế", "1/3/2025", "Nghị định 162/2025/NĐ-CP", "19/9/2025"),
        "en": ("Ministry of Health", "1 March 2025", "Decree 162/2025/NĐ-CP", "19 September 2025"),
    }
    for language, phrases in needed.items():
        page = (ROOT / "docs" / f"hotline.{language}.md").read_text(encoding="utf-8")
        for phrase in phrases:
            assert phrase in citations.without_references(page), (language, phrase)


def test_pages_that_name_an_institution_or_a_law_list_their_sources() -> None:
    """The same rule the build applies to materials, for the hand-written pages."""
    assert citations.pages_list_sources(PAGES, "docs") == []


def test_the_shipped_campaign_passes_every_rule(campaign: Campaign) -> None:
    settings = dataclasses.replace(app.settings_for(CAMPAIGN), docs_dir=DOCS)
    project = load_folder(CAMPAIGN, list(LANGUAGES))
    assert app.check(project, settings) == []


CLAIMS = [
    "Bộ Y tế quản lý tổng đài.",
    "Bộ Công an tiếp nhận tin báo.",
    "Cục Bà mẹ và Trẻ em trả lời.",
    "Theo Luật Trẻ em năm 2016, mọi người phải báo tin.",
    "Bộ luật Hình sự nghiêm cấm việc này.",
    "Theo Nghị định 56/2017/NĐ-CP, tổng đài trực 24 giờ.",
    "Sở Nội vụ cấp phép.",
    "Tổ chức Di cư quốc tế (IOM) hỗ trợ tổng đài.",
    "The Ministry of Health runs the line.",
    "The Department of Maternal and Child Health answers.",
    "Under the Law on Children, everyone must report.",
    "Under Decree 162/2025, 111 takes reports.",
    "The Criminal Code forbids it.",
]
NOT_CLAIMS = ["Bộ thẻ gồm sáu tình huống.", "Gọi 111 miễn phí.", "Tell the duty manager."]


@pytest.mark.parametrize("text", CLAIMS)
def test_the_vocabulary_finds_an_institutional_or_legal_claim(text: str) -> None:
    assert citations.CLAIM.search(text), text


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_the_vocabulary_leaves_ordinary_words_alone(text: str) -> None:
    assert citations.CLAIM.search(text) is None, text


def test_every_claim_of_the_shipped_campaign_is_sourced(campaign: Campaign) -> None:
    """Each file that names an institution or a law lists public reports, each with its
    title, publisher, address and the date it was read; a numbered decree or official
    letter is named by one of them."""
    assert citations.claims_have_sources(campaign) == []
    claimed = {p.file for p in rules.campaign_passages(campaign) if citations.CLAIM.search(p.text)}
    assert len(claimed) >= 7
    for material in campaign.materials:
        for source in material.sources:
            assert source.url.startswith(("https://", "http://")) and source.publisher
            assert re.fullmatch(r"20\d\d-\d\d-\d\d", source.accessed), source


def test_a_source_needs_its_publisher_and_the_date_it_was_read() -> None:
    from pydantic import ValidationError

    from hotline_site.content.model import Source

    with pytest.raises(ValidationError, match="publisher"):
        Source.model_validate({"url": "https://example.org/a", "title": "Nghị định 162"})
    with pytest.raises(ValidationError, match="accessed"):
        Source.model_validate(
            {"url": "https://example.org/a", "title": "Nghị định 162", "publisher": "Báo"}
        )
    Source.model_validate(
        {
            "url": "https://example.org/a",
            "title": "Nghị định 162",
            "publisher": "Báo",
            "accessed": "2026-12-04",
        }
    )


# --- Each rule breaks `make check` (and `make site`): a copy of the fixture, broken once ---


def _add_section(copy: Project, material: str, section: str) -> Path:
    """Append a section (YAML, one list entry) to a fixture material whose last key is
    ``sections``."""
    path = copy.campaign / "materials" / f"{material}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().splitlines()[-1].startswith("  - "), "sections must come last"
    path.write_text(text + section, encoding="utf-8")
    return path


DANGER_LAST = """\
  - items:
      - {vi: Báo ngay cho quản lý ca., en: Tell the duty manager at once.}
      - vi: "Ai đang gặp nguy hiểm: gọi 113; cứu hỏa 114; cấp cứu 115."
        en: "Someone in danger now: call 113; fire 114; ambulance 115."
"""


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_check_refuses_a_report_before_danger_now(project: Project) -> None:
    _add_section(project, "poster", DANGER_LAST)
    _refused(
        project.check(),
        "materials/poster.yml:",
        "sections[1].items (vi): step 1 reports",
        "sections[1].items (en): step 1 reports",
        "danger now comes first: move the 113 step to the top of the list",
    )


def test_the_site_build_refuses_a_report_before_danger_now(project: Project) -> None:
    _add_section(project, "poster", DANGER_LAST)
    result = project.build()
    assert result.returncode != 0
    assert "danger now comes first" in result.stderr, result.stderr
    assert "poster.yml" in result.stderr
    assert not project.site.exists() or not any(project.site.rglob("index.html"))


def test_check_refuses_111_is_not_an_emergency_number(project: Project) -> None:
    _add_section(
        project,
        "notice",
        "  - text: {vi: 111 không phải là số khẩn cấp., en: 111 is not an emergency number.}\n",
    )
    _refused(
        project.check(),
        "materials/notice.yml:8: sections[1].text:",
        "(en) says 'not an emergency number'",
        "say instead that 111 does not send the police or an ambulance",
    )


def test_check_refuses_111_is_not_an_emergency_number_in_a_page(project: Project) -> None:
    page = project.root / "docs" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n111 is not the emergency number.\n")
    lines = page.read_text(encoding="utf-8").count("\n")
    _refused(project.check(), f"docs/index.en.md:{lines}: (en) says 'not the emergency number'")


def test_check_refuses_113_without_114_and_115(project: Project) -> None:
    notice = project.campaign / "materials" / "notice.yml"
    text = notice.read_text(encoding="utf-8")
    for numbers in (" · Cấp cứu 115 · Cứu hỏa 114", " · Ambulance 115 · Fire 114"):
        assert numbers in text, "fixture changed"
        text = text.replace(numbers, "")
    notice.write_text(text, encoding="utf-8")
    _refused(
        project.check(),
        "materials/notice.yml: (vi) never gives 114, 115",
        "(en) never gives 114, 115",
        "police 113 (first), fire 114, ambulance 115",
    )


def test_check_refuses_a_term_the_glossary_avoids(project: Project) -> None:
    (project.campaign / "glossary.yml").write_text(
        (CAMPAIGN / "glossary.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert project.check().returncode == 0  # the glossary alone passes
    _add_section(
        project,
        "notice",
        "  - text: {vi: Phòng chống buôn bán người., en: Ride a bike to school.}\n",
    )
    _refused(
        project.check(),
        "materials/notice.yml:8: sections[1].text: (vi) says 'buôn bán người', which "
        "glossary.yml says to avoid; write 'mua bán người' instead",
        "(en) says 'bike'",
        "write 'motorbike' instead",
    )


def test_check_refuses_a_glossary_term_in_the_site_words(project: Project) -> None:
    """A glossary term in a hand-written page, with its line."""
    (project.campaign / "glossary.yml").write_text(
        (CAMPAIGN / "glossary.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    page = project.root / "docs" / "safety.vi.md"
    page.write_text("# Trang\n\nĐường dây nóng 111 luôn mở.\n", encoding="utf-8")
    _refused(project.check(), "docs/safety.vi.md:3: (vi) says 'Đường dây nóng 111'")


def test_check_refuses_a_legal_claim_without_sources(project: Project) -> None:
    _add_section(
        project,
        "notice",
        "  - text: {vi: Theo Nghị định 162/2025/NĐ-CP., en: Under Decree 162/2025/NĐ-CP.}\n",
    )
    result = project.check()
    _refused(result, "institutional or legal claim", "publisher: …", "accessed:")
    # the file, the line of the text and its field, in each language
    assert re.search(
        r"materials/notice\.yml:\d+: sections\[\d+\]\.text: \(vi\) names 'Nghị định'", result.stderr
    ), result.stderr
    assert "(en) names 'Decree'" in result.stderr


def test_check_refuses_a_numbered_decree_no_source_names(project: Project) -> None:
    path = _add_section(
        project,
        "notice",
        "  - text: {vi: Theo Nghị định 56/2017/NĐ-CP., en: Under Decree 56/2017/NĐ-CP.}\n",
    )
    path.write_text(
        path.read_text(encoding="utf-8")
        + "sources:\n  - {title: Nghị định 162/2025/NĐ-CP, publisher: Báo Chính phủ, "
        "url: https://example.org/nd-162, accessed: '2026-12-04'}\n",
        encoding="utf-8",
    )
    _refused(project.check(), "names 'Nghị định 56/2017', but no source of the file names 56")


def test_check_refuses_a_page_with_a_legal_claim_and_no_sources(project: Project) -> None:
    page = project.root / "docs" / "extra.en.md"
    page.write_text("# Extra\n\nThe Ministry of Health runs the line.\n", encoding="utf-8")
    _refused(
        project.check(),
        "docs/extra.en.md:3: names 'Ministry', an institutional or legal claim",
        "end it with '## Nguồn' (or '## Sources')",
    )


def test_check_refuses_111_before_113_in_one_step_that_speaks_of_danger(project: Project) -> None:
    _add_section(
        project,
        "poster",
        """\
  - items:
      - vi: "Gọi 111 để được tư vấn; ai đang gặp nguy hiểm: gọi 113, cứu hỏa 114, cấp cứu 115."
        en: "Call 111 for advice; someone in danger now: call 113, fire 114, ambulance 115."
""",
    )
    _refused(
        project.check(),
        "materials/poster.yml:",
        "sections[1].items[0] (vi): speaks of danger now but says 'Gọi 111' before it says 113",
        "sections[1].items[0] (en): speaks of danger now but says 'Call 111'",
    )


def test_check_refuses_a_page_whose_numbered_steps_put_111_before_113(project: Project) -> None:
    page = project.root / "docs" / "index.en.md"
    text = page.read_text(encoding="utf-8")
    steps = "\n1. Call 111 for advice.\n2. Someone in danger now: call the police on 113.\n"
    page.write_text(text + steps, encoding="utf-8")
    line = text.count("\n") + 2
    _refused(
        project.check(),
        f"docs/index.en.md:{line}: (en) numbered step 1 reports ('Call 111 for advice.')",
        "danger now comes first: move the 113 step to the top of the list",
    )


def test_a_page_whose_numbered_steps_give_113_first_passes(project: Project) -> None:
    page = project.root / "docs" / "index.en.md"
    steps = "\n1. Someone in danger now: call the police on 113.\n2. Call 111 for advice.\n"
    page.write_text(page.read_text(encoding="utf-8") + steps, encoding="utf-8")
    result = project.check()
    assert result.returncode == 0, result.stderr


def test_school_pieces_have_the_forms_a_school_files(campaign: Campaign) -> None:
    """The review's school items (F12, L5, §5 a–c): each fails if it goes."""
    by_id = {m.id: m for m in campaign.materials}
    for lesson in (m for m in campaign.materials if m.kind == "lesson_plan"):
        header = _text(lesson.sections[:1], "vi")
        for field in ("**Trường:**", "**Tổ chuyên môn:**", "**Họ và tên giáo viên:**"):
            assert field in header, (lesson.id, field)
        timed = [s for s in lesson.sections if any(step.minutes for step in s.steps)]
        titles = [step.title["vi"] for s in timed for step in s.steps if step.title]
        assert titles and all(t.startswith(f"Hoạt động {i} – ") for i, t in enumerate(titles, 1))
    letter = _text(by_id["schools-parent-letter"].sections, "vi")
    assert "T/M Ban giám hiệu" in letter and "Phiếu xác nhận" in letter
    note = {
        language: _text(by_id["schools-teacher-note"].sections, language) for language in LANGUAGES
    }
    assert "Phiếu ghi nhận thông tin" in note["vi"] and "tư vấn tâm lý học đường" in note["vi"]
    assert "kể lại nhiều lần" in note["vi"] and "again to one adult after another" in note["en"]


def test_check_refuses_a_duty_manager_step_without_the_manager_involved_path(
    project: Project,
) -> None:
    """F6: 'tell the duty manager' alone can endanger a child where the venue exploits."""
    _add_section(
        project,
        "poster",
        "  - text: {vi: 'Công an 113, cứu hỏa 114, cấp cứu 115. Báo ngay cho quản lý ca.', "
        "en: 'Police 113, fire 114, ambulance 115. Tell the duty manager at once.'}\n",
    )
    _refused(
        project.check(),
        "materials/poster.yml",
        "(vi) sends staff to the duty manager but never says what to do if the manager may be",
        "'có liên quan'",
        "(en) sends staff to the duty manager",
    )


def test_check_refuses_a_request_for_a_child_for_sex_not_reported_on_its_own(
    project: Project,
) -> None:
    """F7: that sign is reported at once, without waiting for another."""
    _add_section(
        project,
        "poster",
        "  - items: [{vi: 'Khách hỏi mua dâm trẻ em.', en: 'A guest asks for a child for sex.'}]\n",
    )
    _refused(
        project.check(),
        "(vi) says 'mua dâm'; a request for a child for sex is reported on its own",
        "(en) says 'for sex'",
    )


def test_check_refuses_screenshot_advice_that_may_copy_the_private_image(
    project: Project,
) -> None:
    """F10: screenshot the threats and the account, never the intimate image of a minor."""
    _add_section(
        project,
        "notice",
        "  - text: {vi: Chụp màn hình tin nhắn đe dọa., en: Take a screenshot of the threats.}\n",
    )
    _refused(
        project.check(),
        "materials/notice.yml",
        "(vi) says 'Chụp màn hình'; screenshot the threats and the account only",
        "'never copy, save or forward the private photo'",
    )


def test_check_refuses_teaching_that_only_an_adult_calls_113(project: Project) -> None:
    """F8: a child alone in danger may dial 113 themselves."""
    _add_section(
        project,
        "notice",
        "  - text: {vi: 'Khi nguy hiểm, cần người lớn gọi Công an 113.', "
        "en: 'In danger, an adult calls 113.'}\n",
    )
    _refused(
        project.check(),
        "(vi) says 'người lớn gọi Công an 113'; a child alone in danger may call 113",
        "(en) says 'adult calls 113'",
    )


def test_the_child_may_call_113_passes_with_an_adult_first(project: Project) -> None:
    _add_section(
        project,
        "notice",
        "  - text: {vi: 'Nhờ người lớn gần nhất gọi Công an 113; nếu không có ai, em tự gọi "
        "113.', en: 'Ask the nearest adult to call 113; if no one is there, call 113 "
        "yourself.'}\n",
    )
    result = project.check()
    assert "may call 113" not in result.stderr, result.stderr


def test_check_refuses_cannot_talk_safely_without_the_text_channels(project: Project) -> None:
    """F9: someone who cannot talk aloud learns Zalo, the app and tongdai111.vn."""
    page = project.root / "docs" / "extra.vi.md"
    page.write_text(
        "# Thêm\n\nNếu không thể nói chuyện an toàn, hãy gọi khi có thể.\n", encoding="utf-8"
    )
    _refused(
        project.check(),
        "docs/extra.vi.md:3: (vi) says 'không thể nói chuyện an toàn'; name the text channels",
    )
