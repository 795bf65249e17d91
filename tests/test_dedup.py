from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from aggregator.items import Article
from aggregator.pipelines.dedup import DedupPipeline, content_hash
from aggregator.store import Store


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Title", "Body  text."), ("title", "Body text")),
        (("Démocratie", "Le texte\u00a0: oui"), ("DÉMOCRATIE", "le texte : oui")),
    ],
)
def test_content_hash_ignores_case_spacing_and_punctuation(a: tuple, b: tuple) -> None:
    assert content_hash(*a) == content_hash(*b)


def test_content_hash_tells_different_texts_apart() -> None:
    assert content_hash("Local Roundup | April 2022", "x") != content_hash(
        "Local Roundup | May 2022", "x"
    )


def article(url: str, canonical: str, body: str = "Same body.") -> Article:
    return Article(
        source="platforma",
        url=url,
        canonical_url=canonical,
        fetched_at="2026-11-22T00:00:00+00:00",
        title="A title",
        body=body,
    )


@pytest.fixture
def pipeline(tmp_path: Path) -> Iterator[DedupPipeline]:
    with Store(tmp_path / "t.db") as store:
        yield DedupPipeline(store, StatsCollector(get_crawler()))


def test_second_visit_of_a_canonical_url_is_dropped_and_its_url_kept_as_alias(
    pipeline: DedupPipeline,
) -> None:
    first = article("https://p.eu/2023/07/a/", "https://p.eu/2023/07/a/")
    pipeline.process_item(first)
    pipeline.store.upsert_item({"canonical_url": first.canonical_url, "source": "platforma"}, "t")
    with pytest.raises(DropItem, match="same_canonical_url"):
        pipeline.process_item(article("https://p.eu/fr/2023/07/a/", "https://p.eu/2023/07/a/"))
    assert pipeline.store.resolve("https://p.eu/fr/2023/07/a/") == "https://p.eu/2023/07/a/"
    assert pipeline.stats.get_value("dedup/dropped/same_canonical_url") == 1


def test_same_content_under_another_url_is_dropped(pipeline: DedupPipeline) -> None:
    pipeline.process_item(article("https://p.eu/a/", "https://p.eu/a/"))
    with pytest.raises(DropItem, match="same_content"):
        pipeline.process_item(article("https://p.eu/b/", "https://p.eu/b/"))
    pipeline.process_item(article("https://p.eu/c/", "https://p.eu/c/", body="Other body."))


def test_same_content_already_stored_by_an_earlier_run_is_dropped(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        store.upsert_item(
            {
                "canonical_url": "https://p.eu/a/",
                "source": "platforma",
                "content_hash": content_hash("A title", "Same body."),
            },
            "t",
        )
    with Store(db) as store:
        pipe = DedupPipeline(store, StatsCollector(get_crawler()))
        pipe.process_item(article("https://p.eu/a/", "https://p.eu/a/"))  # the stored item itself
        with pytest.raises(DropItem):
            pipe.process_item(article("https://p.eu/b/", "https://p.eu/b/"))


def test_an_item_reached_through_a_redirect_from_its_old_url_moves_to_the_new_one(
    pipeline: DedupPipeline,
) -> None:
    """A site that moves an article: the stored row is re-keyed, its old URL an alias."""
    old = "https://p.eu/2023/07/a/"
    pipeline.store.upsert_item({"canonical_url": old, "source": "platforma", "title": "A"}, "t")
    moved = article("https://p.eu/a", "https://p.eu/a", body="Edited body.")
    moved.aliases = [old]  # Scrapy's redirect_urls: the old URL answered 301
    pipeline.process_item(moved)
    assert pipeline.store.get_item(old) is None
    assert pipeline.store.get_item("https://p.eu/a")["title"] == "A"
    assert pipeline.store.resolve(old) == "https://p.eu/a"
    assert pipeline.stats.get_value("store/moved") == 1
