"""Last pipeline: upsert each item into SQLite as it comes, so a crash loses nothing read."""

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
    """Upserts the item and its aliases; counts new/updated/unchanged and field completeness."""

    def process_item(self, item: Article) -> Article:
        record = asdict(item)
        key = record["canonical_url"] = item.canonical_url or item.url
        outcome = self.store.upsert_item(record, item.fetched_at)
        for alias in item.aliases:
            self.store.add_alias(alias, key, "canonical_link", item.fetched_at)
        if self.database is not None:
            self.database.note_page(item.url, item_url=key)
        self.stats.inc_value(names.stored(outcome))
        for name, has in completeness_flags(item).items():
            self.stats.inc_value(names.has_field(name), int(has))
        return item
