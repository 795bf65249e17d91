"""The offline mirror: content validation, manifest, and the served sites (on 127.0.0.1 only)."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from contextlib import redirect_stdout
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree, html
from pypdf import PdfReader

from aggregator.mirror import (
    SCHEMES,
    ContentError,
    load_content,
    load_manifest,
    render_site,
    serve_mirror,
)
from aggregator.mirror.__main__ import main as mirror_cli
from aggregator.mirror.content import DEFAULT_CONTENT_DIR, SOURCE_KEYS
from aggregator.mirror.render import cut, dateline, dmy, longdate, usdate
from aggregator.mirror.server import resolve

FIXTURE = Path(__file__).parent / "fixtures" / "mirror_content"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PDF_PATH = "/wp-content/uploads/2008/11/CP_lancement_plateforme.pdf"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects: (status, headers, body)."""
    try:
        with _opener.open(url, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.fixture(scope="module")
def sites():
    return load_content(FIXTURE)


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror(ports={key: 0 for key in SOURCE_KEYS}, content_dir=FIXTURE) as urls:
        yield urls


# -- content validation ------------------------------------------------------------------

GOOD = """
[[articles]]
id = "cemr-en-a"
lang = "en"
path = "/news/a/"
title = "A"
published = "2025-07-25T10:15:00+02:00"
summary = "S."
body = "B."
"""


def _article(**fields: str) -> str:
    lines = ["[[articles]]", *(f"{k} = {json.dumps(v)}" for k, v in fields.items())]
    return "\n".join(lines) + "\n"


BASE = {"lang": "en", "title": "T", "published": "2025-07-25T10:15:00+02:00", "body": "B."}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (_article(id="cemr-en-a", path="/news/b/", **BASE), "used twice"),
        (_article(id="cemr-en-b", path="/news/a/", **BASE), "path '/news/a/'"),
        (
            _article(id="cemr-en-b", path="/news/b/", translation_of="cemr-fr-x", **BASE),
            "cemr-fr-x",
        ),
        (
            _article(id="cemr-en-b", path="/news/b/", crosspost_of="cemr-en-zz", **BASE),
            "cemr-en-zz",
        ),
        (_article(id="cemr-en-b", path="/news/b/", **{**BASE, "published": "25/07/2025"}), "ISO"),
        (
            _article(id="cemr-en-b", path="/news/b/", **{**BASE, "published": "2025-07-25T10:00"}),
            "offset",
        ),  # fmt: skip
        (_article(id="cemr-en-b", path="/news/b/", colour="red", **BASE), "colour"),
        (_article(id="cemr-en-b", path="/news/b/", kind="video", **BASE), "kind"),
        (_article(id="cemr-en-b", path="news/b/", **BASE), "path"),
        (_article(id="cemr-en-b", path="/news/b/", listed_in=["/nowhere/"], **BASE), "listed_in"),
        (_article(id="cemr-en-b", path="/news/b/", **{**BASE, "body": ""}), "body"),
        ("[[articles]\n", "cannot read"),
    ],
)
def test_a_content_file_that_breaks_the_schema_names_file_and_entry(tmp_path, extra, message):
    (tmp_path / "cemr.toml").write_text(GOOD + "\n" + extra, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "cemr.toml" in str(err.value)
    assert message in str(err.value)
    if "[[articles]]" in str(err.value):
        assert "cemr-en-b" in str(err.value) or "cemr-en-a" in str(err.value)


def test_a_crosspost_to_a_site_not_loaded_is_accepted(tmp_path):
    extra = _article(id="cemr-en-b", path="/news/b/", crosspost_of="platforma-en-x", **BASE)
    (tmp_path / "cemr.toml").write_text(GOOD + extra, encoding="utf-8")
    assert len(load_content(tmp_path)["cemr"].articles) == 2


def test_fixture_covers_every_schema_field(sites):
    fields = {"modified", "tags", "image", "image_alt", "translation_of", "crosspost_of",
              "listed_in", "also_at", "dateline", "title_es", "pdf_created"}  # fmt: skip
    articles = [a for s in sites.values() for a in s.articles]
    assert all(any(getattr(a, f) for a in articles) for f in fields)
    assert any(a.kind == "pdf" for a in articles)
    assert all(s.pages for s in sites.values())


# -- pure helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        (longdate, ("2025-07-25T10:15:00+02:00", "en"), "25 July 2025"),
        (longdate, ("2025-07-25T10:15:00+02:00", "fr"), "25 juillet 2025"),
        (usdate, ("2024-04-16T10:00:00-04:00", "en"), "April 16, 2024"),
        (dmy, ("2011-03-08T12:00:00+01:00",), "08/03/2011"),
        (cut, ("one two three", 9, "…"), "one two…"),
        (cut, ("one two three", 9, "...", False), "one two t..."),
        (cut, ("short", 9), "short"),
    ],
)
def test_date_and_truncation_filters(func, args, expected):
    assert func(*args) == expected


