"""One search index per language, with accent-free copies of Vietnamese text.

mkdocs-static-i18n leaves one index holding every language, so a Vietnamese
reader would get English results too. lunr folds no accents, and many people
type Vietnamese on a phone without them ("mua ban nguoi"). We split the index
by language and add an accent-free copy of each entry's words. Every text in
the index is NFC; docs/assets/search-nfc.js turns the query typed into NFC too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def nfc(text: str) -> str:
    """Unicode NFC: "bán" typed as ``a`` + U+0301 becomes the one character ``á``.

    Text the same to the eye must be the same to the search and to the browser's
    find-in-page: every text on a page, in the index and in a query is NFC.
    """
    return unicodedata.normalize("NFC", text)


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining marks' blocks: every accent and tone mark of Vietnamese, once decomposed."""


def fold(text: str) -> str:
    """ "Mua bán người, Đà Nẵng" -> "Mua ban nguoi, Da Nang"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _COMBINING.sub("", decomposed)


def drop_duplicates(entries: list[dict[str, str]], languages: Sequence[str]) -> None:
    """Remove, in place, each entry under ``<language>/`` that repeats an entry of the
    default language (same title and text, location ending with the default's).

    What mkdocs-static-i18n's ``reconfigure_search_duplicates`` does, in time linear in
    the entries: it compares every default entry with every other one (94 million
    comparisons, 29 s of a 2,000-material build)."""
    prefixes = tuple(f"{language}/" for language in languages)
    others: dict[tuple[str, str], list[dict[str, str]]] = {}
    for entry in entries:
        if entry["location"].startswith(prefixes):
            others.setdefault((entry["title"], entry["text"]), []).append(entry)
    dropped: set[int] = set()
    for entry in entries:
        if entry["location"].startswith(prefixes):
            continue
        for other in others.get((entry["title"], entry["text"]), ()):
            if id(other) not in dropped and other["location"].endswith(entry["location"]):
                dropped.add(id(other))
    if dropped:
        entries[:] = [entry for entry in entries if id(entry) not in dropped]


_LIST = re.compile(r"<ul>\s*((?:<li>[^<]*</li>\s*)+)</ul>")
_FILE_ROW = re.compile(r"<li>([^<]*?): PDF, ([^<]*)</li>")


def group_files(text: str) -> str:
    """A material's list of files (one row per PDF, "Title: PDF, A3 Tiếng Việt, 30 KB",
    up to 16 rows) as one line under it: "PDF: A3 Tiếng Việt, 30 KB · A4 …", so that a
    search result shows the material once, not a screen of near-identical rows."""

    def grouped(match: re.Match[str]) -> str:
        rows = _FILE_ROW.findall(match.group(1))
        if len(rows) != match.group(1).count("<li>") or len({title for title, _ in rows}) != 1:
            return match.group(0)  # not one material's files
        return "<p>PDF: " + " · ".join(details for _, details in rows) + "</p>"

    return _LIST.sub(grouped, text)


FIRST_BOOST = 1000
"""The boost of a page's ``search_first`` section: as much as a title's (Material gives
titles 1000 and text 1), so that the section's words in its text, accent-free ones too,
outrank a title that has only one of them ("bị" in "… bị mua bán")."""


TAGS_BOOST = 1000
"""The tags field holds an entry's accent-free title: as strong as the title itself
(Material's default for tags, 10^6, would put it above every title)."""


def split_search_index(
    site_dir: Path, languages: Sequence[str], first: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Write ``search/search_index.json`` per language; return the entry count of each.

    ``first``: page location (``en/safety/``) -> the heading of its section that comes
    first for the words in it (the page's ``search_first`` front matter). Raises
    ValueError naming the page whose heading is not found."""
    first = dict(first or {})
    found: set[str] = set()
    combined = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    default, others = languages[0], languages[1:]
    entries: dict[str, list[dict[str, str]]] = {language: [] for language in languages}
    for doc in combined["docs"]:
        location: str = doc["location"]
        language = next((code for code in others if location.startswith(f"{code}/")), default)
        if language != default:
            doc = {**doc, "location": location.removeprefix(f"{language}/")}
        # NFC, and plain spaces: titles tie a word's syllables with no-break spaces for
        # line breaking (web/markdown.py), and search must still see each syllable.
        doc = {
            key: nfc(value).replace("\u00a0", " ") if isinstance(value, str) else value
            for key, value in doc.items()
        }
        page, _, anchor = location.partition("#")
        if anchor and first.get(page) == nfc(doc.get("title", "")).replace("\u00a0", " "):
            doc = {**doc, "boost": FIRST_BOOST}
            found.add(page)
        if isinstance(doc.get("text"), str):
            doc["text"] = group_files(doc["text"])
        title = doc.get("title", "")
        if isinstance(title, str) and fold(title) != title:
            # The accent-free title, searched as a title is (TAGS_BOOST) and never shown
            # (docs/assets/site.css hides tags in the results; the site has no tags).
            doc = {**doc, "tags": [fold(title)]}
        folded = fold(f"{doc.get('title', '')} {doc.get('text', '')}")
        if folded != f"{doc.get('title', '')} {doc.get('text', '')}":
            # Appended, so that results still show the text as written.
            doc = {**doc, "text": f"{doc.get('text', '')} <span hidden>{folded}</span>"}
        entries[language].append(doc)
    missing = sorted(set(first) - found)
    if missing:
        raise ValueError(
            "search_first names a heading the page does not have: "
            + "; ".join(f"{page}: {first[page]!r}" for page in missing)
        )
    counts = {}
    for language in languages:
        folder = site_dir if language == default else site_dir / language
        fields = {**combined["config"].get("fields", {}), "tags": {"boost": TAGS_BOOST}}
        config = {**combined["config"], "lang": [language], "fields": fields}
        target = folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": entries[language]}, ensure_ascii=False),
            encoding="utf-8",
        )
        counts[language] = len(entries[language])
    return counts
