"""Page objects: what an article, a listing or a PDF says, read without a crawl.

The standard-metadata ladder (JSON-LD, OpenGraph, `<time datetime>`,
`<html lang>`, canonical and hreflang links, meta description) lives here once.
A site's subclass only adds CSS selectors its markup needs, tried after the
standard signals, so a redesign that keeps the standard signals keeps working.
Values are returned raw, with where they were found; pipelines interpret them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import extruct
import lxml.html
import trafilatura
from parsel import Selector
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from aggregator.config import Source
from aggregator.items import Article

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "PressRelease"}
NOT_NEWS_OG_TYPES = {"website", "profile", "book"}
MIN_BODY_CHARS = 200
# A date written out as text, in the shapes the sites use: 2025-07-25, 25/07/2025, 31.01.2018,
# 16 avril 2024, 1er août 2022, April 16, 2024 (only detected here; pipelines/dates.py reads it).
_MONTH = (
    r"(?:jan|feb|f[ée]v|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|ao[uû]t|sep|oct|nov|dec|d[ée]c"
    r"|ene|abr|ago|dic)[a-zéû]*\.?"
)
DATE_TEXT_RE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
    rf"|\d{{1,2}}(?:er)?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},\s+\d{{4}})\b",
    re.IGNORECASE,
)
# What a pager's forward link says: a word for "next" or only a forward arrow.
NEXT_WORDS_RE = re.compile(
    r"^(?:(?:next|suivant|suivante|siguiente|older|page suivante|articles plus anciens)\b"
    r"|[›»→]+$)",
    re.IGNORECASE,
)
MAX_DATE_TEXT = 40  # longer text around a title is a sentence, not a date line
# Separators between a page's title and its site's name in og:title ("Title | CEMR").
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")


def is_date_text(text: str) -> bool:
    """True for a short line that is mostly a date ("Wed, 18/11/2026 - 10:15")."""
    text = " ".join(text.split())
    return 0 < len(text) <= MAX_DATE_TEXT and DATE_TEXT_RE.search(text) is not None


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


class PageError(ValueError):
    """A page that cannot be read as what it claims to be (corrupt PDF, no HTML)."""


@dataclass(frozen=True)
class Found:
    """A raw value and the signal it was read from (e.g. "jsonld", "og", "time")."""

    value: str
    where: str


@dataclass
class Teaser:
    """What a listing, a feed or a sitemap says about an article before it is fetched."""

    url: str
    title: str = ""
    date_raw: str = ""
    date_where: str = ""
    tags: list[str] = field(default_factory=list)
    lang: str | None = None
    channel: str = "listing"  # listing, feed or sitemap

    def merge(self, other: Teaser) -> None:
        """Fill what this teaser lacks from another one found for the same URL."""
        for name in ("title", "date_raw", "date_where", "lang"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        if not self.tags:
            self.tags = list(other.tags)


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


def lang_of_path(path: str, languages: Iterable[str]) -> str | None:
    """The language named by a URL's first path segment (/fr/..., /en/...)."""
    match = re.match(r"^/([a-z]{2})(?:[-_][a-zA-Z]{2})?(?:/|$)", path)
    if match and match.group(1) in set(languages):
        return match.group(1)
    return None


