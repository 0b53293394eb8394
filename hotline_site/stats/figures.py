"""Figures in campaign text: ``{trafficking.calls}`` in a sentence, filled in at build time.

A figure names its service and its measure, never a number typed by hand:

- ``{S.period}``: the period of this text's figures of service ``S``, in words;
- ``{S.M}``: measure ``M`` (``{trafficking.calls}`` -> "764", "khoảng 250.000");
- ``{S.B.C}``: category ``C`` of breakdown ``B``
  (``{trafficking.caller_type_pct.public}`` -> "57,8%");
- ``{S.B.top}`` / ``{S.B.top_value}``: the largest category of ``B`` and its value.

All figures of one service in one text come from the same period: the newest
period of that service that has every one of them. So a new report with
calls only never breaks a sentence that also shows referrals, and the period
said beside the figures is always theirs. A text that shows a figure of a
service must also say ``{S.period}``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from hotline_site.content.labels import Labels
from hotline_site.stats.model import Figure, Period, Split, Statistics
from hotline_site.stats.vocabulary import Vocabulary

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z0-9_]+){1,2})\}")
"""``{service.name}`` or ``{service.breakdown.category}``."""
BARE = re.compile(r"\{([a-z_]+)\}")
"""The first format's figures (``{calls_total}``), refused with a hint."""
_TOP = ("top", "top_value")


