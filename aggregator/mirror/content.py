"""Content files (`data/mirror/content/<source>.toml`) loaded into frozen, validated objects."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from pathlib import Path

from aggregator.mirror.sites import SCHEMES

SOURCE_KEYS = tuple(SCHEMES)
LANGUAGES = ("en", "fr", "es")

ARTICLE_KEYS = {
    "id", "lang", "path", "title", "published", "modified", "tags", "image", "image_alt",
    "summary", "body", "translation_of", "crosspost_of", "listed_in", "also_at", "kind",
    "dateline", "title_es", "pdf_created",
}  # fmt: skip
PAGE_KEYS = {"id", "lang", "path", "title", "body", "summary", "modified"}


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
    path: str
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
    also_at: tuple[str, ...] = ()
    kind: str = "html"
    dateline: str | None = None
    title_es: str | None = None
    pdf_created: str | None = None

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


@dataclass(frozen=True)
class Page:
    """A page that is not news (about, contact): served and in sitemaps, never in the manifest."""

    id: str
    source: str
    lang: str
    path: str
    title: str
    body: str = ""
    summary: str = ""
    modified: str | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return split_paragraphs(self.body)


@dataclass(frozen=True)
class SiteContent:
    """Everything one site publishes, newest article first."""

    source: str
    articles: tuple[Article, ...]
    pages: tuple[Page, ...] = ()
    file: Path | None = field(default=None, compare=False)

    def by_id(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)


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


def _require(entry: dict, keys: Iterable[str], where: str) -> None:
    for key in keys:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ContentError(f"{where}: missing or empty {key!r}")


def _article(entry: dict, source: str, where: str) -> Article:
    unknown = set(entry) - ARTICLE_KEYS
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _require(entry, ("id", "lang", "path", "title", "published"), where)
    kind = entry.get("kind", "html")
    if kind not in ("html", "pdf"):
        raise ContentError(f"{where}: kind must be 'html' or 'pdf', got {kind!r}")
    if entry["lang"] not in LANGUAGES:
        raise ContentError(f"{where}: lang must be one of {LANGUAGES}, got {entry['lang']!r}")
    path = _check_path(entry["path"], where)
    if kind == "pdf" and not path.lower().endswith(".pdf"):
        raise ContentError(f"{where}: a pdf entry's path must end in .pdf, got {path!r}")
    for key in ("summary", "body", "image", "image_alt", "translation_of", "crosspost_of",
                "dateline", "title_es"):  # fmt: skip
        if key in entry and not isinstance(entry[key], str):
            raise ContentError(f"{where}: {key} must be a string, got {entry[key]!r}")
    if kind == "html" and not entry.get("body", "").strip():
        raise ContentError(f"{where}: missing or empty 'body'")
    return Article(
        id=entry["id"],
        source=source,
        lang=entry["lang"],
        path=path,
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
        listed_in=tuple(
            _check_path(p, where, "listed_in")
            for p in _str_tuple(entry.get("listed_in", []), where, "listed_in")
        ),
        also_at=tuple(
            _check_path(p, where, "also_at")
            for p in _str_tuple(entry.get("also_at", []), where, "also_at")
        ),
        kind=kind,
        dateline=entry.get("dateline"),
        title_es=entry.get("title_es"),
        pdf_created=(
            _parse_time(entry["pdf_created"], where, "pdf_created")
            if "pdf_created" in entry
            else None
        ),
    )


def _page(entry: dict, source: str, where: str) -> Page:
    unknown = set(entry) - PAGE_KEYS
    if unknown:
        raise ContentError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    _require(entry, ("id", "lang", "path", "title", "body"), where)
    return Page(
        id=entry["id"],
        source=source,
        lang=entry["lang"],
        path=_check_path(entry["path"], where),
        title=entry["title"].strip(),
        body=entry["body"],
        summary=entry.get("summary", ""),
        modified=_parse_time(entry["modified"], where, "modified") if "modified" in entry else None,
    )


def load_site_file(path: Path, source: str | None = None) -> SiteContent:
    """Read one content file; checks that need no other site (ids, paths, dates) happen here."""
    source = source or path.stem
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"cannot read content file {path}: {exc}") from exc
    unknown = set(raw) - {"articles", "pages"}
    if unknown:
        raise ContentError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    articles: list[Article] = []
    pages: list[Page] = []
    for i, entry in enumerate(raw.get("articles", [])):
        where = f"{path}: [[articles]] #{i + 1} ({entry.get('id', 'no id')})"
        articles.append(_article(entry, source, where))
    for i, entry in enumerate(raw.get("pages", [])):
        where = f"{path}: [[pages]] #{i + 1} ({entry.get('id', 'no id')})"
        pages.append(_page(entry, source, where))
    seen_paths: dict[str, str] = {}
    for item in [*articles, *pages]:
        for p in (item.path, *getattr(item, "also_at", ())):
            if p in seen_paths:
                raise ContentError(f"{path}: path {p!r} of {item.id} is also {seen_paths[p]}'s")
            seen_paths[p] = item.id
    articles.sort(key=lambda a: (a.published_at, a.id), reverse=True)
    return SiteContent(source=source, articles=tuple(articles), pages=tuple(pages), file=path)


def load_content(
    content_dir: Path | None = None, sources: Iterable[str] | None = None
) -> dict[str, SiteContent]:
    """Load the content of several sites and check what links them (ids, translations, cross-posts).

    Without `sources`, the file of every known source present is loaded. A cross-post that
    points at a site whose file is absent cannot be checked and is accepted.
    """
    content_dir = Path(content_dir) if content_dir else DEFAULT_CONTENT_DIR
    if sources is None:
        files = {k: content_dir / f"{k}.toml" for k in SOURCE_KEYS}
        files = {k: p for k, p in files.items() if p.is_file()}
        if not files:
            raise ContentError(f"no content file in {content_dir}")
    else:
        files = {key: content_dir / f"{key}.toml" for key in sources}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise ContentError(f"missing content file(s): {', '.join(missing)}")
    sites = {key: load_site_file(path, key) for key, path in files.items()}
    check_links(sites.values())
    return sites


def check_links(sites: Iterable[SiteContent]) -> None:
    """Ids are unique across the mirror, and translation_of/crosspost_of name existing articles."""
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
        scheme = SCHEMES.get(site.source)
        known = {x.path for x in scheme.listings} if scheme else set()
        for art in site.articles:
            bad = [p for p in art.listed_in if scheme and p not in known]
            if bad:
                raise ContentError(
                    f"{site.file}: [[articles]] {art.id}: listed_in {bad} is not a listing of "
                    f"{site.source} (known: {', '.join(sorted(known))})"
                )
    for site in sites:
        for art in site.articles:
            where = f"{site.file}: [[articles]] {art.id}"
            if art.translation_of:
                target = owner.get(art.translation_of)
                if target is None or target.by_id(art.translation_of) is None:
                    raise ContentError(
                        f"{where}: translation_of {art.translation_of!r} is not an article"
                    )
                if art.translation_of == art.id:
                    raise ContentError(f"{where}: translation_of names the article itself")
            if art.crosspost_of:
                target = owner.get(art.crosspost_of)
                prefix = art.crosspost_of.split("-", 1)[0]
                if target is None and prefix not in loaded and prefix in SOURCE_KEYS:
                    continue
                if target is None or target.by_id(art.crosspost_of) is None:
                    raise ContentError(
                        f"{where}: crosspost_of {art.crosspost_of!r} is not an article"
                    )
