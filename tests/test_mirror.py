"""The offline mirror: content validation, URL schemes, manifest, days, and the served sites.

Everything runs on 127.0.0.1. Rendering tests work on the route table (`render_site`);
serving tests go through HTTP to check statuses, headers and the request log.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import urllib.error
import urllib.request
from contextlib import redirect_stdout
from datetime import datetime
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree, html
from pypdf import PdfReader

from aggregator.mirror import (
    ContentError,
    build_layout,
    load_content,
    load_manifest,
    load_rendition,
    render_site,
    serve_mirror,
)
from aggregator.mirror.__main__ import main as mirror_cli
from aggregator.mirror.content import SOURCE_KEYS
from aggregator.mirror.render import cut, dateline, dmy, longdate, route_key, usdate
from aggregator.mirror.schemes import HONEYPOT, slugify
from aggregator.mirror.server import etag_of, is_not_modified, resolve

FIXTURE = Path(__file__).parent / "fixtures" / "mirror_content"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
RENDITIONS = ("main", "legacy", "redesign", "moved", "broken-listing")
BASES = {key: f"http://{key}.test" for key in SOURCE_KEYS}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """One request without following redirects: (status, headers, body)."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _opener.open(request, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def sites():
    return load_content(FIXTURE)


@pytest.fixture(scope="module")
def real():
    return load_content()


@pytest.fixture(scope="module")
def routes(real):
    """{(rendition, day): {source: routes}} of the real content on fake hosts."""
    cache: dict = {}

    def get(rendition: str, day: int = 1) -> dict:
        if (rendition, day) not in cache:
            cache[(rendition, day)] = {
                key: render_site(site, rendition, BASES[key], sites=real, base_urls=BASES, day=day)
                for key, site in real.items()
            }
        return cache[(rendition, day)]

    return get


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror(ports={key: 0 for key in SOURCE_KEYS}, content_dir=FIXTURE) as served:
        yield served


def doc_of(body: bytes) -> html.HtmlElement:
    return html.fromstring(body)


# -- content validation ------------------------------------------------------------------

GOOD = """
[categories]
"news" = "News"

[[articles]]
id = "cemr-en-a"
lang = "en"
slug = "a"
category = "news"
title = "A"
published = "2025-07-25T10:15:00+02:00"
summary = "S."
body = "B."
"""


def _article(**fields: object) -> str:
    lines = ["[[articles]]", *(f"{k} = {json.dumps(v)}" for k, v in fields.items())]
    return "\n".join(lines) + "\n"


