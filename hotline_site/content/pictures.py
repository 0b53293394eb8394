"""Pictures a material shows (``image: assets/family.svg``), checked before anything uses them.

The site publishes a picture byte for byte and Typst embeds it in the PDFs, so a picture
is accepted only if it is harmless as it is:

* it lies inside the campaign folder, reached through no symbolic link, and is a regular
  file (not a FIFO, a device, a folder);
* an SVG is at most :data:`MAX_SVG_BYTES`, parses as XML without a DOCTYPE, entities or
  processing instructions (:mod:`defusedxml`), and holds only the drawing elements of
  :data:`SVG_ELEMENTS` (no ``script``, ``foreignObject``, animation or HTML), no event
  handler attribute (``onload=``…), and no reference to anything but itself: every
  ``href`` and every ``url(…)`` points at ``#an-id`` in the same file;
* a PNG or JPEG is at most :data:`MAX_RASTER_BYTES` and :data:`MAX_PIXELS` pixels, read
  from its header before any decoder sees it (a 30,000 × 30,000 PNG is refused at once).

:func:`check_picture` raises :class:`PictureRefused` with the reason and what to do; the
content model reports it with the file and the field (``image``).
"""

from __future__ import annotations

import os
import re
import stat
import struct
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from pydantic import ValidationInfo

MAX_SVG_BYTES = 2 * 1024 * 1024
MAX_RASTER_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
"""About an A3 poster at 300 dpi twice over (4961 × 3508 px is 17.4 million)."""
MAX_SIDE = 20_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_METADATA_NS = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
    }
)
"""Editors' metadata (Inkscape, RDF licence blocks): browsers and Typst ignore it."""

SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "metadata",
        "symbol",
        "use",
        "switch",
        "a",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "style",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    ]
)
"""Static drawing only. Left out on purpose: script, foreignObject (HTML inside SVG),
image and feImage (another file or a data: address), animate/set/animateMotion/
animateTransform (can set an href to ``javascript:``), iframe, video, audio."""

_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_DANGEROUS = re.compile(r"javascript:|vbscript:|data:|@import|expression\s*\(|-moz-binding", re.I)


class PictureRefused(ValueError):
    """A picture the build does not use; the message says why and what to do."""


def resolve_inside(root: Path, relative: str) -> Path:
    """``root / relative``, refused unless each part is inside ``root`` and no part is a link.

    ``root`` is the resolved campaign folder. The last part must be a regular file.
    """
    parts = PurePosixPath(relative).parts
    if PurePosixPath(relative).is_absolute() or ".." in parts or not parts:
        raise PictureRefused(
            f"'{relative}' lies outside the campaign folder; give a path inside it, "
            "for example assets/logo.svg"
        )
    path = root
    for index, part in enumerate(parts):
        path = path / part
        try:
            info = path.lstat()
        except FileNotFoundError:
            raise PictureRefused(
                f"file '{relative}' does not exist in the campaign folder {root}"
            ) from None
        shown = "/".join(parts[: index + 1])
        if stat.S_ISLNK(info.st_mode):
            raise PictureRefused(
                f"'{shown}' is a symbolic link; pictures must be real files inside the "
                "campaign folder: copy the file there instead of linking to it"
            )
        last = index == len(parts) - 1
        if last and not stat.S_ISREG(info.st_mode):
            raise PictureRefused(
                f"'{relative}' is not a regular file ({_kind(info.st_mode)}); give a picture file"
            )
        if not last and not stat.S_ISDIR(info.st_mode):
            raise PictureRefused(f"'{shown}' is not a folder")
    return path


def check_picture(root: Path, relative: str) -> Path:
    """The picture ``relative`` (inside the campaign folder ``root``), checked; see the module."""
    path = resolve_inside(root, relative)
    suffix = path.suffix.lower()
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_RASTER_BYTES
    data = _read_at_most(path, limit, relative)
    if suffix == ".svg":
        check_svg(data, relative)
    elif suffix == ".png":
        _check_pixels(relative, *png_size(data, relative))
    else:
        _check_pixels(relative, *jpeg_size(data, relative))
    return path


def checked_picture(value: str, info: ValidationInfo) -> str:
    """The content model's check of ``image:``: :func:`check_picture` in the campaign folder
    (the validation context's ``root``); without one, only the path's form."""
    root: Path | None = (info.context or {}).get("root")
    if root is None:
        parts = PurePosixPath(value).parts
        if PurePosixPath(value).is_absolute() or ".." in parts:
            raise PictureRefused(f"'{value}' lies outside the campaign folder")
        return value
    check_picture(root, value)
    return value


