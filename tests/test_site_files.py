"""Files in the built site share no inode with the sources or the print cache (issue 25, item 4),
and Typst is not given ``/`` as its root."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hotline_site.print.render import TEMPLATES, publish_files, typst_root


def test_published_files_are_copies_not_links(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    source = cache / "poster.pdf"
    source.write_bytes(b"%PDF-1.7 poster")
    source.chmod(0o644)
    site = tmp_path / "site" / "downloads"
    publish_files({"poster.pdf": source}, site)
    published = site / "poster.pdf"
    assert published.read_bytes() == source.read_bytes()
    assert published.stat().st_ino != source.stat().st_ino
    assert source.stat().st_nlink == 1
    published.chmod(0o600)
    published.write_bytes(b"changed")
    assert stat.S_IMODE(source.stat().st_mode) == 0o644
    assert source.read_bytes() == b"%PDF-1.7 poster"


def test_the_offline_kit_is_copied_from_the_cache() -> None:
    code = (Path(__file__).parents[1] / "hotline_site" / "web" / "publish.py").read_text()
    assert "os.link(" not in code


def test_typst_root_is_not_the_file_system_root(tmp_path: Path) -> None:
    class Job:
        data = {"image": {"path": str(TEMPLATES.parent / "pictures" / "a.svg"), "alt": "x"}}

    root = typst_root(Job())  # type: ignore[arg-type]
    assert root != Path(TEMPLATES.anchor)
    assert root == TEMPLATES.parent.resolve()
    assert os.path.commonpath([root, TEMPLATES.resolve()]) == str(root)