BASE = {"lang": "en", "title": "T", "published": "2025-07-25T10:15:00+02:00", "body": "B."}
B = {"id": "cemr-en-b", "slug": "b", **BASE}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (_article(**{**B, "id": "cemr-en-a"}), "used twice"),
        (_article(**{**B, "slug": "a", "category": "news"}), "slug 'a'"),
        (_article(**B, translation_of="cemr-fr-x"), "cemr-fr-x"),
        (_article(**B, crosspost_of="cemr-en-zz"), "cemr-en-zz"),
        (_article(**{**B, "published": "25/07/2025"}), "ISO"),
        (_article(**{**B, "published": "2025-07-25T10:00"}), "offset"),
        (_article(**B, colour="red"), "colour"),
        (_article(**B, kind="video"), "kind"),
        (_article(**{**B, "slug": "b/c"}), "slug"),
        (_article(**B, category="Not A Path"), "category"),
        (_article(**B, category="elsewhere"), "no name in [categories]"),
        (_article(**B, listed_in=["nowhere"]), "listed_in"),
        (_article(**B, also_in=["en"]), "also_in"),
        (_article(**{**B, "body": ""}), "body"),
        (_article(**B, day=3), "day"),
        (_article(**B, day=2), "newer than every article of day 1"),
        (_article(**B, post_id=-4), "post_id"),
        (
            _article(
                **{**B, "lang": "fr", "published": "2026-01-01T10:00:00+01:00"},
                translation_of="cemr-en-a",
                day=2,
            ),
            "joins day 2 to day 1",
        ),  # fmt: skip
        (
            '[[edits]]\narticle = "cemr-en-zz"\nmodified = "2026-01-01T10:00:00+01:00"\n'
            'append = "More."\n',
            "no article",
        ),  # fmt: skip
        (
            '[[edits]]\narticle = "cemr-en-a"\nmodified = "2020-01-01T10:00:00+01:00"\n'
            'append = "More."\n',
            "not after",
        ),  # fmt: skip
        (
            '[[pages]]\nid = "cemr-ev"\nlang = "en"\npath = "/e"\ntitle = "E"\nbody = "B."\n'
            'kind = "event"\n',
            "needs 'starts'",
        ),  # fmt: skip
        (
            '[[pages]]\nid = "cemr-ev"\nlang = "en"\npath = "/e"\ntitle = "E"\nbody = "B."\n'
            'kind = "shop"\n',
            "kind",
        ),  # fmt: skip
        ("[[articles]\n", "cannot read"),
    ],
)
def test_a_content_file_that_breaks_the_schema_names_file_and_entry(tmp_path, extra, message):
    (tmp_path / "cemr.toml").write_text(GOOD + "\n" + extra, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "cemr.toml" in str(err.value)
    assert message in str(err.value)


def test_an_alias_language_cannot_also_hold_a_translation(tmp_path):
    french = _article(**{**B, "id": "cemr-fr-b", "lang": "fr"}, translation_of="cemr-en-a")
    text = GOOD.replace('body = "B."', 'body = "B."\nalso_in = ["fr"]') + french
    (tmp_path / "cemr.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="cemr-en-a: also_in"):
        load_content(tmp_path)


def test_a_crosspost_to_a_site_not_loaded_is_accepted(tmp_path):
    extra = _article(**B, crosspost_of="platforma-en-x")
    (tmp_path / "cemr.toml").write_text(GOOD + extra, encoding="utf-8")
    assert len(load_content(tmp_path)["cemr"].articles) == 2


def test_fixture_covers_every_schema_field(sites):
    fields = {"modified", "tags", "image", "image_alt", "translation_of", "crosspost_of",
              "listed_in", "also_in", "dateline", "title_es", "pdf_created", "current_slug",
              "category", "ui", "expired"}  # fmt: skip
    articles = [a for s in sites.values() for a in s.articles]
    assert all(any(getattr(a, f) for a in articles) for f in fields)
    assert any(a.kind == "pdf" for a in articles) and any(a.day == 2 for a in articles)
    assert all(s.pages for s in sites.values())
    assert {p.kind for s in sites.values() for p in s.pages} >= {"about", "event", "legal"}
    assert any(s.edits for s in sites.values()) and any(s.categories for s in sites.values())


def test_a_day_leaves_out_later_articles_and_applies_its_edits(sites):
    cemr = sites["cemr"]
    one, two = cemr.on_day(1), cemr.on_day(2)
    assert {a.id for a in two.articles} - {a.id for a in one.articles} == {
        "cemr-en-water-day-two", "cemr-fr-eau-jour-deux"}  # fmt: skip
    before = one.by_id("cemr-en-cohesion-policy-future")
    after = two.by_id("cemr-en-cohesion-policy-future")
    assert before.edited_on is None and after.edited_on == 2
    assert after.body.startswith(before.body.rstrip()) and "position paper" in after.paragraphs[-1]
    assert after.modified == "2025-08-05T16:00:00+02:00" != before.modified
    with pytest.raises(ContentError, match="day"):
        cemr.on_day(3)


# -- pure helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        (longdate, ("2025-07-25T10:15:00+02:00", "en"), "25 July 2025"),
        (longdate, ("2025-07-25T10:15:00+02:00", "fr"), "25 juillet 2025"),
        (usdate, ("2024-04-16T10:00:00-04:00", "en"), "April 16, 2024"),
        (dmy, ("2011-03-08T12:00:00+01:00",), "08/03/2011"),
        (dmy, ("2024-11-05T12:00:00+01:00", "."), "05.11.2024"),
        (cut, ("one two three", 9, "…"), "one two…"),
        (cut, ("one two three", 9, "...", False), "one two t..."),
        (cut, ("short", 9), "short"),
        (slugify, ("Citizens’ assemblies",), "citizens-assemblies"),
        (slugify, ("Égalité femmes-hommes",), "egalite-femmes-hommes"),
        (route_key, ("/page/6/?post_type=news&page_number=2",),
         "/page/6/?page_number=2&post_type=news"),
    ],
)  # fmt: skip
def test_date_slug_and_route_helpers(func, args, expected):
    assert func(*args) == expected


def test_datelines_with_and_without_the_year(sites):
    en = sites["ogp"].by_id("ogp-en-open-justice-americas")
    fr = sites["ogp"].by_id("ogp-fr-open-justice-americas")
    cemr = sites["cemr"].by_id("cemr-en-cohesion-policy-future")
    assert dateline(en) == "Washington, DC, April 16, 2024 – "
    assert dateline(fr) == "Washington, DC, le 22 avril 2024 – "
    assert dateline(cemr, year=False) == "Brussels, 25 July – "


def _headers(**values: str) -> Message:
    message = Message()
    for name, value in values.items():
        message[name.replace("_", "-")] = value
    return message


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"If_None_Match": '"abc"'}, True),
        ({"If_None_Match": '"x", W/"abc"'}, True),
        ({"If_None_Match": '"other"', "If_Modified_Since": "Sun, 01 Jan 2040 00:00:00 GMT"}, False),
        ({"If_Modified_Since": "Thu, 16 Nov 2023 13:30:00 GMT"}, True),
        ({"If_Modified_Since": "Thu, 16 Nov 2023 13:29:59 GMT"}, False),
        ({"If_Modified_Since": "not a date"}, False),
        ({}, False),
    ],
)
def test_conditional_requests_follow_rfc_9110(headers, expected):
    modified = datetime.fromisoformat("2023-11-16T14:30:00+01:00")
    assert is_not_modified(_headers(**headers), '"abc"', modified) is expected


