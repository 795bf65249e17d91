"""The held-out labelled pairs: measured only, never used to set a threshold.

Each side is an article page (`make_story_heldout.render_page`) read as the crawler reads it
(`ArticlePage`, a sitemap teaser where the site names the translation there), then grouped
with the pair's context. Language and date are given, as the language and date pipelines
would decide them. BENCHMARKS.md reports these figures apart from the tuning set's.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from aggregator.config import load_sources
from aggregator.items import Teaser
from aggregator.pages import ArticlePage
from aggregator.stories import StoryItem
from tests.data.make_story_heldout import render_page
from tests.test_stories import (
    RELATIONS,
    assert_meets_targets,
    assert_negatives_apart,
    relation_found,
    report,
)

HELDOUT_PATH = Path(__file__).parent / "data" / "story_heldout.jsonl"
SOURCES = load_sources()


def load_heldout() -> list[dict]:
    with HELDOUT_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_side(side: dict) -> StoryItem:
    """The page as the crawler reads it, with the language and date the pipelines decide."""
    page = ArticlePage(side["url"], render_page(side), SOURCES[side["source"]])
    teaser = None
    if side["style"] == "sitemap":
        teaser = Teaser(side["url"], channel="sitemap", translations=dict(side["links"]))
    article = page.to_article(side["source"], "2026-12-01T00:00:00+00:00", teaser)
    return StoryItem(
        canonical_url=side["url"],
        source=side["source"],
        lang=side["lang"],
        title=article.title,
        body=article.body,
        published_at=side["published_at"],
        image=article.image,
        translations=article.translations,
        translation_sources=article.translation_sources,
    )


def classify(pair: dict) -> str:
    context = (read_side(c) for c in pair["context"])
    return relation_found(read_side(pair["a"]), read_side(pair["b"]), context)


@pytest.fixture(scope="module")
def decisions() -> list[tuple[str, str, dict]]:
    return [(p["relation"], classify(p), p) for p in load_heldout()]


def test_heldout_set_has_a_hundred_pairs_in_every_style() -> None:
    pairs = load_heldout()
    counts = Counter(p["relation"] for p in pairs)
    assert len(pairs) >= 100 and all(counts[r] >= 10 for r in (*RELATIONS, "different"))
    styles = {p["a"]["style"] for p in pairs if p["relation"] == "translation"}
    assert {"hreflang", "switcher", "anchor", "jsonld", "sitemap", "slug", "none"} <= styles


@pytest.mark.parametrize("relation", RELATIONS)
def test_heldout_precision_and_recall_per_relation(decisions: list, relation: str) -> None:
    assert_meets_targets(decisions, relation)


def test_heldout_negatives_stay_apart(decisions: list) -> None:
    assert_negatives_apart(decisions)


if __name__ == "__main__":  # python -m tests.test_stories_heldout: the held-out set's figures
    report(
        "held-out set (tests/data/story_heldout.jsonl)",
        [(p["relation"], classify(p), p) for p in load_heldout()],
    )
