"""The SQLite store: the only module that speaks SQL.

Analysts open the file directly, so the schema is explicit and documented in
docs/schema.md (generated from `SCHEMA`, checked by a test). The file is in WAL mode, so a
reader never blocks the crawler. A crawl writes its items in batches, each one transaction
(`upsert_items`): a crash mid-crawl loses at most the batch being written, whose pages the
next crawl fetches again.

Reads and most writes are plain SQL on the standard library's sqlite3 connection
(`Store.conn`). sqlite-utils (`Store.db`, over the same connection) creates and alters the
schema and inserts or upserts rows given as dicts; it is imported on first use, so a command
that only reads (search, digest) starts without it and the numpy it imports. The file
records the version of the schema it was brought to (`PRAGMA user_version`): an open checks
that number and the names in `sqlite_master`, and creates or alters the schema only when
they disagree.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    f"{_STATE} as item_state, case when m.item_state is {_STATE} then m.signature end as signature "
    "from items i left join story_members m using (canonical_url)"
)

# Keys bound per `in (...)` list. Some queries bind a chunk twice: 1,000 parameters, within
# SQLite's limit on bound parameters since SQLite 3.32 (32,766; it was 999 before).
_CHUNK = 500


def _chunks(keys: Iterable[Any]) -> Iterator[tuple[list[Any], str]]:
    """The keys `_CHUNK` at a time, each chunk with its placeholders for `in (...)`: "?,?,?"."""
    keys = list(keys)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        yield chunk, ",".join("?" * len(chunk))


URL_KEY_DOC = "the URL without scheme, www., trailing slash or parameters but a page's (?page=2)"
# table -> (columns with SQLite types, primary key, one-line description per column)
SCHEMA: dict[str, dict[str, Any]] = {
    "sources": {
        "doc": "One row per configured source.",
        "pk": "key",
        "columns": {
            "key": (str, "source key: cemr, platforma, uclg, ogp, ..."),
            "name": (str, "organisation name"),
            "base_url": (str, "base URL of the last crawl (live site, mirror or rendition)"),
            "home_url": (str, "the same as the feeds name the site: canonical, `https://host/`"),
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
            "published_local": (
                str,
                "publication date as the site wrote it: ISO 8601 with its own offset "
                "(2023-11-08T21:24:10-05:00), or only the day when it gave no time",
            ),
            "published_day": (
                str,
                "the site's calendar day of publication, YYYY-MM-DD: count articles per day "
                "by this (a date-only stamp keeps its day; a time written in UTC takes the "
                "day the page shows)",
            ),
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
                "when the item's row no longer matches it, or it is empty (the item got "
                "another URL), the item is grouped again",
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
            "url_key": (str, URL_KEY_DOC),
            "found_in": (str, "hreflang, jsonld, switcher, anchor or sitemap"),
        },
    },
    "story_urls": {
        "doc": "Every URL of every grouped item (canonical, page, aliases) by loose URL key: "
        "where a declared language link lands.",
        "pk": "url_key",
        "columns": {
            "url_key": (str, URL_KEY_DOC),
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
    "pages": {
        "doc": "Every URL a source's feeds, sitemaps and listings named, what its page turned out "
        "to be and what the site last said about it; a daily run does not fetch a known "
        "non-article again unless the site says it changed.",
        "pk": "url",
        "columns": {
            "url": (str, "the URL as the site named it"),
            "source": (str, "source key"),
            "kind": (
                str,
                "article, listing, other (not news), feed, sitemap, or missing (a 404 probe)",
            ),
            "reason": (str, "why: the page verdict's signals, or the HTTP status or error"),
            "item_url": (str, "canonical URL of the item it became (articles)"),
            "found_by": (str, "JSON list of the channels that named it last (feed, sitemap, ...)"),
            "first_seen_at": (str, "first time a channel named it, ISO 8601 UTC"),
            "last_seen_at": (str, "last time a channel named it, ISO 8601 UTC"),
            "fetched_at": (str, "last time it was fetched, ISO 8601 UTC"),
            "status": (int, "HTTP status of the last fetch"),
            "etag": (str, "the ETag header of the last full response"),
            "last_modified": (str, "the Last-Modified header of the last full response"),
            "lastmod": (str, "the sitemap's <lastmod> for it, as last seen"),
            "feed_updated": (str, "the feed entry's updated/published date, as last seen"),
            "declared_modified": (str, "the page's own modification date, as last read"),
            "failures": (int, "fetches that failed in a row (0 after a success)"),
            "retry_at": (str, "not fetched again before this time (backing off), ISO 8601 UTC"),
        },
    },
    "fetch_errors": {
        "doc": "Every URL a crawl could not fetch or read, with the cause and what was lost.",
        "pk": "id",
        "columns": {
            "id": (int, "row id"),
            "run": (int, "the crawl_runs row of the crawl"),
            "source": (str, "source key"),
            "url": (str, "the URL"),
            "kind": (str, "what it was fetched as: page, feed, sitemap, listing"),
            "status": (int, "HTTP status, when the site answered"),
            "error": (str, "the cause: HTTP status, timeout, size limit, redirect loop, ..."),
            "lost": (str, "what the crawl could not get because of it"),
            "at": (str, "when, ISO 8601 UTC"),
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
            "status": (
                str,
                "running, finished, degraded (far fewer articles than usual), failed, "
                "or interrupted (killed mid-crawl)",
            ),
            "finish_reason": (str, "Scrapy's close reason"),
            "pages_fetched": (int, "responses received from the site (304s included)"),
            "pages_ok": (int, "of those, pages (2xx) and 304s: not errors"),
            "requests_conditional": (int, "requests sent with If-None-Match / If-Modified-Since"),
            "not_modified": (int, "requests the site answered 304 Not Modified"),
            "articles_seen": (int, "articles read from pages"),
            "items_new": (int, "items stored for the first time"),
            "items_updated": (int, "items whose content changed"),
            "items_unchanged": (int, "items re-crawled without change"),
            "duplicates_dropped": (int, "items dropped as duplicates within the run"),
            "not_news": (int, "pages fetched and refused as articles by their own signals"),
            "candidates": (int, "distinct URLs the site's feeds, sitemaps and listings named"),
            "articles_named": (int, "articles the site named: read this run or known unchanged"),
            "problem": (str, "why the run failed or is degraded; empty when healthy"),
            "errors": (int, "download errors, HTTP errors and extraction errors"),
            "share_title": (float, "share of items with a title"),
            "share_date": (float, "share of items with a publication date"),
            "share_lang": (float, "share of items with a language"),
            "share_body": (float, "share of items with a body over 200 characters"),
            "share_canonical": (float, "share of items with a canonical link on the page"),
        },
    },
}


# table -> the columns of each of its indexes (named idx_<table>_<columns>, sqlite-utils' way).
INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "items": (("source", "published_at"), ("content_hash",), ("published_at",), ("published_day",)),
    "item_aliases": (("canonical_url",),),
    "item_versions": (("canonical_url",),),
    "crawl_runs": (("source", "started_at"),),
    "pages": (("source", "kind"),),
    "fetch_errors": (("run",),),
    "story_members": (("story_id",),),
    "story_links": (("b_url",),),
    "language_links": (("url_key",),),
    "story_urls": (("canonical_url",),),
    "story_moves": (("canonical_url",),),
    "stories": (("first_published_at",),),
}
# The full-text index over items, kept in sync by triggers.
FTS_TABLE = "items_fts"
FTS_COLUMNS = ("title", "summary", "body")
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

# view -> (its SELECT, description, one-line description per column): the joins an analyst
# would otherwise write first; created by the store, documented in docs/schema.md.
VIEWS: dict[str, dict[str, Any]] = {
    "items_with_story": {
        "doc": "Each item with its story, how it relates to it (original, alias, cross-post, "
        "translation) and the story's title.",
        "sql": """select i.canonical_url, i.source, i.lang, i.title, i.published_at, i.summary,
  m.story_id, m.relation, s.title as story_title, s.languages as story_languages,
  s.item_count as story_item_count
