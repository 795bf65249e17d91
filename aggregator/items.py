"""The item that flows from a spider through the pipelines into the store.

Spiders fill the raw fields with what the page says and where it said it
(`*_raw`, `*_source`, `lang_hints`); pipelines interpret them into the
normalised fields (`lang`, `published_at`, `canonical_url`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    # hreflang / "Lire en français" links: language -> URL.
    translations: dict[str, str] = field(default_factory=dict)

    # Language: the page's signals by where they were found
    # (html_lang, og_locale, jsonld, hreflang_self, url, listing) and the decision.
    lang_hints: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    lang_confidence: float | None = None
    lang_source: str | None = None

    # Dates: raw text and where it was found; the dates pipeline fills *_at.
    published_raw: str | None = None
    published_source: str | None = None
    published_at: str | None = None
    published_rule: str | None = None
    modified_raw: str | None = None
    modified_source: str | None = None
    modified_at: str | None = None
    # Full dates seen around the item (listing, PDF metadata) for dates without a year.
    date_context: list[str] = field(default_factory=list)

    # Set by the dedup pipeline.
    content_hash: str | None = None
