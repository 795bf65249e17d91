"""What a page says about itself in markup: JSON-LD and meta tags in every spelling.

Read from the page's one parsed tree, block by block: a broken JSON-LD block loses only
what cannot be salvaged from that block, never the other blocks or the meta tags (extruct's
page-level extraction raises on one bad block, and on an XHTML page's `<?xml encoding?>`
declaration, and so lost everything at once).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extruct.jsonld import JsonLdExtractor
from lxml.html import HtmlElement

# schema.org types of a news or blog article (and their subtypes seen on news sites).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Report",
        "PressRelease",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "DiscussionForumPosting",
    }
)
# Keys under which JSON-LD nests things that are not the page itself: a comment's or a
# review's date is not the page's.
FOREIGN_KEYS = frozenset(
    {"comment", "comments", "review", "reviews", "itemListElement", "subjectOf", "citation"}
)
# Keys read back from a block that is not valid JSON, as `"key": "text"` pairs.
_SALVAGED_KEYS = ("@type", "headline", "datePublished", "dateCreated", "uploadDate", "dateModified")
_SALVAGE_RE = re.compile(rf'"({"|".join(map(re.escape, _SALVAGED_KEYS))})"\s*:\s*"([^"]{{1,300}})"')
_WRAPPER_RE = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//\s*<!\[CDATA\[)|(?:-->|\]\]>|//\s*\]\]>)\s*$")
_EXTRACTOR = JsonLdExtractor()


@dataclass(frozen=True)
class JsonLdNode:
    """One JSON-LD object, its types, and whether it stands for the page (not a part of it)."""

    data: dict[str, Any]
    types: frozenset[str]
    depth: int  # 0: a top-level or @graph node; more: nested under another node's key
    under: str = ""  # the key it is nested under ("mainEntity", "isPartOf", ...)

    @property
    def is_article(self) -> bool:
        return bool(self.types & ARTICLE_TYPES)


def _types(node: dict[str, Any]) -> frozenset[str]:
    value = node.get("@type", [])
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    # "http://schema.org/NewsArticle" and "schema:NewsArticle" are the same type.
    return frozenset(str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values)


def _block_items(script: HtmlElement) -> list[Any]:
    """The objects of one JSON-LD block; what can be read of it when it is broken."""
    try:  # extruct reads the block when its type is spelled exactly, comments and all
        if items := _EXTRACTOR.extract_items(script):
            return items
    except (ValueError, TypeError, RecursionError):
        pass
    text = _WRAPPER_RE.sub("", script.text_content() or "").strip()
    decoder = json.JSONDecoder(strict=False)
    items: list[Any] = []
    position = 0
    try:  # valid objects followed by garbage ("...}];", two objects in one block)
        while position < len(text):
            value, end = decoder.raw_decode(text, position)
            items.extend(value if isinstance(value, list) else [value])
            position = end
            while position < len(text) and text[position] in " \t\r\n;,":
                position += 1
    except ValueError:
        salvaged = dict(_SALVAGE_RE.findall(text[position:]))
        if salvaged:
            items.append(salvaged)
    return items


def _walk(value: Any, depth: int, under: str) -> Iterator[JsonLdNode]:
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth, under)
        return
    if not isinstance(value, dict):
        return
    graph = value.get("@graph")
    if graph is not None:  # a graph's members stand at the level of the graph itself
        yield from _walk(graph, depth, under)
    types = _types(value)
    if types or depth == 0:
        yield JsonLdNode(value, types, depth, under)
    for key, child in value.items():
        if key != "@graph" and isinstance(child, dict | list):
            yield from _walk(child, depth + 1, key)


def read_jsonld(root: HtmlElement) -> tuple[JsonLdNode, ...]:
    """Every JSON-LD node of the page in document order, nested ones after their parent."""
    nodes: list[JsonLdNode] = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            nodes.extend(_walk(_block_items(script), 0, ""))
    return tuple(nodes)


@dataclass(frozen=True)
class MetaTags:
    """`<meta>` contents by lower-cased key, whichever attribute names them (property, name,
    itemprop, http-equiv): `article:published_time` is written with `name=` on many sites."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def first(self, *keys: str) -> str:
        """The first non-empty content among the keys, in the order given."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return ""

    def og(self) -> dict[str, str]:
        """OpenGraph and article:* properties (first value of each)."""
        return {
            key: values[0]
            for key, values in self.values.items()
            if key.startswith(("og:", "article:")) and values
        }


def read_meta(root: HtmlElement) -> MetaTags:
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            if key := (meta.get(attribute) or "").strip().lower():
                values.setdefault(key, []).append(content)
    return MetaTags({key: tuple(found) for key, found in values.items()})
