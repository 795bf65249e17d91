"""An extension that records each crawl in `crawl_runs`, from the crawler's stats.

The row is written as `running` when the spider opens, so a crawl killed
mid-way stays visible as unfinished; it is completed when the spider closes.
"""

from __future__ import annotations

import uuid
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from aggregator.dateshapes import utc_now
from aggregator.store import Store

COMPLETENESS_FIELDS = ("title", "date", "lang", "body", "canonical")


def run_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """The crawl_runs counters from a crawler's stats."""
    stored = sum(stats.get(f"store/{k}", 0) for k in ("new", "updated", "unchanged"))
    counts: dict[str, Any] = {
        "pages_fetched": stats.get("downloader/response_count", 0),
        "articles_seen": stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0),
        "items_new": stats.get("store/new", 0),
        "items_updated": stats.get("store/updated", 0),
        "items_unchanged": stats.get("store/unchanged", 0),
        "duplicates_dropped": sum(v for k, v in stats.items() if k.startswith("dedup/dropped/")),
        "not_news": stats.get("articles/not_news", 0),
        "errors": stats.get("errors/count", 0) + stats.get("spider_exceptions/count", 0),
    }
    for name in COMPLETENESS_FIELDS:
        has = stats.get(f"fields/has_{name}", 0)
        counts[f"share_{name}"] = round(has / stored, 3) if stored else None
    return counts


class CrawlRunRecorder:
    """Starts a crawl_runs row on spider_opened and completes it on spider_closed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("AGGREGATOR_DB")
        self.run_id = crawler.settings.get("AGGREGATOR_RUN_ID") or uuid.uuid4().hex[:12]
        self.row_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        if not crawler.settings.get("AGGREGATOR_DB"):
            raise NotConfigured("AGGREGATOR_DB is not set")
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Any) -> None:
        source = spider.source
        with Store(self.db_path) as store:
            store.upsert_sources(
                [
                    {
                        "key": source.key,
                        "name": source.name,
                        "base_url": source.base_url,
                        "languages": source.languages,
                    }
                ]
            )
            self.row_id = store.start_run(
                self.run_id, source.key, spider.mode, source.base_url, utc_now()
            )

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.row_id is None:
            return
        counts = run_counts(self.crawler.stats.get_stats())
        counts["finish_reason"] = reason
        status = "finished" if reason == "finished" else "failed"
        with Store(self.db_path) as store:
            store.finish_run(self.row_id, counts, status, utc_now())
