"""Turn the sites' date text into ISO 8601 UTC, naming the rule that read it, and keep the
date as the site wrote it.

Stored form: `YYYY-MM-DDTHH:MM:SS+00:00` (Python's isoformat of an aware UTC datetime, never
"Z"); a date without a time is midnight UTC of that day. Beside it, `ParsedDate.local` is the
date as written: ISO 8601 with the offset the site wrote (none if it wrote none), or only the
day for a date without a time, which therefore never moves. Rules, tried in this order:

- `iso`: ISO 8601 date-times, extended or basic ("20201123T11:02:35Z"; offset converted to
  UTC; no offset read as UTC), parsed by the standard library, not dateparser. `rfc822`: feed
  dates ("Fri, 25 Jul 2025 08:15:00 +0000"). `ctime`: Unix `date` stamps some CMSs print
  ("Tue Jan 28 15:28:56 CET 2020", common zone abbreviations only).
- `pdf`: PDF metadata dates ("D:20081110093000+01'00'").
- `numeric_ymd` ("2025-07-25", "2020年2月19日"), `numeric` ("31.01.2018", "08/03/2011",
  "10.12.19": day first, or the source's `date_order`), `numeric_swapped` (the other order,
  only when the configured one is impossible, e.g. "12/25/2024").
- `text_dmy` ("29 juin 2023", "1er août 2022", "16 sept. 2023", "16 de abril de 2024",
  "19. Juli 2014", "2nd of June 2021", "28 April, 2017", datelines "Washington, DC, le 16 avril
  2024 – ..."), `text_mdy` ("April 16, 2024", "June 28th, 2018", "On June 18"; other languages'
  names only before ", year": "Juli 12, 2017"), `range_dmy` / `range_mdy` ("Du 10 au 14
  octobre", "On 6 and 7 November": the first day), `text_my` ("septembre 2023": the first of
  the month). Month names come from our own tables (aggregator/dateshapes.py: en, fr, es, de,
  it, pt, nl; the item's language first, English when unknown), so dateparser's known traps
  cannot happen here: French "sept." read as July, a French date dropped when several
  languages are passed at once, numeric dates read month first.
- `dateparser`: anything else short (relative dates such as "il y a 3 jours"), with the item's
  one language, the source's date order and `now` as the relative base (`relative=False`
  leaves it out: the page reader checks candidates with the rules above only).

A date without a year takes the year that puts it closest to the first full date of
`context` (listing date, article date, PDF metadata; suffix `+context`), else the year of
`now` (suffix `+now`); either way it is never in the future (`is_future`: more than
CLOCK_SKEW, a day, after `now`): such a date is put a year back.

The site's calendar day (`site_day`, stored as `published_day`) is the day as written; a time
written in UTC takes the day the page shows beside it (its date line, its URL's date path)
when that is the adjacent day the time allows. "Articles per day" counts by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from aggregator import stats as names
from aggregator.dateshapes import (
    FULL_MONTH_NAMES,
    ISO_BASIC_RE,
    ISO_DATETIME_RE,
    MONTHS,
    NUMERIC_RE,
    RANGE_JOIN,
    YMD_RE,
    TextDatePatterns,
    month_alternation,
    text_date_patterns,
)
from aggregator.items import Article
from aggregator.pipelines import SourcesPipeline

# How far after the fetch a date may lie and still be read as written (the site's clock, or
# its time zone, ahead of ours); anything later is in the future: an event, or a wrong stamp.
CLOCK_SKEW = timedelta(days=1)
_RFC822_RE = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}")
# PDF metadata: "D:20081110093000+01'00'" (seconds, time and offset optional).
_PDF_RE = re.compile(
    r"D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)
# Unix `date` output, as some CMSs print it in metadata: "Tue Jan 28 15:28:56 CET 2020".
_CTIME_RE = re.compile(
    r"(?:[A-Za-z]{3},?\s+)?(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(?P<zone>[A-Z]{1,5})\s+)?(?P<year>\d{4})(?!\d)"
)
# Zone abbreviations that such stamps carry, as hours from UTC.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MET": 1,
    "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}  # fmt: skip


@lru_cache(maxsize=16)
def _text_patterns(lang: str | None) -> tuple[tuple[TextDatePatterns, dict[str, int]], ...]:
    """The text shapes over the language's month names (English when it is unknown: "Apr 7,
    2009"), then over the full names of the other languages."""
    own = MONTHS.get(lang or "en", {})
    others = {name: month for name, month in FULL_MONTH_NAMES.items() if name not in own}
    return tuple((text_date_patterns(table), table) for table in (own, others) if table)


