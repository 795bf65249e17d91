"""The names of the crawl statistics: written by spiders and pipelines, read by health checks.

A crawl's stats are a protocol between the code that counts and the code that judges
(`aggregator.health`, the `crawl_runs` row): each name is written here once, so a typo is an
AttributeError, not a health check that silently reads zero.
"""

from __future__ import annotations

from typing import Protocol

# Fields every stored item should have; the health check and crawl_runs report their shares.
COMPLETENESS_FIELDS = ("title", "date", "lang", "body", "canonical")

# Scrapy's own counters.
RESPONSES = "downloader/response_count"
ITEMS_SCRAPED = "item_scraped_count"
ITEMS_DROPPED = "item_dropped_count"
SPIDER_EXCEPTIONS = "spider_exceptions/count"

# Discovery: what the site named, and what became of it.
CANDIDATES = "discovery/candidates"  # distinct URLs a feed, sitemap or listing named
REQUESTED = "discovery/requested"  # of those, fetched this run
LISTING_PAGES = "discovery/listing_pages"
EMPTY_LISTING_PAGES = "discovery/empty_listing_pages"
REPEATED_LISTING_PAGES = "discovery/repeated_listing_pages"  # same teasers as another page
FEEDS_READ = "discovery/feeds_read"
SITEMAPS_READ = "discovery/sitemaps_read"
ROBOTS_FORBIDDEN = "discovery/robots_forbidden"
KNOWN_ARTICLES_NAMED = "discovery/known_articles_named"  # stored articles the site still names


def skipped(reason: str) -> str:
    """A candidate not fetched, and why (seen, known_unchanged, known_other, trap, ...)."""
    return f"discovery/skipped/{reason}"


CHANNEL_PREFIX = "channel/"


def channel_named(channel: str) -> str:
    """Links a discovery channel (feed, sitemap, listing, home, ...) named."""
    return f"{CHANNEL_PREFIX}{channel}/named"


def channel_articles(channel: str) -> str:
    """Of the links a channel named, those whose page is an article."""
    return f"{CHANNEL_PREFIX}{channel}/articles"


def channel_rejected(channel: str) -> str:
    """Of the links a channel named, those whose page is not an article."""
    return f"{CHANNEL_PREFIX}{channel}/rejected"


# Reading pages.
ARTICLES_READ = "pages/articles"
ENCODING_MISMATCHES = "pages/encoding_mismatches"  # bytes not in the declared encoding
NOT_ARTICLES = "pages/not_articles"


VERDICT_PREFIX = "pages/rejected/"


def verdict(reason: str) -> str:
    """Pages refused as articles, by the verdict's reason."""
    return f"{VERDICT_PREFIX}{reason}"


# What went over the wire (counted next to the downloader, before the HTTP cache).
CONDITIONAL_REQUESTS = "http/conditional_requests"  # sent with If-None-Match/If-Modified-Since
NOT_MODIFIED = "http/not_modified"  # answered 304
REVISITS = "discovery/revisits"  # unchanged-looking articles fetched again on the schedule


HTTP_STATUS_PREFIX = "http/status/"


def http_status(status: int) -> str:
    return f"{HTTP_STATUS_PREFIX}{status}"


# Errors: every one is also written, with its URL, to the database.
ERRORS = "errors/count"


def error_kind(kind: str) -> str:
    return f"errors/{kind}"


# Pipelines.
def clean_text(what: str) -> str:
    return f"clean_text/{what}"


def language_decided_by(source: str) -> str:
    return f"language/decided_by/{source}"


def language(lang: str) -> str:
    return f"language/lang/{lang}"


LANGUAGE_DISAGREEMENT = "language/disagreement"


def date_rule(rule: str) -> str:
    return f"dates/rule/{rule}"


def date_unparsed(field: str) -> str:
    return f"dates/unparsed/{field}"


DATES_UNPARSED = "dates/unparsed"
DATES_IN_FUTURE = "dates/in_future"  # later than the crawl: not trusted
DATES_SITE_DAY_FROM_PAGE = "dates/site_day_from_page"  # a UTC stamp, dated by the page's day
WINDOW_DROPPED = "window/dropped_before_since"


def canonical_from(outcome: str) -> str:
    return f"canonical/from/{outcome}"


CANONICAL_WITH_ALIASES = "canonical/with_aliases"
DEDUP_PREFIX = "dedup/dropped/"


def dedup_dropped(reason: str) -> str:
    return f"{DEDUP_PREFIX}{reason}"


ITEMS_MOVED = "store/moved"  # a stored item found under a new URL: re-keyed, old URL an alias


def stored(outcome: str) -> str:
    """Items by what storing them did: new, updated or unchanged."""
    return f"store/{outcome}"


STORE_OUTCOMES = ("new", "updated", "unchanged")


def has_field(name: str) -> str:
    return f"fields/has_{name}"


class Counter(Protocol):
    """What the pipelines need of Scrapy's stats collector."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


class NoCounter:
    """Counts nothing: for the pipelines used outside a crawl (tests, benchmarks)."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        return None
