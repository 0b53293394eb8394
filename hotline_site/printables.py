"""Which PDFs each material gets, and the HTML each one is printed from.

Every material is printed in every language; hotel and tourism posters also
bilingual on one sheet. Posters, cards, inserts and bookmarks also get a
print-shop version with 3 mm bleed and crop marks. The HTML is built here from
the same content model as the web pages; ``render.py`` turns it into PDF.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import fontpkg_noto_sans
import markdown
import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from hotline_site.campaign import Campaign
from hotline_site.labels import Labels
from hotline_site.model import PAPER_SIZES, Kind, Material
from hotline_site.pages import INFOGRAPHIC_ID, Figures, TextRenderer
from hotline_site.statspage import STATS_PAGE, infographic

TEMPLATES = Path(__file__).with_name("templates") / "print"
FONT_REGULAR = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
FONT_ITALIC = fontpkg_noto_sans.ROOT / "files" / "NotoSans-Italic[wdth,wght].ttf"
BILINGUAL = "bilingual"

DOCUMENT_KINDS: frozenset[Kind] = frozenset(
    {"lesson_plan", "worksheet", "answer_key", "briefing", "leaflet"}
)
DEFAULT_PAPER: dict[Kind, list[str]] = {
    "lesson_plan": ["A4"],
    "worksheet": ["A4"],
    "answer_key": ["A4"],
    "briefing": ["A4"],
    "leaflet": ["A4"],
    "poster": ["A4", "A3"],
    "card": ["A6"],
    "insert": ["A5"],
    "bookmark": ["50x180mm"],
}
PRINT_SHOP_KINDS: frozenset[Kind] = frozenset({"poster", "card", "insert", "bookmark"})


@dataclass(frozen=True)
class Paper:
    """A page size and the type sizes that suit it."""

    name: str
    width: int
    height: int

    @classmethod
    def named(cls, name: str) -> Paper:
        if name in PAPER_SIZES:
            width, height = PAPER_SIZES[name]
        else:
            width, height = (int(side) for side in re.findall(r"\d+", name))
        return cls(name, width, height)

    @property
    def scale(self) -> float:
        return min(self.width, self.height) / 210

    @property
    def narrow(self) -> bool:
        return self.width < 80

    @property
    def base_pt(self) -> float:
        return round(max(7.5, 12 * self.scale), 1)

    @property
    def title_em(self) -> float:
        return 1.6 if self.narrow else 2.2

    @property
    def number_pt(self) -> float:
        # 200 pt digits on A3 are about 50 mm tall: readable from well beyond two metres.
        return round(max(48, 140 * self.scale), 1)

    @property
    def qr_mm(self) -> float:
        # At least 25 mm on A4 and smaller sheets, 40 mm on A3.
        return round(max(25, 28 * self.scale), 1) if self.width < 290 else 42.0

    @property
    def margin(self) -> float:
        # Text stays at least 5 mm inside the trim; larger sheets get more air.
        return round(max(6, 12 * self.scale), 1)


@dataclass(frozen=True)
class PrintJob:
    """One PDF to make: a material in a language, on a paper, for a printer."""

    material_id: str
    audience: str
    kind: str
    language: str  # a site language, or "bilingual"
    paper: str
    print_shop: bool
    title: str
    expected_pages: int | None  # sheets must fit exactly; documents may run on
    key: str
    """Hash of everything that goes into the PDF: the render cache's key."""
    make_html: Callable[[], str] = field(compare=False, repr=False)

    @property
    def filename(self) -> str:
        variant = "-print" if self.print_shop else ""
        return f"{self.material_id}-{self.language}-{self.paper.lower()}{variant}.pdf"

    @property
    def html(self) -> str:
        """The HTML to print. Built only when the cache lacks the PDF."""
        return self.make_html()


