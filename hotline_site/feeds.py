"""Read hotline statistics from a feed (JSON, CSV) or a Vietnamese press release.

Everything here is checked before ``stats.yml`` is touched: a feed is data
from elsewhere, and a press release is read with even more suspicion.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hotline_site.stats import CALL_TYPES, REGIONS, Period, Source, Statistics

FORMATS = ("json", "csv", "article")
CONTENT_TYPES = {
    "json": {"application/json", "text/json"},
    "csv": {"text/csv", "text/plain", "application/csv"},
    "article": {"text/html", "text/plain", "application/xhtml+xml"},
}
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".txt": "article",
    ".html": "article",
    ".htm": "article",
}


class FeedError(Exception):
    """A source that cannot be used: names the source, the period and the field."""

    def __init__(
        self, source: str, message: str, *, period: str | None = None, field: str | None = None
    ):
        parts = [source] + ([f"period {period}"] if period else []) + ([field] if field else [])
        super().__init__(f"{': '.join(parts)}: {message}")


@dataclass(frozen=True)
class Download:
    name: str
    url: str | None
    data: bytes
    content_type: str | None
    charset: str | None


def read_source(source: str, *, max_bytes: int, timeout: float) -> Download:
    """Read a local file or an http(s) URL, refusing anything larger than ``max_bytes``."""
    if re.match(r"^https?://", source):
        try:
            with urllib.request.urlopen(source, timeout=timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and int(declared) > max_bytes:
                    raise FeedError(
                        source, f"is {declared} bytes, larger than the limit of {max_bytes} bytes"
                    )
                data = response.read(max_bytes + 1)
                content_type = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
        except FeedError:
            raise
        except urllib.error.HTTPError as exc:
            exc.close()
            raise FeedError(source, f"HTTP error {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise FeedError(source, f"no answer within {timeout:g} seconds (timeout)") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise FeedError(source, f"no answer within {timeout:g} seconds (timeout)") from None
            raise FeedError(source, f"download failed: {reason}") from None
        if len(data) > max_bytes:
            raise FeedError(source, f"is larger than the limit of {max_bytes} bytes")
        return Download(source, source, data, content_type, charset)
    path = Path(source)
    if not path.is_file():
        raise FeedError(source, "no such file")
    if path.stat().st_size > max_bytes:
        raise FeedError(source, f"is larger than the limit of {max_bytes} bytes")
    return Download(path.name, None, path.read_bytes(), None, None)


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


def parse(download: Download, fmt: str, *, hotline: str) -> list[dict[str, Any]]:
    """Raw periods from the source, before validation."""
    text = decode(download)
    if fmt == "json":
        return _parse_json(text, download.name, hotline)
    if fmt == "csv":
        return _parse_csv(text, download.name)
    period = parse_article(text, download.name)
    previous = article_previous(text, download.name, period)
    return [period] if previous is None else [period, previous]


def validated_periods(
    raw: list[dict[str, Any]], download: Download, *, title: str | None = None
) -> list[Period]:
    """Validate each period; the same period twice with different figures is an error."""
    source = Source(
        title=title or download.name,
        url=download.url,
        retrieved=dt.date.today(),
        sha256=hashlib.sha256(download.data).hexdigest(),
    )
    periods: dict[tuple[Any, Any], Period] = {}
    for item in raw:
        label = f"{item.get('start')} to {item.get('end')}"
        try:
            period = Period.model_validate({**item, "source": source.model_dump()})
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            loc = [str(part) for part in error["loc"] if part != "[key]"]
            field = ".".join(loc) or None
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown field"
            elif "[key]" in error["loc"]:
                message = f"unknown category; {message[0].lower()}{message[1:]}"
            raise FeedError(download.name, message, period=label, field=field) from None
        if period.key in periods and _figures(periods[period.key]) != _figures(period):
            raise FeedError(download.name, "given twice with different figures", period=label)
        periods[period.key] = period
    if not periods:
        raise FeedError(download.name, "contains no period")
    return list(periods.values())


def _figures(period: Period) -> dict[str, Any]:
    return period.model_dump(exclude={"source"})


def merge(stats: Statistics, periods: list[Period]) -> tuple[Statistics, list[str]]:
    """Add or replace periods; keep every other period. Returns the new data and what changed."""
    by_key = {period.key: period for period in stats.periods}
    changes = []
    for period in periods:
        old = by_key.get(period.key)
        label = f"{period.start} to {period.end}"
        if old is None:
            changes.append(f"added period {label}: {period.calls_total} calls")
        elif _figures(old) == _figures(period):
            continue  # same figures: keep the provenance we already had
        else:
            before, after = _figures(old), _figures(period)
            for name in after:
                if before.get(name) != after.get(name):
                    changes.append(
                        f"period {label}: {name}: {before.get(name)} -> {after.get(name)}"
                    )
        by_key[period.key] = period
    merged = Statistics(
        hotline=stats.hotline, periods=sorted(by_key.values(), key=lambda p: p.start)
    )
    return merged, changes


# -- JSON and CSV -------------------------------------------------------------


def _parse_json(text: str, name: str, hotline: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedError(
            name, f"invalid or truncated JSON at line {exc.lineno}: {exc.msg}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("periods"), list):
        raise FeedError(name, 'expected an object with "hotline" and a list of "periods"')
    unknown = set(data) - {"hotline", "periods"}
    if unknown:
        raise FeedError(
            name, f"unknown field {', '.join(sorted(unknown))}", field=sorted(unknown)[0]
        )
    if str(data.get("hotline")) != hotline:
        raise FeedError(
            name, f"is for hotline {data.get('hotline')!r}, expected {hotline!r}", field="hotline"
        )
    for item in data["periods"]:
        if not isinstance(item, dict):
            raise FeedError(name, "each period must be an object", field="periods")
    return list(data["periods"])


_CSV_HEADER = ["start", "end", "measure", "category", "value"]


def _parse_csv(text: str, name: str) -> list[dict[str, Any]]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0]] != _CSV_HEADER:
        raise FeedError(name, f"the first row must be {','.join(_CSV_HEADER)}")
    periods: dict[tuple[str, str], dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(_CSV_HEADER):
            raise FeedError(name, f"row {number} has {len(row)} cells, expected 5 (truncated?)")
        start, end, measure, category, value = (cell.strip() for cell in row)
        period = periods.setdefault((start, end), {"start": start, "end": end})
        label = f"{start} to {end}"
        field, key = _csv_target(measure, category, name, label, number)
        try:
            parsed: float = int(value) if measure == "calls" else float(value)
        except ValueError:
            raise FeedError(
                name, f"row {number}: {value!r} is not a number", period=label, field=field
            ) from None
        container = period if key is None else period.setdefault(field, {})
        slot = field if key is None else key
        if slot in container and container[slot] != parsed:
            raise FeedError(name, "given twice with different figures", period=label, field=field)
        container[slot] = parsed
    return list(periods.values())


def _csv_target(
    measure: str, category: str, name: str, label: str, row: int
) -> tuple[str, str | None]:
    if measure == "calls" and category == "total":
        return "calls_total", None
    if measure == "calls" and category in CALL_TYPES:
        return "calls_by_type", category
    if measure == "caller_pct" and category == "public":
        return "caller_public_pct", None
    if measure == "gender_pct" and category in ("male", "female"):
        return "caller_gender_pct", category
    if measure == "region_pct" and category in REGIONS:
        return "region_pct", category
    raise FeedError(
        name,
        f"row {row}: unknown measure or category {measure},{category}",
        period=label,
        field=measure,
    )


# -- Vietnamese press releases ------------------------------------------------

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"  # 1.249 or 764
_PERCENT = r"(\d+(?:,\d+)?)\s*%"  # 57,8%
_REGION_WORDS = {
    "northern_midlands_mountains": r"(?:trung du và )?miền núi phía bắc",
    "red_river_delta": r"đồng bằng sông hồng",
    "north_central": r"bắc trung bộ",
    "southeast_and_mekong": r"đông nam bộ và đồng bằng sông cửu long",
    "south_central_coast": r"nam trung bộ",
    "central_highlands": r"tây nguyên",
    "abroad": r"nước ngoài",
}
_TYPE_WORDS = {
    "information": r"cung cấp thông tin",
    "counselling": r"tư vấn",
    "referral": r"chuyển tuyến",
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("p", "br", "div", "li", "h1", "h2", "h3", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _plain_text(text: str) -> str:
    if re.search(r"<(html|body|p|div)\b", text, re.IGNORECASE):
        parser = _TextOnly()
        parser.feed(text)
        text = "".join(parser.parts)
    return unicodedata.normalize("NFC", html.unescape(text))


def _int(number: str) -> int:
    return int(number.replace(".", ""))


def _pct(number: str) -> float:
    return float(number.replace(",", "."))


def parse_article(text: str, name: str) -> dict[str, Any]:
    """Extract one period's figures from a press release like the seed article."""
    plain = _plain_text(text)
    lower = plain.lower()
    start, end = _article_period(lower, name)
    label = f"{start} to {end}"

    def one(pattern: str, field: str, convert: Any) -> Any:
        values = {
            convert(next(group for group in match.groups() if group))
            for match in re.finditer(pattern, lower)
        }
        if len(values) > 1:
            raise FeedError(
                name, f"gives different values {sorted(values)}", period=label, field=field
            )
        return values.pop() if values else None

    total = one(
        rf"(?:tiếp nhận|nhận được|tiếp nhận được)\s+{_NUMBER}\s+cuộc gọi", "calls_total", _int
    )
    if total is None:
        raise FeedError(
            name,
            "no total number of calls found ('tiếp nhận … cuộc gọi')",
            period=label,
            field="calls_total",
        )
    period: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "calls_total": total,
    }

    by_type = {}
    for call_type, words in _TYPE_WORDS.items():
        value = one(rf"{_NUMBER}\s+cuộc gọi\s+{words}", f"calls_by_type.{call_type}", _int)
        if value is not None:
            by_type[call_type] = value
    if by_type:
        period["calls_by_type"] = by_type
    public = one(rf"người dân,?\s*(?:\(\s*|chiếm\s+){_PERCENT}", "caller_public_pct", _pct)
    if public is not None:
        period["caller_public_pct"] = public
    male = one(rf"{_PERCENT}\s*nam\b|nam giới\s+(?:chiếm\s+)?{_PERCENT}", "male", _pct)
    female = one(rf"{_PERCENT}\s*nữ\b|nữ giới\s+(?:chiếm\s+)?{_PERCENT}", "female", _pct)
    if male is not None and female is not None:
        period["caller_gender_pct"] = {"male": male, "female": female}
    regions = {}
    for region, words in _REGION_WORDS.items():
        match = re.search(rf"{words}[^%]{{0,80}}?{_PERCENT}", lower)
        if match:
            regions[region] = _pct(match.group(1))
    if regions:
        period["region_pct"] = regions
    return period


