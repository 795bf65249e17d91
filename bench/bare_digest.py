"""The bare baseline of `aggregator digest`: the same nine feeds from the same rows.

    python bench/bare_digest.py DB OUT_DIR [--limit 100]

The standard library only: for the combined feed and each language, the newest stories
(one entry each, shown through their original or their first version in the language,
with their other versions as links), written as RSS 2.0, Atom and JSON Feed with string
templates. What `aggregator digest` does beyond this (its imports, checking the store,
feedgen, the HTML pages and the OPML file) is its own cost.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

STORIES = (
    "select story_id, original_url, title from stories {where} "
    "order by first_published_at desc, story_id limit ?"
)
IN_LANGUAGE = "where exists (select 1 from json_each(languages) where value = ?)"
MEMBERS = (
    "select m.story_id, m.relation, i.canonical_url, i.source, i.lang, i.title, i.summary, "
    "i.body, i.tags, coalesce(i.published_at, i.first_seen_at) from story_members m "
    "join items i using (canonical_url) where m.story_id in ({marks}) "
    "order by coalesce(i.published_at, i.first_seen_at), i.canonical_url"
)


def entries(conn: sqlite3.Connection, lang: str | None, limit: int) -> list[dict]:
    sources = dict(conn.execute("select key, name from sources"))
    where, params = (IN_LANGUAGE, [lang]) if lang else ("", [])
    stories = conn.execute(STORIES.format(where=where), [*params, limit]).fetchall()
    members: dict[str, list[tuple]] = {sid: [] for sid, _url, _title in stories}
    ids = list(members)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(MEMBERS.format(marks=",".join("?" * len(chunk))), chunk):
            members[row[0]].append(row)
    out = []
    for story_id, original, _title in stories:
        items = members[story_id]
        if not items:
            continue
        if lang:
            shown = next(i for i in items if i[4] == lang)
        else:
            shown = next((i for i in items if i[2] == original), items[0])
        others = {
            f"{i[4]} – {sources.get(i[3], i[3])}": i[2]
            for i in items
            if i[2] != shown[2] and i[1] != "alias"
        }
        summary = shown[6] or (shown[7] or "").split("\n\n", 1)[0][:400]
        out.append(
            {
                "id": shown[2],
                "title": shown[5] or shown[2],
                "summary": summary,
                "published": shown[9],
                "source": sources.get(shown[3], shown[3]),
                "lang": shown[4],
                "tags": json.loads(shown[8] or "[]"),
                "others": others,
            }
        )
    out.sort(key=lambda e: (e["published"] or "", e["id"]), reverse=True)
    return out


def rss(items: list[dict], title: str, now: datetime) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>all.html</link><description>digest</description>",
        f"<lastBuildDate>{format_datetime(now)}</lastBuildDate>",
    ]
    for e in items:
        published = datetime.fromisoformat(e["published"].replace("Z", "+00:00"))
        parts.append(
            f"<item><title>{escape(e['title'])}</title><link>{escape(e['id'])}</link>"
            f"<guid>{escape(e['id'])}</guid><description>{escape(summary_html(e))}</description>"
            f"<pubDate>{format_datetime(published)}</pubDate>"
            + "".join(f"<category>{escape(t)}</category>" for t in e["tags"])
            + "</item>"
        )
    parts.append("</channel></rss>\n")
    return "\n".join(parts)


def atom(items: list[dict], title: str, now: datetime) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>urn:digest</id><title>{escape(title)}</title><updated>{now.isoformat()}</updated>",
    ]
    for e in items:
        parts.append(
            f"<entry><id>{escape(e['id'])}</id><title>{escape(e['title'])}</title>"
            f"<link href={quoteattr(e['id'])}/><updated>{e['published']}</updated>"
            f"<author><name>{escape(e['source'])}</name></author>"
            f'<summary type="html">{escape(summary_html(e))}</summary></entry>'
        )
    parts.append("</feed>\n")
    return "\n".join(parts)


def json_feed(items: list[dict], title: str) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "items": [
            {
                "id": e["id"],
                "url": e["id"],
                "title": e["title"],
                "content_html": summary_html(e),
                "date_published": e["published"],
                "authors": [{"name": e["source"]}],
                "tags": e["tags"],
                "language": e["lang"],
            }
            for e in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1)


def summary_html(entry: dict) -> str:
    links = ", ".join(f'<a href="{escape(u)}">{escape(k)}</a>' for k, u in entry["others"].items())
    return f"<p>{escape(entry['summary'])}</p>" + (
        f"<p>Other versions: {links}</p>" if links else ""
    )


def main() -> None:
    db, out = sys.argv[1], Path(sys.argv[2])
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 100
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        for lang in (None, "en", "fr"):
            items = entries(conn, lang, limit)
            name, title = lang or "all", f"News digest ({lang or 'all'})"
            (out / f"{name}.xml").write_text(rss(items, title, now), encoding="utf-8")
            (out / f"{name}.atom").write_text(atom(items, title, now), encoding="utf-8")
            (out / f"{name}.json").write_text(json_feed(items, title), encoding="utf-8")
    print(f"9 feeds in {out}/")


if __name__ == "__main__":
    main()
