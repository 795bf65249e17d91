"""Render a whole site (content + layout + theme) into what is served at each path.

The shared machinery lives here once: listings and their pagination, feeds, sitemaps,
robots.txt, the PDF, translations, canonical links and Last-Modified dates. Where things
live comes from the URL scheme (`schemes.py`); a theme
(`data/mirror/themes/<rendition>/<source>/`) only decides how pages look: its Jinja2
templates and its interface strings (`strings.toml`).

A rendition is a folder of themes with a `theme.toml`: `extends = "<other rendition>"`
takes the templates and strings it lacks from there, `urls = "main" | "legacy" | "moved"`
picks the URL scheme, `sitemap_alternates = false` drops xhtml:link alternates from sitemaps.
"""

from __future__ import annotations

import gzip
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit
from xml.sax.saxutils import escape, quoteattr

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aggregator.dateshapes import MONTH_NAMES
from aggregator.mirror.content import (
    MIRROR_DIR,
    Article,
    Page,
    SiteContent,
    is_list_block,
    list_items,
)
from aggregator.mirror.pdf import render_pdf
from aggregator.mirror.schemes import Feed, Layout, Listing, Sitemap, build_layout
from aggregator.mirror.sites import SITES, Site

THEMES_DIR = MIRROR_DIR / "themes"

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
GZIP = "application/gzip"
PDF = "application/pdf"
TEXT = "text/plain; charset=utf-8"

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
HONEYPOT_PAGE = (
    b"<!DOCTYPE html><html><head><title>Blackhole</title><meta name='robots' content='noindex'>"
    b"</head><body><h1>You have fallen into a trap!</h1><p>This site's robots.txt forbids this "
    b"page. Your address has been logged.</p></body></html>"
)


class ThemeError(LookupError):
    """A rendition or theme that does not exist or cannot render a page."""


@dataclass(frozen=True)
class Resource:
    """What one path answers: a body with its type and Last-Modified date, or a 301."""

    content_type: str
    body: bytes = b""
    modified_at: datetime | None = None
    location: str | None = None  # a path: the answer is a 301 there

    @property
    def status(self) -> int:
        return 301 if self.location is not None else 200


Rendered = dict[str, Resource]


def route_key(path: str) -> str:
    """One spelling per route: the path, and its query parameters sorted."""
    parts = urlsplit(path)
    if not parts.query:
        return parts.path or "/"
    return f"{parts.path or '/'}?{urlencode(sorted(parse_qsl(parts.query, True)))}"


# -- renditions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    """A rendition's settings: its theme folders (nearest first) and its URL scheme."""

    name: str
    chain: tuple[Path, ...]
    urls: str = "main"
    sitemap_alternates: bool = True


def rendition_chain(rendition: str, themes_dir: Path | None = None) -> list[Path]:
    """The rendition's folder, then those it extends (theme.toml `extends`), nearest first."""
    return list(load_rendition(rendition, themes_dir).chain)


def load_rendition(rendition: str, themes_dir: Path | None = None) -> Rendition:
    """Read a rendition's theme.toml chain; nearer settings win."""
    root = Path(themes_dir or THEMES_DIR)
    chain: list[Path] = []
    configs: list[dict[str, Any]] = []
    name: str | None = rendition
    while name is not None:
        folder = root / name
        if not folder.is_dir():
            raise ThemeError(f"no rendition {name!r}: {folder} is missing")
        if folder in chain:
            names = " -> ".join(p.name for p in [*chain, folder])
            raise ThemeError(f"renditions extend each other in a loop: {names}")
        chain.append(folder)
        config_file = folder / "theme.toml"
        try:
            config = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            config = {}
        except tomllib.TOMLDecodeError as exc:
            raise ThemeError(f"{config_file}: {exc}") from exc
        unknown = set(config) - {"extends", "urls", "sitemap_alternates"}
        if unknown:
            raise ThemeError(f"{config_file}: unknown key(s) {', '.join(sorted(unknown))}")
        parent = config.get("extends")
        if parent is not None and not isinstance(parent, str):
            raise ThemeError(f"{config_file}: extends must be a rendition name")
        configs.append(config)
        name = parent
    settings: dict[str, Any] = {}
    for config in reversed(configs):
        settings.update({k: v for k, v in config.items() if k != "extends"})
    return Rendition(rendition, tuple(chain), **settings)


