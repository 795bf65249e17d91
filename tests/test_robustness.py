"""Bad input gets a clear error and loses nothing: malformed pages, broken PDFs, a killed crawl."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from aggregator.config import load_sources
from aggregator.crawldb import PAGE_BATCH, CrawlDatabase
from aggregator.mirror import load_manifest
from aggregator.pages import ArticlePage, ListingPage, PageError, join_hard_breaks, read_pdf
from aggregator.store import Store
from aggregator.urls import url_key
from tests.conftest import REPO, crawl

SOURCE = load_sources()["cemr"]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html",
        "<html><head><title>Half",
        "\x00\x01binary\xff",
        "<p>" * 5000,
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>',
    ],
)
def test_malformed_pages_are_read_without_crashing(html: str) -> None:
    page = ArticlePage("https://ccre-cemr.org/news/x/", html, SOURCE)
    article = page.to_article("cemr", "2026-11-22T00:00:00+00:00", None)
    assert article.url == "https://ccre-cemr.org/news/x/"
    listing = ListingPage("https://ccre-cemr.org/category/news/", html, SOURCE)
    assert listing.teasers() == [] and listing.next_page() is None


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 truncated", b"not a pdf at all"])
def test_a_broken_pdf_is_a_page_error(data: bytes) -> None:
    with pytest.raises(PageError, match="unreadable PDF"):
        read_pdf(data)


def stored_count(db: Path) -> int:
    """Items stored so far, read without taking any lock the crawler needs."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from items").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.crawl
def test_a_crawl_killed_midway_loses_nothing(mirror: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    # Polite mode (1 s between requests per site), so the crawl is surely mid-way when killed.
    args = [sys.executable, "-m", "aggregator.cli", "crawl", "--db", str(db)]
    for key, url in mirror.items():
        args += ["--base-url", f"{key}={url}"]
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and stored_count(db) < 5:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with Store(db) as store:  # the database survives the kill
        stored_before = store.count_items()
        assert any(r["status"] == "running" for r in store.db["crawl_runs"].rows)
    assert 5 <= stored_before < len(load_manifest(mirror))

    crawl(db, mirror)  # the next daily run completes the archive
    manifest = load_manifest(mirror)
    with Store(db) as store:
        assert store.count_items() == len(manifest)
        assert all(store.resolve(e.url) for e in manifest)
        statuses = {r["status"] for r in store.db["crawl_runs"].rows}
    assert "interrupted" in statuses and "running" not in statuses


def crawl_database(db: Path) -> CrawlDatabase:
    crawler = get_crawler(settings_dict={"AGGREGATOR_DB": str(db)})
    crawler.stats.open_spider()
    return CrawlDatabase(crawler, Store(db), SOURCE)


def article_record(url: str) -> dict[str, str]:
    return {"url": url, "canonical_url": url, "source": "cemr", "fetched_at": "t"}


def test_a_batch_writes_its_items_before_the_notes_of_their_pages(tmp_path: Path) -> None:
    """Page notes alone can fill a batch: the items noted by then are written with it."""
    database = crawl_database(tmp_path / "t.db")
    late = f"{SOURCE.base_url}/news/late/"
    database.note_page(late, kind="article")
    database.note_item(article_record(late), [])
    for i in range(PAGE_BATCH):
        database.note_page(f"{SOURCE.base_url}/tag/t{i}/", kind="listing")
    database.store.close()  # killed here: nothing more is written
    with Store(tmp_path / "t.db") as store:
        assert {r["url"] for r in store.pages()} >= {late}
        assert store.resolve(late) == late


def test_a_page_noted_as_an_article_without_its_item_is_fetched_again(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    stored, lost = f"{SOURCE.base_url}/news/stored/", f"{SOURCE.base_url}/news/lost/"
    with Store(db) as store:
        store.upsert_items([(article_record(stored), [])])
        store.record_pages(
            [{"url": u, "source": "cemr", "kind": "article"} for u in (stored, lost)]
        )
    memory = crawl_database(db).memory
    assert memory[url_key(stored)]["kind"] == "article"
    assert "kind" not in memory[url_key(lost)]


def test_pdf_hard_breaks_are_joined_into_paragraphs() -> None:
    text = (
        "Lancement de la nouvelle plateforme des \n autorités locales \n\n"
        "– Dimanche 16 novembre, 16h30-18h30 – \n"
        "En 2007, le Conseil des Communes a pris l’initiative de rassembler une \n"
        "large gamme d’associations. \n"
        "• Premièrement, faciliter la mise en réseau ; \n"
        "• Deuxièmement, faciliter le dialogue \n"
        "entre les autorités locales. \n"
    )
    assert join_hard_breaks(text).split("\n\n") == [
        "Lancement de la nouvelle plateforme des autorités locales",
        "– Dimanche 16 novembre, 16h30-18h30 –",
        "En 2007, le Conseil des Communes a pris l’initiative de rassembler une large gamme "
        "d’associations.",
        "• Premièrement, faciliter la mise en réseau ;",
        "• Deuxièmement, faciliter le dialogue entre les autorités locales.",
    ]


def test_a_template_placeholder_for_an_attribute_name_breaks_nothing() -> None:
    """`<a {count}="">` (seen on a real forum page): lxml refuses to list such attributes."""
    source = load_sources()["cemr"]
    html = (
        '<html lang="en"><head><title>A post</title></head><body><article><h1>A post</h1>'
        '<a {count}="" class="share" href="https://twitter.com/share">Tweet</a>'
        '<a {count}="" href="/fr/un-article" hreflang="fr">Lire en français</a>'
        "<p>" + "Text of the post, long enough to be a body. " * 10 + "</p></article></body></html>"
    )
    page = ArticlePage("https://ccre-cemr.org/a-post", html, source)
    page.to_article("cemr", "2026-11-29T06:00:00+00:00", None)
    assert page.translations() == {"fr": "https://ccre-cemr.org/fr/un-article"}
    ListingPage("https://ccre-cemr.org/", html, source).teasers()  # read without raising
