"""An article page: the standard-metadata ladder, then the site's own selectors.

The ladder (JSON-LD, OpenGraph, `<time datetime>`, `<html lang>`, canonical and hreflang
links, meta description) lives here once. A site's subclass only adds CSS selectors its
markup needs, tried after the standard signals, so a redesign that keeps the standard
signals keeps working. Values are returned raw, with where they were found; pipelines
interpret them.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin

import extruct
import lxml.html
import trafilatura
from parsel import Selector

from aggregator.config import Source
from aggregator.dateshapes import is_date_text
from aggregator.items import MIN_BODY_CHARS, Article, Teaser
from aggregator.pages.common import Found, find_article_node, first_css, lead_paragraph, text_of
from aggregator.pages.language_links import language_links, translations_by_language
from aggregator.urls import lang_of_path

NOT_NEWS_OG_TYPES = {"website", "profile", "book"}
# Separators between a page's title and its site's name in og:title ("Title | CEMR").
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")


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
        heading = " ".join(text_of(self.sel, "h1").split())
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

    @cached_property
    def _language_links(self) -> tuple[dict[str, str], dict[str, str]]:
        links = language_links(self.sel, self.url, self.canonical(), self.jsonld)
        return translations_by_language(links)

    def translations(self) -> dict[str, str]:
        """Other versions by language (-> URL): hreflang, JSON-LD, switchers, language links."""
        return dict(self._language_links[0])

    def translation_sources(self) -> dict[str, str]:
        """Where each of `translations` was found: hreflang, jsonld, switcher or anchor."""
        return dict(self._language_links[1])

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
        if url_lang := lang_of_path(self.url, ("en", "fr", "es")):
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
        translations, translation_sources = self.translations(), self.translation_sources()
        for lang, url in (teaser.translations if teaser else {}).items():
            if lang not in translations:  # a sitemap's alternates: weaker than the page's own
                translations[lang] = url
                translation_sources[lang] = teaser.channel if teaser else ""
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
            translations=translations,
            translation_sources=translation_sources,
            lang_hints=hints,
            published_raw=published.value if published else None,
            published_source=published.where if published else None,
            modified_raw=modified.value if modified else None,
            modified_source=modified.where if modified else None,
            date_context=context,
        )
