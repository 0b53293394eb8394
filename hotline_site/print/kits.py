"""The ZIP kits: one per audience and language, holding what that audience prints.

A kit holds the office PDFs (``van-phong_office/``: an office printer) and the
print-shop PDFs (``nha-in_print-shop/``: CMYK, bleed, crop marks) in the kit's
language, the bilingual sheets, and the pieces in a material's own languages that
the site has not (Korean room cards for a hotel's guests). Beside them, the print
specification in Vietnamese and English (``specs.yml``): paper, finishing, bleed,
colour profile, for each print-shop piece.

Kits are cached by content (the cache names of the PDFs and the README texts),
written atomically, with fixed dates, so the same PDFs always give the same kit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from hotline_site.content.addresses import DownloadFile, Kit
from hotline_site.content.campaign import Campaign
from hotline_site.print.edition import edition_date
from hotline_site.print.formats import FORMATS
from hotline_site.print.plan import BILINGUAL, Paper

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same PDFs give the same kit
SPECS_FILE = Path(__file__).with_name("specs.yml")
README_LANGUAGES = ("vi", "en")
"""The print specification is written in these languages, in every kit."""
FOLDERS = {False: "van-phong_office", True: "nha-in_print-shop"}
"""Where a file goes in the kit: office or print-shop version (named in both languages)."""


def kits_fingerprint() -> str:
    """This module and its texts: what shapes the kits besides the PDFs they hold."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(SPECS_FILE.read_bytes())
    return digest.hexdigest()


@cache
def _specs() -> dict[str, Any]:
    with SPECS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def kit_contents(
    files: Sequence[DownloadFile], audience: str, language: str, site_languages: Sequence[str]
) -> list[DownloadFile]:
    """What ``audience`` prints, for readers of ``language``: office and print-shop
    versions in that language, bilingual sheets, and pieces in a language the site
    has not (a material's own, such as Korean for hotel guests)."""
    return [
        item
        for item in files
        if item.audience == audience
        and (item.language in (language, BILINGUAL) or item.language not in site_languages)
    ]


def kit_path(item: DownloadFile) -> str:
    """The file's name inside the kit: in its folder (office or print shop)."""
    return f"{FOLDERS[item.print_shop]}/{item.filename}"


@dataclass(frozen=True)
class KitText:
    """What the README of a kit says beyond its files: the campaign's words."""

    audience_title: Mapping[str, str]
    campaign_name: Mapping[str, str]
    material_titles: Mapping[str, Mapping[str, str]]
    ink_limit: int
    draft: bool
    edition: dt.date | None


def kit_text(campaign: Campaign, audience: str, *, draft: bool) -> KitText:
    info = campaign.info
    colours = (info.colours.primary, info.colours.accent, info.colours.ink)
    return KitText(
        audience_title=info.audiences[audience].title,  # type: ignore[index]
        campaign_name=info.name,
        material_titles={m.id: m.title for m in campaign.materials if m.audience == audience},
        ink_limit=round(max(sum(colour.cmyk) for colour in colours)),
        draft=draft,
        edition=info.edition,
    )


def readme(contents: Sequence[DownloadFile], text: KitText, language: str) -> str:
    """The print specification, in ``language``: office files, then each print-shop piece
    with its trim size, paper and finishing."""
    specs = _specs()

    def say(key: str, **values: object) -> str:
        return str(specs[key][language]).format(**values)

    lines = [
        say("title", audience=text.audience_title[language]),
        say(
            "edition",
            campaign=text.campaign_name[language],
            edition=edition_date(text.edition, language),
        )
        if text.edition
        else text.campaign_name[language],
        "",
    ]
    if text.draft:
        lines += [say("draft"), ""]
    office = [item for item in contents if not item.print_shop]
    shop = [item for item in contents if item.print_shop]
    if office:
        lines += [f"1. {FOLDERS[False]}/ — {say('office_heading')}", "", say("office"), ""]
        lines += [f"   {item.filename}" for item in office]
        lines.append("")
    if shop:
        lines += [f"2. {FOLDERS[True]}/ — {say('shop_heading')}", ""]
        lines += [say("shop", ink_limit=text.ink_limit), "", say("profile"), ""]
        for material_id in dict.fromkeys(item.material_id for item in shop):
            pieces = [item for item in shop if item.material_id == material_id]
            row = FORMATS.get(pieces[0].kind)
            fmt = row.template if row else ""
            first = Paper.named(pieces[0].paper)
            if fmt == "poster" and first.width > first.height:
                fmt = "banner"  # poster.typ lays a wide poster out as a banner
            title = text.material_titles.get(material_id, {}).get(language, material_id)
            lines.append(f"   {title} ({material_id})")
            lines.append(f"     {say('trim')}: {_trims(pieces, fmt)}")
            spec = specs["formats"].get(fmt)
            if spec:
                lines.append(f"     {say('paper')}: {spec['paper'][language]}")
                lines.append(f"     {say('finishing')}: {spec['finishing'][language]}")
            lines.append(f"     {say('files')}:")
            lines += [f"       {item.filename}" for item in pieces]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _trims(pieces: Sequence[DownloadFile], fmt: str) -> str:
    sizes = []
    for paper_name in dict.fromkeys(item.paper for item in pieces):
        paper = Paper.named(paper_name)
        width, height = paper.width, paper.height
        if fmt == "leaflet":  # the flat sheet, printed landscape
            width, height = max(width, height), min(width, height)
        named = "" if paper_name.endswith("mm") else f"{paper_name} "  # A5, not 50x180mm
        sizes.append(f"{named}{width:g} × {height:g} mm")
    return ", ".join(sizes)


def build_kit(
    sources: dict[str, Path],
    contents: Sequence[DownloadFile],
    target_dir: Path,
    readmes: Mapping[str, str] | None = None,
) -> Path:
    """Write a ZIP of ``contents`` (filename -> rendered file in ``sources``) in their
    folders, with ``readmes`` (name -> text) beside them, cached by content."""
    texts = dict(readmes or {})
    digest = hashlib.sha256()
    for item in sorted(contents, key=kit_path):
        digest.update(kit_path(item).encode())
        digest.update(sources[item.filename].name.encode())  # cache names are content hashes
    for name, body in sorted(texts.items()):
        digest.update(name.encode())
        digest.update(body.encode())
    target = target_dir / f"kit-{digest.hexdigest()}.zip"
    if target.is_file():
        return target
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, body in sorted(texts.items()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body.encode("utf-8"))
        for item in sorted(contents, key=kit_path):
            info = zipfile.ZipInfo(kit_path(item), date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, sources[item.filename].read_bytes())
    temporary.replace(target)
    return target


def build_kits(
    campaign: Campaign,
    downloads: Sequence[DownloadFile],
    published: dict[str, Path],
    cache_dir: Path,
    *,
    draft: bool,
) -> list[Kit]:
    """Every audience's kit in every language of the site; each is added to ``published``."""
    kits = []
    for audience in campaign.audiences():
        text = kit_text(campaign, audience, draft=draft)
        for language in campaign.languages:
            contents = kit_contents(downloads, audience, language, campaign.languages)
            if not contents:
                continue
            readmes = {
                f"README-{lang}.txt": readme(contents, text, lang) for lang in README_LANGUAGES
            }
            path = build_kit(published, contents, cache_dir, readmes)
            filename = f"{campaign.slug}-{audience}-{language}.zip"
            published[filename] = path
            size_kb = max(1, round(path.stat().st_size / 1024))
            kits.append(Kit(audience, language, filename, size_kb, len(contents)))
    return kits
