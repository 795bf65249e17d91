"""`aggregator`: a thin command line over the library (crawl, digest, demo, search, mirror).

Each command opens what it needs, calls one or two library functions and turns
their errors into a one-line message and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from aggregator.defaults import DEFAULT_DIGEST_DIR, DEFAULT_LIMIT
from aggregator.errors import ConfigError, DatabaseLocked
from aggregator.store import DEFAULT_DB_PATH, Store, StoreError

if TYPE_CHECKING:
    from aggregator.config import Source
    from aggregator.runner import CrawlOptions

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "aggregator.settings")

# Exit statuses, documented in the README (cron reads them).
EXIT_OK = 0  # every source healthy
EXIT_UNHEALTHY = 1  # a source failed or is degraded; one line per source on stderr says why
EXIT_USAGE = 2  # a mistyped option, a bad sources file, an unusable database
EXIT_LOCKED = 3  # another run is writing the database; nothing was done


def iso_date(value: str) -> str:
    """A real calendar date, YYYY-MM-DD (search --since)."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a date as YYYY-MM-DD, got {value!r}") from None


def since_date(value: str) -> str:
    """crawl --since: a real calendar date, YYYY-MM-DD, not in the future."""
    day = iso_date(value)
    if date.fromisoformat(day) > date.today():
        raise argparse.ArgumentTypeError(f"{value} is in the future")
    return day


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expects a whole number of at least 1, got {value!r}")
    return number


def is_loopback(url: str) -> bool:
    import ipaddress  # only crawls ask

    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="KEY",
        help="crawl only this source (repeatable); default: every configured source",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="backfill the whole archive instead of only what is new",
    )
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=since_date,
        help="skip what a feed or sitemap says was published or modified before this date",
    )
    parser.add_argument("--sources-file", type=Path, help="another sources.toml")
    parser.add_argument(
        "--timeout",
        type=positive,
        metavar="SECONDS",
        help="longest a response may take (default 30, 10 with --local)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="Scrapy's INFO log")


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB_PATH, help=f"SQLite file (default {DEFAULT_DB_PATH})"
    )


def _add_digest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_DIGEST_DIR,
        help=f"folder of the feeds (default {DEFAULT_DIGEST_DIR})",
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help="entries per feed (default %(default)s)"
    )
    parser.add_argument(
        "--feed-base-url",
        default="",
        help="public URL of the digest folder, for the feeds' self links",
    )


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (cron mails and logs read better)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="aggregator",
        description="News of CEMR, PLATFORMA, UCLG and OGP, in English and French, "
        "as one deduplicated stream.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    crawl = commands.add_parser("crawl", help="crawl the sources (the live sites by default)")
    _add_crawl_options(crawl)
    _add_db_option(crawl)
    crawl.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="KEY=URL",
        help="crawl this rendition of a source instead of its live site (repeatable), "
        "e.g. --base-url ogp=http://127.0.0.1:8104",
    )
    crawl.add_argument(
        "--local",
        action="store_true",
        help="no politeness delays: only for sources served on this machine (--base-url)",
    )

    digest = commands.add_parser("digest", help="write the RSS, Atom and JSON feeds")
    _add_db_option(digest)
    _add_digest_options(digest)

    demo = commands.add_parser(
        "demo", help="serve the bundled mirror, crawl it, write the digest, print a summary"
    )
    _add_crawl_options(demo)
    _add_db_option(demo)
    _add_digest_options(demo)
    demo.add_argument("--rendition", default="main", help="mirror rendition (default main)")

    check = commands.add_parser(
        "check", help="smoke-check the sources: are articles still found, with every field?"
    )
    _add_crawl_options(check)
    check.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="KEY=URL",
        help="check this rendition of a source instead of its live site (repeatable)",
    )
    check.add_argument(
        "--local",
        action="store_true",
        help="no politeness delays: only for sources served on this machine (--base-url)",
    )
    check.add_argument(
        "--sample", type=positive, default=5, help="articles read per source (default %(default)s)"
    )

    verify = commands.add_parser(
        "verify", help="scan the database for damage (reads every page; crawls do it after a crash)"
    )
    _add_db_option(verify)

    runs = commands.add_parser("runs", help="the last crawls: status, counts and problems")
    _add_db_option(runs)
    runs.add_argument(
        "--last", type=positive, default=1, help="how many crawl commands (default %(default)s)"
    )

    errors = commands.add_parser(
        "errors", help="every URL the last crawls could not fetch or read, and what was lost"
    )
    _add_db_option(errors)
    errors.add_argument(
        "--last", type=positive, default=1, help="how many crawl commands (default %(default)s)"
    )

    stories = commands.add_parser(
        "stories",
        help="place new and changed items in stories (aliases, cross-posts, translations)",
    )
    _add_db_option(stories)
    stories.add_argument(
        "--rebuild", action="store_true", help="find every link again and regroup all items"
    )

    search = commands.add_parser(
        "search", help="full-text search of the stored items (words as typed, accents ignored)"
    )
    _add_db_option(search)
    search.add_argument(
        "query", nargs="?", default="", help="words to find, all of them; empty: the newest items"
    )
    search.add_argument(
        "--source", action="append", default=[], metavar="KEY", help="only this source (repeatable)"
    )
    search.add_argument("--lang", metavar="CODE", help="only this language (en, fr, ...)")
    search.add_argument(
        "--since", metavar="YYYY-MM-DD", type=iso_date, help="only items published since then"
    )
    search.add_argument("--limit", type=int, default=20, help="rows (default %(default)s)")
    search.add_argument(
        "--raw", action="store_true", help="the query is FTS5 syntax (AND, OR, NOT, NEAR, prefix*)"
    )
    output = search.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON list")
    output.add_argument("--csv", action="store_true", help="print CSV with a header row")

    datasette = commands.add_parser(
        "datasette",
        help="open the database in Datasette with the schema's descriptions and canned queries "
        "(needs the analysts extra)",
    )
    _add_db_option(datasette)
    datasette.add_argument("--host", default="127.0.0.1", help="address (default %(default)s)")
    datasette.add_argument(
        "--port", type=int, default=8001, help="port (default %(default)s; 0: any free port)"
    )
    datasette.add_argument(
        "--write-metadata",
        type=Path,
        metavar="FILE",
        help="only write the metadata file, for `datasette DB -m FILE` or `datasette publish`",
    )

    # Listed for --help; `main` hands `aggregator mirror ...` to the mirror's own command line.
    commands.add_parser(
        "mirror", help="serve the offline mirror or print its manifest (aggregator mirror --help)"
    )
    return parser


