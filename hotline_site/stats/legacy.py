"""The first format of ``stats.yml`` (and of feeds): the trafficking line's periods.

``load_statistics`` reads such a file as format 2 data, through :func:`legacy_statistics`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hotline_site.stats.findings import Finding
from hotline_site.stats.values import FeedError, public_url, read_date, read_finding
from hotline_site.stats.vocabulary import Vocabulary

LEGACY_SERVICE = "trafficking"
"""The service of every figure in a file of the first format."""

LEGACY_TYPES = {
    "information": "calls_information",
    "counselling": "calls_counselling",
    "referral": "calls_referral",
}


def legacy_findings(periods: list[Any], name: str, vocabulary: Vocabulary) -> list[Finding]:
    findings = []
    for index, item in enumerate(periods):
        where = f"periods[{index}]"
        if not isinstance(item, dict):
            raise FeedError(name, "each period must be an object", where=where)
        unknown = set(item) - {
            "start",
            "end",
            "calls_total",
            "calls_by_type",
            "caller_public_pct",
            "caller_gender_pct",
            "region_pct",
        }
        if unknown:
            raise FeedError(name, "unknown field", where=f"{where}.{sorted(unknown)[0]}")
        start, end = (read_date(item.get(key), name, f"{where}.{key}") for key in ("start", "end"))
        figures: dict[str, tuple[Any, str]] = {}  # figure -> (value, the feed's own field)
        if "calls_total" in item:
            figures["calls"] = (item["calls_total"], "calls_total")
        for kind, count in (item.get("calls_by_type") or {}).items():
            if kind not in LEGACY_TYPES:
                raise FeedError(
                    name,
                    f"unknown call type; expected {', '.join(LEGACY_TYPES)}",
                    where=f"{where}.calls_by_type.{kind}",
                )
            figures[LEGACY_TYPES[kind]] = (count, f"calls_by_type.{kind}")
        if item.get("caller_public_pct") is not None:
            figures["caller_type_pct"] = (
                {"public": item["caller_public_pct"]},
                "caller_public_pct",
            )
        if item.get("caller_gender_pct"):
            figures["caller_gender_pct"] = (item["caller_gender_pct"], "caller_gender_pct")
        if item.get("region_pct"):
            figures["region_pct"] = (
                {"scheme": "regions_2019", "values": item["region_pct"]},
                "region_pct",
            )
        for figure, (value, field) in figures.items():
            findings.append(
                read_finding(
                    LEGACY_SERVICE, start, end, figure, value, vocabulary, name, f"{where}.{field}"
                )
            )
    return findings


def legacy_statistics(data: dict[str, Any], vocabulary: Vocabulary) -> dict[str, Any]:
    """A ``stats.yml`` of the first format as format 2 data: the trafficking line's periods."""
    services: list[dict[str, Any]] = []
    sources: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(data.get("periods") or []):
        raw_source = dict(item.get("source") or {})
        digest = str(raw_source.get("sha256") or "0" * 64)
        source_id = digest[:12]
        sources.setdefault(
            source_id,
            {
                "id": source_id,
                "title": raw_source.get("title") or "stats.yml",
                "url": public_url(raw_source.get("url")),
                "retrieved": raw_source.get("retrieved") or dt.date.today(),
                "sha256": digest,
            },
        )
        plain = {key: value for key, value in item.items() if key != "source"}
        period: dict[str, Any] = {
            "start": plain.get("start"),
            "end": plain.get("end"),
            "figures": {},
            "breakdowns": {},
        }
        for finding in legacy_findings([plain], f"stats.yml periods[{index}]", vocabulary):
            if isinstance(finding.value, dict):
                period["breakdowns"][finding.name] = {
                    "scheme": finding.scheme,
                    "values": finding.value,
                    "source": source_id,
                }
            else:
                period["figures"][finding.name] = {"value": finding.value, "source": source_id}
        services.append(period)
    return {
        "format": 2,
        "hotline": data.get("hotline"),
        "sources": list(sources.values()),
        "services": {LEGACY_SERVICE: services},
    }
