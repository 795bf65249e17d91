"""Conditional requests: ask a site for a page again only if it changed since the last run.

Two kinds of URL, two mechanisms:
- feeds, sitemaps and listings must be re-read even when unchanged (what they name is how
  the crawler knows what the site still publishes), so their bodies are kept in Scrapy's own
  HTTP cache with its RFC 2616 policy: each request is revalidated (`Cache-Control:
  max-age=0` from the spider), the site answers 304, and the cached body is read again;
- article pages are not kept twice (the item is in the database): `ConditionalRequests`
  adds `If-None-Match` / `If-Modified-Since` from what the `pages` table remembers, and a
  304 tells the spider the article is unchanged.
The same middleware, next to the downloader, counts what really went over the wire (each
conditional request and each 304) before the cache turns a 304 into the cached page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings

from aggregator import stats
from aggregator.crawldb import CrawlDatabase, database_path
from aggregator.urls import url_key

REVALIDATE = {"Cache-Control": "max-age=0"}  # a channel request: revalidate, never trust age


def cache_dir(db_path: str | Path) -> Path:
    """Where the channel pages of a database's crawls are cached: beside the database."""
    db = Path(db_path)
    return db.with_name(f"{db.stem}.httpcache")


class ChannelCacheStorage(FilesystemCacheStorage):
    """Scrapy's file cache (one folder per page: crash-safe), kept beside the database."""

    def __init__(self, settings: BaseSettings) -> None:
        # Given as an absolute HTTPCACHE_DIR: Scrapy would resolve a relative one against the
        # project's .scrapy folder, which a Scrapyd job lacks (the cache would then be off).
        own = BaseSettings(settings)
        own.set("HTTPCACHE_DIR", str(cache_dir(database_path(settings))), priority="cmdline")
        super().__init__(own)


class ConditionalRequests:
    """Validators for article pages from the pages table; counts of what went over the wire."""

    def __init__(self, crawler: Crawler, database: CrawlDatabase | None) -> None:
        self.stats = crawler.stats
        self.database = database

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequests:
        return cls(crawler, crawler.get_extension(CrawlDatabase))

    def process_request(self, request: Request) -> None:
        if request.meta.get("kind") == "page" and self.database is not None:
            known = self.database.memory.get(url_key(request.url)) or {}
            # Only a stored article's 304 needs no body: a listing's must be read for its
            # teasers and next page, and a page not read yet has nothing to compare with.
            if known.get("kind") != "article":
                known = {}
            if known.get("etag"):
                request.headers.setdefault(b"If-None-Match", known["etag"])
            if known.get("last_modified"):
                request.headers.setdefault(b"If-Modified-Since", known["last_modified"])
        if b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers:
            self.stats.inc_value(stats.CONDITIONAL_REQUESTS)

    def process_response(self, request: Request, response: Response) -> Response:
        self.stats.inc_value(stats.http_status(response.status))
        if response.status == 304:
            self.stats.inc_value(stats.NOT_MODIFIED)
        return response


def validators(response: Response) -> dict[str, Any]:
    """The ETag and Last-Modified a full response carries, to send back next time."""
    if response.status != 200:
        return {}
    headers = response.headers
    return {
        "etag": (headers.get(b"ETag") or b"").decode("latin-1") or None,
        "last_modified": (headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
    }
