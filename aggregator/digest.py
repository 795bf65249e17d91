"""The digest subscribers read: RSS 2.0, Atom and JSON Feed, combined and per language, an
HTML page per feed and an OPML list of the feeds.

The digest only reads the store: grouping items into stories is a step of its own that the
CLI runs first. Feeds are written with feedgen (RSS, Atom) and json (JSON Feed 1.1), each to
a temporary file in the target folder then renamed over the old one, so a feed reader never
sees half a file. Each story (aliases, cross-posts and translations of one piece of news,
see aggregator/stories/) is one entry; its guid is the canonical URL of the version shown,
which does not change between runs or on a rebuild of the stories.

Every file names itself: with `base_url` (the public URL of the digest folder) links are
absolute; without it they are relative to the folder (`all.xml`), which a reader resolves
against wherever it fetched the file; a path of the machine that wrote them never leaks.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import formatRFC2822
from lxml import etree
from markupsafe import escape

from aggregator.dateshapes import parse_machine_date
from aggregator.defaults import DEFAULT_DIGEST_DIR, DEFAULT_LIMIT
from aggregator.digest_page import render_page
from aggregator.store import Store

FEED_LANGUAGES = ("en", "fr")
SITE_TITLE = "Local government networks – news digest"
SITE_DESCRIPTION = "News from CEMR, PLATFORMA, UCLG and the Open Government Partnership."
LANGUAGE_TITLES = {"en": "in English", "fr": "en français"}
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
OPML_NAME = "feeds.opml"
# Names a digest without a public URL after; uuid5 keeps a feed's id stable between runs.
_FEED_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "localgov-news-aggregator/digest")


@dataclass(frozen=True)
class Version:
    """One version of a story: an item in some language, from some source."""

    url: str
    title: str
    lang: str | None
    source_name: str

    @property
    def label(self) -> str:
        """ "Français – CEMR": the language, and the source by its short name."""
        language = LANGUAGE_NAMES.get(self.lang or "", self.lang or "?")
        return f"{language} – {self.source_name.split(' – ', 1)[0]}"


@dataclass(frozen=True)
class DigestEntry:
    """One entry of a feed: a story, shown through one of its versions."""

    story_id: str
    guid: str
    link: str
    title: str
    summary: str
    published_at: str
    updated_at: str  # the last edit: the site's modification date, else when we saw it change
    source: str
    source_name: str
    source_url: str
    source_seen_at: str
    lang: str | None
    tags: Sequence[str] = ()
    other_versions: Sequence[Version] = ()


@dataclass(frozen=True)
class FeedSet:
    """The files of one feed (combined or one language) and the URLs they are known by."""

    lang: str | None
    base_url: str = ""  # public URL of the digest folder, ending in "/"; "" when unknown

    @property
    def name(self) -> str:
        return self.lang or "all"

    @property
    def title(self) -> str:
        return SITE_TITLE + (f" ({LANGUAGE_TITLES.get(self.lang, self.lang)})" if self.lang else "")

    def url(self, extension: str) -> str:
        """The public URL of this feed's file, relative to the folder when none is known."""
        return f"{self.base_url}{self.name}.{extension}"

    @property
    def opml_url(self) -> str:
        return f"{self.base_url}{OPML_NAME}"

    @property
    def feed_id(self) -> str:
        """The Atom id: the feed's public URL, else a stable URN (never a local path)."""
        if self.base_url:
            return self.url("atom")
        return uuid.uuid5(_FEED_ID_NAMESPACE, self.name).urn


