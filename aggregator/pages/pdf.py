"""A PDF press release: its text with hard line breaks rejoined, and its metadata."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from aggregator.items import Article, Teaser
from aggregator.pages.common import Found, PageError, lead_paragraph


@dataclass(frozen=True)
class PdfDocument:
    """The text and metadata of a PDF press release."""

    text: str
    title: str
    created: str | None
    lang: str | None


def join_hard_breaks(text: str) -> str:
    """Rejoin lines a PDF broke mid-sentence; keep real paragraph and bullet breaks."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        starts_block = line[0] in "•-–*" or line[0].isdigit() and line[1:3] in (". ", ") ")
        # A line framed by dashes ("– Dimanche 16 novembre, 16h30 –") stands alone.
        ends_previous = current and current[-1].endswith((".", ":", ";", "!", "?", "»", "–"))
        if current and (starts_block or ends_previous and line[0].isupper()):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(re.sub(r"\s{2,}", " ", p) for p in paragraphs)


def read_pdf(data: bytes) -> PdfDocument:
    """Text and metadata of a PDF; a corrupt file is a PageError, not a crash."""
    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        meta = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise PageError(f"unreadable PDF: {exc}") from exc
    try:
        created = meta.creation_date.isoformat() if meta and meta.creation_date else None
    except (ValueError, AttributeError):
        created = None
    lang = None
    try:
        root_lang = reader.trailer["/Root"].get("/Lang")
        lang = str(root_lang) if root_lang else None
    except (KeyError, AttributeError):
        lang = None
    return PdfDocument(
        text=join_hard_breaks(text),
        title=str(meta.get("/Title") or "").strip(),
        created=created,
        lang=lang,
    )


def pdf_to_article(
    url: str, data: bytes, source_key: str, fetched_at: str, teaser: Teaser | None
) -> Article:
    """An item from a PDF: the listing's date and title are trusted over the PDF's own."""
    doc = read_pdf(data)
    paragraphs = [p for p in doc.text.split("\n\n") if p.strip()]
    title = (
        (teaser.title if teaser and teaser.title else "")
        or doc.title
        or (paragraphs[0] if paragraphs else "")
    )
    context = [d for d in (teaser.date_raw if teaser else "", doc.created or "") if d]
    if teaser and teaser.date_raw:
        published = Found(teaser.date_raw, f"{teaser.channel}:{teaser.date_where or 'date'}")
    elif doc.created:
        published = Found(doc.created, "pdf:metadata")
    else:
        published = None
    hints = {"pdf_lang": doc.lang} if doc.lang else {}
    if teaser and teaser.lang:
        hints["listing"] = teaser.lang
    return Article(
        source=source_key,
        url=url,
        fetched_at=fetched_at,
        content_type="pdf",
        title=title,
        summary=lead_paragraph(doc.text, title),
        body=doc.text,
        tags=list(teaser.tags) if teaser else [],
        lang_hints=hints,
        published_raw=published.value if published else None,
        published_source=published.where if published else None,
        date_context=context,
    )