def test_etags_come_from_the_bytes():
    assert etag_of(b"x") == etag_of(b"x") != etag_of(b"y")


def test_resolve_ignores_tracking_refuses_unknown_selectors_and_toggles_slashes(sites):
    table = render_site(sites["cemr"], "main", BASES["cemr"], sites=sites)
    path = "/impactgoal-cohesion/cohesion-policy-future-2"
    assert resolve(table, path + "?utm_source=x&fbclid=y", True)[0] == 200
    assert resolve(table, path + "?ref=home", True)[0] == 200  # unknown, not selecting
    status, moved = resolve(table, path + "/", True)
    assert (status, moved.location) == (301, path)
    assert resolve(table, path + "/", False)[0] == 404
    assert resolve(table, "/?p=999999", True)[0] == 404
    legacy = render_site(sites["uclg"], "legacy", BASES["uclg"], sites=sites)
    assert resolve(legacy, "/en/media/news?page=0", False)[1] == legacy["/en/media/news"]
    assert resolve(legacy, "/en/media/news?page=99", False)[0] == 404


# -- every rendition renders, on both days, and links only to what it serves ---------------


# Head links a crawler follows (stylesheets, icons and the REST API root are not served).
HEAD_LINKS = ("canonical", "alternate", "next", "prev", "shortlink")


def _links(body: bytes, ctype: str) -> list[str]:
    """The URLs a page, feed or sitemap names (anchors, head links, <loc>, <link>, xhtml:link)."""
    if not body:
        return []
    if ctype.startswith("text/html"):
        rels = " or ".join(f"@rel='{r}'" for r in HEAD_LINKS)
        return doc_of(body).xpath(f"//a/@href | //link[{rels}]/@href")
    if ctype.startswith("application/gzip"):
        body = gzip.decompress(body)
    elif "xml" not in ctype:
        return []
    text = body.decode("utf-8")
    return re.findall(r"<(?:loc|link)>([^<]+)</", text) + re.findall(r'href="([^"]+)"', text)


def _slashes(rendition: str, source: str) -> bool:
    return load_rendition(rendition).urls != "legacy" or source != "uclg"


@pytest.mark.parametrize(("rendition", "day"), [*((r, 1) for r in RENDITIONS), ("main", 2),
                                                ("moved", 2), ("legacy", 2)])  # fmt: skip
def test_every_link_a_site_shows_is_served(routes, rendition, day):
    """No 404 among a site's own links: pages, feeds and sitemaps are closed under their links."""
    for key, table in routes(rendition, day).items():
        slashes = _slashes(rendition, key)
        for path, resource in table.items():
            for href in _links(resource.body, resource.content_type):
                if not href.startswith(BASES[key]):
                    continue
                target = path_of(href)
                status, answer = resolve(table, target, slashes)
                for _ in range(3):  # follow the site's own redirects
                    if status != 301:
                        break
                    status, answer = resolve(table, answer.location, slashes)
                assert status == 200, (rendition, key, path, href)


def test_the_same_content_renders_the_same_bytes(real):
    one = render_site(real["ogp"], "main", BASES["ogp"], sites=real)
    two = render_site(real["ogp"], "main", BASES["ogp"], sites=real)
    assert one == two


# -- the main rendition follows sources.md ----------------------------------------------------


def test_cemr_main_paths(real):
    layout = build_layout(real["cemr"].on_day(1), "main")
    paths = layout.paths
    english = [p for i, p in paths.items() if i.startswith("cemr-en-")]
    assert all(re.fullmatch(r"/[a-z0-9-]+(/[a-z0-9-]+)*/[a-z0-9-]+", p) for p in english)
    assert paths["cemr-en-condemns-russian-military-build-up"] == (
        "/press/cemr-condemns-russian-military-build-up-2"
    )  # a WordPress -N suffix
    assert paths["cemr-en-climate-adaptation-local-governments"].startswith(
        "/impactgoal-cohesion/territorial-development/"
    )  # nested categories
    assert paths["cemr-fr-politique-de-cohesion-apres-2020"] == (
        "/fr/cfp/politique-de-cohesion-apres-2020"
    )
    assert paths["cemr-fr-priorites-mandat-2024-2029"] == "/fr/priorites-mandat-2024-2029"
    assert paths["cemr-fr-appel-democratie-belarus"] == "/democracy-2/appel-democratie-belarus"
    # a translated pair shares nothing in its URLs
    en, fr = paths["cemr-en-ukraine-recovery-conference-berlin"], paths[
        "cemr-fr-conference-redressement-ukraine-berlin"]  # fmt: skip
    assert en.rsplit("/", 1)[1] != fr.rsplit("/", 1)[1]
    assert layout.shortlinks["cemr-en-cohesion-policy-post-2020"] == {"en": "/?p=8841"}


