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
from collections.abc import Sequence
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


def split_search_index(site_dir: Path, languages: Sequence[str]) -> dict[str, int]:
    """Write ``search/search_index.json`` per language; return the entry count of each."""
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
        folded = fold(f"{doc.get('title', '')} {doc.get('text', '')}")
        if folded != f"{doc.get('title', '')} {doc.get('text', '')}":
            # Appended, so that results still show the text as written.
            doc = {**doc, "text": f"{doc.get('text', '')} <span hidden>{folded}</span>"}
        entries[language].append(doc)
    counts = {}
    for language in languages:
        folder = site_dir if language == default else site_dir / language
        config = {**combined["config"], "lang": [language]}
        target = folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": entries[language]}, ensure_ascii=False),
            encoding="utf-8",
        )
        counts[language] = len(entries[language])
    return counts
