"""Pull new hotline figures into campaigns/<campaign>/stats.yml, after showing them for review.

Usage: python scripts/update_stats.py SOURCE [--format json|csv|article] [--dry-run] [--json]
                                     [--yes] [--replace] [--accept-scale]

SOURCE is an http(s) URL or a local file: a JSON or CSV feed (see
hotline_site/stats/importers/feeds.py for the format), or a press report (plain
text or HTML, Vietnamese or English). Every figure is shown with its line
(service), its period and the sentence it was read from; nothing is written
before you confirm (on a terminal) or pass --yes. A value already stored is
never lost: new values are added, a different value needs --replace and the
old one stays in the period's history. On any problem the script says what
and where, exits with status 1, and leaves stats.yml byte for byte as it was.

This script only reads the command line; the run itself is
hotline_site/stats/importers/update.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hotline_site import project
from hotline_site.content.problems import ContentError, Problem
from hotline_site.stats.importers.feeds import FORMATS
from hotline_site.stats.importers.follow import read_listings
from hotline_site.stats.importers.update import Options, follow, import_source
from hotline_site.stats.vocabulary import load_vocabulary
from hotline_site.web.settings import settings, site_languages

MKDOCS_YML = Path(__file__).parents[1] / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", nargs="?", help="http(s) URL or local file (default: every --sources listing)"
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=Path("campaigns/hotline-111/sources.yml"),
        help="the listings to follow when no SOURCE is given",
    )
    parser.add_argument(
        "--follow",
        action="store_true",
        help="SOURCE is an RSS/Atom feed, a sitemap or a listing page: read each new "
        "article about 111 it names",
    )
    parser.add_argument("--format", choices=FORMATS, help="default: from content type or extension")
    parser.add_argument("--stats", type=Path, default=Path("campaigns/hotline-111/stats.yml"))
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the figures found as JSON")
    parser.add_argument("--yes", action="store_true", help="write without asking")
    parser.add_argument("--replace", action="store_true", help="replace stored values that differ")
    parser.add_argument(
        "--accept-scale",
        action="store_true",
        help="accept a figure far off the line's other periods",
    )
    parser.add_argument("--title", help="how to cite the source (default: its file name or URL)")
    parser.add_argument("--publisher", help="who published the source")
    parser.add_argument(
        "--url", help="the public http(s) address of a report saved as a file (for the citation)"
    )
    parser.add_argument(
        "--published", type=dt.date.fromisoformat, help="publication date, yyyy-mm-dd"
    )
    parser.add_argument("--max-bytes", type=int, default=5_000_000)
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds for the whole download"
    )
    args = parser.parse_args(argv)
    out = sys.stderr if args.json else sys.stdout
    options = Options(
        stats=args.stats,
        format=args.format,
        dry_run=args.dry_run,
        json=args.json,
        yes=args.yes,
        replace=args.replace,
        accept_scale=args.accept_scale,
        title=args.title,
        publisher=args.publisher,
        url=args.url,
        published=args.published,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
    )

    vocabulary = load_vocabulary(site_languages(MKDOCS_YML))
    if args.source is None:
        try:
            listings = read_listings(args.sources)
        except ContentError as exc:
            print(exc, file=sys.stderr)
            return 1
        return follow(options, listings, vocabulary, build_problems, out)
    if args.follow:
        return follow(options, [args.source], vocabulary, build_problems, out)
    return import_source(options, args.source, vocabulary, build_problems, out)


def build_problems(stats: Path, text: str) -> list[Problem]:
    """What the build would refuse with ``text`` as ``stats``, when ``stats`` is a campaign's
    (a folder with ``materials/``): the build's own checks (:func:`project.check_edits`)."""
    campaign = stats.resolve().parent
    if not (campaign / "materials").is_dir():
        return []
    return list(project.check_edits(settings(MKDOCS_YML, campaign=str(campaign)), {stats: text}))


if __name__ == "__main__":
    sys.exit(main())