def feed_sets(base_url: str = "") -> list[FeedSet]:
    """The combined feed then one per language, under the given public URL."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    return [FeedSet(lang, base) for lang in (None, *FEED_LANGUAGES)]


def entries_from_store(store: Store, lang: str | None, limit: int) -> list[DigestEntry]:
    """The newest stories, one entry each, with their other languages and sources as links.

    The combined feed shows a story's original; a language feed shows its first version in
    that language and holds only the stories that have one. The guid is the canonical URL of
    the item shown first, which a rebuild of the stories does not change.
    """
    sources = store.sources()
    # home_url is written by every crawl since it was added; base_url is the older rows' best
    site_urls = {
        key: row.get("home_url") or row.get("base_url") or "" for key, row in sources.items()
    }
    stories = store.stories(lang=lang, limit=limit)
    members = store.story_items(s["story_id"] for s in stories)
    entries = []
    for story in stories:
        items = members.get(story["story_id"]) or []
        if not items:
            continue
        shown = _version_to_show(items, story, lang)
        source = sources.get(shown["source"], {})
        published = shown["published_at"] or shown["first_seen_at"]
        entries.append(
            DigestEntry(
                story_id=story["story_id"],
                guid=shown["canonical_url"],
                link=shown["canonical_url"],
                title=shown["title"] or shown["canonical_url"],
                summary=shown["summary"] or _first_paragraph(shown["body"] or ""),
                published_at=published,
                updated_at=_last_edit(shown, published),
                source=shown["source"],
                source_name=source.get("name") or shown["source"],
                source_url=site_urls.get(shown["source"], ""),
                source_seen_at=source.get("last_crawled_at") or published,
                lang=shown["lang"],
                tags=json.loads(shown["tags"] or "[]"),
                other_versions=_other_versions(items, shown, sources),
            )
        )
    entries.sort(key=lambda e: (e.published_at or "", e.guid), reverse=True)
    return entries


def _last_edit(item: Mapping[str, Any], published: str) -> str:
    """When an item last changed in a way its readers should see again: the later of the
    modification date its site declares and the time a crawl found its text changed, when
    after its publication; else its publication. Readers re-show an entry whose Atom
    `updated` moves; its guid stays."""
    edits = [item.get("modified_at")]
    if item.get("changed_at") != item.get("first_seen_at"):
        edits.append(item.get("changed_at"))
    last, last_moment = published, parse_machine_date(published)
    for edit in filter(None, edits):
        moment = parse_machine_date(edit)
        if moment and last_moment and moment > last_moment:
            last, last_moment = edit, moment
    return last


def _version_to_show(
    items: Sequence[dict[str, Any]], story: dict[str, Any], lang: str | None
) -> dict[str, Any]:
    """The story's original, or in a language feed its first version in that language."""
    if lang:
        return next(i for i in items if i["lang"] == lang)
    return next((i for i in items if i["canonical_url"] == story["original_url"]), items[0])


def _other_versions(
    items: Sequence[dict[str, Any]], shown: dict[str, Any], sources: dict[str, Any]
) -> tuple[Version, ...]:
    """The story's other languages and sources, one per label; aliases repeat an item."""
    versions: dict[str, Version] = {}
    for item in items:
        if item["canonical_url"] == shown["canonical_url"] or item["story_relation"] == "alias":
            continue
        name = sources.get(item["source"], {}).get("name") or item["source"]
        version = Version(item["canonical_url"], item["title"] or "", item["lang"], name)
        versions.setdefault(version.label, version)
    return tuple(versions.values())


