"""``stats.yml``: every period of each service ever imported, each value with its provenance.

Shape (format 2)::

    format: 2
    hotline: '111'
    sources:                     # where values came from; values name a source by id
      - {id, title, publisher, url, published, retrieved, sha256}
    services:
      trafficking:               # a service of the vocabulary
        - start: 2019-01-01      # first day, inclusive
          end: 2019-06-30        # last day, inclusive
          figures:               # measures: one number each
            calls: {value: 764, source: …, quote: "…"}
          breakdowns:            # named splits of a measure, in a scheme of categories
            caller_gender_pct: {scheme: gender, values: {male: 61.3, female: 38.7}, …}
          history: []            # values replaced by a later import (--replace)

A file in the first format (one list of ``periods``, the anti-trafficking
line's) is read as that service.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hotline_site.content.problems import ContentError, Problem, validation_message
from hotline_site.content.yamlfile import dotted, load_yaml
from hotline_site.stats.legacy import LEGACY_SERVICE, legacy_statistics
from hotline_site.stats.values import FIRST_YEAR, LARGEST_VALUE, public_url
from hotline_site.stats.vocabulary import Vocabulary

__all__ = ["LEGACY_SERVICE", "public_url"]  # also used from here

PERCENT_TOLERANCE = 0.5
"""Whose figures a file or feed in the first format holds: the seed article's line."""

