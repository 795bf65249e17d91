"""Benchmark story grouping: synthetic articles with planted aliases, cross-posts, translations.

    python bench/bench_stories.py            # 20,000 articles (about two minutes)
    python bench/bench_stories.py --n 100000 # the figure in BENCHMARKS.md

Articles (about 230 words, numbers and names in the sites' proportions) are stored in a fresh
SQLite file in date order, in `--batches` crawls; after each crawl the real post-crawl step
(`group_stored_items`) groups the new ones against the stored stories. Reported: grouping time
per new item and in total (storage excluded), peak resident memory of the process, the share
of planted pairs found in one story, and unrelated articles wrongly put together. Then the
stories are rebuilt, and the same articles stored again in a second file in a random order, in
`--shuffled-crawls` crawls, each grouped: both must give exactly the incremental stories.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from aggregator.store import Store
from aggregator.stories import group_stored_items

SOURCES = ("cemr", "platforma", "uclg", "ogp")


def words(text: str) -> list[str]:
    return text.split()


NAMES = words(
    "Brussels Lisbon Kharkiv Tbilisi Daejeon Kigali Rabat Curitiba Lviv Austin Bologna Ghent "
    "Utrecht Porto Malmö Lille Kraków Nairobi Dakar Quito Manila Tunis Vienna Warsaw Riga "
    "PLATFORMA CEMR UCLG OGP Gunnarsson Saiz Rossi Eyakuze Terekhov Kaminskis Boudra"
)
EN = words(
    "local regional governments towns cities municipalities cooperation partnership network "
    "members council mayors citizens policy budget climate housing services democracy equality "
    "youth funding report study survey declaration summit conference forum programme support "
    "development solidarity transparency participation commitments action plan data finance "
    "reform strategy recovery agenda the of and to in for with on a by from at as that this"
)
# A made-up "French" vocabulary: a translation shares no words, only numbers and names.
FR = [w[::-1] + "e" for w in EN]
MONTHS = words(
    "January February March April May June July August September October November December"
)


def sentence(rng: random.Random, words: list[str]) -> str:
    parts = [rng.choice(words) for _ in range(rng.randint(12, 22))]
    parts[rng.randrange(len(parts))] = rng.choice(NAMES)
    if rng.random() < 0.6:
        parts[rng.randrange(len(parts))] = str(rng.randint(2, 9999))
    return " ".join(parts).capitalize() + "."


def article(rng: random.Random) -> tuple[list[str], list[str]]:
    """English sentences and their "translation" (same names and numbers, other words)."""
    en = [sentence(rng, EN) for _ in range(rng.randint(10, 14))]
    mapping = dict(zip(EN, FR, strict=True))
    fr = [
        " ".join(mapping.get(w.lower().rstrip("."), w.rstrip(".")) for w in s.split()) + "."
        for s in en
    ]
    return en, fr


def make_articles(n: int, seed: int = 7) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """n items over about 16 years, with planted pairs: (url a, url b, relation)."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    items: list[dict] = []
    planted: list[tuple[str, str, str]] = []
    i = 0
    while len(items) < n:
        i += 1
        day = start + timedelta(days=int(len(items) * 5800 / n))
        source = SOURCES[i % 4]
        en, fr = article(rng)
        title = " ".join(en[0].split()[:8]).rstrip(".")
        url = f"https://{source}.example/news/{i}-{day:%Y}/"
        base = {"source": source, "published_at": f"{day}T09:00:00+00:00", "image": None}
        items.append(
            {
                **base,
                "canonical_url": url,
                "lang": "en",
                "title": title,
                "body": "\n\n".join(en),
                "translations": {},
            }
        )
        roll = rng.random()
        if roll < 0.04:  # alias: same site, another URL, a footer added
            alias = url.rstrip("/") + "-copy/"
            items.append(
                {
                    **items[-1],
                    "canonical_url": alias,
                    "body": items[-1]["body"] + "\n\nShare this page.",
                }
            )
            planted.append((url, alias, "alias"))
        elif roll < 0.08:  # cross-post: another site, new lead, footer, days later
            other = SOURCES[(i + 1) % 4]
            xday = day + timedelta(days=rng.randint(0, 6))
            lead = sentence(rng, EN)
            cross = f"https://{other}.example/news/x{i}/"
            items.append(
                {
                    **base,
                    "source": other,
                    "canonical_url": cross,
                    "lang": "en",
                    "published_at": f"{xday}T09:00:00+00:00",
                    "title": title.upper(),
                    "body": "\n\n".join([lead, *en[1:]]) + f"\n\nSource: {source}",
                    "translations": {},
                }
            )
            planted.append((url, cross, "cross-post"))
        elif roll < 0.16:  # translation: hreflang for half, evidence only for the others
            fday = day + timedelta(days=rng.randint(1, 20))
            fr_url = f"https://{source}.example/fr/news/{i}-fr/"
            links = {"en": url, "fr": fr_url} if roll < 0.12 else {}
            items[-1]["translations"] = links
            items.append(
                {
                    **base,
                    "canonical_url": fr_url,
                    "lang": "fr",
                    "published_at": f"{fday}T09:00:00+00:00",
                    "title": " ".join(fr[0].split()[:8]),
                    "body": "\n\n".join(fr),
                    "translations": links,
                }
            )
            planted.append((url, fr_url, "translation"))
        elif roll < 0.18:  # hard negative: next month's edition of a periodic item
            month = MONTHS[day.month % len(MONTHS)]
            nday = day + timedelta(days=30)
            body = "\n\n".join(en[:6] + [sentence(rng, EN) for _ in range(6)])
            items[-1]["title"] = f"Newsletter | {MONTHS[day.month - 1]} {day.year}"
            items.append(
                {
                    **base,
                    "canonical_url": f"https://{source}.example/news/n{i}/",
                    "lang": "en",
                    "published_at": f"{nday}T09:00:00+00:00",
                    "title": f"Newsletter | {month} {nday.year}",
                    "body": body,
                    "translations": {},
                }
            )
    items = items[:n]
    kept = {it["canonical_url"] for it in items}
    items.sort(key=lambda it: (it["published_at"], it["canonical_url"]))
    return items, [p for p in planted if p[0] in kept and p[1] in kept]


