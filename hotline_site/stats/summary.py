"""The statistics page and the infographic: both services, each with its own figures.

For each service: a headline with the newest calls and their period, the
change against the same period a year earlier, the newest period's other
measures, charts of its breakdowns (drawn at build time as SVG, each with a
text alternative and a table), every period in a history table, the
definitions of what is shown, and the sources. "As of" is the period;
"retrieved" is when the source was read. Every sentence names its service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hotline_site.content.labels import Labels
from hotline_site.stats.figures import Figures, date_text, period_name
from hotline_site.stats.model import Period, Source, Statistics
from hotline_site.stats.vocabulary import Vocabulary

STATS_PAGE = "statistics.md"

Row = tuple[str, float, str]
"""A chart row: label, value, value as text."""


@dataclass(frozen=True)
class Chart:
    title: str  # with its period
    alt: str
    rows: Sequence[Row]
    table_labels: Sequence[str]  # full names for the table
    value_heading: str


@dataclass(frozen=True)
class ServiceFigures:
    """What one service's newest figures say, in one language (Markdown where noted)."""

    service: str
    name: str
    headline: str | None  # Markdown
    change: str | None
    measures: list[tuple[str, str]]  # (label, value) of the newest period's other measures
    charts: list[Chart]
    as_of: str | None


@dataclass(frozen=True)
class Infographic:
    """The newest figures for one language, for the printable A4 infographic."""

    title: str
    headline: str  # Markdown
    lines: list[str]
    source: str
    charts: list[tuple[str, str, list[Row]]]
    """Each chart as (title, alt text, rows)."""


