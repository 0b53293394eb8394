"""The rules every text of the content obeys, whatever field it is in.

A text is a mapping from language code to text (``{vi: …, en: …}``): every
required language present and non-empty, no unknown language, no character the
print fonts lack, no invisible or direction-changing character, no HTML or
Markdown block markup that would change the page, and figure names that the
statistics know (through the validation context's ``figures``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from pydantic import ValidationInfo

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def check_text(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    languages: tuple[str, ...] = (info.context or {}).get("languages", ("vi", "en"))
    optional: tuple[str, ...] = (info.context or {}).get("optional", ())
    unknown = [code for code in value if code not in languages and code not in optional]
    if unknown:
        raise ValueError(
            f"unknown language {', '.join(map(repr, unknown))}; "
            f"the site's languages are {', '.join(languages)}"
            + (f" (also allowed here: {', '.join(optional)})" if optional else "")
        )
    for code in languages:
        text = value.get(code)
        if text is None or not str(text).strip():
            raise ValueError(
                f"missing or empty text in language '{code}'; every text needs all of "
                f"{', '.join(languages)}, for example {{{', '.join(f'{c}: …' for c in languages)}}}"
            )
    for code, text in value.items():
        _check_characters(code, text, (info.context or {}).get("charset"))
        _check_markup(code, text)
    figures = (info.context or {}).get("figures")  # statistics.figures.FigureNames
    if figures is not None:
        for code, text in value.items():
            problem = figures.check(text)
            if problem:
                raise ValueError(f"in language '{code}': {problem}")
    return value


INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
"""Bidirectional controls and zero-width characters: they reorder or hide text."""


def _check_characters(code: str, text: str, charset: frozenset[int] | None) -> None:
    """Refuse invisible controls, and characters the print fonts cannot draw."""
    hidden = sorted({char for char in text if char in INVISIBLE})
    if hidden:
        names = ", ".join(
            f"U+{ord(char):04X} {unicodedata.name(char, 'control').lower()}" for char in hidden
        )
        raise ValueError(
            f"text in language '{code}' contains invisible characters that reorder or hide "
            f"text ({names}); delete them (retype the text around them)"
        )
    if charset is not None:
        missing: list[str] = []
        for char in text:
            if ord(char) not in charset and not char.isspace():
                shown = (  # a control is never printed as it is: it would act on the terminal
                    f"U+{ord(char):04X} (a control character)"
                    if unicodedata.category(char) == "Cc"
                    else f"'{char}' (U+{ord(char):04X})"
                )
                if shown not in missing:
                    missing.append(shown)
        if missing:
            raise ValueError(
                f"text in language '{code}' has characters the print font (Noto Sans) cannot "
                f"draw: {', '.join(missing)}; replace them"
            )


_BLOCK_MARKUP = {
    "heading_open": "a heading",
    "hr": "a horizontal rule",
    "fence": "a fenced code block",
    "code_block": "an indented code block",
    "table_open": "a table",
}
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s", re.MULTILINE)


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # when validating: a cached campaign needs none

    return MarkdownIt("commonmark").enable("table")


def _check_markup(code: str, text: str) -> None:
    """Text fields use one markup, the same on the web and on paper.

    Allowed: paragraphs, ``**bold**``, ``*italic*`` and ``-`` or ``1.`` lists.
    Everything else is shown as the characters typed (HTML, links, braces),
    except what a web page would turn into structure that paper cannot show:
    headings, rules, code blocks, tables and boxes (``!!!``), which are refused.
    """
    found = [
        (token.map[0] + 1 if token.map else 1, _BLOCK_MARKUP[token.type])
        for token in _markdown().parse(text)
        if token.type in _BLOCK_MARKUP
    ]
    found += [
        (text.count("\n", 0, match.start()) + 1, "a box (!!!)")
        for match in _ADMONITION.finditer(text)
    ]
    if found:
        line, what = min(found)
        raise ValueError(
            f"text in language '{code}' has {what} (line {line} of the text); text fields "
            "allow paragraphs, **bold**, *italic* and lists, the same on the web and in print "
            "(start the line differently, or indent it less)"
        )
