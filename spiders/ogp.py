"""OGP (opengovpartnership.org): WordPress; translations keep the English slug under /fr/."""

from __future__ import annotations

from aggregator.pages import ArticlePage, ListingPage
from aggregator.spiders.base import NewsSpider


class OgpArticle(ArticlePage):
    title_css = ("h1.entry-title",)
    body_css = (".entry-content", "article")
    noise_css = (".title-es", ".skip-link")


class OgpListing(ListingPage):
    teaser_css = "article"
    next_css = ("a.next",)


class OgpSpider(NewsSpider):
    name = "ogp"
    article_page = OgpArticle
    listing_page = OgpListing
