""" "Exit this page" as the first thing of every page: the first Tab stop, at the top.

Material's ``base.html`` writes its skip link right after ``<body>``, before any block a
theme override can fill, so ``overrides/main.html`` writes the exit control at the start
of its header block and this moves it in front of the skip link, once a page is rendered.
GOV.UK's component puts a hidden "Exit this page" link just after its skip link; here the
visible button itself comes first (issue 24: the exit control is the first Tab stop).
"""

from __future__ import annotations

START = '<div class="exit-page"'
END = "<!--/exit-page-->"
SKIP = '<div data-md-component="skip">'


def first_in_body(html: str) -> str:
    """``html`` with its exit control moved to just before Material's skip link.

    A page without either (a redirect stub) is returned as it is."""
    start = html.find(START)
    skip = html.find(SKIP)
    if start < 0 or skip < 0 or skip > start:
        return html
    end = html.find(END, start)
    if end < 0:
        raise ValueError("overrides/main.html: the exit control has no end marker " + END)
    block = html[start : end + len(END)]
    rest = html[:start] + html[end + len(END) :]
    return rest[:skip] + block + "\n" + rest[skip:]
