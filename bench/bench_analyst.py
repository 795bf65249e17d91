"""Analyst commands at archive size against bare baselines: search, digest, stories --rebuild.

    python bench/bench_analyst.py --items 100000 --workdir DIR   # first run builds DIR's
                                                                 # database (about 10 min),
                                                                 # then about 10 min of runs
    python bench/bench_analyst.py --items 5000 --workdir DIR --rebuild-rounds 0  # a quick look

The database (`--items` synthetic articles of the four sources, English and French, over
ten years, with translations, cross-posts and aliases, grouped into stories) is built
through the store's public API as a crawl would write it: `Store.upsert_item` (one
transaction each), `add_alias`, then `group_stored_items` after every 5,000 items. It is
kept in `--workdir` and reused by later runs (`--fresh` builds it again).

Then, interleaved round by round, each as its own process:
- `aggregator search 'democratie locale'` vs the same FTS5 query in a minimal script
  (`bare_search.py`, standard library only);
- `aggregator digest` vs a minimal script writing the same nine feeds from the same rows
  (`bare_digest.py`);
- `aggregator --help` (the floor of every command: the interpreter and the CLI's imports) vs
  `python -c "import sqlite3"`;
and then `aggregator stories --rebuild` (`--rebuild-rounds`, 1 by default): time and peak
memory. Opening the store with and without its integrity scan is timed in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from measure import (
    ROOT,
    Run,
    aggregator_command,
    interleave,
    load_line,
    median,
    paired_ratios,
    run_measured,
    spread,
)
from synthtext import SyntheticArticle, make_articles

from aggregator.config import load_sources
from aggregator.pipelines.dedup import content_hash
from aggregator.store import Store
from aggregator.stories import group_stored_items

BENCH = Path(__file__).resolve().parent
FORMAT = 1  # bump when the generated database changes, so a cached one is rebuilt
GROUP_EVERY = 5000
HOSTS = {
    "cemr": "https://ccre-cemr.org",
    "platforma": "https://platforma-dev.eu",
    "uclg": "https://www.uclg.org",
    "ogp": "https://www.opengovpartnership.org",
}
SOURCES = tuple(HOSTS)
QUERY = "democratie locale"
TARGET_RATIO = 2.0
TARGET_MEMORY_MB = 300


# -- the database -------------------------------------------------------------------------


def article_url(article: SyntheticArticle, source: str) -> str:
    prefix = "/fr" if article.lang == "fr" else ""
    return f"{HOSTS[source]}{prefix}/news/{article.published_at:%Y/%m}/{article.slug}/"


def item_records(items: int, seed: int = 14) -> Iterator[tuple[dict, list[str]]]:
    """(record for `Store.upsert_item`, alias URLs) of `items` items, in date order: the
    synthetic articles spread over the sources (a translation on its original's), 3% of
    the English ones cross-posted to another source, 3% with an alias URL."""
    rng = random.Random(seed)
    produced = 0
    for article in make_articles(items, seed=seed):
        source = SOURCES[(article.translation_of or article.number) % len(SOURCES)]
        url = article_url(article, source)
        when = article.published_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        record = {
            "canonical_url": url,
            "url": url,
            "source": source,
            "content_type": "html",
            "title": article.title,
            "summary": article.summary,
            "body": article.body,
            "tags": article.tags,
            "image": HOSTS[source] + article.image,
            "author": article.author,
            "lang": article.lang,
            "lang_confidence": 1.0,
            "lang_source": "page",
            "published_at": when,
            "published_raw": when,
            "published_source": "jsonld",
            "published_rule": "iso",
            "modified_at": article.modified_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "translations": {
                lang: article_url(other, source) for lang, other in article.translations.items()
            },
            "content_hash": content_hash(article.title, article.body),
            "fetched_at": when,
        }
        if record["translations"]:
            record["translations"][article.lang] = url
        aliases = [f"{HOSTS[source]}/?p={article.number}"] if rng.random() < 0.03 else []
        yield record, aliases
        produced += 1
        if produced < items and article.lang == "en" and rng.random() < 0.03:
            other = SOURCES[(SOURCES.index(source) + 1) % len(SOURCES)]
            body = f"{article.body}\n\nSource: {source.upper()}"
            copy_url = article_url(article, other)
            yield (
                {
                    **record,
                    "canonical_url": copy_url,
                    "url": copy_url,
                    "source": other,
                    "body": body,
                    "image": HOSTS[other] + article.image,
                    "translations": {},
                    "content_hash": content_hash(article.title, body),
                },
                [],
            )
            produced += 1
        if produced >= items:
            return


def build_database(path: Path, items: int) -> dict:
    """Write `items` items and their stories into a new database at `path`."""
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    names = {key: src.name for key, src in load_sources().items()}
    upsert_s = grouping_s = 0.0
    count = 0
    with Store(partial) as store:
        store.upsert_sources(
            {
                "key": key,
                "name": names.get(key, key),
                "base_url": HOSTS[key],
                "languages": ["en", "fr"],
            }
            for key in SOURCES
        )
        pending = 0
        for record, aliases in item_records(items):
            started = time.perf_counter()
            store.upsert_item(record, record["fetched_at"])
            for alias in aliases:
                store.add_alias(
                    alias, record["canonical_url"], "canonical_link", record["fetched_at"]
                )
            upsert_s += time.perf_counter() - started
            count += 1
            pending += 1
            if pending >= GROUP_EVERY:
                grouping_s += _group(store)
                pending = 0
                print(f"  {count:,} items stored and grouped", flush=True)
        grouping_s += _group(store)
        stories = store.count_stories()
    partial.rename(path)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    stamp = {
        "format": FORMAT,
        "items": count,
        "stories": stories,
        "upsert_items_per_s": count / upsert_s,
        "grouping_ms_per_item": 1000 * grouping_s / count,
        "mb": path.stat().st_size / 1e6,
    }
    path.with_suffix(".json").write_text(json.dumps(stamp, indent=1))
    return stamp


def _group(store: Store) -> float:
    started = time.perf_counter()
    group_stored_items(store, at="2026-01-01T00:00:00+00:00")
    return time.perf_counter() - started


def cached_database(workdir: Path, items: int, fresh: bool) -> tuple[Path, dict, bool]:
    """The database of `items` items in `workdir`, built unless a complete one is there."""
    path = workdir / f"analyst-{items}.db"
    stamp_path = path.with_suffix(".json")
    if not fresh and path.exists() and stamp_path.exists():
        stamp = json.loads(stamp_path.read_text())
        if stamp.get("format") == FORMAT and stamp.get("items") == items:
            return path, stamp, False
    for old in (path, stamp_path):
        old.unlink(missing_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"building {items:,} items into {path} ...", flush=True)
    return path, build_database(path, items), True


# -- the runs -------------------------------------------------------------------------------


def open_times(db: Path, rounds: int) -> dict[str, float]:
    """Seconds to open the store with its integrity scan (`verify=True`, as `aggregator
    verify` does) and without (every other command)."""
    times: dict[str, list[float]] = {"verify": [], "plain": []}
    for _ in range(rounds):
        for name, verify in (("verify", True), ("plain", False)):
            started = time.perf_counter()
            Store(db, verify=verify, create=False).close()
            times[name].append(time.perf_counter() - started)
    return {name: median(values) for name, values in times.items()}


def installed_env(work: Path) -> dict[str, str]:
    """The environment with Python's bytecode cache on, as an installed command has it: a
    shell that sets PYTHONDONTWRITEBYTECODE would have every run compile the aggregator's
    modules again (15-20 ms). The cache goes to `work`, not into the repository."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache")}


