"""Every way a page names its versions in other languages, strongest first, with where found.

- `hreflang`: `<link rel="alternate" hreflang>` in the head (x-default left out);
- `jsonld`: the Article's schema.org `workTranslation` / `translationOfWork`;
- `switcher`: a link in a CMS language switcher (an element whose class or id speaks of
  languages: Drupal's `language-link`, WPML's `wpml-ls`, Polylang's `lang-item`, a theme's
  `language-switcher`) that names its language by `hreflang`/`lang` or by its text ("FR");
- `anchor`: any other link whose whole text names a language ("Lire en français", "Version
  française", "Read in English", "English version", "Français").

A link to the page itself, to a fragment, or to a home page (`/`, `/fr/`: what switchers show
when the article has no translation; `aggregator.urls.is_home_page`) is never a translation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement
from parsel import Selector

from aggregator.folding import fold
from aggregator.urls import is_home_page, language_of_tag, url_key

# Strongest first: a language found in several places keeps the first.
FOUND_IN = ("hreflang", "jsonld", "switcher", "anchor", "sitemap")
MAX_LINK_WORDS = 8  # "Read the English version of this article" and no longer


def _load_names() -> tuple[dict[str, str], frozenset[str]]:
    text = files("aggregator.pages").joinpath("language_names.toml").read_text("utf-8")
    data = tomllib.loads(text)
    names = {name: code for code, spellings in data["names"].items() for name in spellings}
    return names, frozenset(data["fillers"].split())


LANGUAGE_NAMES, FILLER_WORDS = _load_names()
LANGUAGE_CODES = frozenset(LANGUAGE_NAMES.values())
_WORD_RE = re.compile(r"[^\W\d_]+")
# Class or id of a language switcher, or of the element holding a translation link.
_SWITCHER_RE = re.compile(r"lang|wpml|polylang|translat", re.IGNORECASE)


@dataclass(frozen=True)
class LanguageLink:
    """A version of the page in another language: its language, URL and where it was named."""

    lang: str
    url: str
    found_in: str


def language_named_by(text: str, *, code_allowed: bool) -> str | None:
    """The language a link's whole text names ("Lire en français" -> "fr"), or None.

    A bare code ("FR", "EN") counts only where `code_allowed` (in a switcher, or with a
    `lang`/`hreflang` attribute): elsewhere two letters say too little.
    """
    words = _WORD_RE.findall(fold(text))
    if not words or len(words) > MAX_LINK_WORDS:
        return None
    if len(words) == 1 and words[0] in LANGUAGE_CODES:
        return words[0] if code_allowed else None
    named = {LANGUAGE_NAMES[w] for w in words if w in LANGUAGE_NAMES}
    others = [w for w in words if w not in LANGUAGE_NAMES and w not in FILLER_WORDS]
    return named.pop() if len(named) == 1 and not others else None


def language_links(
    sel: Selector, page_url: str, canonical: str | None, article_node: Mapping[str, Any]
) -> list[LanguageLink]:
    """Every other-language version the page names, strongest signal first."""
    base = page_url
    if base_href := (sel.css("head base::attr(href)").get() or "").strip():
        base = urljoin(page_url, base_href)
    own = {url_key(u) for u in (page_url, canonical) if u}
    found: list[LanguageLink] = []
    for node in sel.css('link[rel~="alternate"][hreflang]'):
        lang = language_of_tag(node.root.get("hreflang", ""))
        href = node.root.get("href", "").strip()
        if lang and href:  # the head lists the page itself too: hreflang_self reads it
            found.append(LanguageLink(lang, urljoin(base, href), "hreflang"))
    found += _jsonld_links(article_node, page_url)
    for link in _anchor_links(sel.root, base):
        if url_key(link.url) not in own and not is_home_page(link.url):
            found.append(link)
    return found


def _jsonld_links(node: Mapping[str, Any], page_url: str) -> Iterator[LanguageLink]:
    for key in ("workTranslation", "translationOfWork"):
        values = node.get(key) or []
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                value = {"@id": value}
            if not isinstance(value, dict):
                continue
            url = str(value.get("url") or value.get("@id") or "").strip()
            in_lang = value.get("inLanguage") or ""
            if isinstance(in_lang, dict):
                in_lang = in_lang.get("alternateName") or in_lang.get("name") or ""
            lang = language_of_tag(str(in_lang)) if in_lang else None
            if url.startswith(("http://", "https://", "/")) and lang:
                yield LanguageLink(lang, urljoin(page_url, url), "jsonld")


def _anchor_links(root: HtmlElement, base: str) -> Iterator[LanguageLink]:
    # lxml's elements, not parsel's selectors: a page has hundreds of links, and a selector
    # per link and per query was the larger part of reading them.
    for anchor in root.xpath("//body//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        marked = anchor.get("hreflang") or anchor.get("lang") or ""
        if not marked:
            inner = {lang for e in anchor.iter() if (lang := e.get("lang")) is not None}
            marked = inner.pop() if len(inner) == 1 else ""
        attr_lang = language_of_tag(marked) if marked else None
        text = " ".join(anchor.itertext()).strip() or " ".join(
            anchor.xpath("@title | @aria-label | .//img/@alt")
        )
        if not attr_lang and language_named_by(text, code_allowed=True) is None:
            continue  # most links: neither marked with a language nor saying one
        in_switcher = _is_in_switcher(anchor)
        text_lang = language_named_by(text, code_allowed=bool(attr_lang) or in_switcher)
        lang = attr_lang or text_lang
        url = urljoin(base, href)
        if not lang or (text_lang and text_lang != lang) or not url.startswith("http"):
            continue
        if in_switcher:
            yield LanguageLink(lang, url, "switcher")
        elif text_lang:
            yield LanguageLink(lang, url, "anchor")


def _is_in_switcher(anchor: HtmlElement) -> bool:
    """The link or one of its three nearest containers is named for languages."""
    names = anchor.xpath(
        "ancestor-or-self::*[position() <= 4][not(self::body or self::html)]"
        "/@*[name() = 'class' or name() = 'id']"
    )
    return any(_SWITCHER_RE.search(name) for name in names)


def translations_by_language(links: list[LanguageLink]) -> tuple[dict[str, str], dict[str, str]]:
    """language -> URL and language -> where found, the strongest signal for each language."""
    urls: dict[str, str] = {}
    where: dict[str, str] = {}
    for link in sorted(links, key=lambda x: FOUND_IN.index(x.found_in)):
        if link.lang not in urls:
            urls[link.lang] = link.url
            where[link.lang] = link.found_in
    return urls, where
