"""The statistics page: latest figures, charts drawn at build time as SVG, and the full history.

Each chart has a text alternative and a data table beside it, so the page
reads the same without JavaScript, in print and with a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from hotline_site.labels import Labels
from hotline_site.stats import (
    CALL_TYPES,
    REGIONS,
    Period,
    Statistics,
    change_pct,
    date_text,
    period_name,
)

STATS_PAGE = "statistics.md"

_BAR_HEIGHT = 26
_ROW_HEIGHT = 76
_WIDTH = 600


def bar_chart(*, rows: Sequence[tuple[str, float, str]], title: str, alt: str, colour: str) -> str:
    """A horizontal bar chart as inline SVG: each row is (label, value, value as text)."""
    top = max((value for _, value, _ in rows), default=0) or 1
    height = _ROW_HEIGHT * len(rows)
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{escape(alt)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value, shown) in enumerate(rows):
        y = index * _ROW_HEIGHT
        width = max(2.0, (_WIDTH - 130) * value / top)
        parts += [
            f'<text x="0" y="{y + 26}" font-size="24" fill="currentColor">{escape(label)}</text>',
            f'<rect x="0" y="{y + 36}" width="{width:.1f}" height="{_BAR_HEIGHT}" '
            f'fill="{colour}" rx="3"/>',
            f'<text x="{width + 8:.1f}" y="{y + 58}" font-size="24" font-weight="bold" '
            f'fill="currentColor">{escape(shown)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def statistics_page(stats: Statistics, labels: Labels, language: str, *, colour: str) -> str:
    latest = stats.latest()
    if latest is None:
        return ""
    page = _StatsPage(stats, labels, language, colour)
    return page.render(latest)


@dataclass(frozen=True)
class Chart:
    title_key: str
    rows: Sequence[tuple[str, float, str]]  # label, value, value as text
    value_heading: str
    table_labels: Sequence[str] | None = None  # longer names for the table
    level: int = 2


@dataclass(frozen=True)
class Infographic:
    """The latest figures for one language, for the printable A4 infographic."""

    title: str
    headline: str  # Markdown
    change: str | None
    public: str | None
    source: str
    charts: list[tuple[str, str, list[tuple[str, float, str]]]]
    """Each chart as (title, alt text, rows of (label, value, value as text))."""


def infographic(stats: Statistics, labels: Labels, language: str, *, colour: str) -> Infographic:
    latest = stats.latest()
    assert latest is not None
    page = _StatsPage(stats, labels, language, colour)
    source = latest.source.title if latest.source else ""
    return Infographic(
        title=labels("stats.title", language),
        headline=page.headline(latest),
        change=page.change_line(latest),
        public=page.public_line(latest),
        source=labels(
            "stats.source",
            language,
            title=source,
            retrieved=date_text(latest.source.retrieved, labels, language) if latest.source else "",
        ),
        charts=[
            (labels(chart.title_key, language), page.chart_alt(chart, latest), list(chart.rows))
            for chart in page.charts(latest)
        ],
    )


class _StatsPage:
    def __init__(self, stats: Statistics, labels: Labels, language: str, colour: str):
        self.stats = stats
        self.labels = labels
        self.language = language
        self.colour = colour

    def label(self, key: str, **values: object) -> str:
        return self.labels(key, self.language, **values)

    def number(self, value: float) -> str:
        return self.labels.number(value, self.language)

    def percent(self, value: float) -> str:
        return self.labels.percent(value, self.language)

    def headline(self, latest: Period) -> str:
        period = period_name(latest, self.labels, self.language)
        return self.label("stats.headline", period=period, calls=self.number(latest.calls_total))

    def change_line(self, latest: Period) -> str | None:
        previous = self.stats.year_before(latest)
        change = change_pct(latest, previous) if previous else None
        if previous is None or change is None:
            return None
        return self.label(
            "stats.down" if change < 0 else "stats.up",
            pct=self.percent(abs(change)),
            previous=self.number(previous.calls_total),
            previous_period=period_name(previous, self.labels, self.language),
        )

    def public_line(self, latest: Period) -> str | None:
        if latest.caller_public_pct is None:
            return None
        return self.label("stats.public_share", pct=self.percent(latest.caller_public_pct))

    def charts(self, latest: Period) -> list[Chart]:
        """The latest period's breakdowns that the data has, as charts."""
        charts = []
        if latest.calls_by_type:
            kinds = [kind for kind in CALL_TYPES if kind in latest.calls_by_type]
            # Short names fit the chart; the table beside it gives the full ones.
            charts.append(
                Chart(
                    "stats.by_type",
                    [
                        (self.label(f"call_type_short.{kind}"), n, self.number(n))
                        for kind in kinds
                        if (n := latest.calls_by_type[kind]) is not None
                    ],
                    self.label("stats.calls"),
                    [self.label(f"call_type.{kind}") for kind in kinds],
                )
            )
        if latest.caller_gender_pct:
            rows: list[tuple[str, float, str]] = [
                (self.label(f"gender.{gender}"), pct, self.percent(pct))
                for gender, pct in latest.caller_gender_pct.items()
            ]
            charts.append(Chart("stats.by_gender", rows, self.label("stats.share"), None, 3))
        if latest.region_pct:
            rows = [
                (self.label(f"region.{region}"), pct, self.percent(pct))
                for region in REGIONS
                if (pct := latest.region_pct.get(region)) is not None
            ]
            charts.append(Chart("stats.by_region", rows, self.label("stats.share"), None))
        return charts

    def chart_alt(self, chart: Chart, latest: Period) -> str:
        """The chart in words, for screen readers: title, period and every value."""
        title = self.label(chart.title_key)
        period = period_name(latest, self.labels, self.language)
        values = "; ".join(f"{label}: {shown}" for label, _, shown in chart.rows)
        return self.label("stats.chart_alt", title=title, period=period, values=values)

    def chart_svg(self, chart: Chart, latest: Period) -> str:
        return bar_chart(
            rows=chart.rows,
            title=self.label(chart.title_key),
            alt=self.chart_alt(chart, latest),
            colour=self.colour,
        )

    def render(self, latest: Period) -> str:
        period = period_name(latest, self.labels, self.language)
        lines = [
            "---",
            f'description: "{self.label("stats.description")}"',
            "---",
            f"# {self.label('stats.title')}",
            "",
            self.headline(latest),
            "{: .lead }",
            "",
        ]
        change = self.change_line(latest)
        if change:
            lines += [change, ""]
        lines += [self.source(latest), ""]
        for chart in self.charts(latest):
            if chart.title_key == "stats.by_gender":
                lines += [f"## {self.label('stats.callers')}", ""]
                public = self.public_line(latest)
                if public:
                    lines += [public, ""]
            lines += self.chart_section(chart, latest)
        lines += self.history()
        lines += [
            f"## {self.label('stats.meaning')}",
            "",
            self.label("stats.meaning_text"),
            "",
            f"## {self.label('stats.cite')}",
            "",
            self.label(
                "stats.cite_text",
                period=period,
                calls=self.number(latest.calls_total),
                title=escape(latest.source.title if latest.source else "111"),
            ),
            "",
        ]
        return "\n".join(lines)

    def source(self, period: Period) -> str:
        if period.source is None:
            return ""
        title = escape(period.source.title)
        if period.source.url:
            title = f'<a href="{escape(period.source.url)}">{title}</a>'
        retrieved = date_text(period.source.retrieved, self.labels, self.language)
        return self.label("stats.source", title=title, retrieved=retrieved)

    def chart_section(self, chart: Chart, latest: Period) -> list[str]:
        labels = chart.table_labels or [label for label, _, _ in chart.rows]
        return [
            f"{'#' * chart.level} {self.label(chart.title_key)}",
            "",
            f'<div class="stats-figure">{self.chart_svg(chart, latest)}</div>',
            "",
            f"| {self.label('stats.category')} | {chart.value_heading} |",
            "| --- | ---: |",
            *(
                f"| {escape(label)} | {shown} |"
                for label, (_, _, shown) in zip(labels, chart.rows, strict=True)
            ),
            "",
        ]

    def history(self) -> list[str]:
        lines = [
            f"## {self.label('stats.history')}",
            "",
            f"| {self.label('stats.period')} | {self.label('stats.calls')} |",
            "| --- | ---: |",
        ]
        for period in reversed(self.stats.sorted_periods()):
            name = period_name(period, self.labels, self.language)
            lines.append(f"| {name} | {self.number(period.calls_total)} |")
        return [*lines, ""]
