"""Inputs that would hang or exhaust the build or the importer (issue 25, items 7 and 9).

A named pipe or a device among the materials, a 2 GB material, a 1 GB file left
in ``assets/``: each refused in words, before it is read, by ``make check`` (the
same load as ``make site``). A feed whose address redirects out of http(s) is
refused; a redirect within http(s) is followed and the page it led to is cited.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, Project, serve

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats

from hotline_site.stats.importers.press import read_report
from hotline_site.stats.model import load_statistics
from hotline_site.stats.vocabulary import load_vocabulary

MATERIALS = "campaigns/hotline-111/materials"


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def two_gigabytes(path: Path) -> None:
    with path.open("wb") as out:
        out.truncate(2 * 1024**3)  # sparse: no disk used


@pytest.mark.parametrize(
    ("make", "name", "expected"),
    [
        (fifo, "pipe.yml", "is not a regular file (a folder, a named pipe or a device)"),
        (dev_zero, "zero.yml", "is not a regular file (a folder, a named pipe or a device)"),
        (two_gigabytes, "huge.yml", "is larger than 20 MB"),
    ],
    ids=["named pipe", "link to /dev/zero", "2 GB"],
)
def test_a_material_that_is_no_plain_file_is_refused_unread(
    copy: Project, make: Callable[[Path], None], name: str, expected: str
) -> None:
    make(copy.campaign / "materials" / name)
    result = copy.check()
    assert result.returncode == 1
    assert f"{MATERIALS}/{name}: {expected}" in result.stderr
    assert str(copy.root) not in result.stderr  # no machine path
    assert "Traceback" not in result.stderr


def test_a_big_file_left_in_assets_is_refused_before_it_is_read(copy: Project) -> None:
    two_gigabytes(copy.campaign / "assets" / "video.mp4")
    result = copy.check()
    assert result.returncode == 1
    assert "campaigns/hotline-111/assets/video.mp4: is larger than 20 MB" in result.stderr
    assert "move it out of the campaign folder" in result.stderr


# ---------------------------------------------------------------- redirects


FEED = {
    "format": "hotline-111-stats/2",
    "hotline": "111",
    "source": {"title": "Báo cáo chuyển hướng"},
    "periods": [
        {
            "service": "trafficking",
            "start": "2020-01-01",
            "end": "2020-12-31",
            "figures": {"calls": 1900},
        }
    ],
}


@pytest.fixture
def server() -> Iterator[str]:
    """``/to-ftp`` redirects to ftp://, ``/moved`` to ``/feed.json`` (which serves FEED)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split(";")[0]
            if path in ("/to-ftp", "/moved"):
                self.send_response(302)
                where = "ftp://127.0.0.1/feed.json" if path == "/to-ftp" else "/feed.json"
                self.send_header("Location", where)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = json.dumps(FEED).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Handler) as origin:
        yield origin


def test_a_redirect_out_of_http_is_refused(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.yml"
    stats.write_text("sources: []\nservices: {}\n", encoding="utf-8")
    assert update_stats.main([f"{server}/to-ftp", "--stats", str(stats), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "redirects to an ftp address (not http or https); not followed" in err
    assert stats.read_text(encoding="utf-8") == "sources: []\nservices: {}\n"


def test_a_redirect_within_http_cites_the_page_it_led_to(tmp_path: Path, server: str) -> None:
    stats = tmp_path / "stats.yml"
    shutil.copy(FIXTURES / "campaign" / "stats.yml", stats)
    assert (
        update_stats.main([f"{server}/moved;jsessionid=AB12", "--stats", str(stats), "--yes"]) == 0
    )
    saved = load_statistics(stats, load_vocabulary(("vi", "en")))
    cited = next(source for source in saved.sources if source.title == "Báo cáo chuyển hướng")
    assert cited.url == f"{server}/feed.json"


# ---------------------------------------------------------------- the press reader


def test_a_report_read_past_its_deadline_is_stopped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--timeout`` bounds the download and the reading together (it bounded only the
    download: a 30 KB page took 23 s under ``--timeout 10``)."""
    report = tmp_path / "report.txt"
    sentence = "Năm 2020, Tổng đài 111 tiếp nhận 1.234 cuộc gọi, trong đó 12 cuộc gọi tư vấn. "
    report.write_text(sentence * 40_000, encoding="utf-8")  # 3.5 MB: seconds of reading
    stats = tmp_path / "stats.yml"
    shutil.copy(FIXTURES / "campaign" / "stats.yml", stats)
    before = stats.read_bytes()
    args = [str(report), "--stats", str(stats), "--dry-run", "--timeout", "0.5"]
    assert update_stats.main([*args, "--max-bytes", "9000000"]) == 1
    err = capsys.readouterr().err
    assert "report.txt: reading the report took longer than --timeout 0.5 seconds" in err
    assert stats.read_bytes() == before


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("1" * 20_000, []), ("12345", [12345.0]), ("1.234.567", [1234567.0])],
    ids=["a run of 20,000 digits", "a plain count", "thousands dots"],
)
def test_a_count_is_read_from_the_first_digit_of_its_number(
    digits: str, expected: list[float]
) -> None:
    """The count and share patterns start only where a number starts: a run of digits is
    one attempt, not one per digit (10,000 digits took 17.6 s, 20,000 took 58 s)."""
    text = f"Năm 2020, Tổng đài 111 tiếp nhận {digits} cuộc gọi, {'1,' * 10_000} 5 %."
    reading = read_report(text, load_vocabulary(("vi", "en")))
    assert [f.value for f in reading.findings if f.name == "calls"] == expected
    if not expected:
        assert any("is not a figure of the 111 lines" in r.reason for r in reading.refusals)
