"""PLATFORMA (platforma-dev.eu): WordPress without JSON-LD; French listings mix in English items."""

from __future__ import annotations

from aggregator.pages import ArticlePage, ListingPage
from aggregator.spiders.base import NewsSpider


class PlatformaArticle(ArticlePage):
    body_css = (".entry-content", "article")
    tags_css = (".tags-links a",)


class PlatformaListing(ListingPage):
    teaser_css = "article"
    next_css = ("a.next",)


class PlatformaSpider(NewsSpider):
    name = "platforma"
    article_page = PlatformaArticle
    listing_page = PlatformaListing
