"""Which PDFs each material gets, and the data each one is printed from.

Every material is printed in every language of the site; hotel posters and
room cards also bilingual on one sheet. Posters, cards, inserts, bookmarks and
leaflets also get a print-shop version (CMYK, 3 mm bleed, crop marks);
situation cards are for office printers only, eight to an A4 sheet.

A job's data is plain JSON for its Typst template (``templates/<format>.typ``):
text as runs of strings (``markup.py``), colours, sizes in millimetres and
points, the QR code as runs of dark modules. Nothing here knows MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from hotline_site.content import document
from hotline_site.content.addresses import is_placeholder_site, printed_address, short_url
from hotline_site.content.campaign import Campaign
from hotline_site.content.kinds import TABLE as KIND_TABLE
from hotline_site.content.labels import LABELS_FILE, Labels
from hotline_site.content.model import INFOGRAPHIC_ID, PAPER_SIZES, Material, Section
from hotline_site.content.problems import Problem
from hotline_site.content.vi_words import WORDS_FILE, join_words
from hotline_site.print import artwork, markup
from hotline_site.print.edition import edition_epoch, edition_lines
from hotline_site.print.formats import FORMATS, TEMPLATES
from hotline_site.stats.figures import Figures
from hotline_site.stats.summary import STATS_PAGE, has_figures, infographic

BILINGUAL = "bilingual"
BLEED_MM = 3.0
SLUG_MM = 9.0  # room for crop marks outside the bleed
OFFICE_MARGIN_MM = 25.0  # unprinted edge of an office printer, plus room for cut marks

CARDS_PER_SHEET = 6  # 2 × 3 cards (templates/cards.typ), the body at 12 pt or more
"""Situation cards: 2 columns x 4 rows on an A4 sheet (``templates/cards.typ``)."""


@dataclass(frozen=True)
class Paper:
    """A trim size in millimetres, portrait."""

    name: str
    width: float
    height: float

    @classmethod
    def named(cls, name: str) -> Paper:
        if name in PAPER_SIZES:
            width, height = PAPER_SIZES[name]
        else:
            width, height = (int(side) for side in re.findall(r"\d+", name))
        return cls(name, width, height)


@dataclass(frozen=True)
class PrintJob:
    """One PDF to make: a material in a language, on a paper, for a printer."""

    material_id: str
    audience: str
    kind: str
    format: str
    """The Typst template: poster, document, tent, insert, bookmark, leaflet, infographic."""
    language: str
    """A site language, or ``"bilingual"``."""
    paper: str
    print_shop: bool
    title: str
    pages: int | None
    """Exact page count a sheet must have; ``None`` for documents that run on."""
    key: str
    """Hash of everything that shapes the PDF's data: with the renderer's, the cache key."""
    created: int | None
    """The PDF's creation date (seconds since 1970): the campaign's edition, if it has one."""
    make_data: Callable[[], dict[str, Any]] = field(compare=False, repr=False)

    @cached_property
    def data(self) -> dict[str, Any]:
        """The template's data, built only when the PDF is not in the cache."""
        return self.make_data()

    @property
    def filename(self) -> str:
        variant = "-print" if self.print_shop else ""
        return f"{self.material_id}-{self.language}-{self.paper.lower()}{variant}.pdf"


def plan_print_jobs(
    campaign: Campaign, labels: Labels, figures: Figures, *, site_url: str
) -> list[PrintJob]:
    """Every PDF of the campaign, with the data its template needs."""
    builder = _DataBuilder(campaign, labels, figures, site_url)
    jobs = []
    for material in campaign.materials:
        languages = campaign.print_languages(material)
        if material.bilingual:
            languages.append(BILINGUAL)
        row = FORMATS[material.kind]
        variants = [False, True] if row.print_shop else [False]
        for language in languages:
            for paper in material.paper or row.papers:
                for print_shop in variants:
                    sheet = None if print_shop else row.office_sheet
                    jobs.append(
                        builder.job(material, language, Paper.named(paper), print_shop, sheet)
                    )
    if has_figures(figures.stats):
        jobs += [builder.infographic_job(language) for language in campaign.languages]
    return jobs


