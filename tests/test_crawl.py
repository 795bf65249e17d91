"""End to end: the spiders crawl the mirror through Scrapy's real downloader into SQLite."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import feedparser
import pytest

from aggregator.mirror import ManifestEntry, load_content, load_manifest
from aggregator.store import Store
from tests.conftest import crawl, run_cli

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def crawled(mirror: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One crawl of the whole mirror, then a second one, as the daily cron would run them."""
    db = tmp_path_factory.mktemp("crawl") / "aggregator.db"
    first = crawl(db, mirror)
    with Store(db) as store:
        rows_after_first = store.count_items()
    second = crawl(db, mirror)
    return {
        "db": db,
        "first": first,
        "second": second,
        "rows_after_first": rows_after_first,
        "manifest": load_manifest(mirror),
    }


def stored(store: Store, entry: ManifestEntry) -> dict | None:
    key = store.resolve(entry.url)
    return store.get_item(key) if key else None


def test_every_manifest_article_is_stored(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        missing = [e.url for e in crawled["manifest"] if stored(store, e) is None]
    assert not missing, f"{len(missing)} articles not stored: {missing[:10]}"


def test_each_article_is_stored_exactly_once(crawled: dict) -> None:
    manifest = crawled["manifest"]
    with Store(crawled["db"]) as store:
        keys = Counter(store.resolve(e.url) for e in manifest)
        per_source = Counter(e.source for e in manifest)
        for source, expected in per_source.items():
            assert store.count_items(source) == expected, source
    assert all(count == 1 for count in keys.values()), [k for k, c in keys.items() if c > 1]


def test_languages_match_the_manifest(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        wrong = [
            (e.url, e.lang, row["lang"])
            for e in crawled["manifest"]
            if (row := stored(store, e)) and row["lang"] != e.lang
        ]
    assert not wrong


def test_publication_dates_match_the_manifest(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        wrong = [
            (e.url, e.published_date, row["published_at"], row["published_raw"])
            for e in crawled["manifest"]
            if (row := stored(store, e)) and (row["published_at"] or "")[:10] != e.published_date
        ]
    assert not wrong


def test_aliases_lead_to_their_article(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        for entry in crawled["manifest"]:
            for alias in entry.aliases:
                assert store.resolve(alias) == store.resolve(entry.url), alias


def test_second_crawl_adds_no_row_and_records_both_runs(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        assert store.count_items() == crawled["rows_after_first"]
        runs = list(store.db["crawl_runs"].rows)
    assert len(runs) == 2 * 4
    assert all(r["status"] == "finished" and r["errors"] == 0 for r in runs)
    second = [r for r in runs if r["run_id"] == runs[-1]["run_id"]]
    assert sum(r["items_new"] for r in second) == 0
    # The daily run re-fetches no unchanged article: only feeds, sitemaps, first listing pages.
    assert sum(r["items_unchanged"] for r in second) == 0
    assert all(r["pages_fetched"] <= 12 for r in second)


def test_summary_is_printed_per_source(crawled: dict) -> None:
    out = crawled["first"].stdout
    for source in ("cemr", "platforma", "uclg", "ogp"):
        assert any(line.startswith(source) and "finished" in line for line in out.splitlines())


def test_digest_of_the_crawl_is_a_valid_feed(crawled: dict, tmp_path: Path) -> None:
    result = run_cli(["digest", "--db", str(crawled["db"]), "--out", str(tmp_path)], timeout=60)
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "all.xml").read_bytes())
    with Store(crawled["db"]) as store:
        stories = store.count_stories()
    assert not feed.bozo and len(feed.entries) == min(100, stories)
    fr = feedparser.parse((tmp_path / "fr.xml").read_bytes())
    assert fr.entries and all(e.get("language") == "fr" for e in fr.entries)


def test_third_language_lines_neither_title_nor_language(crawled: dict) -> None:
    """OGP's French pages repeat the Spanish title under the French one."""
    spanish = {
        a.id: a.title_es for a in load_content(sources=["ogp"])["ogp"].articles if a.title_es
    }
    assert spanish
    with Store(crawled["db"]) as store:
        for entry in crawled["manifest"]:
            if entry.id in spanish:
                row = stored(store, entry)
                assert row["lang"] == "fr"
                assert spanish[entry.id] not in row["title"]
                assert spanish[entry.id] not in row["summary"]


def test_no_summary_keeps_a_listing_trailer(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        summaries = [row["summary"] or "" for row in store.items()]
    assert summaries and all(s.strip() for s in summaries)
    trailers = ("Lire plus", "Read More", "Read more", "(+)", "...")
    assert not [s for s in summaries if s.rstrip().endswith(trailers)]
