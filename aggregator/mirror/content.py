"""Content files (`data/mirror/content/<source>.toml`) loaded into frozen, validated objects.

The content says what a site publishes (articles, other pages, edits made on a later day),
never where: the URL of an article depends on the rendition (`aggregator/mirror/schemes.py`).
"""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from importlib.resources import files
from pathlib import Path

from aggregator.mirror.sites import SITES

SOURCE_KEYS = tuple(SITES)
LANGUAGES = ("en", "fr", "es")
DAYS = (1, 2)  # the mirror can be served as it is on day 1 or on the next day

ARTICLE_KEYS = {
    "id", "lang", "slug", "current_slug", "category", "ui", "title", "published", "modified",
    "tags", "image", "image_alt", "summary", "body", "translation_of", "crosspost_of",
    "listed_in", "also_in", "kind", "dateline", "title_es", "pdf_created", "expired",
    "post_id", "day",
}  # fmt: skip
PAGE_KINDS = ("about", "contact", "legal", "event", "document", "person", "member", "project")
PAGE_LINKS = ("menu", "footer", "none")
PAGE_KEYS = {"id", "lang", "path", "title", "body", "summary", "modified", "kind", "starts", "link"}
EDIT_KEYS = {"article", "day", "modified", "append"}
TOP_KEYS = {"articles", "pages", "edits", "categories"}

SLUG_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
CATEGORY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")


class ContentError(ValueError):
    """A content file that breaks the schema; the message names the file and the entry."""


# `data/mirror/` in a checkout, package data once installed (a folder either way).
MIRROR_DIR = Path(str(files("aggregator.mirror.data")))
DEFAULT_CONTENT_DIR = MIRROR_DIR / "content"


@dataclass(frozen=True)
class Article:
    """One news item as the site publishes it: the truth the crawler must recover."""

    id: str
    source: str
    lang: str
    slug: str
    title: str
    published: str
    summary: str = ""
    body: str = ""
    modified: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    translation_of: str | None = None
    crosspost_of: str | None = None
    listed_in: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()
    kind: str = "html"
    dateline: str | None = None
    title_es: str | None = None
    pdf_created: str | None = None
    current_slug: str | None = None
    category: str | None = None
    ui: str | None = None
    expired: bool = False
    post_id: int = 0
    day: int = 1
    edited_on: int | None = None  # set by SiteContent.on_day when an edit applies

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.published)

    @property
    def modified_at(self) -> datetime:
        """Last change, falling back to publication (what sitemaps call lastmod)."""
        return datetime.fromisoformat(self.modified or self.published)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return split_paragraphs(self.body)

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf"

    @property
    def ui_lang(self) -> str:
        """The interface the current site files the article under (a migration may differ)."""
        return self.ui or self.lang

    @property
    def site_slug(self) -> str:
        """The slug on the current site: WordPress de-duplication suffixes, numeric ids."""
        return self.current_slug or self.slug


@dataclass(frozen=True)
class Page:
    """A page that is not news (about, contact, event...): served and in sitemaps, never in the manifest."""  # noqa: E501

    id: str
    source: str
    lang: str
    path: str
    title: str
    body: str = ""
    summary: str = ""
    modified: str | None = None
    kind: str = "about"
    starts: str | None = None  # an event's start, a document's publication
    link: str = "menu"  # where the site links it from: its menu, its footer, or nowhere

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return split_paragraphs(self.body)

    @property
    def starts_at(self) -> datetime | None:
        return datetime.fromisoformat(self.starts) if self.starts else None


@dataclass(frozen=True)
class Edit:
    """A change made to a published article on a later day: a paragraph appended, a new date."""

    article: str
    day: int
    modified: str
    append: str