from items i
left join story_members m on m.canonical_url = i.canonical_url
left join stories s on s.story_id = m.story_id""",
        "columns": {
            "canonical_url": "the item",
            "source": "source key",
            "lang": "language of the item",
            "title": "title of the item",
            "published_at": "publication date, ISO 8601 UTC",
            "summary": "summary of the item",
            "story_id": "its story (empty until grouped)",
            "relation": "original, alias, cross-post or translation",
            "story_title": "title of the story's original",
            "story_languages": "JSON list of the story's languages",
            "story_item_count": "items in the story",
        },
    },
    "story_versions": {
        "doc": "One row per story with its first version in English and in French, and every "
        "version as a JSON list.",
        "sql": """with firsts as (
  select m.story_id, i.lang, i.title, i.canonical_url,
    row_number() over (partition by m.story_id, i.lang
                       order by i.published_at, i.canonical_url) as n
  from story_members m join items i on i.canonical_url = m.canonical_url
  where m.relation != 'alias')
select s.story_id, s.title, s.first_published_at, s.languages, s.sources, s.item_count,
  en.title as title_en, en.canonical_url as url_en,
  fr.title as title_fr, fr.canonical_url as url_fr,
  (select json_group_array(json_object('lang', i.lang, 'source', i.source,
     'relation', m.relation, 'url', i.canonical_url, 'title', i.title))
   from story_members m join items i on i.canonical_url = m.canonical_url
   where m.story_id = s.story_id) as versions
