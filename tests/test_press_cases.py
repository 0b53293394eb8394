"""Every press-report case in ``../shared/cases/press/cases.yml``, with its exact expected values.

A case lists what a careful reader takes (``expect``), numbers that must never
be imported (``never``, ``never_for_period``) or why nothing may be imported
(``refuse``). The importer may take more than a case lists, never different
values, and never a period or service the case does not list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT

from hotline_site.stats.findings import Finding, Reading
from hotline_site.stats.importers.merge import MergeError, merge
from hotline_site.stats.importers.press import read_report
from hotline_site.stats.model import Source, Statistics
from hotline_site.stats.vocabulary import load_vocabulary

CASES_FILE = FIXTURES / "press" / "cases.yml"
"""The shared cases (``../shared/cases/press/cases.yml``), copied as they are so that a
clone tests on its own; the copy is checked against the original where it is present."""
SHARED = ROOT.parent / "shared"
SEED = FIXTURES / "feeds" / "seed-article.txt"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
VOCABULARY = load_vocabulary(("vi", "en"))


def expected_value(value: Any) -> tuple[float | dict[str, float], bool]:
    """``"~215000"`` -> (215000, approximate); numbers and breakdowns as they are."""
    if isinstance(value, str) and value.startswith("~"):
        return float(value[1:]), True
    if isinstance(value, dict):
        return {key: float(item) for key, item in value.items()}, False
    return float(value), False


def read(case: dict[str, Any]) -> Reading:
    return read_report(case["text"], VOCABULARY, is_html=case.get("format") == "html")


def period_of(finding: Finding) -> tuple[dt.date, dt.date]:
    return (finding.start, finding.end)


def test_the_cases_file_is_there() -> None:
    assert CASES_FILE.is_file(), CASES_FILE
    assert len(CASES) >= 20


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared beside this clone")
def test_the_copies_are_the_shared_files_as_they_are() -> None:
    assert CASES_FILE.read_bytes() == (SHARED / "cases" / "press" / "cases.yml").read_bytes()
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    assert [SEED.read_bytes()] == [seed.read_bytes() for seed in seeds]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_press_case(case: dict[str, Any]) -> None:
    reading = read(case)
    found = {
        (f.service, f.start, f.end, f.name): f for f in reading.findings
    }  # one value per key: two different ones would be a conflict below
    for finding in reading.findings:
        twin = found[(finding.service, finding.start, finding.end, finding.name)]
        assert twin.value == finding.value, f"two values for {finding.name}: {twin} / {finding}"

    if "refuse" in case:
        if case["id"] == "implausible-scale":
            check_implausible(reading)
            return
        assert not reading.findings, f"imported {reading.findings} but the case says refuse"
        reason = case["refuse"].split(" (")[0].split(";")[0]
        reasons = " | ".join(refusal.reason for refusal in reading.refusals)
        assert reason.split()[0] in reasons, f"expected a refusal like {reason!r}, got {reasons!r}"
        for refusal in reading.refusals:
            assert refusal.quote.strip(), "a refusal names its sentence"
        return

    allowed_periods = set()
    for expect in case["expect"]:
        start, end = (dt.date.fromisoformat(str(day)) for day in expect["period"])
        allowed_periods.add((expect["service"], start, end))
        for name, raw in expect["figures"].items():
            value, approximate = expected_value(raw)
            finding = found.get((expect["service"], start, end, name))
            if finding is None:
                assert expect.get("optional"), f"missing {expect['service']} {start}..{end} {name}"
                continue
            assert finding.value == value, f"{name}: {finding.value} != {value}"
            assert bool(finding.approx) == approximate, f"{name}: approx {finding.approx}"
            assert finding.quote, "every value keeps the sentence it was read from"
            if expect.get("optional"):
                assert finding.derived, f"{name} of an earlier period must be marked derived"
    for finding in reading.findings:
        key = (finding.service, finding.start, finding.end)
        assert key in allowed_periods, f"imported a period the case does not list: {finding}"

    never = set(case.get("never", []))
    for finding in reading.findings:
        values = finding.value.values() if isinstance(finding.value, dict) else [finding.value]
        assert not never & set(values), f"imported {never & set(values)}, marked never"
    for span, numbers in case.get("never_for_period", {}).items():
        start, end = (dt.date.fromisoformat(day) for day in span.split(".."))
        for finding in reading.findings:
            if period_of(finding) == (start, end):
                assert finding.value not in numbers, f"{finding} in {span}"

    # The breakdowns the comments describe.
    if case["id"] == "child-line-counselling-breakdown":
        split = found[
            (
                "child_protection",
                dt.date(2022, 1, 1),
                dt.date(2022, 12, 31),
                "counselling_cases_by_type",
            )
        ]
        assert split.value == {"information": 19400, "in_depth": 9500, "support_request": 1220}
    if case["id"] == "eight-regions":
        split = found[("trafficking", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "region_pct")]
        assert split.scheme == "regions_2021"
        assert isinstance(split.value, dict) and len(split.value) == 8
        assert sum(split.value.values()) == pytest.approx(100, abs=0.5)


def check_implausible(reading: Reading) -> None:
    """With earlier periods of about a thousand calls, 352,000 in half a year is refused."""
    source = Source(id="0" * 12, title="earlier", retrieved=dt.date(2024, 1, 2), sha256="0" * 64)
    earlier = Statistics.model_validate(
        {
            "hotline": "111",
            "sources": [source.model_dump()],
            "services": {
                "trafficking": [
                    {
                        "start": f"{year}-01-01",
                        "end": f"{year}-06-30",
                        "figures": {"calls": {"value": calls, "source": source.id}},
                    }
                    for year, calls in ((2022, 1104), (2023, 1076))
                ]
            },
        },
        context={"vocabulary": VOCABULARY},
    )
    new_source = source.model_copy(update={"id": "1" * 12, "sha256": "1" * 64})
    with pytest.raises(MergeError, match="implausible"):
        merge(earlier, reading.findings, new_source, VOCABULARY)
    merged, _ = merge(earlier, reading.findings, new_source, VOCABULARY, accept_scale=True)
    assert merged.newest_with("trafficking", {"calls"}) is not None


def test_the_seed_article_reads_exactly(tmp_path: Path) -> None:
    reading = read_report(SEED.read_text(encoding="utf-8"), VOCABULARY)
    groups = {(g["service"], g["start"]): g["figures"] for g in reading.grouped()}
    assert groups == {
        ("trafficking", "2018-01-01"): {"calls": {"value": 1249, "derived": True}},
        ("trafficking", "2019-01-01"): {
            "calls": 764,
            "calls_information": 607,
            "calls_counselling": 141,
            "calls_referral": 16,
            "caller_type_pct": {"public": 57.8},
            "caller_gender_pct": {"male": 61.3, "female": 38.7},
            "region_pct": {
                "northern_midlands_mountains": 32.7,
                "red_river_delta": 22.3,
                "north_central": 16.4,
                "southeast_and_mekong": 15.7,
                "south_central_coast": 6.8,
                "central_highlands": 5.9,
                "abroad": 0.1,
            },
        },
    }
    assert not reading.refusals


MORE = [
    (
        "Năm 2020, Tổng đài quốc gia bảo vệ trẻ em 111 đã tiếp nhận gần 233.000 cuộc gọi.",
        ("child_protection", "2020-01-01", "2020-12-31", "calls", 233000, "nearly"),
    ),
    (
        "Trong 8 tháng đầu năm 2023, Tổng đài 111 đã kết nối, hỗ trợ 1.204 trẻ em.",
        ("child_protection", "2023-01-01", "2023-08-31", "children_supported", 1204, None),
    ),
    (
        "The 111 hotline received 1,200 calls in the first half of 2023, up 10% from 2022.",
        ("child_protection", "2023-01-01", "2023-06-30", "calls", 1200, None),
    ),
    (
        "In 2019 the anti-trafficking hotline answered 2,070 calls.",
        ("trafficking", "2019-01-01", "2019-12-31", "calls", 2070, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE, ids=[e[3] + e[1] for _, e in MORE])
def test_other_wordings(text: str, expected: tuple[Any, ...]) -> None:
    service, start, end, name, value, approx = expected
    reading = read_report(text, VOCABULARY)
    assert [
        (f.service, str(f.start), str(f.end), f.name, f.value, f.approx) for f in reading.findings
    ] == [(service, start, end, name, value, approx)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Từ đầu năm đến nay, Tổng đài 111 đã nhận 120.000 cuộc gọi.", "no reporting period"),
        ("Sau 15 năm, Tổng đài 111 đã tiếp nhận hơn 4 triệu cuộc gọi.", "cumulative"),
    ],
)
def test_other_refusals(text: str, reason: str) -> None:
    reading = read_report(text, VOCABULARY)
    assert not reading.findings
    assert reason in reading.refusals[0].reason and reading.refusals[0].quote == text
