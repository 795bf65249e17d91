"""Run the spiders of several sources in one Scrapy process."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from aggregator import settings as default_settings
from aggregator.lock import database_lock
from aggregator.reading import readers_from_settings
from aggregator.store import Store, StoreError
from aggregator.stories import GroupingSummary, group_stored_items


@dataclass(frozen=True)
class CrawlOptions:
    """What one `aggregator crawl` was asked to do."""

    sources: tuple[str, ...]
    db_path: Path
    base_urls: Mapping[str, str]
    full: bool = False
    since: str | None = None
    sources_file: Path | None = None
    local: bool = False  # crawling a server on this machine: no politeness delays
    timeout: float | None = None  # seconds a response may take (Scrapy's DOWNLOAD_TIMEOUT)
    log_level: str = "WARNING"


def crawl_settings(options: CrawlOptions, run_id: str) -> dict[str, Any]:
    overrides: dict[str, Any] = {
        "AGGREGATOR_DB": str(options.db_path.absolute()),  # crawls take absolute paths only
        "AGGREGATOR_BASE_URLS": dict(options.base_urls),
        "AGGREGATOR_FULL": options.full,
        "AGGREGATOR_SINCE": options.since,
        "AGGREGATOR_RUN_ID": run_id,
        "LOG_LEVEL": options.log_level,
    }
    if options.sources_file:
        overrides["AGGREGATOR_SOURCES_FILE"] = str(options.sources_file)
    if options.local:
        overrides.update(default_settings.LOCAL_CRAWL_SETTINGS)
    if options.timeout:
        overrides["DOWNLOAD_TIMEOUT"] = options.timeout
    return overrides


def _run_spiders(options: CrawlOptions, run_id: str, **extra: Any) -> dict[str, dict[str, Any]]:
    """Run one spider per source in one Scrapy process; return each source's final stats."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "aggregator.settings")
    settings = get_project_settings()
    settings.setdict({**crawl_settings(options, run_id), **extra}, priority="cmdline")
    # The readers' fork server imports the page readers on another core while this process
    # builds the crawlers and discovers the first pages (the spiders share these readers).
    readers_from_settings(settings)
    with Store(options.db_path) as store:  # create or check it before any spider starts
        if store.has_unfinished_runs() and (damage := store.damage()):
            raise StoreError(f"{options.db_path} is damaged after a crash ({damage})")
    process = CrawlerProcess(settings)
    crawlers = [process.create_crawler(key) for key in options.sources]
    for crawler in crawlers:
        process.crawl(crawler)
    process.start()
    return {c.spider.name if c.spider else "": c.stats.get_stats() for c in crawlers}


def run_crawl(options: CrawlOptions) -> tuple[str, list[dict[str, Any]], GroupingSummary]:
    """Crawl the sources (blocking), then group the new items into stories.

    Grouping runs once every spider has finished, so it sees all sites' new items together.
    Returns the run id, its crawl_runs rows and what grouping did.
    """
    run_id = uuid.uuid4().hex[:12]
    with database_lock(options.db_path):  # DatabaseLocked before anything is touched
        _run_spiders(options, run_id)
        with Store(options.db_path) as store:
            grouped = group_stored_items(store)
            return run_id, store.runs(run_id), grouped


def run_check(options: CrawlOptions, sample: int) -> dict[str, dict[str, Any]]:
    """A smoke-check crawl: first pages of every channel and `sample` articles per source.

    It writes to a throwaway database, so checking never changes the real one.
    """
    with tempfile.TemporaryDirectory(prefix="aggregator-check-") as tmp:
        checked = replace(options, db_path=Path(tmp) / "check.db")
        return _run_spiders(checked, uuid.uuid4().hex[:12], AGGREGATOR_CHECK_SAMPLE=sample)
