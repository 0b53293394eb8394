"""``update_stats.py --follow``: new reports found from a news site's feed, sitemap or listing.

Pages are served from 127.0.0.1: three articles about 111 (one already imported)
and one about something else, listed by an RSS feed, a sitemap and an HTML page.
"""

from __future__ import annotations

import http.server
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, serve

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats

from hotline_site.stats.model import load_statistics
from hotline_site.stats.vocabulary import load_vocabulary

ARTICLES = {
    "/tin/tong-dai-111-quy-1-2020.html": (
        "Đường dây nóng 111 trong quý I năm 2020",
        "Trong quý I năm 2020, đường dây nóng phòng, chống mua bán người (Tổng đài 111) "
        "đã nhận được 1.302 cuộc gọi.",
    ),
    "/tin/bao-ve-tre-em-quy-3-2023.html": (
        "Tổng đài 111 tiếp nhận gần 100 nghìn cuộc gọi trong quý III",
        "Trong quý III năm 2023, Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận "
        "96.480 cuộc gọi đến.",
    ),
    "/tin/da-nhap.html": (  # imported before the follow: never proposed again
        "Tổng đài 111: kết quả quý II năm 2020",
        "Trong quý II năm 2020, đường dây nóng phòng, chống mua bán người (Tổng đài 111) "
        "đã nhận được 1.250 cuộc gọi.",
    ),
    "/tin/gia-vang.html": ("Giá vàng hôm nay", "Giá vàng tăng 111 nghìn đồng một lượng."),
}
NEW = ["/tin/tong-dai-111-quy-1-2020.html", "/tin/bao-ve-tre-em-quy-3-2023.html"]


def page(title: str, text: str) -> bytes:
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1><p>{text}</p>"
        "<p>Tổng đài hoạt động 24/7 và miễn phí.</p></article></body></html>"
    ).encode()


def listing(kind: str, base: str) -> tuple[str, bytes]:
    # gia-vang names 111 in its text only: a listing is filtered by title and address
    items = [
        (path, title if path != "/tin/gia-vang.html" else "Giá vàng")
        for path, (title, _) in ARTICLES.items()
    ]
    if kind == "rss":
        entries = "".join(
            f"<item><title>{title}</title><link>{base}{path}</link></item>" for path, title in items
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>'
            f"{entries}</channel></rss>"
        )
        return "application/rss+xml", body.encode()
    if kind == "sitemap":
        entries = "".join(
            f"<url><loc>{base}{path}</loc><news:news><news:title>{title}</news:title></news:news></url>"
            for path, title in items
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{entries}</urlset>"
        )
        return "application/xml", body.encode()
    if kind == "none":  # a page of the site with no link to an article
        return "text/html; charset=utf-8", "<html><body><p>Đang bảo trì.</p></body></html>".encode()
    links = "".join(f'<li><a href="{path}">{title}</a></li>' for path, title in items)
    body = (
        '<!doctype html><html><body><nav><a href="/">Trang chủ</a></nav>'
        f"<ul>{links}</ul></body></html>"
    )
    return "text/html; charset=utf-8", body.encode()


@pytest.fixture
def site() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?")[0]
            if path.startswith("/list-"):
                kind, body = listing(path.removeprefix("/list-"), base)
            elif path in ARTICLES:
                kind, body = "text/html; charset=utf-8", page(*ARTICLES[path])
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Handler) as origin:
        yield origin


@pytest.mark.parametrize("kind", ["rss", "sitemap", "html"])
def test_follow_proposes_exactly_the_new_articles_about_111(
    tmp_path: Path, site: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.yml"
    shutil.copy(FIXTURES / "campaign" / "stats.yml", stats)
    assert update_stats.main([f"{site}/tin/da-nhap.html", "--stats", str(stats), "--yes"]) == 0
    capsys.readouterr()

    before = stats.read_bytes()
    args = [f"{site}/list-{kind}", "--follow", "--stats", str(stats)]
    assert update_stats.main([*args, "--dry-run", "--json"]) == 0
    proposed = json.loads(capsys.readouterr().out)
    assert [article["url"] for article in proposed] == [f"{site}{path}" for path in NEW]
    periods = {
        (group["service"], group["start"], group["end"])
        for article in proposed
        for group in article["figures"]
    }
    assert periods == {
        ("trafficking", "2020-01-01", "2020-03-31"),
        ("child_protection", "2023-07-01", "2023-09-30"),
    }
    assert stats.read_bytes() == before  # a dry run writes nothing

    assert update_stats.main([*args, "--yes"]) == 0
    capsys.readouterr()
    saved = load_statistics(stats, load_vocabulary(("vi", "en")))
    cited = {source.url for source in saved.sources}
    assert {f"{site}{path}" for path in [*NEW, "/tin/da-nhap.html"]} <= cited
    assert f"{site}/tin/gia-vang.html" not in cited
    assert update_stats.main([*args, "--dry-run", "--json"]) == 0  # nothing new any more
    assert json.loads(capsys.readouterr().out) == []


def test_follow_refuses_a_page_that_lists_nothing(
    tmp_path: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.yml"
    shutil.copy(FIXTURES / "campaign" / "stats.yml", stats)
    assert update_stats.main([f"{site}/list-none", "--follow", "--stats", str(stats)]) == 1
    assert "lists no article with an http(s) address" in capsys.readouterr().err


def test_make_stats_follows_every_listing_of_sources_yml(
    tmp_path: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = tmp_path / "stats.yml"
    shutil.copy(FIXTURES / "campaign" / "stats.yml", stats)
    sources = tmp_path / "sources.yml"
    sources.write_text(
        f"listings:\n  - url: {site}/list-rss\n    about: a feed\n"
        f"  - url: {site}/gone\n    about: a listing that no longer exists (404)\n"
        f"  - url: {site}/list-sitemap\n    about: the same articles, by the sitemap\n",
        encoding="utf-8",
    )
    args = ["--sources", str(sources), "--stats", str(stats), "--dry-run", "--json"]
    assert update_stats.main(args) == 0
    captured = capsys.readouterr()
    proposed = json.loads(captured.out)
    assert sorted(article["url"] for article in proposed) == sorted(
        f"{site}{path}" for path in [*NEW, "/tin/da-nhap.html"]
    )  # each article once, though both listings name it
    assert "/gone: download failed: HTTP error 404" in captured.err  # and the rest were read


def test_a_bad_sources_yml_names_its_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "listings:\n  - url: https://example.org/rss\n  - url: ftp://example.org/list\n",
        encoding="utf-8",
    )
    assert update_stats.main(["--sources", str(sources), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert f"{sources}:3: listings[1].url: expected the public http(s) address" in err


def test_the_shipped_sources_are_listing_pages_where_reports_were_found() -> None:
    """Each shipped listing is the page a stored report's own address belongs to."""
    listings = update_stats.read_listings(ROOT / "campaigns" / "hotline-111" / "sources.yml")
    stored = load_statistics(
        ROOT / "campaigns" / "hotline-111" / "stats.yml", load_vocabulary(("vi", "en"))
    )
    cited = [source.url or "" for source in stored.sources]
    for listing in listings:
        assert any(url.startswith(listing) for url in cited), listing