def _crawl_options(
    args: argparse.Namespace, base_urls: dict[str, str], local: bool
) -> tuple[dict[str, Source], CrawlOptions]:
    """Validated crawl options from the command line (unknown sources are an error)."""
    from aggregator.config import apply_base_urls, load_sources
    from aggregator.runner import CrawlOptions

    sources = apply_base_urls(load_sources(args.sources_file), base_urls)
    keys = tuple(args.source) or tuple(sources)
    unknown = set(keys) - set(sources)
    if unknown:
        raise ConfigError(f"unknown source(s): {', '.join(sorted(unknown))}")
    live = [key for key in keys if not is_loopback(sources[key].base_url)]
    if local and live:
        raise ConfigError(
            f"--local lifts politeness for servers on this machine, but {', '.join(live)} "
            "would be the live site: give a local --base-url or a --source, or drop --local"
        )
    options = CrawlOptions(
        sources=keys,
        db_path=getattr(args, "db", DEFAULT_DB_PATH),
        base_urls=base_urls,
        full=args.full,
        since=args.since,
        sources_file=args.sources_file,
        local=local,
        timeout=args.timeout,
        log_level="INFO" if args.verbose else "WARNING",
    )
    return sources, options


def cmd_crawl(args: argparse.Namespace, base_urls: dict[str, str], local: bool) -> int:
    from aggregator.health import format_summary
    from aggregator.runner import run_crawl

    _sources, options = _crawl_options(args, base_urls, local)
    run_id, rows, grouped = run_crawl(options)
    print(f"crawl run {run_id} -> {args.db}")
    print(format_summary(rows))
    print(grouped.line())
    unhealthy = [r for r in rows if r["status"] != "finished"]
    for row in unhealthy:
        why = row.get("problem") or row.get("finish_reason") or "the crawl did not finish"
        print(f"aggregator: {row['source']} {row['status']}: {why}", file=sys.stderr)
    missing = set(options.sources) - {r["source"] for r in rows}
    for source in sorted(missing):
        print(f"aggregator: {source} failed: the crawl never started", file=sys.stderr)
    return EXIT_UNHEALTHY if unhealthy or missing or not rows else EXIT_OK


def cmd_digest(args: argparse.Namespace) -> int:
    from aggregator.digest import write_digest

    with Store(args.db, read_only=True) as store:
        # Items a crawl stored but did not group (a crash before grouping) must not be left
        # out; while a crawl runs, it groups its own items when it ends.
        if store.has_ungrouped_items():
            _group_leftovers(args.db)
        paths = write_digest(store, args.out, base_url=args.feed_base_url, limit=args.limit)
    print(f"digest: {len(paths)} files in {args.out}/ ({', '.join(p.name for p in paths[:4])}, …)")
    return 0


def _group_leftovers(db: Path) -> None:
    """Group the items a crawl left without a story, unless a crawl is running (it groups
    its own items when it ends)."""
    from aggregator.lock import database_lock
    from aggregator.stories import group_stored_items

    try:
        with database_lock(db), Store(db, create=False) as store:
            grouped = group_stored_items(store)
        if grouped.items_grouped:
            print(grouped.line())
    except DatabaseLocked:
        print("digest: a crawl is running; its new items join the next digest")


