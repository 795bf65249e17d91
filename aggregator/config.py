"""Sources as data: `sources.toml` loaded into frozen, typed objects.

A source can be its name, base URL and languages alone: the crawler finds its feeds,
sitemaps and listings itself and lets each page say whether it is an article. Everything
else is an optional hint: more seeds (`feeds`, `sitemaps`, `listings`), paths never worth
fetching (`skip_paths`), paths to fetch first (`prefer_paths`), the site's trailing-slash
habit, its numeric date order, a minimum for the health check.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from aggregator.errors import ConfigError
from aggregator.urls import is_same_site


@dataclass(frozen=True)
class Source:
    """One news site: where it is, which languages to keep, and optional hints."""

    key: str
    name: str
    base_url: str
    languages: tuple[str, ...] = ("en", "fr")
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    skip_paths: tuple[str, ...] = ()
    prefer_paths: tuple[str, ...] = ()
    trailing_slash: bool | None = None
    date_order: str = "DMY"
    mirror_port: int | None = None
    min_articles: int = 1
    _skip_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _prefer_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        self._check_types()
        if not urlsplit(self.base_url).scheme.startswith("http"):
            raise ConfigError(f"{self.key}: base_url must be an http(s) URL, got {self.base_url!r}")
        for name in ("skip_paths", "prefer_paths"):
            try:
                compiled = tuple(re.compile(p) for p in getattr(self, name))
            except re.error as exc:
                raise ConfigError(f"{self.key}: bad {name} regex: {exc}") from exc
            object.__setattr__(self, f"_{name.split('_')[0]}_res", compiled)

    def _check_types(self) -> None:
        """TOML gives any type: say which key is wrong instead of failing later."""
        for name in ("name", "base_url", "date_order"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"[{self.key}]: {name} must be a string")
        for name in ("languages", "feeds", "sitemaps", "listings", "skip_paths", "prefer_paths"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"[{self.key}]: {name} must be a list of strings")
        if not self.languages:
            raise ConfigError(f"[{self.key}]: languages must name at least one language")
        if self.trailing_slash is not None and not isinstance(self.trailing_slash, bool):
            raise ConfigError(f"[{self.key}]: trailing_slash must be true or false")
        for name in ("min_articles", "mirror_port"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ConfigError(f"[{self.key}]: {name} must be a whole number")
        if self.date_order.upper() not in ("DMY", "MDY", "YMD"):
            raise ConfigError(f"[{self.key}]: date_order must be DMY, MDY or YMD")

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc.lower()

    @property
    def scheme(self) -> str:
        return urlsplit(self.base_url).scheme

    def url(self, path: str) -> str:
        """Absolute URL of a configured path on this source's current base URL."""
        return urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    def is_on_site(self, url: str) -> bool:
        """True for an http(s) URL on this source's host (up to `www.` and default ports)."""
        return urlsplit(url).scheme in ("http", "https") and is_same_site(url, self.host)

    def is_skipped(self, url: str) -> bool:
        """True when a `skip_paths` hint says the URL is never worth fetching."""
        path = urlsplit(url).path
        return any(rx.search(path) for rx in self._skip_res)

    def is_preferred(self, url: str) -> bool:
        """True when a `prefer_paths` hint says the URL is likely an article."""
        path = urlsplit(url).path
        return any(rx.search(path) for rx in self._prefer_res)

    def with_base_url(self, base_url: str) -> Source:
        return replace(self, base_url=base_url.rstrip("/"))


_ENTRY_KEYS = {f.name for f in fields(Source) if not f.name.startswith("_")} - {"key"}


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Read a sources file (the packaged one by default); `apply_base_urls` moves them.

    A missing key, an unknown key or a wrong type is a ConfigError naming the entry.
    """
    # The packaged file is read as a resource, so it is found inside an egg (Scrapyd) too.
    resource = Path(path) if path else files("aggregator").joinpath("sources.toml")
    where = str(path) if path else "sources.toml"
    try:
        raw = tomllib.loads(resource.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {where}: {exc}") from exc
    if not raw:
        raise ConfigError(f"{where} configures no source")
    sources: dict[str, Source] = {}
    for key, entry in raw.items():
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where}: [{key}] must be a table")
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise ConfigError(
                f"{where}: [{key}]: unknown key(s) {', '.join(sorted(unknown))} "
                f"(known: {', '.join(sorted(_ENTRY_KEYS))})"
            )
        try:
            sources[key] = Source(
                key=key,
                **{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()},
            )
        except TypeError as exc:
            raise ConfigError(f"{where}: [{key}]: {exc}") from exc
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
    return sources


def parse_base_url_overrides(pairs: list[str]) -> dict[str, str]:
    """`key=url` strings (from --base-url, or one comma-separated setting) into a mapping."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        key, sep, url = pair.partition("=")
        if not sep or not key or not url.startswith(("http://", "https://")):
            raise ConfigError(f"--base-url expects KEY=http(s)://HOST[:PORT], got {pair!r}")
        overrides[key.strip()] = url.strip()
    return overrides


def apply_base_urls(sources: dict[str, Source], overrides: Mapping[str, str]) -> dict[str, Source]:
    """Sources with their base URL replaced where an override names them."""
    unknown = set(overrides) - set(sources)
    if unknown:
        raise ConfigError(f"--base-url names unknown source(s): {', '.join(sorted(unknown))}")
    return {
        key: src.with_base_url(overrides[key]) if key in overrides else src
        for key, src in sources.items()
    }


def sources_from_settings(settings: Any) -> dict[str, Source]:
    """The sources a crawl's Scrapy settings name (file and base URL overrides)."""
    overrides = settings.get("AGGREGATOR_BASE_URLS") or {}
    if isinstance(overrides, str):
        overrides = parse_base_url_overrides([p for p in overrides.split(",") if p])
    sources = load_sources(settings.get("AGGREGATOR_SOURCES_FILE"))
    return apply_base_urls(sources, {k: v for k, v in overrides.items() if k in sources})
