"""Last pipeline: write the items into SQLite in batches, one transaction per batch.

A transaction per item cost an fsync each (12% of a crawl's CPU in bench/bench_crawl.py).
A batch is written every BATCH_SIZE items or BATCH_SECONDS, whichever comes first, and when
the spider closes; a crawl killed mid-batch loses that batch only, and the next run, which
does not know those pages yet, fetches them again.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from aggregator import stats as names
from aggregator.items import MIN_BODY_CHARS, Article
from aggregator.pipelines import StoreBackedPipeline

BATCH_SIZE = 50
BATCH_SECONDS = 1.0


def completeness_flags(item: Article) -> dict[str, bool]:
    """Which of the fields a health check watches this item has."""
    return {
        "title": bool(item.title),
        "date": bool(item.published_at),
        "lang": bool(item.lang),
        "body": len(item.body or "") > MIN_BODY_CHARS,
        "canonical": bool(item.canonical_raw) or item.content_type == "pdf",
    }


class StorePipeline(StoreBackedPipeline):
    """Upserts items and their aliases in batches; counts new/updated/unchanged and
    field completeness."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch: list[tuple[dict[str, Any], list[str]]] = []
        self.batch_started = time.monotonic()

    def process_item(self, item: Article) -> Article:
        record = asdict(item)
        key = record["canonical_url"] = item.canonical_url or item.url
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append((record, list(item.aliases)))
        if self.database is not None:
            self.database.note_page(item.url, item_url=key)
        for name, has in completeness_flags(item).items():
            self.stats.inc_value(names.has_field(name), int(has))
        if len(self.batch) >= BATCH_SIZE or time.monotonic() - self.batch_started > BATCH_SECONDS:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        at = max(record["fetched_at"] for record, _ in batch)
        for outcome in self.store.upsert_items(batch, at):
            self.stats.inc_value(names.stored(outcome))

    def close_spider(self) -> None:
        self.flush()