def cmd_demo(args: argparse.Namespace) -> int:
    from aggregator.config import load_sources
    from aggregator.mirror import serve_mirror

    sources = load_sources(args.sources_file)
    ports = {key: src.mirror_port for key, src in sources.items() if src.mirror_port}
    try:
        with serve_mirror(rendition=args.rendition, ports=ports) as base_urls:
            print("mirror: " + ", ".join(f"{k}={u}" for k, u in base_urls.items()))
            status = cmd_crawl(args, dict(base_urls), local=True)
    except OSError as exc:
        ports_used = sorted(ports.values())
        raise ConfigError(f"cannot serve the mirror on ports {ports_used}: {exc}") from exc
    return cmd_digest(args) or status


def cmd_check(args: argparse.Namespace) -> int:
    from aggregator.config import apply_base_urls, parse_base_url_overrides
    from aggregator.health import assess, format_health
    from aggregator.runner import run_check

    base_urls = parse_base_url_overrides(args.base_url)
    sources, options = _crawl_options(args, base_urls, args.local)
    sources = apply_base_urls(sources, base_urls)
    stats = run_check(options, sample=args.sample)
    report = [assess(sources[key], stats.get(key, {})) for key in options.sources]
    print(format_health(report))
    return EXIT_OK if all(h.ok for h in report) else EXIT_UNHEALTHY


def cmd_verify(args: argparse.Namespace) -> int:
    Store(args.db, read_only=True, verify=True).close()  # a damaged file: StoreError
    print(f"{args.db}: no damage found")
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from aggregator.health import format_summary

    with Store(args.db, read_only=True) as store:
        rows = store.latest_runs(args.last)
    for run_id in dict.fromkeys(r["run_id"] for r in rows):
        mine = [r for r in rows if r["run_id"] == run_id]
        print(f"crawl run {run_id}, started {min(r['started_at'] for r in mine)}")
        print(format_summary(mine))
        for row in mine:
            if row.get("problem"):
                print(f"  ! {row['source']} {row['status']}: {row['problem']}")
    return EXIT_OK


def cmd_errors(args: argparse.Namespace) -> int:
    with Store(args.db, read_only=True) as store:
        errors = store.errors(r["id"] for r in store.latest_runs(args.last))
    for error in errors:
        status = f"HTTP {error['status']}" if error["status"] else "no answer"
        print(f"{error['source']:<10} {error['url']}\n{'':>11}{status}: {error['error']}")
        print(f"{'':>11}lost: {error['lost']}")
    print(f"{len(errors)} URLs could not be fetched or read")
    return EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    from aggregator.lock import database_lock
    from aggregator.stories import group_stored_items

    with Store(args.db, create=False) as store, database_lock(args.db):
        grouped = group_stored_items(store, rebuild=args.rebuild)
        total = store.count_stories()
    print(f"{grouped.line()}; {total} stories in {args.db}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from aggregator.search import format_rows

    with Store(args.db, read_only=True) as store:
        known = store.sources()
        unknown = set(args.source) - set(known)
        if unknown and known:
            raise ConfigError(f"unknown source(s): {', '.join(sorted(unknown))}")
        rows = store.search(
            args.query,
            sources=args.source,
            lang=args.lang,
            since=args.since,
            limit=args.limit,
            raw=args.raw,
        )
    sys.stdout.write(format_rows(rows, "json" if args.json else "csv" if args.csv else "table"))
    return 0


def cmd_datasette(args: argparse.Namespace) -> int:
    from aggregator.datasette import serve, write_metadata

    if args.write_metadata:
        write_metadata(args.write_metadata, args.db)
        print(f"metadata for {args.db} -> {args.write_metadata}")
        print(f"run: datasette {args.db} --metadata {args.write_metadata}")
        return 0
    with Store(args.db, read_only=True):
        pass  # brings the schema and views up to date; refuses a missing or damaged file
    return serve(args.db, host=args.host, port=args.port)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["mirror"]:  # the mirror has its own command line (and --help)
        from aggregator.mirror.__main__ import main as mirror_main

        return mirror_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        if args.command == "crawl":
            from aggregator.config import parse_base_url_overrides

            return cmd_crawl(args, parse_base_url_overrides(args.base_url), local=args.local)
        if args.command == "digest":
            return cmd_digest(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "stories":
            return cmd_stories(args)
        if args.command == "runs":
            return cmd_runs(args)
        if args.command == "verify":
            return cmd_verify(args)
        if args.command == "errors":
            return cmd_errors(args)
        if args.command == "search":
            return cmd_search(args)
        if args.command == "datasette":
            return cmd_datasette(args)
    except DatabaseLocked as exc:
        print(f"aggregator: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except (ConfigError, StoreError, LookupError) as exc:  # LookupError: a mirror rendition
        print(f"aggregator: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:  # damage the cheap check at open could not see
        where = getattr(args, "db", "the database")
        print(f"aggregator: error: {where}: {exc} (see aggregator verify)", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a folder that cannot be written, a port in use
        print(f"aggregator: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_USAGE
    return 0


if __name__ == "__main__":
    sys.exit(main())
