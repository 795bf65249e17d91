"""Health: verdicts from stats (the smoke check and every crawl's run), and `aggregator check`."""

from __future__ import annotations

import pytest

from aggregator import stats as names
from aggregator.config import load_sources
from aggregator.health import assess, judge_run, run_counts
from tests.conftest import run_cli

HEALTHY_UCLG = {
    names.channel_named("sitemap"): 30,
    names.channel_articles("sitemap"): 4,
    names.channel_rejected("sitemap"): 1,
    names.channel_named("home /en"): 5,
    names.channel_articles("home /en"): 1,
    names.ARTICLES_READ: 5,
    names.KNOWN_ARTICLES_NAMED: 25,
    names.CANDIDATES: 31,
    names.stored("new"): 5,
    **{names.has_field(f): 5 for f in names.COMPLETENESS_FIELDS},
}


def test_a_healthy_source_passes() -> None:
    health = assess(load_sources()["uclg"], HEALTHY_UCLG)
    assert health.ok, health.problems
    assert health.channels["home /en"].named == 5


def test_a_channel_whose_links_are_no_articles_is_named_with_the_real_cause() -> None:
    stats = {
        **HEALTHY_UCLG,
        names.channel_named("feed /feed/"): 10,
        names.channel_rejected("feed /feed/"): 3,
    }
    health = assess(load_sources()["uclg"], stats)
    assert health.problems == [
        "feed /feed/: names 10 pages; of the 3 fetched, none is an article by its page"
    ]


def test_a_listing_that_names_nothing_is_named() -> None:
    stats = {**HEALTHY_UCLG, names.channel_named("listing /fr/new/"): 0}
    assert assess(load_sources()["uclg"], stats).problems == ["listing /fr/new/: names no page"]


def test_missing_fields_are_counted() -> None:
    stats = {**HEALTHY_UCLG, names.has_field("date"): 3, names.has_field("lang"): 0}
    problems = assess(load_sources()["uclg"], stats).problems
    assert "2/5 articles without date" in problems
    assert "5/5 articles without lang" in problems


def test_a_site_that_vanished_fails_loudly() -> None:
    health = assess(load_sources()["ogp"], {names.ERRORS: 7})
    assert not health.ok
    assert "no feed, sitemap or listing was found" in health.problems
    assert any("only 0 pages named" in p for p in health.problems)


@pytest.mark.parametrize(
    ("stats", "reason", "baseline", "expected"),
    [
        ({names.RESPONSES: 40, names.ARTICLES_READ: 30}, "finished", [], ("finished", "")),
        ({names.RESPONSES: 9, names.KNOWN_ARTICLES_NAMED: 30}, "finished", [], ("finished", "")),
        ({names.ERRORS: 12}, "finished", [], ("failed", "could not be reached")),
        ({names.RESPONSES: 5}, "finished", [], ("failed", "named no page")),
        (
            {names.RESPONSES: 15, names.CANDIDATES: 12, names.NOT_ARTICLES: 12},
            "finished",
            [],
            ("failed", "the site named 12 pages, 12 fetched were refused"),
        ),
        (
            {names.RESPONSES: 15, names.ARTICLES_READ: 4},
            "finished",
            [{"articles_named": 30}, {"articles_named": 31}],
            ("degraded", "only 4 articles named, usually 30"),
        ),
        ({names.RESPONSES: 15, names.ARTICLES_READ: 4}, "shutdown", [], ("failed", "shutdown")),
    ],
)
def test_a_run_is_judged_by_what_the_site_still_names(stats, reason, baseline, expected) -> None:
    status, problem = judge_run(run_counts(stats), reason, baseline, "recent")
    assert status == expected[0]
    assert expected[1] in problem


@pytest.mark.crawl
def test_check_passes_on_the_mirror(mirror: dict[str, str]) -> None:
    args = ["check", "--local", "--sample", "3"]
    for key, url in mirror.items():
        args += ["--base-url", f"{key}={url}"]
    result = run_cli(args)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    for key in mirror:
        assert f"{key}: OK (3 articles read)" in result.stdout


@pytest.mark.crawl
def test_check_fails_on_a_dead_site() -> None:
    result = run_cli(
        ["check", "--local", "--source", "ogp", "--base-url", "ogp=http://127.0.0.1:9"]
    )
    assert result.returncode == 1
    assert "ogp: FAIL" in result.stdout