_RANGE_END_RE = re.compile(
    rf"^{RANGE_JOIN}\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>[^\W\d_]+)\.?"
    rf"(?:,?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_NON_ENGLISH = {name for lang, table in MONTHS.items() if lang != "en" for name in table}


_OFFSET_RE = re.compile(r"[+-]\d{2}:\d{2}$")  # the offset a time was written with


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text: the instant (ISO 8601 UTC), the rule that read it, and the date
    as the site wrote it (`local`: ISO 8601 with the offset written, none if none was; only
    the day for a date without a time)."""

    value: str
    rule: str
    local: str

    @property
    def day(self) -> str:
        """The site's calendar day as written (a date-only stamp never moves)."""
        return self.local[:10]

    @property
    def is_utc(self) -> bool:
        """True when the site wrote its time in UTC: its own calendar day is not written."""
        return self.local.endswith("+00:00")

    @property
    def says_its_day(self) -> bool:
        """True for a date written alone, or with a time and the site's own offset (not
        UTC): the day it says is the site's, which no time zone can move."""
        return len(self.local) == 10 or bool(_OFFSET_RE.search(self.local)) and not self.is_utc


def is_future(value: str | datetime, now: datetime) -> bool:
    """True for a date (ISO 8601 text or an aware datetime) later than `now`, the fetch time,
    by more than CLOCK_SKEW: the one test of "in the future" for pages and pipelines."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when > now + CLOCK_SKEW


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def _stamp(dt: datetime, rule: str) -> ParsedDate:
    """A date-time with the offset it was written with (none if none)."""
    return ParsedDate(_iso(dt), rule, dt.replace(microsecond=0).isoformat())


def _day(dt: datetime, rule: str) -> ParsedDate:
    """A date without a time: midnight UTC of that day, and the day itself as written."""
    return ParsedDate(_iso(dt), rule, dt.date().isoformat())


def _valid(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _parse_iso(raw: str) -> datetime | None:
    text = raw.strip().replace(",", ".")
    text = re.sub(r"\s*([+-]\d{2})(\d{2})$", r"\1:\2", text)
    text = re.sub(r"\s*([+-]\d{2})$", r"\1:00", text)
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1).replace("z", "Z"))
    except ValueError:
        return None


def _parse_iso_basic(m: re.Match[str]) -> datetime | None:
    """ "20201123T11:02:35Z": the basic ISO 8601 form, read as the extended one."""
    time = f"{m[4]}:{m[5]}:{m[6] or '00'}"
    return _parse_iso(f"{m[1]}-{m[2]}-{m[3]}T{time}{m[7] or ''}")


def _parse_ctime(m: re.Match[str]) -> datetime | None:
    month = MONTHS["en"].get(m["month"].lower())
    zone = m["zone"]
    if month is None or (zone and zone not in _ZONES):
        return None
    try:
        dt = datetime.fromisoformat(f"{m['year']}-{month:02d}-{int(m['day']):02d}T{m['time']:0>5}")
    except ValueError:
        return None
    return dt.replace(tzinfo=timezone(timedelta(hours=_ZONES[zone]))) if zone else dt


def _pdf_date(m: re.Match[str]) -> datetime | None:
    zone = UTC
    if m[8]:
        offset = timedelta(hours=int(m[9]), minutes=int(m[10] or 0))
        zone = timezone(offset if m[8] == "+" else -offset)
    try:
        return datetime(*(int(m[i] or 0) for i in range(1, 7)), tzinfo=zone)
    except ValueError:
        return None


def _full_date(raw: str, date_order: str) -> ParsedDate | None:
    """A machine-shaped date that carries its own year (ISO, RFC 822, numeric), or None."""
    iso = ISO_DATETIME_RE.search(raw)
    if iso and (dt := _parse_iso(iso.group())):
        return _stamp(dt, "iso")
    basic = ISO_BASIC_RE.search(raw) if "T" in raw or "t" in raw else None
    if basic and (dt := _parse_iso_basic(basic)):
        return _stamp(dt, "iso")
    if _RFC822_RE.search(raw):
        try:
            return _stamp(parsedate_to_datetime(raw.strip()), "rfc822")
        except (TypeError, ValueError, IndexError):
            pass
    if ":" in raw and (m := _CTIME_RE.search(raw)) and (dt := _parse_ctime(m)):
        return _stamp(dt, "ctime")
    if (m := _PDF_RE.search(raw)) and (dt := _pdf_date(m)):
        return _stamp(dt, "pdf") if m[4] else _day(dt, "pdf")
    if m := YMD_RE.search(raw):
        month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
        if dt := _valid(int(m[1]), int(month), int(day)):
            return _day(dt, "numeric_ymd")
    if m := NUMERIC_RE.search(raw):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (second, first) if date_order.upper().startswith("M") else (first, second)
        if dt := _valid(year, month, day):
            return _day(dt, "numeric")
        if dt := _valid(year, day, month):
            return _day(dt, "numeric_swapped")
    return None


def _text_date(raw: str, lang: str | None) -> tuple[int | None, int, int, str] | None:
    """(year or None, month, day, rule) of the earliest date written with a month name."""
    best: tuple[int, tuple[int | None, int, int, str]] | None = None
    words = set(_WORD_RE.findall(raw.lower()))
    shapes = [
        (pattern, table, shape)
        for patterns, table in _text_patterns(lang)
        if not words.isdisjoint(table)  # no month name of this table: its shapes cannot match
        for pattern, shape in (
            (patterns.dmy, "dmy"),
            (patterns.mdy, "mdy"),
            (patterns.month_year, "my"),
        )
    ]
    for pattern, table, shape in shapes:
        for m in pattern.finditer(raw):
            if best is not None and m.start() >= best[0]:
                break
            name = m["month"].lower()
            # English month names are capitalised ("may", "march" in a sentence are no months);
            # month-first dates are English, or closed by a comma and a year ("Juli 12, 2017").
            is_english = name in MONTHS["en"]
            capital = m["month"][0].isupper()
            if name not in table or (is_english and name not in _NON_ENGLISH and not capital):
                continue
            if shape == "mdy" and not (is_english and capital or m["comma"] and m["year"]):
                continue
            year = int(m["year"]) if m["year"] else None
            if shape == "my":
                found = (year, table[name], 1, "text_my")
            else:
                day = int(m[1] if shape == "dmy" else m[2])
                rule = f"range_{shape}" if m["range"] else f"text_{shape}"
                found = (year, table[name], day, rule)
                if year is None and shape == "dmy":
                    found = _range_across_months(raw[m.end() :], found)
            if _valid(found[0] or 2000, found[1], found[2]):
                best = (m.start(), found)
                break
    return best[1] if best else None


def _range_across_months(
    rest: str, found: tuple[int | None, int, int, str]
) -> tuple[int | None, int, int, str]:
    """'du 31 mai au 3 juin 2022': a range start, with the end's year (earlier across New Year)."""
    end = _RANGE_END_RE.match(rest)
    if not end:
        return found
    name = end["month"].lower()
    end_month = next((t[name] for t in MONTHS.values() if name in t), None)
    if end_month is None:
        return found
    year = found[0]
    if end["year"]:
        year = int(end["year"]) - (1 if end_month < found[1] else 0)
    return (year, found[1], found[2], found[3].replace("text_", "range_"))


def _reference_date(context: Sequence[str], lang: str | None, date_order: str) -> datetime | None:
    """The first full date (with a year) among the item's context strings."""
    for ctx in context:
        if full := _full_date(ctx, date_order):
            return datetime.fromisoformat(full.value)
        text = _text_date(ctx, lang)
        if text and text[0] is not None:
            return datetime(text[0], text[1], text[2], tzinfo=UTC)
    return None


def _place_year(month: int, day: int, reference: datetime, now: datetime) -> datetime | None:
    """The year putting month/day closest to the reference, never in the future."""
    years = range(reference.year - 1, reference.year + 2)
    candidates = [dt for y in years if (dt := _valid(y, month, day)) and not is_future(dt, now)]
    if candidates:
        return min(candidates, key=lambda dt: abs(dt - reference))
    # Only 29 February can miss every candidate: the latest leap year before now.
    back = (_valid(y, month, day) for y in range(now.year, now.year - 8, -1))
    return next((dt for dt in back if dt and not is_future(dt, now)), None)


_FR_MONTH_NAMES = {
    "janv": "janvier", "févr": "février", "fevr": "février", "fév": "février", "avr": "avril",
    "juil": "juillet", "sept": "septembre", "oct": "octobre", "nov": "novembre", "déc": "décembre",
}  # fmt: skip
_FR_ABBREVIATION_RE = re.compile(
    rf"\b({month_alternation(list(_FR_MONTH_NAMES))})\.(?=\s|$)", re.IGNORECASE
)


@lru_cache(maxsize=16)
def _dateparser_settings(date_order: str) -> dict[str, object]:
    return {
        "DATE_ORDER": date_order,
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
    }


def _with_dateparser(
    raw: str, lang: str | None, date_order: str, now: datetime
) -> ParsedDate | None:
    import dateparser  # slow to import; only the rare shapes our rules do not know need it

    if lang == "fr":  # dateparser has read French "sept." as July: spell the month out
        raw = _FR_ABBREVIATION_RE.sub(lambda m: _FR_MONTH_NAMES[m[1].lower()], raw)
    settings = dict(_dateparser_settings(date_order))
    settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    languages = [lang] if lang else None
    try:
        dt = dateparser.parse(raw, languages=languages, settings=settings)
    except (ValueError, OverflowError):
        return None
    if dt is None or is_future(dt, now):
        return None
    return _stamp(dt, "dateparser")


def parse_date(
    raw: str,
    *,
    lang: str | None,
    date_order: str = "DMY",
    context: Sequence[str] = (),
    now: datetime,
    relative: bool = True,
) -> ParsedDate | None:
    """Read a date from the sites' text with the rules of the module docstring; None if none.

    `relative=False` leaves out the `dateparser` rule (relative dates, rare shapes): a page
    reader checking many candidates wants only dates written out, and fast."""
    if not raw or not raw.strip():
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    lang = (lang or "").lower()[:2] or None
    if full := _full_date(raw, date_order):
        return full
    if text := _text_date(raw, lang):
        year, month, day, rule = text
        if year is not None:
            return _day(datetime(year, month, day, tzinfo=UTC), rule)
        if (ref := _reference_date(context, lang, date_order)) and (
            placed := _place_year(month, day, ref, now)
        ):
            return _day(placed, f"{rule}+context")
        # From the crawl date: its most recent occurrence not in the future.
        back = (_valid(y, month, day) for y in range(now.year + 1, now.year - 8, -1))
        if placed := next((dt for dt in back if dt and not is_future(dt, now)), None):
            return _day(placed, f"{rule}+now")
        return None
    if relative and len(raw) <= 40:
        return _with_dateparser(raw, lang, date_order.upper(), now)
    return None


def _shown_day(text: str, lang: str | None, date_order: str) -> str | None:
    """The day a page shows ("8 November 2023", a URL's /2023/11/08/, a local time), or None
    when it gives a time in UTC (whose day is the question)."""
    if full := _full_date(text, date_order):
        return None if full.is_utc else full.day
    found = _text_date(text, lang)
    if found is None or found[0] is None or found[3] == "text_my":
        return None
    return date(found[0], found[1], found[2]).isoformat()


def site_day(
    parsed: ParsedDate, context: Sequence[str], *, lang: str | None, date_order: str = "DMY"
) -> str:
    """The site's calendar day of a date: the day as written.

    A time written in UTC ("2023-11-09T03:28:35Z") does not say the site's day: the day the
    page shows beside it (a date line, the URL's date path, in `context`) wins when it is the
    day before or after and the time allows it with an offset sites use (-10 to +13 hours).
    """
    if not parsed.is_utc:
        return parsed.day
    instant = datetime.fromisoformat(parsed.value)
    for text in context:
        shown = _shown_day(text, lang, date_order)
        if shown is None:
            continue
        delta = (date.fromisoformat(shown) - instant.date()).days
        if delta == 0:
            break
        if delta == -1 and instant.hour < 10 or delta == 1 and instant.hour >= 11:
            return shown
    return parsed.day


def parse_fetched_at(value: str) -> datetime:
    """The item's fetch time, the deterministic `now` of its dates."""
    dt = _parse_iso(value) if value else None
    return (dt or datetime.now(UTC)).astimezone(UTC)


class DatePipeline(SourcesPipeline):
    """Scrapy shell around `parse_date` for published and modified dates; raw text is kept."""

    def process_item(self, item: Article) -> Article:
        now = parse_fetched_at(item.fetched_at)
        source = self.sources.get(item.source)
        order = source.date_order if source else "DMY"
        for field in ("published", "modified"):
            raw = getattr(item, f"{field}_raw")
            if not raw:
                continue
            parsed = parse_date(
                raw, lang=item.lang, date_order=order, context=item.date_context, now=now
            )
            if parsed is None:
                self.stats.inc_value(names.DATES_UNPARSED)
                self.stats.inc_value(names.date_unparsed(field))
                continue
            # A page dated after the crawl (beyond clock skew) would head every feed: its
            # date is not trusted; the raw text stays, the rule says why.
            trusted = not is_future(parsed.value, now)
            rule = parsed.rule if trusted else f"untrusted_future:{parsed.rule}"
            if trusted:
                setattr(item, f"{field}_at", parsed.value)
            else:
                self.stats.inc_value(names.DATES_IN_FUTURE)
            if field == "published":
                item.published_rule = rule
                if trusted:
                    item.published_local = parsed.local
                    item.published_day = site_day(
                        parsed, item.date_context, lang=item.lang, date_order=order
                    )
                    if item.published_day != parsed.day:
                        self.stats.inc_value(names.DATES_SITE_DAY_FROM_PAGE)
            self.stats.inc_value(names.date_rule(rule))
        return item
