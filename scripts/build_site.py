"""Build the whole site (pages of every language) into site/, or leave site/ untouched.

Usage: python scripts/build_site.py [--config-file mkdocs.yml] [--site-dir site]

One build of a site at a time: a second one waits for the first. A failed
build ends with a "Build failed: …" line and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType

from hotline_site.web.publish import build_site


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a CI job cancelled, `kill`) stops the build like Ctrl-C: it tidies up."""
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    return build_site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