@cache
def _renderer_fingerprint() -> str:
    """Fonts, templates, renderer code and WeasyPrint's version: what shapes every PDF."""
    import importlib.metadata

    digest = hashlib.sha256()
    for path in (FONT_REGULAR, FONT_ITALIC, *sorted(TEMPLATES.iterdir())):
        digest.update(path.read_bytes())
    for module in ("printables.py", "render.py", "pages.py", "labels.yml"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(importlib.metadata.version("weasyprint").encode())
    return digest.hexdigest()


def plan_print_jobs(
    campaign: Campaign, labels: Labels, figures: Figures, *, site_url: str
) -> list[PrintJob]:
    """Every PDF of the campaign, with its HTML."""
    builder = _HtmlBuilder(campaign, labels, figures, site_url)
    jobs = []
    for material in campaign.materials:
        content = builder.content_key(material)
        languages = list(campaign.languages)
        if material.kind == "poster" and material.audience == "hotels":
            languages.append(BILINGUAL)
        variants = [False, True] if material.kind in PRINT_SHOP_KINDS else [False]
        for language in languages:
            for paper in material.paper or DEFAULT_PAPER[material.kind]:
                for print_shop in variants:
                    jobs.append(
                        builder.job(material, content, language, Paper.named(paper), print_shop)
                    )
    if campaign.stats is not None and campaign.stats.periods:
        jobs += [builder.infographic_job(language) for language in campaign.languages]
    return jobs


class _HtmlBuilder:
    def __init__(self, campaign: Campaign, labels: Labels, figures: Figures, site_url: str):
        self.campaign = campaign
        self.labels = labels
        self.figures = figures
        self.site_url = site_url.rstrip("/") + "/"
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = self._markdown_block
        self.env.filters["inline"] = self._markdown_inline
        self.env.filters["markdown_inline"] = lambda text: Markup(  # our own label text
            re.sub(r"^<p>|</p>$", "", markdown.markdown(str(escape(text))).strip())
        )
        self.created = _source_date()
        # Everything shared by every PDF, hashed once: campaign, figures, labels, renderer.
        shared = json.dumps(
            [
                campaign.info.model_dump(mode="json"),
                figures,
                labels.table,
                self.site_url,
                self.created,
                _renderer_fingerprint(),
            ],
            sort_keys=True,
            ensure_ascii=False,
        )
        self.shared_key = hashlib.sha256(shared.encode()).hexdigest()

    def content_key(self, material: Material) -> str:
        """Hash of one material's own content (and of the worksheet an answer key shows)."""
        parts = [material.model_dump(mode="json")]
        if material.answers_for:
            parts.append(self.campaign.material(material.answers_for).model_dump(mode="json"))
        text = json.dumps([self.shared_key, parts], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def _text(self, value: dict[str, str], language: str) -> str:
        return TextRenderer(self.figures, language).text(value)

    def _markdown_block(self, value: dict[str, str], language: str) -> Markup:
        return Markup(markdown.markdown(self._text(value, language)))

    def _markdown_inline(self, value: dict[str, str], language: str) -> Markup:
        # "3. Before I go" is a heading here, not the start of a numbered list.
        text = re.sub(r"^(\d+)\. ", r"\1\\. ", self._text(value, language))
        html = markdown.markdown(text)
        return Markup(re.sub(r"^<p>|</p>$", "", html.strip()))

    def job(
        self, material: Material, content: str, language: str, paper: Paper, print_shop: bool
    ) -> PrintJob:
        is_document = material.kind in DOCUMENT_KINDS
        sides = 1 + (1 if material.back else 0)
        languages = list(self.campaign.languages) if language == BILINGUAL else [language]
        key = hashlib.sha256(f"{content}|{language}|{paper}|{print_shop}".encode()).hexdigest()
        return PrintJob(
            material_id=material.id,
            audience=material.audience,
            kind=material.kind,
            language=language,
            paper=paper.name,
            print_shop=print_shop,
            title=" / ".join(material.title[lang] for lang in languages),
            expected_pages=None if is_document else sides,
            key=key,
            make_html=functools.partial(self.html, material, language, paper, print_shop),
        )

    def html(self, material: Material, language: str, paper: Paper, print_shop: bool) -> str:
        languages = list(self.campaign.languages) if language == BILINGUAL else [language]
        first = languages[0]
        info = self.campaign.info
        hotline = info.hotline
        label = self.labels
        is_document = material.kind in DOCUMENT_KINDS
        qr_url = self.page_url(material, first)
        title = " / ".join(material.title[lang] for lang in languages)
        audience = info.audiences[material.audience]
        facts = " · ".join(
            [label(f"kind.{material.kind}", first), audience.title[first]]
            + ([material.grades[first]] if material.grades else [])
            + (
                [label("minutes", first, n=material.duration_minutes)]
                if material.duration_minutes
                else []
            )
        )
        context = {
            "html_lang": first,
            "languages": languages,
            "title": title,
            "author": info.name[first],
            "subject": material.summary[first],
            "keywords": f"{hotline}, {label('kind.' + material.kind, first)}",
            "created": self.created,
            "campaign": info,
            "material": material,
            "worksheet": self.campaign.material(material.answers_for)
            if material.answers_for
            else None,
            "facts": facts,
            "paper": paper,
            "print_shop": print_shop,
            "hotline": hotline,
            "call_line": " / ".join(
                f"{label('call_111', lang, hotline=hotline)}: {label('call_summary', lang)}"
                for lang in languages
            ),
            "scan_line": label("scan_for_more", first),
            "qr_url": qr_url,
            "qr_label": f"QR: {qr_url}",
            "qr_svg": Markup(_qr_svg(qr_url)),
            "label": lambda key, **values: label(key, first, **values),
        }
        stylesheet = self._stylesheet(context, first)
        template = "document.html" if is_document else "sheet.html"
        html = self.env.get_template(template).render({**context, "stylesheet": Markup(stylesheet)})
        return html

    def _stylesheet(self, context: dict[str, Any], language: str) -> str:
        """The shared stylesheet, with this document's paper, colours and page counter."""
        label, hotline = self.labels, self.campaign.info.hotline
        counter = _css_counter(label("page_of", language, page="\0page\0", pages="\0pages\0"))
        return self.env.get_template("print.css").render(
            {
                **context,
                "font_regular": FONT_REGULAR.as_uri(),
                "font_italic": FONT_ITALIC.as_uri(),
                "colours": self.campaign.info.colours,
                "hotline_line": (
                    f"{label('call_111', language, hotline=hotline)} · "
                    f"{label('call_summary', language)}"
                ),
                "page_counter": Markup(counter),
            }
        )

    def infographic_job(self, language: str) -> PrintJob:
        """The latest figures on one A4 sheet, for notice boards and reports."""
        assert self.campaign.stats is not None
        stats = self.campaign.stats.model_dump_json()
        key = hashlib.sha256(f"{self.shared_key}|{stats}|{language}".encode()).hexdigest()
        return PrintJob(
            material_id=INFOGRAPHIC_ID,
            audience="statistics",
            kind="infographic",
            language=language,
            paper="A4",
            print_shop=False,
            title=self.labels("stats.title", language),
            expected_pages=1,
            key=key,
            make_html=functools.partial(self.infographic_html, language),
        )

    def infographic_html(self, language: str) -> str:
        assert self.campaign.stats is not None
        info = self.campaign.info
        paper = Paper.named("A4")
        data = infographic(self.campaign.stats, self.labels, language, colour=info.colours.primary)
        prefix = "" if language == self.campaign.languages[0] else f"{language}/"
        qr_url = f"{self.site_url}{prefix}{STATS_PAGE.removesuffix('.md')}/"
        context = {
            "html_lang": language,
            "languages": [language],
            "title": data.title,
            "author": info.name[language],
            "subject": self.labels("stats.description", language),
            "keywords": f"{info.hotline}, {data.title}",
            "created": self.created,
            "campaign": info,
            "data": data,
            "paper": paper,
            "print_shop": False,
            "hotline": info.hotline,
            "call_line": (
                f"{self.labels('call_111', language, hotline=info.hotline)}: "
                f"{self.labels('call_summary', language)}"
            ),
            "scan_line": self.labels("scan_for_more", language),
            "qr_url": qr_url,
            "qr_label": f"QR: {qr_url}",
            "qr_svg": Markup(_qr_svg(qr_url)),
        }
        stylesheet = self._stylesheet(context, language)
        return self.env.get_template("infographic.html").render(
            {**context, "stylesheet": Markup(stylesheet)}
        )

    def page_url(self, material: Material, language: str) -> str:
        prefix = "" if language == self.campaign.languages[0] else f"{language}/"
        return f"{self.site_url}{prefix}materials/{material.audience}/{material.id}/"


def _qr_svg(url: str) -> str:
    # Error correction M at least, quiet zone of four modules, vector paths.
    qr = segno.make(url, error="m", boost_error=True)
    return str(qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff"))


def _css_counter(text: str) -> str:
    """ "Trang \0page\0/\0pages\0" -> '"Trang " counter(page) "/" counter(pages)'."""
    parts = []
    for index, piece in enumerate(text.split("\0")):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append('"' + piece.replace('"', '\\"') + '"')
    return " ".join(parts)


def _source_date() -> str | None:
    """A fixed creation date for reproducible PDFs (SOURCE_DATE_EPOCH), or none at all."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    import datetime as dt

    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
