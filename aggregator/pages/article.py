"""An article page: the standard-metadata ladder, then the site's own selectors.

The ladder (JSON-LD, OpenGraph, `<html lang>`, canonical and hreflang links, meta
description, and every place a page states its date: datesignals.py) lives here once, read
from one parsed tree. A site's subclass only adds CSS selectors its markup needs, tried after
the standard signals, so a redesign that keeps the standard signals keeps working. Values are
returned raw, with where they were found; pipelines interpret them. `verdict()` says whether
the page is an article, a listing or something else, and why (verdict.py).
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import trafilatura
from htmldate import find_date

from aggregator.config import Source
from aggregator.items import MIN_BODY_CHARS, Article, Teaser
from aggregator.pages import datesignals as signals
from aggregator.pages.common import Found, first_css, lead_paragraph, parse_html, text_of
from aggregator.pages.language_links import (
    LanguageLink,
    language_links,
    translations_by_language,
)
from aggregator.pages.layout import Layout
from aggregator.pages.metadata import FOREIGN_KEYS, MetaTags, read_jsonld, read_meta
from aggregator.pages.verdict import PageSignals, PageVerdict, judge, says_one_post
from aggregator.pipelines.dates import ParsedDate, is_future, parse_date
from aggregator.urls import lang_of_path

# What kind of evidence a publication date is, by where it was found (for the verdict).
DATE_KINDS = {
    "time": "time",
    "abbr": "time",
    "near_title": "date_line",
    "dateline": "dateline",
    "css": "date_line",
    "updated": "date_line",
    "url": "url_date",
    "htmldate": "htmldate",
}
# Where a date is shown to readers (not metadata): the weight of the cross-check.
SHOWN = frozenset({"time", "abbr", "near_title"})
MAX_READINGS = 40  # statements of a date read per page: the strongest come first
# A time of day alone ("15h40", "14:48 Uhr") is no date.
TIME_ONLY_RE = re.compile(r"^\W*\d{1,2}\s*[h:.]\s*\d{2}(?:\s*(?:uhr|h|am|pm))?\W*$", re.IGNORECASE)
# Fast extraction is kept when it holds at least this share of the article element's text.
FAST_TEXT_SHARE = 0.3
# Separators between a page's title and its site's name in og:title ("Title | CEMR").
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")


def as_paragraphs(text: str) -> str:
    """trafilatura's text as the body is stored: paragraphs separated by one blank line."""
    return re.sub(r"\n+", "\n\n", text.strip())


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

    def __init__(self, url: str, html: str, source: Source, *, now: datetime | None = None) -> None:
        """Parse the page once; every reader below works on that one tree. `now` is the fetch
        time (a publication date is never after it)."""
        self.url = url
        self.html = html
        self.source = source
        self.now = now or datetime.now(UTC)
        self.sel = parse_html(html)
        self.root = self.sel.root

    # -- standard metadata -------------------------------------------------

    @cached_property
    def _jsonld_nodes(self) -> tuple[Any, ...]:
        return read_jsonld(self.root)

    @cached_property
    def jsonld(self) -> dict[str, Any]:
        """The page's Article node in JSON-LD, wherever the graph nests it, or {}."""
        return next(
            (n.data for n in self._jsonld_nodes if n.is_article and n.under not in FOREIGN_KEYS),
            {},
        )

    @cached_property
    def _meta(self) -> MetaTags:
        return read_meta(self.root)

    @cached_property
    def og(self) -> dict[str, str]:
        """OpenGraph and article:* properties (first value of each)."""
        return self._meta.og()

    def meta(self, name: str) -> str:
        return self._meta.first(name.lower())

    @staticmethod
    def _jsonld_text(value: Any) -> str:
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, dict):
            value = value.get("name") or value.get("url") or value.get("@id") or ""
        return "" if value is None else str(value).strip()

    @cached_property
    def layout(self) -> Layout:
        """Where the main heading is, and what is near it."""
        hints = (
            self._jsonld_text(self.jsonld.get("headline")),
            self.og.get("og:title", ""),
            text_of(self.sel, "title"),
        )
        return Layout(self.root, self.url, hints)

    # -- the verdict ---------------------------------------------------------------

    def signals(self, teaser: Teaser | None = None) -> PageSignals:
        """What the page shows about its own kind (see aggregator/pages/verdict.py)."""
        published = self.published()
        date = ""
        if published is not None:
            date = DATE_KINDS.get(published.where.split(":", 1)[0], "metadata_date")
        elif teaser and teaser.date_raw and self._read(Found(teaser.date_raw, "teaser")):
            date = "teaser_date"
        body_classes = (self.sel.css("body::attr(class)").get() or "").lower().split()
        path = urlsplit(self.url).path
        found = PageSignals(
            jsonld_types=frozenset(
                t
                for n in self._jsonld_nodes
                if n.depth == 0 or n.under == "mainEntity"
                for t in n.types
            ),
            og_type=self.og.get("og:type", "").strip().lower(),
            og_published=bool(self._meta.first(*signals.OG_PUBLISHED)),
            body_classes=frozenset(body_classes),
            slug=path.rstrip("/").rsplit("/", 1)[-1].lower(),
            heading=self.layout.heading_text,
            titled_heading=self.layout.heading_says_title,
            body_chars=len(self.body()),
            date=date,
            future_date=any(
                (parsed := self._parse(f)) is not None and is_future(parsed.value, self.now)
                for f in self._shown_dates[:3]
            ),
            paginated=self.layout.paginated,
            file_links=self.layout.file_links(),
            download_first=self.layout.download_first(),
        )
        if says_one_post(found):
            return found  # its teasers (a "related" block) cannot make it a listing
        least = 1 if found.paginated else 2  # a teaser is a listing's when its shape repeats
        cards = {c for g in self.layout.teaser_groups if len(g) >= least for c in g.values()}
        teaser_text = " ".join(" ".join(c.text_content().split()) for c in cards)
        own_text = [
            p for p in self.body().split("\n\n") if " ".join(p.split())[:60] not in teaser_text
        ]
        return replace(found, teasers=len(self.layout.teasers), own_chars=sum(map(len, own_text)))

    def verdict(self, teaser: Teaser | None = None) -> PageVerdict:
        """Article, listing or other, with the signals that decided (see verdict.py). The
        teaser that led here counts as a date for a page that shows none itself."""
        return judge(self.signals(teaser))

    def is_article(self, teaser: Teaser | None = None) -> bool:
        """False for listings, about, contact, legal, event and document pages."""
        return self.verdict(teaser).is_article

    # -- fields ----------------------------------------------------------------

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

    @cached_property
    def _date_lang(self) -> str | None:
        lang = (self.sel.css("html::attr(lang)").get() or self.og.get("og:locale", ""))[:2]
        return lang.lower() or None

    def _parse(self, found: Found) -> ParsedDate | None:
        """The date a raw value writes out (not a relative date, not a bare time of day)."""
        if TIME_ONLY_RE.match(found.value):
            return None
        return parse_date(
            found.value,
            lang=self._date_lang,
            date_order=self.source.date_order,
            now=self.now,
            relative=False,
        )

    def _read(self, found: Found) -> ParsedDate | None:
        """The date a raw value says, if it is one and not after the fetch (a future date is
        no publication: an event's)."""
        parsed = self._parse(found)
        return parsed if parsed is not None and not is_future(parsed.value, self.now) else None

    def _stated_dates(self) -> Iterator[Found]:
        """Every statement of the publication date, strongest first (datesignals.py)."""
        nodes = self._jsonld_nodes
        yield from signals.jsonld_dates(nodes, signals.PUBLISHED_KEYS, articles=True)
        yield from signals.meta_dates(self._meta, signals.OG_PUBLISHED, ())
        yield from signals.microdata_dates(self.layout, signals.PUBLISHED_KEYS)
        yield from signals.jsonld_dates(nodes, signals.PUBLISHED_KEYS, articles=False)
        yield from signals.meta_dates(self._meta, (), signals.META_PUBLISHED)
        if found := first_css(self.sel, self.date_css):
            yield found
        yield from self._shown_dates
        if found := signals.body_dateline(self.body(), self.layout.heading_text):
            yield found
        if found := signals.url_date(self.url):
            yield found
        # Last, a date the page shows only as an update ("Aktualisiert: 30.12.2016").
        yield from (Found(f.value, f"updated:{f.where}") for f in self._visible_dates[1])

    def _htmldate(self) -> Found | None:
        """htmldate's reading of the page's markup (no free-text search), when nothing else
        states a date: on real pages it finds some the ladder misses (BENCHMARKS.md). It
        reads a copy of the page without boilerplate and teasers, whose dates are not the
        page's (a sidebar's "recent posts")."""
        try:
            day = find_date(
                self.layout.content_copy(),
                url=self.url,
                original_date=True,
                extensive_search=False,
                max_date=self.now.replace(tzinfo=None),
            )
        except (ValueError, TypeError):  # htmldate's own failures: the ladder ends without it
            return None
        return Found(day, "htmldate") if day else None

    @cached_property
    def _visible_dates(self) -> tuple[list[Found], list[Found]]:
        return signals.visible_dates(self.layout)

    @property
    def _shown_dates(self) -> list[Found]:
        """Publication dates the page shows, nearest its main heading first."""
        return self._visible_dates[0]

    @cached_property
    def _published(self) -> Found | None:
        """The first signal that reads as a date, cross-checked with the others:

        - a date the URL's date path contradicts (by more than a day) gives way to the first
          one that agrees with it;
        - a metadata date that the date shown nearest the heading contradicts gives way to
          the shown one when another page-level signal (metadata, the URL) says its day, or
          when it is all numbers and says that day read in the other order ("11/01/2023"
          beside a shown "01.11.2023");
        - a time written in UTC gives way to the same instant written with the site's offset.
        """
        readings = [
            (f, p)
            for f in itertools.islice(self._stated_dates(), MAX_READINGS)
            if (p := self._read(f))
        ]
        if not readings:
            return self._htmldate()
        chosen, parsed = readings[0]
        by_url = signals.url_date(self.url)
        if by_url and _days_apart(parsed.day, by_url.value) > 1:
            return next((f for f, p in readings if p.day == by_url.value), chosen)
        shown = next(((f, p) for f, p in readings if f.where in SHOWN), None)
        tolerance = 0 if parsed.says_its_day else 1  # a time in UTC may be a day off
        if (
            shown
            and chosen.where not in SHOWN
            and _days_apart(parsed.day, shown[1].day) > tolerance
        ):
            seconds = [  # page-level statements only: body microdata may be a teaser's
                f
                for f, p in readings
                if p.day == shown[1].day and f.where not in SHOWN | {"microdata"}
            ]
            if seconds or self._day_in_other_order(chosen) == shown[1].day:
                return shown[0]
        if parsed.is_utc:
            return next(
                (f for f, p in readings if p.value == parsed.value and not p.is_utc), chosen
            )
        return chosen

    def _day_in_other_order(self, found: Found) -> str | None:
        """The day an all-numeric date says read in the order the source does not use
        ("11/01/2023": 1 November for a day-first source), or None when only one order reads
        as a date, or it is not all numbers."""
        parsed = self._parse(found)
        if parsed is None or parsed.rule != "numeric":
            return None
        other = "DMY" if self.source.date_order.upper().startswith("M") else "MDY"
        swapped = parse_date(
            found.value, lang=self._date_lang, date_order=other, now=self.now, relative=False
        )
        return swapped.day if swapped is not None else None

    def published(self) -> Found | None:
        """The publication date as written, and where (see datesignals.py for the order)."""
        return self._published

    def modified(self) -> Found | None:
        """The last modification date as written, and where."""
        nodes = self._jsonld_nodes
        ladder = (
            *signals.jsonld_dates(nodes, ("dateModified",), articles=True),
            *signals.meta_dates(self._meta, (), signals.META_MODIFIED),
            *signals.jsonld_dates(nodes, ("dateModified",), articles=False),
            *self._visible_dates[1],
        )
        return next((f for f in ladder if self._read(f)), None)

    def day_evidence(self) -> list[str]:
        """Days the page shows besides its publication stamp (its URL's date path, the date
        shown nearest its heading): the dates pipeline reads the site's own day from them."""
        published = self.published()
        shown = [signals.url_date(self.url), next(iter(self._shown_dates), None)]
        return [f.value for f in shown if f is not None and f != published]

    def canonical(self) -> str | None:
        href = self.sel.css('link[rel="canonical"]::attr(href)').get()
        return urljoin(self.url, href.strip()) if href else None

    def shortlinks(self) -> list[str]:
        """Other URLs the page names for itself (WordPress's `<link rel="shortlink">`)."""
        hrefs = self.sel.css('link[rel~="shortlink"]::attr(href)').getall()
        return [urljoin(self.url, h.strip()) for h in hrefs if h.strip()]

    @cached_property
    def _found_language_links(self) -> list[LanguageLink]:
        return language_links(self.sel, self.url, self.canonical(), self.jsonld)

    @cached_property
    def _language_links(self) -> tuple[dict[str, str], dict[str, str]]:
        return translations_by_language(self._found_language_links)

    def translations(self) -> dict[str, str]:
        """Other versions by language (-> URL): hreflang, JSON-LD, switchers, language links."""
        return dict(self._language_links[0])

    def translation_sources(self) -> dict[str, str]:
        """Where each of `translations` was found: hreflang, jsonld, switcher or anchor (the
        item adds its teaser's sitemap alternates: `to_article`)."""
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
        if url_lang := lang_of_path(self.url):
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
        return self.body_from_selectors() or extracted

    def _extract_generic(self) -> str:
        """trafilatura's main-text extraction, paragraphs separated by blank lines.

        Its fast mode (no comparison with readability/justext) is tried first: it gives the
        same text on every article of every mirror rendition in about half the time
        (bench/bench_trafilatura_fast.py). When it keeps too little of what the article's
        element shows, the full extraction runs: on real pages nobody here wrote, fast mode
        alone loses whole bodies on a few.
        """
        extracted = self._trafilatura(fast=True)
        kept_enough = FAST_TEXT_SHARE * self.layout.article_chars
        if len(extracted) < MIN_BODY_CHARS or len(extracted) < kept_enough:
            extracted = self._trafilatura(fast=False)
        return as_paragraphs(extracted)

    def _trafilatura(self, *, fast: bool) -> str:
        return (
            trafilatura.extract(
                self.root,  # trafilatura copies the tree it is given: no second parse
                url=self.url,
                include_comments=False,
                include_tables=False,
                favor_precision=True,
                deduplicate=False,
                fast=fast,
            )
            or ""
        )

    def body_from_selectors(self) -> str:
        """Paragraphs under the site's body selector, noise elements removed first."""
        tree = copy.deepcopy(self.root)  # noise is dropped from a copy: the page's tree stays whole
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
        context.extend(self.day_evidence())
        if published is None and teaser and teaser.date_raw:
            published = Found(teaser.date_raw, f"{teaser.channel}:{teaser.date_where or 'date'}")
        # A teaser's alternates are a sitemap's (whatever channel the teaser came by, its
        # alternates were pooled from sitemaps): the weakest source, as FOUND_IN ranks it.
        sitemap = [
            LanguageLink(lang, url, "sitemap")
            for lang, url in (teaser.translations if teaser else {}).items()
        ]
        translations, translation_sources = translations_by_language(
            [*self._found_language_links, *sitemap]
        )
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
            aliases=self.shortlinks(),
            translations=translations,
            translation_sources=translation_sources,
            lang_hints=hints,
            published_raw=published.value if published else None,
            published_source=published.where if published else None,
            modified_raw=modified.value if modified else None,
            modified_source=modified.where if modified else None,
            date_context=context,
        )


def _days_apart(day: str, other: str) -> int:
    return abs((date.fromisoformat(day) - date.fromisoformat(other)).days)
