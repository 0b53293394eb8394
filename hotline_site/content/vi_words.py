"""Vietnamese words for line breaking: the syllables of one word stay on one line.

Vietnamese writes each syllable as its own space-separated token, so a line
breaker that breaks at spaces splits words ("Tổng / đài", "sẵn / sàng"). Display
type (titles, headings, poster lines) must break between words. :func:`join_words`
ties the syllables of every word listed in ``vi_words.yml`` with no-break spaces
(U+00A0); print and web titles both call it, so they break alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from hotline_site.content.yamlfile import load_yaml

WORDS_FILE = Path(__file__).with_name("vi_words.yml")
NBSP = "\u00a0"
_SPACE = re.compile("([ \u00a0]+)")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


@cache
def vi_words() -> frozenset[tuple[str, ...]]:
    """Every listed word, as its lower-case syllables."""
    data = load_yaml(WORDS_FILE, display_path=f"hotline_site/content/{WORDS_FILE.name}").data
    return frozenset(
        tuple(unicodedata.normalize("NFC", word).lower().split()) for word in data["words"]
    )


@cache
def _longest() -> int:
    return max(len(word) for word in vi_words())


def join_words(text: str) -> str:
    """``text`` with the syllables of each listed word tied by no-break spaces.

    Longest words first, left to right; a word never spans punctuation ("bảo, vệ"
    stays two words). Other spaces, and every other character, are unchanged.
    """
    parts = _SPACE.split(text)  # token, separator, token, …
    tokens, separators = parts[0::2], parts[1::2]
    if len(tokens) < 2:
        return text
    words = vi_words()
    longest = _longest()
    i = 0
    while i < len(tokens):
        taken = 1
        for size in range(min(longest, len(tokens) - i), 1, -1):
            if _is_word(tokens[i : i + size], words):
                taken = size
                break
        for k in range(i, i + taken - 1):
            separators[k] = NBSP
        i += taken
    result = [tokens[0]]
    for separator, token in zip(separators, tokens[1:], strict=True):
        result.append(separator)
        result.append(token)
    return "".join(result)


def _is_word(tokens: list[str], words: frozenset[tuple[str, ...]]) -> bool:
    """The tokens spell a listed word, with punctuation only before it and after it."""
    syllables = []
    for index, token in enumerate(tokens):
        core = _EDGE.sub("", token)
        if not core:
            return False
        if index > 0 and not token.startswith(core):  # "(vệ": punctuation inside the word
            return False
        if index < len(tokens) - 1 and not token.endswith(core):  # "bảo,"
            return False
        syllables.append(core.lower())
    return tuple(syllables) in words
