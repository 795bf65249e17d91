"""The smoke check: verdicts from stats, and `aggregator check` against the mirror."""

from __future__ import annotations

import pytest

from aggregator.config import load_sources
from aggregator.health import assess
from tests.conftest import run_cli

HEALTHY_UCLG = {
    "discovery/sitemap/articles": 30,
    "discovery/listing//en/media/news": 5,
    "discovery/listing//fr/media/news": 5,
    "discovery/found_by/sitemap": 30,
    "store/new": 5,
    **{f"fields/has_{f}": 5 for f in ("title", "date", "lang", "body", "canonical")},
}


def test_a_healthy_source_passes() -> None:
    health = assess(load_sources()["uclg"], HEALTHY_UCLG)
    assert health.ok, health.problems
    assert health.channels["listing /en/media/news"] == 5


def test_a_listing_that_finds_nothing_is_named() -> None:
    stats = {**HEALTHY_UCLG, "discovery/listing//fr/media/news": 0}
    health = assess(load_sources()["uclg"], stats)
    assert health.problems == ["listing /fr/media/news: no article found"]


def test_missing_fields_are_counted() -> None:
    stats = {**HEALTHY_UCLG, "fields/has_date": 3, "fields/has_lang": 0}
    problems = assess(load_sources()["uclg"], stats).problems
    assert "2/5 articles without date" in problems
    assert "5/5 articles without lang" in problems


def test_a_site_that_vanished_fails_loudly() -> None:
    health = assess(load_sources()["ogp"], {"errors/count": 7})
    assert not health.ok
    assert any("feed /feed/" in p for p in health.problems)
    assert any("only 0 articles found" in p for p in health.problems)


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
