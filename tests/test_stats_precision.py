"""Issue 21, precision first: an inconsistent breakdown is refused, stats.yml unchanged,
and the refusal says what is wrong and what to do."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats


@pytest.fixture
def stats_file(tmp_path: Path) -> Path:
    path = tmp_path / "stats.yml"
    shutil.copy(ROOT / "campaigns" / "hotline-111" / "stats.yml", path)
    return path


def _refused(source: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = stats_file.read_bytes()
    assert update_stats.main([str(source), "--stats", str(stats_file), "--yes"]) == 1
    assert stats_file.read_bytes() == before  # byte for byte
    return capsys.readouterr().err


def _feed(tmp_path: Path, **period: object) -> Path:
    path = tmp_path / "feed.json"
    data = {"hotline": "111", "periods": [{"start": "2019-07-01", "end": "2019-12-31", **period}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_complete_breakdown_that_falls_short_of_its_total_is_refused(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed(
        tmp_path,
        calls_total=903,
        calls_by_type={"information": 700, "counselling": 180, "referral": 20},
    )
    err = _refused(feed, stats_file, capsys)
    assert "every part of calls is given" in err
    assert "add up to 900, not its 903" in err
    assert "import the total alone" in err  # what to do


def test_an_incomplete_breakdown_below_its_total_is_kept(tmp_path: Path, stats_file: Path) -> None:
    feed = _feed(tmp_path, calls_total=903, calls_by_type={"information": 700})
    assert update_stats.main([str(feed), "--stats", str(stats_file), "--yes"]) == 0


def test_article_parts_over_the_total_are_refused(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "bai.txt"
    article.write_text(
        "Trong 6 tháng cuối năm 2019, đường dây nóng phòng, chống mua bán người 111 đã tiếp "
        "nhận 650 cuộc gọi. Trong đó có 520 cuộc gọi cung cấp thông tin chung, 110 cuộc gọi "
        "tư vấn về tâm lý, chính sách và 30 cuộc gọi chuyển tuyến giải cứu nạn nhân.",
        encoding="utf-8",
    )
    err = _refused(article, stats_file, capsys)
    assert "the parts of calls add up to 660, more than its 650" in err


def test_complete_shares_that_do_not_make_100_percent_are_refused(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed(tmp_path, calls_total=900, caller_gender_pct={"male": 52.0, "female": 40.0})
    err = _refused(feed, stats_file, capsys)
    assert "every category is given but the shares add up to 92.0%" in err


def test_shares_rounded_to_a_decimal_still_pass(tmp_path: Path, stats_file: Path) -> None:
    feed = _feed(tmp_path, calls_total=900, caller_gender_pct={"male": 55.6, "female": 44.3})
    assert update_stats.main([str(feed), "--stats", str(stats_file), "--yes"]) == 0


def _read(text: str) -> list[tuple[str, str, str, object]]:
    from hotline_site.stats.importers.press import read_report
    from hotline_site.stats.vocabulary import load_vocabulary

    reading = read_report(text, load_vocabulary(["vi", "en"]))
    return [(f.service, str(f.start), str(f.end), f.value) for f in reading.findings]


def test_a_gender_split_joined_by_va_is_stored_the_right_way_round() -> None:
    found = _read(
        "Năm 2021, đường dây nóng phòng, chống mua bán người 111 nhận 1.120 cuộc gọi; "
        "về giới tính người gọi, nam giới chiếm 63,4% và nữ giới chiếm 36,6%."
    )
    assert ("trafficking", "2021-01-01", "2021-12-31", {"male": 63.4, "female": 36.6}) in found


def test_a_total_in_all_of_the_calls_about_trafficking_is_read() -> None:
    found = _read(
        "Trong 6 tháng đầu năm 2022, Tổng đài 111 đã tiếp nhận tổng cộng 936 cuộc gọi liên "
        "quan đến phòng, chống mua bán người."
    )
    assert found == [("trafficking", "2022-01-01", "2022-06-30", 936.0)]


def test_a_format_2_feed_whose_complete_breakdown_falls_short_is_refused(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed-2.json"
    feed.write_text(
        json.dumps(
            {
                "format": "hotline-111-stats/2",
                "hotline": "111",
                "source": {"title": "Báo cáo thử", "published": "2020-02-01"},
                "periods": [
                    {
                        "service": "trafficking",
                        "start": "2019-07-01",
                        "end": "2019-12-31",
                        "figures": {
                            "calls": 812,
                            "calls_information": 640,
                            "calls_counselling": 150,
                            "calls_referral": 19,
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    err = _refused(feed, stats_file, capsys)
    assert "add up to 809, not its 812" in err


def test_english_parts_over_the_total_are_refused(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(
        "In the second half of 2019, the anti-trafficking hotline received 700 calls, of "
        "which 560 calls were for information, 130 calls for counselling and 25 calls were "
        "referrals for rescue.",
        encoding="utf-8",
    )
    err = _refused(article, stats_file, capsys)
    assert "the parts of calls add up to 715, more than its 700" in err


def test_a_report_with_only_refused_figures_says_so(
    tmp_path: Path, stats_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "tin.txt"
    article.write_text(
        "Năm 2019, đường dây nóng bảo vệ trẻ em của tỉnh Hòa Bình tiếp nhận 310 cuộc gọi.",
        encoding="utf-8",
    )
    err = _refused(article, stats_file, capsys)
    assert "no figure could be imported: every figure found was refused" in err
