"""Page objects: what an article, a listing or a PDF says, read without a crawl.

One small module per page kind (`article`, `listing`, `pdf`) over what they share (`common`).
"""

from __future__ import annotations

from aggregator.pages.article import ArticlePage
from aggregator.pages.common import Found, PageError
from aggregator.pages.listing import ListingPage
from aggregator.pages.pdf import join_hard_breaks, pdf_to_article, read_pdf

__all__ = [
    "ArticlePage",
    "Found",
    "ListingPage",
    "PageError",
    "join_hard_breaks",
    "pdf_to_article",
    "read_pdf",
]
