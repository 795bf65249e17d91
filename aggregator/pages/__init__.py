"""Page objects: what an article, a listing or a PDF says, read without a crawl.

One small module per page kind (`article`, `listing`, `pdf`) over what they share (`common`);
an article page reads its dates (`datesignals`) and judges what it is (`verdict`) on one
parsed tree (`metadata` for what it says of itself, `layout` for where things sit).
"""

from __future__ import annotations

from aggregator.pages.article import ArticlePage
from aggregator.pages.common import Found, PageError
from aggregator.pages.listing import ListingPage
from aggregator.pages.pdf import join_hard_breaks, pdf_to_article, read_pdf
from aggregator.pages.verdict import PageVerdict

__all__ = [
    "ArticlePage",
    "Found",
    "ListingPage",
    "PageError",
    "PageVerdict",
    "join_hard_breaks",
    "pdf_to_article",
    "read_pdf",
]