@dataclass(frozen=True)
class SiteContent:
    """Everything one site publishes over every day, newest article first."""

    source: str
    articles: tuple[Article, ...]
    pages: tuple[Page, ...] = ()
    edits: tuple[Edit, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()  # (category path, display name)
    file: Path | None = field(default=None, compare=False)
    day: int | None = None  # None: every day's articles; else the site as of that day

    def by_id(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def category_name(self, category: str) -> str:
        return dict(self.categories).get(category, category)

    def on_day(self, day: int) -> SiteContent:
        """The site as served on `day`: later articles left out, edits of that day applied."""
        if day not in DAYS:
            raise ContentError(f"day must be one of {DAYS}, got {day!r}")
        edits = {e.article: e for e in self.edits if e.day <= day}
        articles = []
        for art in self.articles:
            if art.day > day:
                continue
            edit = edits.get(art.id)
            if edit is not None:
                body = art.body.rstrip() + "\n\n" + edit.append.strip() + "\n"
                art = replace(art, body=body, modified=edit.modified, edited_on=edit.day)
            articles.append(art)
        return replace(self, articles=tuple(articles), day=day)


LIST_MARKERS = ("- ", "• ", "* ")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Blocks separated by blank lines; a list block keeps one item per line, others are joined."""
    blocks = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(LIST_MARKERS) for line in lines):
            blocks.append("\n".join(lines))
        else:
            blocks.append(" ".join(" ".join(lines).split()))
    return tuple(blocks)


def is_list_block(block: str) -> bool:
    return block.startswith(LIST_MARKERS)


def list_items(block: str) -> list[str]:
    return [line[2:].strip() for line in block.splitlines()]


def derived_post_id(article_id: str) -> int:
    """A stable WordPress-like post id for shortlinks (`?p=ID`) when the content gives none."""
    return 1000 + zlib.crc32(article_id.encode("utf-8")) % 89000


def _parse_time(value: object, where: str, key: str) -> str:
    if not isinstance(value, str):
        raise ContentError(f"{where}: {key} must be an ISO 8601 string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ContentError(f"{where}: {key} {value!r} is not ISO 8601: {exc}") from exc
    if parsed.tzinfo is None:
        raise ContentError(f"{where}: {key} {value!r} needs a UTC offset (e.g. +02:00)")
    return value


def _str_tuple(value: object, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{where}: {key} must be a list of strings, got {value!r}")
    return tuple(value)


def _check_path(path: object, where: str, key: str = "path") -> str:
    if not isinstance(path, str) or not path.startswith("/") or "?" in path or "#" in path:
        raise ContentError(f"{where}: {key} must be a URL path starting with '/', got {path!r}")
    return path


def _check(value: object, pattern: re.Pattern[str], where: str, key: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise ContentError(f"{where}: {key} {value!r} is not a valid {key}")
    return value


def _require(entry: dict, keys: Iterable[str], where: str) -> None:
    for key in keys:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ContentError(f"{where}: missing or empty {key!r}")


def _one_of(value: object, allowed: Iterable[object], where: str, key: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ContentError(f"{where}: {key} must be one of {allowed}, got {value!r}")


def _article(entry: dict, source: str, where: str) -> Article:
    unknown = set(entry) - ARTICLE_KEYS
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _require(entry, ("id", "lang", "slug", "title", "published"), where)
    kind = entry.get("kind", "html")
    _one_of(kind, ("html", "pdf"), where, "kind")
    _one_of(entry["lang"], LANGUAGES, where, "lang")
    _check(entry["slug"], SLUG_RE, where, "slug")
    for key in ("summary", "body", "image", "image_alt", "translation_of", "crosspost_of",
                "dateline", "title_es"):  # fmt: skip
        if key in entry and not isinstance(entry[key], str):
            raise ContentError(f"{where}: {key} must be a string, got {entry[key]!r}")
    if kind == "html" and not entry.get("body", "").strip():
        raise ContentError(f"{where}: missing or empty 'body'")
    also_in = _str_tuple(entry.get("also_in", []), where, "also_in")
    for lang in also_in:
        _one_of(lang, [x for x in LANGUAGES if x != entry["lang"]], where, "also_in")
    if "ui" in entry:
        _one_of(entry["ui"], LANGUAGES, where, "ui")
    day = entry.get("day", 1)
    _one_of(day, DAYS, where, "day")
    post_id = entry.get("post_id", derived_post_id(entry["id"]))
    if not isinstance(post_id, int) or isinstance(post_id, bool) or post_id <= 0:
        raise ContentError(f"{where}: post_id must be a positive integer, got {post_id!r}")
    if not isinstance(entry.get("expired", False), bool):
        raise ContentError(f"{where}: expired must be true or false")
    return Article(
        id=entry["id"],
        source=source,
        lang=entry["lang"],
        slug=entry["slug"],
        title=entry["title"].strip(),
        published=_parse_time(entry["published"], where, "published"),
        modified=_parse_time(entry["modified"], where, "modified") if "modified" in entry else None,
        summary=entry.get("summary", "").strip(),
        body=entry.get("body", ""),
        tags=_str_tuple(entry.get("tags", []), where, "tags"),
        image=_check_path(entry["image"], where, "image") if entry.get("image") else None,
        image_alt=entry.get("image_alt"),
        translation_of=entry.get("translation_of"),
        crosspost_of=entry.get("crosspost_of"),
        listed_in=_str_tuple(entry.get("listed_in", []), where, "listed_in"),
        also_in=also_in,
        kind=kind,
        dateline=entry.get("dateline"),
        title_es=entry.get("title_es"),
        pdf_created=(
            _parse_time(entry["pdf_created"], where, "pdf_created")
            if "pdf_created" in entry
            else None
        ),
        current_slug=(
            _check(entry["current_slug"], SLUG_RE, where, "current_slug")
            if "current_slug" in entry
            else None
        ),
        category=(
            _check(entry["category"], CATEGORY_RE, where, "category")
            if "category" in entry
            else None
        ),
        ui=entry.get("ui"),
        expired=entry.get("expired", False),
        post_id=post_id,
        day=day,
    )


def _page(entry: dict, source: str, where: str) -> Page:
    unknown = set(entry) - PAGE_KEYS
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _require(entry, ("id", "lang", "path", "title", "body"), where)
    _one_of(entry["lang"], LANGUAGES, where, "lang")
    kind = entry.get("kind", "about")
    _one_of(kind, PAGE_KINDS, where, "kind")
    _one_of(entry.get("link", "menu"), PAGE_LINKS, where, "link")
    if kind == "event" and "starts" not in entry:
        raise ContentError(f"{where}: an event page needs 'starts'")
    return Page(
        id=entry["id"],
        source=source,
        lang=entry["lang"],
        path=_check_path(entry["path"], where),
        title=entry["title"].strip(),
        body=entry["body"],
        summary=entry.get("summary", ""),
        modified=_parse_time(entry["modified"], where, "modified") if "modified" in entry else None,
        kind=kind,
        starts=_parse_time(entry["starts"], where, "starts") if "starts" in entry else None,
        link=entry.get("link", "menu"),
    )


def _edit(entry: dict, where: str) -> Edit:
    unknown = set(entry) - EDIT_KEYS
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _require(entry, ("article", "modified", "append"), where)
    day = entry.get("day", 2)
    _one_of(day, DAYS[1:], where, "day")
    return Edit(entry["article"], day, _parse_time(entry["modified"], where, "modified"),
                entry["append"])  # fmt: skip


def _categories(raw: object, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ContentError(f"{where}: [categories] maps a category path to its name")
    for key in raw:
        _check(key, CATEGORY_RE, where, "category")
    return tuple(raw.items())


def load_site_file(path: Path, source: str | None = None) -> SiteContent:
    """Read one content file; checks that need no other site (ids, slugs, dates, days) happen here."""  # noqa: E501
    source = source or path.stem
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"cannot read content file {path}: {exc}") from exc
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise ContentError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    articles = [
        _article(entry, source, f"{path}: [[articles]] #{i + 1} ({entry.get('id', 'no id')})")
        for i, entry in enumerate(raw.get("articles", []))
    ]
    pages = [
        _page(entry, source, f"{path}: [[pages]] #{i + 1} ({entry.get('id', 'no id')})")
        for i, entry in enumerate(raw.get("pages", []))
    ]
    edits = [
        _edit(entry, f"{path}: [[edits]] #{i + 1} ({entry.get('article', 'no article')})")
        for i, entry in enumerate(raw.get("edits", []))
    ]
    categories = _categories(raw.get("categories", {}), f"{path}: [categories]")
    site = SiteContent(
        source=source,
        articles=tuple(sorted(articles, key=lambda a: (a.published_at, a.id), reverse=True)),
        pages=tuple(pages),
        edits=tuple(edits),
        categories=categories,
        file=path,
    )
    _check_site(site, path)
    return site


def _check_site(site: SiteContent, path: Path) -> None:
    """What one file must get right on its own: unique slugs, paths, post ids, days and edits."""
    ids = [item.id for item in [*site.articles, *site.pages]]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ContentError(f"{path}: id {twice[0]!r} is used twice")
    seen: dict[tuple[object, ...], str] = {}

    def claim(key: tuple[object, ...], owner: str, what: str) -> None:
        if key in seen:
            raise ContentError(f"{path}: {what} of {owner} is also {seen[key]}'s")
        seen[key] = owner

    for art in site.articles:
        claim(("slug", art.ui_lang, art.category, art.slug), art.id, f"slug {art.slug!r}")
        claim(("post_id", art.post_id), art.id, f"post_id {art.post_id}")
        named = dict(site.categories)
        parts = (art.category or "").split("/")
        for i in range(1, len(parts) + 1):
            if art.category and "/".join(parts[:i]) not in named:
                raise ContentError(
                    f"{path}: [[articles]] {art.id}: category {'/'.join(parts[:i])!r} has no "
                    "name in [categories]"
                )
    for page in site.pages:
        claim(("path", page.path), page.id, f"path {page.path!r}")
    day_one = [a for a in site.articles if a.day == 1]
    for art in site.articles:
        if art.day > 1 and any(a.published_at >= art.published_at for a in day_one):
            raise ContentError(
                f"{path}: [[articles]] {art.id}: an article of day {art.day} must be newer than "
                "every article of day 1"
            )
    edited: set[str] = set()
    for edit in site.edits:
        where = f"{path}: [[edits]] {edit.article}"
        art = site.by_id(edit.article)
        if art is None:
            raise ContentError(f"{where}: no article {edit.article!r} in this file")
        if art.day >= edit.day:
            raise ContentError(f"{where}: edits an article that appears on day {art.day}")
        if datetime.fromisoformat(edit.modified) <= art.modified_at:
            raise ContentError(f"{where}: modified {edit.modified} is not after the article's")
        if edit.article in edited:
            raise ContentError(f"{where}: the article is edited twice")
        edited.add(edit.article)


def load_content(
    content_dir: Path | None = None, sources: Iterable[str] | None = None
) -> dict[str, SiteContent]:
    """Load the content of several sites and check what links them (ids, translations, cross-posts).

    Without `sources`, the file of every known source present is loaded. A cross-post that
    points at a site whose file is absent cannot be checked and is accepted.
    """
    content_dir = Path(content_dir) if content_dir else DEFAULT_CONTENT_DIR
    if sources is None:
        paths = {k: content_dir / f"{k}.toml" for k in SOURCE_KEYS}
        paths = {k: p for k, p in paths.items() if p.is_file()}
        if not paths:
            raise ContentError(f"no content file in {content_dir}")
    else:
        paths = {key: content_dir / f"{key}.toml" for key in sources}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ContentError(f"missing content file(s): {', '.join(missing)}")
    sites = {key: load_site_file(path, key) for key, path in paths.items()}
    check_links(sites.values())
    return sites


def check_links(sites: Iterable[SiteContent]) -> None:
    """Ids are unique across the mirror; listings, translations and cross-posts name real things.

    A relation never points from an earlier day to a later one, and a translation never
    joins two days: either would change a page of day 1 on day 2.
    """
    sites = list(sites)
    owner: dict[str, SiteContent] = {}
    for site in sites:
        for item in [*site.articles, *site.pages]:
            if item.id in owner:
                raise ContentError(
                    f"{site.file}: id {item.id!r} is used twice (also in {owner[item.id].file})"
                )
            owner[item.id] = site
    loaded = {s.source for s in sites}
    for site in sites:
        known = SITES[site.source].listing_keys if site.source in SITES else ()
        for art in site.articles:
            bad = [key for key in art.listed_in if key not in known]
            if bad:
                raise ContentError(
                    f"{site.file}: [[articles]] {art.id}: listed_in {bad} is not a listing of "
                    f"{site.source} (known: {', '.join(known)})"
                )
    for site in sites:
        translated = {(a.translation_of, a.lang) for a in site.articles if a.translation_of}
        translated |= {(a.id, site.by_id(a.translation_of).lang) for a in site.articles
                       if a.translation_of and site.by_id(a.translation_of)}  # fmt: skip
        for art in site.articles:
            where = f"{site.file}: [[articles]] {art.id}"
            both = [lang for lang in art.also_in if (art.id, lang) in translated]
            if both:
                raise ContentError(f"{where}: also_in {both} but a translation in that language "
                                   "exists (it is what the site serves there)")  # fmt: skip
            for key in ("translation_of", "crosspost_of"):
                target_id = getattr(art, key)
                if target_id is None:
                    continue
                target_site = owner.get(target_id)
                prefix = target_id.split("-", 1)[0]
                if target_site is None and prefix not in loaded and prefix in SOURCE_KEYS:
                    continue  # a cross-post to a site whose file is not loaded
                target = target_site.by_id(target_id) if target_site else None
                if target is None:
                    raise ContentError(f"{where}: {key} {target_id!r} is not an article")
                if target_id == art.id:
                    raise ContentError(f"{where}: {key} names the article itself")
                if target.day > art.day or (key == "translation_of" and target.day != art.day):
                    raise ContentError(
                        f"{where}: {key} {target_id!r} joins day {art.day} to day {target.day}"
                    )
