"""Turn the sites' date text into ISO 8601 UTC, naming the rule that read it.

Stored form: `YYYY-MM-DDTHH:MM:SS+00:00` (Python's isoformat of an aware UTC datetime, never
"Z"); a date without a time is midnight UTC of that day. Rules, tried in this order:

- `iso`: ISO 8601 date-times (offset converted to UTC; no offset read as UTC), parsed by the
  standard library, not dateparser. `rfc822`: feed dates ("Fri, 25 Jul 2025 08:15:00 +0000").
- `pdf`: PDF metadata dates ("D:20081110093000+01'00'").
- `numeric_ymd` ("2025-07-25"), `numeric` ("31.01.2018", "08/03/2011": day first, or the
  source's `date_order`), `numeric_swapped` (the other order, only when the configured one is
  impossible, e.g. "12/25/2024").
- `text_dmy` ("29 juin 2023", "1er août 2022", "16 sept. 2023", "16 de abril de 2024", datelines
  "Washington, DC, le 16 avril 2024 – ..."), `text_mdy` ("April 16, 2024", "On June 18"),
  `range_dmy` / `range_mdy` ("Du 10 au 14 octobre", "On 6 and 7 November": the first day),
  `text_my` ("septembre 2023": the first of the month). Month names come from our own tables
  (en, fr, es; the item's language first), so dateparser's known traps cannot happen here:
  French "sept." read as July, a French date dropped when several languages are passed at
  once, numeric dates read month first.
- `dateparser`: anything else short (relative dates such as "il y a 3 jours"), with the item's
  one language, the source's date order and `now` as the relative base.

A date without a year takes the year that puts it closest to the first full date of
`context` (listing date, article date, PDF metadata; suffix `+context`), else the year of
`now` (suffix `+now`); either way it is never more than a day after `now` (a year back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache

from aggregator import stats as names
from aggregator.dateshapes import MONTHS, month_alternation
from aggregator.items import Article
from aggregator.pipelines import SourcesPipeline

# Another language's names are tried after the item's own, full names only: "ago" (Spanish
# agosto) or "mar" must not be read in English text.
_FULL_NAMES = {
    name: month
    for table in MONTHS.values()
    for name, month in table.items()
    if len(name) >= 4 and name not in {"sept", "janv", "févr", "fevr", "juil"}
}
_ISO_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_RFC822_RE = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}")
# PDF metadata: "D:20081110093000+01'00'" (seconds, time and offset optional).
_PDF_RE = re.compile(
    r"D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)
_YMD_RE = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_DAY = r"(\d{1,2})(?:er|re|st|nd|rd|th|º|°)?"
_JOIN = r"\s*(?:-|–|—|/|&|au|et|and|to|al|y|a)\s*"
_WORD_END = r"(?![^\W\d_])"


@lru_cache(maxsize=8)
def _text_patterns(lang: str | None) -> tuple[tuple[re.Pattern[str], dict[str, int], str], ...]:
    """Compiled day-month, month-day and month-year patterns: the language's, then the others."""
    tables = [MONTHS[lang]] if lang in MONTHS else []
    tables.append(_FULL_NAMES)
    compiled = []
    for table in tables:
        months = month_alternation(list(table))
        dmy = re.compile(
            rf"(?<!\w){_DAY}(?:(?P<range>{_JOIN}\d{{1,2}}(?:er|st|nd|rd|th)?))?"
            rf"\s+(?:de\s+)?(?P<month>{months})\.?{_WORD_END}"
            rf"(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})(?!\d))?",
            re.IGNORECASE,
        )
        mdy = re.compile(
            rf"(?<!\w)(?P<month>{months})\.?\s+{_DAY}(?!\d)(?:(?P<range>{_JOIN}\d{{1,2}}"
            rf"(?:st|nd|rd|th)?)(?!\d))?(?:,?\s+(?P<year>\d{{4}})(?!\d))?",
            re.IGNORECASE,
        )
        month_year = re.compile(
            rf"(?<!\w)(?P<month>{months})\.?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
        )
        compiled += [(dmy, table, "dmy"), (mdy, table, "mdy"), (month_year, table, "my")]
    return tuple(compiled)


