"""Files in the built site share no inode with the sources or the print cache (issue 25, item 4),
and Typst is not given ``/`` as its root."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import typst
from conftest import FIXTURES

from hotline_site.print.fonts import font_dir
from hotline_site.print.plan import plan_print_jobs
from hotline_site.print.render import TEMPLATES, compile_pdf, publish_files, typst_root
from hotline_site.project import load_folder


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


def test_typst_reads_only_the_templates_and_the_pictures(tmp_path: Path) -> None:
    campaign = tmp_path / "campaigns" / "campaign"
    shutil.copytree(FIXTURES / "campaign", campaign)
    (tmp_path / "secret.txt").write_text("outside")
    notice = campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace(
            "kind: poster",
            "kind: poster\nimage: assets/logo-111.svg\nimage_alt: {vi: Biểu trưng, en: Logo}",
        )
    )
    project = load_folder(campaign, ["vi", "en"])
    jobs = plan_print_jobs(
        project.campaign, project.labels, project.figures, site_url="https://x.test/"
    )
    job = next(job for job in jobs if job.filename == "notice-en-a4.pdf")
    root = typst_root(job)
    assert root != Path("/") and sorted(p.name for p in root.iterdir()) == [
        "picture-0.svg",
        "templates",
    ]
    compiled = compile_pdf(job, typst.Fonts(False, False, font_paths=[str(font_dir())]))
    assert compiled.pdf.startswith(b"%PDF") and compiled.pages == 1
    without = next(job for job in jobs if job.filename == "poster-en-a4.pdf")
    assert typst_root(without) == TEMPLATES.resolve()
    with pytest.raises(typst.TypstError, match="escape the project root"):
        typst.Compiler(b'#read("/templates/../../secret.txt")', root=root).compile()
