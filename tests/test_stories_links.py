"""Language links: every way a page names its other-language versions, and where it did."""

from __future__ import annotations

import pytest

from aggregator.config import load_sources
from aggregator.items import Teaser
from aggregator.pages import ArticlePage
from aggregator.pages.language_links import language_named_by
from aggregator.urls import is_home_page

PAGE = "https://www.example.org/news/local-budgets/"
FR = "https://www.example.org/fr/actualites/budgets-locaux/"


def page(head: str = "", body: str = "", url: str = PAGE) -> ArticlePage:
    html = (
        f'<html lang="en"><head><title>Local budgets</title>{head}</head>'
        f"<body><h1>Local budgets</h1><p>Text.</p>{body}</body></html>"
    )
    return ArticlePage(url, html, load_sources()["cemr"])


@pytest.mark.parametrize(
    ("head", "body", "where"),
    [
        (
            f'<link rel="alternate" hreflang="en" href="{PAGE}">'
            f'<link rel="alternate" hreflang="fr-BE" href="{FR}">'
            '<link rel="alternate" hreflang="x-default" href="https://www.example.org/">',
            "",
            "hreflang",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
            f'"NewsArticle", "headline": "Local budgets", "workTranslation": {{"@id": "{FR}", '
            '"inLanguage": "fr"}}</script>',
            "",
            "jsonld",
        ),
        (  # Drupal's language switcher block: the active link is the page itself
            "",
            '<ul class="links language-switcher-language-url">'
            f'<li hreflang="en" class="is-active"><a href="{PAGE}" class="language-link is-active"'
            ' hreflang="en">English</a></li>'
            f'<li hreflang="fr"><a href="{FR}" class="language-link" hreflang="fr">Français</a>'
            '</li><li hreflang="es"><a href="#" class="language-link" hreflang="es">Español</a>'
            "</li></ul>",
            "switcher",
        ),
        (  # WPML: the language on a span inside the link
            "",
            '<div class="wpml-ls-statics-shortcode_actions wpml-ls"><ul>'
            f'<li class="wpml-ls-item wpml-ls-item-fr"><a href="{FR}" class="wpml-ls-link">'
            '<span class="wpml-ls-native" lang="fr">Français</span></a></li></ul></div>',
            "switcher",
        ),
        (  # Polylang
            "",
            '<ul><li class="lang-item lang-item-4 lang-item-fr">'
            f'<a lang="fr-FR" hreflang="fr-FR" href="{FR}">Français</a></li></ul>',
            "switcher",
        ),
        (  # a theme's own switcher showing only a code
            "",
            f'<div class="header__langs"><a href="{FR}">FR</a></div>',
            "switcher",
        ),
        ("", f'<p><a href="{FR}">Lire en français</a></p>', "anchor"),
        ("", f'<p class="meta"><a href="{FR}">Version française »</a></p>', "anchor"),
        ("", '<div><a href="/fr/actualites/budgets-locaux/">French version</a></div>', "anchor"),
    ],
)
def test_each_way_of_naming_the_french_version_is_read(head: str, body: str, where: str) -> None:
    found = page(head, body)
    assert found.translations().get("fr") == FR
    assert found.translation_sources()["fr"] == where


def test_a_french_page_finds_its_english_version_by_its_link_text() -> None:
    found = page(body=f'<a href="{PAGE}">Read in English</a>', url=FR)
    assert found.translations() == {"en": PAGE}
    assert found.translation_sources() == {"en": "anchor"}


@pytest.mark.parametrize(
    "body",
    [
        # a switcher sending to the other language's home page: there is no translation
        '<div class="language-switcher"><a href="https://www.example.org/fr/" hreflang="fr">'
        "FR</a></div>",
        '<li class="wpml-ls-item"><a href="/fr/accueil/" hreflang="fr">Français</a></li>',
        '<div class="lang"><a href="https://www.example.org/?lang=fr">FR</a></div>',
        '<div class="language-switcher"><a href="/fr-fr/" hreflang="fr-FR">FR</a></div>',
        # Drupal marks every node link with hreflang: a related article is not a translation
        '<div class="field__item"><a href="/fr/actualites/autre/" hreflang="fr">'
        "Les villes face à la crise du logement</a></div>",
        # two letters alone, outside any switcher, say too little
        '<p>See <a href="/fr/actualites/budgets-locaux/">FR</a></p>',
        # a sentence about languages is not a language link
        '<p><a href="/fr/actualites/x/">The report is available in French and Spanish</a></p>',
        # a link to the page itself in another spelling
        '<div class="language-switcher"><a href="http://example.org/news/local-budgets" '
        'hreflang="fr">FR</a></div>',
        '<a href="mailto:press@example.org" lang="fr">Français</a>',
    ],
)
def test_links_that_are_not_a_translation_are_left_out(body: str) -> None:
    assert page(body=body).translations() == {}