def contestants(db: Path, work: Path) -> dict[str, Callable[[], Run]]:
    agg = aggregator_command()
    py = sys.executable
    env = installed_env(work)

    def measured(label: str, cmd: list[str]) -> Callable[[], Run]:
        return lambda: run_measured(label, cmd, cwd=ROOT, env=env).check()

    return {
        "aggregator search": measured("search", [*agg, "search", QUERY, "--db", str(db)]),
        "bare search": measured("bare search", [py, str(BENCH / "bare_search.py"), str(db), QUERY]),
        "aggregator digest": measured(
            "digest", [*agg, "digest", "--db", str(db), "--out", str(work / "digest")]
        ),
        "bare digest": measured(
            "bare digest", [py, str(BENCH / "bare_digest.py"), str(db), str(work / "bare-digest")]
        ),
        "aggregator --help": measured("help", [*agg, "--help"]),
        "python -c 'import sqlite3'": measured("python", [py, "-c", "import sqlite3"]),
    }


def same_answers(results: dict[str, list[Run]], work: Path) -> list[str]:
    """Checks that each baseline did the same work as its command."""
    problems = []
    product = [line for line in results["aggregator search"][0].stdout.splitlines() if line.strip()]
    bare = [line for line in results["bare search"][0].stdout.splitlines() if line.strip()]
    urls = [line.strip() for line in product[1::2]]
    if urls != [line.strip() for line in bare[1::2]]:
        problems.append("search: the baseline's rows differ from the command's")
    for name in ("all", "en", "fr"):
        ours = json.loads((work / "digest" / f"{name}.json").read_text())
        theirs = json.loads((work / "bare-digest" / f"{name}.json").read_text())
        if [i["id"] for i in ours["items"]] != [i["id"] for i in theirs["items"]]:
            problems.append(f"digest {name}: the baseline's entries differ from the command's")
    return problems


