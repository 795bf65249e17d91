"""The speed benchmarks measure what they say: realistic synthetic input that the crawler
reads as articles and grouping keeps apart, baselines that give the commands' answers, and
memory read for the measured command alone. (The benchmarks' figures are in BENCHMARKS.md;
nothing here is timed.)"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bare_digest  # noqa: E402
import bare_search  # noqa: E402
import measure  # noqa: E402
from bench_analyst import item_records  # noqa: E402
from synth_site import write_site  # noqa: E402
from synthtext import make_articles  # noqa: E402

from aggregator.config import Source  # noqa: E402
from aggregator.digest import entries_from_store  # noqa: E402
from aggregator.pages import ArticlePage, ListingPage  # noqa: E402
from aggregator.store import Store  # noqa: E402
from aggregator.stories import StoryItem, group_items, group_stored_items  # noqa: E402
from aggregator.stories.features import shingles  # noqa: E402

BASE = "http://127.0.0.1:8999"


@pytest.fixture(scope="module")
def articles() -> list:
    return list(make_articles(80, seed=3))


def test_articles_are_distinct_and_translations_are_linked(articles: list) -> None:
    texts = [shingles(f"{a.title}\n{a.body}") for a in articles]
    highest = max(len(a & b) / len(a | b) for a, b in itertools.combinations(texts, 2))
    assert highest < 0.15  # nothing close to the near-duplicate threshold (0.55)
    french = [a for a in articles if a.lang == "fr"]
    translations = [a for a in french if a.translation_of is not None]
    assert french and translations and len(translations) < len(french)
    for a in translations:
        assert a.translations["en"].translations["fr"] is a


def test_grouping_finds_the_translations_and_merges_nothing_else(articles: list) -> None:
    """Grouped as real articles would be: each translation with its original, nothing else."""
    url = {a.number: f"{BASE}/{a.lang}/{a.number}/" for a in articles}
    items = [
        StoryItem(url[a.number], "synth", a.lang, a.title, a.body, a.published_at.isoformat())
        for a in articles
    ]
    story = {key: placed.story_id for key, placed in group_items(items).items()}
    pairs = [(a.translation_of, a.number) for a in articles if a.translation_of in url]
    assert pairs
    for original, translation in pairs:
        assert story[url[original]] == story[url[translation]]
    assert len(set(story.values())) == len(articles) - len(pairs)


def test_site_pages_read_as_a_wordpress_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", BASE, 120)
    assert 24 <= site.mean_article_kb <= 36
    source = Source(key="synth", name="Synthetic", base_url=BASE)
    for url in (site.article_urls[0], next(u for u in site.article_urls if "/fr/" in u)):
        path = site.root / url.removeprefix(BASE + "/") / "index.html"
        page = ArticlePage(url, path.read_text(encoding="utf-8"), source)
        assert page.verdict().reason.startswith("jsonld:NewsArticle")
        assert page.title() and page.published() and page.canonical() == url
        assert page.lang_hints()["html_lang"][:2] == ("fr" if "/fr/" in url else "en")
        assert len(page.body()) > 2000
    listing_url = f"{BASE}/category/news/"
    listing = ListingPage(listing_url, (site.root / "category/news/index.html").read_text(), source)
    assert len(listing.teasers()) == 10  # WordPress's page size
    assert listing.next_page() == f"{BASE}/category/news/page/2/"
    about = ArticlePage(f"{BASE}/about/", (site.root / "about/index.html").read_text(), source)
    assert not about.is_article()
    index = (site.root / "sitemap_index.xml").read_text()
    assert f"{BASE}/post-sitemap.xml" in index and f"{BASE}/page-sitemap.xml" in index
    assert "Sitemap: " + site.sitemap_url in (site.root / "robots.txt").read_text()


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("analyst") / "small.db"
    with Store(db) as store:
        store.upsert_sources(
            {"key": k, "name": k.upper(), "base_url": f"https://{k}.example", "languages": []}
            for k in ("cemr", "platforma", "uclg", "ogp")
        )
        for record, aliases in item_records(300):
            store.upsert_item(record, record["fetched_at"])
            for alias in aliases:
                store.add_alias(alias, record["canonical_url"], "test", record["fetched_at"])
        group_stored_items(store, at="2026-01-01T00:00:00+00:00")
    return db


def test_bare_search_gives_the_commands_rows(small_store: Path) -> None:
    with Store(small_store, create=False) as store:
        for words in ("democratie locale", "climate budget", "Lisbon"):
            ours = [r["canonical_url"] for r in store.search(words)]
            assert ours, words
            assert [row[0] for row in bare_search.search(str(small_store), words)] == ours


def test_bare_digest_gives_the_commands_entries(small_store: Path) -> None:
    import sqlite3

    with Store(small_store, create=False) as store, sqlite3.connect(small_store) as conn:
        for lang in (None, "en", "fr"):
            ours = [e.guid for e in entries_from_store(store, lang, 50)]
            assert len(ours) == 50
            assert [e["id"] for e in bare_digest.entries(conn, lang, 50)] == ours


def test_memory_is_the_commands_own() -> None:
    run = measure.run_measured(
        "alloc",
        [sys.executable, "-c", "x = bytearray(80_000_000); x[::4096] = b'1' * len(x[::4096])"],
    ).check()
    assert 78 <= run.max_rss_mb < 120  # the benchmark's own memory is not counted
    assert run.wall_s > 0 and run.cpu_s > 0
    failed = measure.run_measured("fail", [sys.executable, "-c", "raise SystemExit(3)"])
    assert failed.returncode == 3
    with pytest.raises(RuntimeError):
        failed.check()
