"""The campaign content model: what an editor may write in the YAML files.

Validated with pydantic. Every model forbids unknown keys so that a typo in a
field name is an error, not silently dropped text. Human-readable text is a
mapping from language code to text; which languages are required comes from
the site configuration, passed in the validation context.

Over 400 lines, one concept (the fields an editor writes, each with the docstring the
JSON Schema shows); what a kind allows comes from the kinds table (``kinds.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict, JsonValue

from hotline_site.content.kinds import KINDS, kinds_with
from hotline_site.content.kinds import TABLE as KIND_TABLE
from hotline_site.content.pictures import checked_picture
from hotline_site.content.texts import check_text

Audience = Literal["schools", "hotels", "books", "community"]
AUDIENCES: tuple[Audience, ...] = get_args(Audience)


def _known_kind(value: str) -> str:
    if value not in KIND_TABLE:
        raise ValueError(f"unknown kind '{value}'; expected one of {', '.join(KINDS)}")
    return value


Kind = Annotated[str, AfterValidator(_known_kind), WithJsonSchema({"enum": list(KINDS)})]
"""A kind of material: a row of the kinds table (``content/kinds.yml``)."""

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
INFOGRAPHIC_ID = "hotline-statistics"
"""The printable statistics: its PDFs are named like a material's."""
RESERVED_IDS: dict[str, str] = {
    "index": "the audience's landing page (materials/<audience>/index)",
    INFOGRAPHIC_ID: "the statistics infographic's PDFs (hotline-statistics-<lang>-a4.pdf)",
}
"""Ids that would replace a generated page or file, and what they would replace."""


TEXT_SCHEMA_MARK = "x-hotline-text"
"""Marks a text in a generated JSON Schema: its languages come from the site's
configuration, so :mod:`hotline_site.content.schema` replaces the mark with a reference."""

Text = Annotated[
    dict[str, str], AfterValidator(check_text), WithJsonSchema({TEXT_SCHEMA_MARK: True})
]
"""Human-readable text in every language of the site: ``{vi: …, en: …}``."""


def _check_file(value: str, info: ValidationInfo) -> str:
    root: Path | None = (info.context or {}).get("root")
    relative = PurePosixPath(value)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(
            f"'{value}' lies outside the campaign folder; give a path inside it, "
            "for example assets/logo.svg"
        )
    if root is not None and not (root / relative).is_file():
        raise ValueError(f"file '{value}' does not exist in the campaign folder {root}")
    return value


FileRef = Annotated[str, AfterValidator(_check_file)]
"""A path to a file inside the campaign folder, relative to it."""


ImageRef = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(svg|png|jpg|jpeg)$"),
    AfterValidator(checked_picture),  # inside the folder, no link, regular, harmless
]
"""An SVG, PNG or JPEG inside the campaign folder: published with the page, printed too."""


def _check_paper(value: str) -> str:
    if value in PAPER_SIZES:
        return value
    match = re.fullmatch(r"(\d{2,4})x(\d{2,4})mm", value)
    if not match or not all(40 <= int(side) <= 1200 for side in match.groups()):
        raise ValueError(
            f"invalid paper size '{value}'; expected one of {', '.join(PAPER_SIZES)} "
            "or width x height in millimetres between 40 and 1200, such as 50x180mm"
        )
    return value


PAPER_SIZES: dict[str, tuple[int, int]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
}
PaperName = Annotated[
    str,
    AfterValidator(_check_paper),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(PAPER_SIZES)},
                {"type": "string", "pattern": r"^[0-9]{2,4}x[0-9]{2,4}mm$"},
            ],
            "description": "A3, A4, A5, A6, or a trim size such as 50x180mm",
        }
    ),
]
"""A paper size: A3, A4, A5, A6, or a trim size such as ``50x180mm``."""

HexColour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class Strict(BaseModel):
    # Attribute docstrings become the JSON Schema's descriptions: editors see them on hover.
    # defer_build: validators are made on first use, not on import (a build that changes
    # nothing reads the campaign back from its cache and validates nothing).
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        defer_build=True,
    )


class Function(Strict):
    title: Text
    text: Text


Percent = Annotated[float, Field(ge=0, le=100)]


class Colour(Strict):
    """One campaign colour, defined once for both outputs."""

    rgb: HexColour
    """On screen and on office printers, such as ``"#0b5a8c"``."""
    cmyk: tuple[Percent, Percent, Percent, Percent]
    """For the print shop: cyan, magenta, yellow, black in per cent, such as ``[92, 36, 0, 45]``."""


class Ink(Colour):
    """The colour of body text: black ink only in print, so it stays sharp."""

    @model_validator(mode="after")
    def _black_only(self) -> Ink:
        if any(self.cmyk[:3]):
            raise ValueError(
                "text must print in black ink only, so its cmyk is [0, 0, 0, K]; "
                f"got {list(self.cmyk)}"
            )
        return self


class Colours(Strict):
    primary: Colour
    accent: Colour
    ink: Ink = Ink(rgb="#1b1b1b", cmyk=(0, 0, 0, 100))


class Source(Strict):
    """A public report behind an institutional or legal claim, listed beside the text
    (``rules.claims_have_sources`` asks for one where a text names a ministry or a law)."""

    title: Annotated[str, Field(min_length=3)]
    """The report's title, in its own language."""
    publisher: Annotated[str, Field(min_length=2)]
    """Who published it: a newspaper, a ministry, a portal, such as ``Tiền Phong``."""
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")]
    """The report's address, such as ``https://baomoi.net.vn/….epi``."""
    accessed: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    """When an editor last read it there: ``2026-12-04``."""
    date: Annotated[str, Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")] | None = None
    """When it was published: ``2025``, ``2025-09`` or ``2025-09-19``."""
    supports: str | None = None
    """What in the text it supports, such as ``Decree 162/2025: 111 takes trafficking reports``."""


class AudienceInfo(Strict):
    title: Text
    summary: Text
    intro: Text
    """Markdown: who the materials are for and how to use them."""
    who: Text | None = None
    """The reader, in the home page's ways in by role ("I am a teacher"); else the title."""


class CampaignInfo(Strict):
    """``campaign.yml``: the campaign as a whole."""

    name: Text
    tagline: Text
    hotline: Annotated[str, Field(pattern=r"^[0-9]{3,5}$")]
    functions: Annotated[list[Function], Field(min_length=1)]
    key_messages: Annotated[list[Text], Field(min_length=1)]
    colours: Colours
    logo: FileRef | None = None
    edition: dt.date | None = None
    """The day this edition of the kit is issued: printed in each piece's small print
    and set as every PDF's creation date (not the statistics' period)."""
    audiences: dict[Audience, AudienceInfo]
    sources: list[Source] = []
    """Public reports behind the institutional or legal claims in this file."""


class Step(Strict):
    """A timed step of a lesson or activity."""

    title: Text
    minutes: Annotated[int, Field(ge=1, le=180)] | None = None
    text: Text | None = None


class Question(Strict):
    """A discussion question, with what the teacher listens for."""

    question: Text
    guidance: Text | None = None
    write_lines: Annotated[int, Field(ge=0, le=20)] = 0


class QuizItem(Strict):
    """A multiple-choice question; ``answer`` is the 1-based number of the right option."""

    question: Text
    options: Annotated[list[Text], Field(min_length=2, max_length=6)]
    answer: Annotated[int, Field(ge=1)]
    explanation: Text | None = None

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> QuizItem:
        if self.answer > len(self.options):
            raise ValueError(
                f"answer is option {self.answer}, but there are only {len(self.options)} options"
            )
        return self


class Section(Strict):
    """A part of a material: a heading and any of text, list, steps, questions, quiz."""

    heading: Text | None = None
    style: Literal["plain", "story", "note", "important"] = "plain"
    text: Text | None = None
    items: list[Text] = []
    steps: list[Step] = []
    questions: list[Question] = []
    quiz: list[QuizItem] = []
    write_lines: Annotated[int, Field(ge=0, le=30)] = 0

    @model_validator(mode="after")
    def _has_content(self) -> Section:
        if not (
            self.text or self.items or self.steps or self.questions or self.quiz or self.write_lines
        ):
            raise ValueError(
                "a section needs content: text, items, steps, questions, quiz or write_lines"
            )
        return self


def _kind_among(flag: str) -> JsonDict:
    """JSON Schema: the material's kind is one whose row sets ``flag``."""
    names: list[JsonValue] = [kind for kind in KINDS if kind in kinds_with(flag)]
    kind: JsonDict = {"const": names[0]} if len(names) == 1 else {"enum": names}
    return {"properties": {"kind": kind}}


class Material(Strict):
    """One file in ``materials/``: a lesson plan, poster, bookmark…"""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {"required": ["bilingual"], "properties": {"bilingual": {"const": True}}},
                    "then": _kind_among("bilingual"),
                },
                {
                    "if": {
                        "required": ["publisher_space"],
                        "properties": {"publisher_space": {"const": True}},
                    },
                    "then": _kind_among("publisher_space"),
                },
                {
                    "if": {"required": ["answers_for"]},
                    "then": _kind_among("answers"),
                },
                {"anyOf": [{"required": ["sections"]}, {"required": ["answers_for"]}]},
            ]
        }
    )

    id: Annotated[str, Field(pattern=SLUG, max_length=60)]
    """Lowercase letters, digits and hyphens; the page address, such as ``hotels-room-card``."""
    audience: Audience
    """Who the material is for: its section of the site."""
    kind: Kind
    """What it is; decides how it is printed."""
    order: int = 100
    """Place among the audience's materials (smaller first)."""
    title: Text
    summary: Text
    """For the web page only: never printed."""
    grades: Text | None = None
    duration_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    image: ImageRef | None = None
    """A picture for the page and the printables, such as ``assets/family.svg``."""
    image_alt: Text | None = None
    paper: Annotated[list[PaperName], Field(min_length=1, max_length=4)] | None = None
    """Printed sizes, for example [A4, A3] or [50x180mm]; each kind has a default."""
    bilingual: bool = False
    """Also print one sheet in every language of the site, for guests (posters and cards)."""
    publisher_space: bool = False
    """Inserts and bookmarks: keep an empty framed area on the back for the publisher's logo
    and credits, captioned in light grey, so the publisher can overprint it."""
    languages: Annotated[
        list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]], Field(max_length=4)
    ] = []
    """Languages beyond the site's that this material is also printed in, such as ``[ko]``
    for hotel guests: every text of the material then needs them too."""
    redirect_from: list[Annotated[str, Field(pattern=SLUG, max_length=60)]] = []
    """Former ids: their short links (``/m/<old-id>/``), printed on earlier copies, still work."""
    answers_for: Annotated[str, Field(pattern=SLUG)] | None = None
    """For an answer key: the id of the worksheet whose quiz and questions it answers."""
    sections: list[Section] = []
    """The front, or the whole material: each section a heading and its content."""
    back: list[Section] = []
    """The reverse side, for cards, inserts and bookmarks."""
    sources: list[Source] = []
    """Public reports behind the institutional or legal claims in this material (a ministry,
    a decree, a law): required when it makes one. Not printed."""

    @field_validator("id", "redirect_from")
    @classmethod
    def _not_reserved(cls, value: str | list[str]) -> str | list[str]:
        for name in [value] if isinstance(value, str) else value:
            if name in RESERVED_IDS:
                raise ValueError(
                    f"'{name}' is reserved: it would replace {RESERVED_IDS[name]}; "
                    "choose another id"
                )
        return value

    @field_validator("languages")
    @classmethod
    def _beyond_the_site(cls, value: list[str], info: ValidationInfo) -> list[str]:
        site: tuple[str, ...] = (info.context or {}).get("site_languages", ("vi", "en"))
        again = [code for code in value if code in site or value.count(code) > 1]
        if again:
            raise ValueError(
                f"{', '.join(sorted(set(again)))} already listed: languages holds only "
                f"languages beyond the site's ({', '.join(site)}), each once"
            )
        return value

    @field_validator("publisher_space")
    @classmethod
    def _on_a_book_piece(cls, value: bool, info: ValidationInfo) -> bool:
        kind = info.data.get("kind")
        if value and kind not in kinds_with("publisher_space"):
            raise ValueError(
                f"publisher_space is for kind {_names('publisher_space')} (a space on the back "
                f"for the publisher's logo and credits), not for a {kind}; remove it"
            )
        return value

    @field_validator("sections")
    @classmethod
    def _child_side(cls, sections: list[Section], info: ValidationInfo) -> list[Section]:
        if info.data.get("kind") in CHILD_FACING:
            _child_friendly(sections)
        return sections

    @model_validator(mode="after")
    def _complete(self) -> Material:
        if self.image and not self.image_alt:
            raise ValueError("an image needs image_alt, a short description in every language")
        if not self.sections and not self.answers_for:
            raise ValueError("a material needs at least one section (or answers_for, for a key)")
        if self.answers_for and self.kind not in kinds_with("answers"):
            raise ValueError(
                f"answers_for is only for a material of kind {_names('answers')}, not {self.kind}"
            )
        if self.bilingual and self.kind not in kinds_with("bilingual"):
            raise ValueError(
                f"bilingual (one sheet for guests) is for kind {_names('bilingual')}, "
                f"not {self.kind}"
            )
        return self


