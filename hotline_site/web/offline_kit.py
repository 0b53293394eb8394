"""The offline kit: the whole site for reading from a disk, zipped into the downloads.

Its name, ``offline-site-<sha256>.zip`` (:func:`offline_kit_name`), is a hash of
everything it is built from, so a build that changes nothing copies it from the
cache (``$HOTLINE_CACHE_DIR``, :func:`offline_kit_cache`) instead of building it
again. :func:`offline_config` writes the project copy its MkDocs build runs in
(``web/publish.py`` runs it); :func:`zip_site` zips the result with fixed dates,
leaving out what a disk cannot use (search, source maps, the ZIP kits, social cards).
Errors: ``OSError`` from the disk, naming the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import zipfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import hotline_site
from hotline_site.web.settings import DEFAULT_CACHE

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


_KIT_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown", "typst")
"""Installed packages whose version changes the offline kit's pages."""


def offline_kit_cache(config_file: Path, env: Mapping[str, str]) -> Path:
    """The folder of cached offline kits: the printables cache (``$HOTLINE_CACHE_DIR``)."""
    project = config_file.resolve().parent
    return Path(env.get("HOTLINE_CACHE_DIR") or project / DEFAULT_CACHE)


def offline_kit_name(config_file: Path, env: Mapping[str, str]) -> str:
    """``offline-site-<sha256>.zip``: a hash of everything the offline kit is built from.

    The project's ``mkdocs.yml``, every file in its docs folder (hand-written and
    generated pages: the generated ones are written, from the campaign and the PDFs'
    sizes, before this is called), ``overrides/``, the campaign folders, the
    ``hotline_site`` package (code, labels, print templates; not the importers of
    ``make stats``, which no page depends on), the versions of the
    packages that render pages, and ``SOURCE_DATE_EPOCH``. The same inputs give the
    same name, so an unchanged site reuses the kit instead of building it again.
    """
    import yaml

    project = config_file.resolve().parent
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes())
    code = Path(hotline_site.__file__).resolve().parent
    folders = [
        project / config.get("docs_dir", "docs"),
        project / "overrides",
        project / "campaigns",
        code,  # the whole package but the importers of ``make stats``
    ]
    importers = code / "stats" / "importers"
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and not path.name.endswith(".tmp")
                and not path.is_relative_to(importers)
            ):
                digest.update(str(path.relative_to(folder)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    for package, version in _package_versions():
        digest.update(f"{package}={version}\0".encode())
    digest.update(f"SOURCE_DATE_EPOCH={env.get('SOURCE_DATE_EPOCH', '')}".encode())
    return f"offline-site-{digest.hexdigest()}.zip"


def ready_for_kit_name() -> None:
    """Load what :func:`offline_kit_name` needs (YAML, the packages' versions) ahead of it."""
    import yaml  # noqa: F401

    _package_versions()


@cache
def _package_versions() -> tuple[tuple[str, str], ...]:
    """(name, version) of the installed packages among ``_KIT_PACKAGES``.

    Imported here, not at the top: reading package metadata costs this process more than
    the rest of its work, and ``build_site`` runs it while MkDocs builds.
    """
    import importlib.metadata

    versions = []
    for package in _KIT_PACKAGES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append((package, importlib.metadata.version(package)))
    return tuple(versions)


def cache_path(config_file: Path, env: Mapping[str, str]) -> Path:
    """Where the kit of this very project is kept once built (:func:`offline_kit_name`)."""
    return offline_kit_cache(config_file, env) / offline_kit_name(config_file, env)


def offline_config(config_file: Path, workdir: Path) -> Path:
    """Make ``workdir`` (it must not exist) a copy of the project for the kit's build and
    return its ``mkdocs.yml``: plain ``page.html`` addresses, no search (a web worker,
    which browsers refuse to start from ``file://``), ``overrides/`` and ``campaigns/``
    linked, ``docs/`` copied without the generated pages."""
    import yaml

    project = config_file.resolve().parent
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["use_directory_urls"] = False  # index.html pages, not folders, on a disk
    config["plugins"] = [
        plugin for plugin in config["plugins"] if plugin != "search" and "search" not in plugin
    ]
    workdir.mkdir()
    for folder in ("overrides", "campaigns"):
        (workdir / folder).symlink_to(project / folder)
    shutil.copytree(
        project / config.get("docs_dir", "docs"),
        workdir / "docs",
        ignore=shutil.ignore_patterns("materials", ".generated.json", "*.md.tmp"),
    )
    target = workdir / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True))
    return target


_LEFT_OUT_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "assets/social/")


def _left_out(name: str) -> bool:
    """Files the offline kit does not need: source maps, search, the ZIP kits, social cards."""
    return (
        name.endswith(".map")
        # assets/social/: the pictures of shared links, for the online site only
        or name.startswith(_LEFT_OUT_FOLDERS)
        or (name.startswith("downloads/") and name.endswith(".zip"))
    )


def zip_site(folder: Path, target: Path, *, top: str) -> None:
    """Zip ``folder`` to ``target``; an ``OSError`` names ``target`` if it names no file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not _left_out(path.relative_to(folder).as_posix()):
                    name = f"{top}/{path.relative_to(folder).as_posix()}"
                    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
    except OSError as exc:
        if exc.filename is None:  # a failed write() names no file
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise
