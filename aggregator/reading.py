"""Reading fetched pages in worker processes: the CPU-heavy part of a crawl off Scrapy's thread.

Reading an article (the verdict, every date signal, the body by trafilatura) is most of a
crawl's CPU, while Scrapy, the pipelines and SQLite run on one thread: on two cores the
second one sat idle (bench/bench_crawl.py). A pool of processes, one per core and shared by
every spider of the process, reads the pages; the spider awaits the result. Scrapy keeps
the memory bounded: responses waiting for their callback count against its scraper slot
(SCRAPER_SLOT_MAX_ACTIVE_SIZE), so downloads pause when reading falls behind.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import forkserver
from typing import TYPE_CHECKING

from aggregator.config import Source
from aggregator.dateshapes import parse_machine_date
from aggregator.items import Article, Teaser
from aggregator.pages import ArticlePage, ListingPage, PageVerdict

if TYPE_CHECKING:
    from parsel import Selector
    from scrapy.settings import BaseSettings


@dataclass
class ListingReading:
    """What a listing page offers: teasers, its next page, the feeds it announces; from a
    home page, the site's homes in its other languages and its news sections too."""

    teasers: list[Teaser]
    next_page: str | None
    feed_links: list[str]
    language_homes: list[str] = field(default_factory=list)
    section_links: list[str] = field(default_factory=list)


@dataclass
class PageReading:
    """What a fetched page turned out to be: an article, or a listing, or neither."""

    verdict: PageVerdict
    article: Article | None = None
    listing: ListingReading | None = None


def read_listing(
    listing_page: type[ListingPage],
    url: str,
    html: str,
    source: Source,
    *,
    home: bool = False,
    parsed: Selector | None = None,
) -> ListingReading:
    """Read a listing page as the crawl does (`parsed`: its tree, when already parsed)."""
    listing = listing_page(url, html, source, parsed=parsed)
    return ListingReading(
        listing.teasers(),
        listing.next_page(),
        listing.feed_links(),
        listing.language_homes() if home else [],
        listing.section_links() if home else [],
    )


def read_page(
    article_page: type[ArticlePage],
    listing_page: type[ListingPage],
    url: str,
    html: str,
    source: Source,
    teaser: Teaser | None,
    fetched_at: str,
) -> PageReading:
    """Read one page as the crawl does: its verdict, then the article or the listing."""
    page = article_page(url, html, source, now=parse_machine_date(fetched_at))
    verdict = page.verdict(teaser)
    if verdict.is_article:
        return PageReading(verdict, article=page.to_article(source.key, fetched_at, teaser))
    if verdict.kind != "listing":
        return PageReading(verdict)
    return PageReading(
        verdict, listing=read_listing(listing_page, url, html, source, parsed=page.sel)
    )


class PageReaders:
    """Worker processes that read pages; with no workers, pages are read in this process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        # forkserver: workers start from a clean process that has imported the page readers
        # once, not from a fork of a running Twisted reactor. It is started now, without
        # waiting for it: its imports (half a second) run on another core while the crawl
        # starts and discovers its first pages, not when the first page waits to be read.
        self.context = multiprocessing.get_context("forkserver")
        if workers > 0:
            self.context.set_forkserver_preload(["aggregator.reading"])
            forkserver.ensure_running()

    async def read(self, *args: object) -> PageReading:
        """`read_page(*args)` in a worker."""
        if self.workers <= 0:
            return read_page(*args)  # type: ignore[arg-type]
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=self.context)
        try:
            return await asyncio.wrap_future(self.pool.submit(read_page, *args))
        except BrokenProcessPool:
            self.close()  # a worker died (killed, out of memory): the next page gets a new pool
            raise

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


_shared: dict[int, PageReaders] = {}


def readers_from_settings(settings: BaseSettings) -> PageReaders:
    """The process's readers, one pool for every spider of a multi-source crawl.

    AGGREGATOR_READERS is the number of processes: None for one per core, 0 to read pages
    in this process.
    """
    workers = settings.get("AGGREGATOR_READERS")
    count = (os.cpu_count() or 1) if workers in (None, "") else int(workers)
    if count not in _shared:
        _shared[count] = PageReaders(count)
        atexit.register(_shared[count].close)
    return _shared[count]