class StatisticsWriter:
    def __init__(
        self, stats: Statistics, vocabulary: Vocabulary, labels: Labels, language: str, colour: str
    ):
        self.stats = stats
        self.vocabulary = vocabulary
        self.labels = labels
        self.language = language
        self.colour = colour
        self.figures = Figures(stats, vocabulary, labels)

    def value(self, text: str) -> str:
        """A data text (a word of the vocabulary, a source's title) put into a label.

        Plain here (the infographic gets plain text); the statistics page escapes it."""
        return text

    def label(self, key: str, **values: object) -> str:
        return self.labels(key, self.language, **values)

    def words(self, text: dict[str, str]) -> str:
        return text[self.language]

    def number(self, value: float) -> str:
        return self.labels.number(value, self.language)

    def period(self, period: Period) -> str:
        return period_name(period, self.labels, self.language)

    def date(self, day: object) -> str:
        return date_text(day, self.labels, self.language)  # type: ignore[arg-type]

    # -- one service --------------------------------------------------------

    def service(self, service: str) -> ServiceFigures:
        info = self.vocabulary.services[service]
        name = self.words(info.label)
        newest = self.stats.newest_with(service, {"calls"})
        latest = max(
            self.stats.services.get(service, []), key=lambda p: (p.end, p.days), default=None
        )
        if latest is None:
            return ServiceFigures(service, name, None, None, [], [], None)
        headline = change = None
        if newest is not None:
            headline = self.label(
                "stats.headline",
                period=self.value(self.period(newest)),
                service=self.value(name),
                calls=self.figures.measure(newest.figures["calls"], self.language),
            )
            change = self.change_line(service, newest)
        basis = newest or latest
        measures = [
            (self.words(measure.label), self.figures.measure(basis.figures[name_], self.language))
            for name_, measure in self.vocabulary.measures.items()
            if name_ != "calls" and measure.part_of != "calls" and name_ in basis.figures
        ]  # the parts of calls have their own chart
        charts = self.charts(service)
        # A breakdown with one category given ("57,8% người dân") reads better as a line.
        measures += [(chart.title, chart.rows[0][2]) for chart in charts if len(chart.rows) == 1]
        charts = [chart for chart in charts if len(chart.rows) > 1]
        return ServiceFigures(service, name, headline, change, measures, charts, self.as_of(basis))

    def citations(self, service: str) -> list[str]:
        """A ready citation per figure of the service's newest period: the line, the measure,
        its value, the period and the source (title, publisher, publication date)."""
        basis = self.stats.newest_with(service, {"calls"}) or max(
            self.stats.services.get(service, []), key=lambda p: (p.end, p.days), default=None
        )
        if basis is None:
            return []
        name = self.words(self.vocabulary.services[service].label)
        lines = []
        for key, measure in self.vocabulary.measures.items():
            if key not in basis.figures:
                continue
            source = self.stats.source(basis.figures[key].source)
            retrieved = self.label("stats.retrieved", date=self.date(source.retrieved))
            lines.append(
                self.label(
                    "stats.citation",
                    service=self.value(name[:1].upper() + name[1:]),  # it starts the sentence
                    measure=self.value(_lower_first(self.words(measure.label))),
                    value=self.figures.measure(basis.figures[key], self.language),
                    period=self.value(self.period(basis)),
                    source=self.cite(source),
                    retrieved=self.value(retrieved),
                )
            )
        return lines

    def change_line(self, service: str, period: Period) -> str | None:
        previous = self.stats.year_before(service, period, "calls")
        if previous is None:
            return None
        now, before = period.figures["calls"].value, previous.figures["calls"].value
        if before == 0:
            return None
        pct = abs(now - before) / before * 100
        return self.label(
            "stats.down" if now < before else "stats.up",
            pct=self.labels.percent(pct, self.language),
            previous=self.figures.measure(previous.figures["calls"], self.language),
            previous_period=self.value(self.period(previous)),
        )

    def as_of(self, period: Period) -> str:
        sources = self.sources_of([period])
        return self.label(
            "stats.as_of",
            period=self.value(self.period(period)),
            end=self.value(self.date(period.end)),
            sources="; ".join(self.cite(source) for source in sources),
            retrieved=self.value(", ".join(sorted({self.date(s.retrieved) for s in sources}))),
        )

    def sources_of(self, periods: Sequence[Period]) -> list[Source]:
        ids: list[str] = []
        for period in periods:
            used = [f.source for f in period.figures.values()]
            used += [s.source for s in period.breakdowns.values()]
            for source_id in used:
                if source_id not in ids:
                    ids.append(source_id)
        return [self.stats.source(source_id) for source_id in ids]

    def cite(self, source: Source) -> str:
        """How to cite ``source``: title, publisher, publication date (plain text)."""
        parts = [source.title]
        if source.publisher and source.publisher not in source.title:
            parts.append(source.publisher)
        text = ", ".join(parts)
        if source.published:
            text += ", " + self.label("stats.published", date=self.date(source.published))
        return text

    def charts(self, service: str) -> list[Chart]:
        charts = []
        parts = [n for n, m in self.vocabulary.measures.items() if m.part_of == "calls"]
        period = self.stats.newest_with(service, set(parts[:1])) if parts else None
        if period is not None:
            present = [n for n in parts if n in period.figures]
            rows = [
                (
                    self.words(self.vocabulary.measures[n].label),
                    period.figures[n].value,
                    self.number(period.figures[n].value),
                )
                for n in present
            ]
            charts.append(
                self.chart(
                    self.label("stats.by_type"),
                    period,
                    rows,
                    [r[0] for r in rows],
                    self.label("stats.calls"),
                )
            )
        for name, breakdown in self.vocabulary.breakdowns.items():
            period = self.stats.newest_with(service, {name})
            if period is None:
                continue
            split = period.breakdowns[name]
            categories = self.vocabulary.schemes[split.scheme].categories
            ordered = [c for c in categories if c in split.values]
            if breakdown.unit == "percent":
                ordered.sort(key=lambda c: -split.values[c])
            rows = [
                (
                    self.words(categories[c].short or categories[c].label),
                    split.values[c],
                    self.figures.amount(split.values[c], breakdown.unit, self.language),
                )
                for c in ordered
            ]
            heading = (
                self.label("stats.share")
                if breakdown.unit == "percent"
                else self.words(self.vocabulary.units[breakdown.unit])
            )
            charts.append(
                self.chart(
                    self.words(breakdown.label),
                    period,
                    rows,
                    [self.words(categories[c].label) for c in ordered],
                    heading,
                )
            )
        return charts

    def chart(
        self, title: str, period: Period, rows: list[Row], table_labels: list[str], heading: str
    ) -> Chart:
        if len(rows) == 1:
            title = f"{title}: {table_labels[0]}"
        titled = self.label("stats.chart_title", title=title, period=self.period(period))
        values = "; ".join(f"{label}: {shown}" for label, _, shown in rows)
        alt = self.label("stats.chart_alt", title=titled, values=values)
        return Chart(titled, alt, rows, table_labels, heading)

    # -- the infographic ----------------------------------------------------

    def infographic(self) -> Infographic:
        blocks = [self.service(s) for s in self.vocabulary.services]
        blocks = [b for b in blocks if b.headline]
        first = blocks[0]
        lines = [line for line in (first.change,) if line]
        lines += [f"{label}: **{value}**" for label, value in first.measures]
        for other in blocks[1:]:
            lines.append(other.headline or "")
        sources = self.sources_of(
            [p for s in self.vocabulary.services for p in self.stats.periods(s)]
        )
        source = self.label(
            "stats.source",
            title="; ".join(self.cite(s) for s in sources),
            retrieved=", ".join(sorted({self.date(s.retrieved) for s in sources})),
        )
        return Infographic(
            title=self.label("stats.title"),
            headline=first.headline or "",
            lines=lines,
            source=source,
            charts=[(c.title, c.alt, list(c.rows)) for c in first.charts],
        )


def has_figures(stats: Statistics | None) -> bool:
    return stats is not None and any("calls" in period.figures for _, period in stats.values())


def infographic(
    stats: Statistics, vocabulary: Vocabulary, labels: Labels, language: str, *, colour: str
) -> Infographic:
    return StatisticsWriter(stats, vocabulary, labels, language, colour).infographic()


def _lower_first(label: str) -> str:
    """ "Cuộc gọi đến" -> "cuộc gọi đến" (inside a sentence), an acronym kept ("SMS")."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]
