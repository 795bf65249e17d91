"""Tidy the text fields of an item so that feeds, search and dedup see one spelling of it.

`clean_text` decodes HTML entities, applies Unicode NFC, removes control and invisible
characters, collapses every kind of space (non-breaking and narrow ones included) and, for
bodies, keeps paragraph breaks as a blank line. Typographic quotes and apostrophes are kept
for display. `strip_read_more` removes the teaser trailers the sites append ("Lire plus",
"Read More", "(+)", ...) and reports whether the summary had been cut short by the site.
"""

from __future__ import annotations

import html
import re
import unicodedata

from aggregator import stats as names
from aggregator.items import Article
from aggregator.pipelines import CountingPipeline

# Zero-width and directional marks, soft hyphen, BOM: invisible on the page, noise in a key.
# (A regex: str.translate with a table costs 15 times more on a body that has none.)
_INVISIBLE_RE = re.compile(
    "[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e]"
)
# C0/C1 control characters except tab and line breaks (they become spaces or paragraphs).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Any run of whitespace but the line feed (\xa0, \u202f included) that is not already one
# plain space: a body's every single space is left alone rather than replaced by itself.
_SPACES_RE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK_RE = re.compile(r"[^\S\n]*\n[^\S\n]*")
_BULLET_RE = re.compile(r"^(?:[•·▪◦*]|[-–—](?=\s))")

_TRAILER_RE = re.compile(
    r"""(?:\s|^)(?:
        lire\s+plus | lire\s+la\s+suite | en\s+savoir\s+plus | read\s+more |
        continue\s+reading | leer\s+m[aá]s | \(\s*\+\s*\)
    )\s*[»›>→]*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_ELLIPSIS_RE = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.{3,})\s*$")


def clean_text(text: str | None, *, paragraphs: bool = False) -> str:
    """One clean spelling of a text: entities decoded, NFC, no control characters, spaces collapsed.

    With `paragraphs=True` (bodies), blank-line-separated paragraphs are kept as "\\n\\n" and a
    line starting with a bullet stays on its own line; any other line break becomes a space
    (PDF text and HTML source wrap lines where the reader does not see a break).
    """
    if not text:
        return ""
    text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _CONTROL_RE.sub(" ", text)
    if not paragraphs:
        return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()
    kept = []
    for block in _PARAGRAPH_SPLIT_RE.split(text):
        lines = [_SPACES_RE.sub(" ", line).strip() for line in _LINE_BREAK_RE.split(block)]
        para = ""
        for line in lines:
            if not line:
                continue
            if para and _BULLET_RE.match(line):
                para += "\n" + line
            else:
                para = f"{para} {line}" if para else line
        if para:
            kept.append(para)
    return "\n\n".join(kept)


_TRAILER_TAIL = 80  # characters at the end of a text where a trailer can stand


def strip_trailers(text: str) -> str:
    """Remove the read-more links that end teasers: they are navigation, not content."""
    text = text.rstrip()
    while match := _TRAILER_RE.search(text, max(0, len(text) - _TRAILER_TAIL)):
        text = text[: match.start()].rstrip()
    return text


def strip_read_more(text: str) -> tuple[str, bool]:
    """Remove read-more trailers from a cleaned teaser; True when it ends cut short ("…", "...")."""
    text = strip_trailers(text)
    match = _ELLIPSIS_RE.search(text)
    if not match:
        return text, False
    # One spelling of the cut for display: "…" right after the last word.
    return text[: match.start()].rstrip() + "…", True


# "[EXPIRED] Call for ...": a status label a site puts before a title, not part of it.
_STATUS_LABEL_RE = re.compile(r"^\[[A-ZÀ-Ý][A-ZÀ-Ý ]{1,20}\]\s*")
# "rnThe council ...", "... negotiations.rn": an escaped CRLF whose backslashes a migration
# lost, at a paragraph's edges (seen on CEMR's migrated articles).
_CRLF_DEBRIS_RE = re.compile(
    r"^(?:rn)+(?=[A-ZÀ-Ý«\"“‘'(])|(?<=[.!?:;»\"”’)])(?:rn)+$", re.MULTILINE
)


def without_status_label(title: str) -> str:
    return _STATUS_LABEL_RE.sub("", title)


def without_crlf_debris(body: str) -> str:
    if not any(s in body for s in ("\nrn", "rn\n")) and not (
        body.startswith("rn") or body.endswith("rn")
    ):
        return body  # no line opens or ends with the debris (most bodies: a cheap test)
    return "\n\n".join(_CRLF_DEBRIS_RE.sub("", p) for p in body.split("\n\n"))


def clean_article(item: Article) -> dict[str, int]:
    """Clean the item's text fields in place; counts of what changed, for the crawler's stats."""
    title = clean_text(item.title)
    item.title = without_status_label(title)
    summary = without_crlf_debris(clean_text(item.summary))
    raw_body = clean_text(item.body, paragraphs=True)
    body = without_crlf_debris(raw_body)
    summary_kept, body_kept = strip_trailers(summary), strip_trailers(body)
    item.summary, truncated = strip_read_more(summary_kept)
    item.summary_truncated = item.summary_truncated or truncated
    item.body = body_kept
    tags: list[str] = []
    for tag in map(clean_text, item.tags):
        if tag and tag not in tags:
            tags.append(tag)
    item.tags = tags
    return {
        "trailer_removed": (summary_kept != summary) + (body_kept != body),
        "summary_truncated": int(truncated),
        "status_label_removed": int(item.title != title),
        "crlf_debris_removed": int(raw_body != body),
    }


class CleanTextPipeline(CountingPipeline):
    """Scrapy shell around `clean_article`: every item leaves with clean text, none is dropped."""

    def process_item(self, item: Article) -> Article:
        counts = clean_article(item)
        self.stats.inc_value(names.clean_text("items"))
        for key, value in counts.items():
            if value:
                self.stats.inc_value(names.clean_text(key), value)
        return item
