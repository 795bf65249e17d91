"""The grouping step on a store: incremental runs, any arrival order, edits, far links, moves."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from aggregator.store import Store
from aggregator.stories import StoryItem, group_items, group_stored_items, step
from tests.conftest import placements
from tests.test_stories import story_items_of_pairs

AT = "2026-11-22T06:00:00+00:00"


def store_items(store: Store, items: Iterable[StoryItem], at: str = AT) -> None:
    """What the crawler's store pipeline writes for these items."""
    for item in items:
        store.upsert_item(
            {
                "canonical_url": item.canonical_url,
                "source": item.source,
                "url": item.canonical_url,
                "lang": item.lang,
                "title": item.title,
                "body": item.body,
                "published_at": item.published_at,
                "image": item.image,
                "translations": dict(item.translations),
                "translation_sources": dict(item.translation_sources),
                "fetched_at": at,
            },
            at,
        )


def moves(store: Store) -> list[tuple[str, str, str, str]]:
    return list(
        store.db.execute(
            "select canonical_url, from_story, to_story, reason from story_moves order by id"
        )
    )


def assert_stories_table_consistent(store: Store) -> None:
    """Every item in one story, and the stories table counts exactly the members."""
    members = placements(store.path)
    assert len(members) == store.count_items()
    counts = store.db.execute("select sum(item_count), count(*) from stories").fetchone()
    assert counts == (store.count_items(), len({sid for sid, _r in members.values()}))


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.db") as opened:
        yield opened


