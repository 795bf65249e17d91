"""The daily run: day 1 then day 2 of every rendition into one database (issue 10).

Day 2 adds two articles per site and edits one (a paragraph appended, its modification date
moved in its metadata, its sitemap lastmod and its ETag/Last-Modified); every other URL is
byte-identical. The crawl must store the new ones, update the edited one keeping its
earlier version, write nothing else, and ask the sites for almost nothing else.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import feedparser
import pytest

from aggregator.conditional import cache_dir
from aggregator.digest import write_digest
from aggregator.store import Store
from tests.conftest import SOURCES, RenditionCrawl, crawl, snapshot

pytestmark = pytest.mark.crawl

RENDITIONS = ("main", "legacy", "redesign", "moved")
QUIET_DAY_FULL_DOWNLOADS = 3  # the target per source, the rest 304


@pytest.fixture(scope="module", params=RENDITIONS)
def run(request: pytest.FixtureRequest, rendition_crawls) -> RenditionCrawl:
    return rendition_crawls(request.param)


def items(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        return {row["canonical_url"]: row for row in store.items()}


def test_every_new_article_is_stored(run: RenditionCrawl) -> None:
    new = [e for e in run.day2_manifest if e.change == "new"]
    assert len(new) == 2 * len(SOURCES)
    with Store(run.day2_db) as store:
        missing = [e.url for e in new if store.resolve(e.url) is None]
        for entry in new:
            row = store.get_item(store.resolve(entry.url))
            assert (row["lang"], row["published_at"][:10]) == (entry.lang, entry.published_date)
    assert not missing


def test_every_edited_article_is_updated_and_its_version_kept(run: RenditionCrawl) -> None:
    edited = [e for e in run.day2_manifest if e.change == "edited"]
    assert len(edited) == len(SOURCES)
    before, after = items(run.day1_db), items(run.day2_db)
    with Store(run.day2_db) as store:
        for entry in edited:
            key = store.resolve(entry.url)
            assert after[key]["body"] != before[key]["body"], entry.url
            assert (
                after[key]["modified_at"]
                and after[key]["modified_at"] != (before[key]["modified_at"])
            )
            versions = list(store.db["item_versions"].rows_where("canonical_url = ?", [key]))
            assert [v["body"] for v in versions] == [before[key]["body"]]


def test_the_feeds_show_each_edited_article_updated_under_its_guid(
    run: RenditionCrawl, tmp_path: Path
) -> None:
    """Each edited article, in its language's feed: the same entry, published as before,
    its Atom `updated` moved on."""
    edited = [e for e in run.day2_manifest if e.change == "edited"]
    shown: dict[str, dict[str, tuple[str, str]]] = {}
    for day, db in (("day1", run.day1_db), ("day2", run.day2_db)):
        with Store(db) as store:
            write_digest(store, tmp_path / day, limit=10_000)
            guids = {store.resolve(e.url): e.lang for e in edited}
        shown[day] = {}
        for guid, lang in guids.items():
            atom = feedparser.parse((tmp_path / day / f"{lang}.atom").read_bytes())
            entry = next(e for e in atom.entries if e.id == guid)
            shown[day][guid] = (entry.published, entry.updated)
    for guid, (published, updated) in shown["day2"].items():
        assert published == shown["day1"][guid][0]
        assert updated > shown["day1"][guid][1], guid


def test_nothing_else_is_written(run: RenditionCrawl) -> None:
    changed = {e.url for e in run.day2_manifest if e.change}
    before, after = items(run.day1_db), items(run.day2_db)
    with Store(run.day2_db) as store:
        touched = {store.resolve(url) for url in changed}
        versions = {v["canonical_url"] for v in store.db["item_versions"].rows}
    rewritten = [key for key, row in before.items() if key not in touched and after[key] != row]
    assert not rewritten
    assert versions <= touched


def test_day_two_asks_conditionally_and_counts_the_304s(run: RenditionCrawl) -> None:
    with Store(run.day2_db) as store:
        second = store.latest_runs(1)
    assert all(r["requests_conditional"] > 0 for r in second)
    assert sum(r["not_modified"] for r in second) == sum(
        1 for r in run.day2_requests if r.status == 304
    )
    for source in SOURCES:
        assert (
            sum(1 for r in run.day2_requests if r.source == source and r.path == "/robots.txt") <= 1
        )


def test_a_day_with_nothing_new_costs_almost_no_download(rendition_crawls, tmp_path: Path) -> None:
    main = rendition_crawls("main")
    db = snapshot(main.day2_db, tmp_path / "quiet.db")
    shutil.copytree(cache_dir(main.day2_db), cache_dir(db))  # the channels' HTTP cache
    main.mirror.log.clear()
    crawl(db, main.mirror)
    downloads = [(r.source, r.path, r.status) for r in main.mirror.requests() if r.status != 304]
    full = Counter(source for source, _, _ in downloads)
    assert all(full[source] <= QUIET_DAY_FULL_DOWNLOADS for source in SOURCES), downloads
    with Store(db) as store:
        quiet = store.latest_runs(1)
    assert sum(r["items_new"] + r["items_updated"] for r in quiet) == 0
    assert all(r["status"] == "finished" for r in quiet)


def test_a_site_that_moves_its_articles_loses_nothing_and_adds_no_duplicate(
    tmp_path: Path,
) -> None:
    """Crawl `main`, then the same sites after every article moved (old URLs answer 301)."""
    from aggregator.mirror import load_manifest, serve_mirror

    db = tmp_path / "moves.db"
    with serve_mirror("main", ports={key: 0 for key in SOURCES}) as mirror:
        crawl(db, mirror)
        before = load_manifest(mirror)
        mirror.switch(rendition="moved")
        crawl(db, mirror)
        after = {e.id: e for e in load_manifest(mirror)}
    with Store(db) as store:
        articles = {store.resolve(e.url) for e in before}
        extra = [r["canonical_url"] for r in store.items() if r["canonical_url"] not in articles]
        assert len(articles) == len(before) and not extra  # nothing lost, no duplicate
        for old in before:
            new = after[old.id]
            assert store.get_item(new.url) is not None, new.url  # the new URL is the key
            assert store.resolve(old.url) == new.url  # the old one an alias of it
            assert set(new.redirected_from) <= {old.url, *old.aliases}
