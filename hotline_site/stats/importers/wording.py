"""The words of a press report that the reader looks for: comparisons (masked out, and
read as derived values of the year before),
verbs of receiving, cumulative totals, other agencies, parts of a total, lists;
and how a paragraph splits into sentences and clauses."""

from __future__ import annotations

import re

from hotline_site.stats.findings import Finding
from hotline_site.stats.importers.periods import parse_number
from hotline_site.stats.model import year_before

# -- comparisons --------------------------------------------------------------

CHANGE = (
    r"(?P<dir>giảm|tăng|nhiều hơn|ít hơn|up|down|more than|fewer than)\s+"
    r"(?:(?P<n1>[\d.,]+)\s+(?:cuộc(?: gọi)?|calls?)\s+)?"
    r"(?:so với\s+|compared (?:with|to)\s+|on\s+|from\s+)?"
    r"(?P<ref>cùng kỳ(?: năm (?P<y1>\d{4}))?|năm trước|năm (?P<y2>\d{4})|"
    r"the same period (?:of|in) (?P<y3>\d{4})|last year|the previous year|(?P<y4>\d{4}))"
    r"(?:\s+(?P<n2>[\d.,]+)\s+(?:cuộc(?: gọi)?|calls?))?"
)
STATED = (
    r"\((?:năm|cùng kỳ năm|in) (?P<year>\d{4})(?: là|:|,)? "
    r"(?P<n>[\d.,]+)(?: (?:cuộc(?: gọi)?|calls?))?\)"
)
MASKS = (
    # a change in cases or reports is no count of its own ("tăng 304 ca so với cùng kỳ")
    r"(?:giảm|tăng|up|down)\s+[\d.,]+\s+(?:ca|cases?|lượt)\s+(?:so với|compared)",
    CHANGE,
    STATED,
    # a comparison and the brackets right after it ("… so với cùng kỳ năm 2020 (60,7% nam
    # và 39,3% nữ)"): the figures in brackets are the earlier period's
    r"(?:so với|so sánh với|compared (?:with|to)|than in|up from|down from)[^;()]*"
    r"(?:\([^()]*\))?",
    r"(?:^\s*|,\s*)cùng kỳ(?: năm \d{4})?[^;]*",
    r"\([^()]*\b(?:19|20)\d{2}\b[^()]*\)",
    r"(?:giảm|tăng|up|down) (?:[\d.,]+ )?(?:cuộc|calls?)? ?so với (?:tháng|quý) [^,;]*",
)


def mask(lower: str) -> str:
    """The clause with comparisons blanked out (same length, so positions still match)."""
    masked = lower
    for pattern in MASKS:
        masked = re.sub(pattern, lambda m: " " * len(m.group(0)), masked)
    return masked


RECEIVED = r"(?:tiếp nhận|nhận được|nhận|trả lời|tiếp nhận được|received|answered|took|handled|got)"
ALSO = (
    r"(?:\s*(?:,|và|and)\s*(?:tư vấn|xử lý|trả lời|giải đáp|hỗ trợ"
    r"|counselled|counseled|answered|handled|processed|responded to))*"
)
"""A second verb of the same calls after "received": "tiếp nhận và tư vấn 1.248 cuộc gọi",
"received and handled 1,248 calls" count every call, not the counselling calls."""
IN_ALL = r"(?:tổng cộng|tổng số|tất cả|cả thảy|a total of|in all|in total)"
"""Between "received" and the count of the whole ("đã tiếp nhận tổng cộng 812 cuộc gọi")."""
JOINED = re.compile(r"\b(?:và|còn|and|while)\b")
"""A word that joins two items of a list: a share beyond it names another category."""
CUMULATIVE = re.compile(
    r"sau \d+ năm\b(?! \d)"
    r"|(?:kể )?từ khi (?:thành lập|đi vào hoạt động|ra đời|khai trương)|lũy kế|luỹ kế|cộng dồn"
    r"|since (?:its|the line's|the hotline's) (?:launch|opening|start)"
    r"|since it (?:opened|was launched)"
    r"|in \d+ years of (?:operation|work)|after \d+ years|over the past \d+ years"
)
OTHER_AGENCY = re.compile(
    r"theo (?:cơ quan )?công an"
    r"|(?:cơ quan )?công an (?:đã )?(?:phát hiện|ghi nhận|điều tra|xử lý|khởi tố)"
    r"|cả nước (?:đã )?phát hiện|bộ công an"
    r"|according to (?:the )?police|police (?:recorded|found|detected)"
)
SHARE_OF_ALL = re.compile(r"[^\d;]*?\b(?:chiếm|accounting for)\s+(?:tỷ lệ\s+|tỉ lệ\s+)?[\d.,]+\s*%")
"""Right after a count, its share ("688 ca bạo lực, chiếm 55,89% tổng số ca"): a part."""
LIST = re.compile(r"\btrong đó\b|\bof which\b|\bof these\b|\bincluding\b|\bgồm\b")
VIETNAMESE = re.compile(r"[\u00c0-\u1ef9]")

