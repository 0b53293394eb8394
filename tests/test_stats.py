"""The statistics pipeline: feeds served on 127.0.0.1, checks, merge, and the pages."""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, Project

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats

from hotline_site.stats import load_statistics

FEEDS = FIXTURES / "feeds"
SEED = FEEDS / "seed-article.txt"

Route = tuple[int, str, bytes]


class FeedServer:
    """A tiny HTTP server on 127.0.0.1 serving canned responses."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/slow":
                    time.sleep(2)
                status, content_type, body = routes.get(self.path, (404, "text/plain", b"nope"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture(scope="module")
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    server.routes.update(
        {
            "/feed.json": (200, "application/json", (FEEDS / "newer.json").read_bytes()),
            "/feed.csv": (200, "text/csv; charset=utf-8", (FEEDS / "newer.csv").read_bytes()),
            "/news": (
                200,
                "text/html; charset=utf-8",
                (FEEDS / "article-quarter.html").read_bytes(),
            ),
            "/broken": (500, "text/plain", b"internal error"),
            "/image": (200, "image/png", b"\x89PNG"),
            "/latin1.csv": (
                200,
                "text/csv",
                b"start,end,measure,category,value\n" + "é".encode("latin-1"),
            ),
            "/truncated.json": (200, "application/json", (FEEDS / "newer.json").read_bytes()[:200]),
            "/slow": (200, "application/json", b"{}"),
        }
    )
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def stats_file(tmp_path: Path) -> Path:
    path = tmp_path / "stats.yml"
    shutil.copy(ROOT / "campaigns" / "hotline-111" / "stats.yml", path)
    return path


def run(*args: str) -> int:
    return update_stats.main(list(args))


def test_seed_article_yields_exactly_the_published_figures(tmp_path: Path) -> None:
    path = tmp_path / "stats.yml"
    path.write_text('hotline: "111"\nperiods: []\n')
    assert run(str(SEED), "--stats", str(path)) == 0
    stats = load_statistics(path)
    by_start = {str(p.start): p for p in stats.periods}
    first_half = by_start["2019-01-01"]
    assert str(first_half.end) == "2019-06-30"
    assert first_half.calls_total == 764
    assert first_half.calls_by_type == {"information": 607, "counselling": 141, "referral": 16}
    assert first_half.caller_public_pct == 57.8
    assert first_half.caller_gender_pct == {"male": 61.3, "female": 38.7}
    assert first_half.region_pct == {
        "northern_midlands_mountains": 32.7,
        "red_river_delta": 22.3,
        "north_central": 16.4,
        "southeast_and_mekong": 15.7,
        "south_central_coast": 6.8,
        "central_highlands": 5.9,
        "abroad": 0.1,
    }
    assert by_start["2018-01-01"].calls_total == 1249
    assert str(by_start["2018-01-01"].end) == "2018-06-30"


def test_the_shipped_data_matches_the_seed(
    stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats_file.read_bytes()
    assert run(str(SEED), "--stats", str(stats_file)) == 0
    assert "No change" in capsys.readouterr().out
    assert stats_file.read_bytes() == before


def test_json_feed_adds_a_period_and_keeps_the_others(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(feeds.url("/feed.json"), "--stats", str(stats_file)) == 0
    assert "added period 2019-07-01 to 2019-12-31: 812 calls" in capsys.readouterr().out
    stats = load_statistics(stats_file)
    assert [str(p.start) for p in stats.sorted_periods()] == [
        "2018-01-01",
        "2019-01-01",
        "2019-07-01",
    ]
    newest = stats.latest()
    assert newest is not None and newest.source is not None
    assert newest.source.url == feeds.url("/feed.json")
    assert len(newest.source.sha256) == 64

    after_first = stats_file.read_bytes()
    assert run(feeds.url("/feed.json"), "--stats", str(stats_file)) == 0
    assert "No change" in capsys.readouterr().out
    assert stats_file.read_bytes() == after_first


def test_csv_feed(feeds: FeedServer, stats_file: Path) -> None:
    assert run(feeds.url("/feed.csv"), "--stats", str(stats_file)) == 0
    newest = load_statistics(stats_file).latest()
    assert newest is not None
    assert newest.calls_total == 900
    assert newest.calls_by_type == {"information": 700, "counselling": 180, "referral": 20}
    assert newest.caller_gender_pct == {"male": 50.0, "female": 50.0}


def test_html_article_with_other_wording(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(feeds.url("/news"), "--stats", str(stats_file)) == 0
    out = capsys.readouterr().out
    assert "2020-01-01 to 2020-03-31  calls_total: 1302" in out  # printed field by field
    stats = load_statistics(stats_file)
    quarter = {str(p.start): p for p in stats.periods}["2020-01-01"]
    assert quarter.calls_total == 1302  # not the 999 inside the page's script
    assert quarter.calls_by_type == {"information": 1100, "counselling": 180, "referral": 22}
    assert quarter.caller_public_pct == 60.5
    assert quarter.caller_gender_pct == {"male": 55.0, "female": 45.0}
    year_before = {str(p.start): p for p in stats.periods}["2019-01-01"]
    assert str(year_before.end) == "2019-03-31" and year_before.calls_total == 1249


def test_dry_run_writes_nothing(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats_file.read_bytes()
    assert run(feeds.url("/feed.json"), "--stats", str(stats_file), "--dry-run") == 0
    assert "added period 2019-07-01" in capsys.readouterr().out
    assert stats_file.read_bytes() == before


def _period(**changes: Any) -> dict[str, Any]:
    period = json.loads((FEEDS / "newer.json").read_text())["periods"][0]
    period.update(changes)
    return period


BAD_JSON = {
    "future end": (
        {"periods": [_period(end="2999-12-31")]},
        ["2019-07-01 to 2999-12-31", "in the future"],
    ),
    "end before start": ({"periods": [_period(end="2019-01-01")]}, ["must be after start"]),
    "negative count": (
        {"periods": [_period(calls_total=-5)]},
        ["calls_total", "greater than or equal to 0"],
    ),
    "types do not add up": (
        {"periods": [_period(calls_total=900)]},
        ["calls_by_type add up to 812"],
    ),
    "percentages over 100": (
        {"periods": [_period(caller_gender_pct={"male": 70.0, "female": 40.0})]},
        ["caller_gender_pct adds up to 110.0%"],
    ),
    "unknown field": ({"periods": [_period(calls_totl=5)]}, ["calls_totl", "unknown field"]),
    "unknown category": (
        {"periods": [_period(region_pct={"mars": 100.0})]},
        ["region_pct.mars: unknown category; input should be"],
    ),
    "same period twice": (
        {"periods": [_period(), _period(calls_total=700, calls_by_type=None)]},
        ["period 2019-07-01 to 2019-12-31", "given twice with different figures"],
    ),
    "wrong hotline": ({"hotline": "112", "periods": [_period()]}, ["hotline", "expected '111'"]),
}


@pytest.mark.parametrize("case", list(BAD_JSON))
def test_bad_feed_leaves_stats_unchanged(
    case: str, tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, expected = BAD_JSON[case]
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"hotline": "111", **body}))
    before = stats_file.read_bytes()
    assert run(str(feed), "--stats", str(stats_file)) == 1
    err = capsys.readouterr().err
    assert "feed.json" in err
    for fragment in expected:
        assert fragment in err
    assert stats_file.read_bytes() == before


BAD_DOWNLOADS = {
    "/broken": (["HTTP error 500"], []),
    "/image": (["wrong content type image/png"], []),
    "/latin1.csv": (["bad encoding"], []),
    "/truncated.json": (["invalid or truncated JSON"], []),
    "/slow": (["timeout"], ["--timeout", "0.5"]),
    "/feed.json": (["larger than the limit of 100 bytes"], ["--max-bytes", "100"]),
    "/missing": (["HTTP error 404"], []),
}


@pytest.mark.parametrize("path", list(BAD_DOWNLOADS))
def test_failed_download_leaves_stats_unchanged(
    path: str, feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, extra = BAD_DOWNLOADS[path]
    before = stats_file.read_bytes()
    assert run(feeds.url(path), "--stats", str(stats_file), *extra) == 1
    err = capsys.readouterr().err
    assert feeds.url(path) in err
    for fragment in expected:
        assert fragment in err
    assert "was not changed" in err
    assert stats_file.read_bytes() == before


def test_new_figures_reach_the_pages_in_both_languages(project: Project, feeds: FeedServer) -> None:
    assert run(feeds.url("/feed.json"), "--stats", str(project.campaign / "stats.yml")) == 0
    project.built()
    vi = project.html("statistics/index.html")
    en = project.html("en/statistics/index.html")
    assert (
        "Trong 6 tháng cuối năm 2019, Tổng đài 111 đã tiếp nhận <strong>812</strong> cuộc gọi."
        in vi
    )
    assert "In the second half of 2019, the 111 hotline received <strong>812</strong> calls." in en
    assert "60,1%" in vi and "60.1%" in en
    assert "<svg" in vi and 'role="img"' in vi and "aria-label=" in vi
    for period in ("6 tháng đầu năm 2018", "6 tháng đầu năm 2019", "6 tháng cuối năm 2019"):
        assert period in vi  # the full history
    home_vi = project.html("index.html")
    home_en = project.html("en/index.html")
    assert "Trong 6 tháng cuối năm 2019, Tổng đài 111 đã tiếp nhận <strong>812</strong>" in home_vi
    assert "In the second half of 2019, the 111 hotline received <strong>812</strong>" in home_en
    lesson = project.html("materials/schools/lesson/index.html")
    assert "Trong 6 tháng cuối năm 2019, tổng đài nhận 812 cuộc gọi." in lesson
    from pypdf import PdfReader

    for language, headline in (
        ("vi", "Trong 6 tháng cuối năm 2019, Tổng đài 111 đã tiếp nhận 812 cuộc gọi."),
        ("en", "In the second half of 2019, the 111 hotline received 812 calls."),
    ):
        infographic = PdfReader(
            project.site / "downloads" / f"hotline-statistics-{language}-a4.pdf"
        )
        assert len(infographic.pages) == 1
        assert headline in " ".join(infographic.pages[0].extract_text().split())
    assert 'href="../downloads/hotline-statistics-vi-a4.pdf"' in vi


def test_seed_statistics_page_compares_with_the_year_before(built_project: Project) -> None:
    vi = built_project.html("statistics/index.html")
    en = built_project.html("en/statistics/index.html")
    assert "giảm 38,8% so với 1.249 cuộc gọi của 6 tháng đầu năm 2018" in vi
    assert "38.8% fewer than the 1,249 calls of the first half of 2018" in en
    assert "Trung du và miền núi phía Bắc" in vi and "32,7%" in vi
    assert "Northern midlands and mountains" in en and "32.7%" in en
