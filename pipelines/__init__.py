"""Item pipelines, one job each; their order is in aggregator/settings.py."""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler

from aggregator.store import Store


class StoreBackedPipeline:
    """A pipeline that reads or writes the database: opened with the spider, closed with it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        self.store = Store(self.crawler.settings.get("AGGREGATOR_DB"))

    def close_spider(self) -> None:
        if self.store:
            self.store.close()