def store_and_group(path: Path, items: list[dict], crawls: int) -> tuple[float, float, float]:
    """Store the items in `crawls` crawls, grouping after each.

    Returns the grouping time in total (wall clock), the slowest crawl's time per item, and the
    grouping's CPU time (what the figure is on a machine others share).
    """
    grouping_s, slowest, cpu_s = 0.0, 0.0, 0.0
    with Store(path) as store:
        size = -(-len(items) // crawls)
        for b in range(crawls):
            for record in items[b * size : (b + 1) * size]:
                store.upsert_item({**record, "url": record["canonical_url"]}, "2026-01-01")
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = group_stored_items(store, at="2026-01-01")
            elapsed = time.perf_counter() - started
            cpu_s += time.process_time() - cpu_started
            grouping_s += elapsed
            slowest = max(slowest, elapsed / max(summary.items_grouped, 1))
    return grouping_s, slowest, cpu_s


def stories_of(path: Path) -> dict[str, tuple[str, str]]:
    with Store(path) as store:
        rows = store.db.execute("select canonical_url, story_id, relation from story_members")
        return {url: (sid, rel) for url, sid, rel in rows}


def run(n: int, batches: int, shuffled_crawls: int) -> dict:
    items, planted = make_articles(n)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        grouping_s, slowest, cpu_s = store_and_group(db, items, batches)
        incremental_rss = _peak_rss_mb()
        del items  # the shuffled run makes them again
        incremental = stories_of(db)
        with Store(db) as store:
            relations = Counter(
                r for (r,) in store.db.execute("select relation from story_members")
            )
            stories = store.count_stories()
        with Store(db) as store:
            started = time.perf_counter()
            rebuilt = group_stored_items(store, rebuild=True, at="2026-01-02")
            rebuild_s = time.perf_counter() - started
        rebuild_diff = _differing(incremental, stories_of(db))
        shuffled, _planted = make_articles(n)
        random.Random(11).shuffle(shuffled)
        shuffled_s, _slowest, _cpu = store_and_group(
            Path(tmp) / "again.db", shuffled, shuffled_crawls
        )
        del shuffled
        shuffled_diff = _differing(incremental, stories_of(Path(tmp) / "again.db"))
    story = {url: sid for url, (sid, _rel) in incremental.items()}
    found = Counter(rel for a, b, rel in planted if story[a] == story[b])
    wanted = Counter(rel for _a, _b, rel in planted)
    planted_keys = {frozenset((a, b)) for a, b, _r in planted}
    members: dict[str, list[str]] = {}
    for url, sid in story.items():
        members.setdefault(sid, []).append(url)
    false_pairs = sum(
        1
        for urls in members.values()
        for x in range(len(urls))
        for y in range(x + 1, len(urls))
        if frozenset((urls[x], urls[y])) not in planted_keys
    )
    return {
        "items": len(story),
        "batches": batches,
        "stories": stories,
        "relations": dict(relations),
        "grouping_s": grouping_s,
        "ms_per_item": 1000 * grouping_s / len(story),
        "cpu_ms_per_item": 1000 * cpu_s / len(story),
        "slowest_batch_ms_per_item": 1000 * slowest,
        "incremental_rss_mb": incremental_rss,
        "peak_rss_mb": _peak_rss_mb(),
        "planted": dict(wanted),
        "found": dict(found),
        "false_pairs": false_pairs,
        "rebuild_s": rebuild_s,
        "rebuild_moved": rebuilt.items_moved,
        "rebuild_diff": rebuild_diff,
        "shuffled_crawls": shuffled_crawls,
        "shuffled_s": shuffled_s,
        "shuffled_diff": shuffled_diff,
    }


def _peak_rss_mb() -> float:
    """The process's peak resident memory so far (the articles, the store and grouping)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _differing(a: dict[str, tuple[str, str]], b: dict[str, tuple[str, str]]) -> int:
    """Items whose story or relation differs between two groupings."""
    return sum(1 for url in a.keys() | b.keys() if a.get(url) != b.get(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles (default 20,000)")
    parser.add_argument("--batches", type=int, default=20, help="crawls (default 20)")
    parser.add_argument(
        "--shuffled-crawls", type=int, default=5, help="crawls of the shuffled run (default 5)"
    )
    args = parser.parse_args()
    r = run(args.n, args.batches, args.shuffled_crawls)
    print(f"items {r['items']:,} in {r['batches']} crawls -> {r['stories']:,} stories")
    print(f"relations: {r['relations']}")
    print(
        f"grouping: {r['grouping_s']:.1f} s total, {r['ms_per_item']:.3f} ms per new item "
        f"(slowest crawl {r['slowest_batch_ms_per_item']:.3f} ms per item); "
        f"CPU {r['cpu_ms_per_item']:.3f} ms per item"
    )
    print(
        f"peak memory (max RSS, whole process): {r['incremental_rss_mb']:.0f} MB after the "
        f"incremental crawls, {r['peak_rss_mb']:.0f} MB with the rebuild and the shuffled run"
    )
    for rel, wanted in sorted(r["planted"].items()):
        got = r["found"].get(rel, 0)
        print(f"planted {rel}: {got}/{wanted} found ({got / wanted:.1%})")
    print(f"unrelated items put in one story (pairs): {r['false_pairs']}")
    print(
        f"rebuild: {r['rebuild_s']:.1f} s, {r['rebuild_diff']} items placed otherwise than "
        f"incrementally ({r['rebuild_moved']} moves recorded)"
    )
    print(
        f"shuffled arrival in {r['shuffled_crawls']} crawls: {r['shuffled_s']:.1f} s grouping, "
        f"{r['shuffled_diff']} items placed otherwise than in date order"
    )


if __name__ == "__main__":
    main()