def test_cemr_main_pages_show_what_the_real_site_shows(routes):
    cemr = routes("main")["cemr"]
    article = doc_of(cemr["/democracy-2/citizens-assemblies-local-democracy"].body)
    text = " ".join(article.text_content().split())
    assert "Brussels, 16 November – From" in text  # a dateline without its year
    assert not re.search(r"\b2023\b", article.xpath("//h1")[0].getparent().getparent()
                         .text_content().split("Brussels, 16 November")[0])  # fmt: skip
    assert article.xpath('//meta[@property="article:published_time"]/@content')
    french = doc_of(cemr["/fr/priorites-mandat-2024-2029"].body)
    assert "Skip to main content" in french.text_content() and french.get("lang") == "fr-FR"
    migrated = cemr["/impactgoal-cohesion/cohesion-policy-post-2020"].body.decode()
    assert re.search(r"<p>rn\w", migrated) and "rn</p>" in migrated
    listing = " ".join(doc_of(cemr["/fr/category/actualites"].body).text_content().split())
    assert "This article will soon be translated into French." in listing
    category = doc_of(cemr["/category/democracy-2"].body)
    teaser = category.xpath('//article[contains(@class, "elementor-post")]')[0].text_content()
    assert "…" in teaser and "Read More" in teaser and not re.search(r"\d{4}", teaser)
    press = " ".join(doc_of(cemr["/press"].body).text_content().split())
    assert re.search(r"\d\d/\d\d/\d{4}", press)
    assert cemr[route_key("/?p=8841")].location == "/impactgoal-cohesion/cohesion-policy-post-2020"


def test_platforma_main_paths_and_aliases(real, routes):
    layout = build_layout(real["platforma"].on_day(1), "main")
    paths = layout.paths
    assert paths["platforma-en-myanmar-service-delivery-crisis"] == (
        "/myanmar-service-delivery-local-governance-crisis/"
    )  # before 2023: slashed
    assert paths["platforma-en-eu-celac-local-governments-declaration"] == (
        "/eu-celac-summit-local-governments-declaration"
    )
    # a French translation keeps the English slug; a French original has its own
    assert paths["platforma-fr-sommet-ue-celac-declaration-gouvernements-locaux"] == (
        "/fr/eu-celac-summit-local-governments-declaration"
    )
    assert paths["platforma-fr-global-gateway-collectivites-territoriales"] == (
        "/fr/global-gateway-collectivites-territoriales"
    )
    alias = layout.aliases["platforma-en-team-europe-democracy-members"]["fr"]
    page = doc_of(routes("main")["platforma"][alias].body)
    assert page.get("lang") == "fr-FR" and "23 juin 2023" in page.text_content()
    assert page.xpath('//link[@rel="canonical"]/@href') == [
        BASES["platforma"] + paths["platforma-en-team-europe-democracy-members"]
    ]
    home = " ".join(doc_of(routes("main")["platforma"]["/fr/"].body).text_content().split())
    assert "... Lire plus" in home and "[EXPIRED]" in " ".join(
        doc_of(routes("main")["platforma"][paths["platforma-fr-plateforme-action-maires"]].body)
        .xpath("//h1/text()"))  # fmt: skip
    assert "/fr/tag/ukraine-fr/" in {x.path for x in layout.listings}
    shortlink = routes("main")["platforma"][
        route_key(
            "/fr/?p="
            + str(real["platforma"].by_id("platforma-en-team-europe-democracy-members").post_id)
        )
    ]
    assert shortlink.status == 200 and shortlink.body == routes("main")["platforma"][alias].body


def test_uclg_main_paths_and_pages(real, routes):
    layout = build_layout(real["uclg"].on_day(1), "main")
    assert layout.paths["uclg-en-world-council-2026"] == "/new/36072/"
    assert layout.paths["uclg-fr-conseil-mondial-2026"].startswith("/fr/new/conseil-mondial")
    assert not layout.listings and not layout.feeds
    uclg = routes("main")["uclg"]
    page = doc_of(uclg["/new/36072/"].body)
    assert "18.11.2026" in page.text_content()
    assert not page.xpath("//link[@hreflang]") and not page.xpath("//a[@hreflang]")
    assert page.xpath('//a[text()="Version française"]/@href') == [
        BASES["uclg"] + layout.paths["uclg-fr-conseil-mondial-2026"]
    ]
    assert len(doc_of(uclg["/"].body).xpath('//div[@class="home-news__card"]')) == 4


