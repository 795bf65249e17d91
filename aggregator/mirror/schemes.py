"""Where things live on each site, per URL scheme: a `Layout` built from the content.

Three schemes:
- `legacy`: the URLs the mirror used first (`/news/<slug>/`, `/YYYY/MM/<slug>/`,
  `/en/media/news/<slug>`), kept to prove the crawler is not tied to one scheme;
- `main`: what `../shared/sources.md` found on the real sites (CEMR's category paths and
  translated French slugs, PLATFORMA's root slugs and English text under `/fr/`, UCLG's
  `/new/` posts, OGP's `/news/` and `/stories/`, their listings, sitemaps and robots.txt);
- `moved`: `main` with every article at another path, and `main`'s article paths answering
  301 there ("the site moved its articles between two crawls").

A layout holds paths and article ids only; the renderer turns it into pages, the manifest
into URLs. Each site's scheme is one small function per scheme.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from aggregator.mirror.content import Article, ContentError, SiteContent

SCHEME_NAMES = ("main", "legacy", "moved")
HONEYPOT = "/blackhole/"  # disallowed in robots.txt, linked invisibly from pages
WP_ROBOTS = ("User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php")
FEED_SIZE = 10


@dataclass(frozen=True)
class Listing:
    """A paginated list of teasers: news, category, tag, press page, topic or a filtered view."""

    path: str  # its first page (a filtered view carries its query)
    lang: str  # the interface language
    items: tuple[str, ...]  # article ids, newest first
    page_pattern: str  # later pages: {n} is the 1-based page number, {n0} the 0-based one
    key: str = "news"  # the theme string that names it (unless `title` does)
    title: str | None = None  # a category's or tag's own name
    kind: str = "news"  # news | category | tag | press | topic | home
    nav: bool = False  # linked from the site's navigation
    filters: tuple[tuple[str, str], ...] = ()  # (label, path of the filtered view)
    trap: str | None = None  # a "load more" link repeating later pages: {k} page, {p} step
    feed: str | None = None  # this listing's own feed
    per_page: int = 5

    def page_path(self, n: int) -> str:
        return self.path if n <= 1 else self.page_pattern.format(n=n, n0=n - 1)


@dataclass(frozen=True)
class Feed:
    """An RSS feed: its path, interface language and items (ids, newest first)."""

    path: str
    lang: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Sitemap:
    """A sitemap index (children) or urlset (entries: ("article"|"page"|"listing"|"home", ref))."""

    path: str
    children: tuple[str, ...] = ()
    entries: tuple[tuple[str, str], ...] = ()
    gzip: bool = False
    alternates: bool = False  # xhtml:link hreflang alternates for translated articles


@dataclass(frozen=True)
class Layout:
    """The URLs of one site in one scheme on one day."""

    source: str
    scheme: str
    homes: dict[str, str]  # interface language -> home path
    paths: dict[str, str]  # article id -> canonical path
    ui: dict[str, str]  # article id -> interface language of its canonical page
    listings: tuple[Listing, ...] = ()
    feeds: tuple[Feed, ...] = ()
    sitemaps: tuple[Sitemap, ...] = ()
    robots_sitemaps: tuple[str, ...] = ()  # sitemaps robots.txt names
    robots_rules: tuple[str, ...] = WP_ROBOTS
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {ui: path}, 200
    shortlinks: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {ui: /?p=ID}
    shortlinks_redirect: bool = True  # 301 to the article (WordPress) or served in place
    redirects: dict[str, str] = field(default_factory=dict)  # old path -> new path (301)
    home_items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # recent items on homes
    home_copies: dict[str, str] = field(default_factory=dict)  # extra path -> lang of its home
    tag_paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (ui, tag) -> listing
    head_feeds: dict[str, str] = field(default_factory=dict)  # ui -> feed a page's head names
    honeypot: str | None = None
    slash_redirects: bool = True  # WordPress: the other trailing-slash spelling answers 301
    migrated_before: str | None = None  # articles older than this carry migration debris

    @property
    def disallowed(self) -> tuple[str, ...]:
        return tuple(
            r.split(":", 1)[1].strip() for r in self.robots_rules if r.startswith("Disallow:")
        )

    def listing(self, path: str) -> Listing | None:
        return next((x for x in self.listings if x.path == path), None)

    def nav(self, lang: str) -> list[Listing]:
        return [x for x in self.listings if x.nav and x.lang == lang]


# -- small shared helpers ------------------------------------------------------------------


def slugify(text: str) -> str:
    """A WordPress-like term slug: 'Citizens’ assemblies' -> 'citizens-assemblies'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def upload_path(article: Article) -> str:
    """WordPress's media library: /wp-content/uploads/YYYY/MM/<file>.pdf."""
    return (
        f"/wp-content/uploads/{article.published[:4]}/{article.published[5:7]}/{article.slug}.pdf"
    )


