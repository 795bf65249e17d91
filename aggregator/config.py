"""Sources as data: `sources.toml` loaded into frozen, typed objects."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from aggregator.urls import is_same_site


class ConfigError(ValueError):
    """A sources file or a --base-url override that cannot be used."""


@dataclass(frozen=True)
class Source:
    """One news site: where it is and how its articles can be found."""

    key: str
    name: str
    base_url: str
    languages: tuple[str, ...] = ("en", "fr")
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    article_paths: tuple[str, ...] = ()
    date_order: str = "DMY"
    mirror_port: int | None = None
    min_articles: int = 1
    _article_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not urlsplit(self.base_url).scheme.startswith("http"):
            raise ConfigError(f"{self.key}: base_url must be an http(s) URL, got {self.base_url!r}")
        try:
            compiled = tuple(re.compile(p) for p in self.article_paths)
        except re.error as exc:
            raise ConfigError(f"{self.key}: bad article_paths regex: {exc}") from exc
        object.__setattr__(self, "_article_res", compiled)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc.lower()

    def url(self, path: str) -> str:
        """Absolute URL of a configured path on this source's current base URL."""
        return urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    def is_article_url(self, url: str) -> bool:
        """True when the URL is on this site and its path looks like an article."""
        parts = urlsplit(url)
        if not is_same_site(url, self.host):
            return False
        return any(rx.search(parts.path) for rx in self._article_res)

    def with_base_url(self, base_url: str) -> Source:
        return replace(self, base_url=base_url.rstrip("/"))


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Read a sources file; a missing key or a wrong type is a ConfigError naming the entry."""
    # The packaged file is read as a resource, so it is found inside an egg (Scrapyd) too.
    resource = Path(path) if path else files("aggregator").joinpath("sources.toml")
    try:
        raw = tomllib.loads(resource.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {path or 'sources.toml'}: {exc}") from exc
    sources: dict[str, Source] = {}
    for key, entry in raw.items():
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{path}: [{key}] must be a table")
        try:
            sources[key] = Source(
                key=key,
                **{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()},
            )
        except TypeError as exc:
            raise ConfigError(f"{path}: [{key}]: {exc}") from exc
    return sources


def parse_base_url_overrides(pairs: list[str]) -> dict[str, str]:
    """`key=url` strings (from --base-url) into a mapping."""
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