def test_the_head_wins_over_a_link_in_the_page() -> None:
    other = "https://www.example.org/fr/autre/"
    found = page(
        f'<link rel="alternate" hreflang="fr" href="{FR}">',
        f'<a href="{other}">Lire en français</a>',
    )
    assert found.translations() == {"fr": FR}
    assert found.translation_sources() == {"fr": "hreflang"}


def test_a_sitemap_alternate_fills_what_the_page_does_not_say() -> None:
    es = "https://www.example.org/es/noticias/presupuestos/"
    teaser = Teaser(PAGE, channel="sitemap", translations={"fr": FR + "x/", "es": es})
    found = page(f'<link rel="alternate" hreflang="fr" href="{FR}">')
    article = found.to_article("cemr", "2026-01-01T00:00:00+00:00", teaser)
    assert article.translations == {"fr": FR, "es": es}
    assert article.translation_sources == {"fr": "hreflang", "es": "sitemap"}


def test_teasers_of_one_url_pool_their_alternates() -> None:
    listing = Teaser(PAGE, title="Local budgets")
    listing.merge(Teaser(PAGE, channel="sitemap", translations={"fr": FR}))
    assert listing.translations == {"fr": FR}


def test_a_sitemap_alternate_pooled_into_a_feed_teaser_is_labelled_sitemap() -> None:
    """The teaser that led to the page came by a feed; its alternates still are a sitemap's."""
    es = "https://www.example.org/es/noticias/presupuestos/"
    teaser = Teaser(PAGE, title="Local budgets", channel="feed")
    teaser.merge(Teaser(PAGE, channel="sitemap", translations={"fr": FR + "x/", "es": es}))
    found = page(body=f'<div class="language-switcher"><a href="{FR}" hreflang="fr">FR</a></div>')
    article = found.to_article("cemr", "2026-01-01T00:00:00+00:00", teaser)
    assert article.translations == {"fr": FR, "es": es}
    assert article.translation_sources == {"fr": "switcher", "es": "sitemap"}


@pytest.mark.parametrize(
    ("text", "code_allowed", "lang"),
    [
        ("Lire en français", False, "fr"),
        ("  VERSION FRANÇAISE ", False, "fr"),
        ("Read the English version of this article", False, "en"),
        ("Leer en español", False, "es"),
        ("English", False, "en"),
        ("EN", True, "en"),
        ("EN", False, None),
        ("English and French", False, None),
        ("Read the report in English on our partner's website now", False, None),
        ("Cities of Europe", False, None),
    ],
)
def test_language_named_by_a_link_text(text: str, code_allowed: bool, lang: str | None) -> None:
    assert language_named_by(text, code_allowed=code_allowed) == lang


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://x.org/", True),
        ("https://x.org/fr/", True),
        ("https://x.org/fr/accueil", True),
        ("https://x.org/en/home/", True),
        ("https://x.org/fr/actualites/", False),
        ("https://x.org/fr/new/35399/", False),
        # language segments with a region, home pages by file name, a language in the query
        ("https://x.org/en-gb/", True),
        ("https://x.org/pt_BR/inicio/", True),
        ("https://x.org/fr/accueil/", True),
        ("https://x.org/index.php", True),
        ("https://x.org/Home", True),
        ("https://x.org/?lang=fr", True),
        ("https://x.org/fr/?utm_source=newsletter", True),
        # a query that names a post, a path below the home page
        ("https://x.org/?p=123", False),
        ("https://x.org/?p=123&lang=fr", False),
        ("https://x.org/index.php?option=com_content&id=12", False),
        ("https://x.org/index.php/news/bus-lines/", False),
        ("https://x.org/en-gb/news/", False),
        ("https://x.org/fra/", False),
    ],
)
def test_home_pages_are_told_from_articles(url: str, home: bool) -> None:
    assert is_home_page(url) is home


def test_og_title_loses_the_site_name_when_the_heading_has_doubled_spaces() -> None:
    """A cross-post's copy titled "Inondations  - les maires…" must read like its original."""
    head = '<meta property="og:title" content="Floods  - mayors call for a fund | PLATFORMA">'
    found = ArticlePage(
        PAGE,
        f"<html><head>{head}</head><body><h1>Floods  - mayors call for a fund</h1></body></html>",
        load_sources()["platforma"],
    )
    title = found.title()
    assert title is not None and title.value == "Floods  - mayors call for a fund"
