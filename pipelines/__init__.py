"""Item pipelines, one job each; their order is in aggregator/settings.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from aggregator import stats as names
from aggregator.config import Source, sources_from_settings
from aggregator.crawldb import CrawlDatabase
from aggregator.store import Store


class CountingPipeline:
    """A pipeline that only counts its decisions in the crawl's stats (none outside a crawl)."""

    def __init__(self, stats: names.Counter | None = None) -> None:
        self.stats = stats or names.NoCounter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)


class SourcesPipeline:
    """A pipeline that reads each item's source's configuration (host, habits, date order)."""

    def __init__(self, sources: Mapping[str, Source], stats: names.Counter | None = None) -> None:
        self.sources = sources
        self.stats = stats or names.NoCounter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(sources_from_settings(crawler.settings), crawler.stats)


class StoreBackedPipeline:
    """A pipeline that reads or writes the database: it gets the crawl's one store when built."""

    def __init__(self, store: Store, stats: Any, database: CrawlDatabase | None = None) -> None:
        self.store = store
        self.stats = stats
        self.database = database

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database = crawler.get_extension(CrawlDatabase)
        if database is None:
            raise NotConfigured("the CrawlDatabase extension is switched off")
        return cls(database.store, crawler.stats, database)