PRINT_LABELS = (
    "print.call_line",
    "print.edition",
    "print.pictograms_alt",
    "print.qr_alt",
    "page_of",
    "name",
    "class",
    "answer",
    "minutes",
    "guidance",
)
"""Labels every printable may use, besides ``kind.<kind>``."""


def print_labels(material: Material) -> tuple[str, ...]:
    """The labels ``material``'s printables use: every printable's, and its own."""
    own = [f"kind.{material.kind}"]
    if KIND_TABLE[material.kind].danger_line:
        own += ["print.card_number", "print.card_danger"]
    if material.publisher_space:
        own.append("print.publisher_space")
    return (*PRINT_LABELS, *own)


def missing_print_texts(campaign: Campaign, labels: Labels) -> list[Problem]:
    """What a material's own languages (``languages: [ko]``) still lack to be printed.

    Its printables also use the campaign's name, tagline and audience title and the
    print labels in that language, and the download tables name the language in
    every language of the site (``language.<code>`` in labels.yml).
    """
    problems = []
    campaign_file = f"{campaign.root.parent.name}/{campaign.slug}/campaign.yml"
    info = campaign.info
    seen: set[tuple[str, str]] = set()
    for material in campaign.materials:
        for language in material.languages:
            needed = [
                (campaign_file, "name", info.name),
                (campaign_file, "tagline", info.tagline),
                (
                    campaign_file,
                    f"audiences.{material.audience}.title",
                    info.audiences[material.audience].title,
                ),
            ]
            needed += [
                (str(LABELS_FILE.name), key, labels.table.get(key, {}))
                for key in print_labels(material)
            ]
            for file, field_name, text in needed:
                if language not in text and (field_name, language) not in seen:
                    seen.add((field_name, language))
                    problems.append(
                        Problem(
                            file,
                            None,
                            field_name,
                            f"needs its text in '{language}': material '{material.id}' is "
                            f"printed in {language} (its languages), and its printables use it",
                        )
                    )
            key = f"language.{language}"
            for site_language in campaign.languages:
                if site_language not in labels.table.get(key, {}) and (key, "") not in seen:
                    seen.add((key, ""))
                    problems.append(
                        Problem(
                            str(LABELS_FILE.name),
                            None,
                            key,
                            f"missing: the download tables name the language '{language}' "
                            f"in every language of the site ({', '.join(campaign.languages)})",
                        )
                    )
    return problems


def draft_reason(site_url: str) -> str | None:
    """Why printables carry a draft mark, or ``None`` when the site has a real address."""
    if is_placeholder_site(site_url):
        return (
            f"site_url {site_url!r} in mkdocs.yml is a reserved example address, so every "
            "printable carries a 'BẢN NHÁP – DRAFT' mark and its QR code leads nowhere; "
            "set the site's real address to print final copies"
        )
    return None


