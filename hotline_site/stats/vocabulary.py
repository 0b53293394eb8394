"""The statistics vocabulary: services, measures, breakdowns and category schemes.

All of it is data, in ``vocabulary.yml`` next to this module: a new measure
or a new scheme of regions is a few lines of YAML. Labels and definitions
are checked to exist in every language of the site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from hotline_site.content.model import Text
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.yamlfile import dotted, load_yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
NAME = r"^[a-z][a-z0-9_]*$"

Unit = Literal["calls", "cases", "children", "percent"]
Name = Annotated[str, Field(pattern=NAME)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _compiles(words: list[str]) -> list[str]:
    for word in words:
        try:
            re.compile(word)
        except re.error as exc:
            raise ValueError(f"{word!r} is not a valid regular expression: {exc}") from None
    return words


class Service(_Strict):
    label: Text
    short: Text
    calls_per_year: tuple[int, int]
    """The usual range of calls a year; a figure 10 times outside it is refused."""
    words: list[str] = []

    _words = field_validator("words")(_compiles)


class Approx(_Strict):
    label: Text
    words: list[str] = []

    _words = field_validator("words")(_compiles)


class Measure(_Strict):
    unit: Unit
    label: Text
    definition: Text
    part_of: Name | None = None
    """The measure this one is a part of (calls for information are calls)."""
    words: list[str] = []

    _words = field_validator("words")(_compiles)


class Category(_Strict):
    label: Text
    short: Text | None = None
    words: list[str] = []

    _words = field_validator("words")(_compiles)


class Scheme(_Strict):
    label: Text
    categories: dict[Name, Category]


class Breakdown(_Strict):
    unit: Unit
    of: Name
    """The measure that is broken down: shares are shares of it, counts add up to it."""
    schemes: list[Name]
    label: Text
    definition: Text


class Vocabulary(_Strict):
    services: dict[Name, Service]
    units: dict[Unit, Text]
    approx: dict[Name, Approx]
    unit_words: dict[Unit, list[str]]
    measures: dict[Name, Measure]
    breakdowns: dict[Name, Breakdown]
    schemes: dict[Name, Scheme]

    @model_validator(mode="after")
    def _references(self) -> Vocabulary:
        problems = []
        for name, breakdown in self.breakdowns.items():
            if name in self.measures:
                problems.append(f"breakdowns.{name}: also the name of a measure")
            if breakdown.of not in self.measures:
                problems.append(f"breakdowns.{name}.of: unknown measure {breakdown.of!r}")
            for scheme in breakdown.schemes:
                if scheme not in self.schemes:
                    problems.append(f"breakdowns.{name}.schemes: unknown scheme {scheme!r}")
        for name, measure in self.measures.items():
            if measure.part_of and measure.part_of not in self.measures:
                problems.append(f"measures.{name}.part_of: unknown measure {measure.part_of!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def figure_names(self) -> list[str]:
        return [*self.measures, *self.breakdowns]

    def unit_of(self, name: str) -> Unit:
        if name in self.measures:
            return self.measures[name].unit
        return self.breakdowns[name].unit

    def scheme_for(self, breakdown: str, categories: Sequence[str]) -> str | None:
        """The first scheme of ``breakdown`` that has every one of ``categories``."""
        for scheme in self.breakdowns[breakdown].schemes:
            if set(categories) <= set(self.schemes[scheme].categories):
                return scheme
        return None

    @cached_property
    def category_words(self) -> list[tuple[str, str, str, re.Pattern[str]]]:
        """(breakdown, scheme, category, pattern) for every category, longest words first."""
        found = []
        for breakdown_name, breakdown in self.breakdowns.items():
            for scheme_name in breakdown.schemes:
                for category_name, category in self.schemes[scheme_name].categories.items():
                    for word in category.words:
                        found.append((breakdown_name, scheme_name, category_name, word))
        found.sort(key=lambda item: -len(item[3]))
        return [(b, s, c, re.compile(w)) for b, s, c, w in found]


def load_vocabulary(languages: Sequence[str], path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and check the vocabulary; raises ``ContentError`` naming file, line and field."""
    document = load_yaml(path)
    try:
        return Vocabulary.model_validate(document.data, context={"languages": tuple(languages)})
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(
                    str(path),
                    document.line_of(tuple(error["loc"])),
                    dotted(tuple(error["loc"])) or None,
                    error["msg"].removeprefix("Value error, "),
                )
                for error in exc.errors(include_url=False)
            ]
        ) from None
