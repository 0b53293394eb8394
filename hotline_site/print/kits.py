"""The ZIP kits: one per audience and language, of the office PDFs in that language.

Kits are cached by content (the cache names of the PDFs they hold), written
atomically, with fixed dates, so the same PDFs always give the same kit.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hotline_site.content.addresses import DownloadFile

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same PDFs give the same kit


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