def langs_of(article: Article) -> tuple[str, ...]:
    return (article.lang, *article.also_in)


def news_items(site: SiteContent, key: str, lang: str, any_lang: bool = False) -> tuple[str, ...]:
    """Articles a keyed listing shows: those naming it in listed_in, or by default (news)."""
    return tuple(
        a.id
        for a in site.articles
        if (key in a.listed_in and (any_lang or lang in langs_of(a)))
        or (not a.listed_in and key == "news" and lang in langs_of(a))
    )


def newest(articles: Iterable[Article], count: int | None = None) -> tuple[str, ...]:
    ids = tuple(a.id for a in articles if not a.is_pdf)
    return ids if count is None else ids[:count]


def wp_feeds(articles: Iterable[Article], lang_of: Callable[[Article], str]) -> tuple[Feed, ...]:
    """WordPress's /feed/ and WPML's /fr/feed/: the newest posts of each interface."""
    articles = list(articles)
    return tuple(
        Feed(path, lang, newest((a for a in articles if lang_of(a) == lang), FEED_SIZE))
        for lang, path in (("en", "/feed/"), ("fr", "/fr/feed/"))
    )


def urlset(entries: Iterable[tuple[str, str]], path: str, **kw: bool) -> Sitemap:
    return Sitemap(path, entries=tuple(entries), **kw)


def article_entries(articles: Iterable[Article]) -> list[tuple[str, str]]:
    return [("article", a.id) for a in articles]


def page_entries(site: SiteContent, homes: Iterable[str], kinds: Iterable[str] | None = None):
    """Homes and the non-news pages (of some kinds only) a page sitemap lists."""
    kinds = set(kinds) if kinds is not None else None
    pages = [("page", p.id) for p in site.pages if kinds is None or p.kind in kinds]
    return [*(("home", lang) for lang in homes), *pages]


def listing_entries(listings: Iterable[Listing]) -> list[tuple[str, str]]:
    return [("listing", x.path) for x in listings]


def legacy_wordpress(
    site: SiteContent,
    article_path: Callable[[Article], str],
    listings: list[tuple[str, str, str, bool]],
    alias_path: Callable[[Article, str], str] | None = None,
) -> Layout:
    """The first mirror's WordPress sites: news listings, /feed/, a Yoast index, no honeypot."""
    homes = {"en": "/", "fr": "/fr/"}
    built = tuple(
        Listing(path, lang, news_items(site, key, lang, any_lang), path.rstrip("/") + "/page/{n}/",
                key=key.replace("-", "_"), kind="press" if key == "press" else "news", nav=True)
        for path, lang, key, any_lang in listings
    )  # fmt: skip
    defaults = {x.lang: x for x in built if x.key == "news"}
    return Layout(
        source=site.source,
        scheme="legacy",
        homes=homes,
        paths={a.id: article_path(a) for a in site.articles},
        ui={a.id: a.lang for a in site.articles},
        aliases={
            a.id: {lang: alias_path(a, lang) for lang in a.also_in}
            for a in site.articles
            if a.also_in and alias_path
        },
        listings=built,
        feeds=wp_feeds(site.articles, lambda a: a.lang),
        sitemaps=(
            Sitemap("/sitemap_index.xml", children=("/post-sitemap.xml", "/page-sitemap.xml")),
            urlset(article_entries(site.articles), "/post-sitemap.xml"),
            urlset(page_entries(site, homes), "/page-sitemap.xml"),
        ),
        robots_sitemaps=("/sitemap_index.xml",),
        home_items={lang: defaults[lang].items[:5] for lang in homes if lang in defaults},
        head_feeds={"en": "/feed/", "fr": "/fr/feed/"},
    )


