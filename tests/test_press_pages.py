"""News pages as Vietnamese sites lay them out: the figures read from the page are exactly
those read from the article's own text, and the page's metadata fills the citation.

The three fixtures in ``tests/fixtures/articles/`` follow common layouts (written for these
tests, with figures of years to come so that none can pass for a real one):

- ``related-box-in-body``: a CMS that puts boxes of other stories inside the body, marked
  only by ``type="RelatedNewsBox"`` / ``type="RelatedOneNews"``, and a photo caption;
- ``inline-teasers``: ``<p class="Normal">`` paragraphs with "Xem thêm:", ">> Đọc thêm:",
  "Tin liên quan:" links to other stories, a caption, and a "Tin liên quan" box after it;
- ``sidebar-list``: a portal page with lists of other stories' headlines (and teasers)
  in side columns, a related box with a ``type`` attribute, a table and a "Xem thêm" line.

Each ``.txt`` beside a page is the article's text alone, copied from its body by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from hotline_site.stats.importers.article import article_text, page_metadata
from hotline_site.stats.importers.press import read_report
from hotline_site.stats.vocabulary import load_vocabulary

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats

PAGES = FIXTURES / "articles"
VOCABULARY = load_vocabulary(("vi", "en"))
LAYOUTS = ["related-box-in-body", "inline-teasers", "sidebar-list"]


def _figures(text: str, *, is_html: bool) -> set[tuple[object, ...]]:
    reading = read_report(text, VOCABULARY, is_html=is_html)
    return {
        (
            f.service,
            str(f.start),
            str(f.end),
            f.name,
            tuple(sorted(f.value.items())) if isinstance(f.value, dict) else f.value,
            f.approx,
            f.derived,
        )
        for f in reading.findings
    }


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_page_gives_exactly_the_figures_of_its_article_text(layout: str) -> None:
    page = (PAGES / f"{layout}.html").read_text(encoding="utf-8")
    alone = (PAGES / f"{layout}.txt").read_text(encoding="utf-8")
    from_text = _figures(alone, is_html=False)
    assert from_text, "the article itself has figures"
    assert _figures(page, is_html=True) == from_text
    assert article_text(page) == article_text(alone, is_html=False)


EXPECTED = {
    "related-box-in-body": {
        ("child_protection", "2030-01-01", "2030-12-31", "calls", 300150),
        ("child_protection", "2030-01-01", "2030-12-31", "calls_counselling", 21040),
        ("child_protection", "2030-01-01", "2030-12-31", "intervention_cases", 1390),
        ("trafficking", "2030-01-01", "2030-12-31", "calls", 2615),
    },
    "inline-teasers": {
        ("trafficking", "2030-01-01", "2030-06-30", "calls", 1318),
        ("trafficking", "2030-01-01", "2030-06-30", "calls_information", 1102),
        ("trafficking", "2030-01-01", "2030-06-30", "calls_counselling", 190),
        ("trafficking", "2030-01-01", "2030-06-30", "calls_referral", 26),
    },
    "sidebar-list": {
        ("child_protection", "2030-07-01", "2030-09-30", "calls", 96480),
        ("child_protection", "2030-07-01", "2030-09-30", "counselling_cases", 7215),
        ("child_protection", "2030-07-01", "2030-09-30", "intervention_cases", 402),
    },
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_article_figures_and_no_teaser_figure(layout: str) -> None:
    """The counts each article states, and none of its teasers' (other years, other counts)."""
    page = (PAGES / f"{layout}.html").read_text(encoding="utf-8")
    counts = {f[:5] for f in _figures(page, is_html=True) if not isinstance(f[4], tuple)}
    assert counts == EXPECTED[layout]
    assert not any(f[1].startswith(("2027", "2028", "2029")) for f in counts)


def test_shares_of_the_article_are_read_the_right_way_round() -> None:
    page = (PAGES / "inline-teasers.html").read_text(encoding="utf-8")
    splits = {f[3]: dict(f[4]) for f in _figures(page, is_html=True) if isinstance(f[4], tuple)}
    assert splits == {
        "caller_type_pct": {"public": 61.2},
        "caller_gender_pct": {"male": 58.4, "female": 41.6},
    }


def test_the_page_metadata_fills_the_citation() -> None:
    page = (PAGES / "related-box-in-body.html").read_text(encoding="utf-8")
    meta = page_metadata(page, today=dt.date(2031, 12, 31))
    assert meta == {
        "title": "Tổng đài 111 tiếp nhận hơn 300.000 cuộc gọi trong năm 2030",
        "publisher": "Báo Thử Nghiệm",
        "author": "Minh Anh",
        "url": "https://baothunghiem.example/xa-hoi/tong-dai-111-nam-2030-20310112083000.htm",
        "published": dt.date(2031, 1, 12),
    }
    # a publication date after today is never taken
    assert "published" not in page_metadata(page, today=dt.date(2030, 12, 31))


def test_update_stats_cites_the_page_by_its_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A saved page: the review shows the title, site name, date and canonical address."""
    page = tmp_path / "bai.html"
    text = (PAGES / "inline-teasers.html").read_text(encoding="utf-8")
    page.write_text(text.replace("2030-07-20", "2026-07-20"), encoding="utf-8")
    stats = tmp_path / "stats.yml"
    shutil.copy(ROOT / "campaigns" / "hotline-111" / "stats.yml", stats)
    before = stats.read_bytes()
    update_stats.main([str(page), "--stats", str(stats), "--dry-run"])
    shown = {
        line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("    ") and not line.startswith("      ")
    }
    assert shown["title"] == "'Đường dây nóng 111 nhận hơn 1.300 cuộc gọi trong nửa đầu năm'"
    assert shown["publisher"] == "'Tin Thử'"
    assert shown["published"] == "'2026-07-20'"
    assert (
        shown["address"] == "'https://tinthu.example/duong-day-nong-111-nua-dau-nam-4700001.html'"
    )
    assert stats.read_bytes() == before
