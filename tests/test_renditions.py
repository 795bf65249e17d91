"""Renditions: a redesign of the four sites must crawl to the same articles; noise never gets in.

The "redesign" rendition keeps the URLs, feeds, sitemaps and standard metadata of the main
rendition but changes everything a theme changes (class names, layout, pager, date shapes,
JSON-LD graph, how translations are linked); "broken-listing" is the main rendition with
CEMR's listings empty; "legacy" and "moved" are the same sites under other URL schemes.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import feedparser
import pytest

from aggregator.config import load_sources
from aggregator.mirror import build_layout, load_content, render_site, serve_mirror
from aggregator.mirror.render import (
    THEMES_DIR,
    SiteRenderer,
    ThemeError,
    merge_strings,
    rendition_chain,
)
from aggregator.pages import ArticlePage, Found, ListingPage
from aggregator.store import Store
from tests.conftest import SOURCES, run_cli

NOISE_FILE = Path(__file__).parent / "data" / "noise.txt"
# Interface strings that are noise wherever a theme shows them.
NOISE_KEYS = (
    *("skip", "read_more", "cookie", "seo", "funding", "expired", "soon_translated"),
    *("newsletter_short", "tags_label", "no_comments", "leave_reply", "show_more"),
)
RENDITIONS = ("main", "redesign")  # crawled and compared below
THEMED = ("main", "redesign", "legacy")  # renditions with their own interface strings


def squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def noise_corpus() -> list[str]:
    lines = NOISE_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


# -- the renderer: a rendition that extends another ------------------------------------------


def _theme(root: Path, rendition: str, files: dict[str, str], extends: str | None = None) -> None:
    for name, text in files.items():
        path = root / rendition / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if extends is not None:
        (root / rendition / "theme.toml").write_text(f'extends = "{extends}"\n', encoding="utf-8")


def test_a_rendition_falls_back_to_the_one_it_extends(tmp_path: Path) -> None:
    _theme(tmp_path, "base", {"cemr/page.html": "base {{ ui.a }} {{ ui.b }}"})
    _theme(tmp_path, "base", {"cemr/strings.toml": '[en]\na = "A"\nb = "B"\n'})
    _theme(tmp_path, "child", {"cemr/strings.toml": '[en]\nb = "child B"\n'}, extends="base")
    chain = rendition_chain("child", tmp_path)
    assert [p.name for p in chain] == ["child", "base"]
    site = load_content(sources=["cemr"])["cemr"]
    renderer = SiteRenderer(site, "child", "http://h", themes_dir=tmp_path)
    assert renderer.render_page(site.pages[0]).decode() == "base A child B"


def test_a_template_of_the_rendition_wins_over_the_extended_one() -> None:
    sites = load_content(sources=["uclg", "cemr"])
    broken = render_site(sites["cemr"], "broken-listing", "http://h", sites=sites)
    main = render_site(sites["cemr"], "main", "http://h", sites=sites)
    layout = build_layout(sites["cemr"].on_day(1), "main")
    article = layout.paths[sites["cemr"].on_day(1).articles[0].id]
    assert broken[article] == main[article]
    listings = [x.path for x in layout.listings]
    assert "/press" in listings and "/fr/category/actualites" in listings
    for path in listings:
        assert broken[path] != main[path], path
        assert b"nothing-found" in broken[path].body, path
        teasers = broken[path].body.split(b"<main", 1)[1]
        assert not any(layout.paths[i].encode() in teasers for i in layout.listing(path).items)
    uclg = render_site(sites["uclg"], "broken-listing", "http://h", sites=sites)
    assert uclg == render_site(sites["uclg"], "main", "http://h", sites=sites)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a/theme.toml": 'extends = "b"', "b/theme.toml": 'extends = "a"'}, "loop"),
        ({"a/theme.toml": 'extends = "missing"'}, "no rendition 'missing'"),
        ({"a/theme.toml": "extends = 3"}, "must be a rendition name"),
        ({"a/theme.toml": "extends ="}, "theme.toml"),
        ({"a/theme.toml": 'colour = "red"'}, "unknown key"),
    ],
)
def test_a_broken_rendition_chain_is_a_theme_error(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    _theme(tmp_path, "", files)
    with pytest.raises(ThemeError, match=message):
        rendition_chain("a", tmp_path)


def test_strings_merge_key_by_key_nearest_first() -> None:
    merged = merge_strings([{"en": {"a": "child"}}, {"en": {"a": "base", "b": "B"}, "fr": {}}])
    assert merged == {"en": {"a": "child", "b": "B"}, "fr": {}}


# -- the redesign keeps the URL scheme and changes what a redesign changes -------------------


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, dict[str, bytes]]]:
    """{rendition: {source: {path: body}}} for both renditions on one fake base URL."""
    sites = load_content()
    bases = {key: f"http://{key}.test" for key in sites}
    out: dict[str, dict[str, dict[str, bytes]]] = {}
    for rendition in RENDITIONS:
        for key, site in sites.items():
            routes = render_site(site, rendition, bases[key], sites=sites, base_urls=bases)
            out.setdefault(rendition, {})[key] = {path: r.body for path, r in routes.items()}
    return out


def _layout(key: str) -> object:
    return build_layout(load_content(sources=[key])[key].on_day(1), "main")


def test_redesign_serves_the_same_paths_robots_sitemaps_and_feed_items(rendered: dict) -> None:
    def items(feed: bytes) -> list[tuple[str, str, str]]:
        return [(e.link, e.title, e.published) for e in feedparser.parse(feed).entries]

    def locs(sitemap: bytes) -> list[str]:
        return re.findall(rb"<loc>([^<]+)</loc>", sitemap)

    for key in SOURCES:
        main, redesign = rendered["main"][key], rendered["redesign"][key]
        assert set(redesign) == set(main), key
        assert redesign["/robots.txt"] == main["/robots.txt"]
        layout = _layout(key)
        for sitemap in layout.sitemaps:
            if not sitemap.gzip:  # same URLs; the redesign drops xhtml:link alternates
                assert locs(redesign[sitemap.path]) == locs(main[sitemap.path]), sitemap.path
        for feed in layout.feeds:
            assert items(redesign[feed.path]) == items(main[feed.path]), (key, feed.path)
    assert b"xhtml:link" in rendered["main"]["uclg"]["/sitemaps/new.xml"]
    assert b"xhtml:link" not in rendered["redesign"]["uclg"]["/sitemaps/new.xml"]


def _articles(rendered: dict, rendition: str, key: str) -> list[str]:
    site = load_content(sources=[key])[key].on_day(1)
    paths = _layout(key).paths
    return [rendered[rendition][key][paths[a.id]].decode() for a in site.articles if not a.is_pdf]


def test_redesign_drops_the_signals_it_is_meant_to_drop(rendered: dict) -> None:
    cemr = _articles(rendered, "redesign", "cemr")
    assert not any("application/ld+json" in page for page in cemr)
    assert all("article:published_time" in page for page in cemr)
    platforma = _articles(rendered, "redesign", "platforma")
    assert not any("<time" in page for page in platforma)
    assert all("article:published_time" in page for page in platforma)
    ogp = _articles(rendered, "redesign", "ogp")
    assert all('"mainEntity"' in page and '"BlogPosting"' in page for page in ogp)
    uclg = _articles(rendered, "redesign", "uclg")
    assert all(re.search(r"\w{3}, \d\d/\d\d/\d{4} - \d\d:\d\d", page) for page in uclg)
    assert not any("<article" in page for pages in (cemr, platforma, uclg) for page in pages)


def test_redesign_keeps_rel_next_on_some_sites_only(rendered: dict) -> None:
    def has_rel_next(key: str) -> bool:
        paged = [x for x in _layout(key).listings if len(x.items) > x.per_page]
        return any(b'rel="next"' in rendered["redesign"][key][x.path] for x in paged)

    with_rel = {key for key in SOURCES if has_rel_next(key)}
    assert with_rel and set(SOURCES) - with_rel, with_rel


def test_redesign_changes_the_markup_not_only_class_names(rendered: dict) -> None:
    def tags(page: bytes) -> list[str]:
        return re.findall(r"<([a-z][a-z0-9]*)", page.decode().split("<body", 1)[1])

    for key in SOURCES:
        layout = _layout(key)
        for path in [*(x.path for x in layout.listings[:1]), layout.homes["en"]]:
            assert tags(rendered["redesign"][key][path]) != tags(rendered["main"][key][path])


# -- the noise corpus ----------------------------------------------------------------------


def test_noise_corpus_holds_every_alt_text_and_theme_noise_string() -> None:
    corpus = set(noise_corpus())
    alts = {a.image_alt for s in load_content().values() for a in s.articles if a.image_alt}
    assert alts <= corpus, sorted(alts - corpus)
    for rendition in THEMED:
        for strings in sorted((THEMES_DIR / rendition).glob("*/strings.toml")):
            for table in tomllib.loads(strings.read_text(encoding="utf-8")).values():
                wanted = {table[k] for k in NOISE_KEYS if k in table}
                assert wanted <= corpus, (strings, sorted(wanted - corpus))


# -- crawls: the redesign yields what the main rendition yields ------------------------------


@pytest.fixture(scope="module")
def crawls(rendition_crawls) -> dict[str, dict]:
    """The day-1 crawl of each rendition, with its manifest (shared with test_crawl)."""
    return {
        rendition: {"db": run.day1_db, "manifest": run.day1_manifest}
        for rendition in RENDITIONS
        if (run := rendition_crawls(rendition))
    }


def stored_by_id(run: dict) -> dict[str, dict | None]:
    """Each manifest article's stored row (None when it is missing), by content id."""
    rows: dict[str, dict | None] = {}
    with Store(run["db"]) as store:
        for entry in run["manifest"]:
            key = store.resolve(entry.url)
            rows[entry.id] = store.get_item(key) if key else None
    return rows


