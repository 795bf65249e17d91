"""Render a whole site (content + theme) into the bytes served at each path.

The shared machinery lives here once: listings and their pagination, feeds,
sitemaps, robots.txt, the PDF, translations and canonical links. A theme
(`data/mirror/themes/<rendition>/<source>/`) only decides how pages look: its
Jinja2 templates and its interface strings (`strings.toml`).

A rendition may say `extends = "<other rendition>"` in `themes/<rendition>/theme.toml`:
templates and strings it lacks are then taken from the other rendition, so a variant
that changes one page of one site is one small template.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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
from aggregator.mirror.sites import SCHEMES, Listing, SiteScheme

THEMES_DIR = MIRROR_DIR / "themes"

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
PDF = "application/pdf"
TEXT = "text/plain; charset=utf-8"

Rendered = dict[str, tuple[str, bytes]]

FEED_SIZE = 10
FALLBACK_DATE = datetime(2025, 1, 1, tzinfo=UTC)  # only for a site without articles


class ThemeError(LookupError):
    """A rendition or theme that does not exist or cannot render a page."""


def rendition_chain(rendition: str, themes_dir: Path | None = None) -> list[Path]:
    """The rendition's folder, then those it extends (theme.toml `extends`), nearest first."""
    root = Path(themes_dir or THEMES_DIR)
    chain: list[Path] = []
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
        parent = config.get("extends")
        if parent is not None and not isinstance(parent, str):
            raise ThemeError(f"{config_file}: extends must be a rendition name")
        name = parent
    return chain


