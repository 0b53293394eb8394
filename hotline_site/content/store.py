"""Files on disk: results kept under a hash of what they are made from, and editors' files
written whole or not at all.

A build that changes nothing reads the validated campaign and labels back
instead of reading their YAML again (with the line of every value, the slow
part). A result that failed is never kept: its errors come every time.

Every program that rewrites a file an editor keeps (``stats.yml``, a material
after a translation import, a schema line) writes it with :func:`write_atomically`
while holding :func:`locked` on the campaign folder: a crash, a kill or a full
disk leaves the old file or the new one, and two such programs run one after the other.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PACKAGE = Path(__file__).parents[1]  # hotline_site/


def digest_of(files: Iterable[Path], *values: object) -> str:
    """SHA-256 of the package's code and data, ``files`` (names and bytes) and ``values``."""
    digest = hashlib.sha256(_package_digest())
    for path in files:
        digest.update(str(path).encode() + b"\0")
        if path.is_file():  # not a folder, nor an editor's lock file (a broken link)
            with path.open("rb") as stream:  # read in blocks: a big file costs no memory
                digest.update(hashlib.file_digest(stream, "sha256").digest())
    digest.update(repr(values).encode())
    return digest.hexdigest()


@cache
def _package_digest() -> bytes:
    """The package's code and data, read once per process: all but the importers of
    ``make stats`` (``stats/importers/``), which nothing a build makes depends on (only
    ``scripts/update_stats.py`` runs them; the layers test keeps it so)."""
    digest = hashlib.sha256()
    for code in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yml")]):
        if code.relative_to(PACKAGE).parts[:2] != ("stats", "importers"):
            digest.update(code.read_bytes())
    return digest.digest()


def cached(
    cache_dir: Path,
    name: str,
    digest: str,
    kind: type[T],
    make: Callable[[], T],
    *,
    valid: Callable[[T], bool] = lambda result: True,
) -> T:
    """``make()``, or what it gave last time for the same ``digest`` (``<name>-<digest>.pickle``).

    A kept result is used only if ``valid(result)`` (the files it names still exist, say).
    Exceptions from ``make`` pass through and nothing is kept. A cache that cannot be
    read (another version) or written (a full disk) only costs time.
    """
    target = cache_dir / f"{name}-{digest}.pickle"
    if target.is_file():
        with contextlib.suppress(Exception):
            result = pickle.loads(target.read_bytes())
            if isinstance(result, kind) and valid(result):
                return result
    result = make()
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(pickle.dumps(result))
        temporary.replace(target)
    return result


NEW_FILE_MODE = 0o644
"""Permissions of a file :func:`write_atomically` creates (a replaced file keeps its own)."""


def write_atomically(path: Path, data: str | bytes) -> None:
    """Replace ``path`` by ``data`` (a ``str`` is written as UTF-8), all at once.

    The data goes to a temporary file in the same folder, is flushed to the disk
    (``fsync``), gets the old file's permissions and is renamed over ``path``; the
    folder is then synced. A crash, a kill or a full disk leaves the old file or
    the new one, never part of one, and no temporary file. Raises :class:`OSError`.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def lock_file(path: Path) -> Path:
    """The lock of ``path`` (a file or a folder): ``.<name>.lock`` beside it."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (:func:`lock_file`) while reading and writing it.

    A second program that asks for the same lock waits until the first is done,
    then reads what the first wrote, so neither loses the other's changes. The
    lock is released by the system when its holder dies.
    """
    with lock_file(path).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