@pytest.mark.crawl
@pytest.mark.parametrize("field", ["title", "lang", "published_at"])
def test_redesign_crawl_reads_articles_as_the_main_crawl_does(crawls: dict, field: str) -> None:
    main, redesign = stored_by_id(crawls["main"]), stored_by_id(crawls["redesign"])

    def value(row: dict | None) -> str:
        raw = (row or {}).get(field)
        return (raw or "")[:10] if field == "published_at" else squeeze(raw)

    wrong = {
        article_id: (value(main[article_id]), value(redesign[article_id]))
        for article_id in main
        if value(main[article_id]) != value(redesign[article_id])
    }
    assert not wrong
    assert all(value(row) for row in redesign.values())


@pytest.mark.crawl
@pytest.mark.parametrize("rendition", RENDITIONS)
def test_no_noise_reaches_a_stored_title_summary_or_body(crawls: dict, rendition: str) -> None:
    corpus = noise_corpus()
    truth = {
        a.id: "\n".join((a.title, a.summary, a.body, a.dateline or ""))
        for site in load_content().values()
        for a in site.articles
    }
    found = []
    for article_id, row in stored_by_id(crawls[rendition]).items():
        for field in ("title", "summary", "body"):
            text = (row or {}).get(field) or ""
            # A string the article itself contains (an alt text "UCLG") may appear as often.
            found += [
                (article_id, field, noise)
                for noise in corpus
                if text.count(noise) > truth[article_id].count(noise)
            ]
    assert not found


