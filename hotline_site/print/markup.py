"""Campaign text for print: the little Markdown editors write, as plain data for Typst.

Text fields may use paragraphs, ``**bold**``, ``*italic*`` and ``-`` lists; the
web shows the same. Everything else (headings, links, HTML, tables, fences) is
printed as the characters that were typed, exactly as on the web page, because
the parser here only knows those rules (markdown-it-py, "zero" preset).

The result is a list of blocks made of runs of plain strings. Typst shows a
string as text and never evaluates it, so no content can turn into markup,
code or a link in the PDF: escaping by construction.

Shapes (JSON-ready)::

    Block = {"kind": "par", "runs": [Run, ...]}
          | {"kind": "list", "ordered": bool, "items": [[Run, ...], ...]}
    Run   = {"text": str, "strong": bool, "emph": bool} | {"break": True}
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Run = dict[str, Any]
Block = dict[str, Any]

LONG_TOKEN = 18
"""A word longer than this (an address, a URL) gets break points so it never leaves the sheet."""
_TOKEN = re.compile(rf"\S{{{LONG_TOKEN + 1},}}")
_BREAK_AFTER = re.compile(r"([/.@_\-–])(?=\S)")
_CHUNK = re.compile(r"[^/.@_\-–\u200b]{12}(?=[^/.@_\-–\u200b])")
_ZWSP = "\u200b"


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # on first use: a build that changes nothing needs none

    return MarkdownIt("zero").enable(["emphasis", "list", "escape"])


def blocks(text: str, *, keep_together: tuple[str, ...] = ()) -> list[Block]:
    """Parse ``text`` into blocks of runs.

    ``keep_together`` are words (the hotline number) that must never start a
    line: the space before each becomes a no-break space, so a title never
    breaks as "Gọi / 111".
    """
    tokens = _parser().parse(text)
    result: list[Block] = []
    stack: list[Block] = []
    item: list[Run] | None = None
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if stack:  # a nested list: its items join the outer list (print keeps one level)
                stack.append(stack[-1])
                continue
            block: Block = {
                "kind": "list",
                "ordered": token.type.startswith("ordered"),
                "items": [],
            }
            result.append(block)
            stack.append(block)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif token.type == "list_item_open":
            item = []
            stack[-1]["items"].append(item)
        elif token.type == "list_item_close":
            item = None
        elif token.type == "inline":
            runs = _runs(token.children or [], keep_together)
            if item is not None:
                if item:
                    item.append({"break": True})
                item.extend(runs)
            else:
                result.append({"kind": "par", "runs": runs})
    return result


def inline(text: str, *, keep_together: tuple[str, ...] = ()) -> list[Run]:
    """One line of text (a title, a list item): its paragraphs joined by line breaks."""
    runs: list[Run] = []
    for block in blocks(text, keep_together=keep_together):
        parts = [block["runs"]] if block["kind"] == "par" else block["items"]
        for part in parts:
            if runs:
                runs.append({"break": True})
            runs.extend(part)
    return runs


def plain(runs: list[Run]) -> str:
    """The text of runs, as a reader hears it (for alt text and metadata)."""
    return "".join("\n" if run.get("break") else run["text"] for run in runs).replace(_ZWSP, "")


def _runs(children: list[Token], keep_together: tuple[str, ...]) -> list[Run]:
    runs: list[Run] = []
    strong = emph = False
    for child in children:
        if child.type == "strong_open":
            strong = True
        elif child.type == "strong_close":
            strong = False
        elif child.type == "em_open":
            emph = True
        elif child.type == "em_close":
            emph = False
        elif child.type == "softbreak":
            runs.append({"text": " ", "strong": strong, "emph": emph})
        elif child.type == "hardbreak":
            runs.append({"break": True})
        elif child.type == "text" and child.content:
            runs.append({"text": child.content, "strong": strong, "emph": emph})
    return _typeset(_merge(runs), keep_together)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not last.get("break")
            and not run.get("break")
            and (last["strong"], last["emph"]) == (run["strong"], run["emph"])
        ):
            last["text"] += run["text"]
        else:
            merged.append(dict(run))
    return merged


def _typeset(runs: list[Run], keep_together: tuple[str, ...]) -> list[Run]:
    """No-break space before the kept words; break points inside over-long words."""
    for index, run in enumerate(runs):
        if run.get("break"):
            continue
        text = run["text"]
        for word in keep_together:
            text = re.sub(rf"(?<=\S) ({re.escape(word)})(?![\w])", "\u00a0\\1", text)
            if text.startswith(word) and index > 0:
                previous = runs[index - 1]
                if not previous.get("break") and previous["text"].endswith(" "):
                    previous["text"] = previous["text"][:-1] + "\u00a0"
        run["text"] = _TOKEN.sub(_break_points, text)
        if _HANGUL.search(text):
            run["words"] = True  # Korean breaks lines at spaces, not between syllables
    return runs


_HANGUL = re.compile("[\uac00-\ud7a3]")


def _break_points(match: re.Match[str]) -> str:
    """After / . @ _ - and at least every 12 characters: invisible break opportunities."""
    word = _BREAK_AFTER.sub(lambda m: m.group(1) + _ZWSP, match.group(0))
    return _CHUNK.sub(lambda m: m.group(0) + _ZWSP, word)
