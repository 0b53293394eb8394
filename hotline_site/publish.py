"""Build the site into a fresh folder and swap it in only when the build succeeded.

MkDocs cleans its output folder before it renders, so a failed build would
leave a half-built site behind. We build next to it and rename at the end:
the previous site stays as it was until a complete new one replaces it.

The same step builds the offline kit: the whole site once more, with plain
``page.html`` addresses that work when opened from a disk (``file://``), zipped
into the site's downloads for classrooms without internet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from hotline_site.pages import OFFLINE_KIT

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_site(config_file: Path, site_dir: Path, *, extra_args: tuple[str, ...] = ()) -> int:
    """Run ``mkdocs build --strict``; return its exit status.

    ``site_dir`` changes only when the build succeeds.
    """
    site_dir = site_dir.resolve()
    fresh = site_dir.with_name(f".{site_dir.name}.new")
    old = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable, "-m", "mkdocs", "build", "--strict",
        "--config-file", str(config_file), "--site-dir", str(fresh), *extra_args,
    ]  # fmt: skip
    status = subprocess.run(command, env=env, check=False).returncode
    if status == 0:
        status = build_offline_kit(config_file, fresh / "downloads" / OFFLINE_KIT, env=env)
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed: {site_dir} was left as it was.", file=sys.stderr)
        return status
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def build_offline_kit(config_file: Path, target: Path, *, env: dict[str, str]) -> int:
    """Build the site for reading from a disk and zip it to ``target``."""
    project = config_file.resolve().parent
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["use_directory_urls"] = False  # index.html pages, not folders, on a disk
    # Search runs in a web worker, which browsers refuse to start from file://;
    # without the search plugin the theme shows no search box.
    config["plugins"] = [
        plugin for plugin in config["plugins"] if plugin != "search" and "search" not in plugin
    ]
    with tempfile.TemporaryDirectory(prefix="offline-") as temporary:
        root = Path(temporary)
        for folder in ("overrides", "campaigns"):
            (root / folder).symlink_to(project / folder)
        shutil.copytree(
            project / config.get("docs_dir", "docs"),
            root / "docs",
            ignore=shutil.ignore_patterns("materials", ".generated.json", "*.md.tmp"),
        )
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
        cache = env.get("HOTLINE_CACHE_DIR") or str(project / ".cache" / "printables")
        command = [
            sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(root / "site"),
        ]  # fmt: skip
        status = subprocess.run(
            command, env={**env, "HOTLINE_CACHE_DIR": cache}, check=False
        ).returncode
        if status != 0:
            return status
        _zip_folder(root / "site", target, top="offline-site")
    return 0


def _left_out(name: str) -> bool:
    """Files the offline kit does not need: source maps, search, the ZIP kits."""
    return (
        name.endswith(".map")
        or name.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))
        or (name.startswith("downloads/") and name.endswith(".zip"))
    )


def _zip_folder(folder: Path, target: Path, *, top: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not _left_out(path.relative_to(folder).as_posix()):
                name = f"{top}/{path.relative_to(folder).as_posix()}"
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
