"""Month names and the shapes dates are written in: one home for page reading, date parsing,
story evidence and the mirror's templates. The page reader finds date lines with
`find_full_date` and `is_date_text`; the parser (pipelines/dates.py) reads the same shapes.

Also the machine dates sites publish (W3C dates in sitemaps, RFC 822 in feeds, HTTP headers)
and the clock, read in one place so that a test can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

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
# abbreviations, per language. Beside the sites' own languages, those the language pipeline
# detects (de, it, pt, nl), so that a date line on any page is read, and the Cyrillic names
# of Russian and Ukrainian (genitive "15 августа 2016" and nominative), which no word of the
# other languages can be taken for.
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
    "de": {
        "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3,
        "maerz": 3, "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6,
        "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    },
    "it": {
        "gennaio": 1, "gen": 1, "febbraio": 2, "feb": 2, "marzo": 3, "mar": 3, "aprile": 4,
        "apr": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6, "luglio": 7, "lug": 7,
        "agosto": 8, "ago": 8, "settembre": 9, "set": 9, "ottobre": 10, "ott": 10,
        "novembre": 11, "nov": 11, "dicembre": 12, "dic": 12,
    },
    "pt": {
        "janeiro": 1, "jan": 1, "fevereiro": 2, "fev": 2, "março": 3, "mar": 3, "abril": 4,
        "abr": 4, "maio": 5, "mai": 5, "junho": 6, "jun": 6, "julho": 7, "jul": 7,
        "agosto": 8, "ago": 8, "setembro": 9, "set": 9, "outubro": 10, "out": 10,
        "novembro": 11, "nov": 11, "dezembro": 12, "dez": 12,
    },
    "nl": {
        "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4,
        "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
        "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    },
    "ru": {
        "января": 1, "январь": 1, "февраля": 2, "февраль": 2, "марта": 3, "март": 3,
        "апреля": 4, "апрель": 4, "мая": 5, "май": 5, "июня": 6, "июнь": 6, "июля": 7,
        "июль": 7, "августа": 8, "август": 8, "сентября": 9, "сентябрь": 9, "октября": 10,
        "октябрь": 10, "ноября": 11, "ноябрь": 11, "декабря": 12, "декабрь": 12,
    },
    "uk": {
        "січня": 1, "січень": 1, "лютого": 2, "лютий": 2, "березня": 3, "березень": 3,
        "квітня": 4, "квітень": 4, "травня": 5, "травень": 5, "червня": 6, "червень": 6,
        "липня": 7, "липень": 7, "серпня": 8, "серпень": 8, "вересня": 9, "вересень": 9,
        "жовтня": 10, "жовтень": 10, "листопада": 11, "листопад": 11, "грудня": 12,
        "грудень": 12,
    },
}  # fmt: skip
# Names written out in full: a page in another language can use them, abbreviations not
# ("ago", "mar", "set" are words elsewhere).
_ABBREVIATIONS = {"sept", "janv", "févr", "fevr", "juil"}
_SHORT_FULL_NAMES = {"may", "mai", "mei", "мая", "май"}
FULL_MONTH_NAMES: dict[str, int] = {
    name: month
    for table in MONTHS.values()
    for name, month in table.items()
    if (len(name) >= 4 and name not in _ABBREVIATIONS) or name in _SHORT_FULL_NAMES
}


def month_alternation(names: Iterable[str]) -> str:
    """A regex alternation of month names, longest first so "sept" wins over "sep"."""
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


# -- the shapes a date is written in (the parser in pipelines/dates.py reads the same ones) --

# ISO 8601 date-time, extended ("2025-07-25T10:15:00+02:00", "2021-03-05 17:45") or basic
# ("20201123T11:02:35Z").
ISO_DATETIME_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
ISO_BASIC_RE = re.compile(
    r"(?<!\d)(\d{4})(\d{2})(\d{2})T(\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)",
    re.IGNORECASE,
)
# Year first: 2025-07-25, 2022/03/08, 2021.12.01, 2020年2月19日.
YMD_RE = re.compile(
    r"(?<![\d.])(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"
    r"(?![\d])"
)
# Day or month first, all numbers: 31.01.2018, 08/03/2011, 10.12.19 (a 2-digit year), and
# German typography's spaced "4. 2. 2022" (a space after a dot, before a 4-digit year only).
NUMERIC_RE = re.compile(
    r"(?<![\d.])(\d{1,2})([./-])(?:(?<=\.)\s)?(\d{1,2})\2(?:(?<=\.)\s(?=\d{4}))?(\d{4}|\d{2})"
    r"(?![\d])"
)
# A day: "1er", "2nd", "28th", German "19." (the dot of an ordinal).
DAY = r"(\d{1,2})(?:er|re|st|nd|rd|th|º|°|\.(?=\s))?"
# What joins the two days of a range: "10-14", "du 10 au 14", "6 and 7", "del 10 al 14".
RANGE_JOIN = r"\s*(?:-|–|—|/|&|au|et|and|to|al|y|a|bis|und)\s*"
_WORD_END = r"(?![^\W\d_])"


@dataclass(frozen=True)
class TextDatePatterns:
    """Day-month(-year), month-day(-year) and month-year, over one set of month names."""

    dmy: re.Pattern[str]
    mdy: re.Pattern[str]
    month_year: re.Pattern[str]


def text_date_patterns(names: Iterable[str]) -> TextDatePatterns:
    """The text shapes over these month names; the year is optional (group "year")."""
    months = month_alternation(names)
    return TextDatePatterns(
        dmy=re.compile(
            rf"(?<!\w){DAY}(?:(?P<range>{RANGE_JOIN}\d{{1,2}}(?:er|st|nd|rd|th|\.)?))?"
            rf"\s+(?:de\s+|of\s+)?(?P<month>{months})\.?{_WORD_END}"
            rf"(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})(?!\d))?",
            re.IGNORECASE,
        ),
        mdy=re.compile(
            # a word followed by a number, looked at before the names are tried (fast)
            rf"(?<!\w)(?=[^\W\d_]+\.?\s+\d)(?P<month>{months})\.?\s+{DAY}(?!\d)"
            rf"(?:(?P<range>{RANGE_JOIN}\d{{1,2}}"
            rf"(?:st|nd|rd|th)?)(?!\d))?(?:(?P<comma>,)?\s+(?P<year>\d{{4}})(?!\d))?",
            re.IGNORECASE,
        ),
        month_year=re.compile(
            rf"(?<!\w)(?P<month>{months})\.?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
        ),
    )


@cache
def _any_month() -> TextDatePatterns:
    """The text shapes over every known month name, compiled on first use: commands that
    only need the names (the digest page) do not pay for them."""
    return text_date_patterns({name for table in MONTHS.values() for name in table})


MAX_DATE_LINE = 100  # longer text is a paragraph, not a date line
MAX_LINE_WORDS = 6  # words beside the date in a date line ("Posted on ... by Jane Doe")
# Words of a date line ("Posted", "on", "by"), not its numbers or one-letter pieces.
WORD_RE = re.compile(r"[^\W\d_]{2,}")
# Every full date holds a 4-digit year or a numeric day.month.year: a cheap first test.
_MAYBE_DATE_RE = re.compile(r"\d{4}|\d[./-]\d{1,2}[./-]\d")


def find_full_date(text: str) -> tuple[int, int] | None:
    """Where the first date with a day, a month and a year is written in `text`, or None.

    The shapes: ISO and numeric dates, day-month-year ("19. Juli 2014", "28 April, 2017",
    "2 de abril de 2020", "1er août 2022") and month-day-year ("June 28th, 2018").
    """
    if not _MAYBE_DATE_RE.search(text):
        return None
    spans = []
    for pattern in (ISO_BASIC_RE, YMD_RE, NUMERIC_RE):
        if m := pattern.search(text):
            spans.append(m.span())
    for pattern in (_any_month().dmy, _any_month().mdy):
        for m in pattern.finditer(text):
            if m["year"]:
                spans.append(m.span())
                break
    return min(spans) if spans else None


def is_date_text(text: str) -> bool:
    """True for a line that is mostly a date: "Wed, 18/11/2026 - 10:15", "Posted on
    September 21, 2020 by Jane Doe"; not a sentence that mentions one."""
    text = " ".join(text.split())
    if not 0 < len(text) <= MAX_DATE_LINE:
        return False
    span = find_full_date(text)
    if span is None:
        return False
    before, after = text[: span[0]], text[span[1] :]
    if after.startswith(",") and len(WORD_RE.findall(after)) > 3:
        return False  # "On 6 May 2020, mayors met in Brussels": a sentence goes on
    return len(WORD_RE.findall(before + " " + after)) <= MAX_LINE_WORDS


def parse_machine_date(text: str | None) -> datetime | None:
    """A W3C/ISO 8601 (sitemap) or RFC 822 (feed, HTTP) date as an aware UTC datetime, or None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime  # on first use: digests never need it

        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC).astimezone(UTC)


def utc_now() -> str:
    """Now, in the form every `*_at` column holds: ISO 8601 UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
