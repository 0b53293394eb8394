"""Social cards: the picture a chat app or a social network shows beside a shared link.

One 1200 × 630 px PNG per page and language (``og:image``), with the site's name,
the page's title and the hotline number, rendered at build time by Typst, the
print kit's engine (``print/templates/social.typ``), with the print fonts only.
A card is cached under the hash of its data, the template, the fonts and Typst's
version, like the printables: a rebuild renders only the cards whose title changed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import hotline_site.print

SOCIAL_DIR = "assets/social"
"""Where the cards are published, under the site's root."""
WIDTH, HEIGHT = 1200, 630
"""Pixels: the size Facebook, Zalo and X show large."""
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
"""``og:locale`` of each site language (``language_TERRITORY``)."""
_TEMPLATE = Path(hotline_site.print.__file__).parent / "templates" / "social.typ"


@dataclass(frozen=True)
class Card:
    """What one card shows; every field is plain text (never Typst markup)."""

    lang: str
    site: str
    title: str
    tagline: str
    call: str
    """The word before the number: "Gọi", "Call"."""
    hotline: str
    free: str
    """What a call costs and when: "Miễn phí, 24 giờ mỗi ngày"."""
    primary: str
    accent: str
    """Campaign colours, ``#rrggbb``."""

    @property
    def title_size(self) -> int:
        """Points (= pixels): long titles smaller, so that four lines at most fill the card."""
        length = len(self.title)
        return 64 if length <= 30 else 54 if length <= 55 else 44 if length <= 90 else 36


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language)


def card_filename(page_url: str) -> str:
    """The card of the page at ``page_url`` (``en/materials/x/`` or ``materials/x.html``):
    ``en-materials-x.png``; the home page's is ``index.png``."""
    slug = page_url.removesuffix(".html").strip("/").replace("/", "-")
    return f"{slug or 'index'}.png"


def render_cards(
    cards: dict[str, Card], cache_dir: Path, *, workers: int
) -> tuple[dict[str, Path], int]:
    """Render the cards the cache lacks; return file name -> cached PNG for every card,
    and how many were rendered now.

    ``cards`` maps a file name (:func:`card_filename`) to its card. Raises
    ``typst.TypstError`` if Typst fails (it does not on plain text).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint()
    paths = {
        name: cache_dir / f"social-{_key(card, fingerprint)}.png" for name, card in cards.items()
    }
    missing = {path: cards[name] for name, path in paths.items() if not path.is_file()}
    if missing:
        import typst

        from hotline_site.print.fonts import font_dir

        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())]
        )

        def render(item: tuple[Path, Card]) -> None:
            path, card = item
            data = {**asdict(card), "title_size": card.title_size}
            compiler = typst.Compiler(
                _TEMPLATE,
                root=_TEMPLATE.parent,
                font_paths=fonts,
                ignore_system_fonts=True,
                sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            )
            png = compiler.compile(format="png", ppi=72)  # 1 pt = 1 px: 1200 x 630
            assert isinstance(png, bytes)
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_bytes(png)
            temporary.chmod(0o644)
            temporary.replace(path)

        with ThreadPoolExecutor(max(1, workers)) as pool:
            list(pool.map(render, sorted(missing.items())))
    return paths, len(missing)


def _key(card: Card, fingerprint: str) -> str:
    data = json.dumps(asdict(card), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{data}|{fingerprint}".encode()).hexdigest()


def _fingerprint() -> str:
    """The template, this module, the print fonts (by name and size) and the packages' versions."""
    from hotline_site.print.fonts import font_files

    digest = hashlib.sha256(_TEMPLATE.read_bytes())
    digest.update(Path(__file__).read_bytes())
    for path in font_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    for package in ("typst", "fontpkg-noto-sans"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()
