"""What each mirrored site is, whatever its rendition: name, languages, port, listing keys.

Where things live on a site (its URL scheme) depends on the rendition and is in
`aggregator/mirror/schemes.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """One source of the mirror."""

    key: str
    name: str
    html_langs: Mapping[str, str]
    default_port: int
    # Keys an article's `listed_in` may name (besides its language's default news listing).
    listing_keys: tuple[str, ...] = ("news",)

    def html_lang(self, lang: str) -> str:
        return self.html_langs.get(lang, lang)


SITES: dict[str, Site] = {
    "cemr": Site("cemr", "CEMR", {"en": "en-GB", "fr": "fr-FR"}, 8101, ("news", "press")),
    "platforma": Site("platforma", "PLATFORMA", {"en": "en-US", "fr": "fr-FR"}, 8102),
    "uclg": Site("uclg", "UCLG", {"en": "en", "fr": "fr"}, 8103),
    "ogp": Site(
        "ogp",
        "Open Government Partnership",
        {"en": "en-US", "fr": "fr-FR"},
        8104,
        ("news", "state-of-play"),
    ),
}

DEFAULT_PORTS: dict[str, int] = {key: s.default_port for key, s in SITES.items()}


def default_base_urls(host: str = "127.0.0.1") -> dict[str, str]:
    """Base URLs of the mirror on its default ports."""
    return {key: f"http://{host}:{port}" for key, port in DEFAULT_PORTS.items()}
