"""What every page reader shares: found values with their provenance, text helpers, errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parsel import Selector

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "PressRelease"}


def find_article_node(value: Any) -> dict[str, Any] | None:
    """The first Article-typed JSON-LD node, also nested (@graph, WebPage.mainEntity)."""
    if isinstance(value, list):
        return next((n for v in value if (n := find_article_node(v)) is not None), None)
    if not isinstance(value, dict):
        return None
    types = value.get("@type", [])
    types = {types} if isinstance(types, str) else set(types)
    if types & ARTICLE_TYPES:
        return value
    return next((n for v in value.values() if (n := find_article_node(v)) is not None), None)


@dataclass(frozen=True)
class PageVerdict:
    """What a fetched page is (article, listing, other) and the signals that decided it."""

    is_article: bool
    kind: str
    reason: str


class PageError(ValueError):
    """A page that cannot be read as what it claims to be (corrupt PDF, no HTML)."""


@dataclass(frozen=True)
class Found:
    """A raw value and the signal it was read from (e.g. "jsonld", "og", "time")."""

    value: str
    where: str


def text_of(selector: Selector | Any, css: str) -> str:
    """All the text under the first element matched by `css`, whitespace-joined."""
    found = selector.css(css)
    if not found:
        return ""
    return " ".join(t.strip() for t in found[0].css("::text").getall() if t.strip())


def first_css(selector: Selector, selectors: Iterable[str]) -> Found | None:
    """The first non-empty text among site selectors, with the selector as provenance."""
    for css in selectors:
        value = text_of(selector, css)
        if value:
            return Found(value, f"css:{css}")
    return None


def lead_paragraph(body: str, title: str = "", min_chars: int = 80) -> str:
    """The first real paragraph of a body: a summary for pages that publish no description."""
    for paragraph in body.split("\n\n"):
        paragraph = paragraph.strip()
        if len(paragraph) >= min_chars and paragraph not in title:
            return paragraph
    return ""
