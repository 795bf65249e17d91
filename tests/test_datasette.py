"""Datasette as the analysts' front end, on a database filled by a real crawl of the mirror.

`aggregator datasette` runs in a subprocess on a free port of 127.0.0.1; the pages and the
JSON API are read over HTTP as an analyst's browser would.
"""

from __future__ import annotations

import html
import json
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregator.datasette import CANNED_QUERIES, metadata
from aggregator.store import SCHEMA, VIEWS, Store
from tests.conftest import REPO, crawl, stop

pytestmark = pytest.mark.crawl
STARTUP_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def crawled_db(mirror: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("datasette") / "news.db"
    crawl(db, mirror)
    return db


@pytest.fixture(scope="module")
def datasette(crawled_db: Path) -> Iterator[str]:
    """The base URL of `aggregator datasette` serving the crawled database."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aggregator.cli",
            "datasette",
            "--db",
            str(crawled_db),
            "--port",
            "0",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield _wait_for_url(proc)
    finally:
        stop(proc, timeout=20)


def _wait_for_url(proc: subprocess.Popen[str]) -> str:
    """Uvicorn's "running on http://127.0.0.1:PORT" line, within the startup timeout."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    deadline, seen = time.monotonic() + STARTUP_TIMEOUT_S, []
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            seen.append(lines.get(timeout=1))
        except queue.Empty:
            continue
        if match := re.search(r"running on (http://127\.0\.0\.1:\d+)", seen[-1]):
            return match[1]
    raise AssertionError("Datasette did not start:\n" + "".join(seen))


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def rows(url: str) -> list[dict[str, Any]]:
    sep = "&" if "?" in url else "?"
    return json.loads(get(f"{url}{sep}_shape=array&_size=max"))


@pytest.mark.parametrize("table", [*SCHEMA, *VIEWS])
def test_every_table_and_view_shows_its_descriptions(datasette: str, table: str) -> None:
    page = html.unescape(get(f"{datasette}/news/{table}"))
    doc = (SCHEMA.get(table) or VIEWS[table])["doc"]
    assert doc in page
    columns = SCHEMA[table]["columns"] if table in SCHEMA else VIEWS[table]["columns"]
    for column, described in columns.items():
        text = described[1] if isinstance(described, tuple) else described
        assert f"<dt>{column}</dt><dd>{text}</dd>" in page, column


def test_full_text_search_finds_a_stored_title(datasette: str, crawled_db: Path) -> None:
    with Store(crawled_db, create=False) as store:
        item = next(store.items(lang="fr"))
    word = max(re.findall(r"\w+", item["title"]), key=len)
    query = urllib.parse.quote(word)
    found = rows(f"{datasette}/news/items.json?_search={query}&_col=title")
    assert item["canonical_url"] in {r["canonical_url"] for r in found}
    # What an analyst types goes through Datasette's own escaping, as in `aggregator search`.
    assert rows(f"{datasette}/news/items.json?_search={urllib.parse.quote(chr(34) + 'AND (')}")
    assert rows(f"{datasette}/news/items.json?_search=covid-19")


def test_each_canned_query_answers(datasette: str, crawled_db: Path) -> None:
    with Store(crawled_db, create=False) as store:
        items = list(store.items())
        stories = store.story_items(s["story_id"] for s in store.stories())
        sources = set(store.sources())
    answers = {name: rows(f"{datasette}/news/{name}.json") for name in CANNED_QUERIES}

    both = {
        sid
        for sid, members in stories.items()
        if {"en", "fr"} <= {m["lang"] for m in members if m["story_relation"] != "alias"}
    }
    assert both and {r["story_id"] for r in answers["stories_in_both_languages"]} == both
    assert all(r["url_en"] and r["url_fr"] for r in answers["stories_in_both_languages"])

    per_month = answers["articles_per_source_and_month"]
    assert sum(r["articles"] for r in per_month) == sum(1 for i in items if i["published_at"])
    assert {r["source"] for r in per_month} == sources

    # The crawl just ran: every item is new this week.
    changed = answers["changed_this_week"]
    assert len(changed) == len(items) and {r["change"] for r in changed} == {"new"}

    runs = answers["last_runs"]
    assert {r["source"] for r in runs} == sources
    assert {r["status"] for r in runs} == {"finished"} and all(r["errors"] == 0 for r in runs)


def test_the_views_join_items_and_stories(datasette: str, crawled_db: Path) -> None:
    with Store(crawled_db, create=False) as store:
        count = store.count_items()
        story_count = store.count_stories()
    with_story = rows(f"{datasette}/news/items_with_story.json")
    assert len(with_story) == count and all(r["story_id"] and r["relation"] for r in with_story)
    versions = rows(f"{datasette}/news/story_versions.json")
    assert len(versions) == story_count
    assert sum(len(json.loads(v["versions"])) for v in versions) == count


def test_the_metadata_file_is_the_schema_and_the_docs(tmp_path: Path) -> None:
    from aggregator.cli import main

    path = tmp_path / "metadata.json"
    db = tmp_path / "aggregator.db"
    Store(db).close()
    assert main(["datasette", "--db", str(db), "--write-metadata", str(path)]) == 0
    written = json.loads(path.read_text())
    assert written == metadata("aggregator")
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for table, described in written["databases"]["aggregator"]["tables"].items():
        assert f"`{table}`" in docs and described["description"] in docs
        for column, text in described["columns"].items():
            assert f"| `{column}` |" in docs and text in docs