# -- legacy: the URL scheme the mirror started with ------------------------------------------


def legacy_cemr(site: SiteContent) -> Layout:
    def path(a: Article) -> str:
        return upload_path(a) if a.is_pdf else f"{'/fr' if a.lang == 'fr' else ''}/news/{a.slug}/"

    return legacy_wordpress(site, path, [
        ("/category/news/", "en", "news", False),
        ("/fr/category/actualites/", "fr", "news", False),
        ("/press/", "en", "press", True),
    ])  # fmt: skip


def legacy_platforma(site: SiteContent) -> Layout:
    def dated(a: Article, lang: str) -> str:
        return f"{'/fr' if lang == 'fr' else ''}/{a.published[:4]}/{a.published[5:7]}/{a.slug}/"

    return legacy_wordpress(
        site,
        lambda a: dated(a, a.lang),
        [("/category/news/", "en", "news", False),
         ("/fr/category/democratie-locale/", "fr", "news", False)],
        alias_path=dated,
    )  # fmt: skip


def legacy_ogp(site: SiteContent) -> Layout:
    return legacy_wordpress(site, lambda a: f"{'/fr' if a.lang == 'fr' else ''}/news/{a.slug}/", [
        ("/news/", "en", "news", False),
        ("/fr/news/", "fr", "news", False),
        ("/fr/content-category/state-of-play-analysis/", "fr", "state-of-play", False),
    ])  # fmt: skip


def legacy_uclg(site: SiteContent) -> Layout:
    """The old Drupal site: /en/media/news/<slug>, listings paged with ?page=N, one sitemap."""
    homes = {"en": "/en", "fr": "/fr"}
    listings = tuple(
        Listing(f"/{lang}/media/news", lang, news_items(site, "news", lang),
                f"/{lang}/media/news?page={{n0}}", nav=True)
        for lang in ("en", "fr")
    )  # fmt: skip
    return Layout(
        source=site.source,
        scheme="legacy",
        homes=homes,
        paths={a.id: f"/{a.lang}/media/news/{a.slug}" for a in site.articles},
        ui={a.id: a.lang for a in site.articles},
        listings=listings,
        sitemaps=(
            urlset([*article_entries(site.articles), *page_entries(site, homes)], "/sitemap.xml"),
        ),
        robots_sitemaps=("/sitemap.xml",),
        robots_rules=(
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /user/",
            "Disallow: /search/",
            "Disallow: /node/add/",
        ),  # fmt: skip
        home_items={x.lang: x.items[:5] for x in listings},
        home_copies={"/": "en"},
        slash_redirects=False,
    )


# -- main: the sites as sources.md describes them ---------------------------------------------


def _need_category(a: Article) -> str:
    if not a.category:
        raise ContentError(f"{a.source}: article {a.id} needs a category in the main scheme")
    return a.category


def _tag_listings(
    site: SiteContent,
    slug_of: Callable[[str, str], str],
    pattern: str,
    path: str,
    uis: Callable[[Article], Iterable[str]] = lambda a: (a.ui_lang,),
) -> tuple[tuple[Listing, ...], dict[tuple[str, str], str]]:
    """One listing per tag and interface language (slug_of(ui, tag) names it), and tag -> path.

    `uis` says in which interfaces an article's page (and so its tag links) appears.
    """
    members: dict[tuple[str, str], list[Article]] = {}
    names: dict[tuple[str, str], str] = {}
    tag_paths: dict[tuple[str, str], str] = {}
    for a in site.articles:
        if a.is_pdf:
            continue
        for ui in uis(a):
            for tag in a.tags:
                key = (ui, slug_of(ui, tag))
                members.setdefault(key, []).append(a)
                names.setdefault(key, tag)
                tag_paths[(ui, tag)] = path.format(prefix="/fr" if ui == "fr" else "", slug=key[1])
    listings = tuple(
        Listing(tag_paths[(ui, names[(ui, slug)])], ui, tuple(a.id for a in arts),
                pattern.format(prefix="/fr" if ui == "fr" else "", slug=slug),
                title=names[(ui, slug)], kind="tag")
        for (ui, slug), arts in sorted(members.items())
    )  # fmt: skip
    return listings, tag_paths


