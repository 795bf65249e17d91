"""Time and memory of a crawl of a small site, with and without its faulty URLs.

    PYTHONPATH=. python bench/bench_unattended.py [--rounds 3]   # it serves tests/hostile_site.py

The site is the hostile test site (tests/hostile_site.py): nine good articles, and with
faults also a gzip bomb (100 MB expanded), a 30 MB page, a redirect loop, an off-site
redirect, a page slower than the timeout, a dropped connection, empty and binary pages,
a 404, a broken sitemap and a broken feed. Each round runs `aggregator crawl --local
--timeout 2` into a new database in a subprocess and reads its peak resident memory.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.hostile_site import crawl_measured, serve_hostile, sources_file


def one_crawl(faults: bool, workdir: Path) -> tuple[float, float, int]:
    """Seconds, peak MB and exit status of one crawl."""
    with serve_hostile(faults=faults) as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        db = workdir / f"{time.monotonic_ns()}.db"
        code, _, seconds, peak = crawl_measured(db, base, sources_file(workdir))
    return seconds, peak, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[bool, list[tuple[float, float, int]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for faults in (False, True):  # interleaved
                results[faults].append(one_crawl(faults, Path(tmp)))
    for faults, runs in results.items():
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        codes = sorted({r[2] for r in runs})
        label = "with faults   " if faults else "without faults"
        print(f"{label}: median {seconds:.1f} s, peak {peak:.0f} MB, exit {codes}")
    print(f"(load: {Path('/proc/loadavg').read_text().split()[:3]})")


if __name__ == "__main__":
    main()
