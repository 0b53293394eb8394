"""The words of a press report that the reader looks for: comparisons (masked out),
verbs of receiving, cumulative totals, other agencies, parts of a total, lists;
and how a paragraph splits into sentences and clauses."""

from __future__ import annotations

import re

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
    r"(?:so với|so sánh với|compared (?:with|to)|than in|up from|down from)[^;()]*",
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
