"""One key per article: every URL a page is reached by maps to a single canonical form.

The form itself is `aggregator.urls.canonical_url`. The pipeline prefers the page's own
`<link rel=canonical>` (its path kept as declared) when it points to the same site, and keeps
every other URL seen for the article as an alias.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aggregator.items import Article
from aggregator.urls import canonical_url


def slash_convention(article_paths: tuple[str, ...]) -> bool | None:
    """The site's trailing-slash habit read from its article path regexes ("/$" or "[^/]+$")."""
    endings = {p.endswith("/$") for p in article_paths if p.endswith("$") and ".pdf" not in p}
    return endings.pop() if len(endings) == 1 else None


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


class CanonicalUrlPipeline:
    """Scrapy shell around `canonicalise_article`, configured from the spider's Source."""

    def __init__(self, crawler=None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> CanonicalUrlPipeline:
        return cls(crawler)

    def _site(self) -> tuple[str | None, str | None, bool | None]:
        source = getattr(getattr(self.crawler, "spider", None), "source", None)
        if source is None:
            return None, None, None
        base = urlsplit(source.base_url)
        return source.host, base.scheme, slash_convention(source.article_paths)

    def process_item(self, item: Article) -> Article:
        site_host, site_scheme, slash = self._site()
        outcome = canonicalise_article(
            item, site_host=site_host, site_scheme=site_scheme, trailing_slash=slash
        )
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            stats.inc_value(f"canonical/from/{outcome}")
            if item.aliases:
                stats.inc_value("canonical/with_aliases")
        return item