def test_ogp_main_news_stories_filters_and_trap(real, routes):
    layout = build_layout(real["ogp"].on_day(1), "main")
    paths = layout.paths
    assert paths["ogp-en-broken-links"] == "/news/broken-links/"
    slug = "civic-space-is-the-foundation-of-open-government"
    assert paths["ogp-en-civic-space-foundation"] == f"/stories/{slug}/"
    assert paths["ogp-fr-espace-civique-fondement"] == f"/fr/stories/{slug}/"
    assert paths["ogp-fr-espace-civique-afrique-francophone-mri"].startswith("/stories/")
    ogp = routes("main")["ogp"]
    stories = doc_of(ogp["/stories/"].body)
    filters = stories.xpath('//div[@class="archive-filters"]//a/@href')
    assert any("?type=" in f for f in filters) and any("?country=" in f for f in filters)
    news = doc_of(ogp["/news/"].body)
    trap = news.xpath('//a[contains(@class, "load-more")]/@href')[0]
    assert path_of(trap) == "/page/1/?page_number=2&post_type=news"

    def titles(body: bytes) -> list[str]:
        return doc_of(body).xpath('//h3[@class="card__title"]/a/text()')

    assert titles(ogp[route_key(path_of(trap))].body) == titles(ogp["/news/page/2/"].body)
    english = doc_of(ogp[paths["ogp-en-civic-space-foundation"]].body)
    extra = english.xpath('//p[@class="single-post__title-translation"]/@lang')
    assert extra == ["es", "fr"] and "OGP Support Unit|" in english.text_content()
    assert not re.search(r"\b2026\b", english.xpath('//header[@class="single-post__header"]')[0]
                         .text_content())  # fmt: skip
    assert not feedparser.parse(ogp["/feed/"].body).entries
    assert feedparser.parse(ogp["/news/feed/"].body).entries


@pytest.mark.parametrize("source", SOURCE_KEYS)
def test_non_article_pages_are_served_linked_and_never_in_the_manifest(real, routes, source):
    table = routes("main")[source]
    linked: set[str] = set()
    for resource in table.values():
        linked |= {path_of(h) for h in _links(resource.body, resource.content_type)}
    kinds = set()
    for page in real[source].pages:
        assert table[page.path].status == 200 and page.path in linked, page.id
        kinds.add(page.kind)
        if page.kind == "event":
            assert page.starts_at > datetime.fromisoformat("2026-12-01T00:00:00+00:00")
            assert b'"@type": "Event"' in table[page.path].body
    assert {"about", "event", "document"} <= kinds
    assert not {p.id for p in real[source].pages} & {e.id for e in load_manifest()}


# -- sitemaps, feeds, robots.txt, the honeypot ------------------------------------------------


def _sitemap_locs(table, path: str) -> list[str]:
    body = table[path].body
    if path.endswith(".gz"):
        body = gzip.decompress(body)
    return etree.fromstring(body).xpath("//sm:loc/text()", namespaces=NS)


def test_sitemaps_as_each_site_publishes_them(routes):
    main = routes("main")
    children = [path_of(u) for u in _sitemap_locs(main["cemr"], "/sitemap_index.xml")]
    assert children == ["/post-sitemap.xml", "/page-sitemap.xml", "/category-sitemap.xml",
                        "/post_tag-sitemap.xml"]  # fmt: skip
    ogp = [path_of(u) for u in _sitemap_locs(main["ogp"], "/sitemap_index.xml")]
    assert "/stories-sitemap.xml.gz" in ogp
    assert main["ogp"]["/stories-sitemap.xml.gz"].body[:2] == b"\x1f\x8b"
    assert "Sitemap:" not in main["platforma"]["/robots.txt"].body.decode()
    assert "/wp-sitemap.xml" in main["platforma"]
    robots = main["uclg"]["/robots.txt"].body.decode()
    named = re.findall(r"^Sitemap: (\S+)$", robots, re.M)
    assert [path_of(u) for u in named] == ["/sitemaps/index.xml"]
    assert not {"/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml"} & set(main["uclg"])
    alternates = etree.fromstring(main["uclg"]["/sitemaps/new.xml"].body).xpath(
        "//xhtml:link/@hreflang", namespaces=NS)  # fmt: skip
    assert {"en", "fr", "x-default"} <= set(alternates)


@pytest.mark.parametrize("rendition", ["main", "legacy", "moved"])
def test_every_article_and_alias_is_linked_from_the_site(routes, rendition):
    """From a sitemap, a feed, a listing, a page: an alias nothing names would be a trap."""
    found: set[str] = set()
    for table in routes(rendition).values():
        for resource in table.values():
            if resource.status == 200:
                found |= set(_links(resource.body, resource.content_type))
    entries = load_manifest(BASES, rendition=rendition)
    missing = [u for e in entries for u in (e.url, *e.aliases) if u not in found]
    assert not missing


def test_robots_disallows_the_honeypot_that_pages_link_invisibly(routes):
    for key, table in routes("main").items():
        assert f"Disallow: {HONEYPOT}" in table["/robots.txt"].body.decode()
        hidden = [
            style
            for r in table.values()
            if r.content_type.startswith("text/html") and r.body
            for style in doc_of(r.body).xpath(f'//a[@href="{BASES[key]}{HONEYPOT}"]/@style')
        ]
        assert hidden and set(hidden) == {"display:none"}, key


# -- the manifest matches what each rendition serves ------------------------------------------


