"""Build the site into a fresh folder and swap it in only when the build succeeded.

MkDocs cleans its output folder before it renders, so a failed build would
leave a half-built site behind. We build next to it and rename at the end:
the previous site stays as it was until a complete new one replaces it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


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
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"Build failed: {site_dir} was left as it was.", file=sys.stderr)
        return status
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0
