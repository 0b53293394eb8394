"""Validate a campaign folder without building the site.

Usage: python scripts/check_content.py [campaigns/hotline-111]
Runs the same checks as ``make site`` (``hotline_site.project.load`` and ``check``),
so the two refuse the same content in the same words. Only Typst knows whether a
text fits its sheet: the printables the cache lacks are rendered into it, for the
next ``make site``. Prints every problem with file, line and field; exits 1 if
there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hotline_site import project
from hotline_site.content.problems import ContentError
from hotline_site.web.settings import settings


def main(argv: list[str]) -> int:
    config = settings(Path("mkdocs.yml"), campaign=argv[0] if argv else None)
    try:
        loaded = project.load(config)
        problems = project.check(loaded, config)
        if problems:
            raise ContentError(problems)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    shown = (
        config.campaign.relative_to(config.root)
        if config.campaign.is_relative_to(config.root)
        else config.campaign
    )
    print(f"{shown}: {len(loaded.campaign.materials)} materials, all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