def _first_paragraph(body: str, limit: int = 400) -> str:
    first = body.strip().split("\n\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def entry_html(entry: DigestEntry) -> str:
    """The entry's summary and links to its other versions, as escaped HTML."""
    html = f"<p>{escape(entry.summary)}</p>"
    if entry.other_versions:
        links = ", ".join(
            f'<a href="{escape(v.url)}" hreflang="{escape(v.lang or "")}">{escape(v.label)}</a>'
            for v in entry.other_versions
        )
        html += f"<p>Other versions: {links}</p>"
    return html


def entry_text(entry: DigestEntry) -> str:
    """The same as plain text, for readers that show no HTML."""
    text = entry.summary
    if entry.other_versions:
        links = ", ".join(f"{v.label}: {v.url}" for v in entry.other_versions)
        text = f"{text}\n\nOther versions – {links}"
    return text


DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class _DublinCore(BaseExtension):
    """Declares the Dublin Core namespace, for each entry's dc:language."""

    def extend_ns(self) -> dict[str, str]:
        return {"dc": DUBLIN_CORE}


class _LanguageEntry(BaseEntryExtension):
    """An entry's `dc:language`: the one Dublin Core element the digest writes. (feedgen's
    own extension tries all fifteen on every entry, a tenth of the digest's time.)"""

    def __init__(self) -> None:
        self.lang: str | None = None

    def _extend(self, entry: etree._Element) -> etree._Element:
        if self.lang:
            etree.SubElement(entry, f"{{{DUBLIN_CORE}}}language").text = self.lang
        return entry

    extend_rss = extend_atom = _extend


class _AtomSourceEntry(BaseEntryExtension):
    """Completes an Atom entry's <source> with the id and updated feedgen cannot write."""

    def __init__(self) -> None:
        self.identity: tuple[str, str] | None = None  # (id, updated)

    def set(self, source_id: str, updated: str) -> None:
        self.identity = (source_id, updated)

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        source = entry.find("source")  # feedgen names Atom elements without a namespace
        if source is not None and self.identity:
            source_id, updated = self.identity
            etree.SubElement(source, "id").text = source_id
            etree.SubElement(source, "updated").text = updated
        return entry


def build_feed(entries: Iterable[DigestEntry], feed: FeedSet, now: datetime) -> FeedGenerator:
    """A feedgen feed of the entries (newest first), ready to render as RSS or Atom."""
    fg = FeedGenerator()
    fg.register_extension("dc", _DublinCore, _LanguageEntry)
    fg.register_extension("atomsource", BaseExtension, _AtomSourceEntry, atom=True, rss=False)
    fg.id(feed.feed_id)
    fg.title(feed.title)
    fg.description(SITE_DESCRIPTION)
    fg.lastBuildDate(now)
    fg.updated(now)
    if feed.lang:
        fg.language(feed.lang)
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.guid)
        fe.guid(entry.guid, permalink=entry.guid == entry.link)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate", type="text/html")
        fe.summary(entry_html(entry), type="html")
        fe.published(_moment(entry.published_at))
        fe.updated(_moment(entry.updated_at))
        if entry.source_url:
            fe.source(url=entry.source_url, title=entry.source_name)
            fe.atomsource.set(entry.source_url, entry.source_seen_at)
        fe.author(name=entry.source_name)
        for tag in entry.tags:
            fe.category(term=tag)
        fe.dc.lang = entry.lang
    return fg


def _moment(iso: str) -> datetime | str:
    """A stored ISO 8601 time as the datetime feedgen takes as it is; anything else is left
    to feedgen's own parser (dateutil), which gives the same moment a hundred times slower."""
    try:
        return datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso


def render_rss(fg: FeedGenerator, feed: FeedSet) -> bytes:
    """RSS 2.0 whose atom:link self names the .xml file and whose link is the HTML page."""
    _set_links(fg, feed, "xml", "application/rss+xml")
    return fg.rss_str(pretty=True)


def render_atom(fg: FeedGenerator, feed: FeedSet) -> bytes:
    """Atom 1.0 whose self link names the .atom file."""
    _set_links(fg, feed, "atom", "application/atom+xml")
    return fg.atom_str(pretty=True)


def _set_links(fg: FeedGenerator, feed: FeedSet, extension: str, media_type: str) -> None:
    # feedgen takes RSS's <link> from the last link given: the page goes last.
    self_link = {"href": feed.url(extension), "rel": "self", "type": media_type}
    page = {"href": feed.url("html"), "rel": "alternate", "type": "text/html"}
    fg.link([self_link, page], replace=True)


