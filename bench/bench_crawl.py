"""Crawl speed against bare Scrapy, on a synthetic WordPress-like site served by nginx.

    python bench/bench_crawl.py                    # 2,000 articles, 3 rounds (about 10 min)
    python bench/bench_crawl.py --articles 400 --rounds 1 --no-profile   # a quick look
    python bench/bench_crawl.py --rounds 0 --profile-out stacks.txt      # the profile only

A synthetic site (`synth_site.py`: ~29 KB WordPress + Yoast + WPML pages, English and
French, categories with pagination, sitemap index, feeds) is written to a temporary folder
and served by nginx on a free 127.0.0.1 port. Then, interleaved round by round (the order
alternating), each as its own process:

- bare Scrapy: a `SitemapSpider` reading title, date and language of every article the
  post sitemaps name (`bare_spider.py`);
- bare Scrapy with trafilatura in the callback (the body, as the aggregator extracts it);
- `aggregator crawl --full --local --source synth` of the same site into a fresh database
  (discovery from robots.txt, sitemaps, feeds and listings; every page read; items stored;
  stories grouped), followed by a daily run (`aggregator crawl --local`) on that database
  to measure the conditional re-crawl.

Reported: articles per second of each (whole command, start-up and grouping included), the
aggregator's ratio to bare Scrapy per round, its CPU use (user + system time over wall time:
1.0 is one core, 2.0 both), its peak memory, nginx's CPU, and how busy the machine was
with other work. Then one more aggregator run under py-spy (the `bench` extra) gives where
its CPU time goes, by component.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from measure import (
    ROOT,
    Run,
    aggregator_command,
    interleave,
    load_line,
    median,
    paired_ratios,
    process_cpu_s,
    run_measured,
    spread,
)
from synth_site import Server, SiteFiles, synthetic_site

from aggregator.store import Store

BENCH = Path(__file__).resolve().parent
TARGET_RATIO = 0.5
TARGET_MEMORY_MB = 300


def write_sources_file(folder: Path, base_url: str) -> Path:
    """A sources file naming the synthetic site only (README: "Adding a source")."""
    path = folder / "sources.toml"
    path.write_text(
        f'[synth]\nname = "Synthetic Network of Local Governments"\n'
        f'base_url = "{base_url}"\nlanguages = ["en", "fr"]\n',
        encoding="utf-8",
    )
    return path


def validators_served(url: str) -> dict[str, str]:
    """The headers nginx sends with a page (ETag and Last-Modified must be there)."""
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request) as response:
        return {k: response.headers.get(k, "") for k in ("Server", "ETag", "Last-Modified")}


class CrawlBench:
    """The contestants of one benchmark, sharing one site, one server and one work folder."""

    def __init__(self, site: SiteFiles, server: Server, work: Path) -> None:
        self.site = site
        self.server = server
        self.work = work
        self.sources = write_sources_file(work, site.base_url)
        self.count = 0

    def _measured(self, label: str, cmd: list[str]) -> Run:
        before = process_cpu_s(self.server.pids())
        run = run_measured(label, cmd, cwd=ROOT)
        run.extra["nginx_cpu_s"] = process_cpu_s(self.server.pids()) - before
        return run.check()

    def bare(self, with_body: bool = False) -> Run:
        cmd = [sys.executable, str(BENCH / "bare_spider.py"), self.site.sitemap_url]
        run = self._measured("bare", cmd + (["--trafilatura"] if with_body else []))
        said = json.loads(run.stdout.strip().splitlines()[-1])
        run.extra.update(articles=said["items"], complete=said["complete"], pages=said["pages"])
        return run

    def crawl_args(self, db: Path, *, full: bool) -> list[str]:
        args = [*aggregator_command(), "crawl", "--local", "--source", "synth"]
        args += ["--sources-file", str(self.sources), "--db", str(db)]
        return args + (["--full"] if full else [])

    def aggregator(self) -> Run:
        """A full crawl into a fresh database, then a daily run on it."""
        self.count += 1
        db = self.work / f"crawl-{self.count}" / "aggregator.db"
        db.parent.mkdir()
        run = self._measured("aggregator", self.crawl_args(db, full=True))
        daily = self._measured("daily", self.crawl_args(db, full=False))
        with Store(db, create=False) as store:
            full_row, daily_row = _two_runs(store)
            run.extra.update(
                articles=store.count_items(),
                stories=store.count_stories(),
                pages=full_row["pages_fetched"],
                not_news=full_row["not_news"],
                errors=full_row["errors"],
                daily_wall_s=daily.wall_s,
                daily_pages=daily_row["pages_fetched"],
                daily_conditional=daily_row["requests_conditional"],
                daily_not_modified=daily_row["not_modified"],
                daily_new=daily_row["items_new"],
            )
        return run


def _two_runs(store: Store) -> tuple[dict, dict]:
    """The full crawl's crawl_runs row and the daily run's, in that order."""
    rows = store.latest_runs(2)  # newest command first
    by_mode = {row["mode"]: row for row in rows}
    return by_mode["full"], by_mode["recent"]


def rate(run: Run) -> float:
    return run.extra["articles"] / run.wall_s


def report_rounds(results: dict[str, list[Run]], site: SiteFiles) -> list[str]:
    lines = [
        "| contestant | articles | wall s | articles/s | ms/article | CPU/wall | peak RSS MB "
        "| peak PSS (tree) MB | nginx CPU/wall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, runs in results.items():
        articles = Counter(r.extra["articles"] for r in runs).most_common(1)[0][0]
        lines.append(
            f"| {name} | {articles:,} | {spread([r.wall_s for r in runs], '{:.1f}')} "
            f"| {spread([rate(r) for r in runs], '{:.0f}')} "
            f"| {median([1000 * r.wall_s / r.extra['articles'] for r in runs]):.1f} "
            f"| {spread([r.cpu_share for r in runs])} "
            f"| {median([r.max_rss_mb for r in runs]):.0f} "
            f"| {median([r.peak_tree_pss_mb for r in runs]):.0f} "
            f"| {median([r.extra['nginx_cpu_s'] / r.wall_s for r in runs]):.2f} |"
        )
    return lines


def report(results: dict[str, list[Run]], site: SiteFiles, server: Server, headers: dict) -> str:
    crawl, bare = results["aggregator crawl --full"], results["bare Scrapy"]
    lines = [
        f"Site: {len(site.article_urls):,} articles ({site.mean_article_kb:.1f} KB mean), "
        f"{site.listing_pages} listing pages, {site.static_pages} other pages, "
        f"{site.bytes / 1e6:.0f} MB; {server.version} (ETag {'yes' if headers['ETag'] else 'NO'}, "
        f"Last-Modified {'yes' if headers['Last-Modified'] else 'NO'})",
        "",
        *report_rounds(results, site),
        "",
    ]
    ratios = paired_ratios(crawl, bare, rate)
    others = [r.others_share for runs in results.values() for r in runs]
    memory = max(r.max_rss_mb for r in crawl)
    tree = max(r.peak_tree_pss_mb for r in crawl)
    lines += [
        f"aggregator / bare Scrapy, articles/s per round: {spread(ratios)} "
        f"(target >= {TARGET_RATIO}: {'met' if median(ratios) >= TARGET_RATIO else 'NOT met'})",
    ]
    if "bare Scrapy + trafilatura" in results:
        with_body = paired_ratios(crawl, results["bare Scrapy + trafilatura"], rate)
        lines.append(f"aggregator / bare Scrapy + trafilatura: {spread(with_body)}")
    lines += [
        f"aggregator peak memory: {memory:.0f} MB RSS of the largest process, {tree:.0f} MB PSS "
        f"of the process tree (target < {TARGET_MEMORY_MB} MB: "
        f"{'met' if max(memory, tree) < TARGET_MEMORY_MB else 'NOT met'})",
        f"aggregator CPU: {spread([r.cpu_share for r in crawl])} cores busy on average "
        f"(user {median([r.user_s for r in crawl]):.1f} s + system "
        f"{median([r.sys_s for r in crawl]):.1f} s over {median([r.wall_s for r in crawl]):.1f} s)",
        f"aggregator pages fetched: {median([r.extra['pages'] for r in crawl]):.0f} "
        f"({median([r.extra['not_news'] for r in crawl]):.0f} refused as not news), errors "
        f"{max(r.extra['errors'] for r in crawl)}, stories {crawl[0].extra['stories']:,}",
        f"daily run after it (recent mode, nothing changed): "
        f"{spread([r.extra['daily_wall_s'] for r in crawl])} s, "
        f"{median([r.extra['daily_pages'] for r in crawl]):.0f} responses, "
        f"{median([r.extra['daily_conditional'] for r in crawl]):.0f} conditional requests, "
        f"{median([r.extra['daily_not_modified'] for r in crawl]):.0f} answered 304, "
        f"{max(r.extra['daily_new'] for r in crawl)} new items",
        f"other work on the machine during the runs: {spread(others)} of a core "
        "(everything but the measured process: other users, nginx, the benchmark)",
    ]
    incomplete = [r for r in crawl if r.extra["articles"] != len(site.article_urls)]
    if incomplete:
        lines.append(
            f"WARNING: {len(incomplete)} aggregator runs stored "
            f"{[r.extra['articles'] for r in incomplete]} of {len(site.article_urls)} articles"
        )
    return "\n".join(lines)


# -- profile ----------------------------------------------------------------------------

# Where CPU time goes, by component: the first rule (in this order) with a frame in a
# sample's stack names the sample's component; a sample no rule names goes to the
# leaf-most frame's owner (the aggregator's own code, Scrapy and Twisted, or other).
COMPONENTS: list[tuple[str, tuple[str, ...]]] = [
    ("start-up (imports)", ("_find_and_load",)),
    ("body extraction (trafilatura, selectors)",
     ("trafilatura/", "body_from_selectors", "_extract_generic")),
    ("JSON-LD and OpenGraph (extruct)", ("extruct/",)),
    ("verdict: listing check of article pages", ("ArticlePage.verdict",)),
    ("listing pages (teasers, links)", ("pages/listing.py", "parse_listing", "_read_listing")),
    ("story grouping (after the crawl)", ("aggregator/stories.py", "datasketch/")),
    ("SQLite (items, page notes, runs)", ("aggregator/store.py", "sqlite_utils/", "sqlite3/")),
    ("language detection", ("pipelines/language.py", "langdetect/")),
    ("dates (dateparser)", ("pipelines/dates.py", "dateparser/")),
    ("other pipelines (clean text, canonical, dedup)", ("pipelines/",)),
    ("other article fields (parsel, title, hints)",
     ("pages/article.py", "pages/common.py", "pages/decode.py", "parsel/")),
    ("feeds and sitemaps", ("feedparser/", "utils/sitemap.py", "utils/gz.py")),
    ("HTTP cache and validators (channels)", ("httpcache.py", "aggregator/conditional.py")),
]  # fmt: skip
OWN_CODE = ("aggregator/", "spiders/")
SCRAPY = ("scrapy/", "twisted/", "asyncio/", "selectors.py", "w3lib/", "zope/")
WAITING = ("Condition.wait", "select (selectors.py", "Queue.get", "sleep", "Event.wait")
# The parse of a page's HTML by each reader: parsel, lxml.html (listing, selectors),
# trafilatura, extruct.
PARSERS = ("create_root_node", "load_html", "document_fromstring", "fromstring (lxml/html")


def _has(stack: list[str], needles: tuple[str, ...]) -> bool:
    return any(needle in frame for frame in stack for needle in needles)


def component_of(stack: list[str]) -> str | None:
    """The component a sample's stack (root first) belongs to; None for a waiting thread."""
    if any(w in stack[-1] for w in WAITING):
        return None
    for name, needles in COMPONENTS:
        if _has(stack, needles):
            return name
    for frame in reversed(stack):
        if any(n in frame for n in SCRAPY):
            return "Scrapy and Twisted (engine, downloader, HTTP)"
        is_entry = "aggregator/cli.py" in frame or "aggregator/runner.py" in frame
        if any(n in frame for n in OWN_CODE) and not is_entry:
            return "frontier and spider bookkeeping"
    return "other (interpreter, stdlib)"


