"""Markdown pages generated from the campaign: one per material and per audience, per language.

This module knows Markdown, not MkDocs: it returns ``{relative path: text}``
and the plugin writes those files into the docs folder.

Over 400 lines, one concept (the generated pages' Markdown); what a material shows
is decided in ``content/document.py``. Next to split out: the download lists.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence

from hotline_site.content import document
from hotline_site.content.addresses import DOWNLOADS_DIR, OFFLINE_KIT, DownloadFile, Kit
from hotline_site.content.campaign import Campaign
from hotline_site.content.labels import Labels
from hotline_site.content.model import INFOGRAPHIC_ID, Material, QuizItem, Section
from hotline_site.stats.figures import Figures
from hotline_site.stats.summary import STATS_PAGE, has_figures
from hotline_site.web import markdown, wayfinding
from hotline_site.web.offline import OFFLINE_KIT_SIZE
from hotline_site.web.references import references
from hotline_site.web.stats_page import statistics_page
from hotline_site.web.wayfinding import MATERIALS_DIR, audience_page

_ADMONITION = {"story": "quote", "note": "note", "important": "warning"}


def material_page(material: Material) -> str:
    """The page path of a material, without language suffix: ``materials/schools/x.md``."""
    return f"{MATERIALS_DIR}/{material.audience}/{material.id}.md"


def localized(path: str, language: str) -> str:
    """``a/b.md`` -> ``a/b.vi.md``: the file name mkdocs-static-i18n expects."""
    return f"{path.removesuffix('.md')}.{language}.md"


STYLESHEET = f"{MATERIALS_DIR}/campaign.css"
IMAGES_DIR = "assets/campaign"
"""Where a material's ``image`` is published, under its path in the campaign folder."""
DOWNLOADS_PAGE = "downloads.md"


def fill_figures(markdown: str, figures: Figures, language: str) -> str:
    """Fill ``{trafficking.calls}`` and the like into a hand-written page, paragraph by paragraph.

    Each paragraph is one text: its figures of a service share one period.
    Raises ``KeyError`` naming a figure no period has.
    """
    return "\n\n".join(figures.fill(block, language) for block in markdown.split("\n\n"))


def generate_pages(
    campaign: Campaign,
    labels: Labels,
    figures: Figures,
    downloads: Sequence[DownloadFile] = (),
    kits: Sequence[Kit] = (),
    *,
    directory_urls: bool = True,
) -> dict[str, str]:
    """Every generated page of the campaign, in every language: path -> Markdown.

    Also the stylesheet that gives the site the campaign's colours.
    """
    pages: dict[str, str] = {STYLESHEET: _stylesheet(campaign)}
    for language in campaign.languages:
        writer = _PageWriter(campaign, labels, figures, language, downloads, kits, directory_urls)
        pages[localized(DOWNLOADS_PAGE, language)] = writer.library()
        pages[localized(f"{MATERIALS_DIR}/index.md", language)] = writer.overview()
        for audience in campaign.audiences():
            pages[localized(audience_page(audience), language)] = writer.audience(audience)
        for material in campaign.materials:
            pages[localized(material_page(material), language)] = writer.material(material)
        if has_figures(figures.stats):
            pages[localized(STATS_PAGE, language)] = statistics_page(
                figures.stats, figures.vocabulary, labels, language,
                colour=campaign.info.colours.primary.rgb,
            ) + "\n".join(writer.statistics_downloads())  # fmt: skip
    return pages


class TextRenderer:
    """Campaign text as safe Markdown, for the web pages and the printables alike."""

    def __init__(self, figures: Figures | None, language: str):
        self.figures = figures  # None: text that may show no figure (audience titles)
        self.language = language

    def text(self, value: Mapping[str, str]) -> str:
        """Text for this language: figures filled in, HTML and Markdown links escaped.

        Emphasis (``**bold**``, ``*italic*``) and lists written in the YAML still work.
        """
        escaped = markdown.campaign_text(value[self.language])
        if self.figures is None:
            return escaped
        return self.figures.fill(escaped, self.language)


