"""The main text and the metadata of a news page, by trafilatura, for the press reader.

Trafilatura (Apache-2.0) finds the article body and leaves out navigation,
sidebars, footers, comments and captions. Two things it cannot know are
removed here, because Vietnamese news sites mark them in their own ways:

- boxes of other stories *inside* the body, marked only by a ``type``
  attribute (``type="RelatedNewsBox"``, ``type="RelatedOneNews"``) or a class
  or id ("related", "lien-quan", "tinlienquan");
- lists of links to other stories (every item a link: "Tin mới", "Đọc nhiều"),
  wherever they are, with the teaser text under each link;
- pictures with their captions, which often describe another story;
- inline teaser paragraphs that link to another story: "Xem thêm: …",
  "Đọc thêm …", "Tin liên quan: …", ">> …", "Read more: …".

The text comes out one paragraph per line; a table row is a line that starts
with ``ROW`` and has its cells after ``CELL``. Everything is NFC.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re
import unicodedata
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

CELL = "\t"  # between table cells in the plain text
ROW = "\x1e"  # starts a table row

_RELATED_MARK = re.compile(
    r"related|li[eê]n-?quan|tinlienquan|xem-them|doc-them|caption|\bphoto\b|\bvideo\b",
    re.I,
)
"""A class, id or ``type`` that marks a box of other stories, or a picture and its caption."""
TEASER = re.compile(
    r"^\W*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chuyên mục"
    r"|có thể bạn quan tâm|see also|read more|related(?: stories| news)?)\b"
    r"|^\s*>>",
    re.I,
)
"""A paragraph that points to another story: never the article's own words."""
_LOOKS_HTML = re.compile(r"<(?:html|body|p|div|article|table)\b", re.I)


def looks_like_html(source: str) -> bool:
    return bool(_LOOKS_HTML.search(source))


def article_text(source: str, *, is_html: bool | None = None) -> str:
    """Plain NFC text of a report (HTML page or plain text): one paragraph or table row
    per line, teaser paragraphs and related-story boxes left out."""
    if is_html is None:
        is_html = looks_like_html(source)
    lines = _html_lines(source) if is_html else html.unescape(source).split("\n")
    kept = []
    for line in lines:
        line = unicodedata.normalize("NFC", line).replace("\xa0", " ")
        if not line.startswith(ROW):
            line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line.strip() and not TEASER.search(line):
            kept.append(line)
    return "\n".join(kept)


def _tree(source: str) -> Any:
    """The page as an lxml tree, with every related-story box removed."""
    # the text is already decoded: tell lxml so, whatever the page's own meta tag says
    parser = lxml_html.HTMLParser(encoding="utf-8")
    tree = lxml_html.document_fromstring(source.encode("utf-8"), parser=parser)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = " ".join(element.get(key) or "" for key in ("class", "id", "type"))
        if (
            element.tag in ("figure", "figcaption")
            or _RELATED_MARK.search(marks)
            or (element.tag in ("ul", "ol") and _story_list(element))
        ):
            element.drop_tree()
    return tree


def _story_list(element: Any) -> bool:
    """A list whose every item holds a link: headlines of other stories."""
    items = [child for child in element if child.tag == "li"]
    return bool(items) and all(item.find(".//a") is not None for item in items)


def _html_lines(source: str) -> list[str]:
    extracted = trafilatura.extract(
        _tree(source),
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not extracted:
        return []
    document = etree.fromstring(extracted.encode("utf-8"))
    lines: list[str] = []
    for main in document.iter("main"):
        _walk(main, lines)
    return lines


def _walk(element: Any, lines: list[str]) -> None:
    for child in element:
        if child.tag == "table":
            for row in child.iter("row"):
                cells = ["".join(cell.itertext()).strip() for cell in row.iter("cell")]
                lines.append(ROW + "".join(CELL + cell for cell in cells))
        elif child.tag in ("list", "div", "quote") and len(child):
            _walk(child, lines)
        else:
            lines.append("".join(child.itertext()))


def page_metadata(source: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """What a citation needs from a page's metadata, where the page gives it:
    ``{"title": str, "publisher": str, "author": str, "url": str, "published": date}``.
    The date is taken from the page's markup only (never guessed from its text), and
    not when it is after ``today`` (default: the real today)."""
    latest = (today or dt.date.today()).isoformat()
    meta = trafilatura.extract_metadata(
        _tree(source),
        date_config={"original_date": True, "extensive_search": False, "max_date": latest},
    )
    if meta is None:
        return {}
    found: dict[str, Any] = {
        "title": meta.title,
        "publisher": meta.sitename,
        "author": meta.author,
        "url": meta.url if meta.url and re.match(r"https?://", meta.url) else None,
    }
    if meta.date:
        with contextlib.suppress(ValueError):
            published = dt.date.fromisoformat(meta.date[:10])
            if published <= dt.date.fromisoformat(latest):
                found["published"] = published
    return {
        key: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
        for key, value in found.items()
        if value
    }
