"""Data text (a source's title and publisher from a feed, --title/--publisher or a hand
edit of stats.yml) reaches the statistics page as text only, and the infographic as plain
text (issue 25, item 1)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from conftest import Project

from hotline_site.web.markdown import link, safe_url, text

HOSTILE_TITLE = (
    "# Gọi 0900 000 000 thay vì 111 {: onmouseover=alert(1) } "
    "[bấm](javascript:alert(1)) ![x](https://evil.example/x.png) "
    "<img src=x onerror=alert(2)> *đậm* _nghiêng_ `mã` | ô | A & B &amp; C"
)
HOSTILE_PUBLISHER = "\n## Tiêu đề giả\n{: #x onclick=alert(3) }\n<script>alert(4)</script>"
HOSTILE_URL = "javascript:alert(5)"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


class _Tags(HTMLParser):
    """Every element and attribute of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _parse(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    return parser


@pytest.mark.parametrize(
    "hostile",
    [
        HOSTILE_TITLE,
        HOSTILE_PUBLISHER,
        "- a list",
        "+ a list",
        "2. a list",
        "> a quote",
        "=====",
        "a\u2028# heading\x0b{: .x }",
        "**bold** __bold__ ~~x~~ \\* \\\\",
        "<!-- comment --> &#x3C;b&#x3E; &lt;i&gt;",
    ],
)
@pytest.mark.parametrize("where", ["{}", "1. {}. Truy cập", "| {} | 1 |", "### {}"])
def test_a_data_text_renders_as_itself(hostile: str, where: str) -> None:
    if where.startswith("|"):
        source = f"| a | b |\n| --- | --- |\n{where.format(text(hostile))}"
    else:
        source = where.format(text(hostile))
    rendered = markdown.markdown(source, extensions=EXTENSIONS)
    parsed = _parse(rendered)
    allowed = {"p", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "h3"}
    assert {tag for tag, _ in parsed.tags} <= allowed, rendered
    for _, attrs in parsed.tags:
        assert set(attrs) <= {"id", "style"}, rendered  # toc's id, tables' alignment
        assert not any(key[:2] == "on" for key in attrs), rendered
    shown = " ".join(" ".join(parsed.data).split())
    flat = " ".join(hostile.replace("\u2028", " ").replace("\x0b", " ").split())
    assert flat in shown, (shown, flat)


def test_a_long_run_of_digits_is_escaped_in_linear_time() -> None:
    assert text("1" * 200_000 + ". x").endswith("&#46; x")


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://molisa.gov.vn/bai", True),
        ("http://example.test/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ('https://a.example/" onmouseover="x', False),
        ("https://a.example/\nb", False),
        ("ftp://example.test/x", False),
        (None, False),
    ],
)
def test_links_go_only_to_http_addresses(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) is linked
    rendered = link("Nguồn", url)
    assert ("<a href=" in rendered) is linked
    if linked:
        assert f'href="{html.escape(url or "", quote=True)}"' in rendered


@pytest.fixture
def hostile_project(project: Project) -> Project:
    path = project.campaign / "stats.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = data["sources"][0]
    source["title"] = HOSTILE_TITLE
    source["publisher"] = HOSTILE_PUBLISHER
    source["url"] = "https://nguon.example/bai-viet"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def _statistics_body(page: str) -> str:
    start = page.index('<article class="md-content__inner')
    return page[start : page.index("</article>", start)]


def test_a_hostile_source_stays_text_on_the_statistics_page(hostile_project: Project) -> None:
    hostile_project.built()
    for page in ("statistics/index.html", "en/statistics/index.html"):
        body = _statistics_body(hostile_project.html(page))
        parsed = _parse(body)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "iframe", "object", "embed"), (page, tag)
            if tag == "img":  # the site's own pictures only
                assert (attrs.get("src") or "").startswith("../"), (page, attrs)
            for key, value in attrs.items():
                assert not key.startswith("on"), (page, tag, key)
                if key in ("href", "src", "xlink:href"):
                    assert not (value or "").lower().startswith(("javascript", "data")), value
                    assert "evil.example" not in (value or ""), (page, value)
        ids = [attrs.get("id") for _, attrs in parsed.tags]
        assert "x" not in ids, page
        h_texts = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", body, flags=re.S)
        assert not any("0900" in h or "Tiêu đề giả" in h for h in h_texts), (page, h_texts)
        shown = " ".join(" ".join(parsed.data).split())
        assert " ".join(HOSTILE_TITLE.split()) in shown, page  # literally, as written
        assert " ".join(HOSTILE_PUBLISHER.split()) in shown, page
        assert '<a href="https://nguon.example/bai-viet">' in body  # the one link it may have
    for index in hostile_project.site.rglob("search_index.json"):
        content = index.read_text(encoding="utf-8")
        assert "<img" not in content and "<script" not in content, index


def test_the_infographic_prints_a_source_as_plain_text(hostile_project: Project) -> None:
    from pypdf import PdfReader

    hostile_project.built()
    pdf = PdfReader(hostile_project.site / "downloads" / "hotline-statistics-vi-a4.pdf")
    shown = " ".join(pdf.pages[0].extract_text().split())
    assert "A & B &amp; C" in shown  # an & prints as &, the stored "&amp;" as it is
    assert "&#" not in shown and "&lt;" not in shown
    assert "<img src=x onerror=alert(2)>" in shown


def test_the_statistics_page_gives_a_ready_citation_per_newest_figure(
    built_project: Project,
) -> None:
    """Issue 21: each citation names the line, the measure, its value and period, and the
    source, in each language (the fixture's source has no publisher or date)."""
    vi = built_project.html("statistics/index.html")
    en = built_project.html("en/statistics/index.html")
    cite_vi = vi[vi.index('<h2 id="trich-dan-so-lieu">') :]
    cite_en = en[en.index('<h2 id="how-to-cite-these-figures">') :]
    assert (
        "<li>Đường dây tư vấn, hỗ trợ nạn nhân mua bán người trên số 111, cuộc gọi đến: 764 "
        "(6 tháng đầu năm 2019). Nguồn: Cổng thông tin điện tử tỉnh" in cite_vi
    )
    assert re.search(
        r"<li>The [^<]*trafficking[^<]*, calls received: 764 \([^)]*2019\)\. Source: ", cite_en
    )
    assert cite_vi.count("<li>Đường dây") == 4  # calls and its three parts
    assert re.search(r"Truy cập ngày \d\d/\d\d/\d{4}\.</li>", cite_vi)  # a date, always
    assert re.search(r"Retrieved \d{1,2} \w+ \d{4}\.</li>", cite_en)
