"""Build the site into a fresh folder and swap it in only when the build succeeded.

(Over 400 lines, one concept: the build's lock, folders, swap and failure report.
Next to split out: the offline kit's build, into ``web/offline.py``.)

MkDocs cleans its output folder before it renders, so a failed build would
leave a half-built site behind. We build next to it and rename at the end.
What ``build_site`` guarantees, for ``site/`` (any name) and its project:

* One build at a time: a lock file next to the site (``.site.lock``, holding
  the process id and start time of its holder) is locked with ``flock``. A
  second build waits for the first, and says once on stderr whom it waits
  for. The kernel releases the lock when the holder and every program it
  started have exited, however they ended (``kill -9`` included).
* Each build works in its own folder next to the site, ``.site.build-XXXXXXXX``
  (``new/`` the fresh site, ``offline/`` the offline kit's build, ``old/`` the
  previous site during the swap). The folder is removed when the build ends,
  whether it succeeded or failed (full disk, Ctrl-C, SIGTERM…). Folders left
  by a build that was killed are removed by the next build, under the lock.
* At every instant a complete site is at ``site/`` or in ``old/`` of a build
  folder: the swap renames ``site`` to ``old``, ``new`` to ``site``, and
  renames ``old`` back if the second rename fails. The next build (or the end
  of this one) puts an ``old/`` back when ``site/`` is missing.
* A failed build, whatever the reason, ends with one line, ``Build failed:
  <reason>; site/ was left as it was.``, and a non-zero status (MkDocs' own,
  1 for a file-system error, 130 when interrupted). Expected failures (a
  file-system error such as a full disk or a denied permission, an
  interruption) print no Python traceback, in this process or in MkDocs.

The same step builds the offline kit: the whole site once more, with plain
``page.html`` addresses that work when opened from a disk (``file://``), zipped
into the site's downloads for classrooms without internet. The kit is cached by
a hash of what it is built from (:func:`offline_kit_name`), like the printables:
a build that changes nothing copies it from the cache instead of building it again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import hotline_site

# Not hotline_site.web.pages: this process only starts MkDocs, and pages.py imports the content
# model (pydantic), which would cost every build a fraction of a second for nothing.
from hotline_site.content.addresses import OFFLINE_KIT
from hotline_site.web.offline import fill_offline_kit_size, left_out
from hotline_site.web.settings import DEFAULT_CACHE

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FAILURE_FD = "HOTLINE_FAILURE_FD"
"""Environment variable: the pipe on which a MkDocs run reports a file-system error."""
_NEW, _OLD, _OFFLINE = "new", "old", "offline"
"""The parts of a build folder: the fresh site, the previous site during the swap, the kit."""


class BuildFailed(Exception):
    """An expected failure: ``reason`` is the closing line's, ``status`` the exit status."""

    def __init__(self, reason: str, status: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def build_site(config_file: Path, site_dir: Path, *, extra_args: tuple[str, ...] = ()) -> int:
    """Run ``mkdocs build --strict`` and build the offline kit; return the exit status.

    ``site_dir`` changes only when the whole build succeeds (status 0). On any
    failure it is left as it was (restored if a killed build had moved it), no
    build folder is left behind, and the last line on stderr says why.
    """
    shown = f"{site_dir}/"
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(site_dir) as lock_fd:
            try:
                tidy(site_dir)
                _build_and_swap(config_file, site_dir, extra_args, lock_fd)
            finally:
                with contextlib.suppress(OSError):  # a second error must not hide the first
                    tidy(site_dir)
    except BuildFailed as exc:
        status, reason = exc.status, exc.reason
    except OSError as exc:
        status, reason = 1, describe(exc)
    except KeyboardInterrupt:
        status, reason = 130, "interrupted"
    except Exception as exc:  # a bug: its traceback helps, and the closing line still comes last
        traceback.print_exc()
        status, reason = 1, f"unexpected {type(exc).__name__} (traceback above)"
    else:
        return 0
    if site_dir.is_dir() or not _previous_sites(site_dir):
        outcome = f"{shown} was left as it was."
    else:  # only after a rename failed twice in a row
        outcome = f"{shown} is missing: the previous site is in {_previous_sites(site_dir)[0]}."
    print(f"Build failed: {reason}; {outcome}", file=sys.stderr, flush=True)
    return status


def describe(exc: OSError) -> str:
    """``No space left on device: /path/file`` – the error and the file, without errno."""
    if exc.strerror is None:
        return str(exc) or type(exc).__name__
    paths = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    return ": ".join([exc.strerror, " -> ".join(paths)]) if paths else exc.strerror


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[int]:
    """Hold the build lock of ``site_dir``; yield its file descriptor.

    Waits while another build holds it, saying once on stderr which build it
    waits for. Programs started with the descriptor in ``pass_fds`` share the
    lock: it is released only when all of them and this process have exited.
    """
    path = site_dir.with_name(f".{site_dir.name}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Waiting for {_holder(fd)} to finish ({path})…", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        with contextlib.suppress(OSError):  # only for the message above; a full disk may refuse
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)  # releases the lock unless a program we started still runs


def _holder(fd: int) -> str:
    """``the build started at <time> by process <pid>``, from the lock file."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        pid, _, started = os.pread(fd, 100, 0).decode().strip().partition(" ")
        if pid.isdigit() and started:
            return f"the build started at {started} by process {pid}"
    return "another build of this site"


def tidy(site_dir: Path) -> None:
    """Put back a previous site a killed build had moved away, then remove build folders.

    Call only while holding the build lock. A build folder holding the only
    copy of the site is never removed. Also handles the fixed ``.site.new``
    and ``.site.old`` folders of earlier versions of this module.
    """
    if not site_dir.exists():
        previous = _previous_sites(site_dir)
        if previous:
            previous[0].rename(site_dir)  # if this fails, nothing below runs
    legacy = [site_dir.with_name(f".{site_dir.name}.{name}") for name in ("new", "old")]
    for folder in [*_build_folders(site_dir), *legacy]:
        shutil.rmtree(folder, ignore_errors=True)


def _build_folders(site_dir: Path) -> list[Path]:
    return sorted(site_dir.parent.glob(f".{site_dir.name}.build-*"))


def _previous_sites(site_dir: Path) -> list[Path]:
    """Complete previous sites moved away by a swap that was cut short, newest first."""
    found = [folder / _OLD for folder in _build_folders(site_dir) if (folder / _OLD).is_dir()]
    legacy = site_dir.with_name(f".{site_dir.name}.old")
    found += [legacy] if legacy.is_dir() else []
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def _build_and_swap(
    config_file: Path, site_dir: Path, extra_args: Sequence[str], lock_fd: int
) -> None:
    """Build into a new build folder and swap the result in; raise on any failure."""
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    new = work / _NEW  # made by MkDocs with the usual permissions (mkdtemp's are 0700)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    arguments = [
        "build", "--strict",
        "--config-file", str(config_file), "--site-dir", str(new), *extra_args,
    ]  # fmt: skip
    run_mkdocs(
        arguments,
        env=env,
        pass_fds=(lock_fd,),
        what="mkdocs build",
        meanwhile=_ready_for_kit_name,  # on the other core while MkDocs builds
    )
    target = new / "downloads" / OFFLINE_KIT
    cached = offline_kit_cache(config_file, env) / offline_kit_name(config_file, env)
    if cached.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)  # a copy, not a link: site/ shares no inode with the cache
        print(f"INFO    -  Offline kit: unchanged, from the cache ({cached.name})", file=sys.stderr)
    else:
        build_offline_kit(
            config_file, target, env=env, workdir=work / _OFFLINE, pass_fds=(lock_fd,)
        )
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f".{cached.name}.tmp")
        shutil.copyfile(target, temporary)
        temporary.replace(cached)  # never half a kit in the cache
        print(f"INFO    -  Offline kit: built and cached ({cached.name})", file=sys.stderr)
    fill_offline_kit_size(new, target.stat().st_size)
    swap(new, site_dir, work / _OLD)


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
    ``hotline_site`` package (code, labels, print templates), the versions of the
    packages that render pages, and ``SOURCE_DATE_EPOCH``. The same inputs give the
    same name, so an unchanged site reuses the kit instead of building it again.
    """
    import yaml

    project = config_file.resolve().parent
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes())
    code = Path(hotline_site.__file__).resolve().parent
    importers = code / "stats" / "importers"  # make stats only: no page depends on them
    folders = [
        project / config.get("docs_dir", "docs"),
        project / "overrides",
        project / "campaigns",
        code,  # the whole package but the importers
    ]
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


