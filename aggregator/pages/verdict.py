"""Is a fetched page an article, a listing of articles, or something else? All signals weighed.

Signals for an article: a JSON-LD Article type standing for the page, `og:type=article` or
`article:published_time`, a publication date (metadata, `<time>`, a date line near the main
heading), one main heading with body text, a "single post" body class. Against: many
teasers linking to other pages of the site, pagination, taxonomy pages (category and tag
archives: body classes, `CollectionPage`/`ItemList` JSON-LD), about/contact/legal pages,
events (an Event node or class, or only a future date), documents (a page that is mostly a
file link, or offers its file under its heading before any text), no date anywhere.

No single tag decides alone: `og:type=website`, which many publishers put on every article,
and a missing metadata date do not refuse a page that has a heading, a body and a date line;
listing, taxonomy, about, event and document pages are refused whatever they claim.
A page with a heading and a body but no date anywhere (not in markup, text, URL or the
listing that led to it) is refused as "no_date": on these sites such pages are static pages
(programmes, members, policies), and an article's date is always somewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aggregator.items import MIN_BODY_CHARS
from aggregator.pages.metadata import ARTICLE_TYPES

# A listing shows at least this many teasers of other pages (one on a paginated page), and
# no text of its own.
MIN_TEASERS = 3
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"})
ABOUT_TYPES = frozenset({"AboutPage", "ContactPage"})
# The last path segment (or the main heading) of about, contact, legal and privacy pages.
ABOUT_SLUGS = re.compile(
    r"^(?:about|about-us|who-we-are|a-propos|qui-sommes-nous|ueber-uns|uber-uns|acerca-de"
    r"|quienes-somos|contact|contact-us|contactez-nous|nous-contacter|kontakt|contacto"
    r"|impressum|imprint|legal|legal-notice|legal-information|mentions-legales|aviso-legal"
    r"|privacy|privacy-policy|privacy-notice|data-protection|politique-de-confidentialite"
    r"|confidentialite|donnees-personnelles|datenschutz|datenschutzerklaerung|cookies"
    r"|cookie-policy|politique-cookies|terms|terms-of-use|terms-and-conditions|conditions"
    r"|cgu|accessibility|accessibilite|sitemap|plan-du-site)$"
)
# Body classes of archives (WordPress: archive, category, tag, author, date, search, blog
# home, paged; Drupal: taxonomy term pages).
TAXONOMY_CLASSES = re.compile(
    r"^(?:archive|category|tag|tax-[\w-]+|author|date|search|search-results|blog|paged"
    r"|page-taxonomy-term|path-taxonomy|taxonomy-term)$"
)
# Body classes that name the page's type (WordPress `single-<post type>`, Drupal
# `node-type-<type>`): one news post, or one event.
_TYPE_CLASS = r"^(?:single|(?:page-)?node-type)-"
SINGLE_CLASSES = re.compile(_TYPE_CLASS + r"(?:post|article|news|blog|press|story|stories)\b")
EVENT_CLASSES = re.compile(_TYPE_CLASS + r"(?:tribe_)?events?\b")
DOCUMENT_CLASSES = re.compile(r"^(?:attachment|single-attachment|page-node-type-document)$")


@dataclass(frozen=True)
class PageVerdict:
    """What a fetched page is, and the signals that decided it (machine-readable)."""

    is_article: bool
    kind: str  # "article", "listing" or "other"
    reason: str


@dataclass(frozen=True)
class PageSignals:
    """What a page shows about its own kind, read by `ArticlePage.signals()`."""

    jsonld_types: frozenset[str] = frozenset()  # types of the JSON-LD nodes standing for the page
    og_type: str = ""
    og_published: bool = False  # article:published_time
    body_classes: frozenset[str] = frozenset()
    slug: str = ""  # last segment of the URL path, lower case
    heading: str = ""  # the main heading's text
    titled_heading: bool = False  # the page's title names that heading
    body_chars: int = 0
    date: str = ""  # kind of the publication date found: metadata_date, time, date_line, ...
    future_date: bool = False  # one of the 3 dates shown nearest the heading lies in the future
    teasers: int = 0  # other pages of the site linked as teasers
    own_chars: int = 0  # characters of body text that are not the teasers' text
    paginated: bool = False
    file_links: int = 0  # links to documents (PDF, office files) in the article
    download_first: bool = False  # a download link under the heading, before any text


def _slug_form(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


def says_one_post(s: PageSignals) -> bool:
    """The page says it is one post (an Article type, a single-post body class,
    article:published_time, or a dated heading its title names): its teasers cannot make
    it a listing, so they need not be read."""
    single = any(SINGLE_CLASSES.match(c) for c in s.body_classes)
    dated_title = s.titled_heading and s.date in ("metadata_date", "time", "date_line")
    return bool(s.jsonld_types & ARTICLE_TYPES or single or s.og_published or dated_title)


def judge(s: PageSignals) -> PageVerdict:
    """Weigh the signals; the first matching rule decides, refusals before acceptances."""
    article_type = sorted(s.jsonld_types & ARTICLE_TYPES)
    single = any(SINGLE_CLASSES.match(c) for c in s.body_classes)
    has_text = bool(s.heading) and s.body_chars >= MIN_BODY_CHARS

    if (
        s.jsonld_types & ABOUT_TYPES
        or ABOUT_SLUGS.match(s.slug)
        or (ABOUT_SLUGS.match(_slug_form(s.heading)) and not article_type)
    ):
        return PageVerdict(False, "other", "about/contact/legal")
    if not (article_type or single) and (
        any(EVENT_CLASSES.match(c) for c in s.body_classes)
        or s.og_type == "event"
        or any(t.endswith("Event") for t in s.jsonld_types)
        and not s.og_published
    ):
        return PageVerdict(False, "other", "event")
    taxonomy = next((c for c in sorted(s.body_classes) if TAXONOMY_CLASSES.match(c)), "")
    listing_type = next(iter(sorted(s.jsonld_types & LISTING_TYPES)), "")
    if taxonomy and not single:
        return PageVerdict(False, "listing", f"taxonomy:{taxonomy}")
    if listing_type and not article_type and not single:
        return PageVerdict(False, "listing", f"taxonomy:{listing_type}")
    # Teasers make a listing unless the page has a text of its own besides them (an article
    # with a "more news" block), says it is one post, or dates itself (its metadata, or a
    # date shown near it) under a heading that its title names.
    one_post = says_one_post(s)
    enough = s.teasers >= (1 if s.paginated else MIN_TEASERS)  # the last page may hold one
    if not one_post and s.own_chars < MIN_BODY_CHARS and enough:
        paged = "pagination+" if s.paginated else ""
        return PageVerdict(False, "listing", f"listing:{paged}{s.teasers} teasers")
    if any(DOCUMENT_CLASSES.match(c) for c in s.body_classes) or (
        not (article_type or single or s.og_type == "article" or s.og_published)
        and (s.download_first or s.file_links and s.body_chars < MIN_BODY_CHARS)
    ):
        return PageVerdict(False, "other", "document")
    if article_type:
        return PageVerdict(
            True, "article", f"jsonld:{article_type[0]}" + ("+date" if s.date else "")
        )
    if s.og_type == "article" or s.og_published:
        return PageVerdict(True, "article", "og:article" + ("+date" if s.date else ""))
    if s.future_date and not s.date:
        return PageVerdict(False, "other", "event")
    if not s.date:
        return PageVerdict(False, "other", "no_date")
    parts = [p for p, has in (("heading", s.heading), ("body", has_text)) if has]
    return PageVerdict(True, "article", "+".join([*parts, s.date]))
