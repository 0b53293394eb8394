"""The one escaper of text for the generated Markdown pages (and the HTML they become).

Campaign text (what editors write in the YAML) goes through :func:`campaign_text`:
the emphasis and lists an editor writes still work, but nothing becomes HTML, a
link or an attribute. Text from a data file or a feed (a source's title and publisher, a vocabulary
word) goes into a page through :func:`text`: every character Markdown, attr_list,
tables or HTML give a meaning to is written as a numeric character reference,
so the page shows the text exactly and nothing in it becomes a heading, a link,
an image, an attribute or a tag. Line breaks of any kind become spaces, so a
text cannot start a new block. Links only go to http(s) addresses: :func:`link`.
"""

from __future__ import annotations

import html
import re
import urllib.parse

from markdown.extensions import toc

from hotline_site.content.vi_words import join_words

_SPACES = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\ufeff]+")
_SPECIAL = frozenset("\\`*_{}[]#<>&|")
"""Always written as a reference: emphasis, code, links and images, attr_list, headings,
tables, tags and entities. Without ``[`` the ``(``, ``)`` and ``!`` of a link are plain."""
_LINE_START = frozenset("-+.")
"""A list when they start the text (``- x``, ``+ x``, ``2. x``): written as a reference there."""


def text(value: str) -> str:
    """``value`` as inert Markdown text: it is shown literally, letter for letter."""
    flat = _SPACES.sub(" ", value).strip()
    first = len(flat) - len(flat.lstrip("0123456789"))  # the first character after digits
    out = []
    for index, char in enumerate(flat):
        if char in _SPECIAL or (index == first and char in _LINE_START):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address with a host and nothing odd in it, else None."""
    if not url or _SPACES.search(url) or any(c in url for c in "<>\"'`\\"):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def link(label: str, url: str | None) -> str:
    """``label`` as inert text, linked to ``url`` only when that is a safe http(s) address."""
    shown = text(label)
    address = safe_url(url)
    if address is None:
        return shown
    return f'<a href="{html.escape(address, quote=True)}">{shown}</a>'


_ESCAPED_PLACEHOLDER = re.compile(r"\\\{([a-z_]+(?:\.[a-z0-9_]+){1,2})\\\}")
# Characters that would let YAML text become HTML, a link, or attributes (attr_list).
_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
    }
)


def campaign_text(value: str) -> str:
    """An editor's ``value`` as Markdown: emphasis (``**bold**``, ``*italic*``) and lists
    work; HTML, links, images and attributes (attr_list) are escaped. Figure names
    (``{trafficking.calls}``) stay as they are, for the figures to fill in."""
    escaped = value.translate(_ESCAPES)
    return _ESCAPED_PLACEHOLDER.sub(lambda match: "{" + match.group(1) + "}", escaped)


_HEADING = re.compile(r"^(#{1,6}[ \t]+)(.+?)([ \t]*\{:?[^{}]*\})?[ \t]*$", re.MULTILINE)


def whole_words_in_headings(markdown: str) -> str:
    """Every ATX heading of ``markdown`` (``# …`` to ``###### …``) with the syllables of
    each Vietnamese word tied (``content/vi_words.py``), so that a title breaks between
    words, never inside one ("Tổng / đài"); an attribute list after it stays as it is."""
    return _HEADING.sub(
        lambda m: m.group(1) + _join_outside_links(m.group(2)) + (m.group(3) or ""), markdown
    )


_LINK_TARGET = re.compile(r"(\]\([^)]*\))")
"""The ``](address)`` of a Markdown link: not text, and it would glue itself to the word
before it ("lịch](…)")."""


def _join_outside_links(text: str) -> str:
    parts = _LINK_TARGET.split(text)
    return "".join(part if index % 2 else join_words(part) for index, part in enumerate(parts))


def slugify(value: str, separator: str) -> str:
    """A heading's anchor: "Tổng đài 111" -> ``tong-dai-111``.

    Python-Markdown's own slugify drops "đ" (no decomposition turns it into "d"),
    so "Tổng đài" became ``tong-ai``; every other letter is as it makes it."""
    return toc.slugify(value.replace("đ", "d").replace("Đ", "D"), separator)
