"""One run of ``make stats``: read a feed or a report, or follow listings to new reports;
show every figure for review; merge, check and write ``stats.yml``.

``scripts/update_stats.py`` parses the command line into :class:`Options` and calls
:func:`import_source` (one address) or :func:`follow` (listings: RSS/Atom feeds,
sitemaps, listing pages). Both print the review on ``out`` and errors on stderr,
and return the exit status: 0 written (or nothing new), 1 on any problem, with
``stats.yml`` left byte for byte as it was. What the build would refuse is asked
of ``check`` (:data:`BuildCheck`, the script passes ``project.check_edits``): this
layer knows nothing of the site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from pydantic import ValidationError

from hotline_site.content.problems import ContentError, Problem, validation_message
from hotline_site.content.store import locked, write_atomically
from hotline_site.stats.findings import Reading
from hotline_site.stats.importers.article import looks_like_html, page_metadata
from hotline_site.stats.importers.feeds import (
    Download,
    choose_format,
    decode,
    read_csv,
    read_json,
    read_source,
)
from hotline_site.stats.importers.follow import Lead, about_111, leads, new_leads
from hotline_site.stats.importers.merge import MergeError, merge
from hotline_site.stats.importers.press import read_report
from hotline_site.stats.importers.stats_text import statistics_text
from hotline_site.stats.model import Source, load_statistics, public_url
from hotline_site.stats.values import FeedError
from hotline_site.stats.vocabulary import Vocabulary

BuildCheck = Callable[[Path, str], list[Problem]]
"""What ``make site`` would refuse with the given text as the given ``stats.yml``."""


@dataclass(frozen=True)
class Options:
    """How to import: the command line's options (``scripts/update_stats.py --help``)."""

    stats: Path
    """The ``stats.yml`` to merge into."""
    format: str | None = None
    """``json``, ``csv`` or ``article``; ``None``: from the content type or extension."""
    dry_run: bool = False
    json: bool = False
    """Print the figures found as JSON on stdout (the review goes to stderr)."""
    yes: bool = False
    replace: bool = False
    accept_scale: bool = False
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    max_bytes: int = 5_000_000
    timeout: float = 30.0
    """Seconds for a download and its reading together."""


def import_source(
    args: Options, address: str, vocabulary: Vocabulary, check: BuildCheck, out: Any
) -> int:
    """Read one feed or report at ``address`` (URL or file), review, merge, write."""
    try:
        download, reading, source = read(args, address, vocabulary)
    except (FeedError, ContentError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.stats} was not changed.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(reading.grouped(), ensure_ascii=False, indent=2))
    review(reading, download.name, source, out)
    if not reading.findings:
        print(f"error: {download.name}: {nothing(reading)}.", file=sys.stderr)
        print(f"{args.stats} was not changed.", file=sys.stderr)
        return 1
    return write(args, [(reading, source)], vocabulary, check, out)


def nothing(reading: Reading) -> str:
    """Why a report gave no figure."""
    why = (
        "every figure found was refused, each for the reason shown above"
        if reading.refusals
        else "no sentence states a count or share of the 111 lines with its period; "
        "if the report has one, add it by hand in a feed file (see importers/feeds.py)"
    )
    return f"no figure could be imported: {why}"


def read(args: Options, address: str, vocabulary: Vocabulary) -> tuple[Download, Reading, Source]:
    """One feed or report: its figures and refusals, and the source to cite.

    Raises :class:`FeedError`, :class:`ContentError` or :class:`ValueError` with a message."""
    started = time.monotonic()  # --timeout covers the download and the reading
    download = read_source(address, max_bytes=args.max_bytes, timeout=args.timeout)
    fmt = choose_format(download, args.format)
    text = decode(download)
    reading = Reading()
    feed_source: dict[str, object] = {}
    if fmt == "json":
        findings, feed_source = read_json(text, download.name, vocabulary, hotline="111")
        reading.findings += findings
    elif fmt == "csv":
        reading.findings += read_csv(text, download.name, vocabulary)
    else:
        with _deadline(started + args.timeout, download.name, args.timeout):
            reading = read_report(text, vocabulary)
            if looks_like_html(text):  # the page's title, site, date and canonical address
                feed_source = page_metadata(text)
        if download.url:  # the address it was fetched from is the one to cite
            feed_source.pop("url", None)
    if args.url and public_url(args.url) != args.url:
        raise ValueError(
            f"--url {args.url!r}: give an http(s) address without user, password, session id, "
            f"tracking or key parameter or fragment (its public form: {public_url(args.url)!r})"
        )
    return download, reading, _source(args, download.name, download.url, download.data, feed_source)


def follow(
    args: Options, listings: list[str], vocabulary: Vocabulary, check: BuildCheck, out: Any
) -> int:
    """``--follow``: every new article about 111 that feeds, sitemaps or listing pages name,
    each read and shown; their figures written together (after the review)."""
    found: list[Lead] = []
    try:
        known = load_statistics(args.stats, vocabulary).sources if args.stats.is_file() else []
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    cited = [source.url for source in known]
    failed = []
    for address in listings:  # one listing that fails (a site down) does not stop the others
        try:
            listing = read_source(address, max_bytes=args.max_bytes, timeout=args.timeout)
            more = new_leads(about_111(leads(listing)), [*cited, *(lead.url for lead in found)])
        except FeedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed.append(address)
            continue
        print(f"{listing.name}: {len(more)} new article(s) about 111", file=out)
        found += more
    if len(failed) == len(listings):
        print(f"{args.stats} was not changed.", file=sys.stderr)
        return 1
    batches: list[tuple[Reading, Source]] = []
    for lead in found:
        try:
            download, reading, source = read(args, lead.url, vocabulary)
        except (FeedError, ContentError, ValueError) as exc:
            print(f"  skipped: {exc}", file=out)
            continue
        review(reading, download.name, source, out)
        if reading.findings:
            batches.append((reading, source))
        else:
            print(f"  {download.name}: {nothing(reading)}", file=out)
    if args.json:
        articles = [
            {"url": source.url, "title": source.title, "figures": reading.grouped()}
            for reading, source in batches
        ]
        print(json.dumps(articles, ensure_ascii=False, indent=2))
    if not batches:
        print(f"No new figures: {args.stats} was not changed.", file=out)
        return 0
    return write(args, batches, vocabulary, check, out)