def main_cemr(site: SiteContent) -> Layout:
    """ccre-cemr.org: /<category>/<slug>, /fr/[<cat>/]<translated slug>, no trailing slash."""

    def path(a: Article) -> str:
        if a.is_pdf:
            return upload_path(a)
        prefix = "/fr" if a.ui_lang == "fr" else ""
        if a.ui_lang == "en":
            return f"/{_need_category(a)}/{a.site_slug}"
        return f"{prefix}/{a.category}/{a.site_slug}" if a.category else f"{prefix}/{a.site_slug}"

    homes = {"en": "/", "fr": "/fr/"}
    posts = [a for a in site.articles if not a.is_pdf]
    categories: dict[tuple[str, str], list[Article]] = {}
    for a in posts:
        if a.category:
            parts = a.category.split("/")
            for i in range(1, len(parts) + 1):
                categories.setdefault((a.ui_lang, "/".join(parts[:i])), []).append(a)
    listings = [
        Listing(f"{'/fr' if ui == 'fr' else ''}/category/{cat}", ui, tuple(a.id for a in arts),
                f"{'/fr' if ui == 'fr' else ''}/category/{cat}/page/{{n}}",
                title=site.category_name(cat), kind="category", nav="/" not in cat)
        for (ui, cat), arts in sorted(categories.items())
    ]  # fmt: skip
    untranslated = tuple(
        a.id
        for a in posts
        if (a.ui_lang == "fr" and not a.category) or (a.ui_lang == "en" and "fr" in a.also_in)
    )
    listings.append(
        Listing("/fr/category/actualites", "fr", untranslated, "/fr/category/actualites/page/{n}",
                kind="category", nav=True)
    )  # fmt: skip
    # The press page: what is listed as press, and the posts of the press categories.
    press = tuple(
        a.id
        for a in site.articles
        if "press" in a.listed_in or (a.category or "").split("/")[0] in ("press", "presse")
    )
    listings.append(Listing("/press", "en", press, "/press/page/{n}", key="press", kind="press",
                            nav=True))  # fmt: skip
    tags, tag_paths = _tag_listings(
        site, lambda ui, tag: slugify(tag), "{prefix}/tag/{slug}/page/{{n}}", "{prefix}/tag/{slug}"
    )
    all_listings = (*listings, *tags)
    return Layout(
        source=site.source,
        scheme="main",
        homes=homes,
        paths={a.id: path(a) for a in site.articles},
        ui={a.id: a.ui_lang for a in site.articles},
        listings=all_listings,
        feeds=wp_feeds(posts, lambda a: a.ui_lang),
        sitemaps=(
            Sitemap(
                "/sitemap_index.xml",
                children=(
                    "/post-sitemap.xml",
                    "/page-sitemap.xml",
                    "/category-sitemap.xml",
                    "/post_tag-sitemap.xml",
                ),
            ),
            urlset(article_entries(posts), "/post-sitemap.xml"),
            urlset(page_entries(site, homes), "/page-sitemap.xml"),
            urlset(
                listing_entries(x for x in listings if x.kind == "category"),
                "/category-sitemap.xml",
            ),
            urlset(listing_entries(tags), "/post_tag-sitemap.xml"),
        ),  # fmt: skip
        robots_sitemaps=("/sitemap_index.xml",),
        robots_rules=(*WP_ROBOTS, f"Disallow: {HONEYPOT}"),
        shortlinks={a.id: {a.ui_lang: f"/?p={a.post_id}"} for a in posts},
        home_items={lang: newest((a for a in posts if a.ui_lang == lang), 4) for lang in homes},
        tag_paths=tag_paths,
        head_feeds={"en": "/feed/", "fr": "/fr/feed/"},
        honeypot=HONEYPOT,
        migrated_before="2019-01-01",
    )