from stories s
left join firsts en on en.story_id = s.story_id and en.lang = 'en' and en.n = 1
left join firsts fr on fr.story_id = s.story_id and fr.lang = 'fr' and fr.n = 1""",
        "columns": {
            "story_id": "the story",
            "title": "title of its original",
            "first_published_at": "earliest publication of its items, ISO 8601 UTC",
            "languages": "JSON list of its languages",
            "sources": "JSON list of its sources",
            "item_count": "items in the story",
            "title_en": "title of its first English version (not an alias)",
            "url_en": "canonical URL of that English version",
            "title_fr": "title of its first French version (not an alias)",
            "url_fr": "canonical URL of that French version",
            "versions": "JSON list of every item: lang, source, relation, url, title",
        },
    },
}


# An item that gets another URL (an alias, a new page URL, a move) is grouped again: its
# URLs are where other pages' language links land (story_urls). Triggers, so that no
# writer of URLs can forget it.
_REGROUP = "update story_members set item_state = null where canonical_url = new.canonical_url"
TRIGGERS: dict[str, dict[str, str]] = {
    "regroup_on_new_alias": {
        "doc": "An alias added to an item empties its story_members.item_state.",
        "sql": f"after insert on item_aliases begin {_REGROUP}; end",
    },
    "regroup_on_new_page_url": {
        "doc": "A new page URL of an item empties its story_members.item_state.",
        "sql": f"after update of url on items when new.url is not old.url begin {_REGROUP}; end",
    },
}


def _index_name(table: str, columns: tuple[str, ...]) -> str:
    return f"idx_{table}_{'_'.join(columns)}"


def _schema_version() -> int:
    """A number that changes whenever the tables, indexes, full-text index or views do (not
    their descriptions): stored as the file's `user_version` once its schema is brought to it."""
    shape = (
        [(name, t["pk"], [(c, kind.__name__) for c, (kind, _) in t["columns"].items()])
         for name, t in SCHEMA.items()],
        INDEXES, FTS_TABLE, FTS_COLUMNS, FTS_TOKENIZE,
        [(name, view["sql"]) for name, view in VIEWS.items()],
        [(name, trigger["sql"]) for name, trigger in TRIGGERS.items()],
    )  # fmt: skip
    return zlib.crc32(repr(shape).encode()) & 0x7FFFFFFF or 1  # 0 is a file never brought up


SCHEMA_VERSION = _schema_version()
# Every table, index and view an open expects to find in sqlite_master.
SCHEMA_NAMES = frozenset(
    [*SCHEMA, FTS_TABLE, *VIEWS, *TRIGGERS]
    + [_index_name(table, columns) for table, indexes in INDEXES.items() for columns in indexes]
)


class StoreError(RuntimeError):
    """The database cannot be used (corrupt, not a database, locked)."""


class SearchError(StoreError):
    """A search query that SQLite's full-text index cannot run."""