_RANGE_END_RE = re.compile(
    rf"^{_JOIN}\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>[^\W\d_]+)\.?"
    rf"(?:,?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d))?",
    re.IGNORECASE,
)
_NON_ENGLISH = {name for lang, table in MONTHS.items() if lang != "en" for name in table}


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text: ISO 8601 UTC value and the rule that produced it."""

    value: str
    rule: str


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


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


def _pdf_date(m: re.Match[str]) -> datetime | None:
    try:
        dt = datetime(*(int(m[i] or 0) for i in range(1, 7)), tzinfo=UTC)
    except ValueError:
        return None
    if m[8]:
        offset = timedelta(hours=int(m[9]), minutes=int(m[10] or 0))
        dt -= offset if m[8] == "+" else -offset
    return dt


def _full_date(raw: str, date_order: str) -> ParsedDate | None:
    """A machine-shaped date that carries its own year (ISO, RFC 822, numeric), or None."""
    iso = _ISO_RE.search(raw)
    if iso and (dt := _parse_iso(iso.group())):
        return ParsedDate(_iso(dt), "iso")
    if _RFC822_RE.search(raw):
        try:
            return ParsedDate(_iso(parsedate_to_datetime(raw.strip())), "rfc822")
        except (TypeError, ValueError, IndexError):
            pass
    if (m := _PDF_RE.search(raw)) and (dt := _pdf_date(m)):
        return ParsedDate(_iso(dt), "pdf")
    if (m := _YMD_RE.search(raw)) and (dt := _valid(int(m[1]), int(m[2]), int(m[3]))):
        return ParsedDate(_iso(dt), "numeric_ymd")
    if m := _NUMERIC_RE.search(raw):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (second, first) if date_order.upper().startswith("M") else (first, second)
        if dt := _valid(year, month, day):
            return ParsedDate(_iso(dt), "numeric")
        if dt := _valid(year, day, month):
            return ParsedDate(_iso(dt), "numeric_swapped")
    return None


def _text_date(raw: str, lang: str | None) -> tuple[int | None, int, int, str] | None:
    """(year or None, month, day, rule) of the earliest date written with a month name."""
    best: tuple[int, tuple[int | None, int, int, str]] | None = None
    for pattern, table, shape in _text_patterns(lang):
        for m in pattern.finditer(raw):
            if best is not None and m.start() >= best[0]:
                break
            name = m["month"].lower()
            # English month names are capitalised ("may", "march" in a sentence are no months);
            # month-first dates are English only.
            is_english = name in MONTHS["en"]
            capital = m["month"][0].isupper()
            if name not in table or (is_english and name not in _NON_ENGLISH and not capital):
                continue
            if shape == "mdy" and not (is_english and capital):
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
    """The year putting month/day closest to the reference, never more than a day after now."""
    latest = now + timedelta(days=1)
    years = range(reference.year - 1, reference.year + 2)
    candidates = [dt for y in years if (dt := _valid(y, month, day)) and dt <= latest]
    if candidates:
        return min(candidates, key=lambda dt: abs(dt - reference))
    # Only 29 February can miss every candidate: the latest leap year before now.
    back = (_valid(y, month, day) for y in range(now.year, now.year - 8, -1))
    return next((dt for dt in back if dt and dt <= latest), None)


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
    if dt is None or dt.astimezone(UTC) > now + timedelta(days=1):
        return None
    return ParsedDate(_iso(dt), "dateparser")


def parse_date(
    raw: str,
    *,
    lang: str | None,
    date_order: str = "DMY",
    context: Sequence[str] = (),
    now: datetime,
) -> ParsedDate | None:
    """Read a date from the sites' text with the rules of the module docstring; None if none."""
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
            return ParsedDate(_iso(datetime(year, month, day, tzinfo=UTC)), rule)
        if (ref := _reference_date(context, lang, date_order)) and (
            placed := _place_year(month, day, ref, now)
        ):
            return ParsedDate(_iso(placed), f"{rule}+context")
        # From the crawl date: its most recent occurrence no more than a day after now.
        latest = now + timedelta(days=1)
        back = (_valid(y, month, day) for y in range(now.year + 1, now.year - 8, -1))
        if placed := next((dt for dt in back if dt and dt <= latest), None):
            return ParsedDate(_iso(placed), f"{rule}+now")
        return None
    if len(raw) <= 40:
        return _with_dateparser(raw, lang, date_order.upper(), now)
    return None


def parse_fetched_at(value: str) -> datetime:
    """The item's fetch time, the deterministic `now` of its dates."""
    dt = _parse_iso(value) if value else None
    return (dt or datetime.now(UTC)).astimezone(UTC)


CLOCK_SKEW = timedelta(days=1)


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
            rule = parsed.rule
            if is_future(parsed.value, now):
                # A page dated after the crawl (beyond clock skew) would head every feed:
                # its date is not trusted; the raw text stays, the rule says why.
                self.stats.inc_value(names.DATES_IN_FUTURE)
                rule = f"untrusted_future:{rule}"
            else:
                setattr(item, f"{field}_at", parsed.value)
            if field == "published":
                item.published_rule = rule
            self.stats.inc_value(names.date_rule(rule))
        return item


def is_future(value: str, now: datetime) -> bool:
    """True for a date later than the crawl by more than a day of clock skew."""
    return datetime.fromisoformat(value) > now + CLOCK_SKEW
