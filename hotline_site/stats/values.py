"""One value of a feed or of a data file, read and checked against the vocabulary.

Shared by the feed reader (``importers/feeds.py``) and the first format of
``stats.yml`` (``legacy.py``): a date, a number, a figure or a breakdown, and
the public form of an address.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import urllib.parse
from typing import Any

from hotline_site.stats.findings import Finding
from hotline_site.stats.vocabulary import Vocabulary


class FeedError(Exception):
    """A source that cannot be used: names the source, and the period, field or row."""

    def __init__(self, source: str, message: str, *, where: str | None = None):
        super().__init__(f"{source}: {where}: {message}" if where else f"{source}: {message}")


_SESSION = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid"})
"""Session ids, as a path parameter (``/bai;jsessionid=…``) or in the query: never kept."""
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_eid", "igshid"})
_CREDENTIALS = frozenset(
    {
        "api_key", "apikey", "key", "token", "access_token", "auth", "password", "passwd",
        "pwd", "secret", "signature", "sig", "client_secret",
    }
)  # fmt: skip
"""Feed addresses often carry keys (``?api_key=…``): never kept either."""


def _private(name: str) -> bool:
    name = urllib.parse.unquote_plus(name).strip().lower()
    return name in _SESSION | _TRACKING | _CREDENTIALS or name.startswith(("aspsessionid", "utm_"))


def _public_path(path: str) -> str:
    """The path without session path parameters (``;jsessionid=…``) in any segment."""
    segments = []
    for segment in path.split("/"):
        head, *params = segment.split(";")
        kept = [param for param in params if not _private(param.partition("=")[0])]
        segments.append(";".join([head, *kept]))
    return "/".join(segments)


def _public_query(query: str) -> str:
    """The query without session, tracking or credential parameters, the rest as written
    (``?page=12``, ``?page=news&do=detail&id=6650`` identify the page)."""
    pairs = [pair for pair in re.split(r"[&;]", query) if pair]
    kept = [pair for pair in pairs if not _private(pair.partition("=")[0])]
    return query if kept == pairs and "" not in re.split(r"[&;]", query) else "&".join(kept)


def public_url(url: str | None) -> str | None:
    """An http(s) address without credentials, session ids, tracking parameters or fragment;
    anything else: None.

    A query string that identifies the page (``?page=12``, ``?page=news&id=6650``) is kept
    as written. Dropped: user and password, the fragment, session ids as a path parameter or
    in the query (``;jsessionid=…``, ``PHPSESSID``, ``sid``), tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``) and keys (``api_key``, ``token``…): a source shown on
    the site must never publish them, and only web addresses may become links. The result is
    its own public form (``public_url(public_url(u)) == public_url(u)``).
    """
    if not url:
        return None
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname + (f":{port}" if port else "")
    path = _public_path(parts.path) or "/"
    query = _public_query(parts.query)
    return urllib.parse.urlunsplit((parts.scheme.lower(), host, path, query, ""))


FIRST_YEAR = 2000
"""No period of the 111 lines starts before 2000 (the child line 18001567 opened in 2004)."""


def read_date(value: Any, name: str, where: str) -> dt.date:
    """``yyyy-mm-dd`` or ``dd/mm/yyyy`` (Vietnamese settings) from :data:`FIRST_YEAR` on."""
    text = str(value or "").strip()
    try:
        if re.fullmatch(
            r"\d{1,2}/\d{1,2}/\d{4}", text
        ):  # dd/mm/yyyy, as Vietnamese settings write it
            day, month, year = (int(part) for part in text.split("/"))
            day_read = dt.date(year, month, day)
        else:
            day_read = dt.date.fromisoformat(text)
    except ValueError:
        raise FeedError(
            name, f"{text!r} is not a date (yyyy-mm-dd or dd/mm/yyyy)", where=where
        ) from None
    if day_read.year < FIRST_YEAR:
        raise FeedError(
            name,
            f"{text!r} is before {FIRST_YEAR}, before the 111 lines had figures; "
            "check the year (four digits, yyyy-mm-dd)",
            where=where,
        )
    return day_read


def read_finding(
    service: str,
    start: dt.date,
    end: dt.date,
    figure: str,
    value: Any,
    vocabulary: Vocabulary,
    name: str,
    where: str,
) -> Finding:
    if figure in vocabulary.measures:
        approx = None
        if isinstance(value, dict):
            if set(value) - {"value", "approx"}:
                raise FeedError(name, 'expected a number or {"value", "approx"}', where=where)
            approx = value.get("approx")
            if approx is not None and approx not in vocabulary.approx:
                raise FeedError(
                    name,
                    f"approx {approx!r}; expected one of {', '.join(vocabulary.approx)}",
                    where=where,
                )
            value = value.get("value")
        return Finding(
            service, start, end, figure, read_number(value, name, where), approx, quote=where
        )
    if figure in vocabulary.breakdowns:
        scheme = None
        if isinstance(value, dict) and "values" in value:
            scheme, value = value.get("scheme"), value["values"]
        if not isinstance(value, dict) or not value:
            raise FeedError(name, "expected an object of category: value", where=where)
        values = {
            str(key): read_number(item, name, f"{where}.{key}") for key, item in value.items()
        }
        check_share(figure, values, vocabulary, name, where)
        found = vocabulary.scheme_for(figure, list(values))
        if scheme is None:
            scheme = found
        if scheme is None or scheme not in vocabulary.breakdowns[figure].schemes:
            schemes = vocabulary.breakdowns[figure].schemes
            categories = {s: list(vocabulary.schemes[s].categories) for s in schemes}
            raise FeedError(
                name,
                f"unknown category or scheme; expected categories of one of {categories}",
                where=where,
            )
        return Finding(service, start, end, figure, values, scheme=scheme, quote=where)
    raise FeedError(
        name,
        f"unknown figure; expected one of {', '.join(vocabulary.figure_names())}",
        where=where,
    )


LARGEST_VALUE = 1e9
"""No figure of the 111 lines comes near a billion (the child line takes some
hundreds of thousands of calls a year): a larger number is a mistake in the feed."""


def read_number(value: Any, name: str, where: str) -> float:
    """A figure's value: a finite JSON number from 0 to :data:`LARGEST_VALUE`; ``-0`` is 0.

    Raises :class:`FeedError` naming the value (NaN, Infinity, ``1e400``, text…)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FeedError(name, f"{value!r} is not a number (0 or more)", where=where)
    if isinstance(value, float) and not math.isfinite(value):
        raise FeedError(
            name,
            f"{value!r} is not a finite number; write the figure in digits (1500, 57.8)",
            where=where,
        )
    if value < 0:
        raise FeedError(name, f"{value!r} is not a number (0 or more)", where=where)
    if value > LARGEST_VALUE:
        digits = str(value) if isinstance(value, int) else f"{value:g}"
        shown = digits if len(digits) <= 15 else f"a number of {len(digits)} digits"
        raise FeedError(
            name,
            f"{shown} is not a figure of the 111 lines (expected 0 to {LARGEST_VALUE:,.0f})",
            where=where,
        )
    number = float(value)
    return number + 0.0  # -0.0 becomes 0.0


def check_share(
    figure: str, values: dict[str, float], vocabulary: Vocabulary, name: str, where: str
) -> None:
    if vocabulary.breakdowns[figure].unit != "percent":
        return
    total = sum(values.values())
    if 0 < total <= 1.05 and all(value < 1 for value in values.values()):
        raise FeedError(
            name,
            f"shares add up to {total:g}: these look like fractions; give percentages "
            f"(0.555 is written 55.5)",
            where=where,
        )