def test_manifest_lists_articles_only_with_absolute_urls(sites):
    bases = {key: f"http://mirror.test:{9000 + i}" for i, key in enumerate(SOURCE_KEYS)}
    entries = load_manifest(bases, FIXTURE)
    assert len(entries) == sum(len(s.on_day(1).articles) for s in sites.values())
    by_id = {e.id: e for e in entries}
    fr = by_id["cemr-fr-cohesion-policy-future"]
    assert fr.url == "http://mirror.test:9000/fr/cfp/avenir-politique-cohesion"
    assert fr.translation_of == (
        "http://mirror.test:9000/impactgoal-cohesion/cohesion-policy-future-2"
    )
    assert fr.published_date == "2025-07-30" and fr.change is None
    cross = by_id["cemr-en-platforma-awards-crosspost"]
    assert cross.crosspost_of == "http://mirror.test:9001/platformawards-winners"
    assert by_id["cemr-en-press-energy-poverty"].aliases == ("http://mirror.test:9000/?p=19194",)
    assert "http://mirror.test:9001/fr/citizens-assemblies-community-of-practice" in (
        by_id["platforma-en-citizens-assemblies"].aliases
    )
    assert by_id["cemr-fr-plateforme-lancement-2008"].kind == "pdf"
    dates = [datetime.fromisoformat(e.published) for e in entries]
    assert dates == sorted(dates, reverse=True)
    legacy = {e.id: e for e in load_manifest(bases, FIXTURE, rendition="legacy")}
    assert legacy["cemr-fr-cohesion-policy-future"].url == (
        "http://mirror.test:9000/fr/news/avenir-politique-cohesion/"
    )


def test_manifest_of_day_two_says_what_is_new_and_edited(sites):
    entries = load_manifest(BASES, FIXTURE, day=2)
    changes = {e.id: e.change for e in entries if e.change}
    assert changes == {
        "cemr-en-water-day-two": "new",
        "cemr-fr-eau-jour-deux": "new",
        "cemr-en-cohesion-policy-future": "edited",
        "ogp-en-day-two-story": "new",
        "ogp-en-open-justice-americas": "edited",
    }
    edited = next(e for e in entries if e.id == "cemr-en-cohesion-policy-future")
    assert edited.modified == "2025-08-05T16:00:00+02:00"


def test_manifest_cli_prints_json(capsys):
    out = io.StringIO()
    with redirect_stdout(out):
        code = mirror_cli(["--content-dir", str(FIXTURE), "manifest", "--base-url",
                           "cemr=http://x.test", "--rendition", "moved", "--day", "2"])  # fmt: skip
    assert code == 0
    data = json.loads(out.getvalue())
    water = next(e for e in data if e["id"] == "cemr-en-water-day-two")
    assert water["url"] == "http://x.test/articles/2025/08/water-resilience-starts-locally/"
    assert water["change"] == "new" and water["redirected_from"] == [
        "http://x.test/impactgoal-cohesion/water-resilience-starts-locally"]  # fmt: skip
    assert any(e["url"].startswith("http://127.0.0.1:8104/") for e in data)


def _check_entry(entry, routes_of_source, base: str, ui_lang: str | None) -> None:
    """The entry's URL serves the article: its title, canonical link, a consistent language."""
    status, resource = resolve(routes_of_source, path_of(entry.url), True)
    assert status == 200, entry.url
    if entry.kind == "pdf":
        assert resource.content_type == "application/pdf"
        return
    doc = doc_of(resource.body)
    assert " ".join(entry.title.split()) in " ".join(doc.xpath("//h1")[0].text_content().split())
    assert doc.xpath('//link[@rel="canonical"]/@href') == [entry.url], entry.id
    assert doc.get("lang", "").split("-")[0] == (ui_lang or entry.lang), entry.id
    for alias in entry.aliases:
        status, answer = resolve(routes_of_source, path_of(alias), True)
        if status == 301:
            assert base + answer.location == entry.url, alias
        else:
            assert status == 200 and doc_of(answer.body).xpath(
                '//link[@rel="canonical"]/@href') == [entry.url], alias  # fmt: skip


@pytest.mark.parametrize(("rendition", "day"), [*((r, 1) for r in RENDITIONS), ("main", 2),
                                                ("moved", 2)])  # fmt: skip
def test_manifest_urls_serve_their_articles(real, routes, rendition, day):
    entries = load_manifest(BASES, rendition=rendition, day=day)
    scheme = "legacy" if rendition == "legacy" else "main"
    filed = {a.id: a.ui for s in real.values() for a in s.articles if a.ui}
    assert len(entries) == sum(len(s.on_day(day).articles) for s in real.values())
    for entry in entries:
        ui = filed.get(entry.id) if scheme == "main" else None
        _check_entry(entry, routes(rendition, day)[entry.source], BASES[entry.source], ui)


def test_two_texts_sit_under_the_other_language_interface(real):
    """The documented traps: `<html lang>` and path say English, the text is French."""
    filed = {a.id: a.ui for s in real.values() for a in s.articles if a.ui}
    assert filed == {"cemr-fr-appel-democratie-belarus": "en",
                     "ogp-fr-espace-civique-afrique-francophone-mri": "en"}  # fmt: skip


