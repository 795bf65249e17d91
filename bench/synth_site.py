# ruff: noqa: E501  (HTML and XML templates read best one element a line)
"""A synthetic WordPress-like news site, written as static files and served by nginx.

    python bench/synth_site.py --articles 50 --serve   # write one, serve it until Ctrl-C

The site has what the crawler meets on a WordPress + Yoast + WPML site: article pages of
about 29 KB (Yoast's JSON-LD graph, OpenGraph, hreflang, inline global styles, a mega menu,
a sidebar, a footer; 8 to 13 paragraphs of text), English and French homes, category
archives of 10 teasers a page with pagination, static pages that are not news, a Yoast
sitemap index (posts in sitemaps of 1,000, pages, categories), an RSS feed per language
and a robots.txt naming the sitemap. Articles come from `synthtext.make_articles`, so
their texts are distinct and their translations linked by hreflang.

nginx (Debian's package) serves the folder on a free 127.0.0.1 port with its own
configuration: static files with ETag and Last-Modified, one worker, no access log.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

from synthtext import (
    EN_CATEGORIES,
    FR_CATEGORIES,
    SyntheticArticle,
    make_articles,
)

from aggregator.mirror.render import usdate

SITE_NAME = "Synthetic Network of Local Governments"
SITE_NAME_FR = "Réseau synthétique des gouvernements locaux"
PER_PAGE = 10  # WordPress's posts per page
POSTS_PER_SITEMAP = 1000  # Yoast's default
STATIC_PAGES = {
    "en": {
        "about": "About us",
        "our-members": "Our members",
        "governance": "Governance",
        "policy-area/climate": "Climate and energy",
        "policy-area/democracy": "Local democracy",
        "policy-area/finance": "Local finance",
        "policy-area/equality": "Equality",
        "jobs": "Jobs",
        "contact": "Contact",
        "legal-notice": "Legal notice",
        "privacy-policy": "Privacy policy",
    },
    "fr": {
        "a-propos": "À propos",
        "nos-membres": "Nos membres",
        "gouvernance": "Gouvernance",
        "domaine/climat": "Climat et énergie",
        "domaine/democratie": "Démocratie locale",
        "domaine/finances": "Finances locales",
        "domaine/egalite": "Égalité",
        "emplois": "Emplois",
        "contact-fr": "Contact",
        "mentions-legales": "Mentions légales",
        "confidentialite": "Politique de confidentialité",
    },
}
UI = {
    "en": {
        "site": SITE_NAME,
        "home": "Home",
        "news": "News",
        "read_more": "Read more",
        "recent": "Recent posts",
        "categories": "Categories",
        "share": "Share this article",
        "related": "Related articles",
        "next": "Next »",
        "previous": "« Previous",
        "search": "Search",
        "cookie": "We use cookies to give you the best experience on our website.",
        "accept": "Accept",
        "newsletter": "Subscribe to our newsletter",
        "rights": "All rights reserved",
        "posted": "Posted on",
        "by": "by",
        "tags": "Tags",
        "other": "Français",
        "category_prefix": "Category",
        "latest": "Latest news",
        "all_news": "All news",
    },
    "fr": {
        "site": SITE_NAME_FR,
        "home": "Accueil",
        "news": "Actualités",
        "read_more": "Lire la suite",
        "recent": "Articles récents",
        "categories": "Catégories",
        "share": "Partager cet article",
        "related": "Articles similaires",
        "next": "Suivant »",
        "previous": "« Précédent",
        "search": "Rechercher",
        "cookie": "Nous utilisons des cookies pour vous offrir la meilleure expérience.",
        "accept": "Accepter",
        "newsletter": "Abonnez-vous à notre lettre d'information",
        "rights": "Tous droits réservés",
        "posted": "Publié le",
        "by": "par",
        "tags": "Étiquettes",
        "other": "English",
        "category_prefix": "Catégorie",
        "latest": "Dernières actualités",
        "all_news": "Toutes les actualités",
    },
}
_PALETTE = (
    "black",
    "cyan-bluish-gray",
    "white",
    "pale-pink",
    "vivid-red",
    "luminous-vivid-orange",
    "luminous-vivid-amber",
    "light-green-cyan",
    "vivid-green-cyan",
    "pale-cyan-blue",
    "vivid-cyan-blue",
    "vivid-purple",
    "primary",
    "secondary",
    "tertiary",
    "accent",
)


def _global_styles() -> str:
    """WordPress's inline global styles: the same ~3 KB of CSS on every page of a site."""
    rules = [":root{"]
    for i, name in enumerate(_PALETTE):
        rules.append(f"--wp--preset--color--{name}: #{(i * 2654435761) % 0xFFFFFF:06x};")
    rules.append("}")
    for name in _PALETTE:
        var = f"var(--wp--preset--color--{name})"
        rules.append(f".has-{name}-color{{color: {var} !important;}}")
        rules.append(f".has-{name}-background-color{{background-color: {var} !important;}}")
    for size, rem in (("small", 0.9), ("medium", 1.05), ("large", 1.85), ("x-large", 2.5)):
        rules.append(
            f".has-{size}-font-size{{font-size: var(--wp--preset--font-size--{size}) "
            f"!important;}} /* {rem}rem */"
        )
    return "\n".join(rules)


