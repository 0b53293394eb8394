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

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from hotline_site.stats.findings import Finding, Reading, Refusal
from hotline_site.stats.importers.article import CELL, ROW, article_text
from hotline_site.stats.importers.periods import (
    BY_HAND,
    MULTIPLIERS,
    Span,
    parse_number,
    periods,
)
from hotline_site.stats.importers.shares import paired_shares
from hotline_site.stats.importers.wording import (
    ALSO,
    CALLERS,
    CUMULATIVE,
    IN_ALL,
    LIST,
    OTHER_AGENCY,
    RECEIVED,
    SHARE_OF_ALL,
    VICTIMS,
    VIETNAMESE,
    clause_bounds,
    earlier_values,
    mask,
    other_line,
    sentences,
)
from hotline_site.stats.values import LARGEST_VALUE
from hotline_site.stats.vocabulary import Vocabulary


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
    periods: list[Span] = field(default_factory=list)


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
            # a number is read from its first digit only: linear time on a run of digits
            rf"(?:(?P<approx>{approx_re})\s+)?(?<![\d.,])"
            rf"(?P<num>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:[.,]\d+)?)"
            rf"(?:\s+(?P<mult>{'|'.join(MULTIPLIERS)}))?\s+(?:{unit_re})\b"
        )
        # A share is 1–3 digits from the start of a number (linear time on a run of digits).
        self.percent = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,4})?)\s*%")
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
            for sentence in sentences(paragraph):
                self.sentence(sentence)
        for (service, start, end, name), split in self.splits.items():
            scheme = self.vocabulary.scheme_for(name, list(split["values"]))
            if scheme is None:
                self.reading.refusals.append(
                    Refusal(f"{name}: categories from different schemes: {BY_HAND}", split["quote"])
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
        english = not VIETNAMESE.search(lower)
        if OTHER_AGENCY.search(lower):
            return  # another agency's figures: not the hotline's, and not its period either
        other = other_line(lower)
        if other is not None:  # nor its period nor its service for the sentences after it
            if self.has_figures(lower):
                self.refuse(
                    f"another hotline's figures (“{other.strip()}”), not those of 111 "
                    f"nationally: nothing is imported; {BY_HAND}",
                    sentence,
                )
            return
        cumulative = CUMULATIVE.search(lower)
        clauses = [
            _Clause(sentence[a:b], lower[a:b], mask(lower[a:b])) for a, b in clause_bounds(lower)
        ]
        for clause in clauses:
            clause.periods = periods(clause.masked)
        lead = next((span for clause in clauses for span in clause.periods), None)
        service = self.service_of(lower) or self.context.service
        if cumulative:
            if service:
                self.context.service = service
            if self.has_figures(lower):
                self.refuse(
                    "cumulative total since the line opened, not a reporting period: "
                    f"nothing is imported; {BY_HAND}",
                    sentence,
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
        self, clause: _Clause, position: int, lead: Span | None
    ) -> tuple[tuple[dt.date, dt.date] | None, str | None]:
        before = [span for span in clause.periods if span.start <= position]
        after = [span for span in clause.periods if span.start > position]
        span = before[-1] if before else (after[0] if after else lead)
        if span is not None:
            return span.period, span.problem
        if self.context.period is not None:
            return self.context.period, None
        return None, f"no reporting period for this figure, in its sentence or before it: {BY_HAND}"

    # -- figures ------------------------------------------------------------

    def clause(
        self, clause: _Clause, sentence: str, english: bool, lead: Span | None, service: str | None
    ) -> None:
        masked = clause.masked
        list_at = LIST.search(masked)
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
                value = float(round(value * MULTIPLIERS[match.group("mult")]))
            if not value <= LARGEST_VALUE:  # inf too: a run of digits, not a figure
                self.refuse(
                    f"a number of {len(match.group('num'))} characters is not a figure of "
                    "the 111 lines; check the text of the report",
                    sentence[:200],
                )
                continue
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
            if SHARE_OF_ALL.match(masked[match.end() :]):
                self.refuse(
                    "a part of a total (the count is followed by its share, “chiếm X%”), "
                    "not the total itself: if the part is wanted, add it by hand in a "
                    "feed file with the breakdown it belongs to",
                    sentence,
                )
                continue
            period, problem = self.period_for(clause, match.start(), lead)
            if problem or period is None or service is None:
                self.refuse(
                    problem or f"cannot tell which line (service) the figure is about: {BY_HAND}",
                    sentence,
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
        counts = [(at, f) for at, f in current if self.vocabulary.unit_of(f.name) == "calls"]
        self.reading.findings += earlier_values(clause.lower, sentence, english, counts)

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
            or re.search(rf"{RECEIVED}{ALSO}(?:\s+{IN_ALL})?\W*$", before)
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
            self.refuse(
                f"{name}.{category} given twice: {old:g} and {value:g}: {BY_HAND}", sentence
            )
            return
        split["values"][category] = value
        if sentence not in split["quote"]:
            split["quote"] += " … " + sentence

    def refuse(self, reason: str, quote: str) -> None:
        """Keep what a careful reader would not import, with why (:class:`Refusal`)."""
        self.reading.refusals.append(Refusal(reason, quote))

    def percentages(
        self, clause: _Clause, sentence: str, english: bool, lead: Span | None, service: str | None
    ) -> None:
        masked = clause.masked
        for share in paired_shares(masked, self.percent, self.vocabulary):
            start, number = share.start, share.number
            period, problem = self.period_for(clause, start, lead)
            if problem or period is None or service is None:
                self.refuse(
                    problem or f"cannot tell which line (service) the share is about: {BY_HAND}",
                    sentence,
                )
                continue
            m_start, m_end, breakdown, category = share.mention
            # "Trong số 31 nạn nhân được chuyển tuyến, nữ giới chiếm 77,4%": the victims'
            # gender, not the callers' (a category's own words, "người thân của nạn nhân",
            # do not count)
            outside = masked[:m_start] + masked[m_end:]
            if (
                "gender" in self.vocabulary.breakdowns[breakdown].schemes
                and self.vocabulary.breakdowns[breakdown].of == "calls"
                and VICTIMS.search(outside)
                and not CALLERS.search(outside)
            ):
                self.refuse(
                    f"{breakdown}: a share of the victims or children the sentence names, "
                    f"not of the callers: not imported as callers' shares; {BY_HAND}",
                    sentence,
                )
                continue
            self.add_split(
                service, period, breakdown, category, parse_number(number, english), sentence
            )

    # -- tables -------------------------------------------------------------

    def table_row(self, row: str) -> None:
        cells = [cell.strip() for cell in row.removeprefix(ROW).split(CELL) if cell.strip()]
        numbers = [c for c in cells if re.fullmatch(r"(?:[~≈]\s*)?\d[\d.,]*\s*%?", c)]
        labels = [c for c in cells if c not in numbers]
        if len(numbers) != 1 or not labels:
            return
        label = " ".join(labels).lower()
        english = not VIETNAMESE.search(label)
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
            self.refuse(
                f"table row without a period or line named before the table: {BY_HAND}",
                quote,
            )
            return
        target = self.classify(unit, label, label, None, stated=True)
        if target is None or target[0] != "measure":
            return
        value = parse_number(numbers[0].lstrip("~≈ "), english)
        self.reading.findings.append(Finding(service, *period, target[1], value, quote=quote))


def read_report(source: str, vocabulary: Vocabulary, *, is_html: bool | None = None) -> Reading:
    """Every figure a careful reader takes from a press report, and what was refused and why."""
    return _Reader(vocabulary).read(article_text(source, is_html=is_html))
