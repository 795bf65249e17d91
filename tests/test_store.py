from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator import store as store_module
from aggregator.store import SCHEMA_VERSION, Store, StoreError, schema_markdown

T0, T1, T2 = "2026-11-01T06:00:00+00:00", "2026-11-02T06:00:00+00:00", "2026-11-03T06:00:00+00:00"


def record(**fields: object) -> dict[str, object]:
    base = {
        "canonical_url": "https://ccre-cemr.org/news/a/",
        "source": "cemr",
        "url": "https://ccre-cemr.org/news/a/",
        "title": "Local elections",
        "summary": "Summary.",
        "body": "Body text.",
        "lang": "en",
        "tags": ["Ukraine"],
        "translations": {"fr": "https://ccre-cemr.org/fr/news/a/"},
        "fetched_at": T0,
    }
    base.update(fields)
    return base


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.db") as s:
        yield s


def test_recrawl_updates_the_row_and_keeps_the_old_version(store: Store) -> None:
    assert store.upsert_item(record(), T0) == "new"
    assert store.upsert_item(record(fetched_at=T1), T1) == "unchanged"
    assert store.db["item_versions"].count == 0
    assert (
        store.upsert_item(record(title="Local elections (updated)", fetched_at=T2), T2) == "updated"
    )
    assert store.count_items() == 1
    row = store.get_item("https://ccre-cemr.org/news/a/")
    assert row["title"] == "Local elections (updated)"
    assert (row["first_seen_at"], row["changed_at"], row["fetched_at"]) == (T0, T2, T2)
    (version,) = store.db["item_versions"].rows
    assert version["title"] == "Local elections"
    assert (version["seen_from"], version["replaced_at"]) == (T0, T2)


def test_json_columns_and_aliases(store: Store) -> None:
    store.upsert_item(record(), T0)
    store.add_alias(
        "https://ccre-cemr.org/news/a/?utm_source=x",
        "https://ccre-cemr.org/news/a/",
        "canonical_link",
        T0,
    )
    assert (
        store.resolve("https://ccre-cemr.org/news/a/?utm_source=x")
        == "https://ccre-cemr.org/news/a/"
    )
    assert store.resolve("https://ccre-cemr.org/news/zzz/") is None
    memory = store.site_memory("cemr")
    assert set(memory) == {
        "https://ccre-cemr.org/news/a/",
        "https://ccre-cemr.org/news/a/?utm_source=x",
    }
    assert {row["kind"] for row in memory.values()} == {"article"}
    assert store.get_item("https://ccre-cemr.org/news/a/")["tags"] == '["Ukraine"]'


def test_full_text_search_ignores_accents(store: Store) -> None:
    store.upsert_item(record(title="Démocratie locale en Europe", lang="fr"), T0)
    store.upsert_item(record(canonical_url="https://ccre-cemr.org/news/b/", title="Budget"), T0)
    (hit,) = store.search("democratie")
    assert hit["title"] == "Démocratie locale en Europe"


def test_crawl_runs_record_running_then_finished(store: Store) -> None:
    store.upsert_sources([{"key": "cemr", "name": "CEMR", "base_url": "x", "languages": ["en"]}])
    row = store.start_run("run1", "cemr", "recent", "http://127.0.0.1:1", T0)
    assert store.runs("run1")[0]["status"] == "running"
    store.finish_run(row, {"items_new": 3}, "finished", T1)
    (run,) = store.runs("run1")
    assert (run["status"], run["items_new"], run["finished_at"]) == ("finished", 3, T1)
    assert store.db["sources"].get("cemr")["last_crawled_at"] == T1


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(path)


def test_a_truncated_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    with Store(path) as s:
        for i in range(200):
            s.upsert_item(record(canonical_url=f"https://x.org/{i}", body="x" * 2000), T0)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError):
        Store(path, verify=True)  # what `aggregator verify` does


def test_schema_docs_are_generated_from_the_code() -> None:
    docs = Path(__file__).parent.parent / "docs" / "schema.md"
    assert docs.read_text(encoding="utf-8") == schema_markdown(), (
        "docs/schema.md is stale: run python -m aggregator.store > docs/schema.md"
    )


