"""Safety rules that ask a text to say one more thing when it says something: a hotel
material that sends staff to the duty manager says what to do when the manager may be
involved (review F6); asking for a child for sex is reported on its own (F7); screenshot
advice says never to copy the private image (F10); a pupil's text that has an adult call
113 says the child may call 113 too (F8); a text for someone who cannot talk safely names
the text channels (F9). ``rules.check_rules`` runs them with the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hotline_site.content.campaign import Campaign
from hotline_site.content.passages import Passage, line_of, material_passages
from hotline_site.content.problems import Problem

MANAGER = {"vi": "quản lý ca", "en": "duty manager"}
"""Hotel staff's first report, which may not be safe where the venue exploits (F6)."""
WHEN_INVOLVED = {"vi": ("có liên quan", "tự gọi"), "en": ("may be involved", "yourself")}
"""What a hotel material that sends staff to the duty manager also says: if the manager
may be involved, call (113 for danger now, else 111) yourself."""


@dataclass(frozen=True)
class Pair:
    """When a text says ``mention`` (in ``language``), it also says ``needed``."""

    language: str
    mention: re.Pattern[str]
    needed: re.Pattern[str]
    advice: str
    """What the text must say, in words, for the editor."""


ALONE_VI = "khách hỏi mua dâm trẻ em: báo ngay, không cần thêm dấu hiệu nào khác"
CHANNEL_ADVICE = (
    "name the text channels too: Zalo “Tổng đài 111”, the Tổng đài 111 app, tongdai111.vn"
)
CHANNELS = re.compile(r"(?=[\s\S]*Zalo)(?=[\s\S]*tongdai111\.vn)")
PAIRS = (
    Pair(
        "vi",
        re.compile(r"mua dâm"),
        re.compile("không cần thêm dấu hiệu nào khác"),
        f"a request for a child for sex is reported on its own: say '{ALONE_VI}'",
    ),
    Pair(
        "en",
        re.compile(r"\b(?:for|buy) sex\b"),
        re.compile("no other sign is needed"),
        "a request for a child for sex is reported on its own: say 'report it at once, "
        "no other sign is needed'",
    ),
    Pair(
        "vi",
        re.compile(r"chụp màn hình", re.I),
        re.compile("không chụp lại"),
        "screenshot the threats and the account only: add 'không chụp lại, không lưu, "
        "không gửi ảnh riêng tư'",
    ),
    Pair(
        "en",
        re.compile(r"screenshot", re.I),
        re.compile("never copy"),
        "screenshot the threats and the account only: add 'never copy, save or forward "
        "the private photo'",
    ),
    Pair(
        "vi",
        re.compile(r"người lớn[^.;]{0,20}\bgọi (?:Công an )?113\b", re.I),
        re.compile(r"tự gọi 113"),
        "a child alone in danger may call 113 themselves: add 'nếu không có ai, em tự gọi 113'",
    ),
    Pair(
        "en",
        re.compile(r"(?:adult|grown-up)[^.;]{0,20}\bcalls? (?:the police on )?113\b", re.I),
        re.compile(r"113 (?:themselves|yourself)|yourself on 113"),
        "a child alone in danger may call 113 themselves: add 'if no one is there, call 113 "
        "yourself'",
    ),
    Pair(
        "vi",
        re.compile(r"không (?:thể )?nói chuyện(?: được)? an toàn", re.I),
        CHANNELS,
        CHANNEL_ADVICE,
    ),
    Pair(
        "en",
        re.compile(r"(?:cannot|can't|unable to) (?:talk|speak) safely", re.I),
        CHANNELS,
        CHANNEL_ADVICE,
    ),
)
"""The pairs, per language."""


def paired_phrases(passages: Iterable[Passage], pairs: Iterable[Pair] = PAIRS) -> list[Problem]:
    """Every text that says a pair's mention also says what the pair needs (F7–F10)."""
    problems = []
    pairs = list(pairs)
    for passage in passages:
        for pair in pairs:
            if pair.language != passage.language:
                continue
            found = pair.mention.search(passage.text)
            if found is None or pair.needed.search(passage.text):
                continue
            problems.append(
                Problem(
                    passage.file,
                    line_of(passage, found.start()),
                    passage.field,
                    f"({passage.language}) says {found.group(0)!r}; {pair.advice}",
                )
            )
    return problems


def manager_path(campaign: Campaign) -> list[Problem]:
    """A hotel material that sends staff to the duty manager says what to do if the
    manager cannot be reached or may be involved (F6), in every language."""
    problems = []
    for material in (m for m in campaign.materials if m.audience == "hotels"):
        passages = material_passages(campaign, material)
        for language, manager in MANAGER.items():
            own = [p for p in passages if p.language == language]
            text = "\n".join(p.text for p in own)
            missing = [w for w in WHEN_INVOLVED[language] if w not in text]
            if manager not in text or not missing:
                continue
            first = next(p for p in own if manager in p.text)
            problems.append(
                Problem(
                    first.file,
                    line_of(first, first.text.index(manager)),
                    first.field,
                    f"({language}) sends staff to the {MANAGER['en']} but never says what to "
                    f"do if the manager may be involved (missing "
                    f"{', '.join(map(repr, missing))}): add 'if you cannot reach the manager, "
                    "or they may be involved, call 113 yourself if someone is in danger, "
                    "else 111'",
                )
            )
    return problems
