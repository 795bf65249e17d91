"""The digest subscribers read: RSS 2.0, Atom and JSON Feed, combined and per language.

Feeds are written with feedgen (RSS, Atom) and json (JSON Feed 1.1), each to a
temporary file in the target folder then renamed over the old one, so a feed
reader never sees half a file. Each story (aliases, cross-posts and translations of one
piece of news, see aggregator/stories.py) is one entry; its guid is the canonical URL of
the version shown, which does not change between runs or on a rebuild of the stories.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from aggregator.store import Store
from aggregator.stories import group_stored_items

DEFAULT_DIGEST_DIR = Path("data") / "digest"
DEFAULT_LIMIT = 100
FEED_LANGUAGES = ("en", "fr")
SITE_TITLE = "Local government networks – news digest"
SITE_DESCRIPTION = "News from CEMR, PLATFORMA, UCLG and the Open Government Partnership."
LANGUAGE_TITLES = {"en": "in English", "fr": "en français"}


@dataclass(frozen=True)
class DigestEntry:
    """One entry of a feed."""

    guid: str
    link: str
    title: str
    summary: str
    published_at: str
    source: str
    source_name: str
    source_url: str
    lang: str | None
    tags: Sequence[str] = ()
    other_versions: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, url)


def entries_from_store(store: Store, lang: str | None, limit: int) -> list[DigestEntry]:
    """The newest stories, one entry each, with their other languages and sources as links.

    The combined feed shows a story's original; a language feed shows its first version in
    that language and holds only the stories that have one. The guid is the canonical URL of
    the item shown first, which a rebuild of the stories does not change.
    """
    names = {row["key"]: row for row in store.db["sources"].rows}
    stories = store.stories(lang=lang, limit=limit)
    members = store.story_items(s["story_id"] for s in stories)
    entries = []
    for story in stories:
        items = members.get(story["story_id"]) or []
        if not items:
            continue
        shown = _version_to_show(items, story, lang)
        source = names.get(shown["source"], {})
        entries.append(
            DigestEntry(
                guid=shown["canonical_url"],
                link=shown["canonical_url"],
                title=shown["title"] or shown["canonical_url"],
                summary=shown["summary"] or _first_paragraph(shown["body"] or ""),
                published_at=shown["published_at"] or shown["first_seen_at"],
                source=shown["source"],
                source_name=source.get("name") or shown["source"],
                source_url=source.get("base_url") or "",
                lang=shown["lang"],
                tags=json.loads(shown["tags"] or "[]"),
                other_versions=_other_versions(items, shown, names),
            )
        )
    entries.sort(key=lambda e: (e.published_at or "", e.guid), reverse=True)
    return entries


def _version_to_show(
    items: Sequence[dict[str, Any]], story: dict[str, Any], lang: str | None
) -> dict[str, Any]:
    """The story's original, or in a language feed its first version in that language."""
    if lang:
        return next(i for i in items if i["lang"] == lang)
    return next((i for i in items if i["canonical_url"] == story["original_url"]), items[0])


def _other_versions(
    items: Sequence[dict[str, Any]], shown: dict[str, Any], names: dict[str, Any]
) -> tuple[tuple[str, str], ...]:
    """(label, URL) of the story's other languages and sources; aliases repeat the shown item."""
    versions: dict[str, str] = {}
    for item in items:
        if item["canonical_url"] == shown["canonical_url"] or item["story_relation"] == "alias":
            continue
        name = names.get(item["source"], {}).get("name") or item["source"]
        versions.setdefault(f"{item['lang'] or '?'} – {name}", item["canonical_url"])
    return tuple(versions.items())


def _first_paragraph(body: str, limit: int = 400) -> str:
    first = body.strip().split("\n\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _description(entry: DigestEntry) -> str:
    text = entry.summary
    if entry.other_versions:
        links = ", ".join(f"{label}: {url}" for label, url in entry.other_versions)
        text = f"{text}\n\nOther versions – {links}"
    return text


def build_feed(entries: Iterable[DigestEntry], lang: str | None, feed_url: str) -> FeedGenerator:
    """A feedgen feed of the entries (newest first), ready to render as RSS or Atom."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    suffix = f" ({LANGUAGE_TITLES.get(lang, lang)})" if lang else ""
    fg.id(feed_url)
    fg.title(SITE_TITLE + suffix)
    fg.description(SITE_DESCRIPTION)
    fg.link(href=feed_url, rel="self")
    fg.link(href=feed_url.rsplit("/", 1)[0] + "/", rel="alternate")
    if lang:
        fg.language(lang)
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.guid)
        fe.guid(entry.guid, permalink=entry.guid == entry.link)
        fe.title(entry.title)
        fe.link(href=entry.link)
        fe.description(_description(entry))
        fe.published(entry.published_at)
        fe.updated(entry.published_at)
        if entry.source_url:
            fe.source(url=entry.source_url, title=entry.source_name)
        fe.author(name=entry.source_name)
        for tag in entry.tags:
            fe.category(term=tag)
        if entry.lang:
            fe.dc.dc_language(entry.lang)
    return fg


def json_feed(entries: Iterable[DigestEntry], lang: str | None, feed_url: str) -> dict[str, Any]:
    """A JSON Feed 1.1 document."""
    suffix = f" ({LANGUAGE_TITLES.get(lang, lang)})" if lang else ""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE_TITLE + suffix,
        "description": SITE_DESCRIPTION,
        "feed_url": feed_url,
        **({"language": lang} if lang else {}),
        "items": [
            {
                "id": e.guid,
                "url": e.link,
                "title": e.title,
                "content_text": _description(e),
                "date_published": e.published_at,
                "authors": [{"name": e.source_name, "url": e.source_url}],
                "tags": list(e.tags),
                **({"language": e.lang} if e.lang else {}),
                "_source": {"key": e.source, "other_versions": dict(e.other_versions)},
            }
            for e in entries
        ],
    }


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_digest(
    store: Store,
    out_dir: Path = DEFAULT_DIGEST_DIR,
    *,
    base_url: str = "",
    limit: int = DEFAULT_LIMIT,
    now: datetime | None = None,
) -> list[Path]:
    """Write all.xml, en.xml, fr.xml (RSS), their .atom and .json twins; return the paths."""
    now = now or datetime.now(UTC)
    # Items a crawl stored but did not group (a crash before grouping) must not be left out.
    group_stored_items(store, at=now.isoformat(timespec="seconds"))
    written = []
    base = (base_url or out_dir.resolve().as_uri()).rstrip("/")
    for lang in (None, *FEED_LANGUAGES):
        name = lang or "all"
        entries = entries_from_store(store, lang, limit)
        rss_url = f"{base}/{name}.xml"
        feed = build_feed(entries, lang, rss_url)
        feed.lastBuildDate(now)
        feed.updated(now)
        outputs = {
            out_dir / f"{name}.xml": feed.rss_str(pretty=True),
            out_dir / f"{name}.atom": feed.atom_str(pretty=True),
            out_dir / f"{name}.json": json.dumps(
                json_feed(entries, lang, f"{base}/{name}.json"), ensure_ascii=False, indent=1
            ).encode("utf-8"),
        }
        for path, data in outputs.items():
            write_atomically(path, data)
            written.append(path)
    return written
