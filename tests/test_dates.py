"""Dates: the evaluation set at 100%, each dateparser trap on its own, date lines, the local
date and the site's day, and the pipeline."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from aggregator.dateshapes import is_date_text
from aggregator.items import Article
from aggregator.pipelines import dates
from aggregator.pipelines.dates import DatePipeline, parse_date, site_day

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)
EVAL = Path(__file__).with_name("data") / "dates_eval.tsv"


def _eval_rows() -> list[list[str]]:
    with EVAL.open(encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [r for r in rows if r and not r[0].startswith("#") and r[0] != "raw"]


def test_evaluation_set_is_large_enough_and_covers_every_rule():
    rows = _eval_rows()
    assert len(rows) >= 150
    rules = {row[6].split("+")[0] for row in rows}
    assert {"iso", "rfc822", "numeric", "numeric_ymd", "text_dmy", "text_mdy", "range_dmy"} <= rules


@pytest.mark.parametrize(
    ("raw", "lang", "order", "context", "now", "expected", "rule"), _eval_rows(), ids=lambda v: v
)
def test_evaluation_set(raw, lang, order, context, now, expected, rule):
    parsed = parse_date(
        raw,
        lang=None if lang == "-" else lang,
        date_order=order,
        context=() if context == "-" else context.split(" | "),
        now=datetime.fromisoformat(now),
    )
    assert parsed is not None and (parsed.value, parsed.rule) == (expected, rule)


# dateparser traps, one test each -----------------------------------------------------------


def test_trap_french_sept_abbreviation_is_september_not_july():
    assert parse_date("16 sept. 2023", lang="fr", now=NOW).value.startswith("2023-09-16")
    # and the guard in front of dateparser, for shapes our own rules leave to it
    assert dates._with_dateparser("16 sept. 2023", "fr", "DMY", NOW).value.startswith("2023-09-16")


def test_trap_dateparser_receives_one_language_the_items(monkeypatch):
    import dateparser

    seen = []

    def spy(raw, languages=None, settings=None):
        seen.append(languages)
        return None

    monkeypatch.setattr(dateparser, "parse", spy)
    parse_date("il y a 3 jours", lang="fr-FR", now=NOW)
    parse_date("vor 3 Tagen", lang=None, now=NOW)
    assert seen == [["fr"], None]


def test_trap_french_date_is_read_whatever_the_language_passed():
    # several languages at once have made dateparser drop French dates: ours read it anyway
    for lang in ("fr", "en", "es", None):
        assert parse_date("29 juin 2023", lang=lang, now=NOW).value == "2023-06-29T00:00:00+00:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("08/03/2011", "2011-03-08"), ("01/02/2016", "2016-02-01"), ("11/12/2012", "2012-12-11")],
)
def test_trap_numeric_dates_are_day_first(raw, expected):
    assert parse_date(raw, lang="en", now=NOW).value.startswith(expected)


def test_numeric_dates_follow_a_month_first_source():
    assert parse_date("08/03/2011", lang="en", date_order="MDY", now=NOW).value.startswith(
        "2011-08-03"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "Lire plus",
        "It may 12 be",
        "Latvian Association of Local Governments",
        "700 maires",
    ],
)
def test_no_date_is_none(raw):
    assert parse_date(raw, lang="en", now=NOW) is None


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("21 June", "en"),
        ("On 6 and 7 November", "en"),
        ("Dimanche 16 novembre", "fr"),
        ("le 2 août", "fr"),
        ("5 January", "en"),
    ],
)
@pytest.mark.parametrize(
    "now", [datetime(2025, 1, 3, tzinfo=UTC), NOW, datetime(2024, 12, 31, 23, tzinfo=UTC)]
)
def test_a_date_without_a_year_is_never_more_than_a_day_ahead(raw, lang, now):
    value = datetime.fromisoformat(parse_date(raw, lang=lang, now=now).value)
    assert now - timedelta(days=366) < value <= now + timedelta(days=1)


def _pipeline(source=None):
    values: dict[str, int] = {}
    stats = SimpleNamespace(
        inc_value=lambda key, n=1: values.__setitem__(key, values.get(key, 0) + n)
    )
    return DatePipeline({"x": source} if source else {}, stats), values


def test_pipeline_fills_published_and_modified_keeping_raw_and_counting_rules():
    item = Article(
        source="platforma",
        url="https://platforma-dev.eu/2023/11/x/",
        fetched_at="2025-08-01T12:00:00+00:00",
        lang="en",
        published_raw="On 6 and 7 November, local government representatives",
        published_source="summary",
        modified_raw="2023-11-21T09:00:00+01:00",
        date_context=["2023-11-20"],
    )
    pipeline, stats = _pipeline()
    assert pipeline.process_item(item) is item
    assert item.published_at == "2023-11-06T00:00:00+00:00"
    assert item.published_rule == "range_dmy+context"
    assert item.published_raw == "On 6 and 7 November, local government representatives"
    assert item.modified_at == "2023-11-21T08:00:00+00:00"
    assert stats == {"dates/rule/range_dmy+context": 1, "dates/rule/iso": 1}


def test_pipeline_uses_the_fetch_time_as_now_and_the_sources_date_order():
    source = SimpleNamespace(date_order="MDY")
    item = Article(
        source="x", url="u", fetched_at="2024-12-30T08:00:00Z", lang="en", published_raw="5 January"
    )
    pipeline, _ = _pipeline(source)
    pipeline.process_item(item)
    assert item.published_at == "2024-01-05T00:00:00+00:00"
    item = Article(
        source="x", url="u", fetched_at="2024-12-30T08:00:00Z", published_raw="03/08/2011"
    )
    pipeline.process_item(item)
    assert item.published_at == "2011-03-08T00:00:00+00:00"


def test_pipeline_leaves_an_unreadable_date_raw_and_counts_it():
    item = Article(source="x", url="u", fetched_at=NOW.isoformat(), published_raw="Lire plus")
    pipeline, stats = _pipeline()
    assert pipeline.process_item(item) is item
    assert item.published_at is None and item.published_raw == "Lire plus"
    assert stats == {"dates/unparsed": 1, "dates/unparsed/published": 1}


def test_a_date_later_than_the_crawl_is_not_trusted_and_says_why():
    item = Article(
        source="x", url="u", fetched_at="2026-11-29T06:00:00+00:00", published_raw="2099-01-01"
    )
    pipeline, stats = _pipeline()
    pipeline.process_item(item)
    assert item.published_at is None and item.published_raw == "2099-01-01"
    assert item.published_rule == "untrusted_future:numeric_ymd"
    assert stats["dates/in_future"] == 1
    tomorrow = Article(
        source="x", url="u", fetched_at="2026-11-29T06:00:00+00:00", published_raw="2026-11-30"
    )
    pipeline.process_item(tomorrow)  # a day of clock skew is allowed
    assert tomorrow.published_at == "2026-11-30T00:00:00+00:00"


# What a date line is: the page reader's detector (aggregator/dateshapes.py) -------------


@pytest.mark.parametrize(
    "line",
    [
        "June 28th, 2018",
        "28 April, 2017",
        "10.12.19",
        "Posted on September 21, 2020 by Jane Doe",
        "2 de abril de 2020",
        "Samstag, 19. Juli 2014",
        "Juli 12, 2017",
        "Erstellt am Dienstag 6. Mai 2014 um 23:30",
        "Wed, 18/11/2026 - 10:15",
        "2020年2月19日",
        "the 3rd of May 2024",
        "Von Regionalverband 4.\u20092.\u20092022.",
        "12 августа 2021, 09:30",
        "3 травня 2023",
    ],
)
def test_a_date_line_is_recognised(line):
    assert is_date_text(line), line


@pytest.mark.parametrize(
    "text",
    [
        "On 6 and 7 November 2026, mayors met in Brussels for two days.",
        "Le 6 décembre 2019, c'est le maire qui a présidé la séance du conseil",
        "700 mayors and 40 regions signed the declaration",
        "Version 2 of the charter",
        "x" * 90 + " 12 May 2020",
        "Kapitel 3. 4. 12 Seiten",
        "12 августа 2021, мэры встретились в Брюсселе, чтобы обсудить транспорт",
    ],
)
def test_a_sentence_or_a_number_is_no_date_line(text):
    assert not is_date_text(text), text


# The date as the site wrote it, and the site's own day ---------------------------------------


@pytest.mark.parametrize(
    ("raw", "local", "day"),
    [
        ("2023-11-08T21:24:10-05:00", "2023-11-08T21:24:10-05:00", "2023-11-08"),
        ("2020-11-27T00:00:00+08:00", "2020-11-27T00:00:00+08:00", "2020-11-27"),
        ("2022-01-15T00:48:00+01:00", "2022-01-15T00:48:00+01:00", "2022-01-15"),
        ("2021-03-05 17:45:10", "2021-03-05T17:45:10", "2021-03-05"),
        ("2019-07-30", "2019-07-30", "2019-07-30"),
        ("14 juillet 2021", "2021-07-14", "2021-07-14"),
        ("Tue, 16 Apr 2024 23:30:00 -0700", "2024-04-16T23:30:00-07:00", "2024-04-16"),
        ("D:20081110093000+01'00'", "2008-11-10T09:30:00+01:00", "2008-11-10"),
    ],
)
def test_the_local_date_keeps_its_offset_and_a_date_only_stamp_its_day(raw, local, day):
    parsed = parse_date(raw, lang="en", now=NOW)
    assert (parsed.local, parsed.day) == (local, day)


@pytest.mark.parametrize(
    ("raw", "context", "day"),
    [
        # A US evening story stamped in UTC: the page's date line and its URL say the 8th.
        ("2023-11-09T03:28:35Z", ["November 8, 2023"], "2023-11-08"),
        ("2023-11-09T03:28:35Z", ["2023-11-08"], "2023-11-08"),
        # Midnight in Europe written in UTC: the page shows the 5th.
        ("2021-11-04T23:00Z", ["05.11.2021"], "2021-11-05"),
        # A day the time cannot reach (11:49 UTC is the 19th only west of UTC-10) is no witness.
        ("2020-01-20T11:49:32+00:00", ["19 January 2020"], "2020-01-20"),
        # Nothing shown: the UTC day.
        ("2023-11-09T03:28:35Z", [], "2023-11-09"),
        # The page agrees with the UTC day first: it stays.
        ("2023-11-09T03:28:35Z", ["9 November 2023", "2023-11-08"], "2023-11-09"),
        # A stamp written with the site's offset is its day, whatever the page shows.
        ("2023-11-08T22:28:35-05:00", ["9 November 2023"], "2023-11-08"),
    ],
)
def test_the_sites_day_of_a_time_written_in_utc(raw, context, day):
    parsed = parse_date(raw, lang="en", now=NOW)
    assert site_day(parsed, context, lang="en") == day


def test_pipeline_fills_the_local_date_and_the_sites_day():
    item = Article(
        source="x",
        url="https://example.org/2023/11/08/council-budget/",
        fetched_at="2025-08-01T12:00:00+00:00",
        lang="en",
        published_raw="2023-11-09T03:28:35Z",
        date_context=["2023-11-08"],
    )
    pipeline, stats = _pipeline()
    pipeline.process_item(item)
    assert item.published_at == "2023-11-09T03:28:35+00:00"
    assert item.published_local == "2023-11-09T03:28:35+00:00"
    assert item.published_day == "2023-11-08"
    assert stats == {"dates/rule/iso": 1, "dates/site_day_from_page": 1}
