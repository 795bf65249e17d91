from __future__ import annotations

import errno
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from aggregator import digest, digest_page
from aggregator.cli import main
from aggregator.digest import entries_from_store, feed_sets, write_digest
from aggregator.digest_page import TemplateCache, render_page
from aggregator.lock import database_lock
from aggregator.store import Store
from aggregator.stories import group_stored_items
from aggregator.urls import home_url
from tests.conftest import run_cli

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
                    "home_url": home_url("https://www.opengovpartnership.org"),
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
        group_stored_items(s, at="2026-11-21T00:00:00+00:00")
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
    # The other versions are links, in HTML escaped once inside the XML.
    links = lxml_html.fromstring(first.description).xpath("//a")
    assert [(a.get("href"), a.text) for a in links] == [
        ("https://www.opengovpartnership.org/fr/news/a/", "Français – Open Government Partnership")
    ]
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
    assert (
        'href="https://www.opengovpartnership.org/fr/news/a/"' in data["items"][0]["content_html"]
    )
    assert data["home_page_url"] == "all.html" and data["feed_url"] == "all.json"


def test_an_edited_article_is_shown_updated_under_the_same_guid(
    store: Store, tmp_path: Path
) -> None:
    write_digest(store, tmp_path, now=NOW)
    before = {e.id: e for e in feedparser.parse((tmp_path / "all.atom").read_bytes()).entries}
    url = "https://www.opengovpartnership.org/news/b/"
    edited = {**store.get_item(url), "body": "Body, with a paragraph added."}
    edited.update(modified_at="2026-11-21T09:30:00+00:00", tags=["Open justice"])
    assert store.upsert_item(edited, "2026-11-22T05:00:00+00:00") == "updated"
    group_stored_items(store, at="2026-11-22T05:00:00+00:00")
    write_digest(store, tmp_path, now=NOW)

    after = {e.id: e for e in feedparser.parse((tmp_path / "all.atom").read_bytes()).entries}
    assert after.keys() == before.keys()
    assert after[url].published == before[url].published == "2022-04-29T15:00:00+00:00"
    assert before[url].updated == before[url].published
    assert after[url].updated == "2026-11-22T05:00:00+00:00"  # seen changed after the site's date
    unedited = next(key for key in after if key != url)
    assert after[unedited].updated == before[unedited].updated == after[unedited].published
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    modified = {i["id"]: i.get("date_modified") for i in data["items"]}
    assert modified == {url: "2026-11-22T05:00:00+00:00", unedited: None}
    page = lxml_html.fromstring((tmp_path / "all.html").read_bytes())
    dates = {
        a.xpath("string(.//h2/a/@href)"): a.xpath(".//p[@class='meta']/time/@datetime")
        for a in page.xpath("//article")
    }
    assert dates[url] == ["2022-04-29T15:00:00+00:00", "2026-11-22T05:00:00+00:00"]
    assert len(dates[unedited]) == 1


def test_a_first_seen_article_the_site_says_it_edited_is_shown_updated(
    store: Store, tmp_path: Path
) -> None:
    url = "https://www.opengovpartnership.org/news/b/"
    dated = {**store.get_item(url), "modified_at": "2023-01-05T08:00:00+00:00"}
    dated["tags"] = ["Open justice"]
    store.upsert_item(dated, "2026-11-22T05:00:00+00:00")  # metadata only: text unchanged
    write_digest(store, tmp_path, now=NOW)
    atom = feedparser.parse((tmp_path / "all.atom").read_bytes())
    entry = next(e for e in atom.entries if e.id == url)
    assert (entry.published, entry.updated) == (
        "2022-04-29T15:00:00+00:00",
        "2023-01-05T08:00:00+00:00",
    )


def test_guids_are_stable_across_runs_and_no_temp_file_is_left(
    store: Store, tmp_path: Path
) -> None:
    write_digest(store, tmp_path, now=NOW)
    first = [e.id for e in feedparser.parse((tmp_path / "all.xml").read_bytes()).entries]
    write_digest(store, tmp_path, now=datetime(2026, 11, 23, tzinfo=UTC))
    second = [e.id for e in feedparser.parse((tmp_path / "all.xml").read_bytes()).entries]
    assert first == second
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://news.example.org/digest/"


@pytest.mark.parametrize("base_url", [BASE, ""])
def test_each_file_names_itself_and_never_a_local_path(
    store: Store, tmp_path: Path, base_url: str
) -> None:
    out = tmp_path / "digest"
    write_digest(store, out, base_url=base_url, now=NOW)
    for name in ("all", "en", "fr"):
        rss = etree.parse(str(out / f"{name}.xml")).getroot()
        atom = etree.parse(str(out / f"{name}.atom")).getroot()
        rss_self = rss.find(f"channel/{ATOM}link[@rel='self']").get("href")
        atom_self = atom.find(f"{ATOM}link[@rel='self']").get("href")
        assert rss_self == f"{base_url}{name}.xml"
        assert atom_self == f"{base_url}{name}.atom"
        assert rss.findtext("channel/link") == f"{base_url}{name}.html"
        feed_id = atom.findtext(f"{ATOM}id")
        assert feed_id == (f"{BASE}{name}.atom" if base_url else feed_id)
        assert feed_id.startswith(("https://", "urn:uuid:"))
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "file:" not in text and str(tmp_path) not in text, path.name


