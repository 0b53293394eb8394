"""Numbers and reporting periods as Vietnamese and English reports write them.

``periods(clause)`` finds every period expression of a clause, left to right:
a :class:`Span` with the first and last day, or with the reason the period
cannot be used (no year, several years, since the line opened) and what the
editor can do instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# -- numbers ------------------------------------------------------------------

WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
COUNT_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
MULTIPLIERS = {
    "triệu": 1_000_000,
    "million": 1_000_000,
    "nghìn": 1000,
    "ngàn": 1000,
    "thousand": 1000,
}
MONTHS_EN = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def parse_number(text: str, english: bool) -> float:
    """``1.104`` / ``58,4`` (Vietnamese) or ``1,104`` / ``58.4`` (English) -> number."""
    thousands, decimal = (",", ".") if english else (".", ",")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+", text):
        return float(text.replace(thousands, ""))
    return float(text.replace(decimal, "."))


def count_word(word: str) -> int:
    return int(word) if word.isdigit() else WORD_NUMBERS[word]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- periods ------------------------------------------------------------------

YEAR = r"((?:19|20)\d{2})"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    period: tuple[dt.date, dt.date] | None
    problem: str | None = None  # refusal reason when the period cannot be used


BY_HAND = (
    "if it is a figure of 111 for one period, add it by hand in a feed file (JSON or CSV, "
    "see hotline_site/stats/importers/feeds.py) with its service, start and end"
)
"""What the editor can do about a figure the reader refuses."""
NO_YEAR = (
    "no year for the period (“năm nay”, “quý II”, “những tháng đầu”): the year is never "
    f"taken from another sentence; {BY_HAND}"
)


def _month_spans(each: Any, add: Any) -> None:
    """ "từ tháng 4 đến tháng 9 năm 2030" (April to September), "từ tháng 3 năm 2028 đến
    tháng 2 năm 2030" (refused: across years), "between March 2028 and February 2030"."""
    months_en = "|".join(MONTHS_EN)
    vi = re.compile(
        r"từ tháng (\d{1,2})(?:(?:/| năm )((?:19|20)\d{2}))? (?:đến|tới) (?:hết |cuối )?"
        r"tháng (\d{1,2})(?:(?:/| năm )(?:((?:19|20)\d{2})|(nay)))?"
    )
    en = re.compile(
        rf"(?:between|from) ({months_en}),? ((?:19|20)\d{{2}})? ?(?:and|to|through|until) "
        rf"({months_en}),? ((?:19|20)\d{{2}})"
    )
    for m in each(vi.pattern):
        m1, y1, m2, y2, now = m.groups()
        _month_span(m, add, int(m1), y1, int(m2), y2, now)
    for m in each(en.pattern):
        m1, y1, m2, y2 = m.groups()
        _month_span(m, add, MONTHS_EN[m1], y1, MONTHS_EN[m2], y2, None)


def _month_span(
    m: Any, add: Any, m1: int, y1: str | None, m2: int, y2: str | None, now: str | None
) -> None:
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return
    if now or (y1 is None and y2 is None):
        add(m, None, NO_YEAR)
    elif y1 is not None and y2 is not None and y1 != y2:
        add(
            m,
            None,
            f"a span across years (from {m1}/{y1} to {m2}/{y2}), not one reporting period: "
            f"{BY_HAND}",
        )
    elif m1 > m2:
        add(m, None, f"a span whose end month comes before its start: {BY_HAND}")
    else:
        year = int(y2 or y1 or 0)
        add(m, (dt.date(year, m1, 1), month_end(year, m2)))


