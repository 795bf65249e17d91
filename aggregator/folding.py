"""Folded text: lower case without accents, the spelling both languages and all sites share.

One home for it: story evidence compares names across languages with it, and page reading
recognises a link's "Français" / "francais" / "FRANÇAIS" with it.
"""

from __future__ import annotations

import re
import unicodedata

_COMBINING_RE = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Lower case without accents."""
    if text.isascii():
        return text.casefold()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()
