"""Where things sit on a page: its main heading, the article around it, what is boilerplate.

Signals found in the page body (a `<time>`, a date line, a teaser link) are weighed by where
they sit: inside the article and near its main heading first, never in navigation, sidebars,
comments or the site's footer. "Near" is counted in elements of the parsed tree, so a sidebar
`<time>` that comes first in the page does not beat the article's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import deepcopy
from functools import cached_property, lru_cache
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from aggregator.urls import is_same_site

# Elements that never hold the article's own text or date: navigation, scripts, comments (a
# comment's date is the commenter's), lists of other articles (recent, related, popular).
# Blocks that seldom do: asides, sidebars, share bars, forms. A block named so is
# boilerplate only while it is small: a "mainwrap sidebar" frame is not.
NEVER_CONTENT_TAGS = frozenset({"nav", "script", "style", "noscript", "template", "select"})
NEVER_CONTENT_WORDS = re.compile(
    r"(?<![a-zA-Z])(?:comment|kommentar|comentario)|related|recent|popular|trending"
    r"|teaser-list|more-news",
    re.IGNORECASE,
)
BOILERPLATE_TAGS = frozenset({"aside", "form", "button"})
BOILERPLATE_WORDS = re.compile(
    r"sidebar|cookie|breadcrumb|share|sharing|social|newsletter|subscribe|menu|navbar|promo"
    r"|advert|tags",
    re.IGNORECASE,
)
NOT_BOILERPLATE, BOILERPLATE, NEVER_CONTENT = 0, 1, 2
# Elements that enclose one article (HTML5, ARIA, schema.org microdata, common CMS classes).
ARTICLE_XPATH = (
    "ancestor-or-self::*[self::article or self::main or @role='main' "
    "or contains(@itemtype, 'Article') or contains(@itemtype, 'BlogPosting')]"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Blocks that hold one teaser each in a listing's grid or list.
CARD_TAGS = frozenset({"article", "li", "div", "section", "tr", "dl"})
FILE_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|epub)$", re.IGNORECASE)
# A link that offers a file, in the sites' languages.
DOWNLOAD_RE = re.compile(
    r"\b(?:download|t[ée]l[ée]charger|descargar|herunterladen|scarica|baixar|downloaden"
    r"|pdf|docx?)\b",
    re.IGNORECASE,
)
MAX_DOWNLOAD_WORDS = 6  # a button or a link label, not a sentence that mentions a PDF
MIN_PARAGRAPH = 80  # characters: a paragraph of text, not a caption or a label
# Pagination in a URL: /page/2/, ?page=2, ?paged=2 (a single post's rel=next/prev, which
# WordPress prints for the adjacent posts, is no pagination).
PAGED_RE = re.compile(r"/page/\d+/?$|[?&](?:page|paged|page_number)=\d+")
MAX_DISTANCE = 400  # elements: how far from the heading a signal outside the article may sit
_SPACE_RE = re.compile(r"\s+")


def squeeze(text: str | None) -> str:
    return _SPACE_RE.sub(" ", text or "").strip()


def short_text(element: HtmlElement, limit: int, sep: str = "") -> str | None:
    """The element's whole text when it is at most `limit` characters, else None (read lazily:
    a large element is not read through)."""
    parts: list[str] = []
    size = 0
    for part in element.itertext():
        size += len(part)
        if size > limit * 3:
            return None
        parts.append(part)
    text = squeeze(sep.join(parts))
    return text if len(text) <= limit else None


@lru_cache(maxsize=8192)
def _level_named(class_: str, id_: str) -> int:
    """The level a block's class and id name (a page repeats the same few thousand times)."""
    if not class_ and not id_:
        return NOT_BOILERPLATE
    words = f"{class_} {id_}"
    if NEVER_CONTENT_WORDS.search(words):
        return NEVER_CONTENT
    return BOILERPLATE if BOILERPLATE_WORDS.search(words) else NOT_BOILERPLATE


def is_site_header_or_footer(element: HtmlElement) -> bool:
    """True for a `<header>` or `<footer>` of the site. One inside an `<article>` or `<main>`
    is the content's own (a WordPress card's `entry-header` holds its title link, an
    article's footer its date): no site chrome."""
    return element.tag in ("header", "footer") and not any(
        a.tag in ("article", "main") for a in element.iterancestors()
    )