class FigureNames:
    """Checks the figures a text names against the vocabulary (no data needed)."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def check(self, text: str) -> str | None:
        """What is wrong with the figures ``text`` names, or None."""
        for bare in BARE.findall(text):
            return (
                f"unknown figure {{{bare}}}; a figure names its line and measure, for example "
                f"{{trafficking.calls}} with {{trafficking.period}} (lines: "
                f"{', '.join(self.vocabulary.services)})"
            )
        said: dict[str, bool] = {}
        for name in PLACEHOLDER.findall(text):
            problem = self.problem(name)
            if problem:
                return problem
            service, rest = name.split(".", 1)
            said[service] = said.get(service, False) or rest == "period"
        for service, has_period in said.items():
            if not has_period:
                return (
                    f"shows a figure of {service} without its period; say when, with "
                    f"{{{service}.period}}, in the same text"
                )
        return None

    def problem(self, name: str) -> str | None:
        vocabulary = self.vocabulary
        parts = name.split(".")
        if parts[0] not in vocabulary.services:
            return (
                f"unknown line {parts[0]!r} in {{{name}}}; expected one of "
                f"{', '.join(vocabulary.services)}"
            )
        if len(parts) == 2:
            if parts[1] == "period" or parts[1] in vocabulary.measures:
                return None
            return (
                f"unknown figure {{{name}}}; expected {{{parts[0]}.period}} or a measure: "
                f"{', '.join(vocabulary.measures)} (a breakdown needs a category: "
                f"{{{parts[0]}.caller_gender_pct.male}})"
            )
        breakdown = vocabulary.breakdowns.get(parts[1])
        if breakdown is None:
            return (
                f"unknown breakdown {parts[1]!r} in {{{name}}}; expected one of "
                f"{', '.join(vocabulary.breakdowns)}"
            )
        categories = {c for s in breakdown.schemes for c in vocabulary.schemes[s].categories}
        if parts[2] in categories or parts[2] in _TOP:
            return None
        return (
            f"unknown category {parts[2]!r} in {{{name}}}; expected top, top_value or one of "
            f"{', '.join(sorted(categories))}"
        )


def needed(text: str) -> dict[str, set[str]]:
    """Service -> the measures and breakdowns ``text`` shows (not its period)."""
    wanted: dict[str, set[str]] = {}
    for name in PLACEHOLDER.findall(text):
        service, rest = name.split(".", 1)
        figure = rest.split(".")[0]
        names = wanted.setdefault(service, set())
        if figure != "period":
            names.add(figure)
    return wanted


class Figures:
    """Fills figures into text, for pages and printables alike."""

    def __init__(
        self, stats: Statistics | None, vocabulary: Vocabulary, labels: Labels | None = None
    ):
        self.stats = stats or Statistics(hotline="111")
        self.vocabulary = vocabulary
        self._labels = labels

    @property
    def labels(self) -> Labels:
        assert self._labels is not None, "Figures need labels to fill text in"
        return self._labels

    def problem(self, text: str) -> str | None:
        """Why ``text`` cannot be filled from the data (a figure no period has), or None."""
        for service, names in needed(text).items():
            if self.stats.newest_with(service, names) is None:
                shown = ", ".join(f"{{{service}.{name}}}" for name in sorted(names)) or "its period"
                return (
                    f"shows {shown}, but no period of {service} in stats.yml has "
                    f"{'all of them' if len(names) > 1 else 'it'}"
                )
        return None

    def fill(self, text: str, language: str) -> str:
        """``text`` with every figure filled in for ``language``.

        Raises ``KeyError`` naming a figure no period has (see :meth:`problem`).
        """
        periods = {}
        for service, names in needed(text).items():
            period = self.stats.newest_with(service, names)
            if period is None:
                raise KeyError(f"{service}: {', '.join(sorted(names))}")
            periods[service] = period

        def one(match: re.Match[str]) -> str:
            service, *rest = match.group(1).split(".")
            return self.value(periods[service], rest, language)

        return PLACEHOLDER.sub(one, text)

    def value(self, period: Period, rest: Sequence[str], language: str) -> str:
        if rest[0] == "period":
            return period_name(period, self.labels, language)
        if len(rest) == 1:
            return self.measure(period.figures[rest[0]], language)
        split = period.breakdowns[rest[0]]
        unit = self.vocabulary.breakdowns[rest[0]].unit
        if rest[1] in _TOP:
            category, amount = max(split.values.items(), key=lambda item: item[1])
            if rest[1] == "top":
                return self.category_label(split, category, language)
            return self.amount(amount, unit, language)
        return self.amount(split.values[rest[1]], unit, language)

    def measure(self, figure: Figure, language: str) -> str:
        text = self.labels.number(figure.value, language)
        if figure.approx:
            text = f"{self.vocabulary.approx[figure.approx].label[language]} {text}"
        return text

    def amount(self, value: float, unit: str, language: str) -> str:
        if unit == "percent":
            return self.labels.percent(value, language)
        return self.labels.number(value, language)

    def category_label(self, split: Split, category: str, language: str) -> str:
        return self.vocabulary.schemes[split.scheme].categories[category].label[language]


# -- periods in words ---------------------------------------------------------


def period_name(period: Period, labels: Labels, language: str) -> str:
    """``2019-01-01..2019-06-30`` -> "6 tháng đầu năm 2019" / "the first half of 2019"."""
    start, end = period.start, period.end
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and whole_months:
        year, first, last = start.year, start.month, end.month
        if (first, last) == (1, 12):
            return labels("period.year", language, year=year)
        if (first, last) == (1, 6):
            return labels("period.first_half", language, year=year)
        if (first, last) == (7, 12):
            return labels("period.second_half", language, year=year)
        if last - first == 2 and first % 3 == 1:
            return labels("period.quarter", language, quarter=(first + 2) // 3, year=year)
        if first == last:
            return labels(
                "period.month",
                language,
                month=first,
                year=year,
                month_name=calendar.month_name[first],
            )
        if first == 1:
            return labels(
                "period.first_months",
                language,
                months=last,
                year=year,
                month_name=calendar.month_name[last],
            )
    return labels(
        "period.range",
        language,
        start=date_text(start, labels, language),
        end=date_text(end, labels, language),
    )


def date_text(day: dt.date, labels: Labels, language: str) -> str:
    return labels(
        "date",
        language,
        day=day.day,
        month=day.month,
        year=day.year,
        month_name=calendar.month_name[day.month],
    )


class FigureRules:
    """The figure checks content validation runs on every text (a ``FigureCheck``):
    the names against the vocabulary, then the figures against the data."""

    def __init__(self, names: FigureNames, data: Figures):
        self.names = names
        self.data = data

    def check(self, text: str) -> str | None:
        return self.names.check(text)

    def problem(self, text: str) -> str | None:
        return self.data.problem(text)