def _ready_for_kit_name() -> None:
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


def swap(new: Path, site_dir: Path, old: Path) -> None:
    """Put ``new`` at ``site_dir``, moving the previous site to ``old``.

    Two renames; if the second fails (or is interrupted) the first is undone,
    so ``site_dir`` holds the previous site again. Between the two renames
    the previous site is complete in ``old``, where ``tidy`` finds it.
    """
    had_site = site_dir.exists()
    if had_site:
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except BaseException:
        if had_site and not site_dir.exists():
            old.rename(site_dir)
        raise


def run_mkdocs(
    args: Sequence[str],
    *,
    env: dict[str, str],
    pass_fds: Sequence[int],
    what: str,
    meanwhile: Callable[[], object] = lambda: None,
) -> None:
    """Run the MkDocs command line in a new process; raise ``BuildFailed`` if it fails.

    MkDocs prints its own messages. A file-system error in it ends it without
    a traceback, and becomes the reason of the ``BuildFailed`` raised here.
    """
    read_end, write_end = os.pipe()
    reported = ""
    try:
        # -P: the working folder is not on the path (its own hotline_site/ would shadow ours)
        command = [sys.executable, "-P", "-m", __name__, *args]  # this module
        process = subprocess.Popen(
            command, env={**env, _FAILURE_FD: str(write_end)}, pass_fds=(write_end, *pass_fds)
        )
        try:
            meanwhile()  # this process's own work, while MkDocs builds
            status = process.wait()
        except BaseException:  # as subprocess.run does: no build outlives this one
            process.kill()
            process.wait()
            raise
        os.close(write_end)
        write_end = -1
        os.set_blocking(read_end, False)  # a stray grandchild may hold the write end open
        with contextlib.suppress(BlockingIOError):
            reported = os.read(read_end, 4096).decode(errors="replace").strip()
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)
    if status != 0:
        stopped = f"{what} stopped with exit status {status} (see its messages above)"
        raise BuildFailed(reported or stopped, status)