def _names(flag: str) -> str:
    """``insert or bookmark``: the kinds whose row sets ``flag``, in the table's order."""
    names = [kind for kind in KINDS if kind in kinds_with(flag)]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


CHILD_FACING: frozenset[str] = kinds_with("child_facing")
"""Kinds whose front (``sections``) a child reads; the back (``back``) is for adults."""
ADULT_WORDS: dict[str, tuple[str, ...]] = {
    "vi": ("mua bán người", "buôn bán người", "nạn nhân", "bị mua bán"),
    "en": ("trafficking", "trafficked", "victim"),
}
"""Words that belong on the adults' side of a children's piece, not on the child's."""


def _child_friendly(sections: list[Section]) -> None:
    for number, section in enumerate(sections, start=1):
        text = json.dumps(section.model_dump(), ensure_ascii=False).lower()
        for language, words in ADULT_WORDS.items():
            found = [word for word in words if word in text]
            if found:
                raise ValueError(
                    f"section {number} is on the side a child reads, but says "
                    f"{', '.join(repr(w) for w in found)} ({language}); speak to the child "
                    "there, and tell parents about trafficking on the back"
                )


def field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Allowed field names at ``loc`` inside ``model``, for 'unknown field' messages."""
    current: Any = model
    for part in loc:
        fields = getattr(current, "model_fields", {})
        if isinstance(part, int) or part not in fields:
            continue  # a list index or a dict key: same model below
        current = _inner(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``X | None`` or ``dict[K, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner(arg)
        if found is not None:
            return found
    return None
