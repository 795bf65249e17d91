"""The smoke check: is each source still giving articles, through each channel, with every field?

A redesign of a live site shows up here the day it happens: a listing that
finds no article, a feed gone, or articles read without a date or a language.
The verdict is computed from a crawl's stats, so it is testable without a crawl.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aggregator.config import Source

CHECKED_FIELDS = ("title", "date", "lang", "body", "canonical")


@dataclass
class SourceHealth:
    """What a check found for one source, and what is wrong with it."""

    source: str
    channels: dict[str, int] = field(default_factory=dict)  # "feed /feed/" -> articles found
    articles_read: int = 0
    field_shares: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def assess(source: Source, stats: Mapping[str, Any]) -> SourceHealth:
    """The health of a source from the stats of a check-mode crawl of it."""
    health = SourceHealth(source=source.key)
    for path in source.feeds:
        health.channels[f"feed {path}"] = stats.get(f"discovery/feed/{path}", 0)
    if source.sitemaps:
        health.channels["sitemaps"] = stats.get("discovery/sitemap/articles", 0)
    for path in source.listings:
        health.channels[f"listing {path}"] = stats.get(f"discovery/listing/{path}", 0)
    for channel, count in health.channels.items():
        if count == 0:
            health.problems.append(f"{channel}: no article found")
    found = sum(v for k, v in stats.items() if k.startswith("discovery/found_by/"))
    if found < source.min_articles:
        expected = source.min_articles
        health.problems.append(f"only {found} articles found (expected at least {expected})")
    stored = sum(stats.get(f"store/{k}", 0) for k in ("new", "updated", "unchanged"))
    health.articles_read = stored
    if found and not stored:
        health.problems.append("articles found but none could be read")
    for name in CHECKED_FIELDS:
        share = stats.get(f"fields/has_{name}", 0) / stored if stored else 0.0
        health.field_shares[name] = share
        if stored and share < 1.0:
            missing = stored - stats.get(f"fields/has_{name}", 0)
            health.problems.append(f"{missing}/{stored} articles without {name}")
    errors = stats.get("errors/count", 0)
    if errors:
        health.problems.append(f"{errors} errors (HTTP, unreadable feed/sitemap/PDF)")
    return health


def format_health(report: Iterable[SourceHealth]) -> str:
    """One block per source: channels with their counts, then OK or the problems."""
    lines = []
    for health in report:
        verdict = "OK" if health.ok else "FAIL"
        lines.append(f"{health.source}: {verdict} ({health.articles_read} articles read)")
        for channel, count in health.channels.items():
            lines.append(f"  {channel:<55} {count:>5} articles")
        lines.extend(f"  ! {problem}" for problem in health.problems)
    return "\n".join(lines)
