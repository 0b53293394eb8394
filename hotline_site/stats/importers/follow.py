"""Finding new reports: the articles an RSS/Atom feed, a sitemap or a listing page points to.

``scripts/update_stats.py --follow URL`` (and ``make stats`` with no ``SOURCE``, for
the addresses in ``campaigns/<campaign>/sources.yml``) reads a news site's feed
(feedparser), its sitemap (``<urlset>``, with Google News titles where given) or an
HTML page of links (lxml), keeps the articles that mention the hotline 111 (or the
child line's old number 18001567) in their title, summary or address, and leaves
out those that a stored source already cites. Each lead is then read as any report.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html

from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.yamlfile import load_yaml
from hotline_site.stats.importers.feeds import Download, decode
from hotline_site.stats.values import FeedError, public_url

MENTIONS = re.compile(r"(?<![\d.,])(?:111|18001567|1800 1567)(?![.,]?\d)")
"""The hotline named in a title, a summary or an address (``/tong-dai-111-…``)."""
MAX_LEADS = 50
"""The most articles one ``--follow`` reads: a listing page has many more links."""


@dataclass(frozen=True)
class Lead:
    """An article a listing points to."""

    url: str
    """Its public http(s) address (:func:`public_url`)."""
    title: str


def leads(download: Download) -> list[Lead]:
    """The articles ``download`` (a feed, a sitemap or an HTML page) points to, in its order,
    each once. Raises :class:`FeedError` when it is none of the three or lists nothing."""
    text = decode(download)
    head = text.lstrip()[:2000].lower()
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        found = _feed(text)
    elif "<urlset" in head or "<sitemapindex" in head:
        found = _sitemap(text, download.name)
    elif "<html" in head or "<a " in text[:200_000].lower():
        found = _links(text)
    else:
        raise FeedError(
            download.name, "is not an RSS or Atom feed, a sitemap or an HTML page of links"
        )
    unique: dict[str, Lead] = {}
    for url, title in found:
        address = public_url(urllib.parse.urljoin(download.url or "", url.strip()))
        if address and address not in unique:
            unique[address] = Lead(address, " ".join(title.split()))
    if not unique:
        raise FeedError(download.name, "lists no article with an http(s) address")
    return list(unique.values())


def about_111(found: Iterable[Lead]) -> list[Lead]:
    """The leads whose title or address names the hotline."""
    return [lead for lead in found if MENTIONS.search(f"{lead.title} {lead.url}".lower())]


def new_leads(found: Sequence[Lead], cited: Iterable[str | None]) -> list[Lead]:
    """The leads no stored source cites (``cited``: the sources' addresses), at most
    :data:`MAX_LEADS`."""
    known = {url for url in cited if url}
    return [lead for lead in found if lead.url not in known][:MAX_LEADS]


def _feed(text: str) -> list[tuple[str, str]]:
    parsed = feedparser.parse(text, resolve_relative_uris=False, sanitize_html=True)
    return [
        (str(entry.get("link", "")), f"{entry.get('title', '')} {entry.get('summary', '')}")
        for entry in parsed.entries
    ]


def _sitemap(text: str, name: str) -> list[tuple[str, str]]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(text.encode("utf-8"), parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise FeedError(name, f"is not a valid sitemap: {exc}") from None
    found = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = entry.find("{*}loc")
        titles = entry.findall(".//{*}title")  # news:news/news:title, if the site gives it
        if loc is not None and loc.text:
            found.append((loc.text, " ".join(t.text or "" for t in titles)))
    return found


def _links(text: str) -> list[tuple[str, str]]:
    page = lxml.html.fromstring(text)
    return [
        (str(anchor.get("href")), anchor.text_content())
        for anchor in page.iter("a")
        if anchor.get("href") and not str(anchor.get("href")).startswith(("#", "mailto:"))
    ]


def read_listings(path: Path) -> list[str]:
    """The addresses in ``sources.yml`` (``listings: [{url: …, about: …}]``), each a public
    http(s) address. Raises :class:`ContentError` naming the file, line and field."""
    if not path.is_file():
        raise ContentError(
            [Problem(str(path), None, None, "no such file; give SOURCE, or list the listings here")]
        )
    document = load_yaml(path)
    data = document.data
    entries = data.get("listings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ContentError(
            [Problem(str(path), 1, "listings", "expected a list of {url: …, about: …}")]
        )
    addresses, problems = [], []
    for index, entry in enumerate(entries):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or public_url(url) != url:
            problems.append(
                Problem(
                    str(path),
                    document.line_of(("listings", index)),
                    f"listings[{index}].url",
                    "expected the public http(s) address of a feed, sitemap or listing page",
                )
            )
        else:
            addresses.append(url)
    if problems:
        raise ContentError(problems)
    return addresses
