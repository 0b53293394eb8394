"""Pull the latest hotline figures into campaigns/<campaign>/stats.yml.

Usage: python scripts/update_stats.py SOURCE [--format json|csv|article] [--dry-run]

SOURCE is an http(s) URL or a local file: a JSON or CSV feed, or a Vietnamese
press release (plain text or HTML) like the one the campaign started from.
Every figure is checked before anything is written; on any problem the
script names the source, the period and the field, exits with status 1, and
leaves stats.yml byte for byte as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hotline_site.errors import ContentError
from hotline_site.feeds import (
    FORMATS,
    FeedError,
    choose_format,
    merge,
    parse,
    read_source,
    validated_periods,
)
from hotline_site.stats import dump_statistics, load_statistics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="http(s) URL or local file")
    parser.add_argument("--format", choices=FORMATS, help="default: from content type or extension")
    parser.add_argument("--stats", type=Path, default=Path("campaigns/hotline-111/stats.yml"))
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would change, write nothing"
    )
    parser.add_argument("--title", help="how to cite the source (default: its file name or URL)")
    parser.add_argument("--max-bytes", type=int, default=5_000_000)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds")
    args = parser.parse_args(argv)

    try:
        stats = load_statistics(args.stats)
        download = read_source(args.source, max_bytes=args.max_bytes, timeout=args.timeout)
        fmt = choose_format(download, args.format)
        raw = parse(download, fmt, hotline=stats.hotline)
        if fmt == "article":  # read with suspicion: show every figure we took from the text
            print(f"Extracted from {download.name}:")
            for period in raw:
                for field, value in period.items():
                    print(f"  {period['start']} to {period['end']}  {field}: {value}")
        periods = validated_periods(raw, download, title=args.title)
        merged, changes = merge(stats, periods)
    except (FeedError, ContentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.stats} was not changed.", file=sys.stderr)
        return 1

    if not changes:
        print(f"No change: {args.stats} already has these figures.")
        return 0
    print("\n".join(changes))
    if args.dry_run:
        print(f"Dry run: {args.stats} was not changed.")
        return 0
    dump_statistics(merged, args.stats)
    print(f"Wrote {args.stats} ({len(merged.periods)} periods). Run `make site` to publish them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
