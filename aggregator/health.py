"""Verdicts on a source's crawl, read from its stats: healthy, degraded or failed, and why.

Two readers: every crawl's `crawl_runs` row (`run_counts`, `judge_run`: a source that
yields no article, or far fewer than its last good runs, is a failed or degraded run, so
`aggregator crawl` exits non-zero and says which source and why), and `aggregator check`
(`assess`: per discovery channel, how many links it named and what their pages turned
out to be, so a redesign shows up the day it happens with its real cause). Also the table
of a crawl's rows that `aggregator crawl` and `aggregator runs` print (`format_summary`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aggregator import stats as names

if TYPE_CHECKING:
    from aggregator.config import Source

DEGRADED_SHARE = 0.5  # fewer articles named than this share of the usual count: degraded
ERROR_SHARE = 0.1  # more failed requests than this share (and MIN_ERRORS): degraded
MIN_ERRORS = 3


def _stored(stats: Mapping[str, Any]) -> int:
    return sum(stats.get(names.stored(k), 0) for k in names.STORE_OUTCOMES)


def articles_named(stats: Mapping[str, Any]) -> int:
    """Articles the site still names: read this run, or stored and named again unchanged."""
    return stats.get(names.ARTICLES_READ, 0) + stats.get(names.KNOWN_ARTICLES_NAMED, 0)


def run_counts(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The crawl_runs counters from a crawler's stats."""
    stored = _stored(stats)
    statuses = {
        int(k[len(names.HTTP_STATUS_PREFIX) :]): v
        for k, v in stats.items()
        if k.startswith(names.HTTP_STATUS_PREFIX)
    }
    counts: dict[str, Any] = {
        "pages_fetched": sum(statuses.values()) or stats.get(names.RESPONSES, 0),
        "pages_ok": sum(v for status, v in statuses.items() if status < 400)
        if statuses
        else stats.get(names.RESPONSES, 0),
        "requests_conditional": stats.get(names.CONDITIONAL_REQUESTS, 0),
        "not_modified": stats.get(names.NOT_MODIFIED, 0),
        "articles_seen": stats.get(names.ITEMS_SCRAPED, 0) + stats.get(names.ITEMS_DROPPED, 0),
        "items_new": stats.get(names.stored("new"), 0),
        "items_updated": stats.get(names.stored("updated"), 0),
        "items_unchanged": stats.get(names.stored("unchanged"), 0),
        "duplicates_dropped": sum(v for k, v in stats.items() if k.startswith(names.DEDUP_PREFIX)),
        "not_news": stats.get(names.NOT_ARTICLES, 0),
        "errors": stats.get(names.ERRORS, 0) + stats.get(names.SPIDER_EXCEPTIONS, 0),
        "candidates": stats.get(names.CANDIDATES, 0),
        "articles_named": articles_named(stats),
    }
    for name in names.COMPLETENESS_FIELDS:
        has = stats.get(names.has_field(name), 0)
        counts[f"share_{name}"] = round(has / stored, 3) if stored else None
    return counts


def judge_run(
    counts: Mapping[str, Any], reason: str, baseline: Sequence[Mapping[str, Any]], mode: str
) -> tuple[str, str]:
    """(status, problem) of a finished crawl: finished, degraded or failed, and why."""
    if reason != "finished":
        return "failed", f"the crawl stopped early ({reason})"
    errors = counts.get("errors") or 0
    if not counts.get("pages_fetched"):
        why = f"{errors} errors" if errors else "nothing answered"
        return "failed", f"the site could not be reached: no page fetched ({why})"
    if not counts.get("pages_ok"):
        return "failed", (
            f"the site answered only errors: {counts['pages_fetched']} responses, none a page "
            "(aggregator errors)"
        )
    named = counts.get("articles_named") or 0
    if not named:
        candidates = counts.get("candidates") or 0
        if not candidates:
            return "failed", "its feeds, sitemaps and listings named no page"
        refused = counts.get("not_news") or 0
        return "failed", (
            f"no article: the site named {candidates} pages, {refused} fetched were refused "
            f"by their own signals, none is an article"
        )
    fetched = counts.get("pages_fetched") or 0
    if errors >= MIN_ERRORS and errors > ERROR_SHARE * (fetched + errors):
        return "degraded", f"{errors} of {fetched + errors} requests failed (aggregator errors)"
    usual = [r.get("articles_named") or 0 for r in baseline if r.get("articles_named")]
    if mode != "check" and usual and named < DEGRADED_SHARE * statistics.median(usual):
        return "degraded", (
            f"only {named} articles named, usually {statistics.median(usual):.0f} "
            f"(last {len(usual)} good {mode} runs)"
        )
    return "finished", ""


