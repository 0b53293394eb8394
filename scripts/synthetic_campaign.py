"""A synthetic campaign of any size for ``make bench``: both languages, every kind.

:func:`make_project` copies the project's ``mkdocs.yml``, ``overrides/`` and
hand-written ``docs/`` into a folder, with the shipped campaign's ``campaign.yml``,
``stats.yml`` and assets, and writes ``size`` materials (``m0000.yml``…), the kinds
in turn, of sentences of realistic length taken from the campaign's own pages.
Every material passes the build's checks; none shows a figure.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_CAMPAIGN = ROOT / "campaigns" / "hotline-111"
KINDS = [
    ("schools", "lesson_plan"),
    ("schools", "worksheet"),
    ("schools", "answer_key"),
    ("hotels", "poster"),
    ("hotels", "card"),
    ("hotels", "briefing"),
    ("books", "insert"),
    ("books", "bookmark"),
    ("community", "leaflet"),
    ("schools", "letter"),
    ("community", "script"),
    ("schools", "situation_cards"),
]
# Sentences of realistic length in both languages (from the campaign's own pages).
VI = [
    "Tổng đài 111 có hai chức năng: bảo vệ trẻ em và tư vấn, hỗ trợ nạn nhân mua bán người.",
    "Ai cũng có thể gọi: nạn nhân, người thân, bạn bè hay bất kỳ ai biết chuyện.",
    "Cuộc gọi miễn phí, tổng đài trực 24 giờ mỗi ngày.",
    "Tư vấn viên lắng nghe điều bạn biết hoặc điều bạn lo lắng.",
]
EN = [
    "The 111 hotline has two functions: child protection, and support for victims of trafficking.",
    "Anyone can call: a victim, a relative, a friend, or anyone who knows of a case.",
    "The call is free and the line is open 24 hours a day.",
    "A counsellor listens to what you know or what worries you.",
]


def text(sentences: int, offset: int) -> dict[str, str]:
    pick = [(offset + index) % len(VI) for index in range(sentences)]
    return {"vi": " ".join(VI[i] for i in pick), "en": " ".join(EN[i] for i in pick)}


EMERGENCY = {
    "vi": "Nếu có người đang gặp nguy hiểm: gọi Công an 113, Cứu hỏa 114, Cấp cứu 115.",
    "en": "If someone is in danger now: call the police on 113, fire 114, ambulance 115.",
}
"""The emergency numbers every audience's material names together (content rules)."""
DISCLOSURE = {
    "vi": "Nếu một học sinh kể chuyện bị xâm hại: lắng nghe, không tự mình chất vấn người bị "
    "nghi ngờ; nếu em đang gặp nguy hiểm, gọi Công an 113 trước.",
    "en": "If a pupil discloses harm: listen, and do not confront anyone yourself; if the "
    "pupil is in danger now, call the police on 113 first.",
}
"""The note a lesson plan gives on a pupil who discloses harm (content rules)."""

CHILD = {
    "vi": "Nếu có chuyện làm em lo, em có thể gọi 111. Ai cũng gọi được, kể cả trẻ em.",
    "en": "If something worries you, you can call 111. Anyone can call, children too.",
}


def material(number: int) -> dict[str, Any]:
    audience, kind = KINDS[number % len(KINDS)]
    long = kind in {"lesson_plan", "worksheet", "answer_key", "briefing", "leaflet", "letter",
                    "script"}  # fmt: skip
    worksheet = number - 1 if kind == "answer_key" else None
    shown = f"{number // 100}-{number % 100:02d}"
    data: dict[str, Any] = {
        "id": f"m{number:04d}",
        "audience": audience,
        "kind": kind,
        "order": number,
        # "1-13", never "113": a number like an emergency number would be held to that rule
        "title": {"vi": f"Tài liệu số {shown}", "en": f"Material number {shown}"},
        "summary": text(1, number),
    }
    if worksheet is not None:
        data["answers_for"] = f"m{worksheet:04d}"
        data["sections"] = [{"style": "important", "text": EMERGENCY}]
        return data
    sections: list[dict[str, Any]] = [
        {"heading": text(1, number + 1), "text": text(3 if long else 1, number)}
    ]
    if kind in {"insert", "bookmark"}:  # the child's side: words for a child
        sections = [{"text": CHILD}]
    if kind == "situation_cards":  # one card per section
        sections = [
            {"heading": text(1, number + i), "text": text(2, number + i),
             "questions": [{"question": text(1, i)}]}
            for i in range(8)
        ]  # fmt: skip
    if long:
        sections += [
            {"heading": text(1, number + 2), "items": [text(1, number + i) for i in range(4)]},
            {
                "heading": text(1, number + 3),
                "steps": [
                    {"title": text(1, i), "minutes": 10, "text": text(2, number + i)}
                    for i in range(4)
                ],
            },
        ]
    if kind == "lesson_plan":
        data["duration_minutes"] = 40  # the four steps of 10 minutes
        sections.append({"style": "important", "text": DISCLOSURE})
    if kind not in {"insert", "bookmark"}:
        sections.append({"text": EMERGENCY})
    if kind == "worksheet":
        quiz = [
            {"question": text(1, i), "options": [text(1, i + 1), text(1, i + 2)], "answer": 2}
            for i in range(4)
        ]
        sections.append({"heading": text(1, 0), "quiz": quiz})
    data["sections"] = sections
    if kind in {"card", "insert", "bookmark"}:
        data["back"] = [{"text": text(1, number + 2)}]
    return data


def make_project(folder: Path, size: int) -> Path:
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, folder / name,
                ignore=shutil.ignore_patterns(
                    "materials", ".generated.json", "statistics.*", "downloads.*"
                ),
            )  # fmt: skip
        else:
            shutil.copy(source, folder / name)
    campaign = folder / "campaigns" / "hotline-111"
    (campaign / "materials").mkdir(parents=True)
    shutil.copytree(REAL_CAMPAIGN / "assets", campaign / "assets")
    for name in ("campaign.yml", "stats.yml"):
        shutil.copy(REAL_CAMPAIGN / name, campaign / name)
    for number in range(size):
        if KINDS[number % len(KINDS)][1] == "answer_key" and number == 0:
            continue
        path = campaign / "materials" / f"m{number:04d}.yml"
        path.write_text(yaml.safe_dump(material(number), allow_unicode=True), encoding="utf-8")
    return folder
