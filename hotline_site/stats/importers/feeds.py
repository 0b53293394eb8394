"""Sources of figures: downloads, JSON and CSV feeds, and the first stats format.

Feed format 2 (JSON)::

    {"format": "hotline-111-stats/2",
     "hotline": "111",
     "source": {"title": "…", "publisher": "…", "url": "https://…", "published": "2024-07-15"},
     "periods": [
       {"service": "child_protection",            # or "trafficking"
        "start": "2024-01-01", "end": "2024-06-30",
        "figures": {"calls": 160250,                           # a measure
                    "counselling_cases": {"value": 12000, "approx": "about"},
                    "caller_gender_pct": {"male": 41.2, "female": 58.8},   # a breakdown
                    "region_pct": {"scheme": "regions_2021", "values": {"…": 12.5}}}}]}

Feed format 2 (CSV), one value per row; ``,`` or ``;`` separated (Excel with
Vietnamese settings writes ``;``, decimal commas, ``1.900`` and ``dd/mm/yyyy``)::

    service;start;end;figure;category;value
    trafficking;01/01/2024;30/06/2024;calls;;1.104
    trafficking;01/01/2024;30/06/2024;caller_gender_pct;male;58,4

Format 1, the first one (JSON ``{"hotline", "periods": [{start, end,
calls_total, calls_by_type, caller_public_pct, caller_gender_pct,
region_pct}]}`` and CSV ``start,end,measure,category,value``), is still read,
as the anti-trafficking line's figures.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hotline_site.stats.findings import Finding
from hotline_site.stats.legacy import LEGACY_SERVICE, LEGACY_TYPES, legacy_findings
from hotline_site.stats.values import (
    FeedError,
    public_url,
    read_date,
    read_finding,
    read_number,
)
from hotline_site.stats.vocabulary import Vocabulary

FEED_FORMAT = "hotline-111-stats/2"
FORMATS = ("json", "csv", "article")
CONTENT_TYPES = {
    "json": {"application/json", "text/json"},
    "csv": {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"},
    "article": {"text/html", "text/plain", "application/xhtml+xml"},
}
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".txt": "article",
    ".html": "article",
    ".htm": "article",
}


@dataclass(frozen=True)
class Download:
    name: str
    """How to name the source in messages: the file name, or the public URL."""
    url: str | None
    """The public URL, if it came from the web (see :func:`public_url`: no keys, session ids)."""
    data: bytes
    content_type: str | None
    charset: str | None


class _Redirected(Exception):
    """A redirect to an address that is not http(s) (``ftp://``, ``file://``…)."""


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed within http(s) only, at most five (urllib also follows ``ftp://``)."""

    max_redirections = 5

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise _Redirected(f"{scheme or 'no'} address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebRedirects)


def read_source(source: str, *, max_bytes: int, timeout: float) -> Download:
    """A local file or an http(s) URL, whole within ``timeout`` seconds and ``max_bytes``.

    The deadline covers everything (connecting, headers, every byte), so a
    server that trickles one byte a second cannot stretch it.
    """
    if not re.match(r"^https?://", source, re.I):
        path = Path(source)
        if not path.is_file():
            raise FeedError(source, "no such file")
        if path.stat().st_size > max_bytes:
            raise FeedError(source, f"is larger than the limit of {max_bytes} bytes")
        return Download(path.name, None, path.read_bytes(), None, None)
    shown = public_url(source) or "the URL"
    result: dict[str, Any] = {}
    late = f"download did not finish within {timeout:g} seconds (timeout)"

    def fetch() -> None:
        try:
            with _OPENER.open(source, timeout=timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FeedError(
                        shown, f"is {declared} bytes, larger than the limit of {max_bytes} bytes"
                    )
                chunks, size = [], 0
                while chunk := response.read1(65536):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > max_bytes:
                        raise FeedError(shown, f"is larger than the limit of {max_bytes} bytes")
                    if "stop" in result:
                        return
                result["data"] = b"".join(chunks)
                result["type"] = response.headers.get_content_type()
                result["charset"] = response.headers.get_content_charset()
                result["url"] = response.geturl()  # where a redirect led: what is cited
        except FeedError as exc:
            result["error"] = exc
        except _Redirected as exc:
            result["error"] = FeedError(
                shown,
                f"redirects to an {exc} (not http or https); not followed: give the "
                "report's own http(s) address, or save it and give the file",
            )
        except urllib.error.HTTPError as exc:
            exc.close()
            result["error"] = FeedError(
                shown, f"download failed: HTTP error {exc.code} {exc.reason}"
            )
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                result["error"] = FeedError(shown, late)
            else:
                result["error"] = FeedError(shown, f"download failed: {reason}")

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        result["stop"] = True
        raise FeedError(shown, late)
    if "error" in result:
        raise result["error"]
    cited = public_url(result["url"]) or public_url(source)
    return Download(shown, cited, result["data"], result["type"], result["charset"])


def choose_format(download: Download, requested: str | None) -> str:
    if download.content_type and download.url:
        allowed = set().union(*CONTENT_TYPES.values())
        if download.content_type not in allowed:
            raise FeedError(
                download.name,
                f"wrong content type {download.content_type}; "
                f"expected one of {', '.join(sorted(allowed))}",
            )
    if requested:
        if download.content_type and download.content_type not in CONTENT_TYPES[requested]:
            raise FeedError(
                download.name,
                f"wrong content type {download.content_type} for {requested}; "
                f"expected {' or '.join(sorted(CONTENT_TYPES[requested]))}",
            )
        return requested
    if download.content_type in CONTENT_TYPES["json"]:
        return "json"
    if download.content_type == "text/csv":
        return "csv"
    if download.content_type == "text/html":
        return "article"
    suffix = Path(download.name.split("?")[0]).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise FeedError(download.name, "cannot tell the format; give --format json, csv or article")


def decode(download: Download) -> str:
    encoding = download.charset or "utf-8"
    try:
        return download.data.decode(encoding).removeprefix("\ufeff")
    except (UnicodeDecodeError, LookupError) as exc:
        raise FeedError(download.name, f"bad encoding: not valid {encoding} ({exc})") from None


# -- JSON ---------------------------------------------------------------------


def _no_constant(word: str) -> float:
    """``NaN``, ``Infinity`` and ``-Infinity``, which Python's JSON reader accepts and JSON
    does not: kept as floats, for the figures' own check (:func:`read_number`) to refuse."""
    return float(word)


def read_json(
    text: str, name: str, vocabulary: Vocabulary, *, hotline: str
) -> tuple[list[Finding], dict[str, Any]]:
    """Findings and the feed's ``source`` block (format 2); format 1 is the trafficking line's."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise FeedError(
            name, f"invalid or truncated JSON at line {exc.lineno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise FeedError(
            name, "lists or objects are nested too deeply to be a statistics feed"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("periods"), list):
        raise FeedError(name, 'expected an object with "hotline" and a list of "periods"')
    if str(data.get("hotline")) != hotline:
        raise FeedError(
            name, f"is for hotline {data.get('hotline')!r}, expected {hotline!r}", where="hotline"
        )
    if "format" not in data:
        unknown = set(data) - {"hotline", "periods"}
        if unknown:
            raise FeedError(name, "unknown field", where=sorted(unknown)[0])
        return legacy_findings(data["periods"], name, vocabulary), {}
    if data["format"] != FEED_FORMAT:
        raise FeedError(
            name, f"unknown format {data['format']!r}; expected {FEED_FORMAT!r}", where="format"
        )
    unknown = set(data) - {"format", "hotline", "source", "periods"}
    if unknown:
        raise FeedError(name, "unknown field", where=sorted(unknown)[0])
    source = data.get("source") or {}
    if not isinstance(source, dict) or set(source) - {"title", "publisher", "url", "published"}:
        raise FeedError(name, "expected title, publisher, url and published", where="source")
    findings = []
    for index, item in enumerate(data["periods"]):
        where = f"periods[{index}]"
        if not isinstance(item, dict) or set(item) - {"service", "start", "end", "figures"}:
            raise FeedError(
                name, "expected an object with service, start, end and figures", where=where
            )
        service = _service(item.get("service"), vocabulary, name, where)
        start, end = (read_date(item.get(key), name, f"{where}.{key}") for key in ("start", "end"))
        figures = item.get("figures")
        if not isinstance(figures, dict) or not figures:
            raise FeedError(name, "expected an object of figures", where=f"{where}.figures")
        for figure, value in figures.items():
            findings.append(
                read_finding(
                    service,
                    start,
                    end,
                    figure,
                    value,
                    vocabulary,
                    name,
                    f"{where}.figures.{figure}",
                )
            )
    return findings, source


def _service(value: Any, vocabulary: Vocabulary, name: str, where: str) -> str:
    if value not in vocabulary.services:
        raise FeedError(
            name,
            f"unknown service {value!r}; expected one of {', '.join(vocabulary.services)}",
            where=f"{where}.service",
        )
    return str(value)


# -- CSV ----------------------------------------------------------------------

_CSV_V2 = ["service", "start", "end", "figure", "category", "value"]
_CSV_V1 = ["start", "end", "measure", "category", "value"]


def read_csv(text: str, name: str, vocabulary: Vocabulary) -> list[Finding]:
    """Rows of format 2 (or 1), ``,`` or ``;`` separated, English or Vietnamese numbers."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    comma_decimal = delimiter == ";"  # Excel with Vietnamese (or most European) settings
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # a cell over csv.field_size_limit() (128 KB), a NUL
        raise FeedError(name, f"not a CSV table of figures: {exc}") from None
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header not in (_CSV_V2, _CSV_V1):
        raise FeedError(
            name,
            f"the first row must be {delimiter.join(_CSV_V2)} (or the first format's "
            f"{delimiter.join(_CSV_V1)})",
            where="row 1",
        )
    legacy = header == _CSV_V1
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {number}"
        if len(row) != len(header):
            raise FeedError(
                name, f"has {len(row)} cells, expected {len(header)} (truncated?)", where=where
            )
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        service = LEGACY_SERVICE if legacy else _service(cells["service"], vocabulary, name, where)
        start, end = (
            read_date(cells["start"], name, f"{where}: start"),
            read_date(cells["end"], name, f"{where}: end"),
        )
        figure, category = (
            _legacy_csv(cells["measure"], cells["category"], name, where)
            if legacy
            else (cells["figure"], cells["category"] or None)
        )
        value = _csv_number(cells["value"], comma_decimal, name, where)
        slot = grouped.setdefault((service, start, end, figure), {"rows": [], "values": {}})
        slot["rows"].append(number)
        key = category or ""
        if key in slot["values"] and slot["values"][key] != value:
            raise FeedError(
                name, f"{figure} {category or ''} given twice with different values", where=where
            )
        slot["values"][key] = value
    findings = []
    for (service, start, end, figure), slot in grouped.items():
        rows_text = f"rows {', '.join(map(str, slot['rows']))}"
        values = slot["values"]
        given: Any = values[""] if list(values) == [""] else values
        if figure in vocabulary.breakdowns and "" in values:
            raise FeedError(name, f"{figure} needs a category in each row", where=rows_text)
        if figure in vocabulary.measures and list(values) != [""]:
            raise FeedError(
                name, f"{figure} is a measure: leave its category empty", where=rows_text
            )
        findings.append(
            read_finding(service, start, end, figure, given, vocabulary, name, rows_text)
        )
    return findings


def _legacy_csv(measure: str, category: str, name: str, where: str) -> tuple[str, str | None]:
    if measure == "calls" and category == "total":
        return "calls", None
    if measure == "calls" and category in LEGACY_TYPES:
        return LEGACY_TYPES[category], None
    if measure == "caller_pct" and category == "public":
        return "caller_type_pct", "public"
    if measure == "gender_pct":
        return "caller_gender_pct", category
    if measure == "region_pct":
        return "region_pct", category
    raise FeedError(name, f"unknown measure or category {measure},{category}", where=where)


def _csv_number(text: str, comma_decimal: bool, name: str, where: str) -> float:
    plain = text.replace(" ", "").replace("\u00a0", "").removesuffix("%")
    thousands, decimal = (".", ",") if comma_decimal else (",", ".")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?", plain):
        plain = plain.replace(thousands, "")
    plain = plain.replace(decimal, ".")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?", plain):
        raise FeedError(name, f"{text!r} is not a number", where=where)  # nan, inf, 1_000
    return read_number(float(plain), name, where)
