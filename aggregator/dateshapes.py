"""Month names and the shapes dates are written in: one home for page reading, date parsing,
story evidence and the mirror's templates.

Also the machine dates sites publish (W3C dates in sitemaps, RFC 822 in feeds, HTTP headers)
and the clock, read in one place so that a test can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Full month names in the order of the calendar, as the sites print them.
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}  # fmt: skip

# Every spelling a month is written in (lower case): full names, unaccented spellings and
# abbreviations, per language.
MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    },
    "fr": {
        "janvier": 1, "janv": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2,
        "fév": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
        "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
        "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12,
        "déc": 12, "dec": 12,
    },
    "es": {
        "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4,
        "abr": 4, "mayo": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7, "agosto": 8, "ago": 8,
        "septiembre": 9, "setiembre": 9, "sept": 9, "sep": 9, "octubre": 10, "oct": 10,
        "noviembre": 11, "nov": 11, "diciembre": 12, "dic": 12,
    },
}  # fmt: skip


def month_alternation(names: Iterable[str]) -> str:
    """A regex alternation of month names, longest first so "sept" wins over "sep"."""
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


_ANY_MONTH = month_alternation({name for table in MONTHS.values() for name in table})
# A date written out as text, in the shapes the sites use: 2025-07-25, 25/07/2025, 31.01.2018,
# 16 avril 2024, 1er août 2022, 16 de abril de 2024, April 16, 2024.
DATE_TEXT_RE = re.compile(
    rf"(?<!\w)(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
    rf"|\d{{1,2}}(?:er)?\s+(?:de\s+)?(?:{_ANY_MONTH})\.?\s+(?:de\s+)?\d{{4}}"
    rf"|(?:{_ANY_MONTH})\.?\s+\d{{1,2}},\s+\d{{4}})(?!\w)",
    re.IGNORECASE,
)
MAX_DATE_LINE = 40  # longer text around a title is a sentence, not a date line


def is_date_text(text: str) -> bool:
    """True for a short line that is mostly a date ("Wed, 18/11/2026 - 10:15")."""
    text = " ".join(text.split())
    return 0 < len(text) <= MAX_DATE_LINE and DATE_TEXT_RE.search(text) is not None


def parse_machine_date(text: str | None) -> datetime | None:
    """A W3C/ISO 8601 (sitemap) or RFC 822 (feed, HTTP) date as an aware UTC datetime, or None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC).astimezone(UTC)


def utc_now() -> str:
    """Now, in the form every `*_at` column holds: ISO 8601 UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
