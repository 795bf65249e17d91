"""Item pipelines, one job each; their order is in aggregator/settings.py."""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from aggregator.crawldb import CrawlDatabase
from aggregator.store import Store


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
            raise NotConfigured("the CrawlDatabase extension is off (no AGGREGATOR_DB)")
        return cls(database.store, crawler.stats, database)
