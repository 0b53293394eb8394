"""The campaign's edition date as the printables write it and date their files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hotline_site.content.labels import Labels

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def edition_date(day: dt.date, language: str) -> str:
    """A date as it is written in ``language``: 04/12/2026, 4 December 2026, 2026년 12월 4일."""
    if language == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if language == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    if language == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return day.isoformat()


def edition_epoch(day: dt.date | None) -> int | None:
    """Midnight UTC of the edition's day, in seconds: every PDF's creation date."""
    if day is None:
        return None
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


def edition_lines(
    labels: Labels, day: dt.date | None, languages: Sequence[str]
) -> dict[str, str] | None:
    """The small print's "Edition of 4 December 2026", per language; ``None`` without one."""
    if day is None:
        return None
    return {lang: labels("print.edition", lang, date=edition_date(day, lang)) for lang in languages}
