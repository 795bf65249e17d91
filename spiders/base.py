"""The shared machinery of every source's spider.

Discovery uses everything a site offers, in order of robustness: its feeds
(recent items), its sitemaps (the whole archive, with lastmod; found in
robots.txt, the page head and the configured paths) and its listing pages with
pagination. What they find is merged per URL, so an article found three times
is fetched once, with the richest teaser.

Modes: `recent` (daily) fetches only articles not yet stored or modified since
they were fetched, and stops paginating a listing at the first page with
nothing new; `full` fetches the whole archive; `check` (the smoke check)
reads every channel's first page and a sample of articles. `since` skips what was
published or modified before a date, where a feed or sitemap says so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import feedparser
import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from aggregator.config import Source, apply_base_urls, load_sources, parse_base_url_overrides
from aggregator.dateshapes import parse_machine_date, utc_now
from aggregator.items import Article, Teaser
from aggregator.pages import ArticlePage, ListingPage, PageError, pdf_to_article
from aggregator.store import Store, StoreError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def is_pdf(response: Response) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    return "pdf" in content_type or response.url.lower().endswith(".pdf")


class NewsSpider(scrapy.Spider):
    """Crawls one source's news from its configuration; subclasses add site selectors."""

    article_page: ClassVar[type[ArticlePage]] = ArticlePage
    listing_page: ClassVar[type[ListingPage]] = ListingPage

    source: Source
    mode: str
    since: str | None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        sources = load_sources(settings.get("AGGREGATOR_SOURCES_FILE"))
        overrides = settings.get("AGGREGATOR_BASE_URLS") or {}
        if isinstance(overrides, str):
            overrides = parse_base_url_overrides([p for p in overrides.split(",") if p])
        if kwargs.get("base_url"):
            overrides = {**overrides, spider.name: kwargs["base_url"]}
        sources = apply_base_urls(sources, {k: v for k, v in overrides.items() if k in sources})
        spider.source = sources[spider.name]
        full = kwargs.get("full", settings.getbool("AGGREGATOR_FULL"))
        spider.mode = "full" if str(full).lower() in ("1", "true", "yes") else "recent"
        spider.check_sample = settings.getint("AGGREGATOR_CHECK_SAMPLE")
        if spider.check_sample:
            spider.mode = "check"  # first listing pages only, a few articles, nothing skipped
        spider.since = kwargs.get("since") or settings.get("AGGREGATOR_SINCE") or None
        spider.allowed_domains = [urlsplit(spider.source.base_url).hostname or ""]
        spider.known = spider._load_known(settings.get("AGGREGATOR_DB"))
        spider.teasers = {}
        return spider

    def _load_known(self, db_path: str | None) -> dict[str, str]:
        """URLs already stored (recent mode skips them unless a sitemap says they changed)."""
        if not db_path or self.mode == "full":
            return {}
        try:
            with Store(db_path) as store:
                return store.known_urls(self.name)
        except StoreError as exc:
            self.logger.error("cannot read known URLs, crawling everything: %s", exc)
            return {}

    # -- discovery -------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        src = self.source
        for path in src.feeds:
            yield scrapy.Request(
                src.url(path), self.parse_feed, errback=self.on_error, meta={"channel": path}
            )
        yield scrapy.Request(src.url("/robots.txt"), self.parse_robots, errback=self.on_error)
        for path in src.sitemaps:
            yield scrapy.Request(src.url(path), self.parse_sitemap, errback=self.on_error)
        for path in src.listings:
            yield scrapy.Request(
                src.url(path), self.parse_listing, errback=self.on_error, meta={"channel": path}
            )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            yield scrapy.Request(url, self.parse_sitemap, errback=self.on_error)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # lxml raises several kinds on a broken sitemap
            self._error(f"unreadable sitemap {response.url}: {exc}")
            return
        for entry in sitemap:
            url = entry.get("loc", "").strip()
            if not url:
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(url, self.parse_sitemap, errback=self.on_error)
                continue
            lastmod = entry.get("lastmod", "").strip()
            if self.source.is_article_url(url) and not self._before_since(lastmod):
                self.crawler.stats.inc_value("discovery/sitemap/articles")
                teaser = Teaser(url=url, date_raw="", channel="sitemap")
                yield from self._article_request(teaser, lastmod=lastmod)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            self._error(f"unreadable feed {response.url}: {feed.get('bozo_exception')}")
            return
        lang = (feed.feed.get("language") or "")[:2].lower() or None
        for entry in feed.entries:
            url = entry.get("link", "")
            if not url or not self.source.is_article_url(url):
                continue
            date_raw = entry.get("published") or entry.get("updated") or ""
            if self._before_since(date_raw):
                continue
            self.crawler.stats.inc_value(f"discovery/feed/{response.meta.get('channel', 'head')}")
            teaser = Teaser(
                url=url,
                title=entry.get("title", ""),
                date_raw=date_raw,
                date_where="pubDate",
                lang=lang,
                channel="feed",
            )
            yield from self._article_request(teaser, lastmod=entry.get("updated", ""))

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        page = self.listing_page(response.url, response.text, self.source)
        teasers = page.teasers()
        channel = response.meta.get("channel", "")
        stats = self.crawler.stats
        stats.inc_value("discovery/listing_pages")
        stats.inc_value(f"discovery/listing/{channel}", len(teasers))
        if not teasers:
            stats.inc_value("discovery/empty_listing_pages")
            self.logger.warning("listing page without articles: %s", response.url)
        new = 0
        if teasers and all(self._before_since(t.date_raw) for t in teasers):
            stats.inc_value("discovery/listing_pages_before_since")
            return  # a whole page older than --since: the rest of the listing is older still
        for teaser in teasers:
            requests = list(self._article_request(teaser))
            new += bool(requests) or teaser.url not in self.known
            yield from requests
        for href in response.css('link[rel="alternate"]'):
            if href.attrib.get("type", "") in FEED_TYPES and href.attrib.get("href"):
                yield response.follow(href.attrib["href"], self.parse_feed, errback=self.on_error)
        next_url = page.next_page()
        if next_url and self.mode != "check" and (self.mode == "full" or new):
            yield scrapy.Request(
                next_url, self.parse_listing, errback=self.on_error, meta={"channel": channel}
            )

    def _article_request(self, teaser: Teaser, lastmod: str = "") -> Iterator[scrapy.Request]:
        """One request per article URL; later teasers only enrich the first one."""
        url = teaser.url.split("#")[0]
        if url in self.teasers:
            self.teasers[url].merge(teaser)
            return
        self.teasers[url] = teaser
        self.crawler.stats.inc_value(f"discovery/found_by/{teaser.channel}")
        fetched_at = self.known.get(url)
        if fetched_at is not None and not self._changed_since(lastmod, fetched_at):
            self.crawler.stats.inc_value("discovery/skipped_known")
            return
        if self.mode == "check":
            if self.check_sample <= 0:
                return
            self.check_sample -= 1
        yield scrapy.Request(url, self.parse_article, errback=self.on_error, cb_kwargs={"key": url})

    @staticmethod
    def _changed_since(lastmod: str, fetched_at: str) -> bool:
        """True when a sitemap or feed says the page changed after we last fetched it."""
        modified, fetched = parse_machine_date(lastmod), parse_machine_date(fetched_at)
        return bool(modified and fetched and modified > fetched)

    def _before_since(self, date_text: str) -> bool:
        """True when a machine-readable date is older than --since (unknown dates pass)."""
        if not self.since or not date_text:
            return False
        when = parse_machine_date(date_text)
        return when is not None and when.date().isoformat() < self.since[:10]

    # -- reading articles --------------------------------------------------------

    def parse_article(self, response: Response, key: str) -> Iterator[Article]:
        teaser = self.teasers.get(key)
        stats = self.crawler.stats
        if is_pdf(response):
            try:
                yield pdf_to_article(response.url, response.body, self.name, utc_now(), teaser)
            except PageError as exc:
                self._error(f"{response.url}: {exc}")
            return
        if not isinstance(response, TextResponse):
            self._error(f"{response.url}: not a text page ({response.headers.get('Content-Type')})")
            return
        page = self.article_page(response.url, response.text, self.source)
        if not page.is_article():
            stats.inc_value("articles/not_news")
            return
        stats.inc_value("articles/read")
        yield page.to_article(self.name, utc_now(), teaser)

    def on_error(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        self._error(f"{getattr(request, 'url', '?')}: {failure.getErrorMessage()}")

    def _error(self, message: str) -> None:
        self.crawler.stats.inc_value("errors/count")
        self.logger.error(message)