_HOTLINE = r"(?:đường dây nóng|đường dây|tổng đài|hotline|helpline)"
_OWNER_VI = r"(?:tỉnh|thành phố|huyện|quận|sở|hội|trung tâm|tổ chức|quỹ|ngôi nhà|mạng lưới)"
_ABROAD_VI = (
    r"thái lan|campuchia|lào|trung quốc|myanmar|malaysia|indonesia|philippines|hàn quốc"
    r"|nhật bản|hoa kỳ|mỹ|úc|đài loan|singapore|nước ngoài|nước bạn"
)
_ABROAD_EN = (
    r"thailand|cambodia|laos|china|myanmar|malaysia|indonesia|the philippines|korea"
    r"|japan|the united states|the us|the uk|australia|taiwan|singapore"
)
_OTHER_LINE = re.compile(
    rf"{_HOTLINE}[^.;:()]{{0,60}}?(?:\b(?:của|thuộc) {_OWNER_VI}\b|\b(?:tỉnh|thành phố|tp\.) \w)"
    rf"|{_HOTLINE}[^.;:]{{0,60}}?\b(?:của|ở|tại) (?:{_ABROAD_VI})\b"
    rf"|\b(?:{_ABROAD_EN})(?:'s|’s)? [^.;]{{0,40}}?(?:hotline|helpline)"
    rf"|\b(?:provincial|province's|city's) [^.;]{{0,30}}?(?:hotline|helpline)"
)
"""A hotline of a province, a city, an organisation or another country: not 111."""


def other_line(lower: str) -> str | None:
    """The words naming another hotline than 111 in a sentence, or None."""
    for match in _OTHER_LINE.finditer(lower):
        if not re.search(r"\b111\b|18001567|1800 1567", match.group(0)):
            return match.group(0)
    return None


VICTIMS = re.compile(
    r"nạn nhân|victims?|trẻ em (?:bị|được)|children (?:who|referred|helped)"
    r"|được chuyển tuyến|were referred"
)
"""Words that make a share one of the victims or children, not of the callers."""
CALLERS = re.compile(r"người gọi|gọi đến|callers?|who called")


def sentences(paragraph: str) -> list[str]:
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


def clause_bounds(lower: str) -> list[tuple[int, int]]:
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


def earlier_values(
    lower: str, sentence: str, english: bool, counts: list[tuple[int, Finding]]
) -> list[Finding]:
    """Earlier periods from comparisons: derived values, never current ones.

    A change is that of the nearest count of calls before it ("368.346 cuộc gọi đến
    (giảm 139.515 cuộc so với năm 2021) … 27.773 cuộc gọi tư vấn": the change is the
    first count's). ``counts`` are the clause's counts of calls with their positions."""
    found: list[Finding] = []
    if not counts:
        return found
    calls = counts[-1][1]
    start, end = calls.start, calls.end
    earlier = (year_before(start), year_before(end))
    full_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    for match in re.finditer(CHANGE, lower):
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
        found.append(
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
    for match in re.finditer(STATED, lower):
        if int(match.group("year")) != start.year - 1 or not full_year:
            continue
        value = parse_number(match.group("n"), english)
        found.append(
            Finding(calls.service, *earlier, calls.name, value, derived=True, quote=sentence)
        )
    return found