def test_the_feed_id_without_a_public_url_is_stable(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path / "a", now=NOW)
    write_digest(store, tmp_path / "b", now=datetime(2026, 11, 23, tzinfo=UTC))
    ids = [etree.parse(str(tmp_path / d / "all.atom")).findtext(f"{ATOM}id") for d in "ab"]
    assert ids[0] == ids[1]


def test_atom_source_is_complete(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path, now=NOW)
    entries = etree.parse(str(tmp_path / "all.atom")).getroot().findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        source = entry.find(f"{ATOM}source")
        assert source.findtext(f"{ATOM}id") == "https://www.opengovpartnership.org/"
        assert source.findtext(f"{ATOM}title") == "Open Government Partnership"
        assert datetime.fromisoformat(source.findtext(f"{ATOM}updated"))


def test_opml_lists_every_rss_and_atom_feed(store: Store, tmp_path: Path) -> None:
    write_digest(store, tmp_path, base_url=BASE, now=NOW)
    outlines = etree.parse(str(tmp_path / "feeds.opml")).getroot().findall("body/outline")
    urls = sorted(o.get("xmlUrl") for o in outlines)
    assert urls == sorted(f"{BASE}{n}.{x}" for n in ("all", "en", "fr") for x in ("xml", "atom"))
    assert all(o.get("title") and o.get("htmlUrl", "").startswith(BASE) for o in outlines)


def _add_ungrouped(store: Store) -> str:
    """An item stored and not grouped, as a crawl that died before grouping leaves it."""
    url = "https://www.opengovpartnership.org/news/left-by-a-crash/"
    store.upsert_item(
        {"canonical_url": url, "source": "ogp", "url": url, "title": "Stored, not grouped",
         "lang": "en", "published_at": "2026-11-21T10:00:00+00:00"},
        "2026-11-21T10:00:00+00:00",
    )  # fmt: skip
    return url


def test_the_digest_only_reads_items_without_a_story_wait_for_grouping(
    store: Store, tmp_path: Path
) -> None:
    url = _add_ungrouped(store)
    write_digest(store, tmp_path, now=NOW)
    assert url not in (tmp_path / "all.xml").read_text(encoding="utf-8")
    assert store.items_to_group(), "write_digest must not group"
    group_stored_items(store, at="2026-11-22T00:00:00+00:00")
    write_digest(store, tmp_path, now=NOW)
    assert feedparser.parse((tmp_path / "all.xml").read_bytes()).entries[0].link == url


def test_the_digest_command_groups_what_a_crawl_left_ungrouped_first(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = str(store.path), tmp_path / "out"
    assert main(["digest", "--db", db, "--out", str(out)]) == 0
    assert "stories:" not in capsys.readouterr().out  # nothing to group: no grouping step
    url = _add_ungrouped(store)
    assert main(["digest", "--db", db, "--out", str(out)]) == 0
    assert "stories: 1 new, 1 items grouped" in capsys.readouterr().out
    assert feedparser.parse((out / "all.xml").read_bytes()).entries[0].link == url
    assert not store.has_ungrouped_items()


def test_while_a_crawl_writes_the_digest_leaves_its_items_to_the_next_one(
    store: Store, tmp_path: Path
) -> None:
    url = _add_ungrouped(store)
    with database_lock(store.path):  # what a running crawl holds
        result = run_cli(["digest", "--db", str(store.path), "--out", str(tmp_path)], timeout=60)
    assert result.returncode == 0, result.stderr
    assert "a crawl is running; its new items join the next digest" in result.stdout
    assert url not in (tmp_path / "all.xml").read_text(encoding="utf-8")
    assert store.has_ungrouped_items()


def test_a_digest_that_cannot_write_every_file_replaces_none(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_digest(store, tmp_path, now=NOW)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real_fsync = os.fsync

    def fsync_failing_for_one_file(fd: int) -> None:  # the disk fills up under en.json
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(".en.json."):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_for_one_file)
    with pytest.raises(OSError, match="No space left"):
        write_digest(store, tmp_path, now=datetime(2026, 11, 23, tzinfo=UTC))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    monkeypatch.setattr(os, "fsync", real_fsync)

    def opml_failing(*_: object) -> bytes:  # the last file, rendered after the others
        raise RuntimeError("a bug in the last file")

    monkeypatch.setattr(digest, "opml", opml_failing)
    with pytest.raises(RuntimeError, match="a bug"):
        write_digest(store, tmp_path, now=datetime(2026, 11, 23, tzinfo=UTC))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_the_page_is_the_same_whatever_state_its_template_cache_is_in(
    store: Store, tmp_path: Path
) -> None:
    entries = entries_from_store(store, None, 10)
    feeds = feed_sets()
    expected = render_page(entries, feeds[0], feeds, NOW)
    usable = tmp_path / "cache"
    usable.mkdir()
    for cache in (None, TemplateCache(str(usable)), TemplateCache(str(usable)),
                  TemplateCache(str(tmp_path / "missing"))):  # fmt: skip
        env = digest_page._ENV.overlay(bytecode_cache=cache)
        with mock.patch.object(digest_page, "_ENV", env):
            assert render_page(entries, feeds[0], feeds, NOW) == expected
    (cached,) = usable.iterdir()  # written by the first, read by the second
    cached.write_bytes(cached.read_bytes()[:40])  # a damaged file is compiled again
    with mock.patch.object(digest_page, "_ENV", digest_page._ENV.overlay(
            bytecode_cache=TemplateCache(str(usable)))):  # fmt: skip
        assert render_page(entries, feeds[0], feeds, NOW) == expected
