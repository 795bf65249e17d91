"""One key per article: every URL a page is reached by maps to a single canonical form.

The form itself is `aggregator.urls.canonical_url`. The pipeline prefers the page's own
`<link rel=canonical>` (its path kept as declared) when it points to the same site, and keeps
every other URL seen for the article as an alias.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aggregator import stats as names
from aggregator.items import Article
from aggregator.pipelines import SourcesPipeline
from aggregator.urls import canonical_url


def canonicalise_article(
    item: Article,
    *,
    site_host: str | None = None,
    site_scheme: str | None = None,
    trailing_slash: bool | None = None,
) -> str:
    """Fill item.canonical_url and item.aliases; returns where the key came from (for stats)."""
    try:
        from_url = canonical_url(
            item.url, site_host=site_host, site_scheme=site_scheme, trailing_slash=trailing_slash
        )
    except ValueError:
        item.canonical_url = item.url  # kept raw (and counted): the store still needs a key
        return "unparsable"
    source, canonical = "url", from_url
    if item.canonical_raw:
        try:
            declared = canonical_url(
                item.canonical_raw, site_host=site_host, site_scheme=site_scheme
            )
        except ValueError:
            declared = None
        if declared is None:
            source = "url_bad_link"
        elif site_host is None or urlsplit(declared).netloc == urlsplit(from_url).netloc:
            source, canonical = "link", declared
        else:
            source = "url_foreign_link"
    item.canonical_url = canonical
    seen = [*item.aliases, item.url, from_url]
    if source == "link":
        seen.append(item.canonical_raw)
    item.aliases = [url for url in dict.fromkeys(seen) if url and url != canonical]
    return source


class CanonicalUrlPipeline(SourcesPipeline):
    """Scrapy shell around `canonicalise_article`, with each item's source's host and habits."""

    def process_item(self, item: Article) -> Article:
        source = self.sources.get(item.source)
        outcome = canonicalise_article(
            item,
            site_host=source.host if source else None,
            site_scheme=source.scheme if source else None,
            trailing_slash=source.trailing_slash if source else None,
        )
        self.stats.inc_value(names.canonical_from(outcome))
        if item.aliases:
            self.stats.inc_value(names.CANONICAL_WITH_ALIASES)
        return item