@dataclass
class ChannelHealth:
    """What one discovery channel named, and what the fetched pages turned out to be."""

    named: int = 0
    articles: int = 0
    rejected: int = 0


@dataclass
class SourceHealth:
    """What a check found for one source, and what is wrong with it."""

    source: str
    channels: dict[str, ChannelHealth] = field(default_factory=dict)
    articles_read: int = 0
    field_shares: dict[str, float] = field(default_factory=dict)
    rejected_by: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _channels(stats: Mapping[str, Any]) -> dict[str, ChannelHealth]:
    channels: dict[str, ChannelHealth] = {}
    for key, value in stats.items():
        if not key.startswith(names.CHANNEL_PREFIX):
            continue
        channel, _, what = key[len(names.CHANNEL_PREFIX) :].rpartition("/")
        setattr(channels.setdefault(channel, ChannelHealth()), what, value)
    return dict(sorted(channels.items()))


def assess(source: Source, stats: Mapping[str, Any]) -> SourceHealth:
    """The health of a source from the stats of a check-mode crawl of it."""
    health = SourceHealth(source=source.key, channels=_channels(stats))
    prefix = names.VERDICT_PREFIX
    health.rejected_by = {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)}
    for channel, seen in health.channels.items():
        fetched = seen.articles + seen.rejected
        if not seen.named:
            health.problems.append(f"{channel}: names no page")
        elif fetched and not seen.articles:
            health.problems.append(
                f"{channel}: names {seen.named} pages; of the {fetched} fetched, "
                "none is an article by its page"
            )
    if not health.channels:
        health.problems.append("no feed, sitemap or listing was found")
    # A check fetches a sample only: what the channels named is the measure of what it found.
    named = stats.get(names.CANDIDATES, 0)
    if named < source.min_articles:
        health.problems.append(
            f"only {named} pages named by its channels (expected at least "
            f"{source.min_articles} articles)"
        )
    stored = _stored(stats)
    health.articles_read = stored
    for name in names.COMPLETENESS_FIELDS:
        has = stats.get(names.has_field(name), 0)
        health.field_shares[name] = has / stored if stored else 0.0
        if stored and has < stored:
            health.problems.append(f"{stored - has}/{stored} articles without {name}")
    errors = stats.get(names.ERRORS, 0)
    if errors:
        health.problems.append(f"{errors} errors (HTTP, unreadable feed/sitemap/PDF)")
    return health


def format_health(report: Iterable[SourceHealth]) -> str:
    """One block per source: channels with their counts, then OK or the problems."""
    lines = []
    for health in report:
        verdict = "OK" if health.ok else "FAIL"
        lines.append(f"{health.source}: {verdict} ({health.articles_read} articles read)")
        for channel, seen in health.channels.items():
            lines.append(
                f"  {channel:<50} {seen.named:>5} named {seen.articles:>4} articles "
                f"{seen.rejected:>4} refused"
            )
        if health.rejected_by:
            refused = ", ".join(f"{k} {v}" for k, v in sorted(health.rejected_by.items()))
            lines.append(f"  refused pages by reason: {refused}")
        lines.extend(f"  ! {problem}" for problem in health.problems)
    return "\n".join(lines)


def format_summary(rows: Iterable[Mapping[str, Any]]) -> str:
    """A short table per source: what a cron mail or a terminal shows after a crawl."""
    header = (
        f"{'source':<10} {'status':<9} {'pages':>6} {'new':>5} {'updated':>7} "
        f"{'same':>5} {'dupes':>6} {'errors':>6}  "
        f"completeness ({'/'.join(names.COMPLETENESS_FIELDS)})"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        shares = "/".join(
            "-" if row.get(f"share_{f}") is None else f"{row[f'share_{f}']:.0%}"
            for f in names.COMPLETENESS_FIELDS
        )
        lines.append(
            f"{row['source']:<10} {row.get('status') or '':<9} {row.get('pages_fetched') or 0:>6} "
            f"{row.get('items_new') or 0:>5} {row.get('items_updated') or 0:>7} "
            f"{row.get('items_unchanged') or 0:>5} {row.get('duplicates_dropped') or 0:>6} "
            f"{row.get('errors') or 0:>6}  {shares}"
        )
    return "\n".join(lines)
