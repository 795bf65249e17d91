"""A page that lists news (a home page, a section, a category or tag archive, a page of any
of them): its teasers, the next page, and where it points for more.

No URL pattern says which links are articles: a teaser is a link in the page's content
(not its navigation) read in its box, the largest element that links only to it, with a
heading or a title-length link text. The page behind each teaser decides, once fetched,
whether it is an article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from aggregator.config import Source
from aggregator.dateshapes import is_date_text
from aggregator.items import Teaser
from aggregator.pages.common import first_css, parse_html, text_of
from aggregator.pages.layout import HEADINGS, is_site_header_or_footer
from aggregator.urls import is_home_page, lang_of_path, url_key

# What a pager's forward link says: a word for "next" or only a forward arrow.
NEXT_WORDS_RE = re.compile(
    r"^(?:(?:next|suivant|suivante|siguiente|older|page suivante|articles plus anciens)\b"
    r"|[›»→]+$)",
    re.IGNORECASE,
)
# Words that name a news section in a link's text or path, in the sites' languages.
SECTION_WORDS_RE = re.compile(
    r"(?<![^\W\d_])(?:news|newsroom|actualit[ée]s?|actus?|nouvelles|noticias|press|presse"
    r"|press[- ]releases?|communiqu[ée]s?(?:[- ]de[- ]presse)?|stories|blog|media|m[ée]dias"
    r"|articles|updates|latest)(?![^\W\d_])",
    re.IGNORECASE,
)
# Path segments of archive pages (categories, tags, topics), followed from navigation only.
ARCHIVE_SEGMENTS = frozenset({"category", "categorie", "tag", "tags", "topic", "topics",
                              "content-category", "themes", "theme"})  # fmt: skip
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# Containers of site navigation rather than content.
_CHROME_TAGS = frozenset({"nav", "aside", "form"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_CHROME_CLASS_RE = re.compile(
    r"(?:^|[-_ ])(?:menu|navbar|breadcrumbs?|pagination|pager|share|sharing|social|skip"
    r"|cookie|language-switcher|lang-switch)(?:$|[-_ ])",
    re.IGNORECASE,
)
# A link to the post's author, category or tags (rel="author", WordPress's rel="category tag"):
# an archive named in a card, not a teaser.
_ARCHIVE_RELS = frozenset({"author", "category", "tag"})
_MULTI = object()  # an element with links to several URLs
MIN_TITLE_WORDS = 4  # a link text this long reads as a title, not "Read more"


class ListingPage:
    """A page of a news listing: its teasers, its next page, its feeds and its sections."""

    # Optional site hints, tried before the generic reading.
    teaser_css: ClassVar[str] = ""
    # Tried in order: the heading link is the title; an image link comes first in many themes.
    teaser_link_css: ClassVar[tuple[str, ...]] = ("h2 a", "h3 a", "h4 a", "a")
    teaser_date_css: ClassVar[tuple[str, ...]] = ()
    teaser_tags_css: ClassVar[str] = ""
    next_css: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self, url: str, html: str, source: Source, *, parsed: Selector | None = None
    ) -> None:
        """`parsed`: the page's tree when another reader has parsed it already."""
        self.url = url
        self.source = source
        self.sel = parsed if parsed is not None else parse_html(html)
        base = self.sel.css("base::attr(href)").get()
        self.base_url = urljoin(url, base.strip()) if base else url

    def link(self, href: str) -> str:
        """An absolute URL for an href, as a browser resolves it (honouring <base href>)."""
        return urljoin(self.base_url, href.strip()).split("#", 1)[0]

    def lang(self) -> str | None:
        """The interface language of the listing (weak evidence for its items)."""
        html_lang = (self.sel.css("html::attr(lang)").get() or "")[:2].lower()
        return html_lang or lang_of_path(self.url, self.source.languages)

    # -- teasers ------------------------------------------------------------------------

    def teasers(self) -> list[Teaser]:
        """Rich teasers from the site's selectors, then every other teaser on the page."""
        found: dict[str, Teaser] = {}
        lang = self.lang()
        for teaser in self._hinted_teasers(lang):
            found.setdefault(teaser.url, teaser)
        for teaser in self._generic_teasers:
            if teaser.url in found:
                found[teaser.url].merge(teaser)
            else:
                found[teaser.url] = teaser
        return list(found.values())

    def _hinted_teasers(self, lang: str | None) -> Iterator[Teaser]:
        if not self.teaser_css:
            return
        for node in self.sel.css(self.teaser_css):
            link = next((c for c in self.teaser_link_css if node.css(f"{c}[href]")), None)
            if link is None:
                continue
            url = self.link(node.css(f"{link}::attr(href)").get() or "")
            if not self._is_content_target(url):
                continue
            date = first_css(node, self.teaser_date_css)
            time_attr = node.css("time::attr(datetime)").get()
            tags = (
                node.css(f"{self.teaser_tags_css} ::text").getall() if self.teaser_tags_css else []
            )
            yield Teaser(
                url=url,
                title=text_of(node, link),
                date_raw=time_attr or (date.value if date else ""),
                date_where="time" if time_attr else (date.where if date else ""),
                tags=[t.strip() for t in tags if t.strip()],
                lang=lang,
            )

    def _is_content_target(self, url: str) -> bool:
        """A link worth reading as a teaser: on the site, not this page or a home page."""
        if not self.source.is_on_site(url) or url_key(url) == url_key(self.url):
            return False
        return not is_home_page(url)

    def _content_anchors(self) -> list[tuple[etree._Element, str]]:
        """(anchor, URL) of every link in the page's content, outside its navigation."""
        anchors = []
        for anchor in self.sel.root.iter("a"):
            href = anchor.get("href")
            if not href or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            if _in_chrome(anchor) or _names_archive(anchor):
                continue
            url = self.link(href)
            if self._is_content_target(url):
                anchors.append((anchor, url))
        return anchors

    @cached_property
    def _generic_teasers(self) -> list[Teaser]:
        """Every teaser, read in its box: the largest element that links only to its URL.

        No class name is needed, so a redesign that renames every class still yields the
        title (a heading, else the longest link text, not "Read more") and the date. Read
        once: the search for the next page leaves them out.
        """
        lang = self.lang()
        anchors = self._content_anchors()
        # lxml keeps one proxy per element while a reference lives: hold them all, so that
        # ids stay valid while boxes are walked.
        elements = list(self.sel.root.iter())
        single = _single_target(elements, {id(a): url for a, url in anchors})
        by_url: dict[str, list[etree._Element]] = {}
        for anchor, url in anchors:
            by_url.setdefault(url, []).append(anchor)
        teasers: list[Teaser] = []
        for url, links in by_url.items():
            # Each link's box: a card's title and its date may sit in two links to the post
            # (WordPress: the heading, and "Posted on <time>" beside the author's link).
            boxes = list(dict.fromkeys(_box(link, url, single) for link in links))
            heading = next(
                (
                    t
                    for box in boxes
                    for h in box.iter(*HEADINGS)
                    if (t := " ".join(h.text_content().split()))
                ),
                "",
            )
            texts = [" ".join(a.text_content().split()) for a in links]
            title = heading or max(texts, key=len)
            in_article = any(_has_ancestor(a, "article") for a in links)
            if not (heading or in_article or len(title.split()) >= MIN_TITLE_WORDS):
                continue
            time_attr = next(
                (t.get("datetime") for box in boxes for t in box.iter("time") if t.get("datetime")),
                None,
            )
            date = time_attr or next(
                (" ".join(t.split()) for box in boxes for t in box.itertext() if is_date_text(t)),
                "",
            )
            where = "time" if time_attr else ("text" if date else "")
            teasers.append(Teaser(url, title=title, date_raw=date, date_where=where, lang=lang))
        del elements
        return teasers

    # -- where the page points for more ----------------------------------------------

    def next_page(self) -> str | None:
        """rel=next in the head or the pager, the site's pager selector, then a generic pager."""
        for css in (
            'link[rel~="next"]::attr(href)',
            'a[rel~="next"]::attr(href)',
            *(f"{c}::attr(href)" for c in self.next_css),
        ):
            href = self.sel.css(css).get()
            if href:
                return self.link(href)
        return self._generic_next()

    def _generic_next(self) -> str | None:
        """A pager link that says "next" in its class, label or text and is no teaser."""
        teasers = {url_key(t.url) for t in self._generic_teasers}
        for anchor in self.sel.css("a[href]"):
            classes = anchor.root.get("class", "").lower().replace("_", "-").split()
            label = anchor.root.get("aria-label", "") or anchor.root.get("title", "")
            text = " ".join(" ".join(anchor.css("::text").getall()).split())
            says_next = (
                any(re.search(r"(^|-)next($|-)", c) for c in classes)
                or NEXT_WORDS_RE.match(label.strip()) is not None
                or NEXT_WORDS_RE.match(text) is not None
            )
            if not says_next:
                continue
            url = self.link(anchor.root.get("href", ""))
            if self.source.is_on_site(url) and url_key(url) not in teasers | {url_key(self.url)}:
                return url
        return None

    def feed_links(self) -> list[str]:
        """Feeds the page announces in its head (<link rel="alternate" type="…rss+xml">)."""
        links = []
        for node in self.sel.css('link[rel~="alternate"][href]'):
            if node.root.get("type", "").split(";")[0].strip().lower() in FEED_TYPES:
                links.append(self.link(node.root.get("href", "")))
        return list(dict.fromkeys(links))

    def section_links(self) -> list[str]:
        """Links to news sections ("News", "Actualités", "Press", ...) and, from the site's
        navigation and from a post's own category and tag links, to category and tag archives:
        listings worth reading."""
        links = []
        for anchor in self.sel.root.iter("a"):
            href = anchor.get("href")
            if not href:
                continue
            url = self.link(href)
            if not self.source.is_on_site(url) or url_key(url) == url_key(self.url):
                continue
            segments = [s for s in urlsplit(url).path.lower().split("/") if s]
            text = " ".join(anchor.text_content().split())
            names_section = SECTION_WORDS_RE.search(text) or any(
                SECTION_WORDS_RE.fullmatch(s) for s in segments[-2:]
            )
            is_archive = (_in_chrome(anchor) or _names_archive(anchor)) and bool(
                ARCHIVE_SEGMENTS & set(segments)
            )
            if (names_section and len(text.split()) <= 4) or is_archive:
                links.append(url)
        return list(dict.fromkeys(links))

    def language_homes(self) -> list[str]:
        """The site's home pages in its other languages (head alternates, language switchers)."""
        links = [
            self.link(n.root.get("href", ""))
            for n in self.sel.css('link[rel~="alternate"][hreflang][href]')
            if n.root.get("hreflang", "").lower() != "x-default"
        ]
        for anchor in self.sel.css("a[href][hreflang], a[href][lang]"):
            links.append(self.link(anchor.root.get("href", "")))
        return [u for u in dict.fromkeys(links) if self.source.is_on_site(u)]


