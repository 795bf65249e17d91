"""End to end, on every rendition of the mirror: crawl it, then check its stories.

The manifest says which articles translate or cross-post which; every such pair must share a
story, no two unrelated articles may, the next day and a rebuild move nothing they did not
change, and the articles arriving shuffled, in several crawls, give the same stories.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from aggregator.mirror.render import THEMES_DIR
from aggregator.store import Store
from aggregator.stories import group_stored_items
from tests.conftest import placements, run_cli, snapshot

pytestmark = pytest.mark.crawl
# Every rendition of the mirror: a folder of themes with its theme.toml (not `_common`,
# the macros they share).
RENDITIONS = sorted(p.name for p in THEMES_DIR.iterdir() if (p / "theme.toml").is_file())


@pytest.fixture(scope="module", params=RENDITIONS)
def crawled(request: pytest.FixtureRequest, rendition_crawls) -> dict:
    """A rendition's day-1 crawl and its day-2 crawl into the same database (the crawls the
    other modules read too), with the day-1 manifest."""
    run = rendition_crawls(request.param)
    return {
        "db": run.day1_db,
        "first": run.day1_run,
        "day2_db": run.day2_db,
        "changed": {e.url for e in run.day2_manifest if e.change},
        "manifest": run.day1_manifest,
    }


def stories_of_manifest(db: Path, manifest: list) -> dict[str, str]:
    """Story id of each manifest article the crawl stored (by manifest URL)."""
    with Store(db) as store:
        found = {e.url: store.story_of(e.url) for e in manifest}
    return {url: placed[1] for url, placed in found.items() if placed}


def related_pairs(manifest: list) -> list[tuple[str, str, str]]:
    return [
        (e.url, other, "translation" if e.translation_of else "cross-post")
        for e in manifest
        if (other := e.translation_of or e.crosspost_of)
    ]


def test_every_translation_and_crosspost_shares_a_story(crawled: dict) -> None:
    stories = stories_of_manifest(crawled["db"], crawled["manifest"])
    pairs = [p for p in related_pairs(crawled["manifest"]) if p[0] in stories and p[1] in stories]
    kinds = {kind for _a, _b, kind in pairs}
    assert kinds == {"translation", "cross-post"}, "the rendition must show both relations"
    apart = [p for p in pairs if stories[p[0]] != stories[p[1]]]
    assert not apart


def test_unrelated_articles_never_share_a_story(crawled: dict) -> None:
    manifest = crawled["manifest"]
    stories = stories_of_manifest(crawled["db"], manifest)
    related = {e.url: {e.url} for e in manifest}
    for a, b, _kind in related_pairs(manifest):
        related[a].add(b)
        related.setdefault(b, {b}).add(a)
    by_story: dict[str, list[str]] = {}
    for url, story in stories.items():
        by_story.setdefault(story, []).append(url)
    wrong = [
        urls for urls in by_story.values() if any(b not in related[a] for a in urls for b in urls)
    ]
    assert not wrong


def test_the_next_day_moves_no_story_it_did_not_change(crawled: dict) -> None:
    """Day 2 adds articles and edits one per site: every other item keeps its story."""
    before, after = placements(crawled["db"]), placements(crawled["day2_db"])
    with Store(crawled["db"]) as store:
        changed = {store.resolve(url) for url in crawled["changed"]}
    kept = {url: placed for url, placed in before.items() if url not in changed}
    assert {url: after[url] for url in kept} == kept
    assert "cross-post 1" in crawled["first"].stdout


def test_rebuild_gives_the_same_stories(crawled: dict, tmp_path: Path) -> None:
    db = snapshot(crawled["db"], tmp_path / "rebuilt.db")
    before = placements(db)
    result = run_cli(["stories", "--rebuild", "--db", str(db)], timeout=60)
    assert result.returncode == 0, result.stderr
    assert "0 moved" in result.stdout
    assert placements(db) == before


@pytest.mark.parametrize("seed", [7, 8])
def test_articles_arriving_shuffled_give_the_same_stories(
    crawled: dict, tmp_path: Path, seed: int
) -> None:
    """The crawled rows written again in a random order, in four crawls, each then grouped."""
    with Store(crawled["db"]) as store:
        rows = list(store.db["items"].rows)
        aliases = list(store.db["item_aliases"].rows)
    random.Random(seed).shuffle(rows)
    with Store(tmp_path / "shuffled.db") as store:
        size = len(rows) // 4 + 1
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            for row in batch:
                store.upsert_item(row, row["fetched_at"])
            keys = {row["canonical_url"] for row in batch}
            for alias in aliases:
                if alias["canonical_url"] in keys:
                    store.add_alias(alias["url"], alias["canonical_url"], alias["reason"], "x")
            group_stored_items(store)
    assert placements(tmp_path / "shuffled.db") == placements(crawled["db"])