def json_feed(entries: Iterable[DigestEntry], feed: FeedSet) -> dict[str, Any]:
    """A JSON Feed 1.1 document."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": SITE_DESCRIPTION,
        "home_page_url": feed.url("html"),
        "feed_url": feed.url("json"),
        **({"language": feed.lang} if feed.lang else {}),
        "items": [
            {
                "id": e.guid,
                "url": e.link,
                "title": e.title,
                "content_html": entry_html(e),
                "content_text": entry_text(e),
                "date_published": e.published_at,
                **({"date_modified": e.updated_at} if e.updated_at != e.published_at else {}),
                "authors": [
                    {"name": e.source_name, **({"url": e.source_url} if e.source_url else {})}
                ],
                "tags": list(e.tags),
                **({"language": e.lang} if e.lang else {}),
                "_source": {
                    "key": e.source,
                    "other_versions": {v.label: v.url for v in e.other_versions},
                },
            }
            for e in entries
        ],
    }


def opml(feeds: Sequence[FeedSet], now: datetime) -> bytes:
    """OPML 2.0 listing every RSS and Atom feed, for importing them all into a reader."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = SITE_TITLE
    etree.SubElement(head, "dateCreated").text = formatRFC2822(now.astimezone(UTC))
    body = etree.SubElement(root, "body")
    for feed in feeds:
        for extension, kind in (("xml", "rss"), ("atom", "atom")):
            label = f"{feed.title} ({'RSS' if kind == 'rss' else 'Atom'})"
            attributes = {
                "type": "rss",  # OPML's word for any feed a reader subscribes to
                "text": label,
                "title": label,
                "xmlUrl": feed.url(extension),
                "htmlUrl": feed.url("html"),
                **({"language": feed.lang} if feed.lang else {}),
            }
            etree.SubElement(body, "outline", attributes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class AtomicFiles:
    """Files written in the background as soon as they are ready, each to a temporary file
    beside it and synced to disk (fsync), then renamed over the old ones together when all
    are written: a reader never sees half a file, and a failure (a full disk, an error
    while the rest is rendered) replaces none, so the old set stays whole.

    Each file is written in a thread of its own, while the next is rendered: the file
    system commits their syncs together, where one after the other each waits for its own
    (13 files: 0.01 s instead of 0.08 s here).
    """

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self._threads: list[threading.Thread] = []
        self._written: dict[Path, Path | BaseException] = {}
        self._folders: set[Path] = set()

    def write(self, path: Path, data: bytes) -> None:
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        thread = threading.Thread(target=_write_on_disk, args=(path, data, self._written))
        thread.start()
        self.paths.append(path)
        self._threads.append(thread)

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(self, error: type[BaseException] | None, *_: object) -> None:
        for thread in self._threads:
            thread.join()
        failures = [w for w in self._written.values() if isinstance(w, BaseException)]
        if error is not None or failures:
            for tmp in self._written.values():
                if isinstance(tmp, Path):
                    tmp.unlink(missing_ok=True)
            if error is None:
                raise failures[0]
            return
        for path in self.paths:
            os.replace(self._written[path], path)


def _write_on_disk(path: Path, data: bytes, written: dict[Path, Path | BaseException]) -> None:
    """`data` in a new temporary file beside `path`, synced to disk and readable by all;
    records the temporary file, or what went wrong, in `written`."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        written[path] = exc
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        written[path] = Path(tmp)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        written[path] = exc


def write_digest(
    store: Store,
    out_dir: Path = DEFAULT_DIGEST_DIR,
    *,
    base_url: str = "",
    limit: int = DEFAULT_LIMIT,
    now: datetime | None = None,
) -> list[Path]:
    """Write {all,en,fr}.{xml,atom,json,html} and feeds.opml from the stored stories.

    Stories are read as they are: run the grouping first (`group_stored_items`), as the
    CLI does, or items without a story are left out.
    """
    now = now or datetime.now(UTC)
    feeds = feed_sets(base_url)
    with AtomicFiles() as files:
        for feed in feeds:
            entries = entries_from_store(store, feed.lang, limit)
            fg = build_feed(entries, feed, now)
            files.write(out_dir / f"{feed.name}.xml", render_rss(fg, feed))
            files.write(out_dir / f"{feed.name}.atom", render_atom(fg, feed))
            data = json.dumps(json_feed(entries, feed), ensure_ascii=False)
            files.write(out_dir / f"{feed.name}.json", data.encode("utf-8"))
            files.write(out_dir / f"{feed.name}.html", render_page(entries, feed, feeds, now))
        files.write(out_dir / OPML_NAME, opml(feeds, now))
    return files.paths
