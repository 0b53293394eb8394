"""The statistics pipeline end to end: feeds served on 127.0.0.1, review, merge, and the pages.

The reading of press reports is tested case by case in ``test_press_cases.py``.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import shutil
import subprocess
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

from hotline_site.stats.model import Statistics, load_statistics
from hotline_site.stats.vocabulary import load_vocabulary

FEEDS = FIXTURES / "feeds"
SEED = FEEDS / "seed-article.txt"  # ../shared/seeds/, as it is (see test_press_cases.py)
VOCABULARY = load_vocabulary(("vi", "en"))
Route = tuple[int, str, bytes]

FORMAT_2 = {
    "format": "hotline-111-stats/2",
    "hotline": "111",
    "source": {
        "title": "Báo cáo thử nghiệm",
        "publisher": "Bộ thử nghiệm",
        "url": "https://stats.example.test/feed.json?api_key=SECRET-KEY-123#top",
        "published": "2021-02-01",
    },
    "periods": [
        {
            "service": "child_protection",
            "start": "2020-01-01",
            "end": "2020-12-31",
            "figures": {
                "calls": {"value": 410000, "approx": "about"},
                "counselling_cases": 30500,
                "caller_gender_pct": {"male": 41.0, "female": 59.0},
            },
        },
        {
            "service": "trafficking",
            "start": "2020-01-01",
            "end": "2020-12-31",
            "figures": {"calls": 1800, "referral_cases": 40},
        },
    ],
}


class FeedServer:
    """A tiny HTTP server on 127.0.0.1 serving canned responses."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/trickle":  # one byte a second, for ever
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        for _ in range(120):
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(1)
                    return
                status, content_type, body = routes.get(path, (404, "text/plain", b"nope"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
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
            "/feed2.json": (200, "application/json", json.dumps(FORMAT_2).encode()),
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
        }
    )
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def stats_file(tmp_path: Path) -> Path:
    path = tmp_path / "stats.yml"
    shutil.copy(
        FIXTURES / "campaign" / "stats.yml", path
    )  # fixed test data, not the shipped figures
    return path


def run(*args: str) -> int:
    return update_stats.main([*args, *([] if "--dry-run" in args else ["--yes"])])


def load(path: Path) -> Statistics:
    return load_statistics(path, VOCABULARY)


def value(stats: Statistics, service: str, start: str, name: str) -> Any:
    period = next(p for p in stats.services[service] if str(p.start) == start)
    if name in period.figures:
        return period.figures[name].value
    return period.breakdowns[name].values


# -- the seed and the shipped data --------------------------------------------


def test_seed_article_imports_with_quotes_and_source(tmp_path: Path) -> None:
    path = tmp_path / "stats.yml"
    path.write_text('format: 2\nhotline: "111"\n')
    assert run(str(SEED), "--stats", str(path), "--title", "Bản tin") == 0
    stats = load(path)
    assert value(stats, "trafficking", "2019-01-01", "calls") == 764
    assert value(stats, "trafficking", "2019-01-01", "calls_referral") == 16
    assert value(stats, "trafficking", "2019-01-01", "caller_gender_pct") == {
        "male": 61.3,
        "female": 38.7,
    }
    first_half = next(p for p in stats.services["trafficking"] if str(p.start) == "2019-01-01")
    assert "764 cuộc gọi" in (first_half.figures["calls"].quote or "")
    assert first_half.breakdowns["region_pct"].scheme == "regions_2019"
    earlier = next(p for p in stats.services["trafficking"] if str(p.start) == "2018-01-01")
    assert earlier.figures["calls"].value == 1249 and earlier.figures["calls"].derived
    assert stats.sources[0].title == "Bản tin" and len(stats.sources[0].sha256) == 64
    assert "child_protection" not in stats.services  # the seed is the trafficking line's