def test_incremental_runs_then_a_rebuild_give_the_same_stories(store: Store) -> None:
    items = sorted(story_items_of_pairs(), key=lambda i: (i.published_at, i.canonical_url))
    half = len(items) // 2
    store_items(store, items[:half])
    assert group_stored_items(store, at=AT).items_grouped == half
    store_items(store, items[half:])  # a later crawl brings the newer half
    assert group_stored_items(store, at=AT).items_grouped == len(items) - half
    incremental = placements(store.path)
    again = group_stored_items(store)
    assert (again.items_grouped, again.items_moved) == (0, 0)  # nothing new: nothing written
    assert placements(store.path) == incremental
    rebuilt = group_stored_items(store, rebuild=True, at=AT)
    assert (rebuilt.items_grouped, rebuilt.items_moved, rebuilt.stories_new) == (len(items), 0, 0)
    assert placements(store.path) == incremental
    assert_stories_table_consistent(store)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_arrival_order_gives_the_stories_of_a_rebuild(tmp_path: Path, seed: int) -> None:
    """Items arrive shuffled, in five crawls: the stories are those of grouping them at once."""
    items = story_items_of_pairs()
    random.Random(seed).shuffle(items)
    with Store(tmp_path / "s.db") as store:
        for start in range(0, len(items), len(items) // 5 + 1):
            store_items(store, items[start : start + len(items) // 5 + 1])
            group_stored_items(store, at=AT)
        shuffled = placements(store.path)
        assert_stories_table_consistent(store)
        group_stored_items(store, rebuild=True, at=AT)
        assert placements(store.path) == shuffled
    in_memory = group_items(items)
    assert shuffled == {url: (p.story_id, p.relation) for url, p in in_memory.items()}


def links(store: Store) -> set[tuple[str, str, str, float]]:
    return set(store.db.execute("select a_url, b_url, relation, score from story_links"))


@pytest.mark.parametrize("chunk", [1, 7])
def test_a_rebuild_a_few_items_at_a_time_finds_the_same_links_and_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """A rebuild streams the archive: chunk by chunk, the window's items alone in memory."""
    items = story_items_of_pairs()
    random.Random(4).shuffle(items)
    with Store(tmp_path / "s.db") as store:
        for start in range(0, len(items), 50):
            store_items(store, items[start : start + 50])
            group_stored_items(store, at=AT)
        crawled, crawled_links = placements(store.path), links(store)
        monkeypatch.setattr(step, "REBUILD_CHUNK", chunk)
        rebuilt = group_stored_items(store, rebuild=True, at=AT)
        assert (rebuilt.items_grouped, rebuilt.items_moved, rebuilt.stories_new) == (
            len(items),
            0,
            0,
        )
        assert rebuilt.by_relation == dict(Counter(relation for _s, relation in crawled.values()))
        assert placements(store.path) == crawled
        assert links(store) == crawled_links
        assert_stories_table_consistent(store)


def item(url: str, lang: str, day: str, title: str, body: str, **extra: object) -> StoryItem:
    source = extra.pop("source", "cemr")
    return StoryItem(url, str(source), lang, title, body, f"{day}T10:00:00+00:00", **extra)


EN_URL, FR_URL = "https://cemr.eu/news/water-pact/", "https://cemr.eu/fr/actualites/pacte-eau/"
EN = item(
    EN_URL,
    "en",
    "2026-03-02",
    "Water: 212 municipalities sign the Danube pact",
    "Meeting in Vienna on 28 February, 212 municipalities from 9 countries signed the Danube "
    "water pact. CEMR President Carola Gunnarsson called it a model for the 2027 EU water "
    "strategy. The pact commits signatories to cut leaks by 30% by 2032.",
)
FR = item(
    FR_URL,
    "fr",
    "2026-03-04",
    "Eau : 212 communes signent le pacte du Danube",
    "Réunies à Vienne le 28 février, 212 communes de 9 pays ont signé le pacte du Danube pour "
    "l’eau. La présidente du CCRE, Carola Gunnarsson, y voit un modèle pour la stratégie de "
    "l’UE sur l’eau de 2027. Le pacte engage les signataires à réduire les fuites de 30 % d’ici "
    "2032.",
)
OTHER_FR = item(
    "https://cemr.eu/fr/actualites/logement/",
    "fr",
    "2026-03-03",
    "Logement : les maires d’Europe demandent un fonds",
    "Lors d’une réunion à Lisbonne le 1er mars, 48 maires ont demandé à la Commission un fonds "
    "européen pour le logement abordable. Le CCRE soutient l’appel de Kraków et de Porto.",
)


def test_an_edited_item_moves_and_the_move_is_recorded(store: Store) -> None:
    store_items(store, [EN, FR, OTHER_FR])
    group_stored_items(store, at=AT)
    first = placements(store.path)
    assert first[FR_URL][0] == first[EN_URL][0]  # translation by shared evidence
    # The French page is rewritten into other news: it leaves the water story...
    edited = replace(FR, title=OTHER_FR.title + " (2)", body=OTHER_FR.body.replace("48", "52"))
    store_items(store, [edited], at="2026-11-23T06:00:00+00:00")
    summary = group_stored_items(store, at="2026-11-23T06:00:00+00:00")
    assert (summary.items_grouped, summary.items_moved) == (1, 1)
    second = placements(store.path)
    assert second[FR_URL][0] != second[EN_URL][0]
    assert moves(store) == [(FR_URL, first[FR_URL][0], second[FR_URL][0], "changed")]
    assert_stories_table_consistent(store)
    # ... and its old text brings it back: the stories are those of a rebuild again.
    store_items(store, [FR], at="2026-11-24T06:00:00+00:00")
    group_stored_items(store, at="2026-11-24T06:00:00+00:00")
    assert placements(store.path) == first
    assert [m[3] for m in moves(store)] == ["changed", "changed"]


def test_a_link_added_to_a_placed_item_regroups_it(store: Store) -> None:
    """Text unchanged, a new language link on the page: the item is looked at again."""
    far_fr = replace(FR, published_at="2026-07-20T10:00:00+00:00")  # beyond the evidence weeks
    store_items(store, [EN, far_fr])
    group_stored_items(store, at=AT)
    assert placements(store.path)[EN_URL][0] != placements(store.path)[FR_URL][0]
    linked = replace(EN, translations={"fr": FR_URL}, translation_sources={"fr": "switcher"})
    store_items(store, [linked], at="2026-11-23T06:00:00+00:00")
    summary = group_stored_items(store, at="2026-11-23T06:00:00+00:00")
    assert summary.items_grouped == 1
    groups = placements(store.path)
    assert groups[EN_URL][0] == groups[FR_URL][0] and groups[FR_URL][1] == "translation"
    evidence = store.db.execute(
        "select evidence from story_members where canonical_url = ?", [FR_URL]
    ).fetchone()[0]
    assert json.loads(evidence)["found_in"] == "switcher"
    assert [m[3] for m in moves(store)] == ["merged"]


@pytest.mark.parametrize("linked_side", ["old", "new"])
@pytest.mark.parametrize("old_first", [True, False])
def test_a_declared_link_is_followed_whatever_the_time_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked_side: str, old_first: bool
) -> None:
    """An hreflang from either end, items 200 days apart, arriving in either order."""
    old = replace(EN, published_at="2025-08-14T10:00:00+00:00")
    new = FR
    if linked_side == "old":
        old = replace(old, translations={"fr": FR_URL + "?utm_source=x"})
    else:
        new = replace(new, translations={"en": "http://www.cemr.eu/news/water-pact"})
    with Store(tmp_path / "s.db") as store:
        for batch in ([old], [new]) if old_first else ([new], [old]):
            store_items(store, batch)
            group_stored_items(store, at=AT)
        groups = placements(store.path)
        assert groups[EN_URL] == (groups[FR_URL][0], "original")
        assert groups[FR_URL][1] == "translation"
        monkeypatch.setattr(step, "REBUILD_CHUNK", 1)  # the old item is out of memory
        store_items(store, [OTHER_FR])  # when the new one comes
        group_stored_items(store, rebuild=True, at=AT)
        assert {url: groups[url] for url in (EN_URL, FR_URL)} == {
            url: place for url, place in placements(store.path).items() if url in (EN_URL, FR_URL)
        }


@pytest.mark.parametrize("change", ["alias", "move"])
def test_an_item_that_gets_another_url_is_found_there_as_a_rebuild_finds_it(
    store: Store, change: str
) -> None:
    """A placed item gets another URL (an alias, or the site moves it); a page published long
    after declares its translation at that URL: grouping joins them, as a rebuild does."""
    other_url = "https://cemr.eu/news/danube-water-pact/"
    store_items(store, [EN])
    group_stored_items(store, at=AT)
    later = "2026-11-23T06:00:00+00:00"
    if change == "alias":
        store.add_alias(other_url, EN_URL, "canonical_link", later)
        en_key = EN_URL
    else:
        store.move_item(EN_URL, other_url, later)
        en_key = other_url
    far_fr = replace(FR, published_at="2026-09-20T10:00:00+00:00", translations={"en": other_url})
    store_items(store, [far_fr], at=later)
    group_stored_items(store, at=later)
    incremental = placements(store.path)
    assert incremental[FR_URL] == (incremental[en_key][0], "translation")
    if change == "move":  # nothing grouping wrote is left under the old key
        for table in ("story_urls", "language_links", "story_moves"):
            sql = f"select count(*) from {table} where canonical_url = ?"
            assert store.db.execute(sql, [EN_URL]).fetchone()[0] == 0
        sql = "select count(*) from story_links where ? in (a_url, b_url)"
        assert store.db.execute(sql, [EN_URL]).fetchone()[0] == 0
    group_stored_items(store, rebuild=True, at=later)
    assert placements(store.path) == incremental
    assert_stories_table_consistent(store)


def test_across_sites_shared_evidence_alone_never_makes_a_translation(store: Store) -> None:
    """The French text on a partner site joins only through its cross-post of a French version."""
    partner_fr = replace(
        FR, canonical_url="https://platforma.eu/fr/eau-danube/", source="platforma"
    )
    store_items(store, [EN, partner_fr])
    group_stored_items(store, at=AT)
    apart = placements(store.path)
    assert apart[EN_URL][0] != apart[partner_fr.canonical_url][0]
    store_items(store, [FR])  # CEMR's own French version: translation, and the partner's copy
    group_stored_items(store, at=AT)
    together = placements(store.path)
    assert together[EN_URL][0] == together[FR_URL][0] == together[partner_fr.canonical_url][0]
    assert together[partner_fr.canonical_url][1] == "cross-post"
    assert [m[3] for m in moves(store)] == ["merged"]


def test_one_story_holds_one_article_per_site_and_language(store: Store) -> None:
    """Two French pages name the same English one: the strongest link wins, the other stays."""
    second_fr = replace(OTHER_FR, translations={"en": EN_URL}, translation_sources={"en": "anchor"})
    linked_fr = replace(FR, translations={"en": EN_URL})
    store_items(store, [EN, linked_fr, second_fr])
    group_stored_items(store, at=AT)
    groups = placements(store.path)
    assert groups[FR_URL][0] == groups[EN_URL][0]
    assert groups[second_fr.canonical_url][0] != groups[EN_URL][0]
    links = store.db.execute("select count(*) from story_links").fetchone()[0]
    assert links == 2  # the refused link is kept: a later change regroups as a rebuild would


def test_stories_command_rebuilds(tmp_path: Path) -> None:
    from aggregator.cli import main

    with Store(tmp_path / "s.db") as store:
        store_items(store, story_items_of_pairs()[:40])
    assert main(["stories", "--db", str(tmp_path / "s.db")]) == 0
    with Store(tmp_path / "s.db") as store:
        before = placements(store.path)
    assert main(["stories", "--rebuild", "--db", str(tmp_path / "s.db")]) == 0
    with Store(tmp_path / "s.db") as store:
        assert placements(store.path) == before and len(before) == 40
