"""The statistics page: latest figures, charts drawn at build time as SVG, and the full history.

Each chart has a text alternative and a data table beside it, so the page
reads the same without JavaScript, in print and with a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def render(self, latest: Period) -> str:
        period = period_name(latest, self.labels, self.language)
        lines = [
            "---",
            f'description: "{self.label("stats.description")}"',
            "---",
            f"# {self.label('stats.title')}",
            "",
            self.label("stats.headline", period=period, calls=self.number(latest.calls_total)),
            "{: .lead }",
            "",
        ]
        previous = self.stats.year_before(latest)
        change = change_pct(latest, previous) if previous else None
        if previous is not None and change is not None:
            key = "stats.down" if change < 0 else "stats.up"
            lines += [
                self.label(
                    key,
                    pct=self.percent(abs(change)),
                    previous=self.number(previous.calls_total),
                    previous_period=period_name(previous, self.labels, self.language),
                ),
                "",
            ]
        lines += [self.source(latest), ""]
        if latest.calls_by_type:
            kinds = [kind for kind in CALL_TYPES if kind in latest.calls_by_type]
            counts = [latest.calls_by_type[kind] for kind in kinds]
            # Short names fit the chart; the table beside it gives the full ones.
            rows: list[tuple[str, float, str]] = [
                (self.label(f"call_type_short.{kind}"), n, self.number(n))
                for kind, n in zip(kinds, counts, strict=True)
            ]
            table = [self.label(f"call_type.{kind}") for kind in kinds]
            lines += self.chart_section(
                "stats.by_type", rows, period, self.label("stats.calls"), table_labels=table
            )
        if latest.caller_public_pct is not None or latest.caller_gender_pct:
            lines += [f"## {self.label('stats.callers')}", ""]
            if latest.caller_public_pct is not None:
                lines += [
                    self.label("stats.public_share", pct=self.percent(latest.caller_public_pct)),
                    "",
                ]
        if latest.caller_gender_pct:
            rows = [
                (self.label(f"gender.{gender}"), pct, self.percent(pct))
                for gender, pct in latest.caller_gender_pct.items()
            ]
            lines += self.chart_section(
                "stats.by_gender", rows, period, self.label("stats.share"), level=3
            )
        if latest.region_pct:
            rows = [
                (self.label(f"region.{region}"), pct, self.percent(pct))
                for region in REGIONS
                if (pct := latest.region_pct.get(region)) is not None
            ]
            lines += self.chart_section("stats.by_region", rows, period, self.label("stats.share"))
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

    def chart_section(
        self,
        title_key: str,
        rows: Sequence[tuple[str, float, str]],
        period: str,
        value_heading: str,
        *,
        level: int = 2,
        table_labels: Sequence[str] | None = None,
    ) -> list[str]:
        title = self.label(title_key)
        values = "; ".join(f"{label}: {shown}" for label, _, shown in rows)
        alt = self.label("stats.chart_alt", title=title, period=period, values=values)
        chart = bar_chart(rows=rows, title=title, alt=alt, colour=self.colour)
        return [
            f"{'#' * level} {title}",
            "",
            f'<div class="stats-figure">{chart}</div>',
            "",
            f"| {self.label('stats.category')} | {value_heading} |",
            "| --- | ---: |",
            *(
                f"| {escape(label)} | {shown} |"
                for label, (_, _, shown) in zip(
                    table_labels or [label for label, _, _ in rows], rows, strict=True
                )
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