class ArticlePage:
    """An HTML article page; subclasses add the site's own selectors as fallbacks."""

    title_css: ClassVar[tuple[str, ...]] = ()
    date_css: ClassVar[tuple[str, ...]] = ()
    summary_css: ClassVar[tuple[str, ...]] = ()
    body_css: ClassVar[tuple[str, ...]] = ()
    tags_css: ClassVar[tuple[str, ...]] = ()
    # Elements never part of the text (site additions to the generic list).
    noise_css: ClassVar[tuple[str, ...]] = ()
    generic_noise_css: ClassVar[tuple[str, ...]] = (
        "nav",
        "header",
        "footer",
        "aside",
        "script",
        "style",
        "noscript",
        "form",
        "[class*=cookie]",
        "[id*=cookie]",
        "[class*=share]",
        "[class*=related]",
        "[class*=breadcrumb]",
        "[class*=skip]",
    )
    # A dateline at the start of the body: "Washington, DC, le 16 avril 2024 – ".
    dateline_re: ClassVar[re.Pattern[str]] = re.compile(
        r"^\s*[A-Z][\w .,'’-]{1,60}?,\s*((?:le\s+)?\d{1,2}(?:er)?\s+\w+\.?\s+\d{4}"
        r"|\w+\.?\s+\d{1,2},\s+\d{4})\s*[–—-]"
    )

    def __init__(self, url: str, html: str, source: Source) -> None:
        self.url = url
        self.html = html
        self.source = source
        self.sel = Selector(text=html or "<html></html>")

    # -- standard metadata -------------------------------------------------

    @cached_property
    def _metadata(self) -> dict[str, list[dict[str, Any]]]:
        try:
            return extruct.extract(
                self.html, base_url=self.url, syntaxes=["json-ld", "opengraph"], uniform=True
            )
        except Exception:  # extruct raises many kinds on broken markup; the ladder goes on
            return {"json-ld": [], "opengraph": []}

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """The page's Article node in JSON-LD, wherever the graph nests it, or {}."""
        return find_article_node(self._metadata.get("json-ld", [])) or {}

    @cached_property
    def og(self) -> dict[str, str]:
        """OpenGraph and article:* properties (first value of each)."""
        props: dict[str, str] = {}
        for block in self._metadata.get("opengraph", []):
            for key, value in block.items():
                if key == "@type":  # extruct's uniform output moves og:type here
                    key = "og:type"
                elif key.startswith("@"):
                    continue
                if isinstance(value, list):
                    value = value[0] if value else ""
                props.setdefault(key, str(value))
        return props

    def meta(self, name: str) -> str:
        return (self.sel.css(f'meta[name="{name}"]::attr(content)').get() or "").strip()

    @staticmethod
    def _jsonld_text(value: Any) -> str:
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, dict):
            value = value.get("name") or value.get("url") or value.get("@id") or ""
        return "" if value is None else str(value).strip()

    # -- fields ----------------------------------------------------------------

    def is_article(self) -> bool:
        """False for about, contact and legal pages: they never become items."""
        if self.jsonld:
            return True
        og_type = self.og.get("og:type", "").lower()
        if og_type == "article" or any(k.startswith("article:published") for k in self.og):
            return True
        if og_type in NOT_NEWS_OG_TYPES:
            return False
        return self.published() is not None

    def title(self) -> Found | None:
        candidates = [
            (self._jsonld_text(self.jsonld.get("headline")), "jsonld"),
            (self._without_site_name(self.og.get("og:title", "")), "og"),
        ]
        for value, where in candidates:
            if value:
                return Found(value, where)
        return first_css(self.sel, (*self.title_css, "main h1", "article h1", "h1")) or (
            Found(t, "title") if (t := text_of(self.sel, "title")) else None
        )

    def _without_site_name(self, title: str) -> str:
        """og:title without a trailing " | Site" that many themes append to it."""
        names = {self.og.get("og:site_name", "").strip(), self.meta("application-name")}
        heading = text_of(self.sel, "h1")
        for sep in TITLE_SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or not head.strip():
                continue
            if tail.strip() in names - {""} or (heading and " ".join(head.split()) == heading):
                return head.strip()
        return title

    def published(self) -> Found | None:
        return self._date("datePublished", "article:published_time", "published")

    def modified(self) -> Found | None:
        return self._date("dateModified", "article:modified_time", "updated")

    def _date(self, jsonld_key: str, og_key: str, time_class: str) -> Found | None:
        if value := self._jsonld_text(self.jsonld.get(jsonld_key)):
            return Found(value, "jsonld")
        if value := self.og.get(og_key, ""):
            return Found(value, "og")
        if time_class == "published":
            times = self.sel.css("article time[datetime], main time[datetime], time[datetime]")
            for node in times:
                classes = node.attrib.get("class", "")
                if "updated" in classes or "modified" in classes:
                    continue
                return Found(node.attrib["datetime"], "time")
            if found := first_css(self.sel, self.date_css):
                return found
            if found := self._date_near_title():
                return found
            if match := self.dateline_re.match(self.body()):
                return Found(match.group(1), "dateline")
            return None
        for node in self.sel.css("time[datetime]"):
            classes = node.attrib.get("class", "")
            if "updated" in classes or "modified" in classes:
                return Found(node.attrib["datetime"], "time")
        return None

    def _date_near_title(self) -> Found | None:
        """A short date line just below (or else just above) the page's main heading."""
        for axis, count in (("following", 12), ("preceding", 6)):
            texts = self.sel.xpath(
                f"(//h1)[1]/{axis}::text()[normalize-space()]"
                "[not(ancestor::script or ancestor::style or ancestor::head)]"
            ).getall()
            nearest = texts[:count] if axis == "following" else texts[-count:][::-1]
            for text in nearest:
                if is_date_text(text):
                    return Found(" ".join(text.split()), "near_title")
        return None

    def canonical(self) -> str | None:
        href = self.sel.css('link[rel="canonical"]::attr(href)').get()
        return urljoin(self.url, href.strip()) if href else None

    def translations(self) -> dict[str, str]:
        """hreflang alternates (language -> absolute URL), x-default left out."""
        links: dict[str, str] = {}
        for node in self.sel.css('link[rel="alternate"][hreflang]'):
            lang = node.attrib.get("hreflang", "").strip().lower()
            href = node.attrib.get("href", "").strip()
            if lang and href and lang != "x-default":
                links.setdefault(lang.split("-")[0], urljoin(self.url, href))
        return links

    def lang_hints(self) -> dict[str, str]:
        """Every language signal the page itself carries, by where it was found."""
        hints: dict[str, str] = {}
        if html_lang := (self.sel.css("html::attr(lang)").get() or "").strip():
            hints["html_lang"] = html_lang
        if locale := self.og.get("og:locale", ""):
            hints["og_locale"] = locale
        if in_lang := self._jsonld_text(self.jsonld.get("inLanguage")):
            hints["jsonld"] = in_lang
        canonical = self.canonical() or self.url
        for lang, href in self.translations().items():
            if href.rstrip("/") == canonical.rstrip("/"):
                hints["hreflang_self"] = lang
        if url_lang := lang_of_path(urlsplit(self.url).path, ("en", "fr", "es")):
            hints["url"] = url_lang
        return hints

    def summary(self) -> Found | None:
        for value, where in (
            (self._jsonld_text(self.jsonld.get("description")), "jsonld"),
            (self.og.get("og:description", ""), "og"),
            (self.meta("description"), "meta"),
        ):
            if value:
                return Found(value, where)
        return first_css(self.sel, self.summary_css)

    def tags(self) -> list[str]:
        keywords = self.jsonld.get("keywords")
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        tags = [str(k).strip() for k in keywords or [] if str(k).strip()]
        if not tags:
            og_tags = self.sel.css('meta[property="article:tag"]::attr(content)').getall()
            tags = [v.strip() for v in og_tags]
        if not tags:  # the rel=tag microformat (WordPress writes rel="category tag")
            tags = [
                " ".join(a.css("::text").getall()).strip() for a in self.sel.css('a[rel~="tag"]')
            ]
            tags = [t for t in tags if t]
        if not tags:
            for css in self.tags_css:
                tags = [t.strip() for t in self.sel.css(f"{css} ::text").getall() if t.strip()]
                if tags:
                    break
        return list(dict.fromkeys(tags))

    def image(self) -> str | None:
        image = self._jsonld_text(self.jsonld.get("image")) or self.og.get("og:image", "")
        return urljoin(self.url, image) if image else None

    def author(self) -> str | None:
        return self._jsonld_text(self.jsonld.get("author")) or self.meta("author") or None

    def body(self) -> str:
        return self._body

    @cached_property
    def _body(self) -> str:
        """Main text: the generic extractor first, the site's selectors if it finds too little."""
        extracted = self._extract_generic()
        if len(extracted) >= MIN_BODY_CHARS or not self.body_css:
            return extracted
        return self._body_from_css() or extracted

    def _extract_generic(self) -> str:
        """trafilatura's main-text extraction, paragraphs separated by blank lines."""
        extracted = (
            trafilatura.extract(
                self.html,
                url=self.url,
                include_comments=False,
                include_tables=False,
                favor_precision=True,
                deduplicate=False,
            )
            or ""
        )
        return re.sub(r"\n+", "\n\n", extracted.strip())

    def _body_from_css(self) -> str:
        """Paragraphs under the site's body selector, noise elements removed first."""
        try:
            tree = lxml.html.fromstring(self.html)
        except (ValueError, lxml.etree.ParserError):
            return ""
        for css in (*self.generic_noise_css, *self.noise_css):
            for element in tree.cssselect(css):
                element.drop_tree()
        for css in self.body_css:
            containers = tree.cssselect(css)
            if not containers:
                continue
            blocks = containers[0].cssselect("p, li, h2, h3, blockquote") or containers[:1]
            paragraphs = [" ".join(b.text_content().split()) for b in blocks]
            text = "\n\n".join(p for p in paragraphs if p)
            if text:
                return text
        return ""

    def to_article(self, source_key: str, fetched_at: str, teaser: Teaser | None) -> Article:
        """The item for this page, with the listing's teaser as weaker evidence."""
        title = self.title()
        published = self.published()
        modified = self.modified()
        summary = self.summary()
        hints = self.lang_hints()
        context: list[str] = []
        if teaser and teaser.lang:
            hints.setdefault("listing", teaser.lang)
        if teaser and teaser.date_raw:
            context.append(teaser.date_raw)
        if published is None and teaser and teaser.date_raw:
            published = Found(teaser.date_raw, f"{teaser.channel}:{teaser.date_where or 'date'}")
        return Article(
            source=source_key,
            url=self.url,
            fetched_at=fetched_at,
            title=title.value if title else (teaser.title if teaser else ""),
            summary=summary.value
            if summary
            else lead_paragraph(self.body(), title.value if title else ""),
            body=self.body(),
            tags=self.tags() or (list(teaser.tags) if teaser else []),
            image=self.image(),
            author=self.author(),
            canonical_raw=self.canonical(),
            translations=self.translations(),
            lang_hints=hints,
            published_raw=published.value if published else None,
            published_source=published.where if published else None,
            modified_raw=modified.value if modified else None,
            modified_source=modified.where if modified else None,
            date_context=context,
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
        self.sel = Selector(text=html or "<html></html>")

    def lang(self) -> str | None:
        """The interface language of the listing (weak evidence for its items)."""
        html_lang = (self.sel.css("html::attr(lang)").get() or "")[:2].lower()
        return html_lang or lang_of_path(urlsplit(self.url).path, self.source.languages)

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


@dataclass(frozen=True)
class PdfDocument:
    """The text and metadata of a PDF press release."""

    text: str
    title: str
    created: str | None
    lang: str | None


def join_hard_breaks(text: str) -> str:
    """Rejoin lines a PDF broke mid-sentence; keep real paragraph and bullet breaks."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        starts_block = line[0] in "•-–*" or line[0].isdigit() and line[1:3] in (". ", ") ")
        # A line framed by dashes ("– Dimanche 16 novembre, 16h30 –") stands alone.
        ends_previous = current and current[-1].endswith((".", ":", ";", "!", "?", "»", "–"))
        if current and (starts_block or ends_previous and line[0].isupper()):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(re.sub(r"\s{2,}", " ", p) for p in paragraphs)


def read_pdf(data: bytes) -> PdfDocument:
    """Text and metadata of a PDF; a corrupt file is a PageError, not a crash."""
    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        meta = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise PageError(f"unreadable PDF: {exc}") from exc
    try:
        created = meta.creation_date.isoformat() if meta and meta.creation_date else None
    except (ValueError, AttributeError):
        created = None
    lang = None
    try:
        root_lang = reader.trailer["/Root"].get("/Lang")
        lang = str(root_lang) if root_lang else None
    except (KeyError, AttributeError):
        lang = None
    return PdfDocument(
        text=join_hard_breaks(text),
        title=str(meta.get("/Title") or "").strip(),
        created=created,
        lang=lang,
    )


def pdf_to_article(
    url: str, data: bytes, source_key: str, fetched_at: str, teaser: Teaser | None
) -> Article:
    """An item from a PDF: the listing's date and title are trusted over the PDF's own."""
    doc = read_pdf(data)
    paragraphs = [p for p in doc.text.split("\n\n") if p.strip()]
    title = (
        (teaser.title if teaser and teaser.title else "")
        or doc.title
        or (paragraphs[0] if paragraphs else "")
    )
    context = [d for d in (teaser.date_raw if teaser else "", doc.created or "") if d]
    if teaser and teaser.date_raw:
        published = Found(teaser.date_raw, f"{teaser.channel}:{teaser.date_where or 'date'}")
    elif doc.created:
        published = Found(doc.created, "pdf:metadata")
    else:
        published = None
    hints = {"pdf_lang": doc.lang} if doc.lang else {}
    if teaser and teaser.lang:
        hints["listing"] = teaser.lang
    return Article(
        source=source_key,
        url=url,
        fetched_at=fetched_at,
        content_type="pdf",
        title=title,
        summary=lead_paragraph(doc.text, title),
        body=doc.text,
        tags=list(teaser.tags) if teaser else [],
        lang_hints=hints,
        published_raw=published.value if published else None,
        published_source=published.where if published else None,
        date_context=context,
    )