def test_pages_remember_what_each_url_was_and_what_the_site_said(store: Store) -> None:
    store.record_pages(
        [
            {"url": "https://c.org/about", "source": "cemr", "kind": "other", "reason": "no_date"},
            {"url": "https://c.org/news/a", "source": "cemr", "kind": "article", "lastmod": "x"},
        ]
    )
    store.record_pages([{"url": "https://c.org/news/a", "etag": '"v1"'}])
    memory = store.site_memory("cemr")
    assert memory["https://c.org/about"]["reason"] == "no_date"
    news = memory["https://c.org/news/a"]
    assert (news["kind"], news["lastmod"], news["etag"]) == ("article", "x", '"v1"')
    assert [p["url"] for p in store.pages(kind="other")] == ["https://c.org/about"]


def test_a_moved_item_keeps_its_row_versions_and_story_under_the_new_key(store: Store) -> None:
    old, new = "https://ccre-cemr.org/news/a/", "https://ccre-cemr.org/press/a"
    store.upsert_item(record(), T0)
    store.upsert_item(record(body="Edited " * 60), T1)
    store.move_item(old, new, T1)
    assert store.get_item(old) is None
    assert store.get_item(new)["url"] == new
    assert store.resolve(old) == new
    versions = list(store.db["item_versions"].rows_where("canonical_url = ?", [new]))
    assert len(versions) == 1
    assert store.count_items() == 1


def test_an_item_is_not_moved_onto_another_item_nor_from_a_missing_one(store: Store) -> None:
    a, b = "https://ccre-cemr.org/news/a/", "https://ccre-cemr.org/news/b/"
    store.upsert_item(record(canonical_url=a), T0)
    store.upsert_item(record(canonical_url=b, title="Other"), T0)
    store.move_item(a, b, T1)
    store.move_item("https://ccre-cemr.org/news/gone/", "https://ccre-cemr.org/news/c/", T1)
    assert (store.has_item(a), store.has_item(b)) == (True, True)
    assert store.get_item(b)["title"] == "Other" and store.resolve(a) == a
    assert not store.has_item("https://ccre-cemr.org/news/c/")


def test_items_of_one_batch_keep_each_its_own_time(store: Store) -> None:
    """A batch is written at once, but each item was first seen when it was fetched."""
    a, b = "https://ccre-cemr.org/news/a/", "https://ccre-cemr.org/news/b/"
    batch = [(record(canonical_url=a, url=a, fetched_at=T0), [a + "?x"])]
    batch += [(record(canonical_url=b, url=b, fetched_at=T1), [])]
    store.upsert_items(batch)
    assert [store.get_item(u)["first_seen_at"] for u in (a, b)] == [T0, T1]
    seen = store.db.execute("select seen_at from item_aliases where url = ?", [a + "?x"])
    assert seen.fetchone()[0] == T0


def test_lookups_of_more_keys_than_one_chunk_find_every_key(store: Store) -> None:
    """Keys are bound `_CHUNK` at a time (twice in one query for the aliases): none is lost
    at a chunk's edge, none is read twice."""
    count = 2 * store_module._CHUNK + 1
    urls = [f"https://x.org/{i:04}" for i in range(count)]
    store.upsert_items([(record(canonical_url=u, url=u), [u + "?a"]) for u in urls])
    chunks = list(store_module._chunks(urls))
    assert [len(chunk) for chunk, _marks in chunks] == [store_module._CHUNK] * 2 + [1]
    assert all(marks.split(",") == ["?"] * len(chunk) for chunk, marks in chunks)
    assert [r["canonical_url"] for r in store.story_rows(reversed(urls))] == urls
    assert store.aliases_of(urls) == {u: [u + "?a"] for u in urls}


def test_pages_noted_with_different_columns_in_one_batch_keep_the_others(store: Store) -> None:
    store.record_pages([{"url": "https://c.org/a", "source": "cemr", "kind": "article"}])
    store.record_pages(
        [
            {"url": "https://c.org/a", "lastmod": "2026-01-01"},  # no kind: it must stay
            {"url": "https://c.org/b", "source": "cemr", "kind": "other", "reason": "no_date"},
        ]
    )
    memory = store.site_memory("cemr")
    assert memory["https://c.org/a"]["kind"] == "article"
    assert memory["https://c.org/a"]["lastmod"] == "2026-01-01"


