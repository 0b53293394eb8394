"""A new material file with every field its kind needs, ready to fill in: ``make new``.

The file is valid as written (it builds, with placeholder text that says what to
write where), names its JSON Schema on its first line, and is laid out like the
campaign's other files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hotline_site.content.model import AUDIENCES, KINDS, RESERVED_IDS, SLUG
from hotline_site.content.schema import CONTENT_SCHEMAS, modeline
from hotline_site.content.store import write_atomically

GUEST_FACING = {"poster", "card"}
"""Kinds that a hotel scaffold prints also on one sheet in every language, for guests."""

_PLACEHOLDER: dict[str, dict[str, str]] = {
    "title": {"vi": "Tiêu đề của tài liệu", "en": "The material's title"},
    "summary": {
        "vi": "Một hoặc hai câu cho trang web: tài liệu này dành cho ai và dùng thế nào.",
        "en": "One or two sentences for the web page: who this is for and how to use it.",
    },
    "grades": {"vi": "Lớp 6–9", "en": "Grades 6–9"},
    "heading": {"vi": "Tiêu đề phần", "en": "Section heading"},
    "text": {
        "vi": "Viết nội dung ở đây. Có thể dùng **chữ đậm** và *chữ nghiêng*.",
        "en": "Write the text here. You may use **bold** and *italic*.",
    },
    "item": {"vi": "Một ý ngắn", "en": "A short point"},
    "important": {
        "vi": "**Gọi 111** — miễn phí, 24 giờ mỗi ngày.",
        "en": "**Call 111** — free, 24 hours a day.",
    },
    "step": {"vi": "Tên bước", "en": "Step title"},
    "question": {"vi": "Câu hỏi thảo luận?", "en": "A question to discuss?"},
    "guidance": {
        "vi": "Điều giáo viên lắng nghe trong câu trả lời.",
        "en": "What the teacher listens for in the answers.",
    },
    "option": {"vi": "Phương án", "en": "Option"},
    "explanation": {"vi": "Vì sao đáp án này đúng.", "en": "Why this answer is right."},
    "back": {"vi": "Mặt sau: dành cho người lớn.", "en": "The back: for adults."},
    "situation": {
        "vi": "Một tình huống ngắn, hư cấu, không tên thật: điều gì xảy ra với một bạn?",
        "en": "A short, made-up situation, no real names: what happens to someone?",
    },
    "situation_question": {
        "vi": "Nếu là bạn ấy, em sẽ làm gì? Em có thể kể với ai?",
        "en": "What would you do? Who can you tell?",
    },
}


class ScaffoldError(ValueError):
    """The request cannot make a valid material; the message says what to change."""


def scaffold(
    kind: str,
    audience: str,
    material_id: str,
    languages: Sequence[str],
    *,
    answers_for: str | None = None,
) -> CommentedMap:
    """The data of a new material of ``kind`` for ``audience``, in ``languages``.

    Raises :class:`ScaffoldError` for an unknown kind or audience, an id that is not
    lowercase letters, digits and hyphens or is reserved, or an answer key without
    ``answers_for`` (the id of its worksheet).
    """
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}'; expected one of {', '.join(KINDS)}")
    if audience not in AUDIENCES:
        raise ScaffoldError(
            f"unknown audience '{audience}'; expected one of {', '.join(AUDIENCES)}"
        )
    if not re.fullmatch(SLUG, material_id or "") or len(material_id) > 60:
        raise ScaffoldError(
            f"invalid id '{material_id}'; use lowercase letters, digits and hyphens "
            "(at most 60), such as hotels-lift-poster"
        )
    if material_id in RESERVED_IDS:
        raise ScaffoldError(
            f"'{material_id}' is reserved: it would replace {RESERVED_IDS[material_id]}"
        )
    if kind == "answer_key" and not answers_for:
        raise ScaffoldError("an answer key needs FOR=<the id of its worksheet>")

    def text(name: str, suffix: str = "") -> CommentedMap:
        values = _PLACEHOLDER[name]
        return CommentedMap((code, values.get(code, values["en"]) + suffix) for code in languages)

    def section(**fields: Any) -> CommentedMap:
        return CommentedMap(fields)

    data = CommentedMap()
    data["id"] = material_id
    data["audience"] = audience
    data["kind"] = kind
    data["order"] = 100
    data["title"] = text("title")
    data["summary"] = text("summary")
    _note(data, "summary", "for the web page only: never printed")
    if (
        kind in ("lesson_plan", "worksheet", "answer_key", "situation_cards")
        and audience == "schools"
    ):
        data["grades"] = text("grades")
    if kind == "lesson_plan":
        data["duration_minutes"] = 45
    if kind in GUEST_FACING and audience == "hotels":
        data["bilingual"] = True
        _note(data, "bilingual", "also one sheet in every language, for guests")
    sections: list[CommentedMap]
    back: list[CommentedMap] = []
    if kind == "lesson_plan":
        sections = [
            section(heading=text("heading"), text=text("text")),
            section(
                heading=text("heading"),
                steps=CommentedSeq(
                    [
                        CommentedMap(title=text("step", " 1"), minutes=10, text=text("text")),
                        CommentedMap(title=text("step", " 2"), minutes=15),
                    ]
                ),
            ),
            section(
                heading=text("heading"),
                questions=CommentedSeq(
                    [CommentedMap(question=text("question"), guidance=text("guidance"))]
                ),
            ),
        ]
    elif kind == "worksheet":
        sections = [
            section(heading=text("heading"), text=text("text")),
            section(
                heading=text("heading"),
                questions=CommentedSeq([CommentedMap(question=text("question"), write_lines=3)]),
            ),
            section(
                heading=text("heading"),
                quiz=CommentedSeq(
                    [
                        CommentedMap(
                            question=text("question"),
                            options=CommentedSeq(
                                [text("option", f" {letter}") for letter in "ABC"]
                            ),
                            answer=1,
                            explanation=text("explanation"),
                        )
                    ]
                ),
            ),
        ]
    elif kind == "answer_key":
        data["answers_for"] = answers_for
        _note(data, "answers_for", "the id of the worksheet this key answers")
        sections = []
    elif kind == "poster":
        sections = [
            section(
                heading=text("heading"),
                items=CommentedSeq([text("item", " 1"), text("item", " 2")]),
            ),
            section(style="important", text=text("important")),
        ]
    elif kind == "card":
        sections = [section(text=text("text")), section(style="important", text=text("important"))]
        back = [section(heading=text("heading"), text=text("back"))]
    elif kind in ("briefing", "letter", "script"):
        sections = [
            section(heading=text("heading"), text=text("text")),
            section(
                heading=text("heading"),
                items=CommentedSeq([text("item", " 1"), text("item", " 2")]),
            ),
            section(style="important", text=text("important")),
        ]
    elif kind == "situation_cards":  # one card per section, eight to an A4 sheet
        sections = [
            section(
                heading=text("heading", f" {number}"),
                text=text("situation"),
                questions=CommentedSeq([CommentedMap(question=text("situation_question"))]),
            )
            for number in (1, 2)
        ]
    elif kind in ("insert", "bookmark"):
        sections = [section(heading=text("heading"), text=text("text"))]
        back = [section(text=text("back")), section(style="important", text=text("important"))]
    else:  # leaflet: the inside flap, then three panels inside
        sections = [
            section(text=text("text")),
            section(heading=text("heading"), items=CommentedSeq([text("item", " 1")])),
            section(heading=text("heading"), text=text("text")),
            section(
                heading=text("heading"),
                steps=CommentedSeq(
                    [
                        CommentedMap(title=text("step", " 1")),
                        CommentedMap(title=text("step", " 2")),
                    ]
                ),
            ),
            section(style="important", text=text("important")),
        ]
    if sections:
        data["sections"] = CommentedSeq(sections)
    if back:
        data["back"] = CommentedSeq(back)
        _note(data, "back", "the reverse side")
    return data


def _note(data: CommentedMap, key: str, comment: str) -> None:
    """A comment two spaces after the field (after its value, if that is on the line)."""
    value = data[key]
    shown = "true" if value is True else str(value)
    column = len(key) + 1 + (0 if isinstance(value, dict | list) else len(shown) + 1) + 2
    data.yaml_add_eol_comment(f"# {comment}", key, column=column)


def render(data: CommentedMap, path: Path, root: Path) -> str:
    """The file's text: its schema line, then the fields laid out like the other files."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    material_schema = next(entry for entry in CONTENT_SCHEMAS if entry.name == "material")
    return f"{modeline(path, root, material_schema)}\n{out.getvalue()}"


def write_new(
    campaign: Path,
    root: Path,
    kind: str,
    audience: str,
    material_id: str,
    languages: Sequence[str],
    *,
    answers_for: str | None = None,
) -> Path:
    """Write ``<campaign>/materials/<id>.yml``; refuse to replace an existing file.

    ``root`` is the project root (for the schema line). Raises :class:`ScaffoldError`.
    """
    data = scaffold(kind, audience, material_id, languages, answers_for=answers_for)
    target = campaign / "materials" / f"{material_id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        raise ScaffoldError(f"{target} already exists; choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, render(data, target, root))
    return target
