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

    for m in each(
        rf"(?:hai|ba|bốn|năm|\d) năm {YEAR} (?:và|đến|-|–) (?:năm )?{YEAR}"
        rf"|giai đoạn {YEAR} ?[-–] ?{YEAR}|từ năm {YEAR} đến (?:năm )?{YEAR}"
        rf"|(?:in|between|from) {YEAR} (?:and|to) {YEAR}|\b{YEAR} ?[-–] ?{YEAR}\b"
    ):
        years = [int(y) for y in m.groups() if y]
        add(
            m,
            None,
            f"multi-year total (a span from {years[0]} to {years[-1]}, not one reporting period)",
        )
    for m in each(
        r"từ (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))? (?:đến|tới) "
        r"(?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})"
    ):
        d1, m1, y1, d2, m2, y2 = m.groups()
        try:
            period = (dt.date(int(y1 or y2), int(m1), int(d1)), dt.date(int(y2), int(m2), int(d2)))
        except ValueError:
            add(m, None, "not a real date")
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
            None if year else "no year for the period",
        )
    for m in each(rf"(?:tính )?(?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})(?:/| năm ){YEAR}"):
        year, month = int(m.group(2)), int(m.group(1))
        add(m, (dt.date(year, 1, 1), month_end(year, month)))
    for m in each(rf"\b({COUNT_WORDS}|\d{{1,2}}) tháng (đầu|cuối)(?: của)? năm(?: {YEAR})?"):
        months, part, year = count_word(m.group(1)), m.group(2), m.group(3)
        if not year:
            add(m, None, "no year for the period")
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
            add(m, None, "no year for the period")
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
            add(m, None, "no year for the period")
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
    ):
        add(m, None, "no year for the period")
    return sorted(found, key=lambda span: span.start)
