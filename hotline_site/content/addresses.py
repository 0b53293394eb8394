"""Short permanent links to materials, for QR codes and printed addresses.

A QR code on paper lives for years, so it never points at a page path that may
change: each material has ``/m/<id>/`` (default language) and
``/<lang>/m/<id>/`` (other languages), which the site serves as a redirect to
the material's page. Former ids listed in a material's ``redirect_from`` get the
same redirect, so renaming a material keeps every printed code working.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

SHORT_DIR = "m"
_RESERVED_HOSTS = ("example.com", "example.net", "example.org", "localhost")
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def short_path(material_id: str, language: str, languages: Sequence[str]) -> str:
    """``m/<id>/`` in the default (first) language, ``<lang>/m/<id>/`` in the others."""
    prefix = "" if language == languages[0] else f"{language}/"
    return f"{prefix}{SHORT_DIR}/{material_id}/"


def short_url(site_url: str, material_id: str, language: str, languages: Sequence[str]) -> str:
    """The absolute short link, from ``site_url`` (``https://host/`` or a sub-path)."""
    return site_url.rstrip("/") + "/" + short_path(material_id, language, languages)


def printed_address(url: str) -> str:
    """How a link is printed for people to type: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")


def is_placeholder_site(site_url: str) -> bool:
    """True for a reserved example or test address (RFC 2606, RFC 6761): not a real site."""
    host = (urlsplit(site_url).hostname or "").lower()
    return (
        not host
        or host in _RESERVED_HOSTS
        or host.endswith(tuple(f".{name}" for name in _RESERVED_HOSTS))
        or host.endswith(_RESERVED_SUFFIXES)
        or host.startswith("127.")
    )


def redirect_page(target: str, *, language: str) -> str:
    """A static redirect: works without JavaScript, tells search engines the real page.

    ``target`` is the address to send the reader to, relative or absolute.
    """
    href = html.escape(target, quote=True)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{href}">\n<title>111</title>\n</head>\n'
        f'<body><p><a href="{href}">{href}</a></p></body>\n</html>\n'
    )


# -- downloads: published flat under downloads/ at the site root, shared by every language --

DOWNLOADS_DIR = "downloads"
OFFLINE_KIT = "offline-site.zip"
"""The whole site for reading from a disk, in the downloads; built by publish.py."""


@dataclass(frozen=True)
class DownloadFile:
    material_id: str
    audience: str
    kind: str
    language: str  # a site language or "bilingual"
    paper: str
    print_shop: bool
    filename: str
    size_kb: int

    @property
    def preview(self) -> str:
        return self.filename.removesuffix(".pdf") + ".png"


@dataclass(frozen=True)
class Kit:
    audience: str
    language: str
    filename: str
    size_kb: int
    files: int
