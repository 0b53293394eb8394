"""A new material file with every field its kind needs, ready to fill in: ``make new``.

The file is valid as written (it builds, with placeholder text that says what to
write where), names its JSON Schema on its first line, and is laid out like the
campaign's other files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hotline_site.content.kinds import KINDS, TABLE
from hotline_site.content.model import AUDIENCES, RESERVED_IDS, SLUG
from hotline_site.content.schema import CONTENT_SCHEMAS, modeline
from hotline_site.content.store import write_atomically

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
        "vi": "Nếu có người đang gặp nguy hiểm ngay lúc này, gọi Công an **113** trước "
        "(cấp cứu 115, cháy 114). Sau đó **gọi 111**: miễn phí, 24 giờ mỗi ngày.",
        "en": "If someone is in danger right now, call the police on **113** first "
        "(ambulance 115, fire 114). Then **call 111 in Vietnam**: free, 24 hours a day.",
    },
    "disclosure": {
        "vi": "Nếu một học sinh kể chuyện bị xâm hại: lắng nghe, không tự mình chất vấn người "
        "bị nghi ngờ. Nếu em đang gặp nguy hiểm, gọi Công an 113 trước (cấp cứu 115, cháy "
        "114), rồi gọi 111.",
        "en": "If a pupil tells you of harm: listen, and do not confront anyone or question "
        "the pupil yourself. If the pupil is in danger now, call the police on 113 first "
        "(ambulance 115, fire 114), then call 111.",
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
    if TABLE[kind].answers and not answers_for:
        raise ScaffoldError("an answer key needs FOR=<the id of its worksheet>")

    def text(name: str, suffix: str = "") -> CommentedMap:
        values = _PLACEHOLDER[name]
        return CommentedMap((code, values.get(code, values["en"]) + suffix) for code in languages)

    row = TABLE[kind]
    data = CommentedMap()
    data["id"] = material_id
    data["audience"] = audience
    data["kind"] = kind
    data["order"] = 100
    data["title"] = text("title")
    data["summary"] = text("summary")
    _note(data, "summary", "for the web page only: never printed")
    if row.graded and audience == "schools":
        data["grades"] = text("grades")
    if row.timed:
        data["duration_minutes"] = PERIOD_MINUTES
    if row.bilingual and audience == "hotels":
        data["bilingual"] = True
        _note(data, "bilingual", "also one sheet in every language, for guests")
    if row.answers:
        data["answers_for"] = answers_for
        _note(data, "answers_for", "the id of the worksheet this key answers")
    shapes = _shapes(text)
    front = [shapes[name](number) for number, name in _numbered(row.front)]
    back = [shapes[name](number) for number, name in _numbered(row.back)]
    if front:
        data["sections"] = CommentedSeq(front)
    if back:
        data["back"] = CommentedSeq(back)
        _note(data, "back", "the reverse side")
    return data


PERIOD_MINUTES = 45
"""A lesson's length as ``make new`` writes it: one period of lower secondary school."""

Shape = Callable[[int], CommentedMap]
"""Makes a section of one shape; the number tells two of one shape apart."""


def _numbered(names: Sequence[str]) -> list[tuple[int, str]]:
    """``[situation, situation]`` -> ``[(1, situation), (2, situation)]``."""
    return [(names[: at + 1].count(name), name) for at, name in enumerate(names)]


def _shapes(text: Callable[..., CommentedMap]) -> dict[str, Shape]:
    """The section shapes a row of ``kinds.yml`` may name for its skeleton."""

    def items(number: int) -> CommentedMap:
        return CommentedMap(
            heading=text("heading"), items=CommentedSeq([text("item", " 1"), text("item", " 2")])
        )

    def steps(number: int, minutes: Sequence[int | None] = (None, None)) -> CommentedMap:
        return CommentedMap(
            heading=text("heading"),
            steps=CommentedSeq(
                CommentedMap(title=text("step", f" {at}"), **({"minutes": m} if m else {}))
                for at, m in enumerate(minutes, start=1)
            ),
        )

    def quiz(number: int) -> CommentedMap:
        options = CommentedSeq(text("option", f" {letter}") for letter in "ABC")
        item = CommentedMap(
            question=text("question"), options=options, answer=1, explanation=text("explanation")
        )
        return CommentedMap(heading=text("heading"), quiz=CommentedSeq([item]))

    return {
        "text": lambda n: CommentedMap(heading=text("heading"), text=text("text")),
        "plain": lambda n: CommentedMap(text=text("text")),
        "items": items,
        "steps": steps,
        "timed_steps": lambda n: steps(n, (10, 15, PERIOD_MINUTES - 25)),
        "questions": lambda n: CommentedMap(
            heading=text("heading"),
            questions=CommentedSeq(
                [CommentedMap(question=text("question"), guidance=text("guidance"))]
            ),
        ),
        "write": lambda n: CommentedMap(
            heading=text("heading"),
            questions=CommentedSeq([CommentedMap(question=text("question"), write_lines=3)]),
        ),
        "quiz": quiz,
        "important": lambda n: CommentedMap(style="important", text=text("important")),
        "disclosure": lambda n: CommentedMap(style="important", text=text("disclosure")),
        "back": lambda n: CommentedMap(heading=text("heading"), text=text("back")),
        "situation": lambda n: CommentedMap(
            heading=text("heading", f" {n}"),
            text=text("situation"),
            questions=CommentedSeq([CommentedMap(question=text("situation_question"))]),
        ),
    }


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