def _schema_of(path: Path) -> tuple[int, list[tuple[str, str, list[str]]]]:
    """The file's schema version and its tables, indexes and views with their columns."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = [
            (kind, name, [row[1] for row in conn.execute(f"PRAGMA table_xinfo('{name}')")])
            for kind, name in conn.execute("select type, name from sqlite_master order by name")
        ]
    finally:
        conn.close()
    return version, objects


def test_a_current_file_is_read_without_sqlite_utils_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store(path) as store:
        store.upsert_item(record(title="Démocratie locale"), T0)
    before = _schema_of(path)
    assert before[0] == SCHEMA_VERSION
    modified = path.stat().st_mtime_ns
    code = (
        "import sys\n"
        "from aggregator.store import Store\n"
        "with Store(sys.argv[1], read_only=True) as store:\n"
        "    assert [r['title'] for r in store.search('democratie')] == ['Démocratie locale']\n"
        "    assert store.count_items() == 1 and store.sources() == {}\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert _schema_of(path) == before and path.stat().st_mtime_ns == modified


@pytest.mark.parametrize("read_only", [False, True])
def test_an_older_or_incomplete_schema_is_brought_up_to_date(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "t.db"
    with Store(path) as store:
        store.upsert_item(record(), T0)
    complete = _schema_of(path)
    conn = sqlite3.connect(path)
    conn.execute("drop view items_with_story")
    conn.execute("drop index idx_items_content_hash")
    conn.execute("alter table sources drop column last_crawled_at")
    conn.execute("PRAGMA user_version = 0")  # what a file written before this version has
    conn.close()
    with Store(path, read_only=read_only) as store:
        assert store.count_items() == 1
    assert _schema_of(path) == complete
    conn = sqlite3.connect(path)
    conn.execute("drop view story_versions")  # by hand, the version number left as it was
    conn.close()
    Store(path, create=False, read_only=read_only).close()
    assert _schema_of(path) == complete


def test_a_read_only_store_refuses_writes_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store(path) as store:
        store.upsert_item(record(), T0)
    with Store(path, read_only=True) as store:
        assert store.count_items() == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.upsert_item(record(canonical_url="https://ccre-cemr.org/news/b/"), T1)
    with Store(path) as store:
        assert store.count_items() == 1
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "typo.db", read_only=True)
    assert not (tmp_path / "typo.db").exists()


def test_the_schema_version_follows_the_tables_not_their_descriptions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    columns = store_module.SCHEMA["sources"]["columns"]
    reworded = {**columns, "name": (str, "another description")}
    monkeypatch.setitem(store_module.SCHEMA["sources"], "columns", reworded)
    assert store_module._schema_version() == SCHEMA_VERSION
    monkeypatch.setitem(store_module.SCHEMA["sources"], "columns", {**columns, "new": (str, "x")})
    assert store_module._schema_version() != SCHEMA_VERSION
    monkeypatch.setitem(store_module.SCHEMA["sources"], "columns", columns)
    monkeypatch.setitem(store_module.INDEXES, "sources", (("name",),))
    assert store_module._schema_version() != SCHEMA_VERSION


def test_opening_the_file_again_keeps_the_locks_of_the_connections_already_open(
    tmp_path: Path,
) -> None:
    """A crawl opens a store per source: opening one must not cancel the others' locks
    (POSIX locks belong to the process: closing any descriptor of the file drops them), or
    another process closing the file believes it is the last one and deletes the WAL."""
    path = tmp_path / "t.db"
    with Store(path) as first:
        first.upsert_item(record(), T0)
        Store(path, create=False).close()
        code = (
            "import sqlite3, sys; conn = sqlite3.connect(sys.argv[1]); "
            "conn.execute('select count(*) from items').fetchone(); conn.close()"
        )
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
        assert Path(f"{path}-wal").exists(), "another process took this one's WAL away"
        assert first.count_items() == 1
