"""End to end: crawl the mirror, then check its stories against the manifest's relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.mirror import load_manifest
from aggregator.store import Store
from tests.conftest import crawl, run_cli

pytestmark = pytest.mark.crawl


def grouping(db: Path) -> dict[str, tuple[str, str, str]]:
    with Store(db) as store:
        rows = store.db.execute(
            "select canonical_url, story_id, relation, grouped_at from story_members"
        )
        return {url: (sid, rel, at) for url, sid, rel, at in rows}


@pytest.fixture(scope="module")
def crawled(mirror: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("stories") / "aggregator.db"
    first = crawl(db, mirror)
    after_first = grouping(db)
    second = crawl(db, mirror)
    return {
        "db": db,
        "first": first,
        "second": second,
        "after_first": after_first,
        "manifest": load_manifest(mirror),
    }


def story_of(db: Path, url: str) -> str:
    with Store(db) as store:
        found = store.story_of(url)
    assert found, f"{url} has no story"
    return found[1]


def test_translations_and_the_crosspost_share_a_story(crawled: dict) -> None:
    db, manifest = crawled["db"], crawled["manifest"]
    linked = [(e.url, e.translation_of or e.crosspost_of) for e in manifest]
    linked = [(a, b) for a, b in linked if b]
    assert any(e.crosspost_of for e in manifest)
    apart = [(a, b) for a, b in linked if story_of(db, a) != story_of(db, b)]
    assert not apart


def test_unrelated_articles_never_share_a_story(crawled: dict) -> None:
    db, manifest = crawled["db"], crawled["manifest"]
    related: dict[str, set[str]] = {e.url: {e.url} for e in manifest}
    for e in manifest:
        other = e.translation_of or e.crosspost_of
        if other:
            related[e.url].add(other)
            related.setdefault(other, {other}).add(e.url)
    by_story: dict[str, list[str]] = {}
    for e in manifest:
        by_story.setdefault(story_of(db, e.url), []).append(e.url)
    wrong = [
        urls for urls in by_story.values() if any(b not in related[a] for a in urls for b in urls)
    ]
    assert not wrong
    with Store(db) as store:
        assert store.count_stories() == len(by_story)


def test_second_crawl_changes_no_story(crawled: dict) -> None:
    assert grouping(crawled["db"]) == crawled["after_first"]
    assert "stories: 0 new, 0 items grouped" in crawled["second"].stdout
    assert "stories: " in crawled["first"].stdout and "cross-post 1" in crawled["first"].stdout


def test_rebuild_gives_the_same_stories(crawled: dict) -> None:
    before = {url: row[:2] for url, row in grouping(crawled["db"]).items()}
    result = run_cli(["stories", "--rebuild", "--db", str(crawled["db"])], timeout=60)
    assert result.returncode == 0, result.stderr
    assert {url: row[:2] for url, row in grouping(crawled["db"]).items()} == before