def test_dateline_is_in_the_article_language(sites):
    en = sites["ogp"].by_id("ogp-en-open-justice-americas")
    fr = sites["ogp"].by_id("ogp-fr-open-justice-americas")
    assert dateline(en) == "Washington, DC, April 16, 2024 – "
    assert dateline(fr) == "Washington, DC, le 22 avril 2024 – "


# -- manifest ------------------------------------------------------------------------------


def test_manifest_lists_articles_only_with_absolute_urls(sites):
    bases = {key: f"http://mirror.test:{9000 + i}" for i, key in enumerate(SOURCE_KEYS)}
    entries = load_manifest(bases, FIXTURE)
    assert len(entries) == sum(len(s.articles) for s in sites.values())
    page_ids = {p.id for s in sites.values() for p in s.pages}
    assert not page_ids & {e.id for e in entries}
    by_id = {e.id: e for e in entries}
    fr = by_id["cemr-fr-cohesion-policy-future"]
    assert fr.url == "http://mirror.test:9000/fr/news/avenir-politique-cohesion/"
    assert fr.translation_of == "http://mirror.test:9000/news/cohesion-policy-future/"
    assert fr.published == "2025-07-30T11:00:00+02:00" and fr.published_date == "2025-07-30"
    cross = by_id["cemr-en-platforma-awards-crosspost"]
    assert cross.crosspost_of == "http://mirror.test:9001/2025/06/platformawards-winners/"
    assert by_id["platforma-en-platformawards-winners"].aliases == (
        "http://mirror.test:9001/fr/2025/06/platformawards-winners/",
    )
    assert by_id["cemr-fr-plateforme-lancement-2008"].kind == "pdf"
    assert all(e.kind == "html" for e in entries if e.id != "cemr-fr-plateforme-lancement-2008")
    dates = [datetime.fromisoformat(e.published) for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_manifest_cli_prints_json(capsys):
    out = io.StringIO()
    with redirect_stdout(out):
        code = mirror_cli(
            ["--content-dir", str(FIXTURE), "manifest", "--base-url", "cemr=http://x.test"]
        )
    assert code == 0
    data = json.loads(out.getvalue())
    assert any(e["url"] == "http://x.test/news/cohesion-policy-future/" for e in data)
    assert any(e["url"].startswith("http://127.0.0.1:8104/") for e in data)


# -- the served sites ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "path", "ctype"),
    [
        ("cemr", "/", "text/html; charset=utf-8"),
        ("cemr", "/news/cohesion-policy-future/", "text/html; charset=utf-8"),
        ("cemr", "/feed/", "application/rss+xml"),
        ("cemr", "/fr/feed/", "application/rss+xml"),
        ("cemr", "/sitemap_index.xml", "application/xml"),
        ("cemr", "/post-sitemap.xml", "application/xml"),
        ("cemr", PDF_PATH, "application/pdf"),
        ("cemr", "/robots.txt", "text/plain"),
        ("platforma", "/fr/category/democratie-locale/", "text/html; charset=utf-8"),
        ("uclg", "/en/media/news", "text/html; charset=utf-8"),
        ("uclg", "/sitemap.xml", "application/xml"),
        ("ogp", "/fr/content-category/state-of-play-analysis/", "text/html; charset=utf-8"),
    ],
)
def test_served_paths_have_the_right_content_type(mirror, source, path, ctype):
    status, headers, body = fetch(mirror[source] + path)
    assert status == 200
    assert headers["Content-Type"].startswith(ctype)
    assert body


def test_unknown_paths_are_404_and_uclg_has_no_feed(mirror):
    assert fetch(mirror["cemr"] + "/news/no-such-article/")[0] == 404
    assert fetch(mirror["uclg"] + "/feed/")[0] == 404
    assert fetch(mirror["uclg"] + "/en/media/news?page=99")[0] == 404


def test_wordpress_redirects_to_the_slashed_path(mirror):
    status, headers, _ = fetch(mirror["cemr"] + "/news/cohesion-policy-future?utm_source=x")
    assert status == 301
    assert headers["Location"] == (mirror["cemr"] + "/news/cohesion-policy-future/?utm_source=x")
    assert fetch(mirror["uclg"] + "/en/media/news/")[0] == 404  # Drupal has no slashes


def test_unknown_query_parameters_are_ignored(mirror):
    plain = fetch(mirror["ogp"] + "/news/")[2]
    tracked = fetch(mirror["ogp"] + "/news/?utm_source=newsletter&utm_medium=email")[2]
    assert plain == tracked
    first = fetch(mirror["uclg"] + "/en/media/news")[2]
    assert fetch(mirror["uclg"] + "/en/media/news?page=0&utm_campaign=x")[2] == first
    assert fetch(mirror["uclg"] + "/en/media/news?page=1")[2] != first


