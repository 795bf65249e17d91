"""The bare baseline of `aggregator search`: the same FTS5 query in a minimal script.

    python bench/bare_search.py DB 'democratie locale' [--limit 20]

The standard library only (sqlite3): the SQL `Store.search` runs for words typed without
filters (each word an FTS5 string, best match first, then newest), and the same two-line
rows printed. What is left between this and `aggregator search` is the command's own cost:
its imports, opening and checking the store, formatting.
"""

from __future__ import annotations

import sqlite3
import sys

SQL = (
    "select i.canonical_url, i.source, i.lang, i.title, i.published_at, i.summary, "
    "m.story_id, m.relation as story_relation from items i "
    "join items_fts on items_fts.rowid = i.rowid "
    "left join story_members m on m.canonical_url = i.canonical_url "
    "where items_fts match ? "
    "order by items_fts.rank, coalesce(i.published_at, i.first_seen_at) desc, i.canonical_url "
    "limit ?"
)


def search(db: str, words: str, limit: int = 20) -> list[tuple]:
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words.split())
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(SQL, [match, limit]).fetchall()


def main() -> None:
    db, words = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 20
    rows = search(db, words, limit)
    for url, source, lang, title, published_at, *_rest in rows:
        print(f"{(published_at or '')[:10]:<10}  {lang or '??':<2}  {source:<9} {title or ''}")
        print(f"{'':>25}{url}")
    if not rows:
        print("no match")


if __name__ == "__main__":
    main()
