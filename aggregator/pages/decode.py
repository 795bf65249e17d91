"""A page's text as a browser reads it: the encoding its bytes are really in, and no control
characters that make the text extractor give up.

A page labelled UTF-8 but written in windows-1252 would otherwise be stored with replacement
characters, and one numeric reference to a control character (`&#x1;`) makes lxml-based
extractors return nothing, so the article would be stored with an empty body. Both are
repaired here, before any page object reads the text, and the caller counts the mismatches.
"""

from __future__ import annotations

import re

from w3lib.encoding import html_body_declared_encoding

_CHAR_REF_RE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
# Raw C0 controls (but tab and line breaks) and lone surrogates.
_RAW_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
FALLBACK_ENCODINGS = ("utf-8", "cp1252")  # what mislabelled pages are written in, in practice


def _keep_reference(match: re.Match[str]) -> str:
    """A numeric character reference, unless it names a control character or a surrogate."""
    ref = match.group(1)
    try:
        code = int(ref[1:], 16) if ref[0] in "xX" else int(ref)
    except ValueError:
        return ""
    unusable = (code < 32 and code not in (9, 10, 13)) or 0xD800 <= code <= 0xDFFF
    return "" if unusable or code > 0x10FFFF else match.group(0)


def without_controls(text: str) -> str:
    """The text without control characters, raw or written as numeric references."""
    if "&#" in text:
        text = _CHAR_REF_RE.sub(_keep_reference, text)
    return _RAW_CONTROL_RE.sub("", text)


def page_text(body: bytes, declared: str | None) -> tuple[str, bool]:
    """(text, whether the declared encoding was wrong) for a page's bytes."""
    encoding = declared or "utf-8"
    try:
        return without_controls(body.decode(encoding)), False
    except (UnicodeDecodeError, LookupError):
        pass
    for candidate in (html_body_declared_encoding(body), *FALLBACK_ENCODINGS):
        if not candidate or candidate.lower() == encoding.lower():
            continue
        try:
            return without_controls(body.decode(candidate)), True
        except (UnicodeDecodeError, LookupError):
            continue
    return without_controls(body.decode(encoding, errors="replace")), True
