"""End to end: the shipped configuration crawls every rendition of the mirror, whatever its
URL scheme, through Scrapy's real downloader into SQLite, and stores every article once and
nothing that is not one.

`sources.toml` names no URL pattern, so the same crawl must find the articles of `main`
(the real sites' schemes), `legacy` (the first mirror's), `redesign` (other markup) and
`moved` (every article at another path).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import feedparser
import pytest

from aggregator.mirror import ManifestEntry, load_content
from aggregator.store import Store
from tests.conftest import SOURCES, RenditionCrawl, run_cli

pytestmark = pytest.mark.crawl

# Not `broken-listing`: it breaks the only channel that names CEMR's PDF press release (its
# /press listing), which is what `aggregator check` must notice (test_renditions.py).
RENDITIONS = ("main", "legacy", "redesign", "moved")


@pytest.fixture(scope="module", params=RENDITIONS)
def run(request: pytest.FixtureRequest, rendition_crawls) -> RenditionCrawl:
    return rendition_crawls(request.param)


def stored(store: Store, entry: ManifestEntry) -> dict | None:
    key = store.resolve(entry.url)
    return store.get_item(key) if key else None


def squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def test_every_manifest_article_is_stored_once_and_nothing_else(run: RenditionCrawl) -> None:
    with Store(run.day1_db) as store:
        missing = [e.url for e in run.day1_manifest if stored(store, e) is None]
        keys = Counter(store.resolve(e.url) for e in run.day1_manifest)
        extra = [r["canonical_url"] for r in store.items() if r["canonical_url"] not in keys]
    assert not missing, f"{len(missing)} articles not stored: {missing[:10]}"
    assert not [k for k, count in keys.items() if count > 1]
    assert not extra, f"stored, but no article: {extra}"


@pytest.mark.parametrize("field", ["lang", "published_date", "title"])
def test_each_article_has_the_manifests_field(run: RenditionCrawl, field: str) -> None:
    column = {"published_date": "published_at"}.get(field, field)
    with Store(run.day1_db) as store:
        rows = [(e, stored(store, e)) for e in run.day1_manifest]
    width = 10 if field == "published_date" else None  # the stored instant's day
    got = {
        e.url: (squeeze(getattr(e, field)), squeeze(row[column])[:width]) for e, row in rows if row
    }
    wrong = {url: pair for url, pair in got.items() if pair[0] != pair[1]}
    assert not wrong


def test_aliases_lead_to_their_article(run: RenditionCrawl) -> None:
    """/fr/ copies of English text and shortlinks, where the rendition names them."""
    names_shortlinks = run.rendition != "redesign"  # its pages carry no rel=shortlink
    with Store(run.day1_db) as store:
        wrong = [
            alias
            for entry in run.day1_manifest
            for alias in entry.aliases
            if ("?p=" not in alias or names_shortlinks)
            and store.resolve(alias) != store.resolve(entry.url)
        ]
    assert not wrong


def test_no_page_is_fetched_twice_and_robots_is_obeyed(run: RenditionCrawl) -> None:
    fetched = Counter((r.source, r.path) for r in run.day1_requests)
    assert not [key for key, count in fetched.items() if count > 1]
    assert not [r for r in run.day1_requests if r.disallowed]
    for source in SOURCES:
        assert fetched[(source, "/robots.txt")] == 1


def test_every_source_finished_and_its_summary_is_printed(run: RenditionCrawl) -> None:
    with Store(run.day1_db) as store:
        runs = list(store.db["crawl_runs"].rows)
    assert [r["status"] for r in runs] == ["finished"] * 4
    assert all(r["errors"] == 0 and r["problem"] == "" for r in runs)
    for source in SOURCES:
        assert any(
            line.startswith(source) and "finished" in line
            for line in run.day1_run.stdout.splitlines()
        )


def test_digest_of_the_crawl_is_a_valid_feed(rendition_crawls, tmp_path: Path) -> None:
    db = rendition_crawls("main").day1_db
    result = run_cli(["digest", "--db", str(db), "--out", str(tmp_path)], timeout=60)
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((tmp_path / "all.xml").read_bytes())
    with Store(db) as store:
        stories = store.count_stories()
    assert not feed.bozo and len(feed.entries) == min(100, stories)
    fr = feedparser.parse((tmp_path / "fr.xml").read_bytes())
    assert fr.entries and all(e.get("language") == "fr" for e in fr.entries)


def test_third_language_lines_neither_title_nor_language(run: RenditionCrawl) -> None:
    """OGP's French pages repeat the Spanish title under the French one."""
    spanish = {
        a.id: a.title_es for a in load_content(sources=["ogp"])["ogp"].articles if a.title_es
    }
    assert spanish
    with Store(run.day1_db) as store:
        for entry in run.day1_manifest:
            if entry.id in spanish:
                row = stored(store, entry)
                assert row["lang"] == "fr"
                assert spanish[entry.id] not in row["title"]
                assert spanish[entry.id] not in row["summary"]


def test_no_summary_keeps_a_listing_trailer(run: RenditionCrawl) -> None:
    with Store(run.day1_db) as store:
        summaries = [row["summary"] or "" for row in store.items()]
    assert summaries and all(s.strip() for s in summaries)
    trailers = ("Lire plus", "Read More", "Read more", "(+)", "...")
    assert not [s for s in summaries if s.rstrip().endswith(trailers)]