class _PageWriter:
    def __init__(
        self,
        campaign: Campaign,
        labels: Labels,
        figures: Figures,
        language: str,
        downloads: Sequence[DownloadFile],
        kits: Sequence[Kit],
        directory_urls: bool,
    ):
        self.campaign = campaign
        self.labels = labels
        self.figures = figures
        self.language = language
        self.downloads = downloads
        # Each material's files and every title, found once: per page, they made the
        # build quadratic in the materials.
        self.files_of: dict[str, list[DownloadFile]] = {}
        for item in downloads:
            self.files_of.setdefault(item.material_id, []).append(item)
        self.titles = {material.id: material.title[language] for material in campaign.materials}
        self.titles[INFOGRAPHIC_ID] = labels("stats.infographic", language)
        self.kits = kits
        # Pages of other languages than the default live one folder deeper (/en/…).
        self.depth_offset = 0 if language == campaign.languages[0] else 1
        self.directory_urls = directory_urls

    # -- text -----------------------------------------------------------------

    def text(self, value: Mapping[str, str]) -> str:
        return TextRenderer(self.figures, self.language).text(value)

    def label(self, key: str, **values: object) -> str:
        return self.labels(key, self.language, **values)

    # -- pages ----------------------------------------------------------------

    def overview(self) -> str:
        lines = [
            _front_matter(self.label("materials_intro")),
            f"# {self.label('materials')}",
            "",
            self.label("materials_intro"),
            "",
        ]
        for audience in self.campaign.audiences():
            info = self.campaign.info.audiences[audience]
            count = len(self.campaign.materials_for(audience))
            lines += [
                f"## [{self.text(info.title)}]({audience}/index.md)",
                "",
                f"{self.text(info.summary)} ({count})",
                "",
            ]
        return "\n".join(lines)

    def audience(self, audience: str) -> str:
        info = self.campaign.info.audiences[audience]  # type: ignore[index]
        lines = [
            _front_matter(info.summary[self.language]),
            f"# {self.text(info.title)}",
            "",
            *wayfinding.grade_index(self.campaign, audience, self.label, self.text),
            self.text(info.summary),
            "{: .lead }",
            "",
            self.text(info.intro),
            "",
        ]
        for kit in self.kits if self.directory_urls else ():  # the offline kit has no ZIPs
            if kit.audience == audience and kit.language == self.language:
                size = self.labels.number(kit.size_kb, self.language)
                url = self.file_url(kit.filename, audience_page(audience))
                lines += [
                    f'<a class="md-button" href="{url}" download>'
                    f"{self.label('download_kits')}: {kit.files} PDF, {size} KB</a>",
                    "",
                ]
        lines += self.offline_kit(audience_page(audience))
        lines += [f"## {self.label('materials_for')}", ""]
        for material in self.campaign.materials_for(audience):  # type: ignore[arg-type]
            lines += [
                f"### [{self.text(material.title)}]({material.id}.md)",
                "",
                self.facts(material),
                "",
                self.text(material.summary),
                "",
            ]
        return "\n".join(lines)

    def material(self, material: Material) -> str:
        """Title, who it is for, the downloads and the preview, then the content.

        On a phone the PDF someone came for is within the first screen.
        """
        lines = [
            _front_matter(material.summary[self.language]),
            f"# {self.text(material.title)}",
            "",
            self.facts(material),
            "",
            *wayfinding.companions(self.campaign, material, self.label, self.text),
        ]
        files = self.files_of.get(material.id, [])
        if files:
            lines += self.material_downloads(material, files, page=material_page(material))
        lines += [self.text(material.summary), "{: .lead }", ""]
        if material.image and material.image_alt:
            # Published by the build, not a docs file: HTML, so MkDocs does not look for it.
            url = self.file_url(material.image, material_page(material), folder=IMAGES_DIR)
            alt = html.escape(material.image_alt[self.language])
            lines += [f'<img alt="{alt}" src="{html.escape(url)}" class="material-image">', ""]
        if material.answers_for:
            lines += self.answers(material)
        # Pupils get the worksheet; the teacher's guidance belongs in its answer key.
        guidance = document.shows_guidance(material)
        lines += self.sections(material.sections, level=2, guidance=guidance)
        if material.back:
            lines += [f"## {self.label('back_side')}", ""]
            lines += self.sections(material.back, level=3, guidance=guidance)
        return "\n".join(lines + references(material, self.labels, self.language))

    # -- downloads ------------------------------------------------------------

    def file_url(self, filename: str, page: str, *, folder: str = DOWNLOADS_DIR) -> str:
        """Link from generated ``page`` (``materials/x/y.md``) to a file in the downloads
        (or in another ``folder`` at the site's root)."""
        depth = page.count("/") + self.depth_offset
        if self.directory_urls and not page.endswith("index.md"):
            depth += 1  # y.md is served as y/index.html
        return "../" * depth + f"{folder}/{filename}"

    def material_downloads(
        self, material: Material, files: Sequence[DownloadFile], *, page: str
    ) -> list[str]:
        """The download list, then a preview of the first page of this language's PDF."""
        own = [item for item in files if item.language == self.language and not item.print_shop]
        preview = []
        if own:
            preview = [self.preview(own[0], material.title[self.language], page=page)]
        note = []
        if any(item.print_shop for item in files):  # what "print shop" means, where offered
            note = [f'<p class="download-note">{html.escape(self.label("print_shop_note"))}</p>']
        return [
            '<section class="material-downloads">',
            f'<h2 class="material-downloads__title">{self.label("downloads")}</h2>',
            *note,
            '<div class="material-downloads__lists">',
            *self.download_list(files, page=page)[:-1],
            "</div>",
            *preview,
            "</section>",
            "",
        ]

    def preview(self, item: DownloadFile, title: str, *, page: str) -> str:
        alt = html.escape(self.label("preview_alt", title=title))
        return (
            f'<a href="{self.file_url(item.filename, page)}" class="download-preview">'
            f'<img src="{self.file_url(item.preview, page)}" alt="{alt}" '
            'width="180" loading="lazy"></a>'
        )

    def download_list(self, files: Sequence[DownloadFile], *, page: str) -> list[str]:
        """One link per file: "PDF, A4 · Tiếng Việt · Văn phòng · 245 KB".

        A list, not a table, so that it wraps on a 320 px screen; the data attributes
        feed the filters of the downloads page (docs/assets/downloads.js).
        """
        groups: dict[str, list[str]] = {}
        for item in sorted(files, key=self._download_order):
            language = self.label(f"language.{item.language}")
            variant_key = "print" if item.print_shop else "office"
            variant = self.label(f"variant.{variant_key}")
            size = self.labels.number(item.size_kb, self.language)
            title = html.escape(self.titles[item.material_id])
            groups.setdefault(item.language, []).append(
                f'<li data-language="{item.language}" data-variant="{variant_key}">'
                f'<a href="{self.file_url(item.filename, page)}" download>'
                f'<span class="visually-hidden">{title}: </span>'
                f'<span class="download-list__main"><span class="download-list__format">'
                f'PDF, {item.paper}</span> <span class="download-list__language">{language}'
                '</span></span> <span class="download-list__meta">'
                f'<span class="download-list__variant">{variant}</span>, '
                f'<span class="download-list__size">{size} KB</span></span></a></li>'
            )
        lines = []
        for index, (language, items) in enumerate(groups.items()):
            # One list per language, this page's first; the lists after it are named.
            if index > 0 or (language != self.language and len(groups) > 1):
                name = self.label(f"language.{language}")
                lines.append(f'<p class="download-list__group">{name}</p>')
            lines += ['<ul class="download-list" data-downloads>', *items, "</ul>"]
        return [*lines, ""]

    def statistics_downloads(self, page: str = STATS_PAGE) -> list[str]:
        """The A4 infographic of the latest figures, listed on the statistics page."""
        files = [item for item in self.downloads if item.kind == "infographic"]
        if not files:
            return []
        title = self.label("stats.infographic")
        link = "" if page == STATS_PAGE else f"[{title}]({STATS_PAGE})"
        lines = [f"## {link or title}", ""]
        own = [item for item in files if item.language == self.language]
        if own and page == STATS_PAGE:
            lines += [self.preview(own[0], self.label("stats.title"), page=page), ""]
        return lines + self.download_list(files, page=page)

    def _download_order(self, item: DownloadFile) -> tuple[bool, bool, int, str, bool]:
        # This page's language first, then bilingual, then the others in the campaign's
        # order (never interleaved); within each, by paper, office before print shop.
        others = [*self.campaign.languages, item.language]
        return (
            item.language != self.language,
            item.language != "bilingual",
            others.index(item.language),
            item.paper,
            item.print_shop,
        )

    def offline_kit(self, page: str) -> list[str]:
        """The whole site in one ZIP and its size (``offline.fill_offline_kit_size``)."""
        if not self.directory_urls:
            return []
        url = self.file_url(OFFLINE_KIT, page)
        decimal = html.escape(self.label("number.decimal"))
        return [
            f'<a class="md-button" href="{url}" download>{self.label("offline_kit")}'
            f'<span {OFFLINE_KIT_SIZE}="{decimal}"></span></a>',
            "",
            self.label("offline_kit_how"),
            "",
        ]

    def library(self) -> str:
        lines = [
            _front_matter(self.label("downloads_intro")),
            f"# {self.label('downloads')}",
            "",
            self.label("downloads_intro"),
            "",
            '<div class="download-filter" data-all="' + self.label("filter_all") + '" '
            'data-label="' + self.label("filter_label") + '"></div>',
            "",
        ]
        kits = [kit for kit in self.kits if kit.language == self.language]
        kits = kits if self.directory_urls else []  # the offline kit has the files, no ZIPs
        lines += self.offline_kit(DOWNLOADS_PAGE)
        if kits:
            lines += [f"## {self.label('download_kits')}", ""]
            for kit in kits:
                info = self.campaign.info.audiences[kit.audience]  # type: ignore[index]
                name = self.label(
                    "kit_name",
                    audience=self.text(info.title).lower(),
                    in_language=self.label(f"language.{kit.language}"),
                )
                size = self.labels.number(kit.size_kb, self.language)
                url = self.file_url(kit.filename, DOWNLOADS_PAGE)
                lines.append(
                    f'- <a href="{url}" download>{name}</a> (ZIP, {kit.files} PDF, {size} KB)'
                )
            lines.append("")
        lines += self.statistics_downloads(page=DOWNLOADS_PAGE)
        for audience in self.campaign.audiences():
            lines += [f"## {self.text(self.campaign.info.audiences[audience].title)}", ""]
            for material in self.campaign.materials_for(audience):
                files = self.files_of.get(material.id, [])
                if not files:
                    continue
                link = f"{MATERIALS_DIR}/{audience}/{material.id}.md"
                kind = self.label("kind." + material.kind)
                lines += [f"### [{self.text(material.title)}]({link})", "", kind, ""]
                lines += self.download_list(files, page=DOWNLOADS_PAGE)
        return "\n".join(lines)

    def facts(self, material: Material) -> str:
        found = document.facts(self.campaign, material, self.labels, self.language)
        # The grade band first, as a badge: a teacher looks for it before anything else.
        grades = (
            f'<span class="grade-band">{self.text(material.grades)}</span> '
            if material.grades
            else ""
        )
        return grades + " · ".join(
            f"**{self.label(key)}:** {self.text({self.language: value})}"
            for key, value in found
            if key != "grades"
        )

    # -- sections -------------------------------------------------------------

    def sections(self, sections: Iterable[Section], *, level: int, guidance: bool) -> list[str]:
        lines: list[str] = []
        for section in sections:
            body = self.section_body(section, guidance=guidance)
            if section.style == "plain":
                if section.heading:
                    lines += [f"{'#' * level} {self.text(section.heading)}", ""]
                lines += body
            else:
                kind = _ADMONITION[section.style]
                lines.append(f'<div class="admonition {kind}" markdown>')
                if section.heading:
                    lines.append(f'<p class="admonition-title">{self.text(section.heading)}</p>')
                lines += ["", *body, "</div>", ""]
        return lines

    def section_body(self, section: Section, *, guidance: bool) -> list[str]:
        lines: list[str] = []
        if section.text:
            lines += [self.text(section.text), ""]
        if section.items:
            lines += [f"- {self.text(item)}" for item in section.items] + [""]
        for number, step in enumerate(section.steps, start=1):
            minutes = f" ({self.label('minutes', n=step.minutes)})" if step.minutes else ""
            lines.append(f"{number}. **{self.text(step.title)}**{minutes}")
            if step.text:
                lines += ["", _indent(self.text(step.text)), ""]
        if section.steps:
            lines.append("")
        for number, question in enumerate(section.questions, start=1):
            lines.append(f"{number}. {self.text(question.question)}")
            if question.guidance and guidance:
                note = f"*{self.label('guidance')}:* {self.text(question.guidance)}"
                lines += ["", _indent(note), ""]
            if question.write_lines:
                lines += ["", _indent(self.write_space(question.write_lines)), ""]
        if section.questions:
            lines.append("")
        for number, item in enumerate(section.quiz, start=1):
            lines += self.quiz_item(number, item)
        if section.write_lines:
            lines += [self.write_space(section.write_lines), ""]
        return lines

    def write_space(self, lines: int) -> str:
        return (
            # A span: it may stand inside a paragraph (a question in a list); CSS makes it a block.
            f'<span class="write-space" style="--lines: {lines}" role="img" '
            f'aria-label="{self.label("write_here")}"></span>'
        )

    def quiz_item(self, number: int, item: QuizItem) -> list[str]:
        lines = [f"{number}. {self.text(item.question)}", ""]
        for at, option in enumerate(item.options, start=1):
            lines.append(f"    - {document.letter(at)}. {self.text(option)}")
        return [*lines, ""]

    def answers(self, key: Material) -> list[str]:
        worksheet = self.campaign.material(key.answers_for or "")
        # The worksheet's title already names its kind ("Worksheet: …").
        lines = [f"## {self.text(worksheet.title)}", ""]
        for part in document.answer_sections(self.campaign, key):
            if part.heading:
                lines += [f"### {self.text(part.heading)}", ""]
            for number, answer in enumerate(part.quiz, start=1):
                given = f"**{self.label('answer')}: {answer.letter}.** {self.text(answer.option)}"
                if answer.explanation:
                    given += f" {self.text(answer.explanation)}"
                lines += [f"{number}. {self.text(answer.question)}", "", _indent(given), ""]
            for number, question in enumerate(part.questions, start=1):
                assert question.guidance is not None  # answer_sections keeps guided ones
                note = f"*{self.label('guidance')}:* {self.text(question.guidance)}"
                lines += [f"{number}. {self.text(question.question)}", "", _indent(note), ""]
        return lines


def _stylesheet(campaign: Campaign) -> str:
    colours = campaign.info.colours
    return (
        ":root {\n"
        f"  --md-primary-fg-color: {colours.primary.rgb};\n"
        f"  --md-primary-fg-color--light: {colours.primary.rgb};\n"
        f"  --md-primary-fg-color--dark: {colours.primary.rgb};\n"
        f"  --md-accent-fg-color: {colours.accent.rgb};\n"
        f"  --md-typeset-a-color: {colours.primary.rgb};\n"
        f"  --campaign-accent: {colours.accent.rgb};\n"
        "}\n"
    )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def _front_matter(description: str) -> str:
    # JSON strings are valid YAML scalars: no quoting surprises in front matter.
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n"