def test_the_shipped_data_matches_the_seed(
    stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats_file.read_bytes()
    assert run(str(SEED), "--stats", str(stats_file)) == 0
    assert "No change" in capsys.readouterr().out
    assert stats_file.read_bytes() == before


def test_a_first_format_stats_file_is_read_as_the_trafficking_line() -> None:
    stats = load(FEEDS / "stats-format-1.yml")
    assert value(stats, "trafficking", "2019-01-01", "calls") == 764
    assert value(stats, "trafficking", "2019-01-01", "caller_type_pct") == {"public": 57.8}


# -- feeds ---------------------------------------------------------------------


def test_a_first_format_json_feed_adds_a_trafficking_period(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(feeds.url("/feed.json"), "--stats", str(stats_file)) == 0
    assert "add      trafficking 2019-07-01 to 2019-12-31: calls = 812" in capsys.readouterr().out
    stats = load(stats_file)
    assert [str(p.start) for p in stats.periods("trafficking")] == [
        "2018-01-01",
        "2019-01-01",
        "2019-07-01",
    ]
    assert value(stats, "trafficking", "2019-07-01", "calls_information") == 640
    newest = stats.newest_with("trafficking", {"calls"})
    assert newest is not None and str(newest.start) == "2019-07-01"
    source = stats.source(newest.figures["calls"].source)
    assert source.url == feeds.url("/feed.json")

    after_first = stats_file.read_bytes()
    assert run(feeds.url("/feed.json"), "--stats", str(stats_file)) == 0
    assert "No change" in capsys.readouterr().out
    assert stats_file.read_bytes() == after_first


def test_a_format_2_feed_names_its_services_and_keeps_no_secret(
    feeds: FeedServer, stats_file: Path
) -> None:
    assert run(feeds.url("/feed2.json?api_key=SECRET-KEY-123"), "--stats", str(stats_file)) == 0
    stats = load(stats_file)
    calls = next(p for p in stats.services["child_protection"]).figures["calls"]
    assert (calls.value, calls.approx) == (410000, "about")
    assert value(stats, "trafficking", "2020-01-01", "referral_cases") == 40
    text = stats_file.read_text(encoding="utf-8")
    assert "SECRET" not in text and "api_key" not in text
    assert stats.source(calls.source).url == "https://stats.example.test/feed.json"


def test_a_script_address_never_becomes_a_link(tmp_path: Path, stats_file: Path) -> None:
    feed = tmp_path / "feed.json"
    body = json.loads(json.dumps(FORMAT_2))
    body["source"]["url"] = "javascript:alert(1)"
    feed.write_text(json.dumps(body))
    assert run(str(feed), "--stats", str(stats_file)) == 0
    assert "javascript" not in stats_file.read_text(encoding="utf-8")


PUBLIC_FORMS = {
    # a query string that names the page is kept as written
    "http://tongdai111.vn/tin-tuc/phong-chong-mua-ban-nguoi--hotline-111?page=12": None,
    "http://pctnxh.molisa.gov.vn/default.aspx?page=news&do=detail&category_id=20&id=6650": None,
    "https://bao.example/tin?id=5;page=2": None,
    # session ids, as a path parameter or in the query, tracking, keys and fragments are not
    "https://bao.example/bai;jsessionid=0A1B2C3D?id=5": "https://bao.example/bai?id=5",
    "https://bao.example/bai;JSESSIONID=0A1B;v=2": "https://bao.example/bai;v=2",
    "https://bao.example/x?PHPSESSID=abc&page=3&sid=9": "https://bao.example/x?page=3",
    "https://bao.example/x?ASPSESSIONIDQQ=1&id=7": "https://bao.example/x?id=7",
    "https://bao.example/x?id=7&utm_source=fb&utm_campaign=a&fbclid=F&gclid=G":
        "https://bao.example/x?id=7",
    "https://bao.example/x?utm_medium=social#binh-luan": "https://bao.example/x",
    "https://user:pw@bao.example/feed.json?api_key=SECRET&token=T": "https://bao.example/feed.json",
    "HTTPS://Bao.Example:8443/x?page=1#top": "https://bao.example:8443/x?page=1",
}  # fmt: skip


@pytest.mark.parametrize(("url", "public"), list(PUBLIC_FORMS.items()))
def test_an_address_keeps_the_query_that_names_its_page_and_nothing_private(
    url: str, public: str | None
) -> None:
    from hotline_site.stats.values import public_url

    expected = public or url
    assert public_url(url) == expected
    assert public_url(expected) == expected  # its own public form, as stats.yml checks


def test_a_report_address_with_a_query_string_is_cited_as_it_is(
    tmp_path: Path, stats_file: Path
) -> None:
    report = tmp_path / "bao-cao.txt"
    report.write_text(
        "Năm 2020, đường dây nóng phòng, chống mua bán người tiếp nhận 2.000 cuộc gọi.",
        encoding="utf-8",
    )
    address = "http://tin.example/default.aspx?page=news&do=detail&id=6650"
    assert run(str(report), "--stats", str(stats_file), "--url", address) == 0
    stats = load(stats_file)
    calls = next(p for p in stats.services["trafficking"] if str(p.start) == "2020-01-01")
    assert stats.source(calls.figures["calls"].source).url == address


@pytest.mark.parametrize(
    "address",
    [
        "http://tin.example/bai;jsessionid=0A1B2C?id=1",
        "http://tin.example/bai?id=1&utm_source=zalo",
        "http://tin.example/bai?id=1&fbclid=IwAR0",
        "http://tin.example/bai?id=1#binh-luan",
    ],
)
def test_a_report_address_with_a_session_id_or_tracking_is_refused(
    address: str, tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "bao-cao.txt"
    report.write_text(
        "Năm 2020, đường dây nóng phòng, chống mua bán người tiếp nhận 2.000 cuộc gọi.",
        encoding="utf-8",
    )
    before = stats_file.read_bytes()
    assert run(str(report), "--stats", str(stats_file), "--url", address) == 1
    err = capsys.readouterr().err
    assert "'http://tin.example/bai?id=1'" in err and "was not changed" in err
    assert stats_file.read_bytes() == before


def test_first_format_csv(feeds: FeedServer, stats_file: Path) -> None:
    assert run(feeds.url("/feed.csv"), "--stats", str(stats_file)) == 0
    stats = load(stats_file)
    assert value(stats, "trafficking", "2020-01-01", "calls") == 900
    assert value(stats, "trafficking", "2020-01-01", "calls_referral") == 20
    assert value(stats, "trafficking", "2020-01-01", "caller_gender_pct") == {
        "male": 50.0,
        "female": 50.0,
    }


EXCEL_VI = (
    "\ufeffservice;start;end;figure;category;value\r\n"
    "trafficking;01/01/2020;30/06/2020;calls;;1.900\r\n"
    "trafficking;01/01/2020;30/06/2020;caller_gender_pct;male;57,8\r\n"
    "trafficking;01/01/2020;30/06/2020;caller_gender_pct;female;42,2\r\n"
    "child_protection;01/01/2020;31/12/2020;calls;;412.305\r\n"
)


def test_excel_csv_with_vietnamese_settings(tmp_path: Path, stats_file: Path) -> None:
    feed = tmp_path / "so-lieu.csv"
    feed.write_bytes(EXCEL_VI.encode("utf-8"))
    assert run(str(feed), "--stats", str(stats_file)) == 0
    stats = load(stats_file)
    assert value(stats, "trafficking", "2020-01-01", "calls") == 1900
    assert value(stats, "trafficking", "2020-01-01", "caller_gender_pct") == {
        "male": 57.8,
        "female": 42.2,
    }
    assert value(stats, "child_protection", "2020-01-01", "calls") == 412305


def test_a_share_given_as_a_fraction_is_refused_with_a_hint(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "so-lieu.csv"
    feed.write_text(EXCEL_VI.replace("57,8", "0,578").replace("42,2", "0,422"), encoding="utf-8")
    before = stats_file.read_bytes()
    assert run(str(feed), "--stats", str(stats_file)) == 1
    err = capsys.readouterr().err
    assert "so-lieu.csv: rows 3, 4" in err and "look like fractions" in err and "55.5" in err
    assert stats_file.read_bytes() == before


def test_an_html_report_with_other_wording(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(feeds.url("/news"), "--stats", str(stats_file)) == 0
    out = capsys.readouterr().out
    assert "trafficking      2020-01-01 to 2020-03-31  calls: 1302" in out
    assert "“Theo Bộ Lao động" in out  # the sentence each figure was read from
    stats = load(stats_file)
    assert value(stats, "trafficking", "2020-01-01", "calls") == 1302  # not the script's 999
    assert value(stats, "trafficking", "2020-01-01", "caller_type_pct") == {"public": 60.5}
    earlier = next(
        p
        for p in stats.services["trafficking"]
        if str(p.start) == "2019-01-01" and str(p.end) == "2019-03-31"
    )
    assert earlier.figures["calls"].value == 1249 and earlier.figures["calls"].derived


def test_review_as_json_and_dry_run_write_nothing(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats_file.read_bytes()
    assert run(feeds.url("/news"), "--stats", str(stats_file), "--dry-run", "--json") == 0
    captured = capsys.readouterr()
    groups = json.loads(captured.out)
    assert {"service", "start", "end", "figures"} <= set(groups[0])
    current = next(g for g in groups if g["start"] == "2020-01-01")
    assert current["service"] == "trafficking" and current["figures"]["calls"] == 1302
    derived = next(g for g in groups if g["start"] == "2019-01-01")
    assert derived["figures"]["calls"] == {"value": 1249, "derived": True}
    assert "Dry run" in captured.err
    assert stats_file.read_bytes() == before


def test_writing_needs_a_confirmation(
    feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stats_file.read_bytes()
    assert update_stats.main([feeds.url("/feed.json"), "--stats", str(stats_file)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert stats_file.read_bytes() == before


# -- nothing lost --------------------------------------------------------------


def test_a_comparison_never_overwrites_a_stored_period(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "tin.txt"
    report.write_text(
        "Sáu tháng đầu năm 2020, đường dây nóng phòng, chống mua bán người tiếp nhận "
        "700 cuộc gọi, giảm 60 cuộc so với cùng kỳ năm 2019.",
        encoding="utf-8",
    )
    before = load(stats_file)
    assert run(str(report), "--stats", str(stats_file)) == 0
    assert "keep     trafficking 2019-01-01 to 2019-06-30: calls = 764" in capsys.readouterr().out
    after = load(stats_file)
    old = next(p for p in before.services["trafficking"] if str(p.start) == "2019-01-01")
    kept = next(p for p in after.services["trafficking"] if str(p.start) == "2019-01-01")
    assert kept == old  # figures, breakdowns and source as they were
    assert value(after, "trafficking", "2020-01-01", "calls") == 700


def test_a_correction_needs_replace_and_keeps_the_old_value(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "correction.json"
    feed.write_text(
        json.dumps(
            {
                "hotline": "111",
                "periods": [
                    {
                        "start": "2019-01-01",
                        "end": "2019-06-30",
                        "calls_total": 770,
                        "calls_by_type": {"information": 613},
                    }
                ],
            }
        )
    )
    before = stats_file.read_bytes()
    assert run(str(feed), "--stats", str(stats_file)) == 1
    err = capsys.readouterr().err
    assert "calls: stored 764, this source says 770" in err and "--replace" in err
    assert stats_file.read_bytes() == before

    assert run(str(feed), "--stats", str(stats_file), "--replace") == 0
    period = next(
        p for p in load(stats_file).services["trafficking"] if str(p.start) == "2019-01-01"
    )
    assert period.figures["calls"].value == 770
    assert [(h.name, h.figure and h.figure.value) for h in period.history] == [
        ("calls", 764),
        ("calls_information", 607),
    ]
    assert period.figures["calls_referral"].value == 16  # nothing else lost
    assert set(period.breakdowns) == {"caller_type_pct", "caller_gender_pct", "region_pct"}


def test_an_implausible_scale_needs_the_editor_to_say_so(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "tin.txt"
    report.write_text(
        "Sáu tháng đầu năm 2024, đường dây nóng hỗ trợ nạn nhân mua bán người tiếp nhận "
        "352.000 cuộc gọi.",
        encoding="utf-8",
    )
    before = stats_file.read_bytes()
    assert run(str(report), "--stats", str(stats_file)) == 1
    assert "implausible scale" in capsys.readouterr().err
    assert stats_file.read_bytes() == before
    assert run(str(report), "--stats", str(stats_file), "--accept-scale") == 0


def test_refusals_give_their_own_reason_and_sentence(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "tin.txt"
    report.write_text(
        "Sau 20 năm hoạt động, Tổng đài 111 đã nhận 5.940.000 cuộc gọi. "
        "Ba tháng đầu năm, Tổng đài 111 nhận 70.000 cuộc gọi.",
        encoding="utf-8",
    )
    assert run(str(report), "--stats", str(stats_file)) == 1
    captured = capsys.readouterr()
    assert "refused: cumulative total since the line opened" in captured.out
    assert "“Sau 20 năm hoạt động" in captured.out
    assert "refused: no year for the period" in captured.out
    assert "“Ba tháng đầu năm, Tổng đài 111 nhận 70.000 cuộc gọi.”" in captured.out
    assert "add it by hand in a feed file" in captured.out  # what the editor can do
    assert "no figure could be imported" in captured.err


def test_two_imports_at_once_keep_both_periods(tmp_path: Path, stats_file: Path) -> None:
    reports = []
    for index, (period, calls) in enumerate(
        (("Sáu tháng đầu năm 2021", 1100), ("Sáu tháng cuối năm 2021", 1250))
    ):
        report = tmp_path / f"tin-{index}.txt"
        report.write_text(
            f"{period}, đường dây nóng phòng, chống mua bán người tiếp nhận "
            f"{calls // 1000}.{calls % 1000:03d} cuộc gọi.",
            encoding="utf-8",
        )
        reports.append(report)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "scripts" / "update_stats.py"),
                str(report),
                "--stats",
                str(stats_file),
                "--yes",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for report in reports
    ]
    for process in runs:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    stats = load(stats_file)
    assert value(stats, "trafficking", "2021-01-01", "calls") == 1100
    assert value(stats, "trafficking", "2021-07-01", "calls") == 1250
    assert value(stats, "trafficking", "2019-01-01", "calls") == 764


# -- bad feeds and downloads ---------------------------------------------------


def _period(**changes: Any) -> dict[str, Any]:
    period = json.loads((FEEDS / "newer.json").read_text())["periods"][0]
    period.update(changes)
    return period


BAD_JSON = {
    "future end": ({"periods": [_period(end="2999-12-31")]}, ["in the future"]),
    "end before start": ({"periods": [_period(end="2019-01-01")]}, ["is before start"]),
    "negative count": ({"periods": [_period(calls_total=-5)]}, ["calls_total", "not a number"]),
    "parts add up to more": (
        {"periods": [_period(calls_total=700)]},
        ["the parts of calls add up to 812, more than its 700"],
    ),
    "percentages over 100": (
        {"periods": [_period(caller_gender_pct={"male": 70.0, "female": 40.0})]},
        ["caller_gender_pct: shares add up to 110.0%"],
    ),
    "unknown field": ({"periods": [_period(calls_totl=5)]}, ["calls_totl", "unknown field"]),
    "unknown category": (
        {"periods": [_period(region_pct={"mars": 100.0})]},
        ["region_pct.values.mars: not a category of regions_2019"],
    ),
    "same period twice": (
        {"periods": [_period(), _period(calls_total=900, calls_by_type=None)]},
        ["calls: the source gives two different values, 812.0", "900.0"],
    ),
    "wrong hotline": ({"hotline": "112", "periods": [_period()]}, ["hotline", "expected '111'"]),
    "unknown service": (
        {**FORMAT_2, "periods": [{**FORMAT_2["periods"][0], "service": "police"}]},
        ["periods[0].service", "unknown service 'police'"],
    ),
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
    for fragment in expected:
        assert fragment in err
    assert "was not changed" in err
    assert stats_file.read_bytes() == before


BAD_DOWNLOADS = {
    "/broken": (["HTTP error 500"], []),
    "/image": (["wrong content type image/png"], []),
    "/latin1.csv": (["bad encoding"], []),
    "/truncated.json": (["invalid or truncated JSON"], []),
    "/trickle": (["did not finish within 1 seconds"], ["--timeout", "1"]),
    "/feed.json": (["larger than the limit of 100 bytes"], ["--max-bytes", "100"]),
    "/missing": (["HTTP error 404"], []),
}


@pytest.mark.parametrize("path", list(BAD_DOWNLOADS))
def test_failed_download_leaves_stats_unchanged(
    path: str, feeds: FeedServer, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, extra = BAD_DOWNLOADS[path]
    before = stats_file.read_bytes()
    started = time.monotonic()
    assert run(feeds.url(path + "?token=SECRET"), "--stats", str(stats_file), *extra) == 1
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert feeds.url(path) in err and "SECRET" not in err
    for fragment in expected:
        assert fragment in err
    assert "was not changed" in err
    assert stats_file.read_bytes() == before
    if path == "/trickle":
        assert elapsed < 30, "a trickling server must not stretch the deadline (120 s)"


# -- the pages ---------------------------------------------------------------


def test_new_figures_reach_every_page_with_their_service_and_period(
    project: Project, feeds: FeedServer
) -> None:
    stats = str(project.campaign / "stats.yml")
    assert run(feeds.url("/feed.json"), "--stats", stats) == 0  # trafficking, second half of 2019
    assert run(feeds.url("/feed2.json?api_key=SECRET-KEY-123"), "--stats", stats) == 0
    report = project.root / "tin.txt"  # a newer report with calls only
    report.write_text(
        "Sáu tháng đầu năm 2020, đường dây nóng phòng, chống mua bán người tiếp nhận "
        "1.010 cuộc gọi.",
        encoding="utf-8",
    )
    assert run(str(report), "--stats", stats) == 0
    project.built()

    vi = project.html("statistics/index.html")
    en = project.html("en/statistics/index.html")
    assert (
        "Trong năm 2020, Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận "
        "<strong>khoảng 410.000</strong> cuộc gọi." in vi
    )
    assert (
        "In 2020, the national child protection hotline 111 received "
        "<strong>about 410,000</strong> calls." in en
    )
    assert "năm 2020, đường dây tư vấn, hỗ trợ nạn nhân mua bán người" in vi
    assert "<strong>1.800</strong>" in vi  # the newest trafficking period with calls
    for period in ("6 tháng đầu năm 2018", "6 tháng cuối năm 2019", "6 tháng đầu năm 2020"):
        assert period in vi  # the whole history
    assert "https://stats.example.test/feed.json" in vi  # the source, without its key
    for path in project.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".pdf", ".zip", ".js"):
            assert b"SECRET-KEY" not in path.read_bytes(), path

    # A text with calls only shows the newest; one that needs more keeps its period.
    lesson = project.html("materials/schools/lesson/index.html")
    assert "Trong năm 2020, đường dây nhận 1.800 cuộc gọi." in lesson
    from pypdf import PdfReader

    infographic = PdfReader(project.site / "downloads" / "hotline-statistics-vi-a4.pdf")
    text = " ".join(infographic.pages[0].extract_text().split())
    assert "Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận khoảng 410.000" in text


def test_the_shipped_statistics_page_names_the_line_of_every_figure(
    built_project: Project,
) -> None:
    vi = built_project.html("statistics/index.html")
    en = built_project.html("en/statistics/index.html")
    assert "giảm 38,8% so với 1.249 cuộc gọi của 6 tháng đầu năm 2018" in vi
    assert "38.8% fewer than the 1,249 calls of the first half of 2018" in en
    assert "đường dây tư vấn, hỗ trợ nạn nhân mua bán người trên số 111 đã tiếp nhận" in vi
    assert "the hotline that advises and supports victims of human trafficking (on 111)" in en
    assert "Trang này chưa có số liệu nào của Tổng đài điện thoại quốc gia bảo vệ trẻ em 111" in vi
    assert "Miền núi phía Bắc" in vi and "32,7%" in vi
    assert "Northern mountains" in en and "32.7%" in en
    assert "Ngày truy cập nguồn" in vi and "retrieved on" in en.lower()
