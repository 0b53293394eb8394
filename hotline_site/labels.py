"""The site's own words (labels around the campaign text), and number formatting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import RootModel, ValidationError

from hotline_site.errors import ContentError, Problem
from hotline_site.model import Text
from hotline_site.yamlsource import dotted, load_yaml

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


def load_labels(
    languages: Sequence[str], path: Path = LABELS_FILE, *, optional: Sequence[str] = ()
) -> Labels:
    """The labels in every one of ``languages``, and in ``optional`` languages where given
    (the materials' own languages, for their printables). Raises :class:`ContentError`."""
    document = load_yaml(path)
    context = {"languages": tuple(languages), "optional": tuple(optional)}
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
    return Labels(parsed.root)
