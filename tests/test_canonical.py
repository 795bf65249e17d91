"""Canonical URLs: every spelling of one page maps to one key; other spellings become aliases."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from aggregator.config import Source
from aggregator.items import Article
from aggregator.pipelines.canonical import CanonicalUrlPipeline
from aggregator.urls import canonical_url

UCLG = {"site_host": "www.uclg.org", "site_scheme": "https"}


@pytest.mark.parametrize(
    ("url", "kwargs", "expected"),
    [
        # scheme, host case and www. follow the site's configuration
        ("http://uclg.org/en/media/news/x", UCLG, "https://www.uclg.org/en/media/news/x"),
        ("HTTPS://WWW.UCLG.ORG/en/media/news/x", UCLG, "https://www.uclg.org/en/media/news/x"),
        ("https://www.uclg.org:443/en/media/news/x", UCLG, "https://www.uclg.org/en/media/news/x"),
        ("http://www.uclg.org:80/en/media/news/x", UCLG, "https://www.uclg.org/en/media/news/x"),
        (
            "https://opengovpartnership.org/news/x/",
            {"site_host": "www.opengovpartnership.org", "site_scheme": "https"},
            "https://www.opengovpartnership.org/news/x/",
        ),
        (
            "https://www.ccre-cemr.org/news/x/",
            {"site_host": "ccre-cemr.org", "site_scheme": "https"},
            "https://ccre-cemr.org/news/x/",
        ),
        # the offline mirror: host and port kept, scheme from its base URL
        (
            "https://127.0.0.1:8101/news/x/",
            {"site_host": "127.0.0.1:8101", "site_scheme": "http"},
            "http://127.0.0.1:8101/news/x/",
        ),
        # another site: host lower-cased, its own scheme and explicit port kept
        ("HTTP://Example.ORG:8080/a?b=1", UCLG, "http://example.org:8080/a?b=1"),
        ("https://example.org:443/a", {}, "https://example.org/a"),
        # fragments, tracking parameters, parameter order
        (
            "https://www.uclg.org/en/media/news?page=2#main",
            UCLG,
            "https://www.uclg.org/en/media/news?page=2",
        ),
        (
            "https://www.uclg.org/en/media/news?utm_source=nl&page=2&utm_medium=email&fbclid=A1",
            UCLG,
            "https://www.uclg.org/en/media/news?page=2",
        ),
        (
            "https://ccre-cemr.org/?s=energy&mc_cid=9&mc_eid=8&gclid=7&_ga=2.1&lang=fr",
            {},
            "https://ccre-cemr.org/?lang=fr&s=energy",
        ),
        ("https://ccre-cemr.org/news/x/?b=2&a=1", {}, "https://ccre-cemr.org/news/x/?a=1&b=2"),
        # percent-encoding in one form
        (
            "https://platforma-dev.eu/fr/2023/07/é-t/",
            {},
            "https://platforma-dev.eu/fr/2023/07/%C3%A9-t/",
        ),
        # trailing slash as the site writes its paths (never after a file name)
        (
            "https://www.uclg.org/en/media/news/x/",
            {**UCLG, "trailing_slash": False},
            "https://www.uclg.org/en/media/news/x",
        ),
        (
            "https://ccre-cemr.org/news/x",
            {"site_host": "ccre-cemr.org", "trailing_slash": True},
            "https://ccre-cemr.org/news/x/",
        ),
        (
            "https://ccre-cemr.org/wp-content/uploads/2008/11/cp.pdf",
            {"site_host": "ccre-cemr.org", "trailing_slash": True},
            "https://ccre-cemr.org/wp-content/uploads/2008/11/cp.pdf",
        ),
        (
            "https://ccre-cemr.org",
            {"site_host": "ccre-cemr.org", "trailing_slash": False},
            "https://ccre-cemr.org/",
        ),
        (
            "https://other.org/news/x",
            {"site_host": "ccre-cemr.org", "trailing_slash": True},
            "https://other.org/news/x",
        ),
    ],
)
def test_canonical_url(url, kwargs, expected):
    assert canonical_url(url, **kwargs) == expected


@pytest.mark.parametrize(
    "url", ["mailto:cemr@ccre.org", "javascript:void(0)", "/relative/path", ""]
)
def test_canonical_url_rejects_what_is_not_an_http_url(url):
    with pytest.raises(ValueError):
        canonical_url(url)


def test_http_and_https_variants_of_one_page_share_one_key():
    variants = [
        "http://www.uclg.org/en/media/news/gold-vi",
        "https://uclg.org/en/media/news/gold-vi/?utm_campaign=x",
        "HTTPS://WWW.uclg.org:443/en/media/news/gold-vi#top",
    ]
    keys = {canonical_url(u, **UCLG, trailing_slash=False) for u in variants}
    assert keys == {"https://www.uclg.org/en/media/news/gold-vi"}


def _pipeline(source: Source | None):
    values: dict[str, int] = {}
    stats = SimpleNamespace(
        inc_value=lambda key, n=1: values.__setitem__(key, values.get(key, 0) + n)
    )
    sources = {source.key: source} if source else {}
    return CanonicalUrlPipeline(sources, stats), values


OGP = Source(
    key="ogp",
    name="OGP",
    base_url="https://www.opengovpartnership.org",
    trailing_slash=True,
)


def test_pipeline_prefers_the_pages_canonical_link_and_keeps_the_url_as_alias():
    item = Article(
        source="ogp",
        url="http://opengovpartnership.org/fr/news/broken-links?utm_source=twitter",
        fetched_at="2025-08-01T12:00:00+00:00",
        canonical_raw="https://www.opengovpartnership.org/fr/news/broken-links/",
    )
    pipeline, stats = _pipeline(OGP)
    assert pipeline.process_item(item) is item
    assert item.canonical_url == "https://www.opengovpartnership.org/fr/news/broken-links/"
    assert item.aliases == ["http://opengovpartnership.org/fr/news/broken-links?utm_source=twitter"]
    assert stats == {"canonical/from/link": 1, "canonical/with_aliases": 1}


def test_pipeline_ignores_a_canonical_link_to_another_site():
    item = Article(
        source="platforma",
        url="https://platforma-dev.eu/2023/07/eu-celac-summit",
        fetched_at="2025-08-01T12:00:00+00:00",
        canonical_raw="https://ccre-cemr.org/news/eu-celac-summit/",
    )
    source = Source(
        key="platforma",
        name="PLATFORMA",
        base_url="https://platforma-dev.eu",
        trailing_slash=True,
    )
    pipeline, stats = _pipeline(source)
    pipeline.process_item(item)
    assert item.canonical_url == "https://platforma-dev.eu/2023/07/eu-celac-summit/"
    assert item.aliases == ["https://platforma-dev.eu/2023/07/eu-celac-summit"]
    assert stats["canonical/from/url_foreign_link"] == 1


def test_pipeline_without_source_or_link_uses_the_url_and_adds_no_alias_when_equal():
    item = Article(source="x", url="https://ccre-cemr.org/news/a/", fetched_at="t")
    pipeline, stats = _pipeline(None)
    pipeline.process_item(item)
    assert item.canonical_url == "https://ccre-cemr.org/news/a/"
    assert item.aliases == []
    assert stats == {"canonical/from/url": 1}


def test_pipeline_keeps_an_unusable_url_raw_and_counts_it():
    item = Article(source="x", url="mailto:cemr@ccre.org", fetched_at="t")
    pipeline, stats = _pipeline(OGP)
    assert pipeline.process_item(item) is item
    assert item.canonical_url == "mailto:cemr@ccre.org"
    assert stats == {"canonical/from/unparsable": 1}