class Store:
    """The aggregator's database: items with their aliases and versions, the stories that
    group them (members, links, moves), the pages each source named, fetch errors, sources
    and crawl runs."""

    def __init__(
        self,
        path: Path | str = DEFAULT_DB_PATH,
        *,
        verify: bool = False,
        create: bool = True,
        read_only: bool = False,
    ) -> None:
        """Open (or create) the database, after a cheap check of its size and schema.

        Commands that only read (search, runs, the digest's reading) pass `read_only`: the
        file must exist (a mistyped path is an error, not a new empty database) and SQLite
        refuses every write; a schema older than the code is brought up to date first when
        the file can be written, else read as it is. `create=False` opens an existing file
        for writing. `verify` also scans every page for damage (`damage`), before the schema
        is touched, and refuses a damaged file: `aggregator verify` opens with it. It reads
        the whole file, so it is not done on every open (a crawl calls `damage` itself, only
        after an unclean shutdown).
        """
        self.path = Path(path)
        if (read_only or not create) and not self.path.is_file():
            raise StoreError(f"{self.path} does not exist (crawl first, or pass --db FILE)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        names = self._connect(read_only)
        if verify and (damage := self.damage()):
            self.conn.close()
            raise StoreError(f"{self.path} is damaged ({damage}); restore it or move it away")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        up_to_date = version == SCHEMA_VERSION and SCHEMA_NAMES.issubset(names)
        if read_only:
            if not up_to_date and self._bring_schema_up_to_date():
                self.conn.close()
                self._connect(read_only)
            return
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = wal")
        # WAL with NORMAL: a commit survives the process being killed (not a power cut in
        # its last moments), without an fsync per transaction.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        if not up_to_date:
            self.ensure_schema()

    def _connect(self, read_only: bool) -> set[str]:
        """Connect (read-only through SQLite's URI), and read the names in sqlite_master."""
        try:
            if read_only:
                self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                self.conn = sqlite3.connect(self.path)
            return self._first_read()
        except sqlite3.DatabaseError as exc:
            problem = header_problem(self.path) or f"is not a usable SQLite database: {exc}"
            raise StoreError(f"{self.path} {problem}; restore it or move it away") from exc

    def _bring_schema_up_to_date(self) -> bool:
        """For a read-only open of a file an older version wrote: whether its schema could
        be brought up to date (not when the file or its folder cannot be written)."""
        try:
            Store(self.path, create=False).close()
        except (StoreError, sqlite3.OperationalError):
            return False
        return True

    def _first_read(self) -> set[str]:
        """The names in sqlite_master. SQLite checks the header at this first read: a file
        shorter than the pages its header declares (a copy cut short, a full disk) is
        "malformed" here. The connection is closed when the file is refused."""
        try:
            self.conn.execute("PRAGMA busy_timeout = 10000")
            return {row[0] for row in self.conn.execute("select name from sqlite_master")}
        except sqlite3.DatabaseError:
            self.conn.close()
            raise

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes and schema changes."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def damage(self) -> str | None:
        """What SQLite's integrity check finds wrong (it reads every page), or None."""
        try:
            found = [row[0] for row in self.conn.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None if found == ["ok"] else "; ".join(found)

    def has_unfinished_runs(self) -> bool:
        """True when a crawl was left `running`: it died, and may have left damage."""
        return bool(
            self._value("select exists (select 1 from crawl_runs where status = ?)", ["running"])
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Create missing tables, columns, indexes, views and the full-text index, then mark
        the file with `SCHEMA_VERSION` so that the next open skips this."""
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
        for name, indexes in INDEXES.items():
            for columns in indexes:
                self.db[name].create_index(
                    columns, index_name=_index_name(name, columns), if_not_exists=True
                )
        if not self.db[FTS_TABLE].exists():
            self.db["items"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE)
        for name, view in VIEWS.items():
            self.db.create_view(name, view["sql"], replace=True)
        for name, trigger in TRIGGERS.items():
            self.conn.execute(f"drop trigger if exists {name}")
            self.conn.execute(f"create trigger {name} {trigger['sql']}")
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _rows(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> Iterator[dict]:
        """The rows of a query as dicts, column name -> value, as they are read."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """The first column of a query's first row."""
        return self.conn.execute(sql, params).fetchone()[0]

    # -- sources and runs ------------------------------------------------------

    def upsert_sources(self, sources: Iterable[Mapping[str, Any]]) -> None:
        for source in sources:
            record = dict(source)
            record["languages"] = json.dumps(list(record.get("languages", [])))
            self.db["sources"].upsert(record, pk="key")

    def sources(self) -> dict[str, dict[str, Any]]:
        """Every source's row by key (name, base URL, languages as stored)."""
        return {row["key"]: row for row in self._rows("select * from sources")}

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
        return list(
            self._rows("select * from crawl_runs where run_id = ? order by source", [run_id])
        )

    def latest_runs(self, limit: int = 1) -> list[dict[str, Any]]:
        """The rows of the last `limit` crawl commands (run ids), newest first."""
        run_ids = [
            row[0]
            for row in self.conn.execute(
                "select run_id from crawl_runs group by run_id order by max(id) desc limit ?",
                [limit],
            )
        ]
        return [row for run_id in run_ids for row in self.runs(run_id)]

    # -- items -------------------------------------------------------------------

    def get_item(self, canonical_url: str) -> dict[str, Any] | None:
        rows = self._rows("select * from items where canonical_url = ?", [canonical_url])
        return next(rows, None)

    def has_item(self, canonical_url: str) -> bool:
        """Whether an item has this key, without reading its row."""
        sql = "select exists (select 1 from items where canonical_url = ?)"
        return bool(self._value(sql, [canonical_url]))

    def resolve(self, url: str) -> str | None:
        """The canonical URL of the item a URL (canonical or alias) belongs to."""
        if self.has_item(url):
            return url
        row = self.conn.execute(
            "select canonical_url from item_aliases where url = ?", [url]
        ).fetchone()
        return row[0] if row else None

    def find_by_content_hash(self, content_hash: str, source: str) -> str | None:
        """Canonical URL of an item of that source with the same content, if any."""
        row = self.conn.execute(
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

    # -- pages: what the sites named, and what their pages are -----------------------

    def site_memory(self, source: str) -> dict[str, dict[str, Any]]:
        """Every URL known of a source -> what is known of it (its `pages` row, or kind=article
        for items and aliases stored before pages were recorded)."""
        memory: dict[str, dict[str, Any]] = {}
        for url, key, fetched_at, published_at in self.conn.execute(
            "select url, canonical_url, fetched_at, coalesce(published_at, first_seen_at) "
            "from items where source = :s "
            "union all select a.url, a.canonical_url, i.fetched_at, "
            "coalesce(i.published_at, i.first_seen_at) from item_aliases a "
            "join items i using (canonical_url) where i.source = :s "
            "union all select canonical_url, canonical_url, fetched_at, "
            "coalesce(published_at, first_seen_at) from items where source = :s",
            {"s": source},
        ):
            memory[url] = {
                "kind": "article",
                "item_url": key,
                "fetched_at": fetched_at,
                "published_at": published_at,
            }
        for row in self._rows("select * from pages where source = ?", [source]):
            memory[row["url"]] = {**memory.get(row["url"], {}), **_without_nulls(row)}
        return memory

    def record_pages(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert or update `pages` rows in one transaction; only the columns given change.

        sqlite-utils upserts a batch with the union of its records' columns (a missing one
        becomes NULL), so records are grouped by the columns they carry.
        """
        groups: dict[frozenset[str], list[dict[str, Any]]] = {}
        for row in rows:
            record = {k: _to_column(v) for k, v in row.items()}
            groups.setdefault(frozenset(record), []).append(record)
        if groups:
            with self.db.conn:
                for records in groups.values():
                    self.db["pages"].upsert_all(records, pk="url")

    def record_errors(self, rows: Iterable[Mapping[str, Any]]) -> None:
        records = list(rows)
        if records:
            with self.db.conn:
                self.db["fetch_errors"].insert_all(records)

    def errors(self, run_ids: Iterable[int]) -> list[dict[str, Any]]:
        """The fetch errors of the given crawl_runs rows, by source and URL."""
        ids = list(run_ids)
        if not ids:
            return []
        return list(
            self._rows(
                f"select * from fetch_errors where run in ({','.join('?' * len(ids))}) "
                "order by source, url",
                ids,
            )
        )

    def pages(self, source: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        where = " and ".join(
            c for c, v in (("source = :source", source), ("kind = :kind", kind)) if v
        )
        return list(
            self._rows(
                f"select * from pages {'where ' + where if where else ''} order by url",
                {"source": source, "kind": kind},
            )
        )

    def move_item(self, old_key: str, new_key: str, at: str) -> None:
        """Re-key an item the site moved: the new URL becomes its key, the old one an alias.

        Its versions, aliases, story membership, moves and pages follow it, so nothing is
        lost and no second row appears; it is grouped again under its new key.
        """
        if old_key == new_key or not self.has_item(old_key) or self.has_item(new_key):
            return
        with self.db.conn:
            self.db.execute("delete from item_aliases where url = ?", [new_key])
            for table, column in (
                ("items", "canonical_url"),
                ("item_versions", "canonical_url"),
                ("item_aliases", "canonical_url"),
                ("story_members", "canonical_url"),
                ("stories", "original_url"),
                ("pages", "item_url"),
            ):
                self.db.execute(
                    f"update {table} set {column} = ? where {column} = ?", [new_key, old_key]
                )
            self.db.execute("update items set url = ? where canonical_url = ?", [new_key, new_key])
            self.db.execute("update story_moves set canonical_url = ? where canonical_url = ?",
                            [new_key, old_key])  # fmt: skip
            # What grouping found from the old key goes; the item is grouped again (the
            # triggers) and finds its links from its new one.
            self.db.execute("delete from story_links where ? in (a_url, b_url)", [old_key])
            for table in ("story_urls", "language_links"):
                self.db.execute(f"delete from {table} where canonical_url = ?", [old_key])
            self.db["item_aliases"].insert(
                {"url": old_key, "canonical_url": new_key, "reason": "moved", "seen_at": at},
                pk="url",
                replace=True,
            )

    def last_runs(self, source: str, mode: str, limit: int = 3) -> list[dict[str, Any]]:
        """The source's latest finished runs of that mode, newest first (the health baseline)."""
        return list(
            self._rows(
                "select * from crawl_runs where source = ? and mode = ? and status = 'finished' "
                "order by id desc limit ?",
                [source, mode, limit],
            )
        )

    def upsert_item(self, record: Mapping[str, Any], at: str) -> str:
        """Insert or update one item fetched at `at`; returns "new", "updated" or "unchanged"."""
        return self.upsert_items([({**record, "fetched_at": at}, ())])[0]

    def upsert_items(self, batch: Iterable[tuple[Mapping[str, Any], Iterable[str]]]) -> list[str]:
        """Insert or update items with their alias URLs, in one transaction; for each item
        "new", "updated" or "unchanged".

        An unchanged re-crawl only moves `fetched_at` (and metadata that changed); a change
        of title, summary or body keeps the previous version in item_versions. One
        transaction per batch: a crawl killed mid-batch loses that batch only, and the next
        run, not knowing its pages, fetches them again. An item's time (first seen, changed,
        its aliases seen) is its record's `fetched_at`.
        """
        columns = SCHEMA["items"]["columns"]
        outcomes = []
        with self.conn:
            for record, aliases in batch:
                row = {k: _to_column(v) for k, v in record.items() if k in columns}
                seen = row["fetched_at"]  # each item when it was fetched, not the batch
                outcomes.append(self._upsert_row(row, seen))
                self.conn.executemany(
                    "insert or ignore into item_aliases (url, canonical_url, reason, seen_at) "
                    "values (?, ?, 'canonical_link', ?)",
                    [
                        (url, row["canonical_url"], seen)
                        for url in aliases
                        if url != row["canonical_url"]
                    ],
                )
        return outcomes

    def _upsert_row(self, row: dict[str, Any], at: str) -> str:
        key = row["canonical_url"]
        old = self.get_item(key)
        if old is None:
            row.update(first_seen_at=at, changed_at=at)
            names = ", ".join(row)
            self.conn.execute(
                f"insert into items ({names}) values ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            return "new"
        if any((old.get(c) or "") != (row.get(c) or "") for c in VERSIONED_COLUMNS):
            self.conn.execute(
                "insert into item_versions (canonical_url, title, summary, body, content_hash, "
                "seen_from, replaced_at) values (?, ?, ?, ?, ?, ?, ?)",
                [key, *(old.get(c) for c in VERSIONED_COLUMNS), old.get("content_hash"),
                 old.get("changed_at") or old.get("first_seen_at"), at],
            )  # fmt: skip
            row["changed_at"] = at
            outcome = "updated"
        else:
            row = {k: v for k, v in row.items() if k not in VERSIONED_COLUMNS}
            if all(old.get(k) == v for k, v in row.items() if k != "fetched_at"):
                row = {"fetched_at": row.get("fetched_at")}
            outcome = "unchanged"
        changes = {k: v for k, v in row.items() if k != "canonical_url"}
        self.conn.execute(
            f"update items set {', '.join(f'{k} = ?' for k in changes)} where canonical_url = ?",
            [*changes.values(), key],
        )
        return outcome

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
        sql = "select * from items " + (f"where {' and '.join(where)} " if where else "")
        sql += "order by coalesce(published_at, first_seen_at) desc, canonical_url"
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        yield from self._rows(sql, params)

    def count_items(self, source: str | None = None) -> int:
        if source:
            return self._value("select count(*) from items where source = ?", [source])
        return self._value("select count(*) from items")

    def search(
        self,
        query: str,
        *,
        sources: Iterable[str] = (),
        lang: str | None = None,
        since: str | None = None,
        limit: int | None = 20,
        raw: bool = False,
    ) -> list[dict[str, Any]]:
        """Items matching what a person typed, best match first (accents ignored).

        The words are searched as words (see `fts_query`); `raw` passes FTS5 syntax through.
        A query with no words lists the newest items; `since` is a date or time, ISO 8601.
        """
        match = query.strip() if raw else fts_query(query)
        if query.strip() and not match:
            raise SearchError(f"nothing to search for in {query!r}: it has no words")
        joins, where, params = "", [], []
        if match:
            joins = "join items_fts on items_fts.rowid = i.rowid "
            where.append("items_fts match ?")
            params.append(match)
        if keys := list(sources):
            where.append(f"i.source in ({','.join('?' * len(keys))})")
            params += keys
        if lang:
            where.append("i.lang = ?")
            params.append(lang)
        if since:
            where.append("coalesce(i.published_at, i.first_seen_at) >= ?")
            params.append(since)
        newest = "coalesce(i.published_at, i.first_seen_at) desc, i.canonical_url"
        sql = (
            "select i.canonical_url, i.source, i.lang, i.title, i.published_at, i.summary, "
            "m.story_id, m.relation as story_relation from items i "
            f"{joins}left join story_members m on m.canonical_url = i.canonical_url "
            + (f"where {' and '.join(where)} " if where else "")
            + f"order by {'items_fts.rank, ' if match else ''}{newest}"
        )
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        try:
            return list(self._rows(sql, params))
        except sqlite3.OperationalError as exc:
            raise SearchError(f"cannot search for {query!r}: {exc}") from exc

    # -- stories -----------------------------------------------------------------------

    def items_to_group(self) -> list[dict[str, Any]]:
        """Items grouping must place, in grouping order (publication date, then URL).

        Those without a story, and those whose language, date, links or text changed since
        they were placed. Light rows, without the text: canonical_url, published_at,
        translations, aliases and item_state.
        """
        rows = self._rows(
            "select i.canonical_url, coalesce(i.published_at, i.first_seen_at) as published_at, "
            f"i.translations, {_STATE} as item_state from items i "
            "left join story_members m using (canonical_url) "
            f"where m.canonical_url is null or m.item_state is not {_STATE} order by 2, 1",
            [],
        )
        return self._with_links(rows)

    def has_ungrouped_items(self) -> bool:
        """Whether any item has no story yet, in two counts of small indexes (1 ms at 100k
        items, where looking each item up takes 35 ms): every story_members row is an
        item's, as items are never deleted and a moved item takes its membership along.
        An item edited since it was placed is not counted: the next crawl regroups it."""
        return bool(
            self._value(
                "select (select count(*) from items) > (select count(*) from story_members)"
            )
        )

    def urls_in_grouping_order(self, size: int = 500) -> Iterator[list[str]]:
        """Every item's canonical URL in grouping order, `size` at a time, read lazily.

        SQLite sorts the URLs alone (spilling to a temporary file when they are many), so
        the archive is never held; writes between two chunks do not disturb the reading.
        """
        cursor = self.conn.execute(
            "select canonical_url from items "
            "order by coalesce(published_at, first_seen_at), canonical_url"
        )
        while chunk := cursor.fetchmany(size):
            yield [url for (url,) in chunk]

    def story_rows(self, canonical_urls: Iterable[str]) -> list[dict[str, Any]]:
        """What grouping reads of these items, in grouping order, with their `item_state`.

        The stored MinHash (`signature`) comes only with items unchanged since they were placed.
        """
        rows: list[dict[str, Any]] = []
        for chunk, marks in _chunks(canonical_urls):
            rows += self._rows(f"{_STORY_ROW_SQL} where i.canonical_url in ({marks})", chunk)
        rows.sort(key=lambda r: (r["published_at"] or "", r["canonical_url"]))
        return self._with_links(rows)

    def placed_items_between(self, start_at: str, end_at: str) -> Iterator[dict[str, Any]]:
        """Placed items unchanged since, published in [start_at, end_at], in grouping order."""
        rows = self._rows(
            f"{_STORY_ROW_SQL} where m.item_state is {_STATE} "
            "and coalesce(i.published_at, i.first_seen_at) between ? and ? "
            "order by coalesce(i.published_at, i.first_seen_at), i.canonical_url",
            [start_at, end_at],
        )
        while chunk := list(islice(rows, _CHUNK)):  # their aliases read a chunk at a time
            yield from self._with_links(chunk)

    def _with_links(self, found: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = list(found)
        aliases = self.aliases_of([r["canonical_url"] for r in rows])
        for row in rows:
            row["aliases"] = aliases.get(row["canonical_url"], [])
            for name in ("translations", "translation_sources"):
                if name in row:
                    row[name] = json.loads(row[name] or "{}")
        return rows

    def aliases_of(self, canonical_urls: Iterable[str]) -> dict[str, list[str]]:
        """Every alias URL of the given items (the item's own page URL included)."""
        out: dict[str, list[str]] = {}
        for chunk, marks in _chunks(canonical_urls):
            for key, url in self.conn.execute(
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
        for table, keys in (("story_urls", link_keys), ("language_links", own_keys)):
            for chunk, marks in _chunks(keys):
                sql = f"select canonical_url from {table} where url_key in ({marks})"
                found.update(url for (url,) in self.conn.execute(sql, chunk))
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
            for chunk, marks in _chunks(keys):
                touching = f"from story_links where a_url in ({marks}) or b_url in ({marks})"
                for a, b in self.conn.execute(f"select a_url, b_url {touching}", chunk + chunk):
                    before.update((a, b))
                self.db.execute(f"delete {touching}", chunk + chunk)
                for table in ("language_links", "story_urls"):
                    self.db.execute(f"delete from {table} where canonical_url in ({marks})", chunk)
            self._replace_rows("story_links", links)
            self._replace_rows("language_links", language_links)
            self._replace_rows("story_urls", url_keys)
        return before - set(keys)

    def start_grouping_reads(self) -> None:
        """A place for what a rebuild reads of items (their MinHash and state) until it places
        them: in this connection's temporary database, on disk, gone at close."""
        self.drop_grouping_reads()
        self.db.execute(
            "create temp table grouping_reads "
            "(canonical_url text primary key, signature blob, item_state text)"
        )

    def keep_grouping_reads(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Keep rows of canonical_url, signature and item_state (`start_grouping_reads`)."""
        with self.db.conn:
            self.db.conn.executemany(
                "insert or replace into temp.grouping_reads values (?, ?, ?)",
                ([r["canonical_url"], r["signature"], r["item_state"]] for r in rows),
            )

    def grouping_reads(self, canonical_urls: Iterable[str]) -> dict[str, tuple[bytes, str]]:
        """(signature, item_state) kept for these items by `keep_grouping_reads`."""
        out: dict[str, tuple[bytes, str]] = {}
        for chunk, marks in _chunks(canonical_urls):
            for url, signature, state in self.conn.execute(
                "select canonical_url, signature, item_state from temp.grouping_reads "
                f"where canonical_url in ({marks})",
                chunk,
            ):
                out[url] = (signature, state)
        return out

    def drop_grouping_reads(self) -> None:
        self.db.execute("drop table if exists temp.grouping_reads")

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
            for chunk, marks in _chunks(frontier):
                for row in self._rows(
                    f"select * from story_links where a_url in ({marks}) or b_url in ({marks})",
                    chunk + chunk,
                ):
                    links[(row["a_url"], row["b_url"])] = row
                    reached.update((row["a_url"], row["b_url"]))
            frontier = sorted(reached - seen)
            seen |= reached
        nodes: list[dict[str, Any]] = []
        for chunk, marks in _chunks(sorted(seen)):
            nodes += self._rows(
                "select canonical_url, source, lang, coalesce(published_at, first_seen_at) "
                f"as published_at from items where canonical_url in ({marks})",
                chunk,
            )
        for row in links.values():
            row["evidence"] = json.loads(row["evidence"] or "{}")
        return nodes, list(links.values())

    def placements(self, canonical_urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Each placed item's story_id, relation and evidence (JSON text)."""
        out: dict[str, dict[str, Any]] = {}
        for chunk, marks in _chunks(canonical_urls):
            for row in self._rows(
                "select canonical_url, story_id, relation, evidence from story_members "
                f"where canonical_url in ({marks})",
                chunk,
            ):
                out[row["canonical_url"]] = row
        return out

    def place_items(
        self,
        grouped: Iterable[Mapping[str, Any]],
        placed: Iterable[Mapping[str, Any]],
        moves: Iterable[Mapping[str, Any]],
        at: str,
    ) -> None:
        """Write items' places and their moves, then refresh the stories they left or joined.

        `grouped`: items grouped by this run, written whole (every story_members column);
        `placed`: items it only moved (a merge, a split), their canonical_url, story_id,
        relation and evidence. One transaction.
        """
        whole = list(grouped)
        moved = list(moves)
        places = [
            [_to_column(member[c]) for c in ("story_id", "relation", "evidence")]
            + [at, member["canonical_url"]]
            for member in placed
        ]
        if not whole and not places:
            return
        with self.db.conn:
            self._replace_rows("story_members", whole)
            self.db.conn.executemany(
                "update story_members set story_id = ?, relation = ?, evidence = ?, "
                "grouped_at = ? where canonical_url = ?",
                places,
            )
            self.db["story_moves"].insert_all(moved)
            touched = {m["story_id"] for m in whole} | {place[0] for place in places}
            touched |= {m["from_story"] for m in moved}
            for chunk, marks in _chunks(sorted(touched)):
                self._refresh_stories(chunk, marks, at)

    def _replace_rows(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert or replace whole rows of a SCHEMA table (every column given), in bulk."""
        columns = list(SCHEMA[table]["columns"])
        self.db.conn.executemany(
            f"insert or replace into {table} ({', '.join(columns)}) "
            f"values ({', '.join('?' * len(columns))})",
            ([_to_column(row[c]) for c in columns] for row in rows),
        )

    def _refresh_stories(self, story_ids: list[str], marks: str, at: str) -> None:
        """Recompute these stories (`marks`: their placeholders) from their members; drop
        those left empty."""
        cursor = self.conn.execute(
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
        self._replace_rows("stories", records)

    def story_of(self, url: str) -> tuple[str, str] | None:
        """(canonical URL, story id) of the grouped item a URL or alias leads to."""
        key = self.resolve(url)
        if key is None:
            return None
        row = self.conn.execute(
            "select story_id from story_members where canonical_url = ?", [key]
        ).fetchone()
        return (key, row[0]) if row else None

    def stories(self, *, lang: str | None = None, limit: int | None = None) -> list[dict]:
        """Stories newest first; with `lang`, only those with a version in that language."""
        sql, params = "select * from stories ", []
        if lang:
            sql += "where exists (select 1 from json_each(languages) where value = ?) "
            params.append(lang)
        sql += "order by first_published_at desc, story_id"
        if limit is not None:
            sql += " limit ?"
            params.append(limit)
        return list(self._rows(sql, params))

    def story_items(self, story_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The items of each story, in publication order, with their relation to it
        (`story_relation`): what the digest shows of an item, not its whole row."""
        out: dict[str, list[dict[str, Any]]] = {sid: [] for sid in story_ids}
        for chunk, marks in _chunks(out):
            for record in self._rows(
                # the body only where there is no summary to show instead
                "select i.canonical_url, i.source, i.lang, i.title, i.summary, "
                "case when coalesce(i.summary, '') = '' then i.body end as body, i.tags, "
                "i.published_at, i.first_seen_at, i.modified_at, i.changed_at, m.story_id, "
                "m.relation as story_relation from story_members m join items i "
                f"using (canonical_url) where m.story_id in ({marks}) "
                "order by coalesce(i.published_at, i.first_seen_at), i.canonical_url",
                chunk,
            ):
                out[record["story_id"]].append(record)
        return out

    def count_stories(self) -> int:
        return self._value("select count(*) from stories")


def header_problem(path: Path) -> str | None:
    """What is wrong with a database file's header, read in one small read, or None: why
    SQLite refused it, in words (no SQLite header; truncated, and by how much).

    Read only once SQLite has refused the file: opening and closing the file outside
    SQLite cancels the locks of every connection this process has to it (POSIX locks
    belong to the process), and another process would then checkpoint and delete the WAL
    under them.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            size = path.stat().st_size
    except FileNotFoundError:
        return None  # a new database
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not header:
        return None  # an empty file: SQLite makes it a database
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return "is not a usable SQLite database (no SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counts_are_valid = header[24:28] == header[92:96]
    if counts_are_valid and size < page_size * pages:
        return f"is truncated ({size} of {page_size * pages} bytes)"
    return None


def _without_nulls(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


_PHRASE_RE = re.compile(r'"([^"]*)"|(\S+)')
_WORD_RE = re.compile(r"\w")


def fts_query(text: str) -> str:
    """An FTS5 query that searches what a person typed as words, all of them required.

    Each word (and each "quoted phrase") becomes an FTS5 string, so apostrophes, hyphens,
    operators (AND, NOT), brackets and stray quotes are text, never syntax: `l'Europe` is
    the phrase l europe, `covid-19` the phrase covid 19. Chunks without a letter or digit
    are dropped; the index tokenizer (unicode61, diacritics removed) does the rest.
    """
    chunks = []
    balanced = text.count('"') % 2 == 0
    for phrase, word in _PHRASE_RE.findall(text if balanced else text.replace('"', " ")):
        chunk = phrase or word
        if _WORD_RE.search(chunk):
            chunks.append('"' + chunk.replace('"', '""') + '"')
    return " ".join(chunks)


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
        "## Views",
        "",
        "Created by the store when it opens a file without them (or with an older schema), so",
        "an analyst's first joins are ready; Datasette (`aggregator datasette`) shows them with",
        "these descriptions.",
        "",
    ]
    for name, view in VIEWS.items():
        lines += [f"### `{name}`", "", view["doc"], ""]
        lines += ["| column | meaning |", "| --- | --- |"]
        lines += [f"| `{col}` | {doc} |" for col, doc in view["columns"].items()]
        lines.append("")
    lines += ["## Triggers", ""]
    lines += [f"- `{name}`: {trigger['doc']}" for name, trigger in TRIGGERS.items()]
    lines += [
        "",
        "## Example queries",
        "",
        "```sql",
        "-- articles per source and language",
        "select source, lang, count(*) from items group by source, lang;",
        "-- full-text search, accents ignored",
        "select i.title, i.canonical_url from items_fts f join items i on i.rowid = f.rowid",
        "  where items_fts match 'democratie locale' order by rank limit 10;",
        "-- stories told in both languages, with their English and French versions",
        "select title_en, url_en, title_fr, url_fr from story_versions",
        "  where url_en is not null and url_fr is not null order by first_published_at desc;",
        "-- items with their story and how they relate to it",
        "select relation, count(*) from items_with_story group by relation;",
        "-- the last run of each source",
        "select source, status, items_new, errors, finished_at from crawl_runs",
        "  where id in (select max(id) from crawl_runs group by source);",
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(schema_markdown(), end="")