def _next_link(doc: html.HtmlElement) -> str | None:
    links = doc.xpath('//head/link[@rel="next"]/@href') or doc.xpath('//a[@rel="next"]/@href')
    return links[0] if links else None


def _crawl_listing(url: str, article_paths: set[str]) -> tuple[int, list[str]]:
    pages, found = 0, []
    while url:
        status, _, body = fetch(url)
        assert status == 200, url
        pages += 1
        doc = html.fromstring(body, base_url=url)
        doc.make_links_absolute(url)
        hrefs = doc.xpath('//main//a/@href | //div[@class="view-content"]//a/@href')
        for href in dict.fromkeys(hrefs):
            path = re.sub(r"^https?://[^/]+", "", href)
            if path in article_paths and href not in found:
                found.append(href)
        url = _next_link(doc)
        assert pages < 50
    return pages, found


@pytest.mark.parametrize("source", SOURCE_KEYS)
def test_pagination_chains_through_every_listing_page(mirror, sites, source):
    articles = sites[source].articles
    article_paths = {p for a in articles for p in (a.path, *a.also_at)}
    for listing in SCHEMES[source].listings:
        pages, found = _crawl_listing(mirror[source] + listing.path, article_paths)
        renderer_items = [
            a for a in sites[source].articles
            if listing.path in a.listed_in
            or (not a.listed_in and listing.default and a.lang == listing.lang)
        ]  # fmt: skip
        assert pages == max(1, -(-len(renderer_items) // 5)), listing.path
        assert len(found) == len(renderer_items), listing.path


def test_feeds_parse_and_hold_only_the_newest_items(mirror, sites):
    for source in ("cemr", "platforma", "ogp"):
        for lang, path in SCHEMES[source].feeds.items():
            feed = feedparser.parse(fetch(mirror[source] + path)[2])
            assert not feed.bozo, (source, path, feed.get("bozo_exception"))
            expected = [a for a in sites[source].articles if a.lang == lang and not a.is_pdf]
            assert len(feed.entries) == min(10, len(expected))
            base = mirror[source]
            assert [e.link for e in feed.entries] == [base + a.path for a in expected[:10]]
            assert all(e.published_parsed and e.id and e.summary for e in feed.entries)
    assert len(feedparser.parse(fetch(mirror["cemr"] + "/feed/")[2]).entries) == 10


def _sitemap_locs(url: str) -> tuple[list[str], list[str]]:
    root = etree.fromstring(fetch(url)[2])
    locs = root.xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    lastmods = root.xpath("//sm:lastmod/text()", namespaces=SITEMAP_NS)
    return locs, lastmods


@pytest.mark.parametrize("source", SOURCE_KEYS)
def test_robots_and_sitemaps_list_every_article(mirror, sites, source):
    base = mirror[source]
    robots = fetch(base + "/robots.txt")[2].decode()
    sitemap_urls = re.findall(r"^Sitemap: (\S+)$", robots, re.M)
    assert sitemap_urls and "Disallow: /" in robots
    listed: list[str] = []
    queue = list(sitemap_urls)
    while queue:
        url = queue.pop()
        locs, lastmods = _sitemap_locs(url)
        assert lastmods
        for loc in locs:
            (queue if loc.endswith(".xml") else listed).append(loc)
    for art in sites[source].articles:
        assert base + art.path in listed, art.id
    for page in sites[source].pages:
        assert base + page.path in listed, page.id


def test_pdf_is_a_real_text_pdf_with_metadata(mirror, sites):
    body = fetch(mirror["cemr"] + PDF_PATH)[2]
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Dimanche 16 novembre" in text
    assert "Conseil des Communes et Régions d’Europe" in text
    meta = reader.metadata
    assert meta.title.startswith("Lancement de la nouvelle plateforme")
    assert meta.creation_date.year == 2008 and meta.creation_date.month == 11
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert body == fetch(mirror["cemr"] + PDF_PATH)[2]
    # deterministic across renders
    again = render_site(sites["cemr"], "main", "http://elsewhere.test")[PDF_PATH][1]
    assert again == body


def _page(mirror, source: str, path: str) -> html.HtmlElement:
    status, _, body = fetch(mirror[source] + path)
    assert status == 200, path
    return html.fromstring(body)


def test_html_lang_canonical_and_hreflang(mirror):
    cemr = _page(mirror, "cemr", "/fr/news/avenir-politique-cohesion/")
    assert cemr.get("lang") == "fr-FR"
    assert cemr.xpath('//link[@rel="canonical"]/@href') == [
        mirror["cemr"] + "/fr/news/avenir-politique-cohesion/"
    ]
    assert set(cemr.xpath('//link[@rel="alternate"]/@hreflang')) >= {"en-GB", "fr-FR"}
    assert cemr.xpath('//link[@type="application/rss+xml"]/@href') == [mirror["cemr"] + "/fr/feed/"]
    alias = _page(mirror, "platforma", "/fr/2025/06/platformawards-winners/")
    assert alias.get("lang") == "fr-FR"
    assert alias.xpath('//link[@rel="canonical"]/@href') == [
        mirror["platforma"] + "/2025/06/platformawards-winners/"
    ]
    assert "Lire plus" in fetch(mirror["platforma"] + "/fr/category/democratie-locale/")[2].decode()
    uclg = _page(mirror, "uclg", "/fr/media/news/congres-mondial-daejeon")
    assert (uclg.get("lang"), uclg.get("dir")) == ("fr", "ltr")
    assert not uclg.xpath("//time") and not uclg.xpath('//script[@type="application/ld+json"]')
    assert "14/10/2022" in uclg.text_content()
    assert not uclg.xpath('//link[@type="application/rss+xml"]')


def test_head_metadata_differs_per_site(mirror):
    cemr = _page(mirror, "cemr", "/news/cohesion-policy-future/")
    graph = json.loads(cemr.xpath('//script[@type="application/ld+json"]/text()')[0])["@graph"]
    article = next(n for n in graph if n["@type"] == "NewsArticle")
    assert article["datePublished"] == "2025-07-25T10:15:00+02:00"
    assert article["inLanguage"] == "en-GB"
    assert cemr.xpath('//meta[@property="article:modified_time"]/@content')
    assert "25 July 2025" in cemr.text_content() and "Related news" in cemr.text_content()
    platforma = _page(mirror, "platforma", "/2023/07/citizens-assemblies-community-of-practice/")
    assert not platforma.xpath('//script[@type="application/ld+json"]')
    assert platforma.xpath('//time[contains(@class, "published")]/@datetime') == [
        "2023-07-04T10:00:00+02:00"
    ]
    assert not platforma.xpath('//meta[starts-with(@property, "article:")]')
    ogp = _page(mirror, "ogp", "/fr/news/open-justice-advances-in-the-americas/")
    body = ogp.xpath("//body")[0]
    assert body.xpath("./*[1]")[0].text_content() == "Ignorer la navigation"
    ld = json.loads(ogp.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert (ld["@type"], ld["inLanguage"]) == ("Article", "fr-FR")
    text = ogp.text_content()
    assert "La justicia abierta avanza en las Américas" in text
    assert "Washington, DC, le 22 avril 2024 – " in text
    about = _page(mirror, "cemr", "/about-us/")
    assert about.xpath('//meta[@property="og:type"]/@content') == ["website"]
    assert not about.xpath('//meta[starts-with(@property, "article:")]')


@pytest.mark.parametrize("content_dir", [FIXTURE, None], ids=["fixture", "real"])
def test_every_internal_link_is_served(content_dir):
    """A link to the site itself never 404s: a rendered site is closed under its own links."""
    if content_dir is None and not (DEFAULT_CONTENT_DIR / "cemr.toml").is_file():
        pytest.skip("no real content yet")
    sites = load_content(content_dir)
    base = "http://127.0.0.1:9"
    for key, site in sites.items():
        routes = render_site(site, "main", base, sites=sites)
        for path, (ctype, body) in routes.items():
            if not ctype.startswith("text/html"):
                continue
            for href in html.fromstring(body).xpath("//a/@href"):
                if href.startswith(base):
                    status = resolve(routes, href[len(base) :], SCHEMES[key].wordpress)[0]
                    assert status == 200, (key, path, href)


def test_ogp_teasers_are_preceded_by_alt_text(mirror):
    doc = _page(mirror, "ogp", "/fr/content-category/state-of-play-analysis/")
    text = " ".join(doc.xpath('//div[@class="card-grid"]')[0].text_content().split())
    assert text.index("52407535119_9c897f8f99_o") < text.index("La justice ouverte progresse")


# -- the real content ----------------------------------------------------------------------


def test_real_content_loads_renders_and_matches_the_url_scheme():
    present = [k for k in SOURCE_KEYS if (DEFAULT_CONTENT_DIR / f"{k}.toml").is_file()]
    if not present:
        pytest.skip("no content file in data/mirror/content yet")
    sites = load_content()
    for key, site in sites.items():
        routes = render_site(site, "main", f"http://127.0.0.1:{SCHEMES[key].default_port}",
                             sites=sites)  # fmt: skip
        for art in site.articles:
            assert art.path in routes, art.id
    with serve_mirror(ports={key: 0 for key in present}) as urls:
        for base in urls.values():
            assert fetch(base + "/robots.txt")[0] == 200
