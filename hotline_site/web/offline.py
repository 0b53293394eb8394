"""The offline kit's contents: what the ZIP leaves out, and its size in the pages that offer it."""

from __future__ import annotations

import html
import re
from pathlib import Path

OFFLINE_KIT_SIZE = "data-offline-kit-size"
"""The attribute of the empty span, in each link to the offline kit, that gets its size."""

_KIT_SIZE = re.compile(rf'(<span {OFFLINE_KIT_SIZE}="([^"]*)">)(</span>)')


def fill_offline_kit_size(site: Path, size: int) -> None:
    """Write the offline kit's size, in MB, into the pages that link to it (known only
    once it is zipped, after the pages are built): "· 9,1 MB" with the page's decimal mark."""
    megabytes = f"{size / 1_000_000:.1f}"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if OFFLINE_KIT_SIZE not in text:
            continue
        filled = _KIT_SIZE.sub(
            lambda m: f"{m[1]} · {megabytes.replace('.', html.unescape(m[2]))} MB{m[3]}", text
        )
        page.write_text(filled, encoding="utf-8")


def left_out(name: str) -> bool:
    """Files the offline kit does not need: source maps, search, the ZIP kits, social cards,
    and the 404 pages (only a web server shows them; their links start at the site's root)."""
    return (
        name.endswith((".map", "/404.html"))
        or name == "404.html"
        # assets/social/: the pictures of shared links, for the online site only
        or name.startswith(
            ("assets/javascripts/lunr/", "assets/javascripts/workers/", "assets/social/")
        )
        or (name.startswith("downloads/") and name.endswith(".zip"))
    )