def build_offline_kit(
    config_file: Path,
    target: Path,
    *,
    env: dict[str, str],
    workdir: Path,
    pass_fds: Sequence[int] = (),
) -> None:
    """Build the site for reading from a disk in ``workdir`` and zip it to ``target``.

    ``workdir`` must not exist; the caller removes it. Raises ``BuildFailed``
    or ``OSError``.
    """
    import yaml

    project = config_file.resolve().parent
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["use_directory_urls"] = False  # index.html pages, not folders, on a disk
    # Search runs in a web worker, which browsers refuse to start from file://;
    # without the search plugin the theme shows no search box.
    config["plugins"] = [
        plugin for plugin in config["plugins"] if plugin != "search" and "search" not in plugin
    ]
    root = workdir
    root.mkdir()
    for folder in ("overrides", "campaigns"):
        (root / folder).symlink_to(project / folder)
    shutil.copytree(
        project / config.get("docs_dir", "docs"),
        root / "docs",
        ignore=shutil.ignore_patterns("materials", ".generated.json", "*.md.tmp"),
    )
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    cache = str(offline_kit_cache(config_file, env))
    arguments = [
        "build", "--strict", "--quiet",
        "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(root / "site"),
    ]  # fmt: skip
    run_mkdocs(
        arguments,
        env={**env, "HOTLINE_CACHE_DIR": cache},
        pass_fds=pass_fds,
        what="the offline kit's mkdocs build",
    )
    _zip_folder(root / "site", target, top="offline-site")


def _zip_folder(folder: Path, target: Path, *, top: str) -> None:
    """Zip ``folder`` to ``target``; an ``OSError`` names ``target`` if it names no file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not left_out(path.relative_to(folder).as_posix()):
                    name = f"{top}/{path.relative_to(folder).as_posix()}"
                    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
    except OSError as exc:
        if exc.filename is None:  # a failed write() names no file
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise


def _mkdocs_main(args: list[str]) -> int:
    """The MkDocs command line, run by ``run_mkdocs``: a file-system error ends it in one line.

    The error goes to the pipe named by ``$HOTLINE_FAILURE_FD`` (the build's
    closing line reports it), or to stderr without one.
    """
    try:
        from mkdocs.__main__ import cli

        cli.main(args=args, prog_name="mkdocs")  # exits with SystemExit when it is done
    except KeyboardInterrupt:  # Ctrl-C before MkDocs runs: the build reports it
        return 130
    except OSError as exc:
        reason = describe(exc)
        if exc.filename is None and "--site-dir" in args[:-1]:  # a failed write() names no file
            reason += f" (mkdocs build into {args[args.index('--site-dir') + 1]})"
        fd = os.environ.get(_FAILURE_FD)
        if fd and fd.isdigit():
            with contextlib.suppress(OSError):
                os.write(int(fd), reason.encode())
                return 1
        print(f"ERROR    -  {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_mkdocs_main(sys.argv[1:]))