def _read_at_most(path: Path, limit: int, relative: str) -> bytes:
    """The file's bytes, refused without reading them all when it is larger than ``limit``."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PictureRefused(f"'{relative}' is not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise PictureRefused(
                f"'{relative}' is {info.st_size:,} bytes; a picture may be at most "
                f"{limit:,} bytes: make it smaller (fewer pixels, or a simpler drawing)"
            )
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read
        raise PictureRefused(f"'{relative}' is larger than {limit:,} bytes")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def check_svg(data: bytes, relative: str) -> None:
    """Refuse an SVG that could run script, load anything or reach another file."""

    def refuse(reason: str) -> PictureRefused:
        return PictureRefused(
            f"the SVG picture '{relative}' {reason}; only static drawings are published: "
            "remove it (in Inkscape: File > Save As > Plain SVG, or Optimized SVG)"
        )

    # The XML declaration is the only processing instruction allowed (xml-stylesheet
    # would load a style sheet from anywhere); ElementTree drops those before the root.
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"<?xml"):
        body = body[body.find(b"?>") + 2 :]
    if b"<?" in body:
        raise refuse("has a processing instruction (<?…?>)")
    parser = DefusedXMLParser(
        target=ET.TreeBuilder(insert_pis=True),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise refuse("has a DOCTYPE or entities (<!DOCTYPE …>, <!ENTITY …>)") from None
    except ET.ParseError as exc:
        raise PictureRefused(
            f"the SVG picture '{relative}' is not well-formed XML ({exc})"
        ) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise refuse("does not start with an <svg> element in the SVG namespace")
    for element in root.iter():
        if not isinstance(element.tag, str):
            raise refuse("has a processing instruction (<?…?>)")
        namespace, _, name = element.tag[1:].partition("}") if "}" in element.tag else ("", "", "")
        if namespace in _METADATA_NS:
            continue
        if namespace != SVG_NS or name not in SVG_ELEMENTS:
            shown = name or element.tag
            raise refuse(f"has a <{shown}> element" + (f" ({namespace})" if namespace else ""))
        for key, value in element.attrib.items():
            attribute = key.rpartition("}")[2]
            if attribute.lower().startswith("on"):
                raise refuse(f"has an event handler attribute ({attribute}= on <{name}>)")
            if attribute == "href" and not value.strip().startswith("#"):
                raise refuse(
                    f'has a link to another file or address (href="{value[:60]}" on <{name}>)'
                )
            _check_style(value, refuse, f"{attribute}= on <{name}>")
        if name == "style":
            _check_style(element.text or "", refuse, "<style>")
        if name in ("text", "tspan", "textPath"):
            _check_letters(element, relative)


SVG_TEXT_MISSING = "ẹẸịỊọỌụỤ"
"""Letters that Typst cannot set in an SVG's text with the print font: the PDF then lacks
their code points and PDF/UA-1 stops the build ("text with missing codepoints"), naming no
picture (typst/typst #8767; kit.typ switches Noto Sans' ``ccmp`` off for body text, which
SVG text does not get). Measured: these four letters, both cases; 19 other Vietnamese
letters with marks pass."""


def _check_letters(element: ET.Element, relative: str) -> None:
    text = unicodedata.normalize("NFC", "".join([element.text or "", element.tail or ""]))
    for letter in SVG_TEXT_MISSING:
        if letter in text:
            where = text.strip()[:40]
            raise PictureRefused(
                f"the SVG picture '{relative}' has the letter '{letter}' in its text "
                f'("{where}"), which the print font cannot set inside a picture; in the '
                "drawing program turn the text into shapes (Inkscape: Path > Object to Path), "
                "or write the words in the material's text instead of the picture"
            )


def _check_style(value: str, refuse: Callable[[str], PictureRefused], where: str) -> None:
    dangerous = _DANGEROUS.search(value)
    if dangerous:
        raise refuse(f"has '{dangerous.group(0)}' in {where}")
    for match in _URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            raise refuse(f"has url({match.group(2)[:60]}) in {where}: a reference outside the file")


def png_size(data: bytes, relative: str) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR" or len(data) < 24:
        raise PictureRefused(f"'{relative}' is not a PNG file (its first bytes say otherwise)")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def jpeg_size(data: bytes, relative: str) -> tuple[int, int]:
    """Width and height from a JPEG's first start-of-frame marker."""
    if data[:2] != b"\xff\xd8":
        raise PictureRefused(f"'{relative}' is not a JPEG file (its first bytes say otherwise)")
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            break
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if index + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    raise PictureRefused(f"'{relative}' is not a readable JPEG file (no image size found)")


def _check_pixels(relative: str, width: int, height: int) -> None:
    if width == 0 or height == 0:
        raise PictureRefused(f"'{relative}' has no pixels ({width} × {height})")
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise PictureRefused(
            f"'{relative}' is {width:,} × {height:,} pixels; a picture may have at most "
            f"{MAX_PIXELS:,} pixels and {MAX_SIDE:,} on a side: scale it down "
            "(300 dpi at the printed size is enough)"
        )