# The tags PLATFORMA's "Topics" menu links (a menu is set up once, not computed per day).
PLATFORMA_MENU_TAGS = ("Ukraine", "PLATFORMAwards", "Africa", "Afrique", "Local democracy",
                       "Démocratie locale")  # fmt: skip


def main_platforma(site: SiteContent) -> Layout:
    """platforma-dev.eu: root slugs (slashed before 2023), French under /fr/ with English slugs."""
    by_id = {a.id: a for a in site.articles}

    def slug(a: Article) -> str:
        original = by_id.get(a.translation_of or "")
        return original.site_slug if original and original.lang == "en" else a.site_slug

    def path(a: Article, ui: str) -> str:
        end = "/" if a.published < "2023" else ""
        return f"{'/fr' if ui == 'fr' else ''}/{slug(a)}{end}"

    homes = {"en": "/", "fr": "/fr/"}
    home_listings = tuple(
        Listing(homes[ui], ui, newest(a for a in site.articles if ui in (a.ui_lang, *a.also_in)),
                f"{'/fr' if ui == 'fr' else ''}/page/{{n}}/", key="home", kind="home",
                per_page=6)
        for ui in homes
    )  # fmt: skip
    english_tags = {slugify(t) for a in site.articles if a.lang == "en" for t in a.tags}

    def tag_slug(ui: str, tag: str) -> str:
        base = slugify(tag)
        return f"{base}-fr" if ui == "fr" and base in english_tags else base

    tags, tag_paths = _tag_listings(site, tag_slug, "{prefix}/tag/{slug}/page/{{n}}",
                                    "{prefix}/tag/{slug}/", langs_of)  # fmt: skip
    tags = tuple(replace(t, nav=t.title in PLATFORMA_MENU_TAGS) for t in tags)
    events = [p for p in site.pages if p.kind == "event"]
    return Layout(
        source=site.source,
        scheme="main",
        homes=homes,
        paths={a.id: path(a, a.ui_lang) for a in site.articles},
        ui={a.id: a.ui_lang for a in site.articles},
        aliases={a.id: {ui: path(a, ui) for ui in a.also_in} for a in site.articles if a.also_in},
        listings=(*home_listings, *tags),
        feeds=wp_feeds(site.articles, lambda a: a.ui_lang),
        sitemaps=(
            Sitemap(
                "/wp-sitemap.xml",
                children=(
                    "/wp-sitemap-posts-post-1.xml",
                    "/wp-sitemap-posts-page-1.xml",
                    "/wp-sitemap-posts-event-1.xml",
                    "/wp-sitemap-taxonomies-post_tag-1.xml",
                ),
            ),
            urlset(article_entries(site.articles), "/wp-sitemap-posts-post-1.xml"),
            urlset(
                [e for e in page_entries(site, homes) if e not in [("page", p.id) for p in events]],
                "/wp-sitemap-posts-page-1.xml",
            ),
            urlset([("page", p.id) for p in events], "/wp-sitemap-posts-event-1.xml"),
            urlset(listing_entries(tags), "/wp-sitemap-taxonomies-post_tag-1.xml"),
        ),  # fmt: skip
        robots_sitemaps=(),  # a physical robots.txt without a Sitemap line
        robots_rules=(*WP_ROBOTS, f"Disallow: {HONEYPOT}"),
        shortlinks={
            a.id: {ui: f"{'/fr' if ui == 'fr' else ''}/?p={a.post_id}" for ui in langs_of(a)}
            for a in site.articles
        },
        shortlinks_redirect=False,  # the stored /es/?p= copy rendered in place
        tag_paths=tag_paths,
        head_feeds={"en": "/feed/", "fr": "/fr/feed/"},
        honeypot=HONEYPOT,
    )