Number = Annotated[
    float,
    Field(ge=0, le=LARGEST_VALUE, allow_inf_nan=False),
    AfterValidator(lambda value: value + 0.0),  # -0.0 is 0, never shown as "-0"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """A document values were read from."""

    id: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]
    """The first 12 hex digits of ``sha256``."""
    title: Annotated[str, Field(min_length=1, max_length=500)]
    """One line of plain text (line breaks, tabs and other controls become spaces)."""
    publisher: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    url: str | None = None
    """Public address only: see :func:`public_url`."""
    published: dt.date | None = None
    retrieved: dt.date
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

    @field_validator("title", "publisher", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        """A vertical tab (Word's line break), a newline or any other control is a space."""
        if not isinstance(value, str):
            return value
        spaced = "".join(
            " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in value
        )
        return " ".join(unicodedata.normalize("NFC", spaced).split())

    @field_validator("url")
    @classmethod
    def _public(cls, value: str | None) -> str | None:
        if value is not None and public_url(value) != value:
            raise ValueError(
                "must be an http(s) address without user, password, session id, tracking or key "
                "parameter or fragment"
            )
        return value


class Figure(_Strict):
    """One value of a measure."""

    value: Number
    approx: str | None = None
    """How the source hedged it: a key of the vocabulary's ``approx`` (about, nearly, more_than)."""
    derived: bool = False
    """Worked out from a comparison ("giảm 485 cuộc so với cùng kỳ năm 2018"), not stated."""
    source: str
    quote: str | None = None
    """The sentence or table cell the value was read from."""


class Split(_Strict):
    """One breakdown of a measure: a value per category of one scheme."""

    scheme: str
    values: dict[str, Number]
    source: str
    quote: str | None = None


class Replaced(_Strict):
    """A value that a later import replaced (``--replace``), kept for the record."""

    name: str
    replaced: dt.date
    figure: Figure | None = None
    split: Split | None = None


class Period(_Strict):
    start: dt.date
    end: dt.date
    figures: dict[str, Figure] = Field(default_factory=dict)
    breakdowns: dict[str, Split] = Field(default_factory=dict)
    history: list[Replaced] = Field(default_factory=list)

    @property
    def key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def has(self, name: str) -> bool:
        return name in self.figures or name in self.breakdowns

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.start.year < FIRST_YEAR:
            raise ValueError(
                f"start {self.start} is before {FIRST_YEAR}, before the 111 lines had figures; "
                "check the year"
            )
        today = (info.context or {}).get("today") or dt.date.today()
        if self.end > today:
            raise ValueError(f"end {self.end} is in the future")
        vocabulary: Vocabulary | None = (info.context or {}).get("vocabulary")
        if vocabulary is not None:
            check_period(self, vocabulary)
        return self


def check_period(period: Period, vocabulary: Vocabulary) -> None:
    """Names, units and sums against the vocabulary; raises ``ValueError`` saying which."""
    for name, figure in period.figures.items():
        if name not in vocabulary.measures:
            raise ValueError(
                f"figures.{name}: unknown measure; measures are {', '.join(vocabulary.measures)}"
            )
        _check_value(name, figure.value, vocabulary.measures[name].unit)
        if figure.approx is not None and figure.approx not in vocabulary.approx:
            raise ValueError(
                f"figures.{name}.approx: {figure.approx!r}; expected one of "
                f"{', '.join(vocabulary.approx)}"
            )
    _check_parts(period, vocabulary)
    for name, split in period.breakdowns.items():
        breakdown = vocabulary.breakdowns.get(name)
        if breakdown is None:
            raise ValueError(
                f"breakdowns.{name}: unknown breakdown; breakdowns are "
                f"{', '.join(vocabulary.breakdowns)}"
            )
        if split.scheme not in breakdown.schemes:
            raise ValueError(
                f"breakdowns.{name}.scheme: {split.scheme!r}; expected one of "
                f"{', '.join(breakdown.schemes)}"
            )
        categories = vocabulary.schemes[split.scheme].categories
        for category, value in split.values.items():
            if category not in categories:
                raise ValueError(
                    f"breakdowns.{name}.values.{category}: not a category of {split.scheme}; "
                    f"expected one of {', '.join(categories)}"
                )
            _check_value(f"{name}.{category}", value, breakdown.unit)
        total = sum(split.values.values())
        if breakdown.unit == "percent" and total > 100 + PERCENT_TOLERANCE:
            raise ValueError(
                f"breakdowns.{name}: shares add up to {total:.1f}%, more than 100% "
                f"(tolerance {PERCENT_TOLERANCE}); {_INCONSISTENT}"
            )
        if (
            breakdown.unit == "percent"
            and set(split.values) == set(categories)
            and total < 100 - PERCENT_TOLERANCE
        ):
            raise ValueError(
                f"breakdowns.{name}: every category is given but the shares add up to "
                f"{total:.1f}%, not 100% (tolerance {PERCENT_TOLERANCE}); {_INCONSISTENT}"
            )
        whole = period.figures.get(breakdown.of)
        if breakdown.unit != "percent" and whole is not None and total > whole.value:
            raise ValueError(
                f"breakdowns.{name}: adds up to {total:g}, "
                f"more than {breakdown.of} ({whole.value:g})"
            )


_INCONSISTENT = (
    "check the figures against the source; if the source itself does not add up, "
    "import the total alone (leave the breakdown out of the feed file)"
)
APPROX_TOLERANCE = 0.05
"""How far the parts may go past a hedged total ("khoảng 410.000"): 5%."""


def _check_parts(period: Period, vocabulary: Vocabulary) -> None:
    """Parts of a measure never exceed it; all of its parts together are exactly it."""
    wholes = {m.part_of for m in vocabulary.measures.values() if m.part_of}
    for whole_name in sorted(wholes):
        names = [n for n, m in vocabulary.measures.items() if m.part_of == whole_name]
        given = [n for n in names if n in period.figures]
        whole = period.figures.get(whole_name)
        if not given or whole is None:
            continue
        total = sum(period.figures[n].value for n in given)
        shown = " + ".join(f"{n} {period.figures[n].value:g}" for n in given)
        hedged = whole.approx is not None or any(period.figures[n].approx for n in given)
        limit = whole.value * (1 + APPROX_TOLERANCE) if hedged else whole.value
        if total > limit:
            raise ValueError(
                f"figures.{given[-1]}: the parts of {whole_name} add up to {total:g}, "
                f"more than its {whole.value:g} ({shown}); {_INCONSISTENT}"
            )
        if len(given) == len(names) and not hedged and total != whole.value:
            raise ValueError(
                f"figures.{given[-1]}: every part of {whole_name} is given ({shown}) but they "
                f"add up to {total:g}, not its {whole.value:g}; {_INCONSISTENT}"
            )


def _check_value(name: str, value: float, unit: str) -> None:
    if unit == "percent":
        if value > 100:
            raise ValueError(f"{name}: {value:g}% is more than 100%")
    elif value != int(value):
        raise ValueError(f"{name}: {value:g} is not a whole number of {unit}")


class Statistics(_Strict):
    """The whole ``stats.yml``."""

    format: Literal[2] = 2
    hotline: str
    sources: list[Source] = Field(default_factory=list)
    services: dict[str, list[Period]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Statistics:
        vocabulary: Vocabulary | None = (info.context or {}).get("vocabulary")
        ids = {source.id for source in self.sources}
        for service, periods in self.services.items():
            if vocabulary is not None and service not in vocabulary.services:
                raise ValueError(
                    f"services.{service}: unknown service; expected one of "
                    f"{', '.join(vocabulary.services)}"
                )
            keys = [period.key for period in periods]
            for period in periods:
                if keys.count(period.key) > 1:
                    raise ValueError(
                        f"services.{service}: the period {period.start} to {period.end} "
                        "is given more than once"
                    )
                used = [f.source for f in period.figures.values()]
                used += [s.source for s in period.breakdowns.values()]
                for source_id in used:
                    if source_id not in ids:
                        raise ValueError(
                            f"services.{service}: period {period.start} to {period.end}: "
                            f"source {source_id!r} is not in sources"
                        )
        return self

    def periods(self, service: str) -> list[Period]:
        """Oldest first."""
        return sorted(self.services.get(service, []), key=lambda p: (p.start, p.end))

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)

    def values(self) -> Iterator[tuple[str, Period]]:
        for service, periods in self.services.items():
            for period in periods:
                yield service, period

    def year_before(self, service: str, period: Period, name: str) -> Period | None:
        """The same period one year earlier, if it has ``name``."""
        key = (year_before(period.start), year_before(period.end))
        return next(
            (p for p in self.services.get(service, []) if p.key == key and p.has(name)), None
        )

    def newest_with(self, service: str, names: set[str]) -> Period | None:
        """The newest period of ``service`` with every one of ``names``.

        Newest means the latest last day; of periods ending the same day, the longest.
        """
        candidates = [p for p in self.services.get(service, []) if all(p.has(n) for n in names)]
        return max(candidates, key=lambda p: (p.end, p.days), default=None)


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February: the 28th)."""
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


def load_statistics(
    path: Path, vocabulary: Vocabulary, *, display_path: str | None = None
) -> Statistics:
    """Read ``stats.yml``; raises ``ContentError`` with file, line and field of each problem."""
    shown = display_path or str(path)
    document = load_yaml(path, display_path=shown)
    data = document.data
    if isinstance(data, dict) and "format" not in data and "periods" in data:
        data = legacy_statistics(data, vocabulary)
    try:
        return Statistics.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as exc:
        problems = [
            Problem(
                shown,
                document.line_of(tuple(error["loc"])),
                dotted(tuple(error["loc"])) or None,
                validation_message(error),
            )
            for error in exc.errors(include_url=False)
        ]
        raise ContentError(problems) from None