def _box(link: etree._Element, url: str, single: dict[int, object]) -> etree._Element:
    """The largest element around a link that links to its URL only."""
    box = link
    while (parent := box.getparent()) is not None and parent.tag not in ("body", "html"):
        if single.get(id(parent)) != url:
            break
        box = parent
    return box


def _names_archive(anchor: etree._Element) -> bool:
    return not _ARCHIVE_RELS.isdisjoint((anchor.get("rel") or "").lower().split())


def _has_ancestor(element: etree._Element, tag: str) -> bool:
    return any(a.tag == tag for a in element.iterancestors())


def _in_chrome(element: etree._Element) -> bool:
    """True inside the site's navigation, header, footer, sidebars, forms and pagers (not in
    the header or footer of an article or of the main content: a card's title is there)."""
    for ancestor in element.iterancestors():
        tag = ancestor.tag
        if tag in ("body", "html", "main", "article"):
            if tag in ("main", "article"):
                return False
            continue
        if tag in _CHROME_TAGS or is_site_header_or_footer(ancestor):
            return True
        if (ancestor.get("role") or "").lower() in _CHROME_ROLES:
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _CHROME_CLASS_RE.search(marks):
            return True
    return False


def _single_target(
    elements: list[etree._Element], anchor_urls: dict[int, str]
) -> dict[int, object]:
    """For every element (document order), the one URL its content anchors link to, or
    _MULTI; children are visited before their parents, so it is one pass."""
    target: dict[int, object] = {}
    for element in reversed(elements):
        own = anchor_urls.get(id(element))
        found: object = own
        for child in element:
            value = target.get(id(child))
            if value is None:
                continue
            if found is None:
                found = value
            elif found is not value and found != value:
                found = _MULTI
                break
        if found is not None:
            target[id(element)] = found
    return target
