"""Last pipeline: hand each item to the crawl's database, which writes it in batches.

The batches live in one place, `CrawlDatabase` (aggregator/crawldb.py), with the page notes
they must precede; this pipeline counts field completeness.
"""

from __future__ import annotations

from dataclasses import asdict

from aggregator import stats as names
from aggregator.items import MIN_BODY_CHARS, Article
from aggregator.pipelines import StoreBackedPipeline


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
    """Stores items and their aliases; counts field completeness (new/updated/unchanged are
    counted as the batches are written)."""

    def process_item(self, item: Article) -> Article:
        record = asdict(item)
        record["canonical_url"] = item.canonical_url or item.url
        if self.database is None:
            raise RuntimeError("StorePipeline needs the CrawlDatabase extension")
        self.database.note_item(record, list(item.aliases))
        for name, has in completeness_flags(item).items():
            self.stats.inc_value(names.has_field(name), int(has))
        return item
