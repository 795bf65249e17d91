"""Same item, one row: drop repeats of a canonical URL and same-content copies under other URLs."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from aggregator.items import Article
from aggregator.pipelines import StoreBackedPipeline


def content_hash(title: str, body: str) -> str:
    """A hash that ignores case, accents of whitespace and punctuation differences."""
    text = unicodedata.normalize("NFKC", f"{title}\n{body}").casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class DedupPipeline(StoreBackedPipeline):
    """Drops an item already seen in this run or stored under another URL of the same site."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen_urls: set[str] = set()
        self.seen_hashes: dict[str, str] = {}

    def process_item(self, item: Article) -> Article:
        key = item.canonical_url or item.url
        item.content_hash = content_hash(item.title, item.body)
        if key in self.seen_urls:
            self._drop(item, key, "same_canonical_url")
        first = self.seen_hashes.get(item.content_hash)
        if first is None and self.store is not None:
            stored = self.store.find_by_content_hash(item.content_hash, item.source)
            first = stored if stored != key else None
        if first and first != key:
            self._drop(item, first, "same_content")
        self.seen_urls.add(key)
        self.seen_hashes.setdefault(item.content_hash, key)
        return item

    def _drop(self, item: Article, canonical_url: str, reason: str) -> None:
        """Record every URL of the dropped copy as an alias of the kept item."""
        if self.store is not None:
            for url in {item.url, item.canonical_url or item.url, *item.aliases}:
                self.store.add_alias(url, canonical_url, reason, item.fetched_at)
        self.stats.inc_value(f"dedup/dropped/{reason}")
        raise DropItem(f"duplicate ({reason}) of {canonical_url}: {item.url}")
