"""The SQLite store (sqlite-utils): the only module that speaks SQL.

Analysts open the file directly, so the schema is explicit and documented in
docs/schema.md (generated from `SCHEMA`, checked by a test). Each write is its
own transaction in WAL mode: a crash mid-crawl loses at most the item being
written, and a reader never blocks the crawler.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import sqlite_utils

DEFAULT_DB_PATH = Path("data") / "aggregator.db"

# Columns whose change makes a new version of an item (the old one goes to item_versions).
VERSIONED_COLUMNS = ("title", "summary", "body")

# What grouping read of an item: when the item's row no longer gives this, it is grouped again.
_STATE = (
    "json_array(i.lang, coalesce(i.published_at, i.first_seen_at), i.translations, i.changed_at)"
)
_STORY_ROW_SQL = (
    "select i.canonical_url, i.source, i.lang, i.title, i.body, i.image, i.translations, "
    "coalesce(i.published_at, i.first_seen_at) as published_at, i.translation_sources, "
    f"case when m.item_state is {_STATE} then m.signature end as signature "
    "from items i left join story_members m using (canonical_url)"
)

# table -> (columns with SQLite types, primary key, one-line description per column)
SCHEMA: dict[str, dict[str, Any]] = {
    "sources": {
        "doc": "One row per configured source.",
        "pk": "key",
        "columns": {
            "key": (str, "source key: cemr, platforma, uclg, ogp, ..."),
            "name": (str, "organisation name"),
            "base_url": (str, "base URL of the last crawl (live site, mirror or rendition)"),
            "languages": (str, "JSON list of languages kept"),
            "last_crawled_at": (str, "end of the last finished crawl, ISO 8601 UTC"),
        },
    },
    "items": {
        "doc": "One row per article, keyed by its canonical URL; a re-crawl updates it in place.",
        "pk": "canonical_url",
        "columns": {
            "canonical_url": (str, "normalised canonical URL (the key)"),
            "source": (str, "source key"),
            "url": (str, "URL the article was last fetched from"),
            "content_type": (str, "html or pdf"),
            "title": (str, "clean title"),
            "summary": (str, "clean summary (the page's description, else its first paragraph)"),
            "summary_truncated": (int, "1 when the site cut the summary (… / ...)"),
            "body": (str, "main text, paragraphs separated by blank lines"),
            "tags": (str, "JSON list of tags"),
            "image": (str, "image URL"),
            "author": (str, "author when the page names one"),
            "lang": (str, "ISO 639-1 language of the text: en, fr, es, ..."),
            "lang_confidence": (float, "confidence of the language decision, 0..1"),
            "lang_source": (str, "what decided the language: page, text, page+text"),
            "published_at": (str, "publication date, ISO 8601 UTC"),
            "published_raw": (str, "the date as written where it was found"),
            "published_source": (str, "where the date was found: jsonld, og, time, listing, ..."),
            "published_rule": (str, "which parsing rule produced published_at"),
            "modified_at": (str, "last modification date when known, ISO 8601 UTC"),
            "modified_raw": (str, "the modification date as written"),
            "modified_source": (str, "where the modification date was found"),
            "translations": (str, "JSON object language -> URL of the page's other versions"),
            "translation_sources": (
                str,
                "JSON object language -> where that link was found: hreflang (head), jsonld, "
                "switcher (a CMS language switcher), anchor (a link saying its language), sitemap",
            ),
            "content_hash": (str, "hash of the normalised title and body"),
            "first_seen_at": (str, "first time the crawler stored it, ISO 8601 UTC"),
            "fetched_at": (str, "last time the crawler fetched it, ISO 8601 UTC"),
            "changed_at": (str, "last time its title, summary or body changed, ISO 8601 UTC"),
        },
    },
    "item_aliases": {
        "doc": "Every other URL under which an item was found.",
        "pk": "url",
        "columns": {
            "url": (str, "the other URL"),
            "canonical_url": (str, "the item it leads to"),
            "reason": (str, "why it is the same item: canonical_link, same_content, ..."),
            "seen_at": (str, "when it was first seen, ISO 8601 UTC"),
        },
    },
    "item_versions": {
        "doc": "Earlier versions of an item, kept when its title, summary or body changed.",
        "pk": "id",
        "columns": {
            "id": (int, "row id"),
            "canonical_url": (str, "the item"),
            "title": (str, "title of that version"),
            "summary": (str, "summary of that version"),
            "body": (str, "body of that version"),
            "content_hash": (str, "content hash of that version"),
            "seen_from": (str, "first time that version was fetched, ISO 8601 UTC"),
            "replaced_at": (str, "when a newer version replaced it, ISO 8601 UTC"),
        },
    },
    "stories": {
        "doc": "One row per story: the items that tell one piece of news (aliases, cross-posts, "
        "translations); derived from story_members.",
        "pk": "story_id",
        "columns": {
            "story_id": (str, "id derived from its earliest item's canonical URL (rebuild-stable)"),
            "original_url": (str, "canonical URL of its earliest item"),
            "title": (str, "title of the original"),
            "first_published_at": (str, "earliest publication of its items, ISO 8601 UTC"),
            "last_published_at": (str, "latest publication of its items, ISO 8601 UTC"),
            "languages": (str, "JSON list of its items' languages"),
            "sources": (str, "JSON list of its items' sources"),
            "item_count": (int, "items in the story"),
            "updated_at": (str, "when its items last changed, ISO 8601 UTC"),
        },
    },
    "story_members": {
        "doc": "Each item's story (exactly one), how it relates to it and why; kept apart from "
        "items so that grouping never rewrites the crawler's rows or their full-text index.",
        "pk": "canonical_url",
        "columns": {
            "canonical_url": (str, "the item"),
            "story_id": (str, "its story"),
            "relation": (str, "original, alias, cross-post or translation"),
            "evidence": (
                str,
                "JSON: the link that joined it (matched: the item it was joined to; link, "
                "found_in, link_from; slug; minhash_jaccard; shared, coverage, ...)",
            ),
            "signature": (bytes, "MinHash of title and body (128 uint32), reused by later runs"),
            "item_state": (
                str,
                "what grouping read of the item (language, date, links, last text change): "
                "when the item's row no longer matches it, the item is grouped again",
            ),
            "grouped_at": (str, "when it was last placed, ISO 8601 UTC"),
        },
    },
    "story_links": {
        "doc": "Every link found between two items (a < b), the strongest first making the "
        "stories; links a story refused (a second article of one site and language) are kept, "
        "so that a later change regroups exactly as a rebuild would.",
        "pk": ("a_url", "b_url"),
        "columns": {
            "a_url": (str, "one item (the smaller canonical URL)"),
            "b_url": (str, "the other item"),
            "relation": (str, "alias, cross-post or translation"),
            "score": (
                float,
                "strength: 3-3.15 declared link, 2.5 slug, 1-2.2 near-duplicate, <1.3 shared "
                "evidence",
            ),
            "evidence": (str, "JSON: what linked them"),
            "found_at": (str, "when the link was found, ISO 8601 UTC"),
        },
    },
    "language_links": {
        "doc": "The language links grouped items' pages declare, by loose URL key, so that a "
        "link is followed from either end whatever the time between the two items.",
        "pk": ("canonical_url", "lang"),
        "columns": {
            "canonical_url": (str, "the item whose page declares the link"),
            "lang": (str, "language of the linked version"),
            "url": (str, "the URL as found"),
            "url_key": (str, "the URL without scheme, www., query or trailing slash"),
            "found_in": (str, "hreflang, jsonld, switcher, anchor or sitemap"),
        },
    },
    "story_urls": {
        "doc": "Every URL of every grouped item (canonical, page, aliases) by loose URL key: "
        "where a declared language link lands.",
        "pk": "url_key",
        "columns": {
            "url_key": (str, "the URL without scheme, www., query or trailing slash"),
            "canonical_url": (str, "the item"),
        },
    },
    "story_moves": {
        "doc": "Items that changed story after they were first placed: from where, when, why.",
        "pk": "id",
        "columns": {
            "id": (int, "row id"),
            "canonical_url": (str, "the item"),
            "from_story": (str, "the story it left"),
            "to_story": (str, "the story it joined"),
            "moved_at": (str, "ISO 8601 UTC"),
            "reason": (
                str,
                "changed (its text, language, date or links changed), merged (its story was "
                "joined with another), split (the link holding it in its story went), rebuild",
            ),
        },
    },
    "crawl_runs": {
        "doc": "One row per crawl and source, with its counts; status tells unfinished runs.",
        "pk": "id",
        "columns": {
            "id": (int, "row id"),
            "run_id": (str, "id shared by the sources crawled in one command"),
            "source": (str, "source key"),
            "mode": (str, "recent or full"),
            "base_url": (str, "base URL crawled"),
            "started_at": (str, "ISO 8601 UTC"),
            "finished_at": (str, "ISO 8601 UTC; empty while running or after a crash"),
            "status": (str, "running, finished, failed, or interrupted (killed mid-crawl)"),
            "finish_reason": (str, "Scrapy's close reason"),
            "pages_fetched": (int, "responses downloaded"),
            "articles_seen": (int, "articles read from pages"),
            "items_new": (int, "items stored for the first time"),
            "items_updated": (int, "items whose content changed"),
            "items_unchanged": (int, "items re-crawled without change"),
            "duplicates_dropped": (int, "items dropped as duplicates within the run"),
            "not_news": (int, "pages skipped because they are not news"),
            "errors": (int, "download errors, HTTP errors and extraction errors"),
            "share_title": (float, "share of items with a title"),
            "share_date": (float, "share of items with a publication date"),
            "share_lang": (float, "share of items with a language"),
            "share_body": (float, "share of items with a body over 200 characters"),
            "share_canonical": (float, "share of items with a canonical link on the page"),
        },
    },
}


class StoreError(RuntimeError):
    """The database cannot be used (corrupt, not a database, locked)."""


class Store:
    """The aggregator's database: items, their aliases and versions, sources, crawl runs."""

    def __init__(self, path: Path | str = DEFAULT_DB_PATH, *, verify: bool = False) -> None:
        """Open (or create) the database; `verify` also scans it for damage.

        The scan reads the whole file, so commands do it once on entry, not every
        component that opens the store during a crawl; a file that is not a
        database at all fails here either way, on reading its schema.
        """
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite_utils.Database(self.path)
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("select count(*) from sqlite_master").fetchone()
            result = self.db.execute("PRAGMA quick_check").fetchone() if verify else ("ok",)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable SQLite database: {exc}") from exc
        if result and result[0] != "ok":
            raise StoreError(f"{self.path} is damaged ({result[0]}); restore it or move it away")
        self.db.enable_wal()
        self.ensure_schema()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Create missing tables, columns, indexes and the full-text index."""
        for name, table in SCHEMA.items():
            columns = {col: kind for col, (kind, _doc) in table["columns"].items()}
            if not self.db[name].exists():
                pk = table["pk"]
                self.db[name].create(columns, pk=pk, not_null=set(_pk_columns(pk)))
            else:
                existing = set(self.db[name].columns_dict)
                for col, kind in columns.items():
                    if col not in existing:
                        self.db[name].add_column(col, kind)
        self.db["items"].create_index(["source", "published_at"], if_not_exists=True)
        self.db["items"].create_index(["content_hash"], if_not_exists=True)
        self.db["items"].create_index(["published_at"], if_not_exists=True)
        self.db["item_aliases"].create_index(["canonical_url"], if_not_exists=True)
        self.db["item_versions"].create_index(["canonical_url"], if_not_exists=True)
        self.db["crawl_runs"].create_index(["source", "started_at"], if_not_exists=True)
        self.db["story_members"].create_index(["story_id"], if_not_exists=True)
        self.db["story_links"].create_index(["b_url"], if_not_exists=True)
        self.db["language_links"].create_index(["url_key"], if_not_exists=True)
        self.db["story_urls"].create_index(["canonical_url"], if_not_exists=True)
        self.db["story_moves"].create_index(["canonical_url"], if_not_exists=True)
        self.db["stories"].create_index(["first_published_at"], if_not_exists=True)
        if not self.db["items_fts"].exists():
            self.db["items"].enable_fts(
                ["title", "summary", "body"],
                create_triggers=True,
                tokenize="unicode61 remove_diacritics 2",
            )

    # -- sources and runs ------------------------------------------------------

    def upsert_sources(self, sources: Iterable[Mapping[str, Any]]) -> None:
        for source in sources:
            record = dict(source)
            record["languages"] = json.dumps(list(record.get("languages", [])))
            self.db["sources"].upsert(record, pk="key")

    def start_run(self, run_id: str, source: str, mode: str, base_url: str, at: str) -> int:
        """Record a run as running; a run of this source still 'running' died: mark it so."""
        table = self.db["crawl_runs"]
        self.db.execute(
            "update crawl_runs set status = 'interrupted' where source = ? and status = 'running'",
            [source],
        )
        table.insert(
            {
                "run_id": run_id,
                "source": source,
                "mode": mode,
                "base_url": base_url,
                "started_at": at,
                "status": "running",
            }
        )
        return int(table.last_pk)

    def finish_run(self, row_id: int, counts: Mapping[str, Any], status: str, at: str) -> None:
        self.db["crawl_runs"].update(row_id, {**counts, "status": status, "finished_at": at})
        source = self.db["crawl_runs"].get(row_id)["source"]
        if status == "finished" and self.db["sources"].exists():
            rows = list(self.db["sources"].rows_where("key = ?", [source]))
            if rows:
                self.db["sources"].update(source, {"last_crawled_at": at})

    def runs(self, run_id: str) -> list[dict[str, Any]]:
        return list(self.db["crawl_runs"].rows_where("run_id = ?", [run_id], order_by="source"))

    # -- items -------------------------------------------------------------------

    def get_item(self, canonical_url: str) -> dict[str, Any] | None:
        try:
            return self.db["items"].get(canonical_url)
        except sqlite_utils.db.NotFoundError:
            return None

    def resolve(self, url: str) -> str | None:
        """The canonical URL of the item a URL (canonical or alias) belongs to."""
        if self.get_item(url):
            return url
        row = self.db.execute(
            "select canonical_url from item_aliases where url = ?", [url]
        ).fetchone()
        return row[0] if row else None

    def find_by_content_hash(self, content_hash: str, source: str) -> str | None:
        """Canonical URL of an item of that source with the same content, if any."""
        row = self.db.execute(
            "select canonical_url from items where content_hash = ? and source = ? limit 1",
            [content_hash, source],
        ).fetchone()
        return row[0] if row else None

    def add_alias(self, url: str, canonical_url: str, reason: str, at: str) -> None:
        if url == canonical_url:
            return
        self.db["item_aliases"].insert(
            {"url": url, "canonical_url": canonical_url, "reason": reason, "seen_at": at},
            pk="url",
            ignore=True,
        )

    def known_urls(self, source: str) -> dict[str, str]:
        """Every URL (canonical and aliases) of a source's items -> when last fetched."""
        known: dict[str, str] = {}
        for url, fetched_at, page_url in self.db.execute(
            "select canonical_url, fetched_at, url from items where source = ?", [source]
        ):
            known[url] = fetched_at or ""
            known[page_url] = fetched_at or ""
        for url, fetched_at in self.db.execute(
            "select a.url, i.fetched_at from item_aliases a join items i "
            "on a.canonical_url = i.canonical_url where i.source = ?",
            [source],
        ):
            known[url] = fetched_at or ""
        return known

    def upsert_item(self, record: Mapping[str, Any], at: str) -> str:
        """Insert or update one item; returns "new", "updated" or "unchanged".

        An unchanged re-crawl only moves `fetched_at`; a change of title, summary
        or body keeps the previous version in item_versions.
        """
        row = {k: _to_column(v) for k, v in record.items() if k in SCHEMA["items"]["columns"]}
        key = row["canonical_url"]
        with self.db.conn:
            old = self.get_item(key)
            if old is None:
                row.update(first_seen_at=at, changed_at=at)
                self.db["items"].insert(row, pk="canonical_url")
                return "new"
            changed = any((old.get(c) or "") != (row.get(c) or "") for c in VERSIONED_COLUMNS)
            if changed:
                self.db["item_versions"].insert(
                    {
                        "canonical_url": key,
                        **{c: old.get(c) for c in VERSIONED_COLUMNS},
                        "content_hash": old.get("content_hash"),
                        "seen_from": old.get("changed_at") or old.get("first_seen_at"),
                        "replaced_at": at,
                    }
                )
                row["changed_at"] = at
                self.db["items"].update(key, row)
                return "updated"
            others = {k: v for k, v in row.items() if k not in VERSIONED_COLUMNS}
            if any(old.get(k) != v for k, v in others.items() if k != "fetched_at"):
                self.db["items"].update(key, others)
            else:
                self.db["items"].update(key, {"fetched_at": row.get("fetched_at")})
            return "unchanged"

    def items(
        self, *, lang: str | None = None, source: str | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Items newest first (by publication date), optionally one language or source."""
        where, params = [], []
        if lang:
            where.append("lang = ?")
            params.append(lang)
        if source:
            where.append("source = ?")
            params.append(source)
        yield from self.db["items"].rows_where(
            " and ".join(where) or None,
            params,
            order_by="coalesce(published_at, first_seen_at) desc, canonical_url",
            limit=limit,
        )

    def count_items(self, source: str | None = None) -> int:
        if source:
            return self.db["items"].count_where("source = ?", [source])
        return self.db["items"].count

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over title, summary and body (accents ignored)."""
        return list(self.db["items"].search(query, limit=limit))

    # -- stories -----------------------------------------------------------------------

    def items_to_group(self, *, everything: bool = False) -> list[dict[str, Any]]:
        """Items grouping must place, in grouping order (publication date, then URL).

        Those without a story, and those whose language, date, links or text changed since
        they were placed (every item with `everything`). Light rows, without the text:
        canonical_url, published_at, translations, aliases and item_state.
        """
        where = "1" if everything else f"m.canonical_url is null or m.item_state is not {_STATE}"
        rows = self._dicts(
            "select i.canonical_url, coalesce(i.published_at, i.first_seen_at) as published_at, "
            f"i.translations, {_STATE} as item_state from items i "
            f"left join story_members m using (canonical_url) where {where} order by 2, 1",
            [],
        )
        return self._with_links(rows)

    def story_rows(self, canonical_urls: Iterable[str]) -> list[dict[str, Any]]:
        """What grouping reads of these items, in grouping order.

        The stored MinHash (`signature`) comes only with items unchanged since they were placed.
        """
        keys = list(canonical_urls)
        rows: list[dict[str, Any]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows += self._dicts(
                f"{_STORY_ROW_SQL} where i.canonical_url in ({','.join('?' * len(chunk))})", chunk
            )
        rows.sort(key=lambda r: (r["published_at"] or "", r["canonical_url"]))
        return self._with_links(rows)

    def placed_items_between(self, start_at: str, end_at: str) -> Iterator[dict[str, Any]]:
        """Placed items unchanged since, published in [start_at, end_at], in grouping order."""
        cursor = self.db.execute(
            f"{_STORY_ROW_SQL} where m.item_state is {_STATE} "
            "and coalesce(i.published_at, i.first_seen_at) between ? and ? "
            "order by coalesce(i.published_at, i.first_seen_at), i.canonical_url",
            [start_at, end_at],
        )
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(500):
            yield from self._with_links([dict(zip(names, row, strict=True)) for row in chunk])

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _with_links(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        aliases = self.aliases_of([r["canonical_url"] for r in rows])
        for row in rows:
            row["aliases"] = aliases.get(row["canonical_url"], [])
            for name in ("translations", "translation_sources"):
                if name in row:
                    row[name] = json.loads(row[name] or "{}")
        return rows

    def aliases_of(self, canonical_urls: Iterable[str]) -> dict[str, list[str]]:
        """Every alias URL of the given items (the item's own page URL included)."""
        keys = list(canonical_urls)
        out: dict[str, list[str]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, url in self.db.execute(
                f"select canonical_url, url from item_aliases where canonical_url in ({marks}) "
                f"union all select canonical_url, url from items where canonical_url in ({marks}) "
                "and url is not null and url != canonical_url",
                chunk + chunk,
            ):
                out.setdefault(key, []).append(url)
        return out

    def placed_items_linked_with(
        self, link_keys: Iterable[str], own_keys: Iterable[str]
    ) -> set[str]:
        """Placed items found at these link targets, or whose pages link to these URLs."""
        found: set[str] = set()
        for table, keys in (("story_urls", list(link_keys)), ("language_links", list(own_keys))):
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found.update(
                    url
                    for (url,) in self.db.execute(
                        f"select canonical_url from {table} "
                        f"where url_key in ({','.join('?' * len(chunk))})",
                        chunk,
                    )
                )
        return found

    def save_story_links(
        self,
        canonical_urls: Iterable[str],
        links: Iterable[Mapping[str, Any]],
        language_links: Iterable[Mapping[str, Any]],
        url_keys: Iterable[Mapping[str, Any]],
    ) -> set[str]:
        """Replace what these items link to and are found at; return the items they linked before.

        `links` are story_links rows; `language_links` and `url_keys` rows of the tables of
        those names.
        """
        keys = list(canonical_urls)
        before: set[str] = set()
        with self.db.conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                touching = f"from story_links where a_url in ({marks}) or b_url in ({marks})"
                for a, b in self.db.execute(f"select a_url, b_url {touching}", chunk + chunk):
                    before.update((a, b))
                self.db.execute(f"delete {touching}", chunk + chunk)
                for table in ("language_links", "story_urls"):
                    self.db.execute(f"delete from {table} where canonical_url in ({marks})", chunk)
            self._replace_rows("story_links", links)
            self._replace_rows("language_links", language_links)
            self._replace_rows("story_urls", url_keys)
        return before - set(keys)

    def clear_story_links(self) -> None:
        """Forget every link found, for a rebuild (stories stay until they are replaced)."""
        with self.db.conn:
            for table in ("story_links", "language_links", "story_urls"):
                self.db.execute(f"delete from {table}")

    def linked_component(
        self, canonical_urls: Iterable[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every item reachable from these through story_links, and those links."""
        seen = set(canonical_urls)
        frontier = list(seen)
        links: dict[tuple[str, str], dict[str, Any]] = {}
        while frontier:
            reached: set[str] = set()
            for start in range(0, len(frontier), 500):
                chunk = frontier[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in self._dicts(
                    f"select * from story_links where a_url in ({marks}) or b_url in ({marks})",
                    chunk + chunk,
                ):
                    links[(row["a_url"], row["b_url"])] = row
                    reached.update((row["a_url"], row["b_url"]))
            frontier = sorted(reached - seen)
            seen |= reached
        nodes: list[dict[str, Any]] = []
        keys = sorted(seen)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            nodes += self._dicts(
                "select canonical_url, source, lang, coalesce(published_at, first_seen_at) "
                f"as published_at from items where canonical_url in ({','.join('?' * len(chunk))})",
                chunk,
            )
        for row in links.values():
            row["evidence"] = json.loads(row["evidence"] or "{}")
        return nodes, list(links.values())

    def placements(self, canonical_urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Each placed item's story_id, relation and evidence (JSON text)."""
        keys = list(canonical_urls)
        out: dict[str, dict[str, Any]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for row in self._dicts(
                "select canonical_url, story_id, relation, evidence from story_members "
                f"where canonical_url in ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[row["canonical_url"]] = row
        return out

    def place_items(
        self, members: Iterable[Mapping[str, Any]], moves: Iterable[Mapping[str, Any]], at: str
    ) -> None:
        """Write items' places and their moves, then refresh the stories they left or joined.

        A member with every story_members column is written whole; one with only
        canonical_url, story_id, relation and evidence updates those. One transaction.
        """
        columns = SCHEMA["story_members"]["columns"]
        moved = list(moves)
        whole, places = [], []
        for member in members:
            if len(member) == len(columns):
                whole.append(member)
            else:
                places.append(
                    [_to_column(member[c]) for c in ("story_id", "relation", "evidence")]
                    + [member["canonical_url"]]
                )
        if not whole and not places:
            return
        with self.db.conn:
            self._replace_rows("story_members", whole)
            self.db.conn.executemany(
                "update story_members set story_id = ?, relation = ?, evidence = ? "
                "where canonical_url = ?",
                places,
            )
            self.db["story_moves"].insert_all(moved)
            touched = {m["story_id"] for m in whole} | {place[0] for place in places}
            touched |= {m["from_story"] for m in moved}
            ordered = sorted(touched)
            for start in range(0, len(ordered), 500):
                self._refresh_stories(ordered[start : start + 500], at)

    def _replace_rows(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert or replace whole rows of a SCHEMA table (every column given), in bulk."""
        columns = list(SCHEMA[table]["columns"])
        self.db.conn.executemany(
            f"insert or replace into {table} ({', '.join(columns)}) "
            f"values ({', '.join('?' * len(columns))})",
            ([_to_column(row[c]) for c in columns] for row in rows),
        )

    def _refresh_stories(self, story_ids: list[str], at: str) -> None:
        """Recompute these stories from their members; drop those left empty."""
        marks = ",".join("?" * len(story_ids))
        cursor = self.db.execute(
            "select m.story_id, min(coalesce(i.published_at, i.first_seen_at)), "
            "max(coalesce(i.published_at, i.first_seen_at)), count(*), "
            "json_group_array(distinct i.lang), json_group_array(distinct i.source), "
            "max(case when m.relation = 'original' then i.canonical_url end), "
            "max(case when m.relation = 'original' then i.title end) "
            "from story_members m join items i using (canonical_url) "
            f"where m.story_id in ({marks}) group by m.story_id",
            story_ids,
        )
        records = [
            {
                "story_id": sid,
                "first_published_at": first,
                "last_published_at": last,
                "item_count": count,
                "languages": json.dumps(sorted(x for x in json.loads(langs) if x)),
                "sources": json.dumps(sorted(x for x in json.loads(sources) if x)),
                "original_url": original,
                "title": title,
                "updated_at": at,
            }
            for sid, first, last, count, langs, sources, original, title in cursor.fetchall()
        ]
        self.db.execute(f"delete from stories where story_id in ({marks})", story_ids)
        self.db["stories"].insert_all(records, pk="story_id", replace=True)

    def story_of(self, url: str) -> tuple[str, str] | None:
        """(canonical URL, story id) of the grouped item a URL or alias leads to."""
        key = self.resolve(url)
        if key is None:
            return None
        row = self.db.execute(
            "select story_id from story_members where canonical_url = ?", [key]
        ).fetchone()
        return (key, row[0]) if row else None

    def stories(self, *, lang: str | None = None, limit: int | None = None) -> list[dict]:
        """Stories newest first; with `lang`, only those with a version in that language."""
        where, params = None, []
        if lang:
            where, params = "exists (select 1 from json_each(languages) where value = ?)", [lang]
        return list(
            self.db["stories"].rows_where(
                where, params, order_by="first_published_at desc, story_id", limit=limit
            )
        )

    def story_items(self, story_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The items of each story, in publication order, with their relation and evidence."""
        ids = list(story_ids)
        out: dict[str, list[dict[str, Any]]] = {sid: [] for sid in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor = self.db.execute(
                "select i.*, m.story_id, m.relation as story_relation, "
                "m.evidence as story_evidence from story_members m join items i "
                f"using (canonical_url) where m.story_id in ({','.join('?' * len(chunk))}) "
                "order by coalesce(i.published_at, i.first_seen_at), i.canonical_url",
                chunk,
            )
            names = [d[0] for d in cursor.description]
            for row in cursor:
                record = dict(zip(names, row, strict=True))
                out[record["story_id"]].append(record)
        return out

    def count_stories(self) -> int:
        return self.db["stories"].count


def _pk_columns(pk: str | tuple[str, ...]) -> tuple[str, ...]:
    return (pk,) if isinstance(pk, str) else pk


def _to_column(value: Any) -> Any:
    """Lists and dicts are stored as JSON text; booleans as 0/1."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    if isinstance(value, bool):
        return int(value)
    return value


def schema_markdown() -> str:
    """docs/schema.md, generated from SCHEMA so the documentation cannot drift from the code."""
    lines = [
        "# Database schema",
        "",
        "Generated from `aggregator/store.py` by `python -m aggregator.store > docs/schema.md`;",
        "a test fails when this file and the code disagree. Times are ISO 8601 UTC;",
        "JSON columns hold JSON text. `items_fts` is a full-text index (FTS5, accents",
        "ignored) over items' title, summary and body, kept in sync by triggers.",
        "",
    ]
    for name, table in SCHEMA.items():
        lines += [f"## `{name}`", "", table["doc"], ""]
        lines += ["| column | type | meaning |", "| --- | --- | --- |"]
        for col, (kind, doc) in table["columns"].items():
            key = " (primary key)" if col in _pk_columns(table["pk"]) else ""
            sql_type = {str: "TEXT", int: "INTEGER", float: "REAL", bytes: "BLOB"}[kind]
            lines.append(f"| `{col}` | {sql_type} | {doc}{key} |")
        lines.append("")
    lines += [
        "## Example queries",
        "",
        "```sql",
        "-- articles per source and language",
        "select source, lang, count(*) from items group by source, lang;",
        "-- full-text search, accents ignored",
        "select i.title, i.canonical_url from items_fts f join items i on i.rowid = f.rowid",
        "  where items_fts match 'democratie locale' order by rank limit 10;",
        "-- stories told in both languages, with their versions",
        "select s.title, count(*) from stories s join story_members m using (story_id)",
        "  where s.languages like '%en%' and s.languages like '%fr%' group by s.story_id;",
        "-- the last run of each source",
        "select source, status, items_new, errors, finished_at from crawl_runs",
        "  where id in (select max(id) from crawl_runs group by source);",
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(schema_markdown(), end="")
