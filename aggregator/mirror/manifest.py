"""The manifest: every article of the mirror as the crawler should find it (the expected output).

It is exact per rendition and day: URLs follow the rendition's URL scheme, day 2 adds its
new articles and applies its edits, and says which entries are new or edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from aggregator.mirror.content import load_content
from aggregator.mirror.render import load_rendition
from aggregator.mirror.schemes import Layout, build_layout
from aggregator.mirror.sites import SITES, default_base_urls


@dataclass(frozen=True)
class ManifestEntry:
    """One article: its canonical URL, language, dates, title and relations, as absolute URLs."""

    id: str
    source: str
    url: str
    lang: str
    published: str
    published_date: str
    modified: str | None
    title: str
    kind: str
    translation_of: str | None
    crosspost_of: str | None
    aliases: tuple[str, ...]  # other URLs that serve it or redirect to it (shortlinks)
    redirected_from: tuple[str, ...]  # `moved`: its URLs in `main`, which answer 301 to `url`
    change: str | None  # on day 2: "new" or "edited"; None when unchanged since day 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["redirected_from"] = list(self.redirected_from)
        return data


def load_manifest(
    base_urls: Mapping[str, str] | None = None,
    content_dir: Path | None = None,
    *,
    rendition: str | None = None,
    day: int | None = None,
) -> list[ManifestEntry]:
    """Every article (never a [[pages]] entry) of the content files present, newest first.

    URLs use `base_urls` where given and the mirror's default ports otherwise. The rendition
    and day default to those of `base_urls` when it is a served mirror, else `main` and 1.
    """
    unknown = set(base_urls or {}) - set(SITES)
    if unknown:
        raise ValueError(f"base URL given for unknown source(s): {', '.join(sorted(unknown))}")
    rendition = rendition or getattr(base_urls, "rendition", None) or "main"
    day = day or getattr(base_urls, "day", None) or 1
    bases = {**default_base_urls(), **(base_urls or {})}
    bases = {k: v.rstrip("/") for k, v in bases.items()}
    scheme = load_rendition(rendition).urls
    sites = {k: s.on_day(day) for k, s in load_content(content_dir).items()}
    layouts = {k: build_layout(s, scheme) for k, s in sites.items()}
    before = {k: build_layout(s, "main") for k, s in sites.items()} if scheme == "moved" else {}
    where = {a.id: key for key, site in sites.items() for a in site.articles}

    def url_of(article_id: str | None, layouts: Mapping[str, Layout] = layouts) -> str | None:
        if article_id is None or article_id not in where:
            return None
        key = where[article_id]
        return bases[key] + layouts[key].paths[article_id]

    entries = []
    for key, site in sites.items():
        layout = layouts[key]
        for a in site.articles:
            aliases = [
                *layout.aliases.get(a.id, {}).values(),
                *layout.shortlinks.get(a.id, {}).values(),
            ]
            old = before.get(key)
            moved_from = [old.paths[a.id], *old.aliases.get(a.id, {}).values()] if old else []
            change = "new" if day > 1 and a.day == day else ("edited" if a.edited_on else None)
            entries.append(
                ManifestEntry(
                    id=a.id,
                    source=key,
                    url=bases[key] + layout.paths[a.id],
                    lang=a.lang,
                    published=a.published,
                    published_date=a.published[:10],
                    modified=a.modified,
                    title=a.title,
                    kind=a.kind,
                    translation_of=url_of(a.translation_of),
                    crosspost_of=url_of(a.crosspost_of),
                    aliases=tuple(bases[key] + p for p in dict.fromkeys(aliases)),
                    redirected_from=tuple(bases[key] + p for p in moved_from),
                    change=change,
                )
            )
    entries.sort(key=lambda e: (datetime.fromisoformat(e.published), e.id), reverse=True)
    return entries
