"""Extraction on saved pages, one test per field, so a regression names the field.

Fixtures: tests/fixtures/pages/<source>/<case>/ holds page.html, url.txt and
expected.json (written from the mirror's content files by save_pages.py). The `generic`
folder holds pages written for these tests in the shapes real sites use (WordPress,
Drupal, hand-made CMSs), read by the base ArticlePage as a source configured with its
base URL only: one per verdict the crawler must get right.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from aggregator.config import Source, load_sources
from aggregator.items import Teaser
from aggregator.mirror import load_content, load_manifest, render_site
from aggregator.mirror.render import load_rendition
from aggregator.mirror.schemes import build_layout
from aggregator.pages import ArticlePage, Found, ListingPage, PageVerdict
from aggregator.pages.verdict import PageSignals, judge
from aggregator.pipelines.clean_text import clean_text
from aggregator.pipelines.dates import DatePipeline, parse_date
from aggregator.pipelines.language import detect_language

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.parent for p in PAGES.glob("*/*/expected.json"))
NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
NOISE = [
    "Skip Navigation",
    "Ignorer la navigation",
    "Lire plus",
    "Read More",
    "(+)",
    "Accept",
    "cookies",
    "Optimisez votre visibilité",
    "Subscribe to our newsletter",
]
SPIDERS = SpiderLoader(Settings({"SPIDER_MODULES": ["spiders"]}))


def load_case(folder: Path) -> tuple[ArticlePage, dict]:
    source_key = folder.parent.name
    url = (folder / "url.txt").read_text(encoding="utf-8").strip()
    base_url = url.split("/", 3)[0] + "//" + url.split("/", 3)[2]
    if source_key == "generic":
        source = Source(key="generic", name="generic", base_url=base_url)
        page_class = ArticlePage
    else:
        source = load_sources()[source_key].with_base_url(base_url)
        page_class = SPIDERS.load(source_key).article_page
    html = (folder / "page.html").read_text(encoding="utf-8")
    page = page_class(url, html, source, now=NOW)
    return page, json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def cases_with(field: str) -> list[Path]:
    return [c for c in CASES if field in json.loads((c / "expected.json").read_text())]


def case_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


@pytest.mark.parametrize("folder", CASES, ids=case_id)
def test_is_article(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.is_article() is expected["is_article"]


@pytest.mark.parametrize("folder", cases_with("kind"), ids=case_id)
def test_verdict_kind_and_reason(folder: Path) -> None:
    page, expected = load_case(folder)
    verdict = page.verdict()
    assert (verdict.kind, verdict.reason) == (expected["kind"], expected["reason"])
    assert verdict.is_article is expected["is_article"] is page.is_article()


@pytest.mark.parametrize("folder", cases_with("published_day"), ids=case_id)
def test_site_day_and_local_date(folder: Path) -> None:
    page, expected = load_case(folder)
    item = page.to_article(folder.parent.name, NOW.isoformat(), None)
    item.lang = expected["lang"]
    DatePipeline({}).process_item(item)
    assert item.published_day == expected["published_day"]
    assert item.published_local == expected["published_local"]
    assert item.published_at[:10] == expected["published_date"]


@pytest.mark.parametrize("folder", cases_with("lang"), ids=case_id)
def test_title(folder: Path) -> None:
    page, expected = load_case(folder)
    assert clean_text(page.title().value) == clean_text(expected["title"])


@pytest.mark.parametrize("folder", cases_with("canonical"), ids=case_id)
def test_canonical(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.canonical() == expected["canonical"]


@pytest.mark.parametrize("folder", cases_with("published_date"), ids=case_id)
def test_published_date(folder: Path) -> None:
    page, expected = load_case(folder)
    found = page.published()
    assert found is not None
    parsed = parse_date(found.value, lang=expected["lang"], now=NOW)
    assert parsed is not None and parsed.value[:10] == expected["published_date"], found


@pytest.mark.parametrize("folder", cases_with("lang"), ids=case_id)
def test_language(folder: Path) -> None:
    page, expected = load_case(folder)
    article = page.to_article(folder.parent.name, NOW.isoformat(), None)
    text = "\n".join((article.title, article.summary, article.body))
    assert detect_language(article.lang_hints, text).lang == expected["lang"]


@pytest.mark.parametrize("folder", cases_with("body_starts"), ids=case_id)
def test_body_is_the_article_text_without_noise(folder: Path) -> None:
    page, expected = load_case(folder)
    body = clean_text(page.body(), paragraphs=True)
    assert expected["body_starts"] in body[:400]
    assert len(body) > 200
    assert not [n for n in NOISE if n in body]


@pytest.mark.parametrize("folder", cases_with("tags"), ids=case_id)
def test_tags(folder: Path) -> None:
    page, expected = load_case(folder)
    assert page.tags() == expected["tags"]


# -- every page of the mirror's renditions gets the verdict the crawler needs ---------------


@pytest.mark.parametrize("rendition", ["main", "legacy", "redesign", "moved"])
def test_the_verdict_on_every_page_of_a_rendition(rendition: str) -> None:
    """Articles are articles; listings and their last pages are listings; about, event and
    document pages are refused, whatever each theme prints. A home page is a listing or,
    showing only a few recent items (UCLG's), nothing: the crawler reads homes as listings
    whatever their verdict."""
    sites = load_content()
    bases = {key: f"http://{key}.test" for key in sites}
    manifest = load_manifest(bases, rendition=rendition)
    articles = {e.url for e in manifest} | {alias for e in manifest for alias in e.aliases}
    wrong = []
    for key, site in sites.items():
        source = load_sources()[key].with_base_url(bases[key])
        layout = build_layout(site, load_rendition(rendition).urls)
        pages = {page.path for page in site.pages} | {layout.honeypot}
        homes = set(layout.homes.values())
        routes = render_site(site, rendition, bases[key], sites=sites, base_urls=bases)
        for path, resource in routes.items():
            if "html" not in resource.content_type or resource.status != 200:
                continue
            url = bases[key] + path
            html = resource.body.decode("utf-8")
            verdict = ArticlePage(url, html, source, now=NOW).verdict()
            expected = "article" if url in articles else "other" if path in pages else "listing"
            if verdict.kind != expected and not (path in homes and verdict.kind == "other"):
                wrong.append(f"{url}: {verdict}")
    assert not wrong, "\n".join(wrong)


# -- every place a page states its date, on pages written for the test -----------------------

URL = "https://www.townsnetwork.example/news/a-story/"
GENERIC = Source(key="generic", name="generic", base_url="https://www.townsnetwork.example")
BODY = (
    "<p>The councils of the region agreed on a shared plan for their bus lines, after a year"
    " of talks with the operators and three public hearings in the valley towns.</p>"
)


def page_of(head: str = "", body: str = "", url: str = URL, lang: str = "en") -> ArticlePage:
    html = f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'
    return ArticlePage(url, html, GENERIC, now=NOW)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # JSON-LD on types outside the article list, nested graphs included
        (
            ld({"@type": "WebPage", "datePublished": "2024-05-02T10:00:00+02:00"}),
            "",
            "jsonld:WebPage",
        ),
        (
            ld({"@graph": [{"@type": "VideoObject", "uploadDate": "2024-05-02"}]}),
            "",
            "jsonld:VideoObject",
        ),
        (ld({"@type": "CreativeWork", "dateCreated": "2024-05-02"}), "", "jsonld:CreativeWork"),
        # metadata in its other spellings
        ('<meta name="article:published_time" content="2024-05-02T08:00:00Z">', "", "og"),
        ('<meta itemprop="datePublished" content="2024-05-02">', "", "microdata"),
        ('<meta name="DC.date.issued" content="2024-05-02">', "", "meta:dc.date.issued"),
        ('<meta name="dcterms.created" content="2024-05-02">', "", "meta:dcterms.created"),
        ('<meta name="date" content="2024-05-02">', "", "meta:date"),
        ('<meta name="sailthru.date" content="2024-05-02 09:00:00">', "", "meta:sailthru.date"),
        (
            '<meta name="parsely-pub-date" content="2024-05-02T09:00:00Z">',
            "",
            "meta:parsely-pub-date",
        ),
        # microdata on an element, hAtom's abbr, WordPress's time
        ("", '<h1>T</h1><span itemprop="datePublished">2 May 2024</span>' + BODY, "microdata"),
        (
            "",
            '<h1>T</h1><abbr class="published" title="2024-05-02T09:00:00-04:00">May 2</abbr>',
            "abbr",
        ),
        (
            "",
            '<article><h1>T</h1><time class="entry-date published updated" '
            'datetime="2024-05-02T09:00:00+01:00">2 May 2024</time></article>',
            "time",
        ),
    ],
)
def test_the_publication_date_is_read_wherever_the_page_states_it(head, body, expected):
    found = page_of(head, body).published()
    assert found is not None and found.where == expected
    assert parse_date(found.value, lang="en", now=NOW).day == "2024-05-02"


def test_a_broken_json_ld_block_loses_only_itself() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": [,]}'
        "</script>"
        + ld({"@type": "NewsArticle", "headline": "Bus lines", "datePublished": "2024-05-02"})
        + '<meta property="og:type" content="article">'
    )
    page = page_of(head)
    assert page.jsonld["headline"] == "Bus lines"
    assert page.published() == Found("2024-05-02", "jsonld")
    assert page.og["og:type"] == "article"


def test_a_json_ld_block_with_trailing_garbage_or_broken_json_is_read_as_far_as_it_goes() -> None:
    trailing = (
        '<script type="application/ld+json">'
        '[{"@type": "BlogPosting", "datePublished": "2024-05-02"}];</script>'
    )
    assert page_of(trailing).published() == Found("2024-05-02", "jsonld")
    broken = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2024-05-02T07:00:00Z", "image": {"url": "<img src="x.jpg">"}}</script>'
    )
    assert page_of(broken).published() == Found("2024-05-02T07:00:00Z", "jsonld")


def test_an_xhtml_page_with_an_xml_declaration_is_read_as_html() -> None:
    html = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
        ' Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Bus lines</title>'
        '<meta property="og:type" content="article" />'
        + ld({"@type": "NewsArticle", "datePublished": "2024-05-02"})
        + f"</head><body><h1>Bus lines</h1>{BODY}</body></html>"
    )
    page = ArticlePage(URL, html, GENERIC, now=NOW)
    assert page.og["og:type"] == "article"
    assert page.published() == Found("2024-05-02", "jsonld")
    assert page.title() == Found("Bus lines", "css:h1")
    assert page.verdict().reason == "jsonld:NewsArticle+date"


def test_a_comments_date_in_json_ld_is_not_the_pages() -> None:
    graph = {"@type": "WebPage", "comment": [{"@type": "Comment", "datePublished": "2024-06-01"}]}
    assert not [f for f in page_of(ld(graph))._stated_dates() if f.where.startswith("jsonld")]


def test_the_articles_own_time_beats_a_sidebar_time_that_comes_first() -> None:
    body = (
        '<div class="sidebar"><h3>Agenda</h3><time datetime="2024-09-30">30 Sep</time></div>'
        '<div class="layout"><h1>Bus lines</h1><time datetime="2024-05-02T09:00:00+02:00">'
        f"2 May 2024</time>{BODY * 3}</div>"
    )
    assert (
        page_of("<title>Bus lines | Towns</title>", body).published().value.startswith("2024-05-02")
    )


def test_a_time_that_says_only_updated_is_no_publication_date() -> None:
    body = (
        '<h1>T</h1><time class="updated" datetime="2024-06-10">10 June 2024</time>'
        '<p class="meta">Posted on May 2, 2024 by the editors</p>'
    )
    page = page_of("", body)
    assert page.published() == Found("Posted on May 2, 2024 by the editors", "near_title")
    assert page.modified() == Found("2024-06-10", "time")


def test_a_times_text_wins_over_its_attribute_when_they_name_other_days() -> None:
    body = '<h1>T</h1><time datetime="2024-06-10T08:00:00Z">Publié le 2 mai 2024</time>'
    assert page_of("", body, lang="fr").published() == Found("Publié le 2 mai 2024", "time")


@pytest.mark.parametrize(
    "body",
    [
        # far below the heading, past a lead, an image and a share bar
        "<h1>Bus lines</h1>"
        + "".join(f"<div><span>Figure {n}</span></div>" for n in range(20))
        + "<p>Posted on May 2, 2024 by the editors</p>"
        + BODY,
        # no h1 at all: the title is an h2, the date line above it
        '<div class="post"><div class="date-header"><span>Thursday, May 2, 2024</span></div>'
        "<h2>Bus lines</h2>" + BODY + "</div>",
        # split over inline markup
        "<h1>Bus lines</h1><p>May 2<sup>nd</sup>, 2024</p>" + BODY,
        # an author, then a numeric date spaced with thin spaces (German typography)
        "<h1>Bus lines</h1><div>Von <span>Regionalverband</span> 2.&thinsp;5.&thinsp;2024.</div>"
        + BODY,
        # a date line in Cyrillic, with its time
        '<h1>Bus lines</h1><p class="date">2 мая 2024, 10:15</p>' + BODY,
    ],
)
def test_a_date_line_is_found_anywhere_in_the_article_header(body: str) -> None:
    found = page_of("<title>Bus lines | Towns</title>", body).published()
    assert found is not None and found.where == "near_title"
    assert parse_date(found.value, lang="en", now=NOW).day == "2024-05-02"


def test_a_signal_that_does_not_read_as_a_date_passes_the_turn() -> None:
    head = (
        '<meta property="article:published_time" content="sometime in spring">'
        '<meta name="pubdate" content="Thu May 02 09:12:44 CEST 2024">'
    )
    assert page_of(head).published() == Found("Thu May 02 09:12:44 CEST 2024", "meta:pubdate")


def test_the_urls_date_path_arbitrates_a_metadata_date_it_contradicts() -> None:
    url = "https://www.townsnetwork.example/2024/05/02/bus-lines/"
    head = ld({"@type": "NewsArticle", "datePublished": "2021-01-01T10:00:00Z"})
    body = '<h1>Bus lines</h1><p class="date">2 May 2024</p>' + BODY
    assert page_of(head, body, url=url).published() == Found("2 May 2024", "near_title")
    assert page_of(head, "", url=url).published() == Found("2024-05-02", "url")


def test_a_shown_date_that_page_metadata_confirms_beats_a_stale_article_date() -> None:
    head = (
        ld({"@type": "NewsArticle", "datePublished": "2024-04-20T10:00:00Z"})
        + '<meta name="date" content="2024-05-02">'
    )
    body = "<h1>Bus lines</h1><p>Thursday, 2 May 2024</p>" + BODY
    assert page_of(head, body).published() == Found("Thursday, 2 May 2024", "near_title")


@pytest.mark.parametrize(
    ("published", "shown", "expected"),
    [
        # written with the site's offset, the day before: a day off is a contradiction
        ("2024-05-01T18:00:00+02:00", "02.05.2024, 07:30", "near_title"),
        # a time in UTC may be a day off the local day shown: the instant stands
        ("2024-05-03T03:15:00Z", "May 2, 2024, 11:15 PM", "jsonld"),
    ],
)
def test_a_shown_day_one_day_off_an_article_date_beats_it_unless_a_time_zone_explains_it(
    published, shown, expected
) -> None:
    head = ld({"@type": "NewsArticle", "datePublished": published})
    head += '<meta name="date" content="2024-05-02">'
    body = f"<header><h1>Bus lines</h1><span>{shown}</span></header>" + BODY
    assert page_of(head, body).published().where == expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        # written month first: the shown day-first date says the same day
        ("05/02/2024 09:30:00", Found("Published: 02.05.2024", "near_title")),
        # only one order is a date, and it is another day: the metadata stands
        ("04/20/2024 09:30:00", Found("04/20/2024 09:30:00", "meta:date")),
    ],
)
def test_a_numeric_metadata_date_takes_the_order_of_the_date_shown(meta, expected) -> None:
    head = f'<meta name="date" content="{meta}">'
    body = '<header><h1>Bus lines</h1><span class="date">Published: 02.05.2024</span></header>'
    assert page_of(head, body + BODY).published() == expected


def test_a_press_release_dateline_opens_the_body() -> None:
    body = (
        "<h1>Bus lines</h1><p>Valley Town, (02.05.2024). The councils of the region agreed on a"
        " shared plan for their bus lines after a year of talks with the operators.</p>"
    )
    assert page_of("", body).published() == Found("Valley Town, (02.05.2024", "dateline")


TALKS = (
    " The councils of the region agreed on a shared plan for their bus lines after a year of"
    " talks with the operators and three public hearings in the valley towns of the region.</p>"
)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # after a subheading, set apart by a quote
        ("<h3>A shared plan for the valley</h3><p>02.05.2024 „The councils agree.", "02.05.2024"),
        # after a lead and a byline, set apart by a dash
        (
            "<p>The valley towns will share their bus lines from next spring on, the councils"
            " said after the last of three public hearings.</p><p>By Jane Doe</p>"
            "<p>2.5.2024 - The councils agree.",
            "2.5.2024",
        ),
        ("<h3>A shared plan</h3><p>Valley Town, 2 May 2024 – The councils agree.", "2 May 2024"),
        # a sentence about an event, past the first paragraph, is no dateline
        ("<h3>A shared plan for the valley</h3><p>On 2 May 2024, the councils agreed.", None),
        ("<h3>A shared plan for the valley</h3><p>Am 02.05.2024 trafen sich die Räte.", None),
    ],
)
def test_a_dateline_opens_one_of_the_bodys_first_paragraphs(opening: str, expected) -> None:
    body = f"<article><h1>Bus lines for the valley</h1>{opening}{TALKS}</article>"
    found = page_of("", body).published()
    if expected is None:
        assert found is None or found.where != "dateline"
    else:
        assert found is not None and found.where == "dateline"
        assert found.value.endswith(expected)


def test_an_undated_page_becomes_an_article_when_its_teaser_dates_it() -> None:
    page = page_of("<title>Bus lines</title>", "<h1>Bus lines</h1>" + BODY * 2)
    assert page.verdict() == PageVerdict(False, "other", "no_date")
    feed = Teaser(url=URL, date_raw="Thu, 02 May 2024 09:00:00 +0200", channel="feed")
    assert page.verdict(feed) == PageVerdict(True, "article", "heading+body+teaser_date")


def test_a_page_whose_only_date_lies_ahead_is_an_event() -> None:
    body = (
        "<h1>Forum of mayors</h1><p>Thursday, 12 June 2031</p>"
        "<p>Venue: the congress centre of the valley town. The forum brings mayors and"
        " regional councils together for two days of workshops on water and transport.</p>"
    )
    assert page_of("<title>Forum of mayors</title>", body).verdict() == PageVerdict(
        False, "other", "event"
    )


# -- the verdict's rules on hand-built signals ---------------------------------------------

TEXT = {"heading": "Bus lines", "titled_heading": True, "body_chars": 900, "own_chars": 900}


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        # og:type=website does not veto a page with a heading, a body and a date line
        (
            {**TEXT, "og_type": "website", "date": "date_line"},
            (True, "article", "heading+body+date_line"),
        ),
        ({"og_type": "article"}, (True, "article", "og:article")),
        (
            {"jsonld_types": frozenset({"WebPage", "NewsArticle"}), "date": "metadata_date"},
            (True, "article", "jsonld:NewsArticle+date"),
        ),
        ({**TEXT, "date": ""}, (False, "other", "no_date")),
        ({**TEXT, "date": "teaser_date"}, (True, "article", "heading+body+teaser_date")),
        # listings: teasers and no text of their own, taxonomy classes and types
        (
            {"heading": "News", "teasers": 12, "own_chars": 0, "date": "htmldate"},
            (False, "listing", "listing:12 teasers"),
        ),
        (
            {"heading": "News", "teasers": 1, "paginated": True},
            (False, "listing", "listing:pagination+1 teasers"),
        ),
        (
            {**TEXT, "body_classes": frozenset({"archive", "tag", "tag-water"})},
            (False, "listing", "taxonomy:archive"),
        ),
        (
            {**TEXT, "jsonld_types": frozenset({"CollectionPage"})},
            (False, "listing", "taxonomy:CollectionPage"),
        ),
        # an article with a "more news" block stays an article
        ({**TEXT, "teasers": 9, "date": "time"}, (True, "article", "heading+body+time")),
        (
            {"teasers": 9, "body_classes": frozenset({"single", "single-post"}), "date": "time"},
            (True, "article", "time"),
        ),
        # about, events, documents: refused whatever they claim
        (
            {**TEXT, "slug": "mentions-legales", "og_type": "article"},
            (False, "other", "about/contact/legal"),
        ),
        (
            {**TEXT, "heading": "Contact us", "date": "metadata_date"},
            (False, "other", "about/contact/legal"),
        ),
        (
            {**TEXT, "body_classes": frozenset({"single-tribe_events"}), "og_type": "article"},
            (False, "other", "event"),
        ),
        (
            {**TEXT, "jsonld_types": frozenset({"Event"}), "date": "date_line"},
            (False, "other", "event"),
        ),
        # an Event node injected by a widget on a post that says when it was published
        (
            {
                **TEXT,
                "jsonld_types": frozenset({"Event"}),
                "og_published": True,
                "date": "metadata_date",
            },
            (True, "article", "og:article+date"),
        ),
        (
            {"heading": "Annual report", "body_chars": 40, "own_chars": 40, "file_links": 1},
            (False, "other", "document"),
        ),
    ],
)
def test_the_verdict_weighs_the_signals(signals: dict, expected: tuple) -> None:
    assert judge(PageSignals(**signals)) == PageVerdict(*expected)


def test_a_title_that_names_a_month_is_not_read_as_the_date_line_under_it() -> None:
    page = page_of(
        body='<header><h1>Network newsletter | April 2024</h1><span class="published">'
        "18 April 2024</span></header>" + BODY
    )
    assert page.published() == Found("18 April 2024", "near_title")


def test_a_date_the_title_names_is_its_subjects_not_the_pages() -> None:
    title = "<title>Valley relay results, 4.5.2024 | Towns</title>"
    heading = "<h1>Valley relay results, 4.5.2024</h1>"
    page = page_of(title, f"<article>{heading}<p>Posted on 5 May 2024</p>{BODY}</article>")
    assert page.published() == Found("Posted on 5 May 2024", "near_title")
    alone = page_of(title, f"<article>{heading}{BODY}</article>").published()
    assert alone is None or alone.where == "htmldate"  # the last resort reads what it reads


# -- listings written for the test -----------------------------------------------------------


def wordpress_card(n: int, day: int, title: str) -> str:
    """A post in a WordPress theme's loop: the title and the date in the card's own <header>,
    the post's author, category and tags beside them."""
    url = f"/2024/05/{day:02d}/story-{n}/"
    return (
        f'<article id="post-{n}" class="post type-post hentry"><header class="entry-header">'
        f'<h2 class="entry-title"><a href="{url}" rel="bookmark">{title}</a></h2>'
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{url}" rel="bookmark">'
        f'<time class="entry-date published" datetime="2024-05-{day:02d}T09:00:00+01:00">'
        f"{day} May 2024</time></a></span> by "
        '<a href="/author/editors/" rel="author">The editors of the network</a></div></header>'
        f'<div class="entry-summary"><p>What story {n} says, in two lines.</p></div>'
        '<footer class="entry-footer"><span class="cat-links">Posted in '
        '<a href="/category/transport/" rel="category tag">Transport and public bus services</a>'
        "</span> Tagged "
        '<a href="/tag/buses/" rel="tag">buses</a></footer></article>'
    )


def test_wordpress_cards_with_their_title_in_the_cards_header_are_teasers() -> None:
    """A <header> or <footer> inside an <article> or <main> is the card's own, not the site's."""
    cards = (
        wordpress_card(1, 2, "Valley towns agree on shared bus lines")
        + wordpress_card(2, 6, "Mayors open a regional housing fund")
        + wordpress_card(3, 9, "Libraries stay open on Sunday afternoons")
    )
    html = (
        '<html lang="en"><head><title>News – Towns Network</title></head><body>'
        '<header id="masthead" class="site-header"><a href="/" rel="home">Towns Network</a>'
        '<a href="/members/the-towns-of-the-network/">The towns of the network, one by one</a>'
        '<nav class="main-navigation"><a href="/about/">About</a></nav></header>'
        '<main id="main" class="site-main"><header class="page-header">'
        f'<h1 class="page-title">News</h1></header>{cards}</main>'
        '<footer id="colophon" class="site-footer">'
        '<a href="/legal/how-we-use-your-data/">How the network uses your personal data</a>'
        "</footer></body></html>"
    )
    listing_url = "https://www.townsnetwork.example/category/news/"
    listing = ListingPage(listing_url, html, GENERIC)
    teasers = listing.teasers()
    assert [(t.url.removeprefix(GENERIC.base_url), t.title, t.date_raw) for t in teasers] == [
        (f"/2024/05/{d:02d}/story-{n}/", title, f"2024-05-{d:02d}T09:00:00+01:00")
        for n, d, title in (
            (1, 2, "Valley towns agree on shared bus lines"),
            (2, 6, "Mayors open a regional housing fund"),
            (3, 9, "Libraries stay open on Sunday afternoons"),
        )
    ]
    assert ArticlePage(listing_url, html, GENERIC, now=NOW).verdict().kind == "listing"
    # the cards' category and tag links are no teasers, but archives worth reading
    assert [u.removeprefix(GENERIC.base_url) for u in listing.section_links()] == [
        "/category/transport/",
        "/tag/buses/",
    ]


@pytest.mark.parametrize(
    ("href", "is_teaser"),
    [
        ("/fr/accueil/", False),
        ("/en-gb/", False),
        ("/index.php", False),
        ("/home", False),
        ("/?p=123", True),
        ("/index.php?option=com_content&id=12", True),
    ],
)
def test_a_card_that_links_to_a_home_page_is_no_teaser(href: str, is_teaser: bool) -> None:
    """One rule (aggregator.urls.is_home_page) says what a home page is, for listings too."""
    card = f'<article><h2><a href="{href}">The network in every language</a></h2></article>'
    html = f'<html lang="en"><body><main>{card}</main></body></html>'
    teasers = ListingPage("https://www.townsnetwork.example/news/", html, GENERIC).teasers()
    assert [t.url for t in teasers] == ([GENERIC.base_url + href] if is_teaser else [])


def test_the_urls_language_segment_is_a_hint_for_every_language_the_sites_use() -> None:
    page = page_of(url="https://www.townsnetwork.example/de/nachrichten/buslinien/", lang="de")
    assert page.lang_hints() == {"html_lang": "de", "url": "de"}
