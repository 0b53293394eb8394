"""Validate a campaign folder without building the site.

Usage: python scripts/check_content.py [campaigns/hotline-111]
Prints every problem with file, line and field; exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hotline_site.campaign import load_campaign
from hotline_site.errors import ContentError
from hotline_site.project import site_languages


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "campaigns/hotline-111")
    try:
        campaign = load_campaign(
            folder, languages=site_languages(Path("mkdocs.yml")), check_figures=True
        )
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{folder}: {len(campaign.materials)} materials, all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
