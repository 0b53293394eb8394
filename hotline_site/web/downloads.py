"""What the site offers for download: every PDF, its preview, and one ZIP kit per audience.

Plain records for the pages to list, and the kits themselves. Files are
published flat under ``downloads/`` at the site root, shared by every language.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DOWNLOADS_DIR = "downloads"
OFFLINE_KIT = "offline-site.zip"
"""The whole site for reading from a disk, in the downloads; built by publish.py."""
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same PDFs give the same kit


@dataclass(frozen=True)
class DownloadFile:
    material_id: str
    audience: str
    kind: str
    language: str  # a site language or "bilingual"
    paper: str
    print_shop: bool
    filename: str
    size_kb: int

    @property
    def preview(self) -> str:
        return self.filename.removesuffix(".pdf") + ".png"


@dataclass(frozen=True)
class Kit:
    audience: str
    language: str
    filename: str
    size_kb: int
    files: int


def kit_contents(files: Sequence[DownloadFile], audience: str, language: str) -> list[DownloadFile]:
    """Office versions in this language (and bilingual sheets) for one audience."""
    return [
        item
        for item in files
        if item.audience == audience
        and item.language in (language, "bilingual")
        and not item.print_shop
    ]


def build_kit(sources: dict[str, Path], contents: Sequence[DownloadFile], target_dir: Path) -> Path:
    """Write a ZIP of ``contents`` (filename -> rendered file in ``sources``), cached by content."""
    digest = hashlib.sha256()
    for item in sorted(contents, key=lambda item: item.filename):
        digest.update(item.filename.encode())
        digest.update(sources[item.filename].name.encode())  # cache names are content hashes
    target = target_dir / f"kit-{digest.hexdigest()}.zip"
    if target.is_file():
        return target
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED) as archive:
        for item in sorted(contents, key=lambda item: item.filename):
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, sources[item.filename].read_bytes())
    temporary.replace(target)
    return target
