"""Which URL a crawl asks for: each decision of the frontier, without a crawl."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from aggregator.config import Source
from aggregator.frontier import Frontier, has_filter_query, is_page_url, said_changed
from aggregator.items import Teaser
from aggregator.spiders.base import read_sitemap_xml
from aggregator.urls import url_key

SITE = Source(key="ogp", name="OGP", base_url="https://www.opengovpartnership.org")
NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
ARTICLE = "https://www.opengovpartnership.org/stories/open-budgets/"


def frontier(memory: dict | None = None, **kwargs: object) -> tuple[Frontier, Counter]:
    counts: Counter = Counter()
    known = {url_key(url): row for url, row in (memory or {}).items()}
    found = Frontier(SITE, known, now=NOW, count=lambda name: counts.update([name]), **kwargs)
    return found, counts


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/news/a-story/", True),
        ("https://x.org/press/release.pdf", True),  # press releases are PDFs
        ("https://x.org/wp-content/uploads/photo.JPG", False),
        ("https://x.org/files/report.docx", False),
        ("https://x.org/news/v2.1-released", True),
    ],
)
def test_files_that_are_not_pages(url: str, expected: bool) -> None:
    assert is_page_url(url) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/?p=123", False),  # a shortlink names one page
        ("https://x.org/news?page=2", False),  # a page of a listing
        ("https://x.org/stories/?type=blog", True),  # re-filters a listing
        ("https://x.org/page/6/?page_number=2&post_type=news", True),  # the crawler trap
        ("https://x.org/news/?country=kenya&lang=fr", True),
    ],
)
def test_query_strings_that_only_refilter_a_listing(url: str, expected: bool) -> None:
    assert has_filter_query(url) is expected


def test_a_url_named_twice_is_requested_once_whatever_its_spelling() -> None:
    found, counts = frontier()
    assert found.offer(ARTICLE, "sitemap") is not None
    for spelling in (
        "http://opengovpartnership.org/stories/open-budgets",
        "https://www.opengovpartnership.org/stories/open-budgets/?utm_source=x#top",
    ):
        assert found.offer(spelling, "feed /feed/") is None
    candidate = found.candidate(ARTICLE)
    assert candidate.channels == {"sitemap", "feed /feed/"}
    assert (counts["discovery/candidates"], counts["discovery/requested"]) == (1, 1)


def test_off_site_files_traps_and_skip_hints_are_not_requested() -> None:
    hinted = Source(key="ogp", name="OGP", base_url=SITE.base_url, skip_paths=("^/members/",))
    found = Frontier(hinted, {}, now=NOW)
    for url in (
        "https://example.org/stories/open-budgets/",
        "https://www.opengovpartnership.org/wp-content/uploads/a.png",
        "https://www.opengovpartnership.org/page/6/?page_number=2&post_type=news",
        "https://www.opengovpartnership.org/members/italy/",
    ):
        assert found.offer(url, "listing /news/") is None, url


def test_a_known_article_is_asked_again_only_when_the_site_says_it_changed() -> None:
    memory = {ARTICLE: {"kind": "article", "lastmod": "2026-03-01T10:00:00+01:00"}}
    same, counts = frontier(memory)
    assert same.offer(ARTICLE, "sitemap", lastmod="2026-03-01T09:00:00Z") is None
    assert counts["discovery/skipped/known_unchanged"] == 1
    assert counts["discovery/known_articles_named"] == 1
    edited, _ = frontier(memory)
    assert edited.offer(ARTICLE, "sitemap", lastmod="2026-03-02T08:00:00+01:00") is not None


def test_a_later_channel_that_says_changed_wins_over_an_earlier_one_that_said_nothing() -> None:
    memory = {ARTICLE: {"kind": "article", "lastmod": "2026-03-01", "feed_updated": "x"}}
    found, _ = frontier(memory)
    assert found.offer(ARTICLE, "feed /feed/", feed_updated="x") is None
    assert found.offer(ARTICLE, "sitemap", lastmod="2026-04-01") is not None


def test_known_non_articles_are_not_asked_again_and_full_mode_asks_everything() -> None:
    about = "https://www.opengovpartnership.org/about/"
    memory = {about: {"kind": "other", "reason": "about/contact/legal"}}
    daily, counts = frontier(memory)
    assert daily.offer(about, "sitemap") is None
    assert counts["discovery/skipped/known_other"] == 1
    full, _ = frontier(memory, mode="full")
    assert full.offer(about, "sitemap") is not None


def test_a_failing_url_waits_for_its_retry_time() -> None:
    memory = {ARTICLE: {"kind": "article", "retry_at": "2026-12-01T00:00:00+00:00"}}
    found, counts = frontier(memory, mode="full")
    assert found.offer(ARTICLE, "sitemap") is None
    assert counts["discovery/skipped/backing_off"] == 1
    later = {ARTICLE: {"kind": "article", "retry_at": "2026-11-28T00:00:00+00:00"}}
    assert frontier(later, mode="full")[0].offer(ARTICLE, "sitemap") is not None


def test_a_page_whose_only_fetch_failed_is_asked_again_once_its_back_off_ends() -> None:
    failed = {"failures": 1, "status": 500, "retry_at": "2026-11-28T00:00:00+00:00"}
    found, counts = frontier({ARTICLE: failed})
    assert found.offer(ARTICLE, "listing /stories/") is not None  # the site says nothing
    assert not counts["discovery/skipped/known_other"]


def test_what_a_waiting_url_is_said_to_be_is_not_kept_as_seen() -> None:
    memory = {
        ARTICLE: {
            "kind": "article",
            "lastmod": "2026-03-01",
            "retry_at": "2026-12-01T00:00:00+00:00",
        }
    }
    found, _ = frontier(memory)
    assert found.offer(ARTICLE, "sitemap", lastmod="2026-04-01") is None  # backing off
    assert list(found.settled()) == []  # so the next run still sees the new lastmod
    unchanged, _ = frontier({ARTICLE: {"kind": "article", "lastmod": "2026-03-01"}})
    assert unchanged.offer(ARTICLE, "sitemap", lastmod="2026-03-01") is None
    assert [c.url for c in unchanged.settled()] == [ARTICLE]


@pytest.mark.parametrize(
    "pages",
    [
        [
            "https://www.opengovpartnership.org/news",
            "https://www.opengovpartnership.org/news?page=2",
        ],
        ["https://www.opengovpartnership.org/?p=1", "https://www.opengovpartnership.org/?p=2"],
    ],
)
def test_parameters_that_name_a_page_keep_pages_apart(pages: list[str]) -> None:
    listings, _ = frontier()
    assert [listings.offer_listing(p) is not None for p in pages] == [True, True]
    articles, _ = frontier()
    assert [articles.offer(p, "sitemap") is not None for p in pages] == [True, True]


@pytest.mark.parametrize(
    ("published", "fetched", "due"),
    [
        ("2026-11-27T10:00:00+00:00", "2026-11-27T11:00:00+00:00", True),  # one day on
        ("2026-11-27T10:00:00+00:00", "2026-11-28T11:00:00+00:00", False),  # already seen
        ("2026-11-25T10:00:00+00:00", "2026-11-27T11:00:00+00:00", True),  # three days on
        ("2026-06-01T10:00:00+00:00", "2026-06-02T11:00:00+00:00", False),  # old: left alone
    ],
)
def test_articles_whose_site_says_nothing_are_revisited_young(
    published: str, fetched: str, due: bool
) -> None:
    memory = {ARTICLE: {"kind": "article", "published_at": published, "fetched_at": fetched}}
    found, _ = frontier(memory)
    assert (found.offer(ARTICLE, "listing /stories/") is not None) is due


def test_a_check_fetches_its_sample_only() -> None:
    found, _ = frontier(mode="check", sample=2)
    urls = [f"{SITE.base_url}/stories/s{i}/" for i in range(4)]
    assert [found.offer(u, "sitemap") is not None for u in urls] == [True, True, False, False]


def test_listing_pages_are_bounded_and_a_repeated_page_is_seen() -> None:
    found, _ = frontier()
    pages = [f"{SITE.base_url}/news/page/{n}/" for n in range(2, 60)]
    assert sum(found.offer_listing(p) is not None for p in pages) == 40
    teasers = [f"{SITE.base_url}/news/a{i}/" for i in range(5)]
    assert not found.is_repeated_listing(teasers, f"{SITE.base_url}/news/page/8/")
    assert found.is_repeated_listing(teasers, f"{SITE.base_url}/news/page/8/")
    assert not found.is_repeated_listing(teasers, f"{SITE.base_url}/category/x/page/2/")


def test_since_skips_what_the_site_dates_before_it() -> None:
    found, _ = frontier(since="2026-01-01")
    old = Teaser(url=ARTICLE, date_raw="Fri, 25 Jul 2025 08:15:00 +0000")
    assert found.offer(ARTICLE, "feed /feed/", old) is None
    undated = f"{SITE.base_url}/stories/undated/"
    assert found.offer(undated, "listing /stories/") is not None


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        ("2026-03-01T10:00:00+01:00", "2026-03-01T09:00:00Z", False),  # the same instant
        ("2026-03-02", "2026-03-01", True),
        ("", "2026-03-01", False),  # saying nothing is no change
        ("2026-03-01", None, True),  # said for the first time
    ],
)
def test_what_counts_as_the_site_saying_something_changed(
    now: str, before: str | None, expected: bool
) -> None:
    assert said_changed(now, before) is expected


def test_sitemap_alternates_keep_their_languages() -> None:
    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://s.org/en/a</loc>'
        b'<xhtml:link rel="alternate" hreflang="fr-FR" href="https://s.org/fr/b"/>'
        b'<xhtml:link rel="alternate" hreflang="x-default" href="https://s.org/en/a"/>'
        b"</url><url><loc>https://s.org/en/c</loc></url></urlset>"
    )
    assert read_sitemap_xml(body) == ({"https://s.org/en/a": {"fr": "https://s.org/fr/b"}}, None)
    alternates, problem = read_sitemap_xml(body[:-20])
    assert problem is not None  # a truncated sitemap is said to be one
    assert alternates == {"https://s.org/en/a": {"fr": "https://s.org/fr/b"}}  # what it keeps


def test_sitemap_alternates_read_their_language_tags_as_pages_do() -> None:
    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://s.org/en/a</loc>'
        b'<xhtml:link rel="alternate" hreflang="pt_BR" href="https://s.org/pt/b"/>'
        b'<xhtml:link rel="alternate" hreflang="ES" href="https://s.org/es/c"/>'
        b'<xhtml:link rel="alternate" hreflang="Deutsch" href="https://s.org/de/d"/>'
        b"</url></urlset>"
    )
    assert read_sitemap_xml(body)[0] == {
        "https://s.org/en/a": {"pt": "https://s.org/pt/b", "es": "https://s.org/es/c"}
    }


@pytest.mark.parametrize(("kind", "conditional"), [("article", True), ("listing", False)])
def test_only_a_stored_article_is_asked_for_conditionally(kind: str, conditional: bool) -> None:
    """A 304 gives no body: an article needs none, a listing's teasers would be lost."""
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from aggregator.conditional import ConditionalRequests

    url = f"{SITE.base_url}/news/"
    known = {"kind": kind, "etag": '"v1"', "last_modified": "Wed, 01 Jul 2026 10:00:00 GMT"}
    database = SimpleNamespace(memory={url_key(url): known})
    crawler = get_crawler()
    crawler.stats.open_spider()
    middleware = ConditionalRequests(crawler, database)
    request = Request(url, meta={"kind": "page"})
    middleware.process_request(request)
    assert (b"If-None-Match" in request.headers) is conditional
    assert (b"If-Modified-Since" in request.headers) is conditional


