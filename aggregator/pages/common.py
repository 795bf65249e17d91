"""What every page reader shares: found values with their provenance, text helpers, errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parsel import Selector


def parse_html(html: str) -> Selector:
    """The page's one parsed tree. Always as HTML: parsel would read a page that opens with an
    `<?xml?>` declaration (XHTML) as XML, where no CSS selector matches its namespaced tags."""
    return Selector(text=html or "<html></html>", type="html")


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