def main_uclg(site: SiteContent) -> Layout:
    """uclg.org: /new/<slug>/ and /fr/new/<translated slug>/; no listing, a sitemap robots names."""
    homes = {"en": "/", "fr": "/fr/"}
    return Layout(
        source=site.source,
        scheme="main",
        homes=homes,
        paths={
            a.id: f"{'/fr' if a.ui_lang == 'fr' else ''}/new/{a.site_slug}/" for a in site.articles
        },
        ui={a.id: a.ui_lang for a in site.articles},
        sitemaps=(
            Sitemap("/sitemaps/index.xml", children=("/sitemaps/new.xml", "/sitemaps/page.xml")),
            urlset(article_entries(site.articles), "/sitemaps/new.xml", alternates=True),
            urlset(page_entries(site, homes), "/sitemaps/page.xml"),
        ),
        robots_sitemaps=("/sitemaps/index.xml",),
        robots_rules=(*WP_ROBOTS, f"Disallow: {HONEYPOT}"),
        home_items={
            lang: newest((a for a in site.articles if a.ui_lang == lang), 4) for lang in homes
        },
        honeypot=HONEYPOT,
    )


# (param, value, tag): OGP's stories filters; a filter shows the stories carrying the tag.
OGP_STORY_FILTERS = (("type", "1245", "Open Data"), ("type", "1217", "Civic Space"),
                     ("country", "37481", "OGP Local"))  # fmt: skip


OGP_PER_PAGE = 3  # short pages: the real listings run to hundreds of pages


def main_ogp(site: SiteContent) -> Layout:
    """opengovpartnership.org: /news/ and /stories/, French under /fr/ with the English slug."""
    homes = {"en": "/", "fr": "/fr/"}

    def prefix(ui: str) -> str:
        return "/fr" if ui == "fr" else ""

    def section(a: Article) -> str:
        return a.category or "news"

    groups: dict[tuple[str, str], list[Article]] = {}
    for a in site.articles:
        groups.setdefault((a.ui_lang, section(a)), []).append(a)
    listings: list[Listing] = []
    feeds = [Feed("/feed/", "en", ())]  # the site's own posts: unused, so an empty feed
    for (ui, cat), arts in sorted(groups.items()):
        base = f"{prefix(ui)}/{cat}/"
        feed = f"{base}feed/"
        feeds.append(Feed(feed, ui, newest(arts, FEED_SIZE)))
        listing = Listing(base, ui, newest(arts), base + "page/{n}/", key=cat, nav=True, feed=feed,
                          per_page=OGP_PER_PAGE)  # fmt: skip
        if (ui, cat) == ("en", "news"):
            listing = replace(listing, trap="/page/{k}/?page_number={p}&post_type=news")
        if cat == "stories":
            views = []
            for param, value, tag in OGP_STORY_FILTERS:
                chosen = newest(a for a in arts if tag in a.tags)
                if chosen:
                    query = f"?{param}={value}"
                    views.append(
                        Listing(base + query, ui, chosen, base + "page/{n}/" + query, key=cat,
                                title=tag, feed=feed, per_page=OGP_PER_PAGE)
                    )  # fmt: skip
            filters = tuple((v.title or "", v.path) for v in views)
            listing = replace(listing, filters=filters)
            listings += [replace(v, filters=filters) for v in views]
        listings.append(listing)
    listings.append(
        Listing("/fr/content-category/state-of-play-analysis/", "fr",
                news_items(site, "state-of-play", "fr"),
                "/fr/content-category/state-of-play-analysis/page/{n}/", key="state_of_play",
                kind="topic", nav=True)
    )  # fmt: skip
    local = newest(a for a in site.articles if a.ui_lang == "en" and "OGP Local" in a.tags)
    listings.append(Listing("/topic/ogp-local/", "en", local, "/topic/ogp-local/page/{n}/",
                            title="OGP Local", kind="topic", nav=True))  # fmt: skip
    by_kind = {
        kind: [("page", p.id) for p in site.pages if p.kind == kind]
        for kind in ("document", "event", "member", "person")
    }
    kind_maps = [
        urlset(entries, f"/{name}-sitemap.xml")
        for name, entries in (("documents", by_kind["document"]), ("events", by_kind["event"]),
                              ("members", by_kind["member"]), ("people", by_kind["person"]))
        if entries
    ]  # fmt: skip
    news = [a for a in site.articles if section(a) == "news"]
    stories = [a for a in site.articles if section(a) == "stories"]
    children = ("/news-sitemap.xml", "/stories-sitemap.xml.gz", "/page-sitemap.xml",
                *(s.path for s in kind_maps), "/topic-sitemap.xml")  # fmt: skip
    return Layout(
        source=site.source,
        scheme="main",
        homes=homes,
        paths={a.id: f"{prefix(a.ui_lang)}/{section(a)}/{a.slug}/" for a in site.articles},
        ui={a.id: a.ui_lang for a in site.articles},
        listings=tuple(listings),
        feeds=tuple(feeds),
        sitemaps=(
            Sitemap("/sitemap_index.xml", children=children),
            urlset(article_entries(news), "/news-sitemap.xml"),
            urlset(article_entries(stories), "/stories-sitemap.xml.gz", gzip=True),
            urlset(
                page_entries(site, homes, ("about", "contact", "legal", "project")),
                "/page-sitemap.xml",
            ),
            *kind_maps,
            urlset(listing_entries(x for x in listings if x.kind == "topic"), "/topic-sitemap.xml"),
        ),  # fmt: skip
        robots_sitemaps=("/sitemap_index.xml",),
        robots_rules=(*WP_ROBOTS, f"Disallow: {HONEYPOT}"),
        shortlinks={a.id: {a.ui_lang: f"/?p={a.post_id}"} for a in site.articles},
        home_items={
            lang: newest((a for a in site.articles if a.ui_lang == lang), 3) for lang in homes
        },
        head_feeds={"en": "/feed/", "fr": "/feed/"},
        honeypot=HONEYPOT,
    )


