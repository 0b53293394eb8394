"""The print fonts: static Noto Sans instances made once from the variable font, and their charset.

Typst does not read variable fonts (handed the variable Noto Sans it silently
falls back to its own serif), so the variable font of ``fontpkg-noto-sans`` is
cut down to the print charset (Latin, Vietnamese, punctuation) and instanced
with fontTools at the weights the templates use. The result is cached under a
key made of the font package's and fontTools' versions, so it is built once
per machine (about 2 s a style, 12 s in all) and is byte-identical everywhere.

The print build gives Typst these files and nothing else: no system font, no
font bundled with Typst.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import tempfile
from functools import cache
from pathlib import Path

import fontpkg_noto_sans
import pylopdf_fonts_ko

FAMILY = "Noto Sans"
KOREAN_FAMILY = "Noto Sans KR"
"""Hangul for the materials printed in Korean: Noto Sans KR (SIL OFL 1.1), regular only."""
_KOREAN_SOURCE = pylopdf_fonts_ko.sans_path()
_KOREAN_FILE = "NotoSansKR-Regular.otf"
KOREAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」)
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xAC00, 0xD7A3),  # Hangul Syllables: every modern Korean syllable
    (0xFF01, 0xFF60),  # fullwidth forms (！，：)
)
"""Unicode ranges kept from Noto Sans KR; Latin, digits and punctuation come from Noto Sans."""
_FILES = fontpkg_noto_sans.ROOT / "files"
_SOURCES = {
    False: _FILES / "NotoSans[wdth,wght].ttf",
    True: _FILES / "NotoSans-Italic[wdth,wght].ttf",
}
STYLES: dict[str, tuple[bool, int]] = {
    "Regular": (False, 400),
    "Italic": (True, 400),
    "SemiBold": (False, 600),
    "Bold": (False, 700),
    "BoldItalic": (True, 700),
    "Black": (False, 900),
}
"""Style name -> (italic, weight): every static instance the templates may use."""

PRINT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritical marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional: every precomposed Vietnamese letter
    (0x2000, 0x206F),  # General Punctuation (dashes, quotes, ellipsis, no-break spaces)
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20CF),  # currency signs (₫, €)
    (0x2100, 0x218F),  # letterlike symbols, number forms (№, ™, ½)
)
"""Unicode ranges kept in the print fonts; the charset is what Noto Sans has of them."""


@cache
def font_key() -> str:
    """What the instances depend on: font package, fontTools, styles and ranges."""
    parts = [
        importlib.metadata.version("fontpkg-noto-sans"),
        importlib.metadata.version("fonttools"),
        repr(sorted(STYLES.items())),
        repr(PRINT_RANGES),
        importlib.metadata.version("pylopdf-fonts-ko"),
        repr(KOREAN_RANGES),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def font_dir() -> Path:
    """The folder of static print fonts, made on first use (``$HOTLINE_FONT_DIR`` overrides).

    Default: ``$XDG_CACHE_HOME/hotline-site/fonts-<key>`` (``~/.cache`` without it).
    Raises ``OSError`` if the folder cannot be written.
    """
    base = os.environ.get("HOTLINE_FONT_DIR")
    if base:
        folder = Path(base)
    else:
        cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = cache_home / "hotline-site" / f"fonts-{font_key()}"
    missing = [style for style in STYLES if not (folder / _file_name(style)).is_file()]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        for style in missing:
            _make_instance(style, str(folder))
    if not (folder / _KOREAN_FILE).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        _make_korean(str(folder))
    return folder


def font_files() -> list[Path]:
    """Every static print font, sorted."""
    folder = font_dir()
    return [folder / _file_name(style) for style in sorted(STYLES)] + [folder / _KOREAN_FILE]


@cache
def charset() -> frozenset[int]:
    """Code points every print style can draw (read from the variable fonts: same outlines).

    Read once per machine and kept beside the font instances (``charset.json``,
    keyed like them by :func:`font_key`): reading the fonts' tables takes about
    0.2 s, a large part of a build that changes nothing.
    """
    saved = font_dir() / "charset.json"
    with contextlib.suppress(OSError, ValueError):
        return frozenset(json.loads(saved.read_text(encoding="utf-8")))
    codes = _read_charset()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        temporary = saved.with_name(f".{saved.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(sorted(codes)), encoding="utf-8")
        temporary.replace(saved)
    return codes


def _read_charset() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] | None = None
    for source in _SOURCES.values():
        cmap = set(TTFont(source, lazy=True).getBestCmap())
        kept = {code for code in cmap if _in_ranges(code)}
        covered = kept if covered is None else covered & kept
    assert covered is not None
    with TTFont(_KOREAN_SOURCE, lazy=True) as korean:
        hangul = {code for code in korean.getBestCmap() if _in(code, KOREAN_RANGES)}
    return frozenset(covered | hangul | {0x0A})  # a line break is not drawn


def _in_ranges(code: int) -> bool:
    return _in(code, PRINT_RANGES)


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def _make_korean(folder: str) -> None:
    """Noto Sans KR cut down to Hangul and CJK punctuation (Typst embeds a subset again)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(_KOREAN_SOURCE, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(
            unicodes=[c for low, high in KOREAN_RANGES for c in range(low, high + 1)]
        )
        subsetter.subset(font)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            font.save(handle)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(Path(folder) / _KOREAN_FILE)


def _file_name(style: str) -> str:
    return f"NotoSans-{style}.ttf"


def _make_instance(style: str, folder: str) -> None:
    """Subset the variable font to the print ranges, then pin it to one weight at width 100."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    italic, weight = STYLES[style]
    font = TTFont(_SOURCES[italic], recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in PRINT_RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(
        font, {"wght": weight, "wdth": 100}, updateFontNames=True
    )
    static.recalcTimestamp = False
    target = Path(folder) / _file_name(style)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
        static.save(handle)
    Path(handle.name).chmod(0o644)
    Path(handle.name).replace(target)  # atomic: a second build never reads half a font