def write(
    args: Options,
    batches: list[tuple[Reading, Source]],
    vocabulary: Vocabulary,
    check: BuildCheck,
    out: Any,
) -> int:
    """Merge each reading's figures with its source, show the changes, confirm, check with the
    build's own checks and write ``stats.yml`` whole; the exit status."""
    # Read, merge, check and write as one step: concurrent imports (and translation
    # imports, schema lines) of this campaign queue here.
    with locked(args.stats.resolve().parent):
        try:
            merged = load_statistics(args.stats, vocabulary)
            changes = []
            for reading, source in batches:
                merged, more = merge(
                    merged,
                    reading.findings,
                    source,
                    vocabulary,
                    replace=args.replace,
                    accept_scale=args.accept_scale,
                )
                changes += more
        except (ContentError, MergeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            print(f"{args.stats} was not changed.", file=sys.stderr)
            return 1
        written = [change for change in changes if change.kind != "kept"]
        print("\n".join(str(change) for change in changes), file=out)
        if not written:
            print(f"No change: {args.stats} already has these figures.", file=out)
            return 0
        if args.dry_run:
            print(f"Dry run: {args.stats} was not changed.", file=out)
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    f"error: not written: confirm with --yes (or run on a terminal). "
                    f"{args.stats} was not changed.",
                    file=sys.stderr,
                )
                return 1
            answer = input(f"Write {len(written)} value(s) to {args.stats}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "c", "có"):
                print(f"Not written: {args.stats} was not changed.", file=out)
                return 1
        text = statistics_text(merged, args.stats)
        problems = check(args.stats, text)
        if problems:
            print(
                "error: with these figures `make site` would refuse the campaign:\n"
                + "\n".join(f"  {problem}" for problem in problems),
                file=sys.stderr,
            )
            print(f"{args.stats} was not changed.", file=sys.stderr)
            return 1
        try:
            write_atomically(args.stats, text)
        except OSError as exc:
            print(f"error: cannot write {args.stats}: {exc.strerror or exc}", file=sys.stderr)
            print(f"{args.stats} was not changed.", file=sys.stderr)
            return 1
    print(
        f"Wrote {len(written)} value(s) to {args.stats}. Run `make site` to publish them.", file=out
    )
    return 0


@contextlib.contextmanager
def _deadline(until: float, name: str, timeout: float) -> Iterator[None]:
    """Stop reading a report at ``until`` (``time.monotonic``) with a :class:`FeedError`."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise FeedError(
            name,
            f"reading the report took longer than --timeout {timeout:g} seconds (download and "
            "reading together); save the article's own text to a file and give that file",
        )

    remaining = until - time.monotonic()
    if remaining <= 0:
        expired(signal.SIGALRM, None)
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _source(
    args: Options, name: str, url: str | None, data: bytes, feed: dict[str, object]
) -> Source:
    digest = hashlib.sha256(data).hexdigest()
    published = args.published or feed.get("published")
    try:
        return Source(
            id=digest[:12],
            title=args.title or str(feed.get("title") or name),
            publisher=args.publisher or (str(feed["publisher"]) if feed.get("publisher") else None),
            url=public_url(args.url) or (public_url(str(feed["url"])) if feed.get("url") else url),
            published=str(published) if published else None,
            retrieved=dt.date.today(),
            sha256=digest,
        )
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in error["loc"])
        raise FeedError(name, validation_message(error), where=f"source.{field}") from None


def review(reading: Reading, name: str, source: Source, out: object) -> None:
    """The source as it will be cited; every figure with its line, period and sentence;
    every refusal with its reason."""
    print(f"Read from {name}:", file=out)  # type: ignore[call-overload]
    print(_source_review(source), file=out)  # type: ignore[call-overload]
    for finding in reading.findings:
        value = finding.value
        shown = (
            ", ".join(f"{k} {v:g}" for k, v in value.items())
            if isinstance(value, dict)
            else f"{value:g}"
        )
        flags = " ".join(filter(None, [finding.approx, "derived" if finding.derived else None]))
        print(
            f"  {finding.service:<16} {finding.start} to {finding.end}  {finding.name}: {shown}"
            + (f" ({flags})" if flags else ""),
            file=out,  # type: ignore[call-overload]
        )
        if finding.quote:
            print(f"      “{finding.quote}”", file=out)  # type: ignore[call-overload]
    for refusal in reading.refusals:
        print(f"  refused: {refusal}", file=out)  # type: ignore[call-overload]


def _source_review(source: Source) -> str:
    """Every field of the source that the statistics page will show, as it is stored
    (``repr``, so a line break, a control character or markup shows as it is)."""
    fields = {
        "title": source.title,
        "publisher": source.publisher,
        "address": source.url,
        "published": source.published.isoformat() if source.published else None,
    }
    lines = ["  source, as the statistics page will cite it:"]
    lines += [f"    {key + ':':<11} {value!r}" for key, value in fields.items() if value]
    lines += [f"    {key + ':':<11} (none)" for key, value in fields.items() if not value]
    return "\n".join(lines)
