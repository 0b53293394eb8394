"""The site's own words (labels around the campaign text), and number formatting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import RootModel, ValidationError

from hotline_site.content.model import Text
from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.store import cached, digest_of
from hotline_site.content.yamlfile import dotted, load_yaml

LABELS_FILE = Path(__file__).with_name("labels.yml")


class LabelFile(RootModel[dict[str, Text]]):
    """``labels.yml``: label key -> text in every language of the site."""


@dataclass(frozen=True)
class Labels:
    """Label lookup for every language of the site."""

    table: dict[str, dict[str, str]]

    def __call__(self, key: str, language: str, **values: object) -> str:
        text = self.table[key][language]
        return text.format(**values) if values else text

    def number(self, value: float, language: str, *, decimals: int = 0) -> str:
        """``1249`` -> ``1.249`` (vi) or ``1,249`` (en); ``57.8`` -> ``57,8``."""
        plain = f"{value:,.{decimals}f}"  # 1,249.5
        thousands = self.table["number.thousands"][language]
        decimal = self.table["number.decimal"][language]
        return plain.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    def percent(self, value: float, language: str, *, decimals: int = 1) -> str:
        return f"{self.number(value, language, decimals=decimals)}%"


def named_languages(data: object = None) -> tuple[str, ...]:
    """Languages the labels name (``language.ko: {vi: Tiếng Hàn, en: Korean}``): the
    project knows them, so campaign texts and labels may have them. ``data`` is the
    labels file's data (default: read ``labels.yml``)."""
    if data is None:
        try:
            data = load_yaml(LABELS_FILE).data
        except ContentError:
            return ()
    keys = data if isinstance(data, dict) else {}
    return tuple(
        key.removeprefix("language.")
        for key in keys
        if key.startswith("language.") and key != "language.bilingual"
    )


def load_labels_cached(
    cache_dir: Path, languages: Sequence[str], *, optional: Sequence[str] = ()
) -> Labels:
    """:func:`load_labels` of ``labels.yml``, kept in ``cache_dir`` (see ``cache.py``)."""
    digest = digest_of([LABELS_FILE], tuple(languages), tuple(optional))
    return cached(
        cache_dir, "labels", digest, Labels, lambda: load_labels(languages, optional=optional)
    )


def load_labels(
    languages: Sequence[str], path: Path = LABELS_FILE, *, optional: Sequence[str] = ()
) -> Labels:
    """The labels in every one of ``languages``, and where given in ``optional`` languages
    (the materials' own languages, for their printables) and in the languages the file
    names with a ``language.<code>`` label. Raises :class:`ContentError`."""
    document = load_yaml(path)
    # The labels are shared by every campaign: a language they name (``language.ko``) may
    # have its labels here even where no material of this campaign is printed in it.
    named = named_languages(document.data)
    extra = [code for code in (*optional, *named) if code not in languages]
    context = {"languages": tuple(languages), "optional": tuple(extra)}
    try:
        parsed = LabelFile.model_validate(document.data, context=context)
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(
                    str(path),
                    document.line_of(tuple(error["loc"])),
                    dotted(tuple(error["loc"])),
                    error["msg"].removeprefix("Value error, "),
                )
                for error in exc.errors()
            ]
        ) from None
    unnamed = [code for code in languages if f"language.{code}" not in parsed.root]
    if unnamed:
        raise ContentError(
            [
                Problem(
                    str(path),
                    None,
                    f"language.{code}",
                    f"missing: every language of the site is named in every language, "
                    f"for the language menu and the download tables (language.{code}: "
                    f"{{{', '.join(f'{lang}: …' for lang in languages)}}})",
                )
                for code in unnamed
            ]
        )
    return Labels(parsed.root)
