"""What each site's URLs look like: the part of a site that is not its theme.

The URL scheme follows the contract in `data/mirror/README.md` and what
`aggregator/sources.toml` expects, so every rendition of a site keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Listing:
    """A paginated news listing; `key` names its title in the theme's strings."""

    path: str
    lang: str
    key: str
    default: bool = True  # the listing an article of this language shows up in by default


@dataclass(frozen=True)
class SiteScheme:
    """The URL scheme and site-wide conventions of one source."""

    key: str
    name: str
    listings: tuple[Listing, ...]
    homes: Mapping[str, str]
    html_langs: Mapping[str, str]
    feeds: Mapping[str, str] = field(default_factory=dict)
    wordpress: bool = True
    per_page: int = 5
    default_port: int = 0

    def page_path(self, listing_path: str, page_no: int) -> str:
        """Path of page `page_no` (1-based) of a listing: `…/page/N/` or Drupal's `?page=N-1`."""
        if page_no <= 1:
            return listing_path
        if self.wordpress:
            return f"{listing_path.rstrip('/')}/page/{page_no}/"
        return f"{listing_path}?page={page_no - 1}"

    def ui_lang(self, path: str) -> str:
        """The interface language of a path: its language prefix, else English."""
        return "fr" if path == "/fr" or path.startswith("/fr/") else "en"

    def html_lang(self, lang: str) -> str:
        return self.html_langs.get(lang, lang)

    def default_listing(self, lang: str) -> Listing | None:
        return next((x for x in self.listings if x.lang == lang and x.default), None)

    def listing(self, path: str) -> Listing | None:
        return next((x for x in self.listings if x.path == path), None)

    @property
    def sitemap_paths(self) -> tuple[str, ...]:
        return ("/sitemap_index.xml",) if self.wordpress else ("/sitemap.xml",)


SCHEMES: dict[str, SiteScheme] = {
    "cemr": SiteScheme(
        key="cemr",
        name="CEMR",
        listings=(
            Listing("/category/news/", "en", "news"),
            Listing("/fr/category/actualites/", "fr", "news"),
            Listing("/press/", "en", "press", default=False),
        ),
        homes={"en": "/", "fr": "/fr/"},
        html_langs={"en": "en-GB", "fr": "fr-FR"},
        feeds={"en": "/feed/", "fr": "/fr/feed/"},
        default_port=8101,
    ),
    "platforma": SiteScheme(
        key="platforma",
        name="PLATFORMA",
        listings=(
            Listing("/category/news/", "en", "news"),
            Listing("/fr/category/democratie-locale/", "fr", "news"),
        ),
        homes={"en": "/", "fr": "/fr/"},
        html_langs={"en": "en-US", "fr": "fr-FR"},
        feeds={"en": "/feed/", "fr": "/fr/feed/"},
        default_port=8102,
    ),
    "uclg": SiteScheme(
        key="uclg",
        name="UCLG",
        listings=(
            Listing("/en/media/news", "en", "news"),
            Listing("/fr/media/news", "fr", "news"),
        ),
        homes={"en": "/en", "fr": "/fr"},
        html_langs={"en": "en", "fr": "fr"},
        wordpress=False,
        default_port=8103,
    ),
    "ogp": SiteScheme(
        key="ogp",
        name="Open Government Partnership",
        listings=(
            Listing("/news/", "en", "news"),
            Listing("/fr/news/", "fr", "news"),
            Listing("/fr/content-category/state-of-play-analysis/", "fr", "state_of_play", False),
        ),
        homes={"en": "/", "fr": "/fr/"},
        html_langs={"en": "en-US", "fr": "fr-FR"},
        feeds={"en": "/feed/", "fr": "/fr/feed/"},
        default_port=8104,
    ),
}

DEFAULT_PORTS: dict[str, int] = {key: s.default_port for key, s in SCHEMES.items()}


def default_base_urls(host: str = "127.0.0.1") -> dict[str, str]:
    """Base URLs of the mirror on its default ports."""
    return {key: f"http://{host}:{port}" for key, port in DEFAULT_PORTS.items()}
