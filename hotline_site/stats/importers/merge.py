"""Merge imported values into the statistics: add, never lose.

- A new value is added to its period (the period is created if needed).
- The same value again changes nothing.
- A derived value (from a comparison) never replaces a stated one; a stated
  value replaces a derived one, which goes to the period's history.
- A different stated value needs ``replace=True``; the old value goes to the
  period's history. Without it the merge is refused, naming each value.
- A count of calls ten times above or below what the same line had in its
  other periods (per day), or outside ten times the line's usual yearly range,
  is refused as implausible unless ``accept_scale=True``.
"""

from __future__ import annotations

import datetime as dt
import statistics as pystats
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from hotline_site.stats.findings import Finding
from hotline_site.stats.model import Figure, Source, Split, Statistics
from hotline_site.stats.vocabulary import Vocabulary

SCALE_FACTOR = 10
"""How far a rate of calls may stray from the line's other periods before it is refused."""


class MergeError(Exception):
    """The import would lose or corrupt data; one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Change:
    """One value the merge adds, replaces or keeps (as ``kind``)."""

    kind: str  # "added", "replaced", "kept"
    service: str
    start: dt.date
    end: dt.date
    name: str
    old: Any
    new: Any
    quote: str | None

    def __str__(self) -> str:
        where = f"{self.service} {self.start} to {self.end}: {self.name}"
        if self.kind == "added":
            return f"add      {where} = {_shown(self.new)}"
        if self.kind == "replaced":
            old, new = _shown(self.old), _shown(self.new)
            return f"replace  {where}: {old} -> {new} (old value kept in history)"
        return f"keep     {where} = {_shown(self.old)} (not the derived {_shown(self.new)})"


def _shown(value: Any) -> str:
    if isinstance(value, Figure):
        text = f"{value.value:g}"
        if value.approx:
            text = f"{value.approx} {text}"
        return text + (" (derived)" if value.derived else "")
    if isinstance(value, Split):
        return ", ".join(f"{k} {v:g}" for k, v in value.values.items()) + f" [{value.scheme}]"
    return str(value)


def merge(
    stats: Statistics,
    findings: list[Finding],
    source: Source,
    vocabulary: Vocabulary,
    *,
    replace: bool = False,
    accept_scale: bool = False,
    today: dt.date | None = None,
) -> tuple[Statistics, list[Change]]:
    """The statistics with ``findings`` merged in, and the changes; raises ``MergeError``."""
    today = today or dt.date.today()
    problems: list[str] = []
    unique = _unique(findings, problems)
    for finding in unique:
        if finding.end < finding.start:
            problems.append(
                f"{finding.service} {finding.period}: end {finding.end} "
                f"is before start {finding.start}"
            )
        elif finding.end > today:
            problems.append(
                f"{finding.service} {finding.period}: end {finding.end} is in the future"
            )
    if problems:
        raise MergeError(sorted(set(problems)))
    if not accept_scale:
        problems += [_implausible(stats, finding, vocabulary) for finding in unique]
        problems = [problem for problem in problems if problem]
    services: dict[str, dict[tuple[dt.date, dt.date], dict[str, Any]]] = {
        service: {
            period.key: {
                "start": period.start,
                "end": period.end,
                "figures": dict(period.figures),
                "breakdowns": dict(period.breakdowns),
                "history": [entry.model_dump() for entry in period.history],
            }
            for period in periods
        }
        for service, periods in stats.services.items()
    }
    changes: list[Change] = []
    for finding in unique:
        periods = services.setdefault(finding.service, {})
        period = periods.setdefault(
            (finding.start, finding.end),
            {
                "start": finding.start,
                "end": finding.end,
                "figures": {},
                "breakdowns": {},
                "history": [],
            },
        )
        new: Figure | Split
        if isinstance(finding.value, dict):
            new = Split(
                scheme=finding.scheme or "",
                values=finding.value,
                source=source.id,
                quote=finding.quote,
            )
            slot = period["breakdowns"]
        else:
            new = Figure(
                value=finding.value,
                approx=finding.approx,
                derived=finding.derived,
                source=source.id,
                quote=finding.quote,
            )
            slot = period["figures"]
        old = slot.get(finding.name)
        change = _decide(finding, old, new, replace, problems)
        if change is None:
            continue
        changes.append(change)
        if change.kind == "kept":
            continue
        if change.kind == "replaced":
            assert old is not None
            period["history"].append(
                {
                    "name": finding.name,
                    "replaced": today,
                    "split" if isinstance(old, Split) else "figure": old.model_dump(),
                }
            )
        slot[finding.name] = new
    if problems:
        raise MergeError(problems)
    used = any(change.kind != "kept" for change in changes)
    sources = list(stats.sources)
    if used and all(known.id != source.id for known in sources):
        sources.append(source)
    try:
        merged = Statistics.model_validate(
            {
                "format": 2,
                "hotline": stats.hotline,
                "sources": [known.model_dump() for known in sources],
                "services": {
                    service: [_plain_period(period) for _, period in sorted(periods.items())]
                    for service, periods in services.items()
                },
            },
            context={"vocabulary": vocabulary, "today": today},
        )
    except ValidationError as exc:
        raise MergeError(
            [
                f"{'.'.join(str(part) for part in error['loc'])}: "
                f"{error['msg'].removeprefix('Value error, ')}"
                for error in exc.errors(include_url=False)
            ]
        ) from None
    return merged, changes


def _plain_period(period: dict[str, Any]) -> dict[str, Any]:
    return {
        "start": period["start"],
        "end": period["end"],
        "figures": {k: v.model_dump() for k, v in period["figures"].items()},
        "breakdowns": {k: v.model_dump() for k, v in period["breakdowns"].items()},
        "history": period["history"],
    }


def _unique(findings: list[Finding], problems: list[str]) -> list[Finding]:
    """One finding per value; a source that gives two different values is refused."""
    seen: dict[tuple[Any, ...], Finding] = {}
    for finding in findings:
        key = (finding.service, finding.start, finding.end, finding.name)
        other = seen.get(key)
        if other is None:
            seen[key] = finding
        elif (other.value, other.approx) != (finding.value, finding.approx):
            if other.derived != finding.derived:
                seen[key] = other if not other.derived else finding  # stated beats derived
            else:
                problems.append(
                    f"{finding.service} {finding.period}: {finding.name}: the source gives two "
                    f"different values, {other.value} (“{other.quote}”) and {finding.value} "
                    f"(“{finding.quote}”)"
                )
    return list(seen.values())


def _decide(
    finding: Finding,
    old: Figure | Split | None,
    new: Figure | Split,
    replace: bool,
    problems: list[str],
) -> Change | None:
    def change(kind: str) -> Change:
        return Change(
            kind, finding.service, finding.start, finding.end, finding.name, old, new, finding.quote
        )

    if old is None:
        return change("added")
    if isinstance(old, Split) and isinstance(new, Split):
        if old.scheme == new.scheme and old.values == new.values:
            return None
    elif isinstance(old, Figure) and isinstance(new, Figure):
        if (old.value, old.approx) == (new.value, new.approx):
            return None
        if new.derived:
            return change("kept")
        if old.derived:
            return change("replaced")
    if replace:
        return change("replaced")
    problems.append(
        f"{finding.service} {finding.period}: {finding.name}: stored {_shown(old)}, "
        f"this source says {_shown(new)} (“{finding.quote}”); run again with --replace to "
        "replace it (the stored value is kept in the period's history)"
    )
    return None


def _implausible(stats: Statistics, finding: Finding, vocabulary: Vocabulary) -> str:
    if isinstance(finding.value, dict) or vocabulary.unit_of(finding.name) != "calls":
        return ""
    days = (finding.end - finding.start).days + 1
    rate = finding.value / days
    others = [
        period.figures[finding.name].value / period.days
        for period in stats.services.get(finding.service, [])
        if finding.name in period.figures
        and not period.figures[finding.name].derived
        and period.key != (finding.start, finding.end)
    ]
    if others:
        usual = pystats.median(others)
        low, high = usual / SCALE_FACTOR, usual * SCALE_FACTOR
        basis = f"the {len(others)} earlier period(s) of this line ({usual * 365:,.0f} a year)"
    elif finding.name == "calls":
        yearly = vocabulary.services[finding.service].calls_per_year
        low, high = yearly[0] / 365 / SCALE_FACTOR, yearly[1] / 365 * SCALE_FACTOR
        basis = f"this line's usual {yearly[0]:,}–{yearly[1]:,} calls a year"
    else:
        return ""
    if low <= rate <= high:
        return ""
    return (
        f"{finding.service} {finding.period}: {finding.name}: {finding.value:,.0f} is an "
        f"implausible scale ({rate * 365:,.0f} a year, more than {SCALE_FACTOR} times off "
        f"{basis}); check the line and the period (“{finding.quote}”), and if it is right, "
        "run again with --accept-scale"
    )
