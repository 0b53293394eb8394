"""What an import found, before it is merged: figures with period and service, and refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One value read from a source.

    ``value`` is a number for a measure (``calls``) and ``{category: number}``
    for a breakdown (``caller_gender_pct``), whose ``scheme`` is then set.
    """

    service: str
    start: dt.date
    end: dt.date
    name: str
    value: float | dict[str, float]
    approx: str | None = None
    derived: bool = False
    scheme: str | None = None
    quote: str | None = None

    @property
    def period(self) -> str:
        return f"{self.start} to {self.end}"


@dataclass(frozen=True)
class Refusal:
    """Something a careful reader would not import, with the reason and the sentence."""

    reason: str
    quote: str

    def __str__(self) -> str:
        return f"{self.reason}: “{self.quote}”"


@dataclass
class Reading:
    findings: list[Finding] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)

    def grouped(self) -> list[dict[str, Any]]:
        """``[{"service", "start", "end", "figures": {name: value or {"value", "approx"}}}]``.

        A derived value is an object with ``"derived": true``; each group also
        has ``"quotes"``: name -> the sentence or cell it was read from.
        """
        groups: dict[tuple[str, dt.date, dt.date], dict[str, Any]] = {}
        for finding in self.findings:
            key = (finding.service, finding.start, finding.end)
            group = groups.setdefault(
                key,
                {
                    "service": finding.service,
                    "start": finding.start.isoformat(),
                    "end": finding.end.isoformat(),
                    "figures": {},
                    "quotes": {},
                },
            )
            value: Any = _plain(finding.value)
            if finding.approx or finding.derived:
                value = {"value": value}
                if finding.approx:
                    value["approx"] = finding.approx
                if finding.derived:
                    value["derived"] = True
            group["figures"][finding.name] = value
            group["quotes"][finding.name] = finding.quote
        return sorted(groups.values(), key=lambda g: (g["service"], g["start"], g["end"]))


def _plain(value: float | dict[str, float]) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return int(value) if value == int(value) else value
