"""Write generated files into the docs folder without needless rewrites.

A file is written only when its content changed (so `mkdocs serve` does not
rebuild in a loop), and files generated earlier whose source is gone are
removed. A manifest in the docs folder remembers what we generated, so that
hand-written pages are never touched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hotline_site.project import GENERATED_MANIFEST as MANIFEST


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_generated(root: Path, files: Mapping[str, str | bytes]) -> WriteReport:
    """Make ``root`` hold exactly ``files`` among the files we generate there."""
    report = WriteReport()
    for relative, content in sorted(files.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = root / relative
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # never a half-written page
        report.written.append(relative)

    manifest = root / MANIFEST
    previous = set(json.loads(manifest.read_text())) if manifest.is_file() else set()
    for relative in sorted(previous - set(files)):
        stale = root / relative
        if stale.is_file():
            stale.unlink()
            report.removed.append(relative)
            _remove_empty_parents(stale.parent, root)
    listing = json.dumps(sorted(files), indent=0)
    if not manifest.is_file() or manifest.read_text() != listing:
        manifest.write_text(listing)
    return report


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(os.scandir(folder)):
        folder.rmdir()
        folder = folder.parent