# -- day 2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rendition", ["main", "legacy", "redesign", "moved"])
def test_day_two_adds_two_articles_and_edits_one_per_site(real, routes, rendition):
    one, two = routes(rendition, 1), routes(rendition, 2)
    entries = load_manifest(BASES, rendition=rendition, day=2)
    for key in SOURCE_KEYS:
        site_entries = [e for e in entries if e.source == key]
        new = [e for e in site_entries if e.change == "new"]
        edited = [e for e in site_entries if e.change == "edited"]
        assert len(new) == 2 and len(edited) == 1, key
        assert {e.id for e in site_entries[:2]} == {e.id for e in new}  # the newest
        layout = build_layout(real[key].on_day(2), load_rendition(rendition).urls)
        article_paths = {route_key(p) for p in layout.paths.values()} | {
            route_key(p) for links in (layout.aliases, layout.shortlinks)
            for by_ui in links.values() for p in by_ui.values()}  # fmt: skip
        changed = {p for p in article_paths if p in one[key] and one[key][p] != two[key][p]}
        edited_paths = {route_key(path_of(u)) for e in edited for u in (e.url, *e.aliases)}
        assert changed == {p for p in edited_paths if two[key][p].status == 200}, key
        assert not {path_of(e.url) for e in new} & set(one[key])
        # The edit shows in the page, its declared modification date, sitemaps and headers.
        path = path_of(edited[0].url)
        before, after = one[key][path], two[key][path]
        assert after.modified_at > before.modified_at
        assert edited[0].modified[:19] not in before.body.decode()
        # The page declares the new date, except UCLG's Drupal and redesigned pages, which
        # declare none (only the sitemap and the headers say it).
        declares = rendition in ("main", "moved") or key != "uclg"
        assert (edited[0].modified[:19] in after.body.decode()) is declares, key
        listed = b"".join(r.body if not r.content_type.endswith("gzip") else gzip.decompress(r.body)
                          for p, r in two[key].items() if "sitemap" in p)  # fmt: skip
        assert edited[0].modified.encode() in listed
        for e in new:
            assert e.url.encode() in listed, e.id


def test_day_two_new_articles_reach_feeds_and_listings(routes):
    one, two = routes("main", 1), routes("main", 2)
    new = [e for e in load_manifest(BASES, day=2) if e.change == "new"]
    for e in new:
        table = two[e.source]
        linked_from = [p for p, r in table.items() if r.status == 200
                       and e.url.encode() in r.body and p != route_key(path_of(e.url))]  # fmt: skip
        assert linked_from, e.id
        assert not any(e.url.encode() in r.body for r in one[e.source].values())


# -- the served mirror ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "path", "ctype", "status"),
    [
        ("cemr", "/", "text/html; charset=utf-8", 200),
        ("cemr", "/impactgoal-cohesion/cohesion-policy-future-2", "text/html", 200),
        ("cemr", "/impactgoal-cohesion/cohesion-policy-future-2/", "text/html", 301),
        ("cemr", "/?p=19194", "text/html", 301),
        ("cemr", "/feed/", "application/rss+xml", 200),
        ("cemr", "/sitemap_index.xml", "application/xml", 200),
        ("cemr", "/wp-content/uploads/2008/11/CP_lancement_plateforme.pdf", "application/pdf", 200),
        ("cemr", "/robots.txt", "text/plain", 200),
        ("cemr", "/news/no-such-article", "text/html", 404),
        ("platforma", "/fr/", "text/html", 200),
        ("platforma", "/wp-sitemap.xml", "application/xml", 200),
        ("uclg", "/sitemaps/index.xml", "application/xml", 200),
        ("uclg", "/feed/", "text/html", 404),
        ("ogp", "/stories-sitemap.xml.gz", "application/gzip", 200),
        ("ogp", "/fr/content-category/state-of-play-analysis/", "text/html", 200),
    ],
)
def test_served_paths_answer_with_status_and_type(mirror, source, path, ctype, status):
    got, headers, body = fetch(mirror[source] + path)
    assert got == status
    assert headers["Content-Type"].startswith(ctype)
    if status == 200:
        assert body and headers["ETag"] and headers["Last-Modified"]


def test_pdf_is_a_real_text_pdf_with_metadata(mirror, sites):
    path = "/wp-content/uploads/2008/11/CP_lancement_plateforme.pdf"
    body = fetch(mirror["cemr"] + path)[2]
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Dimanche 16 novembre" in text
    assert reader.metadata.creation_date.year == 2008
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    again = render_site(sites["cemr"], "main", "http://elsewhere.test")[path].body
    assert again == body