# -- moved: main with every article somewhere else --------------------------------------------

# (source) -> (ui, year, month, slug) -> path: one new pattern per site.
MOVED: dict[str, Callable[[str, str, str, str], str]] = {
    "cemr": lambda ui, y, m, s: f"{'/fr' if ui == 'fr' else ''}/articles/{y}/{m}/{s}/",
    "platforma": lambda ui, y, m, s: f"{'/fr' if ui == 'fr' else ''}/news/{s}.html",
    "uclg": lambda ui, y, m, s: f"{'/fr/medias' if ui == 'fr' else '/media'}/{y}/{s}",
    "ogp": lambda ui, y, m, s: f"{'/fr' if ui == 'fr' else ''}/insights/{y}/{s}/",
}


def moved(main: Layout, site: SiteContent) -> Layout:
    """`main` with every article (and alias) at a new path; the old paths redirect there."""
    by_id = {a.id: a for a in site.articles}

    def move(article_id: str, old: str, ui: str) -> str:
        a = by_id[article_id]
        if old.endswith(".pdf"):
            return f"/files/press/{a.published[:4]}/{old.rsplit('/', 1)[1]}"
        slug = old.rstrip("/").rsplit("/", 1)[1]
        return MOVED[site.source](ui, a.published[:4], a.published[5:7], slug)

    paths = {i: move(i, p, main.ui[i]) for i, p in main.paths.items()}
    aliases = {i: {ui: move(i, p, ui) for ui, p in m.items()} for i, m in main.aliases.items()}
    redirects = {old: paths[i] for i, old in main.paths.items()}
    for i, by_ui in main.aliases.items():
        redirects.update({old: aliases[i][ui] for ui, old in by_ui.items()})
    return replace(main, scheme="moved", paths=paths, aliases=aliases, redirects=redirects)


BUILDERS: dict[tuple[str, str], Callable[[SiteContent], Layout]] = {
    ("cemr", "legacy"): legacy_cemr,
    ("platforma", "legacy"): legacy_platforma,
    ("uclg", "legacy"): legacy_uclg,
    ("ogp", "legacy"): legacy_ogp,
    ("cemr", "main"): main_cemr,
    ("platforma", "main"): main_platforma,
    ("uclg", "main"): main_uclg,
    ("ogp", "main"): main_ogp,
}


def build_layout(site: SiteContent, scheme: str) -> Layout:
    """The layout of one site (as of one day) in one scheme."""
    if scheme not in SCHEME_NAMES:
        raise ValueError(f"unknown URL scheme {scheme!r} (known: {', '.join(SCHEME_NAMES)})")
    if scheme == "moved":
        return moved(BUILDERS[(site.source, "main")](site), site)
    return BUILDERS[(site.source, scheme)](site)
