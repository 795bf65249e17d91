"""The item that flows from a spider through the pipelines into the store.

Spiders fill the raw fields with what the page says and where it said it
(`*_raw`, `*_source`, `lang_hints`); pipelines interpret them into the
normalised fields (`lang`, `published_at`, `canonical_url`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A body shorter than this is not an article's text (a teaser, a caption, a stub).
MIN_BODY_CHARS = 200


@dataclass
class Article:
    """One article (HTML page or PDF) as read from one URL."""

    source: str
    url: str
    fetched_at: str
    content_type: str = "html"  # "html" or "pdf"

    # Text, as found (the clean-text pipeline tidies it in place).
    title: str = ""
    summary: str = ""
    body: str = ""
    summary_truncated: bool = False
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    author: str | None = None

    # URLs: the page's own <link rel=canonical> (raw), then the normalised key.
    canonical_raw: str | None = None
    canonical_url: str | None = None
    aliases: list[str] = field(default_factory=list)
    # The article's versions in other languages (language -> URL), and where the page (or a
    # sitemap) named each: hreflang, jsonld, switcher, anchor, sitemap (see
    # aggregator/pages/language_links.py). Story grouping reads both.
    translations: dict[str, str] = field(default_factory=dict)
    translation_sources: dict[str, str] = field(default_factory=dict)

    # Language: the page's signals by where they were found
    # (html_lang, og_locale, jsonld, hreflang_self, url, listing) and the decision.
    lang_hints: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    lang_confidence: float | None = None
    lang_source: str | None = None

    # Dates: raw text and where it was found; the dates pipeline fills *_at (UTC), and for
    # the publication the date as the site wrote it (ISO 8601 with its offset, or a day) and
    # the site's calendar day, which "articles per day" counts by.
    published_raw: str | None = None
    published_source: str | None = None
    published_at: str | None = None
    published_local: str | None = None
    published_day: str | None = None
    published_rule: str | None = None
    modified_raw: str | None = None
    modified_source: str | None = None
    modified_at: str | None = None
    # Dates seen around the item (listing, PDF metadata, the page's date line and URL): the
    # year of a date written without one, the site's day of a time written in UTC.
    date_context: list[str] = field(default_factory=list)

    # Set by the dedup pipeline.
    content_hash: str | None = None


@dataclass
class Teaser:
    """What a listing, a feed or a sitemap says about an article before it is fetched."""

    url: str
    title: str = ""
    date_raw: str = ""
    date_where: str = ""
    tags: list[str] = field(default_factory=list)
    lang: str | None = None
    channel: str = "listing"  # listing, feed or sitemap
    # The article's other-language versions the channel names (language -> URL): a sitemap's
    # xhtml:link alternates. Weaker than the page's own links (`ArticlePage.to_article`).
    translations: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Teaser) -> None:
        """Fill what this teaser lacks from another one found for the same URL."""
        for name in ("title", "date_raw", "date_where", "lang"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        if not self.tags:
            self.tags = list(other.tags)
        for lang, url in other.translations.items():
            self.translations.setdefault(lang, url)
