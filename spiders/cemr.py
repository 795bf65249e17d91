"""CEMR (ccre-cemr.org): a WordPress site with Yoast metadata, a /press/ page and PDFs."""

from __future__ import annotations

from aggregator.pages import ArticlePage, ListingPage
from aggregator.spiders.base import NewsSpider


class CemrArticle(ArticlePage):
    date_css = (".entry-meta .date", ".post-date")
    body_css = (".entry-content", "article")
    tags_css = (".post-tags a", ".tags a")


class CemrListing(ListingPage):
    teaser_css = "article.teaser"
    teaser_link_css = (".teaser__title a",)
    teaser_date_css = (".teaser__date",)
    teaser_tags_css = ".teaser__tags li"
    next_css = ("a.next",)


class CemrSpider(NewsSpider):
    name = "cemr"
    article_page = CemrArticle
    listing_page = CemrListing
