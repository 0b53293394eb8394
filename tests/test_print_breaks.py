"""Display type (20 pt and more) breaks between Vietnamese words, never inside one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from conftest import Project

from hotline_site.content.vi_words import NBSP, join_words, vi_words

DISPLAY_PT = 19.95
NUMBER_PT = 50  # the hotline number and the draft mark


def display_lines(path: Path) -> Iterator[list[dict[str, Any]]]:
    """Each page's lines of upright type of 20 pt or more (one run of a size on a
    baseline, split where a column gap separates two runs), top to bottom."""
    with pdfplumber.open(path) as document:
        for page in document.pages:
            rows: dict[tuple[int, float], list[dict[str, Any]]] = defaultdict(list)
            for char in page.chars:
                size = round(float(char["size"]), 1)
                if DISPLAY_PT <= size < NUMBER_PT and abs(char["matrix"][1]) < 0.01:
                    rows[(round(float(char["bottom"])), size)].append(char)
            lines = []
            for (_bottom, size), chars in rows.items():
                chars.sort(key=lambda c: c["x0"])
                line = [chars[0]]
                for char in chars[1:]:
                    if char["x0"] - line[-1]["x1"] > 2 * size:  # another column
                        lines.append(line)
                        line = []
                    line.append(char)
                lines.append(line)
            lines.sort(key=lambda line: (line[0]["bottom"], line[0]["x0"]))
            yield lines


def text_of(line: list[dict[str, Any]]) -> str:
    text = ""
    for previous, char in zip([None, *line], line, strict=False):
        gap = previous is not None and char["x0"] - previous["x1"] > 0.15 * char["size"]
        if gap and not text.endswith((" ", NBSP)) and char["text"] not in " \u00a0":
            text += " "
        text += char["text"]
    return text.replace(NBSP, " ")


def next_line(lines: list[list[dict[str, Any]]], line: list[dict[str, Any]]) -> Any:
    """The line that continues ``line``: the nearest one below, of its size, in its column."""
    size = line[0]["size"]
    left, right, bottom = line[0]["x0"], line[-1]["x1"], line[0]["bottom"]
    below = [
        other
        for other in lines
        if other is not line
        and abs(other[0]["size"] - size) < 0.2
        and 0 < other[0]["bottom"] - bottom < 1.8 * size
        and other[0]["x0"] < right
        and other[-1]["x1"] > left
    ]
    return min(below, key=lambda other: other[0]["bottom"], default=None)


def broken_words(path: Path) -> list[str]:
    """Breaks between the syllables of one listed word: "Tổng / đài"."""
    words = vi_words()
    longest = max(len(word) for word in words)
    found = []
    for lines in display_lines(path):
        for line in lines:
            after = next_line(lines, line)
            if after is None:
                continue
            end = text_of(line).split()
            start = text_of(after).split()
            for k in range(1, longest):
                for m in range(1, longest - k + 1):
                    if len(end) < k or len(start) < m:
                        continue
                    tail, head = end[-k:], start[:m]
                    syllables = tuple(s.strip(".,;:!?()\"'“”—–…").lower() for s in [*tail, *head])
                    if syllables in words:
                        found.append(f"{' '.join(tail)} / {' '.join(head)}")
    return found


def test_join_words_ties_the_syllables_of_listed_words_only() -> None:
    assert join_words("Các dịch vụ của Tổng đài\u00a0111") == (
        "Các dịch\u00a0vụ của Tổng\u00a0đài\u00a0111"
    )
    assert join_words("Khi gọi, điều gì sẽ xảy ra?") == "Khi gọi, điều\u00a0gì sẽ xảy\u00a0ra?"
    assert join_words("bảo, vệ") == "bảo, vệ"  # punctuation between: two words
    assert join_words("Báo quản lý ca") == "Báo quản\u00a0lý\u00a0ca"  # the longest word wins
    assert join_words("Free to call, 24 hours") == "Free to call, 24 hours"


def test_display_lines_never_break_inside_a_vietnamese_word(real_project: Project) -> None:
    downloads = real_project.site / "downloads"
    paths = sorted(downloads.glob("*-vi-*.pdf")) + sorted(downloads.glob("*-bilingual-*.pdf"))
    assert paths
    broken = {path.name: found for path in paths if (found := broken_words(path))}
    assert not broken, broken
