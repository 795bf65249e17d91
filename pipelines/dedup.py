"""Same item, one row: drop repeats of a canonical URL and same-content copies under other URLs.

A site that moves an article keeps one row too: when a URL that leads to a stored item
(through a redirect) now declares another canonical URL, the stored item is re-keyed to it
and the old URL becomes an alias; a same-content copy of a stored item under a new URL is
noted as a possible move, which the spider confirms by asking the old URL (a 301 to the
new one, or gone).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from scrapy.exceptions import DropItem

from aggregator import stats as names
from aggregator.items import Article
from aggregator.pipelines import StoreBackedPipeline


def content_hash(title: str, body: str) -> str:
    """A hash that ignores case, accents of whitespace and punctuation differences."""
    text = unicodedata.normalize("NFKC", f"{title}\n{body}").casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class DedupPipeline(StoreBackedPipeline):
    """Drops an item already seen in this run or stored under another URL of the same site."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.seen_urls: set[str] = set()
        self.seen_hashes: dict[str, str] = {}

    def process_item(self, item: Article) -> Article:
        key = item.canonical_url or item.url
        item.content_hash = content_hash(item.title, item.body)
        if key in self.seen_urls:
            self._drop(item, key, "same_canonical_url")
        self._follow_redirects(item, key)
        first = self.seen_hashes.get(item.content_hash)
        if first is None:
            stored = self.store.find_by_content_hash(item.content_hash, item.source)
            first = stored if stored != key else None
            if first and self.database is not None:
                self.database.possible_moves[first] = key
        if first and first != key:
            self._drop(item, first, "same_content")
        self.seen_urls.add(key)
        self.seen_hashes.setdefault(item.content_hash, key)
        return item

    def _follow_redirects(self, item: Article, key: str) -> None:
        """A stored item reached through a URL that now redirects here has moved here."""
        for url in item.aliases:
            stored = self.store.resolve(url)
            if stored and stored != key and not self.store.has_item(key):
                self.store.move_item(stored, key, item.fetched_at)
                self.stats.inc_value(names.ITEMS_MOVED)

    def _drop(self, item: Article, canonical_url: str, reason: str) -> None:
        """Record every URL of the dropped copy as an alias of the kept item."""
        for url in {item.url, item.canonical_url or item.url, *item.aliases}:
            self.store.add_alias(url, canonical_url, reason, item.fetched_at)
        self.stats.inc_value(names.dedup_dropped(reason))
        raise DropItem(f"duplicate ({reason}) of {canonical_url}: {item.url}")
