"""Errors about content, with enough detail for an editor to fix them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DATE_FORM = "YYYY-MM-DD (year, month, day: 2019-06-30 is 30 June 2019)"
"""How a date is written in every content file, as messages say it."""

_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: where it is and what was expected."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(Exception):
    """The campaign content is invalid; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the campaign content:"
        super().__init__("\n".join([heading, *(f"  {problem}" for problem in problems)]))


def validation_message(error: Mapping[str, Any], *, lower_first: bool = False) -> str:
    """One pydantic error (``ValidationError.errors()``) in an editor's words: no
    "Value error, " prefix, and a date said as the form to write it in."""
    kind = error.get("type", "")
    given = error.get("input")
    if kind in _DATE_ERRORS or (kind == "date_type" and isinstance(given, str)):
        return f"{given!r} is not a date that exists: write a real date as {DATE_FORM}"
    message = str(error.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if lower_first and message:
        message = message[0].lower() + message[1:]
    return message