@pytest.mark.crawl
def test_check_names_the_broken_listing_of_the_broken_listing_rendition() -> None:
    """CEMR's listings (categories, the press page) show no teaser in this rendition."""
    with serve_mirror("broken-listing", ports={"cemr": 0}) as base_urls:
        result = run_cli(
            ["check", "--local", "--sample", "2", "--source", "cemr",
             "--base-url", f"cemr={base_urls['cemr']}"]
        )  # fmt: skip
    assert result.returncode != 0, result.stdout
    assert "cemr: FAIL" in result.stdout
    assert re.search(r"listing /press/?: names no page", result.stdout), result.stdout


# -- what the page objects had to learn to survive the redesign (no site selector used) -------

SOURCE = load_sources()["cemr"]
ARTICLE_URL = "https://ccre-cemr.org/news/a-story/"
LISTING_URL = "https://ccre-cemr.org/category/news/"


def test_og_type_article_makes_a_page_news_without_json_ld() -> None:
    html = '<html><head><meta property="og:type" content="article"></head><body></body></html>'
    assert ArticlePage(ARTICLE_URL, html, SOURCE).is_article()
    html = html.replace('"article"', '"website"')
    assert not ArticlePage(ARTICLE_URL, html, SOURCE).is_article()


def test_an_article_node_nested_under_main_entity_is_found() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [{"@type": ["WebPage"], "mainEntity": {"@type": "BlogPosting", "headline": "H"}}],
    }
    html = f'<html><head><script type="application/ld+json">{json.dumps(graph)}</script></head>'
    page = ArticlePage(ARTICLE_URL, html + "<body></body></html>", SOURCE)
    assert page.jsonld.get("headline") == "H"
    assert page.title() == Found("H", "jsonld")


