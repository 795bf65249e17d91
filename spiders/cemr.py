"""CEMR (ccre-cemr.org): a WordPress site with Yoast metadata, a /press/ page and PDFs."""

from __future__ import annotations

from aggregator.pages import ArticlePage, ListingPage
from spiders.base import NewsSpider


class CemrArticle(ArticlePage):
    date_css = (".entry-meta .date", ".post-date")
    body_css = (".entry-content", "article")
    tags_css = (".post-tags a", ".tags a")


class CemrListing(ListingPage):
    teaser_css = "article, .teaser, .press-item"
    teaser_date_css = (".date", ".post-date")
    teaser_summary_css = (".excerpt", ".summary", "p")
    teaser_tags_css = ".tags a, .post-tags a"
    next_css = ("a.next",)


class CemrSpider(NewsSpider):
    name = "cemr"
    article_page = CemrArticle
    listing_page = CemrListing
