"""What a crawl of one source has found, and which of it is worth a request.

Every same-site URL a feed entry, a sitemap or a listing teaser names is a candidate; no URL
pattern decides what is an article (the page does, once fetched). The frontier only decides
whether to ask for a URL: not twice in a run (URLs that differ only by scheme, `www.`, a
trailing slash or parameters that name no page are one: `url_key`), not when the site says
nothing changed since the last run, never a file or a query string that only re-filters a
listing, never beyond the listing budget. Scrapy-free, so each decision is testable on its
own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from aggregator import stats
from aggregator.config import Source
from aggregator.dateshapes import parse_machine_date
from aggregator.items import Teaser
from aggregator.urls import PAGE_PARAMETERS, canonical_url, url_key

# Files that are never news pages (PDFs are: press releases are published as PDFs).
NOT_PAGE_EXTENSIONS = frozenset({
    "jpg", "jpeg", "png", "gif", "svg", "webp", "avif", "ico", "bmp", "tif", "tiff", "css",
    "js", "json", "mp3", "mp4", "m4a", "wav", "ogg", "webm", "mov", "avi", "zip", "gz", "tgz",
    "rar", "7z", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "txt",
    "epub", "ics", "woff", "woff2", "ttf", "eot", "exe", "dmg",
})  # fmt: skip
LISTING_PAGE_LIMITS = {"full": 400, "recent": 40, "check": 20}  # listing pages per source per run
# Articles whose site gives no change signal (no lastmod, no feed date, no validators) are
# fetched again this many days after publication, young ones only, a few per run.
REVISIT_DAYS = (1, 3, 7, 30)
REVISITS_PER_RUN = 20
# Skips that say nothing about the page: what the site says of it must not be kept as seen.
DEFERRING_REASONS = frozenset({"backing_off", "before_since", "sample_done"})


@dataclass
class Candidate:
    """A URL the site named, merged over every channel that named it in this run."""

    url: str
    teaser: Teaser
    channels: set[str] = field(default_factory=set)
    lastmod: str = ""  # the sitemap's <lastmod>
    feed_updated: str = ""  # the feed entry's updated (or published) date
    requested: bool = False
    fetched: bool = False  # read this run: what the site said of it is now what we know
    known_unchanged: bool = False  # stored, and the site says nothing changed
    deferred: bool = False  # not asked for this run for a reason of ours (back-off, --since)

    def named_by(self, channel: str, lastmod: str, feed_updated: str) -> None:
        """Merge what one more channel says of the URL (a later date replaces none)."""
        self.channels.add(channel)
        self.lastmod = lastmod or self.lastmod
        self.feed_updated = feed_updated or self.feed_updated


def is_page_url(url: str) -> bool:
    """False for files that are not pages (images, scripts, office documents, archives)."""
    name = posixpath.basename(urlsplit(url).path).lower()
    return "." not in name or name.rsplit(".", 1)[1] not in NOT_PAGE_EXTENSIONS


def has_filter_query(url: str) -> bool:
    """True when the query string holds anything but a page, shortlink or language parameter."""
    query = urlsplit(url).query
    return any(key.lower() not in PAGE_PARAMETERS for key, _ in parse_qsl(query, True))


def said_changed(now: str, before: str | None) -> bool:
    """True when a site's date for a URL (lastmod, feed updated) differs from what it said last
    time; nothing said now is no change, something said for the first time is one."""
    if not now:
        return False
    if not before:
        return True
    new, old = parse_machine_date(now), parse_machine_date(before)
    return (new != old) if new and old else now.strip() != before.strip()


class Frontier:
    """One source's candidates in one run, and the decision to request each."""

    def __init__(
        self,
        source: Source,
        memory: Mapping[str, Mapping[str, Any]],
        *,
        mode: str = "recent",
        since: str | None = None,
        sample: int = 0,
        now: datetime | None = None,
        count: Callable[[str], None] = lambda name: None,
    ) -> None:
        """`memory`: what is known of the site's URLs, keyed by `url_key`."""
        self.source = source
        self.mode = mode
        self.since = since
        self.sample = sample
        self.now = now or datetime.now(UTC)
        self.count = count
        self.memory = memory
        self.revisits_left = REVISITS_PER_RUN
        self.candidates: dict[str, Candidate] = {}
        # URLs read as listings this run that a feed or sitemap also names: what it says of
        # them is kept too, or the next run, named by that channel first, would see a change.
        self.listings_named: dict[str, Candidate] = {}
        self.channel_urls: set[str] = set()  # feeds, sitemaps and listing pages, by url_key
        self.listing_pages_left = LISTING_PAGE_LIMITS.get(mode, LISTING_PAGE_LIMITS["recent"])
        self.listing_fingerprints: set[tuple[frozenset[str], str]] = set()

    # -- pages that may be articles ---------------------------------------------------

    def offer(
        self,
        url: str,
        channel: str,
        teaser: Teaser | None = None,
        *,
        lastmod: str = "",
        feed_updated: str = "",
    ) -> Candidate | None:
        """Note that `channel` named `url`; the candidate when it should be requested now."""
        url = self.normalise(url)
        if url is None:
            return None
        key = url_key(url)
        if key in self.channel_urls:
            self.count(stats.skipped("read_as_listing"))
            named = self.listings_named.setdefault(key, Candidate(url, Teaser(url=url)))
            named.named_by(channel, lastmod, feed_updated)
            return None
        candidate = self.candidates.get(key)
        if candidate is None:
            self.count(stats.CANDIDATES)
            candidate = Candidate(url, teaser or Teaser(url=url, channel=channel))
            self.candidates[key] = candidate
        elif teaser is not None:
            candidate.teaser.merge(teaser)
        candidate.named_by(channel, lastmod, feed_updated)
        if candidate.requested:
            self.count(stats.skipped("seen"))
            return None
        reason = self._reason_to_skip(key, candidate)
        if reason:
            candidate.deferred = reason in DEFERRING_REASONS
            self.count(stats.skipped(reason))
            return None
        candidate.requested = True
        self.count(stats.REQUESTED)
        return candidate

    def normalise(self, url: str) -> str | None:
        """The URL to request for a link, or None when it is not a page of this site."""
        url = url.split("#", 1)[0].strip()
        if not self.source.is_on_site(url):
            return None
        if not is_page_url(url):
            self.count(stats.skipped("file"))
            return None
        if self.source.is_skipped(url):
            self.count(stats.skipped("skip_paths"))
            return None
        if has_filter_query(url):
            self.count(stats.skipped("filter_query"))
            return None
        try:
            return canonical_url(url)  # tracking parameters gone, query sorted
        except ValueError:
            return None

    def _reason_to_skip(self, key: str, candidate: Candidate) -> str | None:
        if self._before_since(candidate):
            return "before_since"
        known = self.memory.get(key) or {}
        if self.is_backing_off(key):
            return "backing_off"
        # A row without a kind was never read (its only fetch failed): it is not known.
        kind = known.get("kind")
        if self.mode == "recent" and kind and not self._site_says_changed(candidate, known):
            if kind == "article" and self._is_revisit_due(candidate, known):
                self.revisits_left -= 1
                self.count(stats.REVISITS)
                return None
            if kind == "article":
                self.mark_known_unchanged(candidate)
                return "known_unchanged"
            if kind in ("other", "listing"):
                return f"known_{kind}"
        if self.mode == "check":
            if self.sample <= 0:
                return "sample_done"
            self.sample -= 1
        return None

    def mark_known_unchanged(self, candidate: Candidate) -> None:
        """A stored article the site still names, unchanged (by its dates, or a 304)."""
        if not candidate.known_unchanged:
            candidate.known_unchanged = True
            self.count(stats.KNOWN_ARTICLES_NAMED)

    def is_backing_off(self, key: str) -> bool:
        """True for a URL that failed (or was missing) recently and waits for its retry time."""
        retry_at = parse_machine_date((self.memory.get(key) or {}).get("retry_at"))
        return retry_at is not None and retry_at > self.now

    def _is_revisit_due(self, candidate: Candidate, known: Mapping[str, Any]) -> bool:
        """A young article the site says nothing about: due 1, 3, 7 and 30 days after it was
        published, if not fetched since (old articles are left alone)."""
        if self.revisits_left <= 0 or candidate.lastmod or candidate.feed_updated:
            return False
        if any(known.get(k) for k in ("lastmod", "feed_updated", "etag", "last_modified")):
            return False
        published = parse_machine_date(known.get("published_at"))
        fetched = parse_machine_date(known.get("fetched_at"))
        if published is None or fetched is None:
            return False
        passed = [d for d in REVISIT_DAYS if published + timedelta(days=d) <= self.now]
        if not passed or self.now - published > timedelta(days=2 * REVISIT_DAYS[-1]):
            return False
        return fetched < published + timedelta(days=passed[-1])

    @staticmethod
    def _site_says_changed(candidate: Candidate, known: Mapping[str, Any]) -> bool:
        return said_changed(candidate.lastmod, known.get("lastmod")) or said_changed(
            candidate.feed_updated, known.get("feed_updated")
        )

    def _before_since(self, candidate: Candidate) -> bool:
        """True when the site dates the URL before --since (undated URLs pass)."""
        if not self.since:
            return False
        dates = [candidate.lastmod, candidate.feed_updated, candidate.teaser.date_raw]
        parsed = [d for d in map(parse_machine_date, dates) if d is not None]
        return bool(parsed) and max(parsed).date().isoformat() < self.since[:10]

    def candidate(self, url: str) -> Candidate | None:
        return self.candidates.get(url_key(url))

    def settled(self) -> Iterator[Candidate]:
        """Candidates read this run, or not asked for because the site says nothing changed:
        what the site said of them now holds. A URL whose fetch failed, or that waits (its
        back-off, --since), keeps what was said before, so a change is still seen later."""
        candidates = self.candidates.values()
        yield from (c for c in candidates if c.fetched or not (c.requested or c.deferred))
        yield from self.listings_named.values()

    # -- feeds, sitemaps, listings ------------------------------------------------------

    def offer_channel(self, url: str) -> str | None:
        """A feed or sitemap URL to request, once per run."""
        url = url.split("#", 1)[0].strip()
        key = url_key(url)
        if not self.source.is_on_site(url) or key in self.channel_urls:
            return None
        if self.is_backing_off(key):
            self.count(stats.skipped("backing_off"))
            return None
        self.channel_urls.add(key)
        return url

    def offer_listing(self, url: str) -> str | None:
        """A listing page to request: once per run, within the source's listing budget."""
        url = self.normalise(url)
        if url is None:
            return None
        key = url_key(url)
        # A known listing a sitemap named first (and left alone: unchanged) is still read as
        # a listing, as every run reads its listings; any other candidate is a page's.
        candidate = self.candidates.get(key)
        if key in self.channel_urls or (
            candidate and (candidate.requested or self.remembered_kind(url) != "listing")
        ):
            return None
        if self.is_backing_off(key):
            self.count(stats.skipped("backing_off"))
            return None
        if self.listing_pages_left <= 0:
            self.count(stats.skipped("listing_budget"))
            return None
        self.channel_urls.add(key)
        self.listing_pages_left -= 1
        if candidate is not None:  # what the sitemap said of it is kept with the listings'
            self.listings_named[key] = self.candidates.pop(key)
        return url

    def is_repeated_listing(self, teaser_urls: Iterable[str], next_url: str | None) -> bool:
        """True when a listing page shows the teasers and the next page of one already read
        (a trap's copy, or a re-sorted one); a home page repeating a section's first page
        points elsewhere next, so it is not one."""
        teasers = frozenset(url_key(u) for u in teaser_urls)
        if not teasers:
            return False
        fingerprint = (teasers, url_key(next_url) if next_url else "")
        if fingerprint in self.listing_fingerprints:
            self.count(stats.REPEATED_LISTING_PAGES)
            return True
        self.listing_fingerprints.add(fingerprint)
        return False

    def remembered_kind(self, url: str) -> str | None:
        """What an earlier run found the URL to be (article, listing, other...), if read."""
        return (self.memory.get(url_key(url)) or {}).get("kind")

    def is_new(self, url: str) -> bool:
        """True for a URL this source's memory holds nothing about (never fetched, named or
        failed before)."""
        key = url_key(url)
        return key not in self.memory
