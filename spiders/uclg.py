"""UCLG (uclg.org): Drupal, no feed, no JSON-LD or <time>: dates are dd/mm/yyyy text."""

from __future__ import annotations

from aggregator.pages import ArticlePage, ListingPage
from aggregator.spiders.base import NewsSpider


class UclgArticle(ArticlePage):
    date_css = (".field--name-field-date", ".date")
    body_css = (".field--name-body", "article")
    tags_css = (".field--name-field-tags a",)


class UclgListing(ListingPage):
    teaser_css = ".views-row"
    teaser_date_css = (".date", ".field--name-field-date")
    teaser_tags_css = ".tags a"
    next_css = (".pager__item--next a",)


class UclgSpider(NewsSpider):
    name = "uclg"
    article_page = UclgArticle
    listing_page = UclgListing
