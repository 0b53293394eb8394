"""Build the whole site (pages of every language) into site/, or leave site/ untouched.

Usage: python scripts/build_site.py [--config-file mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hotline_site.publish import build_site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args()
    return build_site(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