def merge_strings(layers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Interface strings per language, nearer layers (first) winning key by key."""
    merged: dict[str, dict[str, Any]] = {}
    for layer in reversed(layers):
        for lang, table in layer.items():
            merged.setdefault(lang, {}).update(table)
    return merged


# -- Jinja filters: date shapes and truncations that themes pick from ----------------------


def _dt(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def isodate(value: datetime | str) -> str:
    """2025-07-25"""
    return _dt(value).strftime("%Y-%m-%d")


def dmy(value: datetime | str, sep: str = "/") -> str:
    """25/07/2025 (day first), or 25.07.2025 with sep='.'."""
    return _dt(value).strftime(f"%d{sep}%m{sep}%Y")


def longdate(value: datetime | str, lang: str = "en") -> str:
    """25 July 2025 / 25 juillet 2025"""
    d = _dt(value)
    return f"{d.day} {MONTH_NAMES.get(lang, MONTH_NAMES['en'])[d.month - 1]} {d.year}"


def usdate(value: datetime | str, lang: str = "en") -> str:
    """April 16, 2024 / 16 avril 2024"""
    d = _dt(value)
    if lang == "fr":
        return longdate(d, "fr")
    return f"{MONTH_NAMES['en'][d.month - 1]} {d.day}, {d.year}"


WEEKDAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "fr": ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"],
}


def drupaldate(value: datetime | str, lang: str = "en") -> str:
    """Drupal's medium format: 'Wed, 18/11/2026 - 10:15' / 'mer, 18/11/2026 - 10:15'."""
    d = _dt(value)
    day = WEEKDAYS.get(lang, WEEKDAYS["en"])[d.weekday()]
    return f"{day}, {dmy(d)} - {d.strftime('%H:%M')}"


def dateline(article: Article, year: bool = True) -> str:
    """'Washington, DC, April 16, 2024 – ', '…, le 16 avril 2024 – '; 'Brussels, 11 December – '.

    Without the year (`year=False`) as CEMR writes its datelines.
    """
    if not article.dateline:
        return ""
    d = article.published_at
    if not year:
        month = MONTH_NAMES.get(article.lang, MONTH_NAMES["en"])[d.month - 1]
        return f"{article.dateline}, {d.day} {month} – "
    when = usdate(d, article.lang)
    if article.lang == "fr":
        when = f"le {when}"
    return f"{article.dateline}, {when} – "


def cut(text: str, length: int, ellipsis: str = "…", words: bool = True) -> str:
    """Truncate like the sites do: at a word boundary, or mid-word when words=False."""
    if len(text) <= length:
        return text
    head = text[:length]
    if words and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.") + ellipsis


def rfc822(value: datetime | str) -> str:
    return format_datetime(_dt(value))


# -- the renderer -------------------------------------------------------------------------


@dataclass(frozen=True)
class Teaser:
    """One item of a listing, as a theme needs it."""

    url: str
    title: str
    display_title: str
    summary: str
    lead: str  # the body's first paragraph (for themes that run the title into the body)
    published: datetime
    tags: tuple[str, ...]
    image_url: str | None
    image_alt: str | None
    kind: str
    lang: str


class SiteRenderer:
    """Renders one site for one rendition, one day and one base URL."""

    def __init__(
        self,
        site: SiteContent,
        rendition: str = "main",
        base_url: str = "http://127.0.0.1",
        *,
        sites: Mapping[str, SiteContent] | None = None,
        base_urls: Mapping[str, str] | None = None,
        themes_dir: Path | None = None,
        day: int = 1,
    ) -> None:
        if site.source not in SITES:
            raise ThemeError(f"no site {site.source!r} in the mirror")
        self.info: Site = SITES[site.source]
        self.rendition = load_rendition(rendition, themes_dir)
        self.all_days = site
        self.site = site.on_day(day)
        self.base_url = base_url.rstrip("/")
        self.sites = {k: s.on_day(day) for k, s in (sites or {}).items()}
        self.sites[site.source] = self.site
        self.base_urls = {k: v.rstrip("/") for k, v in (base_urls or {}).items()}
        self.base_urls[site.source] = self.base_url
        self.layout: Layout = build_layout(self.site, self.rendition.urls)
        self._layouts = {site.source: self.layout}
        chain = self.rendition.chain
        site_dirs = [d / site.source for d in chain if (d / site.source).is_dir()]
        if not site_dirs:
            raise ThemeError(f"no theme {rendition!r} for {site.source}: no {site.source}/ in "
                             + ", ".join(str(d) for d in chain))  # fmt: skip
        self.theme_dir = site_dirs[0]
        self.strings = merge_strings(
            [
                tomllib.loads(f.read_text(encoding="utf-8"))
                for d in site_dirs
                if (f := d / "strings.toml").is_file()
            ]
        )
        search = [p for d in chain for p in (d / site.source, d / "_shared") if p.is_dir()]
        common = Path(themes_dir or THEMES_DIR) / "_common"  # macros any rendition may import
        search += [common] if common.is_dir() else []
        self.env = self._environment(search)
        self.articles = self.site.articles  # newest first
        self._by_id = {a.id: a for a in self.articles}
        self._groups = self._translation_groups()
        every_day = site.articles or self.articles
        self.launched_at = min((a.published_at for a in every_day), default=None)
        self.year = max((a.published_at.year for a in every_day), default=2025)

    def _environment(self, search: list[Path]) -> Environment:
        env = Environment(
            loader=FileSystemLoader(search),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(isodate=isodate, dmy=dmy, longdate=longdate, usdate=usdate, cut=cut,
                           rfc822=rfc822, drupaldate=drupaldate, list_items=list_items)  # fmt: skip
        env.tests.update(list_block=is_list_block)
        env.globals.update(url=self.url, dateline=dateline)
        return env

    # URLs

    def url(self, path: str) -> str:
        """Absolute URL of a path on the base URL the site is served on."""
        return self.base_url + path

    def layout_of(self, source: str) -> Layout | None:
        if source not in self._layouts and source in self.sites:
            self._layouts[source] = build_layout(self.sites[source], self.rendition.urls)
        return self._layouts.get(source)

    def article_url(self, article: Article) -> str | None:
        """Canonical URL of an article of this site, or of another site whose base URL is known."""
        layout = self.layout_of(article.source)
        if layout is None or article.source not in self.base_urls:
            return None
        return self.base_urls[article.source] + layout.paths[article.id]

    def path_in(self, article: Article, ui_lang: str) -> str:
        """The path a page in `ui_lang` links an article under (its alias there, if any)."""
        return self.layout.aliases.get(article.id, {}).get(ui_lang, self.layout.paths[article.id])

    # relations

    def _translation_groups(self) -> dict[str, tuple[Article, ...]]:
        roots: dict[str, list[Article]] = {}
        for art in self.articles:
            roots.setdefault(art.translation_of or art.id, []).append(art)
        groups: dict[str, tuple[Article, ...]] = {}
        for root_id, members in roots.items():
            root = self._by_id.get(root_id)
            group = tuple(dict.fromkeys([*([root] if root else []), *members]))
            for art in group:
                groups[art.id] = group
        return groups

    def group(self, article: Article) -> tuple[Article, ...]:
        return self._groups.get(article.id, (article,))

    def alternates(self, article: Article) -> list[tuple[str, str]]:
        """hreflang alternates: every language version of the article, when there are several."""
        group = self.group(article)
        if len(group) < 2:
            return []
        pairs = [(self.info.html_lang(a.lang), self.url(self.layout.paths[a.id])) for a in group]
        default = next((a for a in group if a.lang == "en"), group[0])
        return [*pairs, ("x-default", self.url(self.layout.paths[default.id]))]

    def translation(self, article: Article, lang: str) -> Article | None:
        return next((a for a in self.group(article) if a.lang == lang), None)

    def versions(self, article: Article, ui_lang: str) -> dict[str, str]:
        """What a language switcher on this page offers: ui -> URL of the same news there."""
        out: dict[str, str] = {}
        for lang in self.layout.homes:
            if lang == ui_lang:
                continue
            other = self.translation(article, lang)
            if other is not None and other.id != article.id:
                out[lang] = self.url(self.layout.paths[other.id])
            elif lang in self.layout.aliases.get(article.id, {}):
                out[lang] = self.url(self.layout.aliases[article.id][lang])
            elif self.layout.ui[article.id] == lang:
                out[lang] = self.url(self.layout.paths[article.id])
        return out

    def teaser(self, article: Article, ui_lang: str) -> Teaser:
        return Teaser(
            url=self.url(self.path_in(article, ui_lang)),
            title=article.title,
            display_title=self.display_title(article),
            summary=article.summary,
            lead=article.paragraphs[0] if article.paragraphs else article.summary,
            published=article.published_at,
            tags=article.tags,
            image_url=self.url(article.image) if article.image else None,
            image_alt=article.image_alt,
            kind=article.kind,
            lang=article.lang,
        )

    def display_title(self, article: Article) -> str:
        """The title as the site prints it: an expired call gets its "[EXPIRED]" prefix."""
        if not article.expired:
            return article.title
        return f"{self.strings.get('en', {}).get('expired', '[EXPIRED]')} {article.title}"

    def newest_change(self, ids: list[str] | tuple[str, ...]) -> datetime | None:
        dates = [self._by_id[i].modified_at for i in ids if i in self._by_id]
        return max(dates, default=self.launched_at)

    # pages

    def _context(self, path: str, ui_lang: str, **extra: Any) -> dict[str, Any]:
        layout = self.layout
        other = next((lang for lang in layout.homes if lang != ui_lang), ui_lang)
        feed_path = layout.head_feeds.get(ui_lang)
        ctx: dict[str, Any] = {
            "site": self.info,
            "source": self.info.key,
            "scheme": layout.scheme,
            "base_url": self.base_url,
            "path": path,
            "ui_lang": ui_lang,
            "html_lang": self.info.html_lang(ui_lang),
            "ui": self.strings.get(ui_lang, {}),
            "home_url": self.url(layout.homes[ui_lang]),
            "homes": {lang: self.url(p) for lang, p in layout.homes.items()},
            "other_lang": other,
            "lang_switch": self.url(layout.homes[other]),
            "versions": {},
            "listing_urls": {x.key: self.url(x.path) for x in layout.listings if x.lang == ui_lang},
            "nav": [
                {"title": self.listing_title(x), "url": self.url(x.path), "kind": x.kind}
                for x in layout.nav(ui_lang)
            ],
            "pages": [p for p in self.site.pages if p.lang == ui_lang and p.link == "menu"],
            "footer_pages": [
                p for p in self.site.pages if p.lang == ui_lang and p.link == "footer"
            ],
            "feed_url": self.url(feed_path) if feed_path else None,
            "canonical": self.url(path),
            "alternates": [],
            "translations": [],
            "shortlink": None,
            "description": "",
            "og_type": "website",
            "next_url": None,
            "prev_url": None,
            "year": self.year,
            "honeypot_url": self.url(layout.honeypot) if layout.honeypot else None,
        }
        ctx.update(extra)
        return ctx

    def _render(self, template: str | list[str], ctx: dict[str, Any]) -> bytes:
        try:
            return (
                self.env.select_template([template] if isinstance(template, str) else template)
                .render(ctx)
                .encode("utf-8")
            )
        except Exception as exc:  # a theme bug: say which theme and page
            raise ThemeError(f"{self.theme_dir}/{template} failed on {ctx['path']}: {exc}") from exc

    def listing_title(self, listing: Listing) -> str:
        return listing.title or self.strings.get(listing.lang, {}).get(listing.key, listing.key)

    def render_article(self, article: Article, path: str, ui_lang: str) -> bytes:
        index = self.articles.index(article)
        # Older neighbours only: a new article tomorrow must not change today's pages.
        related = [
            self.teaser(a, ui_lang)
            for a in self.articles[index + 1 :]
            if a.lang == article.lang and not a.is_pdf
        ][:3]
        original = None
        if article.crosspost_of:
            targets = (s.by_id(article.crosspost_of) for s in self.sites.values())
            target = next((t for t in targets if t is not None), None)
            if target is not None:
                original = {
                    "name": SITES[target.source].name if target.source in SITES else "",
                    "url": self.article_url(target),
                    "title": target.title,
                }
        group = self.group(article)
        title_es = next((a.title_es for a in (article, *group) if a.title_es), None)
        extra_titles = [("es", title_es)] if title_es else []
        french = self.translation(article, "fr")
        if french is not None and french.id != article.id and ui_lang != "fr":
            extra_titles.append(("fr", french.title))
        shortlink = self.layout.shortlinks.get(article.id, {}).get(ui_lang)
        category = None
        if article.category:
            listing = self.layout.listing(
                f"{'/fr' if ui_lang == 'fr' else ''}/category/{article.category}"
            )
            if listing is not None:
                category = {"name": self.listing_title(listing), "url": self.url(listing.path)}
        migrated = bool(self.layout.migrated_before) and article.published < str(
            self.layout.migrated_before
        )
        ctx = self._context(
            path,
            ui_lang,
            article=article,
            title=article.title,
            display_title=self.display_title(article),
            article_lang=self.info.html_lang(article.lang),
            modified=article.modified or article.published,
            paragraphs=article.paragraphs,
            canonical=self.url(self.layout.paths[article.id]),
            alternates=self.alternates(article),
            translations=[
                {
                    "lang": a.lang,
                    "html_lang": self.info.html_lang(a.lang),
                    "title": a.title,
                    "url": self.url(self.layout.paths[a.id]),
                }
                for a in group
                if a.id != article.id
            ],  # fmt: skip
            versions=self.versions(article, ui_lang),
            description=article.summary,
            og_type="article",
            image_url=self.url(article.image) if article.image else None,
            related=related,
            original=original,
            extra_titles=extra_titles,
            shortlink=self.url(shortlink) if shortlink else None,
            tag_links=[
                (tag, self.url(p) if (p := self.layout.tag_paths.get((ui_lang, tag))) else None)
                for tag in article.tags
            ],
            category=category,
            migrated=migrated,
        )
        other = self.translation(article, ctx["other_lang"])
        if other is not None:
            ctx["lang_switch"] = self.url(self.layout.paths[other.id])
        return self._render("article.html", ctx)

    def render_page(self, page: Page) -> bytes:
        ctx = self._context(
            page.path,
            page.lang,
            page=page,
            title=page.title,
            paragraphs=page.paragraphs,
            description=page.summary,
        )
        return self._render("page.html", ctx)

    def render_listing(self, listing: Listing) -> Rendered:
        """Every page of a listing, chained by next/previous links (and its trap, if any)."""
        items = [self._by_id[i] for i in listing.items]
        count = max(1, math.ceil(len(items) / listing.per_page))
        urls = [self.url(listing.page_path(n)) for n in range(1, count + 1)]
        filters = [{"label": label, "url": self.url(p)} for label, p in listing.filters]
        feed = listing.feed or self.layout.head_feeds.get(listing.lang)

        def page(n: int, path: str, load_more: str | None) -> Resource:
            chunk = items[(n - 1) * listing.per_page : n * listing.per_page]
            is_home = listing.kind == "home"
            ctx = self._context(
                path,
                listing.lang,
                listing=listing,
                title=self.listing_title(listing),
                teasers=[self.teaser(a, listing.lang) for a in chunk],
                page_no=n,
                page_count=count,
                page_urls=urls,
                canonical=urls[n - 1],
                next_url=urls[n] if n < count else None,
                prev_url=urls[n - 2] if n > 1 else None,
                is_home=is_home,
                filters=filters,
                load_more=self.url(load_more) if load_more else None,
                feed_url=self.url(feed) if feed else None,
            )
            body = self._render(["home.html", "listing.html"] if is_home else "listing.html", ctx)
            return Resource(HTML, body, self.newest_change([a.id for a in chunk]))

        out: Rendered = {}
        for n in range(1, count + 1):
            trap = listing.trap.format(k=n, p=2) if listing.trap and n < count else None
            out[listing.page_path(n)] = page(n, listing.page_path(n), trap)
        if listing.trap:  # /page/K/?page_number=P repeats page K+P-1, and links one step further
            for k in range(1, count):
                for p in range(2, count - k + 2):
                    further = listing.trap.format(k=k, p=p + 1) if k + p < count + 1 else None
                    out[listing.trap.format(k=k, p=p)] = page(k + p - 1, urls[k + p - 2], further)
        return out

    def render_home(self, lang: str, path: str) -> Resource:
        items = [self._by_id[i] for i in self.layout.home_items.get(lang, ())]
        ctx = self._context(
            path,
            lang,
            canonical=self.url(self.layout.homes[lang]),
            listing=None,
            title=self.strings.get(lang, {}).get("home", self.info.name),
            teasers=[self.teaser(a, lang) for a in items],
            page_no=1,
            page_count=1,
            page_urls=[],
            is_home=True,
            filters=[],
            load_more=None,
        )
        body = self._render(["home.html", "listing.html"], ctx)
        return Resource(HTML, body, self.newest_change([a.id for a in items]))

    # machine-readable files

    def render_feed(self, feed: Feed) -> Resource:
        """RSS 2.0 with the newest items of one interface, as WordPress feeds hold."""
        items = [self._by_id[i] for i in feed.items]
        ui = self.strings.get(feed.lang, {})
        title = ui.get("site_title", self.info.name)
        built = self.newest_change(feed.items)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
            "<channel>",
            f"<title>{escape(title)}</title>",
            f'<atom:link href="{escape(self.url(feed.path))}" rel="self" type="application/rss+xml"/>',  # noqa: E501
            f"<link>{escape(self.url(self.layout.homes[feed.lang]))}</link>",
            f"<description>{escape(ui.get('tagline', title))}</description>",
            f"<lastBuildDate>{rfc822(built or datetime(2025, 1, 1, tzinfo=UTC))}</lastBuildDate>",
            f"<language>{self.info.html_lang(feed.lang)}</language>",
            "<generator>https://wordpress.org/?v=6.5.2</generator>",
        ]
        for a in items:
            link = escape(self.url(self.layout.paths[a.id]))
            lines += [
                "<item>",
                f"<title>{escape(self.display_title(a))}</title>",
                f"<link>{link}</link>",
                f"<dc:creator><![CDATA[{ui.get('author', self.info.name)}]]></dc:creator>",
                f"<pubDate>{rfc822(a.published_at)}</pubDate>",
                *(f"<category><![CDATA[{t}]]></category>" for t in a.tags),
                f'<guid isPermaLink="true">{link}</guid>',
                f"<description>{escape(a.summary)}</description>",
                "</item>",
            ]
        lines += ["</channel>", "</rss>", ""]
        return Resource(RSS, "\n".join(lines).encode("utf-8"), built)

    def _entry(self, kind: str, ref: str) -> tuple[str, datetime | None, list[tuple[str, str]]]:
        """(loc, lastmod, hreflang alternates) of one sitemap entry."""
        if kind == "article":
            art = self._by_id[ref]
            return self.url(self.layout.paths[ref]), art.modified_at, self.alternates(art)
        if kind == "page":
            page = next(p for p in self.site.pages if p.id == ref)
            return self.url(page.path), _dt(page.modified) if page.modified else None, []
        if kind == "home":
            newest = self.articles[0].modified_at if self.articles else None
            return self.url(self.layout.homes[ref]), newest, []
        listing = self.layout.listing(ref)
        if listing is None:
            raise ThemeError(f"{self.site.file}: a sitemap lists {ref}, which is not a listing")
        return self.url(listing.path), self.newest_change(listing.items[: listing.per_page]), []

    def render_sitemaps(self) -> Rendered:
        """Every sitemap of the layout: indexes first resolve their children's lastmod."""
        out: Rendered = {}
        latest: dict[str, datetime | None] = {}
        for sitemap in sorted(self.layout.sitemaps, key=lambda s: bool(s.children)):
            if sitemap.children:
                body = self._index(sitemap, latest)
                modified = max((d for c in sitemap.children if (d := latest.get(c))), default=None)
            else:
                body, modified = self._urlset(sitemap)
            latest[sitemap.path] = modified
            if sitemap.gzip:
                out[sitemap.path] = Resource(GZIP, gzip.compress(body, mtime=0), modified)
            else:
                out[sitemap.path] = Resource(XML, body, modified)
        return out

    def _index(self, sitemap: Sitemap, latest: Mapping[str, datetime | None]) -> bytes:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
        for child in sitemap.children:
            lines.append(f"<sitemap><loc>{escape(self.url(child))}</loc>")
            if (lastmod := latest.get(child)) is not None:
                lines.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
            lines.append("</sitemap>")
        return "\n".join([*lines, "</sitemapindex>", ""]).encode("utf-8")

    def _urlset(self, sitemap: Sitemap) -> tuple[bytes, datetime | None]:
        alternates = sitemap.alternates and self.rendition.sitemap_alternates
        xhtml = f' xmlns:xhtml="{XHTML_NS}"' if alternates else ""
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}"{xhtml}>']
        dates = []
        for kind, ref in sitemap.entries:
            loc, lastmod, pairs = self._entry(kind, ref)
            lines.append(f"<url><loc>{escape(loc)}</loc>")
            if lastmod is not None:
                dates.append(lastmod)
                lines.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
            for code, href in pairs if alternates else ():
                lines.append(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(href)}/>'
                )
            lines.append("</url>")
        body = "\n".join([*lines, "</urlset>", ""]).encode("utf-8")
        return body, max(dates, default=None)

    def render_robots(self) -> bytes:
        sitemaps = [f"Sitemap: {self.url(p)}" for p in self.layout.robots_sitemaps]
        lines = [*self.layout.robots_rules, *([""] + sitemaps if sitemaps else [])]
        return ("\n".join(lines) + "\n").encode("utf-8")

    # the whole site

    def render(self) -> Rendered:
        """Every path the site serves, mapped to what it answers."""
        out: Rendered = {}
        add = _adder(out, self.site)
        layout = self.layout
        listed = {x.path for x in layout.listings}
        for lang, path in layout.homes.items():
            if path not in listed:
                add(path, self.render_home(lang, path))
        for path, lang in layout.home_copies.items():
            add(path, out[route_key(layout.homes[lang])])
        for article in self.articles:
            canonical = layout.paths[article.id]
            if article.is_pdf:
                add(canonical, Resource(PDF, render_pdf(article), article.modified_at))
                continue
            pages = {layout.ui[article.id]: canonical, **layout.aliases.get(article.id, {})}
            for ui_lang, path in pages.items():
                add(path, Resource(HTML, self.render_article(article, path, ui_lang),
                                   article.modified_at))  # fmt: skip
            for ui_lang, short in layout.shortlinks.get(article.id, {}).items():
                target = pages.get(ui_lang, canonical)
                add(short, Resource(HTML, location=target) if layout.shortlinks_redirect
                    else out[route_key(target)])  # fmt: skip
        for old, new in layout.redirects.items():
            add(old, Resource(HTML, location=new))
        for page in self.site.pages:
            add(page.path, Resource(HTML, self.render_page(page), self._page_date(page)))
        for listing in layout.listings:
            for path, resource in self.render_listing(listing).items():
                add(path, resource)
        for feed in layout.feeds:
            add(feed.path, self.render_feed(feed))
        for path, resource in self.render_sitemaps().items():
            add(path, resource)
        add("/robots.txt", Resource(TEXT, self.render_robots(), self.launched_at))
        if layout.honeypot:
            add(layout.honeypot, Resource(HTML, HONEYPOT_PAGE, self.launched_at))
        return out

    def _page_date(self, page: Page) -> datetime | None:
        return _dt(page.modified) if page.modified else self.launched_at


def _adder(out: Rendered, site: SiteContent) -> Callable[[str, Resource], None]:
    def add(path: str, resource: Resource) -> None:
        key = route_key(path)
        if key in out:
            raise ThemeError(f"{site.file}: two things are served at {path}")
        out[key] = resource

    return add


def render_site(
    site: SiteContent,
    rendition: str = "main",
    base_url: str = "http://127.0.0.1",
    *,
    sites: Mapping[str, SiteContent] | None = None,
    base_urls: Mapping[str, str] | None = None,
    themes_dir: Path | None = None,
    day: int = 1,
) -> Rendered:
    """{path_with_query: Resource} for one site served at `base_url` on `day`."""
    return SiteRenderer(
        site, rendition, base_url, sites=sites, base_urls=base_urls, themes_dir=themes_dir, day=day
    ).render()