def merge_strings(layers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Interface strings per language, nearer layers (first) winning key by key."""
    merged: dict[str, dict[str, Any]] = {}
    for layer in reversed(layers):
        for lang, table in layer.items():
            merged.setdefault(lang, {}).update(table)
    return merged


@dataclass(frozen=True)
class Teaser:
    """One item of a listing, as a theme needs it."""

    url: str
    title: str
    summary: str
    published: datetime
    tags: tuple[str, ...]
    image_url: str | None
    image_alt: str | None
    kind: str
    lang: str


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


def dateline(article: Article) -> str:
    """'Washington, DC, April 16, 2024 – ' in the article's language ('…, le 16 avril 2024 – ')."""
    if not article.dateline:
        return ""
    when = usdate(article.published_at, article.lang)
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


class SiteRenderer:
    """Renders one site for one rendition and one base URL."""

    def __init__(
        self,
        site: SiteContent,
        rendition: str = "main",
        base_url: str = "http://127.0.0.1",
        *,
        sites: Mapping[str, SiteContent] | None = None,
        base_urls: Mapping[str, str] | None = None,
        themes_dir: Path | None = None,
    ) -> None:
        if site.source not in SCHEMES:
            raise ThemeError(f"no URL scheme for source {site.source!r}")
        self.site = site
        self.scheme: SiteScheme = SCHEMES[site.source]
        self.base_url = base_url.rstrip("/")
        self.sites = dict(sites or {})
        self.sites.setdefault(site.source, site)
        self.base_urls = {k: v.rstrip("/") for k, v in (base_urls or {}).items()}
        self.base_urls[site.source] = self.base_url
        chain = rendition_chain(rendition, themes_dir)
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
        self.env = self._environment(search)
        self.articles = site.articles  # newest first
        self._groups = self._translation_groups()

    def _environment(self, search: list[Path]) -> Environment:
        env = Environment(
            loader=FileSystemLoader(search),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(
            isodate=isodate,
            dmy=dmy,
            longdate=longdate,
            usdate=usdate,
            cut=cut,
            rfc822=rfc822,
            drupaldate=drupaldate,
        )
        env.tests.update(list_block=is_list_block)
        env.filters.update(list_items=list_items)
        env.globals.update(url=self.url, dateline=dateline)
        return env

    # URLs

    def url(self, path: str) -> str:
        """Absolute URL of a path on the base URL the site is served on."""
        return self.base_url + path

    def article_url(self, article: Article) -> str:
        """Canonical URL of an article of this site, or of another site whose base URL is known."""
        return self.base_urls[article.source] + article.path

    def _path_for_lang(self, article: Article, ui_lang: str) -> str:
        """Path a listing in `ui_lang` links an article under (its also_at in that section)."""
        if self.scheme.ui_lang(article.path) == ui_lang:
            return article.path
        return next((p for p in article.also_at if self.scheme.ui_lang(p) == ui_lang), article.path)

    # relations

    def _translation_groups(self) -> dict[str, tuple[Article, ...]]:
        roots: dict[str, list[Article]] = {}
        for art in self.articles:
            roots.setdefault(art.translation_of or art.id, []).append(art)
        groups: dict[str, tuple[Article, ...]] = {}
        for root_id, members in roots.items():
            root = self.site.by_id(root_id)
            group = tuple(dict.fromkeys([*([root] if root else []), *members]))
            for art in group:
                groups[art.id] = group
        return groups

    def alternates(self, article: Article) -> list[tuple[str, str]]:
        """hreflang alternates: every language version of the article, when there are several."""
        group = self._groups.get(article.id, (article,))
        if len(group) < 2:
            return []
        pairs = [(self.scheme.html_lang(a.lang), self.article_url(a)) for a in group]
        default = next((a for a in group if a.lang == "en"), group[0])
        return [*pairs, ("x-default", self.article_url(default))]

    def translation(self, article: Article, lang: str) -> Article | None:
        return next((a for a in self._groups.get(article.id, ()) if a.lang == lang), None)

    def listing_articles(self, listing: Listing) -> list[Article]:
        """The articles a listing shows, newest first (listed_in, else the language's default)."""
        return [
            a
            for a in self.articles
            if listing.path in a.listed_in
            or (not a.listed_in and listing.default and listing.lang == a.lang)
        ]

    def teaser(self, article: Article, ui_lang: str) -> Teaser:
        return Teaser(
            url=self.url(self._path_for_lang(article, ui_lang)),
            title=article.title,
            summary=article.summary,
            published=article.published_at,
            tags=article.tags,
            image_url=self.url(article.image) if article.image else None,
            image_alt=article.image_alt,
            kind=article.kind,
            lang=article.lang,
        )

    # pages

    def _context(self, path: str, ui_lang: str, **extra: Any) -> dict[str, Any]:
        scheme = self.scheme
        other = "fr" if ui_lang == "en" else "en"
        newest = self.articles[0].published_at if self.articles else FALLBACK_DATE
        feed_path = scheme.feeds.get(ui_lang)
        ctx: dict[str, Any] = {
            "site": scheme,
            "source": scheme.key,
            "base_url": self.base_url,
            "path": path,
            "ui_lang": ui_lang,
            "html_lang": scheme.html_lang(ui_lang),
            "ui": self.strings.get(ui_lang, {}),
            "home_url": self.url(scheme.homes[ui_lang]),
            "other_lang": other,
            "lang_switch": self.url(scheme.homes[other]),
            "listing_urls": {x.key: self.url(x.path) for x in scheme.listings if x.lang == ui_lang},
            "pages": [p for p in self.site.pages if p.lang == ui_lang],
            "feed_url": self.url(feed_path) if feed_path else None,
            "canonical": self.url(path),
            "alternates": [],
            "description": "",
            "og_type": "website",
            "next_url": None,
            "prev_url": None,
            "year": newest.year,
        }
        ctx.update(extra)
        return ctx

    def _render(self, template: str, ctx: dict[str, Any]) -> bytes:
        try:
            return self.env.get_template(template).render(ctx).encode("utf-8")
        except Exception as exc:  # a theme bug: say which theme and page
            raise ThemeError(f"{self.theme_dir / template} failed on {ctx['path']}: {exc}") from exc

    def render_article(self, article: Article, path: str) -> bytes:
        ui_lang = self.scheme.ui_lang(path)
        related = [
            self.teaser(a, ui_lang)
            for a in self.articles
            if a.id != article.id and a.lang == article.lang and not a.is_pdf
        ][:3]
        original = None
        if article.crosspost_of:
            targets = (s.by_id(article.crosspost_of) for s in self.sites.values())
            target = next((t for t in targets if t is not None), None)
            if target is not None:
                original = {
                    "name": SCHEMES[target.source].name if target.source in SCHEMES else "",
                    "url": (self.article_url(target) if target.source in self.base_urls else None),
                    "title": target.title,
                }
        ctx = self._context(
            path,
            ui_lang,
            article=article,
            title=article.title,
            article_lang=self.scheme.html_lang(article.lang),
            modified=article.modified or article.published,
            paragraphs=article.paragraphs,
            canonical=self.article_url(article),
            alternates=self.alternates(article),
            description=article.summary,
            og_type="article",
            image_url=self.url(article.image) if article.image else None,
            related=related,
            original=original,
        )
        other = self.translation(article, ctx["other_lang"])
        if other is not None:
            ctx["lang_switch"] = self.article_url(other)
        return self._render("article.html", ctx)

    def render_page(self, page: Page) -> bytes:
        ui_lang = self.scheme.ui_lang(page.path)
        ctx = self._context(
            page.path,
            ui_lang,
            page=page,
            title=page.title,
            paragraphs=page.paragraphs,
            description=page.summary,
        )
        return self._render("page.html", ctx)

    def render_listing(self, listing: Listing) -> Rendered:
        """Every page of a listing, 5 teasers each, chained by next/previous links."""
        items = self.listing_articles(listing)
        per_page = self.scheme.per_page
        count = max(1, math.ceil(len(items) / per_page))
        out: Rendered = {}
        urls = [self.url(self.scheme.page_path(listing.path, i)) for i in range(1, count + 1)]
        for n in range(1, count + 1):
            path = self.scheme.page_path(listing.path, n)
            chunk = items[(n - 1) * per_page : n * per_page]
            ctx = self._context(
                path,
                listing.lang,
                listing=listing,
                title=self.strings.get(listing.lang, {}).get(listing.key, listing.key),
                teasers=[self.teaser(a, listing.lang) for a in chunk],
                page_no=n,
                page_count=count,
                page_urls=urls,
                next_url=urls[n] if n < count else None,
                prev_url=urls[n - 2] if n > 1 else None,
                is_home=False,
            )
            out[path] = (HTML, self._render("listing.html", ctx))
        return out

    def render_home(self, lang: str, path: str) -> bytes:
        listing = self.scheme.default_listing(lang)
        items = self.listing_articles(listing) if listing else []
        ctx = self._context(
            path,
            lang,
            canonical=self.url(self.scheme.homes[lang]),
            listing=listing,
            title=self.strings.get(lang, {}).get("home", self.scheme.name),
            teasers=[self.teaser(a, lang) for a in items[: self.scheme.per_page]],
            page_no=1,
            page_count=1,
            page_urls=[],
            is_home=True,
        )
        return self._render("listing.html", ctx)

    # machine-readable files

    def render_feed(self, lang: str, path: str) -> bytes:
        """RSS 2.0 with the newest items of one language only, as WordPress feeds hold."""
        items = [a for a in self.articles if a.lang == lang and not a.is_pdf][:FEED_SIZE]
        ui = self.strings.get(lang, {})
        title = ui.get("site_title", self.scheme.name)
        built = max((a.modified_at for a in items), default=FALLBACK_DATE)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
            "<channel>",
            f"<title>{escape(title)}</title>",
            f'<atom:link href="{escape(self.url(path))}" rel="self" type="application/rss+xml"/>',
            f"<link>{escape(self.url(self.scheme.homes[lang]))}</link>",
            f"<description>{escape(ui.get('tagline', title))}</description>",
            f"<lastBuildDate>{rfc822(built)}</lastBuildDate>",
            f"<language>{self.scheme.html_lang(lang)}</language>",
            "<generator>https://wordpress.org/?v=6.5.2</generator>",
        ]
        for a in items:
            link = escape(self.article_url(a))
            lines += [
                "<item>",
                f"<title>{escape(a.title)}</title>",
                f"<link>{link}</link>",
                f"<dc:creator><![CDATA[{ui.get('author', self.scheme.name)}]]></dc:creator>",
                f"<pubDate>{rfc822(a.published_at)}</pubDate>",
                *(f"<category><![CDATA[{t}]]></category>" for t in a.tags),
                f'<guid isPermaLink="true">{link}</guid>',
                f"<description>{escape(a.summary)}</description>",
                "</item>",
            ]
        lines += ["</channel>", "</rss>", ""]
        return "\n".join(lines).encode("utf-8")

    def _urlset(self, entries: list[tuple[str, datetime | None]]) -> bytes:
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for loc, lastmod in entries:
            lines.append(f"<url><loc>{escape(loc)}</loc>")
            if lastmod is not None:
                lines.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
            lines.append("</url>")
        lines += ["</urlset>", ""]
        return "\n".join(lines).encode("utf-8")

    def _page_entries(self) -> list[tuple[str, datetime | None]]:
        """Non-news URLs a sitemap lists besides articles (the crawler has to filter them)."""
        newest = self.articles[0].modified_at if self.articles else None
        entries: list[tuple[str, datetime | None]] = [
            (self.url(p), newest) for p in self.scheme.homes.values()
        ]
        for page in self.site.pages:
            when = datetime.fromisoformat(page.modified) if page.modified else None
            entries.append((self.url(page.path), when))
        return entries

    def render_sitemaps(self) -> Rendered:
        """Yoast-style index with post and page sitemaps for WordPress, one urlset for Drupal."""
        posts = [(self.article_url(a), a.modified_at) for a in self.articles]
        if not self.scheme.wordpress:
            return {"/sitemap.xml": (XML, self._urlset(posts + self._page_entries()))}
        children = {
            "/post-sitemap.xml": (posts, max((m for _, m in posts), default=None)),
            "/page-sitemap.xml": (self._page_entries(), None),
        }
        index = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        out: Rendered = {}
        for path, (entries, lastmod) in children.items():
            out[path] = (XML, self._urlset(entries))
            index.append(f"<sitemap><loc>{escape(self.url(path))}</loc>")
            if lastmod:
                index.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
            index.append("</sitemap>")
        index += ["</sitemapindex>", ""]
        out["/sitemap_index.xml"] = (XML, "\n".join(index).encode("utf-8"))
        return out

    def render_robots(self) -> bytes:
        if self.scheme.wordpress:
            rules = ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
        else:
            rules = ["User-agent: *", "Disallow: /admin/", "Disallow: /user/",
                     "Disallow: /search/", "Disallow: /node/add/"]  # fmt: skip
        sitemaps = [f"Sitemap: {self.url(p)}" for p in self.scheme.sitemap_paths]
        return ("\n".join([*rules, "", *sitemaps]) + "\n").encode("utf-8")

    # the whole site

    def render(self) -> Rendered:
        """Every path the site serves, mapped to (content type, body)."""
        out: Rendered = {}
        add = _adder(out, self.site)
        for lang, path in self.scheme.homes.items():
            add(path, HTML, self.render_home(lang, path))
        if not self.scheme.wordpress:
            out.setdefault("/", out[self.scheme.homes["en"]])
        for article in self.articles:
            if article.is_pdf:
                add(article.path, PDF, render_pdf(article))
                continue
            for path in (article.path, *article.also_at):
                add(path, HTML, self.render_article(article, path))
        for page in self.site.pages:
            add(page.path, HTML, self.render_page(page))
        for listing in self.scheme.listings:
            for path, value in self.render_listing(listing).items():
                add(path, *value)
        for lang, path in self.scheme.feeds.items():
            add(path, RSS, self.render_feed(lang, path))
        for path, value in self.render_sitemaps().items():
            add(path, *value)
        add("/robots.txt", TEXT, self.render_robots())
        return out


def _adder(out: Rendered, site: SiteContent) -> Callable[[str, str, bytes], None]:
    def add(path: str, content_type: str, body: bytes) -> None:
        if path in out:
            raise ThemeError(f"{site.file}: two things are served at {path}")
        out[path] = (content_type, body)

    return add


def render_site(
    site: SiteContent,
    rendition: str = "main",
    base_url: str = "http://127.0.0.1",
    *,
    sites: Mapping[str, SiteContent] | None = None,
    base_urls: Mapping[str, str] | None = None,
    themes_dir: Path | None = None,
) -> Rendered:
    """{path_with_query: (content_type, bytes)} for one site served at `base_url`."""
    return SiteRenderer(
        site, rendition, base_url, sites=sites, base_urls=base_urls, themes_dir=themes_dir
    ).render()
