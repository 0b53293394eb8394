"""The one view of a material that the web pages and the print plan both format.

What a reader gets from a material, decided once: its facts line (kind, audience,
grades, duration), whether the teacher's guidance shows (not on a pupil's sheet:
it belongs in the answer key), the letters of a quiz's options, and an answer
key's answers (each quiz item with its right option, each guided question with
its guidance, section by section of its worksheet). ``web/pages.py`` writes them
as Markdown and ``print/plan.py`` as the templates' data; neither decides them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hotline_site.content.campaign import Campaign
from hotline_site.content.kinds import TABLE
from hotline_site.content.labels import Labels
from hotline_site.content.model import Material, Question, Text

LETTERS = "ABCDEF"
"""The letters of a quiz's options, in order (a quiz has at most six)."""


def letter(number: int) -> str:
    """The letter of the 1-based option ``number``: 1 -> ``A``."""
    return LETTERS[number - 1]


def shows_guidance(material: Material) -> bool:
    """Whether the teacher's guidance under a question is shown: not on a sheet a pupil
    reads (its kind's row says ``pupil_facing``); the answer key gives it instead."""
    return not TABLE[material.kind].pupil_facing


@dataclass(frozen=True)
class Answer:
    """A quiz item of the worksheet, answered."""

    question: Text
    letter: str
    option: Text
    """The right option's text."""
    explanation: Text | None


@dataclass(frozen=True)
class AnswerSection:
    """The answers to one section of the worksheet."""

    heading: Text | None
    quiz: tuple[Answer, ...]
    questions: tuple[Question, ...]
    """The section's questions that have guidance, with it."""


def answer_sections(campaign: Campaign, material: Material) -> list[AnswerSection]:
    """An answer key's answers, section by section of its worksheet (``answers_for``);
    empty for any other material. Sections with neither a quiz nor guidance are left out."""
    if not material.answers_for:
        return []
    worksheet = campaign.material(material.answers_for)
    sections = []
    for section in worksheet.sections:
        guided = tuple(question for question in section.questions if question.guidance)
        if not (section.quiz or guided):
            continue
        quiz = tuple(
            Answer(
                item.question, letter(item.answer), item.options[item.answer - 1], item.explanation
            )
            for item in section.quiz
        )
        sections.append(AnswerSection(section.heading, quiz, guided))
    return sections


def facts(
    campaign: Campaign, material: Material, labels: Labels, language: str
) -> list[tuple[str, str]]:
    """The material's facts in ``language``: ``(label key, value)`` for its kind, its
    audience, its grades and its duration, those it has, in that order."""
    found = [
        ("kind", labels(f"kind.{material.kind}", language)),
        ("audience", campaign.info.audiences[material.audience].title[language]),
    ]
    if material.grades:
        found.append(("grades", material.grades[language]))
    if material.duration_minutes:
        found.append(("duration", labels("minutes", language, n=material.duration_minutes)))
    return found
