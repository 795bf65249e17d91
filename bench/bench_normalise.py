"""Normalisation speed and accuracy: the figures of BENCHMARKS.md's "Normalisation" section.

python bench/bench_normalise.py            # items/s of the whole normalisation, one core
python bench/bench_normalise.py --eval     # accuracy on tests/data/*_eval.tsv as well
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from aggregator.items import Article
from aggregator.pipelines.canonical import canonicalise_article
from aggregator.pipelines.clean_text import clean_article
from aggregator.pipelines.dates import parse_date, parse_fetched_at
from aggregator.pipelines.language import detect_language, detect_text_language, item_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [r for r in rows if r and not r[0].startswith("#") and r[0] not in {"kind", "raw"}]


def _hints(value: str) -> dict[str, str]:
    return {} if value == "-" else dict(h.split("=", 1) for h in value.split(","))


def make_items(count: int) -> list[Article]:
    """Distinct raw items built from the evaluation sets: title + summary + body, noise included."""
    lang_rows = _rows("language_eval.tsv")
    by_kind = {k: [r for r in lang_rows if r[0] == k] for k in ("title", "summary", "body")}
    date_rows = _rows("dates_eval.tsv")
    items = []
    for i in range(count):
        title = by_kind["title"][i % len(by_kind["title"])]
        summary = by_kind["summary"][(i * 7) % len(by_kind["summary"])]
        body = by_kind["body"][(i * 13) % len(by_kind["body"])]
        date = date_rows[(i * 3) % len(date_rows)]
        items.append(
            Article(
                source="ogp",
                url=f"http://opengovpartnership.org/fr/news/item-{i}?utm_source=nl&p={i % 3}#top",
                fetched_at="2025-08-01T12:00:00+00:00",
                title=f" {title[3]}&nbsp;",
                summary=f"{summary[3]}\u00a0#{i}... Lire plus",
                body=f"{body[3]}\n\n{body[3][::-1][:80]} {i}\nRead more",
                tags=["Open Government", "Gouvernement&nbsp;ouvert"],
                canonical_raw=f"https://www.opengovpartnership.org/fr/news/item-{i}/",
                lang_hints=_hints(body[2]),
                published_raw=date[0],
                modified_raw="2025-07-25T10:15:00+02:00",
                date_context=[] if date[3] == "-" else date[3].split(" | "),
            )
        )
    return items


def normalise(item: Article) -> None:
    """Everything the four normalising pipelines do to one item, without Scrapy."""
    clean_article(item)
    decision = detect_language(item.lang_hints, item_text(item))
    item.lang, item.lang_confidence, item.lang_source = (
        decision.lang,
        decision.confidence,
        decision.source,
    )
    now = parse_fetched_at(item.fetched_at)
    for field in ("published", "modified"):
        raw = getattr(item, f"{field}_raw")
        parsed = parse_date(raw, lang=item.lang, context=item.date_context, now=now)
        if parsed:
            setattr(item, f"{field}_at", parsed.value)
    canonicalise_article(
        item, site_host="www.opengovpartnership.org", site_scheme="https", trailing_slash=True
    )


def bench(count: int) -> float:
    items = make_items(count)
    for item in make_items(50):  # warm-up: profiles loaded, regexes compiled
        normalise(item)
    start = time.perf_counter()
    for item in items:
        normalise(item)
    return count / (time.perf_counter() - start)


def evaluate() -> None:
    import langdetect

    langdetect.DetectorFactory.seed = 0
    total, right = Counter(), Counter()
    for kind, lang, hints, text in _rows("language_eval.tsv"):
        total[kind] += 1
        right[kind, "signals"] += detect_language(_hints(hints), text).lang == lang
        right[kind, "text"] += detect_text_language(text)[0] == lang
        try:
            plain = langdetect.detect(text)
        except langdetect.LangDetectException:
            plain = None
        right[kind, "plain"] += plain == lang
    print("language accuracy (kind, n, with page signals, text only, plain langdetect):")
    for kind in ("title", "summary", "body"):
        n = total[kind]
        figures = [
            f"{right[kind, m] / n:.1%} ({right[kind, m]})" for m in ("signals", "text", "plain")
        ]
        print(f"  {kind:8} {n:4}  " + "  ".join(figures))
    date_rows = _rows("dates_eval.tsv")
    good = 0
    for raw, lang, order, context, now, expected, rule in date_rows:
        parsed = parse_date(
            raw,
            lang=None if lang == "-" else lang,
            date_order=order,
            context=() if context == "-" else context.split(" | "),
            now=datetime.fromisoformat(now),
        )
        good += parsed is not None and (parsed.value, parsed.rule) == (expected, rule)
    print(f"dates: {good}/{len(date_rows)} = {good / len(date_rows):.1%} (value and rule)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--eval", action="store_true", help="print the accuracy figures too")
    args = parser.parse_args()
    print(f"normalisation: {bench(args.items):,.0f} items/s ({args.items} items, one core)")
    if args.eval:
        evaluate()


if __name__ == "__main__":
    main()
