"""--since: drop items published and modified before the date the crawl was asked to start from.

Feeds and sitemaps already skip old entries by their dates; listings often
show no machine-readable date, so their articles are fetched and judged here,
once the dates pipeline has read them.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from aggregator import stats as names
from aggregator.items import Article


def is_before(item: Article, since: str) -> bool:
    """True when every known date of the item is before `since` (YYYY-MM-DD); undated items stay."""
    dates = [d[:10] for d in (item.published_at, item.modified_at) if d]
    return bool(dates) and max(dates) < since[:10]


class SinceWindowPipeline:
    """Active only with AGGREGATOR_SINCE; counts what it drops."""

    def __init__(self, crawler: Crawler, since: str) -> None:
        self.stats = crawler.stats
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SinceWindowPipeline:
        since = crawler.settings.get("AGGREGATOR_SINCE")
        if not since:
            raise NotConfigured  # silent: no --since is the normal case
        return cls(crawler, since)

    def process_item(self, item: Article) -> Article:
        if is_before(item, self.since):
            self.stats.inc_value(names.WINDOW_DROPPED)
            raise DropItem(f"published before {self.since}: {item.url}")
        return item