def article_previous(text: str, name: str, period: dict[str, Any]) -> dict[str, Any] | None:
    """The same period a year earlier, from "giảm 485 cuộc so với cùng kỳ năm 2018"."""
    lower = _plain_text(text).lower()
    match = re.search(
        rf"(giảm|tăng)\s+{_NUMBER}\s+cuộc(?: gọi)?\s+so với cùng kỳ(?: năm (\d{{4}}))?", lower
    )
    if not match:
        return None
    direction, amount = match.group(1), _int(match.group(2))
    start = dt.date.fromisoformat(period["start"])
    end = dt.date.fromisoformat(period["end"])
    if match.group(3) and int(match.group(3)) != start.year - 1:
        raise FeedError(
            name, f"compares with {match.group(3)}, expected {start.year - 1}", field="calls_total"
        )
    previous_total = (
        period["calls_total"] + amount if direction == "giảm" else period["calls_total"] - amount
    )
    return {
        "start": start.replace(year=start.year - 1).isoformat(),
        "end": end.replace(
            year=end.year - 1, day=min(end.day, 28) if end.month == 2 else end.day
        ).isoformat(),
        "calls_total": previous_total,
    }


def _article_period(lower: str, name: str) -> tuple[dt.date, dt.date]:
    match = re.search(r"(?:tính )?đến hết tháng (\d{1,2})(?:/| năm )(\d{4})", lower)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        return dt.date(year, 1, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    match = re.search(r"(\d{1,2}) tháng (đầu|cuối) năm (\d{4})", lower)
    if match:
        months, year = int(match.group(1)), int(match.group(3))
        if match.group(2) == "đầu":
            return dt.date(year, 1, 1), dt.date(year, months, calendar.monthrange(year, months)[1])
        first = 13 - months
        return dt.date(year, first, 1), dt.date(year, 12, 31)
    match = re.search(r"quý (i{1,3}|iv|[1-4]) năm (\d{4})", lower)
    if match:
        quarter = _ROMAN.get(match.group(1)) or int(match.group(1))
        year = int(match.group(2))
        first, last = quarter * 3 - 2, quarter * 3
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    match = re.search(r"(?:trong |cả )năm (\d{4})", lower)
    if match:
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise FeedError(
        name,
        "no reporting period found (for example 'tính đến hết tháng 6 năm 2019')",
        field="period",
    )
