from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from aggregator.digest import write_digest
from aggregator.store import Store

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "t.db") as s:
        s.upsert_sources(
            [
                {
                    "key": "ogp",
                    "name": "Open Government Partnership",
                    "base_url": "https://www.opengovpartnership.org",
                    "languages": ["en", "fr"],
                },
            ]
        )
        rows = [
            (
                "https://www.opengovpartnership.org/news/a/",
                "en",
                "Open justice & <courts>",
                "2026-11-17T14:00:00+00:00",
            ),
            (
                "https://www.opengovpartnership.org/fr/news/a/",
                "fr",
                "Justice ouverte : « tribunaux »",
                "2026-11-20T14:00:00+00:00",
            ),
            (
                "https://www.opengovpartnership.org/news/b/",
                "en",
                "Local Roundup | April 2022",
                "2022-04-29T15:00:00+00:00",
            ),
        ]
        for url, lang, title, published in rows:
            s.upsert_item(
                {
                    "canonical_url": url,
                    "source": "ogp",
                    "url": url,
                    "title": title,
                    "lang": lang,
                    "summary": "Résumé — with ‘quotes’ & ampersands.",
                    "body": "Body.",
                    "published_at": published,
                    "tags": ["Open justice"],
                    "fetched_at": published,
                    "translations": {"en": "https://www.opengovpartnership.org/news/a/"}
                    if lang == "fr"
                    else {},
                },
                published,
            )
        yield s


def test_rss_is_valid_for_feed_readers_and_xml_parsers(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path / "digest", now=NOW)
    path = tmp_path / "digest" / "all.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    titles = [e.title for e in feed.entries]
    # The French version links to the English one: one story, shown by its original.
    assert titles == ["Open justice & <courts>", "Local Roundup | April 2022"]
    first = feed.entries[0]
    assert first.link == "https://www.opengovpartnership.org/news/a/"
    assert first.id == first.link
    assert first.published == "Tue, 17 Nov 2026 14:00:00 +0000"
    assert "https://www.opengovpartnership.org/fr/news/a/" in first.description
    root = etree.parse(str(path)).getroot()
    item = root.find("channel/item")
    assert item.find("source").text == "Open Government Partnership"
    assert item.find("{http://purl.org/dc/elements/1.1/}language").text == "en"


def test_per_language_feeds_hold_only_their_language(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path, now=NOW)
    fr = feedparser.parse((tmp_path / "fr.xml").read_bytes())
    en = feedparser.parse((tmp_path / "en.xml").read_bytes())
    assert [e.link for e in fr.entries] == ["https://www.opengovpartnership.org/fr/news/a/"]
    assert len(en.entries) == 2
    assert fr.feed.language == "fr"


def test_atom_and_json_feed_are_written_too(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path, now=NOW)
    atom = feedparser.parse((tmp_path / "all.atom").read_bytes())
    assert not atom.bozo and atom.version == "atom10" and len(atom.entries) == 2
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["items"][0]["language"] == "en"
    versions = data["items"][0]["_source"]["other_versions"]
    assert list(versions.values()) == ["https://www.opengovpartnership.org/fr/news/a/"]


def test_guids_are_stable_across_runs_and_no_temp_file_is_left(
    store: Store, tmp_path: Path
) -> None:
    write_digest(store, tmp_path, now=NOW)
    first = [e.id for e in feedparser.parse((tmp_path / "all.xml").read_bytes()).entries]
    write_digest(store, tmp_path, now=datetime(2026, 11, 23, tzinfo=UTC))
    second = [e.id for e in feedparser.parse((tmp_path / "all.xml").read_bytes()).entries]
    assert first == second
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
