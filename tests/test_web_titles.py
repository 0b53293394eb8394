"""The web's titles and headings break between Vietnamese words, never inside one
(issue 22): Chromium lays each heading out at a phone's and a desktop's width, and
every line it starts must start a word (``content/vi_words``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Project, is_redirect, serve_site

from hotline_site.content.vi_words import NBSP, join_words

# For each heading: its text and the offsets where Chromium starts a new line.
LINE_STARTS = """() => [...document.querySelectorAll('article h1, article h2, article h3')]
  .filter(h => h.offsetParent !== null)
  .map(h => {
    const text = h.textContent;
    const starts = [];
    let last = null;
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect && last !== null && rect.top > last + rect.height / 2) starts.push(offset + i);
        if (rect) last = rect.top;
      }
      offset += node.data.length;
    }
    return [text, starts];
  })"""


@pytest.fixture(scope="module")
def base_url(real_project: Project) -> Iterator[str]:
    with serve_site(real_project.site) as origin:
        yield origin + "/"


def broken_words(text: str, starts: list[int]) -> list[str]:
    """The listed words that a line start at each of ``starts`` cuts in two."""
    found = []
    for start in starts:
        before = text[:start].split()
        after = text[start:].split()
        if before and after:
            pair = f"{before[-1]} {after[0]}"
            if NBSP in join_words(pair):
                found.append(pair)
    return found


def test_a_line_start_inside_a_word_is_found() -> None:
    assert broken_words("Các dịch vụ của Tổng đài 111", [21]) == ["Tổng đài"]
    assert broken_words("Các dịch vụ của Tổng đài 111", [16]) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_vietnamese_headings_break_between_words(
    real_project: Project, base_url: str, browser: Any, width: int
) -> None:
    pages = sorted(
        path.relative_to(real_project.site).parent.as_posix()
        for path in real_project.site.rglob("index.html")
        if not is_redirect(path) and path.relative_to(real_project.site).parts[0] not in ("en",)
    )
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    broken: list[str] = []
    lines = 0
    try:
        for path in pages:
            page.goto(base_url + ("" if path == "." else f"{path}/"))
            for text, starts in page.evaluate(LINE_STARTS):
                lines += len(starts)
                broken += [f"{path}: {pair!r} in {text!r}" for pair in broken_words(text, starts)]
    finally:
        context.close()
    assert lines > (40 if width == 375 else 5)  # headings did wrap: the test saw line starts
    assert broken == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_site_name_is_whole_in_a_phones_header(
    base_url: str, browser: Any, prefix: str
) -> None:
    """Beside the menu, language and search buttons and the exit button's corner, the
    header shows the whole site name at 375 px ("Tổng đài 111", not "Tổng đ…")."""
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    try:
        page.goto(base_url + prefix)
        name = page.locator(".md-header__topic .md-ellipsis").first
        shown, needed = name.evaluate("e => [e.clientWidth, e.scrollWidth]")
    finally:
        context.close()
    assert needed <= shown, (shown, needed)