@pytest.mark.parametrize(
    ("og_title", "extra", "expected"),
    [
        ("Cities act | CEMR", '<meta property="og:site_name" content="CEMR">', "Cities act"),
        ("Cities act - CEMR", "<body><h1>Cities act</h1></body>", "Cities act"),
        ("Cities act - the plan", "<body><h1>Something else</h1></body>", "Cities act - the plan"),
        ("EU-CELAC summit – A mechanism", "", "EU-CELAC summit – A mechanism"),
    ],
)
def test_og_title_loses_a_trailing_site_name_only(og_title: str, extra: str, expected: str) -> None:
    html = f'<html><head><meta property="og:title" content="{og_title}">{extra}</head></html>'
    assert ArticlePage(ARTICLE_URL, html, SOURCE).title() == Found(expected, "og")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<h1>T</h1><div><span>Wed, 18/11/2026 - 10:15</span></div><p>Text.</p>",
            "Wed, 18/11/2026 - 10:15",
        ),  # noqa: E501
        ("<span class=badge>13 novembre 2026</span><h1>T</h1><p>Text.</p>", "13 novembre 2026"),
        ("<h1>T</h1><p>On 6 and 7 November 2026, mayors met in Brussels for two days.</p>", None),
    ],
)
def test_a_date_line_near_the_title_is_found(body: str, expected: str | None) -> None:
    page = ArticlePage(ARTICLE_URL, f"<html><body>{body}</body></html>", SOURCE)
    assert page._shown_dates == ([Found(expected, "near_title")] if expected else [])


def test_generic_teasers_take_the_heading_and_the_date_of_their_own_card() -> None:
    cards = "".join(
        f'<div class="c"><span class="b">0{n}.11.2008</span><figure><img alt="IMG_{n}"></figure>'
        f'<h3><a href="/news/story-{n}/">Story {n}</a></h3><a href="/news/story-{n}/">Read more</a>'
        "</div>"
        for n in (1, 2)
    )
    html = f'<html lang="en"><body><section>{cards}</section></body></html>'
    teasers = ListingPage(LISTING_URL, html, SOURCE).teasers()
    assert [(t.title, t.date_raw) for t in teasers] == [
        ("Story 1", "01.11.2008"),
        ("Story 2", "02.11.2008"),
    ]


@pytest.mark.parametrize(
    ("pager", "expected"),
    [
        ('<a class="wp-block-query-pagination-next" href="/category/news/page/2/">More</a>', 2),
        ('<a href="/category/news/page/3/" aria-label="Page suivante">›</a>', 3),
        ('<a href="/category/news/page/4/">Older posts</a>', 4),
        ('<a href="/news/a-story/">Read more →</a><a href="/category/news/page/2/">2</a>', None),
    ],
)
def test_a_pager_without_rel_next_is_followed(pager: str, expected: int | None) -> None:
    page = ListingPage(LISTING_URL, f"<html><body>{pager}</body></html>", SOURCE)
    next_url = f"{LISTING_URL}page/{expected}/" if expected else None
    assert page.next_page() == next_url
