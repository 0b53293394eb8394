"""Which share belongs to which category in one clause of a press report.

"Người gọi là nam chiếm 58,4%, nữ chiếm 41,6%": :func:`paired_shares` finds each
percentage (``percent``, a compiled pattern whose group 1 is the number as written)
and each mention of a category of a percent breakdown of the vocabulary
(``nam`` -> ``caller_gender_pct.male``), then pairs them nearest first: a share and a
name at most 80 characters apart, with no other share, ``;`` or mention between them;
a comma or a joining word between them counts as further (another item of a list).
Each share and each mention is used once. Positions are offsets into the clause's
masked text; the caller decides the period, the line and what to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hotline_site.stats.importers.wording import JOINED
from hotline_site.stats.vocabulary import Vocabulary


@dataclass(frozen=True)
class Share:
    start: int
    """Where the percentage starts in the clause."""
    number: str
    """The percentage as written (``58,4``), for ``parse_number``."""
    mention: tuple[int, int, str, str]
    """The category it belongs to: start, end, breakdown, category."""


def paired_shares(masked: str, percent: re.Pattern[str], vocabulary: Vocabulary) -> list[Share]:
    """The shares of ``masked`` paired with the categories they belong to, best pairs first."""
    values = [(m.start(), m.end(), m.group(1)) for m in percent.finditer(masked)]
    if not values:
        return []
    mentions = _mentions(masked, vocabulary)
    pairs = []
    for p_index, (p_start, p_end, _) in enumerate(values):
        for m_index, (m_start, m_end, _, _) in enumerate(mentions):
            gap = masked[m_end:p_start] if m_end <= p_start else masked[p_end:m_start]
            if len(gap) > 80 or percent.search(gap) or ";" in gap:
                continue
            others = [
                m for m in mentions if m[0] >= min(m_end, p_end) and m[1] <= max(m_start, p_start)
            ]
            if others:
                continue
            # A comma between a share and a name usually means another item of the list.
            score = len(gap.strip(" :()")) + (50 if "," in gap or JOINED.search(gap) else 0)
            pairs.append((score, m_end > p_start, p_index, m_index))
    pairs.sort()
    used_p: set[int] = set()
    used_m: set[int] = set()
    shares = []
    for _, _, p_index, m_index in pairs:
        if p_index in used_p or m_index in used_m:
            continue
        used_p.add(p_index)
        used_m.add(m_index)
        start, _, number = values[p_index]
        shares.append(Share(start, number, mentions[m_index]))
    return shares


def _mentions(masked: str, vocabulary: Vocabulary) -> list[tuple[int, int, str, str]]:
    """Every category of a percent breakdown named in ``masked``, the longest words first,
    none overlapping another: (start, end, breakdown, category)."""
    candidates = sorted(
        {
            (found.start(), found.end(), breakdown, category)
            for breakdown, _scheme, category, pattern in vocabulary.category_words
            if vocabulary.breakdowns[breakdown].unit == "percent"
            for found in pattern.finditer(masked)
            if found.end() > found.start()
        },
        key=lambda item: (item[0] - item[1], item[0]),  # longest first
    )
    mentions: list[tuple[int, int, str, str]] = []
    for start, end, breakdown, category in candidates:
        if not any(a < end and start < b for a, b, *_ in mentions):
            mentions.append((start, end, breakdown, category))
    return mentions