def read_raw_profile(path: Path) -> list[tuple[list[str], int]]:
    """py-spy's raw (collapsed) stacks: frames root first, and their sample counts."""
    stacks = []
    for line in path.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        if frames:
            stacks.append((frames.split(";"), int(count)))
    return stacks


def profile_breakdown(path: Path, cpu_s: float, articles: int, source: str) -> str:
    """Shares of the CPU samples by component, and ms per article from `cpu_s` (the timed
    runs' CPU time when there are some: sampling perturbs the profiled run's own)."""
    stacks = read_raw_profile(path)
    by_component: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    parsing = waiting = 0
    for stack, count in stacks:
        name = component_of(stack)
        if name is None:
            waiting += count
            continue
        by_component[name] += count
        leaves[stack[-1]] += count
        parsing += count * _has(stack, PARSERS)
    total = sum(by_component.values())
    per_article = 1000 * cpu_s / articles
    lines = [
        f"{total:,} samples of busy threads ({waiting:,} of waiting threads left out); "
        f"{per_article:.1f} ms of CPU per article ({source})",
        "",
        "| component | share of CPU | ms per article |",
        "| --- | --- | --- |",
    ]
    for name, count in by_component.most_common():
        lines.append(f"| {name} | {count / total:.0%} | {per_article * count / total:.2f} |")
    lines += [
        "",
        f"HTML parsing by every reader (parsel, lxml.html, trafilatura, extruct): "
        f"{parsing / total:.0%} of CPU",
        "",
        "Busiest functions (own time):",
    ]
    lines += [f"  {count / total:5.1%}  {frame[:110]}" for frame, count in leaves.most_common(15)]
    return "\n".join(lines)


