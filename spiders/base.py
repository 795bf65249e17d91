"""The shared machinery of every source's spider: find every article a site publishes.

Discovery asks the site what it publishes, in the order that costs least: its feeds (those
configured, those its pages announce, the usual `/feed/`), its sitemaps (named in robots.txt,
configured, or at the usual WordPress and Drupal places; every child of an index, gzip too),
then its listings (the home page in each language, the news sections its navigation links
to, the archives its sitemaps name, with pagination). Every same-site URL they name is a
candidate (`aggregator.frontier` decides which to fetch); no URL pattern decides what an
article is: each fetched page says so itself (`ArticlePage.verdict`), and what it said is
kept per URL, so a daily run does not fetch a known non-article again.

Modes: `recent` (daily) fetches what is new or what the site says changed and stops a
listing at its first page with nothing new; `full` fetches the whole archive; `check` (the
smoke check) reads every channel's first page and a sample of articles.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import feedparser
import scrapy
from lxml import etree
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.internet.defer import CancelledError

from aggregator import stats
from aggregator.conditional import REVALIDATE, validators
from aggregator.config import Source, sources_from_settings
from aggregator.crawldb import CrawlDatabase, crawl_mode
from aggregator.dateshapes import parse_machine_date, utc_now
from aggregator.errors import ConfigError
from aggregator.frontier import Candidate, Frontier
from aggregator.items import Article, Teaser
from aggregator.pages import ArticlePage, ListingPage, PageError, pdf_to_article
from aggregator.pages.decode import page_text
from aggregator.reading import ListingReading, read_listing, readers_from_settings
from aggregator.urls import bare_host, language_of_tag, url_key

# Where WordPress and Drupal put sitemaps and feeds when robots.txt and the pages name none.
USUAL_SITEMAPS = ("/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap.xml")
USUAL_FEEDS = ("/feed/",)
# Requests of the cheapest channels go first: feeds, then sitemaps, then listings, then pages.
PRIORITY = {"feed": 40, "sitemap": 30, "listing": 20, "page": 0}
MOVED = (301, 308)  # permanent redirects: the site says the article lives elsewhere now
GONE = (404, 410)


def is_pdf(response: Response) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    return "pdf" in content_type or urlsplit(response.url).path.lower().endswith(".pdf")


XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read_sitemap_xml(body: bytes) -> tuple[dict[str, dict[str, str]], str | None]:
    """What Scrapy's sitemap reader leaves out, in one pass: the `<xhtml:link rel="alternate"
    hreflang>` of each <loc> (language -> URL: story grouping needs a translation's
    language, Scrapy keeps its URL only), and why the XML is not well formed (a truncated
    or broken sitemap, which Scrapy's reader recovers silently), or None.

    A broken sitemap's alternates are read again, recovering what can be.
    """
    try:
        return _alternates(body, recover=False), None
    except etree.XMLSyntaxError as exc:
        return _alternates(body, recover=True), str(exc)


def _alternates(body: bytes, *, recover: bool) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    with_links = b"hreflang" in body
    try:
        for _event, url in etree.iterparse(
            io.BytesIO(body), tag=f"{SITEMAP_NS}url", resolve_entities=False, no_network=True,
            recover=recover, huge_tree=True,
        ):  # fmt: skip
            loc = (url.findtext(f"{SITEMAP_NS}loc") or "").strip() if with_links else ""
            for link in url.iter(XHTML_LINK) if loc else ():
                lang = language_of_tag(link.get("hreflang") or "")
                if lang and link.get("href"):
                    found.setdefault(loc, {})[lang] = link.get("href", "").strip()
            url.clear()
    except etree.XMLSyntaxError:
        if not recover:
            raise
    return found


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class NewsSpider(scrapy.Spider):
    """Crawls one source from its configuration; a subclass may add its site's selectors."""

    article_page: ClassVar[type[ArticlePage]] = ArticlePage
    listing_page: ClassVar[type[ListingPage]] = ListingPage

    source: Source
    frontier: Frontier
    database: CrawlDatabase

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = sources_from_settings(crawler.settings)[spider.name]
        # Scrapy's offsite filter, redirects included: the site's host, www. or not.
        spider.allowed_domains = [bare_host(urlsplit(spider.source.base_url).hostname or "")]
        crawler.signals.connect(spider.confirm_moves, signal=signals.spider_idle)
        crawler.signals.connect(spider.redirect_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.redirect_dropped, signal=signals.request_dropped)
        return spider

    def _open_crawl_state(self) -> None:
        """The crawl's state, from the CrawlDatabase extension (built after the spider)."""
        settings = self.crawler.settings
        database = self.crawler.get_extension(CrawlDatabase)
        if database is None:  # only if someone switched it off: the crawl has no memory then
            raise ConfigError("the CrawlDatabase extension is off; the spider needs it")
        self.database = database
        self.frontier = Frontier(
            self.source,
            database.memory,
            mode=crawl_mode(settings),
            since=settings.get("AGGREGATOR_SINCE") or None,
            sample=settings.getint("AGGREGATOR_CHECK_SAMPLE"),
            now=parse_machine_date(utc_now()),
            count=self.crawler.stats.inc_value,
        )
        self.readers = readers_from_settings(settings)

    @property
    def mode(self) -> str:
        return self.frontier.mode

    # -- discovery -------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        self._open_crawl_state()
        for request in self._seeds():
            yield request
        for request in self._sitemap_seeds(await self._robots_sitemaps()):
            yield request

    def _seeds(self) -> Iterator[Any]:
        """The configured feeds, sitemaps and listings, and the home page."""
        src = self.source
        for path in src.feeds:
            yield from self._channel_request(src.url(path), "feed")
        for path in src.sitemaps:
            yield from self._channel_request(src.url(path), "sitemap")
        yield from self._listing_request(src.url("/"), "home /", role="home")
        for path in src.listings:
            yield from self._listing_request(src.url(path), f"listing {path}")

    def _sitemap_seeds(self, named: list[str]) -> Iterator[Any]:
        """The sitemaps robots.txt names, else the usual places (a missing one is no error)."""
        for url in named:
            yield from self._channel_request(url, "sitemap")
        if not named and not self.source.sitemaps:
            for path in USUAL_SITEMAPS:
                yield from self._channel_request(self.source.url(path), "sitemap", probe=True)

    async def _robots_sitemaps(self) -> list[str]:
        """The Sitemap lines of robots.txt, read once: from the parser Scrapy's robots
        middleware already fetched, or (robots.txt not obeyed) by one request."""
        robots = self.crawler.get_downloader_middleware(RobotsTxtMiddleware)
        if robots is not None:
            parser = await robots.robot_parser(scrapy.Request(self.source.url("/robots.txt")))
            # Scrapy's default parser (Protego) keeps the Sitemap lines as written.
            named = parser.rp.sitemaps if isinstance(parser, ProtegoRobotParser) else ()
            return [self.source.url(u) for u in named]
        response = await self.crawler.engine.download_async(
            scrapy.Request(self.source.url("/robots.txt"), meta={"probe": True})
        )
        return [self.source.url(u) for u in sitemap_urls_from_robots(response.body)]

    def _channel_request(self, url: str, kind: str, *, probe: bool = False) -> Iterator[Any]:
        """A feed or sitemap, once per run."""
        url = self.frontier.offer_channel(url) or ""
        if url:
            callback = self.parse_feed if kind == "feed" else self.parse_sitemap
            yield scrapy.Request(
                url,
                callback,
                errback=self.on_error,
                headers=REVALIDATE,
                priority=PRIORITY[kind],
                meta={"probe": probe, "kind": kind},
            )

    def _listing_request(
        self, url: str, channel: str, *, role: str = "listing", probe: bool = False
    ) -> Iterator[Any]:
        url = self.frontier.offer_listing(url) or ""
        if url:
            yield scrapy.Request(
                url,
                self.parse_listing,
                errback=self.on_error,
                headers=REVALIDATE,
                priority=PRIORITY["listing"],
                meta={"probe": probe, "kind": "listing"},
                cb_kwargs={"channel": channel, "role": role},
            )

    def _page_request(self, candidate: Candidate | None) -> Iterator[Any]:
        if candidate is None:
            return
        meta: dict[str, Any] = {"kind": "page", "handle_httpstatus_list": [304]}
        # A page known as a listing goes through the channels' cache, so that it answers 304
        # when a later run reaches it as a listing. An article is not kept there (the item is
        # stored): its 304 means unchanged.
        known_listing = self.frontier.remembered_kind(candidate.url) == "listing"
        if not known_listing:
            meta["dont_cache"] = True
        yield scrapy.Request(
            candidate.url,
            self.parse_page,
            errback=self.on_error,
            headers=REVALIDATE if known_listing else None,
            priority=PRIORITY["page"] + (5 if self.source.is_preferred(candidate.url) else 0),
            meta=meta,
            cb_kwargs={"key": candidate.url},
        )

    def offer(
        self, url: str, channel: str, teaser: Teaser | None = None, **said: str
    ) -> Iterator[Any]:
        """A URL a channel named: counted for the channel, requested if the frontier says so."""
        self.crawler.stats.inc_value(stats.channel_named(channel))
        yield from self._page_request(self.frontier.offer(url, channel, teaser, **said))

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        body = self._sitemap_body(response)
        if body is None:
            return
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises several kinds on a broken sitemap
            self._error(response.url, "sitemap", f"unreadable sitemap: {exc}")
            return
        alternates, problem = read_sitemap_xml(body)
        if problem:
            self._error(
                response.url, "sitemap", f"malformed sitemap, read what could be: {problem}"
            )
        self.crawler.stats.inc_value(stats.SITEMAPS_READ)
        self._note(response, kind="sitemap", reason=sitemap.type)
        for entry in sitemap:
            loc = entry.get("loc", "").strip()
            url = response.urljoin(loc)
            if sitemap.type == "sitemapindex":
                yield from self._channel_request(url, "sitemap")
                continue
            links = {lang: response.urljoin(href) for lang, href in alternates.get(loc, {}).items()}
            translations = {lang: link for lang, link in links.items() if link != url}
            teaser = Teaser(url=url, channel="sitemap", translations=translations)
            yield from self.offer(url, "sitemap", teaser, lastmod=entry.get("lastmod", "").strip())

    def _sitemap_body(self, response: Response) -> bytes | None:
        """The XML of a sitemap, gunzipped within the download size limit; None if not one."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            max_size = response.meta.get(
                "download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE")
            )
            try:
                body = gunzip(body, max_size=max_size or 0)
            except Exception as exc:  # corrupt or too large once expanded
                self._error(response.url, "sitemap", f"unreadable gzip sitemap: {exc}")
                return None
        if b"<urlset" not in body[:2000] and b"<sitemapindex" not in body[:2000]:
            if not response.meta.get("probe"):
                self._error(response.url, "sitemap", "not a sitemap")
            return None
        return body

    def parse_feed(self, response: Response) -> Iterator[Any]:
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            if not response.meta.get("probe"):
                self._error(response.url, "feed", f"unreadable feed: {feed.get('bozo_exception')}")
            return
        self.crawler.stats.inc_value(stats.FEEDS_READ)
        self._note(response, kind="feed", reason=f"{len(feed.entries)} entries")
        channel = f"feed {path_of(response.url)}"
        lang = (feed.feed.get("language") or "")[:2].lower() or None
        for entry in feed.entries:
            url = entry.get("link", "")
            if not url:
                continue
            date_raw = entry.get("published") or entry.get("updated") or ""
            teaser = Teaser(
                url=response.urljoin(url),
                title=entry.get("title", ""),
                date_raw=date_raw,
                date_where="pubDate",
                lang=lang,
                channel="feed",
            )
            updated = entry.get("updated") or entry.get("published") or ""
            yield from self.offer(teaser.url, channel, teaser, feed_updated=updated)

    def text_of(self, response: TextResponse) -> str:
        """The page's text in the encoding its bytes are really in, without control chars."""
        text, mismatch = page_text(response.body, response.encoding)
        if mismatch:
            self.crawler.stats.inc_value(stats.ENCODING_MISMATCHES)
            self.logger.warning("%s: bytes not in the declared %s", response.url, response.encoding)
        return text

    def parse_listing(self, response: Response, channel: str, role: str) -> Iterator[Any]:
        # Read here, not in a reader: the teasers' dates and languages must reach the
        # frontier before the pages they name are read (a listing comes first by priority).
        if not isinstance(response, TextResponse):
            return
        listing = read_listing(
            self.listing_page, response.url, self.text_of(response), self.source,
            home=role == "home",
        )  # fmt: skip
        yield from self._read_listing(response, channel, listing)
        if role == "home":
            yield from self._homes_and_sections(response.url, listing)

    def _homes_and_sections(self, url: str, home: ListingReading) -> Iterator[Any]:
        """From a home page: the other languages' homes and the news sections it links to."""
        for link in home.language_homes:
            yield from self._listing_request(link, f"home {path_of(link)}", role="home")
        for link in home.section_links:
            yield from self._listing_request(link, f"listing {path_of(link)}", role="section")
        if path_of(url) in ("/", ""):
            for lang in self.source.languages:
                link = self.source.url(f"/{lang}/")
                yield from self._listing_request(link, f"home /{lang}/", role="home", probe=True)

    def _read_listing(
        self, response: Response, channel: str, listing: ListingReading
    ) -> Iterator[Any]:
        """A listing page's teasers, its feeds, and its next page while it shows something new."""
        teasers, next_url, feed_links = listing.teasers, listing.next_page, listing.feed_links
        counter = self.crawler.stats
        counter.inc_value(stats.LISTING_PAGES)
        self._note(response, kind="listing", reason=f"{len(teasers)} teasers")
        if not teasers:
            counter.inc_value(stats.EMPTY_LISTING_PAGES)
            counter.inc_value(stats.channel_named(channel), 0)
        if self.frontier.is_repeated_listing((t.url for t in teasers), next_url):
            return  # a page already read, under another URL: a trap or a re-sorted copy
        new = 0
        for teaser in teasers:
            new += self.frontier.is_new(teaser.url)
            yield from self.offer(teaser.url, channel, teaser)
        for url in feed_links:
            yield from self._channel_request(url, "feed")
        if next_url and self.mode != "check" and (self.mode == "full" or new):
            yield from self._listing_request(next_url, channel)
        if not feed_links and path_of(response.url) in ("/", "") and not self.source.feeds:
            for path in USUAL_FEEDS:
                yield from self._channel_request(self.source.url(path), "feed", probe=True)

    # -- reading pages -------------------------------------------------------------------

    async def parse_page(self, response: Response, key: str) -> AsyncIterator[Any]:
        candidate = self.frontier.candidate(key)
        teaser = candidate.teaser if candidate else None
        channels = sorted(candidate.channels) if candidate else []
        if candidate:
            candidate.fetched = True
        if response.status == 304:
            self._unchanged(response, candidate)
            return
        if is_pdf(response):
            try:
                article = pdf_to_article(response.url, response.body, self.name, utc_now(), teaser)
            except PageError as exc:
                self._error(response.url, "pdf", str(exc))
                return
            yield self._article(response, article, candidate, "pdf")
            return
        if not isinstance(response, TextResponse) or not response.body.strip():
            kind = response.headers.get(b"Content-Type", b"?").decode("latin-1")
            why = "an empty page" if not response.body.strip() else f"not a web page ({kind})"
            self._error(response.url, "page", why, status=response.status)
            return
        try:
            reading = await self.readers.read(
                self.article_page, self.listing_page, response.url, self.text_of(response),
                self.source, teaser, utc_now(),
            )  # fmt: skip
        except Exception as exc:  # a page no reader could read: named, the crawl goes on
            self._error(response.url, "page", f"unreadable page: {type(exc).__name__}: {exc}")
            return
        verdict = reading.verdict
        if reading.article is not None:
            yield self._article(response, reading.article, candidate, verdict.reason)
            return
        self._refuse(response, channels, verdict.kind, verdict.reason)
        if reading.listing is not None:
            for request in self._read_listing(response, "archives", reading.listing):
                yield request

    def _unchanged(self, response: Response, candidate: Candidate | None) -> None:
        """A 304: the page is as it was, and what it was is already known (only a stored
        article is asked for conditionally: aggregator/conditional.py)."""
        if candidate is not None:
            self.frontier.mark_known_unchanged(candidate)
        self._note(response)

    def _article(
        self, response: Response, article: Article, candidate: Candidate | None, reason: str
    ) -> Article:
        counter = self.crawler.stats
        counter.inc_value(stats.ARTICLES_READ)
        for channel in candidate.channels if candidate else ():
            counter.inc_value(stats.channel_articles(channel))
        article.aliases = [*response.meta.get("redirect_urls", []), *article.aliases]
        if not article.modified_raw:
            self._modified_from_the_site(article, response, candidate)
        self._note(response, kind="article", reason=reason, declared_modified=article.modified_raw)
        return article

    def _modified_from_the_site(
        self, article: Article, response: Response, candidate: Candidate | None
    ) -> None:
        """A page that declares no modification date: what the site says of it elsewhere
        (its sitemap lastmod, its feed entry, its Last-Modified header), weakest last."""
        said = (
            (candidate.lastmod if candidate else "", "sitemap:lastmod"),
            (candidate.feed_updated if candidate else "", "feed:updated"),
            (validators(response).get("last_modified") or "", "http:last-modified"),
        )
        for value, where in said:
            if value:
                article.modified_raw, article.modified_source = value, where
                return

    def _refuse(self, response: Response, channels: Iterable[str], kind: str, reason: str) -> None:
        counter = self.crawler.stats
        counter.inc_value(stats.NOT_ARTICLES)
        counter.inc_value(stats.verdict(reason.split(":")[0]))
        for channel in channels:
            counter.inc_value(stats.channel_rejected(channel))
        self._note(response, kind=kind, reason=reason)

    def _note(self, response: Response, **fields: Any) -> None:
        """What a fetched URL turned out to be, kept for the next runs."""
        now = utc_now()
        said = validators(response)
        if response.status < 400:
            said.update(failures=0, retry_at="")  # a success ends any back-off
        for url in {response.request.url if response.request else response.url, response.url}:
            self.database.note_page(url, status=response.status, fetched_at=now, **said, **fields)

    def closed(self, reason: str) -> None:
        """Keep what the site said this run of every URL it named and we settled."""
        now = utc_now()
        for candidate in self.frontier.settled():
            self.database.note_page(
                candidate.url,
                found_by=sorted(candidate.channels),
                last_seen_at=now,
                lastmod=candidate.lastmod or None,
                feed_updated=candidate.feed_updated or None,
            )

    # -- articles the site moved -----------------------------------------------------------

    def confirm_moves(self) -> None:
        """Before closing: ask each stored URL whose text turned up under a new URL whether
        it moved there (a redirect to it, or gone); nothing else re-keys a stored item."""
        database = self.database
        if not database.possible_moves:
            return
        moves, database.possible_moves = database.possible_moves, {}
        for old, new in moves.items():
            request = scrapy.Request(
                old,
                self.check_move,
                errback=self.on_error,
                dont_filter=True,
                meta={
                    "dont_redirect": True,
                    "dont_cache": True,
                    "handle_httpstatus_list": [*MOVED, *GONE],
                },
                cb_kwargs={"new": new},
            )
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def check_move(self, response: Response, new: str) -> None:
        location = response.headers.get(b"Location", b"").decode("latin-1")
        target = response.urljoin(location) if location else ""
        moved = response.status in MOVED and url_key(target) == url_key(new)
        if moved or response.status in GONE:
            self.database.confirm_move(response.request.url, new)

    # -- errors ----------------------------------------------------------------------------

    def redirect_scheduled(self, request: scrapy.Request) -> None:
        """A redirect off the site is dropped by Scrapy's offsite filter without an errback:
        record it against the URL the site named."""
        first = (request.meta.get("redirect_urls") or [None])[0]
        if first and not self.source.is_on_site(request.url):
            kind = request.meta.get("kind", "page")
            self._error(first, kind, f"redirected off the site to {request.url} (offsite)")

    def redirect_dropped(self, request: scrapy.Request) -> None:
        """A redirect back to a URL already fetched is a loop Scrapy drops silently."""
        first = (request.meta.get("redirect_urls") or [None])[0]
        if first:
            kind = request.meta.get("kind", "page")
            self._error(first, kind, f"redirect loop through {request.url}")

    def on_error(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        url = getattr(request, "url", "?")
        meta = getattr(request, "meta", {}) or {}
        if failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            self.crawler.stats.inc_value(stats.ROBOTS_FORBIDDEN)
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            if meta.get("probe") and status in (404, 410):
                self.database.note_missing(url)  # a usual place the site does not use
                return
            self._error(url, meta.get("kind", "page"), f"HTTP {status}", status=status)
            return
        message = failure.getErrorMessage() or failure.type.__name__
        if failure.check(CancelledError):
            message = "download cancelled: larger than the size limit"
        self._error(url, meta.get("kind", "page"), message)

    def _error(self, url: str, kind: str, message: str, status: int | None = None) -> None:
        self.crawler.stats.inc_value(stats.ERRORS)
        self.crawler.stats.inc_value(stats.error_kind(kind))
        self.logger.error("%s: %s", url, message)
        self.database.note_error(url, kind, message, status)