GLOBAL_STYLES = _global_styles()
EMOJI_SETTINGS = json.dumps(
    {
        "baseUrl": "https://s.w.org/images/core/emoji/15.0.3/72x72/",
        "ext": ".png",
        "svgUrl": "https://s.w.org/images/core/emoji/15.0.3/svg/",
        "svgExt": ".svg",
        "source": {"concatemoji": "/wp-includes/js/wp-emoji-release.min.js?ver=6.5.3"},
    }
)


@dataclass
class SiteFiles:
    """What was written: counts and sizes, and the URLs a crawl should find."""

    root: Path
    base_url: str
    article_urls: list[str]
    listing_pages: int
    static_pages: int
    files: int
    bytes: int
    article_bytes: int

    @property
    def sitemap_url(self) -> str:
        return f"{self.base_url}/sitemap_index.xml"

    @property
    def mean_article_kb(self) -> float:
        return self.article_bytes / max(len(self.article_urls), 1) / 1024


class SiteWriter:
    """Writes the pages of one synthetic site under `root` for `base_url`."""

    def __init__(self, root: Path, base_url: str, articles: list[SyntheticArticle]) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")
        self.articles = articles
        self.by_number = {a.number: a for a in articles}
        self.by_lang = {
            lang: sorted(
                (a for a in articles if a.lang == lang), key=lambda a: a.published_at, reverse=True
            )
            for lang in ("en", "fr")
        }
        self.files = 0
        self.bytes = 0

    # -- URLs --------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    @staticmethod
    def article_path(article: SyntheticArticle) -> str:
        prefix = "/fr" if article.lang == "fr" else ""
        return f"{prefix}/{article.published_at:%Y/%m/%d}/{article.slug}/"

    @staticmethod
    def home_path(lang: str) -> str:
        return "/fr/" if lang == "fr" else "/"

    @staticmethod
    def category_path(lang: str, slug: str, page: int = 1) -> str:
        prefix = "/fr" if lang == "fr" else ""
        return f"{prefix}/category/{slug}/" + (f"page/{page}/" if page > 1 else "")

    @staticmethod
    def static_path(lang: str, slug: str) -> str:
        return f"/fr/{slug}/" if lang == "fr" else f"/{slug}/"

    @staticmethod
    def categories(lang: str) -> dict[str, str]:
        return FR_CATEGORIES if lang == "fr" else EN_CATEGORIES

    def translations_of(self, article: SyntheticArticle) -> dict[str, SyntheticArticle]:
        return {
            lang: other
            for lang, other in article.translations.items()
            if other.number in self.by_number
        }

    # -- writing -----------------------------------------------------------------------

    def write(self, path: str, text: str) -> int:
        """Write a page at a URL path (a folder's index.html, or the file named)."""
        target = self.root / path.lstrip("/")
        if path.endswith("/"):
            target = target / ("index.xml" if "/feed/" in path else "index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        return len(data)

    def write_all(self) -> SiteFiles:
        article_bytes = 0
        for article in self.articles:
            article_bytes += self.write(self.article_path(article), self.article_page(article))
        listing_pages = 0
        for lang in ("en", "fr"):
            self.write(self.home_path(lang), self.home_page(lang))
            for slug in self.categories(lang):
                listing_pages += self.write_category(lang, slug)
            for slug, title in STATIC_PAGES[lang].items():
                self.write(self.static_path(lang, slug), self.static_page(lang, slug, title))
            self.write(("/fr" if lang == "fr" else "") + "/feed/", self.feed(lang))
        self.write_sitemaps()
        self.write(
            "/robots.txt",
            "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
            f"Sitemap: {self.url('/sitemap_index.xml')}\n",
        )
        return SiteFiles(
            root=self.root,
            base_url=self.base_url,
            article_urls=[self.url(self.article_path(a)) for a in self.articles],
            listing_pages=listing_pages + 2,
            static_pages=sum(len(p) for p in STATIC_PAGES.values()),
            files=self.files,
            bytes=self.bytes,
            article_bytes=article_bytes,
        )

    # -- page parts --------------------------------------------------------------------

    def head(
        self,
        lang: str,
        title: str,
        path: str,
        *,
        og_type: str,
        description: str,
        extra: str = "",
        alternates: dict[str, str] | None = None,
        jsonld: dict | None = None,
    ) -> str:
        ui = UI[lang]
        canonical = self.url(path)
        locale = "fr_FR" if lang == "fr" else "en_US"
        hreflang = "".join(
            f'<link rel="alternate" hreflang="{code}" href="{escape(href)}" />\n'
            for code, href in (alternates or {}).items()
        )
        graph = jsonld or {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebPage",
                    "@id": canonical,
                    "url": canonical,
                    "name": f"{title} - {ui['site']}",
                    "isPartOf": {"@id": self.url("/#website")},
                    "inLanguage": locale.replace("_", "-"),
                },
                self._website_node(lang),
            ],
        }
        return f"""<!DOCTYPE html>
<html lang="{locale.replace("_", "-")}" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{escape(title)} - {escape(ui["site"])}</title>
<!-- This site is optimized with the Yoast SEO plugin v22.6 - https://yoast.com/wordpress/plugins/seo/ -->
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1" />
<meta name="description" content="{escape(description)}" />
<link rel="canonical" href="{escape(canonical)}" />
{extra}<meta property="og:locale" content="{locale}" />
<meta property="og:locale:alternate" content="{"en_US" if lang == "fr" else "fr_FR"}" />
<meta property="og:type" content="{og_type}" />
<meta property="og:title" content="{escape(title)} - {escape(ui["site"])}" />
<meta property="og:description" content="{escape(description)}" />
<meta property="og:url" content="{escape(canonical)}" />
<meta property="og:site_name" content="{escape(ui["site"])}" />
<meta name="twitter:card" content="summary_large_image" />
<meta name="twitter:site" content="@SynthLocalGov" />
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph, ensure_ascii=False)}</script>
<!-- / Yoast SEO plugin. -->
{hreflang}<link rel="alternate" type="application/rss+xml" title="{escape(ui["site"])} &raquo; Feed" href="{self.url(("/fr" if lang == "fr" else "") + "/feed/")}" />
<link rel="dns-prefetch" href="//fonts.googleapis.com" />
<link rel="stylesheet" id="wp-block-library-css" href="{self.url("/wp-includes/css/dist/block-library/style.min.css")}?ver=6.5.3" media="all" />
<link rel="stylesheet" id="synth-style-css" href="{self.url("/wp-content/themes/synth/style.css")}?ver=2.4.1" media="all" />
<link rel="stylesheet" id="wpml-legacy-horizontal-list-0-css" href="{self.url("/wp-content/plugins/sitepress-multilingual-cms/templates/language-switchers/legacy-list-horizontal/style.min.css")}?ver=1" media="all" />
<style id="global-styles-inline-css">
{GLOBAL_STYLES}
</style>
<script>window._wpemojiSettings = {EMOJI_SETTINGS};</script>
<script src="{self.url("/wp-includes/js/jquery/jquery.min.js")}?ver=3.7.1" id="jquery-core-js"></script>
<script src="{self.url("/wp-includes/js/jquery/jquery-migrate.min.js")}?ver=3.4.1" id="jquery-migrate-js"></script>
<link rel="https://api.w.org/" href="{self.url("/wp-json/")}" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{self.url("/xmlrpc.php?rsd")}" />
<meta name="generator" content="WordPress 6.5.3" />
<meta name="generator" content="WPML ver:4.6.10 stt:1,4;" />
</head>
"""

    def _website_node(self, lang: str) -> dict:
        return {
            "@type": "WebSite",
            "@id": self.url("/#website"),
            "url": self.url("/"),
            "name": UI[lang]["site"],
            "publisher": {"@id": self.url("/#organization")},
            "inLanguage": "fr-FR" if lang == "fr" else "en-US",
            "potentialAction": [
                {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": self.url("/?s={search_term_string}"),
                    },
                    "query-input": "required name=search_term_string",
                }
            ],
        }

    def header(self, lang: str, switch_to: str) -> str:
        ui = UI[lang]
        other = "en" if lang == "fr" else "fr"
        items = []
        for slug, title in STATIC_PAGES[lang].items():
            if "/" in slug or slug in ("contact", "contact-fr"):
                continue
            items.append(
                f'<li class="menu-item"><a href="{self.url(self.static_path(lang, slug))}">{escape(title)}</a></li>'
            )
        areas = "".join(
            f'<li class="menu-item menu-item-type-post_type"><a href="{self.url(self.static_path(lang, slug))}">{escape(title)}</a></li>'
            for slug, title in STATIC_PAGES[lang].items()
            if "/" in slug
        )
        cats = "".join(
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{self.url(self.category_path(lang, slug))}">{escape(title)}</a></li>'
            for slug, title in self.categories(lang).items()
        )
        return f"""<body class="wp-singular lang-{lang} wp-theme-synth">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cn-position-bottom" aria-label="Cookie Notice"><div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">{ui["cookie"]}</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" class="cn-set-cookie cn-button" data-cookie-set="accept">{ui["accept"]}</a></span></div></div>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="{self.url(self.home_path(lang))}" rel="home" class="custom-logo-link"><img src="{self.url("/wp-content/uploads/2020/01/logo-synth.png")}" alt="{escape(ui["site"])}" width="240" height="80" /></a></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary">
<ul id="primary-menu" class="menu">
<li class="menu-item menu-item-has-children"><a href="{self.url(self.home_path(lang))}">{ui["home"]}</a><ul class="sub-menu">{"".join(items)}</ul></li>
<li class="menu-item menu-item-has-children"><a href="#">Policy</a><ul class="sub-menu">{areas}</ul></li>
<li class="menu-item menu-item-has-children current-menu-parent"><a href="{self.url(self.category_path(lang, next(iter(self.categories(lang)))))}">{ui["news"]}</a><ul class="sub-menu">{cats}</ul></li>
<li class="menu-item"><a href="{self.url(self.static_path(lang, "contact" if lang == "en" else "contact-fr"))}">Contact</a></li>
<li class="menu-item wpml-ls-item wpml-ls-item-{other}"><a href="{switch_to}" hreflang="{other}" class="wpml-ls-link">{ui["other"]}</a></li>
</ul>
</nav>
<form role="search" method="get" class="search-form" action="{self.url(self.home_path(lang))}"><label><span class="screen-reader-text">{ui["search"]}</span><input type="search" class="search-field" placeholder="{ui["search"]} …" value="" name="s" /></label><input type="submit" class="search-submit" value="{ui["search"]}" /></form>
</header>
<div id="content" class="site-content">
"""

    def sidebar(self, lang: str) -> str:
        ui = UI[lang]
        recent = "".join(
            f'<li><a href="{self.url(self.article_path(a))}">{escape(a.title)}</a><span class="post-date">{a.published_at:%Y-%m-%d}</span></li>'
            for a in self.by_lang[lang][:5]
        )
        counts = {slug: 0 for slug in self.categories(lang)}
        for article in self.by_lang[lang]:
            for slug in article.categories:
                counts[slug] += 1
        cats = "".join(
            f'<li class="cat-item"><a href="{self.url(self.category_path(lang, slug))}">{escape(title)}</a> ({counts[slug]})</li>'
            for slug, title in self.categories(lang).items()
        )
        return f"""<aside id="secondary" class="widget-area">
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">{ui["recent"]}</h2><ul>{recent}</ul></section>
<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">{ui["categories"]}</h2><ul>{cats}</ul></section>
<section id="text-3" class="widget widget_text"><div class="textwidget"><p><a href="#newsletter">{ui["newsletter"]}</a></p></div></section>
</aside>
"""

    def footer(self, lang: str, year: int) -> str:
        ui = UI[lang]
        legal = "".join(
            f'<li class="menu-item"><a href="{self.url(self.static_path(lang, slug))}">{escape(title)}</a></li>'
            for slug, title in STATIC_PAGES[lang].items()
            if slug
            in (
                "legal-notice",
                "privacy-policy",
                "mentions-legales",
                "confidentialite",
                "jobs",
                "emplois",
            )
        )
        return f"""</div>
<footer id="colophon" class="site-footer">
<div class="footer-widgets"><section class="widget widget_text"><h2 class="widget-title">{escape(ui["site"])}</h2><p>Square de Meeûs 1, 1000 Brussels<br />Tel: +32 2 000 00 00</p></section>
<section class="widget widget_social"><a href="https://twitter.com/SynthLocalGov">Twitter</a> <a href="https://www.linkedin.com/company/synth-local-gov">LinkedIn</a> <a href="https://www.youtube.com/@SynthLocalGov">YouTube</a> <a href="https://www.facebook.com/SynthLocalGov">Facebook</a></section></div>
<nav class="footer-navigation" aria-label="Footer"><ul class="footer-menu">{legal}</ul></nav>
<div class="site-info">© {year} {escape(ui["site"])} – {ui["rights"]}</div>
</footer>
<script src="{self.url("/wp-content/plugins/cookie-notice/js/front.min.js")}?ver=2.4.16" id="cookie-notice-front-js"></script>
<script src="{self.url("/wp-content/themes/synth/js/navigation.js")}?ver=2.4.1" id="synth-navigation-js"></script>
<script src="{self.url("/wp-includes/js/wp-embed.min.js")}?ver=6.5.3" id="wp-embed-js"></script>
</body>
</html>
"""

    # -- pages -------------------------------------------------------------------------

    def article_page(self, a: SyntheticArticle) -> str:
        lang = a.lang
        ui = UI[lang]
        path = self.article_path(a)
        canonical = self.url(path)
        locale = "fr-FR" if lang == "fr" else "en-US"
        published = a.published_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        modified = a.modified_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        image = self.url(a.image)
        others = self.translations_of(a)
        alternates: dict[str, str] = {}
        if others:
            alternates = {lang: canonical}
            alternates.update({code: self.url(self.article_path(o)) for code, o in others.items()})
            alternates["x-default"] = alternates.get("en", canonical)
        other_lang = "en" if lang == "fr" else "fr"
        switch_to = alternates.get(other_lang) or self.url(self.home_path(other_lang))
        categories = self.categories(lang)
        graph = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "NewsArticle",
                    "@id": f"{canonical}#article",
                    "isPartOf": {"@id": canonical},
                    "author": {
                        "name": a.author,
                        "@id": self.url(f"/#/schema/person/{a.number % 97}"),
                    },
                    "headline": a.title,
                    "datePublished": published,
                    "dateModified": modified,
                    "mainEntityOfPage": {"@id": canonical},
                    "wordCount": a.word_count,
                    "publisher": {"@id": self.url("/#organization")},
                    "image": {"@id": f"{canonical}#primaryimage"},
                    "thumbnailUrl": image,
                    "keywords": a.tags,
                    "articleSection": [categories[c] for c in a.categories],
                    "inLanguage": locale,
                },
                {
                    "@type": "WebPage",
                    "@id": canonical,
                    "url": canonical,
                    "name": f"{a.title} - {ui['site']}",
                    "isPartOf": {"@id": self.url("/#website")},
                    "primaryImageOfPage": {"@id": f"{canonical}#primaryimage"},
                    "datePublished": published,
                    "dateModified": modified,
                    "description": a.summary,
                    "breadcrumb": {"@id": f"{canonical}#breadcrumb"},
                    "inLanguage": locale,
                    "potentialAction": [{"@type": "ReadAction", "target": [canonical]}],
                },
                {
                    "@type": "ImageObject",
                    "inLanguage": locale,
                    "@id": f"{canonical}#primaryimage",
                    "url": image,
                    "contentUrl": image,
                    "width": 1200,
                    "height": 800,
                },
                {
                    "@type": "BreadcrumbList",
                    "@id": f"{canonical}#breadcrumb",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": ui["home"],
                            "item": self.url(self.home_path(lang)),
                        },
                        {"@type": "ListItem", "position": 2, "name": a.title},
                    ],
                },
                self._website_node(lang),
                {
                    "@type": "Organization",
                    "@id": self.url("/#organization"),
                    "name": ui["site"],
                    "url": self.url("/"),
                    "logo": {
                        "@type": "ImageObject",
                        "url": self.url("/wp-content/uploads/2020/01/logo-synth.png"),
                    },
                    "sameAs": [
                        "https://twitter.com/SynthLocalGov",
                        "https://www.linkedin.com/company/synth-local-gov",
                    ],
                },
                {
                    "@type": "Person",
                    "@id": self.url(f"/#/schema/person/{a.number % 97}"),
                    "name": a.author,
                },
            ],
        }
        extra = (
            '<meta property="article:publisher" content="https://www.facebook.com/SynthLocalGov" />\n'
            + "".join(f'<meta property="article:tag" content="{escape(t)}" />\n' for t in a.tags)
            + f'<meta property="article:published_time" content="{published}" />\n'
            f'<meta property="article:modified_time" content="{modified}" />\n'
            f'<meta property="og:image" content="{escape(image)}" />\n'
            '<meta property="og:image:width" content="1200" />\n'
            '<meta property="og:image:height" content="800" />\n'
            '<meta property="og:image:type" content="image/jpeg" />\n'
            f'<meta name="author" content="{escape(a.author)}" />\n'
            f'<meta name="twitter:label1" content="Written by" /><meta name="twitter:data1" content="{escape(a.author)}" />\n'
            f'<meta name="twitter:label2" content="Est. reading time" /><meta name="twitter:data2" content="{a.word_count // 200 + 1} minutes" />\n'
        )
        body_html = []
        for i, paragraph in enumerate(a.paragraphs):
            if i == 3:
                body_html.append(f"<h2>{escape(paragraph.split('. ')[0][:80])}</h2>")
            if i == 6:
                body_html.append(
                    f'<blockquote class="wp-block-quote"><p>{escape(paragraph.split(". ")[0])}.</p></blockquote>'
                )
            body_html.append(f"<p>{escape(paragraph)}</p>")
        neighbours = self.by_lang[lang]
        index = neighbours.index(a)
        related = [
            neighbours[(index + k) % len(neighbours)] for k in (1, 2, 3) if len(neighbours) > k
        ]
        related_html = "".join(
            f'<li class="related-post"><a href="{self.url(self.article_path(r))}">{escape(r.title)}</a> <time datetime="{r.published_at:%Y-%m-%d}">{r.published_at:%Y-%m-%d}</time></li>'
            for r in related
        )
        newer = neighbours[index - 1] if index > 0 else None
        older = neighbours[index + 1] if index + 1 < len(neighbours) else None
        post_nav = ""
        if older:
            post_nav += f'<div class="nav-previous"><a href="{self.url(self.article_path(older))}" rel="prev">{ui["previous"]}: {escape(older.title)}</a></div>'
        if newer:
            post_nav += f'<div class="nav-next"><a href="{self.url(self.article_path(newer))}" rel="next">{ui["next"]}: {escape(newer.title)}</a></div>'
        srcset = ", ".join(
            f"{self.url(a.image.replace('.jpg', f'-{w}x{w * 2 // 3}.jpg'))} {w}w"
            for w in (300, 768, 1024, 1536)
        )
        quoted = quote(canonical, safe="")
        day = usdate(a.published_at, lang)
        page = self.head(
            lang,
            a.title,
            path,
            og_type="article",
            description=a.summary,
            extra=extra,
            alternates=alternates,
            jsonld=graph,
        )
        page += self.header(lang, switch_to)
        page += f"""<nav class="breadcrumbs" aria-label="breadcrumb"><a href="{self.url(self.home_path(lang))}">{ui["home"]}</a> » <a href="{self.url(self.category_path(lang, a.categories[0]))}">{escape(categories[a.categories[0]])}</a> » <span>{escape(a.title)}</span></nav>
<main id="main" class="site-main">
<article id="post-{a.number}" class="post-{a.number} post type-post status-publish format-standard has-post-thumbnail hentry">
<header class="entry-header">
<div class="cat-links">{"".join(f'<a href="{self.url(self.category_path(lang, c))}" rel="category tag">{escape(categories[c])}</a> ' for c in a.categories)}</div>
<h1 class="entry-title">{escape(a.title)}</h1>
<div class="entry-meta"><span class="posted-on">{ui["posted"]} <a href="{canonical}" rel="bookmark"><time class="entry-date published" datetime="{published}">{day}</time><time class="updated" datetime="{modified}">{a.modified_at:%Y-%m-%d}</time></a></span> <span class="byline">{ui["by"]} <span class="author vcard"><a class="url fn n" href="{self.url(f"/author/{a.number % 97}/")}">{escape(a.author)}</a></span></span></div>
</header>
<div class="post-thumbnail"><img width="1200" height="800" src="{image}" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" decoding="async" fetchpriority="high" srcset="{srcset}" sizes="(max-width: 1200px) 100vw, 1200px" /></div>
<div class="entry-content">
{chr(10).join(body_html)}
</div>
<footer class="entry-footer"><span class="tags-links">{ui["tags"]}: {", ".join(f'<a href="{self.url("/tag/" + t.lower() + "/")}" rel="tag">{escape(t)}</a>' for t in a.tags)}</span></footer>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{ui["share"]}</h3><ul>
<li class="share-facebook"><a rel="nofollow noopener" href="https://www.facebook.com/sharer/sharer.php?u={quoted}" target="_blank">Facebook</a></li>
<li class="share-twitter"><a rel="nofollow noopener" href="https://twitter.com/intent/tweet?url={quoted}&amp;text={quote(a.title)}" target="_blank">X</a></li>
<li class="share-linkedin"><a rel="nofollow noopener" href="https://www.linkedin.com/sharing/share-offsite/?url={quoted}" target="_blank">LinkedIn</a></li>
<li class="share-email"><a rel="nofollow noopener" href="mailto:?subject={quote(a.title)}&amp;body={quoted}">E-mail</a></li>
</ul></div>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">{post_nav}</div></nav>
<section class="related-posts"><h2>{ui["related"]}</h2><ul>{related_html}</ul></section>
</main>
"""
        page += self.sidebar(lang)
        page += self.footer(lang, a.published_at.year)
        return page

    def teaser(self, a: SyntheticArticle) -> str:
        url = self.url(self.article_path(a))
        excerpt = " ".join(a.paragraphs[0].split()[:55]) + " […]"
        return f"""<article id="post-{a.number}" class="post-{a.number} post type-post status-publish format-standard has-post-thumbnail hentry">
<a class="post-thumbnail" href="{url}" aria-hidden="true" tabindex="-1"><img width="300" height="200" src="{self.url(a.image.replace(".jpg", "-300x200.jpg"))}" class="attachment-medium size-medium wp-post-image" alt="" decoding="async" loading="lazy" /></a>
<header class="entry-header"><h2 class="entry-title"><a href="{url}" rel="bookmark">{escape(a.title)}</a></h2>
<div class="entry-meta"><time class="entry-date published" datetime="{a.published_at:%Y-%m-%dT%H:%M:%S+00:00}">{a.published_at:%Y-%m-%d}</time></div></header>
<div class="entry-summary"><p>{escape(excerpt)}</p></div>
<a class="more-link" href="{url}">{UI[a.lang]["read_more"]}<span class="screen-reader-text"> "{escape(a.title)}"</span></a>
</article>
"""

    def write_category(self, lang: str, slug: str) -> int:
        """Every page of one category archive; returns how many."""
        posts = [a for a in self.by_lang[lang] if slug in a.categories]
        pages = max(1, -(-len(posts) // PER_PAGE))
        title = f"{UI[lang]['category_prefix']}: {self.categories(lang)[slug]}"
        other = "en" if lang == "fr" else "fr"
        for page in range(1, pages + 1):
            path = self.category_path(lang, slug, page)
            chunk = posts[(page - 1) * PER_PAGE : page * PER_PAGE]
            links = ""
            if page > 1:
                links += f'<link rel="prev" href="{self.url(self.category_path(lang, slug, page - 1))}" />\n'
            if page < pages:
                links += f'<link rel="next" href="{self.url(self.category_path(lang, slug, page + 1))}" />\n'
            numbers = []
            for n in sorted({1, 2, page - 1, page, page + 1, pages - 1, pages}):
                if 1 <= n <= pages:
                    if n == page:
                        numbers.append(
                            f'<span aria-current="page" class="page-numbers current">{n}</span>'
                        )
                    else:
                        numbers.append(
                            f'<a class="page-numbers" href="{self.url(self.category_path(lang, slug, n))}">{n}</a>'
                        )
            if page < pages:
                numbers.append(
                    f'<a class="next page-numbers" href="{self.url(self.category_path(lang, slug, page + 1))}">{UI[lang]["next"]}</a>'
                )
            html = self.head(lang, title, path, og_type="website", description=title, extra=links)
            html += self.header(lang, self.url(self.home_path(other)))
            html += f"""<main id="main" class="site-main">
<header class="page-header"><h1 class="page-title">{escape(title)}</h1></header>
{"".join(self.teaser(a) for a in chunk)}
<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2><div class="nav-links">{"".join(numbers)}</div></nav>
</main>
"""
            html += self.sidebar(lang)
            html += self.footer(lang, 2025)
            self.write(path, html)
        return pages

    def home_page(self, lang: str) -> str:
        ui = UI[lang]
        other = "en" if lang == "fr" else "fr"
        alternates = {
            "en": self.url(self.home_path("en")),
            "fr": self.url(self.home_path("fr")),
            "x-default": self.url(self.home_path("en")),
        }
        html = self.head(
            lang,
            ui["home"],
            self.home_path(lang),
            og_type="website",
            description=ui["site"],
            alternates=alternates,
        )
        html += self.header(lang, alternates[other])
        first_category = next(iter(self.categories(lang)))
        html += f"""<main id="main" class="site-main home">
<section class="hero"><h1>{escape(ui["site"])}</h1><p>{escape(ui["newsletter"])}</p></section>
<section class="latest-news"><h2>{ui["latest"]}</h2>
{"".join(self.teaser(a) for a in self.by_lang[lang][:6])}
<p class="all-news"><a href="{self.url(self.category_path(lang, first_category))}">{ui["all_news"]}</a></p>
</section>
</main>
"""
        html += self.sidebar(lang)
        html += self.footer(lang, 2025)
        return html

    def static_page(self, lang: str, slug: str, title: str) -> str:
        other = "en" if lang == "fr" else "fr"
        path = self.static_path(lang, slug)
        text = (
            f"{title}. " + ("This page describes the network, its members and its work. " * 12)
            if lang == "en"
            else f"{title}. " + ("Cette page présente le réseau, ses membres et son action. " * 12)
        )
        html = self.head(lang, title, path, og_type="website", description=text[:150])
        html += self.header(lang, self.url(self.home_path(other)))
        html += f"""<main id="main" class="site-main">
<article class="page type-page status-publish hentry"><header class="entry-header"><h1 class="entry-title">{escape(title)}</h1></header>
<div class="entry-content"><p>{escape(text)}</p><p>{escape(text)}</p></div></article>
</main>
"""
        html += self.sidebar(lang)
        html += self.footer(lang, 2025)
        return html

    def feed(self, lang: str) -> str:
        ui = UI[lang]
        prefix = "/fr" if lang == "fr" else ""
        items = []
        for a in self.by_lang[lang][:10]:
            url = self.url(self.article_path(a))
            content = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
            categories = "".join(
                f"<category><![CDATA[{self.categories(lang)[c]}]]></category>" for c in a.categories
            )
            items.append(
                f"""<item>
<title>{escape(a.title)}</title>
<link>{url}</link>
<dc:creator><![CDATA[{a.author}]]></dc:creator>
<pubDate>{a.published_at:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
{categories}
<guid isPermaLink="false">{self.url(f"/?p={a.number}")}</guid>
<description><![CDATA[{a.summary} […]]]></description>
<content:encoded><![CDATA[{content}]]></content:encoded>
</item>"""
            )
        newest = self.by_lang[lang][0].published_at if self.by_lang[lang] else datetime(2025, 1, 1)
        return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
xmlns:content="http://purl.org/rss/1.0/modules/content/"
xmlns:wfw="http://wellformedweb.org/CommentAPI/"
xmlns:dc="http://purl.org/dc/elements/1.1/"
xmlns:atom="http://www.w3.org/2005/Atom"
xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
<title>{escape(ui["site"])}</title>
<atom:link href="{self.url(prefix + "/feed/")}" rel="self" type="application/rss+xml" />
<link>{self.url(self.home_path(lang))}</link>
<description>{escape(ui["site"])}</description>
<lastBuildDate>{newest:%a, %d %b %Y %H:%M:%S} +0000</lastBuildDate>
<language>{"fr-FR" if lang == "fr" else "en-US"}</language>
<sy:updatePeriod>hourly</sy:updatePeriod>
<sy:updateFrequency>1</sy:updateFrequency>
<generator>https://wordpress.org/?v=6.5.3</generator>
{chr(10).join(items)}
</channel>
</rss>
"""

    def write_sitemaps(self) -> None:
        xsl = f'<?xml-stylesheet type="text/xsl" href="{self.url("/main-sitemap.xsl")}"?>'
        ordered = sorted(self.articles, key=lambda a: a.modified_at, reverse=True)
        chunks = [
            ordered[i : i + POSTS_PER_SITEMAP] for i in range(0, len(ordered), POSTS_PER_SITEMAP)
        ]
        index = []
        for number, chunk in enumerate(chunks, start=1):
            name = "/post-sitemap.xml" if number == 1 else f"/post-sitemap{number}.xml"
            urls = "".join(
                f"\n\t<url>\n\t\t<loc>{self.url(self.article_path(a))}</loc>\n\t\t<lastmod>{a.modified_at:%Y-%m-%dT%H:%M:%S+00:00}</lastmod>\n"
                f"\t\t<image:image>\n\t\t\t<image:loc>{self.url(a.image)}</image:loc>\n\t\t</image:image>\n\t</url>"
                for a in chunk
            )
            self.write(
                name,
                f'<?xml version="1.0" encoding="UTF-8"?>{xsl}\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
                'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
                f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}\n</urlset>\n',
            )
            index.append((name, chunk[0].modified_at))
        pages = [
            self.url(self.static_path(lang, slug))
            for lang, slugs in STATIC_PAGES.items()
            for slug in slugs
        ] + [self.url(self.home_path("en")), self.url(self.home_path("fr"))]
        self.write("/page-sitemap.xml", self._urlset(xsl, pages))
        index.append(("/page-sitemap.xml", datetime(2024, 11, 2, 10, 0)))
        categories = [
            self.url(self.category_path(lang, slug))
            for lang in ("en", "fr")
            for slug in self.categories(lang)
        ]
        self.write("/category-sitemap.xml", self._urlset(xsl, categories))
        index.append(
            ("/category-sitemap.xml", ordered[0].modified_at if ordered else datetime(2025, 1, 1))
        )
        entries = "".join(
            f"\n\t<sitemap>\n\t\t<loc>{self.url(name)}</loc>\n\t\t<lastmod>{when:%Y-%m-%dT%H:%M:%S+00:00}</lastmod>\n\t</sitemap>"
            for name, when in index
        )
        self.write(
            "/sitemap_index.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>{xsl}\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</sitemapindex>\n',
        )

    @staticmethod
    def _urlset(xsl: str, urls: list[str]) -> str:
        body = "".join(f"\n\t<url>\n\t\t<loc>{u}</loc>\n\t</url>" for u in urls)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>{xsl}\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}\n</urlset>\n'
        )


def write_site(root: Path, base_url: str, articles: int, seed: int = 14) -> SiteFiles:
    """Write a site of `articles` articles for `base_url` into `root` (readable to all)."""
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    return SiteWriter(root, base_url, list(make_articles(articles, seed=seed))).write_all()


# -- nginx ------------------------------------------------------------------------------

NGINX_CONF = """daemon off;
master_process on;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    etag on;
    if_modified_since exact;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        index index.html index.xml;
        charset utf-8;
        charset_types text/xml application/rss+xml;
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit(
            "nginx is not installed: `apt-get install -y nginx` (Debian's package; the benchmark "
            "starts its own instance with its own configuration)"
        )
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running nginx: its base URL, version and process ids."""

    base_url: str
    version: str
    process: subprocess.Popen

    def pids(self) -> list[int]:
        """The master and its workers (for their CPU time)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            kids = [int(p) for p in children.read_text().split()]
        except OSError:
            kids = []
        return [self.process.pid, *kids]


@contextlib.contextmanager
def nginx(root: Path, port: int) -> Iterator[Server]:
    """Serve `root` with nginx on 127.0.0.1:`port` until the block ends."""
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as run:
        conf = Path(run) / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(run=run, port=port, root=root, mime_types="/etc/nginx/mime.types")
        )
        version = subprocess.run(
            [binary, "-v"], capture_output=True, text=True, check=False
        ).stderr.strip()
        process = subprocess.Popen(
            [binary, "-c", str(conf), "-p", run, "-e", f"{run}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base_url, process, Path(run) / "error.log")
            yield Server(base_url, version.removeprefix("nginx version: "), process)
        finally:
            process.send_signal(signal.SIGQUIT)  # graceful: finish what is being served
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = log.read_text() if log.exists() else ""
            raise RuntimeError(f"nginx exited with {process.returncode}: {error.strip()[-500:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/robots.txt", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    error = log.read_text() if log.exists() else ""
    raise RuntimeError(f"nginx did not answer on {base_url} within 10 s: {error.strip()[-500:]}")


@contextlib.contextmanager
def synthetic_site(
    articles: int, folder: Path | None = None, seed: int = 14
) -> Iterator[tuple[SiteFiles, Server]]:
    """Write a synthetic site into a temporary folder (or `folder`) and serve it.

    The folder is opened to other users (mode 755): nginx's workers run as `nobody` when
    the benchmark runs as root, and must reach the files.
    """
    with contextlib.ExitStack() as stack:
        root = folder or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-site-"))
        )
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o755)
        port = free_port()
        site = write_site(root / "site", f"http://127.0.0.1:{port}", articles, seed)
        server = stack.enter_context(nginx(site.root, port))
        yield site, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--out", type=Path, help="folder to write into (default: temporary)")
    parser.add_argument("--serve", action="store_true", help="serve it with nginx until Ctrl-C")
    args = parser.parse_args()
    # A kill (SIGTERM) stops the server as Ctrl-C does: nginx is not left running.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.ExitStack() as stack:
        if args.serve:
            site, server = stack.enter_context(synthetic_site(args.articles, args.out))
            print(f"{server.version} serving {site.root} at {server.base_url}/")
        else:
            root = args.out or Path(stack.enter_context(tempfile.TemporaryDirectory()))
            site = write_site(root / "site", "http://127.0.0.1:8000", args.articles)
        print(
            f"{len(site.article_urls)} articles ({site.mean_article_kb:.1f} KB each on average), "
            f"{site.listing_pages} listing pages, {site.static_pages} other pages, "
            f"{site.files} files, {site.bytes / 1e6:.1f} MB"
        )
        if args.serve:
            print(f"sitemap: {site.sitemap_url}; Ctrl-C to stop")
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)


if __name__ == "__main__":
    main()