def test_what_a_sitemap_says_of_a_url_read_as_a_listing_is_kept() -> None:
    """A tag page read as a listing and also named by the sitemap: the next run, where the
    sitemap names it first, must find its lastmod unchanged and not fetch it again."""
    tag = "https://www.opengovpartnership.org/tag/open-budgets/"
    found, _ = frontier()
    assert found.offer_listing(tag) == tag
    assert found.offer(tag, "sitemap", lastmod="2026-11-20") is None
    kept = {c.url: c.lastmod for c in found.settled()}
    assert kept == {tag: "2026-11-20"}
    next_run, counts = frontier({tag: {"kind": "listing", "lastmod": kept[tag]}})
    assert next_run.offer(tag, "sitemap", lastmod="2026-11-20") is None
    assert counts["discovery/skipped/known_listing"] == 1


def test_a_known_listing_a_sitemap_named_first_is_still_read_as_a_listing() -> None:
    """Every run reads its listings (that is how it finds what is new on them), whichever
    channel names the page first."""
    news = "https://www.opengovpartnership.org/fr/news/"
    memory = {news: {"kind": "listing", "lastmod": "2026-11-20"}}
    found, counts = frontier(memory)
    assert found.offer(news, "sitemap", lastmod="2026-11-20") is None  # unchanged, as a page
    assert counts["discovery/skipped/known_listing"] == 1
    assert found.offer_listing(news) == news
    assert found.offer_listing(news) is None  # once per run
    assert found.offer(news, "feed https://www.opengovpartnership.org/fr/feed/") is None
    said = [(c.url, sorted(c.channels), c.lastmod) for c in found.settled()]
    assert said == [
        (news, ["feed https://www.opengovpartnership.org/fr/feed/", "sitemap"], "2026-11-20")
    ]
    about = "https://www.opengovpartnership.org/about/"
    other, _ = frontier({about: {"kind": "other"}})
    assert other.offer(about, "sitemap") is None
    assert other.offer_listing(about) is None  # a page known as no listing stays one
