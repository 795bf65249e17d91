"""The database side of one source's crawl, as a Scrapy extension.

It opens the store once per crawl and hands it to the components that need it (pipelines
ask `crawler.get_extension(CrawlDatabase)` when they are built, the spider when it
starts), keeps what
is known of the site's URLs (the memory the frontier decides from), collects what each
fetched page turned out to be and the items the pipelines stored, and writes both in
batches, and records the crawl in `crawl_runs`: `running` when the spider opens (so a
killed crawl stays visible), then its counts and verdict when it closes.

One batch home for items and page notes, items first. A crawl killed mid-batch loses that
batch; a page it had already noted as an article without its item reaching the database
(the spider notes the page as the item enters the pipelines) is not remembered as one, so
the next run fetches it again.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings

from aggregator import stats as names
from aggregator.config import ConfigError, Source, sources_from_settings
from aggregator.dateshapes import parse_machine_date, utc_now
from aggregator.health import judge_run, run_counts
from aggregator.lock import database_lock
from aggregator.store import Store
from aggregator.urls import home_url, url_key

ITEM_BATCH = 50  # items per transaction: one per item cost an fsync each (12% of the CPU)
PAGE_BATCH = 200  # page notes written per transaction
BATCH_SECONDS = 1.0  # nothing noted waits longer than this for its batch
MAX_BACK_OFF_DAYS = 30  # a URL failing run after run is tried again at least this often
MISSING_RECHECK_DAYS = 7  # a usual place a site does not use is asked again after this
# What a crawl misses when a URL of each kind fails.
LOST = {
    "page": "the page: an article, if it is one",
    "feed": "the articles the feed names, unless another channel names them",
    "sitemap": "the URLs the sitemap names, unless another channel names them",
    "listing": "the teasers of this listing page and its next pages",
}


def database_path(settings: BaseSettings) -> Path:
    """The crawl's database, named by AGGREGATOR_DB with an absolute path.

    There is no default and no relative path: a Scrapyd job runs in Scrapyd's working
    directory, where a database would be written unseen and found by nobody.
    """
    value = settings.get("AGGREGATOR_DB")
    example = "e.g. -s AGGREGATOR_DB=/var/lib/aggregator/aggregator.db"
    if not value:
        raise ConfigError(f"AGGREGATOR_DB is not set: name the database's absolute path, {example}")
    path = Path(value)
    if not path.is_absolute():
        raise ConfigError(
            f"AGGREGATOR_DB must be an absolute path, got {value!r} ({example}): a relative one "
            "would land in whatever directory the crawl runs in (Scrapyd's own, for a job)"
        )
    return path


def crawl_mode(settings: Any) -> str:
    """recent (daily), full (whole archive) or check (smoke check), from the settings."""
    if settings.getint("AGGREGATOR_CHECK_SAMPLE"):
        return "check"
    return "full" if settings.getbool("AGGREGATOR_FULL") else "recent"


def _as_remembered(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """A page noted as an article whose item never reached the database (no `item_url`: a
    crawl killed before its batch was written) is not known to be one."""
    if row.get("kind") == "article" and not row.get("item_url"):
        return {k: v for k, v in row.items() if k != "kind"}
    return row


class CrawlDatabase:
    """One store per crawl, the site's memory, page notes, and the crawl_runs row."""

    def __init__(self, crawler: Crawler, store: Store, source: Source) -> None:
        self.crawler = crawler
        self.now = utc_now()
        self.store = store
        self.source = source
        self.mode = crawl_mode(crawler.settings)
        self.run_id = crawler.settings.get("AGGREGATOR_RUN_ID") or uuid.uuid4().hex[:12]
        # What is known of each URL of the site, by url_key (so www., scheme and trailing
        # slash variants of one URL share their memory).
        self.memory: Mapping[str, Mapping[str, Any]] = {
            url_key(url): _as_remembered(row) for url, row in store.site_memory(source.key).items()
        }
        self.row_id: int | None = None
        self._items: list[tuple[dict[str, Any], list[str]]] = []
        self._notes: dict[str, dict[str, Any]] = {}
        self._errors: list[dict[str, Any]] = []
        self._batch_started = time.monotonic()
        self._lock = ExitStack()
        # Stored item -> URL of a same-content copy found this run: moved, if the old URL
        # now redirects there or is gone (the spider asks before the crawl ends).
        self.possible_moves: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDatabase:
        db_path = database_path(crawler.settings)
        source = sources_from_settings(crawler.settings)[crawler.spidercls.name]
        # `aggregator crawl` already holds the lock (re-entrant); a bare `scrapy crawl` takes it.
        lock = ExitStack()
        lock.enter_context(database_lock(db_path))
        extension = cls(crawler, Store(db_path), source)
        extension._lock = lock
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def note_item(self, record: dict[str, Any], aliases: list[str]) -> None:
        """Store an item (with its alias URLs) in the next batch."""
        self._items.append((record, aliases))
        self.note_page(record["url"], item_url=record["canonical_url"])

    def note_page(self, url: str, **fields: Any) -> None:
        """Remember what a URL turned out to be (merged per URL, written in batches)."""
        if not (self._items or self._notes or self._errors):
            self._batch_started = time.monotonic()
        note = self._notes.setdefault(url, {"url": url, "source": self.source.key})
        note.update({k: v for k, v in fields.items() if v is not None})
        if (
            len(self._items) >= ITEM_BATCH
            or len(self._notes) >= PAGE_BATCH
            or time.monotonic() - self._batch_started > BATCH_SECONDS
        ):
            self.flush()

    def note_missing(self, url: str) -> None:
        """A usual place (a sitemap, a feed, a language home) the site does not use: asked
        again only after a while, so a daily run does not pay for the same 404."""
        retry_at = parse_machine_date(self.now) + timedelta(days=MISSING_RECHECK_DAYS)
        self.note_page(url, kind="missing", status=404, retry_at=retry_at.isoformat())

    def note_error(self, url: str, kind: str, error: str, status: int | None = None) -> None:
        """A URL that could not be fetched or read: kept with its cause, and backed off."""
        known = self.memory.get(url_key(url)) or {}
        failures = int(known.get("failures") or 0) + 1
        wait = min(2 ** (failures - 1) - 0.5, MAX_BACK_OFF_DAYS)
        retry_at = parse_machine_date(self.now) + timedelta(days=wait)
        self.note_page(url, failures=failures, retry_at=retry_at.isoformat(), status=status)
        self._errors.append(
            {
                "run": self.row_id,
                "source": self.source.key,
                "url": url,
                "kind": kind,
                "status": status,
                "error": error[:500],
                "lost": LOST.get(kind, "the page"),
                "at": utc_now(),
            }
        )

    def flush(self) -> None:
        """Write what is noted: the items first (see the module's docstring)."""
        items, self._items = self._items, []
        notes, self._notes = list(self._notes.values()), {}
        errors, self._errors = self._errors, []
        if items:
            for outcome in self.store.upsert_items(items):
                self.crawler.stats.inc_value(names.stored(outcome))
        self.store.record_pages(notes)
        self.store.record_errors(errors)

    def confirm_move(self, old_url: str, new_key: str) -> None:
        """The stored item at `old_url` now lives at `new_key`: re-key it, keep the old URL."""
        self.flush()  # the item at its new URL may still wait in the batch
        old_key = self.store.resolve(old_url)
        if old_key and old_key != new_key:
            self.store.move_item(old_key, new_key, utc_now())
            self.crawler.stats.inc_value(names.ITEMS_MOVED)

    def spider_opened(self) -> None:
        source = self.source
        self.store.upsert_sources(
            [
                {
                    "key": source.key,
                    "name": source.name,
                    "base_url": source.base_url,
                    "home_url": home_url(source.base_url),
                    "languages": source.languages,
                }
            ]
        )
        self.row_id = self.store.start_run(
            self.run_id, source.key, self.mode, source.base_url, utc_now()
        )

    def spider_closed(self, reason: str) -> None:
        self.flush()
        if self.row_id is None:
            return
        counts = run_counts(self.crawler.stats.get_stats())
        counts["finish_reason"] = reason
        baseline = self.store.last_runs(self.source.key, self.mode)
        status, problem = judge_run(counts, reason, baseline, self.mode)
        counts["problem"] = problem
        self.store.finish_run(self.row_id, counts, status, utc_now())

    def engine_stopped(self) -> None:
        self.store.close()
        self._lock.close()