def run_profile(bench: CrawlBench, rate_hz: int, cpu_s: float | None, out: Path) -> str:
    """Profile one full crawl; `cpu_s` (the timed runs' CPU time) turns shares into ms per
    article, else the samples themselves do. The raw stacks are kept in `out`."""
    py_spy = Path(sys.executable).with_name("py-spy")
    if not py_spy.exists():
        return "profile skipped: py-spy is not installed (pip install -e '.[bench]')"
    bench.count += 1
    db = bench.work / f"crawl-{bench.count}" / "aggregator.db"
    db.parent.mkdir()
    cmd = [str(py_spy), "record", "--subprocesses", "--nonblocking", "--rate", str(rate_hz)]
    cmd += ["--format", "raw"]
    cmd += ["--output", str(out), "--", *bench.crawl_args(db, full=True)]
    run_measured("profile", cmd, cwd=ROOT).check()
    with Store(db, create=False) as store:
        articles = store.count_items()
    if cpu_s is None:
        samples = sum(count for _stack, count in read_raw_profile(out))
        return profile_breakdown(out, samples / rate_hz, articles, "from the samples")
    return profile_breakdown(out, cpu_s, articles, "the timed runs' CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles (default 2,000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip that contestant")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy run")
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second")
    parser.add_argument(
        "--profile-out", type=Path, help="keep py-spy's raw stacks there (for a flame graph)"
    )
    args = parser.parse_args()
    print(f"machine: {load_line()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        work = Path(tmp)
        with synthetic_site(args.articles, work) as (site, server):
            headers = validators_served(site.article_urls[0])
            bench = CrawlBench(site, server, work)
            contestants: dict[str, Callable[[], Run]] = {"bare Scrapy": bench.bare}
            if not args.no_trafilatura:
                contestants["bare Scrapy + trafilatura"] = lambda: bench.bare(with_body=True)
            contestants["aggregator crawl --full"] = bench.aggregator
            results = interleave(contestants, args.rounds)
            cpu_s = None
            if args.rounds:
                print()
                print(report(results, site, server, headers))
                print(f"machine after: {load_line()}")
                cpu_s = median([r.cpu_s for r in results["aggregator crawl --full"]])
            if not args.no_profile:
                print("\nProfile of one `aggregator crawl --full --local` (py-spy):\n")
                out = args.profile_out or work / "profile.txt"
                print(run_profile(bench, args.rate, cpu_s, out))


if __name__ == "__main__":
    main()
