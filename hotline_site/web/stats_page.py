"""The statistics page: the Markdown (and inline SVG charts) of each service's figures.

The figures themselves come from :mod:`hotline_site.stats.summary` as plain data;
here every data text (a source's title or publisher, a word of the vocabulary,
a period) goes into the page through the one escaper, :func:`markdown.text`,
and a source is linked only when its address is http(s) (:func:`markdown.link`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from hotline_site.content.labels import Labels
from hotline_site.stats.model import Period, Source, Statistics
from hotline_site.stats.summary import Chart, Row, StatisticsWriter
from hotline_site.stats.vocabulary import Vocabulary
from hotline_site.web.markdown import link, text

_BAR_HEIGHT = 26
_ROW_HEIGHT = 76
_WIDTH = 600


def bar_chart(*, rows: Sequence[Row], title: str, alt: str, colour: str) -> str:
    """A horizontal bar chart as inline SVG."""
    top = max((value for _, value, _ in rows), default=0) or 1
    height = _ROW_HEIGHT * len(rows)
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{html.escape(alt)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html.escape(title)}</title>",
    ]
    for index, (label, value, shown) in enumerate(rows):
        y = index * _ROW_HEIGHT
        width = max(2.0, (_WIDTH - 130) * value / top)
        parts += [
            f'<text x="0" y="{y + 26}" font-size="24" fill="currentColor">'
            f"{html.escape(label)}</text>",
            f'<rect x="0" y="{y + 36}" width="{width:.1f}" height="{_BAR_HEIGHT}" '
            f'fill="{colour}" rx="3"/>',
            f'<text x="{width + 8:.1f}" y="{y + 58}" font-size="24" font-weight="bold" '
            f'fill="currentColor">{html.escape(shown)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


class StatisticsPage(StatisticsWriter):
    """The statistics page of one language, as Markdown."""

    def value(self, data: str) -> str:
        return text(data)

    def cite(self, source: Source) -> str:
        return text(super().cite(source))

    def cited(self, source: Source) -> str:
        """The citation with its title linked to the source's http(s) address."""
        rest = super().cite(source).removeprefix(source.title)
        return link(source.title, source.url) + text(rest)

    def page(self) -> str:
        lines = [
            "---",
            f'description: "{self.label("stats.description")}"',
            "---",
            f"# {self.label('stats.title')}",
            "",
            self.label("stats.intro"),
            "",
        ]
        for service in self.vocabulary.services:
            lines += self.service_section(service)
        lines += [f"## {self.label('stats.cite')}", "", self.label("stats.cite_text"), ""]
        lines += [f"- {c}" for service in self.vocabulary.services for c in self.citations(service)]
        return "\n".join([*lines, ""])

    def service_section(self, service: str) -> list[str]:
        figures = self.service(service)
        short = self.words(self.vocabulary.services[service].short)
        lines = [f"## {text(short)} {{: #{service.replace('_', '-')} }}", ""]
        if figures.headline is None and not figures.measures:
            return [*lines, self.label("stats.no_data", service=text(figures.name)), ""]
        if figures.headline:
            lines += [figures.headline, "{: .lead }", ""]
        if figures.change:
            lines += [figures.change, ""]
        if figures.measures:
            lines += [
                f"| {self.label('stats.measure')} | {self.label('stats.value')} |",
                "| --- | ---: |",
            ]
            lines += [f"| {text(label)} | {text(value)} |" for label, value in figures.measures]
            lines.append("")
        if figures.as_of:
            lines += [figures.as_of, ""]
        for chart in figures.charts:
            lines += self.chart_section(chart)
        lines += self.history(service)
        lines += self.definitions(service)
        lines += self.source_list(service)
        return lines

    def chart_section(self, chart: Chart) -> list[str]:
        svg = bar_chart(rows=chart.rows, title=chart.title, alt=chart.alt, colour=self.colour)
        return [
            f"### {text(chart.title)}",
            "",
            f'<div class="stats-figure">{svg}</div>',
            "",
            f"| {self.label('stats.category')} | {text(chart.value_heading)} |",
            "| --- | ---: |",
            *(
                f"| {text(label)} | {text(shown)} |"
                for label, (_, _, shown) in zip(chart.table_labels, chart.rows, strict=True)
            ),
            "",
        ]

    def history(self, service: str) -> list[str]:
        periods = list(reversed(self.stats.periods(service)))
        names = [n for n in self.vocabulary.measures if any(n in p.figures for p in periods)]
        if not names:
            return []
        header = " | ".join(text(self.words(self.vocabulary.measures[n].label)) for n in names)
        lines = [f"### {self.label('stats.history')}", "", *self.calls_chart(periods)]
        lines += [
            f"| {self.label('stats.period')} | {header} |",
            "| --- | " + " | ".join("---:" for _ in names) + " |",
        ]
        derived = False
        for period in periods:
            cells = []
            for name in names:
                figure = period.figures.get(name)
                if figure is None:
                    cells.append("–")
                    continue
                cells.append(
                    text(self.figures.measure(figure, self.language))
                    + ("\\*" if figure.derived else "")
                )
                derived = derived or figure.derived
            lines.append(f"| {text(self.period(period))} | {' | '.join(cells)} |")
        lines.append("")
        if derived:
            lines += [self.label("stats.derived_note"), ""]
        return lines

    def calls_chart(self, periods: Sequence[Period]) -> list[str]:
        """The calls of every period (newest first) as bars, each labelled with its period
        (periods differ in length: the label says how long each is)."""
        calls = [(p, p.figures["calls"]) for p in periods if "calls" in p.figures]
        if len(calls) < 2:
            return []
        rows = [
            (self.period(p), figure.value, self.figures.measure(figure, self.language))
            for p, figure in calls
        ]
        title = self.label("stats.calls_history")
        values = "; ".join(f"{label}: {shown}" for label, _, shown in rows)
        alt = self.label("stats.chart_alt", title=title, values=values)
        svg = bar_chart(rows=rows, title=title, alt=alt, colour=self.colour)
        return [f'<div class="stats-figure">{svg}</div>', ""]

    def definitions(self, service: str) -> list[str]:
        periods = self.stats.periods(service)
        shown = [n for n in self.vocabulary.figure_names() if any(p.has(n) for p in periods)]
        lines = [f"### {self.label('stats.definitions')}", ""]
        for name in shown:
            entry = self.vocabulary.measures.get(name) or self.vocabulary.breakdowns[name]
            lines.append(
                f"- **{text(self.words(entry.label))}**: {text(self.words(entry.definition))}"
            )
        return [*lines, "", self.label("stats.meaning_text"), ""]

    def source_list(self, service: str) -> list[str]:
        sources = self.sources_of(self.stats.periods(service))
        lines = [f"### {self.label('stats.sources')}", ""]
        for source in sources:
            retrieved = self.label("stats.retrieved", date=self.date(source.retrieved))
            lines.append(f"1. {self.cited(source)}. {retrieved}.")
        return [*lines, ""]


def statistics_page(
    stats: Statistics, vocabulary: Vocabulary, labels: Labels, language: str, *, colour: str
) -> str:
    return StatisticsPage(stats, vocabulary, labels, language, colour).page()
