"""Results kept on disk under a hash of everything they are made from.

A build that changes nothing reads the validated campaign and labels back
instead of reading their YAML again (with the line of every value, the slow
part). A result that failed is never kept: its errors come every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable, Iterable
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
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(repr(values).encode())
    return digest.hexdigest()


@cache
def _package_digest() -> bytes:
    """The package's code and data, read once per process."""
    digest = hashlib.sha256()
    for code in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yml")]):
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
