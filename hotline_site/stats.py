"""Hotline statistics: the periods kept in ``stats.yml`` and the figures shown from them.

``stats.yml`` holds every period ever pulled in, each with its provenance.
The same checks guard the file when it is loaded and a feed before it is
merged (see ``scripts/update_stats.py``), so bad figures never reach a page.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hotline_site.errors import ContentError, Problem
from hotline_site.labels import Labels
from hotline_site.yamlsource import dotted, load_yaml

CallType = Literal["information", "counselling", "referral"]
Gender = Literal["male", "female"]
Region = Literal[
    "northern_midlands_mountains",
    "red_river_delta",
    "north_central",
    "southeast_and_mekong",
    "south_central_coast",
    "central_highlands",
    "abroad",
]
CALL_TYPES: tuple[CallType, ...] = ("information", "counselling", "referral")
REGIONS: tuple[Region, ...] = (
    "northern_midlands_mountains",
    "red_river_delta",
    "north_central",
    "southeast_and_mekong",
    "south_central_coast",
    "central_highlands",
    "abroad",
)
PERCENT_TOLERANCE = 0.5

Count = Annotated[int, Field(ge=0, strict=True)]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where a period's figures came from."""

    title: str
    url: str | None = None
    retrieved: dt.date
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Period(_Strict):
    """The figures of one reporting period. Only start, end and calls_total are required."""

    start: dt.date
    end: dt.date
    calls_total: Count
    calls_by_type: dict[CallType, Count] | None = None
    caller_public_pct: Percent | None = None
    caller_gender_pct: dict[Gender, Percent] | None = None
    region_pct: dict[Region, Percent] | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Period:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be after start {self.start}")
        if self.end > dt.date.today():
            raise ValueError(f"end {self.end} is in the future")
        by_type = self.calls_by_type
        if (
            by_type
            and set(by_type) == set(CALL_TYPES)
            and sum(by_type.values()) != self.calls_total
        ):
            raise ValueError(
                f"calls_by_type add up to {sum(by_type.values())}, "
                f"but calls_total is {self.calls_total}"
            )
        for name in ("caller_gender_pct", "region_pct"):
            shares: dict[str, float] | None = getattr(self, name)
            if shares and abs(sum(shares.values()) - 100) > PERCENT_TOLERANCE:
                raise ValueError(
                    f"{name} adds up to {sum(shares.values()):.1f}%, expected 100% "
                    f"(within {PERCENT_TOLERANCE})"
                )
        return self

    @property
    def key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)


class Statistics(_Strict):
    """The whole ``stats.yml``."""

    hotline: str
    periods: list[Period]

    @model_validator(mode="after")
    def _unique(self) -> Statistics:
        keys = [period.key for period in self.periods]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"the period {key[0]} to {key[1]} is given more than once")
        return self

    def latest(self) -> Period | None:
        return max(self.periods, key=lambda period: period.end, default=None)

    def year_before(self, period: Period) -> Period | None:
        """The same period one year earlier, if we have it."""
        key = (_year_earlier(period.start), _year_earlier(period.end))
        return next((p for p in self.periods if p.key == key), None)

    def sorted_periods(self) -> list[Period]:
        return sorted(self.periods, key=lambda period: period.start)


def load_statistics(path: Path, *, display_path: str | None = None) -> Statistics:
    shown = display_path or str(path)
    document = load_yaml(path, display_path=shown)
    try:
        return Statistics.model_validate(document.data)
    except ValidationError as exc:
        problems = [
            Problem(
                shown,
                document.line_of(tuple(error["loc"])),
                dotted(tuple(error["loc"])) or None,
                error["msg"].removeprefix("Value error, "),
            )
            for error in exc.errors(include_url=False)
        ]
        raise ContentError(problems) from None


def _year_earlier(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


# -- words and figures --------------------------------------------------------


def period_name(period: Period, labels: Labels, language: str) -> str:
    """``2019-01-01..2019-06-30`` -> "6 tháng đầu năm 2019" / "the first half of 2019"."""
    start, end = period.start, period.end
    same_year = start.year == end.year
    month_end = end.day == calendar.monthrange(end.year, end.month)[1]
    if same_year and start.day == 1 and month_end:
        year = start.year
        months = (start.month, end.month)
        if months == (1, 12):
            return labels("period.year", language, year=year)
        if months == (1, 6):
            return labels("period.first_half", language, year=year)
        if months == (7, 12):
            return labels("period.second_half", language, year=year)
        if end.month - start.month == 2 and start.month % 3 == 1:
            return labels("period.quarter", language, quarter=(start.month + 2) // 3, year=year)
    return labels(
        "period.range",
        language,
        start=date_text(start, labels, language),
        end=date_text(end, labels, language),
    )


def date_text(day: dt.date, labels: Labels, language: str) -> str:
    return labels(
        "date", language, day=day.day, month=day.month, year=day.year,
        month_name=calendar.month_name[day.month],
    )  # fmt: skip


def change_pct(period: Period, previous: Period) -> float | None:
    if previous.calls_total == 0:
        return None
    return (period.calls_total - previous.calls_total) / previous.calls_total * 100


def figures(
    stats: Statistics, labels: Labels, languages: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """Every figure of the latest period that campaign text may show, per language.

    A figure the data does not have is left out; the build then reports the
    material that asks for it.
    """
    latest = stats.latest()
    if latest is None:
        return {}
    values: dict[str, dict[str, str]] = {}

    def put(name: str, render: object) -> None:
        values[name] = {language: render(language) for language in languages}  # type: ignore[operator]

    put("period", lambda lang: period_name(latest, labels, lang))
    put("calls_total", lambda lang: labels.number(latest.calls_total, lang))
    previous = stats.year_before(latest)
    if previous is not None:
        put("previous_period", lambda lang: period_name(previous, labels, lang))
        put("previous_calls_total", lambda lang: labels.number(previous.calls_total, lang))
        change = change_pct(latest, previous)
        if change is not None:
            put("calls_change_pct", lambda lang: labels.percent(abs(change), lang))
    for call_type, count in (latest.calls_by_type or {}).items():
        put(f"calls_{call_type}", lambda lang, count=count: labels.number(count, lang))
    if latest.caller_public_pct is not None:
        share = latest.caller_public_pct
        put("caller_public_pct", lambda lang: labels.percent(share, lang))
    for gender, pct in (latest.caller_gender_pct or {}).items():
        put(f"caller_{gender}_pct", lambda lang, pct=pct: labels.percent(pct, lang))
    if latest.region_pct:
        top, top_pct = max(latest.region_pct.items(), key=lambda item: item[1])
        put("top_region", lambda lang: labels(f"region.{top}", lang))
        put("top_region_pct", lambda lang: labels.percent(top_pct, lang))
    return values


class _NoAliasDumper(yaml.SafeDumper):
    """Write every value out in full; `&id001` anchors would puzzle an editor."""

    def ignore_aliases(self, data: object) -> bool:
        return True


_HEADER = """\
# Hotline 111 call statistics: every period ever pulled in, with provenance.
# Written by scripts/update_stats.py; edit by hand only to fix a source.
"""


def dump_statistics(stats: Statistics, path: Path) -> None:
    """Write ``stats.yml`` atomically: a temporary file, then a rename."""
    data = stats.model_dump(mode="python", exclude_none=False)
    for period in data["periods"]:
        for name in [key for key, value in period.items() if value is None]:
            del period[name]  # only figures the source gave
    text = _HEADER + yaml.dump(
        data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100
    )
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
