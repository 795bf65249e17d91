"""What the crawler asks of each site: requests per source for a first crawl, a day with new
and edited articles, a day with nothing new, and a --full run, counted from the mirror's log.

    python bench/bench_requests.py [--rendition main] [--rendition legacy ...]

For each rendition (default: main and legacy) it serves the mirror on free ports, crawls day
1 into a new database, switches the mirror to day 2 (two new articles and one edited per
site) and crawls again, crawls once more (nothing new), then once with --full. Each line:
requests, full downloads (200), 304s, other statuses (404 probes, 301 redirects), requests
sent conditionally, and whether any URL was fetched twice in the run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from aggregator.mirror import serve_mirror

SOURCES = ("cemr", "platforma", "uclg", "ogp")
STEPS = (("day 1 (first crawl)", 1, ()), ("day 2 (2 new, 1 edited)", 2, ()),
         ("day 3 (nothing new)", 2, ()), ("--full", 2, ("--full",)))  # fmt: skip


def crawl(db: Path, mirror: dict[str, str], *extra: str) -> None:
    command = [sys.executable, "-m", "aggregator.cli", "crawl", "--local", "--db", str(db)]
    for key, url in mirror.items():
        command += ["--base-url", f"{key}={url}"]
    result = subprocess.run([*command, *extra], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"crawl failed:\n{result.stdout}\n{result.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rendition", action="append", default=[])
    args = parser.parse_args()
    for rendition in args.rendition or ["main", "legacy"]:
        print(f"\n{rendition}")
        print(f"{'':<26}{'source':<10}{'requests':>9}{'200':>6}{'304':>6}{'other':>7}"
              f"{'conditional':>13}  fetched twice")  # fmt: skip
        with (
            tempfile.TemporaryDirectory() as tmp,
            serve_mirror(rendition, ports={key: 0 for key in SOURCES}) as mirror,
        ):
            db = Path(tmp) / "bench.db"
            for label, day, extra in STEPS:
                if day != mirror.day:
                    mirror.switch(day=day)
                mirror.log.clear()
                crawl(db, mirror, *extra)
                for source in SOURCES:
                    log = mirror.requests(source)
                    statuses = Counter(r.status for r in log)
                    twice = [p for p, n in Counter(r.path for r in log).items() if n > 1]
                    print(
                        f"{label:<26}{source:<10}{len(log):>9}{statuses[200]:>6}"
                        f"{statuses[304]:>6}{len(log) - statuses[200] - statuses[304]:>7}"
                        f"{sum(r.conditional for r in log):>13}  {', '.join(twice) or 'none'}"
                    )
                    label = ""


if __name__ == "__main__":
    main()