class _DataBuilder:
    def __init__(self, campaign: Campaign, labels: Labels, figures: Figures, site_url: str):
        self.campaign = campaign
        self.labels = labels
        self.figures = figures
        self.site_url = site_url.rstrip("/") + "/"
        self.languages = campaign.languages
        self.keep = (campaign.info.hotline,)
        self.draft = (
            " – ".join(labels("print.draft", lang) for lang in self.languages)
            if draft_reason(site_url)
            else None
        )
        self.logo = artwork.campaign_logo(campaign)
        self.created = edition_epoch(campaign.info.edition)
        # Everything every job shares, hashed once: a job's key adds only its own inputs.
        shared = [
            self.logo,
            artwork.fingerprint().hex(),
            campaign.info.model_dump(mode="json"),
            figures.stats.model_dump(mode="json"),
            labels.table,
            self.site_url,
            list(self.languages),
        ]
        self.shared_key = _digest(shared)

    # ------------------------------------------------------------ text

    def fill(self, text: str, language: str) -> str:
        """Figures filled in: ``{trafficking.calls}`` -> ``764``."""
        return self.figures.fill(text, language)

    def runs(self, value: Mapping[str, str], languages: Sequence[str]) -> dict[str, Any]:
        """A line of display type (a title, heading, item): Vietnamese words kept whole."""
        return {
            lang: _whole_words(
                markup.inline(self.fill(value[lang], lang), keep_together=self.keep), lang
            )
            for lang in languages
        }

    def blocks(
        self, value: Mapping[str, str] | None, languages: Sequence[str], *, display: bool = False
    ) -> Any:
        """Paragraphs and lists; ``display`` (posters, cards…): Vietnamese words kept whole."""
        if value is None:
            return None
        result = {}
        for lang in languages:
            parsed = markup.blocks(self.fill(value[lang], lang), keep_together=self.keep)
            if display:
                for block in parsed:
                    parts = [block["runs"]] if block["kind"] == "par" else block["items"]
                    for part in parts:
                        _whole_words(part, lang)
            result[lang] = parsed
        return result

    def web_language(self, language: str) -> str:
        """The site's pages a printable links to: its own language's, or for a language the
        site does not have (a material's own, such as ``ko``), the site's last language."""
        return language if language in self.languages else self.languages[-1]

    def label(self, key: str, languages: Sequence[str], **values: object) -> dict[str, str]:
        return {lang: self.labels(key, lang, **values) for lang in languages}

    def section(
        self, section: Section, languages: Sequence[str], *, display: bool = False
    ) -> dict[str, Any]:
        return {
            "heading": self.runs(section.heading, languages) if section.heading else None,
            "style": section.style,
            "text": self.blocks(section.text, languages, display=display),
            "items": [self.runs(item, languages) for item in section.items],
            "steps": [
                {
                    "title": self.runs(step.title, languages),
                    "minutes": step.minutes,
                    "minutes_label": self.label("minutes", languages, n=step.minutes)
                    if step.minutes
                    else None,
                    "text": self.blocks(step.text, languages, display=display),
                }
                for step in section.steps
            ],
            "questions": [
                {
                    "question": self.blocks(question.question, languages),
                    "guidance": self.blocks(question.guidance, languages),
                    "guidance_label": self.label("guidance", languages),
                    "write_lines": question.write_lines,
                }
                for question in section.questions
            ],
            "quiz": [
                {
                    "question": self.blocks(item.question, languages),
                    "options": [self.runs(option, languages) for option in item.options],
                    "letters": [document.letter(at) for at in range(1, len(item.options) + 1)],
                    "answer": item.answer,
                    "explanation": self.blocks(item.explanation, languages),
                }
                for item in section.quiz
            ],
            "write_lines": section.write_lines,
        }

    # ------------------------------------------------------------ jobs

    def job(
        self,
        material: Material,
        language: str,
        paper: Paper,
        print_shop: bool,
        sheet_name: str | None = None,
    ) -> PrintJob:
        """One PDF; with ``sheet_name``, as many copies of ``paper`` as fit on that sheet."""
        languages = list(self.languages) if language == BILINGUAL else [language]
        fmt = FORMATS[material.kind].template
        display = TEMPLATES[fmt].display
        title = " / ".join(material.title[lang] for lang in languages)
        variant = "-print" if print_shop else ""
        sheet = Paper.named(sheet_name) if sheet_name else None
        printed_on = sheet or paper
        filename = f"{material.id}-{language}-{printed_on.name.lower()}{variant}.pdf"
        up = {}
        if sheet is not None:
            count = int((sheet.width - 2 * OFFICE_MARGIN_MM) // paper.width)
            up = {
                "up": max(1, count),
                "sheet": {"name": sheet.name, "width": sheet.width, "height": sheet.height},
            }
        inputs = [material.model_dump(mode="json"), language, paper.name, print_shop, up]
        image = None
        if material.image and material.image_alt:
            path = self.campaign.root / material.image
            inputs.append(hashlib.sha256(path.read_bytes()).hexdigest())
            alt = " / ".join(material.image_alt[lang] for lang in languages)
            image = {"path": str(path.resolve()), "alt": alt}
        if material.answers_for:
            inputs.append(self.campaign.material(material.answers_for).model_dump(mode="json"))

        def make() -> dict[str, Any]:
            return {
                **self.common(languages, paper, print_shop, fmt, filename),
                **self.meta(material, languages, title),
                "kind": material.kind,
                "guidance": document.shows_guidance(material),
                "pupil_facing": KIND_TABLE[material.kind].pupil_facing,
                "title": self.runs(material.title, languages),
                "tagline": self.runs(self.campaign.info.tagline, languages),
                "facts": self.facts(material, languages),
                "sections": [
                    self.section(section, languages, display=display)
                    for section in material.sections
                ],
                "back": [
                    self.section(section, languages, display=display) for section in material.back
                ],
                "publisher_space": self.label("print.publisher_space", languages)
                if material.publisher_space
                else None,
                **(
                    {
                        "card_number": self.label("print.card_number", languages, n="{n}"),
                        "card_danger": self.label("print.card_danger", languages),
                    }
                    if KIND_TABLE[material.kind].danger_line
                    else {}
                ),
                "answers": self.answers(material, languages),
                "image": image,
                "qr": self.qr(
                    short_url(
                        self.site_url, material.id, self.web_language(languages[0]), self.languages
                    ),
                    languages,
                ),
                **self.sizes(fmt, paper),
                **up,
            }

        return self._job(
            material.id,
            material.audience,
            material.kind,
            fmt,
            language,
            printed_on,
            print_shop,
            title,
            make,
            inputs,
            pages=-(-len(material.sections) // CARDS_PER_SHEET) if fmt == "cards" else None,
        )

    def infographic_job(self, language: str) -> PrintJob:
        """The latest figures on one A4 sheet, for notice boards and reports."""
        stats_data = self.figures.stats
        info = self.campaign.info
        paper = Paper.named("A4")
        stats = infographic(
            stats_data,
            self.figures.vocabulary,
            self.labels,
            language,
            colour=info.colours.primary.rgb,
        )
        prefix = "" if language == self.languages[0] else f"{language}/"
        url = f"{self.site_url}{prefix}{STATS_PAGE.removesuffix('.md')}/"
        filename = f"{INFOGRAPHIC_ID}-{language}-a4.pdf"
        data = {
            **self.common([language], paper, False, "infographic", filename),
            "meta": {
                "title": stats.title,
                "author": info.name[language],
                "description": self.labels("stats.description", language),
                "keywords": [info.hotline, stats.title],
            },
            "title": {language: _whole_words(markup.inline(stats.title), language)},
            "tagline": self.runs(info.tagline, [language]),
            "headline": {language: _whole_words(markup.inline(stats.headline), language)},
            "lines": [_whole_words(markup.inline(line), language) for line in stats.lines],
            "source": stats.source,
            "charts": [
                {"title": title, "alt": alt, "rows": [list(row) for row in rows]}
                for title, alt, rows in stats.charts
            ],
            "qr": self.qr(url, [language]),
            **self.sizes("poster", paper),
        }
        return self._job(
            INFOGRAPHIC_ID,
            "statistics",
            "infographic",
            "infographic",
            language,
            paper,
            False,
            stats.title,
            lambda: data,
            [stats_data.model_dump(mode="json"), language],
        )

    def _job(
        self,
        material_id: str,
        audience: str,
        kind: str,
        fmt: str,
        language: str,
        paper: Paper,
        print_shop: bool,
        title: str,
        make_data: Callable[[], dict[str, Any]],
        inputs: list[Any],
        pages: int | None = None,
    ) -> PrintJob:
        """A job whose key hashes the shared inputs, this job's own, and the code that
        turns them into data (so a change to this module renders everything again)."""
        return PrintJob(
            material_id=material_id,
            audience=audience,
            kind=kind,
            format=fmt,
            language=language,
            paper=paper.name,
            print_shop=print_shop,
            title=title,
            pages=pages or TEMPLATES[fmt].pages,
            key=_digest([self.shared_key, _code_key(), inputs]),
            created=self.created,
            make_data=make_data,
        )

    def common(
        self, languages: Sequence[str], paper: Paper, print_shop: bool, fmt: str, filename: str
    ) -> dict[str, Any]:
        info = self.campaign.info
        return {
            "job": filename,
            "format": fmt,
            "lang": languages[0],
            "languages": list(languages),
            "print_shop": print_shop,
            "bleed": BLEED_MM,
            "slug": SLUG_MM,
            "draft": self.draft,
            "colours": info.colours.model_dump(mode="json"),
            "paper": {"name": paper.name, "width": paper.width, "height": paper.height},
            "hotline": info.hotline,
            "call": self.label("print.call_line", languages),
            # The pictograms (a phone, 24 hours, free of charge) are one figure: its alt text.
            "pictograms_alt": " / ".join(
                self.labels("print.pictograms_alt", lang) for lang in languages
            ),
            "campaign": self.runs(info.name, languages),
            **artwork.job_data(self.logo, languages),  # the logo, the pictograms, their credit
            "page_of": self.label("page_of", languages, page="{page}", pages="{pages}"),
            "edition": edition_lines(self.labels, self.campaign.info.edition, languages),
            "name_label": self.label("name", languages),
            "class_label": self.label("class", languages),
            "answer_label": self.label("answer", languages),
        }

    def meta(self, material: Material, languages: Sequence[str], title: str) -> dict[str, Any]:
        first = languages[0]
        info = self.campaign.info
        return {
            "meta": {
                "title": title,
                "author": info.name[first],
                "description": " / ".join(
                    f"{self.labels(f'kind.{material.kind}', lang)}: "
                    f"{info.audiences[material.audience].title[lang]}"
                    for lang in languages
                ),
                "keywords": [info.hotline, self.labels(f"kind.{material.kind}", first)],
            }
        }

    def facts(self, material: Material, languages: Sequence[str]) -> dict[str, str]:
        """Kind · audience · grades · duration, per language (``content/document``)."""
        return {
            lang: " · ".join(
                value for _, value in document.facts(self.campaign, material, self.labels, lang)
            )
            for lang in languages
        }

    def answers(self, material: Material, languages: Sequence[str]) -> list[dict[str, Any]]:
        """For an answer key: each quiz item with its right option, each question's guidance."""
        return [
            {
                "heading": self.runs(part.heading, languages) if part.heading else None,
                "quiz": [
                    {
                        "question": self.blocks(answer.question, languages),
                        "answer": answer.letter,
                        "option": self.runs(answer.option, languages),
                        "explanation": self.blocks(answer.explanation, languages),
                    }
                    for answer in part.quiz
                ],
                "questions": [
                    {
                        "question": self.blocks(q.question, languages),
                        "guidance": self.blocks(q.guidance, languages),
                    }
                    for q in part.questions
                ],
            }
            for part in document.answer_sections(self.campaign, material)
        ]

    def qr(self, url: str, languages: Sequence[str]) -> dict[str, Any]:
        """The QR code as rows of dark runs ``[start, length]``, with alt text and address."""
        address = printed_address(url)
        return {
            "url": url,
            "address": address,
            "matrix": artwork.qr_rows(url),
            "alt": " / ".join(
                self.labels("print.qr_alt", lang, address=address) for lang in languages
            ),
        }

    @staticmethod
    def sizes(fmt: str, paper: Paper) -> dict[str, float]:
        """The type scale of a template on a paper: floors in pt, margin in mm
        (``formats.yml``); the poster's grow with the paper."""
        template = TEMPLATES[fmt]
        if fmt == "poster":
            short = min(paper.width, paper.height)
            return {
                "margin": round(max(10.0, template.margin * short / 210), 1),
                # Body floor: 14 pt on A4, 18 pt on A3 and larger.
                "body_min": template.body_min if paper.width < 297 else 18.0,
                # Digits are 0.714 em: 0.155 × height / 0.714 puts them at 15.5 % of the sheet.
                "number_size": round(0.155 * paper.height / 0.714 * 72 / 25.4, 1),
            }
        return {"margin": template.margin, "body_min": template.body_min, "number_size": 0.0}


def _whole_words(runs: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """Vietnamese runs with the syllables of each word tied (``content/vi_words``)."""
    if language == "vi":
        for run in runs:
            if "text" in run:
                run["text"] = join_words(run["text"])
    return runs


def _digest(value: Any) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


@lru_cache(maxsize=1)
def _code_key() -> str:
    """The code that shapes every job's data: this module, the text module, the formats
    table, and the statistics' words and figures (the infographic and every text with a
    figure)."""
    here = Path(__file__)
    statistics = here.parents[1] / "stats"  # not importers/: a PDF never depends on them
    return _digest(
        [
            here.read_text(),
            here.with_name("markup.py").read_text(),
            here.with_name("formats.yml").read_text(encoding="utf-8"),
            WORDS_FILE.read_text(encoding="utf-8"),
            (here.parents[1] / "content" / "vi_words.py").read_text(),
            *(path.read_text() for path in sorted(statistics.glob("*.py"))),
            (statistics / "vocabulary.yml").read_text(encoding="utf-8"),
        ]
    )