def test_etags_and_dates_are_stable_and_answer_conditional_requests(mirror):
    path = "/impactgoal-cohesion/cohesion-policy-future-2"
    url = mirror["cemr"] + path
    status, headers, _ = fetch(url)
    assert status == 200 and headers["Last-Modified"] == "Mon, 28 Jul 2025 07:00:00 GMT"
    with serve_mirror(ports={"cemr": 0}, content_dir=FIXTURE) as first:
        port = int(first["cemr"].rsplit(":", 1)[1])
        before = fetch(first["cemr"] + path)[1]
    with serve_mirror(ports={"cemr": port}, content_dir=FIXTURE) as again:  # a restart
        after = fetch(again["cemr"] + path)[1]
    assert (after["ETag"], after["Last-Modified"]) == (before["ETag"], before["Last-Modified"])
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Sun, 27 Jul 2025 07:00:00 GMT"})[0] == 200
    assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200
    status, head_headers, body = fetch(url, method="HEAD")
    assert status == 200 and not body and head_headers["ETag"] == headers["ETag"]
    assert "ETag" not in fetch(mirror["cemr"] + "/nowhere")[1]


def test_the_request_log_says_what_was_asked(mirror):
    mirror.log.clear()
    base = mirror["ogp"]
    fetch(base + "/news/?utm_source=x")
    etag = fetch(base + "/robots.txt")[1]["ETag"]
    fetch(base + "/robots.txt", {"If-None-Match": etag})
    fetch(base + HONEYPOT)
    fetch(base + "/missing/")
    log = mirror.requests("ogp")
    assert [(e.method, e.path, e.status, e.conditional, e.disallowed) for e in log] == [
        ("GET", "/news/?utm_source=x", 200, False, False),
        ("GET", "/robots.txt", 200, False, False),
        ("GET", "/robots.txt", 304, True, False),
        ("GET", HONEYPOT, 200, False, True),
        ("GET", "/missing/", 404, False, False),
    ]
    assert not mirror.requests("cemr")
    mirror.log.clear()
    assert not mirror.requests()


def test_switching_to_moved_and_day_two_on_the_same_ports():
    with serve_mirror(ports={"cemr": 0, "platforma": 0}, content_dir=FIXTURE) as served:
        before = {e.id: e for e in load_manifest(served, FIXTURE)}
        served.switch(rendition="moved", day=2)
        assert (served.rendition, served.day) == ("moved", 2)
        after = {e.id: e for e in load_manifest(served, FIXTURE)}
        for article_id, entry in after.items():
            if entry.source not in served:
                continue
            assert all(fetch(u)[0] == 200 for u in (entry.url,)), entry.url
            if article_id in before:
                old = before[article_id].url
                assert old in entry.redirected_from
                status, headers, _ = fetch(old)
                assert (status, headers["Location"]) == (301, entry.url), old
        served.switch(rendition="main", day=1)
        assert fetch(before["cemr-en-cohesion-policy-future"].url)[0] == 200


def test_moved_links_only_to_moved_article_paths(routes):
    main_paths = {path_of(e.url) for e in load_manifest(BASES)}
    for key, table in routes("moved").items():
        for path, resource in table.items():
            if resource.status != 200 or resource.content_type == "application/pdf":
                continue
            linked = {path_of(h) for h in _links(resource.body, resource.content_type)
                      if h.startswith(BASES[key])}  # fmt: skip
            assert not linked & main_paths, (key, path, sorted(linked & main_paths)[:3])


# -- translations are linked the way each rendition says ----------------------------------------


def _article_page(routes, rendition: str, article_id: str):
    entry = next(e for e in load_manifest(BASES, rendition=rendition) if e.id == article_id)
    return doc_of(routes(rendition)[entry.source][path_of(entry.url)].body), entry


PAIRS = {
    "cemr": "cemr-fr-conference-redressement-ukraine-berlin",
    "platforma": "platforma-fr-sommet-ue-celac-declaration-gouvernements-locaux",
    "uclg": "uclg-fr-conseil-mondial-2026",
    "ogp": "ogp-fr-espace-civique-fondement",
}


@pytest.mark.parametrize(
    ("rendition", "head", "switcher", "anchor"),
    [
        ("main", {"cemr", "ogp"}, {"cemr", "platforma", "ogp"}, {"uclg"}),
        ("redesign", set(), set(), {"cemr", "platforma", "uclg", "ogp"}),
        ("legacy", {"cemr", "platforma", "uclg", "ogp"}, {"cemr", "platforma", "uclg", "ogp"},
         {"cemr"}),
    ],
)  # fmt: skip
def test_translations_are_linked_as_the_rendition_says(routes, rendition, head, switcher, anchor):
    for source, article_id in PAIRS.items():
        doc, entry = _article_page(routes, rendition, article_id)
        other = entry.translation_of
        in_head = bool(doc.xpath(f'//head/link[@rel="alternate"][@hreflang][@href="{other}"]'))
        tagged = "@hreflang or @lang or .//*[@lang]"  # a switcher says which language it links
        in_switcher = bool(doc.xpath(f'//body//a[@href="{other}"][{tagged}]'))
        in_anchor = bool(doc.xpath(f'//body//a[@href="{other}"][not({tagged})]'))
        assert (in_head, in_switcher, in_anchor) == (
            source in head, source in switcher, source in anchor), (rendition, source)  # fmt: skip