class Layout:
    """A parsed page's main heading and the distance of any element from it."""

    def __init__(self, root: HtmlElement, url: str, title_hints: Sequence[str]) -> None:
        self.root = root
        self.url = url
        self.title_hints = [squeeze(t).casefold() for t in title_hints if squeeze(t)]
        self._same_site: dict[str, bool] = {}
        # Levels without and with the exception for the frame of the main heading.
        self._levels: tuple[dict[HtmlElement, int], dict[HtmlElement, int]] = ({}, {})

    @cached_property
    def position(self) -> dict[HtmlElement, int]:
        """Every element's index in document order."""
        return {element: i for i, element in enumerate(self.root.iter())}

    def is_boilerplate(self, element: HtmlElement) -> bool:
        """True inside navigation, sidebars, comments, forms, or the site's own footer."""
        return self.boilerplate(element) != NOT_BOILERPLATE

    def boilerplate(self, element: HtmlElement) -> int:
        """How sure it is that the element is no part of the article (the module's levels).

        A block named like a sidebar that holds the page's titled main heading is the
        article's frame ("content-area sidebar"), not a sidebar."""
        return self._level(element, self._frame)

    def _level(self, element: HtmlElement, frame: frozenset[HtmlElement]) -> int:
        levels = self._levels[bool(frame)]
        chain: list[HtmlElement] = []
        node: HtmlElement | None = element
        level = NOT_BOILERPLATE
        while node is not None:
            known = levels.get(node)
            if known is not None:
                level = known
                break
            chain.append(node)
            node = node.getparent()
        for node in reversed(chain):  # from the outermost unknown ancestor down
            own = self._block_level(node)
            if own == BOILERPLATE and node in frame:
                own = NOT_BOILERPLATE
            level = max(level, own)
            levels[node] = level
        return level

    @cached_property
    def _frame(self) -> frozenset[HtmlElement]:
        """The ancestors of the main heading, when the page's title named it."""
        heading, titled = self._heading
        return frozenset(heading.iterancestors()) if heading is not None and titled else frozenset()

    def _visible_chars(self, element: HtmlElement) -> int:
        """Characters of text a reader sees in the element (scripts and styles left out)."""
        hidden = sum(len(e.text or "") for e in element.iter("script", "style"))
        return len(element.text_content()) - hidden

    @cached_property
    def _page_chars(self) -> int:
        return self._visible_chars(self.root)

    def _block_level(self, element: HtmlElement) -> int:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("html", "body", "article", "main"):
            return NOT_BOILERPLATE
        if tag in NEVER_CONTENT_TAGS:
            return NEVER_CONTENT
        if tag == "footer":  # an article's own footer may hold its date; the site's does not
            return NEVER_CONTENT if is_site_header_or_footer(element) else NOT_BOILERPLATE
        named = _level_named(element.get("class", ""), element.get("id", ""))
        if tag not in BOILERPLATE_TAGS and named == NOT_BOILERPLATE:
            return NOT_BOILERPLATE
        # A block that holds much of the page is its frame, whatever its name: an ASP.NET
        # page in one <form>, Blogger's posts in "widget Blog", a "mainwrap sidebar".
        if 3 * self._visible_chars(element) >= self._page_chars:
            return NOT_BOILERPLATE
        return NEVER_CONTENT if named == NEVER_CONTENT else BOILERPLATE

    def _title_coverage(self, element: HtmlElement) -> float:
        """How much the element and the page's title (og:title, headline, <title>) say the
        same: the shorter's share of the longer when one holds the other, else 0."""
        text = squeeze(element.text_content()).casefold()
        if len(text) < 4 or not self.title_hints:
            return 0.0
        return max(
            (min(len(t), len(text)) / max(len(t), len(text)) if t in text or text in t else 0.0)
            for t in self.title_hints
        )

    @cached_property
    def _heading(self) -> tuple[HtmlElement | None, bool]:
        """(main heading, whether the title named it). A heading that says the title is
        found even in a block named like a sidebar; never in comments or navigation."""
        levels = {
            h: self._level(h, frozenset())
            for h in self.root.iter("h1", "h2", "h3")
            if squeeze(h.text_content())
        }
        scored = [
            (self._title_coverage(h), level == NOT_BOILERPLATE, -int(h.tag[1]), -i, h)
            for i, (h, level) in enumerate(levels.items())
            if level != NEVER_CONTENT
        ]
        titled = max((s for s in scored if s[0] >= 0.5), key=lambda s: s[:4], default=None)
        if titled is not None:
            return titled[4], True
        headings = [h for h, level in levels.items() if level == NOT_BOILERPLATE]
        first_level = [h for h in headings if h.tag == "h1"]
        in_article = [h for h in first_level if h.xpath(ARTICLE_XPATH)]
        return next(iter(in_article or first_level), None), False

    @property
    def heading(self) -> HtmlElement | None:
        """The article's main heading: the heading that says most of the page's title (an h1
        before an h2 when both do), else the first h1 of the article, else the first h1."""
        return self._heading[0]

    @cached_property
    def heading_text(self) -> str:
        """The main heading's text, spaces squeezed ("" without one)."""
        return squeeze(self.heading.text_content()) if self.heading is not None else ""

    @property
    def heading_says_title(self) -> bool:
        """True when the main heading was recognised by the page's title (not only its rank)."""
        return self._heading[1]

    @cached_property
    def article(self) -> HtmlElement | None:
        """The element enclosing the article: around the main heading, else the page's first."""
        if self.heading is not None:
            around = self.heading.xpath(ARTICLE_XPATH)
            return around[-1] if around else None
        found = self.root.xpath("//article | //main | //*[@role='main']")
        return next((e for e in found if not self.is_boilerplate(e)), None)

    @cached_property
    def article_chars(self) -> int:
        """Characters a reader sees in the article's element (the whole page without one)."""
        return self._visible_chars(self.article if self.article is not None else self.root)

    def in_article(self, element: HtmlElement) -> bool:
        return self.article is not None and (
            element is self.article or self.article in element.iterancestors()
        )

    def by_proximity(self, elements: Iterable[HtmlElement]) -> list[HtmlElement]:
        """Elements nearest the main heading first, inside the article before outside it,
        below the heading before above it, boilerplate (a share bar, an aside) last and only
        near a heading that says the title. Left out: comments, navigation, teasers of other
        pages, and what lies far from that heading outside the article."""
        anchor = self.heading if self.heading is not None else self.article
        start = self.position.get(anchor, 0) if anchor is not None else 0
        near_only = self.heading_says_title
        ranked = []
        for element in elements:
            level = self.boilerplate(element)
            if level == NEVER_CONTENT or self.in_teaser(element):
                continue
            offset = self.position.get(element, 0) - start
            distance = offset if offset >= 0 else -2 * offset
            if level == BOILERPLATE:
                tier = 2
            elif self.in_article(element):
                tier = 0
            else:
                tier = 1
            if tier and distance > MAX_DISTANCE and (near_only or tier == 2):
                continue
            ranked.append((tier, distance, element))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [element for _, _, element in ranked]

    @cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def _site_url(self, href: str) -> str | None:
        """The absolute URL (without fragment) of a link to this site, or None."""
        href = href.split("#", 1)[0]
        if href.startswith("/") and not href.startswith("//"):  # most links: no parsing
            return self._origin + href
        if href.startswith(("http://", "https://")):
            url, netloc = href, href.split("/", 3)[2]
        else:
            try:  # a malformed href ("http://[x/") is no link
                url = urljoin(self.url, href)
                netloc = urlsplit(url).netloc
            except ValueError:
                return None
        if netloc not in self._same_site:
            try:
                self._same_site[netloc] = is_same_site(netloc, urlsplit(self.url).netloc)
            except ValueError:
                self._same_site[netloc] = False
        return url if self._same_site[netloc] else None

    @cached_property
    def teaser_groups(self) -> list[dict[str, HtmlElement]]:
        """Teasers of other pages of the site, in groups: URL -> its card.

        A teaser's card is the largest block that links to its page only. One group holds
        the cards whose link sits in a heading; the others, cards of one shape (tag, class,
        parent) repeated for several pages: a card grid, a views list. Tag links, the home
        page, files and boilerplate are not teasers.
        """
        own = self.url.split("#", 1)[0].rstrip("/")
        anchors: list[tuple[HtmlElement, str]] = []
        for anchor in self.root.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            if {"tag", "category"} & set((anchor.get("rel") or "").lower().split()):
                continue
            url = self._site_url(href)
            if url is None:
                continue
            path = url.split("//", 1)[-1].partition("/")[2].split("?", 1)[0]
            if not path.strip("/") or url.rstrip("/") == own or FILE_RE.search(path):
                continue
            if not self.is_boilerplate(anchor):
                anchors.append((anchor, url))
        links_under: dict[HtmlElement, set[str]] = {}
        for anchor, url in anchors:
            for ancestor in anchor.iterancestors():
                links_under.setdefault(ancestor, set()).add(url)
        in_headings: dict[str, HtmlElement] = {}
        shapes: dict[tuple[str, str, str], dict[str, HtmlElement]] = {}
        # A card never holds the page's own heading: on the last page of a list, one teaser
        # is alone in its region.
        frame = set(self.heading.iterancestors()) if self.heading is not None else set()
        for anchor, url in anchors:
            card, in_heading = anchor, False
            for ancestor in anchor.iterancestors():
                if links_under.get(ancestor) != {url} or ancestor in frame:
                    break
                card, in_heading = ancestor, in_heading or ancestor.tag in HEADINGS
            if in_heading:
                in_headings.setdefault(url, card)
            if card.tag in CARD_TAGS:
                parent = card.getparent()
                shape = (card.tag, card.get("class", ""), "" if parent is None else parent.tag)
                shapes.setdefault(shape, {}).setdefault(url, card)
        return [in_headings, *shapes.values()]

    @cached_property
    def teasers(self) -> dict[str, HtmlElement]:
        """The largest group of teasers: a listing's, or an article's "more news" block."""
        return max(self.teaser_groups, key=len)

    @cached_property
    def paginated(self) -> bool:
        """True on a page of a paginated list: its URL, or its head's next/prev links, say so."""
        links = self.root.xpath("//head/link[@rel='next' or @rel='prev']/@href")
        return any(PAGED_RE.search(urljoin(self.url, href.strip())) for href in (self.url, *links))

    @cached_property
    def _teaser_cards(self) -> set[HtmlElement]:
        """Cards whose shape repeats (three times, or once on a page of a paginated list)."""
        least = 1 if self.paginated else 3
        return {
            card for group in self.teaser_groups if len(group) >= least for card in group.values()
        }

    def in_teaser(self, element: HtmlElement) -> bool:
        """True inside the card of a teaser (its date is another page's)."""
        cards = self._teaser_cards
        return element in cards or any(a in cards for a in element.iterancestors())

    def content_copy(self) -> HtmlElement:
        """A copy of the page without what never is the article's (navigation, comments,
        lists of other articles) and without the teasers of other pages."""
        copy = deepcopy(self.root)

        def foreign(element: HtmlElement) -> bool:  # scripts stay: the JSON in them has dates
            return element in self._teaser_cards or (
                element.tag not in ("script", "style", "noscript", "template")
                and self._block_level(element) == NEVER_CONTENT
            )

        doomed = [
            twin
            for element, twin in zip(self.root.iter(), copy.iter(), strict=True)
            if foreign(element) and not any(foreign(a) for a in element.iterancestors())
        ]
        for twin in doomed:
            twin.drop_tree()  # its tail is the text after it: kept
        return copy

    def download_first(self) -> bool:
        """True when, after the main heading, a download link ("Download", "Télécharger", a
        file) comes before any paragraph of text: a document's page, not an article."""
        if self.heading is None:
            return False
        for node in self.heading.xpath("following::*[self::a or self::p][position() <= 40]"):
            if node.tag == "a" and not self.is_boilerplate(node):
                href = (node.get("href") or "").split("?", 1)[0].strip()
                label = squeeze(node.text_content())
                says_download = len(label.split()) <= MAX_DOWNLOAD_WORDS and DOWNLOAD_RE.search(
                    label
                )
                if FILE_RE.search(href) or says_download:
                    return True
            if node.tag == "p" and len(squeeze(node.text_content())) >= MIN_PARAGRAPH:
                return False
        return False

    def file_links(self) -> int:
        """Links to documents (PDF, office files, archives) in the page's content."""
        return sum(
            1
            for anchor in self.root.iter("a")
            if FILE_RE.search((anchor.get("href") or "").split("?", 1)[0].strip())
            and not self.is_boilerplate(anchor)
        )
