"""A page of a news listing: its teasers and the link to its next page."""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from aggregator.config import Source
from aggregator.dateshapes import is_date_text
from aggregator.items import Teaser
from aggregator.pages.common import first_css, parse_html, text_of
from aggregator.urls import lang_of_path

# What a pager's forward link says: a word for "next" or only a forward arrow.
NEXT_WORDS_RE = re.compile(
    r"^(?:(?:next|suivant|suivante|siguiente|older|page suivante|articles plus anciens)\b"
    r"|[›»→]+$)",
    re.IGNORECASE,
)


class ListingPage:
    """A page of a news listing: its teasers and the link to the next page."""

    teaser_css: ClassVar[str] = ""
    # Tried in order: the heading link is the title; an image link comes first in many themes.
    teaser_link_css: ClassVar[tuple[str, ...]] = ("h2 a", "h3 a", "h4 a", "a")
    teaser_date_css: ClassVar[tuple[str, ...]] = ()
    teaser_tags_css: ClassVar[str] = ""
    next_css: ClassVar[tuple[str, ...]] = ()

    def __init__(self, url: str, html: str, source: Source) -> None:
        self.url = url
        self.source = source
        self.sel = parse_html(html)

    def lang(self) -> str | None:
        """The interface language of the listing (weak evidence for its items)."""
        html_lang = (self.sel.css("html::attr(lang)").get() or "")[:2].lower()
        return html_lang or lang_of_path(self.url, self.source.languages)

    def teasers(self) -> list[Teaser]:
        """Rich teasers from the site's selectors, then every other article link on the page."""
        found: dict[str, Teaser] = {}
        lang = self.lang()
        if self.teaser_css:
            for node in self.sel.css(self.teaser_css):
                link = next((c for c in self.teaser_link_css if node.css(f"{c}[href]")), None)
                if link is None:
                    continue
                href = node.css(f"{link}::attr(href)").get() or ""
                url = urljoin(self.url, href.strip())
                if not self.source.is_article_url(url):
                    continue
                date = first_css(node, self.teaser_date_css)
                time_attr = node.css("time::attr(datetime)").get()
                teaser = Teaser(
                    url=url,
                    title=text_of(node, link),
                    date_raw=time_attr or (date.value if date else ""),
                    date_where="time" if time_attr else (date.where if date else ""),
                    tags=[
                        t.strip()
                        for t in node.css(f"{self.teaser_tags_css} ::text").getall()
                        if t.strip()
                    ]
                    if self.teaser_tags_css
                    else [],
                    lang=lang,
                )
                found.setdefault(url, teaser)
        for teaser in self._generic_teasers(lang):
            if teaser.url in found:
                found[teaser.url].merge(teaser)
            else:
                found[teaser.url] = teaser
        return list(found.values())

    def _article_links(self, node: Selector) -> dict[str, list[Selector]]:
        """Article URLs linked under `node`, each with its anchors, in page order."""
        links: dict[str, list[Selector]] = {}
        for anchor in node.css("a[href]"):
            url = urljoin(self.url, anchor.attrib["href"].strip())
            if url.split("#")[0] != self.url and self.source.is_article_url(url):
                links.setdefault(url, []).append(anchor)
        return links

    def _generic_teasers(self, lang: str | None) -> list[Teaser]:
        """Every article link, read in its teaser: the largest element that links only to it.

        No class name is needed, so a redesign that renames every class still yields the
        title (a heading, else the longest link text, not "Read more") and the date.
        """
        teasers: list[Teaser] = []
        for url, anchors in self._article_links(self.sel).items():
            box = anchors[0]
            while (parent := box.xpath("..")) and parent[0].root.tag not in ("body", "html"):
                if set(self._article_links(parent[0])) != {url}:
                    break
                box = parent[0]
            heading = next(
                (t for h in box.css("h1, h2, h3, h4, h5, h6") if (t := text_of(h, "*"))), ""
            )
            texts = [" ".join(" ".join(a.css("::text").getall()).split()) for a in anchors]
            title = heading or max(texts, key=len)
            time_attr = box.css("time::attr(datetime)").get()
            date = time_attr or next(
                (" ".join(t.split()) for t in box.css("::text").getall() if is_date_text(t)), ""
            )
            where = "time" if time_attr else ("text" if date else "")
            teasers.append(Teaser(url, title=title, date_raw=date, date_where=where, lang=lang))
        return teasers

    def next_page(self) -> str | None:
        """rel=next in the head or the pager, the site's pager selector, then a generic pager."""
        for css in (
            'link[rel~="next"]::attr(href)',
            'a[rel~="next"]::attr(href)',
            *(f"{c}::attr(href)" for c in self.next_css),
        ):
            href = self.sel.css(css).get()
            if href:
                return urljoin(self.url, href.strip())
        return self._generic_next()

    def _generic_next(self) -> str | None:
        """A pager link that says "next" in its class, label or text and is not an article."""
        for anchor in self.sel.css("a[href]"):
            classes = anchor.attrib.get("class", "").lower().replace("_", "-").split()
            label = anchor.attrib.get("aria-label", "") or anchor.attrib.get("title", "")
            text = " ".join(" ".join(anchor.css("::text").getall()).split())
            says_next = (
                any(re.search(r"(^|-)next($|-)", c) for c in classes)
                or NEXT_WORDS_RE.match(label.strip()) is not None
                or NEXT_WORDS_RE.match(text) is not None
            )
            if not says_next:
                continue
            url = urljoin(self.url, anchor.attrib["href"].strip())
            same_site = urlsplit(url).netloc == urlsplit(self.url).netloc
            if same_site and url.split("#")[0] != self.url and not self.source.is_article_url(url):
                return url
        return None