def periods(lower: str) -> list[Span]:
    """Every period expression of a (masked) clause, left to right, without overlaps."""
    found: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(
        match: re.Match[str], period: tuple[dt.date, dt.date] | None, problem: str | None = None
    ) -> None:
        if any(a < match.end() and match.start() < b for a, b in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(Span(match.start(), match.end(), period, problem))

    def each(pattern: str) -> list[re.Match[str]]:
        return list(re.finditer(pattern, lower))

    _month_spans(each, add)
    for m in each(
        rf"năm {YEAR},? tính (?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})\b(?!(?:/| năm )\d)"
    ):  # "trong năm 2030, tính đến tháng 9": January to September, not the year
        ytd_year, ytd_month = int(m.group(1)), int(m.group(2))
        if 1 <= ytd_month <= 12:
            add(m, (dt.date(ytd_year, 1, 1), month_end(ytd_year, ytd_month)))
    for m in each(
        rf"(?:hai|ba|bốn|năm|\d) năm {YEAR} (?:và|đến|-|–) (?:năm )?{YEAR}"
        rf"|giai đoạn {YEAR} ?[-–] ?{YEAR}|từ năm {YEAR} đến (?:năm )?{YEAR}"
        rf"|(?:in|between|from) {YEAR} (?:and|to) {YEAR}|\b{YEAR} ?[-–] ?{YEAR}\b"
    ):
        years = [int(y) for y in m.groups() if y]
        add(
            m,
            None,
            f"multi-year total (a span from {years[0]} to {years[-1]}, not one reporting "
            f"period): {BY_HAND}",
        )
    for m in each(
        r"từ (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))? (?:đến|tới) "
        r"(?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})"
    ):
        d1, m1, y1, d2, m2, y2 = m.groups()
        try:
            period = (dt.date(int(y1 or y2), int(m1), int(d1)), dt.date(int(y2), int(m2), int(d2)))
        except ValueError:
            add(m, None, f"not a real date: {BY_HAND}")
            continue
        add(m, period)
    for m in each(
        rf"từ đầu năm(?: {YEAR})? (?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})"
        rf"(?:(?:/| năm ){YEAR})?"
    ):
        year = m.group(1) or m.group(3)
        month = int(m.group(2))
        add(
            m,
            (dt.date(int(year), 1, 1), month_end(int(year), month)) if year else None,
            None if year else NO_YEAR,
        )
    for m in each(rf"(?:tính )?(?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})(?:/| năm ){YEAR}"):
        year, month = int(m.group(2)), int(m.group(1))
        add(m, (dt.date(year, 1, 1), month_end(year, month)))
    for m in each(rf"\b({COUNT_WORDS}|\d{{1,2}}) tháng (đầu|cuối)(?: của)? năm(?: {YEAR})?"):
        months, part, year = count_word(m.group(1)), m.group(2), m.group(3)
        if not year:
            add(m, None, NO_YEAR)
        elif part == "đầu":
            add(m, (dt.date(int(year), 1, 1), month_end(int(year), months)))
        else:
            add(m, (dt.date(int(year), 13 - months, 1), dt.date(int(year), 12, 31)))
    for m in each(rf"\b({COUNT_WORDS}|\d{{1,2}}) tháng(?: của)? năm {YEAR}"):
        months, year = count_word(m.group(1)), int(m.group(2))
        add(m, (dt.date(year, 1, 1), month_end(year, months)))
    for m in each(rf"nửa (đầu|cuối) năm(?: {YEAR})?"):
        year = m.group(2)
        if not year:
            add(m, None, NO_YEAR)
            continue
        y = int(year)
        add(
            m,
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if m.group(1) == "đầu"
            else (dt.date(y, 7, 1), dt.date(y, 12, 31)),
        )
    for m in each(rf"quý (iv|iii|ii|i|[1-4])(?:(?:/| năm |-){YEAR})?\b"):
        if not m.group(2):
            add(m, None, NO_YEAR)
            continue
        quarter, year = _ROMAN.get(m.group(1)) or int(m.group(1)), int(m.group(2))
        add(m, (dt.date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3)))
    for m in each(rf"tháng (\d{{1,2}})(?:/| năm ){YEAR}"):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            add(m, (dt.date(year, month, 1), month_end(year, month)))
    for m in each(rf"\bnăm {YEAR}"):
        year = int(m.group(1))
        add(m, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    # English
    months_en = "|".join(MONTHS_EN)
    for m in each(rf"(?:up to|through|by) the end of ({months_en}),? {YEAR}"):
        year, month = int(m.group(2)), MONTHS_EN[m.group(1)]
        add(m, (dt.date(year, 1, 1), month_end(year, month)))
    for m in each(rf"from ({months_en}) to ({months_en}),? {YEAR}"):
        year = int(m.group(3))
        add(m, (dt.date(year, MONTHS_EN[m.group(1)], 1), month_end(year, MONTHS_EN[m.group(2)])))
    for m in each(rf"the (first|second|last) half of {YEAR}"):
        y = int(m.group(2))
        add(
            m,
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if m.group(1) == "first"
            else (dt.date(y, 7, 1), dt.date(y, 12, 31)),
        )
    for m in each(rf"the (first|last) ({COUNT_WORDS}|\d{{1,2}}) months of {YEAR}"):
        months, year = count_word(m.group(2)), int(m.group(3))
        add(
            m,
            (dt.date(year, 1, 1), month_end(year, months))
            if m.group(1) == "first"
            else (dt.date(year, 13 - months, 1), dt.date(year, 12, 31)),
        )
    for m in each(rf"the (first|second|third|fourth|last) quarter of {YEAR}|\bq([1-4]),? {YEAR}"):
        quarter = _ORDINAL[m.group(1)] if m.group(1) else int(m.group(3))
        year = int(m.group(2) or m.group(4))
        add(m, (dt.date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3)))
    for m in each(rf"\b({months_en}),? {YEAR}"):
        year, month = int(m.group(2)), MONTHS_EN[m.group(1)]
        add(m, (dt.date(year, month, 1), month_end(year, month)))
    for m in each(rf"\b(?:in|during|for|throughout|of) {YEAR}\b|^{YEAR}\b"):
        year = int(m.group(1) or m.group(2))
        add(m, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    for m in each(
        r"the first (?:half|\w+ months|quarter) of (?:the|this) year"
        r"|(?:ba|sáu|chín) tháng đầu năm nay"
        r"|(?:những|mấy|các) tháng (?:đầu|qua|gần đây|vừa qua)|\bnăm nay\b|\bthis year\b"
        r"|\bthời gian (?:qua|gần đây)\b|\bvận hành thử\b|\bin recent months\b"
    ):  # never the year of another sentence
        add(m, None, NO_YEAR)
    return sorted(found, key=lambda span: span.start)
