"""Publication days and the article verdict on real pages nobody here wrote: htmldate's set.

The date-extraction library htmldate (github.com/adbar/htmldate) keeps about 800 real saved
news and blog pages with their labelled publication days (`tests/eval_default.json`: URL ->
saved file -> day; files under `tests/cache/` and `tests/eval/`). Fetch a checkout of it
yourself (the pages belong to their publishers: never copy them into this repository) and
run:

    python bench/bench_real_pages.py /path/to/htmldate [--show wrong,no_date,rejected]

Each page is read exactly as the crawl reads a fetched article: the saved bytes become a
Scrapy response, its text an `ArticlePage`, then the verdict, `to_article()` and the
clean-text, language and date pipelines. The day compared with the label is the site's own
calendar day (`published_day`). Per language (the one the pipeline decides: en, fr, other):
right day stored, wrong day, no date, pages the verdict rejects (a rejected page stores
nothing, so it is never "right"), and time-zone days (wrong only because of a time zone: the
date as written names the right day). htmldate itself (`find_date`, original date, extensive
search) runs on the same pages for reference.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from aggregator.config import Source
from aggregator.dateshapes import utc_now
from aggregator.pages import ArticlePage
from aggregator.pipelines.clean_text import CleanTextPipeline
from aggregator.pipelines.dates import DatePipeline
from aggregator.pipelines.language import LanguagePipeline

EVAL_FILE = "tests/eval_default.json"
FOLDERS = ("tests/cache", "tests/eval", "tests/test_set")
LANGS = ("en", "fr", "other")
PIPELINES = (CleanTextPipeline(), LanguagePipeline(), DatePipeline({}))


@dataclass
class Outcome:
    """What the crawl would store for one page, and what htmldate finds on it."""

    url: str
    truth: str
    lang: str
    is_article: bool
    reason: str
    day: str | None
    written_day: str | None
    source: str | None
    raw: str | None
    htmldate_day: str | None
    ms: float
    htmldate_ms: float

    @property
    def status(self) -> str:
        if self.day is None:
            return "no_date"
        return "right" if self.day == self.truth else "wrong"

    @property
    def tz_day(self) -> bool:
        """Wrong only because a time zone moved the day: the date as written is right."""
        return self.status == "wrong" and self.written_day == self.truth


def read_saved_page(checkout: Path, filename: str) -> bytes:
    for folder in FOLDERS:
        path = checkout / folder / filename
        if path.is_file():
            return path.read_bytes()
    raise FileNotFoundError(filename)


def source_for(url: str) -> Source:
    """A source configured with its name and base URL only, as a fifth site would be."""
    host = urlsplit(url).netloc
    return Source(key="real", name=host, base_url=f"{urlsplit(url).scheme}://{host}")


def read_page(url: str, body: bytes, truth: str) -> Outcome:
    """The crawl's reading of one fetched page, timed, then htmldate's on the same text."""
    from htmldate import find_date

    start = time.process_time()  # CPU time: a loaded machine does not inflate it
    response = HtmlResponse(url=url, body=body)
    page = ArticlePage(url, response.text, source_for(url))
    verdict = page.verdict()
    item = page.to_article("real", utc_now(), None)
    for pipeline in PIPELINES:
        item = pipeline.process_item(item)
    ms = (time.process_time() - start) * 1000
    start = time.process_time()
    try:
        reference = find_date(response.text, url=url, original_date=True)
    except Exception:  # a reference run: its failures are counted as "no date", not raised
        reference = None
    htmldate_ms = (time.process_time() - start) * 1000
    lang = item.lang if item.lang in ("en", "fr") else "other"
    return Outcome(
        url=url,
        truth=truth,
        lang=lang,
        is_article=verdict.is_article,
        reason=verdict.reason,
        day=item.published_day,
        written_day=(item.published_local or "")[:10] or None,
        source=item.published_source,
        raw=item.published_raw,
        htmldate_day=reference,
        ms=ms,
        htmldate_ms=htmldate_ms,
    )


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def report(outcomes: list[Outcome]) -> None:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.lang].append(outcome)
    groups["en+fr"] = groups["en"] + groups["fr"]
    groups["all"] = list(outcomes)
    print(
        "| pages | n | right day stored | wrong day | no date | verdict rejects "
        "| time-zone days | htmldate right | htmldate no date |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in (*LANGS, "en+fr", "all"):
        group = groups[name]
        n = len(group)
        counts = Counter(o.status for o in group)
        stored_right = sum(o.status == "right" and o.is_article for o in group)
        rejected = sum(not o.is_article for o in group)
        print(
            f"| {name} | {n} | {percent(stored_right, n)} | {percent(counts['wrong'], n)} "
            f"| {percent(counts['no_date'], n)} | {percent(rejected, n)} "
            f"| {sum(o.tz_day for o in group)} "
            f"| {percent(sum(o.htmldate_day == o.truth for o in group), n)} "
            f"| {percent(sum(o.htmldate_day is None for o in group), n)} |"
        )
    ms = sorted(o.ms for o in outcomes)
    ref_ms = sorted(o.htmldate_ms for o in outcomes)
    print(
        f"\nCPU time, reading (page, verdict, item, pipelines): mean {sum(ms) / len(ms):.1f} ms"
        f"/page, median {ms[len(ms) // 2]:.1f}; htmldate alone: mean "
        f"{sum(ref_ms) / len(ref_ms):.1f}, median {ref_ms[len(ref_ms) // 2]:.1f}"
    )
    rejected = Counter(o.reason for o in outcomes if not o.is_article)
    print("verdict rejects by reason:", dict(rejected.most_common()))
    print("date found by:", dict(Counter(o.source for o in outcomes if o.day).most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout of github.com/adbar/htmldate")
    parser.add_argument(
        "--show", default="", help="list pages by status: comma-separated wrong,no_date,rejected"
    )
    args = parser.parse_args()
    labels = json.loads((args.checkout / EVAL_FILE).read_text(encoding="utf-8"))
    outcomes = [
        # One label's URL has a stray letter before its scheme ("xhttps://"): read from "http".
        read_page(url[url.find("http") :], read_saved_page(args.checkout, e["file"]), e["date"])
        for url, e in labels.items()
    ]
    report(outcomes)
    show = set(filter(None, args.show.split(",")))
    for o in outcomes:
        if o.status in show or ("rejected" in show and not o.is_article):
            print(
                f"{o.status:8} {o.lang:5} {o.reason:28} truth={o.truth} day={o.day} "
                f"htmldate={o.htmldate_day} {o.source}={o.raw!r:.60} {o.url}"
            )


if __name__ == "__main__":
    main()
