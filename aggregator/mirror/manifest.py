"""The manifest: every article of the mirror as the crawler should find it (the expected output)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from aggregator.mirror.content import load_content
from aggregator.mirror.sites import SCHEMES, default_base_urls


@dataclass(frozen=True)
class ManifestEntry:
    """One article: its canonical URL, language, date, title and relations, as absolute URLs."""

    id: str
    source: str
    url: str
    lang: str
    published: str
    published_date: str
    title: str
    kind: str
    translation_of: str | None
    crosspost_of: str | None
    aliases: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        return data


def load_manifest(
    base_urls: Mapping[str, str] | None = None, content_dir: Path | None = None
) -> list[ManifestEntry]:
    """Every article (never a [[pages]] entry) of the content files present, newest first.

    URLs use `base_urls` where given and the mirror's default ports otherwise.
    """
    unknown = set(base_urls or {}) - set(SCHEMES)
    if unknown:
        raise ValueError(f"base URL given for unknown source(s): {', '.join(sorted(unknown))}")
    bases = {**default_base_urls(), **(base_urls or {})}
    bases = {k: v.rstrip("/") for k, v in bases.items()}
    sites = load_content(content_dir)
    where = {a.id: (key, a) for key, site in sites.items() for a in site.articles}

    def url_of(article_id: str | None) -> str | None:
        if article_id is None or article_id not in where:
            return None
        key, art = where[article_id]
        return bases[key] + art.path

    entries = [
        ManifestEntry(
            id=a.id,
            source=key,
            url=bases[key] + a.path,
            lang=a.lang,
            published=a.published,
            published_date=a.published[:10],
            title=a.title,
            kind=a.kind,
            translation_of=url_of(a.translation_of),
            crosspost_of=url_of(a.crosspost_of),
            aliases=tuple(bases[key] + p for p in a.also_at),
        )
        for key, site in sites.items()
        for a in site.articles
    ]
    entries.sort(key=lambda e: (datetime.fromisoformat(e.published), e.id), reverse=True)
    return entries
