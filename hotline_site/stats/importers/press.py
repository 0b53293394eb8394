"""Read a press report (plain text or HTML, Vietnamese or English) as a careful reader would.

The rules, in the order a reader applies them:

- Only the article counts: in HTML, ``<article>`` (or ``<main>``, or the
  body without navigation, asides, headers and footers); tables row by row.
- A figure takes the period of its own clause; without one, the period of
  the sentence's lead clause; without one, the last period stated *before*
  it in the article. Never a period stated later, never one from a
  comparison.
- Comparisons ("so với cùng kỳ năm 2018", "năm trước", "(năm 2022 là …)")
  are never current figures. A stated earlier value, or a difference with
  the current one, becomes a *derived* value of the earlier period.
- Cumulative totals ("sau 20 năm hoạt động") and multi-year totals ("trong
  hai năm 2021 và 2022") are refused with that reason; so is a period with no
  year, and a figure another agency reports ("theo cơ quan công an").
- The service comes from the text: the anti-trafficking line when the
  sentence names trafficking, the child-protection line when it names
  "Tổng đài 111" or child protection; otherwise the one named before.
- Units are kept apart: calls, cases and children are different measures.

Measures, breakdowns and the words for them come from the vocabulary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from hotline_site.stats.findings import Finding, Reading, Refusal
from hotline_site.stats.model import year_before
from hotline_site.stats.vocabulary import Vocabulary

CELL = "\t"  # between table cells in the plain text
ROW = "\x1e"  # starts a table row

# -- article text -------------------------------------------------------------

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "blockquote"}
_SKIP = {"script", "style", "nav", "aside", "header", "footer", "form", "noscript", "figure"}
_SKIP_CLASS = re.compile(r"related|lien-?quan|sidebar|comment|menu|breadcrumb|share|tag", re.I)


class _Article(HTMLParser):
    """Text of the main article: paragraphs as lines, table rows as cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scopes: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open: list[str] = []
        self.skipping = 0
        self.skip_stack: list[bool] = []

    def _out(self, text: str) -> None:
        if self.skipping:
            return
        for scope in ("article", "main"):
            if scope in self.open:
                self.scopes[scope].append(text)
        self.scopes["body"].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marker = " ".join(value or "" for key, value in attrs if key in ("class", "id"))
        skip = tag in _SKIP or bool(_SKIP_CLASS.search(marker))
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            if tag == "br":
                self._out("\n")
            return
        self.open.append(tag)
        self.skip_stack.append(skip)
        self.skipping += skip
        if tag in _BLOCKS:
            self._out("\n")
        elif tag == "tr":
            self._out("\n" + ROW)
        elif tag in ("td", "th"):
            self._out(CELL)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            opened = self.open.pop()
            self.skipping -= self.skip_stack.pop()
            if opened == tag:
                break
        if tag in _BLOCKS or tag in ("tr", "table"):
            self._out("\n")

    def handle_data(self, data: str) -> None:
        self._out(data)

    def text(self) -> str:
        for scope in ("article", "main", "body"):
            text = "".join(self.scopes[scope])
            if text.strip():
                return text
        return ""


def article_text(source: str, *, is_html: bool | None = None) -> str:
    """Plain NFC text of a report: one paragraph or table row per line."""
    if is_html is None:
        is_html = bool(re.search(r"<(?:html|body|p|div|article|table)\b", source, re.I))
    if is_html:
        parser = _Article()
        parser.feed(source)
        parser.close()
        source = parser.text()
    else:
        source = html.unescape(source)
    text = unicodedata.normalize("NFC", source).replace("\xa0", " ")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line) if ROW not in line else line
        if line.strip():
            lines.append(line.strip(" "))
    return "\n".join(lines)


# -- numbers ------------------------------------------------------------------

_WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_MULTIPLIERS = {
    "triệu": 1_000_000,
    "million": 1_000_000,
    "nghìn": 1000,
    "ngàn": 1000,
    "thousand": 1000,
}
_MONTHS_EN = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def parse_number(text: str, english: bool) -> float:
    """``1.104`` / ``58,4`` (Vietnamese) or ``1,104`` / ``58.4`` (English) -> number."""
    thousands, decimal = (",", ".") if english else (".", ",")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+", text):
        return float(text.replace(thousands, ""))
    return float(text.replace(decimal, "."))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- periods ------------------------------------------------------------------

_YEAR = r"((?:19|20)\d{2})"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    period: tuple[dt.date, dt.date] | None
    problem: str | None = None  # refusal reason when the period cannot be used


def _periods(lower: str) -> list[_Span]:
    """Every period expression of a (masked) clause, left to right, without overlaps."""
    found: list[_Span] = []
    taken: list[tuple[int, int]] = []

    def add(
        match: re.Match[str], period: tuple[dt.date, dt.date] | None, problem: str | None = None
    ) -> None:
        if any(a < match.end() and match.start() < b for a, b in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(_Span(match.start(), match.end(), period, problem))

    def each(pattern: str) -> list[re.Match[str]]:
        return list(re.finditer(pattern, lower))

    for m in each(
        rf"(?:hai|ba|bốn|năm|\d) năm {_YEAR} (?:và|đến|-|–) (?:năm )?{_YEAR}"
        rf"|giai đoạn {_YEAR} ?[-–] ?{_YEAR}|từ năm {_YEAR} đến (?:năm )?{_YEAR}"
        rf"|(?:in|between|from) {_YEAR} (?:and|to) {_YEAR}|\b{_YEAR} ?[-–] ?{_YEAR}\b"
    ):
        years = [int(y) for y in m.groups() if y]
        add(
            m,
            None,
            f"multi-year total (a span from {years[0]} to {years[-1]}, not one reporting period)",
        )
    for m in each(
        r"từ (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))? (?:đến|tới) "
        r"(?:ngày )?(\d{1,2})/(\d{1,2})/(\d{4})"
    ):
        d1, m1, y1, d2, m2, y2 = m.groups()
        try:
            period = (dt.date(int(y1 or y2), int(m1), int(d1)), dt.date(int(y2), int(m2), int(d2)))
        except ValueError:
            add(m, None, "not a real date")
            continue
        add(m, period)
    for m in each(
        rf"từ đầu năm(?: {_YEAR})? (?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})"
        rf"(?:(?:/| năm ){_YEAR})?"
    ):
        year = m.group(1) or m.group(3)
        month = int(m.group(2))
        add(
            m,
            (dt.date(int(year), 1, 1), _month_end(int(year), month)) if year else None,
            None if year else "no year for the period",
        )
    for m in each(rf"(?:tính )?(?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})(?:/| năm ){_YEAR}"):
        year, month = int(m.group(2)), int(m.group(1))
        add(m, (dt.date(year, 1, 1), _month_end(year, month)))
    for m in each(rf"\b({_COUNT_WORDS}|\d{{1,2}}) tháng (đầu|cuối)(?: của)? năm(?: {_YEAR})?"):
        months, part, year = _count(m.group(1)), m.group(2), m.group(3)
        if not year:
            add(m, None, "no year for the period")
        elif part == "đầu":
            add(m, (dt.date(int(year), 1, 1), _month_end(int(year), months)))
        else:
            add(m, (dt.date(int(year), 13 - months, 1), dt.date(int(year), 12, 31)))
    for m in each(rf"\b({_COUNT_WORDS}|\d{{1,2}}) tháng(?: của)? năm {_YEAR}"):
        months, year = _count(m.group(1)), int(m.group(2))
        add(m, (dt.date(year, 1, 1), _month_end(year, months)))
    for m in each(rf"nửa (đầu|cuối) năm(?: {_YEAR})?"):
        year = m.group(2)
        if not year:
            add(m, None, "no year for the period")
            continue
        y = int(year)
        add(
            m,
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if m.group(1) == "đầu"
            else (dt.date(y, 7, 1), dt.date(y, 12, 31)),
        )
    for m in each(rf"quý (iv|iii|ii|i|[1-4])(?:(?:/| năm |-){_YEAR})?\b"):
        if not m.group(2):
            add(m, None, "no year for the period")
            continue
        quarter, year = _ROMAN.get(m.group(1)) or int(m.group(1)), int(m.group(2))
        add(m, (dt.date(year, quarter * 3 - 2, 1), _month_end(year, quarter * 3)))
    for m in each(rf"tháng (\d{{1,2}})(?:/| năm ){_YEAR}"):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            add(m, (dt.date(year, month, 1), _month_end(year, month)))
    for m in each(rf"\bnăm {_YEAR}"):
        year = int(m.group(1))
        add(m, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    # English
    months_en = "|".join(_MONTHS_EN)
    for m in each(rf"(?:up to|through|by) the end of ({months_en}),? {_YEAR}"):
        year, month = int(m.group(2)), _MONTHS_EN[m.group(1)]
        add(m, (dt.date(year, 1, 1), _month_end(year, month)))
    for m in each(rf"from ({months_en}) to ({months_en}),? {_YEAR}"):
        year = int(m.group(3))
        add(m, (dt.date(year, _MONTHS_EN[m.group(1)], 1), _month_end(year, _MONTHS_EN[m.group(2)])))
    for m in each(rf"the (first|second|last) half of {_YEAR}"):
        y = int(m.group(2))
        add(
            m,
            (dt.date(y, 1, 1), dt.date(y, 6, 30))
            if m.group(1) == "first"
            else (dt.date(y, 7, 1), dt.date(y, 12, 31)),
        )
    for m in each(rf"the (first|last) ({_COUNT_WORDS}|\d{{1,2}}) months of {_YEAR}"):
        months, year = _count(m.group(2)), int(m.group(3))
        add(
            m,
            (dt.date(year, 1, 1), _month_end(year, months))
            if m.group(1) == "first"
            else (dt.date(year, 13 - months, 1), dt.date(year, 12, 31)),
        )
    for m in each(rf"the (first|second|third|fourth|last) quarter of {_YEAR}|\bq([1-4]),? {_YEAR}"):
        quarter = _ORDINAL[m.group(1)] if m.group(1) else int(m.group(3))
        year = int(m.group(2) or m.group(4))
        add(m, (dt.date(year, quarter * 3 - 2, 1), _month_end(year, quarter * 3)))
    for m in each(rf"\b({months_en}),? {_YEAR}"):
        year, month = int(m.group(2)), _MONTHS_EN[m.group(1)]
        add(m, (dt.date(year, month, 1), _month_end(year, month)))
    for m in each(rf"\b(?:in|during|for|throughout|of) {_YEAR}\b|^{_YEAR}\b"):
        year = int(m.group(1) or m.group(2))
        add(m, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    for m in each(
        r"the first (?:half|\w+ months|quarter) of (?:the|this) year"
        r"|(?:ba|sáu|chín) tháng đầu năm nay"
    ):
        add(m, None, "no year for the period")
    return sorted(found, key=lambda span: span.start)


# -- comparisons --------------------------------------------------------------

_CHANGE = (
    r"(?P<dir>giảm|tăng|nhiều hơn|ít hơn|up|down|more than|fewer than)\s+"
    r"(?:(?P<n1>[\d.,]+)\s+(?:cuộc(?: gọi)?|calls?)\s+)?"
    r"(?:so với\s+|compared (?:with|to)\s+|on\s+|from\s+)?"
    r"(?P<ref>cùng kỳ(?: năm (?P<y1>\d{4}))?|năm trước|năm (?P<y2>\d{4})|"
    r"the same period (?:of|in) (?P<y3>\d{4})|last year|the previous year|(?P<y4>\d{4}))"
    r"(?:\s+(?P<n2>[\d.,]+)\s+(?:cuộc(?: gọi)?|calls?))?"
)
_STATED = (
    r"\((?:năm|cùng kỳ năm|in) (?P<year>\d{4})(?: là|:|,)? "
    r"(?P<n>[\d.,]+)(?: (?:cuộc(?: gọi)?|calls?))?\)"
)
_MASKS = (
    # a change in cases or reports is no count of its own ("tăng 304 ca so với cùng kỳ")
    r"(?:giảm|tăng|up|down)\s+[\d.,]+\s+(?:ca|cases?|lượt)\s+(?:so với|compared)",
    _CHANGE,
    _STATED,
    r"(?:so với|so sánh với|compared (?:with|to)|than in|up from|down from)[^;()]*",
    r"(?:^\s*|,\s*)cùng kỳ(?: năm \d{4})?[^;]*",
    r"\([^()]*\b(?:19|20)\d{2}\b[^()]*\)",
    r"(?:giảm|tăng|up|down) (?:[\d.,]+ )?(?:cuộc|calls?)? ?so với (?:tháng|quý) [^,;]*",
)


def _mask(lower: str) -> str:
    """The clause with comparisons blanked out (same length, so positions still match)."""
    masked = lower
    for pattern in _MASKS:
        masked = re.sub(pattern, lambda m: " " * len(m.group(0)), masked)
    return masked


# -- the reader ---------------------------------------------------------------

_RECEIVED = (
    r"(?:tiếp nhận|nhận được|nhận|trả lời|tiếp nhận được|received|answered|took|handled|got)"
)
_ALSO = (
    r"(?:\s*(?:,|và|and)\s*(?:tư vấn|xử lý|trả lời|giải đáp|hỗ trợ"
    r"|counselled|counseled|answered|handled|processed|responded to))*"
)
"""A second verb of the same calls after "received": "tiếp nhận và tư vấn 1.248 cuộc gọi",
"received and handled 1,248 calls" count every call, not the counselling calls."""
_IN_ALL = r"(?:tổng cộng|tổng số|tất cả|cả thảy|a total of|in all|in total)"
"""Between "received" and the count of the whole ("đã tiếp nhận tổng cộng 812 cuộc gọi")."""
_JOINED = re.compile(r"\b(?:và|còn|and|while)\b")
"""A word that joins two items of a list: a share beyond it names another category."""
_CUMULATIVE = re.compile(
    r"sau \d+ năm\b(?! \d)"
    r"|(?:kể )?từ khi (?:thành lập|đi vào hoạt động|ra đời|khai trương)|lũy kế|luỹ kế|cộng dồn"
    r"|since (?:its|the line's|the hotline's) (?:launch|opening|start)"
    r"|since it (?:opened|was launched)"
    r"|in \d+ years of (?:operation|work)|after \d+ years|over the past \d+ years"
)
_OTHER_AGENCY = re.compile(
    r"theo (?:cơ quan )?công an"
    r"|(?:cơ quan )?công an (?:đã )?(?:phát hiện|ghi nhận|điều tra|xử lý|khởi tố)"
    r"|cả nước (?:đã )?phát hiện|bộ công an"
    r"|according to (?:the )?police|police (?:recorded|found|detected)"
)
_SHARE_OF_ALL = re.compile(
    r"[^\d;]*?\b(?:chiếm|accounting for)\s+(?:tỷ lệ\s+|tỉ lệ\s+)?[\d.,]+\s*%"
)
"""Right after a count, its share ("688 ca bạo lực, chiếm 55,89% tổng số ca"): a part."""
_LIST = re.compile(r"\btrong đó\b|\bof which\b|\bof these\b|\bincluding\b|\bgồm\b")
_VIETNAMESE = re.compile(r"[\u00c0-\u1ef9]")


@dataclass
class _Context:
    period: tuple[dt.date, dt.date] | None = None
    service: str | None = None
    list_parent: str | None = None  # the measure a "trong đó" list breaks down


@dataclass
class _Clause:
    text: str  # original
    lower: str
    masked: str
    periods: list[_Span] = field(default_factory=list)


class _Reader:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.reading = Reading()
        self.context = _Context()
        self.splits: dict[tuple[str, dt.date, dt.date, str], dict[str, Any]] = {}
        approx_words = {key: list(approx.words) for key, approx in vocabulary.approx.items()}
        self.approx_of = [(key, word) for key, words in approx_words.items() for word in words]
        self.approx_of.sort(key=lambda item: -len(item[1]))
        approx_re = "|".join(w for _, w in self.approx_of)
        unit_re = "|".join(
            f"(?P<u_{unit}>{'|'.join(sorted(words, key=len, reverse=True))})"
            for unit, words in vocabulary.unit_words.items()
        )
        self.count = re.compile(
            rf"(?:(?P<approx>{approx_re})\s+)?(?P<num>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s+(?P<mult>{'|'.join(_MULTIPLIERS)}))?\s+(?:{unit_re})\b"
        )
        self.percent = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
        self.service_words = {
            name: re.compile("|".join(service.words))
            for name, service in vocabulary.services.items()
        }

    # -- structure ----------------------------------------------------------

    def read(self, text: str) -> Reading:
        for paragraph in text.split("\n"):
            if paragraph.startswith(ROW):
                self.table_row(paragraph)
                continue
            for sentence in _sentences(paragraph):
                self.sentence(sentence)
        for (service, start, end, name), split in self.splits.items():
            scheme = self.vocabulary.scheme_for(name, list(split["values"]))
            if scheme is None:
                self.reading.refusals.append(
                    Refusal(f"{name}: categories from different schemes", split["quote"])
                )
                continue
            self.reading.findings.append(
                Finding(
                    service, start, end, name, split["values"], scheme=scheme, quote=split["quote"]
                )
            )
        return self.reading

    def sentence(self, sentence: str) -> None:
        lower = sentence.lower()
        if len(lower) != len(sentence):  # a rare letter changed length: keep positions honest
            lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in sentence)
        english = not _VIETNAMESE.search(lower)
        if _OTHER_AGENCY.search(lower):
            return  # another agency's figures: not the hotline's, and not its period either
        cumulative = _CUMULATIVE.search(lower)
        clauses = [
            _Clause(sentence[a:b], lower[a:b], _mask(lower[a:b])) for a, b in _clause_bounds(lower)
        ]
        for clause in clauses:
            clause.periods = _periods(clause.masked)
        lead = next((span for clause in clauses for span in clause.periods), None)
        service = self.service_of(lower) or self.context.service
        if cumulative:
            if service:
                self.context.service = service
            if self.has_figures(lower):
                self.reading.refusals.append(
                    Refusal(
                        "cumulative total since the line opened, not a reporting period", sentence
                    )
                )
            return
        for clause in clauses:
            clause_service = self.service_of(clause.lower) or service
            self.clause(clause, sentence, english, lead, clause_service)
        if lead is not None and lead.period is not None:
            self.context.period = lead.period
        if service:
            self.context.service = service

    def service_of(self, lower: str) -> str | None:
        for name, pattern in self.service_words.items():
            if name == "trafficking" and pattern.search(lower):
                return name
        for name, pattern in self.service_words.items():
            if pattern.search(lower):
                return name
        return None

    def has_figures(self, lower: str) -> bool:
        return bool(self.count.search(lower) or self.percent.search(lower))

    def period_for(
        self, clause: _Clause, position: int, lead: _Span | None
    ) -> tuple[tuple[dt.date, dt.date] | None, str | None]:
        before = [span for span in clause.periods if span.start <= position]
        after = [span for span in clause.periods if span.start > position]
        span = before[-1] if before else (after[0] if after else lead)
        if span is not None:
            return span.period, span.problem
        if self.context.period is not None:
            return self.context.period, None
        return None, "no reporting period for this figure"

    # -- figures ------------------------------------------------------------

    def clause(
        self, clause: _Clause, sentence: str, english: bool, lead: _Span | None, service: str | None
    ) -> None:
        masked = clause.masked
        list_at = _LIST.search(masked)
        previous_end = 0
        current: list[tuple[int, Finding]] = []  # (position in the clause, finding)
        for match in self.count.finditer(masked):
            unit = next(
                name[2:]
                for name, value in match.groupdict().items()
                if name.startswith("u_") and value
            )
            value = parse_number(match.group("num"), english)
            if match.group("mult"):
                value = float(round(value * _MULTIPLIERS[match.group("mult")]))
            approx = self.approx_key(match.group("approx"))
            if match.group("mult") and approx is None and value != int(value):
                approx = "about"
            before = masked[previous_end : match.start()]
            # "hỗ trợ, can thiệp" names one kind of case: its comma ends no clause
            rest = re.sub(r"hỗ trợ,\s*can thiệp", "hỗ trợ can thiệp", masked[match.end() :])
            after = re.split(r"[,;(]| và | and |\d", rest, maxsplit=1)[0]
            previous_end = match.end()
            in_list = list_at is not None and match.start() > list_at.start()
            parent = self.context.list_parent if in_list else None
            target = self.classify(unit, before, after, parent, stated=False)
            if target is None:
                continue
            if _SHARE_OF_ALL.match(masked[match.end() :]):
                self.reading.refusals.append(
                    Refusal(
                        "a part of a total (the count is followed by its share, “chiếm X%”), "
                        "not the total itself: if the part is wanted, add it by hand in a "
                        "feed file with the breakdown it belongs to",
                        sentence,
                    )
                )
                continue
            period, problem = self.period_for(clause, match.start(), lead)
            if problem or period is None or service is None:
                self.reading.refusals.append(
                    Refusal(
                        problem or "cannot tell which line (service) the figure is about", sentence
                    )
                )
                continue
            kind, name, category = target
            if kind == "measure":
                finding = Finding(service, *period, name, value, approx, quote=sentence)
                self.reading.findings.append(finding)
                current.append((match.start(), finding))
                if not in_list:
                    self.context.list_parent = name
            else:
                self.add_split(service, period, name, category, value, sentence)
        self.percentages(clause, sentence, english, lead, service)
        self.comparisons(clause, sentence, english, current)

    def approx_key(self, word: str | None) -> str | None:
        if not word:
            return None
        return next(key for key, pattern in self.approx_of if re.fullmatch(pattern, word))

    def classify(
        self, unit: str, before: str, after: str, parent: str | None, *, stated: bool
    ) -> tuple[str, str, str | None] | None:
        """("measure", name, None) or ("split", breakdown, category) for a count, or None."""
        vocabulary = self.vocabulary
        if parent is not None and vocabulary.unit_of(parent) == unit:
            for name, breakdown in vocabulary.breakdowns.items():
                if breakdown.of != parent or breakdown.unit != unit:
                    continue
                for scheme in breakdown.schemes:
                    for category, entry in vocabulary.schemes[scheme].categories.items():
                        if any(re.search(word, before + " " + after) for word in entry.words):
                            return ("split", name, category)
        candidates = [
            (name, measure) for name, measure in vocabulary.measures.items() if measure.unit == unit
        ]
        # Parts of calls are named after the unit ("607 cuộc gọi cung cấp thông tin");
        # kinds of cases on either side ("tư vấn 30.120 ca", "25 ca chuyển tuyến").
        for text in (after, before) if unit != "calls" else (after,):
            best: tuple[int, str] | None = None
            for name, measure in candidates:
                if name == parent or (measure.part_of is None and unit == "calls"):
                    continue
                for word in measure.words:
                    for found in re.finditer(word, text):
                        score = found.start() if text is after else len(text) - found.end()
                        if best is None or score < best[0]:
                            best = (score, name)
            if best is not None:
                return ("measure", best[1], None)
        whole = [name for name, measure in candidates if measure.part_of is None]
        if len(whole) == 1 and (
            stated
            or re.search(rf"{_RECEIVED}{_ALSO}(?:\s+{_IN_ALL})?\W*$", before)
            or re.match(r"\s*(?:đến|gọi đến|incoming)\b", after)
        ):
            return ("measure", whole[0], None)
        return None

    def add_split(
        self,
        service: str,
        period: tuple[dt.date, dt.date],
        name: str,
        category: str | None,
        value: float,
        sentence: str,
    ) -> None:
        assert category is not None
        key = (service, *period, name)
        split = self.splits.setdefault(key, {"values": {}, "quote": sentence})
        old = split["values"].get(category)
        if old is not None and old != value:
            self.reading.refusals.append(
                Refusal(f"{name}.{category} given twice: {old:g} and {value:g}", sentence)
            )
            return
        split["values"][category] = value
        if sentence not in split["quote"]:
            split["quote"] += " … " + sentence

    def percentages(
        self, clause: _Clause, sentence: str, english: bool, lead: _Span | None, service: str | None
    ) -> None:
        masked = clause.masked
        values = [(m.start(), m.end(), m.group(1)) for m in self.percent.finditer(masked)]
        if not values:
            return
        candidates = sorted(
            {
                (found.start(), found.end(), breakdown, category)
                for breakdown, _scheme, category, pattern in self.vocabulary.category_words
                if self.vocabulary.breakdowns[breakdown].unit == "percent"
                for found in pattern.finditer(masked)
                if found.end() > found.start()
            },
            key=lambda item: (item[0] - item[1], item[0]),  # longest first
        )
        mentions: list[tuple[int, int, str, str]] = []  # start, end, breakdown, category
        for start, end, breakdown, category in candidates:
            if not any(a < end and start < b for a, b, *_ in mentions):
                mentions.append((start, end, breakdown, category))
        pairs = []
        for p_index, (p_start, p_end, _) in enumerate(values):
            for m_index, (m_start, m_end, _, _) in enumerate(mentions):
                gap = masked[m_end:p_start] if m_end <= p_start else masked[p_end:m_start]
                if len(gap) > 80 or self.percent.search(gap) or ";" in gap:
                    continue
                others = [
                    m
                    for m in mentions
                    if m[0] >= min(m_end, p_end) and m[1] <= max(m_start, p_start)
                ]
                if others:
                    continue
                # A comma between a share and a name usually means another item of the list.
                score = len(gap.strip(" :()")) + (50 if "," in gap or _JOINED.search(gap) else 0)
                pairs.append((score, m_end > p_start, p_index, m_index))
        pairs.sort()
        used_p: set[int] = set()
        used_m: set[int] = set()
        for _, _, p_index, m_index in pairs:
            if p_index in used_p or m_index in used_m:
                continue
            used_p.add(p_index)
            used_m.add(m_index)
            start, _, number = values[p_index]
            period, problem = self.period_for(clause, start, lead)
            if problem or period is None or service is None:
                self.reading.refusals.append(
                    Refusal(
                        problem or "cannot tell which line (service) the share is about", sentence
                    )
                )
                continue
            _, _, breakdown, category = mentions[m_index]
            self.add_split(
                service, period, breakdown, category, parse_number(number, english), sentence
            )

    def comparisons(
        self, clause: _Clause, sentence: str, english: bool, current: list[tuple[int, Finding]]
    ) -> None:
        """Earlier periods from comparisons: derived values, never current ones.

        A change is that of the nearest count of calls before it ("368.346 cuộc gọi đến
        (giảm 139.515 cuộc so với năm 2021) … 27.773 cuộc gọi tư vấn": the change is the
        first count's)."""
        counts = [(at, f) for at, f in current if self.vocabulary.unit_of(f.name) == "calls"]
        if not counts:
            return
        calls = counts[-1][1]
        start, end = calls.start, calls.end
        earlier = (year_before(start), year_before(end))
        full_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        for match in re.finditer(_CHANGE, clause.lower):
            before_it = [f for at, f in counts if at < match.start()]
            if before_it:
                calls = before_it[-1]
            number = match.group("n1") or match.group("n2")
            year = next((match.group(g) for g in ("y1", "y2", "y3", "y4") if match.group(g)), None)
            if not number or (year and int(year) != start.year - 1):
                continue
            if match.group("y2") and not full_year:
                continue
            difference = parse_number(number, english)
            lower_now = match.group("dir") in ("tăng", "nhiều hơn", "up", "more than")
            assert isinstance(calls.value, float)
            value = calls.value - difference if lower_now else calls.value + difference
            self.reading.findings.append(
                Finding(
                    calls.service,
                    *earlier,
                    calls.name,
                    value,
                    calls.approx,
                    derived=True,
                    quote=sentence,
                )
            )
        for match in re.finditer(_STATED, clause.lower):
            if int(match.group("year")) != start.year - 1 or not full_year:
                continue
            value = parse_number(match.group("n"), english)
            self.reading.findings.append(
                Finding(calls.service, *earlier, calls.name, value, derived=True, quote=sentence)
            )

    # -- tables -------------------------------------------------------------

    def table_row(self, row: str) -> None:
        cells = [cell.strip() for cell in row.removeprefix(ROW).split(CELL) if cell.strip()]
        numbers = [c for c in cells if re.fullmatch(r"(?:[~≈]\s*)?\d[\d.,]*\s*%?", c)]
        labels = [c for c in cells if c not in numbers]
        if len(numbers) != 1 or not labels:
            return
        label = " ".join(labels).lower()
        english = not _VIETNAMESE.search(label)
        quote = f"{' | '.join(cells)}"
        unit = next(
            (
                unit
                for unit, words in self.vocabulary.unit_words.items()
                if any(re.search(rf"\b(?:{w})\b", label) for w in words)
            ),
            None,
        )
        period, service = self.context.period, self.context.service
        if unit is None:
            return
        if period is None or service is None:
            self.reading.refusals.append(
                Refusal("table row without a period or line named before the table", quote)
            )
            return
        target = self.classify(unit, label, label, None, stated=True)
        if target is None or target[0] != "measure":
            return
        value = parse_number(numbers[0].lstrip("~≈ "), english)
        self.reading.findings.append(Finding(service, *period, target[1], value, quote=quote))


def _sentences(paragraph: str) -> list[str]:
    """Split after ``.``, ``!``, ``?`` or ``…`` before a capital letter (even with no space
    after the stop, as pasted text often has), or before a digit after a space."""
    sentences = []
    start = 0
    for match in re.finditer(r"[.!?…]+(\s*)(?=[\"“(]?(\S))", paragraph):
        following = match.group(2)
        if following.isupper() or (match.group(1) and following.isdigit()):
            sentences.append(paragraph[start : match.end()].strip())
            start = match.end()
    sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _clause_bounds(lower: str) -> list[tuple[int, int]]:
    """Clauses split at ``;`` outside parentheses."""
    bounds = []
    depth = 0
    start = 0
    for index, char in enumerate(lower):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(lower)))
    return bounds


def read_report(source: str, vocabulary: Vocabulary, *, is_html: bool | None = None) -> Reading:
    """Every figure a careful reader takes from a press report, and what was refused and why."""
    return _Reader(vocabulary).read(article_text(source, is_html=is_html))