PAIRS = (
    ("aggregator search", "bare search", TARGET_RATIO),
    ("aggregator digest", "bare digest", TARGET_RATIO),
    ("aggregator --help", "python -c 'import sqlite3'", None),
)


def report(results: dict[str, list[Run]], rebuilds: list[Run]) -> str:
    lines = [
        "| command | wall s | CPU/wall | peak RSS MB | baseline | baseline wall s "
        "| ratio per round | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for command, baseline, target in PAIRS:
        ours, theirs = results[command], results[baseline]
        ratios = paired_ratios(ours, theirs, lambda r: r.wall_s)
        goal = "-"
        if target is not None:
            goal = f"<= {target:g}: {'met' if median(ratios) <= target else 'NOT met'}"
        lines.append(
            f"| `{command}` | {spread([r.wall_s for r in ours], '{:.3f}')} "
            f"| {median([r.cpu_share for r in ours]):.2f} "
            f"| {median([r.max_rss_mb for r in ours]):.0f} | {baseline} "
            f"| {spread([r.wall_s for r in theirs], '{:.3f}')} | {spread(ratios, '{:.1f}')} "
            f"| {goal} |"
        )
    if rebuilds:
        peak = max(r.max_rss_mb for r in rebuilds)
        lines.append(
            f"| `aggregator stories --rebuild` | {spread([r.wall_s for r in rebuilds], '{:.1f}')} "
            f"| {median([r.cpu_share for r in rebuilds]):.2f} | {peak:.0f} | - | - | - "
            f"| < {TARGET_MEMORY_MB} MB: {'met' if peak < TARGET_MEMORY_MB else 'NOT met'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items (default 100,000)")
    parser.add_argument("--workdir", type=Path, required=True, help="where the database is kept")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--rebuild-rounds", type=int, default=1, help="stories --rebuild runs")
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    args = parser.parse_args()
    print(f"machine: {load_line()}", flush=True)
    db, stamp, built = cached_database(args.workdir, args.items, args.fresh)
    print(
        f"database: {stamp['items']:,} items, {stamp['stories']:,} stories, {stamp['mb']:.0f} MB"
        + (
            f"; built at {stamp['upsert_items_per_s']:.0f} items/s (upsert_item, one transaction "
            f"each), grouping {stamp['grouping_ms_per_item']:.2f} ms per item"
            if built
            else f" (cached; built at {stamp['upsert_items_per_s']:.0f} items/s)"
        ),
        flush=True,
    )
    work = args.workdir / "runs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    opened = open_times(db, args.rounds)
    runs = contestants(db, work)
    for warm_up in runs.values():  # fills the bytecode cache and the page cache, not timed
        warm_up()
    results = interleave(runs, args.rounds)
    rebuilds = [
        run_measured(
            "stories --rebuild",
            [*aggregator_command(), "stories", "--rebuild", "--db", str(db)],
            cwd=ROOT,
        ).check()
        for _ in range(args.rebuild_rounds)
    ]
    for run in rebuilds:  # the command's line says how many items the rebuild moved
        print(
            f"  stories --rebuild: {run.wall_s:.1f} s, CPU {run.cpu_s:.1f} s, peak RSS "
            f"{run.max_rss_mb:.0f} MB; {run.stdout.strip()}",
            flush=True,
        )
    print()
    print(report(results, rebuilds))
    print()
    print(
        f"opening the store: {opened['verify']:.3f} s with the integrity scan (verify=True), "
        f"{opened['plain']:.3f} s without ({db.stat().st_size / 1e6:.0f} MB file)"
    )
    others = [r.others_share for runs in results.values() for r in runs]
    print(f"other work on the machine during the runs: {spread(others)} of a core")
    for problem in same_answers(results, work):
        print(f"WARNING: {problem}")
    print(f"machine after: {load_line()}")


if __name__ == "__main__":
    main()
