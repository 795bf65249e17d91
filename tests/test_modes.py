"""Crawl modes: --since keeps only what is newer; --full re-reads the whole archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aggregator.conditional import cache_dir
from aggregator.items import Article
from aggregator.mirror import load_content, load_manifest
from aggregator.pipelines.window import is_before
from aggregator.store import Store
from tests.conftest import crawl, snapshot

SINCE = "2026-01-01"


@pytest.mark.parametrize(
    ("published", "modified", "expected"),
    [
        ("2025-12-31T10:00:00+00:00", None, True),
        ("2026-01-01T00:00:00+00:00", None, False),
        ("2025-06-01T10:00:00+00:00", "2026-02-01T10:00:00+00:00", False),
        (None, None, False),
    ],
)
def test_is_before(published: str | None, modified: str | None, expected: bool) -> None:
    item = Article(
        source="x", url="u", fetched_at="t", published_at=published, modified_at=modified
    )
    assert is_before(item, SINCE) is expected


@pytest.mark.crawl
def test_since_stores_only_newer_articles(mirror: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    crawl(db, mirror, "--since", SINCE)
    articles = {a.id: a for site in load_content().values() for a in site.articles}
    expected = {
        e.url
        for e in load_manifest(mirror)
        if max(e.published_date, (articles[e.id].modified or "")[:10]) >= SINCE
    }
    with Store(db) as store:
        got = {row["canonical_url"] for row in store.items()}
    assert expected and got == expected


@pytest.mark.crawl
def test_full_rereads_everything_without_adding_rows(rendition_crawls, tmp_path: Path) -> None:
    main = rendition_crawls("main")
    db = snapshot(main.day2_db, tmp_path / "t.db")
    shutil.copytree(cache_dir(main.day2_db), cache_dir(db))
    main.mirror.log.clear()
    crawl(db, main.mirror, "--full")
    manifest = main.day2_manifest
    with Store(db) as store:
        rows = store.count_items()
        last = [r for r in store.db["crawl_runs"].rows if r["mode"] == "full"]
    assert rows == len(manifest)
    assert len(last) == 4
    # Every article is asked for again; unchanged ones answer 304 and are rewritten nowhere.
    pages = {r.path for r in main.mirror.requests()}
    assert all(e.url.split("/", 3)[3] in {p.lstrip("/") for p in pages} for e in manifest)
    assert sum(r["items_new"] + r["items_updated"] for r in last) == 0
