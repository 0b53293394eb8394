"""Vector artwork for the printables: the campaign's logo and the pictograms.

Each picture is read from its SVG once and handed to Typst as plain drawing commands
(move, line, cubic, quad, close) with a *role* for each paint (``ink``, ``primary``,
``accent``, ``white``) instead of a colour. The template paints each role in the
sheet's colour space, so a print-shop file stays CMYK-only with its pictures; Typst's
own SVG import would write them in RGB.

The pictograms are Tabler Icons (MIT), copied into ``icons/`` with their licence:
a build reads them from the repository and fetches nothing. ``icons/icons.yml`` names
each one and gives its alt text in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from hotline_site.content.campaign import Campaign

ICONS = Path(__file__).with_name("icons")


class ArtworkError(Exception):
    """A picture the kit cannot draw; the message names the file and what to do."""


@cache
def _catalogue() -> dict[str, Any]:
    with (ICONS / "icons.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def icon_names() -> list[str]:
    return list(_catalogue()["icons"])


def icon(name: str, languages: list[str]) -> dict[str, Any]:
    """A pictogram as drawing commands, with its alt text in ``languages``."""
    entry = _catalogue()["icons"][name]
    art = drawing(ICONS / entry["file"], {})
    art["alt"] = {lang: entry["alt"][lang] for lang in languages}
    art["name"] = name
    return art


def campaign_logo(campaign: Campaign) -> dict[str, Any] | None:
    """The campaign's logo (campaign.yml's ``logo``), painted in the campaign's colours."""
    info = campaign.info
    if not info.logo:
        return None
    colours = info.colours
    roles = {
        colours.primary.rgb.lower(): "primary",
        colours.accent.rgb.lower(): "accent",
        colours.ink.rgb.lower(): "ink",
        "#ffffff": "white",
    }
    return drawing(campaign.root / info.logo, roles)


def job_data(logo: dict[str, Any] | None, languages: Sequence[str]) -> dict[str, Any]:
    """What a template needs to draw the pictures: each is a figure with alt text."""
    langs = list(languages)
    return {
        "logo": {**logo, "alt": logo_alt(langs)} if logo else None,
        "icons": {name: icon(name, langs) for name in icon_names()},
        "credit": credit(langs),
    }


def logo_alt(languages: list[str]) -> str:
    return " / ".join(_catalogue()["logo_alt"][lang] for lang in languages)


def credit(languages: list[str]) -> dict[str, str]:
    """The pictograms' licence credit for the colophon, per language."""
    return {lang: _catalogue()["credit"][lang] for lang in languages}


def fingerprint() -> bytes:
    """Every file that shapes the pictograms: a change renders the PDFs again."""
    return b"".join(path.read_bytes() for path in sorted(ICONS.iterdir()) if path.is_file())


def drawing(path: Path, colours: dict[str, str]) -> dict[str, Any]:
    """The SVG at ``path`` as paths of drawing commands in its view box's units.

    ``colours`` maps an ``#rrggbb`` fill or stroke to a role; a stroke in
    ``currentColor`` (the icons') is ``ink``. Any other colour is refused, naming it.
    """
    from svgelements import (  # type: ignore[import-untyped]
        SVG,
        Arc,
        Close,
        CubicBezier,
        Line,
        Move,
        QuadraticBezier,
        Shape,
    )
    from svgelements import Path as SvgPath

    try:
        svg = SVG.parse(str(path))
    except Exception as error:  # svgelements raises many kinds; the message is what matters
        raise ArtworkError(f"{path}: not a readable SVG ({error})") from None
    box = svg.viewbox
    if box is None:
        raise ArtworkError(f'{path}: the SVG has no viewBox; add one, e.g. viewBox="0 0 64 64"')
    x0, y0 = float(box.x), float(box.y)

    def role(paint: Any, what: str) -> str | None:
        if paint is None or paint.value is None:
            return None
        if paint.alpha == 0:
            return None
        hex_value = paint.hex[:7].lower()
        if what == "stroke" and str(paint.hex).lower().startswith("#000000") and not colours:
            return "ink"
        found = colours.get(hex_value)
        if found is None:
            allowed = ", ".join(f"{c} ({r})" for c, r in colours.items()) or "none"
            raise ArtworkError(
                f"{path}: the {what} colour {hex_value} is not one of the campaign's "
                f"colours ({allowed}); use one of them so the print shop gets it in CMYK"
            )
        return found

    paths = []
    for element in svg.elements():
        if not isinstance(element, Shape):
            continue
        fill, stroke = role(element.fill, "fill"), role(element.stroke, "stroke")
        if fill is None and stroke is None:
            continue
        shape = SvgPath(element)
        shape.approximate_arcs_with_cubics()
        commands: list[list[Any]] = []

        def at(point: Any) -> list[float]:
            return [round(float(point.x) - x0, 3), round(float(point.y) - y0, 3)]

        for segment in shape:
            if isinstance(segment, Move):
                commands.append(["M", at(segment.end)])
            elif isinstance(segment, Close):
                commands.append(["Z"])
            elif isinstance(segment, Line):
                commands.append(["L", at(segment.end)])
            elif isinstance(segment, CubicBezier):
                commands.append(["C", at(segment.control1), at(segment.control2), at(segment.end)])
            elif isinstance(segment, QuadraticBezier):
                commands.append(["Q", at(segment.control), at(segment.end)])
            elif isinstance(segment, Arc):  # pragma: no cover - approximated above
                raise ArtworkError(f"{path}: an arc could not be drawn")
        if commands:
            paths.append(
                {
                    "d": commands,
                    "fill": fill,
                    "stroke": stroke,
                    "width": round(float(element.stroke_width or 0), 3),
                }
            )
    return {"width": float(box.width), "height": float(box.height), "paths": paths}


@lru_cache(maxsize=256)
def qr_rows(url: str) -> list[list[list[int]]]:
    """Error correction M or better, as rows of dark runs ``[start, length]``."""
    import segno  # only when a QR code is drawn: a build that changes nothing needs none

    code = segno.make(url, error="m", boost_error=True)
    rows = []
    for row in code.matrix:
        runs: list[list[int]] = []
        for x, dark in enumerate(row):
            if dark and runs and runs[-1][0] + runs[-1][1] == x:
                runs[-1][1] += 1
            elif dark:
                runs.append([x, 1])
        rows.append(runs)
    return rows
